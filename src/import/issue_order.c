/* issue_order.c — a PDF page's lines put together and in reading order by
 * their places.
 *
 * poppler breaks a visual line where the font changes position or face (a
 * typesetter setting quotation marks in a Latin font, say): the pieces,
 * standing level and side by side, are one line again before anything reads
 * their edges.
 *
 * poppler's own order reads columns one after the other on most pages, but
 * on some it takes a page of two columns for one, alternating their lines
 * (a heading in one column standing level with text in the other is
 * enough), which would join sentences of different columns. The page's
 * columns are found from its lines instead: the gaps down the page that few
 * lines cross. Lines crossing a gap (titles over both columns, running heads,
 * folios) cut the page into bands; each band is read column by column, top
 * to bottom, and the line that ends it follows. A page without such a gap
 * keeps poppler's order. */
#include "issue_lines.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    GAP_MIN_PT = 6,   /* narrower white space is a word space, not a gutter */
    MAX_COLUMNS = 8,  /* gutters considered on a page */
    FEW_CROSS = 5,    /* a gutter is crossed by at most one line in FEW_CROSS */
    SIDE_SHARE = 5,   /* and has at least one line in SIDE_SHARE wholly each side */
    SAME_FOOT_PT = 1, /* lines whose feet differ by less stand level */
};

typedef struct {
    size_t index; /* in the page's lines as poppler gave them */
    int band;     /* lines crossing a gutter above it */
    int column;   /* 0.. left to right; MAX_COLUMNS for a crossing line */
    double y, x;
} placed;

/* The x-coverage of the page's lines: how many lines cover each point from
 * x0 on (w points). NULL when out of memory. */
static int *coverage(const issue_line *v, size_t m, double x0, size_t w) {
    int *c = calloc(w, sizeof *c);
    for (size_t i = 0; c && i < m; i++) {
        if (v[i].x1 <= v[i].x0) continue;
        size_t a = (size_t)(v[i].x0 - x0), b = (size_t)ceil(v[i].x1 - x0);
        for (size_t x = a; x < b && x < w; x++)
            c[x]++;
    }
    return c;
}

/* Whether line o is a line of running text: eight ems or wider. */
static int is_wide(const issue_line *o) {
    return o->size > 0 && o->x1 - o->x0 >= o->size * 8;
}

/* Whether [a, b) has at least a share of the lines wholly left of it and
 * wholly right of it, most of them running text on both sides: columns of
 * text, not the cells of a table (a masthead's names beside their roles),
 * whose rows read across. */
static int has_sides(const issue_line *v, size_t m, double a, double b) {
    size_t left = 0, right = 0, wide_left = 0, wide_right = 0;
    for (size_t i = 0; i < m; i++) {
        if (v[i].x1 <= v[i].x0) continue;
        if (v[i].x1 <= a) left++, wide_left += is_wide(&v[i]);
        if (v[i].x0 >= b) right++, wide_right += is_wide(&v[i]);
    }
    return left * SIDE_SHARE >= m && right * SIDE_SHARE >= m && left >= 3 && right >= 3 &&
           wide_left * 2 >= left && wide_right * 2 >= right;
}

/* The page's gutters, as the middles of the runs few lines cross (at most
 * MAX_COLUMNS - 1, left to right). Returns how many. */
static size_t gutters(const issue_line *v, size_t m, double *mid) {
    double lo = 1e9, hi = -1e9;
    for (size_t i = 0; i < m; i++)
        if (v[i].x1 > v[i].x0) lo = fmin(lo, v[i].x0), hi = fmax(hi, v[i].x1);
    if (hi - lo < 2 * GAP_MIN_PT || hi - lo > 100000) return 0;
    size_t w = (size_t)ceil(hi - lo) + 1, n = 0;
    int *c = coverage(v, m, lo, w);
    if (!c) return 0;
    for (size_t x = 0; x < w && n < MAX_COLUMNS - 1;) {
        if ((size_t)c[x] * FEW_CROSS > m) {
            x++;
            continue;
        }
        size_t e = x;
        while (e < w && (size_t)c[e] * FEW_CROSS <= m)
            e++;
        if (e - x >= GAP_MIN_PT && has_sides(v, m, lo + (double)x, lo + (double)e))
            mid[n++] = lo + (double)(x + e) / 2;
        x = e;
    }
    free(c);
    return n;
}

static int cmp_placed(const void *pa, const void *pb) {
    const placed *a = pa, *b = pb;
    if (a->band != b->band) return a->band - b->band;
    if (a->column != b->column) return a->column - b->column;
    if (fabs(a->y - b->y) >= SAME_FOOT_PT) return a->y < b->y ? -1 : 1;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Each line's column (MAX_COLUMNS when it crosses a gutter) and band. */
static void place(const issue_line *v, size_t m, const double *mid, size_t ng, placed *p) {
    for (size_t i = 0; i < m; i++) {
        size_t c = 0;
        while (c < ng && v[i].x0 >= mid[c])
            c++;
        int crosses = c < ng && v[i].x1 > mid[c];
        p[i] = (placed){i, 0, crosses ? MAX_COLUMNS : (int)c, v[i].y, v[i].x0};
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < m; j++)
            if (p[j].column == MAX_COLUMNS && j != i &&
                (p[j].y < p[i].y - SAME_FOOT_PT ||
                 (p[i].column == MAX_COLUMNS && fabs(p[j].y - p[i].y) < SAME_FOOT_PT && j < i)))
                p[i].band++;
}

/* Whether b, after a, is a piece of the same visual line: of about its
 * size, level with it (feet within a third of an em) and next to it (no
 * further than an em and a half, overlapping by at most an em). */
static int same_visual_line(const issue_line *a, const issue_line *b) {
    double em = a->size > b->size ? a->size : b->size;
    if (em <= 0 || a->x1 <= a->x0 || b->x1 <= b->x0) return 0;
    if (a->size < b->size * 0.9 || b->size < a->size * 0.9) return 0;
    return fabs(a->y - b->y) < em / 3 && b->x0 >= a->x1 - em && b->x0 - a->x1 < em * 1.5;
}

/* Joins the pieces of each visual line of the page l->v[first..n). 0 or -1
 * (out of memory: the lines then stay as they were). */
static int join_pieces(issue_lines *l, size_t first) {
    size_t out = first;
    int failed = 0;
    for (size_t i = first; i < l->n; i++) {
        issue_line *pv = out > first ? &l->v[out - 1] : NULL;
        if (!failed && pv && same_visual_line(pv, &l->v[i])) {
            size_t a = strlen(pv->text), b = strlen(l->v[i].text);
            char *t = realloc(pv->text, a + b + 1);
            failed = !t;
            if (t) {
                memcpy(t + a, l->v[i].text, b + 1);
                pv->text = t;
                pv->x1 = fmax(pv->x1, l->v[i].x1);
                free(l->v[i].text);
                continue;
            }
        }
        l->v[out++] = l->v[i];
    }
    l->n = out;
    return failed ? -1 : 0;
}

int issue_lines_order_page(issue_lines *l, size_t first) {
    if (join_pieces(l, first)) return -1;
    size_t m = l->n - first;
    issue_line *v = l->v + first;
    double mid[MAX_COLUMNS];
    size_t ng = m >= 8 ? gutters(v, m, mid) : 0;
    if (!ng) return 0;
    placed *p = malloc(m * sizeof *p);
    issue_line *copy = malloc(m * sizeof *copy);
    if (!p || !copy) {
        free(p), free(copy);
        return -1;
    }
    place(v, m, mid, ng, p);
    qsort(p, m, sizeof *p, cmp_placed);
    memcpy(copy, v, m * sizeof *copy);
    int base = v[0].src_line;
    for (size_t i = 0; i < m; i++) {
        v[i] = copy[p[i].index];
        v[i].flags &= ~(unsigned)ISSUE_LINE_PAGE_START;
        v[i].src_line = base + (int)i;
    }
    v[0].flags |= ISSUE_LINE_PAGE_START;
    free(p), free(copy);
    return 0;
}
