/* stub.c — placeholder until the EPUB packager lands (delete when implementing). */
#include "epub.h"
int epub_write(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
               const folio_epub_options *opt, const char *path, folio_diags *d) {
    (void)e, (void)doc, (void)f, (void)opt;
    return diag_error(d, path, 0, "EPUB packager not implemented");
}
