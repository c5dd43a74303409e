/* issue_furniture.c — what print repeats on every page: folios and running
 * heads, told by their form and by repetition, never by their words. */
#include "issue_private.h"

#include <stdlib.h>
#include <string.h>

/* A running head is short, is no sentence and no numbered heading. */
static int may_run(const char *s) {
    size_t n = iu_chars(s);
    return n >= 2 && n <= 30 && !iu_ends_sentence(s) && !iu_heading_level(s) && !iu_is_org(s);
}

const char *issue_running_key(folio_arena *a, const char *s) {
    const char *rest;
    if (iu_leading_number(s, &rest) >= 0) return iu_squeeze(a, rest);
    char *q = iu_squeeze(a, s);
    if (!q) return NULL;
    size_t n = strlen(q), k = n;
    while (k && q[k - 1] >= '0' && q[k - 1] <= '9')
        k--;
    if (k < n && n - k <= 3 && k >= 6) q[k] = 0;
    return q;
}

typedef struct {
    const char *key;
    size_t line;
} keyed;

static int by_key(const void *x, const void *y) {
    const keyed *a = x, *b = y;
    int r = strcmp(a->key, b->key);
    return r ? r : (a->line > b->line) - (a->line < b->line);
}

/* Lines whose text (folio taken off) recurs: three times in a text, twice in
 * a PDF's head or foot band. */
static int running_heads(issue_ctx *c) {
    keyed *k = calloc(c->l->n + 1, sizeof *k);
    if (!k) return -1;
    size_t n = 0;
    for (size_t i = 0; i < c->l->n; i++) {
        if (c->role[i]) continue;
        const char *key = issue_running_key(c->arena, c->l->v[i].text);
        if (!key) {
            free(k);
            return -1;
        }
        if (may_run(key)) k[n++] = (keyed){key, i};
    }
    qsort(k, n, sizeof *k, by_key);
    for (size_t s = 0, e; s < n; s = e) {
        size_t banded = 0;
        for (e = s; e < n && !strcmp(k[e].key, k[s].key); e++)
            banded += !!(c->l->v[k[e].line].flags & (ISSUE_LINE_HEAD_BAND | ISSUE_LINE_FOOT_BAND));
        if (e - s >= 3 || banded >= 2)
            for (size_t j = s; j < e; j++)
                c->role[k[j].line] = IR_RUNNING;
    }
    free(k);
    return 0;
}

/* PDF: a caption is led by its label (图1, 表二) and set smaller than the
 * body; the lines after it in its size are its own. The pictures are not
 * imported, so neither are their captions: each is noted in the report, and
 * the paragraph a caption stood in the middle of joins up again. */
static void captions(issue_ctx *c) {
    const issue_lines *l = c->l;
    for (size_t i = 0; l->from_pdf && i < l->n; i++) {
        const issue_line *ln = &l->v[i];
        if (c->role[i] || !iu_caption_label(ln->text) || ln->size <= 0 ||
            ln->size > l->body_size * 0.95)
            continue;
        issue_note(c, i, "figure caption left out with its picture: \"%.60s\"", ln->text);
        c->role[i] = IR_CAPTION;
        for (size_t j = i + 1; j < l->n && !c->role[j]; j++) {
            const issue_line *o = &l->v[j];
            if ((o->flags & ISSUE_LINE_PAGE_START) || o->size - ln->size > 0.25 ||
                ln->size - o->size > 0.25 || iu_caption_label(o->text))
                break;
            c->role[j] = IR_CAPTION;
        }
    }
}

int issue_furniture(issue_ctx *c) {
    for (size_t i = 0; i < c->l->n; i++) {
        const issue_line *ln = &c->l->v[i];
        if (iu_is_blank(ln->text))
            c->role[i] = IR_BLANK;
        else if (iu_page_number(ln->text) >= 0)
            c->role[i] = IR_FOLIO;
    }
    captions(c);
    return running_heads(c);
}
