/* import.h — bringing outside material into editions: `folio import`.
 *
 * One entry point for the command line. The source's kind is told by its
 * content, never by its name: a Word manuscript (.docx, a zip holding
 * word/document.xml) becomes one article; a past issue (a text extracted
 * from print, or a PDF) becomes a whole edition (see issue.h). Sources that
 * cannot be read (.doc, an encrypted OOXML package, an OpenDocument file,
 * another kind of zip or compound file) are named in the error. */
#ifndef FOLIO_IMPORT_H
#define FOLIO_IMPORT_H

#include "../util/diag.h"

typedef enum {
    FOLIO_SOURCE_TEXT, /* plain text (of a printed issue) */
    FOLIO_SOURCE_PDF,  /* starts with %PDF- */
    FOLIO_SOURCE_DOCX, /* an OOXML zip holding word/document.xml */
} folio_source_kind;

/* What `folio import` was asked to do. Fields may be added; zero means unset. */
typedef struct folio_import_opts {
    const char *source;      /* the file to import */
    const char *out;         /* -o: ARTICLE.md for a manuscript, EDITION_DIR for an issue */
    const char *edition_dir; /* --edition: file the result into this edition */
    const char *section;     /* --section: the contents section to file it under */
    /* Filled by an issue import when not NULL (for filing a legacy PDF): the
     * source page of each article's title, indexed by the number of its file
     * articles/NN.md less one (malloc'd; the caller frees), their count, and
     * the source's pages. */
    int **source_pages;
    size_t *nsource_pages;
    int *source_page_count;
} folio_import_opts;

/* Tells the source's kind by its first bytes (and, for a zip or an OLE2
 * compound file, by its entries). Returns 0 and sets *kind, or -1 after
 * adding an error to d that names what the file is and what to do (a .doc,
 * a password-protected document, an .odt, a damaged zip, ...). */
int import_sniff(const char *source, folio_source_kind *kind, folio_diags *d);

/* Runs one import: sniffs the source, then imports a manuscript (docx.h) or
 * an issue (issue.h). Nothing is written unless the whole import succeeds.
 * Returns 0, or -1 with the errors in d (warnings about what could not be
 * carried over are added to d on success too). */
int import_run(const folio_import_opts *o, folio_diags *d);

#endif
