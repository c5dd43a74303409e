/* fonts_cmd.c — `folio fonts [EDITION]`: each role's faces, and an edition's coverage. */
#include "commands.h"

#include "../fonts/coverage.h"
#include "../fonts/overrides.h"
#include "../util/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fonts_usage(stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "folio fonts: error: unknown option '%s'\n", argv[i]);
            fonts_usage(stderr);
            return 2;
        }
        if (dir) {
            fprintf(stderr, "folio fonts: error: more than one EDITION given ('%s')\n", argv[i]);
            return 2;
        }
        dir = argv[i];
    }
    folio_diags d;
    diags_init(&d);
    folio_edition *e = NULL;
    folio_layout *l = NULL;
    folio_fonts *f = NULL;
    folio_font_overrides ov = {0};
    char *conf = fs_join(cli_data_dir(), "fonts/roles.yaml");
    char *layouts = fs_join(cli_data_dir(), "layouts");
    if (!conf || !layouts) {
        diag_error(&d, NULL, 0, "out of memory");
        goto done;
    }
    if (dir) {
        if (!(e = edition_load(dir, 0, &d))) goto done;
        if (e->layout)
            l = layout_load(layouts, e->layout, "edition.yaml", e->layout_line, &d);
        else
            l = layout_load(layouts, "magazine", NULL, 0, &d);
        if (!l) goto done;
        const folio_font_override *lov = NULL;
        size_t nl = layout_font_overrides(l, &lov);
        if (fonts_overrides_merge(lov, nl, e, &ov) < 0) {
            diag_error(&d, NULL, 0, "out of memory");
            goto done;
        }
    }
    if (!(f = fonts_open(conf, ov.items, ov.n, &d))) goto done;
    if (!e) {
        list_roles(f, NULL);
        goto done;
    }
    folio_coverage cov;
    if (fonts_coverage(f, e, &cov, &d) == 0) {
        printf("edition %s\n", dir);
        list_roles(f, &cov);
        list_coverage(f, &cov);
        fonts_coverage_free(&cov);
    }
done:
    fflush(stdout);
    int status = cli_report(&d);
    fonts_close(f);
    layout_free(l);
    edition_free(e);
    fonts_overrides_free(&ov);
    free(conf);
    free(layouts);
    diags_free(&d);
    return status;
}
