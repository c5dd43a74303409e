/* emphasis.c — Chinese emphasis that CommonMark leaves as literal stars, repaired. */
#include "md.h"

#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* The offset in m->body of the start of body line `line` (1-based). */
static size_t line_offset(md_ctx *m, int line) {
    if (line < m->seen_line) m->seen_off = 0, m->seen_line = 1;
    while (m->seen_line < line && m->seen_off < m->body_len) {
        const char *nl = memchr(m->body + m->seen_off, '\n', m->body_len - m->seen_off);
        m->seen_off = nl ? (size_t)(nl - m->body) + 1 : m->body_len;
        m->seen_line++;
    }
    return m->seen_off;
}

/* Whether s (at most len bytes) starts a character reference to '*'. */
static int star_reference(const char *s, size_t len) {
    if (len >= 5 && !strncmp(s, "&ast;", 5)) return 1;
    if (len >= 8 && !strncmp(s, "&midast;", 8)) return 1;
    if (len < 4 || s[1] != '#') return 0;
    int hex = s[2] == 'x' || s[2] == 'X';
    size_t k = hex ? 3 : 2;
    unsigned long v = 0;
    size_t digits = 0;
    for (; k < len && digits < 8; k++, digits++) {
        char c = s[k];
        int d = c >= '0' && c <= '9'                            ? c - '0'
                : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                : -1;
        if (d < 0) break;
        v = v * (hex ? 16 : 10) + (unsigned long)d;
    }
    return digits && k < len && s[k] == ';' && v == '*';
}

int md_star_escaped(md_ctx *m, cmark_node *node) {
    if (cmark_node_get_type(node) == CMARK_NODE_IMAGE) node = cmark_node_parent(node);
    int first = node ? cmark_node_get_start_line(node) : 0;
    int last = node ? cmark_node_get_end_line(node) : 0;
    if (first <= 0 || last < first || !m->body) return 0;
    /* the cursor stays at the block's first line: its images come next */
    size_t from = line_offset(m, first), to = from;
    for (int l = first; l <= last && to < m->body_len; l++) {
        const char *nl = memchr(m->body + to, '\n', m->body_len - to);
        to = nl ? (size_t)(nl - m->body) + 1 : m->body_len;
    }
    for (size_t k = from; k < to; k++) {
        if (m->body[k] == '\\' && k + 1 < to && m->body[k + 1] == '*') return 1;
        if (m->body[k] == '&' && star_reference(m->body + k, to - k)) return 1;
    }
    return 0;
}

/* Splits the text pieces at runs of one or two '*' left as literal text,
 * which become P_MARK pieces. */
static void split_marks(const md_pieces *p, md_pieces *q) {
    for (size_t i = 0; i < p->n; i++) {
        const md_piece *pc = &p->v[i];
        if (pc->kind != P_TEXT || (pc->flags & FOLIO_SPAN_CODE) ||
            !memchr(pc->text, '*', pc->len)) {
            md_piece_add(q, *pc);
            continue;
        }
        size_t s = 0, k = 0;
        while (k <= pc->len) {
            size_t run = 0;
            while (k + run < pc->len && pc->text[k + run] == '*')
                run++;
            if (k == pc->len || run == 1 || run == 2) {
                if (k > s)
                    md_piece_add(q, (md_piece){P_TEXT, pc->flags, pc->url, pc->text + s, k - s});
                if (k == pc->len) break;
                md_piece_add(q, (md_piece){P_MARK, pc->flags, pc->url, pc->text + k, run});
                s = k + run;
            }
            k += run ? run : 1;
        }
    }
}

/* Emphasis reaching further than this many pieces is not looked for: it keeps
 * the pairing linear on hostile text. */
#define MAX_SPAN 256

static int has_han(const md_pieces *q, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        const md_piece *pc = &q->v[i];
        for (size_t k = 0; pc->kind == P_TEXT && k < pc->len;) {
            uint32_t cp;
            k += utf8_decode(pc->text + k, pc->len - k, &cp);
            if (cjk_class(cp) == 2) return 1;
        }
    }
    return 0;
}

static int is_blank(char ch) {
    return ch == ' ' || ch == '\t';
}

static int is_alnum(char ch) {
    return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

/* Whether the mark at i may open: text follows without a blank, and no
 * Latin letter or digit comes just before (that would be 3*4, not emphasis). */
static int may_open(const md_pieces *q, size_t i) {
    const md_piece *next = i + 1 < q->n ? &q->v[i + 1] : NULL;
    const md_piece *prev = i > 0 ? &q->v[i - 1] : NULL;
    if (!next || next->kind != P_TEXT || !next->len || is_blank(next->text[0])) return 0;
    return !(prev && prev->kind == P_TEXT && prev->len && is_alnum(prev->text[prev->len - 1]));
}

/* Whether the mark at k may close: text without a trailing blank before it. */
static int may_close(const md_pieces *q, size_t k) {
    const md_piece *b = &q->v[k - 1];
    return b->kind == P_TEXT && b->len && !is_blank(b->text[b->len - 1]);
}

/* CommonMark does not close `**强调。**后文` (punctuation inside, a letter
 * after), so Chinese emphasis is often left as literal stars. Pairs of such
 * stars around text with Han characters in it are read as the emphasis the
 * writer meant; any other star stays text. */
void md_cjk_emphasis(md_pieces *p, md_ctx *m, cmark_node *node) {
    int any = 0;
    for (size_t i = 0; i < p->n && !any; i++)
        any = p->v[i].kind == P_TEXT && memchr(p->v[i].text, '*', p->v[i].len) != NULL;
    if (!any || md_star_escaped(m, node)) return;
    md_pieces q = {0};
    split_marks(p, &q);
    if (q.oom) {
        free(q.v);
        return;
    }
    for (size_t i = 0; i < q.n; i++) {
        md_piece *o = &q.v[i];
        if (o->kind != P_MARK) continue;
        o->kind = P_TEXT; /* unless a closer is found */
        if (!may_open(&q, i)) continue;
        for (size_t k = i + 2; k < q.n && k < i + MAX_SPAN; k++) {
            md_piece *c = &q.v[k];
            if (c->kind != P_MARK || c->len != o->len) continue;
            if (!may_close(&q, k) || !has_han(&q, i + 1, k)) break;
            unsigned add_flags = o->len == 2 ? FOLIO_SPAN_STRONG : FOLIO_SPAN_EMPH;
            o->kind = c->kind = P_SKIP;
            for (size_t j = i + 1; j < k; j++)
                q.v[j].flags |= q.v[j].kind == P_BREAK ? 0 : add_flags;
            i = k;
            break;
        }
    }
    for (size_t i = 0; i < q.n; i++)
        if (q.v[i].kind == P_MARK) q.v[i].kind = P_TEXT;
    free(p->v);
    *p = q;
}
