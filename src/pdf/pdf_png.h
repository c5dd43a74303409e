/* pdf_png.h — a PNG's own compressed data, for embedding without decoding (see pdf_png.c). */
#ifndef FOLIO_PDF_PNG_H
#define FOLIO_PDF_PNG_H

#include "pdf_decode.h"

#include <stddef.h>
#include <stdint.h>

/* A PNG whose pixel data a PDF FlateDecode stream with PNG predictors reads
 * as it is: 8 bits per sample, not interlaced, grey, RGB or palette, and no
 * transparency. */
typedef struct png_raw {
    uint32_t width, height;
    int colors;   /* samples per pixel: 1 (grey or palette) or 3 */
    int alpha;    /* 1: an alpha sample follows (png_raw_pixels) */
    int npalette; /* palette entries (0: not a palette image) */
    unsigned char palette[768];
    unsigned char *data; /* the IDAT chunks joined (malloc'd) */
    size_t len;
} png_raw;

/* Reads the PNG file: checks every chunk's CRC and inflates the image data
 * once (without keeping it) to prove it whole and of the right size.
 * Returns 1 with *r filled (free with png_raw_free) when the image can go in
 * as it is, 2 with *r filled when it is 8-bit grey or RGB with alpha and
 * not interlaced (for png_raw_pixels; the data is not checked yet), 0 when
 * libpng must decode it (another pixel format), or -1 with a reason in why
 * when the file is damaged. */
int png_raw_read(const char *file, png_raw *r, char *why, size_t whylen);

/* Decodes the rows of an image png_raw_read returned 2 for into 8-bit
 * pixels with alpha (libdeflate and PNG's five row filters: the common
 * case of a chart or logo with transparency, several times faster than
 * libpng with zlib). Returns 0, or -1 with a reason in why (damaged data,
 * out of memory). Free with pixels_free. */
int png_raw_pixels(const png_raw *r, pdf_pixels *out, char *why, size_t whylen);

/* Frees r->data. */
void png_raw_free(png_raw *r);

#endif
