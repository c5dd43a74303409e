/* issue.c — placeholder until the back-issue importer lands (see issue.h). */
#include "issue.h"

int import_issue(const folio_import_opts *o, folio_source_kind kind, folio_diags *d) {
    return diag_error(d, o->source, 0,
                      "importing a past issue from %s is not available in this build yet",
                      kind == FOLIO_SOURCE_PDF ? "a PDF" : "a text file");
}
