/* common.c — what every command shares: option parsing, dispatch, the data folder, reporting. */
#include "commands.h"
#include "version.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void cli_args_init(cli_args *a, const char *cmd, void (*usage)(FILE *), const char *shortopts,
                   const struct option *longopts, int argc, char **argv) {
    a->cmd = cmd;
    a->usage = usage;
    /* ':' first: a missing value is told apart from an unknown option */
    snprintf(a->shortopts, sizeof a->shortopts, ":%s", shortopts);
    a->longopts = longopts;
    a->argc = argc;
    a->argv = argv;
    a->status = 0;
    optind = 0; /* glibc: start afresh (a command may follow another's parse) */
    opterr = 0; /* the messages are ours */
}

int cli_usage_error(const cli_args *a, int with_usage, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: error: ", a->cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (with_usage) a->usage(stderr);
    return 2;
}

int cli_next(cli_args *a) {
    int c = getopt_long(a->argc, a->argv, a->shortopts, a->longopts, NULL);
    if (c == -1) return 0;
    if (c == 'h') {
        a->usage(stdout);
        a->status = 0;
        return -1;
    }
    if (c != ':' && c != '?') return c;
    /* the element at fault: a long option as written (up to '='), or the
     * short option letter */
    const char *el = a->argv[optind - 1];
    int is_long = el && !strncmp(el, "--", 2);
    int len = is_long ? (int)strcspn(el, "=") : 2;
    char letter[3] = {'-', (char)optopt, 0};
    const char *name = is_long ? el : letter;
    if (c == ':')
        a->status = cli_usage_error(a, 0, "%.*s needs a value", len, name);
    else if (is_long && optopt)
        a->status = cli_usage_error(a, 0, "%.*s takes no value", len, name);
    else
        a->status = cli_usage_error(a, 1, "unknown option '%s'", is_long ? el : letter);
    return -1;
}

char **cli_operands(const cli_args *a, int *n) {
    *n = a->argc - optind;
    return a->argv + optind;
}

int cli_dispatch(const char *who, const cli_command *table, size_t n, void (*usage)(FILE *),
                 int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (!strcmp(name, table[i].name)) return table[i].run(argc - 1, argv + 1);
    fprintf(stderr, "%s: error: unknown command '%s'\n\n", who, name);
    usage(stderr);
    return 2;
}

const char *cli_data_dir(void) {
    const char *env = getenv("FOLIO_DATA_DIR");
    return env && *env ? env : FOLIO_SOURCE_DIR;
}

int cli_report(const folio_diags *d) {
    diags_print(d, stderr);
    return d->nerrors ? 1 : 0;
}

double cli_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
