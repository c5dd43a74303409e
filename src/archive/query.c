/* query.c — a search query: its terms and phrases, its FTS5 form, and its
 * matches marked in a text the way FTS5 matched them (same tokens, same
 * folding), so that 黨建 is marked where it found 党建. Nothing here speaks
 * SQL beyond the MATCH string: every catalogue engine can use it. */
#include "archive_private.h"

#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- parsing ------------------------------------------------------------------ */

static uint64_t hash_tok(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ? h : 1; /* 0 means "no token" in a position */
}

typedef struct tok_list {
    uint64_t *h;
    size_t n, cap;
} tok_list;

static int add_tok(void *ctx, int colocated, const char *t, size_t l, size_t s, size_t e) {
    (void)colocated, (void)s, (void)e;
    tok_list *tl = ctx;
    if (grow_array(&tl->h, &tl->cap, tl->n + 1, sizeof *tl->h, 8)) return -1;
    tl->h[tl->n++] = hash_tok(t, l);
    return 0;
}

/* Length of the quote mark at q+i (0 when none); *open tells which kind. */
static size_t quote_at(const char *q, size_t len, size_t i, int *open) {
    static const char *const opens[] = {"\xE2\x80\x9C", "\xE3\x80\x8C", "\xE3\x80\x8E"}; /* “「『 */
    static const char *const closes[] = {"\xE2\x80\x9D", "\xE3\x80\x8D",
                                         "\xE3\x80\x8F"}; /* ”」』 */
    if (q[i] == '"') {
        *open = 2; /* either */
        return 1;
    }
    for (size_t k = 0; k < 3; k++) {
        if (i + 3 <= len && !memcmp(q + i, opens[k], 3)) return *open = 1, 3;
        if (i + 3 <= len && !memcmp(q + i, closes[k], 3)) return *open = 0, 3;
    }
    return 0;
}

static size_t space_at(const char *q, size_t len, size_t i) {
    if (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r') return 1;
    return i + 3 <= len && !memcmp(q + i, "\xE3\x80\x80", 3) ? 3 : 0; /* U+3000 */
}

/* Keeps q[start, end) as a term when it has a searchable token. 0 or -1. */
static int keep_term(archive_fold *f, archive_terms *t, size_t *cap, const char *q, size_t start,
                     size_t end) {
    if (end <= start || t->n >= ARCHIVE_TERMS_MAX) return 0;
    tok_list tl = {0};
    if (archive_tokenize(f, q + start, end - start, 1, add_tok, &tl)) {
        free(tl.h);
        return -1;
    }
    if (!tl.n) return 0;
    if (t->n == *cap) {
        /* three arrays of one capacity: each grows from the same one */
        size_t c1 = *cap, c2 = *cap, c3 = *cap;
        if (grow_array(&t->text, &c1, t->n + 1, sizeof *t->text, 4) ||
            grow_array(&t->toks, &c2, t->n + 1, sizeof *t->toks, 4) ||
            grow_array(&t->ntoks, &c3, t->n + 1, sizeof *t->ntoks, 4)) {
            free(tl.h);
            return -1;
        }
        *cap = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
    }
    t->text[t->n] = strndup(q + start, end - start);
    if (!t->text[t->n]) {
        free(tl.h);
        return -1;
    }
    t->toks[t->n] = tl.h;
    t->ntoks[t->n] = tl.n;
    t->n++;
    return 0;
}

int archive_terms_parse(archive_fold *f, const char *q, archive_terms *t) {
    memset(t, 0, sizeof *t);
    size_t len = strlen(q), i = 0, cap = 0;
    while (i < len) {
        int open = 0;
        size_t n = quote_at(q, len, i, &open);
        if (n && open) {
            /* a phrase runs to the next closing quote (or the end) */
            size_t start = i + n, j = start, m = 0;
            while (j < len && !((m = quote_at(q, len, j, &open)) && open != 1))
                j += m ? m : 1;
            if (keep_term(f, t, &cap, q, start, j)) return -1;
            i = j < len ? j + m : len;
            continue;
        }
        if (n || space_at(q, len, i)) {
            i += n ? n : space_at(q, len, i);
            continue;
        }
        size_t start = i;
        while (i < len && !space_at(q, len, i) && !quote_at(q, len, i, &open))
            i++;
        if (keep_term(f, t, &cap, q, start, i)) return -1;
    }
    return 0;
}

void archive_terms_free(archive_terms *t) {
    for (size_t i = 0; i < t->n; i++) {
        free(t->text[i]);
        free(t->toks[i]);
    }
    free(t->text);
    free(t->toks);
    free(t->ntoks);
    memset(t, 0, sizeof *t);
}

char *archive_terms_fts(const archive_terms *t) {
    folio_buf b;
    buf_init(&b);
    for (size_t i = 0; i < t->n; i++) {
        if (i) buf_puts(&b, " AND ");
        buf_putc(&b, '"');
        for (const char *p = t->text[i]; *p; p++) {
            if (*p == '"') buf_putc(&b, '"');
            buf_putc(&b, *p);
        }
        buf_putc(&b, '"');
    }
    return buf_detach(&b, NULL);
}

/* ---- marking ------------------------------------------------------------------ */

/* One position of a document: its byte range and tokens (a Han character's
 * unigram and the bigram it starts; a word). */
typedef struct doc_pos {
    size_t start, end;
    uint64_t uni, bi;
} doc_pos;

typedef struct doc {
    doc_pos *p;
    size_t n, cap;
    const archive_terms *t;
    size_t longest; /* tokens of the longest term */
    size_t first;   /* position of the first match; SIZE_MAX none yet */
    size_t stop_at; /* positions wanted; SIZE_MAX all */
    size_t checked; /* positions tried as the start of a match */
    size_t window;  /* an extract's positions; 0 the whole text */
} doc;

/* The positions a match of the term from position i covers (its last token
 * a bigram covers one more), or 0 when it does not match there. */
static size_t match_at(const doc *d, size_t term, size_t i) {
    const archive_terms *t = d->t;
    size_t n = t->ntoks[term];
    if (i + n > d->n) return 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t h = t->toks[term][k];
        if (d->p[i + k].uni != h && d->p[i + k].bi != h) return 0;
    }
    return d->p[i + n - 1].uni == t->toks[term][n - 1] || i + n == d->n ? n : n + 1;
}

/* The positions the longest match of some term from i covers (0 none). */
static size_t match_len(const doc *d, size_t i) {
    size_t best = 0;
    for (size_t k = 0; k < d->t->n; k++) {
        size_t m = match_at(d, k, i);
        if (m > best) best = m;
    }
    return best;
}

/* Tries the starts whose every position is known (all when final). */
static void find_first(doc *d, int final) {
    /* a position is known once the next has started (its bigram comes after it) */
    while (d->first == SIZE_MAX && d->checked < d->n && (final || d->checked + d->longest < d->n)) {
        if (match_len(d, d->checked)) d->first = d->checked;
        d->checked++;
    }
}

enum { SNIP_BEFORE_SHARE = 4 }; /* a quarter of the window before the match */

static int on_doc_tok(void *ctx, int colocated, const char *t, size_t l, size_t s, size_t e) {
    doc *d = ctx;
    if (colocated && d->n) {
        d->p[d->n - 1].bi = hash_tok(t, l);
        return 0;
    }
    if (d->n >= d->stop_at) return 1;
    if (grow_array(&d->p, &d->cap, d->n + 1, sizeof *d->p, 256)) return -1;
    d->p[d->n++] = (doc_pos){s, e, hash_tok(t, l), 0};
    find_first(d, 0);
    /* an extract needs the positions up to a window past the first match */
    if (d->window && d->first != SIZE_MAX && d->stop_at == SIZE_MAX)
        d->stop_at = d->first + d->window + d->longest + 1;
    return 0;
}

/* Appends text[from, to) with control characters as spaces (newlines kept
 * when keep_lines). */
static void put_plain(folio_buf *b, const char *text, size_t from, size_t to, int keep_lines) {
    size_t run = from;
    for (size_t i = from; i < to; i++) {
        if ((unsigned char)text[i] >= 0x20 || (keep_lines && text[i] == '\n')) continue;
        buf_append(b, text + run, i - run);
        buf_putc(b, ' ');
        run = i + 1;
    }
    buf_append(b, text + run, to - run);
}

/* Writes text[from, to) with the matches that start at positions lo..hi-1
 * marked. */
static void put_marked(folio_buf *b, const doc *d, const char *text, size_t from, size_t to,
                       size_t lo, size_t hi, const char *open, const char *close) {
    int lines = d->window == 0;
    size_t at = from;
    for (size_t i = lo; i < hi;) {
        size_t m = match_len(d, i);
        if (!m) {
            i++;
            continue;
        }
        /* overlapping or adjacent matches make one mark */
        size_t last = i + m - 1;
        for (size_t k = i + 1; k <= last && k < d->n; k++) {
            size_t mk = match_len(d, k);
            if (mk && k + mk - 1 > last) last = k + mk - 1;
        }
        size_t s = d->p[i].start, e = d->p[last].end;
        if (e > to) e = to;
        if (s < at) s = at;
        put_plain(b, text, at, s, lines);
        buf_puts(b, open);
        put_plain(b, text, s, e, lines);
        buf_puts(b, close);
        at = e;
        i = last + 1;
    }
    put_plain(b, text, at, to, lines);
}

/* An extract starts at the line or sentence that holds its first match when
 * that starts inside it. */
static size_t sentence_start(const char *text, size_t from, size_t match) {
    static const char *const ends[] = {"\n", "。", "！", "？", "；", "!", "?", ";"};
    for (size_t i = match; i > from; i--)
        for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
            size_t n = strlen(ends[k]);
            if (i >= from + n && !memcmp(text + i - n, ends[k], n)) return i;
        }
    return from;
}

char *archive_terms_mark(archive_fold *f, const archive_terms *t, const char *text, size_t window,
                         const char *open, const char *close) {
    size_t len = strlen(text), longest = 1;
    for (size_t k = 0; k < t->n; k++)
        if (t->ntoks[k] > longest) longest = t->ntoks[k];
    doc d = {NULL, 0, 0, t, longest, SIZE_MAX, SIZE_MAX, 0, window};
    int rc = archive_tokenize(f, text, len, 0, on_doc_tok, &d);
    if (rc && rc != 1) {
        free(d.p);
        return NULL;
    }
    find_first(&d, 1);
    folio_buf b;
    buf_init(&b);
    if (!window || !d.n) {
        put_marked(&b, &d, text, 0, len, 0, d.n, open, close);
    } else {
        size_t first = d.first == SIZE_MAX ? 0 : d.first;
        size_t lo = first > window / SNIP_BEFORE_SHARE ? first - window / SNIP_BEFORE_SHARE : 0;
        size_t hi = lo + window < d.n ? lo + window : d.n;
        size_t from = lo ? d.p[lo].start : 0;
        from = sentence_start(text, from, d.p[first].start);
        size_t to = hi < d.n ? d.p[hi].start : len;
        while (to > from && (text[to - 1] == '\n' || text[to - 1] == ' '))
            to--;
        if (from > 0) buf_puts(&b, "…");
        put_marked(&b, &d, text, from, to, lo, hi, open, close);
        if (to < len) buf_puts(&b, "…");
    }
    free(d.p);
    return buf_detach(&b, NULL);
}
