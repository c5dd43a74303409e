/* stub.c — placeholder until the PDF backend lands (delete when implementing). */
#include "pdf.h"
int pdf_write(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
              const folio_pdf_options *opt, const char *path, folio_diags *d) {
    (void)e, (void)doc, (void)f, (void)opt;
    return diag_error(d, path, 0, "PDF backend not implemented");
}
