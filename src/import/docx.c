/* docx.c — placeholder: the manuscript importer follows (see docx.h). */
#include "docx.h"

int docx_import(const folio_import_opts *o, folio_diags *d) {
    return diag_error(d, o->source, 0, "importing a .docx manuscript is not available yet");
}
