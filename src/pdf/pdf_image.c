/* pdf_image.c — loads each image file once (PNG with alpha, JPEG grey, RGB
 * and CMYK) as a libharu image XObject. */
#include "pdf_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether a JPEG carries Adobe's APP14 marker. Photoshop-style CMYK JPEGs
 * (the ones with the marker) store inverted values, which libharu's
 * /Decode [1 0 1 0 1 0 1 0] undoes; a CMYK JPEG without it is stored plain. */
static int jpeg_has_adobe_marker(const char *file) {
    FILE *fp = fopen(file, "rb");
    if (!fp)
        return 1;
    unsigned char h[4];
    int found = 0;
    if (fread(h, 1, 2, fp) != 2 || h[0] != 0xFF || h[1] != 0xD8) {
        fclose(fp);
        return 1;
    }
    for (;;) {
        int b = fgetc(fp);
        while (b == 0xFF)
            b = fgetc(fp);
        if (b == EOF || b == 0xDA || b == 0xD9)
            break;
        if (fread(h, 1, 2, fp) != 2)
            break;
        long len = (long)h[0] << 8 | h[1];
        if (len < 2)
            break;
        if (b == 0xEE && len >= 7) {
            char id[5];
            if (fread(id, 1, 5, fp) == 5 && memcmp(id, "Adobe", 5) == 0)
                found = 1;
            break;
        }
        if (fseek(fp, len - 2, SEEK_CUR) != 0)
            break;
    }
    fclose(fp);
    return found;
}

static HPDF_Image load(pdf_ctx *c, const folio_image *im) {
    pdf_doing(c, "loading image %s", im->rel ? im->rel : im->file);
    HPDF_Image img = NULL;
    if (im->format == IMAGE_PNG) {
        img = HPDF_LoadPngImageFromFile(c->pdf, im->file);
        /* libharu compresses the colour data but leaves the alpha channel's
         * soft mask raw (a megabyte for a 1200x800 picture). */
        HPDF_Dict smask = img ? HPDF_Dict_GetItem(img, "SMask", HPDF_OCLASS_DICT) : NULL;
        if (smask)
            smask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    } else if (im->format == IMAGE_JPEG) {
        img = HPDF_LoadJpegImageFromFile(c->pdf, im->file);
        if (img && HPDF_Dict_GetItem(img, "Decode", HPDF_OCLASS_ARRAY) &&
            !jpeg_has_adobe_marker(im->file))
            HPDF_Dict_RemoveElement(img, "Decode");
    } else {
        pdf_fail(c, "%s: not a PNG or JPEG image", im->rel ? im->rel : im->file);
        return NULL;
    }
    if (pdf_checkp(c, img))
        return NULL;
    return img;
}

HPDF_Image pdf_image_get(pdf_ctx *c, const folio_image *im) {
    for (size_t i = 0; i < c->nimages; i++)
        if (strcmp(c->images[i].file, im->file) == 0)
            return c->images[i].img;
    if (c->nimages == c->capimages) {
        size_t cap = c->capimages ? c->capimages * 2 : 16;
        pdf_image *p = realloc(c->images, cap * sizeof *p);
        if (!p) {
            pdf_fail(c, "out of memory");
            return NULL;
        }
        c->images = p;
        c->capimages = cap;
    }
    HPDF_Image img = load(c, im);
    if (!img)
        return NULL;
    c->images[c->nimages].file = im->file;
    c->images[c->nimages].img = img;
    c->nimages++;
    return img;
}

void pdf_images_free(pdf_ctx *c) {
    free(c->images);
    c->images = NULL;
    c->nimages = c->capimages = 0;
}
