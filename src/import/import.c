/* import.c — `folio import`: the source's kind decides who imports it. */
#include "import.h"

#include "docx.h"
#include "issue.h"

int import_run(const folio_import_opts *o, folio_diags *d) {
    folio_source_kind kind;
    if (import_sniff(o->source, &kind, d)) return -1;
    if (kind == FOLIO_SOURCE_DOCX) return docx_import(o, d);
    return import_issue(o, kind, d);
}
