/* pipeline.h — the build pipeline as a library: edition → layout → PDF and EPUB.
 *
 * The one place where the stages are run in order. `folio build` calls
 * pipeline_build; `folio archive add` of an edition folder calls it through
 * src/archive; `folio fonts` and `folio check` run its first stages. Nothing
 * here prints: progress goes to the caller's callbacks, problems into a
 * folio_diags, and stage times into the result. */
#ifndef FOLIO_PIPELINE_H
#define FOLIO_PIPELINE_H

#include <stddef.h>

#include "../edition/edition.h"
#include "../epub/epub.h"
#include "../fonts/coverage.h"
#include "../fonts/fonts.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include "../util/diag.h"

/* What a build reports as it goes, for a progress display; every member
 * may be NULL. */
typedef struct folio_build_progress {
    void (*layout_page)(size_t pages, void *user);            /* pages laid out so far */
    void (*pdf_page)(size_t page, size_t npages, void *user); /* page drawn (from 1) */
    void (*stage)(const char *what, void *user);              /* a stage begins */
    void (*wrote)(const char *path, void *user);              /* an output is in place */
    void *user;
} folio_build_progress;

typedef struct folio_build_opts {
    const char *edition_dir; /* NULL: no edition (pipeline_fonts lists the roles only) */
    const char *data_dir;    /* the folder holding layouts/ and fonts/ */
    const char *outdir;      /* NULL: output/<edition folder name>/ */
    const char *layout;      /* NULL: the edition's `layout:`, else magazine */
    const char *dump_layout; /* NULL: none */
    int want_pdf, want_epub; /* neither set: both */
    folio_pdf_options pdf;   /* its version is filled in by the pipeline */
    folio_epub_options epub; /* likewise */
    folio_build_progress progress;
} folio_build_opts;

/* Seconds each stage took. */
typedef struct folio_build_times {
    double read, fonts, layout, pdf, epub, total;
} folio_build_times;

/* What a build made. The caller owns it: release with pipeline_build_free
 * (also after an error, which leaves whatever was made so far). */
typedef struct folio_build {
    folio_edition *edition;
    folio_layout *layout;
    const char *layout_name; /* the layout used (owned by opts or the edition) */
    folio_fonts *fonts;
    folio_doc *doc;
    char *outdir;    /* malloc'd; NULL when nothing was written */
    char *pdf_path;  /* malloc'd; NULL when not written */
    char *epub_path; /* malloc'd; NULL when not written */
    folio_build_times times;
} folio_build;

/* Runs the whole pipeline: reads the edition, loads its layout and fonts,
 * lays it out, writes the layout dump when asked, then the PDF and the EPUB
 * into the output folder (created when missing; each file written atomically).
 * Returns 0, or -1 with diagnostics in d. */
int pipeline_build(const folio_build_opts *o, folio_build *b, folio_diags *d);

/* The first stages only: the edition (when o->edition_dir), its layout and
 * the fonts with the layout's and the edition's overrides (without an edition:
 * the fonts of fonts/roles.yaml as they are). Returns 0 or -1 as above. */
int pipeline_prepare(const folio_build_opts *o, folio_build *b, folio_diags *d);

/* pipeline_prepare, then (with an edition) the coverage of its characters by
 * the fonts into *cov (release with fonts_coverage_free; zeroed without an
 * edition or on error). Returns 0 or -1. */
int pipeline_fonts(const folio_build_opts *o, folio_build *b, folio_coverage *cov, folio_diags *d);

/* Validates the edition folder without writing anything: every problem of
 * the edition, and a `layout:` that names no layout in data_dir/layouts/.
 * Returns 0 when there was no error, else -1 (the problems are in d). */
int pipeline_check(const char *edition_dir, const char *data_dir, folio_diags *d);

/* Frees what a build made and zeroes *b. A zeroed struct is allowed. */
void pipeline_build_free(folio_build *b);

#endif
