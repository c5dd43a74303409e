/* serve.h — `folio archive serve`: the archive as a small read-only web
 * service (libmicrohttpd, a thread pool).
 *
 * Pages for readers (catalogue by journal and year, editions, articles,
 * search), a JSON API under /api/, and the archive's published files (the
 * bags under bags/ and superseded/) with ETag, Last-Modified and Range. It
 * only reads: the catalogue through archive_reader (one per thread), the
 * files after checking that their real path lies inside the archive's
 * published folders. Everything here reports problems into a folio_diags;
 * the access log is the only thing it prints. */
#ifndef FOLIO_SERVE_H
#define FOLIO_SERVE_H

#include <stdio.h>

#include "../util/diag.h"

typedef struct serve_opts {
    const char *archive;   /* the archive folder */
    const char *addr;      /* numeric IPv4 or IPv6 address to listen on */
    unsigned port;         /* 0: a free port the system picks */
    unsigned threads;      /* 0: twice the processors, at least 4 */
    FILE *log;             /* one common-log-format line per request; NULL none */
    const char *catalogue; /* a postgresql:// URL; NULL: the archive's catalogue.sqlite */
} serve_opts;

typedef struct serve_server serve_server;

/* Splits "ADDR:PORT", "[IPV6]:PORT" or "PORT" into addr (at least 64
 * bytes; "127.0.0.1" when only a port is given) and *port. 0, or -1 with a
 * diagnostic naming what is wrong. */
int serve_parse_listen(const char *s, char *addr, size_t addr_size, unsigned *port, folio_diags *d);

/* Opens the archive (every thread's reader) and starts answering on
 * o->addr:o->port. Signals are the caller's business: block SIGINT and
 * SIGTERM before this call if they are to be waited for, as the server's
 * threads inherit the mask. Returns the server, or NULL with diagnostics
 * (archive unusable, address in use...). */
serve_server *serve_start(const serve_opts *o, folio_diags *d);

/* "http://ADDR:PORT/" of a started server (owned by it). */
const char *serve_url(const serve_server *s);

/* Stops taking connections, lets the requests under way finish (waiting at
 * most grace seconds for them), closes every connection and frees the
 * server. */
void serve_stop(serve_server *s, double grace);

#endif
