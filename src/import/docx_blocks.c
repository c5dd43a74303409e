/* docx_blocks.c — the manuscript's paragraphs as the article's blocks.
 *
 * Headings come from the outline: the highest level the body uses becomes
 * ##, every level under it ###. A manuscript without heading styles that
 * sets its headings as short bold lines numbered the Chinese way (一、
 * (一) 第一章) gets those as headings. Paragraphs in a quotation style (or
 * opening with 编者按) become block quotes, numbered and bulleted paragraphs
 * lists, pictures image blocks captioned by the caption paragraph next to
 * them (or their description), and the notes a last section 注释. */
#include "docx_private.h"

#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct bvec {
    folio_block *v;
    size_t n, cap;
} bvec;

typedef struct bctx {
    dx_ctx *c;
    const char *prefix; /* of picture references: "images/STEM-" */
    int top_outline;    /* the highest heading level used (0-based) */
    int fake_headings;  /* no heading styles: lines numbered as headings are */
    int toc_skipped;
} bctx;

static folio_block *push(bctx *b, bvec *v, const folio_block *blk) {
    if (v->n == v->cap && grow_array(&v->v, &v->cap, v->n + 1, sizeof *v->v, 16)) {
        dx_oom(b->c);
        return NULL;
    }
    v->v[v->n] = *blk;
    return &v->v[v->n++];
}

/* The vector's blocks moved into the arena. */
static int settle(bctx *b, bvec *v, folio_block **out, size_t *n) {
    *out = NULL;
    *n = 0;
    if (v->n && !(*out = arena_calloc(b->c->a, v->n, sizeof **out))) {
        free(v->v);
        return dx_oom(b->c);
    }
    if (v->n) memcpy(*out, v->v, v->n * sizeof **out);
    *n = v->n;
    free(v->v);
    return 0;
}

static int starts(const char *s, const char *prefix) {
    return !strncmp(s, prefix, strlen(prefix));
}

/* 一 二 … 十: the numerals of Chinese section numbers. */
static size_t chinese_numeral(const char *s) {
    static const char *const d[] = {"一", "二", "三", "四", "五", "六", "七",
                                    "八", "九", "十", "〇", "零", "百", NULL};
    size_t k = 0;
    for (;;) {
        size_t i = 0;
        while (d[i] && !starts(s + k, d[i]))
            i++;
        if (!d[i]) return k;
        k += strlen(d[i]);
    }
}

/* How a line is numbered: 1 for 一、 and 第一章, 2 for (一), 3 for 1. 1、
 * 1.1; 0 when it is not numbered so. */
static int numbering_kind(const char *t) {
    size_t k = chinese_numeral(t);
    if (k && starts(t + k, "、")) return 1;
    if (starts(t, "第")) {
        size_t m = chinese_numeral(t + 3);
        if (!m) m = strspn(t + 3, "0123456789");
        const char *u = t + 3 + m;
        if (m && (starts(u, "章") || starts(u, "部分") || starts(u, "节") || starts(u, "篇")))
            return 1;
    }
    if (starts(t, "(") || starts(t, "(")) {
        size_t o = t[0] == '(' ? 1 : 3, m = chinese_numeral(t + o);
        if (m && (starts(t + o + m, ")") || starts(t + o + m, ")"))) return 2;
    }
    size_t digits = strspn(t, "0123456789");
    if (digits && digits <= 2 && (starts(t + digits, "、") || t[digits] == '.')) return 3;
    return 0;
}

/* In a manuscript without heading styles, a line numbered as a heading is
 * one: bold and short, or — for 一、 and (一), which Chinese writing keeps
 * for headings — short and no clause. The level: 2 for 一、, else 3. */
static int fake_heading(bctx *b, const dx_para *p, const char *text) {
    static const char *const clause[] = {"。", ",", ";", ":", ",", ";", NULL};
    if (!b->fake_headings || p->in_table || p->list_fmt >= 0) return 0;
    size_t n = utf8_count(text, strlen(text));
    int kind = n >= 2 && n <= 40 && !strstr(text, "。") ? numbering_kind(text) : 0;
    if (!kind) return 0;
    if (p->all_bold) return kind == 1 ? 2 : 3;
    for (size_t i = 0; clause[i]; i++)
        if (strstr(text, clause[i])) return 0;
    return n <= 25 && kind <= 2 ? kind + 1 : 0;
}

/* A picture's description as an author would not have written it: empty,
 * Word's "图片 3" / "Picture 3", or a file name. */
static int generic_alt(const char *s) {
    static const char *const words[] = {"图片", "图像", "Picture", "Image", "图表", "Chart", NULL};
    if (!s || !*s) return 1;
    for (size_t i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (!strncasecmp(s, words[i], n) && strspn(s + n, " 0123456789") == strlen(s + n)) return 1;
    }
    const char *dot = strrchr(s, '.');
    return dot &&
           (!strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg") ||
            !strcasecmp(dot, ".gif") || !strcasecmp(dot, ".bmp") || !strcasecmp(dot, ".emf") ||
            !strcasecmp(dot, ".wmf") || !strcasecmp(dot, ".tif"));
}

/* A paragraph that captions a picture next to it: in a caption style, or
 * short and opening with 图 1 / 图一 / Figure 1. */
static int is_caption(bctx *b, const dx_para *p) {
    if (p->kind != DX_P_TEXT || p->used || !p->nspans) return 0;
    if (p->props.role == DX_ROLE_CAPTION) return 1;
    const char *t = dx_line_text(b->c, p->spans, p->nspans);
    if (!t || utf8_count(t, strlen(t)) > 80) return 0;
    const char *u = starts(t, "图") ? t + 3 : starts(t, "Figure") ? t + 6 : NULL;
    if (!u) return 0;
    u += strspn(u, " ");
    return (*u >= '0' && *u <= '9') || chinese_numeral(u) > 0;
}

/* The file a picture is written to, named once, in the order of first use. */
static const char *picture_path(bctx *b, dx_pic *pic) {
    dx_ctx *c = b->c;
    char name[64];
    if (!pic->name) {
        int n = 0;
        for (size_t i = 0; i < c->npics; i++)
            n += c->pics[i].name != NULL;
        snprintf(name, sizeof name, "%d.%s", n + 1, pic->format == FOLIO_IMAGE_PNG ? "png" : "jpg");
        folio_buf p;
        buf_init(&p);
        buf_printf(&p, "%s%s", b->prefix, name);
        const char *path = p.oom ? NULL : arena_strdup(c->a, p.data);
        buf_free(&p);
        if (!path) return dx_oom(c), NULL;
        const char *slash = strrchr(path, '/');
        pic->name = slash ? slash + 1 : path;
        return path;
    }
    folio_buf p;
    buf_init(&p);
    const char *slash = strrchr(b->prefix, '/');
    if (slash) buf_append(&p, b->prefix, (size_t)(slash - b->prefix + 1));
    buf_puts(&p, pic->name);
    const char *path = p.oom ? NULL : arena_strdup(c->a, p.data);
    buf_free(&p);
    if (!path) dx_oom(c);
    return path;
}

static int image_block(bctx *b, dx_paras *ps, size_t i, bvec *out) {
    dx_ctx *c = b->c;
    dx_para *p = &ps->v[i];
    folio_block blk = {.type = FOLIO_BLOCK_IMAGE};
    folio_image *img = arena_calloc(c->a, 1, sizeof *img);
    if (!img) return dx_oom(c);
    dx_pic *pic = &c->pics[p->pic];
    img->path = picture_path(b, pic);
    img->format = pic->format;
    if (!img->path) return -1;
    blk.image = img;
    dx_para *cap = NULL;
    if (i + 1 < ps->n && is_caption(b, &ps->v[i + 1]))
        cap = &ps->v[i + 1];
    else if (i > 0 && ps->v[i - 1].props.role == DX_ROLE_CAPTION && is_caption(b, &ps->v[i - 1]))
        cap = &ps->v[i - 1];
    if (cap) {
        cap->used = 1;
        blk.spans = cap->spans;
        blk.nspans = cap->nspans;
    } else if (p->nalt && !generic_alt(p->alt[0].text)) {
        blk.spans = p->alt;
        blk.nspans = p->nalt;
    }
    if (dx_clean_spans(c, &blk.spans, &blk.nspans)) return -1;
    return push(b, out, &blk) ? 0 : -1;
}

static int text_block(bctx *b, dx_para *p, folio_block_type type, int level, bvec *out) {
    folio_block blk = {.type = type, .level = level, .spans = p->spans, .nspans = p->nspans};
    if (dx_clean_spans(b->c, &blk.spans, &blk.nspans)) return -1;
    if (!blk.nspans) return 0;
    if (type == FOLIO_BLOCK_HEADING) /* a heading is set bold anyway */
        for (size_t k = 0; k < blk.nspans; k++)
            blk.spans[k].flags &= ~(unsigned)FOLIO_SPAN_STRONG;
    return push(b, out, &blk) ? 0 : -1;
}

static int is_item(const dx_para *p) {
    return p->kind == DX_P_TEXT && !p->used && p->list_fmt >= 0;
}

/* Consecutive list paragraphs from *i on, of this level and deeper. */
static int list_block(bctx *b, dx_paras *ps, size_t *i, int level, bvec *out) {
    dx_para *first = &ps->v[*i];
    folio_block list = {.type = FOLIO_BLOCK_LIST, .tight = 1};
    list.ordered = first->list_fmt == DX_FMT_DECIMAL;
    list.start = list.ordered ? first->list_start : 0;
    bvec items = {0};
    while (*i < ps->n && is_item(&ps->v[*i]) && ps->v[*i].list_level >= level && !b->c->oom) {
        dx_para *p = &ps->v[*i];
        if (p->list_level > level && items.n) {
            /* a deeper list belongs to the item before it */
            folio_block *item = &items.v[items.n - 1];
            bvec kids = {0};
            for (size_t k = 0; k < item->nchildren; k++)
                push(b, &kids, &item->children[k]);
            if (list_block(b, ps, i, p->list_level, &kids) ||
                settle(b, &kids, &item->children, &item->nchildren))
                break;
            continue;
        }
        if ((p->list_fmt == DX_FMT_DECIMAL) != list.ordered && items.n) break;
        folio_block item = {.type = FOLIO_BLOCK_ITEM};
        bvec kids = {0};
        (*i)++;
        if (text_block(b, p, FOLIO_BLOCK_PARAGRAPH, 0, &kids) ||
            settle(b, &kids, &item.children, &item.nchildren))
            break;
        if (item.nchildren) push(b, &items, &item); /* an empty numbered line is no item */
    }
    if (settle(b, &items, &list.children, &list.nchildren)) return -1;
    return list.nchildren && !push(b, out, &list) ? -1 : b->c->oom ? -1 : 0;
}

static int is_quote(bctx *b, const dx_para *p) {
    if (p->kind != DX_P_TEXT || p->used || p->list_fmt >= 0) return 0;
    if (p->props.role == DX_ROLE_QUOTE) return 1;
    const char *t = p->nspans ? dx_line_text(b->c, p->spans, 1) : "";
    return t && (starts(t, "编者按") || starts(t, "【编者按】") || starts(t, "[编者按]"));
}

static int quote_block(bctx *b, dx_paras *ps, size_t *i, bvec *out) {
    folio_block q = {.type = FOLIO_BLOCK_QUOTE};
    bvec kids = {0};
    int editor_note = ps->v[*i].props.role != DX_ROLE_QUOTE;
    do {
        if (text_block(b, &ps->v[*i], FOLIO_BLOCK_PARAGRAPH, 0, &kids)) break;
        (*i)++;
    } while (!editor_note && *i < ps->n && is_quote(b, &ps->v[*i]) &&
             ps->v[*i].props.role == DX_ROLE_QUOTE);
    if (settle(b, &kids, &q.children, &q.nchildren)) return -1;
    return q.nchildren && !push(b, out, &q) ? -1 : 0;
}

static int level_of(bctx *b, const dx_para *p) {
    if (p->props.role != DX_ROLE_HEADING) return 2;
    return p->props.outline <= b->top_outline ? 2 : 3;
}

/* One paragraph (or the run of list items or quote paragraphs it starts). */
static int block(bctx *b, dx_paras *ps, size_t *i, bvec *out) {
    dx_para *p = &ps->v[*i];
    if (p->used) {
        (*i)++;
        return 0;
    }
    if (p->kind == DX_P_PICTURE) {
        (*i)++;
        return image_block(b, ps, *i - 1, out);
    }
    if (is_item(p)) return list_block(b, ps, i, p->list_level, out);
    if (is_quote(b, p)) return quote_block(b, ps, i, out);
    (*i)++;
    switch (p->props.role) {
    case DX_ROLE_TOC:
        b->toc_skipped++;
        return 0;
    case DX_ROLE_HEADING:
    case DX_ROLE_TITLE:
    case DX_ROLE_SUBTITLE:
        if (!p->in_table) return text_block(b, p, FOLIO_BLOCK_HEADING, level_of(b, p), out);
        break;
    default:
        break;
    }
    const char *t = p->nspans ? dx_line_text(b->c, p->spans, p->nspans) : NULL;
    int fake = t ? fake_heading(b, p, t) : 0;
    return text_block(b, p, fake ? FOLIO_BLOCK_HEADING : FOLIO_BLOCK_PARAGRAPH, fake, out);
}

/* The notes, in the order of their numbers, under a heading of their own. */
static int notes(bctx *b, bvec *out) {
    dx_ctx *c = b->c;
    if (!c->nnumbered) return 0;
    static folio_span head = {.text = "注释", .len = 6};
    folio_block h = {.type = FOLIO_BLOCK_HEADING, .level = 2, .spans = &head, .nspans = 1};
    if (!push(b, out, &h)) return -1;
    for (int num = 1; num <= c->nnumbered; num++) {
        const dx_note *note = NULL;
        for (size_t i = 0; i < c->nnotes && !note; i++)
            if (c->notes[i].number == num) note = &c->notes[i];
        size_t total = 1;
        for (size_t k = 0; note && k < note->paras.n; k++)
            total += note->paras.v[k].nspans + 1;
        folio_span *v = arena_calloc(c->a, total + 1, sizeof *v);
        if (!v) return dx_oom(c);
        char mark[24];
        snprintf(mark, sizeof mark, "[%d] ", num);
        v[0].text = arena_strdup(c->a, mark);
        v[0].len = strlen(mark);
        size_t n = 1;
        for (size_t k = 0; note && k < note->paras.n; k++) {
            dx_para *p = &note->paras.v[k];
            if (p->kind != DX_P_TEXT || dx_clean_spans(c, &p->spans, &p->nspans) || !p->nspans)
                continue;
            if (n > 1) v[n++] = (folio_span){.text = "", .flags = FOLIO_SPAN_BREAK};
            memcpy(v + n, p->spans, p->nspans * sizeof *v);
            n += p->nspans;
        }
        folio_block para = {.type = FOLIO_BLOCK_PARAGRAPH, .spans = v, .nspans = n};
        if (!v[0].text || !push(b, out, &para)) return -1;
    }
    return 0;
}

int dx_make_blocks(dx_ctx *c, folio_article *art, const char *img_prefix) {
    bctx b = {c, img_prefix, 99, 1, 0};
    for (size_t i = 0; i < c->body.n; i++) {
        const dx_para *p = &c->body.v[i];
        if (p->used || p->kind != DX_P_TEXT || p->props.role != DX_ROLE_HEADING) continue;
        b.fake_headings = 0;
        if (p->props.outline < b.top_outline) b.top_outline = p->props.outline;
    }
    bvec out = {0};
    size_t i = 0;
    while (i < c->body.n && !c->oom)
        if (block(&b, &c->body, &i, &out)) break;
    if (!c->oom) notes(&b, &out);
    if (b.toc_skipped)
        diag_warning(c->d, c->src, 0,
                     "the manuscript's own table of contents (%d entr%s) left out: the edition "
                     "makes one",
                     b.toc_skipped, b.toc_skipped == 1 ? "y" : "ies");
    if (settle(&b, &out, &art->blocks, &art->nblocks)) return -1;
    return c->oom ? -1 : 0;
}
