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
    size_t heading;   /* PDF: the line the last heading block ends with... */
    int heading_open; /* ...while the lines after it may go on with it */
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

/* PDF: whether ln is set at the body's size. */
static int is_body_size(const body *b, const issue_line *ln) {
    double body = b->c->l->body_size;
    return ln->size >= body * 0.9 && ln->size <= body * 1.1;
}

/* PDF: whether line i goes on with the heading that ends with line
 * b->heading: the next line, set as it is (size and weight, both apart
 * from the body's), not numbered itself, the heading having run to its
 * column's edge (known for lines of the body's size) — a heading too long
 * for one line. */
static int goes_on_heading(const body *b, size_t i, const char *t) {
    const issue_lines *l = b->c->l;
    const issue_line *h = &l->v[b->heading], *ln = &l->v[i];
    if (!b->heading_open || i != b->heading + 1 ||
        (h->flags & ISSUE_LINE_BOLD) != (ln->flags & ISSUE_LINE_BOLD) ||
        h->size - ln->size > 0.25 || ln->size - h->size > 0.25)
        return 0;
    if (!(h->flags & ISSUE_LINE_BOLD) && is_body_size(b, h)) return 0; /* set as the body */
    if (is_body_size(b, h) && (h->flags & ISSUE_LINE_SHORT)) return 0;
    return !(ln->flags & (ISSUE_LINE_INDENTED | ISSUE_LINE_GAP_BEFORE | ISSUE_LINE_PAGE_START)) &&
           !iu_heading_level(t) && iu_chars(t) <= 30;
}

/* Whether line ln (text t) starts a new paragraph after b->last. */
static int starts_paragraph(const body *b, const issue_line *ln) {
    if (!b->last) return 1;
    if (iu_starts_mid_sentence(ln->text)) return 0; /* a typesetter let it lead a line */
    if (ln->flags & ISSUE_LINE_GAP_BEFORE) return 1;
    /* a PDF's line that runs to its column's edge mid-sentence goes on on
     * the next, however far that one is set in (a list item's hanging
     * indent) — unless the one is all bold and the next is not (a bold
     * line of its own), or the one is led by a dash (an attribution) */
    const issue_line *pv = &b->c->l->v[b->last_line];
    int restyled = (pv->flags & ISSUE_LINE_ALL_BOLD) && !(ln->flags & ISSUE_LINE_BOLD);
    if (b->c->l->from_pdf && is_body_size(b, pv) && !(pv->flags & ISSUE_LINE_SHORT) && !restyled &&
        !iu_ends_sentence(b->last) && strncmp(b->last, "\xE2\x80\x94\xE2\x80\x94", 6))
        return 0;
    if (ln->flags & ISSUE_LINE_INDENTED) return 1;
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

/* Appends line i (text t) to the heading block last pushed. */
static int extend_heading(body *b, size_t i, const char *t) {
    folio_span *sp = b->blocks[b->n - 1].spans;
    size_t len = sp->len + strlen(t);
    char *joined = arena_alloc(b->c->arena, len + 1);
    if (!joined) return -1;
    memcpy(joined, sp->text, sp->len);
    memcpy(joined + sp->len, t, strlen(t) + 1);
    sp->text = joined;
    sp->len = len;
    b->heading = i;
    return 0;
}

static int heading(body *b, size_t i, const char *t, int level) {
    if (flush(b)) return -1;
    b->heading = i;
    b->heading_open = b->c->l->from_pdf;
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
    if (goes_on_heading(b, i, t)) return extend_heading(b, i, t);
    b->heading_open = 0;
    const issue_line *ln = &c->l->v[i];
    int level = iu_heading_level(t);
    /* a PDF's numbered line of the body's size, not all bold, that runs to
     * its column's edge goes on on the next line: a list item or a
     * paragraph (perhaps led by a bold sentence), not a heading */
    int runs_on = c->l->from_pdf && !(ln->flags & (ISSUE_LINE_ALL_BOLD | ISSUE_LINE_SHORT)) &&
                  is_body_size(b, ln);
    if (level && !runs_on && iu_chars(t) <= 30 && !iu_ends_sentence(t) &&
        (!b->last || iu_ends_sentence(b->last) || !b->c->wide))
        return heading(b, i, t, level);
    if (starts_paragraph(b, ln) && flush(b)) return -1;
    return join(b, i, t);
}

/* Whether paragraph blk opens with an ASCII number and a full stop ("3. "):
 * the number, and in *skip the bytes of the marker and the spaces after. */
static int numbered(const folio_block *blk, int *num, size_t *skip) {
    if (blk->type != FOLIO_BLOCK_PARAGRAPH || blk->nspans != 1) return 0;
    const char *t = blk->spans[0].text;
    size_t k = 0;
    int n = 0;
    while (k < 3 && t[k] >= '0' && t[k] <= '9')
        n = n * 10 + (t[k++] - '0');
    if (!k || t[k] != '.' || (t[k + 1] >= '0' && t[k + 1] <= '9')) return 0;
    for (k++; t[k] == ' ';)
        k++;
    if (!t[k]) return 0;
    *num = n, *skip = k;
    return 1;
}

/* Whether paragraph blk opens with a list's bullet (• or ●): in *skip the
 * bytes of the bullet and the spaces after. (■ and ◆ lead news items and
 * notes, paragraphs of their own.) */
static int bulleted(const folio_block *blk, size_t *skip) {
    if (blk->type != FOLIO_BLOCK_PARAGRAPH || blk->nspans != 1) return 0;
    const char *t = blk->spans[0].text;
    size_t k = !strncmp(t, "\xE2\x80\xA2", 3) || !strncmp(t, "\xE2\x97\x8F", 3) ? 3 : 0;
    if (!k) return 0;
    while (t[k] == ' ')
        k++;
    *skip = k;
    return t[k] != 0;
}

/* The marker's length in paragraph blk, numbered or bulleted. */
static size_t marker(const folio_block *blk, int ordered) {
    int num;
    size_t skip = 0;
    if (ordered)
        numbered(blk, &num, &skip);
    else
        bulleted(blk, &skip);
    return skip;
}

/* The paragraphs blocks[i..j) (numbered from start on, one after another,
 * or bulleted) as one list: what Markdown makes of such lines, the numbers
 * or bullets the list's. */
static int to_list(body *b, size_t i, size_t j, int ordered, int start) {
    size_t m = j - i;
    folio_block *items = arena_calloc(b->c->arena, m, sizeof *items);
    folio_block *paras = arena_calloc(b->c->arena, m, sizeof *paras);
    if (!items || !paras) return -1;
    for (size_t k = 0; k < m; k++) {
        size_t skip = marker(&b->blocks[i + k], ordered);
        const folio_span *sp = b->blocks[i + k].spans;
        paras[k] = b->blocks[i + k];
        if (!(paras[k].spans = span_of(b->c, sp->text + skip, sp->len - skip))) return -1;
        items[k] = (folio_block){
            .type = FOLIO_BLOCK_ITEM, .children = &paras[k], .nchildren = 1, .line = paras[k].line};
    }
    b->blocks[i] = (folio_block){.type = FOLIO_BLOCK_LIST,
                                 .ordered = ordered,
                                 .start = start,
                                 .tight = 1,
                                 .children = items,
                                 .nchildren = m,
                                 .line = paras[0].line,
                                 .serial = (int)i};
    memmove(b->blocks + i + 1, b->blocks + j, (b->n - j) * sizeof *b->blocks);
    b->n -= m - 1;
    return 0;
}

/* Runs of two or more paragraphs numbered one after another, or bulleted,
 * become lists. */
static int lists(body *b) {
    for (size_t i = 0; i < b->n; i++) {
        int first, num;
        size_t skip, j = i + 1;
        if (numbered(&b->blocks[i], &first, &skip)) {
            while (j < b->n && numbered(&b->blocks[j], &num, &skip) && num == first + (int)(j - i))
                j++;
            if (j - i >= 2 && to_list(b, i, j, 1, first)) return -1;
        } else if (bulleted(&b->blocks[i], &skip)) {
            while (j < b->n && bulleted(&b->blocks[j], &skip))
                j++;
            if (j - i >= 2 && to_list(b, i, j, 0, 0)) return -1;
        }
    }
    return 0;
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
    if (!r) r = lists(&b);
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
