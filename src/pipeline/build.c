/* build.c — the stages of a build, in order: read, fonts, layout, PDF, EPUB. */
#include "pipeline.h"
#include "manifest.h"
#include "version.h"

#include "../fonts/overrides.h"
#include "../util/fsutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pipeline_build_free(folio_build *b) {
    layout_doc_free(b->doc);
    fonts_close(b->fonts);
    layout_free(b->layout);
    edition_free(b->edition);
    free(b->outdir);
    free(b->pdf_path);
    free(b->epub_path);
    memset(b, 0, sizeof *b);
}

/* The layout named on the command line, else the edition's (an unknown name
 * is then reported at its line in edition.yaml), else magazine. */
static int load_layout(const folio_build_opts *o, folio_build *b, folio_diags *d) {
    char *dir = fs_join(o->data_dir, "layouts");
    if (!dir) return diag_error(d, NULL, 0, "out of memory");
    const folio_edition *e = b->edition;
    if (o->layout) {
        b->layout_name = o->layout;
        b->layout = layout_load(dir, o->layout, NULL, 0, d);
    } else if (e && e->layout) {
        b->layout_name = e->layout;
        b->layout = layout_load(dir, e->layout, "edition.yaml", e->layout_line, d);
    } else {
        b->layout_name = "magazine";
        b->layout = layout_load(dir, "magazine", NULL, 0, d);
    }
    free(dir);
    return b->layout ? 0 : -1;
}

/* The fonts of fonts/roles.yaml with the layout's overrides, and the
 * edition's own `fonts:` winning over the layout's. */
static int open_fonts(const folio_build_opts *o, folio_build *b, folio_diags *d) {
    char *conf = fs_join(o->data_dir, "fonts/roles.yaml");
    folio_font_overrides ov = {0};
    if (!conf) return diag_error(d, NULL, 0, "out of memory");
    if (b->edition) {
        const folio_font_override *lov = NULL;
        size_t nl = layout_font_overrides(b->layout, &lov);
        if (fonts_overrides_merge(lov, nl, b->edition, &ov)) {
            fonts_overrides_free(&ov);
            free(conf);
            return diag_error(d, NULL, 0, "out of memory");
        }
    }
    b->fonts = fonts_open(conf, ov.items, ov.n, d);
    fonts_overrides_free(&ov);
    free(conf);
    return b->fonts ? 0 : -1;
}

int pipeline_prepare(const folio_build_opts *o, folio_build *b, folio_diags *d) {
    memset(b, 0, sizeof *b);
    double t0 = now_s();
    if (o->edition_dir && !(b->edition = edition_load(o->edition_dir, 0, d))) return -1;
    double t1 = now_s();
    b->times.read = t1 - t0;
    if (o->edition_dir && load_layout(o, b, d)) return -1;
    if (open_fonts(o, b, d)) return -1;
    b->times.fonts = now_s() - t1;
    return 0;
}

int pipeline_fonts(const folio_build_opts *o, folio_build *b, folio_coverage *cov, folio_diags *d) {
    memset(cov, 0, sizeof *cov);
    if (pipeline_prepare(o, b, d)) return -1;
    return b->edition ? fonts_coverage(b->fonts, b->edition, cov, d) : 0;
}

int pipeline_check(const char *edition_dir, const char *data_dir, folio_diags *d) {
    size_t errors = d->nerrors;
    /* everything that can be read is checked, so every problem is reported */
    folio_edition *e = edition_load(edition_dir, 1, d);
    if (e && e->layout) {
        folio_build_opts o = {.edition_dir = edition_dir, .data_dir = data_dir};
        folio_build b = {.edition = e};
        load_layout(&o, &b, d);
        layout_free(b.layout);
    }
    edition_free(e);
    return d->nerrors > errors ? -1 : 0;
}

/* OUTDIR/NAME.EXT, NAME the edition folder's name. */
static char *out_file(const char *outdir, const char *name, const char *ext) {
    size_t n = strlen(name) + strlen(ext) + 2;
    char *base = malloc(n);
    if (!base) return NULL;
    snprintf(base, n, "%s.%s", name, ext);
    char *p = fs_join(outdir, base);
    free(base);
    return p;
}

static int make_outdir(const folio_build_opts *o, folio_build *b, folio_diags *d) {
    b->outdir = o->outdir ? strdup(o->outdir) : fs_join("output", b->edition->dirname);
    if (!b->outdir) return diag_error(d, NULL, 0, "out of memory");
    int e = fs_mkdirs(b->outdir);
    if (e) return diag_error(d, b->outdir, 0, "cannot create the output folder: %s", strerror(e));
    return 0;
}

static void wrote(const folio_build_opts *o, const char *path) {
    if (o->progress.wrote) o->progress.wrote(path, o->progress.user);
}

static int write_pdf(const folio_build_opts *o, folio_build *b, folio_diags *d) {
    double t = now_s();
    folio_pdf_options po = o->pdf;
    po.version = FOLIO_VERSION;
    b->pdf_path = out_file(b->outdir, b->edition->dirname, "pdf");
    if (!b->pdf_path) return diag_error(d, NULL, 0, "out of memory");
    if (pdf_write_progress(b->edition, b->doc, b->fonts, &po, b->pdf_path, d, o->progress.pdf_page,
                           o->progress.user)) {
        free(b->pdf_path);
        b->pdf_path = NULL;
        return -1;
    }
    b->times.pdf = now_s() - t;
    wrote(o, b->pdf_path);
    return 0;
}

/* The EPUB, written on a thread of its own while the PDF is written: it
 * reads the edition and the laid-out document, which neither writer
 * changes, and without --embed-fonts never the font set, whose caches the
 * PDF writer fills. Its diagnostics are kept apart and added after the
 * PDF's. */
typedef struct epub_job {
    const folio_build_opts *o;
    const folio_build *b;
    const char *path;
    folio_diags d;
    int rc;
    double secs;
} epub_job;

static void *epub_job_run(void *arg) {
    epub_job *j = arg;
    double t = now_s();
    folio_epub_options eo = j->o->epub;
    eo.version = FOLIO_VERSION;
    j->rc = epub_write(j->b->edition, j->b->doc, j->b->fonts, &eo, j->path, &j->d);
    j->secs = now_s() - t;
    return NULL;
}

/* The EPUB's outcome into b and d. */
static int epub_done(const folio_build_opts *o, folio_build *b, epub_job *j, char *path,
                     folio_diags *d) {
    for (size_t i = 0; i < j->d.n; i++)
        diags_add(d, j->d.items[i].sev, j->d.items[i].path, j->d.items[i].line, "%s",
                  j->d.items[i].msg);
    diags_free(&j->d);
    if (j->rc) {
        free(path);
        return -1;
    }
    b->epub_path = path;
    b->times.epub = j->secs;
    wrote(o, path);
    return 0;
}

static int write_outputs(const folio_build_opts *o, folio_build *b, int pdf, int epub,
                         folio_diags *d) {
    char *path = epub ? out_file(b->outdir, b->edition->dirname, "epub") : NULL;
    if (epub && !path) return diag_error(d, NULL, 0, "out of memory");
    epub_job j = {.o = o, .b = b, .path = path};
    diags_init(&j.d);
    if (epub && o->progress.stage) o->progress.stage("writing the EPUB", o->progress.user);
    pthread_t th;
    int apart =
        epub && pdf && !o->epub.embed_fonts && pthread_create(&th, NULL, epub_job_run, &j) == 0;
    if (epub && !apart && !pdf) epub_job_run(&j);
    int rc = pdf ? write_pdf(o, b, d) : 0;
    if (apart) pthread_join(th, NULL);
    if (epub && !apart && pdf) {
        if (rc) {
            free(path);
            return -1;
        }
        epub_job_run(&j);
    }
    if (epub && epub_done(o, b, &j, path, d)) rc = -1;
    return rc;
}

int pipeline_build(const folio_build_opts *o, folio_build *b, folio_diags *d) {
    double t0 = now_s();
    memset(b, 0, sizeof *b);
    if (!o->edition_dir) return diag_error(d, NULL, 0, "no edition folder to build");
    long long t_fixed;
    /* a malformed fixed time fails the build before anything is written */
    if (date_source_epoch(&t_fixed, d) < 0) return -1;
    if (pipeline_prepare(o, b, d)) return -1;

    double t = now_s();
    b->doc = layout_run_progress(b->edition, b->layout, b->fonts, d, o->progress.layout_page,
                                 o->progress.user);
    if (!b->doc) return -1;
    b->times.layout = now_s() - t;
    if (o->dump_layout && layout_dump_json(b->doc, b->fonts, o->dump_layout, d)) return -1;

    if (make_outdir(o, b, d)) return -1;
    int pdf = o->want_pdf || !o->want_epub, epub = o->want_epub || !o->want_pdf;
    if (write_outputs(o, b, pdf, epub, d)) return -1;
    if (pipeline_manifest_write(b, d)) return -1;
    b->times.total = now_s() - t0;
    return 0;
}
