/* epub.h — the EPUB 3 of an edition, packaged with libzip. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include "../edition/edition.h"
#include "../fonts/fonts.h"
#include "../layout/layout.h"
#include "../util/diag.h"

typedef struct folio_epub_options {
    int embed_fonts;     /* embed subset fonts of the roles with @font-face */
    const char *version; /* folio's version, for the generator meta */
} folio_epub_options;

/* Writes the edition as an EPUB 3 to path (temporary file + rename, so an
 * earlier file survives any failure; byte-identical for the same input).
 * doc, when not NULL, gives the print page numbers for the page list; f is
 * needed only with embed_fonts (may be NULL otherwise). Returns 0, or -1 with
 * diagnostics. */
int epub_write(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
               const folio_epub_options *opt, const char *path, folio_diags *d);

#endif
