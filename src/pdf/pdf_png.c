/* pdf_png.c — takes a PNG's zlib data out of its chunks, so that plain PNGs go
 * into the PDF without being decoded and compressed again.
 *
 * A PNG's IDAT chunks joined are a zlib stream of rows, each led by its
 * filter type byte: exactly what a PDF FlateDecode stream with /Predictor 15
 * holds. The data is still inflated once here, into a small window that is
 * thrown away, because a damaged image must be refused before it reaches the
 * PDF — inflating costs a fraction of what deflating it again would.
 *
 * The PDF has no pixel format with alpha: an image with an alpha channel is
 * parted into colour and soft mask. For the common kind (8-bit grey or RGB
 * with alpha, not interlaced) the rows are inflated and unfiltered here;
 * libpng decodes every other kind. */
#include "pdf_png.h"

#include "../util/fsutil.h"

#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The edition reader refuses larger images; this is only a backstop. */
#define PNG_MAX_FILE (64u << 20)

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Inflates the joined IDAT data, checking that it holds exactly height rows of
 * 1 + rowbytes bytes, each starting with a valid filter type (0-4). */
static int check_rows(const png_raw *r, char *why, size_t whylen) {
    size_t rowlen = 1 + (size_t)r->width * (size_t)r->colors;
    size_t want = rowlen * r->height, got = 0;
    unsigned char win[65536];
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    z.next_in = r->data;
    int rc = Z_OK;
    size_t left = r->len;
    while (rc == Z_OK) {
        if (z.avail_in == 0) {
            if (left == 0) break;
            z.avail_in = left > 1u << 30 ? 1u << 30 : (uInt)left;
            left -= z.avail_in;
        }
        z.next_out = win;
        z.avail_out = sizeof win;
        rc = inflate(&z, Z_NO_FLUSH);
        size_t n = sizeof win - z.avail_out;
        if (got + n > want) {
            rc = Z_DATA_ERROR;
            break;
        }
        /* the rows that start inside this window */
        size_t first = (got + rowlen - 1) / rowlen * rowlen;
        for (size_t at = first; at < got + n; at += rowlen)
            if (win[at - got] > 4) rc = Z_DATA_ERROR;
        got += n;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END || got != want) {
        snprintf(why, whylen, "damaged PNG data (%s)",
                 rc == Z_STREAM_END || rc == Z_OK || rc == Z_BUF_ERROR ? "image data too short"
                                                                       : "bad compressed data");
        return -1;
    }
    return 0;
}

static int append(png_raw *r, size_t *cap, const unsigned char *p, size_t n) {
    if (r->len + n > *cap) {
        size_t c = *cap ? *cap : 65536;
        while (c < r->len + n)
            c *= 2;
        unsigned char *d = realloc(r->data, c);
        if (!d) return -1;
        r->data = d;
        *cap = c;
    }
    memcpy(r->data + r->len, p, n);
    r->len += n;
    return 0;
}

/* Walks the chunks of the file held in f[0..n). Returns as png_raw_read. */
static int walk(const unsigned char *f, size_t n, png_raw *r, char *why, size_t whylen) {
    static const unsigned char sig[8] = {137, 'P', 'N', 'G', 13, 10, 26, 10};
    if (n < 8 || memcmp(f, sig, 8) != 0) {
        snprintf(why, whylen, "not a PNG file");
        return -1;
    }
    int depth = 0, ctype = -1, interlace = 0, trns = 0, end = 0;
    size_t cap = 0;
    for (size_t at = 8; !end;) {
        if (n - at < 12) {
            snprintf(why, whylen, "damaged PNG data (the file ends early)");
            return -1;
        }
        uint32_t len = be32(f + at);
        const unsigned char *type = f + at + 4, *data = f + at + 8;
        if (len > n - at - 12) {
            snprintf(why, whylen, "damaged PNG data (the file ends early)");
            return -1;
        }
        if (crc32(crc32(0, NULL, 0), type, len + 4) != be32(data + len)) {
            snprintf(why, whylen, "damaged PNG data (%.4s chunk fails its CRC)",
                     (const char *)type);
            return -1;
        }
        if (ctype < 0 && memcmp(type, "IHDR", 4) != 0) {
            snprintf(why, whylen, "damaged PNG data (no IHDR chunk first)");
            return -1;
        }
        if (!memcmp(type, "IHDR", 4)) {
            if (len != 13 || ctype >= 0) {
                snprintf(why, whylen, "damaged PNG data (bad IHDR chunk)");
                return -1;
            }
            r->width = be32(data);
            r->height = be32(data + 4);
            depth = data[8], ctype = data[9], interlace = data[12];
            if (data[10] != 0 || data[11] != 0) return 0; /* unknown methods: let libpng judge */
        } else if (!memcmp(type, "PLTE", 4)) {
            if (len % 3 || len > 768 || len == 0) {
                snprintf(why, whylen, "damaged PNG data (bad palette)");
                return -1;
            }
            memcpy(r->palette, data, len);
            r->npalette = (int)(len / 3);
        } else if (!memcmp(type, "tRNS", 4)) {
            trns = 1;
        } else if (!memcmp(type, "IDAT", 4)) {
            if (append(r, &cap, data, len)) {
                snprintf(why, whylen, "out of memory");
                return -1;
            }
        } else if (!memcmp(type, "IEND", 4)) {
            end = 1;
        }
        at += 12 + (size_t)len;
    }
    if (r->width == 0 || r->height == 0 || r->width > 30000 || r->height > 30000) {
        snprintf(why, whylen, "unsupported size %ux%u", (unsigned)r->width, (unsigned)r->height);
        return -1;
    }
    if (r->len && depth == 8 && interlace == 0 && !trns && (ctype == 4 || ctype == 6)) {
        r->colors = ctype == 6 ? 3 : 1;
        r->alpha = 1;
        r->npalette = 0;
        return 2;
    }
    /* Anything else (tRNS transparency, 16-bit or packed samples,
     * interlacing) is decoded by libpng. */
    if (depth != 8 || interlace != 0 || trns || !(ctype == 0 || ctype == 2 || ctype == 3)) return 0;
    if (ctype == 3 && r->npalette == 0) {
        snprintf(why, whylen, "damaged PNG data (palette image without a palette)");
        return -1;
    }
    if (ctype != 3) r->npalette = 0;
    r->colors = ctype == 2 ? 3 : 1;
    if (r->len == 0) {
        snprintf(why, whylen, "damaged PNG data (no image data)");
        return -1;
    }
    return check_rows(r, why, whylen) ? -1 : 1;
}

int png_raw_read(const char *file, png_raw *r, char *why, size_t whylen) {
    memset(r, 0, sizeof *r);
    char *f;
    size_t n;
    int e = fs_read_file(file, PNG_MAX_FILE, &f, &n);
    if (e) {
        snprintf(why, whylen, "%s", strerror(e));
        return -1;
    }
    int rc = walk((const unsigned char *)f, n, r, why, whylen);
    free(f);
    if (rc != 1 && rc != 2) png_raw_free(r);
    return rc;
}

static unsigned char paeth(int a, int b, int c) {
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return (unsigned char)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

/* Undoes the row filters in place: rows of 1 + rowlen bytes, bpp bytes a
 * pixel, the filter bytes staying; up is the row above the first (zeros).
 * The first pixel of a row has zeros on its left, which makes Average add
 * half the byte above and Paeth the byte above. Returns 0, or -1 for an
 * unknown filter type. */
static int unfilter(unsigned char *d, size_t h, size_t rowlen, size_t bpp,
                    const unsigned char *up) {
    size_t first = bpp < rowlen ? bpp : rowlen;
    for (size_t y = 0; y < h; y++) {
        unsigned char *x = d + y * (1 + rowlen) + 1;
        switch (x[-1]) {
        case 0:
            break;
        case 1:
            for (size_t i = bpp; i < rowlen; i++)
                x[i] = (unsigned char)(x[i] + x[i - bpp]);
            break;
        case 2:
            for (size_t i = 0; i < rowlen; i++)
                x[i] = (unsigned char)(x[i] + up[i]);
            break;
        case 3:
            for (size_t i = 0; i < first; i++)
                x[i] = (unsigned char)(x[i] + up[i] / 2);
            for (size_t i = bpp; i < rowlen; i++)
                x[i] = (unsigned char)(x[i] + (x[i - bpp] + up[i]) / 2);
            break;
        case 4:
            for (size_t i = 0; i < first; i++)
                x[i] = (unsigned char)(x[i] + up[i]);
            for (size_t i = bpp; i < rowlen; i++)
                x[i] = (unsigned char)(x[i] + paeth(x[i - bpp], up[i], up[i - bpp]));
            break;
        default:
            return -1;
        }
        up = x;
    }
    return 0;
}

int png_raw_pixels(const png_raw *r, pdf_pixels *out, char *why, size_t whylen) {
    memset(out, 0, sizeof *out);
    size_t ch = (size_t)r->colors + 1, rowlen = (size_t)r->width * ch;
    size_t want = (1 + rowlen) * r->height;
    /* a row of zeros in front: the row above the first */
    unsigned char *d = malloc(rowlen + want);
    struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
    if (!d || !z) {
        free(d);
        libdeflate_free_decompressor(z);
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    memset(d, 0, rowlen);
    unsigned char *rows = d + rowlen;
    size_t got = 0;
    enum libdeflate_result res = libdeflate_zlib_decompress(z, r->data, r->len, rows, want, &got);
    libdeflate_free_decompressor(z);
    if (res != LIBDEFLATE_SUCCESS || got != want || unfilter(rows, r->height, rowlen, ch, d)) {
        free(d);
        snprintf(why, whylen, "damaged PNG data (%s)",
                 res == LIBDEFLATE_SUCCESS && got < want ? "image data too short"
                                                         : "bad compressed data");
        return -1;
    }
    /* drop the zero row and the filter bytes: rows become contiguous pixels */
    for (size_t y = 0; y < r->height; y++)
        memmove(d + y * rowlen, rows + y * (1 + rowlen) + 1, rowlen);
    out->width = (int)r->width, out->height = (int)r->height;
    out->components = r->colors, out->alpha = 1;
    out->data = d;
    return 0;
}

void png_raw_free(png_raw *r) {
    free(r->data);
    r->data = NULL;
    r->len = 0;
}
