/* pdf_decode.c — decodes the PNGs that cannot go into the PDF as they are.
 *
 * libharu 2.3.0's PNG reader lets libpng abort() the process on a damaged
 * file, so folio decodes PNGs itself with error handlers that return instead:
 * a bad image becomes a message, never a crash or a broken picture in the
 * file. (JPEGs are checked by pdf_jpeg.c.) */
#include "pdf_decode.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>

#include <png.h>
#include <stdlib.h>
#include <string.h>

typedef struct png_err {
    jmp_buf jmp;
    char *why;
    size_t whylen;
} png_err;

static void png_error_fn(png_structp png, png_const_charp msg) {
    png_err *e = png_get_error_ptr(png);
    snprintf(e->why, e->whylen, "damaged PNG data (%s)", msg);
    longjmp(e->jmp, 1);
}

static void png_warning_fn(png_structp png, png_const_charp msg) {
    (void)png, (void)msg;
}

/* The part of png_decode that runs under setjmp: everything it allocates is
 * reachable from *out so that the caller can free it after a longjmp. */
static int png_read_all(FILE *fp, png_err *e, pdf_pixels *out, png_bytep **rows_out,
                        png_structp *pngp, png_infop *infop) {
    png_structp png =
        png_create_read_struct(PNG_LIBPNG_VER_STRING, e, png_error_fn, png_warning_fn);
    *pngp = png;
    if (!png) {
        snprintf(e->why, e->whylen, "out of memory");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    *infop = info;
    if (!info) {
        snprintf(e->why, e->whylen, "out of memory");
        return -1;
    }
    if (setjmp(e->jmp)) return -1;
    png_init_io(png, fp);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    if (w == 0 || h == 0 || w > 30000 || h > 30000) {
        snprintf(e->why, e->whylen, "unsupported size %ux%u", (unsigned)w, (unsigned)h);
        return -1;
    }
    /* Everything becomes 8-bit grey or RGB, with an 8-bit alpha channel when
     * the file has transparency in any form. */
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int ct = png_get_color_type(png, info);
    int ch = png_get_channels(png, info);
    int color = (ct & PNG_COLOR_MASK_COLOR) ? 3 : 1;
    int alpha = (ct & PNG_COLOR_MASK_ALPHA) ? 1 : 0;
    if (ch != color + alpha || png_get_bit_depth(png, info) != 8) {
        snprintf(e->why, e->whylen, "unsupported PNG pixel format");
        return -1;
    }
    size_t stride = (size_t)w * (size_t)ch;
    unsigned char *px = malloc(stride * h);
    png_bytep *rows = malloc(h * sizeof *rows);
    *rows_out = rows;
    out->data = px;
    if (!px || !rows) {
        snprintf(e->why, e->whylen, "out of memory");
        return -1;
    }
    for (png_uint_32 y = 0; y < h; y++)
        rows[y] = px + y * stride;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    out->width = (int)w, out->height = (int)h, out->components = color, out->alpha = alpha;
    return 0;
}

int png_decode(const char *file, pdf_pixels *out, char *why, size_t whylen) {
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(file, "rb");
    if (!fp) {
        snprintf(why, whylen, "%s", strerror(errno));
        return -1;
    }
    png_err e;
    e.why = why, e.whylen = whylen;
    png_structp png = NULL;
    png_infop info = NULL;
    png_bytep *rows = NULL;
    int rc = png_read_all(fp, &e, out, &rows, &png, &info);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    fclose(fp);
    if (rc) pixels_free(out);
    return rc;
}

void pixels_free(pdf_pixels *p) {
    free(p->data);
    memset(p, 0, sizeof *p);
}
