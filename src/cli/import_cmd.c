/* import_cmd.c — `folio import`: a Word manuscript or a past issue brought in. */
#include "commands.h"

#include "../import/import.h"

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
                 "\n"
                 "Exit status: 0 imported (warnings allowed), 1 the source cannot be imported,\n"
                 "2 bad command line.\n");
}

int cmd_import(int argc, char **argv) {
    enum { OPT_EDITION = 256, OPT_SECTION };
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"edition", required_argument, NULL, OPT_EDITION},
                                             {"section", required_argument, NULL, OPT_SECTION},
                                             CLI_HELP,
                                             {0}};
    cli_args a;
    cli_args_init(&a, "folio import", import_usage, "o:h", longopts, argc, argv);
    folio_import_opts o = {0};
    int c;
    while ((c = cli_next(&a)) > 0) {
        if (c == 'o') o.out = optarg;
        if (c == OPT_EDITION) o.edition_dir = optarg;
        if (c == OPT_SECTION) o.section = optarg;
    }
    if (c < 0) return a.status;
    int n;
    char **sources = cli_operands(&a, &n);
    if (n == 0) return cli_usage_error(&a, 1, "no SOURCE file given");
    if (n > 1) return cli_usage_error(&a, 0, "more than one SOURCE given ('%s')", sources[1]);
    if (!o.out && !o.edition_dir)
        return cli_usage_error(
            &a, 1, "say where the result goes: -o PATH, or --edition DIR --section NAME");
    if (o.out && o.edition_dir)
        return cli_usage_error(&a, 1, "-o and --edition exclude each other");
    if (!o.edition_dir != !o.section)
        return cli_usage_error(&a, 1, "--edition and --section go together");
    o.source = sources[0];
    folio_diags d;
    diags_init(&d);
    import_run(&o, &d);
    int status = cli_report(&d);
    diags_free(&d);
    return status;
}
