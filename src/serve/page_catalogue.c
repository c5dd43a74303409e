/* page_catalogue.c — the catalogue: every journal with its years (/), and
 * the editions of a journal, a year or both as covers (/editions). */
#include "serve_private.h"

#include <string.h>

enum { RECENT = 8, PER_PAGE = 24 };

static void begin_page(serve_reply *r, const char *title) {
    r->status = 200;
    r->type = "text/html; charset=utf-8";
    r->csp = 1;
    html_begin(&r->body, title, NULL);
}

/* One edition as a cover card linking to its page. */
static void card(folio_buf *b, const archive_entry *e) {
    buf_puts(b, "<a class=\"card\" href=\"");
    link_edition(b, e->id);
    buf_puts(b, "\"><img src=\"/");
    html_path(b, e->bag);
    buf_puts(b, "/folio-cover.png\" width=\"180\" height=\"254\" loading=\"lazy\" alt=\"《");
    html_text(b, e->journal);
    buf_puts(b, "》");
    html_text(b, e->issue);
    buf_puts(b, " 封面\"><h3>《");
    html_text(b, e->journal);
    buf_puts(b, "》");
    html_text(b, e->issue);
    buf_puts(b, "</h3><p class=\"facts\">");
    if (*e->date) {
        html_text(b, e->date);
        buf_puts(b, " · ");
    }
    buf_printf(b, "%d 页 · %zu 篇</p></a>\n", e->pages, e->narticles);
}

/* /editions?journal=J&year=Y (either may be absent). */
static void shelf_link(folio_buf *b, const char *journal, int year) {
    buf_puts(b, "/editions");
    char sep = '?';
    if (journal) {
        buf_puts(b, "?journal=");
        html_query_value(b, journal);
        sep = '&';
    }
    if (year) buf_printf(b, "%syear=%d", sep == '?' ? "?" : "&amp;", year);
}

static void year_label(folio_buf *b, int year) {
    if (year)
        buf_printf(b, "%d年", year);
    else
        buf_puts(b, "年份不详");
}

/* Each journal: its name, and a link for each of its years. */
static void journals(folio_buf *b, const archive_facets *f) {
    for (size_t i = 0; i < f->nshelves;) {
        const char *j = f->shelves[i].journal;
        size_t n = 0, k = i;
        for (; k < f->nshelves && !strcmp(f->shelves[k].journal, j); k++)
            n += f->shelves[k].editions;
        buf_puts(b, "<h2><a href=\"");
        shelf_link(b, j, 0);
        buf_puts(b, "\">《");
        html_text(b, j);
        buf_printf(b, "》</a> <small class=\"note\">%zu 期</small></h2>\n<p class=\"shelf\">", n);
        for (; i < k; i++) {
            buf_puts(b, "<a href=\"");
            shelf_link(b, j, f->shelves[i].year);
            buf_puts(b, "\">");
            year_label(b, f->shelves[i].year);
            buf_printf(b, "（%zu 期）</a>", f->shelves[i].editions);
        }
        buf_puts(b, "</p>\n");
    }
}

void page_home(const serve_ctx *c, serve_reply *r) {
    folio_diags d;
    diags_init(&d);
    archive_facets f;
    archive_listing l;
    archive_query q = {0};
    q.limit = RECENT;
    if (archive_read_facets(c->reader, &f, &d)) {
        reply_diags(r, &d, 0);
    } else {
        if (archive_read_list(c->reader, &q, &l, &d)) {
            reply_diags(r, &d, 0);
        } else {
            size_t nj = 0;
            for (size_t i = 0; i < f.nshelves; i++)
                nj += !i || strcmp(f.shelves[i].journal, f.shelves[i - 1].journal);
            begin_page(r, "馆藏");
            buf_printf(&r->body,
                       "<h1>馆藏</h1>\n<p class=\"note\">共 %zu 种期刊、%zu 期。按刊名和年份浏览，"
                       "或在上方检索文章的标题、作者和正文（简体、繁体均可）。</p>\n",
                       nj, l.total);
            if (!l.total) buf_puts(&r->body, "<p class=\"empty\">档案中还没有期刊。</p>\n");
            journals(&r->body, &f);
            if (l.n) buf_puts(&r->body, "<h2>最近出版</h2>\n<div class=\"cards\">\n");
            for (size_t i = 0; i < l.n; i++)
                card(&r->body, &l.items[i]);
            if (l.n) buf_puts(&r->body, "</div>\n");
            html_end(&r->body);
            archive_listing_free(&l);
        }
        archive_facets_free(&f);
    }
    diags_free(&d);
}

/* Links to the years of the journal (or of all of them) as chips. */
static void year_chips(folio_buf *b, const archive_facets *f, const char *journal, int year) {
    buf_puts(b, "<p class=\"shelf\">");
    buf_printf(b, "<a %shref=\"", year ? "" : "class=\"cur\" ");
    shelf_link(b, journal, 0);
    buf_puts(b, "\">所有年份</a>");
    int last = -1;
    for (size_t i = 0; i < f->nshelves; i++) {
        const archive_shelf *s = &f->shelves[i];
        if ((journal && strcmp(s->journal, journal)) || (!journal && s->year == last)) continue;
        buf_printf(b, "<a %shref=\"", s->year == year ? "class=\"cur\" " : "");
        shelf_link(b, journal, s->year);
        buf_puts(b, "\">");
        year_label(b, s->year);
        buf_puts(b, "</a>");
        last = s->year;
    }
    buf_puts(b, "</p>\n");
}

static void editions_title(folio_buf *b, const serve_filters *f) {
    if (f->journal) {
        buf_puts(b, "《");
        buf_puts(b, f->journal);
        buf_puts(b, "》");
    }
    if (f->year) buf_printf(b, "%d年", f->year);
    if (!f->journal && !f->year) buf_puts(b, "全部期刊");
}

static void editions_body(serve_reply *r, const serve_filters *f, const archive_facets *facets,
                          const archive_listing *l) {
    folio_buf title, base;
    buf_init(&title);
    buf_init(&base);
    editions_title(&title, f);
    begin_page(r, title.data);
    folio_buf *b = &r->body;
    buf_puts(b, "<p class=\"crumbs\"><a href=\"/\">馆藏</a> › ");
    html_text(b, title.data);
    buf_puts(b, "</p>\n<h1>");
    html_text(b, title.data);
    buf_printf(b, "</h1>\n<p class=\"note\">共 %zu 期，最新的在前。</p>\n", l->total);
    year_chips(b, facets, f->journal, f->year);
    if (!l->total) buf_puts(b, "<p class=\"empty\">没有符合条件的期刊。</p>\n");
    buf_puts(b, "<div class=\"cards\">\n");
    for (size_t i = 0; i < l->n; i++)
        card(b, &l->items[i]);
    buf_puts(b, "</div>\n");
    shelf_link(&base, f->journal, f->year);
    html_pages(b, base.data, f->page, l->total, PER_PAGE);
    html_end(b);
    buf_free(&title);
    buf_free(&base);
}

void page_editions(const serve_ctx *c, serve_reply *r) {
    serve_filters f;
    if (serve_page_filters(c, PER_PAGE, &f, r)) return;
    folio_diags d;
    diags_init(&d);
    archive_facets facets;
    archive_listing l;
    archive_query q = {0};
    q.journal = f.journal;
    q.year = f.year;
    q.limit = PER_PAGE;
    q.offset = f.offset;
    if (archive_read_facets(c->reader, &facets, &d)) {
        reply_diags(r, &d, 0);
    } else {
        if (archive_read_list(c->reader, &q, &l, &d)) {
            reply_diags(r, &d, 0);
        } else {
            editions_body(r, &f, &facets, &l);
            archive_listing_free(&l);
        }
        archive_facets_free(&facets);
    }
    diags_free(&d);
}
