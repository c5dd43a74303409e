/* pdf_image.c — each image file as an image XObject, once however often it
 * is placed: plain PNGs embedded with their own compressed data, other PNGs
 * decoded by folio (soft mask for alpha) and compressed once, JPEGs checked
 * and embedded as they are (grey, RGB, CMYK).
 *
 * Reading, decoding and compressing the files touches neither libharu nor
 * the fonts, and takes about an eighth of the PDF stage of the bench issue
 * (most of it one chart PNG with alpha): pdf_images_start does it for every
 * image the document places on a thread of its own while the fonts are
 * prepared; pdf_image_get then only makes the objects, on the writer's
 * thread, in the order the pages place them, as before. */
#define _GNU_SOURCE /* sched_getaffinity */
#include "pdf_private.h"

#include "pdf_decode.h"
#include "pdf_png.h"

#include <libdeflate.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { IMG_PLAIN_PNG, IMG_PIXELS, IMG_JPEG } img_kind;

/* One image file: what the thread made of it, then its XObject. */
typedef struct img_entry {
    const folio_image *im;
    img_kind kind;
    png_raw raw;            /* IMG_PLAIN_PNG */
    uint32_t width, height; /* IMG_PIXELS: */
    int colors;             /* 1 or 3 */
    unsigned char *rows;    /* colour rows, Up-predicted, as a zlib stream */
    unsigned char *alpha;   /* the soft mask's likewise; NULL when opaque */
    size_t nrows, nalpha;   /* their lengths */
    int components, adobe;  /* IMG_JPEG, as jpeg_check says */
    int bad;                /* unreadable: why says why */
    char why[200];
    HPDF_Image img; /* made on first use */
} img_entry;

struct pdf_images {
    img_entry *v;
    size_t n;
    pthread_t thread;
    int started, decoded;
};

/* ---- on the decoding thread: files to bytes, no libharu ---------------------- */

/* data[0..len) into a malloc'd zlib stream *out, with z at level 1: image
 * rows a PNG predictor has mostly flattened gain little from a higher one.
 * 0 or -1 (out of memory). */
static int squeeze(struct libdeflate_compressor *z, const unsigned char *data, size_t len,
                   unsigned char **out, size_t *n) {
    size_t cap = libdeflate_zlib_compress_bound(z, len);
    if (!(*out = malloc(cap))) return -1;
    *n = libdeflate_zlib_compress(z, data, len, *out, cap);
    return *n ? 0 : -1;
}

/* Decoded pixels as colour rows and, when some pixel is not opaque, alpha
 * rows, each compressed once. Each row is led by PNG's Up predictor: flat
 * artwork (charts, logos) then compresses to nearly nothing even at a fast
 * level. Colour and alpha are parted and predicted in one pass. 0 or -1. */
static int predict(img_entry *e, const pdf_pixels *px, struct libdeflate_compressor *z) {
    size_t w = (size_t)px->width, h = (size_t)px->height, nc = (size_t)px->components;
    size_t ch = nc + (px->alpha ? 1 : 0), in_row = w * ch;
    size_t crow = 1 + w * nc, arow = 1 + w;
    unsigned char *fc = malloc(crow * h), *fa = px->alpha ? malloc(arow * h) : NULL;
    unsigned char *zero = calloc(1, in_row); /* the row above the first */
    int rc = -1;
    if (!fc || (px->alpha && !fa) || !zero) goto done;
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
    e->kind = IMG_PIXELS;
    e->width = (uint32_t)w, e->height = (uint32_t)h, e->colors = (int)nc;
    rc = squeeze(z, fc, crow * h, &e->rows, &e->nrows);
    if (!rc && fa && opaque != 255) rc = squeeze(z, fa, arow * h, &e->alpha, &e->nalpha);
done:
    free(fc), free(fa), free(zero);
    return rc;
}

static void decode_png(img_entry *e, struct libdeflate_compressor *z) {
    int plain = png_raw_read(e->im->file, &e->raw, e->why, sizeof e->why);
    if (plain < 0) {
        e->bad = 1;
        return;
    }
    if (plain == 1) {
        e->kind = IMG_PLAIN_PNG;
        return;
    }
    pdf_pixels px;
    int bad = plain == 2 ? png_raw_pixels(&e->raw, &px, e->why, sizeof e->why)
                         : png_decode(e->im->file, &px, e->why, sizeof e->why);
    png_raw_free(&e->raw);
    if (bad) {
        e->bad = 1;
        return;
    }
    if (!z || predict(e, &px, z)) {
        e->bad = 1;
        snprintf(e->why, sizeof e->why, "out of memory");
    }
    pixels_free(&px);
}

static void decode(img_entry *e, struct libdeflate_compressor *z) {
    if (e->im->format == FOLIO_IMAGE_PNG) {
        decode_png(e, z);
    } else if (e->im->format == FOLIO_IMAGE_JPEG) {
        e->kind = IMG_JPEG;
        e->bad = jpeg_check(e->im->file, &e->components, &e->adobe, e->why, sizeof e->why) != 0;
    } else {
        e->bad = 1;
        snprintf(e->why, sizeof e->why, "not a PNG or JPEG image");
    }
}

static void *decode_all(void *arg) {
    pdf_images *s = arg;
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
    for (size_t i = 0; i < s->n; i++)
        decode(&s->v[i], z);
    libdeflate_free_compressor(z);
    return NULL;
}

/* ---- on the writer's thread: bytes to objects -------------------------------- */

/* A new image XObject holding data, a zlib stream of rows (with PNG row
 * predictors when predictor_colors > 0), in colour space cs (a name or an
 * array). */
static HPDF_Dict xobject(pdf_ctx *c, uint32_t w, uint32_t h, void *cs, int predictor_colors,
                         const unsigned char *data, size_t len) {
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
    pdf_deflate_mark(img);
    st = HPDF_Stream_Write(img->stream, data, (HPDF_UINT)len);
    return pdf_check(c, st) ? NULL : img;
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
    return xobject(c, r->width, r->height, cs, r->colors, r->data, r->len);
}

/* Predicted rows, compressed already, as an image XObject. */
static HPDF_Image squeezed(pdf_ctx *c, uint32_t w, uint32_t h, int colors, const unsigned char *z,
                           size_t n) {
    void *cs = device_space(c, colors);
    return pdf_checkp(c, cs) ? NULL : xobject(c, w, h, cs, colors, z, n);
}

static HPDF_Image from_pixels(pdf_ctx *c, const img_entry *e) {
    HPDF_Image img = squeezed(c, e->width, e->height, e->colors, e->rows, e->nrows);
    if (img && e->alpha) {
        HPDF_Image mask = squeezed(c, e->width, e->height, 1, e->alpha, e->nalpha);
        if (!mask || pdf_check(c, HPDF_Dict_Add(img, "SMask", mask))) img = NULL;
    }
    return img;
}

static HPDF_Image from_jpeg(pdf_ctx *c, const img_entry *e) {
    /* The JPEG data goes in as it is (DCTDecode). */
    HPDF_Image img = HPDF_LoadJpegImageFromFile(c->pdf, e->im->file);
    if (pdf_checkp(c, img)) return NULL;
    /* libharu always writes /Decode [1 0 1 0 1 0 1 0] for CMYK: right for
     * Adobe's inverted CMYK JPEGs (APP14 marker), wrong for plain ones. */
    if (e->components == 4 && !e->adobe) HPDF_Dict_RemoveElement(img, "Decode");
    if (e->components < 3) return img;
    void *cs = e->components == 3 ? pdf_rgb_space(c) : pdf_cmyk_space(c);
    return cs && !pdf_check(c, HPDF_Dict_Add(img, "ColorSpace", cs)) ? img : NULL;
}

static HPDF_Image make(pdf_ctx *c, const img_entry *e) {
    const char *name = e->im->rel ? e->im->rel : e->im->file;
    pdf_doing(c, "loading image %s", name);
    if (e->bad) {
        pdf_fail(c,
                 e->im->format == FOLIO_IMAGE_PNG || e->im->format == FOLIO_IMAGE_JPEG
                     ? "cannot read image %s: %s"
                     : "%s: %s",
                 name, e->why);
        return NULL;
    }
    if (e->kind == IMG_PLAIN_PNG) return png_as_is(c, &e->raw);
    return e->kind == IMG_PIXELS ? from_pixels(c, e) : from_jpeg(c, e);
}

/* Whether v[0..n) holds an entry for file. */
static int listed(const img_entry *v, size_t n, const char *file) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].im->file, file)) return 1;
    return 0;
}

int pdf_images_start(pdf_ctx *c) {
    pdf_images *s = calloc(1, sizeof *s);
    size_t boxes = 0;
    for (size_t p = 0; p < c->doc->npages; p++)
        boxes += c->doc->pages[p].nboxes;
    if (!s || !(s->v = calloc(boxes ? boxes : 1, sizeof *s->v))) {
        free(s);
        return pdf_fail(c, "out of memory");
    }
    for (size_t p = 0; p < c->doc->npages; p++)
        for (size_t b = 0; b < c->doc->pages[p].nboxes; b++) {
            const folio_box *x = &c->doc->pages[p].boxes[b];
            if (x->type == FOLIO_BOX_IMAGE && x->image && !listed(s->v, s->n, x->image->file))
                s->v[s->n++].im = x->image;
        }
    c->images = s;
    /* On one core a thread would only take turns with this one; without a
     * thread the images are decoded when the first is wanted. */
    cpu_set_t cpus;
    int spare = sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 1;
    s->started = s->n && spare && pthread_create(&s->thread, NULL, decode_all, s) == 0;
    return 0;
}

/* Waits for the decoding (or does it, when no thread started). */
static void wait_decoded(pdf_images *s) {
    if (s->decoded) return;
    if (s->started)
        pthread_join(s->thread, NULL);
    else
        decode_all(s);
    s->decoded = 1;
}

HPDF_Image pdf_image_get(pdf_ctx *c, const folio_image *im) {
    pdf_images *s = c->images;
    wait_decoded(s);
    for (size_t i = 0; i < s->n; i++) {
        img_entry *e = &s->v[i];
        if (strcmp(e->im->file, im->file)) continue;
        if (!e->img) e->img = make(c, e);
        return e->img;
    }
    pdf_fail(c, "image %s was not found among the page's boxes", im->rel ? im->rel : im->file);
    return NULL;
}

void pdf_images_free(pdf_ctx *c) {
    pdf_images *s = c->images;
    if (!s) return;
    if (s->started && !s->decoded) pthread_join(s->thread, NULL);
    for (size_t i = 0; i < s->n; i++) {
        png_raw_free(&s->v[i].raw);
        free(s->v[i].rows);
        free(s->v[i].alpha);
    }
    free(s->v);
    free(s);
    c->images = NULL;
}
