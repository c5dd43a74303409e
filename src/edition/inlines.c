/* inlines.c — cmark inline nodes flattened into styled spans. */
#include "md.h"

#include "../util/buf.h"
#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

void md_piece_add(md_pieces *p, md_piece pc) {
    if (p->oom) return;
    if (p->n == p->cap && grow_array(&p->v, &p->cap, p->n + 1, sizeof *p->v, 16)) {
        p->oom = 1;
        return;
    }
    p->v[p->n++] = pc;
}

static void add(md_pieces *p, int kind, unsigned flags, const char *url, const char *text) {
    md_piece_add(p, (md_piece){kind, flags, url, text ? text : "", text ? strlen(text) : 0});
}

static void walk(md_ctx *m, cmark_node *node, unsigned flags, const char *url, int line,
                 md_pieces *p) {
    if (m->depth >= MD_MAX_DEPTH) {
        md_too_deep(m, line);
        return;
    }
    m->depth++;
    for (cmark_node *ch = cmark_node_first_child(node); ch; ch = cmark_node_next(ch)) {
        switch (cmark_node_get_type(ch)) {
        case CMARK_NODE_TEXT:
            add(p, P_TEXT, flags, url, cmark_node_get_literal(ch));
            break;
        case CMARK_NODE_CODE:
            add(p, P_TEXT, flags | FOLIO_SPAN_CODE, url, cmark_node_get_literal(ch));
            break;
        case CMARK_NODE_SOFTBREAK:
            add(p, P_SOFT, flags, url, NULL);
            break;
        case CMARK_NODE_LINEBREAK:
            add(p, P_BREAK, FOLIO_SPAN_BREAK, NULL, NULL);
            break;
        case CMARK_NODE_EMPH:
            walk(m, ch, flags | FOLIO_SPAN_EMPH, url, line, p);
            break;
        case CMARK_NODE_STRONG:
            walk(m, ch, flags | FOLIO_SPAN_STRONG, url, line, p);
            break;
        case CMARK_NODE_LINK:
            walk(m, ch, flags | FOLIO_SPAN_LINK, cmark_node_get_url(ch), line, p);
            break;
        case CMARK_NODE_IMAGE:
            diag_warning(m->c->d, m->art->path, md_line(m, ch, line),
                         "an image inside a paragraph of text is not supported; its caption is "
                         "kept as text (put the image in a paragraph of its own)");
            walk(m, ch, flags, url, line, p);
            break;
        case CMARK_NODE_HTML_INLINE:
            if (md_is_comment(cmark_node_get_literal(ch))) break;
            diag_warning(m->c->d, m->art->path, md_line(m, ch, line),
                         "raw HTML is not part of the format; '%s' is left out",
                         cmark_node_get_literal(ch));
            break;
        default:
            walk(m, ch, flags, url, line, p);
            break;
        }
    }
    m->depth--;
}

typedef struct tspan {
    unsigned flags;
    const char *url;
    size_t off, len;
} tspan;

typedef struct svec {
    tspan *v;
    size_t n, cap;
    folio_buf text;
    int oom;
} svec;

static int same_url(const char *a, const char *b) {
    return a == b || (a && b && !strcmp(a, b));
}

/* Appends text with flags, extending the last span when it has the same style. */
static void emit(svec *s, unsigned flags, const char *url, const char *text, size_t len) {
    if (s->oom || (len == 0 && !(flags & FOLIO_SPAN_BREAK))) return;
    tspan *last = s->n ? &s->v[s->n - 1] : NULL;
    if (last && !(flags & FOLIO_SPAN_BREAK) && !(last->flags & FOLIO_SPAN_BREAK) &&
        last->flags == flags && same_url(last->url, url)) {
        last->len += len;
    } else {
        if (s->n == s->cap && grow_array(&s->v, &s->cap, s->n + 1, sizeof *s->v, 8)) {
            s->oom = 1;
            return;
        }
        s->v[s->n++] = (tspan){flags, url, s->text.len, len};
    }
    if (buf_append(&s->text, text, len)) s->oom = 1;
}

/* How far class_before and class_after look past characters that go either
 * way: enough for any run of quotes and dashes, and bounded on hostile text. */
#define LOOK_AROUND 16

/* The CJK class of the text before a soft break: that of its last character,
 * or, when that one goes either way (a quote, a dash), the class of the first
 * character before it that does not. 0 at the start or after a hard break. */
static int class_before(const svec *s) {
    if (!s->n || (s->v[s->n - 1].flags & FOLIO_SPAN_BREAK)) return 0;
    int first = -1, seen = 0;
    for (size_t i = s->text.len; i > 0 && seen++ < LOOK_AROUND;) {
        size_t k = i - 1;
        while (k > 0 && ((unsigned char)s->text.data[k] & 0xC0) == 0x80)
            k--;
        uint32_t cp = 0;
        utf8_decode(s->text.data + k, i - k, &cp);
        int c = cjk_class(cp);
        if (first < 0) first = c;
        if (c != 1) return first == 1 && c == 2 ? 2 : first;
        i = k;
    }
    return first < 0 ? 0 : first;
}

/* The same for the text after piece i. */
static int class_after(const md_pieces *p, size_t i) {
    int first = -1, seen = 0;
    for (size_t k = i + 1; k < p->n && seen < LOOK_AROUND; k++) {
        if (p->v[k].kind == P_SKIP) continue;
        if (p->v[k].kind != P_TEXT) break;
        for (size_t j = 0; j < p->v[k].len && seen++ < LOOK_AROUND;) {
            uint32_t cp = 0;
            j += utf8_decode(p->v[k].text + j, p->v[k].len - j, &cp);
            int c = cjk_class(cp);
            if (first < 0) first = c;
            if (c != 1) return first == 1 && c == 2 ? 2 : first;
        }
    }
    return first < 0 ? 0 : first;
}

/* Spaces left at either end once raw HTML is taken out are dropped. */
static void trim(svec *s) {
    while (s->n && !(s->v[0].flags & FOLIO_SPAN_BREAK) && s->v[0].len &&
           s->text.data[s->v[0].off] == ' ') {
        s->v[0].off++;
        if (!--s->v[0].len) memmove(s->v, s->v + 1, --s->n * sizeof *s->v);
    }
    while (s->n && !(s->v[s->n - 1].flags & FOLIO_SPAN_BREAK) && s->v[s->n - 1].len &&
           s->text.data[s->v[s->n - 1].off + s->v[s->n - 1].len - 1] == ' ') {
        if (!--s->v[s->n - 1].len) s->n--;
    }
}

int md_spans(md_ctx *m, cmark_node *node, int line, folio_span **spans, size_t *n) {
    md_pieces p = {0};
    svec s = {0};
    *spans = NULL;
    *n = 0;
    buf_init(&s.text);
    walk(m, node, 0, NULL, line, &p);
    md_cjk_emphasis(&p, m, node);
    for (size_t i = 0; i < p.n && !p.oom; i++) {
        const md_piece *pc = &p.v[i];
        if (pc->kind == P_SKIP) {
            continue;
        } else if (pc->kind == P_TEXT) {
            emit(&s, pc->flags, pc->url, pc->text, pc->len);
        } else if (pc->kind == P_BREAK) {
            emit(&s, FOLIO_SPAN_BREAK, NULL, "", 0);
        } else {
            /* A line end inside Chinese text is no space; between words it is one. */
            int a = class_before(&s), b = class_after(&p, i);
            if (!((a == 2 && b >= 1) || (a >= 1 && b == 2))) emit(&s, pc->flags, pc->url, " ", 1);
        }
    }
    trim(&s);
    int r = p.oom || s.oom ? -1 : 0;
    if (!r && s.n) {
        folio_span *out = rd_calloc(m->c, s.n, sizeof *out);
        for (size_t i = 0; out && i < s.n; i++) {
            out[i].flags = s.v[i].flags;
            out[i].len = s.v[i].len;
            out[i].text = rd_strndup(m->c, s.text.data ? s.text.data + s.v[i].off : "", s.v[i].len);
            out[i].url = s.v[i].url ? rd_strdup(m->c, s.v[i].url) : NULL;
            if (!out[i].text || (s.v[i].url && !out[i].url)) out = NULL;
        }
        if (out) {
            *spans = out;
            *n = s.n;
        } else {
            r = -1;
        }
    }
    if (r) rd_oom(m->c);
    free(p.v);
    free(s.v);
    buf_free(&s.text);
    return r;
}
