/* apart.c — a pipeline job in a forked child, its report sent back through a pipe. */
#include "apart.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* The report: a header, then per diagnostic its severity, line and the
 * lengths of path (UINT32_MAX: none) and message, then their bytes. */
typedef struct header {
    int32_t rc;
    uint32_t n;
    double secs;
} header;

typedef struct record {
    int32_t sev, line;
    uint32_t plen, mlen;
} record;

static int write_all(int fd, const void *p, size_t n) {
    const char *s = p;
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        s += w, n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, void *p, size_t n) {
    char *s = p;
    while (n) {
        ssize_t r = read(fd, s, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        s += r, n -= (size_t)r;
    }
    return 0;
}

static void send_report(int fd, int rc, double secs, const folio_diags *d) {
    header h = {rc, (uint32_t)d->n, secs};
    int bad = write_all(fd, &h, sizeof h);
    for (size_t i = 0; !bad && i < d->n; i++) {
        const folio_diag *x = &d->items[i];
        record r = {(int32_t)x->sev, x->line, x->path ? (uint32_t)strlen(x->path) : UINT32_MAX,
                    (uint32_t)strlen(x->msg)};
        bad = write_all(fd, &r, sizeof r) || (x->path && write_all(fd, x->path, r.plen)) ||
              write_all(fd, x->msg, r.mlen);
    }
}

/* In the child: the job, its report, and out without running the parent's
 * exit handlers (they belong to the parent's state). */
__attribute__((noreturn)) static void run_child(int fd, pid_t parent, apart_fn fn, void *ctx) {
    /* a killed parent takes the child with it: no orphan goes on writing
     * into a work folder that the next command cleans up */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    folio_diags d;
    diags_init(&d);
    double secs = 0;
    int rc = fn(ctx, &d, &secs);
    send_report(fd, rc, secs, &d);
    _exit(rc ? 1 : 0);
}

void apart_run_here(apart *a, apart_fn fn, void *ctx) {
    memset(a, 0, sizeof *a);
    a->fd = -1;
    diags_init(&a->here);
    a->rc = fn(ctx, &a->here, &a->secs);
}

void apart_start(apart *a, const char *what, apart_fn fn, void *ctx) {
    int p[2];
    pid_t parent = getpid();
    if (pipe(p) == 0) {
        pid_t pid = fork();
        if (pid == 0) {
            close(p[0]);
            run_child(p[1], parent, fn, ctx);
        }
        close(p[1]);
        if (pid > 0) {
            memset(a, 0, sizeof *a);
            a->what = what;
            a->pid = pid;
            a->fd = p[0];
            diags_init(&a->here);
            return;
        }
        close(p[0]);
    }
    apart_run_here(a, fn, ctx);
}

/* One diagnostic of the report into d. 0, or -1 when the report ends. */
static int take_record(int fd, folio_diags *d) {
    record r;
    if (read_all(fd, &r, sizeof r) || r.mlen > 1u << 20 ||
        (r.plen != UINT32_MAX && r.plen > 1u << 20))
        return -1;
    size_t plen = r.plen == UINT32_MAX ? 0 : r.plen;
    char *buf = malloc(plen + r.mlen + 2);
    if (!buf) return diag_error(d, NULL, 0, "out of memory");
    int rc = -1;
    if (!read_all(fd, buf, plen) && !read_all(fd, buf + plen + 1, r.mlen)) {
        buf[plen] = buf[plen + 1 + r.mlen] = 0;
        diags_add(d, r.sev == FOLIO_ERROR ? FOLIO_ERROR : FOLIO_WARNING,
                  r.plen == UINT32_MAX ? NULL : buf, r.line, "%s", buf + plen + 1);
        rc = 0;
    }
    free(buf);
    return rc;
}

static int take_report(apart *a, folio_diags *d, double *secs) {
    header h;
    if (read_all(a->fd, &h, sizeof h)) return -2;
    for (uint32_t i = 0; i < h.n; i++)
        if (take_record(a->fd, d)) return -2;
    *secs = h.secs;
    return h.rc ? -1 : 0;
}

int apart_join(apart *a, folio_diags *d, double *secs) {
    *secs = 0;
    if (!a->pid) {
        for (size_t i = 0; i < a->here.n; i++) {
            const folio_diag *x = &a->here.items[i];
            diags_add(d, x->sev, x->path, x->line, "%s", x->msg);
        }
        diags_free(&a->here);
        *secs = a->secs;
        return a->rc ? -1 : 0;
    }
    int rc = take_report(a, d, secs), status = 0;
    close(a->fd);
    while (waitpid(a->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (rc == -2) {
        rc = diag_error(d, NULL, 0, "the process %s ended without a report (%s %d)", a->what,
                        WIFSIGNALED(status) ? "signal" : "status",
                        WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
    return rc;
}
