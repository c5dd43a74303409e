/* files.c — the archive's published files: what lies in its bags (bags/ and
 * superseded/), nothing else. A file is served only when its real path (all
 * symlinks followed) is inside the archive's real bags/ or superseded/
 * folder and it is a regular file; the catalogue, the lock, the work area and
 * anything a symlink leads to outside are never reached. ETag and
 * Last-Modified answer conditional requests; one byte range is served as a
 * 206 (a PDF viewer jumping to a page asks for those). */
#include "serve_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct {
    const char *ext, *type;
} types[] = {
    {".pdf", "application/pdf"},
    {".epub", "application/epub+zip"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".txt", "text/plain; charset=utf-8"},
    {".md", "text/plain; charset=utf-8"},
    {".yaml", "text/plain; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".ttf", "font/ttf"},
    {".otf", "font/otf"},
};

static const char *type_of(const char *name) {
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        size_t e = strlen(types[i].ext);
        if (n > e && !strcasecmp(name + n - e, types[i].ext)) return types[i].type;
    }
    return "application/octet-stream";
}

/* The file's real path when it is a published one; NULL otherwise. */
static char *published_path(const serve_ctx *c) {
    const serve_target *t = c->t;
    if (t->nseg < 4 || (strcmp(t->seg[0], "bags") && strcmp(t->seg[0], "superseded"))) return NULL;
    folio_buf p, root;
    buf_init(&p);
    buf_init(&root);
    buf_printf(&root, "%s/%s/", c->archive_real, t->seg[0]);
    buf_puts(&p, c->archive_real);
    for (size_t i = 0; i < t->nseg; i++) {
        if (t->seg[i][0] == '.') p.oom = 1; /* hidden: never published */
        buf_putc(&p, '/');
        buf_puts(&p, t->seg[i]);
    }
    char *real = p.oom || root.oom ? NULL : realpath(p.data, NULL);
    if (real && strncmp(real, root.data, root.len)) {
        free(real);
        real = NULL;
    }
    buf_free(&p);
    buf_free(&root);
    return real;
}

static void http_date(char *out, size_t n, time_t t) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Whether the client's copy (If-None-Match, else If-Modified-Since) is this one. */
static int not_modified(const serve_ctx *c, const serve_reply *r, time_t mtime) {
    const char *inm = c->header(c->hctx, "If-None-Match");
    if (inm) return !strcmp(inm, "*") || strstr(inm, r->etag) != NULL;
    const char *ims = c->header(c->hctx, "If-Modified-Since");
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!ims) return 0;
    const char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return end && !*end && timegm(&tm) >= mtime;
}

/* The one byte range asked for, when it is to be honoured: 1 with [*from,
 * *to] set, 0 to send the whole file, -1 when unsatisfiable (a 416). A
 * malformed header, several ranges or an If-Range for another version mean
 * the whole file (RFC 9110 14.2). */
static int byte_range(const serve_ctx *c, const serve_reply *r, uint64_t size, uint64_t *from,
                      uint64_t *to) {
    const char *h = c->header(c->hctx, "Range");
    const char *ifr = c->header(c->hctx, "If-Range");
    if (!h || strncmp(h, "bytes=", 6) || strchr(h, ',')) return 0;
    if (ifr && strcmp(ifr, r->etag) && strcmp(ifr, r->last_modified)) return 0;
    const char *s = h + 6;
    char *end = NULL;
    if (*s == '-') {
        errno = 0;
        unsigned long long n = strtoull(s + 1, &end, 10);
        if (!s[1] || *end || errno || s[1] == '-') return 0;
        if (n == 0 || size == 0) return -1;
        *from = n >= size ? 0 : size - n;
        *to = size - 1;
        return 1;
    }
    if (*s < '0' || *s > '9') return 0;
    errno = 0;
    unsigned long long a = strtoull(s, &end, 10), b = size ? size - 1 : 0;
    if (errno || *end != '-') return 0;
    const char *bs = end + 1;
    if (*bs) {
        if (*bs < '0' || *bs > '9') return 0;
        b = strtoull(bs, &end, 10);
        if (errno || *end || b < a) return 0;
        if (b >= size) b = size ? size - 1 : 0;
    }
    if (a >= size) return -1;
    *from = a;
    *to = b;
    return 1;
}

/* Content-Disposition with the file's name (RFC 6266, UTF-8 form). */
static void disposition(serve_reply *r, const char *name, int inline_) {
    folio_buf b;
    buf_init(&b);
    buf_printf(&b, "%s; filename*=UTF-8''", inline_ ? "inline" : "attachment");
    html_query_value(&b, name);
    if (!b.oom && b.len < sizeof r->disposition) memcpy(r->disposition, b.data, b.len + 1);
    buf_free(&b);
}

void serve_file(const serve_ctx *c, serve_reply *r) {
    char *real = published_path(c);
    int fd = real ? open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
    free(real);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        if (fd >= 0) close(fd);
        reply_error_page(r, 404, "档案中没有这个文件。");
        return;
    }
    const char *name = c->t->seg[c->t->nseg - 1];
    r->type = type_of(name);
    r->cache = "public, max-age=300";
    r->ranges = 1;
    snprintf(r->etag, sizeof r->etag, "\"%llx-%llx\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
                 (unsigned long long)st.st_mtim.tv_nsec);
    http_date(r->last_modified, sizeof r->last_modified, st.st_mtime);
    if (!strcmp(r->type, "application/pdf") || !strcmp(r->type, "application/epub+zip"))
        disposition(r, name, !strcmp(r->type, "application/pdf"));
    if (not_modified(c, r, st.st_mtime)) {
        close(fd);
        r->status = 304;
        return;
    }
    uint64_t size = (uint64_t)st.st_size, from = 0, to = size ? size - 1 : 0;
    int range = byte_range(c, r, size, &from, &to);
    if (range < 0) {
        close(fd);
        r->status = 416;
        r->type = "text/plain; charset=utf-8";
        snprintf(r->content_range, sizeof r->content_range, "bytes */%llu",
                 (unsigned long long)size);
        return;
    }
    r->status = range ? 206 : 200;
    if (range)
        snprintf(r->content_range, sizeof r->content_range, "bytes %llu-%llu/%llu",
                 (unsigned long long)from, (unsigned long long)to, (unsigned long long)size);
    r->fd = fd;
    r->offset = from;
    r->length = size ? to - from + 1 : 0;
}
