/* frontmatter.c — the cover and the masthead page (版权页); the contents
 * are contents.c's. */
#include "compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static folio_box box_of(folio_box_type t, float x, float y, float w, float h) {
    folio_box b = {0};
    b.type = t;
    b.x = x;
    b.y = y;
    b.w = w;
    b.h = h;
    b.fill_gray = -1;
    b.target_page = -1;
    return b;
}

/* Adds a label line centred on cx at baseline y, shrunk to fit maxw. */
static int centred(composer *c, int page, layout_style_id st, folio_line_role role, int item,
                   const char *text, float cx, float y, float maxw, float gray) {
    float size = c->l->styles[st].size;
    folio_line *ln = label_line(c, st, size, text, role);
    if (!ln) return -1;
    if (ln->width > maxw && ln->width > 0) {
        size *= maxw / ln->width;
        if (!(ln = label_line(c, st, size, text, role))) return -1;
    }
    ln->item = item;
    ln->x = cx - ln->width / 2;
    ln->y = y;
    ln->gray = gray;
    ln->flags |= FOLIO_LINE_CENTERED;
    return doc_add_line(c, page, ln);
}

int compose_cover(composer *c) {
    const folio_edition *e = c->e;
    const folio_layout *l = c->l;
    int p = doc_add_page(c);
    if (p < 0) return -1;
    c->pages[p].front = 1;
    float W = l->width, H = l->height, cx = W / 2;
    float maxw = W - 2 * l->margin_outer;
    /* a light ground over the whole page and a dark band at the head */
    folio_box bg = box_of(FOLIO_BOX_RECT, 0, 0, W, H);
    bg.fill_gray = 0.95f;
    bg.to_bleed = 1;
    doc_add_box(c, p, &bg);
    float band_y = H * 0.70f;
    folio_box band = box_of(FOLIO_BOX_RECT, 0, band_y, W, H - band_y);
    band.fill_gray = 0.18f;
    band.to_bleed = 1;
    doc_add_box(c, p, &band);
    const layout_style *sc = &l->styles[ST_COVER], *si = &l->styles[ST_COVER_ISSUE];
    float y = H - (H - band_y) * 0.45f;
    if (centred(c, p, ST_COVER, FOLIO_ROLE_COVER_TITLE, -1, e->journal, cx, y, maxw, 1)) return -1;
    y -= sc->size * 0.5f + si->pitch;
    char line[256];
    if (e->total > 0)
        snprintf(line, sizeof line, "%s　总第%d期", e->issue, e->total);
    else
        snprintf(line, sizeof line, "%s", e->issue);
    if (centred(c, p, ST_COVER_ISSUE, FOLIO_ROLE_COVER, 0, line, cx, y, maxw, 1)) return -1;
    date_format_cn(&e->ymd, line, sizeof line);
    y -= si->pitch;
    if (centred(c, p, ST_COVER_ISSUE, FOLIO_ROLE_COVER, 1, line, cx, y, maxw, 0.85f)) return -1;
    /* the cover image, scaled into the middle of the page */
    float area_top = band_y - 12 * 2.835f, area_bottom = H * 0.22f;
    if (e->cover_image && e->cover_image->width > 0 && e->cover_image->height > 0) {
        const folio_image *im = e->cover_image;
        float aw = W - 2 * l->margin_outer, ah = area_top - area_bottom;
        float w = aw, h = w * (float)im->height / (float)im->width;
        if (h > ah) {
            h = ah;
            w = h * (float)im->width / (float)im->height;
        }
        folio_box ib = box_of(FOLIO_BOX_IMAGE, cx - w / 2, area_top - (ah - h) / 2 - h, w, h);
        ib.role = FOLIO_BOXROLE_FIGURE;
        ib.image = im;
        ib.article = ib.serial = -1;
        doc_add_box(c, p, &ib);
    }
    /* taglines, then the publisher at the foot; without a cover image the
     * taglines stand between two short rules in the middle of the picture
     * area, so that the page does not look empty */
    const layout_style *st = &l->styles[ST_COVER_TAGLINE];
    y = area_bottom - st->pitch;
    int has_image = e->cover_image && e->cover_image->width > 0 && e->cover_image->height > 0;
    if (!has_image && e->ntagline) {
        float block = (float)e->ntagline * st->pitch;
        float mid = (area_top + area_bottom) / 2, rw = W * 0.3f;
        y = mid + (block - st->pitch) / 2 - (EM_ASCENT - 0.5f) * st->size;
        for (int k = 0; k < 2; k++) {
            float ry = k ? mid - block / 2 - st->size : mid + block / 2 + st->size;
            folio_box r = box_of(FOLIO_BOX_RULE, cx - rw / 2, ry, rw, 0);
            r.line_width = 0.8f;
            r.stroke_gray = 0.18f;
            doc_add_box(c, p, &r);
        }
    }
    for (size_t i = 0; i < e->ntagline; i++, y -= st->pitch)
        if (centred(c, p, ST_COVER_TAGLINE, FOLIO_ROLE_COVER_TAGLINE, (int)i, e->tagline[i], cx, y,
                    maxw, 0.1f))
            return -1;
    if (e->publisher && centred(c, p, ST_COVER_ISSUE, FOLIO_ROLE_COVER, 2, e->publisher, cx,
                                l->margin_bottom * 0.8f, maxw, 0.2f))
        return -1;
    return c->oom ? -1 : 0;
}

/* Lines of a para set at (x, y) downwards with the style's pitch; returns the
 * baseline of the next line. */
static float put_lines(composer *c, int page, folio_para_out *o, float x, float y,
                       const layout_style *st, folio_line_role role, int item) {
    for (size_t i = 0; i < o->nlines; i++) {
        folio_line ln = o->lines[i];
        ln.role = role;
        ln.item = item;
        line_place(&ln, x, y);
        doc_add_line(c, page, &ln);
        y -= st->pitch;
    }
    return y;
}

/* Sets a masthead entry's values from (x, *y) down: several values (names)
 * are grouped onto lines and never broken inside one; a single long value
 * (an address) wraps. */
static int values(composer *c, int p, const folio_masthead_entry *m, int item, float x,
                  float measure, float *y) {
    const layout_style *sm = &c->l->styles[ST_MASTHEAD];
    const folio_line_role role = FOLIO_ROLE_MASTHEAD_VALUE;
    if (m->nvalues <= 1) {
        folio_para_out o;
        if (label_para(c, ST_MASTHEAD, m->nvalues ? m->values[0] : "", measure, ALIGN_LEFT, role,
                       &o))
            return -1;
        *y = o.nlines ? put_lines(c, p, &o, x, *y, sm, role, item) : *y - sm->pitch;
        return 0;
    }
    size_t len = 1;
    for (size_t v = 0; v < m->nvalues; v++)
        len += strlen(m->values[v]) + 3;
    char *line = arena_alloc(c->arena, len), *try = arena_alloc(c->arena, len);
    if (!line || !try) return c->oom = 1, -1;
    line[0] = 0;
    for (size_t v = 0; v <= m->nvalues; v++) {
        if (v < m->nvalues) {
            snprintf(try, len, "%s%s%s", line, *line ? "　" : "", m->values[v]);
            folio_line *w = label_line(c, ST_MASTHEAD, sm->size, try, role);
            if (!w) return -1;
            if (!*line || w->natural <= measure) {
                memcpy(line, try, strlen(try) + 1);
                continue;
            }
        }
        folio_line *ln = label_line(c, ST_MASTHEAD, sm->size, line, role);
        if (!ln) return -1;
        ln->item = item;
        ln->x = x;
        ln->y = *y;
        doc_add_line(c, p, ln);
        *y -= sm->pitch;
        if (v < m->nvalues) snprintf(line, len, "%s", m->values[v]);
    }
    return 0;
}

int compose_masthead(composer *c) {
    const folio_edition *e = c->e;
    const folio_layout *l = c->l;
    int p = doc_add_page(c);
    if (p < 0) return -1;
    c->pages[p].front = 1;
    float left = layout_type_left(l, page_recto(p)), width = l->type_width;
    /* the masthead sits as a block in the lower half of the page, as is usual */
    const layout_style *tt = &l->styles[ST_MASTHEAD_TITLE], *sm = &l->styles[ST_MASTHEAD];
    float blockw = width * 0.62f, bx = left + (width - blockw) / 2;
    size_t rows = e->nmasthead + e->nnotice + (e->identifier ? 1 : 0) + 4;
    float y = layout_type_top(l) - l->type_height + (float)rows * sm->pitch * 1.3f + 3 * tt->pitch;
    if (y > layout_type_top(l) - tt->size) y = layout_type_top(l) - tt->size;
    folio_line *t =
        label_line(c, ST_MASTHEAD_TITLE, tt->size, e->journal, FOLIO_ROLE_MASTHEAD_TITLE);
    if (!t) return -1;
    t->x = left + (width - t->width) / 2;
    t->y = y;
    t->flags |= FOLIO_LINE_CENTERED;
    doc_add_line(c, p, t);
    float rule_y = y - tt->size * 0.5f;
    folio_box r = box_of(FOLIO_BOX_RULE, bx, rule_y, blockw, 0);
    r.line_width = 0.5f;
    doc_add_box(c, p, &r);
    y = rule_y - tt->after * l->body_pitch - sm->size;
    /* keys in one column, values aligned after the longest key */
    float keyw = 0;
    for (size_t i = 0; i < e->nmasthead; i++) {
        folio_line *k =
            label_line(c, ST_MASTHEAD, sm->size, e->masthead[i].key, FOLIO_ROLE_MASTHEAD_KEY);
        if (!k) return -1;
        if (k->natural > keyw) keyw = k->natural;
    }
    keyw += sm->size;
    for (size_t i = 0; i < e->nmasthead; i++) {
        const folio_masthead_entry *m = &e->masthead[i];
        folio_line *k = label_line(c, ST_MASTHEAD, sm->size, m->key, FOLIO_ROLE_MASTHEAD_KEY);
        if (!k) return -1;
        k->item = (int)i;
        k->x = bx;
        k->y = y;
        doc_add_line(c, p, k);
        if (values(c, p, m, (int)i, bx + keyw, blockw - keyw, &y)) return -1;
    }
    if (e->identifier) {
        folio_para_out o;
        if (label_para(c, ST_MASTHEAD, e->identifier, blockw, ALIGN_LEFT, FOLIO_ROLE_IDENTIFIER,
                       &o))
            return -1;
        y = put_lines(c, p, &o, bx, y, sm, FOLIO_ROLE_IDENTIFIER, -1);
    }
    folio_box r2 = box_of(FOLIO_BOX_RULE, bx, y + sm->pitch - sm->size * 0.6f, blockw, 0);
    r2.line_width = 0.5f;
    doc_add_box(c, p, &r2);
    const layout_style *sn = &l->styles[ST_NOTICE];
    y -= sn->pitch * 0.6f;
    for (size_t i = 0; i < e->nnotice; i++) {
        folio_para_out o;
        if (label_para(c, ST_NOTICE, e->notice[i], blockw, ALIGN_CENTER, FOLIO_ROLE_NOTICE, &o))
            return -1;
        y = put_lines(c, p, &o, bx, y, sn, FOLIO_ROLE_NOTICE, (int)i);
    }
    return c->oom ? -1 : 0;
}
