/* commands.h — the subcommands of `folio`, each in its own file.
 *
 * Each takes the arguments after the command name (argv[0] is the command)
 * and returns the process exit status: 0 success, 1 bad input (diagnostics
 * printed on stderr), 2 bad command line. */
#ifndef FOLIO_COMMANDS_H
#define FOLIO_COMMANDS_H

#include "../edition/edition.h"
#include "../fonts/fonts.h"
#include "../layout/layout.h"
#include "../util/diag.h"

int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_fonts(int argc, char **argv);
int cmd_archive(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* The folder holding layouts/ and fonts/: $FOLIO_DATA_DIR, else the source
 * tree the program was built from. Static string. */
const char *cli_data_dir(void);

/* Prints diagnostics to stderr and returns the exit status they imply
 * (1 when any error, else 0). */
int cli_report(const folio_diags *d);

/* What a build produced, for callers that go on with it (archive add). */
typedef struct folio_build_opts {
    const char *edition_dir;
    const char *outdir;      /* NULL: output/<edition folder name>/ */
    const char *layout;      /* NULL: the edition's, else "magazine" */
    const char *dump_layout; /* NULL: none */
    int want_pdf, want_epub;
    int bleed, crop_marks, embed_fonts;
    int timings, quiet;
    int layout_only; /* stop after the layout: no files written (archive add
                        of an already built edition needs only the pages) */
} folio_build_opts;

typedef struct folio_build_result {
    folio_edition *edition;
    folio_layout *layout;
    folio_fonts *fonts;
    folio_doc *doc;
    char *pdf_path;  /* malloc'd; NULL when not written */
    char *epub_path; /* malloc'd; NULL when not written */
} folio_build_result;

/* Runs the whole pipeline (read, lay out, write). Diagnostics go to d.
 * Returns 0, or -1 on error; on success r owns the model, layout, fonts and
 * document (release with build_result_free), also on error whatever was made. */
int cli_build_run(const folio_build_opts *o, folio_build_result *r, folio_diags *d);

/* Frees what a build returned. */
void build_result_free(folio_build_result *r);

#endif
