/* columns.c — placing articles on pages: the title block across the columns,
 * then the body filled column by column on the grid, with the page rules
 * (WO-2 widows and orphans, HD-2 headings kept with their text, COL-1
 * balanced columns on an article's last page) and run-on briefs. */
#include "columns.h"

#include "../util/grow.h"

#include <limits.h>
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

/* How far apart the columns of a last page end: the longest less the
 * shortest, an empty column counting as 0 (text that could fill two columns
 * left in one is not balanced); no spread for three lines or fewer, which
 * WO-2 keeps together. */
static int col_spread(const int *used, int ncols) {
    int lo = INT_MAX, hi = 0, total = 0;
    for (int k = 0; k < ncols; k++) {
        lo = used[k] < lo ? used[k] : lo;
        hi = used[k] > hi ? used[k] : hi;
        total += used[k];
    }
    return total <= 3 ? 0 : hi - lo;
}

/* Fills the columns of a last page cap lines high from pos, noting the
 * lines each takes; returns -1 when the flow does not end cleanly, else 2 x
 * the spread, plus 1 when a column is longer than the one before it. */
static int balance_score(const folio_layout *l, const flow *fl, fpos pos, int cap, placelist *pl) {
    int used[COLS_MAX] = {0}, forced = 0, rising = 0;
    for (int k = 0; k < l->columns && !done(fl, pos); k++) {
        pos = fill_column(l, fl, pos, cap, k, pl, &used[k], &forced);
        rising |= k > 0 && used[k] > used[k - 1];
    }
    if (!done(fl, pos) || forced) return -1;
    return 2 * col_spread(used, l->columns) + rising;
}

/* The height of the columns on an article's last page (COL-1): the one
 * that ends them closest together without breaking WO-2 for want of room
 * (the lowest of equals; on a tie in spread, one whose columns do not grow
 * from left to right), cap when none does. */
static int balance_height(const folio_layout *l, const flow *fl, fpos pos, int cap, placelist *pl) {
    int h = (remaining_slots(l, fl, pos) + l->columns - 1) / l->columns;
    int best = cap, score = INT_MAX;
    for (h = h < 1 ? 1 : h; h <= cap && score > 0; h++) {
        int s = balance_score(l, fl, pos, h, pl);
        if (s >= 0 && s < score) score = s, best = h;
    }
    return best;
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
    float air = at_top ? 0 : (float)u->air * l->body_pitch; /* above the block */
    float band_h = (float)(k - 1) * l->body_pitch + l->body_size - air;
    float shift = at_top ? u->before : 0;
    /* a smaller picture: what stands under it moves up by what it lost */
    long pic = u->smaller ? flow_picture(u) : -1;
    float cut = pic >= 0 ? (float)u->smaller * l->body_pitch : 0;
    float below = pic >= 0 ? u->boxes[pic].y : 0;
    float off = air + (band_h - (u->depth - cut - shift)) / 2;
    for (size_t j = 0; j < u->nlines; j++) {
        folio_line ln = u->lines[j];
        ln.column = col;
        ln.x += x;
        ln.y = band_top - off + shift + ln.y + (ln.y < below ? cut : 0);
        doc_add_line(c, page, &ln);
    }
    for (size_t j = 0; j < u->nboxes; j++) {
        folio_box b = u->boxes[j];
        if ((long)j == pic) {
            float w = b.w * (b.h - cut) / b.h;
            b.x += (b.w - w) / 2;
            b.w = w;
            b.h -= cut;
            b.y += cut;
        } else if (b.y < below) {
            b.y += cut;
        }
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

/* A thin rule across the type area in the middle of grid line slot: what
 * parts an article that runs on from the one above it. */
static void parting_rule(composer *c, const region *r, int slot) {
    const folio_layout *l = c->l;
    folio_box b = {0};
    b.type = FOLIO_BOX_RULE;
    b.x = r->left;
    b.w = l->type_width;
    b.y = r->top_y - (float)slot * l->body_pitch - l->body_size / 2;
    b.line_width = 0.5f;
    b.fill_gray = -1;
    b.target_page = -1;
    doc_add_box(c, r->page, &b);
}

/* Grid lines a notice's box adds above and below its text. */
static int box_pad(const folio_article *a) {
    return a->kind == FOLIO_KIND_NOTICE ? 1 : 0;
}

int room_below(const composer *c, const folio_article *a, int tslots, const cursor *cur) {
    int pad = box_pad(a);
    return cur->page >= 0 && cur->slot + 1 + pad + tslots + 3 + pad <= c->l->lines;
}

/* Sets the title block tb in the band of tslots grid lines from the
 * region's first line, centred in it. */
static void place_title(composer *c, const stack *tb, const region *r, int tslots, float inset) {
    const folio_layout *l = c->l;
    float band_top = r->top_y - (float)r->slot0 * l->body_pitch;
    float band_h = (float)(tslots - 1) * l->body_pitch + l->body_size;
    float off = (band_h - tb->depth) / 2;
    for (size_t j = 0; j < tb->n; j++) {
        folio_line ln = tb->lines[j];
        ln.x += r->left + inset;
        ln.y = band_top - off + ln.y;
        doc_add_line(c, r->page, &ln);
    }
}

/* Notes a page whose columns end more than a line short of its foot
 * (a heading kept with its text, a paragraph kept whole), with the units
 * on it. */
static void note_gaps(ending *end, size_t from, size_t to, int gaps) {
    end->gaps += gaps;
    if (end->ngapped < GAPPED_MAX) {
        end->gapped[end->ngapped][0] = from;
        end->gapped[end->ngapped][1] = to;
        end->ngapped++;
    }
}

/* Fills and draws the columns of an article's last page from pos, balanced
 * (COL-1); notes the ending in *end and returns the lines the longest
 * column takes. */
static int last_page(composer *c, const flow *fl, fpos pos, const region *r, int body_top, int cap,
                     placelist *pl, ending *end) {
    const folio_layout *l = c->l;
    region rb = *r;
    rb.slot0 = body_top;
    int h = balance_height(l, fl, pos, cap, pl), forced = 0, most = 0;
    for (int k = 0; k < l->columns && !done(fl, pos); k++) {
        pos = fill_column(l, fl, pos, h, k, pl, &end->used[k], &forced);
        place_column(c, fl, pl, &rb, k, col_x(l, r, k));
        most = end->used[k] > most ? end->used[k] : most;
        end->ncols += end->used[k] > 0;
    }
    end->spread = col_spread(end->used, l->columns);
    return most;
}

int place_article(composer *c, const folio_article *a, const stack *tbs, const shape *sh,
                  const flow *fl, cursor *cur, placelist *pl, ending *end) {
    const folio_layout *l = c->l;
    const stack *tb = &tbs[sh->compact ? 1 : 0];
    memset(end, 0, sizeof *end);
    int rel = 0; /* pages of the article so far */
    int notice = a->kind == FOLIO_KIND_NOTICE;
    int pad = box_pad(a);
    float inset = notice ? l->body_size : 0;
    int tslots = grid_slots(l, tb->depth) + sh->air;
    /* briefs and notices run on below the previous article when the title
     * and a few lines fit; so do other articles asked to follow on */
    int brief = a->kind == FOLIO_KIND_BRIEF || notice;
    int runon = ((sh->runon && brief) || sh->follow) && room_below(c, a, tslots, cur);
    region r;
    int page;
    if (runon) {
        page = cur->page;
        r = (region){page, layout_type_top(l), layout_type_left(l, page_recto(page)),
                     cur->slot + 1};
        if (sh->follow && !brief) parting_rule(c, &r, cur->slot);
    } else {
        r = new_page_region(c, &page);
        if (page < 0) return -1;
        c->pages[page].opening = 1;
        c->pages[page].top_article = (int)a->index;
    }
    end->runon = runon;
    int box_top = r.slot0;
    r.slot0 += pad;
    place_title(c, tb, &r, tslots, inset);
    c->article_page[a->index] = page;
    c->article_y[a->index] = r.top_y - (float)r.slot0 * l->body_pitch;

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
        if (fits(l, fl, pos, l->columns, cap, pl, 0)) {
            end_slot = body_top + last_page(c, fl, pos, &r, body_top, cap, pl, end);
            if (notice) notice_box(c, &r, box_top, end_slot + pad - 1);
            end_slot += pad;
            break;
        }
        region rb = r;
        rb.slot0 = body_top;
        size_t from = pos.u;
        end->unit0 = from;
        int gaps = 0;
        for (int k = 0; k < l->columns; k++) {
            int used;
            pos = fill_column(l, fl, pos, cap, k, pl, &used, &forced);
            place_column(c, fl, pl, &rb, k, col_x(l, &r, k));
            gaps += cap - used > 1 ? cap - used - 1 : 0;
        }
        if (gaps) note_gaps(end, from, pos.u, gaps);
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
    end->pages = rel + 1;
    cur->page = page;
    cur->slot = end_slot;
    return 0;
}
