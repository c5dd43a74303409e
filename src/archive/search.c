/* search.c — `archive search`: FTS5 query, bm25 ranking, marked snippets. */
#include "archive_private.h"

#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

static int count_token(void *ctx, int colocated, const char *t, size_t l, size_t s, size_t e) {
    (void)colocated, (void)t, (void)l, (void)s, (void)e;
    (*(size_t *)ctx)++;
    return 0;
}

/* Splits the query at spaces (ASCII or U+3000) into terms that hold at least
 * one searchable token. Returns the number of terms; terms[i] are malloc'd. */
static size_t split_terms(const char *q, char ***terms) {
    size_t n = 0, cap = 0;
    *terms = NULL;
    size_t len = strlen(q), i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len) {
            if (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r') break;
            if (i + 3 <= len && !memcmp(q + i, "\xE3\x80\x80", 3)) break;
            i++;
        }
        size_t end = i;
        i += (i < len && q[i] == '\xE3') ? 3 : 1;
        if (end == start) continue;
        size_t ntok = 0;
        archive_tokenize(q + start, end - start, 1, count_token, &ntok);
        if (!ntok) continue;
        if (n == cap && grow_array(terms, &cap, n + 1, sizeof **terms, 8)) break;
        (*terms)[n] = strndup(q + start, end - start);
        if (!(*terms)[n]) break;
        n++;
    }
    return n;
}

/* Each term a quoted FTS5 string (a phrase once tokenized), all ANDed. */
static char *fts_query(char **terms, size_t n) {
    folio_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, " AND ");
        buf_putc(&b, '"');
        for (const char *p = terms[i]; *p; p++) {
            if (*p == '"') buf_putc(&b, '"');
            buf_putc(&b, *p);
        }
        buf_putc(&b, '"');
    }
    return buf_detach(&b, NULL);
}

static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Length of term when it occurs at text+i (ASCII letters in any case), else 0. */
static size_t match_at(const char *text, size_t len, size_t i, const char *term) {
    size_t tl = strlen(term);
    if (i + tl > len) return 0;
    for (size_t k = 0; k < tl; k++)
        if (lower((unsigned char)text[i + k]) != lower((unsigned char)term[k])) return 0;
    return tl;
}

static size_t longest_match(const char *text, size_t len, size_t i, char **terms, size_t n) {
    size_t best = 0;
    for (size_t t = 0; t < n; t++) {
        size_t m = match_at(text, len, i, terms[t]);
        if (m > best) best = m;
    }
    return best;
}

enum { SNIP_BEFORE = 14, SNIP_AFTER = 46 };

/* Some text around the first match, with every match in it marked 【】. */
static char *make_snippet(const char *text, char **terms, size_t n) {
    size_t len = strlen(text), first = len;
    for (size_t i = 0; i < len && first == len; i++)
        if (longest_match(text, len, i, terms, n)) first = i;
    if (first == len) first = 0;
    size_t start = first;
    for (int k = 0; k < SNIP_BEFORE && start > 0; k++) {
        start--;
        while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
            start--;
        if (text[start] == '\n') {
            start++;
            break;
        }
    }
    folio_buf b;
    buf_init(&b);
    if (start > 0) buf_puts(&b, "…");
    size_t i = start, chars = 0;
    while (i < len && chars < SNIP_BEFORE + SNIP_AFTER) {
        size_t m = longest_match(text, len, i, terms, n);
        if (m) {
            buf_puts(&b, "【");
            for (size_t k = 0; k < m; k++)
                buf_putc(&b, text[i + k] == '\n' ? ' ' : text[i + k]);
            buf_puts(&b, "】");
            chars += utf8_count(text + i, m);
            i += m;
            continue;
        }
        uint32_t cp;
        size_t l = utf8_decode(text + i, len - i, &cp);
        if (text[i] == '\n' || text[i] == '\t')
            buf_putc(&b, ' ');
        else
            buf_append(&b, text + i, l);
        i += l;
        chars++;
    }
    if (i < len) buf_puts(&b, "…");
    return buf_detach(&b, NULL);
}

int archive_search(const char *archive, const char *query, size_t limit, archive_hits *out,
                   folio_diags *d) {
    memset(out, 0, sizeof *out);
    char **terms = NULL;
    size_t nterms = split_terms(query, &terms);
    if (!nterms) {
        free(terms);
        return diag_error(d, NULL, 0, "the query '%s' has no word to search for", query);
    }
    char *fq = fts_query(terms, nterms);
    sqlite3 *db = fq ? archive_open_catalogue(archive, d) : NULL;
    sqlite3_stmt *st = NULL;
    int rc = -1;
    size_t cap = 0;
    if (!fq) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    if (!db) goto done;
    out->arena = arena_new();
    if (!out->arena) goto oom;
    /* title weighs most, then authors, then the text */
    if (sqlite3_prepare_v2(db,
                           "SELECT e.journal, e.issue, a.title, a.section, a.first_page,"
                           " f.body, bm25(articles_fts, 10.0, 4.0, 1.0) AS score"
                           " FROM articles_fts AS f JOIN articles AS a ON a.id = f.rowid"
                           " JOIN editions AS e ON e.id = a.edition"
                           " WHERE articles_fts MATCH ?1 AND e.superseded = 0"
                           " ORDER BY score, e.journal, e.date, e.issue, a.seq LIMIT ?2",
                           -1, &st, NULL) != SQLITE_OK)
        goto sqlerr;
    sqlite3_bind_text(st, 1, fq, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : 20);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &out->items, &cap, out->n, out->n + 1, sizeof *out->items, 16))
            goto oom;
        archive_hit *h = &out->items[out->n++];
        h->journal = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 0));
        h->issue = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 1));
        h->title = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 2));
        h->section = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 3));
        h->page = sqlite3_column_int(st, 4);
        const char *body = (const char *)sqlite3_column_text(st, 5);
        char *snip = make_snippet(body ? body : "", terms, nterms);
        h->snippet = snip ? arena_strdup(out->arena, snip) : NULL;
        free(snip);
        h->score = sqlite3_column_double(st, 6);
        if (!h->journal || !h->issue || !h->title || !h->section || !h->snippet) goto oom;
    }
    if (s != SQLITE_DONE) goto sqlerr;
    rc = 0;
    goto done;
oom:
    diag_error(d, NULL, 0, "out of memory");
    goto done;
sqlerr:
    diag_error(d, archive, 0, "search failed: %s", sqlite3_errmsg(db));
done:
    sqlite3_finalize(st);
    sqlite3_close(db);
    for (size_t i = 0; i < nterms; i++)
        free(terms[i]);
    free(terms);
    free(fq);
    if (rc) archive_hits_free(out);
    return rc;
}
