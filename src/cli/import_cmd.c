/* import_cmd.c — `folio import`: a Word manuscript or a past issue brought in. */
#include "commands.h"

#include "../import/import.h"

#include <getopt.h>
#include <stdio.h>

static void import_usage(FILE *out) {
    fprintf(out, "usage: folio import FILE.docx -o ARTICLE.md\n"
                 "       folio import FILE.docx --edition DIR --section NAME\n"
                 "       folio import ISSUE.txt|ISSUE.pdf -o EDITION_DIR\n"
                 "\n"
                 "Brings outside material in; the kind of SOURCE is told by its content.\n"
                 "A Word manuscript (.docx from Word, WPS or LibreOffice) becomes one article:\n"
                 "front matter (title, subtitle, authors, source) and its text as Markdown,\n"
                 "with its pictures extracted to images/ beside the article. With --edition it\n"
                 "is filed into that edition: the article under articles/, its pictures under\n"
                 "images/, and an entry in the contents of edition.yaml under --section.\n"
                 "A past issue (its text extracted from print, or a PDF) becomes an edition\n"
                 "folder with import-report.txt listing what the import was unsure of.\n"
                 "What cannot be carried over (tables, text boxes, equations) is reported\n"
                 "as a warning; nothing is written when the import fails.\n"
                 "\n"
                 "options:\n"
                 "  -o, --output PATH     the article file (manuscript) or edition folder (issue)\n"
                 "  --edition DIR         file the manuscript into this edition\n"
                 "  --section NAME        the contents section to file it under (with --edition)\n"
                 "  -q, --quiet           no progress line\n"
                 "\n"
                 "Exit status: 0 imported (warnings allowed), 1 the source cannot be imported,\n"
                 "2 bad command line.\n");
}

int cmd_import(int argc, char **argv) {
    enum { OPT_EDITION = 256, OPT_SECTION };
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"edition", required_argument, NULL, OPT_EDITION},
                                             {"section", required_argument, NULL, OPT_SECTION},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    folio_import_opts o = {0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            o.out = optarg;
            break;
        case OPT_EDITION:
            o.edition_dir = optarg;
            break;
        case OPT_SECTION:
            o.section = optarg;
            break;
        case 'q':
            o.quiet = 1;
            break;
        case 'h':
            import_usage(stdout);
            return 0;
        case ':':
            fprintf(stderr, "folio import: error: option '%s' needs a value\n", argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, "folio import: error: unknown option '%s'\n", argv[optind - 1]);
            import_usage(stderr);
            return 2;
        }
    }
    const char *why = NULL;
    if (optind >= argc)
        why = "no SOURCE file given";
    else if (argc - optind > 1)
        why = "more than one SOURCE given";
    else if (!o.out && !o.edition_dir)
        why = "say where the result goes: -o PATH, or --edition DIR --section NAME";
    else if (o.out && o.edition_dir)
        why = "-o and --edition exclude each other";
    else if (!o.edition_dir != !o.section)
        why = "--edition and --section go together";
    if (why) {
        fprintf(stderr, "folio import: error: %s\n", why);
        import_usage(stderr);
        return 2;
    }
    o.source = argv[optind];
    folio_diags d;
    diags_init(&d);
    import_run(&o, &d);
    int status = cli_report(&d);
    diags_free(&d);
    return status;
}
