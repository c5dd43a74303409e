/* fit.c — choosing a paragraph's line breaks by optimum fit (Knuth–Plass
 * style dynamic programming over the break opportunities): every line costs
 * its squared badness (cubed adjustment ratio) plus penalties; the path of
 * least total cost wins. The look-back is bounded by a line's width, so the
 * work is linear in the paragraph's length. */
#include "paratext.h"
#include "punct.h"

#include <math.h>
#include <stdlib.h>

#define INF 1e300
#define LINE_PENALTY 10.0
#define HYPHEN_PENALTY 2500.0
#define EMERG_PENALTY 1e8
#define WIDOW_PENALTY 1e7 /* WO-1: below emergency breaks, above any sane stretch */
#define OVERFULL_COST 1e15

/* The cost of one line [a, b), or INF when it cannot be set (overfull). */
static double line_cost(const pt_para *p, size_t from, size_t a, size_t b, int last) {
    pt_metrics m;
    pt_line(p, a, b, &m);
    double l = pt_avail(p, a), em = p->em;
    if (m.e <= m.s) /* an empty line: only for an empty segment */
        return (a == from && last) ? 0 : 1e12;
    double shrink = m.s1 + m.s2 + m.s3, diff = l - m.w;
    if (diff < -shrink - 1e-6)
        return INF;
    double bad = 0;
    folio_align al = p->in->align;
    if (diff < 0) {
        double r = -diff / shrink;
        bad = 30.0 * r * r * r; /* JUS-2: shrinking costs less than stretching */
    } else if (al == ALIGN_JUSTIFY && !last) {
        if (m.z > 0) {
            double r = diff / m.z;
            if (r > 1000)
                r = 1000;
            bad = 1000.0 * r * r * (1 + r); /* steep: the optimum avoids stretch */
        } else if (diff > 0.01) {
            bad = 1e6 + 1e4 * diff / em; /* only letter-spacing could fill it */
        }
    } else if (al == ALIGN_CENTER || (al != ALIGN_JUSTIFY && !last)) {
        double r = diff / em; /* ragged lines: keep them even (balanced titles) */
        bad = r * r;
    }
    double cost = (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
    uint8_t brk = b < p->n ? p->c[b].brk : BRK_HARD;
    if (brk == BRK_HYPHEN)
        cost += HYPHEN_PENALTY;
    else if (brk == BRK_EMERG)
        cost += EMERG_PENALTY + (b < p->n && punct_no_start(p->c[b].cp) ? EMERG_PENALTY : 0);
    if (last && a != from && p->in->no_widow_char && m.letters <= 1)
        cost += WIDOW_PENALTY;
    return cost;
}

size_t fit_breaks(const pt_para *p, size_t from, size_t to, size_t *ends) {
    /* Candidates: from, every opportunity inside, to. */
    size_t m = 1;
    for (size_t i = from + 1; i < to; i++)
        m += p->c[i].brk != BRK_NO;
    m++;
    size_t *cand = malloc(m * sizeof *cand);
    size_t *prev = malloc(m * sizeof *prev);
    double *best = malloc(m * sizeof *best);
    if (!cand || !prev || !best) {
        free(cand), free(prev), free(best);
        return 0;
    }
    size_t k = 0;
    cand[k++] = from;
    for (size_t i = from + 1; i < to; i++)
        if (p->c[i].brk != BRK_NO)
            cand[k++] = i;
    cand[k++] = to;
    double reach = (pt_avail(p, 0) > pt_avail(p, 1) ? pt_avail(p, 0) : pt_avail(p, 1)) + 2 * p->em;
    best[0] = 0;
    for (size_t j = 1; j < m; j++) {
        size_t b = cand[j];
        int last = j == m - 1;
        best[j] = INF;
        prev[j] = j - 1;
        for (size_t i = j; i-- > 0;) {
            size_t a = cand[i];
            if (i < j - 1 && p->sum[b].minw - p->sum[a].minw > reach)
                break;
            if (best[i] >= INF)
                continue;
            double c = line_cost(p, from, a, b, last);
            if (c >= INF) {
                if (i != j - 1)
                    continue;
                c = OVERFULL_COST; /* one unit wider than the measure: unavoidable */
            }
            if (best[i] + c < best[j]) {
                best[j] = best[i] + c;
                prev[j] = i;
            }
        }
    }
    /* Walk back from the end. */
    size_t count = 0;
    for (size_t j = m - 1; j > 0; j = prev[j])
        count++;
    size_t at = count;
    for (size_t j = m - 1; j > 0; j = prev[j])
        ends[--at] = cand[j];
    free(cand), free(prev), free(best);
    return count;
}
