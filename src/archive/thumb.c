/* thumb.c — a cover thumbnail without a laid-out page: the cover image, the title drawn with
 * FreeType; and the image reading and PNG writing both kinds of thumbnail share. */
#include "archive_private.h"

#include "../util/utf8.h"

#include <jpeglib.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { TW = ARCHIVE_THUMB_W, TH = ARCHIVE_THUMB_H, BAND = 74 };

typedef struct jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf jb;
} jerr;

static void jpeg_fail(j_common_ptr c) {
    longjmp(((jerr *)c->err)->jb, 1);
}

/* libjpeg prints its warnings on stderr; a module never prints */
static void jpeg_quiet(j_common_ptr c) {
    (void)c;
}

static int read_jpeg(const char *path, archive_rgb *im) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    struct jpeg_decompress_struct c;
    jerr e;
    c.err = jpeg_std_error(&e.mgr);
    e.mgr.error_exit = jpeg_fail;
    e.mgr.output_message = jpeg_quiet;
    unsigned char *volatile px = NULL;
    if (setjmp(e.jb)) {
        jpeg_destroy_decompress(&c);
        fclose(f);
        free(px);
        return -1;
    }
    jpeg_create_decompress(&c);
    jpeg_stdio_src(&c, f);
    jpeg_read_header(&c, TRUE);
    /* decode small: a thumbnail needs few pixels */
    c.scale_num = 1;
    c.scale_denom = c.image_width >= TW * 8   ? 8
                    : c.image_width >= TW * 4 ? 4
                    : c.image_width >= TW * 2 ? 2
                                              : 1;
    if (c.jpeg_color_space == JCS_CMYK || c.jpeg_color_space == JCS_YCCK)
        c.out_color_space = JCS_CMYK;
    else
        c.out_color_space = JCS_RGB;
    jpeg_start_decompress(&c);
    int w = (int)c.output_width, h = (int)c.output_height, nc = c.output_components;
    px = malloc((size_t)w * (size_t)h * 3);
    JSAMPLE *row = malloc((size_t)w * (size_t)nc);
    if (!px || !row) {
        free(row);
        longjmp(e.jb, 1);
    }
    while (c.output_scanline < c.output_height) {
        int y = (int)c.output_scanline;
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&c, rows, 1);
        for (int x = 0; x < w; x++) {
            unsigned char *o = px + ((size_t)y * (size_t)w + (size_t)x) * 3;
            if (nc == 4) {
                /* Adobe CMYK JPEGs store inverted values */
                int k = row[x * 4 + 3];
                for (int i = 0; i < 3; i++)
                    o[i] = (unsigned char)(row[x * 4 + i] * k / 255);
            } else if (nc == 3) {
                memcpy(o, row + x * 3, 3);
            } else {
                o[0] = o[1] = o[2] = row[x];
            }
        }
    }
    free(row);
    jpeg_finish_decompress(&c);
    jpeg_destroy_decompress(&c);
    fclose(f);
    im->px = px;
    im->w = w;
    im->h = h;
    return 0;
}

static int read_png(const char *path, archive_rgb *im) {
    png_image p;
    memset(&p, 0, sizeof p);
    p.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&p, path)) return -1;
    p.format = PNG_FORMAT_RGB;
    size_t n = PNG_IMAGE_SIZE(p);
    unsigned char *px = malloc(n);
    if (!px || !png_image_finish_read(&p, NULL, px, 0, NULL)) {
        free(px);
        png_image_free(&p);
        return -1;
    }
    im->px = px;
    im->w = (int)p.width;
    im->h = (int)p.height;
    return 0;
}

/* Fills the canvas with the image scaled to cover it (cropped at the sides
 * or the bottom), each pixel the mean of its source area. */
static void cover_fill(unsigned char *dst, const archive_rgb *im) {
    double sx = (double)im->w / TW, sy = (double)im->h / TH;
    double s = sx < sy ? sx : sy;
    double ox = (im->w - s * TW) / 2, oy = 0;
    for (int y = 0; y < TH; y++)
        for (int x = 0; x < TW; x++) {
            int x0 = (int)(ox + x * s), x1 = (int)(ox + (x + 1) * s);
            int y0 = (int)(oy + y * s), y1 = (int)(oy + (y + 1) * s);
            if (x1 <= x0) x1 = x0 + 1;
            if (y1 <= y0) y1 = y0 + 1;
            if (x1 > im->w) x1 = im->w;
            if (y1 > im->h) y1 = im->h;
            unsigned sum[3] = {0, 0, 0}, cnt = 0;
            for (int yy = y0; yy < y1; yy++)
                for (int xx = x0; xx < x1; xx++) {
                    const unsigned char *p = im->px + ((size_t)yy * (size_t)im->w + (size_t)xx) * 3;
                    sum[0] += p[0], sum[1] += p[1], sum[2] += p[2];
                    cnt++;
                }
            unsigned char *o = dst + ((size_t)y * TW + (size_t)x) * 3;
            for (int i = 0; i < 3; i++)
                o[i] = (unsigned char)(cnt ? sum[i] / cnt : 128);
        }
}

static void blend(unsigned char *dst, int x, int y, const unsigned char rgb[3], unsigned a) {
    if (x < 0 || y < 0 || x >= TW || y >= TH) return;
    unsigned char *o = dst + ((size_t)y * TW + (size_t)x) * 3;
    for (int i = 0; i < 3; i++)
        o[i] = (unsigned char)((o[i] * (255 - a) + rgb[i] * a) / 255);
}

/* The thumbnail's lettering: the faces of one role, drawn at one size. */
typedef struct lettering {
    const folio_fonts *f;
    folio_raster *r;
    const int *faces; /* the role's chain */
    size_t nfaces;
    float px;
} lettering;

/* Draws (or, with draw 0, only measures) text at pen x, baseline y; returns
 * the advance width in pixels. A character no face has is left out. */
static int text_run(lettering *lt, unsigned char *dst, const char *s, int x, int y, int draw,
                    const unsigned char rgb[3]) {
    float pen = (float)x;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp, gid = 0;
        i += utf8_decode(s + i, len - i, &cp);
        size_t k = 0;
        while (k < lt->nfaces && !(gid = fonts_face_glyph(lt->f, lt->faces[k], cp)))
            k++;
        folio_glyph_bitmap bm;
        if (!gid || fonts_raster_glyph(lt->r, lt->faces[k], gid, lt->px, &bm)) continue;
        int left = (int)lrintf(pen) + bm.left, top = y - bm.top;
        for (int row = 0; draw && row < bm.rows; row++)
            for (int c = 0; c < bm.width; c++)
                blend(dst, left + c, top + row, rgb, bm.gray[row * bm.pitch + c]);
        pen += bm.advance;
    }
    return (int)lrintf(pen) - x;
}

/* One line centred at baseline y, at most size px, shrunk to fit the width. */
static void centred(lettering *lt, unsigned char *dst, const char *s, int size, int y,
                    const unsigned char rgb[3]) {
    for (lt->px = (float)size; lt->px > 8; lt->px -= 1)
        if (text_run(lt, dst, s, 0, 0, 0, rgb) <= TW - 16) break;
    int w = text_run(lt, dst, s, 0, 0, 0, rgb);
    text_run(lt, dst, s, (TW - w) / 2, y, 1, rgb);
}

/* The journal and issue on the band, in the Hei role (else the first). */
static int letter_band(unsigned char *px, const folio_fonts *f, const char *journal,
                       const char *issue) {
    int role = fonts_role(f, "hei");
    lettering lt = {f, fonts_raster_new(f), NULL, 0, 0};
    if (!lt.r) return -1;
    lt.nfaces = fonts_role_faces(f, role >= 0 ? role : 0, &lt.faces);
    const unsigned char white[3] = {255, 255, 255}, gold[3] = {245, 214, 140};
    centred(&lt, px, journal, 24, 34, white);
    centred(&lt, px, issue, 15, 60, gold);
    fonts_raster_free(lt.r);
    return 0;
}

int archive_thumbnail(const char *path, const char *cover_image, const folio_fonts *f,
                      const char *journal, const char *issue, folio_diags *d) {
    unsigned char *px = malloc((size_t)TW * TH * 3);
    if (!px) return diag_error(d, NULL, 0, "out of memory");
    archive_rgb im = {NULL, 0, 0};
    int have = 0;
    if (cover_image) {
        have = !archive_read_image(cover_image, &im);
        if (!have)
            diag_warning(d, cover_image, 0, "cannot read the cover image; thumbnail without it");
    }
    if (have && im.w > 0 && im.h > 0) {
        cover_fill(px, &im);
    } else {
        /* a plain cover in the journal's own colour */
        unsigned h = 5381;
        for (const char *p = journal; *p; p++)
            h = h * 33 + (unsigned char)*p;
        unsigned char base[3] = {(unsigned char)(120 + h % 80), (unsigned char)(20 + (h >> 8) % 50),
                                 (unsigned char)(30 + (h >> 16) % 60)};
        for (size_t i = 0; i < (size_t)TW * TH; i++)
            memcpy(px + i * 3, base, 3);
    }
    free(im.px);
    /* a dark band that carries the title */
    const unsigned char band[3] = {96, 12, 18};
    for (int y = 0; y < BAND; y++)
        for (int x = 0; x < TW; x++)
            blend(px, x, y, band, 210);
    if (f && letter_band(px, f, journal, issue))
        diag_warning(d, path, 0, "cannot draw the lettering (out of memory); thumbnail without it");
    int rc = archive_write_png(path, px, TW, TH, d);
    free(px);
    return rc;
}

int archive_read_image(const char *path, archive_rgb *im) {
    unsigned char sig[4] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t got = fread(sig, 1, 4, f);
    fclose(f);
    if (got == 4 && sig[0] == 0xFF && sig[1] == 0xD8) return read_jpeg(path, im);
    if (got == 4 && sig[0] == 0x89 && sig[1] == 'P') return read_png(path, im);
    return -1;
}

int archive_write_png(const char *path, const unsigned char *rgb, int w, int h, folio_diags *d) {
    png_image p;
    memset(&p, 0, sizeof p);
    p.version = PNG_IMAGE_VERSION;
    p.width = (png_uint_32)w;
    p.height = (png_uint_32)h;
    p.format = PNG_FORMAT_RGB;
    /* encoded in memory, so that the write (and its fsync) reports errno */
    png_alloc_size_t size = 0;
    void *mem = NULL;
    int ok = png_image_write_to_memory(&p, NULL, &size, 0, rgb, w * 3, NULL) &&
             (mem = malloc(size)) && png_image_write_to_memory(&p, mem, &size, 0, rgb, w * 3, NULL);
    int e = ok ? archive_write_file(path, mem, size) : 0;
    png_image_free(&p);
    free(mem);
    if (!ok)
        return diag_error(d, path, 0, "cannot encode the thumbnail: %s",
                          p.message[0] ? p.message : "out of memory");
    if (e) return diag_error(d, path, 0, "cannot write the thumbnail: %s", strerror(e));
    return 0;
}
