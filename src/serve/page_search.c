/* page_search.c — /search: the form with its filters (journal, year,
 * section), the hit count, ranked hits with their matches marked, pages. */
#include "serve_private.h"

#include <stdlib.h>
#include <string.h>

enum { PER_PAGE = 10 };

static void option(folio_buf *b, const char *value, const char *label, int selected) {
    buf_puts(b, "<option value=\"");
    html_text(b, value);
    buf_printf(b, "\"%s>", selected ? " selected" : "");
    html_text(b, label);
    buf_puts(b, "</option>");
}

static int cmp_year_desc(const void *a, const void *b) {
    return *(const int *)b - *(const int *)a;
}

/* The years of the shelves, distinct, newest first (malloc'd). */
static int *years_of(const archive_facets *f, size_t *n) {
    int *y = malloc((f->nshelves + 1) * sizeof *y);
    *n = 0;
    if (!y) return NULL;
    for (size_t i = 0; i < f->nshelves; i++)
        if (f->shelves[i].year > 0) y[(*n)++] = f->shelves[i].year;
    qsort(y, *n, sizeof *y, cmp_year_desc);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (!k || y[k - 1] != y[i]) y[k++] = y[i];
    *n = k;
    return y;
}

static void form(folio_buf *b, const serve_filters *f, const archive_facets *facets) {
    buf_puts(b, "<form class=\"filters\" action=\"/search\" method=\"get\">"
                "<label>检索词 <input type=\"search\" name=\"q\" value=\"");
    html_text(b, f->q);
    buf_puts(b, "\"></label><label>期刊 <select name=\"journal\">");
    option(b, "", "全部期刊", !f->journal);
    for (size_t i = 0; i < facets->nshelves; i++) {
        const char *j = facets->shelves[i].journal;
        if (i && !strcmp(j, facets->shelves[i - 1].journal)) continue;
        option(b, j, j, f->journal && !strcmp(f->journal, j));
    }
    buf_puts(b, "</select></label><label>年份 <select name=\"year\">");
    option(b, "", "全部年份", !f->year);
    size_t ny = 0;
    int *years = years_of(facets, &ny);
    for (size_t i = 0; years && i < ny; i++) {
        char v[16];
        snprintf(v, sizeof v, "%d", years[i]);
        option(b, v, v, years[i] == f->year);
    }
    free(years);
    buf_puts(b, "</select></label><label>栏目 <select name=\"section\">");
    option(b, "", "全部栏目", !f->section);
    for (size_t i = 0; i < facets->nsections; i++)
        option(b, facets->sections[i], facets->sections[i],
               f->section && !strcmp(f->section, facets->sections[i]));
    buf_puts(b, "</select></label><button type=\"submit\">检索</button></form>\n");
}

static void hit_html(folio_buf *b, const archive_hit *h, const char *q) {
    buf_puts(b, "<article class=\"hit\"><h3><a href=\"");
    link_article(b, h->edition, h->article);
    buf_puts(b, "?q=");
    html_query_value(b, q);
    buf_puts(b, "\">");
    html_marked(b, h->title_marked);
    buf_puts(b, "</a></h3>\n<p class=\"facts\"><a href=\"");
    link_edition(b, h->edition);
    buf_puts(b, "\">《");
    html_text(b, h->journal);
    buf_puts(b, "》");
    html_text(b, h->issue);
    buf_puts(b, "</a>");
    const char *more[] = {h->date, h->section, h->authors};
    for (size_t i = 0; i < 3; i++)
        if (*more[i]) {
            buf_puts(b, " · ");
            html_text(b, more[i]);
        }
    if (h->page) buf_printf(b, " · 第%d页", h->page);
    buf_puts(b, "</p>\n<p class=\"snip\">");
    html_marked(b, h->snippet);
    buf_puts(b, "</p>\n");
    if (*h->pdf) {
        buf_puts(b, "<p class=\"facts\"><a href=\"");
        link_file(b, h->bag, h->pdf, h->pdf_page);
        buf_puts(b, h->page ? "\">在 PDF 中打开" : "\">打开 PDF");
        if (h->page) buf_printf(b, "（第%d页）", h->page);
        buf_puts(b, "</a></p>");
    }
    buf_puts(b, "</article>\n");
}

/* /search?q=..&journal=..&year=..&section=.. for the page links. */
static void base_url(folio_buf *b, const serve_filters *f) {
    buf_puts(b, "/search?q=");
    html_query_value(b, f->q);
    if (f->journal) {
        buf_puts(b, "&amp;journal=");
        html_query_value(b, f->journal);
    }
    if (f->year) buf_printf(b, "&amp;year=%d", f->year);
    if (f->section) {
        buf_puts(b, "&amp;section=");
        html_query_value(b, f->section);
    }
}

static void results(const serve_ctx *c, folio_buf *b, const serve_filters *f) {
    archive_query q = {0};
    q.text = f->q;
    q.journal = f->journal;
    q.year = f->year;
    q.section = f->section;
    q.offset = f->offset;
    q.limit = PER_PAGE;
    q.mark_open = SERVE_MARK_OPEN;
    q.mark_close = SERVE_MARK_CLOSE;
    q.snippet_chars = 90;
    archive_hits h;
    folio_diags d;
    diags_init(&d);
    if (archive_read_search(c->reader, &q, &h, &d)) {
        /* a query of punctuation only is the reader's mistake, not the server's */
        buf_puts(b, "<p class=\"note\">无法检索：");
        html_text(b, d.n ? d.items[0].msg : "");
        buf_puts(b, "</p>\n");
        diags_free(&d);
        return;
    }
    if (!h.total) {
        buf_puts(b, "<p class=\"count\">没有找到包含“");
        html_text(b, f->q);
        buf_puts(b, "”的文章。可以换个词，或去掉筛选条件。</p>\n");
    } else {
        buf_printf(b, "<p class=\"count\">共找到 <strong>%zu</strong> 篇文章", h.total);
        if (h.total > PER_PAGE)
            buf_printf(b, "，这是第 %zu–%zu 篇", f->offset + 1, f->offset + h.n);
        buf_puts(b, "，按相关程度排列。</p>\n");
    }
    for (size_t i = 0; i < h.n; i++)
        hit_html(b, &h.items[i], f->q);
    folio_buf base;
    buf_init(&base);
    base_url(&base, f);
    html_pages(b, base.data ? base.data : "/search", f->page, h.total, PER_PAGE);
    buf_free(&base);
    archive_hits_free(&h);
    diags_free(&d);
}

void page_search(const serve_ctx *c, serve_reply *r) {
    serve_filters f;
    if (serve_page_filters(c, PER_PAGE, &f, r)) return;
    folio_diags d;
    diags_init(&d);
    archive_facets facets;
    if (archive_read_facets(c->reader, &facets, &d)) {
        reply_diags(r, &d, 0);
        diags_free(&d);
        return;
    }
    int asked = f.q && *f.q;
    folio_buf title;
    buf_init(&title);
    if (asked)
        buf_printf(&title, "检索：%s", f.q);
    else
        buf_puts(&title, "检索");
    r->status = 200;
    r->type = "text/html; charset=utf-8";
    r->csp = 1;
    html_begin(&r->body, title.data, f.q);
    buf_puts(&r->body,
             "<p class=\"crumbs\"><a href=\"/\">馆藏</a> › 检索</p>\n<h1>检索文章</h1>\n");
    form(&r->body, &f, &facets);
    if (asked)
        results(c, &r->body, &f);
    else
        buf_puts(&r->body, "<p class=\"note\">在标题、作者和正文中检索。简体、繁体都能找到"
                           "（输入“黨建”也能找到“党建”）；几个词用空格隔开时，文章须同时包含它们；"
                           "加引号的词语（\"…\" 或 “…”）按短语检索。</p>\n");
    html_end(&r->body);
    buf_free(&title);
    archive_facets_free(&facets);
    diags_free(&d);
}
