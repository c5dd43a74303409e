/* manifest.h — the facts of a build, written beside its outputs.
 *
 * `folio build` leaves OUTDIR/NAME.build.yaml next to NAME.pdf and
 * NAME.epub: the edition folder it read, the layout, the pages, each
 * article's pages and the SHA-256 of each output. `folio archive add OUTDIR`
 * reads it instead of guessing where the edition is and laying it out again
 * for page numbers. The file is YAML (the one reader of src/util/yaml.h), with
 * no time in it, so a rebuild writes it byte for byte again. */
#ifndef FOLIO_PIPELINE_MANIFEST_H
#define FOLIO_PIPELINE_MANIFEST_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/diag.h"

/* The suffix of a manifest's file name (NAME.build.yaml). */
#define FOLIO_MANIFEST_SUFFIX ".build.yaml"

typedef struct folio_manifest_article {
    const char *file; /* as listed in edition.yaml */
    int pdf_page;     /* the page of its title, from 1 */
    int first, last;  /* printed page numbers; 0 when none */
} folio_manifest_article;

/* A manifest as read back; everything lives in arena. */
typedef struct folio_manifest {
    folio_arena *arena;
    const char *path;       /* the manifest file */
    const char *edition;    /* the edition folder, absolute */
    const char *layout;     /* the layout's name */
    const char *pdf, *epub; /* paths of the outputs (OUTDIR joined); NULL when not built */
    int pages;              /* pages of the PDF */
    folio_manifest_article *articles;
    size_t narticles;
} folio_manifest;

struct folio_build;

/* Writes b's manifest into b->outdir (atomically) after its outputs: the
 * SHA-256 of each is read back from the file. Returns 0 or -1 with a
 * diagnostic. */
int pipeline_manifest_write(const struct folio_build *b, folio_diags *d);

/* Reads the one NAME.build.yaml of outdir into *m and checks that each
 * output it lists is there with the SHA-256 it records. Returns 0 (release
 * with pipeline_manifest_free), or -1 with a diagnostic: no manifest (or more
 * than one), a malformed one, an output missing or changed since the build. */
int pipeline_manifest_read(const char *outdir, folio_manifest *m, folio_diags *d);

/* Frees a manifest read back; a zeroed struct is allowed. */
void pipeline_manifest_free(folio_manifest *m);

#endif
