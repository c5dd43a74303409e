/* file_build.h — `archive add`: filing an edition folder (built on the way)
 * or a folder that `folio build` wrote.
 *
 * The one part of the archive that runs the build pipeline; archive.h itself
 * knows nothing of building (it takes a record and files). */
#ifndef FOLIO_ARCHIVE_FILE_BUILD_H
#define FOLIO_ARCHIVE_FILE_BUILD_H

#include "../util/diag.h"

typedef struct archive_file_opts {
    const char *data_dir;  /* layouts/ and fonts/ for building */
    const char *layout;    /* the layout to build with; NULL: the edition's */
    const char *edition;   /* the edition folder an output folder was built from;
                              NULL: found from the output folder */
    int replace;           /* keep an archived issue as superseded and replace it */
    const char *software;  /* Bag-Software-Agent, e.g. "folio 0.1.0" */
    const char *catalogue; /* a postgresql:// URL; NULL: the archive's catalogue.sqlite */
} archive_file_opts;

/* What was filed, for the caller's message. */
typedef struct archive_filed {
    char *journal, *issue; /* malloc'd */
    char *bag;             /* malloc'd; relative to the archive */
    int pages;
    size_t narticles;
} archive_filed;

/* Files src into the archive (created when missing): an edition folder (it
 * has edition.yaml) is built into the archive's work area first; any other
 * folder must hold the one NAME.pdf and NAME.epub of a build. A failed first
 * add leaves no archive folder behind. Returns 0 (release *out with
 * archive_filed_free), or -1 with diagnostics in d. */
int archive_file_build(const char *archive, const char *src, const archive_file_opts *o,
                       archive_filed *out, folio_diags *d);

/* Files a past issue's PDF as it is (file_legacy.c): the PDF's bytes are the
 * bag's master; its text imported into an edition (src/import) kept in the
 * bag with import-report.txt, an EPUB built from it; the catalogue record is
 * marked imported and each article points at the original PDF's page. The
 * import's warnings are passed on. Returns 0, or -1 with diagnostics and the
 * archive as it was. */
int archive_file_legacy(const char *archive, const char *pdf, const archive_file_opts *o,
                        archive_filed *out, folio_diags *d);

/* Frees what archive_file_build returned; a zeroed struct is allowed. */
void archive_filed_free(archive_filed *f);

#endif
