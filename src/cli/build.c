/* build.c — `folio build`: edition → layout → PDF and EPUB. */
#include "commands.h"
#include "version.h"

#include "../epub/epub.h"
#include "../fonts/overrides.h"
#include "../pdf/pdf.h"
#include "../util/fsutil.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void build_usage(FILE *out) {
    fprintf(out, "usage: folio build EDITION [-o OUTDIR] [--pdf] [--epub] [--layout NAME]\n"
                 "                   [--bleed] [--crop-marks] [--embed-fonts]\n"
                 "                   [--dump-layout FILE] [--timings] [--quiet]\n"
                 "\n"
                 "Typesets the edition folder EDITION and writes its print PDF and its EPUB\n"
                 "into OUTDIR (default output/<edition folder name>/).\n"
                 "\n"
                 "  -o, --output OUTDIR   where to write the files\n"
                 "  --pdf, --epub         write only that one (both when neither is given)\n"
                 "  --layout NAME         a layout from layouts/ (default: the edition's\n"
                 "                        `layout:`, else magazine)\n"
                 "  --bleed               extend backgrounds 3 mm past the trim; write\n"
                 "                        TrimBox and BleedBox\n"
                 "  --crop-marks          draw crop marks (implies room for the bleed)\n"
                 "  --embed-fonts         embed subset fonts in the EPUB\n"
                 "  --dump-layout FILE    write every page, line and box as JSON\n"
                 "  --timings             print how long each stage took\n"
                 "  -q, --quiet           no progress output\n");
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Progress of a build that has taken more than a second: on a terminal one
 * line rewritten in place (pages laid out, pages drawn), and a line for each
 * file written; elsewhere only the files written. */
typedef struct progress {
    int quiet, tty;
    double t0, last; /* start of the build, last update of the line */
    int line;        /* an unfinished line is on the terminal */
} progress;

#define PROGRESS_AFTER 1.0 /* seconds before anything is shown */
#define PROGRESS_EVERY 0.1 /* seconds between updates of the line */

static void progress_line(progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void progress_line(progress *p, const char *fmt, ...) {
    if (p->quiet || !p->tty) return;
    double t = now_s();
    if (t - p->t0 < PROGRESS_AFTER || t - p->last < PROGRESS_EVERY) return;
    p->last = t;
    va_list ap;
    va_start(ap, fmt);
    fputs("\rfolio: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\033[K", stderr); /* clears what a longer line left */
    va_end(ap);
    p->line = 1;
}

/* Takes the updating line off the terminal. */
static void progress_clear(progress *p) {
    if (p->line) fputs("\r\033[K", stderr);
    p->line = 0;
}

static void progress_wrote(progress *p, const char *path) {
    if (p->quiet || now_s() - p->t0 < PROGRESS_AFTER) return;
    progress_clear(p);
    fprintf(stderr, "folio: wrote %s\n", path);
}

static void on_layout_page(size_t pages, void *user) {
    progress_line(user, "laying out: %zu pages", pages);
}

static void on_pdf_page(size_t page, size_t npages, void *user) {
    progress *p = user;
    if (page == npages) {
        p->last = 0; /* a new stage shows at once */
        progress_line(p, "PDF: %zu pages drawn, compressing and saving", npages);
    } else
        progress_line(p, "PDF: page %zu of %zu", page, npages);
}

void build_result_free(folio_build_result *r) {
    layout_doc_free(r->doc);
    fonts_close(r->fonts);
    layout_free(r->layout);
    edition_free(r->edition);
    free(r->pdf_path);
    free(r->epub_path);
    memset(r, 0, sizeof *r);
}

/* Output files are named after the edition folder. */
static char *out_file(const char *outdir, const char *name, const char *ext) {
    size_t n = strlen(name) + strlen(ext) + 2;
    char *base = malloc(n);
    if (!base) return NULL;
    snprintf(base, n, "%s.%s", name, ext);
    char *p = fs_join(outdir, base);
    free(base);
    return p;
}

int cli_build_run(const folio_build_opts *o, folio_build_result *r, folio_diags *d) {
    memset(r, 0, sizeof *r);
    const char *data = cli_data_dir();
    double t0 = now_s(), t_read, t_fonts, t_layout, t_pdf = 0, t_epub = 0;
    progress pr = {o->quiet, isatty(STDERR_FILENO), t0, 0, 0};
    char *layouts_dir = fs_join(data, "layouts");
    char *fonts_conf = fs_join(data, "fonts/roles.yaml");
    char *outdir = NULL;
    int rc = -1;
    if (!layouts_dir || !fonts_conf) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }

    r->edition = edition_load(o->edition_dir, 0, d);
    if (!r->edition) goto done;
    t_read = now_s();

    if (o->layout)
        r->layout = layout_load(layouts_dir, o->layout, NULL, 0, d);
    else if (r->edition->layout)
        r->layout = layout_load(layouts_dir, r->edition->layout, "edition.yaml",
                                r->edition->layout_line, d);
    else
        r->layout = layout_load(layouts_dir, "magazine", NULL, 0, d);
    if (!r->layout) goto done;
    /* The edition's own `fonts:` win over the layout's. */
    const folio_font_override *lov = NULL;
    size_t nl = layout_font_overrides(r->layout, &lov);
    folio_font_overrides ov;
    if (fonts_overrides_merge(lov, nl, r->edition, &ov)) {
        fonts_overrides_free(&ov);
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    r->fonts = fonts_open(fonts_conf, ov.items, ov.n, d);
    fonts_overrides_free(&ov);
    if (!r->fonts) goto done;
    t_fonts = now_s();

    r->doc = layout_run_progress(r->edition, r->layout, r->fonts, d, on_layout_page, &pr);
    if (!r->doc) goto done;
    t_layout = now_s();

    if (o->dump_layout && layout_dump_json(r->doc, r->fonts, o->dump_layout, d)) goto done;
    if (o->layout_only) {
        rc = 0;
        goto done;
    }

    if (o->outdir) {
        outdir = strdup(o->outdir);
    } else {
        char *base = fs_join("output", r->edition->dirname);
        outdir = base;
    }
    if (!outdir) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    int e = fs_mkdirs(outdir);
    if (e) {
        diag_error(d, outdir, 0, "cannot create the output folder: %s", strerror(e));
        goto done;
    }

    int pdf = o->want_pdf || !o->want_epub, epub = o->want_epub || !o->want_pdf;
    if (pdf) {
        double t = now_s();
        r->pdf_path = out_file(outdir, r->edition->dirname, "pdf");
        folio_pdf_options po = {o->bleed, o->crop_marks, FOLIO_VERSION};
        if (!r->pdf_path || pdf_write_progress(r->edition, r->doc, r->fonts, &po, r->pdf_path, d,
                                               on_pdf_page, &pr)) {
            free(r->pdf_path);
            r->pdf_path = NULL;
            goto done;
        }
        t_pdf = now_s() - t;
        progress_wrote(&pr, r->pdf_path);
    }
    if (epub) {
        double t = now_s();
        pr.last = 0;
        progress_line(&pr, "writing the EPUB");
        r->epub_path = out_file(outdir, r->edition->dirname, "epub");
        folio_epub_options eo = {o->embed_fonts, FOLIO_VERSION};
        if (!r->epub_path || epub_write(r->edition, r->doc, r->fonts, &eo, r->epub_path, d)) {
            free(r->epub_path);
            r->epub_path = NULL;
            goto done;
        }
        t_epub = now_s() - t;
        progress_wrote(&pr, r->epub_path);
    }
    progress_clear(&pr);
    if (o->timings)
        fprintf(stderr,
                "timings: read %.3f s, fonts %.3f s, layout %.3f s, pdf %.3f s, epub %.3f s, "
                "total %.3f s\n",
                t_read - t0, t_fonts - t_read, t_layout - t_fonts, t_pdf, t_epub, now_s() - t0);
    rc = 0;
done:
    progress_clear(&pr);
    free(layouts_dir);
    free(fonts_conf);
    free(outdir);
    return rc;
}

int cmd_build(int argc, char **argv) {
    folio_build_opts o = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            build_usage(stdout);
            return 0;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--layout") ||
                   !strcmp(a, "--dump-layout")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "folio build: error: %s needs a value\n", a);
                return 2;
            }
            const char *v = argv[++i];
            if (!strcmp(a, "--layout"))
                o.layout = v;
            else if (!strcmp(a, "--dump-layout"))
                o.dump_layout = v;
            else
                o.outdir = v;
        } else if (!strcmp(a, "--pdf")) {
            o.want_pdf = 1;
        } else if (!strcmp(a, "--epub")) {
            o.want_epub = 1;
        } else if (!strcmp(a, "--bleed")) {
            o.bleed = 1;
        } else if (!strcmp(a, "--crop-marks")) {
            o.crop_marks = 1;
        } else if (!strcmp(a, "--embed-fonts")) {
            o.embed_fonts = 1;
        } else if (!strcmp(a, "--timings")) {
            o.timings = 1;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o.quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "folio build: error: unknown option '%s'\n", a);
            build_usage(stderr);
            return 2;
        } else if (!o.edition_dir) {
            o.edition_dir = a;
        } else {
            fprintf(stderr, "folio build: error: more than one EDITION given ('%s')\n", a);
            return 2;
        }
    }
    if (!o.edition_dir) {
        fprintf(stderr, "folio build: error: no EDITION folder given\n");
        build_usage(stderr);
        return 2;
    }
    folio_diags d;
    diags_init(&d);
    folio_build_result r;
    int rc = cli_build_run(&o, &r, &d);
    int status = cli_report(&d);
    if (rc && !status) status = 1;
    build_result_free(&r);
    diags_free(&d);
    return status;
}
