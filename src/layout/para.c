/* para.c — setting one paragraph: measure it (measure.c), choose breaks per
 * segment between forced breaks by optimum fit (fit.c), set each line
 * (justify.c).
 *
 * Choices where the rules leave room:
 * - PUN-4 is off: an opening mark at a line start keeps its blank left half
 *   (clreq's basic setting), so every line's glyphs start at its origin.
 * - PUN-2 squeezes the blank right half of a closing mark or stop before
 *   another mark (。” ）， ，“), and the blank left half of the second of two
 *   opening marks (“《).
 * - JUS-2 shrinks mid-line stops and closing marks (down to ½ em), then
 *   MIX-1 gaps (down to ⅛ em), then Latin word spaces (by a third); opening
 *   marks are never squeezed to justify.
 * - JUS-3 stretch goes evenly, ¼ em per unit of the adjustment ratio, into
 *   the gaps between Chinese characters (not after an opening mark, not before
 *   a closing mark or stop, not inside ——/……), MIX-1 gaps and (½ em per
 *   unit) Latin word spaces; a line with no such gap (an emergency break
 *   inside a long word) is letter-spaced rather than left short.
 * - WO-1 is weighed against stretch: a 孤字 is accepted only when avoiding
 *   it would need more than about ½ em between characters. Ragged and
 *   centred lines (headings, titles) avoid it whatever no_widow_char says.
 * - A line ending at a hard break is set solid like a last line and carries
 *   FOLIO_LINE_LAST. */
#include "para.h"

#include "paratext.h"

#include <stdlib.h>
#include <string.h>

/* The looseness a copyfitting variant may use: at most this JUS-3
 * adjustment ratio (¼ em per unit: 0.1 em between Han characters), or the
 * optimum's own where that is more. */
#define VARIANT_RATIO 0.8

/* The segment a variant changes: the one of most lines (most room). */
typedef struct segment {
    size_t from, to; /* characters */
    size_t first, n; /* its lines in the paragraph's */
    double cost;     /* the optimum's */
} segment;

/* The largest stretch ratio among the segment's justified lines. */
static double max_ratio(const pt_para *p, const size_t *starts, const size_t *ends,
                        const segment *sg) {
    double r = 0;
    for (size_t i = sg->first; i + 1 < sg->first + sg->n; i++) {
        pt_metrics m;
        pt_line(p, starts[i], ends[i], &m);
        double diff = pt_avail(p, starts[i]) - m.w;
        if (diff > 0 && m.z > 0 && diff / m.z > r) r = diff / m.z;
    }
    return r;
}

/* Sets the paragraph with segment sg in `want` lines broken at ve into
 * out->alt[k]. */
static int set_variant(const pt_para *p, size_t nl, const segment *sg, const size_t *ve,
                       size_t want, int k, double cost, folio_arena *arena, folio_para_out *out) {
    size_t n = nl - sg->n + want;
    folio_line *lines = arena_calloc(arena, n, sizeof *lines);
    if (!lines) return -1;
    for (size_t i = 0; i < n; i++) {
        if (i < sg->first) {
            lines[i] = out->lines[i];
        } else if (i >= sg->first + want) {
            lines[i] = out->lines[i - want + sg->n];
        } else {
            size_t t = i - sg->first, a = t ? ve[t - 1] : sg->from;
            if (justify_line(p, a, ve[t], i == 0, t == want - 1, arena, &lines[i])) return -1;
        }
    }
    out->alt[k] = lines;
    out->nalt[k] = n;
    out->alt_cost[k] = cost - sg->cost;
    return 0;
}

/* The variants of a paragraph: its longest segment in each count of lines
 * from PARA_TIGHTER fewer to PARA_LOOSER more, within the limits, a line
 * further each way while one can be set (an overfull optimum, a unit wider
 * than the measure, has none). */
static int set_variants(const pt_para *p, const size_t *starts, const size_t *ends, size_t nl,
                        const segment *sg, folio_arena *arena, folio_para_out *out) {
    out->alt[PARA_TIGHTER] = out->lines;
    out->nalt[PARA_TIGHTER] = out->nlines;
    if (!sg->n || sg->cost >= 1e14) return 0;
    size_t lo = sg->n > PARA_TIGHTER ? sg->n - PARA_TIGHTER : 1, hi = sg->n + PARA_LOOSER;
    double limit = max_ratio(p, starts, ends, sg), total[PARA_SETTINGS];
    if (limit < VARIANT_RATIO) limit = VARIANT_RATIO;
    size_t *room = malloc((hi - lo + 1) * hi * sizeof *room);
    size_t *ve[PARA_SETTINGS] = {0};
    if (!room) return -1;
    for (size_t k = lo; k <= hi; k++)
        ve[k - lo] = k == sg->n ? NULL : room + (k - lo) * hi;
    int rc = fit_breaks_counts(p, sg->from, sg->to, lo, hi, limit, ve, total);
    for (int dir = -1; dir <= 1 && rc == 0; dir += 2)
        for (size_t k = sg->n + (size_t)(long)dir; k >= lo && k <= hi && total[k - lo] < 1e299;
             k += (size_t)(long)dir) {
            rc = set_variant(p, nl, sg, ve[k - lo], k, PARA_TIGHTER + (int)k - (int)sg->n,
                             total[k - lo], arena, out);
            if (rc) break;
        }
    free(room);
    return rc;
}

int para_set(folio_fonts *f, const folio_para_in *in, folio_arena *arena, folio_para_out *out,
             folio_diags *d) {
    memset(out, 0, sizeof *out);
    if (!(in->size > 0) || !(in->measure >= 0) || !(in->indent + in->first_indent < 1e6))
        return diag_error(d, in->src, in->src_line, "cannot set paragraph: size %g, measure %g",
                          (double)in->size, (double)in->measure);
    pt_para p;
    const char *err = NULL;
    if (pt_measure(f, in, &p, &err) < 0) {
        pt_free(&p);
        return diag_error(d, in->src, in->src_line, "cannot set paragraph: %s", err);
    }
    for (size_t i = 0; i < p.nmissing; i++)
        diag_warning(d, in->src, in->src_line, "no font has U+%04X", (unsigned)p.missing[i]);
    out->missing = p.nmissing;
    size_t *ends = malloc((p.n + 1) * sizeof *ends);
    size_t *starts = malloc((p.n + 1) * sizeof *starts);
    size_t nl = 0;
    segment sg = {0};
    int rc = ends && starts ? 0 : -1;
    /* Segments between forced breaks; a trailing empty one sets nothing. */
    for (size_t from = 0; rc == 0 && from < p.n;) {
        size_t to = from + 1;
        while (to < p.n && p.c[to].brk != BRK_HARD)
            to++;
        double cost;
        size_t k = fit_breaks(&p, from, to, ends + nl, &cost);
        if (!k) {
            rc = -1;
            break;
        }
        for (size_t i = 0; i < k; i++)
            starts[nl + i] = i ? ends[nl + i - 1] : from;
        if (k > sg.n) sg = (segment){from, to, nl, k, cost};
        nl += k;
        from = to;
    }
    if (rc == 0 && nl) {
        out->lines = arena_calloc(arena, nl, sizeof *out->lines);
        if (!out->lines) rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < nl; i++) {
        int last = ends[i] == p.n || p.c[ends[i]].brk == BRK_HARD;
        if (justify_line(&p, starts[i], ends[i], i == 0, last, arena, &out->lines[i]) < 0) rc = -1;
    }
    if (rc == 0) out->nlines = nl;
    if (rc == 0 && in->variants) rc = set_variants(&p, starts, ends, nl, &sg, arena, out);
    free(ends);
    free(starts);
    pt_free(&p);
    return rc == 0 ? 0 : diag_error(d, in->src, in->src_line, "out of memory setting a paragraph");
}
