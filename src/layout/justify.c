/* justify.c — setting one chosen line: shrinking in the JUS-2 order
 * (punctuation blanks, then Han–Latin gaps down to 1/8 em, then word spaces),
 * or stretching evenly over the allowed gaps (JUS-3), and writing its glyphs.
 *
 * Glyph convention: g.x is where the glyph is drawn (its origin) and g.x +
 * g.adv is the right edge of its set box, so consecutive glyphs abut. An
 * opening mark keeps its blank on the left (a narrow font glyph is moved to
 * the right half); one whose left half was squeezed (“《) is drawn half an em
 * left of its box. */
#include "paratext.h"
#include "punct.h"
#include "util/utf8.h"

#include <string.h>

/* Fraction of a tier's shrink to use, taking what is still needed. */
static double take(double *need, double avail) {
    if (*need <= 0 || avail <= 0) return 0;
    double t = *need < avail ? *need : avail;
    *need -= t;
    return t / avail;
}

/* The drawing offset of a character in its set box of width sw. GB
 * positions: a closing mark's ink belongs in its left half, so marks that a
 * font centres (UMing's 。、, Zen Hei's ，：) move there, keeping a little
 * side space. Text extractors measure a glyph by its font advance and read
 * one that starts more than ½ em inside the previous glyph's advance as a
 * new line, so the move stops there. */
static double mark_dx(const pt_para *p, const pt_char *c, double sw, double pen, double prev_end) {
    double em = p->em, dx = c->dx, keep = (sw < em / 2 ? sw : em / 2) - 0.06 * em;
    if (c->ink1 <= keep) return dx;
    double shift = c->ink1 - keep, room = c->ink0 - 0.04 * em;
    if (shift < c->ink0 - 0.1 * em) shift = c->ink0 - 0.1 * em; /* where GB fonts draw them */
    if (shift > room) shift = room;
    double lim = prev_end - em / 2 + 0.01 * em - (pen + dx);
    if (-shift < lim) shift = -lim;
    return shift > 0 ? dx - shift : dx;
}

int justify_line(const pt_para *p, size_t a, size_t b, int first, int last, folio_arena *arena,
                 folio_line *out) {
    const folio_para_in *in = p->in;
    pt_metrics m;
    pt_line(p, a, b, &m);
    double l = pt_avail(p, a), diff = l - m.w;
    double f1 = 0, f2 = 0, f3 = 0, r = 0, ls = 0;
    int justified = in->align == ALIGN_JUSTIFY && !last;
    if (m.e > m.s && diff < 0) {
        double need = -diff;
        f1 = take(&need, m.s1);
        f2 = take(&need, m.s2);
        f3 = take(&need, m.s3);
    } else if (m.e > m.s && diff > 0 && justified) {
        if (m.z > 0)
            r = diff / m.z;
        else if (m.e - m.s > 1)
            ls = diff / (double)(m.e - m.s - 1); /* emergency only: a broken long word */
    }
    size_t ng = 0;
    for (size_t k = m.s; k < m.e; k++)
        ng += p->c[k].cls != PC_INVIS && p->c[k].cls != PC_NEWLINE;
    folio_glyph *g = ng ? arena_calloc(arena, ng, sizeof *g) : NULL;
    char *text = arena_alloc(arena, 4 * (m.e - m.s) + 1);
    if ((ng && !g) || !text) return -1;
    double pen = 0;
    double prev_end = -1e9; /* where the last glyph's own advance ends */
    size_t gi = 0, tl = 0;
    for (size_t k = m.s; k < m.e; k++) {
        const pt_char *c = &p->c[k];
        if (k > m.s) pen += c->gw - f2 * c->gs + r * c->gz + ls;
        double s1 = c->s1, w = c->w;
        if (k == m.e - 1) {
            w -= c->endsq; /* PUN-3 */
            s1 -= c->endsq;
        }
        double sw = w - f1 * s1 - f2 * c->s2 - f3 * c->s3 + r * c->z;
        if (c->cls != PC_NEWLINE) tl += utf8_encode(c->cp, text + tl);
        if (c->cls != PC_INVIS && c->cls != PC_NEWLINE) {
            folio_glyph *o = &g[gi++];
            o->cp = c->cp;
            o->face = c->face;
            o->gid = c->gid;
            double dx = mark_dx(p, c, sw, pen, prev_end);
            o->x = (float)(pen + dx);
            o->adv = (float)(sw - dx);
            prev_end = pen + dx + c->fw;
        }
        pen += sw;
    }
    text[tl] = 0;
    memset(out, 0, sizeof *out);
    double x = in->indent + (a == 0 ? in->first_indent : 0);
    if (!justified && pen < l) {
        if (in->align == ALIGN_CENTER)
            x += (l - pen) / 2;
        else if (in->align == ALIGN_RIGHT)
            x += l - pen;
    }
    out->x = (float)x;
    out->size = in->size;
    out->width = (float)l;
    out->natural = (float)m.w;
    out->stretch = m.e > m.s ? (float)(pen - m.w) : 0;
    out->g = g;
    out->n = ng;
    out->text = text;
    out->role = in->role;
    out->column = -1;
    out->flags = (first ? FOLIO_LINE_FIRST : 0) | (last ? FOLIO_LINE_LAST : 0) |
                 (in->align == ALIGN_CENTER ? FOLIO_LINE_CENTERED : 0);
    out->article = in->article;
    out->serial = in->serial;
    out->item = -1;
    out->target = -1;
    out->deco_from = out->deco_to = 0;
    out->offset = m.s < p->n ? p->c[m.s].off : (p->n ? p->c[p->n - 1].off : 0);
    out->src = in->src;
    out->src_line = in->src_line;
    return 0;
}
