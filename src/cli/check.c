/* check.c — `folio check`: validate an edition, write nothing. */
#include "commands.h"

#include "../util/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_usage(FILE *out) {
    fprintf(out, "usage: folio check EDITION\n"
                 "\n"
                 "Reads and validates the edition folder EDITION without writing anything,\n"
                 "and prints every problem found as PATH:LINE: error: WHAT.\n"
                 "Exit status: 0 valid (warnings allowed), 1 errors found, 2 bad command line.\n");
}

int cmd_check(int argc, char **argv) {
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            check_usage(stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "folio check: error: unknown option '%s'\n", argv[i]);
            check_usage(stderr);
            return 2;
        }
        if (dir) {
            fprintf(stderr, "folio check: error: more than one EDITION given ('%s')\n", argv[i]);
            return 2;
        }
        dir = argv[i];
    }
    if (!dir) {
        fprintf(stderr, "folio check: error: no EDITION folder given\n");
        check_usage(stderr);
        return 2;
    }
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(dir, 1, &d);
    if (e && e->layout) {
        /* An unknown layout is an error of the edition, named with the known ones. */
        char *layouts_dir = fs_join(cli_data_dir(), "layouts");
        if (layouts_dir) {
            folio_layout *l =
                layout_load(layouts_dir, e->layout, "edition.yaml", e->layout_line, &d);
            layout_free(l);
            free(layouts_dir);
        }
    }
    int status = cli_report(&d);
    edition_free(e);
    diags_free(&d);
    return status;
}
