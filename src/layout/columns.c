/* columns.c — placing articles on pages: the title block across the columns,
 * then the body filled column by column on the grid, with the page rules
 * (WO-2 widows and orphans, HD-2 headings kept with their text, COL-1
 * balanced columns on an article's last page) and run-on briefs. */
#include "flow.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

/* At most this many figures go to one column's head or foot. */
#define FIG_MAX 4

typedef struct fpos {
    size_t u, i;         /* unit, and line inside a text unit */
    long pending;        /* a figure held over to the head of the next column, or -1 */
    long ahead[FIG_MAX]; /* figures set at a column's head above the text that
                            leads to them, passed over when the flow reaches
                            them; -1: a free place */
} fpos;

/* Whether unit u was set ahead of its place in the flow. */
static int is_ahead(const fpos *pos, size_t u) {
    for (int k = 0; k < FIG_MAX; k++)
        if (pos->ahead[k] == (long)u) return 1;
    return 0;
}

/* Notes unit u as set ahead, in the first free place (fill_column takes no
 * more figures to a head than there are free places). */
static void add_ahead(fpos *pos, long u) {
    for (int k = 0; k < FIG_MAX; k++)
        if (pos->ahead[k] < 0) {
            pos->ahead[k] = u;
            return;
        }
}

static int free_ahead(const fpos *pos) {
    int n = 0;
    for (int k = 0; k < FIG_MAX; k++)
        n += pos->ahead[k] < 0;
    return n;
}

static int done(const flow *fl, fpos pos) {
    return pos.u >= fl->n && pos.pending < 0;
}

typedef struct place {
    size_t unit, from, to; /* text: lines [from, to) */
    int slot;              /* grid line in the column where it starts */
    int at_top;
} place;

typedef struct placelist {
    place *p;
    size_t n, cap;
    int oom;
} placelist;

static void pl_push(placelist *pl, place p) {
    if (pl->n == pl->cap && grow_array(&pl->p, &pl->cap, pl->n + 1, sizeof *pl->p, 32)) {
        pl->oom = 1;
        return;
    }
    pl->p[pl->n++] = p;
}

static int is_heading(const flow *fl, const place *p) {
    const flow_unit *u = &fl->u[p->unit];
    return u->type == FU_FIXED && u->heading;
}

static int is_figure(const flow_unit *u) {
    if (u->type != FU_FIXED || u->heading) return 0;
    for (size_t j = 0; j < u->nboxes; j++)
        if (u->boxes[j].type == FOLIO_BOX_IMAGE) return 1;
    return 0;
}

/* HD-2: a column may not end with a heading that has fewer than two lines of
 * text after it (while text still follows). Moves such headings, and any
 * headings stacked right above them, to the next column. */
static fpos keep_headings(const flow *fl, fpos pos, placelist *pl, int *used) {
    while (!done(fl, pos) && pl->n) {
        size_t k = pl->n;
        while (k > 0 && !is_heading(fl, &pl->p[k - 1]))
            k--;
        if (!k) break;
        k--;
        size_t after = 0;
        for (size_t j = k + 1; j < pl->n; j++)
            if (fl->u[pl->p[j].unit].type == FU_TEXT) after += pl->p[j].to - pl->p[j].from;
        if (after >= 2 || pl->p[k].slot == 0) break;
        while (k > 0 && is_heading(fl, &pl->p[k - 1]) && pl->p[k - 1].slot > 0)
            k--;
        if (pl->p[k].slot == 0) break; /* the whole column would be empty: keep it */
        pos.u = pl->p[k].unit;
        pos.i = 0;
        if (pos.pending >= (long)pos.u)
            pos.pending = -1; /* held over after the heading: met again */
        *used = pl->p[k].slot;
        pl->n = k;
    }
    return pos;
}

/* Fills one column of cap grid lines from pos; returns the new position.
 * With foot set, figures the column's text meets go to its foot (as many as
 * fit, in their order), the text after them filling the lines above; the
 * figures heads[0..nheads) go to its head (after one held over), ahead of
 * the text that leads to them. */
static fpos fill_plain(const folio_layout *l, const flow *fl, fpos pos, int cap, int foot,
                       const long *heads, size_t nheads, placelist *pl, int *used_out,
                       int *forced) {
    int used = 0, reserved = 0;
    size_t feet[FIG_MAX], nfeet = 0;
    pl->n = 0;
    if (pos.pending >= 0) {
        int s = flow_unit_slots(l, &fl->u[pos.pending], 0);
        if (foot && s <= cap) {
            feet[nfeet++] = (size_t)pos.pending;
            reserved = s;
        } else {
            pl_push(pl, (place){(size_t)pos.pending, 0, 0, 0, 1});
            used = flow_unit_slots(l, &fl->u[pos.pending], 1);
        }
        pos.pending = -1;
    }
    for (size_t k = 0; k < nheads; k++) {
        pl_push(pl, (place){(size_t)heads[k], 0, 0, used, used == 0});
        used += flow_unit_slots(l, &fl->u[heads[k]], used == 0);
        add_ahead(&pos, heads[k]);
    }
    while (pos.u < fl->n) {
        if (is_ahead(&pos, pos.u)) { /* already set at a column's head */
            for (int k = 0; k < FIG_MAX; k++)
                if (pos.ahead[k] == (long)pos.u) pos.ahead[k] = -1;
            pos.u++;
            pos.i = 0;
            continue;
        }
        const flow_unit *u = &fl->u[pos.u];
        int at_top = used == 0;
        if (u->type == FU_FIXED) {
            int s = flow_unit_slots(l, u, at_top);
            if (foot && nfeet < FIG_MAX && is_figure(u) &&
                used + reserved + flow_unit_slots(l, u, 0) <= cap) {
                feet[nfeet++] = pos.u++;
                reserved += flow_unit_slots(l, u, 0);
                pos.i = 0;
                continue;
            }
            if (used + reserved + s > cap && !at_top) {
                /* a figure that does not fit goes to the head of the next
                 * column while the text after it fills this one */
                if (!u->heading && pos.pending < 0 && cap - reserved - used >= 2 &&
                    pos.u + 1 < fl->n) {
                    pos.pending = (long)pos.u++;
                    pos.i = 0;
                    continue;
                }
                break;
            }
            pl_push(pl, (place){pos.u, 0, 0, used, at_top});
            used += s;
            pos.u++;
            pos.i = 0;
            continue;
        }
        int remaining = (int)(u->nlines - pos.i), room = cap - reserved - used;
        if (remaining <= room) {
            pl_push(pl, (place){pos.u, pos.i, u->nlines, used, at_top});
            used += remaining;
            pos.u++;
            pos.i = 0;
            continue;
        }
        /* WO-2: when a paragraph breaks, at least two lines on each side */
        int take = room;
        if (remaining - take < 2) take = remaining - 2;
        if (take < 2) {
            if (!at_top) break;
            *forced = 1; /* a column too short to keep the rule */
            take = room < remaining ? room : remaining;
            if (take < 1) take = 1;
        }
        pl_push(pl, (place){pos.u, pos.i, pos.i + (size_t)take, used, at_top});
        used += take;
        pos.i += (size_t)take;
        break;
    }
    pos = keep_headings(fl, pos, pl, &used);
    /* the figures at the foot, right under the text (a column that ends
     * early keeps them with it); one the flow was taken back before (a
     * heading kept with its text) is met again */
    for (size_t k = 0; k < nfeet; k++) {
        if (feet[k] >= pos.u) continue;
        pl_push(pl, (place){feet[k], 0, 0, used, 0});
        used += flow_unit_slots(l, &fl->u[feet[k]], 0);
    }
    *used_out = used;
    return pos;
}

/* Fills column col of a page (see fill_plain). With figures_at_ends in
 * columns, a figure goes to the foot of a page's first column and to the
 * head of the others: poppler (pdftotext) does not see images, and text
 * beside the empty space a figure leaves in the middle of a column, or at the
 * head of the first or the foot of a later one, is taken as running across
 * both columns and read out of its column's order. */
static fpos fill_column(const folio_layout *l, const flow *fl, fpos pos, int cap, int col,
                        placelist *pl, int *used_out, int *forced) {
    int ends = l->figures_at_ends && l->columns > 1;
    long heads[FIG_MAX];
    size_t nheads = 0;
    while (ends && col > 0 && (int)nheads < free_ahead(&pos)) {
        /* one by one, the figures this column's text meets go to its head */
        int used, f = 0;
        fill_plain(l, fl, pos, cap, 0, heads, nheads, pl, &used, &f);
        long next = -1;
        for (size_t k = 0; k < pl->n && next < 0; k++) {
            long u = (long)pl->p[k].unit;
            int set = u == pos.pending;
            for (size_t h = 0; h < nheads; h++)
                set |= heads[h] == u;
            if (!set && is_figure(&fl->u[u]) && pl->p[k].slot > 0) next = u;
        }
        if (next < 0) break;
        heads[nheads++] = next;
    }
    return fill_plain(l, fl, pos, cap, ends && col == 0, heads, nheads, pl, used_out, forced);
}

/* Whether the flow from pos ends within ncols columns of cap lines (and,
 * with clean, without breaking WO-2 for want of room). */
static int fits(const folio_layout *l, const flow *fl, fpos pos, int ncols, int cap, placelist *pl,
                int clean) {
    int forced = 0;
    for (int k = 0; k < ncols && !done(fl, pos); k++) {
        int used;
        pos = fill_column(l, fl, pos, cap, k, pl, &used, &forced);
    }
    return done(fl, pos) && !(clean && forced);
}

/* Fills ncols columns of cap lines: returns -1 when the flow does not end
 * cleanly, else the spread between the longest and shortest column, and sets
 * *rising when some column is longer than the one before it. */
static int spread(const folio_layout *l, const flow *fl, fpos pos, int ncols, int cap,
                  placelist *pl, int *rising) {
    int forced = 0, prev = cap, lo = cap, hi = 0;
    *rising = 0;
    for (int k = 0; k < ncols && !done(fl, pos); k++) {
        int used;
        pos = fill_column(l, fl, pos, cap, k, pl, &used, &forced);
        if (used > prev) *rising = 1;
        prev = used;
        lo = used < lo ? used : lo;
        hi = used > hi ? used : hi;
    }
    return done(fl, pos) && !forced ? hi - lo : -1;
}

static int remaining_slots(const folio_layout *l, const flow *fl, fpos pos) {
    int n = pos.pending >= 0 ? flow_unit_slots(l, &fl->u[pos.pending], 1) : 0;
    for (size_t u = pos.u; u < fl->n; u++) {
        if (is_ahead(&pos, u)) continue; /* set already */
        const flow_unit *fu = &fl->u[u];
        n += fu->type == FU_TEXT ? (int)(fu->nlines - (u == pos.u ? pos.i : 0))
                                 : flow_unit_slots(l, fu, 0);
    }
    return n;
}

/* A region of a page: the grid lines [top, ...) of every column. */
typedef struct region {
    int page;
    float top_y; /* top of the type area */
    float left;  /* left of the type area */
    int slot0;   /* first grid line of the region */
} region;

static float col_x(const folio_layout *l, const region *r, int k) {
    return r->left + (float)k * (l->column_width + l->column_gap);
}

static void place_fixed(composer *c, const flow_unit *u, int page, int col, float x, float band_top,
                        int at_top) {
    const folio_layout *l = c->l;
    int k = flow_unit_slots(l, u, at_top);
    float band_h = (float)(k - 1) * l->body_pitch + l->body_size;
    float shift = at_top ? u->before : 0;
    float off = (band_h - (u->depth - shift)) / 2;
    for (size_t j = 0; j < u->nlines; j++) {
        folio_line ln = u->lines[j];
        ln.column = col;
        ln.x += x;
        ln.y = band_top - off + shift + ln.y;
        doc_add_line(c, page, &ln);
    }
    for (size_t j = 0; j < u->nboxes; j++) {
        folio_box b = u->boxes[j];
        b.x += x;
        b.y = band_top - off + shift + b.y;
        doc_add_box(c, page, &b);
    }
}

/* Draws one filled column, column col of the page at x. */
static void place_column(composer *c, const flow *fl, const placelist *pl, const region *r, int col,
                         float x) {
    const folio_layout *l = c->l;
    for (size_t k = 0; k < pl->n; k++) {
        const place *p = &pl->p[k];
        const flow_unit *u = &fl->u[p->unit];
        float band_top = r->top_y - (float)(r->slot0 + p->slot) * l->body_pitch;
        if (u->type == FU_FIXED) {
            place_fixed(c, u, r->page, col, x, band_top, p->at_top);
            continue;
        }
        for (size_t j = p->from; j < p->to; j++) {
            float base = band_top - (float)(j - p->from) * l->body_pitch - EM_ASCENT * l->body_size;
            folio_line ln = u->lines[j];
            ln.column = col;
            line_place(&ln, x, base);
            doc_add_line(c, r->page, &ln);
            if (j == 0 && u->marker) {
                folio_line m = *u->marker;
                m.column = col;
                line_place(&m, x, base);
                doc_add_line(c, r->page, &m);
            }
        }
    }
}

static region new_page_region(composer *c, int *page) {
    *page = doc_add_page(c);
    region r = {*page, layout_type_top(c->l), layout_type_left(c->l, page_recto(*page)), 0};
    return r;
}

/* A box around a notice's part on one page: from the top of grid line top
 * to the bottom of grid line last (both padding lines). */
static void notice_box(composer *c, const region *r, int top, int last) {
    const folio_layout *l = c->l;
    folio_box b = {0};
    b.type = FOLIO_BOX_RECT;
    b.x = r->left;
    b.w = l->type_width;
    float y0 = r->top_y - (float)top * l->body_pitch;
    float y1 = r->top_y - (float)last * l->body_pitch - l->body_size;
    b.y = y1;
    b.h = y0 - y1;
    b.line_width = 0.6f;
    b.fill_gray = -1;
    b.target_page = -1;
    doc_add_box(c, r->page, &b);
}

typedef struct cursor {
    int page; /* -1: no page yet */
    int slot; /* first free grid line on that page */
} cursor;

/* How an article is fitted: the typesetter's means to avoid a last page of a
 * line or two, tried one after the other. */
typedef struct shape {
    int compact;        /* the title block without its spaces (title_block) */
    int runon;          /* a brief or notice may run on below the previous article */
    int cut_lo, cut_hi; /* pages [lo, hi] of the article (0: its first) run */
    int cut;            /* this many grid lines short, pushing text on */
} shape;

/* Places an article from the cursor on: its title block and its body, as
 * shaped by sh. Sets *last_used to the grid lines its body takes on its last
 * page. */
static int place_article(composer *c, const folio_article *a, const stack *tbs, const shape *sh,
                         const flow *fl, cursor *cur, placelist *pl, int *last_used) {
    const folio_layout *l = c->l;
    const stack *tb = &tbs[sh->compact ? 1 : 0];
    int rel = 0; /* pages of the article so far */
    int notice = a->kind == FOLIO_KIND_NOTICE;
    int pad = notice ? 1 : 0;
    float inset = notice ? l->body_size : 0;
    float depth = tb->depth;
    int tslots = grid_slots(l, depth);
    /* briefs and notices run on below the previous article when the title
     * and a few lines fit */
    int runon = sh->runon && (a->kind == FOLIO_KIND_BRIEF || notice) && cur->page >= 0 &&
                cur->slot + 1 + pad + tslots + 3 + pad <= l->lines;
    region r;
    int page;
    if (runon) {
        page = cur->page;
        r = (region){page, layout_type_top(l), layout_type_left(l, page_recto(page)),
                     cur->slot + 1};
    } else {
        r = new_page_region(c, &page);
        if (page < 0) return -1;
        c->pages[page].opening = 1;
        c->pages[page].top_article = (int)a->index;
    }
    int box_top = r.slot0;
    r.slot0 += pad;
    float band_top = r.top_y - (float)r.slot0 * l->body_pitch;
    float band_h = (float)(tslots - 1) * l->body_pitch + l->body_size;
    float off = (band_h - depth) / 2;
    for (size_t j = 0; j < tb->n; j++) {
        folio_line ln = tb->lines[j];
        ln.x += r.left + inset;
        ln.y = band_top - off + ln.y;
        doc_add_line(c, page, &ln);
    }
    c->article_page[a->index] = page;
    c->article_y[a->index] = band_top;

    fpos pos = {0, 0, -1, {-1, -1, -1, -1}};
    int forced = 0;
    int body_top = r.slot0 + tslots;
    int end_slot = body_top;
    for (;;) {
        int cap = l->lines - body_top - pad;
        if (rel >= sh->cut_lo && rel <= sh->cut_hi) cap -= sh->cut;
        if (cap < 2 && !done(fl, pos)) {
            /* no room under the title: the body starts on the next page */
            if (notice) notice_box(c, &r, box_top, l->lines - 1);
            r = new_page_region(c, &page);
            rel++;
            if (page < 0) break;
            c->pages[page].top_article = (int)a->index;
            box_top = 0;
            r.slot0 = body_top = pad;
            continue;
        }
        region rb = r;
        rb.slot0 = body_top;
        if (fits(l, fl, pos, l->columns, cap, pl, 0)) {
            /* the last page: balance the columns (COL-1) */
            int h = (remaining_slots(l, fl, pos) + l->columns - 1) / l->columns;
            if (h < 1) h = 1;
            while (h < cap && !fits(l, fl, pos, l->columns, h, pl, 1))
                h++;
            /* when a kept heading or paragraph made the left column end
             * short, a line or two more may give columns that do not grow
             * from left to right, and no further apart */
            int rising, best = spread(l, fl, pos, l->columns, h, pl, &rising);
            for (int k = h + 1; rising && k <= h + 2 && k <= cap; k++) {
                int r2, s2 = spread(l, fl, pos, l->columns, k, pl, &r2);
                if (s2 >= 0 && !r2 && s2 <= best) {
                    h = k;
                    break;
                }
            }
            int maxused = 0;
            for (int k = 0; k < l->columns && !done(fl, pos); k++) {
                int used;
                pos = fill_column(l, fl, pos, h, k, pl, &used, &forced);
                place_column(c, fl, pl, &rb, k, col_x(l, &r, k));
                if (used > maxused) maxused = used;
            }
            end_slot = body_top + maxused;
            *last_used = maxused;
            if (notice) notice_box(c, &r, box_top, end_slot + pad - 1);
            end_slot += pad;
            break;
        }
        for (int k = 0; k < l->columns; k++) {
            int used;
            pos = fill_column(l, fl, pos, cap, k, pl, &used, &forced);
            place_column(c, fl, pl, &rb, k, col_x(l, &r, k));
        }
        if (notice) notice_box(c, &r, box_top, l->lines - 1);
        r = new_page_region(c, &page);
        rel++;
        if (page < 0) break;
        c->pages[page].top_article = (int)a->index;
        box_top = 0;
        r.slot0 = body_top = pad;
    }
    if (page < 0 || pl->oom || c->oom) {
        c->oom = 1;
        return -1;
    }
    c->article_last_page[a->index] = page;
    cur->page = page;
    cur->slot = end_slot;
    return 0;
}

/* What placing an article may change, to take a placement back. */
typedef struct snapshot {
    size_t npages, nlines, nboxes;
    cursor cur;
} snapshot;

static snapshot take(const composer *c, const cursor *cur) {
    snapshot s = {c->npages, 0, 0, *cur};
    if (cur->page >= 0) {
        s.nlines = c->pages[cur->page].nlines;
        s.nboxes = c->pages[cur->page].nboxes;
    }
    return s;
}

static void restore(composer *c, const snapshot *s, cursor *cur) {
    doc_truncate(c, s->npages);
    *cur = s->cur;
    if (cur->page >= 0) {
        c->pages[cur->page].nlines = s->nlines;
        c->pages[cur->page].nboxes = s->nboxes;
    }
}

/* The fewest body lines per column an article's last page should hold when
 * the article began on an earlier page. */
#define LAST_PAGE_MIN 4

/* Places the article with sh; on success fills *pages (pages it spans) and
 * *used (lines per column on its last page). */
static int try_shape(composer *c, const folio_article *a, const stack *tb, const shape *sh,
                     const flow *fl, cursor *cur, placelist *pl, int *pages, int *used) {
    *used = 0;
    int rc = place_article(c, a, tb, sh, fl, cur, pl, used);
    *pages = rc ? 0 : cur->page - c->article_page[a->index] + 1;
    return rc;
}

static int compose_article(composer *c, const folio_article *a, cursor *cur, placelist *pl) {
    const folio_layout *l = c->l;
    int notice = a->kind == FOLIO_KIND_NOTICE;
    float inset = notice ? l->body_size : 0;
    stack tb[2]; /* the title block as designed, and compact */
    stack_init(&tb[1]);
    if (title_block(c, a, l->type_width - 2 * inset, 0, &tb[0])) {
        stack_free(&tb[0]);
        return -1;
    }
    flow fl;
    if (title_block(c, a, l->type_width - 2 * inset, 1, &tb[1]) ||
        flow_build(c, a, l->column_width - 2 * inset, inset, &fl)) {
        stack_free(&tb[0]);
        stack_free(&tb[1]);
        return -1;
    }
    snapshot s = take(c, cur);
    shape sh = {0, 1, 0, -1, 0}, best = sh;
    int pages, used, rc = try_shape(c, a, tb, &sh, &fl, cur, pl, &pages, &used);
    /* a notice is a ruled box: rather than split it, start it on a new page */
    if (!rc && notice && pages > 1 && c->article_page[a->index] == s.cur.page) {
        restore(c, &s, cur);
        best.runon = sh.runon = 0;
        rc = try_shape(c, a, tb, &sh, &fl, cur, pl, &pages, &used);
    }
    int runon = !rc && c->article_page[a->index] == s.cur.page;
    int first_pages = pages, changed = 0;
    /* a last page holding a few lines only: first take out the spaces in
     * the title block, which frees a line in every column of the first page
     * and may save the page; else run the page before it (and its facing
     * page) a line or two short, so that the last page holds LAST_PAGE_MIN */
    int saves = grid_slots(l, tb[1].depth) < grid_slots(l, tb[0].depth);
    if (!rc && pages > 1 && used < LAST_PAGE_MIN && saves) {
        restore(c, &s, cur);
        changed = 1;
        sh.compact = 1;
        int was_used = used;
        rc = try_shape(c, a, tb, &sh, &fl, cur, pl, &pages, &used);
        if (!rc && pages < first_pages)
            best = sh, changed = 0, first_pages = pages;
        else
            pages = first_pages, used = was_used;
    }
    for (int cut = 1; !rc && !runon && pages > 1 && used < LAST_PAGE_MIN && cut < LAST_PAGE_MIN;
         cut++) {
        /* the page before the last, and the page facing it when it is a
         * recto of the same article, so that the spread stays level */
        int hi = first_pages - 2;
        int lo = hi > 0 && page_recto(c->article_page[a->index] + hi) ? hi - 1 : hi;
        if (hi < 0) break;
        restore(c, &s, cur);
        changed = 1;
        sh = best;
        sh.cut_lo = lo;
        sh.cut_hi = hi;
        sh.cut = cut;
        rc = try_shape(c, a, tb, &sh, &fl, cur, pl, &pages, &used);
        if (!rc && pages == first_pages && used >= LAST_PAGE_MIN)
            best = sh, changed = 0;
        else
            pages = first_pages, used = 0;
    }
    if (!rc && changed) {
        restore(c, &s, cur);
        rc = try_shape(c, a, tb, &best, &fl, cur, pl, &pages, &used);
    }
    stack_free(&tb[0]);
    stack_free(&tb[1]);
    flow_free(&fl);
    return rc;
}

int compose_articles(composer *c) {
    cursor cur = {-1, 0};
    placelist pl = {0};
    int rc = 0;
    for (size_t i = 0; i < c->e->narticles && !rc; i++)
        rc = compose_article(c, &c->e->articles[i], &cur, &pl);
    free(pl.p);
    return rc;
}
