/* markdown.c — a CommonMark body parsed by cmark into the block tree of an article. */
#include "md.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

typedef struct bvec {
    folio_block *v;
    size_t n, cap;
} bvec;

void md_too_deep(md_ctx *m, int line) {
    if (!m->too_deep)
        diag_error(m->c->d, m->art->path, line, "nested more than %d levels deep", MD_MAX_DEPTH);
    m->too_deep = 1;
}

int md_is_comment(const char *html) {
    if (!html) return 0;
    for (;;) {
        html += strspn(html, " \t\n");
        if (!*html) return 1;
        if (strncmp(html, "<!--", 4)) return 0;
        /* a plain scan: strstr may measure the whole rest each time */
        html += 4;
        while (*html && !(html[0] == '-' && html[1] == '-' && html[2] == '>'))
            html++;
        if (!*html) return 0;
        html += 3;
    }
}

int md_line(const md_ctx *m, cmark_node *n, int fallback) {
    int l = cmark_node_get_start_line(n);
    return l > 0 ? l + m->line0 : fallback;
}

static int push(md_ctx *m, bvec *v, const folio_block *b) {
    if (v->n == v->cap && grow_array(&v->v, &v->cap, v->n + 1, sizeof *v->v, 8)) {
        rd_oom(m->c);
        return -1;
    }
    v->v[v->n++] = *b;
    return 0;
}

static void children(md_ctx *m, cmark_node *parent, folio_block **out, size_t *n);

/* Whether a paragraph holds images and nothing but blanks (or comments) between them. */
static int images_only(cmark_node *para) {
    int images = 0;
    for (cmark_node *ch = cmark_node_first_child(para); ch; ch = cmark_node_next(ch)) {
        cmark_node_type t = cmark_node_get_type(ch);
        if (t == CMARK_NODE_IMAGE) {
            images++;
        } else if (t == CMARK_NODE_TEXT) {
            for (const char *s = cmark_node_get_literal(ch); s && *s; s++)
                if (*s != ' ' && *s != '\t') return 0;
        } else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK &&
                   !(t == CMARK_NODE_HTML_INLINE && md_is_comment(cmark_node_get_literal(ch)))) {
            return 0;
        }
    }
    return images;
}

static void image_blocks(md_ctx *m, cmark_node *para, int line, bvec *v) {
    for (cmark_node *ch = cmark_node_first_child(para); ch; ch = cmark_node_next(ch)) {
        if (cmark_node_get_type(ch) != CMARK_NODE_IMAGE) continue;
        folio_block b = {.type = FOLIO_BLOCK_IMAGE, .src = m->art->path};
        b.line = md_line(m, ch, line);
        b.image = image_ref(m->c, m->art->path, b.line, m->dir, cmark_node_get_url(ch));
        if (!b.image || md_spans(m, ch, b.line, &b.spans, &b.nspans)) continue;
        b.serial = m->serial++;
        push(m, v, &b);
    }
}

/* Paragraphs copied from a word processor often start with full-width
 * spaces; the layout indents paragraphs itself, so they are removed. */
static void strip_indent(md_ctx *m, folio_block *b) {
    static const char ideo[] = "\xE3\x80\x80"; /* U+3000 */
    if (!b->nspans || (b->spans[0].flags & FOLIO_SPAN_BREAK)) return;
    folio_span *s = &b->spans[0];
    size_t k = 0;
    while (k < s->len && (s->text[k] == ' ' || (s->len - k >= 3 && !memcmp(s->text + k, ideo, 3))))
        k += s->text[k] == ' ' ? 1 : 3;
    if (!k) return;
    if (!m->indent_warned)
        diag_warning(m->c->d, m->art->path, b->line,
                     "paragraphs start with full-width spaces; they are left out (the layout "
                     "indents paragraphs)");
    m->indent_warned = 1;
    s->text += k;
    s->len -= k;
    if (!s->len) {
        b->spans++;
        b->nspans--;
    }
}

/* A code block is not part of the format: its lines are kept as a paragraph. */
static int code_spans(md_ctx *m, const char *lit, folio_block *b) {
    size_t lines = 0;
    for (const char *s = lit; *s; s++)
        lines += *s == '\n';
    if (*lit && lit[strlen(lit) - 1] != '\n') lines++;
    if (!lines) return -1;
    b->spans = rd_calloc(m->c, 2 * lines - 1, sizeof *b->spans);
    if (!b->spans) return -1;
    const char *s = lit;
    for (size_t i = 0; i < lines; i++) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (i > 0) b->spans[b->nspans++] = (folio_span){.text = "", .flags = FOLIO_SPAN_BREAK};
        folio_span *sp = &b->spans[b->nspans++];
        sp->text = rd_strndup(m->c, s, n);
        sp->len = n;
        sp->flags = FOLIO_SPAN_CODE;
        if (!sp->text) return -1;
        s += n + (e ? 1 : 0);
    }
    return 0;
}

static void block(md_ctx *m, cmark_node *node, bvec *v) {
    folio_block b = {.src = m->art->path};
    b.line = md_line(m, node, m->line0 + 1);
    const char *path = m->art->path;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        if (images_only(node)) {
            image_blocks(m, node, b.line, v);
            return;
        }
        b.type = FOLIO_BLOCK_PARAGRAPH;
        if (md_spans(m, node, b.line, &b.spans, &b.nspans)) return;
        strip_indent(m, &b);
        if (!b.nspans) return; /* nothing left, e.g. only raw HTML (already warned about) */
        break;
    case CMARK_NODE_HEADING:
        b.type = FOLIO_BLOCK_HEADING;
        b.level = cmark_node_get_heading_level(node) <= 2 ? 2 : 3;
        if (md_spans(m, node, b.line, &b.spans, &b.nspans)) return;
        if (!b.nspans) {
            diag_warning(m->c->d, path, b.line, "empty heading left out");
            return;
        }
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        b.type = FOLIO_BLOCK_QUOTE;
        break;
    case CMARK_NODE_LIST:
        b.type = FOLIO_BLOCK_LIST;
        b.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        b.start = b.ordered ? cmark_node_get_list_start(node) : 0;
        b.tight = cmark_node_get_list_tight(node);
        break;
    case CMARK_NODE_ITEM:
        b.type = FOLIO_BLOCK_ITEM;
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        b.type = FOLIO_BLOCK_THEMATIC;
        break;
    case CMARK_NODE_CODE_BLOCK:
        diag_warning(m->c->d, path, b.line,
                     "code blocks are not part of the format; kept as a plain paragraph");
        b.type = FOLIO_BLOCK_PARAGRAPH;
        if (code_spans(m, cmark_node_get_literal(node), &b)) return;
        break;
    case CMARK_NODE_HTML_BLOCK:
        if (!md_is_comment(cmark_node_get_literal(node)))
            diag_warning(m->c->d, path, b.line,
                         "raw HTML is not part of the format; it is left out");
        return;
    default:
        return;
    }
    /* Serials count in document order: a container before what it holds. */
    b.serial = m->serial++;
    if (b.type == FOLIO_BLOCK_QUOTE || b.type == FOLIO_BLOCK_LIST || b.type == FOLIO_BLOCK_ITEM) {
        if (m->depth >= MD_MAX_DEPTH) {
            md_too_deep(m, b.line);
            return;
        }
        m->depth++;
        children(m, node, &b.children, &b.nchildren);
        m->depth--;
    }
    push(m, v, &b);
}

static void children(md_ctx *m, cmark_node *parent, folio_block **out, size_t *n) {
    bvec v = {0};
    *out = NULL;
    *n = 0;
    for (cmark_node *ch = cmark_node_first_child(parent); ch && !m->c->oom;
         ch = cmark_node_next(ch))
        block(m, ch, &v);
    if (v.n && (*out = rd_calloc(m->c, v.n, sizeof **out)) != NULL) {
        memcpy(*out, v.v, v.n * sizeof *v.v);
        *n = v.n;
    }
    free(v.v);
}

void markdown_read(rd_ctx *c, folio_article *art, const char *body, size_t len, int line_offset) {
    md_ctx m = {c, art, path_dir(c, art->path), line_offset, 0, 0, 0, 0, body, len, 0, 1};
    if (!m.dir) return;
    cmark_node *doc = cmark_parse_document(body, len, CMARK_OPT_DEFAULT);
    if (!doc) {
        rd_oom(c);
        return;
    }
    children(&m, doc, &art->blocks, &art->nblocks);
    cmark_node_free(doc);
    if (!art->nblocks && !c->oom)
        diag_warning(c->d, art->path, line_offset > 0 ? line_offset : 1,
                     "the article has no text after its front matter");
}
