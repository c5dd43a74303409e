/* apart.h — one stage of the pipeline run in a child process, beside the
 * parent's own work (internal to src/pipeline).
 *
 * The PDF and the EPUB are written from the same laid-out document and
 * share nothing else, but both draw on the font set's caches, which are not
 * made for two threads. A forked child gets its own copy of everything for
 * free, so the EPUB is written there while the parent writes the PDF: two
 * cores, no locks. What the child reports (its diagnostics, its result and
 * its time) comes back through a pipe. */
#ifndef FOLIO_PIPELINE_APART_H
#define FOLIO_PIPELINE_APART_H

#include <sys/types.h>

#include "../util/diag.h"

/* The job: returns 0 or -1 with diagnostics in d, and its seconds in *secs. */
typedef int (*apart_fn)(void *ctx, folio_diags *d, double *secs);

typedef struct apart {
    const char *what; /* for a message: "writing the EPUB" */
    pid_t pid;        /* 0: the job ran in this process (fork was not possible) */
    int fd;           /* the read end of the child's pipe; -1 when none */
    int rc;           /* the job's result when it ran here */
    double secs;
    folio_diags here; /* its diagnostics when it ran here */
} apart;

/* Starts fn(ctx) in a child process (what names it in a message should it
 * die). When no child can be made, runs it here at once instead (the same
 * result, one core). Never fails. */
void apart_start(apart *a, const char *what, apart_fn fn, void *ctx);

/* Runs fn(ctx) here and now, for apart_join to report like a child's. */
void apart_run_here(apart *a, apart_fn fn, void *ctx);

/* Waits for the job, appends its diagnostics to d in the order it made
 * them, sets *secs, and returns its result: 0, or -1 (also when the child
 * died without reporting, which is said in d). */
int apart_join(apart *a, folio_diags *d, double *secs);

#endif
