/* pdf.h — the print PDF: draws a laid-out document through libharu. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include "../edition/edition.h"
#include "../fonts/fonts.h"
#include "../layout/layout.h"
#include "../util/diag.h"

/* What the PDF claims to be. Every PDF is tagged (its structure from the
 * page model); the claims add what each standard asks of a file. */
typedef enum {
    FOLIO_PDF_STANDARD_DEFAULT, /* PDF/A-2u + PDF/UA-1 (with print: and PDF/X-4) */
    FOLIO_PDF_STANDARD_NONE,    /* no claim */
} folio_pdf_standard;

typedef struct folio_pdf_options {
    int bleed;           /* extend backgrounds and images into the bleed and write
                            TrimBox/BleedBox */
    int crop_marks;      /* draw crop marks outside the bleed */
    const char *version; /* written as Creator "folio VERSION" */
    folio_pdf_standard standard;
    int print;                  /* the print shop's PDF: a CMYK output intent
                                   (PDF/X-4), text and rules in black ink (K),
                                   RGB pictures ICC-based, TrimBox on every
                                   page, no link annotations */
    const char *output_profile; /* the printer's CMYK ICC profile (NULL: the
                                   default, see pdf_standard.c) */
} folio_pdf_options;

/* Writes doc as a PDF to path: to a temporary file in the same folder, renamed
 * into place only when complete, so an earlier file survives any failure.
 * Fonts are embedded as subsets with ToUnicode maps; metadata (UTF-16 info and
 * XMP) comes from the edition, dates from it or SOURCE_DATE_EPOCH. The same
 * input gives the same bytes. Returns 0, or -1 with diagnostics. */
int pdf_write(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
              const folio_pdf_options *opt, const char *path, folio_diags *d);

/* Called after each page is drawn (page counts from 1); the file is
 * compressed and saved after the last. */
typedef void (*folio_pdf_progress)(size_t page, size_t npages, void *user);

/* pdf_write, calling progress (when not NULL) with user as it goes. */
int pdf_write_progress(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
                       const folio_pdf_options *opt, const char *path, folio_diags *d,
                       folio_pdf_progress progress, void *user);

#endif
