/* contents.c — the table of contents (目录): section names, and per article
 * its title, authors in Kai, dot leaders and the page number, with a link;
 * fitted as a make-up editor fits it: on as few pages as hold it (its
 * spacing tightened within limits, or set in the layout's columns), and
 * spread evenly over them, so that no page holds an entry or two. */
#include "compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The closest the contents' spacing may be drawn: entries at 1.25 x their
 * size (a little more than Chinese text set solid), section names with a
 * quarter of their space above. */
#define TOC_MIN_PITCH 1.25f
#define TOC_MIN_BEFORE 0.25f
#define TOC_STEPS 5 /* spacings tried from as designed down to the closest */

/* One section name or entry, set to a frame's width. */
typedef struct toc_item {
    const folio_article *a; /* an entry's article; NULL: a section name */
    folio_para_out o;       /* its lines (an entry's last ends in leaders and its number) */
} toc_item;

/* One way of setting the contents. */
typedef struct toc_set {
    int columns; /* frames per page: 1, or the layout's columns */
    float tight; /* 0: spacing as designed .. 1: the closest */
    float limit; /* the most height (points) any frame is filled to */
} toc_set;

/* Where the next line goes. */
typedef struct toc_state {
    const toc_set *set;
    int frame; /* page x columns + column; -1: none yet */
    int page;  /* the page of the frame (when placing) */
    float y;   /* baseline of the next line */
    float top; /* the frame's first baseline */
    float bottom, left, width;
    float pitch, before; /* entries' pitch, section names' space above (points) */
    int under_heading;   /* the frame starts under the heading 目录 */
    int place;           /* 0: only count the frames */
    int numbers;         /* the page numbers are known (links too) */
} toc_state;

/* Appends the glyphs of extra to ln, starting at x (from ln's origin). */
static int line_append(composer *c, folio_line *ln, const folio_line *extra, float x) {
    folio_glyph *g = arena_calloc(c->arena, ln->n + extra->n + 1, sizeof *g);
    size_t tl = strlen(ln->text), el = strlen(extra->text);
    char *text = arena_alloc(c->arena, tl + el + 1);
    if (!g || !text) return c->oom = 1, -1;
    memcpy(g, ln->g, ln->n * sizeof *g);
    for (size_t i = 0; i < extra->n; i++) {
        g[ln->n + i] = extra->g[i];
        g[ln->n + i].x += x;
    }
    memcpy(text, ln->text, tl);
    memcpy(text + tl, extra->text, el + 1);
    ln->g = g;
    ln->n += extra->n;
    ln->text = text;
    if (x + extra->natural > ln->natural) ln->natural = x + extra->natural;
    return 0;
}

static float line_end(const folio_line *ln) {
    return ln->n ? ln->g[ln->n - 1].x + ln->g[ln->n - 1].adv : 0;
}

/* Appends dot leaders and the page number to the last line of an entry, so
 * the number ends at the right edge of the measure. */
static int leaders(composer *c, folio_line *ln, float measure, int number) {
    const layout_style *st = &c->l->styles[ST_TOC];
    char num[16];
    if (number > 0)
        snprintf(num, sizeof num, "%d", number);
    else
        snprintf(num, sizeof num, "000");
    folio_line *nl = label_line(c, ST_TOC, st->size, num, FOLIO_ROLE_TOC_ENTRY);
    folio_line *dot = label_line(c, ST_TOC, st->size, "·", FOLIO_ROLE_TOC_ENTRY);
    if (!nl || !dot) return -1;
    float step = st->size * 0.5f;
    float from = line_end(ln) + step, to = measure - nl->width - step;
    size_t ndots = to > from ? (size_t)((to - from) / step) : 0;
    /* dots on a fixed step from the right, so leaders line up down the page */
    folio_line dots = *dot;
    dots.g = arena_calloc(c->arena, ndots + 1, sizeof *dots.g);
    char *dt = arena_alloc(c->arena, ndots * 2 + 1);
    if (!dots.g || !dt) return c->oom = 1, -1;
    for (size_t i = 0; i < ndots; i++) {
        dots.g[i] = dot->g[0];
        dots.g[i].x = (float)i * step + (step - dot->width) / 2;
        memcpy(dt + 2 * i, "\xc2\xb7", 2);
    }
    dt[2 * ndots] = 0;
    dots.n = ndots;
    dots.text = dt;
    dots.natural = (float)ndots * step;
    ln->deco_from = ln->n;
    if (ndots && line_append(c, ln, &dots, to - (float)ndots * step)) return -1;
    ln->deco_to = ln->n;
    if (line_append(c, ln, nl, measure - nl->width)) return -1;
    ln->width = ln->natural = measure;
    ln->stretch = 0;
    return 0;
}

/* PUN-4: an entry that opens with a full-width opening mark (“《（…) loses
 * the mark's blank half, so that the entries' visible left edges align. */
static void hang_opening(folio_line *ln) {
    static const uint32_t open[] = {0x201C, 0x2018, 0x300A, 0x3008, 0x300C,
                                    0x300E, 0x3010, 0x3014, 0x3016, 0xFF08};
    if (!ln->n || ln->g[0].adv < 0.9f * ln->size) return;
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
        if (ln->g[0].cp == open[i]) {
            for (size_t g = 0; g < ln->n; g++)
                ln->g[g].x -= ln->size / 2;
            ln->natural -= ln->size / 2;
            return;
        }
}

/* The authors in Kai after the title's last line, or on a line of their
 * own indented under it: never broken inside a name. */
static int add_authors(composer *c, const folio_article *a, float measure, float room,
                       folio_para_out *o) {
    const layout_style *st = &c->l->styles[ST_TOC];
    size_t len = 1;
    for (size_t i = 0; i < a->nauthors; i++)
        len += strlen(a->authors[i]) + 3;
    char *names = arena_alloc(c->arena, len);
    if (!names) return c->oom = 1, -1;
    names[0] = 0;
    for (size_t i = 0; i < a->nauthors; i++) {
        if (i) strcat(names, "　");
        strcat(names, a->authors[i]);
    }
    folio_line *au = label_line(c, ST_AUTHOR, st->size, names, FOLIO_ROLE_TOC_ENTRY);
    if (!au) return -1;
    folio_line *last = &o->lines[o->nlines - 1];
    float x = line_end(last) + st->size;
    if (x + au->natural <= measure - room) return line_append(c, last, au, x);
    folio_line *more = arena_calloc(c->arena, o->nlines + 1, sizeof *more);
    if (!more) return c->oom = 1, -1;
    memcpy(more, o->lines, o->nlines * sizeof *more);
    for (size_t i = 0; i < au->n; i++)
        au->g[i].x += st->size; /* indented under the title */
    au->natural += st->size;
    more[o->nlines++] = *au;
    o->lines = more;
    return 0;
}

/* An entry set to a frame of the given width: the title (a long one wraps
 * with a hanging indent of one em), the authors, leaders and number. */
static int toc_entry(composer *c, const folio_article *a, float width, int numbers,
                     folio_para_out *o) {
    const layout_style *st = &c->l->styles[ST_TOC];
    float measure = width - st->indent;
    float room = 4 * st->size; /* leaders and number */
    if (label_para(c, ST_TOC, a->title, measure - room, ALIGN_LEFT, FOLIO_ROLE_TOC_ENTRY, o))
        return -1;
    if (o->nlines > 1) {
        /* set again a little narrower so that the indented lines still
         * clear the number */
        if (label_para(c, ST_TOC, a->title, measure - room - st->size, ALIGN_LEFT,
                       FOLIO_ROLE_TOC_ENTRY, o))
            return -1;
        for (size_t i = 1; i < o->nlines; i++) {
            for (size_t g = 0; g < o->lines[i].n; g++)
                o->lines[i].g[g].x += st->size;
            o->lines[i].natural += st->size;
        }
    }
    if (!o->nlines) return 0;
    hang_opening(&o->lines[0]);
    if (a->nauthors && add_authors(c, a, measure, room, o)) return -1;
    int number = numbers ? c->article_page[a->index] + 1 : 0;
    return leaders(c, &o->lines[o->nlines - 1], measure, number);
}

/* The section names and entries, set to frames of the given width. */
static toc_item *toc_items(composer *c, float width, int numbers, size_t *n) {
    const folio_edition *e = c->e;
    const layout_style *ss = &c->l->styles[ST_TOC_SECTION];
    toc_item *it = arena_calloc(c->arena, e->nsections + e->narticles + 1, sizeof *it);
    if (!it) return c->oom = 1, NULL;
    *n = 0;
    for (size_t s = 0; s < e->nsections; s++) {
        const folio_section *sec = &e->sections[s];
        if (sec->name && *sec->name) {
            folio_line *sl =
                label_line(c, ST_TOC_SECTION, ss->size, sec->name, FOLIO_ROLE_TOC_SECTION);
            if (!sl) return NULL;
            sl->item = (int)s;
            it[*n].o.lines = sl;
            it[(*n)++].o.nlines = 1;
        }
        for (size_t k = 0; k < sec->narticles; k++) {
            it[*n].a = sec->articles[k];
            if (toc_entry(c, sec->articles[k], width, numbers, &it[(*n)++].o)) return NULL;
        }
    }
    return it;
}

/* The heading 目录 on the contents' first page; returns the baseline of
 * the first line under it. */
static float toc_heading(composer *c, int page, int place) {
    const folio_layout *l = c->l;
    const layout_style *h = &l->styles[ST_TOC_HEADING];
    float y = layout_type_top(l) - EM_ASCENT * h->size;
    if (place) {
        folio_line *hl = label_line(c, ST_TOC_HEADING, h->size, "目　录", FOLIO_ROLE_TOC_HEADING);
        if (!hl) return 0;
        hl->x = layout_type_left(l, page_recto(page)) + (l->type_width - hl->width) / 2;
        hl->y = y;
        hl->flags |= FOLIO_LINE_CENTERED;
        doc_add_line(c, page, hl);
    }
    return y - h->size * (1 - EM_ASCENT) - h->after * l->body_pitch - EM_ASCENT * l->body_size;
}

/* The entries' pitch and the section names' space above at tightness t. */
static void spacing(const composer *c, float t, float *pitch, float *before) {
    const folio_layout *l = c->l;
    const layout_style *st = &l->styles[ST_TOC], *ss = &l->styles[ST_TOC_SECTION];
    float least = TOC_MIN_PITCH * st->size;
    *pitch = st->pitch > least ? st->pitch - t * (st->pitch - least) : st->pitch;
    *before = ss->before * l->body_pitch * (1 - t * (1 - TOC_MIN_BEFORE));
}

/* Moves to the next frame: the next column, or the first of a new page
 * (one of the pages reserved for the contents, else a new one). */
static int next_frame(composer *c, toc_state *t) {
    const folio_layout *l = c->l;
    int cols = t->set->columns, col = ++t->frame % cols;
    if (col == 0 && t->place) {
        t->page = c->toc_next < c->toc_end ? c->toc_next++ : doc_add_page(c);
        if (t->page < 0) return -1;
        c->pages[t->page].front = 1;
    }
    t->under_heading = t->frame < cols;
    float top = layout_type_top(l) - EM_ASCENT * l->body_size;
    if (t->under_heading) top = toc_heading(c, t->page, t->place && t->frame == 0);
    float gap = cols > 1 ? l->column_gap : 0;
    t->width = (l->type_width - gap * (float)(cols - 1)) / (float)cols;
    t->left =
        (t->place ? layout_type_left(l, page_recto(t->page)) : 0) + (float)col * (t->width + gap);
    t->top = t->y = top;
    t->bottom = layout_type_top(l) - l->type_height + (1 - EM_ASCENT) * l->body_size;
    if (top - t->set->limit > t->bottom) t->bottom = top - t->set->limit;
    return c->oom ? -1 : 0;
}

/* Sets the lines of an item from baseline y down, pitch apart. */
static void put(composer *c, const toc_state *t, const toc_item *it, float x, float y) {
    for (size_t i = 0; i < it->o.nlines; i++) {
        folio_line ln = it->o.lines[i];
        if (it->a) {
            ln.role = FOLIO_ROLE_TOC_ENTRY;
            ln.target = (int)it->a->index;
        }
        line_place(&ln, x, y - (float)i * t->pitch);
        doc_add_line(c, t->page, &ln);
    }
}

/* A section name, kept with its first entry (at the head of a frame, below
 * the heading aside, it loses the space above it). */
static int put_section(composer *c, toc_state *t, const toc_item *it) {
    const layout_style *ss = &c->l->styles[ST_TOC_SECTION];
    int fresh = t->y == t->top && !t->under_heading;
    float y = fresh ? layout_type_top(c->l) - EM_ASCENT * ss->size
                    : t->y - t->before - (ss->pitch - t->pitch);
    if (t->y != t->top && y - t->pitch < t->bottom) {
        if (next_frame(c, t)) return -1;
        return put_section(c, t, it);
    }
    if (t->place) put(c, t, it, t->left, y);
    t->y = y - ss->pitch;
    return 0;
}

/* An entry, with a link over its lines and half the leading around them. */
static int put_entry(composer *c, toc_state *t, const toc_item *it) {
    const layout_style *st = &c->l->styles[ST_TOC];
    float need = (float)(it->o.nlines ? it->o.nlines - 1 : 0) * t->pitch;
    if (t->y != t->top && t->y - need < t->bottom && next_frame(c, t)) return -1;
    if (t->place && it->o.nlines) {
        float lead = (t->pitch - st->size) / 2;
        float top = t->y + EM_ASCENT * st->size + lead;
        float bottom = t->y - need - (1 - EM_ASCENT) * st->size - lead;
        put(c, t, it, t->left + st->indent, t->y);
        if (c->article_page[it->a->index] >= 0 && t->numbers) {
            folio_box link = {0};
            link.type = FOLIO_BOX_LINK;
            link.role = FOLIO_BOXROLE_LINK;
            link.target = (int)it->a->index;
            link.article = link.serial = -1;
            link.x = t->left;
            link.y = bottom;
            link.w = t->width;
            link.h = top - bottom;
            link.fill_gray = -1;
            link.target_page = c->article_page[it->a->index];
            link.target_y = c->article_y[it->a->index];
            doc_add_box(c, t->page, &link);
        }
    }
    t->y -= need + t->pitch;
    return 0;
}

/* Flows the items through the frames of set; returns the pages they take
 * (placing them when place), or -1. */
static int toc_flow(composer *c, const toc_item *it, size_t n, const toc_set *set, int place,
                    int numbers) {
    toc_state t = {0};
    t.set = set;
    t.frame = -1;
    t.place = place;
    t.numbers = numbers;
    spacing(c, set->tight, &t.pitch, &t.before);
    if (next_frame(c, &t)) return -1;
    for (size_t i = 0; i < n; i++)
        if (it[i].a ? put_entry(c, &t, &it[i]) : put_section(c, &t, &it[i])) return -1;
    return c->oom ? -1 : t.frame / set->columns + 1;
}

/* The least fill limit at which the items still take the frames of `pages`
 * pages: so filled, the frames hold even shares (the last not a scrap). */
static float even_limit(composer *c, const toc_item *it, size_t n, toc_set set, int pages) {
    float lo = 0, hi = c->l->type_height + c->l->body_pitch;
    for (int k = 0; k < 24; k++) {
        set.limit = (lo + hi) / 2;
        int p = toc_flow(c, it, n, &set, 0, 0);
        if (p > 0 && p <= pages)
            hi = set.limit;
        else
            lo = set.limit;
    }
    return hi;
}

int compose_contents(composer *c, int numbers) {
    const folio_layout *l = c->l;
    /* one column across the type area, or the layout's columns */
    int opts = l->columns > 1 ? 2 : 1;
    toc_item *items[2] = {NULL, NULL};
    size_t n[2] = {0, 0};
    toc_set best = {1, 0, 0};
    int fewest = 0;
    for (int k = 0; k < opts; k++) {
        int cols = k ? l->columns : 1;
        float width = (l->type_width - l->column_gap * (float)(cols - 1)) / (float)cols;
        items[k] = toc_items(c, width, numbers, &n[k]);
        if (!items[k]) return -1;
        /* the spacing as designed first, then drawn closer step by step */
        for (int step = 0; step <= TOC_STEPS; step++) {
            toc_set set = {cols, (float)step / TOC_STEPS, 2 * l->type_height};
            int p = toc_flow(c, items[k], n[k], &set, 0, numbers);
            if (p < 0) return -1;
            if (!fewest || p < fewest) fewest = p, best = set;
        }
    }
    int k = best.columns > 1;
    best.limit = even_limit(c, items[k], n[k], best, fewest);
    return toc_flow(c, items[k], n[k], &best, 1, numbers) < 0 ? -1 : 0;
}
