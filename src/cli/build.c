/* build.c — `folio build`: its options, and the progress of the build on the terminal. */
#include "commands.h"

#include "../pipeline/pipeline.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

static void build_usage(FILE *out) {
    fprintf(out, "usage: folio build EDITION [-o OUTDIR] [--pdf] [--epub] [--layout NAME]\n"
                 "                   [--bleed] [--crop-marks] [--embed-fonts]\n"
                 "                   [--print [--print-profile FILE]] [--pdf-standard none]\n"
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
                 "  --print               the print shop's PDF: PDF/X-4 with a CMYK output\n"
                 "                        intent, text and rules in black ink, no links\n"
                 "  --print-profile FILE  the printer's CMYK ICC profile for --print\n"
                 "                        (default: Ghostscript's CMYK SWOP profile)\n"
                 "  --pdf-standard none   claim no standard (the default PDF is PDF/A-2u\n"
                 "                        and PDF/UA-1; it is tagged either way)\n"
                 "  --embed-fonts         embed subset fonts in the EPUB\n"
                 "  --dump-layout FILE    write every page, line and box as JSON\n"
                 "  --timings             print how long each stage took\n"
                 "  -q, --quiet           no progress output\n");
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
    double t = cli_now();
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
    if (p->quiet || cli_now() - p->t0 < PROGRESS_AFTER) return;
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

static void on_stage(const char *what, void *user) {
    progress *p = user;
    p->last = 0; /* a new stage shows at once */
    progress_line(p, "%s", what);
}

static void on_wrote(const char *path, void *user) {
    progress_wrote(user, path);
}

enum {
    OPT_LAYOUT = 256,
    OPT_DUMP,
    OPT_PDF,
    OPT_EPUB,
    OPT_BLEED,
    OPT_CROP,
    OPT_EMBED,
    OPT_TIMINGS,
    OPT_PRINT,
    OPT_PRINT_PROFILE,
    OPT_STANDARD,
};

/* Fills o from the command line; -1 when parsing is over (status in a). */
static int parse(cli_args *a, folio_build_opts *o, int *timings, int *quiet) {
    int c;
    while ((c = cli_next(a)) > 0) {
        switch (c) {
        case 'o':
            o->outdir = optarg;
            break;
        case OPT_LAYOUT:
            o->layout = optarg;
            break;
        case OPT_DUMP:
            o->dump_layout = optarg;
            break;
        case OPT_PDF:
            o->want_pdf = 1;
            break;
        case OPT_EPUB:
            o->want_epub = 1;
            break;
        case OPT_BLEED:
            o->pdf.bleed = 1;
            break;
        case OPT_CROP:
            o->pdf.crop_marks = 1;
            break;
        case OPT_EMBED:
            o->epub.embed_fonts = 1;
            break;
        case OPT_PRINT:
            o->pdf.print = 1;
            break;
        case OPT_PRINT_PROFILE:
            o->pdf.output_profile = optarg;
            break;
        case OPT_STANDARD:
            if (!strcmp(optarg, "none"))
                o->pdf.standard = FOLIO_PDF_STANDARD_NONE;
            else if (!strcmp(optarg, "default"))
                o->pdf.standard = FOLIO_PDF_STANDARD_DEFAULT;
            else {
                a->status =
                    cli_usage_error(a, 0, "--pdf-standard takes none or default, not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_TIMINGS:
            *timings = 1;
            break;
        case 'q':
            *quiet = 1;
            break;
        }
    }
    return c;
}

int cmd_build(int argc, char **argv) {
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        {"dump-layout", required_argument, NULL, OPT_DUMP},
        {"pdf", no_argument, NULL, OPT_PDF},
        {"epub", no_argument, NULL, OPT_EPUB},
        {"bleed", no_argument, NULL, OPT_BLEED},
        {"crop-marks", no_argument, NULL, OPT_CROP},
        {"embed-fonts", no_argument, NULL, OPT_EMBED},
        {"print", no_argument, NULL, OPT_PRINT},
        {"print-profile", required_argument, NULL, OPT_PRINT_PROFILE},
        {"pdf-standard", required_argument, NULL, OPT_STANDARD},
        {"timings", no_argument, NULL, OPT_TIMINGS},
        {"quiet", no_argument, NULL, 'q'},
        CLI_HELP,
        {0},
    };
    cli_args a;
    cli_args_init(&a, "folio build", build_usage, "ho:q", longopts, argc, argv);
    folio_build_opts o = {.data_dir = cli_data_dir()};
    int timings = 0, quiet = 0;
    if (parse(&a, &o, &timings, &quiet) < 0) return a.status;
    int n;
    char **dirs = cli_operands(&a, &n);
    if (n == 0) return cli_usage_error(&a, 1, "no EDITION folder given");
    if (n > 1) return cli_usage_error(&a, 0, "more than one EDITION given ('%s')", dirs[1]);
    o.edition_dir = dirs[0];

    progress pr = {quiet, isatty(STDERR_FILENO), cli_now(), 0, 0};
    o.progress = (folio_build_progress){on_layout_page, on_pdf_page, on_stage, on_wrote, &pr};
    folio_diags d;
    diags_init(&d);
    folio_build b;
    int rc = pipeline_build(&o, &b, &d);
    progress_clear(&pr);
    if (!rc && timings) {
        const folio_build_times *t = &b.times;
        fprintf(stderr,
                "timings: read %.3f s, fonts %.3f s, layout %.3f s, pdf %.3f s, epub %.3f s, "
                "total %.3f s\n",
                t->read, t->fonts, t->layout, t->pdf, t->epub, t->total);
    }
    int status = cli_report(&d);
    if (rc && !status) status = 1;
    pipeline_build_free(&b);
    diags_free(&d);
    return status;
}
