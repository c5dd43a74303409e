/* runheads.c — running heads and folios (RH-1): placed relative to the type
 * area and mirrored on facing pages. Even pages (versos) carry the journal
 * name and issue at the outer (left) edge, odd pages (rectos) the section
 * name, or the article title where the section has none, at the outer (right)
 * edge; a thin rule runs under the head. The folio goes under the type area
 * at the outer edge or, with folio_place: head, into the head's line at the
 * outer edge, the head beside it. Pages where an article opens carry only
 * the folio; the cover, masthead and contents pages carry neither.
 *
 * Why a folio in the head: text extractors read a page in blocks from the
 * top, and a folio at the foot of a left-hand page, under the first of two
 * columns, comes out between the columns, in the middle of a paragraph. */
#include "compose.h"

#include <stdio.h>
#include <string.h>

static const char *recto_head(composer *c, int article) {
    if (article < 0) return NULL;
    const folio_article *a = &c->e->articles[article];
    const folio_section *s = &c->e->sections[a->section];
    return s->name && *s->name ? s->name : a->title;
}

/* Places ln at the outer edge of the type area, inset from it by `inset`
 * points (the folio's room when both share the head's line). */
static int place(composer *c, int p, folio_line *ln, float y, int recto, float inset) {
    const folio_layout *l = c->l;
    float left = layout_type_left(l, recto);
    ln->x = recto ? left + l->type_width - ln->width - inset : left + inset;
    ln->y = y;
    return doc_add_line(c, p, ln);
}

int compose_runheads(composer *c) {
    const folio_layout *l = c->l;
    const layout_style *rh = &l->styles[ST_RUNHEAD], *fo = &l->styles[ST_FOLIO];
    float top = layout_type_top(l), bottom = top - l->type_height;
    float rule_y = top + 0.5f * l->body_pitch;
    float head_y = rule_y + 3.5f + (1 - EM_ASCENT) * rh->size;
    float folio_y = bottom - 1.8f * l->body_pitch + (1 - EM_ASCENT) * fo->size;
    char buf[512];
    for (size_t i = 0; i < c->npages; i++) {
        page_build *pb = &c->pages[i];
        if (pb->front) continue;
        int p = (int)i, recto = page_recto(p);
        snprintf(buf, sizeof buf, "%d", p + 1);
        folio_line *fl = label_line(c, ST_FOLIO, fo->size, buf, FOLIO_ROLE_FOLIO);
        if (!fl || place(c, p, fl, l->folio_in_head ? head_y : folio_y, recto, 0)) return -1;
        float inset = l->folio_in_head ? fl->width + rh->size : 0;
        if (pb->opening) continue;
        const char *text = buf;
        if (recto) {
            text = recto_head(c, pb->top_article);
            if (!text) continue;
        } else {
            snprintf(buf, sizeof buf, "%s　%s", c->e->journal, c->e->issue);
        }
        folio_line *hl = label_line(c, ST_RUNHEAD, rh->size, text, FOLIO_ROLE_RUNHEAD);
        if (!hl || place(c, p, hl, head_y, recto, inset)) return -1;
        folio_box b = {0};
        b.type = FOLIO_BOX_RULE;
        b.x = layout_type_left(l, recto);
        b.y = rule_y;
        b.w = l->type_width;
        b.line_width = 0.4f;
        b.fill_gray = -1;
        b.target_page = -1;
        if (doc_add_box(c, p, &b)) return -1;
    }
    return 0;
}
