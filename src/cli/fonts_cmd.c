/* fonts_cmd.c — `folio fonts`: placeholder until the font module lands. */
#include "commands.h"
#include <stdio.h>
int cmd_fonts(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "folio fonts: not implemented yet\n");
    return 1;
}
