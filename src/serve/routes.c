/* routes.c — which handler answers which path.
 *
 *   /                                  the catalogue: journals and their years, the latest editions
 *   /editions?journal=&year=&page=     editions, newest first
 *   /editions/J/I                      an edition (J/I its id): cover, files, contents
 *   /editions/J/I/articles/N           its N-th article: text, pages, the PDF at its page
 *   /search?q=&journal=&year=&section=&page=
 *   /api/search, /api/editions, /api/editions/J/I[/articles/N]   the same as JSON
 *   /bags/..., /superseded/...         the files of the bags */
#include "serve_private.h"

#include <stdlib.h>
#include <string.h>

/* The article number of a path segment (1..99999), or 0. */
static size_t article_no(const char *s) {
    if (!*s || strlen(s) > 5 || s[0] == '0') return 0;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9') return 0;
    return (size_t)atoi(s);
}

/* An edition path after its prefix (segs[0..n)): J/I or J/I/articles/N.
 * Returns 1 and sets *id (in buf) and *n; 0 when it is no such path. */
static int edition_path(char *const *segs, size_t n, char *buf, size_t size, size_t *art) {
    if (n != 2 && !(n == 4 && !strcmp(segs[2], "articles"))) return 0;
    *art = n == 4 ? article_no(segs[3]) : 0;
    if (n == 4 && !*art) return 0;
    int len = snprintf(buf, size, "%s/%s", segs[0], segs[1]);
    return len > 0 && (size_t)len < size;
}

void serve_route(const serve_ctx *c, serve_reply *r) {
    const serve_target *t = c->t;
    const char *top = t->nseg ? t->seg[0] : "";
    char id[512];
    size_t art = 0;
    if (t->nseg == 0) {
        page_home(c, r);
    } else if (!strcmp(top, "search") && t->nseg == 1) {
        page_search(c, r);
    } else if (!strcmp(top, "editions") && t->nseg == 1) {
        page_editions(c, r);
    } else if (!strcmp(top, "editions") &&
               edition_path(t->seg + 1, t->nseg - 1, id, sizeof id, &art)) {
        if (art)
            page_article(c, id, art, r);
        else
            page_edition(c, id, r);
    } else if (!strcmp(top, "api")) {
        if (t->nseg == 2 && !strcmp(t->seg[1], "search"))
            api_search(c, r);
        else if (t->nseg == 2 && !strcmp(t->seg[1], "editions"))
            api_editions(c, r);
        else if (t->nseg > 2 && !strcmp(t->seg[1], "editions") &&
                 edition_path(t->seg + 2, t->nseg - 2, id, sizeof id, &art))
            api_edition(c, id, art, r);
        else
            reply_error_json(r, 404, "no such API path (see /api/search, /api/editions)");
    } else if (!strcmp(top, "bags") || !strcmp(top, "superseded")) {
        serve_file(c, r);
    } else {
        reply_error_page(r, 404, "没有这个页面。");
    }
}
