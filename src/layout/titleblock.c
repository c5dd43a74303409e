/* titleblock.c — an article's title, subtitle, authors and byline as one
 * stack spanning the type area, centred (HD-1). */
#include "compose.h"

#include <stdlib.h>
#include <string.h>

static int add_text(composer *c, stack *s, layout_style_id sid, const char *text,
                    const folio_article *a, const char *kind, float width, int with_after) {
    const layout_style *st = &c->l->styles[sid];
    float measure = width - 2 * st->indent;
    folio_para_out out;
    if (label_para(c, sid, text, measure, st->align, kind, &out))
        return -1;
    for (size_t i = 0; i < out.nlines; i++) {
        out.lines[i].x += st->indent;
        out.lines[i].article = (int)a->index;
        out.lines[i].src = a->path;
        out.lines[i].src_line = a->title_line;
    }
    stack_space(s, st->before * c->l->body_pitch);
    stack_lines(s, out.lines, out.nlines, st->size, st->pitch);
    if (with_after)
        stack_space(s, st->after * c->l->body_pitch);
    return 0;
}

int title_block(composer *c, const folio_article *a, float width, stack *s) {
    int brief = a->kind == KIND_BRIEF || a->kind == KIND_NOTICE;
    layout_style_id tid = brief ? ST_BRIEF_TITLE : ST_TITLE;
    /* a little narrower than the type area, so long titles break into a
     * balanced shape rather than filling the whole width */
    float tw = brief ? width : width - 4 * c->l->body_size;
    stack_init(s);
    size_t n0 = 0;
    if (add_text(c, s, tid, a->title, a, "title", tw, 0))
        return -1;
    n0 = s->n;
    for (size_t i = 0; i < n0; i++)
        s->lines[i].x += (width - tw) / 2;
    if (a->subtitle && *a->subtitle && add_text(c, s, ST_SUBTITLE, a->subtitle, a, "subtitle", width, 1))
        return -1;
    if (a->nauthors) {
        size_t len = 1;
        for (size_t i = 0; i < a->nauthors; i++)
            len += strlen(a->authors[i]) + 3;
        char *t = arena_alloc(c->arena, len);
        if (!t) {
            c->oom = 1;
            return -1;
        }
        for (size_t i = 0; i < a->nauthors; i++) {
            if (i)
                strcat(t, "　"); /* an ideographic space between names */
            strcat(t, a->authors[i]);
        }
        if (add_text(c, s, ST_AUTHOR, t, a, "author", width, 1))
            return -1;
    }
    if (a->byline && *a->byline && add_text(c, s, ST_BYLINE, a->byline, a, "byline", width, 1))
        return -1;
    /* the space under the whole block: the title style's `after` */
    stack_space(s, c->l->styles[tid].after * c->l->body_pitch);
    return s->oom ? (c->oom = 1, -1) : 0;
}
