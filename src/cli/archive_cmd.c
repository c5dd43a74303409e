/* archive_cmd.c — `folio archive`: placeholder until the archive lands. */
#include "commands.h"
#include <stdio.h>
int cmd_archive(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "folio archive: not implemented yet\n");
    return 1;
}
