/* archive_cmd.c — `folio archive add|list|search|verify|reindex`. */
#include "commands.h"
#include "version.h"

#include "../archive/archive.h"
#include "../util/buf.h"
#include "../util/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void archive_usage(FILE *out) {
    fprintf(out, "usage: folio archive add ARCHIVE EDITION|OUTDIR [--replace] [--edition DIR]\n"
                 "                         [--layout NAME]\n"
                 "       folio archive list ARCHIVE [--all]\n"
                 "       folio archive search ARCHIVE QUERY... [--limit N]\n"
                 "       folio archive verify ARCHIVE\n"
                 "       folio archive reindex ARCHIVE\n"
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
                 "\n"
                 "  folio archive COMMAND --help   help on one of them\n");
}

static void add_usage(FILE *out) {
    fprintf(out, "usage: folio archive add ARCHIVE EDITION|OUTDIR [--replace] [--edition DIR]\n"
                 "                         [--layout NAME]\n"
                 "\n"
                 "Files an edition into ARCHIVE (created when missing) as a BagIt bag holding\n"
                 "the PDF, the EPUB and the edition's sources, and records it in the catalogue.\n"
                 "\n"
                 "The second argument is either\n"
                 "  EDITION  an edition folder (it has edition.yaml): it is built first, or\n"
                 "  OUTDIR   a folder that `folio build` wrote, holding NAME.pdf and NAME.epub.\n"
                 "           The edition it was built from is read again for the catalogue:\n"
                 "           --edition DIR when given, else the first of OUTDIR/../NAME,\n"
                 "           OUTDIR/../../NAME and OUTDIR/../../examples/NAME that holds\n"
                 "           edition.yaml (the default output/NAME/ beside the edition).\n"
                 "           Give the same --layout that built it: the pages in the catalogue\n"
                 "           come from laying the edition out again.\n"
                 "\n"
                 "  --replace      the journal and issue are archived already: keep that bag\n"
                 "                 under superseded/ and file this edition in its place\n"
                 "                 (without it, a second add of an issue is refused)\n"
                 "  --edition DIR  the edition folder of OUTDIR\n"
                 "  --layout NAME  the layout to build (or to have built) with\n");
}

static void list_usage(FILE *out) {
    fprintf(out, "usage: folio archive list ARCHIVE [--all]\n\n"
                 "One line per archived edition, tab-separated: journal, issue, date,\n"
                 "pages, articles. --all also lists superseded versions (marked).\n");
}

static void search_usage(FILE *out) {
    fprintf(out, "usage: folio archive search ARCHIVE QUERY... [--limit N]\n\n"
                 "Searches the titles, authors and full text of every current edition.\n"
                 "Terms are separated by spaces and all must match; a term of several Han\n"
                 "characters matches them in that order (一 character works too). Hits,\n"
                 "best first (bm25), one per line, tab-separated: journal, issue, article\n"
                 "title, p.PAGE (its first printed page), a snippet with matches in 【】.\n"
                 "  --limit N   at most N hits (default 20)\n");
}

static void verify_usage(FILE *out) {
    fprintf(out, "usage: folio archive verify ARCHIVE\n\n"
                 "Recomputes every checksum of every bag (payload and tag manifests,\n"
                 "Payload-Oxum), reports files missing, present but not listed or changed,\n"
                 "and bags the catalogue does not know. Exit 1 on any problem.\n");
}

static void reindex_usage(FILE *out) {
    fprintf(out, "usage: folio archive reindex ARCHIVE\n\n"
                 "Rebuilds catalogue.sqlite and index.html from the bags alone (each bag's\n"
                 "folio-catalogue.json tag file), replacing the old catalogue atomically.\n");
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* The one NAME.pdf and NAME.epub of an output folder (malloc'd names). */
static int find_outputs(const char *dir, char **pdf, char **epub, folio_diags *d) {
    *pdf = *epub = NULL;
    DIR *dh = opendir(dir);
    if (!dh) return diag_error(d, dir, 0, "cannot open: %s", strerror(errno));
    int npdf = 0, nepub = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t n = strlen(de->d_name);
        if (de->d_name[0] == '.') continue;
        if (n > 4 && !strcmp(de->d_name + n - 4, ".pdf") && !npdf++)
            *pdf = strdup(de->d_name);
        else if (n > 5 && !strcmp(de->d_name + n - 5, ".epub") && !nepub++)
            *epub = strdup(de->d_name);
    }
    closedir(dh);
    if (npdf != 1 || nepub != 1 || !*pdf || !*epub) {
        free(*pdf), free(*epub);
        *pdf = *epub = NULL;
        return diag_error(d, dir, 0,
                          "not an edition folder (no edition.yaml) nor an output folder with "
                          "exactly one .pdf and one .epub (found %d and %d)",
                          npdf, nepub);
    }
    return 0;
}

/* Pages of a PDF as folio writes it (page objects in the clear, no object
 * streams): the /Type /Page dictionaries. 0 when unreadable. */
static int pdf_page_count(const char *path) {
    char *data = NULL;
    size_t len = 0;
    if (fs_read_file(path, 0, &data, &len)) return 0;
    int n = 0;
    for (size_t i = 0; i + 5 < len; i++) {
        if (memcmp(data + i, "/Type", 5)) continue;
        size_t j = i + 5;
        while (j < len && (data[j] == ' ' || data[j] == '\n' || data[j] == '\r'))
            j++;
        if (j + 5 <= len && !memcmp(data + j, "/Page", 5) &&
            (j + 5 == len || (data[j + 5] != 's' && data[j + 5] != 'L')))
            n++;
    }
    free(data);
    return n;
}

/* The edition an output folder was built from. */
static char *find_edition(const char *outdir, const char *name, const char *given, folio_diags *d) {
    if (given) {
        char *y = fs_join(given, "edition.yaml");
        int ok = y && fs_is_file(y);
        free(y);
        if (!ok) {
            diag_error(d, given, 0, "no edition.yaml in the folder given by --edition");
            return NULL;
        }
        return strdup(given);
    }
    const char *pats[] = {"%s/../%s", "%s/../../%s", "%s/../../examples/%s"};
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
        size_t n = strlen(outdir) + strlen(name) + 32;
        char *c = malloc(n);
        if (!c) break;
        snprintf(c, n, pats[i], outdir, name);
        char *y = fs_join(c, "edition.yaml");
        int ok = y && fs_is_file(y);
        free(y);
        if (ok) return c;
        free(c);
    }
    diag_error(d, outdir, 0,
               "cannot find the edition %s was built from (tried ../%s, ../../%s and "
               "../../examples/%s); give it with --edition DIR",
               name, name, name, name);
    return NULL;
}

static int cmd_add(int argc, char **argv) {
    const char *archive = NULL, *src = NULL, *edition = NULL, *layout = NULL;
    int replace = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            add_usage(stdout);
            return 0;
        } else if (!strcmp(a, "--replace")) {
            replace = 1;
        } else if (!strcmp(a, "--edition") || !strcmp(a, "--layout")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "folio archive add: error: %s needs a value\n", a);
                return 2;
            }
            *(!strcmp(a, "--edition") ? &edition : &layout) = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "folio archive add: error: unknown option '%s'\n", a);
            add_usage(stderr);
            return 2;
        } else if (!archive) {
            archive = a;
        } else if (!src) {
            src = a;
        } else {
            fprintf(stderr, "folio archive add: error: unexpected argument '%s'\n", a);
            return 2;
        }
    }
    if (!archive || !src) {
        fprintf(stderr, "folio archive add: error: ARCHIVE and EDITION|OUTDIR are needed\n");
        add_usage(stderr);
        return 2;
    }
    double t0 = now_s();
    int existed = fs_is_dir(archive);
    folio_diags d;
    diags_init(&d);
    folio_build_result r;
    memset(&r, 0, sizeof r);
    folio_build_opts o = {0};
    o.layout = layout;
    o.quiet = 1;
    char *yaml = fs_join(src, "edition.yaml");
    char *build_dir = NULL, *pdf_name = NULL, *epub_name = NULL, *ed_dir = NULL;
    char *pdf_file = NULL, *epub_file = NULL, *bag = NULL;
    folio_arena *arena = arena_new();
    int status = 1;
    if (!yaml || !arena) {
        diag_error(&d, NULL, 0, "out of memory");
        goto done;
    }
    if (!fs_is_dir(src)) {
        diag_error(&d, src, 0, "no such folder");
        goto done;
    }
    if (fs_is_file(yaml)) {
        /* an edition folder: build it into the archive's work area */
        if (edition) diag_warning(&d, src, 0, "--edition is ignored: this is an edition folder");
        char *tmp = fs_join(archive, ".tmp");
        int e = tmp ? fs_mkdirs(tmp) : ENOMEM;
        size_t n = tmp ? strlen(tmp) + 64 : 0;
        build_dir = e ? NULL : malloc(n);
        if (build_dir) {
            snprintf(build_dir, n, "%s/build-%ld-XXXXXX", tmp, (long)getpid());
            if (!mkdtemp(build_dir)) {
                e = errno;
                free(build_dir);
                build_dir = NULL;
            }
        }
        free(tmp);
        if (!build_dir) {
            diag_error(&d, archive, 0, "cannot create a work folder: %s", strerror(e ? e : ENOMEM));
            goto done;
        }
        o.edition_dir = src;
        o.outdir = build_dir;
        if (cli_build_run(&o, &r, &d) || !r.pdf_path || !r.epub_path) goto done;
        pdf_file = strdup(r.pdf_path);
        epub_file = strdup(r.epub_path);
    } else {
        if (find_outputs(src, &pdf_name, &epub_name, &d)) goto done;
        char *name = strndup(pdf_name, strlen(pdf_name) - 4);
        ed_dir = name ? find_edition(src, name, edition, &d) : NULL;
        free(name);
        if (!ed_dir) goto done;
        o.edition_dir = ed_dir;
        o.layout_only = 1;
        if (cli_build_run(&o, &r, &d)) goto done;
        pdf_file = fs_join(src, pdf_name);
        epub_file = fs_join(src, epub_name);
    }
    if (!pdf_file || !epub_file) {
        diag_error(&d, NULL, 0, "out of memory");
        goto done;
    }

    archive_record rec;
    archive_file *srcs = NULL;
    size_t nsrcs = 0;
    const char *pdf_rel = base_name(pdf_file), *epub_rel = base_name(epub_file);
    if (archive_record_from_edition(r.edition, r.doc, pdf_rel, epub_rel, arena, &rec) ||
        archive_edition_sources(r.edition, arena, &srcs, &nsrcs)) {
        diag_error(&d, NULL, 0, "out of memory");
        goto done;
    }
    if (!build_dir) {
        /* the pages of the catalogue come from laying the edition out again:
         * they must be those of the PDF being filed */
        int n = pdf_page_count(pdf_file);
        if (n > 0 && n != rec.pages) {
            diag_warning(&d, pdf_file, 0,
                         "has %d pages but the edition lays out to %d here; the catalogue keeps "
                         "%d pages and article pages may be off (was it built with another "
                         "--layout?)",
                         n, rec.pages, n);
            rec.pages = n;
        }
    }
    archive_file *files = arena_calloc(arena, nsrcs + 2, sizeof *files);
    if (!files) {
        diag_error(&d, NULL, 0, "out of memory");
        goto done;
    }
    memcpy(files, srcs, nsrcs * sizeof *files);
    files[nsrcs] = (archive_file){pdf_file, pdf_rel};
    files[nsrcs + 1] = (archive_file){epub_file, epub_rel};

    archive_add_opts ao = {0};
    ao.replace = replace;
    ao.software = "folio " FOLIO_VERSION;
    /* the thumbnail is the cover page as laid out */
    ao.doc = r.doc;
    ao.fonts = r.fonts;
    if (archive_add(archive, &rec, files, nsrcs + 2, &ao, &bag, &d)) goto done;
    status = 0;
    printf("archived 《%s》%s in %s/%s (%d pages, %zu articles, %.2f s)\n", rec.journal, rec.issue,
           archive, bag, rec.pages, rec.narticles, now_s() - t0);
done:
    if (build_dir) {
        /* only the build's two outputs live there */
        if (r.pdf_path) unlink(r.pdf_path);
        if (r.epub_path) unlink(r.epub_path);
        rmdir(build_dir);
    }
    if (status && !existed) {
        /* a failed first add leaves no empty archive behind (rmdir only
         * removes empty folders) */
        char *tmp = fs_join(archive, ".tmp");
        if (tmp) rmdir(tmp);
        free(tmp);
        rmdir(archive);
    }
    int rs = cli_report(&d);
    if (rs && !status) status = rs;
    build_result_free(&r);
    diags_free(&d);
    arena_free(arena);
    free(yaml), free(build_dir), free(pdf_name), free(epub_name), free(ed_dir);
    free(pdf_file), free(epub_file), free(bag);
    return status;
}

/* The commands that take only ARCHIVE and flags. */
static int parse_simple(int argc, char **argv, const char *name, void (*usage)(FILE *),
                        const char **archive, int *all) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (all && !strcmp(a, "--all")) {
            *all = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "folio archive %s: error: unknown option '%s'\n", name, a);
            usage(stderr);
            return 2;
        } else if (!*archive) {
            *archive = a;
        } else {
            fprintf(stderr, "folio archive %s: error: unexpected argument '%s'\n", name, a);
            return 2;
        }
    }
    if (!*archive) {
        fprintf(stderr, "folio archive %s: error: no ARCHIVE folder given\n", name);
        usage(stderr);
        return 2;
    }
    return -1;
}

static int cmd_list(int argc, char **argv) {
    const char *archive = NULL;
    int all = 0;
    int rc = parse_simple(argc, argv, "list", list_usage, &archive, &all);
    if (rc >= 0) return rc;
    folio_diags d;
    diags_init(&d);
    archive_listing l;
    if (!archive_list(archive, all, &l, &d)) {
        for (size_t i = 0; i < l.n; i++) {
            const archive_entry *e = &l.items[i];
            printf("%s\t%s\t%s\t%d pages\t%zu articles%s\n", e->journal, e->issue,
                   *e->date ? e->date : "-", e->pages, e->narticles,
                   e->superseded ? "\tsuperseded" : "");
        }
        archive_listing_free(&l);
    }
    int status = cli_report(&d);
    diags_free(&d);
    return status;
}

static int cmd_search(int argc, char **argv) {
    const char *archive = NULL;
    size_t limit = 20;
    folio_buf q;
    buf_init(&q);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            search_usage(stdout);
            buf_free(&q);
            return 0;
        } else if (!strcmp(a, "--limit")) {
            char *end = NULL;
            long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (i + 1 >= argc || !end || *end || v <= 0) {
                fprintf(stderr, "folio archive search: error: --limit needs a positive number\n");
                buf_free(&q);
                return 2;
            }
            limit = (size_t)v;
            i++;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "folio archive search: error: unknown option '%s'\n", a);
            search_usage(stderr);
            buf_free(&q);
            return 2;
        } else if (!archive) {
            archive = a;
        } else {
            if (q.len) buf_putc(&q, ' ');
            buf_puts(&q, a);
        }
    }
    if (!archive || !q.len) {
        fprintf(stderr, "folio archive search: error: ARCHIVE and QUERY are needed\n");
        search_usage(stderr);
        buf_free(&q);
        return 2;
    }
    folio_diags d;
    diags_init(&d);
    archive_hits h;
    if (!q.oom && !archive_search(archive, q.data, limit, &h, &d)) {
        for (size_t i = 0; i < h.n; i++) {
            const archive_hit *x = &h.items[i];
            if (x->page)
                printf("%s\t%s\t%s\tp.%d\t%s\n", x->journal, x->issue, x->title, x->page,
                       x->snippet);
            else
                printf("%s\t%s\t%s\tp.-\t%s\n", x->journal, x->issue, x->title, x->snippet);
        }
        if (!h.n) fprintf(stderr, "folio archive search: no article matches '%s'\n", q.data);
        archive_hits_free(&h);
    }
    int status = cli_report(&d);
    diags_free(&d);
    buf_free(&q);
    return status;
}

static int cmd_verify(int argc, char **argv) {
    const char *archive = NULL;
    int rc = parse_simple(argc, argv, "verify", verify_usage, &archive, NULL);
    if (rc >= 0) return rc;
    folio_diags d;
    diags_init(&d);
    size_t nbags = 0, nfiles = 0;
    double t0 = now_s();
    int bad = archive_verify(archive, &nbags, &nfiles, &d);
    int status = cli_report(&d);
    if (bad || status) {
        fprintf(stderr, "%s: %zu problem%s found in %zu bags\n", archive, d.nerrors,
                d.nerrors == 1 ? "" : "s", nbags);
        status = 1;
    } else {
        printf("%s: %zu bag%s intact, %zu checksums match (%.2f s)\n", archive, nbags,
               nbags == 1 ? "" : "s", nfiles, now_s() - t0);
    }
    diags_free(&d);
    return status;
}

static int cmd_reindex(int argc, char **argv) {
    const char *archive = NULL;
    int rc = parse_simple(argc, argv, "reindex", reindex_usage, &archive, NULL);
    if (rc >= 0) return rc;
    folio_diags d;
    diags_init(&d);
    size_t n = 0;
    if (!archive_reindex(archive, &n, &d))
        printf("%s: catalogue rebuilt from %zu bag%s\n", archive, n, n == 1 ? "" : "s");
    int status = cli_report(&d);
    diags_free(&d);
    return status;
}

int cmd_archive(int argc, char **argv) {
    if (argc < 2) {
        archive_usage(stderr);
        return 2;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "--help") || !strcmp(sub, "-h") || !strcmp(sub, "help")) {
        archive_usage(stdout);
        return 0;
    }
    if (!strcmp(sub, "add")) return cmd_add(argc - 1, argv + 1);
    if (!strcmp(sub, "list")) return cmd_list(argc - 1, argv + 1);
    if (!strcmp(sub, "search")) return cmd_search(argc - 1, argv + 1);
    if (!strcmp(sub, "verify")) return cmd_verify(argc - 1, argv + 1);
    if (!strcmp(sub, "reindex")) return cmd_reindex(argc - 1, argv + 1);
    fprintf(stderr, "folio archive: error: unknown command '%s'\n\n", sub);
    archive_usage(stderr);
    return 2;
}
