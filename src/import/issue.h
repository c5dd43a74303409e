/* issue.h — a past issue (its text extracted from print, or its PDF) rebuilt
 * as an edition folder: `folio import ISSUE.txt|ISSUE.pdf -o EDITION_DIR`.
 *
 * Owned by the back-issue importer (src/import/issue*.c); the dispatcher in
 * import.c calls it once it has told the kind of the source. */
#ifndef FOLIO_IMPORT_ISSUE_H
#define FOLIO_IMPORT_ISSUE_H

#include "import.h"

/* Imports the issue o->source (kind FOLIO_SOURCE_TEXT or FOLIO_SOURCE_PDF)
 * into the edition folder o->out, with import-report.txt beside edition.yaml
 * listing what it was unsure of. Writes nothing on error. Returns 0, or -1
 * with the errors in d (messages name o->source). */
int import_issue(const folio_import_opts *o, folio_source_kind kind, folio_diags *d);

#endif
