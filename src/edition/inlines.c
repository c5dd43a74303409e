/* inlines.c — cmark inline nodes flattened into styled spans. */
#include "md.h"

#include "../util/buf.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

int cjk_class(uint32_t cp) {
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x30FF) ||
        (cp >= 0x3100 && cp <= 0x312F) || (cp >= 0x31A0 && cp <= 0x31FF) ||
        (cp >= 0x3200 && cp <= 0x33FF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6))
        return 2;
    if ((cp >= 0x2010 && cp <= 0x2027) || cp == 0x00B7 || (cp >= 0x2460 && cp <= 0x24FF) ||
        (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0x2E3A || cp == 0x2E3B)
        return 1;
    return 0;
}

enum { P_TEXT, P_SOFT, P_BREAK, P_MARK, P_SKIP };

typedef struct piece {
    int kind;
    unsigned flags;
    const char *url;
    const char *text;
    size_t len;
} piece;

typedef struct pvec {
    piece *v;
    size_t n, cap;
    int oom;
} pvec;

static void add(pvec *p, int kind, unsigned flags, const char *url, const char *text) {
    if (p->oom)
        return;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        piece *v = realloc(p->v, cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return;
        }
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = (piece){kind, flags, url, text ? text : "", text ? strlen(text) : 0};
}

static void walk(md_ctx *m, cmark_node *node, unsigned flags, const char *url, int line,
                 pvec *p) {
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
            add(p, P_TEXT, flags | SPAN_CODE, url, cmark_node_get_literal(ch));
            break;
        case CMARK_NODE_SOFTBREAK:
            add(p, P_SOFT, flags, url, NULL);
            break;
        case CMARK_NODE_LINEBREAK:
            add(p, P_BREAK, SPAN_BREAK, NULL, NULL);
            break;
        case CMARK_NODE_EMPH:
            walk(m, ch, flags | SPAN_EMPH, url, line, p);
            break;
        case CMARK_NODE_STRONG:
            walk(m, ch, flags | SPAN_STRONG, url, line, p);
            break;
        case CMARK_NODE_LINK:
            walk(m, ch, flags | SPAN_LINK, cmark_node_get_url(ch), line, p);
            break;
        case CMARK_NODE_IMAGE:
            diag_warning(m->c->d, m->art->path, md_line(m, ch, line),
                         "an image inside a paragraph of text is not supported; its caption is "
                         "kept as text (put the image in a paragraph of its own)");
            walk(m, ch, flags, url, line, p);
            break;
        case CMARK_NODE_HTML_INLINE:
            if (md_is_comment(cmark_node_get_literal(ch)))
                break;
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

/* Splits the text pieces at runs of one or two '*' left as literal text,
 * which become P_MARK pieces. */
static void split_marks(const pvec *p, pvec *q) {
    for (size_t i = 0; i < p->n; i++) {
        const piece *pc = &p->v[i];
        if (pc->kind != P_TEXT || (pc->flags & SPAN_CODE) || !memchr(pc->text, '*', pc->len)) {
            add(q, pc->kind, pc->flags, pc->url, NULL);
            if (!q->oom)
                q->v[q->n - 1] = *pc;
            continue;
        }
        size_t s = 0, k = 0;
        while (k <= pc->len) {
            size_t run = 0;
            while (k + run < pc->len && pc->text[k + run] == '*')
                run++;
            if (k == pc->len || run == 1 || run == 2) {
                if (k > s) {
                    add(q, P_TEXT, pc->flags, pc->url, NULL);
                    if (!q->oom)
                        q->v[q->n - 1] = (piece){P_TEXT, pc->flags, pc->url, pc->text + s, k - s};
                }
                if (k == pc->len)
                    break;
                add(q, P_MARK, pc->flags, pc->url, NULL);
                if (!q->oom)
                    q->v[q->n - 1] = (piece){P_MARK, pc->flags, pc->url, pc->text + k, run};
                s = k + run;
            }
            k += run ? run : 1;
        }
    }
}

static int has_han(const pvec *q, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        const piece *pc = &q->v[i];
        for (size_t k = 0; pc->kind == P_TEXT && k < pc->len;) {
            uint32_t cp;
            k += utf8_decode(pc->text + k, pc->len - k, &cp);
            if (cjk_class(cp) == 2)
                return 1;
        }
    }
    return 0;
}

static int is_blank(char ch) { return ch == ' ' || ch == '\t'; }

/* CommonMark does not close `**强调。**后文` (punctuation inside, a letter
 * after), so Chinese emphasis is often left as literal stars. Pairs of such
 * stars around text with Han characters in it are read as the emphasis the
 * writer meant; any other star stays text. */
static void cjk_emphasis(pvec *p) {
    int any = 0;
    for (size_t i = 0; i < p->n && !any; i++)
        any = p->v[i].kind == P_TEXT && memchr(p->v[i].text, '*', p->v[i].len) != NULL;
    if (!any)
        return;
    pvec q = {0};
    split_marks(p, &q);
    if (q.oom) {
        free(q.v);
        return;
    }
    for (size_t i = 0; i < q.n; i++) {
        piece *o = &q.v[i];
        if (o->kind != P_MARK)
            continue;
        o->kind = P_TEXT; /* unless a closer is found */
        if (i + 1 >= q.n || q.v[i + 1].kind != P_TEXT || !q.v[i + 1].len || is_blank(q.v[i + 1].text[0]))
            continue;
        for (size_t k = i + 2; k < q.n; k++) {
            piece *c = &q.v[k];
            if (c->kind != P_MARK || c->len != o->len)
                continue;
            const piece *b = &q.v[k - 1];
            if (b->kind != P_TEXT || !b->len || is_blank(b->text[b->len - 1]) || !has_han(&q, i + 1, k))
                break;
            unsigned add_flags = o->len == 2 ? SPAN_STRONG : SPAN_EMPH;
            o->kind = c->kind = P_SKIP;
            for (size_t j = i + 1; j < k; j++)
                q.v[j].flags |= q.v[j].kind == P_BREAK ? 0 : add_flags;
            i = k;
            break;
        }
    }
    for (size_t i = 0; i < q.n; i++)
        if (q.v[i].kind == P_MARK)
            q.v[i].kind = P_TEXT;
    free(p->v);
    *p = q;
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

static int same_url(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* Appends text with flags, extending the last span when it has the same style. */
static void emit(svec *s, unsigned flags, const char *url, const char *text, size_t len) {
    if (s->oom || (len == 0 && !(flags & SPAN_BREAK)))
        return;
    tspan *last = s->n ? &s->v[s->n - 1] : NULL;
    if (last && !(flags & SPAN_BREAK) && !(last->flags & SPAN_BREAK) && last->flags == flags &&
        same_url(last->url, url)) {
        last->len += len;
    } else {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 8;
            tspan *v = realloc(s->v, cap * sizeof *v);
            if (!v) {
                s->oom = 1;
                return;
            }
            s->v = v;
            s->cap = cap;
        }
        s->v[s->n++] = (tspan){flags, url, s->text.len, len};
    }
    if (buf_append(&s->text, text, len))
        s->oom = 1;
}

/* The CJK class of the text before a soft break: that of its last character,
 * or, when that one goes either way (a quote, a dash), the class of the first
 * character before it that does not. 0 at the start or after a hard break. */
static int class_before(const svec *s) {
    if (!s->n || (s->v[s->n - 1].flags & SPAN_BREAK))
        return 0;
    int first = -1;
    for (size_t i = s->text.len; i > 0;) {
        size_t k = i - 1;
        while (k > 0 && ((unsigned char)s->text.data[k] & 0xC0) == 0x80)
            k--;
        uint32_t cp = 0;
        utf8_decode(s->text.data + k, i - k, &cp);
        int c = cjk_class(cp);
        if (first < 0)
            first = c;
        if (c != 1)
            return first == 1 && c == 2 ? 2 : first;
        i = k;
    }
    return first < 0 ? 0 : first;
}

/* The same for the text after piece i. */
static int class_after(const pvec *p, size_t i) {
    int first = -1;
    for (size_t k = i + 1; k < p->n; k++) {
        if (p->v[k].kind == P_SKIP)
            continue;
        if (p->v[k].kind != P_TEXT)
            break;
        for (size_t j = 0; j < p->v[k].len;) {
            uint32_t cp = 0;
            j += utf8_decode(p->v[k].text + j, p->v[k].len - j, &cp);
            int c = cjk_class(cp);
            if (first < 0)
                first = c;
            if (c != 1)
                return first == 1 && c == 2 ? 2 : first;
        }
    }
    return first < 0 ? 0 : first;
}

int md_spans(md_ctx *m, cmark_node *node, int line, folio_span **spans, size_t *n) {
    pvec p = {0};
    svec s = {0};
    *spans = NULL;
    *n = 0;
    buf_init(&s.text);
    walk(m, node, 0, NULL, line, &p);
    cjk_emphasis(&p);
    for (size_t i = 0; i < p.n && !p.oom; i++) {
        const piece *pc = &p.v[i];
        if (pc->kind == P_SKIP) {
            continue;
        } else if (pc->kind == P_TEXT) {
            emit(&s, pc->flags, pc->url, pc->text, pc->len);
        } else if (pc->kind == P_BREAK) {
            emit(&s, SPAN_BREAK, NULL, "", 0);
        } else {
            /* A line end inside Chinese text is no space; between words it is one. */
            int a = class_before(&s), b = class_after(&p, i);
            if (!((a == 2 && b >= 1) || (a >= 1 && b == 2)))
                emit(&s, pc->flags, pc->url, " ", 1);
        }
    }
    int r = p.oom || s.oom ? -1 : 0;
    if (!r && s.n) {
        folio_span *out = rd_calloc(m->c, s.n, sizeof *out);
        for (size_t i = 0; out && i < s.n; i++) {
            out[i].flags = s.v[i].flags;
            out[i].len = s.v[i].len;
            out[i].text = rd_strndup(m->c, s.text.data ? s.text.data + s.v[i].off : "",
                                     s.v[i].len);
            out[i].url = s.v[i].url ? rd_strdup(m->c, s.v[i].url) : NULL;
            if (!out[i].text || (s.v[i].url && !out[i].url))
                out = NULL;
        }
        if (out) {
            *spans = out;
            *n = s.n;
        } else {
            r = -1;
        }
    }
    if (r && !m->c->oom) {
        diag_error(m->c->d, NULL, 0, "out of memory");
        m->c->oom = 1;
    }
    free(p.v);
    free(s.v);
    buf_free(&s.text);
    return r;
}
