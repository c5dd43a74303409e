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

int para_set(folio_fonts *f, const folio_para_in *in, folio_arena *arena, folio_para_out *out,
             folio_diags *d) {
    out->lines = NULL;
    out->nlines = 0;
    out->missing = 0;
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
    int rc = ends && starts ? 0 : -1;
    /* Segments between forced breaks; a trailing empty one sets nothing. */
    for (size_t from = 0; rc == 0 && from < p.n;) {
        size_t to = from + 1;
        while (to < p.n && p.c[to].brk != BRK_HARD)
            to++;
        size_t k = fit_breaks(&p, from, to, ends + nl);
        if (!k) {
            rc = -1;
            break;
        }
        for (size_t i = 0; i < k; i++)
            starts[nl + i] = i ? ends[nl + i - 1] : from;
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
    free(ends);
    free(starts);
    pt_free(&p);
    return rc == 0 ? 0 : diag_error(d, in->src, in->src_line, "out of memory setting a paragraph");
}
