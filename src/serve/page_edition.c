/* page_edition.c — an edition (cover, facts, downloads, contents) and one of
 * its articles (text, pages, the PDF opened at its page, its neighbours). */
#include "serve_private.h"

#include <stdlib.h>
#include <string.h>

static void begin_page(serve_reply *r, const char *title, const char *q) {
    r->status = 200;
    r->type = "text/html; charset=utf-8";
    r->csp = 1;
    html_begin(&r->body, title, q);
}

/* 《journal》issue */
static void edition_name(folio_buf *b, const archive_record *e) {
    buf_puts(b, "《");
    html_text(b, e->journal);
    buf_puts(b, "》");
    html_text(b, e->issue);
}

static void crumbs(folio_buf *b, const archive_edition *e, int link_edition_too) {
    buf_puts(b, "<p class=\"crumbs\"><a href=\"/\">馆藏</a> › <a href=\"/editions?journal=");
    html_query_value(b, e->rec.journal);
    buf_puts(b, "\">《");
    html_text(b, e->rec.journal);
    buf_puts(b, "》</a> › ");
    if (link_edition_too) {
        buf_puts(b, "<a href=\"");
        link_edition(b, e->id);
        buf_puts(b, "\">");
    }
    html_text(b, e->rec.issue);
    if (link_edition_too) buf_puts(b, "</a>");
    buf_puts(b, "</p>\n");
}

static void pages_label(folio_buf *b, const archive_article *a) {
    if (a->first_page && a->last_page > a->first_page)
        buf_printf(b, "第%d–%d页", a->first_page, a->last_page);
    else if (a->first_page)
        buf_printf(b, "第%d页", a->first_page);
}

/* A download button with the file's size. */
static void download(const serve_ctx *c, folio_buf *b, const archive_edition *e, const char *file,
                     const char *label, int main_) {
    if (!file || !*file) return;
    long long size = serve_file_size(c, e->bag, file);
    buf_printf(b, "<a class=\"btn%s\" href=\"", main_ ? " main" : "");
    link_file(b, e->bag, file, 0);
    buf_printf(b, "\"%s>%s", strstr(file, ".epub") ? " download" : "", label);
    if (size >= 0) buf_printf(b, "（%.1f MB）", (double)size / (1024.0 * 1024.0));
    buf_puts(b, "</a>");
}

static void facts(folio_buf *b, const archive_edition *e) {
    const archive_record *r = &e->rec;
    buf_puts(b, "<dl>");
    if (*r->date) {
        buf_puts(b, "<dt>出版日期</dt><dd>");
        html_text(b, r->date);
        buf_puts(b, "</dd>");
    }
    buf_printf(b, "<dt>篇幅</dt><dd>%d 页，%zu 篇</dd>", r->pages, r->narticles);
    if (*r->publisher) {
        buf_puts(b, "<dt>出版单位</dt><dd>");
        html_text(b, r->publisher);
        buf_puts(b, "</dd>");
    }
    if (*r->identifier) {
        buf_puts(b, "<dt>刊号</dt><dd>");
        html_text(b, r->identifier);
        buf_puts(b, "</dd>");
    }
    if (*e->bagging_date) {
        buf_puts(b, "<dt>入档日期</dt><dd>");
        html_text(b, e->bagging_date);
        buf_puts(b, "</dd>");
    }
    buf_puts(b, "</dl>\n");
}

/* The contents by section; each title opens the article's page. */
static void contents(folio_buf *b, const archive_edition *e) {
    const archive_record *r = &e->rec;
    buf_puts(b, "<h2>目录</h2>\n<div class=\"toc\">\n");
    for (size_t i = 0; i < r->narticles; i++) {
        const archive_article *a = &r->articles[i];
        int new_section = !i || strcmp(a->section, r->articles[i - 1].section);
        if (new_section) {
            if (i) buf_puts(b, "</ol>\n");
            if (*a->section) {
                buf_puts(b, "<h3>");
                html_text(b, a->section);
                buf_puts(b, "</h3>");
            }
            buf_puts(b, "<ol>\n");
        }
        buf_puts(b, "<li><span class=\"t\"><a href=\"");
        link_article(b, e->id, i + 1);
        buf_puts(b, "\">");
        html_text(b, a->title);
        buf_puts(b, "</a>");
        if (*a->authors) {
            buf_puts(b, " <span class=\"by\">");
            html_text(b, a->authors);
            buf_puts(b, "</span>");
        }
        buf_puts(b, "</span><span class=\"p\">");
        pages_label(b, a);
        buf_puts(b, "</span></li>\n");
    }
    if (r->narticles) buf_puts(b, "</ol>\n");
    buf_puts(b, "</div>\n");
}

static void edition_body(const serve_ctx *c, serve_reply *r, const archive_edition *e) {
    folio_buf title;
    buf_init(&title);
    buf_printf(&title, "《%s》%s", e->rec.journal, e->rec.issue);
    begin_page(r, title.data, NULL);
    folio_buf *b = &r->body;
    crumbs(b, e, 0);
    buf_puts(b, "<section class=\"edition\"><img class=\"cover\" src=\"/");
    html_path(b, e->bag);
    buf_puts(b, "/folio-cover.png\" width=\"180\" height=\"254\" alt=\"");
    edition_name(b, &e->rec);
    buf_puts(b, " 封面\">\n<div class=\"meta\"><h1>");
    edition_name(b, &e->rec);
    buf_puts(b, "</h1>\n");
    facts(b, e);
    buf_puts(b, "<p>");
    download(c, b, e, e->rec.pdf, "PDF", 1);
    download(c, b, e, e->rec.epub, "EPUB", 0);
    buf_puts(b, "<a class=\"btn\" href=\"/");
    html_path(b, e->bag);
    buf_puts(b, "/bag-info.txt\">档案包信息</a></p></div></section>\n");
    contents(b, e);
    html_end(b);
    buf_free(&title);
}

/* Looks the edition up; on failure the reply says why. 0 found. */
static int lookup(const serve_ctx *c, const char *id, size_t n, archive_edition *e,
                  serve_reply *r) {
    folio_diags d;
    diags_init(&d);
    int rc = archive_read_edition(c->reader, id, n, e, &d);
    if (rc < 0) reply_diags(r, &d, 0);
    if (rc > 0) reply_error_page(r, 404, n ? "这一期没有这篇文章。" : "档案中没有这一期。");
    diags_free(&d);
    return rc;
}

void page_edition(const serve_ctx *c, const char *id, serve_reply *r) {
    archive_edition e;
    if (lookup(c, id, 0, &e, r)) return;
    edition_body(c, r, &e);
    archive_edition_free(&e);
}

/* The text, a paragraph a line; marks that run over a line end are closed
 * and opened again, so that the tags nest. */
static void paragraphs(folio_buf *b, const char *text) {
    int open = 0;
    buf_puts(b, "<div class=\"text\">\n");
    while (*text) {
        size_t n = strcspn(text, "\n");
        buf_puts(b, open ? "<p><mark>" : "<p>");
        for (size_t i = 0; i < n;) {
            size_t k = strcspn(text + i, SERVE_MARK_OPEN SERVE_MARK_CLOSE "\n");
            buf_put_xml(b, text + i, k, NULL, NULL);
            i += k;
            if (i < n) {
                open = text[i] == SERVE_MARK_OPEN[0];
                buf_puts(b, open ? "<mark>" : "</mark>");
                i++;
            }
        }
        buf_puts(b, open ? "</mark></p>\n" : "</p>\n");
        text += n + (text[n] == '\n');
    }
    buf_puts(b, "</div>\n");
}

static void neighbour(folio_buf *b, const archive_edition *e, size_t n, const char *cls,
                      const char *label) {
    const archive_article *a = &e->rec.articles[n - 1];
    buf_printf(b, "<a class=\"%s\" href=\"", cls);
    link_article(b, e->id, n);
    buf_printf(b, "\">%s", label);
    html_text(b, a->title);
    buf_puts(b, "</a>");
}

static void article_head(folio_buf *b, const archive_edition *e, const archive_article *a) {
    buf_puts(b, "<h1>");
    html_text(b, a->title);
    buf_puts(b, "</h1>\n<p class=\"facts\">");
    if (*a->authors) {
        html_text(b, a->authors);
        buf_puts(b, " · ");
    }
    if (*a->section) {
        html_text(b, a->section);
        buf_puts(b, " · ");
    }
    edition_name(b, &e->rec);
    if (*e->rec.date) {
        buf_puts(b, " · ");
        html_text(b, e->rec.date);
    }
    if (a->first_page) buf_puts(b, " · ");
    pages_label(b, a);
    buf_puts(b, "</p>\n<p>");
    if (*e->rec.pdf) {
        buf_puts(b, "<a class=\"btn main\" href=\"");
        link_file(b, e->bag, e->rec.pdf, a->pdf_page);
        if (a->first_page)
            buf_printf(b, "\">在 PDF 中打开（第%d页）</a>", a->first_page);
        else
            buf_puts(b, "\">在 PDF 中打开</a>");
    }
    buf_puts(b, "<a class=\"btn\" href=\"");
    link_edition(b, e->id);
    buf_puts(b, "\">本期目录</a></p>\n");
}

void page_article(const serve_ctx *c, const char *id, size_t n, serve_reply *r) {
    archive_edition e;
    if (lookup(c, id, n, &e, r)) return;
    const archive_article *a = &e.rec.articles[n - 1];
    const char *q = serve_arg_get(c->t, "q");
    char *marked = q && *q && strlen(q) <= 1000
                       ? archive_read_mark(c->reader, q, e.text, SERVE_MARK_OPEN, SERVE_MARK_CLOSE)
                       : NULL;
    folio_buf title;
    buf_init(&title);
    buf_printf(&title, "%s · 《%s》%s", a->title, e.rec.journal, e.rec.issue);
    begin_page(r, title.data, q);
    folio_buf *b = &r->body;
    crumbs(b, &e, 1);
    article_head(b, &e, a);
    paragraphs(b, marked ? marked : e.text);
    buf_puts(b, "<nav class=\"near\" aria-label=\"上下篇\">");
    if (n > 1) neighbour(b, &e, n - 1, "prev", "‹ 上一篇：");
    if (n < e.rec.narticles) neighbour(b, &e, n + 1, "next", "下一篇：");
    buf_puts(b, "</nav>\n");
    html_end(b);
    buf_free(&title);
    free(marked);
    archive_edition_free(&e);
}
