/* pdf_decode.h — image decoding and checking for the PDF writer (pdf_decode.c, pdf_jpeg.c). */
#ifndef FOLIO_PDF_DECODE_H
#define FOLIO_PDF_DECODE_H

#include <stddef.h>

/* 8-bit pixels, row after row: each pixel is components bytes of colour (1
 * grey, 3 RGB), then one of alpha when alpha is set. */
typedef struct pdf_pixels {
    int width, height, components, alpha;
    unsigned char *data;
} pdf_pixels;

/* Decodes a PNG of any kind (palette, grey, 16-bit, tRNS, interlaced) to
 * 8-bit pixels. Returns 0, or -1 with a reason in why. Free with pixels_free. */
int png_decode(const char *file, pdf_pixels *out, char *why, size_t whylen);

/* Frees the pixel buffers. */
void pixels_free(pdf_pixels *p);

/* Checks a JPEG's markers from start to end (pdf_jpeg.c), reporting its
 * number of components and whether it carries Adobe's APP14 marker. Returns
 * 0, or -1 with a reason in why (a cut file included). */
int jpeg_check(const char *file, int *components, int *adobe, char *why, size_t whylen);

#endif
