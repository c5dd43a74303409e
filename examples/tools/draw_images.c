/* draw_images.c — draws the sample edition's illustrations procedurally (PNG via libpng, JPEG via libjpeg).
 *
 * Build and run by hand (not part of the CMake build; the images are committed):
 *   cc -O2 -std=c11 -Wall -Wextra draw_images.c -lpng -ljpeg -lm -o /tmp/draw
 *   /tmp/draw examples/sample/images
 *
 * Everything is deterministic: fixed seeds, a hash-based noise, no clock in the
 * files (no PNG tIME chunk), so a rerun reproduces the committed bytes.
 *
 * Images made:
 *   cover.jpg      1200x1600 RGB JPEG   sunrise over a river-side skyline (the cover)
 *   chart.png      1200x800  RGBA PNG   bar chart of survey figures, transparent background
 *   income.png     1200x700  RGB PNG    line chart of village collective income
 *   fields.jpg     1200x800  grey JPEG  photo-like view of fields and greenhouses
 *   courtyard.jpg  1200x800  RGB JPEG   a renovated residential courtyard
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h> /* needs stdio.h and stddef.h first */
#include <png.h>

#define DPI 300.0

/* A canvas of linear 0..1 floats, 4 channels (r, g, b, a) per pixel. */
typedef struct {
    int w, h;
    float *px;
} canvas;

typedef struct {
    float r, g, b;
} rgb;

static rgb mk(int r, int g, int b) {
    rgb c = {r / 255.0f, g / 255.0f, b / 255.0f};
    return c;
}

static rgb mix(rgb a, rgb b, float t) {
    rgb c = {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
    return c;
}

static float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

static float smooth(float e0, float e1, float x) {
    float t = clampf((x - e0) / (e1 - e0), 0, 1);
    return t * t * (3 - 2 * t);
}

static int canvas_init(canvas *c, int w, int h) {
    c->w = w;
    c->h = h;
    c->px = calloc((size_t)w * h * 4, sizeof(float));
    return c->px != NULL;
}

/* Blends colour col with coverage a (0..1) over pixel (x, y); also raises alpha. */
static void plot(canvas *c, int x, int y, rgb col, float a) {
    if (x < 0 || y < 0 || x >= c->w || y >= c->h || a <= 0)
        return;
    a = clampf(a, 0, 1);
    float *p = c->px + ((size_t)y * c->w + x) * 4;
    float da = p[3], oa = a + da * (1 - a);
    if (oa <= 0)
        return;
    p[0] = (col.r * a + p[0] * da * (1 - a)) / oa;
    p[1] = (col.g * a + p[1] * da * (1 - a)) / oa;
    p[2] = (col.b * a + p[2] * da * (1 - a)) / oa;
    p[3] = oa;
}

static void fill_rect(canvas *c, int x0, int y0, int x1, int y1, rgb col, float a) {
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            plot(c, x, y, col, a);
}

/* Antialiased disc. */
static void fill_circle(canvas *c, float cx, float cy, float r, rgb col, float a) {
    for (int y = (int)(cy - r - 1); y <= (int)(cy + r + 1); y++)
        for (int x = (int)(cx - r - 1); x <= (int)(cx + r + 1); x++) {
            float d = hypotf(x + 0.5f - cx, y + 0.5f - cy);
            plot(c, x, y, col, a * clampf(r + 0.5f - d, 0, 1));
        }
}

/* Antialiased thick segment with round caps. */
static void line(canvas *c, float x0, float y0, float x1, float y1, float wdt, rgb col, float a) {
    float minx = fminf(x0, x1) - wdt, maxx = fmaxf(x0, x1) + wdt;
    float miny = fminf(y0, y1) - wdt, maxy = fmaxf(y0, y1) + wdt;
    float dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
    for (int y = (int)miny; y <= (int)maxy; y++)
        for (int x = (int)minx; x <= (int)maxx; x++) {
            float px = x + 0.5f - x0, py = y + 0.5f - y0;
            float t = len2 > 0 ? clampf((px * dx + py * dy) / len2, 0, 1) : 0;
            float d = hypotf(px - t * dx, py - t * dy);
            plot(c, x, y, col, a * clampf(wdt / 2 + 0.5f - d, 0, 1));
        }
}

/* Integer hash → [0,1); the noise is a pure function of its arguments. */
static float hash2(int x, int y, uint32_t seed) {
    uint32_t h = (uint32_t)x * 374761393u + (uint32_t)y * 668265263u + seed * 2246822519u;
    h = (h ^ (h >> 13)) * 1274126177u;
    h ^= h >> 16;
    return (h & 0xffffff) / 16777216.0f;
}

static float vnoise(float x, float y, uint32_t seed) {
    int xi = (int)floorf(x), yi = (int)floorf(y);
    float fx = x - xi, fy = y - yi;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    float a = hash2(xi, yi, seed), b = hash2(xi + 1, yi, seed);
    float c = hash2(xi, yi + 1, seed), d = hash2(xi + 1, yi + 1, seed);
    return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

/* Fractal noise, about 0..1. */
static float fbm(float x, float y, int oct, uint32_t seed) {
    float s = 0, amp = 0.5f, norm = 0;
    for (int i = 0; i < oct; i++) {
        s += amp * vnoise(x, y, seed + (uint32_t)i * 101u);
        norm += amp;
        x *= 2.03f;
        y *= 2.03f;
        amp *= 0.5f;
    }
    return s / norm;
}

/* A small sequential random generator owned by the caller. */
typedef struct {
    uint32_t s;
} rng;

static float rnd(rng *r) {
    r->s ^= r->s << 13;
    r->s ^= r->s >> 17;
    r->s ^= r->s << 5;
    return (r->s & 0xffffff) / 16777216.0f;
}

/* 5x7 bitmap glyphs for the chart labels: digits, '.', '%' and a few letters. */
static const char *glyph(char ch) {
    switch (ch) {
    case '0': return "01110100011001110101110011000101110";
    case '1': return "00100011000010000100001000010001110";
    case '2': return "01110100010000100010001000100011111";
    case '3': return "11111000100010000010000011000101110";
    case '4': return "00010001100101010010111110001000010";
    case '5': return "11111100001111000001000011000101110";
    case '6': return "00110010001000011110100011000101110";
    case '7': return "11111000010001000100010000100001000";
    case '8': return "01110100011000101110100011000101110";
    case '9': return "01110100011000101111000010001001100";
    case '.': return "00000000000000000000000000110001100";
    case '%': return "11000110010001000100010001001100011";
    case '-': return "00000000000000011111000000000000000";
    default: return NULL;
    }
}

/* Draws text in the bitmap font with cell size s pixels; returns the width drawn. */
static int text(canvas *c, int x, int y, int s, const char *str, rgb col) {
    int x0 = x;
    for (const char *p = str; *p; p++) {
        const char *g = glyph(*p);
        if (g)
            for (int j = 0; j < 7; j++)
                for (int i = 0; i < 5; i++)
                    if (g[j * 5 + i] == '1')
                        fill_rect(c, x + i * s, y + j * s, x + (i + 1) * s, y + (j + 1) * s, col, 1);
        x += 6 * s;
    }
    return x - x0;
}

static int text_width(int s, const char *str) { return (int)strlen(str) * 6 * s - s; }

/* ---------------------------------------------------------------- writers */

static int write_png(const canvas *c, const char *path, int channels) {
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)c->w * channels);
    if (!png || !info || !row || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        return 0;
    }
    png_init_io(png, f);
    int type = channels == 4 ? PNG_COLOR_TYPE_RGBA : channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY;
    png_set_IHDR(png, info, (png_uint_32)c->w, (png_uint_32)c->h, 8, type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)(DPI / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_compression_level(png, 9);
    png_write_info(png, info);
    for (int y = 0; y < c->h; y++) {
        const float *p = c->px + (size_t)y * c->w * 4;
        for (int x = 0; x < c->w; x++) {
            if (channels == 1) {
                row[x] = (unsigned char)lroundf(clampf(0.299f * p[x * 4] + 0.587f * p[x * 4 + 1] + 0.114f * p[x * 4 + 2], 0, 1) * 255);
                continue;
            }
            for (int k = 0; k < channels; k++)
                row[x * channels + k] = (unsigned char)lroundf(clampf(p[x * 4 + k], 0, 1) * 255);
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return fclose(f) == 0;
}

static int write_jpeg(const canvas *c, const char *path, int grey, int quality) {
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    int comps = grey ? 1 : 3;
    unsigned char *row = malloc((size_t)c->w * comps);
    if (!row) {
        fclose(f);
        return 0;
    }
    struct jpeg_compress_struct cinfo;
    struct jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, f);
    cinfo.image_width = (JDIMENSION)c->w;
    cinfo.image_height = (JDIMENSION)c->h;
    cinfo.input_components = comps;
    cinfo.in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.optimize_coding = TRUE;
    cinfo.density_unit = 1; /* dots per inch */
    cinfo.X_density = (UINT16)DPI;
    cinfo.Y_density = (UINT16)DPI;
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        const float *p = c->px + (size_t)cinfo.next_scanline * c->w * 4;
        for (int x = 0; x < c->w; x++) {
            if (grey)
                row[x] = (unsigned char)lroundf(clampf(0.299f * p[x * 4] + 0.587f * p[x * 4 + 1] + 0.114f * p[x * 4 + 2], 0, 1) * 255);
            else
                for (int k = 0; k < 3; k++)
                    row[x * 3 + k] = (unsigned char)lroundf(clampf(p[x * 4 + k], 0, 1) * 255);
        }
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&cinfo, rows, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    free(row);
    return fclose(f) == 0;
}

/* ---------------------------------------------------------------- cover */

/* Sky colour at height y for a horizon at hy. */
static rgb sky_at(float y, float hy) {
    rgb top = mk(22, 38, 92), mid = mk(104, 112, 176), low = mk(246, 164, 112), hor = mk(255, 214, 160);
    float t = y / hy;
    if (t < 0.55f)
        return mix(top, mid, smooth(0, 0.55f, t));
    if (t < 0.88f)
        return mix(mid, low, smooth(0.55f, 0.88f, t));
    return mix(low, hor, smooth(0.88f, 1.0f, t));
}

static void draw_building_row(canvas *c, rng *r, int base, int minh, int maxh, rgb body, float lit, int windows) {
    int x = -20;
    while (x < c->w) {
        int bw = 46 + (int)(rnd(r) * 80);
        int bh = minh + (int)(rnd(r) * (maxh - minh));
        int top = base - bh;
        for (int y = top; y < base; y++) {
            rgb col = mix(body, mk(10, 10, 28), 0.35f * (float)(y - top) / bh);
            fill_rect(c, x, y, x + bw, y + 1, col, 1);
        }
        float kind = rnd(r);
        if (kind < 0.25f) { /* stepped crown */
            fill_rect(c, x + bw / 5, top - bh / 10, x + bw - bw / 5, top, body, 1);
        } else if (kind < 0.4f) { /* antenna with a red light */
            line(c, x + bw / 2.0f, (float)top, x + bw / 2.0f, top - 60.0f, 3, body, 1);
            fill_circle(c, x + bw / 2.0f, top - 60.0f, 4, mk(255, 80, 70), 1);
        } else if (kind < 0.5f) { /* slanted roof */
            for (int i = 0; i < bw; i++)
                fill_rect(c, x + i, top - i * 30 / bw, x + i + 1, top, body, 1);
        }
        if (windows)
            for (int wy = top + 14; wy < base - 16; wy += 22)
                for (int wx = x + 8; wx < x + bw - 12; wx += 16)
                    if (rnd(r) < lit)
                        fill_rect(c, wx, wy, wx + 8, wy + 11, mix(mk(255, 196, 110), mk(255, 236, 190), rnd(r)), 0.9f);
        x += bw + (int)(rnd(r) * 10);
    }
}

static void draw_cover(canvas *c) {
    const int hy = 1080; /* the river bank */
    rng r = {0x5eed1234u};
    float sunx = 790, suny = 905, sunr = 92;
    for (int y = 0; y < hy; y++)
        for (int x = 0; x < c->w; x++) {
            rgb col = sky_at((float)y, (float)hy);
            float d = hypotf(x - sunx, y - suny);
            float glow = expf(-d / 260.0f) * 0.55f + expf(-d / 90.0f) * 0.35f;
            col = mix(col, mk(255, 226, 170), clampf(glow, 0, 1));
            /* thin streaks of cloud lit from below */
            float n = fbm(x / 420.0f, y / 60.0f, 5, 7);
            float band = smooth(0.56f, 0.75f, n) * smooth(220, 520, (float)y) * (1 - smooth(820, 960, (float)y));
            col = mix(col, mix(mk(250, 178, 160), mk(255, 226, 196), (float)y / hy), band * 0.6f);
            plot(c, x, y, col, 1);
        }
    fill_circle(c, sunx, suny, sunr, mk(255, 244, 214), 1);
    /* far hills, hazy */
    for (int x = 0; x < c->w; x++) {
        float top = 930 + 38 * sinf(x * 0.0043f + 0.7f) + 18 * sinf(x * 0.013f + 2.1f) + 10 * fbm(x / 40.0f, 0, 3, 3);
        for (int y = (int)top; y < hy; y++) {
            float cov = y == (int)top ? 1 - (top - (int)top) : 1;
            plot(c, x, y, mix(mk(150, 112, 150), mk(206, 150, 140), 0.4f), cov * 0.85f);
        }
    }
    draw_building_row(c, &r, hy, 90, 300, mk(92, 74, 120), 0.0f, 0);
    /* a TV tower, a landmark of the skyline */
    line(c, 300, hy - 200, 300, 520, 10, mk(54, 44, 86), 1);
    fill_circle(c, 300, 640, 26, mk(54, 44, 86), 1);
    fill_circle(c, 300, 700, 16, mk(54, 44, 86), 1);
    line(c, 300, 520, 300, 440, 3, mk(54, 44, 86), 1);
    fill_circle(c, 300, 440, 4, mk(255, 80, 70), 1);
    draw_building_row(c, &r, hy, 140, 480, mk(40, 34, 70), 0.22f, 1);
    /* river: darkening water with ripples, reflections of the sun and the lights */
    for (int y = hy; y < c->h; y++) {
        float t = (float)(y - hy) / (c->h - hy);
        for (int x = 0; x < c->w; x++) {
            rgb col = mix(mk(70, 58, 100), mk(12, 18, 44), smooth(0, 1, t));
            float rip = fbm(x / 90.0f, y / (3.0f + 10 * t), 4, 11);
            col = mix(col, mk(120, 96, 140), 0.25f * smooth(0.55f, 0.8f, rip) * (1 - t));
            /* mirrored skyline, broken by ripples */
            int my = 2 * hy - y + (int)((rip - 0.5f) * 12);
            if (my >= 0 && my < hy && t < 0.45f) {
                const float *m = c->px + ((size_t)my * c->w + x) * 4;
                rgb refl = {m[0], m[1], m[2]};
                col = mix(col, refl, 0.45f * (1 - t / 0.45f));
            }
            float sx = fabsf(x - sunx) / (40 + 260 * t);
            float streak = expf(-sx * sx) * smooth(0.45f, 0.7f, rip) * (1 - 0.7f * t);
            col = mix(col, mk(255, 210, 150), clampf(streak, 0, 1));
            plot(c, x, y, col, 1);
        }
    }
    /* the embankment line and a row of lamps */
    fill_rect(c, 0, hy, c->w, hy + 6, mk(28, 24, 50), 1);
    for (int x = 30; x < c->w; x += 90) {
        line(c, (float)x, hy, (float)x, hy - 34, 2, mk(28, 24, 50), 1);
        fill_circle(c, (float)x, hy - 36, 4, mk(255, 226, 160), 1);
    }
}

/* ---------------------------------------------------------------- charts */

/* Survey satisfaction by district, 2023 and 2025 (fictional; matches the article). */
static void draw_bar_chart(canvas *c) {
    const float v23[5] = {80.2f, 82.5f, 80.3f, 78.6f, 85.0f};
    const float v25[5] = {91.2f, 88.6f, 84.3f, 82.7f, 90.1f};
    const int left = 150, right = 1150, top = 120, bottom = 700;
    const float vmin = 60, vmax = 100;
    rgb ink = mk(60, 64, 72), grid = mk(160, 166, 176);
    rgb c23 = mk(150, 170, 196), c25 = mk(196, 40, 40);
    /* a rounded, semi-transparent panel; outside it the image stays transparent */
    for (int y = 20; y < 780; y++)
        for (int x = 20; x < 1180; x++) {
            float dx = fmaxf(fmaxf(60 - x, x - 1140), 0), dy = fmaxf(fmaxf(60 - y, y - 740), 0);
            float d = hypotf(dx, dy);
            plot(c, x, y, mk(255, 255, 255), 0.82f * clampf(40.5f - d, 0, 1));
        }
    for (int v = 60; v <= 100; v += 10) {
        int y = bottom - (int)((v - vmin) / (vmax - vmin) * (bottom - top));
        line(c, left, (float)y, right, (float)y, v == 60 ? 3 : 1.5f, v == 60 ? ink : grid, 1);
        char buf[8];
        snprintf(buf, sizeof buf, "%d", v);
        text(c, left - 24 - text_width(5, buf), y - 17, 5, buf, ink);
    }
    text(c, left - 60, top - 80, 5, "%", ink);
    int slot = (right - left) / 5;
    for (int i = 0; i < 5; i++) {
        int x0 = left + i * slot + slot / 2 - 78;
        const float *vals[2] = {v23, v25};
        rgb cols[2] = {c23, c25};
        for (int s = 0; s < 2; s++) {
            int bx = x0 + s * 80, bw = 70;
            int by = bottom - (int)((vals[s][i] - vmin) / (vmax - vmin) * (bottom - top));
            fill_rect(c, bx + 8, by + 8, bx + bw + 8, bottom, mk(0, 0, 0), 0.12f); /* shadow */
            fill_rect(c, bx, by, bx + bw, bottom, cols[s], 1);
            char buf[8];
            snprintf(buf, sizeof buf, "%.1f", vals[s][i]);
            text(c, bx + bw / 2 - text_width(3, buf) / 2, by - 30, 3, buf, ink);
        }
        char idx[4];
        snprintf(idx, sizeof idx, "%d", i + 1);
        text(c, left + i * slot + slot / 2 - text_width(5, idx) / 2, bottom + 22, 5, idx, ink);
    }
    /* legend: colour keys with the years */
    fill_rect(c, 760, 52, 800, 82, c23, 1);
    text(c, 814, 50, 5, "2023", ink);
    fill_rect(c, 960, 52, 1000, 82, c25, 1);
    text(c, 1014, 50, 5, "2025", ink);
}

/* Average collective income per village, 2021-2025, in 10,000 yuan (fictional). */
static void draw_line_chart(canvas *c) {
    const float v[5] = {6.8f, 9.5f, 13.2f, 17.9f, 23.6f};
    const int left = 150, right = 1120, top = 90, bottom = 590;
    rgb ink = mk(50, 54, 60), grid = mk(205, 210, 216), accent = mk(20, 110, 90);
    fill_rect(c, 0, 0, c->w, c->h, mk(252, 250, 244), 1);
    for (int v10 = 0; v10 <= 25; v10 += 5) {
        int y = bottom - v10 * (bottom - top) / 25;
        line(c, left, (float)y, right, (float)y, v10 ? 1.5f : 3, v10 ? grid : ink, 1);
        char buf[8];
        snprintf(buf, sizeof buf, "%d", v10);
        text(c, left - 24 - text_width(5, buf), y - 17, 5, buf, ink);
    }
    float px[5], py[5];
    for (int i = 0; i < 5; i++) {
        px[i] = left + 90 + i * (right - left - 180) / 4.0f;
        py[i] = bottom - v[i] * (bottom - top) / 25.0f;
    }
    /* area under the curve, faint */
    for (int x = (int)px[0]; x <= (int)px[4]; x++) {
        int seg = 0;
        while (seg < 3 && x > px[seg + 1])
            seg++;
        float t = (x - px[seg]) / (px[seg + 1] - px[seg]);
        float y = py[seg] + (py[seg + 1] - py[seg]) * t;
        for (int yy = (int)y; yy < bottom; yy++)
            plot(c, x, yy, accent, 0.10f + 0.12f * (bottom - yy) / (float)(bottom - top));
    }
    for (int i = 0; i < 4; i++)
        line(c, px[i], py[i], px[i + 1], py[i + 1], 7, accent, 1);
    for (int i = 0; i < 5; i++) {
        fill_circle(c, px[i], py[i], 13, accent, 1);
        fill_circle(c, px[i], py[i], 7, mk(255, 255, 255), 1);
        char buf[8];
        snprintf(buf, sizeof buf, "%.1f", v[i]);
        text(c, (int)px[i] - text_width(4, buf) / 2, (int)py[i] - 58, 4, buf, ink);
        snprintf(buf, sizeof buf, "%d", 2021 + i);
        text(c, (int)px[i] - text_width(5, buf) / 2, bottom + 24, 5, buf, ink);
    }
}

/* ---------------------------------------------------------------- photos */

/* Fields with furrows converging to a vanishing point, greenhouses and a tree line. */
static void draw_fields(canvas *c) {
    const float hy = 330, vx = 640;
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++) {
            float v;
            if (y < hy) {
                float cl = fbm(x / 260.0f, y / 110.0f, 6, 21);
                v = 0.62f + 0.25f * (float)y / hy + 0.25f * smooth(0.5f, 0.8f, cl);
            } else {
                float d = (y - hy) / (c->h - hy);         /* 0 at horizon, 1 at bottom */
                float u = (x - vx) / (d * 1.0f + 0.002f); /* perspective across the rows */
                float row = 0.5f + 0.5f * sinf(u * 0.09f);
                /* fade the furrows where they get finer than the pixels, so no moire */
                float dd = d + 0.002f, fx = 1 / dd, fy = (x - vx) / (dd * dd * (c->h - hy));
                float fade = clampf(1.0f - 0.09f * hypotf(fx, fy) / 0.8f, 0, 1);
                float soil = fbm(x / (6 + 30 * d), y / (2 + 14 * d), 4, 5);
                v = 0.34f + 0.22f * (row - 0.5f) * fade + 0.18f * soil + 0.06f * (1 - d);
            }
            float grain = (hash2(x, y, 99) - 0.5f) * 0.04f;
            float vig = 1 - 0.28f * powf(hypotf((x - 600) / 700.0f, (y - 400) / 520.0f), 2.2f);
            v = clampf((v + grain) * vig, 0, 1);
            rgb g = {v, v, v};
            plot(c, x, y, g, 1);
        }
    /* tree line on the horizon */
    rng r = {0xf1e1d5u};
    for (int i = 0; i < 150; i++) {
        float x = rnd(&r) * c->w, rr = 8 + rnd(&r) * 20;
        float g = 0.18f + rnd(&r) * 0.1f;
        rgb col = {g, g, g};
        fill_circle(c, x, hy - rr * 0.5f, rr, col, 0.95f);
    }
    /* greenhouses on the right, nearer ones larger: white tunnels with ribs and a shadow */
    for (int k = 0; k < 4; k++) {
        float base = 352 + k * k * 9.0f + k * 10.0f, h = 12 + k * 7.0f;
        float w = 150 + k * 70.0f, x0 = 1180 - w - k * 20.0f;
        fill_rect(c, (int)x0 + 4, (int)base, (int)(x0 + w) + 6, (int)(base + h * 0.25f), (rgb){0.16f, 0.16f, 0.16f}, 0.7f);
        for (int x = (int)x0; x < (int)(x0 + w); x++) {
            float t = 2 * (x - x0) / w - 1;
            float top = base - h * sqrtf(fmaxf(0, 1 - powf(fabsf(t), 8)));
            float rib = ((int)((x - x0) / (6 + k * 3)) % 2) ? 0.0f : 0.05f;
            for (int y = (int)top; y < (int)base; y++) {
                float shade = 0.90f - 0.28f * (y - top) / h + rib;
                plot(c, x, y, (rgb){shade, shade, shade}, 0.96f);
            }
        }
    }
    /* a line of utility poles receding to the horizon on the left */
    for (int k = 0; k < 6; k++) {
        float d = 0.08f + k * k * 0.035f, x = 560 - 1500 * d, yb = hy + d * (c->h - hy);
        float ph = 40 + 420 * d;
        line(c, x, yb, x, yb - ph, 2 + 8 * d, (rgb){0.12f, 0.12f, 0.12f}, 1);
        line(c, x - ph * 0.12f, yb - ph * 0.92f, x + ph * 0.12f, yb - ph * 0.92f, 1 + 4 * d, (rgb){0.12f, 0.12f, 0.12f}, 1);
    }
}

/* Renovated residential blocks with trees and a paved yard. */
static void draw_courtyard(canvas *c) {
    const int ground = 560;
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++) {
            rgb col;
            if (y < ground) {
                col = mix(mk(96, 150, 214), mk(196, 222, 240), (float)y / ground);
                float cl = fbm(x / 300.0f, y / 90.0f, 6, 31);
                col = mix(col, mk(250, 250, 252), smooth(0.55f, 0.78f, cl) * 0.9f);
            } else {
                float tile = ((x / 60 + (y - ground) / 30) % 2) ? 0.0f : 0.04f;
                col = mix(mk(176, 170, 160), mk(140, 134, 126), (float)(y - ground) / (c->h - ground) + tile);
                col = mix(col, mk(120, 116, 110), 0.3f * fbm(x / 20.0f, y / 20.0f, 3, 8));
            }
            plot(c, x, y, col, 1);
        }
    /* three blocks: warm freshly painted walls, a stripe per floor, windows with frames */
    const int bx[3] = {40, 430, 820}, bw[3] = {360, 360, 340}, floors[3] = {6, 7, 6};
    const rgb wall[3] = {mk(236, 214, 178), mk(228, 196, 160), mk(238, 220, 190)};
    for (int b = 0; b < 3; b++) {
        int fh = 62, top = ground - floors[b] * fh - 10;
        fill_rect(c, bx[b], top, bx[b] + bw[b], ground, wall[b], 1);
        fill_rect(c, bx[b] - 8, top - 14, bx[b] + bw[b] + 8, top, mk(150, 70, 56), 1); /* eave */
        for (int f = 0; f < floors[b]; f++) {
            int fy = top + 10 + f * fh;
            fill_rect(c, bx[b], fy + fh - 6, bx[b] + bw[b], fy + fh - 2, mk(196, 120, 96), 1);
            for (int w = 0; w < 5; w++) {
                int wx = bx[b] + 22 + w * (bw[b] - 44) / 5, ww = (bw[b] - 44) / 5 - 22;
                fill_rect(c, wx - 3, fy + 11, wx + ww + 3, fy + 47, mk(250, 250, 248), 1);
                float glass = 0.3f + 0.4f * hash2(b * 10 + w, f, 4);
                fill_rect(c, wx, fy + 14, wx + ww, fy + 44, mix(mk(70, 110, 140), mk(170, 200, 220), glass), 1);
                fill_rect(c, wx + ww / 2 - 1, fy + 14, wx + ww / 2 + 2, fy + 44, mk(250, 250, 248), 1);
                if ((w + f + b) % 3 == 0) /* balcony rail */
                    fill_rect(c, wx - 6, fy + 38, wx + ww + 6, fy + 46, mk(120, 124, 130), 1);
            }
        }
        /* entrance with a red awning */
        int ex = bx[b] + bw[b] / 2 - 30;
        fill_rect(c, ex, ground - 70, ex + 60, ground, mk(90, 70, 60), 1);
        fill_rect(c, ex - 12, ground - 84, ex + 72, ground - 70, mk(200, 40, 36), 1);
    }
    /* trees in front */
    rng r = {0x7ee5u};
    for (int t = 0; t < 7; t++) {
        float tx = 80 + t * 175 + rnd(&r) * 40, ty = ground + 40 + rnd(&r) * 30;
        line(c, tx, ty, tx, ty - 120, 14, mk(92, 66, 44), 1);
        for (int k = 0; k < 26; k++) {
            float a = rnd(&r) * 6.283f, d = rnd(&r) * 70;
            float g = rnd(&r);
            fill_circle(c, tx + cosf(a) * d, ty - 170 + sinf(a) * d * 0.7f, 26 + rnd(&r) * 18,
                        mix(mk(46, 110, 52), mk(120, 176, 84), g), 0.9f);
        }
    }
    /* a bench and a flower bed */
    fill_rect(c, 560, 690, 720, 702, mk(150, 96, 58), 1);
    fill_rect(c, 570, 702, 578, 730, mk(60, 60, 64), 1);
    fill_rect(c, 702, 702, 710, 730, mk(60, 60, 64), 1);
    for (int k = 0; k < 60; k++) {
        float x = 820 + rnd(&r) * 300, y = 740 + rnd(&r) * 40;
        fill_circle(c, x, y, 5 + rnd(&r) * 4, k % 3 ? mk(220, 60, 70) : mk(250, 200, 60), 1);
    }
}

/* ---------------------------------------------------------------- main */

typedef struct {
    const char *name;
    int w, h;
    void (*draw)(canvas *);
    int png_channels; /* 0: JPEG */
    int jpeg_grey;
} job;

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    const job jobs[] = {
        {"cover.jpg", 1200, 1600, draw_cover, 0, 0},
        {"chart.png", 1200, 800, draw_bar_chart, 4, 0},
        {"income.png", 1200, 700, draw_line_chart, 3, 0},
        {"fields.jpg", 1200, 800, draw_fields, 0, 1},
        {"courtyard.jpg", 1200, 800, draw_courtyard, 0, 0},
    };
    int status = 0;
    for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
        canvas c;
        if (!canvas_init(&c, jobs[i].w, jobs[i].h)) {
            fprintf(stderr, "draw_images: out of memory\n");
            return 1;
        }
        jobs[i].draw(&c);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], jobs[i].name);
        int ok = jobs[i].png_channels ? write_png(&c, path, jobs[i].png_channels)
                                      : write_jpeg(&c, path, jobs[i].jpeg_grey, 86);
        if (!ok) {
            fprintf(stderr, "draw_images: cannot write %s\n", path);
            status = 1;
        }
        free(c.px);
    }
    return status;
}
