/* file_legacy.c — `archive add ARCHIVE FILE.pdf`: a past issue's PDF filed as
 * it is. Its bytes are the bag's master, never rewritten; its text is
 * imported into an edition kept beside it (src/import), from which the EPUB
 * is built and the catalogue record made, every article pointing at the page
 * of the original PDF its title stands on. */
#include "archive_private.h"
#include "file_build.h"

#include "../import/import.h"
#include "../pipeline/pipeline.h"
#include "../util/fsutil.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *f) {
    (void)st, (void)flag, (void)f;
    remove(p);
    return 0;
}

typedef struct legacy {
    char *work, *edition, *out;
    int *pages; /* source page of articles/NN.md's title, at NN - 1 */
    size_t npages;
    int page_count;
    folio_build b;
} legacy;

/* The source page of an article, from its file name articles/NN.md. */
static int page_of(const legacy *l, const char *path) {
    const char *s = strrchr(path, '/');
    long n = s ? strtol(s + 1, NULL, 10) : 0;
    return n >= 1 && (size_t)n <= l->npages ? l->pages[n - 1] : 0;
}

/* Imports the PDF into work/edition and builds it into work/out. */
static int import_and_build(const char *archive, const char *pdf, const archive_file_opts *o,
                            legacy *l, folio_diags *d) {
    char *tmp = fs_join(archive, ".tmp");
    int e = tmp ? fs_mkdirs(tmp) : ENOMEM;
    free(tmp);
    if (!e && !(l->work = archive_mkwork(archive, "import", 1))) e = errno ? errno : ENOMEM;
    if (e) return diag_error(d, archive, 0, "cannot create a work folder: %s", strerror(e));
    /* the edition folder is named as the PDF, and so is the EPUB built from it */
    const char *base = strrchr(pdf, '/') ? strrchr(pdf, '/') + 1 : pdf;
    size_t n = strlen(base);
    char *stem = strndup(base, n > 4 && !strcasecmp(base + n - 4, ".pdf") ? n - 4 : n);
    l->edition =
        stem && *stem && *stem != '.' ? fs_join(l->work, stem) : fs_join(l->work, "edition");
    free(stem);
    l->out = fs_join(l->work, "out");
    if (!l->edition || !l->out) return diag_error(d, NULL, 0, "out of memory");
    folio_source_kind kind;
    if (import_sniff(pdf, &kind, d)) return -1;
    if (kind != FOLIO_SOURCE_PDF)
        return diag_error(d, pdf, 0,
                          "not a PDF: archive add takes an edition folder, a build's "
                          "output folder, or a past issue's PDF");
    folio_import_opts io = {.source = pdf,
                            .out = l->edition,
                            .source_pages = &l->pages,
                            .nsource_pages = &l->npages,
                            .source_page_count = &l->page_count};
    if (import_run(&io, d)) return -1;
    folio_build_opts bo = {.edition_dir = l->edition,
                           .data_dir = o->data_dir,
                           .outdir = l->out,
                           .layout = o->layout,
                           .want_epub = 1};
    return pipeline_build(&bo, &l->b, d) || !l->b.epub_path ? -1 : 0;
}

/* The record of the imported edition, its pages those of the original PDF. */
static int legacy_record(legacy *l, const char *pdf_rel, folio_arena *a, archive_record *rec) {
    const char *epub_rel = strrchr(l->b.epub_path, '/') + 1;
    if (archive_record_from_edition(l->b.edition, l->b.doc, pdf_rel, epub_rel, a, rec)) return -1;
    rec->imported = 1;
    rec->pages = l->page_count;
    for (size_t i = 0; i < rec->narticles; i++) {
        archive_article *x = &rec->articles[i];
        x->pdf_page = x->first_page = page_of(l, l->b.edition->articles[i].path);
        x->last_page = x->first_page;
    }
    return 0;
}

static int file_legacy(const char *archive, const char *pdf, const archive_file_opts *o, legacy *l,
                       archive_filed *out, folio_diags *d) {
    const char *pdf_rel = strrchr(pdf, '/') ? strrchr(pdf, '/') + 1 : pdf;
    folio_arena *a = arena_new();
    archive_record rec;
    archive_file *srcs = NULL, *files = NULL;
    size_t n = 0;
    int rc = -1;
    char *report = fs_join(l->edition, "import-report.txt");
    if (!a || !report || legacy_record(l, pdf_rel, a, &rec) ||
        archive_edition_sources(l->b.edition, a, &srcs, &n) ||
        !(files = arena_calloc(a, n + 3, sizeof *files))) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    memcpy(files, srcs, n * sizeof *files);
    files[n] = (archive_file){pdf, pdf_rel};
    files[n + 1] = (archive_file){l->b.epub_path, rec.epub};
    files[n + 2] = (archive_file){report, "import-report.txt"};
    archive_add_opts ao = {.replace = o->replace,
                           .software = o->software,
                           .doc = l->b.doc,
                           .fonts = l->b.fonts,
                           .catalogue = o->catalogue};
    if (archive_add(archive, &rec, files, n + 3, &ao, &out->bag, d)) goto done;
    out->journal = strdup(rec.journal);
    out->issue = strdup(rec.issue);
    out->pages = rec.pages;
    out->narticles = rec.narticles;
    rc = out->journal && out->issue ? 0 : diag_error(d, NULL, 0, "out of memory");
done:
    free(report);
    arena_free(a);
    return rc;
}

int archive_file_legacy(const char *archive, const char *pdf, const archive_file_opts *o,
                        archive_filed *out, folio_diags *d) {
    legacy l = {0};
    int rc =
        import_and_build(archive, pdf, o, &l, d) ? -1 : file_legacy(archive, pdf, o, &l, out, d);
    if (l.work) nftw(l.work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    pipeline_build_free(&l.b);
    free(l.work), free(l.edition), free(l.out), free(l.pages);
    return rc;
}
