/* md_inline.c — spans written as CommonMark inline text that reads back the same. */
#include "md_private.h"

#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* The text is cut into atoms first, so that each delimiter can look at what
 * stands on either side of it in the output before it is written. */
typedef enum { AT_TEXT, AT_CODE, AT_OPEN, AT_CLOSE, AT_BREAK, AT_LINK_OPEN, AT_LINK_CLOSE } at_kind;

typedef struct atom {
    at_kind kind;
    const char
        *s; /* AT_TEXT, AT_CODE: the text; AT_OPEN/CLOSE: the delimiter; AT_LINK_CLOSE: url */
    size_t len;
} atom;

typedef struct atoms {
    atom *v;
    size_t n, cap;
    int oom;
} atoms;

/* An empty comment between two delimiters keeps them apart and makes each
 * flank what it should: the edition reader drops comments silently. */
static const char GUARD[] = "<!-- -->";

static void add(atoms *a, at_kind kind, const char *s, size_t len) {
    if (a->oom) return;
    if (a->n == a->cap && grow_array(&a->v, &a->cap, a->n + 1, sizeof *a->v, 16)) {
        a->oom = 1;
        return;
    }
    a->v[a->n++] = (atom){kind, s, len};
}

#define STYLE (FOLIO_SPAN_EMPH | FOLIO_SPAN_STRONG | FOLIO_SPAN_LINK)

static int has(const folio_span *s, unsigned attr, const char *url) {
    if (!(s->flags & attr) || (s->flags & FOLIO_SPAN_BREAK)) return 0;
    return attr != FOLIO_SPAN_LINK || (s->url && url && !strcmp(s->url, url));
}

/* Spans [i, j) as atoms; `active` holds the styles already opened around
 * them. Each style is opened over the longest run of spans that carry it, so
 * that the delimiters nest. */
static void build(atoms *a, const folio_span *sp, size_t i, size_t j, unsigned active) {
    static const unsigned order[] = {FOLIO_SPAN_STRONG, FOLIO_SPAN_EMPH, FOLIO_SPAN_LINK};
    size_t k = i;
    while (k < j && !a->oom) {
        const folio_span *s = &sp[k];
        unsigned want = (s->flags & FOLIO_SPAN_BREAK) ? 0 : s->flags & STYLE & ~active;
        if (!want) {
            at_kind kind = (s->flags & FOLIO_SPAN_BREAK)  ? AT_BREAK
                           : (s->flags & FOLIO_SPAN_CODE) ? AT_CODE
                                                          : AT_TEXT;
            add(a, kind, s->text, s->len);
            k++;
            continue;
        }
        unsigned best = 0;
        size_t best_run = 0;
        for (size_t o = 0; o < 3; o++) {
            if (!(want & order[o])) continue;
            size_t r = 1;
            while (k + r < j && has(&sp[k + r], order[o], s->url))
                r++;
            if (r > best_run) best = order[o], best_run = r;
        }
        if (best == FOLIO_SPAN_LINK) {
            add(a, AT_LINK_OPEN, "[", 1);
            build(a, sp, k, k + best_run, active | best);
            add(a, AT_LINK_CLOSE, s->url ? s->url : "", s->url ? strlen(s->url) : 0);
        } else {
            const char *d = best == FOLIO_SPAN_STRONG ? "**" : "*";
            add(a, AT_OPEN, d, strlen(d));
            build(a, sp, k, k + best_run, active | best);
            add(a, AT_CLOSE, d, strlen(d));
        }
        k += best_run;
    }
}

int md_is_space(uint32_t cp) {
    return cp == 9 || cp == 10 || cp == 12 || cp == 13 || cp == 32 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int ascii_punct(uint32_t cp) {
    return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) ||
           (cp >= 123 && cp <= 126);
}

/* Whether cmark may count cp as punctuation: anything but a letter, digit or
 * mark (symbols are punctuation to newer CommonMark). */
static int maybe_punct(uint32_t cp) {
    if (cp < 128) return ascii_punct(cp);
    int t = u_charType((UChar32)cp);
    return !(t == U_UPPERCASE_LETTER || t == U_LOWERCASE_LETTER || t == U_TITLECASE_LETTER ||
             t == U_MODIFIER_LETTER || t == U_OTHER_LETTER || t == U_DECIMAL_DIGIT_NUMBER ||
             t == U_LETTER_NUMBER || t == U_OTHER_NUMBER || t == U_NON_SPACING_MARK ||
             t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK);
}

/* Whether cmark surely counts cp as whitespace or punctuation. */
static int sure_space_or_punct(uint32_t cp) {
    return md_is_space(cp) || ascii_punct(cp) ||
           (cp >= 128 && cp < 0x10000 && u_ispunct((UChar32)cp));
}

/* CommonMark's flanking rules, answered only when the answer is sure. */
static int opens_surely(uint32_t before, uint32_t after) {
    return !md_is_space(after) && (!maybe_punct(after) || sure_space_or_punct(before));
}

static int closes_surely(uint32_t before, uint32_t after) {
    return !md_is_space(before) && (!maybe_punct(before) || sure_space_or_punct(after));
}

/* Characters that are markup anywhere in a line. */
static int always_escaped(uint32_t cp, md_inline_mode mode) {
    return cp == '\\' || cp == '`' || cp == '*' || cp == '_' || cp == '<' ||
           (cp == '#' && mode != MD_INLINE_PARAGRAPH);
}

/* Whether s starts a character reference (&amp; &#42; &#x2A;), which
 * CommonMark would decode. */
static int entity_like(const char *s, size_t len) {
    size_t k = 1;
    if (k < len && s[k] == '#') k++;
    if (k < len && (s[k] == 'x' || s[k] == 'X') && s[1] == '#') k++;
    size_t start = k;
    while (k < len && k - start < 32 &&
           ((s[k] >= '0' && s[k] <= '9') || ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')))
        k++;
    return k > start && k < len && s[k] == ';';
}

/* Whether a bracket at s[k] must be escaped: inside a link's text always
 * (it would end the text early); elsewhere only a ']' that a '(' '[' or ':'
 * follows, as '[' opens nothing without one (no link definitions are ever
 * written, so [1] stays text). */
static int bracket_escaped(const char *s, size_t len, size_t k, int in_link, int before_link) {
    if (s[k] != '[' && s[k] != ']') return 0;
    if (in_link) return 1;
    if (s[k] == '[') return 0;
    if (k + 1 == len) return before_link;
    return s[k + 1] == '(' || s[k + 1] == '[' || s[k + 1] == ':';
}

/* Characters that start a block at the start of a line. */
static int starts_block(uint32_t cp) {
    return cp == '#' || cp == '>' || cp == '-' || cp == '+' || cp == '=' || cp == '~';
}

static int is_control(uint32_t cp) {
    return (cp < 32 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
}

/* The last character written on the current line ('\n' at its start). */
static uint32_t last_char(const folio_buf *out) {
    if (!out->len || out->data[out->len - 1] == '\n') return '\n';
    size_t k = out->len - 1;
    while (k > 0 && ((unsigned char)out->data[k] & 0xC0) == 0x80)
        k--;
    uint32_t cp = 0;
    utf8_decode(out->data + k, out->len - k, &cp);
    return cp;
}

static int at_line_start(const folio_buf *out) {
    return !out->len || out->data[out->len - 1] == '\n';
}

/* The first character atom i will write, as the delimiter before it sees it
 * (after_open: that delimiter opens, so a space there goes as a reference). */
static uint32_t first_char(const atoms *a, size_t i, int after_open) {
    if (i >= a->n) return '\n';
    const atom *t = &a->v[i];
    switch (t->kind) {
    case AT_OPEN:
    case AT_CLOSE:
        return '<'; /* a guard comes between two delimiters */
    case AT_BREAK:
        return '\\';
    case AT_LINK_OPEN:
        return '[';
    case AT_LINK_CLOSE:
        return ']';
    case AT_CODE:
        return '`';
    case AT_TEXT:
        break;
    }
    uint32_t cp = 0;
    if (t->len) utf8_decode(t->s, t->len, &cp);
    if (always_escaped(cp, MD_INLINE_HEADING)) return '\\';
    return md_is_space(cp) && after_open ? '&' : cp;
}

/* Digits then '.' or ')' then a blank or the end: an ordered list marker. */
static size_t list_number(const char *s, size_t len) {
    size_t k = 0;
    while (k < len && k < 10 && s[k] >= '0' && s[k] <= '9')
        k++;
    if (!k || k >= len || (s[k] != '.' && s[k] != ')')) return 0;
    return k + 1 == len || s[k + 1] == ' ' || s[k + 1] == '\t' ? k : 0;
}

/* Writes text, escaping what CommonMark would read as markup. Blanks at the
 * start of a line, and whitespace next to a delimiter (edge_start, edge_end),
 * go as character references, which CommonMark neither strips nor flanks. */
static void put_text(folio_buf *out, const char *s, size_t len, md_inline_mode mode, int edge_start,
                     int edge_end, int line_end, int before_link, int in_link) {
    size_t k = 0;
    while (k < len) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + k, len - k, &cp);
        int line_start = at_line_start(out);
        /* trailing blanks of a line: CommonMark would strip them */
        size_t rest = k + n;
        while (rest < len && (s[rest] == ' ' || s[rest] == '\t'))
            rest++;
        int blank = cp == ' ' || cp == '\t';
        if (is_control(cp)) {
            /* left out */
        } else if ((md_is_space(cp) && ((edge_start && k == 0) || (edge_end && k + n == len))) ||
                   (blank && (line_start || (rest == len && line_end)))) {
            buf_printf(out, "&#%u;", (unsigned)cp);
        } else if (always_escaped(cp, mode) || (line_start && starts_block(cp)) ||
                   (cp == '!' && k + n == len && before_link) ||
                   bracket_escaped(s, len, k, in_link, before_link) ||
                   (cp == '&' && entity_like(s + k, len - k))) {
            buf_putc(out, '\\');
            buf_append(out, s + k, n);
        } else if (line_start && list_number(s + k, len - k)) {
            size_t d = list_number(s + k, len - k);
            buf_append(out, s + k, d);
            buf_putc(out, '\\');
            n = d + 1;
            buf_putc(out, s[k + d]);
        } else {
            buf_append(out, s + k, n);
        }
        k += n;
    }
}

/* A code span: a fence of backticks longer than any run inside, with a space
 * inside each fence when the text would otherwise lose or join one. */
static void put_code(folio_buf *out, const char *s, size_t len) {
    size_t longest = 0;
    for (size_t k = 0; k < len;) {
        size_t r = 0;
        while (k + r < len && s[k + r] == '`')
            r++;
        if (r > longest) longest = r;
        k += r ? r : 1;
    }
    size_t fence = longest + 1;
    int all_space = 1;
    for (size_t k = 0; k < len; k++)
        all_space &= s[k] == ' ';
    int pad = len && (s[0] == '`' || s[len - 1] == '`' ||
                      (s[0] == ' ' && s[len - 1] == ' ' && !all_space));
    for (size_t k = 0; k < fence; k++)
        buf_putc(out, '`');
    if (pad) buf_putc(out, ' ');
    for (size_t k = 0; k < len;) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + k, len - k, &cp);
        if (!is_control(cp)) buf_append(out, s + k, n);
        k += n;
    }
    if (pad) buf_putc(out, ' ');
    for (size_t k = 0; k < fence; k++)
        buf_putc(out, '`');
}

/* A link's destination in angle brackets, where only <, > and \ need escapes. */
static void put_dest(folio_buf *out, const char *url, size_t len) {
    buf_puts(out, "](<");
    for (size_t k = 0; k < len; k++) {
        char c = url[k];
        if (c == '\n' || c == '\r') continue;
        if (c == '<' || c == '>' || c == '\\' || (c == '&' && entity_like(url + k, len - k)))
            buf_putc(out, '\\');
        buf_putc(out, c);
    }
    buf_puts(out, ">)");
}

static int is_delim(const atoms *a, size_t i) {
    return i < a->n && (a->v[i].kind == AT_OPEN || a->v[i].kind == AT_CLOSE);
}

static void put_delim(folio_buf *out, const atoms *a, size_t i) {
    const atom *t = &a->v[i];
    uint32_t before = last_char(out), after = first_char(a, i + 1, t->kind == AT_OPEN);
    int guard_before = t->kind == AT_OPEN && !opens_surely(before, after);
    if (guard_before) buf_puts(out, GUARD);
    buf_append(out, t->s, t->len);
    int guard_after = is_delim(a, i + 1) || (t->kind == AT_CLOSE && !closes_surely(before, after));
    if (guard_after) buf_puts(out, GUARD);
}

static void put_atoms(folio_buf *out, const atoms *a, md_inline_mode mode, int in_link) {
    for (size_t i = 0; i < a->n; i++) {
        const atom *t = &a->v[i];
        in_link += t->kind == AT_LINK_OPEN;
        in_link -= t->kind == AT_LINK_CLOSE;
        switch (t->kind) {
        case AT_TEXT:
            put_text(out, t->s, t->len, mode, i > 0 && a->v[i - 1].kind == AT_OPEN,
                     i + 1 < a->n && a->v[i + 1].kind == AT_CLOSE,
                     i + 1 == a->n || a->v[i + 1].kind == AT_BREAK,
                     i + 1 < a->n && a->v[i + 1].kind == AT_LINK_OPEN, in_link);
            break;
        case AT_CODE:
            put_code(out, t->s, t->len);
            break;
        case AT_OPEN:
        case AT_CLOSE:
            put_delim(out, a, i);
            break;
        case AT_BREAK:
            buf_puts(out, mode == MD_INLINE_ONE_LINE ? " " : "\\\n");
            break;
        case AT_LINK_OPEN:
            buf_putc(out, '[');
            break;
        case AT_LINK_CLOSE:
            put_dest(out, t->s, t->len);
            break;
        }
    }
}

static int is_blank_at(const char *s, size_t len, size_t k, int ideographic) {
    if (s[k] == ' ' || s[k] == '\t') return 1;
    return ideographic && len - k >= 3 && !memcmp(s + k, "\xE3\x80\x80", 3);
}

/* The spans without the blanks and breaks at either end (and, in a
 * paragraph, the full-width spaces of an indent), in a malloc'd copy. */
static folio_span *trimmed(const folio_span *spans, size_t n, md_inline_mode mode, size_t *m) {
    size_t i = 0, j = n;
    size_t lead = 0, trail = 0;
    int ideo = mode == MD_INLINE_PARAGRAPH;
    for (; i < j; i++, lead = 0) {
        const folio_span *s = &spans[i];
        if (s->flags & FOLIO_SPAN_BREAK) continue;
        while (lead < s->len && is_blank_at(s->text, s->len, lead, ideo))
            lead += s->text[lead] == ' ' || s->text[lead] == '\t' ? 1 : 3;
        if (lead < s->len) break;
    }
    for (; j > i; j--, trail = 0) {
        const folio_span *s = &spans[j - 1];
        if (s->flags & FOLIO_SPAN_BREAK) continue;
        size_t from = j - 1 == i ? lead : 0;
        while (s->len - trail > from &&
               (s->text[s->len - trail - 1] == ' ' || s->text[s->len - trail - 1] == '\t'))
            trail++;
        if (s->len - trail > from) break;
    }
    *m = j - i;
    if (!*m) return NULL;
    folio_span *c = malloc(*m * sizeof *c);
    if (!c) return NULL;
    memcpy(c, spans + i, *m * sizeof *c);
    c[0].text += lead;
    c[0].len -= lead;
    c[*m - 1].len -= trail;
    return c;
}

/* in_brackets: the text sits between [ and ] (an image's description). */
static int put_inlines(folio_buf *out, const folio_span *spans, size_t n, md_inline_mode mode,
                       int in_brackets) {
    size_t m = 0;
    folio_span *c = trimmed(spans, n, mode, &m);
    if (m && !c) {
        out->oom = 1;
        return -1;
    }
    atoms a = {0};
    /* empty spans would leave delimiters around nothing */
    size_t w = 0;
    for (size_t i = 0; i < m; i++)
        if (c[i].len || (c[i].flags & FOLIO_SPAN_BREAK)) c[w++] = c[i];
    build(&a, c, 0, w, 0);
    if (a.oom)
        out->oom = 1;
    else
        put_atoms(out, &a, mode, in_brackets);
    free(a.v);
    free(c);
    return out->oom ? -1 : 0;
}

int md_put_inlines(folio_buf *out, const folio_span *spans, size_t n, md_inline_mode mode) {
    return put_inlines(out, spans, n, mode, 0);
}

int md_put_image(folio_buf *out, const folio_span *alt, size_t n, const char *path) {
    buf_puts(out, "![");
    if (put_inlines(out, alt, n, MD_INLINE_PARAGRAPH, 1)) return -1;
    put_dest(out, path ? path : "", path ? strlen(path) : 0);
    return out->oom ? -1 : 0;
}
