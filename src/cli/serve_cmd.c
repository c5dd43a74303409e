/* serve_cmd.c — `folio archive serve`: the archive's web service, until SIGINT or SIGTERM.
 *
 * Signals need no global state here: SIGINT and SIGTERM are blocked before the server's
 * threads start (they inherit the mask), so no thread is ever interrupted by them, and the
 * main thread takes them synchronously with sigwait(). No handler runs, no flag is shared. */
#include "commands.h"

#include "../archive/archive.h"
#include "../serve/serve.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Seconds the requests under way get to finish after SIGINT or SIGTERM. */
enum { GRACE_S = 20 };

static void serve_usage(FILE *out) {
    fprintf(out, "usage: folio archive serve ARCHIVE [--listen ADDR:PORT] [--threads N]\n"
                 "                           [--catalogue URL]\n"
                 "\n"
                 "Serves the archive to browsers and other systems, read-only: the catalogue\n"
                 "by journal and year, each edition (cover, contents, PDF and EPUB), each\n"
                 "article's text, search (Simplified and Traditional alike), a JSON API under\n"
                 "/api/ (see the README) and the files of the bags. Prints its URL, logs one\n"
                 "line per request to standard error (common log format), and keeps serving\n"
                 "while `archive add` files editions. SIGINT (Ctrl-C) or SIGTERM stops it\n"
                 "after the requests under way have finished (exit 0).\n"
                 "\n"
                 "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; [::1]:8080 for\n"
                 "                      IPv6; port 0 takes a free one, printed with the URL)\n"
                 "  --threads N         requests answered at once (default: twice the\n"
                 "                      processors, at least 4)\n"
                 "  --catalogue URL     the catalogue in a shared PostgreSQL database (one\n"
                 "                      connection per thread; a streaming replica will do);\n"
                 "                      FOLIO_CATALOGUE does the same\n");
}

static int parse_threads(cli_args *a, const char *s, unsigned *n) {
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > 256)
        return cli_usage_error(a, 0, "--threads needs a number from 1 to 256");
    *n = (unsigned)v;
    return 0;
}

/* Serves until SIGINT or SIGTERM; the exit status. */
static int run(const serve_opts *o, folio_diags *d) {
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    /* a reader that hangs up mid-file must not end the process */
    signal(SIGPIPE, SIG_IGN);
    serve_server *s = serve_start(o, d);
    if (!s) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        cli_report(d);
        return 1;
    }
    printf("folio archive serve: %s at %s (Ctrl-C stops)\n", o->archive, serve_url(s));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "folio archive serve: %s: finishing the requests under way\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    serve_stop(s, GRACE_S);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return cli_report(d);
}

int cmd_archive_serve(int argc, char **argv) {
    enum { OPT_LISTEN = 256, OPT_THREADS, OPT_CATALOGUE };
    static const struct option longopts[] = {{"listen", required_argument, NULL, OPT_LISTEN},
                                             {"threads", required_argument, NULL, OPT_THREADS},
                                             {"catalogue", required_argument, NULL, OPT_CATALOGUE},
                                             CLI_HELP,
                                             {0}};
    cli_args a;
    cli_args_init(&a, "folio archive serve", serve_usage, "h", longopts, argc, argv);
    const char *listen = "127.0.0.1:8080";
    serve_opts o = {0};
    const char *env = getenv("FOLIO_CATALOGUE");
    o.catalogue = env && *env ? env : NULL;
    int c;
    while ((c = cli_next(&a)) > 0) {
        if (c == OPT_LISTEN) listen = optarg;
        if (c == OPT_THREADS && parse_threads(&a, optarg, &o.threads)) return 2;
        if (c == OPT_CATALOGUE) o.catalogue = optarg;
    }
    if (c < 0) return a.status;
    int n;
    char **args = cli_operands(&a, &n);
    if (n == 0) return cli_usage_error(&a, 1, "no ARCHIVE folder given");
    if (n > 1) return cli_usage_error(&a, 0, "unexpected argument '%s'", args[1]);
    if (o.catalogue && !archive_catalogue_url(o.catalogue)) {
        cli_usage_error(&a, 0, "--catalogue (or FOLIO_CATALOGUE) takes a postgresql:// URL");
        return 2;
    }
    folio_diags d;
    diags_init(&d);
    char addr[64];
    int status = 2;
    if (serve_parse_listen(listen, addr, sizeof addr, &o.port, &d)) {
        status = cli_usage_error(&a, 0, "%s", d.items[0].msg);
    } else {
        o.archive = args[0];
        o.addr = addr;
        o.log = stderr;
        status = run(&o, &d);
    }
    diags_free(&d);
    return status;
}
