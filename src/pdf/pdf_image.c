/* pdf_image.c — loads each image file once as an image XObject: plain PNGs
 * embedded with their own compressed data, other PNGs decoded by folio (soft
 * mask for alpha) and compressed once, JPEGs checked and embedded as they are
 * (grey, RGB, CMYK). */
#include "pdf_private.h"

#include "pdf_decode.h"
#include "pdf_png.h"
#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new image XObject holding data (rows to compress, or when compressed
 * is set a zlib stream already; with PNG row predictors when colors > 0) in
 * colour space cs (a name or an array). */
static HPDF_Dict xobject(pdf_ctx *c, uint32_t w, uint32_t h, void *cs, int predictor_colors,
                         const unsigned char *data, size_t len, int compressed) {
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Dict img = HPDF_DictStream_New(mm, c->pdf->xref);
    if (pdf_checkp(c, img)) return NULL;
    /* what libharu's own image loaders mark */
    img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    HPDF_STATUS st = HPDF_Dict_AddName(img, "Type", "XObject");
    st |= HPDF_Dict_AddName(img, "Subtype", "Image");
    st |= HPDF_Dict_AddNumber(img, "Width", (HPDF_INT32)w);
    st |= HPDF_Dict_AddNumber(img, "Height", (HPDF_INT32)h);
    st |= HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
    st |= HPDF_Dict_Add(img, "ColorSpace", cs);
    if (predictor_colors) {
        HPDF_Dict parms = HPDF_Dict_New(mm);
        if (pdf_checkp(c, parms)) return NULL;
        st |= HPDF_Dict_AddNumber(parms, "Predictor", 15);
        st |= HPDF_Dict_AddNumber(parms, "Colors", predictor_colors);
        st |= HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
        st |= HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)w);
        st |= HPDF_Dict_Add(img, "DecodeParms", parms);
    }
    if (pdf_check(c, st)) return NULL;
    if (compressed) {
        pdf_deflate_mark(img);
        st = HPDF_Stream_Write(img->stream, data, (HPDF_UINT)len);
        return pdf_check(c, st) ? NULL : img;
    }
    return pdf_deflate_into(c, img, data, len, 1) ? NULL : img;
}

static void *device_space(pdf_ctx *c, int colors) {
    return colors == 3 ? pdf_rgb_space(c) : HPDF_Name_New(c->pdf->mmgr, "DeviceGray");
}

/* A plain PNG: its IDAT data becomes the stream as it is. */
static HPDF_Image png_as_is(pdf_ctx *c, const png_raw *r) {
    void *cs;
    if (r->npalette) {
        HPDF_Array a = HPDF_Array_New(c->pdf->mmgr);
        if (pdf_checkp(c, a)) return NULL;
        void *base = pdf_rgb_space(c);
        if (!base) return NULL;
        HPDF_STATUS st = HPDF_Array_AddName(a, "Indexed");
        st |= HPDF_Array_Add(a, base);
        st |= HPDF_Array_AddNumber(a, r->npalette - 1);
        st |= HPDF_Array_Add(a, HPDF_Binary_New(c->pdf->mmgr, (HPDF_BYTE *)r->palette,
                                                (HPDF_UINT)(3 * r->npalette)));
        if (pdf_check(c, st)) return NULL;
        cs = a;
    } else {
        cs = device_space(c, r->colors);
    }
    if (pdf_checkp(c, cs)) return NULL;
    return xobject(c, r->width, r->height, cs, r->colors, r->data, r->len, 1);
}

/* n bytes of predicted rows, compressed, as an image XObject. */
static HPDF_Image squeezed(pdf_ctx *c, uint32_t w, uint32_t h, int colors,
                           const unsigned char *rows, size_t n) {
    void *cs = device_space(c, colors);
    return pdf_checkp(c, cs) ? NULL : xobject(c, w, h, cs, colors, rows, n, 0);
}

/* Decoded pixels, compressed once as the colour image and, when some pixel
 * is not opaque, its soft mask. Each row is led by PNG's Up predictor: flat
 * artwork (charts, logos) then compresses to nearly nothing even at a fast
 * level. Colour and alpha are parted and predicted in one pass. */
static HPDF_Image from_pixels(pdf_ctx *c, const pdf_pixels *px) {
    size_t w = (size_t)px->width, h = (size_t)px->height, nc = (size_t)px->components;
    size_t ch = nc + (px->alpha ? 1 : 0), in_row = w * ch;
    size_t crow = 1 + w * nc, arow = 1 + w;
    unsigned char *fc = malloc(crow * h), *fa = px->alpha ? malloc(arow * h) : NULL;
    unsigned char *zero = calloc(1, in_row); /* the row above the first */
    if (!fc || (px->alpha && !fa) || !zero) {
        free(fc), free(fa), free(zero);
        pdf_fail(c, "out of memory");
        return NULL;
    }
    unsigned char opaque = 255;
    for (size_t y = 0; y < h; y++) {
        const unsigned char *p = px->data + y * in_row, *up = y ? p - in_row : zero;
        unsigned char *oc = fc + y * crow + 1, *oa = fa ? fa + y * arow + 1 : NULL;
        oc[-1] = 2;
        if (!oa) {
            for (size_t i = 0; i < in_row; i++)
                oc[i] = (unsigned char)(p[i] - up[i]);
            continue;
        }
        oa[-1] = 2;
        for (size_t x = 0; x < w; x++, p += ch, up += ch, oc += nc) {
            for (size_t k = 0; k < nc; k++)
                oc[k] = (unsigned char)(p[k] - up[k]);
            oa[x] = (unsigned char)(p[nc] - up[nc]);
            opaque &= p[nc];
        }
    }
    free(zero);
    HPDF_Image img = squeezed(c, (uint32_t)w, (uint32_t)h, (int)nc, fc, crow * h);
    free(fc);
    if (img && fa && opaque != 255) {
        HPDF_Image mask = squeezed(c, (uint32_t)w, (uint32_t)h, 1, fa, arow * h);
        if (!mask || pdf_check(c, HPDF_Dict_Add(img, "SMask", mask))) img = NULL;
    }
    free(fa);
    return img;
}

static HPDF_Image load_png(pdf_ctx *c, const folio_image *im, const char *name) {
    char why[200];
    png_raw r;
    int plain = png_raw_read(im->file, &r, why, sizeof why);
    if (plain < 0) {
        pdf_fail(c, "cannot read image %s: %s", name, why);
        return NULL;
    }
    if (plain == 1) {
        HPDF_Image img = png_as_is(c, &r);
        png_raw_free(&r);
        return img;
    }
    pdf_pixels px;
    int bad = plain == 2 ? png_raw_pixels(&r, &px, why, sizeof why)
                         : png_decode(im->file, &px, why, sizeof why);
    png_raw_free(&r);
    if (bad) {
        pdf_fail(c, "cannot read image %s: %s", name, why);
        return NULL;
    }
    HPDF_Image img = from_pixels(c, &px);
    pixels_free(&px);
    return img;
}

static HPDF_Image load_jpeg(pdf_ctx *c, const folio_image *im, const char *name) {
    int comps = 0, adobe = 0;
    char why[200];
    if (jpeg_check(im->file, &comps, &adobe, why, sizeof why)) {
        pdf_fail(c, "cannot read image %s: %s", name, why);
        return NULL;
    }
    /* The JPEG data goes in as it is (DCTDecode). */
    HPDF_Image img = HPDF_LoadJpegImageFromFile(c->pdf, im->file);
    if (pdf_checkp(c, img)) return NULL;
    /* libharu always writes /Decode [1 0 1 0 1 0 1 0] for CMYK: right for
     * Adobe's inverted CMYK JPEGs (APP14 marker), wrong for plain ones. */
    if (comps == 4 && !adobe) HPDF_Dict_RemoveElement(img, "Decode");
    if (comps < 3) return img;
    void *cs = comps == 3 ? pdf_rgb_space(c) : pdf_cmyk_space(c);
    return cs && !pdf_check(c, HPDF_Dict_Add(img, "ColorSpace", cs)) ? img : NULL;
}

static HPDF_Image load(pdf_ctx *c, const folio_image *im) {
    const char *name = im->rel ? im->rel : im->file;
    pdf_doing(c, "loading image %s", name);
    if (im->format == FOLIO_IMAGE_PNG) return load_png(c, im, name);
    if (im->format == FOLIO_IMAGE_JPEG) return load_jpeg(c, im, name);
    pdf_fail(c, "%s: not a PNG or JPEG image", name);
    return NULL;
}

HPDF_Image pdf_image_get(pdf_ctx *c, const folio_image *im) {
    for (size_t i = 0; i < c->nimages; i++)
        if (strcmp(c->images[i].file, im->file) == 0) return c->images[i].img;
    if (grow_array(&c->images, &c->capimages, c->nimages + 1, sizeof *c->images, 16)) {
        pdf_fail(c, "out of memory");
        return NULL;
    }
    HPDF_Image img = load(c, im);
    if (!img) return NULL;
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
