/* main.c — `folio`: dispatches to the commands; the only place that exits. */
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
                 "  archive add|list|search|verify|reindex|serve ARCHIVE ...\n"
                 "                      keep, list, search, verify and serve archived editions\n"
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

static const cli_command commands[] = {
    {"build", cmd_build},     {"check", cmd_check},   {"fonts", cmd_fonts},
    {"archive", cmd_archive}, {"import", cmd_import},
};

int main(int argc, char **argv) {
    if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        printf("folio %s\n", FOLIO_VERSION);
        return 0;
    }
    return cli_dispatch("folio", commands, sizeof commands / sizeof *commands, usage, argc, argv);
}
