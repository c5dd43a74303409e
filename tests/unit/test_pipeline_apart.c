/* test_pipeline_apart.c — a job run in a child process: its diagnostics, result and time come
 * back in order; a child that dies without a report is an error, not a hang. */
#include "../../src/pipeline/apart.h"
#include "check.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static int says_two(void *ctx, folio_diags *d, double *secs) {
    (void)ctx;
    diag_warning(d, "articles/a.md", 7, "first: %s", "一");
    diag_error(d, NULL, 0, "second");
    *secs = 1.5;
    return -1;
}

static int fine(void *ctx, folio_diags *d, double *secs) {
    *(int *)ctx = 42; /* the child's copy: the parent never sees it */
    (void)d;
    *secs = 0.25;
    return 0;
}

static int dies(void *ctx, folio_diags *d, double *secs) {
    (void)ctx, (void)d, (void)secs;
    raise(SIGKILL);
    return 0;
}

int main(void) {
    folio_diags d;
    diags_init(&d);
    double secs = 0;
    apart a;
    apart_start(&a, "testing", says_two, NULL);
    CHECK(a.pid > 0 && a.pid != getpid());
    CHECK(apart_join(&a, &d, &secs) == -1 && secs == 1.5);
    CHECK(d.n == 2 && d.nerrors == 1 && d.nwarnings == 1);
    CHECK(d.n == 2 && d.items[0].sev == FOLIO_WARNING && d.items[0].line == 7 &&
          !strcmp(d.items[0].path, "articles/a.md") && !strcmp(d.items[0].msg, "first: 一"));
    CHECK(d.n == 2 && !d.items[1].path && !strcmp(d.items[1].msg, "second"));
    diags_free(&d);

    int x = 0;
    apart_start(&a, "testing", fine, &x);
    CHECK(apart_join(&a, &d, &secs) == 0 && secs == 0.25 && d.n == 0 && x == 0);
    apart_run_here(&a, fine, &x);
    CHECK(apart_join(&a, &d, &secs) == 0 && x == 42 && d.n == 0);

    apart_start(&a, "testing", dies, NULL);
    CHECK(apart_join(&a, &d, &secs) == -1 && d.nerrors == 1);
    CHECKF(d.n == 1 &&
               strstr(d.items[0].msg, "the process testing ended without a report (signal 9)"),
           "message: %s", d.n ? d.items[0].msg : "");
    diags_free(&d);
    if (failures) fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
