/* test_pdf_png.c — the PDF writer's own PNG paths against libpng: plain
 * images pass as they are; 8-bit grey or RGB with alpha, written with each
 * of PNG's five row filters, decode (libdeflate + our unfiltering) to exactly
 * the pixels libpng gives; damaged data is refused with a reason. */
#include "pdf/pdf_png.h"
#include "util/fsutil.h"
#include "check.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* A w x h image of ch samples a pixel (2: grey+alpha, 4: RGB+alpha; 3: RGB)
 * with gradients, a hard edge and noise, so that every filter has work. */
static int write_png(const char *path, int w, int h, int ch, int filters) {
    FILE *fp = fopen(path, "wb");
    if (!fp) return -1;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)w * (size_t)ch);
    if (!png || !info || !row || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(fp);
        return -1;
    }
    int type = ch == 2   ? PNG_COLOR_TYPE_GRAY_ALPHA
               : ch == 4 ? PNG_COLOR_TYPE_RGB_ALPHA
                         : PNG_COLOR_TYPE_RGB;
    png_init_io(png, fp);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, 0, filters);
    png_write_info(png, info);
    unsigned seed = 12345;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++)
            for (int k = 0; k < ch; k++) {
                seed = seed * 1103515245u + 12345u;
                int v = (x * 7 + y * 3 + k * 50) + (x > w / 2 ? 90 : 0) + (int)(seed >> 28);
                row[x * ch + k] = (unsigned char)v;
            }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return fclose(fp);
}

/* Decodes path both ways and compares. */
static void same_as_libpng(const char *path, int ch) {
    char why[200] = "";
    png_raw r;
    int kind = png_raw_read(path, &r, why, sizeof why);
    CHECK(kind == (ch == 3 ? 1 : 2));
    if (kind != 2) {
        if (kind == 1) png_raw_free(&r);
        return;
    }
    pdf_pixels a, b;
    CHECK(png_raw_pixels(&r, &a, why, sizeof why) == 0);
    png_raw_free(&r);
    CHECK(png_decode(path, &b, why, sizeof why) == 0);
    CHECK(a.width == b.width && a.height == b.height && a.components == b.components &&
          a.alpha == 1 && b.alpha == 1);
    size_t n = (size_t)a.width * (size_t)a.height * (size_t)(a.components + 1);
    CHECK(a.data && b.data && memcmp(a.data, b.data, n) == 0);
    pixels_free(&a);
    pixels_free(&b);
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* Rewrites the file with its IDAT payload changed by edit (CRC made right
 * again, so that only the image data is wrong), and checks the refusal. */
static void damaged(const char *path, const char *out, int cut, const char *expect) {
    char *f;
    size_t n;
    CHECK(fs_read_file(path, 1 << 20, &f, &n) == 0);
    unsigned char *d = (unsigned char *)f;
    for (size_t at = 8; at + 12 <= n;) {
        uint32_t len = be32(d + at);
        if (!memcmp(d + at + 4, "IDAT", 4)) {
            unsigned char *data = d + at + 8;
            if (cut) {
                /* a shorter zlib stream: the rows end early */
                uint32_t nl = len / 2;
                memmove(data + nl, data + len, n - (at + 8 + len));
                n -= len - nl;
                len = nl;
                put32(d + at, len);
            } else {
                data[len / 2] ^= 0x5A;
            }
            put32(data + len, (uint32_t)crc32(crc32(0, NULL, 0), d + at + 4, len + 4));
            break;
        }
        at += 12 + len;
    }
    FILE *fp = fopen(out, "wb");
    CHECK(fp && fwrite(d, 1, n, fp) == n);
    if (fp) fclose(fp);
    free(f);
    char why[200] = "";
    png_raw r;
    CHECK(png_raw_read(out, &r, why, sizeof why) == 2);
    pdf_pixels px;
    CHECK(png_raw_pixels(&r, &px, why, sizeof why) == -1);
    png_raw_free(&r);
    CHECK(strstr(why, expect) != NULL);
    if (!strstr(why, expect)) fprintf(stderr, "  reason: %s\n", why);
}

int main(void) {
    char tmpl[] = "/tmp/folio-png-XXXXXX";
    const char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    if (!dir) return 1;
    char *p = fs_join(dir, "t.png"), *q = fs_join(dir, "bad.png");
    const int filters[] = {PNG_FILTER_NONE, PNG_FILTER_SUB,   PNG_FILTER_UP,
                           PNG_FILTER_AVG,  PNG_FILTER_PAETH, PNG_ALL_FILTERS};
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++)
        for (int ch = 2; ch <= 4; ch++) {
            CHECK(write_png(p, 37, 23, ch, filters[i]) == 0);
            same_as_libpng(p, ch);
        }
    CHECK(write_png(p, 64, 40, 4, PNG_ALL_FILTERS) == 0);
    damaged(p, q, 1, "damaged PNG data");
    damaged(p, q, 0, "damaged PNG data");
    unlink(p);
    unlink(q);
    rmdir(dir);
    free(p);
    free(q);
    if (failures) fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
