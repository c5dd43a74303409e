/* label.c — short texts set on one line without breaking (running heads,
 * folios, cover and masthead lines, contents numbers), and plain-text
 * paragraphs through para_set. */
#include "compose.h"
#include "punct.h"

#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Warns once per character that no font has. */
static void warn_missing(composer *c, uint32_t cp) {
    for (size_t i = 0; i < c->nwarned; i++)
        if (c->warned[i] == cp) return;
    if (c->nwarned == c->wcap &&
        grow_array(&c->warned, &c->wcap, c->nwarned + 1, sizeof *c->warned, 16))
        return;
    c->warned[c->nwarned++] = cp;
    diag_warning(c->d, "edition.yaml", 0, "no font has U+%04X", (unsigned)cp);
}

folio_line *label_line(composer *c, layout_style_id st, float size, const char *text,
                       folio_line_role role) {
    size_t len = strlen(text);
    folio_line *ln = arena_alloc(c->arena, sizeof *ln);
    folio_glyph *g = arena_calloc(c->arena, len ? len : 1, sizeof *g);
    char *t = arena_strdup(c->arena, text);
    if (!ln || !g || !t) {
        c->oom = 1;
        return NULL;
    }
    float x = 0;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(text + i, len - i, &cp);
        punct_class pc = punct_classify(cp);
        if (pc == PC_INVIS || pc == PC_NEWLINE) continue;
        int role = pc == PC_LATIN || pc == PC_SPACE ? c->st[st].latin : c->st[st].cjk;
        folio_glyphinfo gi;
        if (!fonts_glyph(c->f, role, cp, &gi)) warn_missing(c, cp);
        float adv = gi.units_per_em > 0 ? (float)gi.advance * size / (float)gi.units_per_em : size;
        g[n].cp = cp;
        g[n].face = gi.face;
        g[n].gid = gi.gid;
        g[n].x = x;
        g[n].adv = adv;
        x += adv;
        n++;
    }
    ln->g = g;
    ln->n = n;
    ln->size = size;
    ln->width = ln->natural = x;
    ln->text = t;
    ln->role = role;
    ln->column = -1;
    ln->article = -1;
    ln->serial = -1;
    ln->item = -1;
    ln->target = -1;
    ln->deco_from = ln->deco_to = 0;
    return ln;
}

int label_para(composer *c, layout_style_id st, const char *text, float measure, folio_align align,
               folio_line_role role, folio_para_out *out) {
    const layout_style *s = &c->l->styles[st];
    folio_para_run run = {text, strlen(text), c->st[st].cjk, c->st[st].latin, 0, 0};
    folio_para_in in = {0};
    in.breakers = &c->breakers;
    in.runs = &run;
    in.nruns = 1;
    in.size = s->size;
    in.measure = measure;
    in.align = align;
    in.kinsoku = c->l->strictness;
    in.role = role;
    in.article = -1;
    in.serial = -1;
    memset(out, 0, sizeof *out);
    return para_set(c->f, &in, c->arena, out, c->d);
}
