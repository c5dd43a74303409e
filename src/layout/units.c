/* units.c — an article's blocks set into flow units: paragraphs through
 * para_set, headings, quotes, lists, figures, thematic breaks, source line. */
#include "flow.h"

#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a block is set: its left indent inside the column, its measure, the
 * style and role of its text, the paragraph indent. */
typedef struct ctx {
    float left, measure;
    layout_style_id style; /* ST_COUNT: the body */
    folio_line_role role;
    float first_indent;
} ctx;

void flow_free(flow *fl) {
    free(fl->u);
    memset(fl, 0, sizeof *fl);
}

static flow_unit *flow_push(composer *c, flow *fl) {
    if (fl->n == fl->cap && grow_array(&fl->u, &fl->cap, fl->n + 1, sizeof *fl->u, 32)) {
        c->oom = 1;
        return NULL;
    }
    flow_unit *u = &fl->u[fl->n++];
    memset(u, 0, sizeof *u);
    return u;
}

int flow_unit_slots(const folio_layout *l, const flow_unit *u, int at_top) {
    if (u->type == FU_TEXT) return (int)u->nlines;
    float depth = u->depth - (float)u->smaller * l->body_pitch;
    return at_top ? grid_slots(l, depth - u->before) : grid_slots(l, depth) + u->air;
}

long flow_picture(const flow_unit *u) {
    for (size_t j = 0; u->type == FU_FIXED && j < u->nboxes; j++)
        if (u->boxes[j].type == FOLIO_BOX_IMAGE) return (long)j;
    return -1;
}

int flow_add_stack(composer *c, flow *fl, stack *s, float before, int heading) {
    if (s->oom) {
        c->oom = 1;
        return -1;
    }
    flow_unit *u = flow_push(c, fl);
    if (!u) return -1;
    u->type = FU_FIXED;
    u->depth = s->depth;
    u->before = before;
    u->heading = heading;
    u->nlines = s->n;
    u->nboxes = s->nb;
    u->lines = arena_calloc(c->arena, s->n ? s->n : 1, sizeof *u->lines);
    u->boxes = arena_calloc(c->arena, s->nb ? s->nb : 1, sizeof *u->boxes);
    if (!u->lines || !u->boxes) {
        c->oom = 1;
        return -1;
    }
    if (s->n) memcpy(u->lines, s->lines, s->n * sizeof *u->lines);
    if (s->nb) memcpy(u->boxes, s->boxes, s->nb * sizeof *u->boxes);
    return 0;
}

static style_roles ctx_roles(composer *c, const ctx *x) {
    return x->style == ST_COUNT ? c->body : c->st[x->style];
}

static float ctx_size(composer *c, const ctx *x) {
    return x->style == ST_COUNT ? c->l->body_size : c->l->styles[x->style].size;
}

/* The spans of a block as para runs: emphasis in Kai, strong in Hei (and
 * the sans Latin face); a hard break ends the run before it. */
static folio_para_run *spans_runs(composer *c, const folio_block *b, style_roles r, size_t *nruns) {
    folio_para_run *runs = calloc(b->nspans ? b->nspans : 1, sizeof *runs);
    size_t n = 0, off = 0;
    if (!runs) {
        c->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < b->nspans; i++) {
        const folio_span *sp = &b->spans[i];
        if (sp->flags & FOLIO_SPAN_BREAK) {
            if (n) runs[n - 1].hard_break = 1;
            off += 1; /* edition_block_text writes a '\n' */
            continue;
        }
        folio_para_run *ru = &runs[n++];
        ru->text = sp->text;
        ru->len = sp->len;
        ru->offset = off;
        ru->cjk_role = r.cjk;
        ru->latin_role = r.latin;
        if ((sp->flags & FOLIO_SPAN_EMPH) && c->kai >= 0) ru->cjk_role = c->kai;
        if (sp->flags & FOLIO_SPAN_STRONG) {
            if (c->hei >= 0) ru->cjk_role = c->hei;
            if (c->latin_sans >= 0) ru->latin_role = c->latin_sans;
        }
        off += sp->len;
    }
    *nruns = n;
    return runs;
}

int flow_pick(flow_unit *u, int k) {
    if (u->type != FU_TEXT || !u->nfit[k]) return -1;
    u->lines = u->fit[k];
    u->nlines = u->nfit[k];
    u->pick = k;
    return 0;
}

/* Sets a block's spans with para_set (with variants: also a line tighter
 * and a line looser). */
static int set_spans(composer *c, const folio_article *a, const folio_block *b, style_roles r,
                     float size, float measure, float first_indent, folio_align align,
                     folio_line_role role, int variants, folio_para_out *out) {
    size_t nruns = 0;
    folio_para_run *runs = spans_runs(c, b, r, &nruns);
    if (!runs) return -1;
    folio_para_in in = {0};
    in.breakers = &c->breakers;
    in.runs = runs;
    in.nruns = nruns;
    in.size = size;
    in.measure = measure;
    in.first_indent = first_indent;
    in.align = align;
    in.kinsoku = c->l->strictness;
    in.no_widow_char = align == ALIGN_JUSTIFY;
    in.role = role;
    in.variants = variants;
    in.article = (int)a->index;
    in.serial = b->serial;
    in.src = b->src;
    in.src_line = b->line;
    memset(out, 0, sizeof *out);
    int rc = nruns ? para_set(c->f, &in, c->arena, out, c->d) : 0;
    free(runs);
    return rc;
}

static void shift_lines(folio_line *ln, size_t n, float dx) {
    for (size_t i = 0; i < n; i++)
        ln[i].x += dx;
}

static int add_paragraph(composer *c, const folio_article *a, const folio_block *b, const ctx *x,
                         folio_line *marker, flow *fl) {
    folio_para_out out;
    if (set_spans(c, a, b, ctx_roles(c, x), ctx_size(c, x), x->measure, x->first_indent,
                  ALIGN_JUSTIFY, x->role, 1, &out))
        return -1;
    if (!out.nlines) return 0;
    flow_unit *u = flow_push(c, fl);
    if (!u) return -1;
    u->type = FU_TEXT;
    u->marker = marker;
    for (int k = 0; k < PARA_SETTINGS; k++) {
        u->fit[k] = out.alt[k];
        u->nfit[k] = out.nalt[k];
        u->fit_cost[k] = out.alt_cost[k];
        shift_lines(u->fit[k], u->nfit[k], x->left);
    }
    flow_pick(u, FIT_AS_SET);
    return 0;
}

static int add_heading(composer *c, const folio_article *a, const folio_block *b, const ctx *x,
                       flow *fl) {
    layout_style_id sid = b->level <= 2 ? ST_HEADING2 : ST_HEADING3;
    const layout_style *st = &c->l->styles[sid];
    folio_para_out out;
    if (set_spans(c, a, b, c->st[sid], st->size, x->measure - st->indent, st->first_indent,
                  st->align, sid == ST_HEADING2 ? FOLIO_ROLE_HEADING2 : FOLIO_ROLE_HEADING3, 0,
                  &out))
        return -1;
    shift_lines(out.lines, out.nlines, x->left + st->indent);
    stack s;
    stack_init(&s);
    float before = st->before * c->l->body_pitch;
    stack_space(&s, before);
    stack_lines(&s, out.lines, out.nlines, st->size, st->pitch);
    stack_space(&s, st->after * c->l->body_pitch);
    int rc = flow_add_stack(c, fl, &s, before, 1);
    stack_free(&s);
    return rc;
}

static int add_image(composer *c, const folio_article *a, const folio_block *b, const ctx *x,
                     flow *fl) {
    const folio_layout *l = c->l;
    const folio_image *im = b->image;
    stack s;
    stack_init(&s);
    float gap = l->body_pitch - l->body_size;
    stack_space(&s, gap / 2);
    if (im && im->width > 0 && im->height > 0) {
        float w = x->measure, h = w * (float)im->height / (float)im->width;
        float maxh = l->image_max_height * l->type_height;
        if (h > maxh) {
            h = maxh;
            w = h * (float)im->width / (float)im->height;
        }
        folio_box bx = {0};
        bx.type = FOLIO_BOX_IMAGE;
        bx.x = x->left + (x->measure - w) / 2;
        bx.w = w;
        bx.fill_gray = -1;
        bx.role = FOLIO_BOXROLE_FIGURE;
        bx.image = im;
        bx.target_page = -1;
        bx.article = (int)a->index;
        bx.serial = b->serial;
        stack_box(&s, &bx, h);
    }
    if (b->nspans) {
        const layout_style *st = &l->styles[ST_CAPTION];
        folio_para_out out;
        if (set_spans(c, a, b, c->st[ST_CAPTION], st->size, x->measure, 0, st->align,
                      FOLIO_ROLE_CAPTION, 0, &out)) {
            stack_free(&s);
            return -1;
        }
        shift_lines(out.lines, out.nlines, x->left);
        stack_space(&s, gap / 2);
        stack_lines(&s, out.lines, out.nlines, st->size, st->pitch);
    }
    stack_space(&s, gap / 2);
    int rc = flow_add_stack(c, fl, &s, 0, 0);
    stack_free(&s);
    /* copyfitting may take up to a third off the picture's height */
    flow_unit *u = rc ? NULL : &fl->u[fl->n - 1];
    long pic = u ? flow_picture(u) : -1;
    if (pic >= 0) u->smaller_max = (int)(u->boxes[pic].h / 3 / l->body_pitch);
    return rc;
}

/* A thematic break: a short centred rule on one grid line. */
static int add_rule(composer *c, const ctx *x, flow *fl) {
    const folio_layout *l = c->l;
    stack s;
    stack_init(&s);
    folio_box bx = {0};
    bx.type = FOLIO_BOX_RULE;
    bx.w = 4 * l->body_size;
    bx.x = x->left + (x->measure - bx.w) / 2;
    bx.line_width = 0.5f;
    bx.fill_gray = -1;
    bx.target_page = -1;
    stack_space(&s, l->body_size / 2);
    stack_box(&s, &bx, 0);
    stack_space(&s, l->body_size / 2);
    int rc = flow_add_stack(c, fl, &s, 0, 0);
    stack_free(&s);
    return rc;
}

static int add_blocks(composer *c, const folio_article *a, const folio_block *bs, size_t n,
                      const ctx *x, flow *fl);

static int add_list(composer *c, const folio_article *a, const folio_block *b, const ctx *x,
                    flow *fl) {
    const layout_style *st = &c->l->styles[ST_LIST];
    float ind = st->indent > 0 ? st->indent : 2 * c->l->body_size;
    for (size_t i = 0; i < b->nchildren; i++) {
        const folio_block *item = &b->children[i];
        char mk[32];
        if (b->ordered)
            snprintf(mk, sizeof mk, "%d.", b->start + (int)i);
        else
            snprintf(mk, sizeof mk, "%s", "●");
        float msize = b->ordered ? st->size : st->size * 0.6f;
        folio_line *marker = label_line(c, ST_LIST, msize, mk, FOLIO_ROLE_LIST_LABEL);
        if (!marker) return -1;
        /* a small bullet sits on the middle of the text's em box */
        for (size_t g = 0; !b->ordered && g < marker->n; g++)
            marker->g[g].dy = (EM_ASCENT - 0.5f) * (st->size - msize);
        marker->x = x->left;
        /* numbers end a quarter em before the text, so that "9." and "10."
         * line up on their points */
        if (b->ordered) {
            float room = ind - 0.25f * st->size - marker->natural;
            marker->x += room > 0 ? room : 0;
        }
        marker->article = (int)a->index;
        marker->serial = item->serial;
        ctx in = *x;
        in.left = x->left + ind;
        in.measure = x->measure - ind;
        in.style = x->style == ST_QUOTE ? ST_QUOTE : ST_LIST;
        in.role = x->style == ST_QUOTE ? FOLIO_ROLE_QUOTE : FOLIO_ROLE_LIST;
        in.first_indent = 0;
        if (item->nchildren && item->children[0].type == FOLIO_BLOCK_PARAGRAPH) {
            if (add_paragraph(c, a, &item->children[0], &in, marker, fl)) return -1;
            in.first_indent = c->l->first_indent;
            if (add_blocks(c, a, item->children + 1, item->nchildren - 1, &in, fl)) return -1;
        } else if (add_blocks(c, a, item->children, item->nchildren, &in, fl)) {
            return -1;
        }
    }
    return 0;
}

static int add_blocks(composer *c, const folio_article *a, const folio_block *bs, size_t n,
                      const ctx *x, flow *fl) {
    for (size_t i = 0; i < n; i++) {
        const folio_block *b = &bs[i];
        int rc = 0;
        switch (b->type) {
        case FOLIO_BLOCK_PARAGRAPH:
            rc = add_paragraph(c, a, b, x, NULL, fl);
            break;
        case FOLIO_BLOCK_HEADING:
            rc = add_heading(c, a, b, x, fl);
            break;
        case FOLIO_BLOCK_QUOTE: {
            const layout_style *st = &c->l->styles[ST_QUOTE];
            ctx q = *x;
            q.left = x->left + st->indent;
            q.measure = x->measure - st->indent;
            q.style = ST_QUOTE;
            q.role = FOLIO_ROLE_QUOTE;
            rc = add_blocks(c, a, b->children, b->nchildren, &q, fl);
            break;
        }
        case FOLIO_BLOCK_LIST:
            rc = add_list(c, a, b, x, fl);
            break;
        case FOLIO_BLOCK_ITEM:
            rc = add_blocks(c, a, b->children, b->nchildren, x, fl);
            break;
        case FOLIO_BLOCK_IMAGE:
            rc = add_image(c, a, b, x, fl);
            break;
        case FOLIO_BLOCK_THEMATIC:
            rc = add_rule(c, x, fl);
            break;
        }
        if (rc) return -1;
    }
    return 0;
}

static int add_source(composer *c, const folio_article *a, const ctx *x, flow *fl) {
    const layout_style *st = &c->l->styles[ST_SOURCE];
    folio_para_out out;
    if (label_para(c, ST_SOURCE, a->source, x->measure, st->align, FOLIO_ROLE_SOURCE, &out))
        return -1;
    for (size_t i = 0; i < out.nlines; i++) {
        out.lines[i].x += x->left;
        out.lines[i].article = (int)a->index;
    }
    stack s;
    stack_init(&s);
    float before = st->before * c->l->body_pitch;
    stack_space(&s, before);
    stack_lines(&s, out.lines, out.nlines, st->size, st->pitch);
    int rc = flow_add_stack(c, fl, &s, before, 0);
    stack_free(&s);
    return rc;
}

int flow_build(composer *c, const folio_article *a, float measure, float inset, flow *fl) {
    ctx x = {inset, measure, ST_COUNT, FOLIO_ROLE_BODY, c->l->first_indent};
    memset(fl, 0, sizeof *fl);
    if (add_blocks(c, a, a->blocks, a->nblocks, &x, fl)) return -1;
    if (a->source && *a->source && add_source(c, a, &x, fl)) return -1;
    return c->oom ? -1 : 0;
}
