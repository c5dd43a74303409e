/* makeup.c — the make-up editor's part: how each article is fitted to its
 * pages before columns.c places it for good.
 *
 * A stub is a page holding fewer text lines than a quarter of the fullest
 * page (c->stub_rows). An article that would end on one is fitted again,
 * with the cheapest changes that mend it (costs below):
 * 1. copyfitting back: paragraphs set a line or two tighter (punctuation
 *    squeezed, JUS-2), the title block compact, a figure's picture smaller
 *    by whole lines, so that the last page's lines come back onto the page
 *    before; or on: paragraphs set one to three lines looser (fit.c's
 *    limits), air round the title or above a heading, so that the last
 *    page fills to the quarter; a mending plan that also leaves the end
 *    level is then pruned of what it does not need;
 * 2. where the layout allows it (article_start: continue), the next article,
 *    when it is short and of the same section, starts on that page under a
 *    rule instead of a costly fitting; a piece too short to fill a quarter
 *    page of its own runs on below the previous article of its section;
 * 3. else the pages before the last run a few lines short, pushing text on;
 *    a run-on piece left on a stub has the piece before it pushed on.
 * Then level(): while columns of the last page end more than a line apart
 * (COL-1: columns.c balances them within WO-2 and HD-2), or those of a full
 * page more than a line short of its foot, the change on such a page that
 * levels them most is made. */
#include "columns.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What a change costs, in fit.c's measure (a line set solid costs 100, one
 * stretched 0.05 em between Han characters about 2,000, 0.1 em about
 * 55,000): the make-up takes the cheapest changes first. A compact title
 * block is hardly seen; the first line of air round a title little more; a
 * picture a line smaller neither; a line of air above a heading breaks the
 * rhythm of the page; pages run short are the last resort. */
#define COST_COMPACT 3000.0
#define COST_AIR 4000.0 /* x k for the k-th line */
#define COST_HEAD_AIR 30000.0
#define COST_SMALLER 8000.0 /* x k for the k-th line off a figure's picture */
#define COST_CUT 500000.0   /* x k for the k-th line on every earlier page */
#define AIR_MAX 3
#define CUT_MAX 3
/* A fitting costing more than this gives way to the next article following
 * on the page, where the layout allows it. */
#define COST_FOLLOW 100000.0
/* Rounds of levelling, one change (or two) each, and the changes tried. */
#define LEVEL_ROUNDS 6
#define LEVEL_CHANGES 24
#define LEVEL_MORE 6 /* changes past the cheapest mending, to level its end too */

int page_rows(const composer *c, int p) {
    const page_build *pb = &c->pages[p];
    int rows = 0;
    for (size_t i = 0; i < pb->nlines; i++) {
        const folio_line *a = &pb->lines[i];
        if (!a->n) continue;
        float a0 = a->x + a->g[0].x, a1 = a->x + a->g[a->n - 1].x + a->g[a->n - 1].adv;
        int joined = 0;
        for (size_t j = 0; j < i && !joined; j++) {
            const folio_line *b = &pb->lines[j];
            if (!b->n || fabsf(b->y - a->y) > 0.5f) continue;
            float b0 = b->x + b->g[0].x, b1 = b->x + b->g[b->n - 1].x + b->g[b->n - 1].adv;
            joined = (a0 > b1 ? a0 - b1 : b0 - a1) < a->size;
        }
        rows += !joined;
    }
    return rows;
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

/* One change the make-up may make, and what it costs. */
typedef enum { MV_PARA, MV_COMPACT, MV_AIR, MV_HEAD_AIR, MV_SMALLER, MV_CUT } move_kind;

typedef struct move {
    move_kind kind;
    size_t unit; /* MV_PARA: the paragraph; MV_HEAD_AIR: the heading;
                    MV_SMALLER: the figure */
    int fit;     /* MV_PARA, MV_SMALLER: the setting it takes the unit to,
                    a line further than the move before it */
    double cost;
} move;

/* One way of setting an article, and how it came out. */
typedef struct trial {
    shape sh;
    ending end;
    int rows;    /* text lines on its last page */
    double cost; /* what its changes cost */
} trial;

/* An article being fitted. */
typedef struct fitting {
    const folio_article *a;
    stack tb[2]; /* the title block as designed, and compact */
    flow fl;
    move *back, *on; /* changes that take lines back / push them on, cheapest first */
    size_t nback, non;
    int *pick, *work, *kept; /* per flow unit: a paragraph's setting (flow.h's
                                fit[]); a heading's air, as FIT_AS_SET + lines;
                                the lines off a figure, as FIT_AS_SET - lines
                                (below 0 for more than PARA_TIGHTER):
                                the plan's, a trial's, the best trial's */
    snapshot snap;           /* the state it was placed from */
    trial set;               /* how it was placed in the end */
    int built;
} fitting;

static int by_cost(const void *x, const void *y) {
    const move *a = x, *b = y;
    if (a->cost != b->cost) return a->cost < b->cost ? -1 : 1;
    if (a->unit != b->unit) return a->unit < b->unit ? -1 : 1;
    return abs(a->fit - FIT_AS_SET) - abs(b->fit - FIT_AS_SET);
}

static void fitting_free(fitting *f) {
    if (!f->built) return;
    stack_free(&f->tb[0]);
    stack_free(&f->tb[1]);
    flow_free(&f->fl);
    free(f->back);
    free(f->on);
    free(f->pick);
    free(f->work);
    free(f->kept);
    memset(f, 0, sizeof *f);
}

/* Lists the changes that take lines back and that push them on. */
static void list_moves(const composer *c, fitting *f) {
    if (grid_slots(c->l, f->tb[1].depth) < grid_slots(c->l, f->tb[0].depth))
        f->back[f->nback++] = (move){MV_COMPACT, 0, 0, COST_COMPACT};
    for (int k = 1; k <= AIR_MAX; k++)
        f->on[f->non++] = (move){MV_AIR, 0, 0, COST_AIR * k};
    for (int k = 1; k <= CUT_MAX; k++)
        f->on[f->non++] = (move){MV_CUT, 0, 0, COST_CUT * k};
    for (size_t u = 0; u < f->fl.n; u++) {
        const flow_unit *fu = &f->fl.u[u];
        if (fu->type == FU_FIXED && fu->heading)
            f->on[f->non++] = (move){MV_HEAD_AIR, u, 0, COST_HEAD_AIR};
        for (int k = 1; k <= fu->smaller_max; k++)
            f->back[f->nback++] = (move){MV_SMALLER, u, FIT_AS_SET - k, COST_SMALLER * k};
        if (fu->type != FU_TEXT) continue;
        /* a line further costs what it adds, and no less than the line
         * before it, so that the cheapest first takes them in order */
        for (int dir = -1; dir <= 1; dir += 2) {
            double was = 0, step = 0;
            for (int s = FIT_AS_SET + dir; s >= 0 && s < PARA_SETTINGS && fu->nfit[s]; s += dir) {
                double add = fu->fit_cost[s] - was;
                step = add > step ? add : step;
                was = fu->fit_cost[s];
                move m = {MV_PARA, u, s, step};
                if (dir < 0)
                    f->back[f->nback++] = m;
                else
                    f->on[f->non++] = m;
            }
        }
    }
    qsort(f->back, f->nback, sizeof *f->back, by_cost);
    qsort(f->on, f->non, sizeof *f->on, by_cost);
}

/* Sets article a's title blocks and flow, and lists the changes the
 * make-up may make. Returns 0 or -1. */
static int fitting_build(composer *c, const folio_article *a, fitting *f) {
    const folio_layout *l = c->l;
    float inset = a->kind == FOLIO_KIND_NOTICE ? l->body_size : 0;
    memset(f, 0, sizeof *f);
    f->a = a;
    f->built = 1;
    stack_init(&f->tb[1]);
    if (title_block(c, a, l->type_width - 2 * inset, 0, &f->tb[0]) ||
        title_block(c, a, l->type_width - 2 * inset, 1, &f->tb[1]) ||
        flow_build(c, a, l->column_width - 2 * inset, inset, &f->fl))
        return -1;
    size_t n = f->fl.n * PARA_SETTINGS + AIR_MAX + CUT_MAX + 1;
    f->back = malloc(n * sizeof *f->back);
    f->on = malloc(n * sizeof *f->on);
    f->pick = calloc(n, sizeof *f->pick);
    f->work = calloc(n, sizeof *f->work);
    f->kept = calloc(n, sizeof *f->kept);
    if (!f->back || !f->on || !f->pick || !f->work || !f->kept) return c->oom = 1, -1;
    list_moves(c, f);
    return 0;
}

/* The grid lines an article's title block and body take, set as made. */
static int article_slots(const composer *c, const fitting *f) {
    int n = grid_slots(c->l, f->tb[0].depth);
    for (size_t u = 0; u < f->fl.n; u++)
        n += flow_unit_slots(c->l, &f->fl.u[u], 0);
    return n;
}

/* The plan of the first n moves of m: the settings into pick, the shape
 * into *sh (from base, cuts on every page before the last of an article of
 * pages pages). */
static void plan_moves(const fitting *f, const move *m, size_t n, const shape *base, int pages,
                       shape *sh, int *pick) {
    *sh = *base;
    for (size_t u = 0; u < f->fl.n; u++)
        pick[u] = FIT_AS_SET;
    for (size_t k = 0; k < n; k++) {
        switch (m[k].kind) {
        case MV_PARA:
        case MV_SMALLER:
            if (abs(m[k].fit - FIT_AS_SET) > abs(pick[m[k].unit] - FIT_AS_SET))
                pick[m[k].unit] = m[k].fit;
            break;
        case MV_HEAD_AIR:
            pick[m[k].unit] = FIT_AS_SET + 1;
            break;
        case MV_COMPACT:
            sh->compact = 1;
            break;
        case MV_AIR:
            sh->air++;
            break;
        case MV_CUT:
            sh->cut++;
            sh->cut_lo = 0;
            sh->cut_hi = pages - 2;
            break;
        }
    }
}

/* The state the article is placed from, and the scratch of the placing. */
typedef struct desk {
    composer *c;
    cursor *cur;
    snapshot snap;
    placelist *pl;
} desk;

/* Places the article with shape sh and settings pick (from the snapshot),
 * filling t's outcome. Returns 0 or -1. */
static int attempt(desk *k, fitting *f, const shape *sh, const int *pick, trial *t) {
    restore(k->c, &k->snap, k->cur);
    t->sh = *sh;
    t->cost = (sh->compact ? COST_COMPACT : 0) + COST_AIR * sh->air * (sh->air + 1) / 2 +
              COST_CUT * sh->cut * (sh->cut + 1) / 2;
    for (size_t u = 0; u < f->fl.n; u++) {
        flow_unit *fu = &f->fl.u[u];
        if (fu->type == FU_FIXED) {
            fu->air = fu->heading && pick[u] > FIT_AS_SET ? pick[u] - FIT_AS_SET : 0;
            fu->smaller = fu->smaller_max && pick[u] < FIT_AS_SET ? FIT_AS_SET - pick[u] : 0;
            t->cost += COST_HEAD_AIR * fu->air + COST_SMALLER * fu->smaller * (fu->smaller + 1) / 2;
            continue;
        }
        if (flow_pick(fu, pick[u])) flow_pick(fu, FIT_AS_SET);
        if (fu->pick != FIT_AS_SET) t->cost += fu->fit_cost[fu->pick];
    }
    if (place_article(k->c, f->a, f->tb, sh, &f->fl, k->cur, k->pl, &t->end)) return -1;
    t->rows = page_rows(k->c, k->cur->page);
    return 0;
}

static int is_stub(const composer *c, const trial *t) {
    return t->rows < c->stub_rows;
}

/* How far a placement is from level: grid lines columns of full pages end
 * short beyond one each, and the columns of the last page apart beyond
 * one. */
static int unlevel(const trial *t) {
    return t->end.gaps + (t->end.spread > 1 ? t->end.spread - 1 : 0);
}

/* Keeps trial t (with settings pick) as the best so far when it is level
 * and the best is not, or as level for less; returns whether it did. */
static int keep(const fitting *f, const trial *t, const int *pick, trial *best, int *found) {
    if (*found && ((unlevel(t) > 0) > (unlevel(best) > 0) ||
                   ((unlevel(t) > 0) == (unlevel(best) > 0) && t->cost >= best->cost)))
        return 0;
    *best = *t;
    memcpy(f->pick, pick, f->fl.n * sizeof *pick);
    *found = 1;
    return 1;
}

/* Whether trial t mends the stub of an article of n pages: with back it
 * ends a page earlier, else on the same page, and no stub either way. */
static int mends(const composer *c, const trial *t, int n, int back) {
    return t->end.pages == (back ? n - 1 : n) && !is_stub(c, t);
}

/* Drops what a mending, level plan, the changes m[0..d), does not need:
 * from the costliest down, a change goes when the article stays mended and
 * level without it. The plan left replaces *best. Returns 0 or -1. */
static int prune(desk *k, fitting *f, const trial *base, const move *m, size_t d, int back,
                 trial *best) {
    move *sub = malloc((d ? d : 1) * sizeof *sub);
    if (!sub) return k->c->oom = 1, -1;
    memcpy(sub, m, d * sizeof *sub);
    for (size_t i = d; i-- > 0;) {
        move drop = sub[i];
        memmove(sub + i, sub + i + 1, (d - i - 1) * sizeof *sub);
        shape sh;
        trial t;
        plan_moves(f, sub, d - 1, &base->sh, base->end.pages, &sh, f->work);
        if (attempt(k, f, &sh, f->work, &t)) return free(sub), -1;
        if (mends(k->c, &t, base->end.pages, back) && unlevel(&t) <= unlevel(best)) {
            *best = t;
            memcpy(f->pick, f->work, f->fl.n * sizeof *f->pick);
            d--;
        } else {
            memmove(sub + i + 1, sub + i, (d - i - 1) * sizeof *sub);
            sub[i] = drop;
        }
    }
    free(sub);
    return 0;
}

/* The cheapest prefix of the changes m that mends the stub of base: with
 * back, the article ends a page earlier; else on the same page, filled to
 * a quarter; a few changes more when they level its end too; then what it
 * does not need is dropped. */
static int copyfit(desk *k, fitting *f, const trial *base, const move *m, size_t nm, int back,
                   trial *best, int *found) {
    int n = base->end.pages;
    size_t mended = 0, kept = 0; /* the first prefix that mends it, the one kept */
    if (back && n < 2) return 0;
    for (size_t d = 1; d <= nm && (!mended || d <= mended + LEVEL_MORE); d++) {
        shape sh;
        trial t;
        plan_moves(f, m, d, &base->sh, n, &sh, f->work);
        if (sh.cut && n < 2) continue;
        if (attempt(k, f, &sh, f->work, &t)) return -1;
        if (!mended && *found && t.cost >= best->cost) break;
        if (back ? t.end.pages != n - 1 : t.end.pages != n) {
            if (!back || t.end.pages > n - 1) break;
            continue;
        }
        if (is_stub(k->c, &t)) {
            if (mended) break;
            continue;
        }
        /* mended: a few changes more may level its last page too */
        if (keep(f, &t, f->work, best, found)) kept = d;
        if (!mended) mended = d;
        if (unlevel(&t) == 0) break;
    }
    /* a plan that left its end unlevel is left whole for level() */
    return kept && unlevel(best) == 0 ? prune(k, f, base, m, kept, back, best) : 0;
}

/* Whether flow unit u stands on a page the last trial left unlevel. */
static int on_unlevel_page(const trial *t, size_t u) {
    if (t->end.spread > 1 && u >= t->end.unit0) return 1;
    for (int k = 0; k < t->end.ngapped; k++)
        if (u >= t->end.gapped[k][0] && u <= t->end.gapped[k][1]) return 1;
    return 0;
}

/* A change level() may make: unit u to setting s; or, with u TITLE, the
 * title block's air to s lines. */
typedef struct change {
    size_t u;
    int s;
} change;

#define TITLE SIZE_MAX

/* Whether unit u may take setting s: a paragraph one it has; a heading
 * none or a line of air; a figure its picture a line or a few smaller. */
static int settable(const flow_unit *u, int s) {
    if (u->type == FU_TEXT) return s >= 0 && u->nfit[s] > 0;
    if (u->heading) return s == FIT_AS_SET || s == FIT_AS_SET + 1;
    return s <= FIT_AS_SET && FIT_AS_SET - s <= u->smaller_max;
}

/* The changes level() tries: every other setting of the paragraphs and
 * headings on the pages the trial left unlevel, from the end. Returns how
 * many (at most max) were written to ch. */
static size_t level_changes(const fitting *f, const trial *t, change *ch, size_t max) {
    size_t n = 0;
    /* a line of air more or less round the title moves every page's lines */
    if (t->sh.air < AIR_MAX) ch[n++] = (change){TITLE, t->sh.air + 1};
    if (t->sh.air > 0) ch[n++] = (change){TITLE, t->sh.air - 1};
    for (size_t u = f->fl.n; u-- > 0 && n < max;) { /* the last page's first */
        const flow_unit *fu = &f->fl.u[u];
        if (!on_unlevel_page(t, u)) continue;
        for (int s = FIT_AS_SET - fu->smaller_max; s < PARA_SETTINGS && n < max; s++)
            if (s != f->pick[u] && settable(fu, s)) ch[n++] = (change){u, s};
    }
    return n;
}

/* Tries the best plan with changes a (and b, when not NULL); keeps it in
 * *top when it is more level (or as level for less) without a page more or
 * less, or a stub. Returns 1 when kept, 0 when not, -1 on error. */
static int try_level(desk *k, fitting *f, const trial *best, const change *a, const change *b,
                     trial *top, int *found) {
    memcpy(f->work, f->pick, f->fl.n * sizeof *f->work);
    shape sh = best->sh;
    for (const change *x = a; x; x = x == a ? b : NULL) {
        if (x->u == TITLE)
            sh.air = x->s;
        else
            f->work[x->u] = x->s;
    }
    trial t;
    if (attempt(k, f, &sh, f->work, &t)) return -1;
    if (t.end.pages != best->end.pages || (is_stub(k->c, &t) && !is_stub(k->c, best))) return 0;
    if (unlevel(&t) > unlevel(top) ||
        (unlevel(&t) == unlevel(top) && (!*found || t.cost >= top->cost)))
        return 0;
    *top = t;
    *found = 1;
    memcpy(f->kept, f->work, f->fl.n * sizeof *f->kept);
    return 1;
}

/* Levels the columns: while some end more than a line short of a full
 * page's foot (COL-1 and a heading kept with its text leave such gaps), or
 * those of the last page more than a line apart, the change on such a page
 * that levels them most — a paragraph set a line tighter or looser, a line
 * of air above a heading, or two of these when one does not help — is
 * made, when it keeps the page count and makes no stub. */
static int level(desk *k, fitting *f, trial *best) {
    change ch[LEVEL_CHANGES];
    for (int round = 0; round < LEVEL_ROUNDS && unlevel(best) > 0; round++) {
        size_t n = level_changes(f, best, ch, LEVEL_CHANGES);
        trial top = *best;
        int found = 0;
        for (size_t i = 0; i < n; i++) {
            if (try_level(k, f, best, &ch[i], NULL, &top, &found) < 0) return -1;
        }
        for (size_t i = 0; i < n && !found; i++)
            for (size_t j = i + 1; j < n; j++) {
                if (ch[j].u == ch[i].u) continue;
                if (try_level(k, f, best, &ch[i], &ch[j], &top, &found) < 0) return -1;
            }
        if (!found || unlevel(&top) >= unlevel(best)) break;
        memcpy(f->pick, f->kept, f->fl.n * sizeof *f->pick);
        *best = top;
    }
    return 0;
}

/* Whether the next article, a brief or a notice, runs on below the cursor
 * (a notice, a box never split, only when the whole of it fits): placed to
 * see, then taken back. Returns 1, 0, or -1 on error. */
static int runs_on_below(desk *k, fitting *next) {
    if (next->a->kind == FOLIO_KIND_ARTICLE) return 0;
    snapshot s = take(k->c, k->cur);
    shape sh = {0, 0, 1, 0, 0, -1, 0};
    ending e;
    int rc = place_article(k->c, next->a, next->tb, &sh, &next->fl, k->cur, k->pl, &e);
    int on = e.runon && (next->a->kind != FOLIO_KIND_NOTICE || e.pages == 1);
    restore(k->c, &s, k->cur);
    return rc ? -1 : on;
}

/* Whether article b may follow a on a's last page (article_start: continue):
 * of the same section, not a brief or notice (which run on anyway), and
 * short: two pages at most. */
static int may_follow(const composer *c, const fitting *a, const fitting *b) {
    return c->l->article_start == START_CONTINUE && a->built && b->built &&
           a->a->section == b->a->section && b->a->kind == FOLIO_KIND_ARTICLE &&
           article_slots(c, b) <= 2 * c->l->columns * c->l->lines;
}

/* Fits and places article f (see the top of the file). follow: it may run
 * on below the previous article, prev (which ended on a stub, or this one
 * is short). next: the article after it (may be unbuilt), which may follow
 * it; *next_follows is set when it should. */
/* Notes how article f was fitted (trial t, f->pick) in its folio_fit. */
static void report(composer *c, const fitting *f, const trial *t) {
    folio_fit *fit = &c->article_fit[f->a->index];
    memset(fit, 0, sizeof *fit);
    for (size_t u = 0; u < f->fl.n; u++) {
        const flow_unit *fu = &f->fl.u[u];
        fit->heading_air += fu->type == FU_FIXED && fu->heading && f->pick[u] > FIT_AS_SET;
        if (fu->type == FU_FIXED && fu->smaller_max && f->pick[u] < FIT_AS_SET)
            fit->figure_lines += FIT_AS_SET - f->pick[u];
        if (fu->type != FU_TEXT) continue;
        fit->tighter += f->pick[u] < FIT_AS_SET ? FIT_AS_SET - f->pick[u] : 0;
        fit->looser += f->pick[u] > FIT_AS_SET ? f->pick[u] - FIT_AS_SET : 0;
    }
    fit->compact = t->sh.compact;
    fit->air = t->sh.air;
    fit->cut = t->sh.cut;
    fit->cut_pages = t->sh.cut ? t->sh.cut_hi - t->sh.cut_lo + 1 : 0;
    fit->follows = t->end.runon;
    fit->ncolumns = t->end.ncols;
    for (int i = 0; i < COLS_MAX; i++)
        fit->columns[i] = t->end.used[i];
    fit->balance = t->end.spread;
}

/* A run-on piece f left its page a stub that it cannot mend itself (the
 * next piece starts a new page): the piece before it, prev, set looser
 * (its cheapest changes first, keeping its pages) pushes more of its text
 * onto the page. On success prev is placed so and f placed after it as
 * made, in *t; else both are placed as they were. Returns 1, 0 or -1. */
static int push_previous(desk *k, fitting *prev, fitting *f, trial *t) {
    composer *c = k->c;
    trial was = *t, tp;
    int found = 0;
    for (size_t d = 1; d <= prev->non && !found; d++) {
        shape sh;
        k->snap = prev->snap;
        plan_moves(prev, prev->on, d, &prev->set.sh, prev->set.end.pages, &sh, prev->work);
        if (attempt(k, prev, &sh, prev->work, &tp)) return -1;
        if (tp.end.pages != prev->set.end.pages) break;
        k->snap = take(c, k->cur);
        if (attempt(k, f, &was.sh, f->pick, t)) return -1;
        found = !is_stub(c, t) && t->end.pages == was.end.pages;
    }
    if (found) {
        memcpy(prev->pick, prev->work, prev->fl.n * sizeof *prev->pick);
        prev->set = tp;
        report(c, prev, &tp);
        f->snap = k->snap;
        return 1;
    }
    k->snap = prev->snap;
    if (attempt(k, prev, &prev->set.sh, prev->pick, &tp)) return -1;
    k->snap = take(c, k->cur);
    *t = was;
    return attempt(k, f, &was.sh, f->pick, t) ? -1 : 0;
}

/* Fits and places article f (see the top of the file). prev: the article
 * before it (may be NULL), which it may follow when it is too short for a
 * page of its own, or push on when it runs on below it. next: the article
 * after it (may be NULL), which may follow it; *next_follows comes in set
 * when f is to follow prev, and is set when next should follow f. */
static int compose_article(desk *k, fitting *f, fitting *prev, fitting *next, int *next_follows) {
    composer *c = k->c;
    const folio_article *a = f->a;
    f->snap = k->snap = take(c, k->cur);
    shape sh = {0, 0, 1, *next_follows, 0, -1, 0};
    *next_follows = 0;
    trial base, best;
    plan_moves(f, NULL, 0, &sh, 0, &sh, f->pick);
    if (attempt(k, f, &sh, f->pick, &base)) return -1;
    /* a notice is a ruled box: rather than split it, start it on a new page */
    if (a->kind == FOLIO_KIND_NOTICE && base.end.runon && base.end.pages > 1) {
        sh.runon = 0;
        if (attempt(k, f, &sh, f->pick, &base)) return -1;
    }
    /* a piece too short for a page of its own follows the one before */
    if (is_stub(c, &base) && base.end.pages == 1 && !base.end.runon && prev &&
        may_follow(c, prev, f) &&
        room_below(c, a, grid_slots(c->l, f->tb[0].depth), &k->snap.cur)) {
        sh.follow = 1;
        if (attempt(k, f, &sh, f->pick, &base)) return -1;
    }
    best = base;
    int found = 0;
    /* a page the next brief or notice runs on to is no stub */
    int filled = next ? runs_on_below(k, next) : 0;
    if (filled < 0) return -1;
    if (is_stub(c, &base) && !filled) {
        if (copyfit(k, f, &base, f->back, f->nback, 1, &best, &found) ||
            copyfit(k, f, &base, f->on, f->non, 0, &best, &found))
            return -1;
        if ((!found || best.cost > COST_FOLLOW) && next && may_follow(c, f, next)) {
            /* the next article starts under this one instead */
            found = 0;
            plan_moves(f, NULL, 0, &base.sh, 0, &sh, f->pick);
            if (attempt(k, f, &sh, f->pick, &best)) return -1;
            *next_follows = room_below(c, next->a, grid_slots(c->l, next->tb[0].depth), k->cur);
        }
        if (!found) {
            plan_moves(f, NULL, 0, &base.sh, 0, &sh, f->pick);
            best = base;
        }
        if (!found && !*next_follows && base.end.runon && base.end.pages == 1 && prev &&
            attempt(k, f, &best.sh, f->pick, &best) == 0 && push_previous(k, prev, f, &best) < 0)
            return -1;
    }
    if (level(k, f, &best) || attempt(k, f, &best.sh, f->pick, &best)) return -1;
    f->set = best;
    report(c, f, &best);
    return 0;
}

/* A quarter of the fullest page, in text lines (a line more, as a margin
 * for a reader's tool counting a line in two). */
static int stub_rows(const composer *c) {
    int full = c->l->columns * c->l->lines;
    if (c->fullest_front > full) full = c->fullest_front;
    return (full + 3) / 4 + 1;
}

int compose_articles(composer *c) {
    cursor cur = {-1, 0};
    placelist pl = {0};
    desk k = {c, &cur, {0}, &pl};
    fitting f[3]; /* the previous article, this one, the next */
    memset(f, 0, sizeof f);
    c->stub_rows = stub_rows(c);
    size_t n = c->e->narticles;
    int rc = n ? fitting_build(c, &c->e->articles[0], &f[1]) : 0, follows = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (i + 1 < n) rc = fitting_build(c, &c->e->articles[i + 1], &f[2]);
        if (!rc)
            rc = compose_article(&k, &f[1], f[0].built ? &f[0] : NULL, f[2].built ? &f[2] : NULL,
                                 &follows);
        fitting_free(&f[0]);
        f[0] = f[1];
        f[1] = f[2];
        memset(&f[2], 0, sizeof f[2]);
    }
    for (int i = 0; i < 3; i++)
        fitting_free(&f[i]);
    free(pl.p);
    /* the lines on each article's last page, all articles placed */
    for (size_t i = 0; i < n && !rc; i++) {
        folio_fit *fit = &c->article_fit[i];
        int last = c->article_last_page[i];
        fit->rows = page_rows(c, last);
        fit->stub = fit->rows < c->stub_rows && last + 1 < (int)c->npages;
    }
    return rc;
}
