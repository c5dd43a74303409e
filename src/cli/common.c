/* common.c — what every subcommand shares: the data folder and reporting. */
#include "commands.h"
#include "version.h"

#include <stdlib.h>

const char *cli_data_dir(void) {
    const char *env = getenv("FOLIO_DATA_DIR");
    return env && *env ? env : FOLIO_SOURCE_DIR;
}

int cli_report(const folio_diags *d) {
    diags_print(d, stderr);
    return d->nerrors ? 1 : 0;
}
