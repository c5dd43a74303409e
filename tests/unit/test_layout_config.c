/* test_layout_config.c — the layout files load, fit the character grid, and
 * bad layouts are refused with the file's line. */
#include "layout/config.h"
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[4096], baddir[4096];

/* The grid of a shipped layout: whole characters and lines (GRID-1), the
 * margins still at least what the file asks for, the page size as given. */
static void check_layout(const char *name, float wmm, float hmm, int columns) {
    folio_diags d;
    diags_init(&d);
    folio_layout *l = layout_load(dir, name, NULL, 0, &d);
    CHECKF(l != NULL, "%s does not load (%zu errors)", name, d.nerrors);
    if (l) {
        CHECKF(fabsf(l->width - wmm * 72 / 25.4f) < 0.01f, "%s width %.2f", name, l->width);
        CHECKF(fabsf(l->height - hmm * 72 / 25.4f) < 0.01f, "%s height %.2f", name, l->height);
        CHECKF(l->columns == columns, "%s columns %d", name, l->columns);
        CHECKF(l->chars_per_column >= 15, "%s: %d characters per column", name,
               l->chars_per_column);
        CHECKF(fabsf(l->column_width - (float)l->chars_per_column * l->body_size) < 0.01f,
               "%s column is not whole characters", name);
        float used = l->margin_inner + l->margin_outer + l->type_width;
        CHECKF(fabsf(used - l->width) < 0.01f, "%s: margins and type area %.2f != width %.2f", name,
               used, l->width);
        float hused = l->margin_top + l->margin_bottom + l->type_height;
        CHECKF(fabsf(hused - l->height) < 0.01f, "%s: vertical %.2f != height", name, hused);
        CHECKF(fabsf(l->type_height - ((float)(l->lines - 1) * l->body_pitch + l->body_size)) <
                   0.01f,
               "%s: type area is not whole lines", name);
        float ratio = l->body_pitch / l->body_size;
        CHECKF(ratio >= 1.5f && ratio <= 1.8f, "%s: pitch %.2f x size", name, ratio);
        CHECKF(l->strictness == KINSOKU_BASIC, "%s: strictness", name);
        /* two columns: a folio at the foot of a verso is read between them */
        CHECKF(l->folio_in_head == (l->columns > 1), "%s: folio_place", name);
        /* two columns: text beside a figure in mid-column is read across both */
        CHECKF(l->figures_at_ends == (l->columns > 1), "%s: figure_place", name);
        for (int i = 0; i < ST_COUNT; i++)
            CHECKF(l->styles[i].line > 0, "%s: style %s not set in the file", name,
                   layout_style_name((layout_style_id)i));
        CHECKF(l->styles[ST_HEADING2].size > l->body_size &&
                   l->styles[ST_HEADING3].size > l->body_size,
               "%s: headings not larger than the body (HD-1)", name);
        CHECKF(!strcmp(l->styles[ST_TITLE].role, "hei"), "%s: title not in hei", name);
    }
    layout_free(l);
    diags_free(&d);
}

/* A bad file is refused with one error at the expected line, whose message
 * contains want. */
static void check_bad(const char *name, int line, const char *want) {
    folio_diags d;
    diags_init(&d);
    folio_layout *l = layout_load(baddir, name, NULL, 0, &d);
    CHECKF(l == NULL, "%s was accepted", name);
    int found = 0;
    for (size_t i = 0; i < d.n; i++) {
        if (d.items[i].sev == FOLIO_ERROR && d.items[i].line == line &&
            strstr(d.items[i].msg, want) && d.items[i].path && strstr(d.items[i].path, name))
            found = 1;
    }
    if (!found) {
        fprintf(stderr, "diagnostics for %s:\n", name);
        diags_print(&d, stderr);
    }
    CHECKF(found, "%s: no error '%s' at line %d", name, want, line);
    layout_free(l);
    diags_free(&d);
}

int main(void) {
    const char *src = getenv("SRC");
    if (!src) src = FOLIO_SOURCE_DIR;
    snprintf(dir, sizeof dir, "%s/layouts", src);
    snprintf(baddir, sizeof baddir, "%s/tests/data/layout", src);

    check_layout("magazine", 210, 285, 2);
    check_layout("a4", 210, 297, 1);
    check_layout("a5", 148, 210, 1);

    /* the magazine's grid, as layouts/README.md states it */
    folio_diags d;
    diags_init(&d);
    folio_layout *m = layout_load(dir, "magazine", NULL, 0, &d);
    CHECKF(m && m->chars_per_column == 22 && m->lines == 38, "magazine grid %d x %d",
           m ? m->chars_per_column : 0, m ? m->lines : 0);
    CHECKF(m && fabsf(m->body_size - 10.5f) < 0.001f, "magazine body is not 五号");
    CHECKF(m && fabsf(m->column_gap - 21) < 0.001f, "magazine gap is not 2 em");
    layout_free(m);

    /* unknown names list the known layouts, at the place that named them */
    folio_layout *u = layout_load(dir, "tabloid", "edition.yaml", 7, &d);
    CHECKF(u == NULL, "unknown layout accepted");
    CHECKF(d.n == 1 && d.items[0].line == 7 && d.items[0].path &&
               !strcmp(d.items[0].path, "edition.yaml") &&
               !strcmp(d.items[0].msg, "unknown layout 'tabloid' (known: a4, a5, magazine)"),
           "unknown layout message: %s", d.n ? d.items[0].msg : "(none)");
    diags_free(&d);
    diags_init(&d);
    CHECKF(layout_load(dir, "../layouts/magazine", NULL, 0, &d) == NULL && d.nerrors == 1,
           "a path as a layout name is accepted");
    diags_free(&d);

    char *list = layout_list(dir);
    CHECKF(list && !strcmp(list, "a4, a5, magazine"), "layout_list: %s", list ? list : "NULL");
    free(list);

    /* overrides, 号 sizes, em pitch, strictness, defaults for styles left out */
    diags_init(&d);
    folio_layout *g = layout_load(baddir, "good-fonts", NULL, 0, &d);
    CHECKF(g != NULL, "good-fonts does not load");
    if (g) {
        const folio_font_override *ov = NULL;
        size_t n = layout_font_overrides(g, &ov);
        CHECKF(n == 2 && !strcmp(ov[0].role, "kai") && ov[0].nfamilies == 2 &&
                   !strcmp(ov[0].families[1], "AR PL UKai CN") && !strcmp(ov[1].role, "hei") &&
                   ov[1].nfamilies == 1,
               "font overrides");
        CHECKF(fabsf(g->body_size - 9) < 0.001f && fabsf(g->body_pitch - 15.3f) < 0.001f,
               "小五 on 1.7em: %.2f on %.2f", g->body_size, g->body_pitch);
        CHECKF(fabsf(g->styles[ST_TITLE].size - 22) < 0.001f, "二 is 22 pt");
        CHECKF(g->strictness == KINSOKU_STRICT, "strictness strict");
        CHECKF(!g->folio_in_head, "folios go under the type area unless the layout says head");
        CHECKF(!g->figures_at_ends, "figures stay where the text meets them unless it says ends");
        CHECKF(g->styles[ST_CAPTION].size == g->body_size &&
                   !strcmp(g->styles[ST_CAPTION].role, "song"),
               "a style left out is set like the body");
    }
    layout_free(g);
    diags_free(&d);

    check_bad("bad-columns", 5, "columns must be a whole number");
    check_bad("bad-negative", 3, "must not be negative");
    check_bad("bad-small", 2, "type area is too small");
    check_bad("bad-unit", 4, "unknown unit");
    check_bad("bad-style", 3, "unknown alignment 'middle'");
    check_bad("bad-style", 4, "unknown style 'headline'");
    check_bad("bad-folio", 3, "unknown folio_place 'sideways'");
    check_bad("bad-figure", 3, "unknown figure_place 'bottom'");
    check_bad("bad-alias", 4, "YAML aliases (*a4) are not supported");

    if (failures) fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
