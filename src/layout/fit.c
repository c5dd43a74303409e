/* fit.c — choosing a paragraph's line breaks by optimum fit (Knuth–Plass
 * style dynamic programming over the break opportunities): every line costs
 * its squared badness plus penalties; the path of least total cost wins.
 * The look-back is bounded by a line's width, so the work is linear in the
 * paragraph's length; each candidate pair costs a few subtractions because
 * a line's metrics are differences of per-candidate keys. */
#include "paratext.h"
#include "punct.h"

#include <stdlib.h>

#define INF 1e300
#define LINE_PENALTY 10.0
#define HYPHEN_PENALTY 2500.0
#define EMERG_PENALTY 1e10
#define WIDOW_PENALTY 2e8 /* WO-1: below emergency breaks, above stretch up to ½ em */
#define OVERFULL_COST 1e15

/* A candidate seen as a line start (trimmed start s) and as a line end
 * (trimmed end e): line metrics are end key minus start key. */
typedef struct cand {
    size_t pos, s, e;
    double ws, ss, zs, ls; /* start keys: width, shrink, stretch, letters */
    double we, se, ze, le; /* end keys */
    double pen;            /* penalty for breaking here */
} cand;

static int trimmed(uint8_t c) {
    return c == PC_SPACE || c == PC_NEWLINE || c == PC_INVIS;
}

static void make_cand(const pt_para *p, size_t pos, size_t from, size_t to, cand *c) {
    c->pos = pos;
    size_t s = pos, e = pos;
    while (s < to && trimmed(p->c[s].cls))
        s++;
    while (e > from && trimmed(p->c[e - 1].cls))
        e--;
    c->s = s;
    c->e = e;
    const pt_sum *S = &p->sum[s], *G = &p->sum[s < p->n ? s + 1 : s];
    c->ws = S->w + G->gw;
    c->ss = S->s1 + S->s2 + S->s3 + G->gs;
    c->zs = S->z + G->gz;
    c->ls = S->letters;
    const pt_sum *E = &p->sum[e];
    double endsq = e > 0 ? p->c[e - 1].endsq : 0;
    c->we = E->w + E->gw - endsq;
    c->se = E->s1 + E->s2 + E->s3 + E->gs - endsq;
    c->ze = E->z + E->gz;
    c->le = E->letters;
    uint8_t brk = pos < p->n ? p->c[pos].brk : BRK_HARD;
    c->pen = brk == BRK_HYPHEN || brk == BRK_ADDRESS ? HYPHEN_PENALTY
             : brk == BRK_EMERG ? EMERG_PENALTY * (punct_no_start(p->c[pos].cp) ? 2 : 1)
                                : 0;
}

/* The cost of the line from candidate a to candidate b, or INF when it
 * cannot be set (overfull). */
static double line_cost(const pt_para *p, const cand *a, const cand *b, double l, int only,
                        int last) {
    if (b->e <= a->s) /* nothing but spaces: only for an empty segment */
        return only && last ? 0 : 1e12;
    double w = b->we - a->ws, shrink = b->se - a->ss, z = b->ze - a->zs;
    double diff = l - w, em = p->em, bad = 0;
    if (diff < -shrink - 1e-6) return INF;
    folio_align al = p->in->align;
    if (diff < 0) {
        double r = -diff / shrink;
        bad = 30.0 * r * r * r; /* JUS-2: shrinking costs less than stretching */
    } else if (al == ALIGN_JUSTIFY && !last) {
        if (z > 0) {
            double r = diff / z;
            if (r > 1000) r = 1000;
            bad = 1000.0 * r * r * (1 + r); /* steep: the optimum avoids stretch */
        } else if (diff > 0.01) {
            bad = 1e6 + 1e4 * diff / em; /* only letter-spacing could fill it */
        }
    } else if (al == ALIGN_CENTER || (al != ALIGN_JUSTIFY && !last)) {
        double r = diff / em; /* ragged lines: keep them even (balanced titles) */
        bad = r * r;
    }
    double cost = (LINE_PENALTY + bad) * (LINE_PENALTY + bad) + b->pen;
    /* WO-1; ragged and centred lines (headings, titles) always avoid it. */
    if (last && !only && (p->in->no_widow_char || al != ALIGN_JUSTIFY) && b->le - a->ls <= 1)
        cost += WIDOW_PENALTY;
    return cost;
}

/* The break candidates of [from, to): its start, every opportunity inside,
 * its end. Returns a malloc'd array of *m entries, or NULL (OOM). */
static cand *candidates(const pt_para *p, size_t from, size_t to, size_t *m) {
    size_t n = 2;
    for (size_t i = from + 1; i < to; i++)
        n += p->c[i].brk != BRK_NO;
    cand *cs = malloc(n * sizeof *cs);
    if (!cs) return NULL;
    size_t k = 0;
    make_cand(p, from, from, to, &cs[k++]);
    for (size_t i = from + 1; i < to; i++)
        if (p->c[i].brk != BRK_NO) make_cand(p, i, from, to, &cs[k++]);
    make_cand(p, to, from, to, &cs[k++]);
    *m = n;
    return cs;
}

/* How far a line may reach: the widest measure and an em. */
static double reach_of(const pt_para *p, size_t from) {
    double l = pt_avail(p, 1), l0 = pt_avail(p, from);
    return (l > l0 ? l : l0) + p->em;
}

size_t fit_breaks(const pt_para *p, size_t from, size_t to, size_t *ends, double *total) {
    size_t m;
    cand *cs = candidates(p, from, to, &m);
    size_t *prev = malloc(m * sizeof *prev);
    double *best = malloc(m * sizeof *best);
    if (!cs || !prev || !best) {
        free(cs), free(prev), free(best);
        return 0;
    }
    double l = pt_avail(p, 1), l0 = pt_avail(p, from), reach = reach_of(p, from);
    best[0] = 0;
    for (size_t j = 1; j < m; j++) {
        const cand *b = &cs[j];
        int last = j == m - 1;
        best[j] = INF;
        prev[j] = j - 1;
        for (size_t i = j; i-- > 0;) {
            const cand *a = &cs[i];
            double minw = (b->we - b->se) - (a->ws - a->ss);
            if (i < j - 1 && minw > reach) break;
            if (best[i] >= INF) continue;
            double c = line_cost(p, a, b, i == 0 ? l0 : l, i == 0, last);
            if (c >= INF) {
                if (i != j - 1) continue;
                c = OVERFULL_COST; /* one unit wider than the measure: unavoidable */
            }
            if (best[i] + c < best[j]) {
                best[j] = best[i] + c;
                prev[j] = i;
            }
        }
    }
    size_t count = 0;
    *total = best[m - 1];
    for (size_t j = m - 1; j > 0; j = prev[j])
        count++;
    size_t at = count;
    for (size_t j = m - 1; j > 0; j = prev[j])
        ends[--at] = cs[j].pos;
    free(cs), free(prev), free(best);
    return count;
}

/* The cost of a line of a variant: as line_cost, but a line that would need
 * an emergency break, more stretch than max_ratio, or leave a 孤字 (WO-1)
 * cannot be set (INF). */
static double variant_cost(const pt_para *p, const cand *a, const cand *b, double l, int first,
                           int last, double max_ratio) {
    if (b->pen >= EMERG_PENALTY) return INF;
    double diff = l - (b->we - a->ws), z = b->ze - a->zs;
    if (!last && p->in->align == ALIGN_JUSTIFY && diff > 0.01 && (z <= 0 || diff / z > max_ratio))
        return INF;
    if (last && !first && b->le - a->ls <= 1) return INF;
    return line_cost(p, a, b, l, first, last);
}

/* One layer of the exact-count search: the best cost of reaching each
 * candidate in k lines, the candidate it came from, and the range of
 * candidates reached. */
typedef struct layer {
    size_t lo, hi; /* candidates reached: [lo, hi] */
    size_t at;     /* where this layer's back pointers start in the pool */
} layer;

int fit_breaks_counts(const pt_para *p, size_t from, size_t to, size_t lo, size_t hi,
                      double max_ratio, size_t *const *ends, double *total) {
    size_t m;
    cand *cs = candidates(p, from, to, &m);
    double *cur = malloc(m * sizeof *cur), *nxt = malloc(m * sizeof *nxt);
    layer *ly = malloc((hi + 1) * sizeof *ly);
    size_t *arg_last = malloc((hi + 1) * sizeof *arg_last);
    size_t *back = NULL, nback = 0, cap = 0;
    int rc = -1;
    for (size_t k = lo; k <= hi; k++)
        total[k - lo] = INF;
    if (!cs || !cur || !nxt || !ly || !arg_last) goto out;
    double l = pt_avail(p, 1), l0 = pt_avail(p, from), reach = reach_of(p, from);
    for (size_t j = 0; j < m; j++)
        cur[j] = nxt[j] = INF;
    cur[0] = 0;
    ly[0] = (layer){0, 0, 0};
    rc = 0;
    for (size_t k = 1; k <= hi; k++) {
        const layer *pl = &ly[k - 1];
        layer nl = {m, 0, nback};
        /* lines ending inside the segment go on to the next layer; the one
         * ending it closes a setting of k lines */
        for (size_t j = k < hi ? pl->lo + 1 : m - 1; j < m; j++) {
            const cand *b = &cs[j];
            int last = j == m - 1;
            if (last && k < lo) break;
            double bj = INF;
            size_t arg = 0;
            size_t i = j - 1 < pl->hi ? j - 1 : pl->hi;
            if ((b->we - b->se) - (cs[i].ws - cs[i].ss) > reach) break;
            for (;; i--) {
                const cand *a = &cs[i];
                if ((b->we - b->se) - (a->ws - a->ss) > reach) break;
                if (cur[i] < INF) {
                    double c = variant_cost(p, a, b, i == 0 ? l0 : l, i == 0, last, max_ratio);
                    if (c < INF && cur[i] + c < bj) bj = cur[i] + c, arg = i;
                }
                if (i == pl->lo) break;
            }
            if (bj >= INF) continue;
            if (last) {
                total[k - lo] = bj;
                arg_last[k] = arg;
                break;
            }
            if (nl.lo == m) nl.lo = j;
            nl.hi = j;
            nxt[j] = bj;
            size_t slot = nl.at + (j - nl.lo);
            if (slot >= cap) {
                size_t nc = cap ? 2 * cap : 256;
                while (nc <= slot)
                    nc *= 2;
                size_t *g = realloc(back, nc * sizeof *g);
                if (!g) {
                    rc = -1;
                    goto out;
                }
                back = g, cap = nc;
            }
            for (size_t s = nback; s < slot; s++)
                back[s] = SIZE_MAX; /* candidates skipped inside the range */
            back[slot] = arg;
            nback = slot + 1;
        }
        if (nl.lo == m) break; /* nothing goes on to k + 1 lines */
        for (size_t j = pl->lo; j <= pl->hi; j++)
            cur[j] = INF;
        double *t = cur;
        cur = nxt, nxt = t;
        ly[k] = nl;
    }
    for (size_t k = lo; k <= hi; k++) {
        if (total[k - lo] >= INF || !ends[k - lo]) continue;
        size_t j = arg_last[k];
        ends[k - lo][k - 1] = cs[m - 1].pos;
        for (size_t t = k - 1; t > 0; t--) {
            ends[k - lo][t - 1] = cs[j].pos;
            j = back[ly[t].at + (j - ly[t].lo)];
        }
    }
out:
    free(cs), free(cur), free(nxt), free(ly), free(arg_last), free(back);
    return rc;
}
