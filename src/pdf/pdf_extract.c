/* pdf_extract.c — what the PDF declares for text extractors' sake, and why.
 *
 * A PDF holds glyphs at positions, not words, lines or columns: a text
 * extractor (poppler's pdftotext and TextOutputDev, which most viewers' copy
 * and search share in kind) rebuilds them from where the glyphs stand and
 * from the sizes, widths and boxes the fonts declare. Left to itself it reads
 * Chinese body text on a 1.6-1.8 em pitch as one-line blocks, pairs those
 * across the columns as table cells and reads them row by row; it takes
 * squeezed punctuation for gaps between words. The means below change only
 * what the extractor sees: every glyph is drawn exactly where the layout put
 * it, in the same shape. The layout's facts they read are the page model's:
 * which column a line is set in (-1: across the columns), its size.
 *
 * 1. The declared em (column_em): the fonts of column text declare a larger
 *    em than their real one.
 * 2. A second copy of each face for text set across the columns (across_em),
 *    whose size to the extractor clashes with no column text.
 * 3. Taller character boxes for column text (BOX_MARGIN).
 * 4. Variant widths (pdf_variant_width): a squeezed or spaced glyph gets a
 *    CID whose /W width is the distance to the next glyph. */
#include "pdf_private.h"

#include <math.h>
#include <stdlib.h>

/* How much taller than the face's own ascender and descender (in ems) the
 * copies for column text declare themselves. Text extractors make a
 * character's box from Ascent and Descent, and poppler lets a block that has
 * no text beside it in the other column, at its height, reach across both
 * columns and be read after everything above it there: a heading that fell
 * into the space around a heading in the other column did. With 0.15 em more
 * each way, the boxes of a column's lines nearly meet (a 1.7 em pitch), so
 * no heading fits into such a space; lines of one column still do not touch
 * (a line box of 1.3 em), and glyphs are drawn exactly as before. */
#define BOX_MARGIN 0.15

/* Sizes within this share of each other may be joined into one block by
 * poppler (within 5%); one more percent to spare. */
#define SIZE_CLASH 0.06

double pdf_box_margin(int column) {
    return column ? BOX_MARGIN : 0;
}

/* Whether page p has text side by side in columns: a line in a column after
 * the first. */
static int side_by_side(const folio_page *p) {
    for (size_t i = 0; i < p->nlines; i++)
        if (p->lines[i].column > 0) return 1;
    return 0;
}

/* Whether line l is set across the columns of a page whose text stands in
 * columns, between column texts (titles, bylines). Running heads and folios
 * stand outside the type area, at its outer edge: for the extractor they are
 * lines of their own like column text. */
static int spans(const pdf_ctx *c, const folio_page *p, const folio_line *l) {
    return c->ext.columns[p->index] && l->column < 0 && l->role != FOLIO_ROLE_RUNHEAD &&
           l->role != FOLIO_ROLE_FOLIO;
}

/* Whether size is within SIZE_CLASH of the size of some column text. */
static int column_size(const pdf_ctx *c, float size) {
    const pdf_extract *x = &c->ext;
    if (x->ncol_sizes > sizeof x->col_sizes / sizeof *x->col_sizes) return 1;
    for (size_t i = 0; i < x->ncol_sizes; i++) {
        float a = size, b = x->col_sizes[i];
        if (fabsf(a - b) <= (float)SIZE_CLASH * (a > b ? a : b)) return 1;
    }
    return 0;
}

/* Line l gets the font copy for column text, whose declared em keeps a
 * column's lines together (see declared_em): all lines but those set across
 * the columns in a size that column text has too. Those get a copy with
 * another em (across_em): a centred byline of the body's size would
 * otherwise be the same size to the extractor as the column text a pitch
 * below it, and would join both columns into one block through it. (A title
 * in a size of its own stays apart anyway and shares the glyphs.) */
int pdf_in_column(const pdf_ctx *c, const folio_page *p, const folio_line *l) {
    return !spans(c, p, l) || !column_size(c, l->size);
}

/* Notes the sizes of the text set in columns, for pdf_in_column; more than
 * the table holds: every size counts. */
static void column_sizes(pdf_ctx *c) {
    pdf_extract *x = &c->ext;
    const size_t cap = sizeof x->col_sizes / sizeof *x->col_sizes;
    x->ncol_sizes = 0;
    for (size_t pi = 0; pi < c->doc->npages && x->ncol_sizes <= cap; pi++) {
        const folio_page *p = &c->doc->pages[pi];
        for (size_t li = 0; li < p->nlines && x->ncol_sizes <= cap; li++) {
            const folio_line *l = &p->lines[li];
            size_t k = 0;
            while (k < x->ncol_sizes && k < cap && x->col_sizes[k] != l->size)
                k++;
            if (l->n && !spans(c, p, l) && k == x->ncol_sizes) {
                if (k < cap) x->col_sizes[k] = l->size;
                x->ncol_sizes++;
            }
        }
    }
}

/* The em the fonts of column text declare, over the real one.
 *
 * Why: poppler's text extraction puts two lines into one block only when
 * their baselines are at most 1.5 font sizes apart (maxLineSpacingDelta).
 * Chinese body text set on a 1.6-1.8 em pitch falls apart into one-line
 * blocks, which it then pairs across the columns as table cells and reads
 * row by row. Declaring a larger em (the Tf size larger by the same factor,
 * /W, Ascent and the bounding box smaller to match) draws exactly the same
 * glyphs while the extractor sees body text just large enough that the pitch
 * is within 1.5 of its size (2% to spare). No more than that: the larger the
 * size it sees, the farther it reaches for neighbours (text lines up to 1.5
 * sizes above or below, words up to one size beside a block), and a larger
 * factor joined centred lines above the columns, and then the columns
 * themselves, into one block. The factor stays below the column gap over the
 * body size, so that the gap is always wider than the reach sideways. */
static double declared_em(const folio_doc *doc) {
    if (!doc || doc->body_size <= 0 || doc->line_pitch <= 0) return 1.0;
    double em = doc->line_pitch * 1.02 / (1.5 * doc->body_size);
    if (doc->columns > 1 && doc->column_gap > 0 && em > 0.9 * doc->column_gap / doc->body_size)
        em = 0.9 * doc->column_gap / doc->body_size;
    return em > 1.0 ? em : 1.0;
}

static int add_size(float *set, size_t *n, size_t cap, float size) {
    for (size_t i = 0; i < *n; i++)
        if (set[i] == size) return 0;
    if (*n == cap) return -1;
    set[(*n)++] = size;
    return 0;
}

/* The em the copies for text across the columns declare: a little over the
 * true one, as a name list set with em spaces would otherwise fall apart
 * (poppler joins words at most one size apart), and chosen so that no such
 * line is within SIZE_CLASH of the size of any column text to the extractor. */
static double across_em(const pdf_ctx *c, double column_em) {
    float span[64], col[64];
    size_t ns = 0, nc = 0;
    int full = 0;
    for (size_t pi = 0; pi < c->doc->npages; pi++) {
        const folio_page *p = &c->doc->pages[pi];
        for (size_t li = 0; li < p->nlines; li++) {
            const folio_line *l = &p->lines[li];
            if (l->n && l->size > 0)
                full |= pdf_in_column(c, p, l) ? add_size(col, &nc, 64, l->size)
                                               : add_size(span, &ns, 64, l->size);
        }
    }
    for (int k = 0; k <= 20 && !full; k++) {
        double em = 1.05 + 0.05 * k;
        int clash = 0;
        for (size_t i = 0; i < ns && !clash; i++)
            for (size_t j = 0; j < nc && !clash; j++) {
                double a = span[i] * em, b = col[j] * column_em;
                clash = fabs(a - b) <= SIZE_CLASH * (a > b ? a : b);
            }
        if (!clash) return em;
    }
    return 1.05;
}

int pdf_extract_prepare(pdf_ctx *c) {
    pdf_extract *x = &c->ext;
    x->columns = calloc(c->doc->npages ? c->doc->npages : 1, 1);
    if (!x->columns) return pdf_fail(c, "out of memory");
    for (size_t pi = 0; pi < c->doc->npages; pi++)
        x->columns[pi] = c->doc->columns > 1 && side_by_side(&c->doc->pages[pi]);
    column_sizes(c);
    x->column_em = declared_em(c->doc);
    x->across_em = across_em(c, x->column_em);
    return 0;
}

double pdf_declared_em(const pdf_ctx *c, int column) {
    return column ? c->ext.column_em : c->ext.across_em;
}

/* The width (1/1000 real em, in steps of 10) that glyph i of line l gets
 * through a variant CID, or -1 when its own advance serves. Text extractors
 * build character boxes from /W: where the layout moved the next glyph well
 * away from the end of this one's advance (punctuation squeezed or shifted,
 * space added at punctuation by justification), the boxes would overlap or
 * leave a gap, and both come out as a space or a broken line. The variant's
 * width is the distance to the next glyph, so the boxes meet as the reader
 * sees them. A gap of 0.03 em between two runs is enough for pdftotext to
 * print a space (maxCharSpacing in poppler's TextLine::coalesce), so any
 * glyph set 0.025 em away from its advance gets a variant. */
long pdf_variant_width(pdf_ctx *c, const folio_line *l, size_t i) {
    const folio_glyph *g = &l->g[i];
    const folio_face_info *fi = fonts_face(c->f, g->face);
    if (!fi || l->size <= 0) return -1;
    int upem = fi->units_per_em > 0 ? fi->units_per_em : 1000;
    double natural = (double)pdf_glyph_advance(c, g->face, g->gid) * 1000.0 / upem;
    double dist = i + 1 < l->n ? l->g[i + 1].x - g->x : g->adv;
    double set = dist * 1000.0 / l->size;
    if (set <= 0 || set > 4000.0 || fabs(set - natural) < 25.0) return -1;
    return lround(set / 10.0) * 10;
}

void pdf_extract_free(pdf_ctx *c) {
    free(c->ext.columns);
    c->ext.columns = NULL;
}
