/* render.c — the cover thumbnail drawn from the laid-out first page, as the PDF shows it. */
#include "archive_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { RW = ARCHIVE_THUMB_W, RH = ARCHIVE_THUMB_H };

typedef struct canvas {
    unsigned char *px; /* RW x RH RGB */
    float scale, ox, oy, page_h;
} canvas;

static void plot(canvas *c, int x, int y, unsigned char v, unsigned a) {
    if (x < 0 || y < 0 || x >= RW || y >= RH) return;
    unsigned char *o = c->px + ((size_t)y * RW + (size_t)x) * 3;
    for (int i = 0; i < 3; i++)
        o[i] = (unsigned char)((o[i] * (255 - a) + v * a) / 255);
}

/* Page points to canvas pixels (y downwards). */
static float cx(const canvas *c, float x) {
    return c->ox + x * c->scale;
}
static float cy(const canvas *c, float y) {
    return c->oy + (c->page_h - y) * c->scale;
}

static unsigned char grey(float g) {
    return (unsigned char)lrintf(fminf(fmaxf(g, 0), 1) * 255);
}

static void fill(canvas *c, float x0, float y0, float x1, float y1, float gray) {
    unsigned char v = grey(gray);
    for (int y = (int)floorf(fminf(y0, y1)); y < (int)ceilf(fmaxf(y0, y1)); y++)
        for (int x = (int)floorf(fminf(x0, x1)); x < (int)ceilf(fmaxf(x0, x1)); x++)
            plot(c, x, y, v, 255);
}

static void rule(canvas *c, const folio_box *b) {
    float x0 = cx(c, b->x), y0 = cy(c, b->y), x1 = cx(c, b->x + b->w), y1 = cy(c, b->y + b->h);
    float t = fmaxf(1, (b->line_width > 0 ? b->line_width : 0.5f) * c->scale);
    if (fabsf(x1 - x0) >= fabsf(y1 - y0))
        fill(c, x0, y0 - t / 2, x1, y1 + t / 2, b->stroke_gray);
    else
        fill(c, x0 - t / 2, y0, x1 + t / 2, y1, b->stroke_gray);
}

/* The picture stretched into its box, as the PDF places it. */
static void image(canvas *c, const folio_box *b) {
    archive_rgb im;
    if (!b->image || archive_read_image(b->image->file, &im)) return;
    float x0 = cx(c, b->x), y1 = cy(c, b->y), x1 = cx(c, b->x + b->w), y0 = cy(c, b->y + b->h);
    for (int y = (int)floorf(y0); y < (int)ceilf(y1); y++)
        for (int x = (int)floorf(x0); x < (int)ceilf(x1); x++) {
            int sx = (int)((x + 0.5f - x0) / (x1 - x0) * (float)im.w);
            int sy = (int)((y + 0.5f - y0) / (y1 - y0) * (float)im.h);
            if (x < 0 || y < 0 || x >= RW || y >= RH || sx < 0 || sy < 0 || sx >= im.w ||
                sy >= im.h)
                continue;
            memcpy(c->px + ((size_t)y * RW + (size_t)x) * 3,
                   im.px + ((size_t)sy * (size_t)im.w + (size_t)sx) * 3, 3);
        }
    free(im.px);
}

static void text(canvas *c, folio_raster *r, const folio_line *l) {
    unsigned char v = grey(l->gray);
    float px = l->size * c->scale;
    if (px < 0.5f) return;
    for (size_t i = 0; i < l->n; i++) {
        const folio_glyph *g = &l->g[i];
        folio_glyph_bitmap bm;
        if (fonts_raster_glyph(r, g->face, g->gid, px, &bm)) continue;
        int x = (int)lrintf(cx(c, l->x + g->x)) + bm.left;
        int y = (int)lrintf(cy(c, l->y + g->dy)) - bm.top;
        for (int row = 0; row < bm.rows; row++)
            for (int k = 0; k < bm.width; k++)
                plot(c, x + k, y + row, v, bm.gray[row * bm.pitch + k]);
    }
}

int archive_render_cover(const char *path, const folio_doc *doc, const folio_fonts *f,
                         folio_diags *d) {
    if (!doc->npages || doc->width <= 0 || doc->height <= 0)
        return diag_error(d, path, 0, "no first page to draw the thumbnail from");
    const folio_page *p = &doc->pages[0];
    canvas c;
    c.scale = fminf(RW / doc->width, RH / doc->height);
    c.ox = (RW - doc->width * c.scale) / 2;
    c.oy = (RH - doc->height * c.scale) / 2;
    c.page_h = doc->height;
    c.px = malloc((size_t)RW * RH * 3);
    /* no font set: the boxes only */
    folio_raster *r = f ? fonts_raster_new(f) : NULL;
    int rc = -1;
    if (!c.px || (f && !r)) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    memset(c.px, 255, (size_t)RW * RH * 3);
    /* boxes first (backgrounds, rules, pictures), then the text, as the PDF */
    for (size_t i = 0; i < p->nboxes; i++) {
        const folio_box *b = &p->boxes[i];
        if (b->type == FOLIO_BOX_RECT && b->fill_gray >= 0)
            fill(&c, cx(&c, b->x), cy(&c, b->y), cx(&c, b->x + b->w), cy(&c, b->y + b->h),
                 b->fill_gray);
        else if (b->type == FOLIO_BOX_RULE)
            rule(&c, b);
        else if (b->type == FOLIO_BOX_IMAGE)
            image(&c, b);
    }
    for (size_t i = 0; r && i < p->nlines; i++)
        text(&c, r, &p->lines[i]);
    rc = archive_write_png(path, c.px, RW, RH, d);
done:
    fonts_raster_free(r);
    free(c.px);
    return rc;
}
