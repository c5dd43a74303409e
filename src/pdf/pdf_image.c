/* pdf_image.c — loads each image file once as an image XObject: PNGs decoded
 * by folio (soft mask for alpha), JPEGs checked whole and embedded as they are
 * (grey, RGB, CMYK). */
#include "pdf_private.h"

#include "pdf_decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HPDF_Image load_png(pdf_ctx *c, const folio_image *im, const char *name) {
    pdf_pixels px;
    char why[200];
    if (png_decode(im->file, &px, why, sizeof why)) {
        pdf_fail(c, "cannot read image %s: %s", name, why);
        return NULL;
    }
    HPDF_Image img = HPDF_LoadRawImageFromMem(
        c->pdf, px.color, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
        px.components == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
    if (pdf_checkp(c, img)) {
        pixels_free(&px);
        return NULL;
    }
    img->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    if (px.alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(c->pdf, px.alpha, (HPDF_UINT)px.width,
                                                   (HPDF_UINT)px.height, HPDF_CS_DEVICE_GRAY, 8);
        if (pdf_checkp(c, mask)) {
            pixels_free(&px);
            return NULL;
        }
        mask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        if (pdf_check(c, HPDF_Image_AddSMask(img, mask))) {
            pixels_free(&px);
            return NULL;
        }
    }
    pixels_free(&px);
    return img;
}

static HPDF_Image load_jpeg(pdf_ctx *c, const folio_image *im, const char *name) {
    int comps = 0, adobe = 0;
    char why[200];
    if (jpeg_verify(im->file, &comps, &adobe, why, sizeof why)) {
        pdf_fail(c, "cannot read image %s: %s", name, why);
        return NULL;
    }
    /* The JPEG data goes in as it is (DCTDecode). */
    HPDF_Image img = HPDF_LoadJpegImageFromFile(c->pdf, im->file);
    if (pdf_checkp(c, img))
        return NULL;
    /* libharu always writes /Decode [1 0 1 0 1 0 1 0] for CMYK: right for
     * Adobe's inverted CMYK JPEGs (APP14 marker), wrong for plain ones. */
    if (comps == 4 && !adobe)
        HPDF_Dict_RemoveElement(img, "Decode");
    return img;
}

static HPDF_Image load(pdf_ctx *c, const folio_image *im) {
    const char *name = im->rel ? im->rel : im->file;
    pdf_doing(c, "loading image %s", name);
    if (im->format == IMAGE_PNG)
        return load_png(c, im, name);
    if (im->format == IMAGE_JPEG)
        return load_jpeg(c, im, name);
    pdf_fail(c, "%s: not a PNG or JPEG image", name);
    return NULL;
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
