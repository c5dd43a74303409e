/* serve_private.h — what the web service's files share: a request as the
 * handlers see it (path and query already decoded and checked), the reply
 * they fill in, and the pieces of HTML and JSON they are made of. Nothing
 * here knows libmicrohttpd; server.c turns replies into responses. */
#ifndef FOLIO_SERVE_PRIVATE_H
#define FOLIO_SERVE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "../archive/archive.h"
#include "../util/buf.h"
#include "serve.h"

/* ---- the request (url.c) -------------------------------------------------------- */

enum {
    SERVE_SEGS_MAX = 16,     /* path segments */
    SERVE_ARGS_MAX = 16,     /* query arguments */
    SERVE_TARGET_MAX = 4096, /* bytes of a request target */
};

typedef struct serve_arg {
    char *name, *value; /* decoded, valid UTF-8, no control characters */
} serve_arg;

/* A request target ("/path?query") decoded: each path segment and argument
 * percent-decoded and checked (valid UTF-8, no control characters, no '/'
 * or '\\' inside a segment, no "." or "..", no empty segment). */
typedef struct serve_target {
    char *buf; /* owns every string below */
    char *seg[SERVE_SEGS_MAX];
    size_t nseg;
    serve_arg arg[SERVE_ARGS_MAX];
    size_t narg;
} serve_target;

/* Decodes target. 0, or -1 with *why (static English) when it is malformed
 * (a 400) or too long (-2: a 414). Free with serve_target_free. */
int serve_target_parse(const char *target, serve_target *t, const char **why);
void serve_target_free(serve_target *t);

/* The value of argument name ("" when it is given empty), or NULL. */
const char *serve_arg_get(const serve_target *t, const char *name);

/* ---- the reply ------------------------------------------------------------------ */

typedef struct serve_reply {
    int status;
    const char *type; /* Content-Type (static) */
    folio_buf body;   /* the body, unless fd >= 0 */
    int fd;           /* a file to send from: its bytes [offset, offset + length) */
    uint64_t offset, length;
    const char *cache;      /* Cache-Control (static); NULL: no-cache */
    char etag[48];          /* "" none */
    char last_modified[40]; /* "" none */
    char content_range[80]; /* "" none */
    int ranges;             /* Accept-Ranges: bytes */
    int csp;                /* an HTML page: its Content-Security-Policy */
    const char *allow;      /* Allow, for a 405 */
    char disposition[160];  /* Content-Disposition; "" none */
} serve_reply;

/* ---- one request being answered --------------------------------------------------- */

typedef struct serve_ctx {
    const char *archive;      /* as given */
    const char *archive_real; /* its real path */
    archive_reader *reader;   /* this thread's */
    const serve_target *t;
    int head; /* HEAD: headers only */
    /* request header lookup (NULL when absent) */
    const char *(*header)(void *hctx, const char *name);
    void *hctx;
} serve_ctx;

/* Answers the request (routes.c): fills r. */
void serve_route(const serve_ctx *c, serve_reply *r);

/* A published file (files.c): path segments from "bags" or "superseded" on. */
void serve_file(const serve_ctx *c, serve_reply *r);

/* Pages (page_*.c). */
void page_home(const serve_ctx *c, serve_reply *r);
void page_editions(const serve_ctx *c, serve_reply *r);
void page_edition(const serve_ctx *c, const char *id, serve_reply *r);
void page_article(const serve_ctx *c, const char *id, size_t n, serve_reply *r);
void page_search(const serve_ctx *c, serve_reply *r);

/* JSON API (api.c). */
void api_search(const serve_ctx *c, serve_reply *r);
void api_editions(const serve_ctx *c, serve_reply *r);
void api_edition(const serve_ctx *c, const char *id, size_t n, serve_reply *r);

/* ---- replies shared by the handlers (reply.c) -------------------------------------- */

/* An error page (HTML) with status and a message in Chinese. */
void reply_error_page(serve_reply *r, int status, const char *message);

/* A JSON error {"error": message} with status. */
void reply_error_json(serve_reply *r, int status, const char *message);

/* A diagnostics failure: 503 (the catalogue cannot be read), the first
 * message as detail. json selects the form. */
void reply_diags(serve_reply *r, const folio_diags *d, int json);

/* Request arguments of the catalogue's filters and pages, checked: year
 * 1..9999, journal and section at most 200 bytes, page >= 1, limit 1..100,
 * offset <= 100000; journal and section NULL when absent or empty. 0 or -1
 * (a 400: *why says why). */
typedef struct serve_filters {
    const char *q, *journal, *section; /* NULL when not given */
    int year;
    size_t page, limit, offset;
} serve_filters;
int serve_filters_get(const serve_target *t, size_t default_limit, serve_filters *f,
                      const char **why);

/* The filters of a page (pages go by page=N): 0, or -1 with a 400 in r. */
int serve_page_filters(const serve_ctx *c, size_t per_page, serve_filters *f, serve_reply *r);

/* ---- HTML pieces (html.c) -------------------------------------------------------- */

/* Opens a page: doctype, head with title (escaped; " · 期刊档案" added),
 * the style sheet, the header with the search form (q prefilled). */
void html_begin(folio_buf *b, const char *title, const char *q);

/* Closes main and the page. */
void html_end(folio_buf *b);

/* Links to the pages of a long answer (nothing when it fits on one): base
 * is the page's URL without its page argument. */
void html_pages(folio_buf *b, const char *base, size_t page, size_t total, size_t per);

/* Text escaped for HTML. */
void html_text(folio_buf *b, const char *s);

/* Text escaped, with marked spans (between SERVE_MARK_OPEN and
 * SERVE_MARK_CLOSE) as <mark>. */
void html_marked(folio_buf *b, const char *s);

/* A URL path with every segment percent-encoded ('/' kept). */
void html_path(folio_buf *b, const char *path);

/* A query argument value percent-encoded (for href). */
void html_query_value(folio_buf *b, const char *s);

/* Marks the archive layer puts around matches: control characters the
 * catalogue's text never holds (snippets turn them into spaces). */
#define SERVE_MARK_OPEN "\x02"
#define SERVE_MARK_CLOSE "\x03"

/* ---- shared by the pages and the API (links.c) --------------------------------------- */

/* /editions/ID, /editions/ID/articles/N, /api/editions/ID... */
void link_edition(folio_buf *b, const char *id);
void link_article(folio_buf *b, const char *id, size_t n);
/* /BAG/data/FILE (#page=N when page > 0). */
void link_file(folio_buf *b, const char *bag, const char *file, int page);

/* Size in bytes of archive_real/bag/data/file; -1 when it cannot be read. */
long long serve_file_size(const serve_ctx *c, const char *bag, const char *file);

#endif
