/* issue_bodies.c — an article's text rebuilt from its pieces: lines joined
 * into paragraphs across line, column and page breaks, headings (一、 （一）
 * 1.) standing alone, the editor's note as a quote, the source line last.
 * The text itself is kept as printed. */
#include "issue_private.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    issue_ctx *c;
    issue_article *a;
    folio_block *blocks;
    size_t n, cap;
    folio_buf para;   /* the paragraph being joined */
    size_t para_line; /* its first source line */
    const char *last; /* the last line joined into it */
    size_t last_line; /* its index */
    int has_l2;       /* the article has 一、 headings */
} body;

static int push(body *b, folio_block blk) {
    if (grow_array(&b->blocks, &b->cap, b->n + 1, sizeof *b->blocks, 16)) return -1;
    blk.serial = (int)b->n;
    b->blocks[b->n++] = blk;
    return 0;
}

static folio_span *span_of(issue_ctx *c, const char *text, size_t len) {
    folio_span *s = arena_calloc(c->arena, 1, sizeof *s);
    char *t = s ? arena_strndup(c->arena, text, len) : NULL;
    if (!t) return NULL;
    s->text = t;
    s->len = len;
    return s;
}

static int is_quote_lead(const char *s) {
    return !strncmp(s, "编者按", 9) || !strncmp(s, "【编者按】", 15) ||
           !strncmp(s, "编者的话", 12) || !strncmp(s, "按语", 6) || !strncmp(s, "［编者按］", 15);
}

/* Ends the paragraph being joined, as a paragraph (or a quote). */
static int flush(body *b) {
    if (!b->para.len) return 0;
    if (b->para.oom) return -1;
    folio_span *sp = span_of(b->c, b->para.data, b->para.len);
    if (!sp) return -1;
    folio_block p = {
        .type = FOLIO_BLOCK_PARAGRAPH, .spans = sp, .nspans = 1, .line = (int)b->para_line + 1};
    int r;
    if (is_quote_lead(b->para.data)) {
        folio_block *kid = arena_calloc(b->c->arena, 1, sizeof *kid);
        if (!kid) return -1;
        *kid = p;
        r = push(b,
                 (folio_block){
                     .type = FOLIO_BLOCK_QUOTE, .children = kid, .nchildren = 1, .line = p.line});
    } else {
        r = push(b, p);
    }
    b->para.len = 0;
    b->last = NULL;
    return r;
}

static int is_ascii_word_end(const char *s) {
    size_t n = strlen(s);
    return n && ((s[n - 1] >= 'A' && s[n - 1] <= 'Z') || (s[n - 1] >= 'a' && s[n - 1] <= 'z') ||
                 (s[n - 1] >= '0' && s[n - 1] <= '9') || s[n - 1] == ',' || s[n - 1] == '.');
}

/* Whether line ln (text t) starts a new paragraph after b->last. */
static int starts_paragraph(const body *b, const issue_line *ln) {
    if (!b->last) return 1;
    if (ln->flags & (ISSUE_LINE_INDENTED | ISSUE_LINE_GAP_BEFORE)) return 1;
    if (!iu_ends_sentence(b->last)) return 0;
    if (b->c->l->from_pdf) return !!(b->c->l->v[b->last_line].flags & ISSUE_LINE_SHORT);
    if (!b->c->wide) return 1;
    return iu_chars(b->last) + 2 < (size_t)b->c->wide; /* a full line ends mid-paragraph */
}

static int join(body *b, size_t i, const char *t) {
    if (!b->para.len) {
        b->para_line = i;
    } else {
        size_t n = b->para.len;
        char *p = b->para.data;
        if (n >= 2 && p[n - 1] == '-' && ((p[n - 2] >= 'a' && p[n - 2] <= 'z')) && t[0] >= 'a' &&
            t[0] <= 'z')
            b->para.len--; /* a Latin word broken at the line's end */
        else if (is_ascii_word_end(b->last) && (unsigned char)t[0] < 0x80 && t[0] != ' ')
            buf_putc(&b->para, ' ');
    }
    buf_puts(&b->para, t);
    b->last = b->c->l->v[i].text;
    b->last_line = i;
    return b->para.oom ? -1 : 0;
}

static int heading(body *b, size_t i, const char *t, int level) {
    if (flush(b)) return -1;
    folio_span *sp = span_of(b->c, t, strlen(t));
    if (!sp) return -1;
    if (level == 3 && !b->has_l2 && (t[0] >= '0' && t[0] <= '9')) level = 2;
    return push(b, (folio_block){.type = FOLIO_BLOCK_HEADING,
                                 .level = level,
                                 .spans = sp,
                                 .nspans = 1,
                                 .line = (int)i + 1});
}

static int is_source(const char *s) {
    static const char *const leads[] = {"(来源", "（来源",   "来源：", "来源:",  "(摘自", "（摘自",
                                        "摘自",  "本版稿件", "(本文",  "（本文", "(原载", "（原载"};
    for (size_t k = 0; k < sizeof leads / sizeof leads[0]; k++)
        if (!strncmp(s, leads[k], strlen(leads[k]))) return 1;
    return 0;
}

/* The text of line i with jump marks taken out, in the arena. */
static const char *clean(issue_ctx *c, size_t i) {
    const char *s = c->l->v[i].text;
    char *o = arena_strdup(c->arena, s);
    if (!o) return NULL;
    for (const char *kind[] = {"上接", "下转", "接上", "转下", "转第", "接第"}, **k = kind;
         k < kind + 6; k++) {
        char *p;
        while ((p = strstr(o, *k))) {
            char *open = p > o && (p[-1] == '(' || p[-1] == '[') ? p - 1
                         : p - o >= 3                            ? p - 3
                                                                 : NULL;
            char *close = strstr(p, ")");
            char *fclose = strstr(p, "\xEF\xBC\x89");
            if (!close || (fclose && fclose < close)) close = fclose;
            if (!open || !close || close - p > 20) break;
            size_t cl = *close == ')' ? 1 : 3;
            memmove(open, close + cl, strlen(close + cl) + 1);
        }
    }
    return o;
}

static int line_into(body *b, size_t i) {
    issue_ctx *c = b->c;
    const char *t = clean(c, i);
    if (!t) return -1;
    if (!*t) {
        c->role[i] = IR_JUMP;
        return 0;
    }
    c->role[i] = IR_BODY;
    int level = iu_heading_level(t);
    if (level && iu_chars(t) <= 30 && !iu_ends_sentence(t) &&
        (!b->last || iu_ends_sentence(b->last) || !b->c->wide))
        return heading(b, i, t, level);
    if (starts_paragraph(b, &c->l->v[i]) && flush(b)) return -1;
    return join(b, i, t);
}

static int build(issue_ctx *c, size_t a) {
    body b = {.c = c, .a = &c->arts[a]};
    buf_init(&b.para);
    for (size_t p = 0; p < c->npieces; p++)
        for (size_t i = c->pieces[p].from; c->pieces[p].article == a && i < c->pieces[p].to; i++)
            if (c->role[i] == IR_UNSET && iu_heading_level(c->l->v[i].text) == 2) b.has_l2 = 1;
    int r = 0;
    for (size_t p = 0; p < c->npieces && !r; p++) {
        if (c->pieces[p].article != a) continue;
        /* a continuation goes on with the paragraph its jump line broke off */
        int goes_on = b.last && !iu_ends_sentence(b.last);
        if (!goes_on && (r = flush(&b))) break;
        for (size_t i = c->pieces[p].from; i < c->pieces[p].to && !r; i++) {
            if (c->role[i] != IR_UNSET) continue;
            if (is_source(c->l->v[i].text) && !b.a->model.source) {
                c->role[i] = IR_SOURCE;
                b.a->model.source = c->l->v[i].text;
                continue;
            }
            r = line_into(&b, i);
        }
    }
    if (!r) r = flush(&b);
    buf_free(&b.para);
    if (r) {
        free(b.blocks);
        return -1;
    }
    folio_block *blocks = b.n ? arena_calloc(c->arena, b.n, sizeof *blocks) : NULL;
    if (b.n && !blocks)
        r = -1;
    else if (b.n)
        memcpy(blocks, b.blocks, b.n * sizeof *blocks);
    free(b.blocks);
    c->arts[a].model.blocks = blocks;
    c->arts[a].model.nblocks = b.n;
    return r;
}

/* Visual lines (a PDF's, or a text broken at every line end) have a common
 * full width; text broken only at column ends has none. */
static void measure(issue_ctx *c) {
    size_t hist[128] = {0}, lines = 0;
    for (size_t i = 0; i < c->l->n; i++) {
        if (c->role[i]) continue;
        size_t n = iu_chars(c->l->v[i].text);
        if (n < 128) hist[n]++;
        lines++;
    }
    size_t best = 0;
    for (size_t k = 8; k < 128; k++)
        if (hist[k] > hist[best]) best = k;
    c->wide = (c->l->from_pdf || (best && hist[best] * 4 >= lines)) ? (int)best : 0;
}

int issue_bodies(issue_ctx *c) {
    measure(c);
    for (size_t a = 0; a < c->narts; a++)
        if (build(c, a)) return -1;
    return 0;
}
