/* server.c — the HTTP side: the listening socket, libmicrohttpd's thread
 * pool, one request from its request line to its log line, replies turned
 * into responses, and a stop that lets the requests under way finish. */
#include "serve_private.h"
#include "util/dynload.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Limits for a small intranet service: they bound memory (each connection
 * has a 32 kB pool, so a request line and headers must fit in it; longer
 * ones get MHD's 414 or 431) and keep one client from holding every
 * connection, and idle or slow connections are dropped after the timeout. */
enum {
    CONN_LIMIT = 512,
    CONN_PER_IP = 128,
    CONN_TIMEOUT_S = 15,
    CONN_MEMORY = 32 * 1024,
};

/* libmicrohttpd, opened when the server starts (util/dynload.h: GnuTLS and
 * its dependencies would otherwise load with every command). */
// clang-format off
#define MHD_FUNCTIONS(X) \
    X(MHD_start_daemon) X(MHD_quiesce_daemon) X(MHD_stop_daemon) X(MHD_get_connection_info) \
    X(MHD_lookup_connection_value) X(MHD_create_response_from_fd_at_offset64) \
    X(MHD_create_response_from_buffer) X(MHD_add_response_header) X(MHD_queue_response) \
    X(MHD_destroy_response)
// clang-format on
typedef struct {
    void *lib;
    MHD_FUNCTIONS(FOLIO_DYN_MEMBER)
} mhd_fns;

struct serve_server {
    mhd_fns fn;
    struct MHD_Daemon *mhd;
    int listen_fd;
    char url[96];
    char *archive, *archive_real;
    const char *catalogue; /* serve_opts' */
    FILE *log;
    /* one reader per pool thread, lent to a request for its duration */
    pthread_mutex_t lock;
    pthread_cond_t freed;
    archive_reader **readers;
    unsigned char *lent;
    size_t nreaders;
    atomic_long inflight; /* requests between their request line and their end */
};

/* One request, from the request line to the log line. */
typedef struct request {
    char *target;    /* as sent, for the log */
    char client[48]; /* the peer's address */
    char when[32];   /* [day/Mon/year:time zone] of its arrival */
    char method[16], version[16];
    int status;     /* 0 until a reply is queued */
    uint64_t bytes; /* body bytes of the reply */
} request;

/* ---- the log ------------------------------------------------------------------- */

/* Appends s for a quoted log field: quotes, backslashes and bytes outside
 * printable ASCII as \xHH, so that a line stays one line whatever was sent. */
static void log_field(folio_buf *b, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\')
            buf_printf(b, "\\x%02X", *p);
        else
            buf_putc(b, (char)*p);
    }
}

/* host ident authuser [date] "request" status bytes — one write a line */
static void log_request(FILE *f, const request *q) {
    folio_buf b;
    buf_init(&b);
    buf_printf(&b, "%s - - [%s] \"", q->client, q->when);
    log_field(&b, q->method[0] ? q->method : "-");
    buf_putc(&b, ' ');
    log_field(&b, q->target ? q->target : "-");
    if (q->version[0]) {
        buf_putc(&b, ' ');
        log_field(&b, q->version);
    }
    /* a request libmicrohttpd refused itself (a header too large...) never
     * reached us: its status is not known here */
    if (q->status)
        buf_printf(&b, "\" %d ", q->status);
    else
        buf_puts(&b, "\" - ");
    if (q->bytes)
        buf_printf(&b, "%llu\n", (unsigned long long)q->bytes);
    else
        buf_puts(&b, "-\n");
    if (!b.oom) {
        fwrite(b.data, 1, b.len, f);
        fflush(f);
    }
    buf_free(&b);
}

/* ---- MHD callbacks ------------------------------------------------------------- */

static void *on_request_line(void *cls, const char *uri, struct MHD_Connection *conn) {
    serve_server *s = cls;
    request *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    q->target = strdup(uri ? uri : "");
    const union MHD_ConnectionInfo *ci =
        s->fn.MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    strcpy(q->client, "-");
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, q->client,
                      sizeof q->client);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, q->client,
                      sizeof q->client);
    }
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(q->when, sizeof q->when, "%d/%b/%Y:%H:%M:%S %z", &tm);
    atomic_fetch_add(&s->inflight, 1);
    return q;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)conn, (void)toe;
    serve_server *s = cls;
    request *q = *con_cls;
    if (!q) return;
    if (s->log) log_request(s->log, q);
    free(q->target);
    free(q);
    *con_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}

/* What lookup_header reads a request's headers from. */
typedef struct {
    const mhd_fns *fn;
    struct MHD_Connection *conn;
} header_source;

static const char *lookup_header(void *source, const char *name) {
    const header_source *h = source;
    return h->fn->MHD_lookup_connection_value(h->conn, MHD_HEADER_KIND, name);
}

static archive_reader *borrow(serve_server *s, size_t *slot) {
    pthread_mutex_lock(&s->lock);
    for (;;) {
        for (size_t i = 0; i < s->nreaders; i++)
            if (!s->lent[i]) {
                s->lent[i] = 1;
                *slot = i;
                pthread_mutex_unlock(&s->lock);
                return s->readers[i];
            }
        pthread_cond_wait(&s->freed, &s->lock);
    }
}

static void give_back(serve_server *s, size_t slot) {
    pthread_mutex_lock(&s->lock);
    s->lent[slot] = 0;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->lock);
}

static void header(const mhd_fns *fn, struct MHD_Response *resp, const char *name,
                   const char *value) {
    if (value && *value) fn->MHD_add_response_header(resp, name, value);
}

/* The reply as an MHD response (NULL on OOM; the reply's fd and body are
 * taken over either way). */
static struct MHD_Response *response_of(const mhd_fns *fn, serve_reply *r) {
    struct MHD_Response *resp;
    if (r->fd >= 0) {
        resp = fn->MHD_create_response_from_fd_at_offset64(r->length, r->fd, r->offset);
        if (!resp) close(r->fd);
        r->fd = -1;
    } else {
        size_t len = 0;
        char *body = buf_detach(&r->body, &len);
        resp = body ? fn->MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE) : NULL;
        if (!resp) free(body);
    }
    if (!resp) return NULL;
    header(fn, resp, "Content-Type", r->type);
    header(fn, resp, "Cache-Control", r->cache ? r->cache : "no-cache");
    header(fn, resp, "ETag", r->etag);
    header(fn, resp, "Last-Modified", r->last_modified);
    header(fn, resp, "Content-Range", r->content_range);
    header(fn, resp, "Content-Disposition", r->disposition);
    header(fn, resp, "Allow", r->allow);
    if (r->ranges) header(fn, resp, "Accept-Ranges", "bytes");
    header(fn, resp, "X-Content-Type-Options", "nosniff");
    header(fn, resp, "Referrer-Policy", "same-origin");
    if (r->csp)
        header(fn, resp, "Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    return resp;
}

/* What a request asks for, answered into r. */
static void answer(serve_server *s, struct MHD_Connection *conn, const request *q, serve_reply *r) {
    int head = !strcmp(q->method, "HEAD");
    if (strcmp(q->method, "GET") && !head) {
        reply_error_page(r, 405, "只能读取（GET 或 HEAD）。");
        r->allow = "GET, HEAD";
        return;
    }
    serve_target t;
    const char *why = NULL;
    int e = serve_target_parse(q->target ? q->target : "", &t, &why);
    if (e) {
        reply_error_page(r, e == -2 ? 414 : 400, why);
        return;
    }
    size_t slot = 0;
    header_source h = {&s->fn, conn};
    serve_ctx c = {s->archive, s->archive_real, borrow(s, &slot), &t, head, lookup_header, &h};
    serve_route(&c, r);
    give_back(s, slot);
    serve_target_free(&t);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload,
                                 size_t *upload_size, void **con_cls) {
    (void)url, (void)upload, (void)upload_size;
    serve_server *s = cls;
    request *q = *con_cls;
    if (!q) return MHD_NO; /* out of memory at the request line */
    snprintf(q->method, sizeof q->method, "%s", method);
    snprintf(q->version, sizeof q->version, "%s", version);
    serve_reply r;
    memset(&r, 0, sizeof r);
    r.fd = -1;
    buf_init(&r.body);
    answer(s, conn, q, &r);
    if (r.body.oom) {
        buf_free(&r.body);
        reply_error_page(&r, 500, "服务器内存不足。");
    }
    int status = r.status;
    uint64_t bytes = r.fd >= 0 ? r.length : r.body.len;
    struct MHD_Response *resp = response_of(&s->fn, &r);
    buf_free(&r.body);
    if (!resp) return MHD_NO;
    enum MHD_Result ok = s->fn.MHD_queue_response(conn, (unsigned)status, resp);
    s->fn.MHD_destroy_response(resp);
    q->status = status;
    q->bytes = !strcmp(q->method, "HEAD") ? 0 : bytes;
    return ok;
}

/* ---- start and stop ------------------------------------------------------------ */

int serve_parse_listen(const char *s, char *addr, size_t addr_size, unsigned *port,
                       folio_diags *d) {
    const char *colon = strrchr(s, ':'), *ps = s;
    size_t alen = 0;
    const char *a = "127.0.0.1";
    if (colon) {
        ps = colon + 1;
        a = s;
        alen = (size_t)(colon - s);
        if (alen >= 2 && s[0] == '[' && s[alen - 1] == ']') a = s + 1, alen -= 2;
    } else {
        alen = strlen(a);
    }
    char *end = NULL;
    long p = strtol(ps, &end, 10);
    if (!*ps || !end || *end || p < 0 || p > 65535)
        return diag_error(d, NULL, 0, "--listen %s: the port must be a number from 0 to 65535", s);
    if (alen == 0 || alen >= addr_size)
        return diag_error(d, NULL, 0, "--listen %s: give ADDRESS:PORT, e.g. 127.0.0.1:8080", s);
    memcpy(addr, a, alen);
    addr[alen] = 0;
    unsigned char tmp[sizeof(struct in6_addr)];
    if (inet_pton(AF_INET, addr, tmp) != 1 && inet_pton(AF_INET6, addr, tmp) != 1)
        return diag_error(d, NULL, 0, "--listen %s: '%s' is not a numeric IPv4 or IPv6 address", s,
                          addr);
    *port = (unsigned)p;
    return 0;
}

/* A listening socket on addr:port; its fd, or -1 with a diagnostic. */
static int listen_on(const char *addr, unsigned port, char *url, size_t url_size, folio_diags *d) {
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    int v6addr = 0;
    socklen_t len = sizeof *v4;
    if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        len = sizeof *v6;
        v6addr = 1;
    } else {
        diag_error(d, NULL, 0, "'%s' is not a numeric IPv4 or IPv6 address", addr);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) ||
        bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 128) ||
        getsockname(fd, (struct sockaddr *)&ss, &len)) {
        diag_error(d, NULL, 0, "cannot listen on %s%s%s:%u: %s", v6addr ? "[" : "", addr,
                   v6addr ? "]" : "", port, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    unsigned bound = ntohs(v6addr ? v6->sin6_port : v4->sin_port);
    snprintf(url, url_size, "http://%s%s%s:%u/", v6addr ? "[" : "", addr, v6addr ? "]" : "", bound);
    return fd;
}

static void server_free(serve_server *s) {
    for (size_t i = 0; i < s->nreaders; i++)
        archive_reader_close(s->readers[i]);
    free(s->readers);
    free(s->lent);
    free(s->archive);
    free(s->archive_real);
    if (s->listen_fd >= 0) close(s->listen_fd);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->freed);
    folio_dynclose(s->fn.lib);
    free(s);
}

/* libmicrohttpd into s->fn: 0, or -1 with a diagnostic saying what to install. */
static int open_libmicrohttpd(serve_server *s, folio_diags *d) {
    static const char *const names[] = {MHD_FUNCTIONS(FOLIO_DYN_NAME)};
    mhd_fns *dyn_table = &s->fn;
    void *const slots[] = {MHD_FUNCTIONS(FOLIO_DYN_SLOT)};
    s->fn.lib = folio_dynopen(FOLIO_SONAME_MHD, "archive serve", "libmicrohttpd12", names, slots,
                              sizeof names / sizeof *names, d);
    return s->fn.lib ? 0 : -1;
}

/* Every pool thread's reader, opened now so that an unusable archive is
 * reported before the first request. */
static int open_readers(serve_server *s, size_t n, folio_diags *d) {
    s->readers = calloc(n, sizeof *s->readers);
    s->lent = calloc(n, 1);
    if (!s->readers || !s->lent) return diag_error(d, NULL, 0, "out of memory");
    for (; s->nreaders < n; s->nreaders++)
        if (!(s->readers[s->nreaders] = archive_reader_open_in(s->archive, s->catalogue, d)))
            return -1;
    return 0;
}

serve_server *serve_start(const serve_opts *o, folio_diags *d) {
    serve_server *s = calloc(1, sizeof *s);
    if (!s) {
        diag_error(d, NULL, 0, "out of memory");
        return NULL;
    }
    s->listen_fd = -1;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->freed, NULL);
    s->log = o->log;
    s->catalogue = o->catalogue;
    atomic_init(&s->inflight, 0);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = o->threads ? o->threads : (unsigned)(cpus > 2 ? 2 * cpus : 4);
    s->archive = strdup(o->archive);
    s->archive_real = realpath(o->archive, NULL);
    if (!s->archive || !s->archive_real) {
        diag_error(d, o->archive, 0, "no such archive folder");
        goto fail;
    }
    if (open_libmicrohttpd(s, d) || open_readers(s, threads, d)) goto fail;
    s->listen_fd = listen_on(o->addr, o->port, s->url, sizeof s->url, d);
    if (s->listen_fd < 0) goto fail;
    s->mhd = s->fn.MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC, 0, NULL, NULL, on_access, s,
        MHD_OPTION_LISTEN_SOCKET, s->listen_fd, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONN_LIMIT, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)CONN_PER_IP, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONN_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY, MHD_OPTION_URI_LOG_CALLBACK,
        on_request_line, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->mhd) {
        diag_error(d, NULL, 0, "cannot start the HTTP server (libmicrohttpd) on %s", s->url);
        goto fail;
    }
    return s;
fail:
    server_free(s);
    return NULL;
}

const char *serve_url(const serve_server *s) {
    return s->url;
}

void serve_stop(serve_server *s, double grace) {
    if (!s) return;
    s->fn.MHD_quiesce_daemon(s->mhd);
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (double waited = 0; atomic_load(&s->inflight) > 0 && waited < grace; waited += 0.01)
        nanosleep(&tick, NULL);
    s->fn.MHD_stop_daemon(s->mhd);
    server_free(s);
}
