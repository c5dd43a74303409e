/* api.c — the JSON API for other systems (documented in the README):
 *   /api/search?q=&journal=&year=&section=&limit=&offset=
 *   /api/editions?journal=&year=&limit=&offset=
 *   /api/editions/{id}               one edition and its contents
 *   /api/editions/{id}/articles/{n}  one article with its text
 * URLs in answers are paths on this server. */
#include "serve_private.h"

#include <string.h>

static void begin_json(serve_reply *r) {
    r->status = 200;
    r->type = "application/json; charset=utf-8";
}

/* "key": "value" with a comma before unless first. */
static void str(folio_buf *b, const char *key, const char *value, int first) {
    buf_printf(b, "%s\"%s\": ", first ? "" : ", ", key);
    buf_put_json_str(b, value ? value : "");
}

static void num(folio_buf *b, const char *key, long long v) {
    buf_printf(b, ", \"%s\": %lld", key, v);
}

/* A URL made by a link_* function, as a JSON string. */
typedef struct url {
    folio_buf b;
} url;

static void put_url(folio_buf *b, const char *key, url *u) {
    str(b, key, u->b.data, 0);
    buf_free(&u->b);
}

static void edition_urls(folio_buf *b, const char *id, const char *bag, const char *pdf,
                         const char *epub) {
    url u;
    buf_init(&u.b);
    link_edition(&u.b, id);
    put_url(b, "url", &u);
    buf_puts(&u.b, "/api");
    link_edition(&u.b, id);
    put_url(b, "api_url", &u);
    buf_putc(&u.b, '/');
    html_path(&u.b, bag);
    buf_puts(&u.b, "/folio-cover.png");
    put_url(b, "cover_url", &u);
    if (pdf && *pdf) {
        link_file(&u.b, bag, pdf, 0);
        put_url(b, "pdf_url", &u);
    }
    if (epub && *epub) {
        link_file(&u.b, bag, epub, 0);
        put_url(b, "epub_url", &u);
    }
}

static void hit_json(folio_buf *b, const archive_hit *h) {
    buf_puts(b, "{");
    str(b, "journal", h->journal, 1);
    str(b, "issue", h->issue, 0);
    str(b, "date", h->date, 0);
    num(b, "year", h->year);
    num(b, "number", h->number);
    str(b, "title", h->title, 0);
    str(b, "authors", h->authors, 0);
    str(b, "section", h->section, 0);
    num(b, "page", h->page);
    num(b, "pdf_page", h->pdf_page);
    /* the snippet as HTML: text escaped, matches in <mark> */
    folio_buf s;
    buf_init(&s);
    html_marked(&s, h->snippet);
    str(b, "snippet", s.data, 0);
    buf_free(&s);
    buf_printf(b, ", \"score\": %.4f", h->score);
    str(b, "edition", h->edition, 0);
    num(b, "article", (long long)h->article);
    url u;
    buf_init(&u.b);
    link_article(&u.b, h->edition, h->article);
    put_url(b, "url", &u);
    buf_puts(&u.b, "/api");
    link_article(&u.b, h->edition, h->article);
    put_url(b, "api_url", &u);
    link_edition(&u.b, h->edition);
    put_url(b, "edition_url", &u);
    if (*h->pdf) {
        link_file(&u.b, h->bag, h->pdf, h->pdf_page);
        put_url(b, "pdf_url", &u);
    }
    buf_puts(b, "}");
}

void api_search(const serve_ctx *c, serve_reply *r) {
    serve_filters f;
    const char *why = NULL;
    if (serve_filters_get(c->t, 20, &f, &why)) {
        reply_error_json(r, 400, why);
        return;
    }
    if (!f.q || !*f.q) {
        reply_error_json(r, 400, "q (the words to search for) is required");
        return;
    }
    archive_query q = {0};
    q.text = f.q;
    q.journal = f.journal;
    q.year = f.year;
    q.section = f.section;
    q.offset = f.offset;
    q.limit = f.limit;
    q.mark_open = SERVE_MARK_OPEN;
    q.mark_close = SERVE_MARK_CLOSE;
    archive_hits h;
    folio_diags d;
    diags_init(&d);
    if (archive_read_search(c->reader, &q, &h, &d)) {
        /* no word to search for is the caller's mistake; the rest is ours */
        if (d.n && strstr(d.items[0].msg, "no word to search for"))
            reply_error_json(r, 400, d.items[0].msg);
        else
            reply_diags(r, &d, 1);
        diags_free(&d);
        return;
    }
    begin_json(r);
    folio_buf *b = &r->body;
    buf_puts(b, "{");
    str(b, "query", f.q, 1);
    buf_printf(b, ", \"total\": %zu, \"offset\": %zu, \"limit\": %zu, \"hits\": [", h.total,
               f.offset, f.limit);
    for (size_t i = 0; i < h.n; i++) {
        buf_puts(b, i ? ",\n  " : "\n  ");
        hit_json(b, &h.items[i]);
    }
    buf_puts(b, "]}\n");
    archive_hits_free(&h);
    diags_free(&d);
}

static void entry_json(folio_buf *b, const archive_entry *e) {
    buf_puts(b, "{");
    str(b, "id", e->id, 1);
    str(b, "journal", e->journal, 0);
    str(b, "issue", e->issue, 0);
    str(b, "date", e->date, 0);
    num(b, "year", e->year);
    num(b, "number", e->number);
    num(b, "pages", e->pages);
    num(b, "articles", (long long)e->narticles);
    edition_urls(b, e->id, e->bag, NULL, NULL);
    buf_puts(b, "}");
}

void api_editions(const serve_ctx *c, serve_reply *r) {
    serve_filters f;
    const char *why = NULL;
    if (serve_filters_get(c->t, 20, &f, &why)) {
        reply_error_json(r, 400, why);
        return;
    }
    archive_query q = {0};
    q.journal = f.journal;
    q.year = f.year;
    q.offset = f.offset;
    q.limit = f.limit;
    archive_listing l;
    folio_diags d;
    diags_init(&d);
    if (archive_read_list(c->reader, &q, &l, &d)) {
        reply_diags(r, &d, 1);
        diags_free(&d);
        return;
    }
    begin_json(r);
    folio_buf *b = &r->body;
    buf_printf(b, "{\"total\": %zu, \"offset\": %zu, \"limit\": %zu, \"editions\": [", l.total,
               f.offset, f.limit);
    for (size_t i = 0; i < l.n; i++) {
        buf_puts(b, i ? ",\n  " : "\n  ");
        entry_json(b, &l.items[i]);
    }
    buf_puts(b, "]}\n");
    archive_listing_free(&l);
    diags_free(&d);
}

static void article_json(folio_buf *b, const archive_edition *e, size_t n) {
    const archive_article *a = &e->rec.articles[n - 1];
    buf_printf(b, "{\"n\": %zu", n);
    str(b, "title", a->title, 0);
    str(b, "authors", a->authors, 0);
    str(b, "section", a->section, 0);
    str(b, "kind", a->kind, 0);
    num(b, "page", a->first_page);
    num(b, "last_page", a->last_page);
    num(b, "pdf_page", a->pdf_page);
    url u;
    buf_init(&u.b);
    link_article(&u.b, e->id, n);
    put_url(b, "url", &u);
    buf_puts(&u.b, "/api");
    link_article(&u.b, e->id, n);
    put_url(b, "api_url", &u);
    if (*e->rec.pdf) {
        link_file(&u.b, e->bag, e->rec.pdf, a->pdf_page);
        put_url(b, "pdf_url", &u);
    }
}

static void edition_json(folio_buf *b, const archive_edition *e) {
    const archive_record *r = &e->rec;
    str(b, "id", e->id, 1);
    str(b, "journal", r->journal, 0);
    str(b, "issue", r->issue, 0);
    str(b, "date", r->date, 0);
    num(b, "year", r->year);
    num(b, "number", r->number);
    num(b, "pages", r->pages);
    str(b, "publisher", r->publisher, 0);
    str(b, "identifier", r->identifier, 0);
    str(b, "archived", e->bagging_date, 0);
    edition_urls(b, e->id, e->bag, r->pdf, r->epub);
}

void api_edition(const serve_ctx *c, const char *id, size_t n, serve_reply *r) {
    archive_edition e;
    folio_diags d;
    diags_init(&d);
    int rc = archive_read_edition(c->reader, id, n, &e, &d);
    if (rc) {
        if (rc < 0)
            reply_diags(r, &d, 1);
        else
            reply_error_json(r, 404, n ? "no such article" : "no such edition");
        diags_free(&d);
        return;
    }
    begin_json(r);
    folio_buf *b = &r->body;
    if (n) {
        article_json(b, &e, n);
        str(b, "text", e.text, 0);
        buf_puts(b, ", \"edition\": {");
        edition_json(b, &e);
        buf_puts(b, "}");
        if (n > 1) num(b, "previous", (long long)n - 1);
        if (n < e.rec.narticles) num(b, "next", (long long)n + 1);
        buf_puts(b, "}\n");
    } else {
        buf_puts(b, "{");
        edition_json(b, &e);
        buf_puts(b, ", \"articles\": [");
        for (size_t i = 1; i <= e.rec.narticles; i++) {
            buf_puts(b, i > 1 ? ",\n  " : "\n  ");
            article_json(b, &e, i);
            buf_puts(b, "}");
        }
        buf_puts(b, "]}\n");
    }
    archive_edition_free(&e);
    diags_free(&d);
}
