/* commands.h — the commands of `folio`, each in its own file, and what they
 * share: option parsing with getopt_long, the data folder, reporting.
 *
 * A command takes the arguments from its own name on (argv[0] is the
 * command), parses them, makes one call into the module that does the work,
 * prints the outcome, and returns the exit status: 0 success, 1 bad input
 * (diagnostics printed on stderr), 2 bad command line. */
#ifndef FOLIO_COMMANDS_H
#define FOLIO_COMMANDS_H

#include <getopt.h>
#include <stdio.h>

#include "../util/diag.h"

/* One command (or one `folio archive` command): its name and what runs it. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
} cli_command;

/* The commands of `folio` (main.c) and of `folio archive` (archive_cmd.c).
 * A new command is one line in the table and a file of its own. */
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_fonts(int argc, char **argv);
int cmd_archive(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_archive_serve(int argc, char **argv); /* serve_cmd.c */

/* Runs the command of table (n entries) that argv[1] names with the
 * arguments after it; `help`, `-h` and `--help` print usage to stdout
 * (status 0); no command or an unknown one prints "WHO: error: unknown
 * command 'X'" and usage to stderr (status 2). */
int cli_dispatch(const char *who, const cli_command *table, size_t n, void (*usage)(FILE *),
                 int argc, char **argv);

/* ---- options ---------------------------------------------------------------- */

/* Every command takes -h/--help: add CLI_HELP to its option table and 'h'
 * to its short options. */
#define CLI_HELP                                                                                   \
    { "help", no_argument, NULL, 'h' }

/* One command's command line, parsed with getopt_long (GNU permutation:
 * options and arguments in any order, `--` ends the options, `--opt=value`
 * and unambiguous abbreviations of long options work). */
typedef struct cli_args {
    const char *cmd;       /* "folio build", for messages */
    void (*usage)(FILE *); /* the command's help */
    char shortopts[48];    /* ':' then the command's short options */
    const struct option *longopts;
    int argc;
    char **argv;
    int status; /* the exit status once cli_next returned -1 */
} cli_args;

/* Prepares to parse argv (argv[0] the command's name). */
void cli_args_init(cli_args *a, const char *cmd, void (*usage)(FILE *), const char *shortopts,
                   const struct option *longopts, int argc, char **argv);

/* The next option: its value from the option table (optarg holds its
 * argument), 0 when no option is left, or -1 when the command is over: help
 * was asked for and printed (a->status 0), or an option is unknown, lacks its
 * value or takes none (a message on stderr, a->status 2). */
int cli_next(cli_args *a);

/* After the options: the arguments that are not options, and how many. */
char **cli_operands(const cli_args *a, int *n);

/* Prints "CMD: error: WHAT" (and the usage when with_usage) on stderr and
 * returns 2, the status of a bad command line. */
int cli_usage_error(const cli_args *a, int with_usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- shared ------------------------------------------------------------------ */

/* The folder holding layouts/ and fonts/: $FOLIO_DATA_DIR, else the source
 * tree the program was built from. Static string. */
const char *cli_data_dir(void);

/* Prints diagnostics to stderr and returns the exit status they imply
 * (1 when any error, else 0). */
int cli_report(const folio_diags *d);

/* Seconds on a monotonic clock, for "(0.12 s)" in messages. */
double cli_now(void);

#endif
