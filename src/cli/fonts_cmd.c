/* fonts_cmd.c — `folio fonts [EDITION]`: each role's faces, and an edition's coverage. */
#include "commands.h"

#include "../pipeline/pipeline.h"

static void fonts_usage(FILE *out) {
    fprintf(out,
            "usage: folio fonts [EDITION]\n"
            "\n"
            "Lists every font role (fonts/roles.yaml) with the faces of its chain in\n"
            "order: family, file, face index, PostScript name, units per em.\n"
            "With EDITION, applies its layout's and its own font overrides and also\n"
            "reports how many of the edition's distinct characters each face covers\n"
            "and sets, and warns (PATH:LINE: warning: no font has U+XXXX) about every\n"
            "character that no font of its role has.\n"
            "Exit status: 0 (also with warnings), 1 bad edition or fonts, 2 bad command line.\n");
}

static void list_roles(folio_fonts *f, const folio_coverage *cov) {
    for (size_t r = 0; r < fonts_role_count(f); r++) {
        const int *faces;
        size_t n = fonts_role_faces(f, (int)r, &faces);
        printf("%s", fonts_role_name(f, (int)r));
        if (cov) {
            size_t nc = r < 32 ? cov->role_chars[r] : 0;
            printf(" (%zu distinct character%s)", nc, nc == 1 ? "" : "s");
        }
        printf(":\n");
        for (size_t i = 0; i < n; i++) {
            const folio_face_info *fi = fonts_face(f, faces[i]);
            printf("  %zu. %s  %s:%d  %s  upem %d\n", i + 1, fi->family, fi->file, fi->index,
                   fi->psname, fi->units_per_em);
        }
    }
}

static void list_coverage(folio_fonts *f, const folio_coverage *cov) {
    printf("\ncoverage of the edition's %zu distinct characters:\n", cov->nchars);
    for (size_t i = 0; i < fonts_face_count(f); i++) {
        const folio_face_info *fi = fonts_face(f, (int)i);
        printf("  %-22s has %5zu, sets %5zu\n", fi->family, cov->face_covers[i], cov->face_sets[i]);
    }
    if (!cov->nmissing) {
        printf("every character has a font\n");
        return;
    }
    printf("no font for %zu character%s:", cov->nmissing, cov->nmissing == 1 ? "" : "s");
    size_t shown = 0;
    for (size_t i = 0; i < cov->nchars && shown < 50; i++) {
        if (cov->chars[i].missing) {
            printf(" U+%04X", (unsigned)cov->chars[i].cp);
            shown++;
        }
    }
    printf("%s\n", cov->nmissing > shown ? " ..." : "");
}

int cmd_fonts(int argc, char **argv) {
    static const struct option longopts[] = {CLI_HELP, {0}};
    cli_args a;
    cli_args_init(&a, "folio fonts", fonts_usage, "h", longopts, argc, argv);
    int c;
    while ((c = cli_next(&a)) > 0)
        ;
    if (c < 0) return a.status;
    int n;
    char **dirs = cli_operands(&a, &n);
    if (n > 1) return cli_usage_error(&a, 0, "more than one EDITION given ('%s')", dirs[1]);

    folio_diags d;
    diags_init(&d);
    folio_build_opts o = {.edition_dir = n ? dirs[0] : NULL, .data_dir = cli_data_dir()};
    folio_build b;
    folio_coverage cov;
    if (!pipeline_fonts(&o, &b, &cov, &d)) {
        if (b.edition) {
            printf("edition %s\n", o.edition_dir);
            list_roles(b.fonts, &cov);
            list_coverage(b.fonts, &cov);
        } else {
            list_roles(b.fonts, NULL);
        }
    }
    fflush(stdout);
    int status = cli_report(&d);
    fonts_coverage_free(&cov);
    pipeline_build_free(&b);
    diags_free(&d);
    return status;
}
