/* issue_pdf.c — a PDF's text layer read into lines with poppler-glib: each
 * line's size, boldness, edges and foot from its characters, each page's
 * lines put in reading order (issue_order.c), then the body's size, the
 * columns' edges (indented and short lines), space between paragraphs, and
 * the bands above and below the body where running heads and folios stand. */
#include "issue_lines.h"
#include "util/dynload.h"
#include "util/utf8.h"

#include <glib.h>
#include <poppler.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* poppler-glib and the GLib functions it hands its results to, opened when a
 * PDF is read (util/dynload.h: GLib, cairo and NSS would otherwise load
 * with every command). */
// clang-format off
#define POPPLER_FUNCTIONS(X) \
    X(poppler_document_new_from_file) X(poppler_document_get_n_pages) \
    X(poppler_document_get_page) X(poppler_page_get_text) X(poppler_page_get_text_layout) \
    X(poppler_page_get_text_attributes) X(poppler_page_free_text_attributes) X(g_list_length) \
    X(g_filename_to_uri) X(g_object_unref) X(g_error_free) X(g_free) \
    X(poppler_document_new_from_bytes) X(g_bytes_new_with_free_func) X(g_bytes_unref)
// clang-format on
typedef struct {
    void *lib;
    POPPLER_FUNCTIONS(FOLIO_DYN_MEMBER)
} poppler_fns;

typedef struct {
    PopplerRectangle *rects;
    guint nrects;
    GList *attrs;                /* as poppler gives them, in text order */
    PopplerTextAttributes **run; /* the same as an array, for binary search */
    size_t nrun;
} page_geo;

/* Size and font of the character at offset k (characters) in the page text. */
static const PopplerTextAttributes *attr_at(const page_geo *g, int k) {
    size_t lo = 0, hi = g->nrun;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const PopplerTextAttributes *t = g->run[mid];
        if (k < t->start_index)
            hi = mid;
        else if (k > t->end_index)
            lo = mid + 1;
        else
            return t;
    }
    return NULL;
}

static int is_bold(const char *font) {
    return font && (strstr(font, "Bold") || strstr(font, "bold") || strstr(font, "Heavy") ||
                    strstr(font, "Black") || strstr(font, "Hei") || strstr(font, "Semibold"));
}

/* Fills a line's size, edges and boldness from its characters [k0, k1). */
static void line_geometry(issue_line *ln, const page_geo *g, int k0, int k1) {
    double size_sum = 0;
    int n = 0, bold = 0;
    ln->x0 = 1e9;
    ln->x1 = -1e9;
    for (int k = k0; k < k1; k++) {
        if ((guint)k < g->nrects) {
            const PopplerRectangle *r = &g->rects[k];
            if (r->x2 > r->x1) {
                if (r->x1 < ln->x0) ln->x0 = r->x1;
                if (r->x2 > ln->x1) ln->x1 = r->x2;
            }
            if (r->y2 > r->y1 && r->y2 > ln->y) ln->y = r->y2;
        }
        const PopplerTextAttributes *t = attr_at(g, k);
        if (t) {
            size_sum += t->font_size;
            bold += is_bold(t->font_name);
            n++;
        }
    }
    ln->size = n ? size_sum / n : 0;
    if (n && bold * 2 > n) ln->flags |= ISSUE_LINE_BOLD;
    if (n && bold == n) ln->flags |= ISSUE_LINE_ALL_BOLD;
    if (ln->x0 > ln->x1) ln->x0 = ln->x1 = 0;
}

/* Where a line of poppler's text is two: it changes size by a fifth (a
 * title with its author run on) or baseline: the character offset, or 0. */
static int size_break(const page_geo *g, int k0, int chars) {
    double prev = 0, prev_y = -1;
    for (int k = k0; k < k0 + chars; k++) {
        /* characters on another baseline: poppler ran two visual lines
         * together (a centred title and the author under it) */
        if ((guint)k < g->nrects && g->rects[k].y2 > g->rects[k].y1) {
            double y = g->rects[k].y2, h = g->rects[k].y2 - g->rects[k].y1;
            if (prev_y >= 0 && k > k0 && (y - prev_y > h * 0.6 || prev_y - y > h * 0.6))
                return k - k0;
            prev_y = y;
        }
        const PopplerTextAttributes *t = attr_at(g, k);
        if (!t) continue;
        double sz = t->font_size;
        if (prev > 0 && k - k0 >= 2 && k0 + chars - k >= 2 && (sz < prev * 0.8 || sz > prev * 1.25))
            return k - k0;
        prev = sz;
    }
    return 0;
}

static int add_line(issue_lines *out, const page_geo *g, const char *t, size_t tl, int k, int pno,
                    int *running, int *first) {
    while (tl && *t == ' ')
        t++, tl--, k++;
    while (tl && t[tl - 1] == ' ')
        tl--;
    if (!tl) return 0;
    int chars = (int)utf8_count(t, tl);
    int cut = size_break(g, k, chars);
    if (cut) {
        const char *mid = t + utf8_offset(t, tl, (size_t)cut);
        if (add_line(out, g, t, (size_t)(mid - t), k, pno, running, first)) return -1;
        return add_line(out, g, mid, tl - (size_t)(mid - t), k + cut, pno, running, first);
    }
    issue_line *ln = issue_lines_add(out, t, tl, ++*running);
    if (!ln) return -1;
    ln->page = pno;
    if (*first) ln->flags |= ISSUE_LINE_PAGE_START;
    *first = 0;
    line_geometry(ln, g, k, k + chars);
    return 0;
}

/* The page's lines: poppler's text split at line ends, trimmed. */
static int page_lines(const poppler_fns *pf, issue_lines *out, PopplerPage *page, int pno,
                      int *running) {
    char *text = pf->poppler_page_get_text(page);
    if (!text) return 0;
    page_geo g = {0};
    pf->poppler_page_get_text_layout(page, &g.rects, &g.nrects);
    g.attrs = pf->poppler_page_get_text_attributes(page);
    g.nrun = pf->g_list_length(g.attrs);
    g.run = g.nrun ? malloc(g.nrun * sizeof *g.run) : NULL;
    if (g.nrun && !g.run) g.nrun = 0; /* sizes unknown: the text still reads */
    size_t n = 0;
    for (GList *a = g.attrs; a && n < g.nrun; a = a->next)
        g.run[n++] = a->data;
    int r = 0, k = 0, first = 1;
    size_t from = out->n;
    for (char *s = text; *s && !r;) {
        char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        int chars = (int)utf8_count(s, len);
        r = add_line(out, &g, s, len, k, pno, running, &first);
        k += chars + 1; /* the line end counts as a character */
        s += len + (e ? 1 : 0);
    }
    if (!r && out->n > from) r = issue_lines_order_page(out, from);
    pf->g_free(g.rects);
    free(g.run);
    pf->poppler_page_free_text_attributes(g.attrs);
    pf->g_free(text);
    return r;
}

static int is_body_line(const issue_lines *l, const issue_line *o) {
    return o->x1 > o->x0 && o->size >= l->body_size * 0.9 && o->size <= l->body_size * 1.1;
}

/* The left edge of line i's column: the leftmost start of the page's body
 * lines starting less than 3 em left of it (columns stand further apart). */
static double column_left(const issue_lines *l, size_t p0, size_t i, double em) {
    const issue_line *ln = &l->v[i];
    double left = ln->x0;
    for (size_t j = p0; j < l->n && (j == p0 || !(l->v[j].flags & ISSUE_LINE_PAGE_START)); j++) {
        const issue_line *o = &l->v[j];
        if (is_body_line(l, o) && o->x0 < left && ln->x0 - o->x0 < em * 3) left = o->x0;
    }
    return left;
}

enum { EDGE_WINDOW = 12 }; /* lines before and after, in reading order */

/* Where two or more of the body lines next to line i (three each way, on
 * its page) that start where it starts end alike: the right edge of a block
 * set in on both sides (a quotation), or of the column. 0 when none do. */
static double block_right(const issue_lines *l, size_t p0, size_t i) {
    const issue_line *ln = &l->v[i];
    double ends[6], right = 0;
    size_t n = 0;
    for (size_t j = i > p0 + 3 ? i - 3 : p0; j < l->n && j <= i + 3; j++) {
        const issue_line *o = &l->v[j];
        if (j > i && (o->flags & ISSUE_LINE_PAGE_START)) break;
        if (j != i && is_body_line(l, o) && fabs(o->x0 - ln->x0) < 1) ends[n++] = o->x1;
    }
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            if (fabs(ends[a] - ends[b]) < 1 && ends[a] > right) right = ends[a];
    return right;
}

/* The right edge of line i's column: that of its block (block_right), else
 * where most of the body lines around it (in reading order, on its page,
 * overlapping it) end, as justified lines do; of ends equally common the
 * rightmost. Never left of the line's own. */
static double column_right(const issue_lines *l, size_t p0, size_t i) {
    const issue_line *ln = &l->v[i];
    double block = block_right(l, p0, i);
    if (block > 0) return block > ln->x1 ? block : ln->x1;
    double ends[2 * EDGE_WINDOW + 1];
    size_t n = 0;
    for (size_t j = i > p0 + EDGE_WINDOW ? i - EDGE_WINDOW : p0; j < l->n && j <= i + EDGE_WINDOW;
         j++) {
        const issue_line *o = &l->v[j];
        if (j > i && (o->flags & ISSUE_LINE_PAGE_START)) break;
        if (is_body_line(l, o) && o->x0 < ln->x1 && o->x1 > ln->x0) ends[n++] = o->x1;
    }
    double right = ln->x1;
    int best = 0;
    for (size_t a = 0; a < n; a++) {
        int k = 0;
        for (size_t b = 0; b < n; b++)
            k += ends[b] - ends[a] < 1 && ends[a] - ends[b] < 1;
        if (k > best || (k == best && ends[a] > right)) best = k, right = ends[a];
    }
    return right > ln->x1 ? right : ln->x1;
}

/* A line starting an em or more right of its column's left edge is
 * indented; one ending an em or more short of its right edge is short: both
 * mark paragraphs. */
static void edges(issue_lines *l) {
    double em = l->body_size > 0 ? l->body_size : 10;
    for (size_t i = 0, p0 = 0; i < l->n; i++) {
        if (l->v[i].flags & ISSUE_LINE_PAGE_START) p0 = i;
        issue_line *ln = &l->v[i];
        if (!is_body_line(l, ln)) continue;
        double left = column_left(l, p0, i, em), right = column_right(l, p0, i);
        /* a block set in (a quote) is indented as a whole: only a line
         * starting right of the body line before it opens a paragraph, or
         * one after a line that stopped short */
        const issue_line *pv = i > p0 ? &l->v[i - 1] : NULL;
        int same = pv && is_body_line(l, pv) && !(pv->flags & ISSUE_LINE_SHORT) &&
                   (pv->flags & ISSUE_LINE_BOLD) == (ln->flags & ISSUE_LINE_BOLD) &&
                   pv->x0 - ln->x0 < em * 0.5 && ln->x0 - pv->x0 < em * 0.5;
        if (ln->x0 - left > em * 0.8 && !same) ln->flags |= ISSUE_LINE_INDENTED;
        if (right - ln->x1 > em * 0.9) ln->flags |= ISSUE_LINE_SHORT;
    }
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Whether pv and ln, one after the other, stand one above the other in a
 * column (they overlap across; ln lower): their distance, else 0. */
static double below(const issue_lines *l, const issue_line *pv, const issue_line *ln) {
    if (!is_body_line(l, pv) || !is_body_line(l, ln) || pv->x0 >= ln->x1 || ln->x0 >= pv->x1)
        return 0;
    double d = ln->y - pv->y;
    return d > 0 && d < l->body_size * 4 ? d : 0;
}

/* The body's line pitch: the commonest distance between a body line and the
 * next below it in its column (within 0.5 pt); 0 when there are none. */
static double usual_pitch(const issue_lines *l) {
    double *d = malloc((l->n ? l->n : 1) * sizeof *d), best = 0;
    size_t n = 0, most = 0;
    if (!d) return 0;
    for (size_t i = 1; i < l->n; i++) {
        double gap = l->v[i].flags & ISSUE_LINE_PAGE_START ? 0 : below(l, &l->v[i - 1], &l->v[i]);
        if (gap > 0) d[n++] = gap;
    }
    qsort(d, n, sizeof *d, cmp_double);
    for (size_t a = 0, b = 0; a < n; a++) {
        while (d[a] - d[b] > 0.5)
            b++;
        if (a - b + 1 > most) most = a - b + 1, best = d[a];
    }
    free(d);
    return best;
}

/* A body line a third of a pitch or more further below the body line before
 * it than the body's pitch — but less than three pitches, which would be a
 * picture between — follows space set between paragraphs (a typesetter's
 * paragraph spacing, where first lines are not indented). */
static void gaps(issue_lines *l) {
    double pitch = usual_pitch(l);
    for (size_t i = 1; pitch > 0 && i < l->n; i++) {
        issue_line *ln = &l->v[i];
        double d = ln->flags & ISSUE_LINE_PAGE_START ? 0 : below(l, &l->v[i - 1], ln);
        if (d > pitch * 1.3 && d < pitch * 3) ln->flags |= ISSUE_LINE_GAP_BEFORE;
    }
}

/* Body size: the commonest size; columns' left edges: where most lines start.
 * An indented line starts a paragraph; the first and last lines of a page set
 * apart in size are its bands. */
static void classify(issue_lines *l) {
    double sizes[64] = {0};
    int counts[64] = {0}, ns = 0;
    for (size_t i = 0; i < l->n; i++) {
        double s = l->v[i].size;
        int j = 0;
        while (j < ns && (sizes[j] - s > 0.25 || s - sizes[j] > 0.25))
            j++;
        if (j == ns && ns < 64) sizes[ns++] = s;
        if (j < 64) counts[j] += (int)utf8_count(l->v[i].text, strlen(l->v[i].text));
    }
    int best = 0;
    for (int j = 1; j < ns; j++)
        if (counts[j] > counts[best]) best = j;
    l->body_size = ns ? sizes[best] : 0;
    edges(l);
    gaps(l);
    for (size_t i = 0; i < l->n; i++) {
        issue_line *ln = &l->v[i];
        if ((ln->flags & ISSUE_LINE_PAGE_START) && ln->size < l->body_size * 0.95)
            ln->flags |= ISSUE_LINE_HEAD_BAND;
        int last = i + 1 == l->n || (l->v[i + 1].flags & ISSUE_LINE_PAGE_START);
        if (last && ln->size < l->body_size * 0.95) ln->flags |= ISSUE_LINE_FOOT_BAND;
    }
}

/* A PDF larger than this is read from its file as it is. */
#define INTENT_COPY_MAX ((long)256 << 20)

/* Renames each key /OutputIntents followed by an array or a reference in
 * buf[0..len) to /OutputIntentX, of the same length. Returns how many. */
static size_t rename_output_intents(char *buf, size_t len) {
    static const char key[] = "/OutputIntents";
    const size_t k = sizeof key - 1;
    size_t n = 0;
    for (char *p = buf;
         (p = memchr(p, '/', len - (size_t)(p - buf))) && len - (size_t)(p - buf) > k; p++) {
        if (memcmp(p, key, k)) continue;
        const char *q = p + k, *end = buf + len;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
            q++;
        if (q < end && (*q == '[' || (*q >= '0' && *q <= '9'))) p[k - 1] = 'X', n++;
    }
    return n;
}

/* The PDF at path (uri) opened. Only its text is read, but poppler sets up
 * colour management for a document's output intent on every page it reads:
 * lcms2 inverting the profile's tone curves, 20 ms a page, most of reading a
 * PDF/A or PDF/X. A file naming its output intent in plain sight (not
 * inside a compressed object stream) is read from a copy in memory with the
 * key renamed to one poppler does not know: same length, so every offset of
 * the file holds. */
static PopplerDocument *open_document(const poppler_fns *pf, const char *path, const char *uri,
                                      GError **err) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size > 0 && size <= INTENT_COPY_MAX && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size)) && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    if (f) fclose(f);
    if (buf && rename_output_intents(buf, (size_t)size)) {
        GBytes *bytes = pf->g_bytes_new_with_free_func(buf, (gsize)size, free, buf);
        PopplerDocument *doc = pf->poppler_document_new_from_bytes(bytes, NULL, err);
        pf->g_bytes_unref(bytes);
        return doc;
    }
    free(buf);
    return pf->poppler_document_new_from_file(uri, NULL, err);
}

/* The document at path into out with the functions of pf. */
static int read_pdf(const poppler_fns *pf, const char *path, issue_lines *out, folio_diags *d) {
    GError *err = NULL;
    char *abs = realpath(path, NULL);
    char *uri = abs ? pf->g_filename_to_uri(abs, NULL, &err) : NULL;
    free(abs);
    if (!uri) {
        diag_error(d, path, 0, "cannot open: %s", err ? err->message : "no such file");
        if (err) pf->g_error_free(err);
        return -1;
    }
    PopplerDocument *doc = open_document(pf, path, uri, &err);
    pf->g_free(uri);
    if (!doc) {
        int enc = err && err->code == POPPLER_ERROR_ENCRYPTED;
        diag_error(d, path, 0,
                   enc ? "the PDF is encrypted: remove its password first"
                       : "not a readable PDF (%s)",
                   err ? err->message : "damaged");
        if (err) pf->g_error_free(err);
        return -1;
    }
    int pages = pf->poppler_document_get_n_pages(doc), running = 0, r = 0;
    out->from_pdf = 1;
    out->pages = pages;
    for (int p = 0; p < pages && !r; p++) {
        PopplerPage *page = pf->poppler_document_get_page(doc, p);
        if (page) r = page_lines(pf, out, page, p + 1, &running);
        if (page) pf->g_object_unref(page);
    }
    pf->g_object_unref(doc);
    if (r) return diag_error(d, path, 0, "out of memory");
    if (!out->n)
        return diag_error(d, path, 0,
                          pages ? "the PDF has no text layer (%d page%s of pictures, a scan?): "
                                  "run OCR on it first"
                                : "the PDF has no pages",
                          pages, pages == 1 ? "" : "s");
    classify(out);
    return 0;
}

int issue_lines_read_pdf(const char *path, issue_lines *out, folio_diags *d) {
    static const char *const names[] = {POPPLER_FUNCTIONS(FOLIO_DYN_NAME)};
    poppler_fns fns, *dyn_table = &fns;
    void *const slots[] = {POPPLER_FUNCTIONS(FOLIO_DYN_SLOT)};
    fns.lib = folio_dynopen(FOLIO_SONAME_POPPLER, "reading a PDF", "libpoppler-glib8", names, slots,
                            sizeof names / sizeof *names, d);
    if (!fns.lib) return -1;
    int r = read_pdf(&fns, path, out, d);
    folio_dynclose(fns.lib);
    return r;
}
