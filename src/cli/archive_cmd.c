/* archive_cmd.c — `folio archive add|list|search|verify|reindex`. */
#include "commands.h"
#include "version.h"

#include "../archive/archive.h"
#include "../archive/file_build.h"
#include "../util/buf.h"

#include <stdlib.h>
#include <string.h>

/* The --catalogue option in the archive commands' help. */
#define CATALOGUE_HELP                                                                             \
    "  --catalogue URL  the catalogue in a shared PostgreSQL database\n"                           \
    "                   (postgresql://USER:PASSWORD@HOST/DB, or ?host=/socket/dir); the\n"         \
    "                   bags stay in ARCHIVE. FOLIO_CATALOGUE does the same.\n"

static void archive_usage(FILE *out) {
    fprintf(out,
            "usage: folio archive add ARCHIVE EDITION|OUTDIR|FILE.pdf [--replace] [--edition DIR]\n"
            "                         [--layout NAME]\n"
            "       folio archive list ARCHIVE [--all]\n"
            "       folio archive search ARCHIVE QUERY... [--limit N]\n"
            "       folio archive verify ARCHIVE\n"
            "       folio archive reindex ARCHIVE\n"
            "       folio archive serve ARCHIVE [--listen ADDR:PORT]\n"
            "\n"
            "Keeps every published edition in the folder ARCHIVE: one BagIt bag per\n"
            "edition (bags/JOURNAL/ISSUE/), a searchable catalogue (catalogue.sqlite)\n"
            "and a page to browse it (index.html).\n"
            "\n"
            "  add       file an edition (see `folio archive add --help`)\n"
            "  list      one line per edition: journal, issue, date, pages, articles\n"
            "  search    full-text search, Chinese included; every term must match\n"
            "  verify    recompute every checksum; exit 1 naming each bad file\n"
            "  reindex   rebuild the catalogue and index.html from the bags alone\n"
            "  serve     the archive on the web: pages, search, files, a JSON API\n"
            "\n"
            "  folio archive COMMAND --help   help on one of them\n");
}

static void add_usage(FILE *out) {
    fprintf(out,
            "usage: folio archive add ARCHIVE EDITION|OUTDIR|FILE.pdf [--replace] [--edition DIR]\n"
            "                         [--layout NAME]\n"
            "\n"
            "Files an edition into ARCHIVE (created when missing) as a BagIt bag holding\n"
            "the PDF, the EPUB and the edition's sources, and records it in the catalogue.\n"
            "\n"
            "The second argument is either\n"
            "  EDITION  an edition folder (it has edition.yaml): it is built first, or\n"
            "  OUTDIR   a folder that `folio build` wrote: NAME.pdf and NAME.epub, and\n"
            "           NAME.build.yaml, which names the edition folder and layout it\n"
            "           read, the pages, and each output's SHA-256. The catalogue's pages\n"
            "           come from it; an output changed since the build is refused.\n"
            "  FILE.pdf a past issue's PDF (any typesetter's), filed as it is: its bytes\n"
            "           are the bag's master; its text is imported (as `folio import`\n"
            "           does) into an edition kept beside it, an EPUB is built from\n"
            "           that, and search names the pages of the original PDF.\n"
            "\n"
            "  --replace      the journal and issue are archived already: file this\n"
            "                 edition beside that bag, which stays, marked superseded\n"
            "                 (without it, a second add of an issue is refused)\n"
            "  --edition DIR  the edition folder of OUTDIR, when it has moved since the\n"
            "                 build (its articles must be those that were built)\n"
            "  --layout NAME  the layout to build an EDITION with\n" CATALOGUE_HELP);
}

static void list_usage(FILE *out) {
    fprintf(out,
            "usage: folio archive list ARCHIVE [--all] [--catalogue URL]\n\n"
            "One line per archived edition, tab-separated: journal, issue, date,\n"
            "pages, articles. --all also lists superseded versions (marked).\n" CATALOGUE_HELP);
}

static void search_usage(FILE *out) {
    fprintf(out, "usage: folio archive search ARCHIVE QUERY... [--limit N] [--catalogue URL]\n\n"
                 "Searches the titles, authors and full text of every current edition.\n"
                 "Terms are separated by spaces and all must match; a term of several Han\n"
                 "characters matches them in that order (一 character works too), and so do\n"
                 "words in quotes (\"...\" or “...”). Traditional and Simplified characters\n"
                 "find each other (黨建 finds 党建), full-width letters and digits the ASCII\n"
                 "ones. Hits, best first (bm25), one per line, tab-separated: journal, issue,\n"
                 "article title, p.PAGE (its first printed page), a snippet with matches in 【】.\n"
                 "  --limit N   at most N hits (default 20)\n" CATALOGUE_HELP);
}

static void verify_usage(FILE *out) {
    fprintf(out, "usage: folio archive verify ARCHIVE [--catalogue URL]\n\n"
                 "Recomputes every checksum of every bag (payload and tag manifests,\n"
                 "Payload-Oxum), reports files missing, present but not listed or changed,\n"
                 "and bags the catalogue does not know. Exit 1 on any problem.\n" CATALOGUE_HELP);
}

static void reindex_usage(FILE *out) {
    fprintf(out, "usage: folio archive reindex ARCHIVE [--catalogue URL]\n\n"
                 "Rebuilds catalogue.sqlite and index.html from the bags alone (each bag's\n"
                 "folio-catalogue.json tag file), replacing the old catalogue atomically\n"
                 "(on PostgreSQL: in one transaction).\n" CATALOGUE_HELP);
}

enum { OPT_EDITION = 256, OPT_LAYOUT, OPT_REPLACE, OPT_ALL, OPT_LIMIT, OPT_CATALOGUE };

#define CATALOGUE_OPT                                                                              \
    { "catalogue", required_argument, NULL, OPT_CATALOGUE }

/* FOLIO_CATALOGUE, unless --catalogue said otherwise. */
static const char *default_catalogue(void) {
    const char *c = getenv("FOLIO_CATALOGUE");
    return c && *c ? c : NULL;
}

/* The catalogue the command was given: 0, or 2 after a usage error. */
static int check_catalogue(cli_args *a, const char *cat) {
    if (!cat || archive_catalogue_url(cat)) return 0;
    cli_usage_error(a, 0, "--catalogue (or FOLIO_CATALOGUE) takes a postgresql:// URL, not '%s'",
                    cat);
    return 2;
}

static int cmd_add(int argc, char **argv) {
    static const struct option longopts[] = {
        {"replace", no_argument, NULL, OPT_REPLACE},
        {"edition", required_argument, NULL, OPT_EDITION},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        CATALOGUE_OPT,
        CLI_HELP,
        {0},
    };
    cli_args a;
    cli_args_init(&a, "folio archive add", add_usage, "h", longopts, argc, argv);
    archive_file_opts o = {.data_dir = cli_data_dir(),
                           .software = "folio " FOLIO_VERSION,
                           .catalogue = default_catalogue()};
    int c;
    while ((c = cli_next(&a)) > 0) {
        switch (c) {
        case OPT_REPLACE:
            o.replace = 1;
            break;
        case OPT_EDITION:
            o.edition = optarg;
            break;
        case OPT_LAYOUT:
            o.layout = optarg;
            break;
        case OPT_CATALOGUE:
            o.catalogue = optarg;
            break;
        }
    }
    if (c < 0) return a.status;
    if (check_catalogue(&a, o.catalogue)) return 2;
    int n;
    char **args = cli_operands(&a, &n);
    if (n < 2) return cli_usage_error(&a, 1, "ARCHIVE and EDITION|OUTDIR|FILE.pdf are needed");
    if (n > 2) return cli_usage_error(&a, 0, "unexpected argument '%s'", args[2]);

    double t0 = cli_now();
    folio_diags d;
    diags_init(&d);
    archive_filed f;
    int rc = archive_file_build(args[0], args[1], &o, &f, &d);
    if (!rc)
        printf("archived 《%s》%s in %s/%s (%d pages, %zu articles, %.2f s)\n", f.journal, f.issue,
               args[0], f.bag, f.pages, f.narticles, cli_now() - t0);
    int status = cli_report(&d);
    if (rc && !status) status = 1;
    archive_filed_free(&f);
    diags_free(&d);
    return status;
}

/* The ARCHIVE of a command that takes only that one argument. */
static int one_archive(cli_args *a, const char **archive) {
    int n;
    char **args = cli_operands(a, &n);
    if (n == 0) return cli_usage_error(a, 1, "no ARCHIVE folder given");
    if (n > 1) return cli_usage_error(a, 0, "unexpected argument '%s'", args[1]);
    *archive = args[0];
    return 0;
}

/* A command whose one option is --catalogue: -1 to go on with *archive and
 * *cat set, else the exit status. */
static int parse_archive_catalogue(cli_args *a, const char **archive, const char **cat) {
    int c;
    *cat = default_catalogue();
    while ((c = cli_next(a)) > 0)
        if (c == OPT_CATALOGUE) *cat = optarg;
    if (c < 0) return a->status;
    return one_archive(a, archive) || check_catalogue(a, *cat) ? 2 : -1;
}

static int cmd_list(int argc, char **argv) {
    static const struct option longopts[] = {
        {"all", no_argument, NULL, OPT_ALL}, CATALOGUE_OPT, CLI_HELP, {0}};
    cli_args a;
    cli_args_init(&a, "folio archive list", list_usage, "h", longopts, argc, argv);
    int all = 0, c;
    const char *cat = default_catalogue();
    while ((c = cli_next(&a)) > 0) {
        if (c == OPT_ALL) all = 1;
        if (c == OPT_CATALOGUE) cat = optarg;
    }
    const char *archive;
    if (c < 0) return a.status;
    if (one_archive(&a, &archive) || check_catalogue(&a, cat)) return 2;

    folio_diags d;
    diags_init(&d);
    archive_listing l;
    if (!archive_list_in(archive, cat, all, &l, &d)) {
        for (size_t i = 0; i < l.n; i++) {
            const archive_entry *e = &l.items[i];
            printf("%s\t%s\t%s\t%d pages\t%zu articles%s%s\n", e->journal, e->issue,
                   *e->date ? e->date : "-", e->pages, e->narticles,
                   e->superseded ? "\tsuperseded" : "", e->imported ? "\timported" : "");
        }
        archive_listing_free(&l);
    }
    int status = cli_report(&d);
    diags_free(&d);
    return status;
}

/* --limit N: a positive number. */
static int parse_limit(cli_args *a, const char *v, size_t *limit) {
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (!end || *end || !*v || n <= 0)
        return cli_usage_error(a, 0, "--limit needs a positive number");
    *limit = (size_t)n;
    return 0;
}

static void print_hits(const archive_hits *h, const char *query) {
    for (size_t i = 0; i < h->n; i++) {
        const archive_hit *x = &h->items[i];
        if (x->page)
            printf("%s\t%s\t%s\tp.%d\t%s\n", x->journal, x->issue, x->title, x->page, x->snippet);
        else
            printf("%s\t%s\t%s\tp.-\t%s\n", x->journal, x->issue, x->title, x->snippet);
    }
    if (!h->n) fprintf(stderr, "folio archive search: no article matches '%s'\n", query);
}

static int cmd_search(int argc, char **argv) {
    static const struct option longopts[] = {
        {"limit", required_argument, NULL, OPT_LIMIT}, CATALOGUE_OPT, CLI_HELP, {0}};
    cli_args a;
    cli_args_init(&a, "folio archive search", search_usage, "h", longopts, argc, argv);
    size_t limit = 20;
    const char *cat = default_catalogue();
    int c;
    while ((c = cli_next(&a)) > 0) {
        if (c == OPT_LIMIT && parse_limit(&a, optarg, &limit)) return 2;
        if (c == OPT_CATALOGUE) cat = optarg;
    }
    if (c < 0) return a.status;
    if (check_catalogue(&a, cat)) return 2;
    int n;
    char **args = cli_operands(&a, &n);
    /* the terms, one query */
    folio_buf q;
    buf_init(&q);
    for (int i = 1; i < n; i++) {
        if (q.len) buf_putc(&q, ' ');
        buf_puts(&q, args[i]);
    }
    if (!q.len) {
        buf_free(&q);
        return cli_usage_error(&a, 1, "ARCHIVE and QUERY are needed");
    }
    folio_diags d;
    diags_init(&d);
    archive_hits h;
    if (q.oom)
        diag_error(&d, NULL, 0, "out of memory");
    else if (!archive_search_in(args[0], cat, q.data, limit, &h, &d)) {
        print_hits(&h, q.data);
        archive_hits_free(&h);
    }
    int status = cli_report(&d);
    diags_free(&d);
    buf_free(&q);
    return status;
}

static int cmd_verify(int argc, char **argv) {
    static const struct option longopts[] = {CATALOGUE_OPT, CLI_HELP, {0}};
    cli_args a;
    cli_args_init(&a, "folio archive verify", verify_usage, "h", longopts, argc, argv);
    const char *cat, *archive;
    int rc = parse_archive_catalogue(&a, &archive, &cat);
    if (rc >= 0) return rc;

    folio_diags d;
    diags_init(&d);
    size_t nbags = 0, nfiles = 0;
    double t0 = cli_now();
    int bad = archive_verify_in(archive, cat, &nbags, &nfiles, &d);
    int status = cli_report(&d);
    if (bad || status) {
        fprintf(stderr, "%s: %zu problem%s found in %zu bags\n", archive, d.nerrors,
                d.nerrors == 1 ? "" : "s", nbags);
        status = 1;
    } else {
        printf("%s: %zu bag%s intact, %zu checksums match (%.2f s)\n", archive, nbags,
               nbags == 1 ? "" : "s", nfiles, cli_now() - t0);
    }
    diags_free(&d);
    return status;
}

static int cmd_reindex(int argc, char **argv) {
    static const struct option longopts[] = {CATALOGUE_OPT, CLI_HELP, {0}};
    cli_args a;
    cli_args_init(&a, "folio archive reindex", reindex_usage, "h", longopts, argc, argv);
    const char *cat, *archive;
    int rc = parse_archive_catalogue(&a, &archive, &cat);
    if (rc >= 0) return rc;

    folio_diags d;
    diags_init(&d);
    size_t n = 0;
    if (!archive_reindex_in(archive, cat, &n, &d))
        printf("%s: catalogue rebuilt from %zu bag%s\n", archive, n, n == 1 ? "" : "s");
    int status = cli_report(&d);
    diags_free(&d);
    return status;
}

static const cli_command archive_commands[] = {
    {"add", cmd_add},       {"list", cmd_list},       {"search", cmd_search},
    {"verify", cmd_verify}, {"reindex", cmd_reindex}, {"serve", cmd_archive_serve},
};

int cmd_archive(int argc, char **argv) {
    return cli_dispatch("folio archive", archive_commands,
                        sizeof archive_commands / sizeof *archive_commands, archive_usage, argc,
                        argv);
}
