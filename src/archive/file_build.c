/* file_build.c — `archive add`: an edition built then filed, or a build's output folder filed. */
#include "file_build.h"
#include "archive_private.h"

#include "../pipeline/manifest.h"
#include "../pipeline/pipeline.h"
#include "../util/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void archive_filed_free(archive_filed *f) {
    free(f->journal);
    free(f->issue);
    free(f->bag);
    memset(f, 0, sizeof *f);
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* What is being filed: the build (model, pages, fonts) and the two files. */
typedef struct filing {
    folio_build b;
    folio_manifest m; /* an output folder's: the facts of its build */
    char *work;       /* the work folder an edition was built into; NULL: none */
    char *pdf_file;   /* the PDF and EPUB to keep */
    char *epub_file;
} filing;

/* Builds the edition folder src into a work folder of the archive. */
static int build_edition(const char *archive, const char *src, const archive_file_opts *o,
                         filing *f, folio_diags *d) {
    if (o->edition) diag_warning(d, src, 0, "--edition is ignored: this is an edition folder");
    char *tmp = fs_join(archive, ".tmp");
    int e = tmp ? fs_mkdirs(tmp) : ENOMEM;
    free(tmp);
    if (!e && !(f->work = archive_mkwork(archive, "build", 1))) e = errno ? errno : ENOMEM;
    if (e) return diag_error(d, archive, 0, "cannot create a work folder: %s", strerror(e));
    folio_build_opts bo = {
        .edition_dir = src, .data_dir = o->data_dir, .outdir = f->work, .layout = o->layout};
    if (pipeline_build(&bo, &f->b, d) || !f->b.pdf_path || !f->b.epub_path) return -1;
    f->pdf_file = strdup(f->b.pdf_path);
    f->epub_file = strdup(f->b.epub_path);
    return 0;
}

/* The edition the manifest names (or --edition) ready to file with an
 * output folder. */
static int prepare_edition(const char *src, const archive_file_opts *o, filing *f, folio_diags *d) {
    const char *ed = o->edition ? o->edition : f->m.edition;
    char *y = fs_join(ed, "edition.yaml");
    int ok = y && fs_is_file(y);
    free(y);
    if (!ok)
        return diag_error(d, ed, 0,
                          o->edition ? "no edition.yaml in the folder given by --edition"
                                     : "the edition %s was built from is not there any more; "
                                       "give its folder with --edition DIR",
                          src);
    if (o->layout && strcmp(o->layout, f->m.layout))
        diag_warning(d, src, 0, "--layout %s is ignored: the build used %s", o->layout,
                     f->m.layout);
    folio_build_opts bo = {.edition_dir = ed, .data_dir = o->data_dir, .layout = f->m.layout};
    return pipeline_prepare(&bo, &f->b, d);
}

/* An output folder: its manifest says what was built from what; the edition
 * is laid out again only to draw the cover thumbnail. */
static int read_outdir(const char *src, const archive_file_opts *o, filing *f, folio_diags *d) {
    if (pipeline_manifest_read(src, &f->m, d)) return -1;
    if (!f->m.pdf || !f->m.epub)
        return diag_error(d, src, 0,
                          "holds only the %s of its build; the archive keeps both the PDF and "
                          "the EPUB (build without --pdf or --epub)",
                          f->m.pdf ? "PDF" : "EPUB");
    if (o->edition)
        diag_warning(d, src, 0, "filed with the edition of --edition, not %s", f->m.edition);
    if (prepare_edition(src, o, f, d)) return -1;
    f->b.doc = layout_run(f->b.edition, f->b.layout, f->b.fonts, d);
    if (!f->b.doc) return -1;
    f->pdf_file = strdup(f->m.pdf);
    f->epub_file = strdup(f->m.epub);
    return 0;
}

/* The record's pages as the build's manifest records them: the edition's
 * articles must be the ones that were built. */
static int pages_from_manifest(const folio_manifest *m, const folio_edition *e, archive_record *rec,
                               folio_diags *d) {
    int same = m->narticles == e->narticles && rec->narticles == e->narticles;
    for (size_t i = 0; same && i < m->narticles; i++)
        same = e->articles[i].path && !strcmp(m->articles[i].file, e->articles[i].path);
    if (!same)
        return diag_error(d, m->path, 0,
                          "lists other articles than the edition has now: the edition changed "
                          "after the build; build it again");
    rec->pages = m->pages;
    for (size_t i = 0; i < m->narticles; i++) {
        rec->articles[i].pdf_page = m->articles[i].pdf_page;
        rec->articles[i].first_page = m->articles[i].first;
        rec->articles[i].last_page = m->articles[i].last;
    }
    return 0;
}

/* The catalogue record, the files to keep, and the bag. */
static int file_it(const char *archive, const archive_file_opts *o, filing *f, archive_filed *out,
                   folio_diags *d) {
    folio_arena *arena = arena_new();
    archive_record rec;
    archive_file *srcs = NULL, *files = NULL;
    size_t nsrcs = 0;
    int rc = -1;
    const char *pdf_rel = base_name(f->pdf_file), *epub_rel = base_name(f->epub_file);
    if (!arena ||
        archive_record_from_edition(f->b.edition, f->b.doc, pdf_rel, epub_rel, arena, &rec) ||
        archive_edition_sources(f->b.edition, arena, &srcs, &nsrcs) ||
        !(files = arena_calloc(arena, nsrcs + 2, sizeof *files))) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    if (f->m.path && pages_from_manifest(&f->m, f->b.edition, &rec, d)) goto done;
    memcpy(files, srcs, nsrcs * sizeof *files);
    files[nsrcs] = (archive_file){f->pdf_file, pdf_rel};
    files[nsrcs + 1] = (archive_file){f->epub_file, epub_rel};
    archive_add_opts ao = {
        .replace = o->replace, .software = o->software, .catalogue = o->catalogue};
    /* the thumbnail is the cover page as laid out */
    ao.doc = f->b.doc;
    ao.fonts = f->b.fonts;
    if (archive_add(archive, &rec, files, nsrcs + 2, &ao, &out->bag, d)) goto done;
    out->journal = strdup(rec.journal);
    out->issue = strdup(rec.issue);
    out->pages = rec.pages;
    out->narticles = rec.narticles;
    if (!out->journal || !out->issue) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    rc = 0;
done:
    arena_free(arena);
    return rc;
}

int archive_file_build(const char *archive, const char *src, const archive_file_opts *o,
                       archive_filed *out, folio_diags *d) {
    memset(out, 0, sizeof *out);
    int existed = fs_is_dir(archive);
    filing f = {0};
    char *yaml = fs_join(src, "edition.yaml");
    int rc = -1;
    long long t_fixed;
    if (!yaml)
        diag_error(d, NULL, 0, "out of memory");
    else if (date_source_epoch(&t_fixed, d) < 0)
        ; /* the bagging date would be garbage */
    else if (fs_is_file(src))
        rc = archive_file_legacy(archive, src, o, out, d);
    else if (!fs_is_dir(src))
        diag_error(d, src, 0, "no such folder or file");
    else if (!(fs_is_file(yaml) ? build_edition(archive, src, o, &f, d)
                                : read_outdir(src, o, &f, d))) {
        if (!f.pdf_file || !f.epub_file)
            diag_error(d, NULL, 0, "out of memory");
        else
            rc = file_it(archive, o, &f, out, d);
    }
    /* the work folder holds the build's outputs and manifest, nothing else */
    if (f.work) archive_rmtree(f.work);
    if (rc && !existed) {
        /* a failed first add leaves no empty archive behind (rmdir only
         * removes empty folders) */
        char *tmp = fs_join(archive, ".tmp");
        if (tmp) rmdir(tmp);
        free(tmp);
        rmdir(archive);
    }
    if (rc) archive_filed_free(out);
    pipeline_build_free(&f.b);
    pipeline_manifest_free(&f.m);
    free(f.work), free(f.pdf_file), free(f.epub_file), free(yaml);
    return rc;
}
