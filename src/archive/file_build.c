/* file_build.c — `archive add`: an edition built then filed, or a build's output folder filed. */
#include "file_build.h"
#include "archive_private.h"

#include "../pipeline/pipeline.h"
#include "../util/fsutil.h"

#include <dirent.h>
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

/* The one NAME.pdf and NAME.epub of an output folder (malloc'd names). */
static int find_outputs(const char *dir, char **pdf, char **epub, folio_diags *d) {
    *pdf = *epub = NULL;
    DIR *dh = opendir(dir);
    if (!dh) return diag_error(d, dir, 0, "cannot open: %s", strerror(errno));
    int npdf = 0, nepub = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t n = strlen(de->d_name);
        if (de->d_name[0] == '.') continue;
        if (n > 4 && !strcmp(de->d_name + n - 4, ".pdf") && !npdf++)
            *pdf = strdup(de->d_name);
        else if (n > 5 && !strcmp(de->d_name + n - 5, ".epub") && !nepub++)
            *epub = strdup(de->d_name);
    }
    closedir(dh);
    if (npdf != 1 || nepub != 1 || !*pdf || !*epub) {
        free(*pdf), free(*epub);
        *pdf = *epub = NULL;
        return diag_error(d, dir, 0,
                          "not an edition folder (no edition.yaml) nor an output folder with "
                          "exactly one .pdf and one .epub (found %d and %d)",
                          npdf, nepub);
    }
    return 0;
}

/* Pages of a PDF as folio writes it (page objects in the clear, no object
 * streams): the /Type /Page dictionaries. 0 when unreadable. */
static int pdf_page_count(const char *path) {
    char *data = NULL;
    size_t len = 0;
    if (fs_read_file(path, 0, &data, &len)) return 0;
    int n = 0;
    for (size_t i = 0; i + 5 < len; i++) {
        if (memcmp(data + i, "/Type", 5)) continue;
        size_t j = i + 5;
        while (j < len && (data[j] == ' ' || data[j] == '\n' || data[j] == '\r'))
            j++;
        if (j + 5 <= len && !memcmp(data + j, "/Page", 5) &&
            (j + 5 == len || (data[j + 5] != 's' && data[j + 5] != 'L')))
            n++;
    }
    free(data);
    return n;
}

/* The edition an output folder was built from. */
static char *find_edition(const char *outdir, const char *name, const char *given, folio_diags *d) {
    if (given) {
        char *y = fs_join(given, "edition.yaml");
        int ok = y && fs_is_file(y);
        free(y);
        if (!ok) {
            diag_error(d, given, 0, "no edition.yaml in the folder given by --edition");
            return NULL;
        }
        return strdup(given);
    }
    const char *pats[] = {"%s/../%s", "%s/../../%s", "%s/../../examples/%s"};
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
        size_t n = strlen(outdir) + strlen(name) + 32;
        char *c = malloc(n);
        if (!c) break;
        snprintf(c, n, pats[i], outdir, name);
        char *y = fs_join(c, "edition.yaml");
        int ok = y && fs_is_file(y);
        free(y);
        if (ok) return c;
        free(c);
    }
    diag_error(d, outdir, 0,
               "cannot find the edition %s was built from (tried ../%s, ../../%s and "
               "../../examples/%s); give it with --edition DIR",
               name, name, name, name);
    return NULL;
}

/* What is being filed: the build (model, pages, fonts) and the two files. */
typedef struct filing {
    folio_build b;
    char *work;     /* the work folder an edition was built into; NULL: none */
    char *pdf_file; /* the PDF and EPUB to keep */
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

/* Reads the edition an output folder was built from and lays it out again
 * for the pages of the catalogue. */
static int read_outdir(const char *src, const archive_file_opts *o, filing *f, folio_diags *d) {
    char *pdf_name = NULL, *epub_name = NULL, *ed_dir = NULL;
    int rc = -1;
    if (find_outputs(src, &pdf_name, &epub_name, d)) goto done;
    char *name = strndup(pdf_name, strlen(pdf_name) - 4);
    ed_dir = name ? find_edition(src, name, o->edition, d) : NULL;
    free(name);
    if (!ed_dir) goto done;
    folio_build_opts bo = {.edition_dir = ed_dir, .data_dir = o->data_dir, .layout = o->layout};
    if (pipeline_prepare(&bo, &f->b, d)) goto done;
    f->b.doc = layout_run(f->b.edition, f->b.layout, f->b.fonts, d);
    if (!f->b.doc) goto done;
    f->pdf_file = fs_join(src, pdf_name);
    f->epub_file = fs_join(src, epub_name);
    rc = 0;
done:
    free(pdf_name), free(epub_name), free(ed_dir);
    return rc;
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
    if (!f->work) {
        /* the pages of the catalogue come from laying the edition out again:
         * they must be those of the PDF being filed */
        int n = pdf_page_count(f->pdf_file);
        if (n > 0 && n != rec.pages) {
            diag_warning(d, f->pdf_file, 0,
                         "has %d pages but the edition lays out to %d here; the catalogue keeps "
                         "%d pages and article pages may be off (was it built with another "
                         "--layout?)",
                         n, rec.pages, n);
            rec.pages = n;
        }
    }
    memcpy(files, srcs, nsrcs * sizeof *files);
    files[nsrcs] = (archive_file){f->pdf_file, pdf_rel};
    files[nsrcs + 1] = (archive_file){f->epub_file, epub_rel};
    archive_add_opts ao = {.replace = o->replace, .software = o->software};
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
    if (f.work) {
        /* only the build's two outputs live there */
        if (f.b.pdf_path) unlink(f.b.pdf_path);
        if (f.b.epub_path) unlink(f.b.epub_path);
        rmdir(f.work);
    }
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
    free(f.work), free(f.pdf_file), free(f.epub_file), free(yaml);
    return rc;
}
