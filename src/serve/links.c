/* links.c — the service's URLs, the same for pages and the JSON API. */
#include "serve_private.h"

#include "../util/fsutil.h"

#include <stdlib.h>
#include <sys/stat.h>

void link_edition(folio_buf *b, const char *id) {
    buf_puts(b, "/editions/");
    html_path(b, id);
}

void link_article(folio_buf *b, const char *id, size_t n) {
    link_edition(b, id);
    buf_printf(b, "/articles/%zu", n);
}

void link_file(folio_buf *b, const char *bag, const char *file, int page) {
    buf_putc(b, '/');
    html_path(b, bag);
    buf_puts(b, "/data/");
    html_path(b, file);
    if (page > 0) buf_printf(b, "#page=%d", page);
}

long long serve_file_size(const serve_ctx *c, const char *bag, const char *file) {
    folio_buf p;
    buf_init(&p);
    buf_printf(&p, "%s/%s/data/%s", c->archive_real, bag, file);
    struct stat st;
    long long n = !p.oom && !stat(p.data, &st) && S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
    buf_free(&p);
    return n;
}
