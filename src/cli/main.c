/* main.c — `folio`: dispatches to the subcommands; the only place that exits. */
#include "commands.h"
#include "version.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out) {
    fprintf(out, "usage: folio COMMAND [ARGS]\n"
                 "\n"
                 "Typesets an edition folder (edition.yaml + articles/*.md) into a print PDF\n"
                 "and an EPUB, and keeps past editions in a searchable archive.\n"
                 "\n"
                 "commands:\n"
                 "  build EDITION [-o OUTDIR] [--pdf] [--epub] [--layout NAME]\n"
                 "                      typeset the edition into OUTDIR (default output/NAME/)\n"
                 "  check EDITION       validate the edition and report every problem\n"
                 "  fonts [EDITION]     show the font of each role and the edition's coverage\n"
                 "  archive add|list|search|verify|reindex ARCHIVE ...\n"
                 "                      keep, list, search and verify archived editions\n"
                 "  import SOURCE (-o OUT | --edition DIR --section NAME)\n"
                 "                      a manuscript (.docx) as an article, a past issue as an\n"
                 "                      edition\n"
                 "\n"
                 "  folio COMMAND --help   help on one command\n"
                 "  folio --version        the version\n"
                 "\n"
                 "Exit status: 0 success, 1 bad input (PATH:LINE: error: WHAT on stderr),\n"
                 "2 bad command line.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("folio %s\n", FOLIO_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "build")) return cmd_build(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "fonts")) return cmd_fonts(argc - 1, argv + 1);
    if (!strcmp(cmd, "archive")) return cmd_archive(argc - 1, argv + 1);
    if (!strcmp(cmd, "import")) return cmd_import(argc - 1, argv + 1);
    fprintf(stderr, "folio: error: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
