/* para_fixture.h — shared helpers for the paragraph setter tests
 * (test_para_*.c): real fonts, one-run paragraphs, line checks. */
#ifndef PARA_FIXTURE_H
#define PARA_FIXTURE_H

#include "layout/para.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
/* FAIL(rule, fmt, ...) reports a failure naming the typographic rule. */
#define FAIL(rule, ...)                                                                            \
    do {                                                                                           \
        fprintf(stderr, "%s:%d: %s violated: ", __FILE__, __LINE__, rule);                         \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fputc('\n', stderr);                                                                       \
        failures++;                                                                                \
    } while (0)
#define CHECK(rule, c)                                                                             \
    do {                                                                                           \
        if (!(c)) FAIL(rule, "%s", #c);                                                            \
    } while (0)

typedef struct fixture {
    folio_fonts *fonts;
    folio_arena *arena;
    folio_diags diags;
    int song, latin;
} fixture;

static inline int fx_open(fixture *fx) {
    char path[4096];
    const char *dir = getenv("FOLIO_DATA_DIR");
    snprintf(path, sizeof path, "%s/fonts/roles.yaml", dir ? dir : FOLIO_SOURCE_DIR);
    diags_init(&fx->diags);
    fx->fonts = fonts_open(path, NULL, 0, &fx->diags);
    fx->arena = arena_new();
    if (!fx->fonts || !fx->arena) {
        diags_print(&fx->diags, stderr);
        return -1;
    }
    fx->song = fonts_role(fx->fonts, "song");
    fx->latin = fonts_role(fx->fonts, "latin-serif");
    return 0;
}

static inline void fx_close(fixture *fx) {
    fonts_close(fx->fonts);
    arena_free(fx->arena);
    diags_free(&fx->diags);
}

/* Default input: 10 pt body, justified, basic kinsoku, WO-1 on. */
static inline folio_para_in fx_in(const fixture *fx, folio_para_run *run, const char *text,
                                  float measure_em) {
    memset(run, 0, sizeof *run);
    run->text = text;
    run->len = strlen(text);
    run->cjk_role = fx->song;
    run->latin_role = fx->latin;
    folio_para_in in = {0};
    in.runs = run;
    in.nruns = 1;
    in.size = 10;
    in.measure = measure_em * 10;
    in.align = ALIGN_JUSTIFY;
    in.kinsoku = KINSOKU_BASIC;
    in.no_widow_char = 1;
    in.role = FOLIO_ROLE_BODY;
    in.article = 0;
    in.serial = 0;
    in.src = "test.md";
    in.src_line = 1;
    return in;
}

static inline int fx_set(fixture *fx, const folio_para_in *in, folio_para_out *out) {
    if (para_set(fx->fonts, in, fx->arena, out, &fx->diags) < 0) {
        diags_print(&fx->diags, stderr);
        return -1;
    }
    return 0;
}

static inline void fx_print(const folio_para_out *out) {
    for (size_t i = 0; i < out->nlines; i++) {
        const folio_line *l = &out->lines[i];
        fprintf(stderr, "  [%2zu] x=%5.2f nat=%7.2f str=%6.2f |%s|\n", i, l->x, l->natural,
                l->stretch, l->text);
    }
}

static inline uint32_t first_cp(const char *s) {
    uint32_t cp = 0;
    if (*s) utf8_decode(s, strlen(s), &cp);
    return cp;
}

static inline uint32_t last_cp(const char *s) {
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    uint32_t cp = 0;
    if (i > 0) utf8_decode(s + i - 1, n - i + 1, &cp);
    return cp;
}

/* The right edge of the line's set boxes, from the line origin. */
static inline double line_extent(const folio_line *l) {
    double e = 0;
    for (size_t k = 0; k < l->n; k++)
        if (l->g[k].x + l->g[k].adv > e) e = l->g[k].x + l->g[k].adv;
    return e;
}

static inline int is_han(uint32_t cp) {
    return cp >= 0x4E00 && cp <= 0x9FFF;
}

/* The text of all lines joined (no spaces dropped at line ends restored). */
static inline char *fx_join(const folio_para_out *out) {
    size_t n = 1;
    for (size_t i = 0; i < out->nlines; i++)
        n += strlen(out->lines[i].text);
    char *s = malloc(n);
    if (!s) return NULL;
    s[0] = 0;
    for (size_t i = 0; i < out->nlines; i++)
        strcat(s, out->lines[i].text);
    return s;
}

/* Rule checks common to every paragraph: JUS-1 flush non-final lines,
 * JUS-4 natural last line, KIN-1, KIN-2, no overfull line. Centred lines
 * are not justified. */
static inline void fx_check_common(const folio_para_out *out, const char *what) {
    static const char *no_start = "、，。；：？！”’）》〉」』】〕〗·,.;:?!)]}々ー";
    static const char *no_end = "“‘（《〈「『【〔〖([{";
    for (size_t i = 0; i < out->nlines; i++) {
        const folio_line *l = &out->lines[i];
        double ext = line_extent(l);
        if (ext > l->width + 0.01)
            FAIL("JUS-1", "%s: line %zu overfull: %.3f > %.3f |%s|", what, i, ext, l->width,
                 l->text);
        if (!(l->flags & (FOLIO_LINE_LAST | FOLIO_LINE_CENTERED)) && fabs(ext - l->width) > 0.01)
            FAIL("JUS-1", "%s: line %zu not flush: %.3f vs %.3f |%s|", what, i, ext, l->width,
                 l->text);
        if ((l->flags & FOLIO_LINE_LAST) && l->stretch > 0.001)
            FAIL("JUS-4", "%s: last line stretched by %.3f", what, l->stretch);
        char buf[8] = {0};
        uint32_t f = first_cp(l->text), e = last_cp(l->text);
        if (i > 0 && f) {
            utf8_encode(f, buf);
            if (strstr(no_start, buf) && f >= 0x80)
                FAIL("KIN-1", "%s: line %zu starts with %s |%s|", what, i, buf, l->text);
            if (f < 0x80 && strchr(",.;:?!)]}", (int)f))
                FAIL("KIN-1", "%s: line %zu starts with %c |%s|", what, i, (char)f, l->text);
        }
        if (!(l->flags & FOLIO_LINE_LAST) && e) {
            memset(buf, 0, sizeof buf);
            utf8_encode(e, buf);
            if (e >= 0x80 ? strstr(no_end, buf) != NULL : strchr("([{", (int)e) != NULL)
                FAIL("KIN-2", "%s: line %zu ends with %s |%s|", what, i, buf, l->text);
        }
    }
}

/* Text extractors (pdftotext) measure a glyph by its font advance and read a
 * glyph that starts more than ½ em inside the previous one as a new line:
 * squeezed and moved marks must stay within that. */
static inline void fx_check_extract(fixture *fx, const folio_para_out *out, const char *what) {
    for (size_t i = 0; i < out->nlines; i++) {
        const folio_line *l = &out->lines[i];
        for (size_t k = 1; k < l->n; k++) {
            const folio_glyph *a = &l->g[k - 1], *b = &l->g[k];
            if (a->face < 0) continue;
            int upem = fonts_face(fx->fonts, a->face)->units_per_em;
            double end = a->x + fonts_glyph_advance(fx->fonts, a->face, a->gid) * l->size / upem;
            if (b->x < end - 0.5 * l->size - 0.001)
                FAIL("reading order", "%s: line %zu: U+%04X starts %.2f pt inside U+%04X", what, i,
                     (unsigned)b->cp, end - b->x, (unsigned)a->cp);
        }
    }
}

#endif
