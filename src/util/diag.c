/* diag.c — storage and printing of diagnostics (see diag.h). */
#include "diag.h"

#include "grow.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diags_init(folio_diags *d) {
    memset(d, 0, sizeof *d);
}

void diags_free(folio_diags *d) {
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].path);
        free(d->items[i].msg);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

static int vadd(folio_diags *d, folio_severity sev, const char *path, int line, const char *fmt,
                va_list ap) {
    if (sev == FOLIO_ERROR)
        d->nerrors++;
    else
        d->nwarnings++;
    if (d->n == d->cap && grow_array(&d->items, &d->cap, d->n + 1, sizeof *d->items, 16)) {
        d->oom = 1;
        return -1;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
    char *p = path ? strdup(path) : NULL;
    if (!msg || (path && !p)) {
        free(msg);
        free(p);
        d->oom = 1;
        return -1;
    }
    vsnprintf(msg, (size_t)len + 1, fmt, ap);
    d->items[d->n++] = (folio_diag){sev, p, line, msg};
    return 0;
}

int diags_add(folio_diags *d, folio_severity sev, const char *path, int line, const char *fmt,
              ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vadd(d, sev, path, line, fmt, ap);
    va_end(ap);
    return r;
}

int diag_error(folio_diags *d, const char *path, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vadd(d, FOLIO_ERROR, path, line, fmt, ap);
    va_end(ap);
    return -1;
}

int diag_warning(folio_diags *d, const char *path, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vadd(d, FOLIO_WARNING, path, line, fmt, ap);
    va_end(ap);
    return 0;
}

void diags_print(const folio_diags *d, FILE *out) {
    for (size_t i = 0; i < d->n; i++) {
        const folio_diag *g = &d->items[i];
        const char *sev = g->sev == FOLIO_ERROR ? "error" : "warning";
        if (g->path && g->line > 0)
            fprintf(out, "%s:%d: %s: %s\n", g->path, g->line, sev, g->msg);
        else if (g->path)
            fprintf(out, "%s: %s: %s\n", g->path, sev, g->msg);
        else
            fprintf(out, "folio: %s: %s\n", sev, g->msg);
    }
    if (d->oom) fprintf(out, "folio: error: out of memory while recording diagnostics\n");
}
