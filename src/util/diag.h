/* diag.h — collected diagnostics: `PATH:LINE: error|warning: WHAT`.
 *
 * Modules never print or exit; they append to a folio_diags list that the
 * caller (src/cli) prints and turns into an exit status. */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { FOLIO_ERROR, FOLIO_WARNING } folio_severity;

typedef struct folio_diag {
    folio_severity sev;
    char *path; /* relative to the edition folder where one applies; NULL: none */
    int line;   /* 1-based; 0: no line */
    char *msg;
} folio_diag;

typedef struct folio_diags {
    folio_diag *items;
    size_t n, cap;
    size_t nerrors, nwarnings;
    int oom; /* set when a diagnostic could not be stored */
} folio_diags;

/* Prepares an empty list. */
void diags_init(folio_diags *d);

/* Frees every stored diagnostic; the list is empty and reusable afterwards. */
void diags_free(folio_diags *d);

/* Appends one diagnostic (path and message are copied). path may be NULL and
 * line 0. Returns 0, or -1 when memory ran out (d->oom is then set, and the
 * error still counts in nerrors). */
int diags_add(folio_diags *d, folio_severity sev, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Shorthands for diags_add with FOLIO_ERROR / FOLIO_WARNING. Always return -1
 * (error) / 0 (warning) so that `return diag_error(...)` reads naturally. */
int diag_error(folio_diags *d, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int diag_warning(folio_diags *d, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints every diagnostic in the order added: `PATH:LINE: error: WHAT`,
 * `PATH: error: WHAT` without a line, `folio: error: WHAT` without a path. */
void diags_print(const folio_diags *d, FILE *out);

#endif
