/* pdf_text.c — writes the text lines as raw content operators: each run of
 * glyphs in one face becomes a TJ of 2-byte CIDs, with character spacing (Tc)
 * for the line's even justification and TJ adjustments where a glyph sits
 * elsewhere, so every glyph lands exactly at the x the layout gave it. */
#include "pdf_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_float(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* The advance glyph i of line l gets from /W, points. */
static float glyph_w(pdf_ctx *c, const folio_page *p, const folio_line *l, size_t i) {
    const pdf_font *pf = pdf_line_font(c, p, l, l->g[i].face);
    unsigned w;
    pdf_glyph_cid(c, p, l, i, &w);
    return (float)w * l->size * pf->em / 1000.0f;
}

/* The spacing shared by most neighbouring glyphs of a line: written once as
 * Tc so that evenly justified lines need no per-glyph adjustments. */
static float line_tc(pdf_ctx *c, const folio_page *p, const folio_line *l, float *scratch) {
    size_t n = 0;
    for (size_t i = 0; i + 1 < l->n; i++) {
        const folio_glyph *a = &l->g[i], *b = &l->g[i + 1];
        if (a->face < 0 || b->face != a->face || a->dy != b->dy) continue;
        scratch[n++] = b->x - a->x - glyph_w(c, p, l, i);
    }
    if (n < 2) return 0;
    qsort(scratch, n, sizeof *scratch, cmp_float);
    float med = scratch[n / 2];
    size_t near = 0;
    for (size_t i = 0; i < n; i++)
        if (fabsf(scratch[i] - med) < 0.002f) near++;
    if (near * 2 <= n || fabsf(med) < 0.001f) return 0;
    return roundf(med * 1000.0f) / 1000.0f;
}

typedef struct text_state {
    const pdf_font *font; /* the font last selected with Tf (NULL: none) */
    float size;
    float tc;
    float gray;
    int started; /* BT written */
} text_state;

static void begin_text(pdf_ctx *c, text_state *ts) {
    if (!ts->started) {
        pdf_ops(c, "q BT\n");
        ts->started = 1;
    }
}

/* Writes glyphs [i, j) of line l, all in one face and at one baseline shift. */
static void write_run(pdf_ctx *c, HPDF_Page page, const folio_page *p, text_state *ts,
                      const folio_line *l, size_t i, size_t j) {
    const folio_glyph *g0 = &l->g[i];
    pdf_font *pf = pdf_line_font(c, p, l, g0->face);
    if (ts->font != pf || ts->size != l->size) {
        const char *name = HPDF_Page_GetLocalFontName(page, pf->type0);
        if (!name) {
            pdf_checkp(c, name);
            return;
        }
        pdf_ops(c, "/%s ", name);
        pdf_num(c, l->size * pf->em);
        pdf_ops(c, "Tf\n");
        ts->font = pf;
        ts->size = l->size;
    }
    pdf_ops(c, "1 0 0 1 ");
    pdf_num(c, c->ox + l->x + g0->x);
    pdf_num(c, c->oy + l->y + g0->dy);
    pdf_ops(c, "Tm [<");
    float pen = l->x + g0->x, em_size = l->size * pf->em;
    for (size_t k = i; k < j; k++) {
        unsigned w;
        pdf_hex4(c, (unsigned)pdf_glyph_cid(c, p, l, k, &w));
        pen += (float)w * em_size / 1000.0f + ts->tc;
        if (k + 1 < j) {
            float target = l->x + l->g[k + 1].x;
            long adj = lroundf((pen - target) * 1000.0f / em_size);
            if (adj != 0) {
                pdf_ops(c, ">%ld<", adj);
                pen -= (float)adj * em_size / 1000.0f;
            }
        }
    }
    pdf_ops(c, ">]TJ\n");
}

static void placeholder(pdf_ctx *c, const folio_line *l, const folio_glyph *g) {
    float s = l->size, lw = s / 20.0f;
    pdf_ops(c, "q ");
    pdf_gray(c, l->gray, 1);
    pdf_num(c, lw);
    pdf_ops(c, "w ");
    pdf_num(c, c->ox + l->x + g->x + lw / 2);
    pdf_num(c, c->oy + l->y + g->dy - 0.12f * s + lw / 2);
    pdf_num(c, (g->adv > lw ? g->adv : s) - lw);
    pdf_num(c, s - lw);
    pdf_ops(c, "re S Q\n");
}

/* Whether a line without an element is pagination (or else some other
 * artifact). */
static pdf_artifact artifact_of(const folio_line *l) {
    return l->role == FOLIO_ROLE_RUNHEAD || l->role == FOLIO_ROLE_FOLIO ? PDF_ART_PAGINATION
                                                                        : PDF_ART_PLAIN;
}

int pdf_draw_text(pdf_ctx *c, HPDF_Page page, const folio_page *p) {
    text_state ts = {NULL, 0, 0, -1, 0};
    pdf_marks marks = {0};
    size_t maxn = 0, nmissing = 0;
    for (size_t li = 0; li < p->nlines; li++)
        if (p->lines[li].n > maxn) maxn = p->lines[li].n;
    pdf_doing(c, "drawing page %d", p->index + 1);
    float *scratch = malloc((maxn ? maxn : 1) * sizeof *scratch);
    if (!scratch) return pdf_fail(c, "out of memory");
    for (size_t li = 0; li < p->nlines && !c->failed; li++) {
        const folio_line *l = &p->lines[li];
        if (l->n == 0 || l->size <= 0) continue;
        c->line = l;
        begin_text(c, &ts);
        if (l->gray != ts.gray) {
            pdf_gray(c, l->gray, 0);
            pdf_ops(c, "\n");
            ts.gray = l->gray;
        }
        int id = pdf_tag_line(c, l);
        float tc = line_tc(c, p, l, scratch);
        if (tc != ts.tc) {
            pdf_num(c, tc);
            pdf_ops(c, "Tc\n");
            ts.tc = tc;
        }
        for (size_t i = 0; i < l->n;) {
            const folio_glyph *g = &l->g[i];
            if (g->face < 0) {
                nmissing++;
                i++;
                continue;
            }
            /* a run ends where the face, the shift or decoration starts or
             * ends: the dot leaders are an artifact inside the line */
            size_t j = i + 1;
            while (j < l->n && l->g[j].face == g->face && l->g[j].dy == g->dy &&
                   j != l->deco_from && j != l->deco_to)
                j++;
            int deco = i >= l->deco_from && i < l->deco_to;
            pdf_mark(c, &marks, p->index, deco ? -1 : id, deco ? PDF_ART_LAYOUT : artifact_of(l));
            write_run(c, page, p, &ts, l, i, j);
            i = j;
        }
    }
    free(scratch);
    c->line = NULL;
    pdf_mark_close(c, &marks);
    if (ts.started) pdf_ops(c, "ET Q\n");
    /* Path operators are not allowed inside BT/ET: boxes for characters no
     * font has come after the text. */
    if (nmissing) pdf_ops(c, "/Artifact BMC\n");
    for (size_t li = 0; nmissing && li < p->nlines; li++) {
        const folio_line *l = &p->lines[li];
        for (size_t i = 0; i < l->n; i++)
            if (l->g[i].face < 0) placeholder(c, l, &l->g[i]);
    }
    if (nmissing) pdf_ops(c, "EMC\n");
    return c->failed ? -1 : 0;
}
