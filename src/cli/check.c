/* check.c — `folio check`: validate an edition, write nothing. */
#include "commands.h"

#include "../pipeline/pipeline.h"

static void check_usage(FILE *out) {
    fprintf(out, "usage: folio check EDITION\n"
                 "\n"
                 "Reads and validates the edition folder EDITION without writing anything,\n"
                 "and prints every problem found as PATH:LINE: error: WHAT.\n"
                 "Exit status: 0 valid (warnings allowed), 1 errors found, 2 bad command line.\n");
}

int cmd_check(int argc, char **argv) {
    static const struct option longopts[] = {CLI_HELP, {0}};
    cli_args a;
    cli_args_init(&a, "folio check", check_usage, "h", longopts, argc, argv);
    int c;
    while ((c = cli_next(&a)) > 0)
        ;
    if (c < 0) return a.status;
    int n;
    char **dirs = cli_operands(&a, &n);
    if (n == 0) return cli_usage_error(&a, 1, "no EDITION folder given");
    if (n > 1) return cli_usage_error(&a, 0, "more than one EDITION given ('%s')", dirs[1]);

    folio_diags d;
    diags_init(&d);
    pipeline_check(dirs[0], cli_data_dir(), &d);
    int status = cli_report(&d);
    diags_free(&d);
    return status;
}
