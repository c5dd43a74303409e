/* tokenize.c — the "folio" FTS5 tokenizer: Han unigrams + bigrams, Latin words. */
#include "archive_private.h"

#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Characters searched one by one: no spaces separate their words. */
static int is_cjk(uint32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) || c == 0x3005 ||
           c == 0x3007;
}

static int is_word(uint32_t c) {
    return c < 0x80 ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    : u_isalnum((UChar32)c);
}

/* Longest word kept; longer ones are cut at a character boundary, the same
 * way for documents and queries. */
enum { WORD_MAX = 128 };

int archive_tokenize(const char *text, size_t len, int query, archive_token_cb cb, void *ctx) {
    size_t i = 0;
    while (i < len) {
        uint32_t c;
        size_t n = utf8_decode(text + i, len - i, &c);
        if (is_cjk(c)) {
            /* one run of CJK characters */
            size_t run_start = i, j = i;
            while (j < len) {
                uint32_t c2;
                size_t n2 = utf8_decode(text + j, len - j, &c2);
                if (!is_cjk(c2)) break;
                j += n2;
            }
            size_t p = run_start;
            while (p < j) {
                uint32_t c1, c2;
                size_t n1 = utf8_decode(text + p, j - p, &c1);
                size_t q = p + n1, n2 = 0;
                if (q < j) n2 = utf8_decode(text + q, j - q, &c2);
                int rc;
                if (query) {
                    /* a query run of n characters must span n positions like
                     * the document's, so that it can sit inside a phrase:
                     * bigrams, then the last character alone */
                    rc = n2 ? cb(ctx, 0, text + p, n1 + n2, p, q + n2)
                            : cb(ctx, 0, text + p, n1, p, p + n1);
                } else {
                    rc = cb(ctx, 0, text + p, n1, p, p + n1);
                    if (!rc && n2) rc = cb(ctx, 1, text + p, n1 + n2, p, q + n2);
                }
                if (rc) return rc;
                p = q;
            }
            i = j;
        } else if (is_word(c)) {
            char word[WORD_MAX + 4];
            size_t wl = 0, start = i;
            while (i < len) {
                uint32_t c2;
                size_t n2 = utf8_decode(text + i, len - i, &c2);
                if (!is_word(c2) || is_cjk(c2)) break;
                /* full-width Ａ and ２ are searched as A and 2 */
                if (c2 >= 0xFF01 && c2 <= 0xFF5E) c2 -= 0xFEE0;
                uint32_t low = c2 < 0x80 ? (uint32_t)((c2 >= 'A' && c2 <= 'Z') ? c2 + 32 : c2)
                                         : (uint32_t)u_tolower((UChar32)c2);
                char enc[4];
                size_t el = utf8_encode(low, enc);
                if (wl + el <= WORD_MAX) {
                    memcpy(word + wl, enc, el);
                    wl += el;
                }
                i += n2;
            }
            int rc = cb(ctx, 0, word, wl, start, i);
            if (rc) return rc;
        } else {
            i += n;
        }
    }
    return 0;
}

/* ---- the FTS5 face of it ---------------------------------------------------- */

typedef struct tok_call {
    void *ctx;
    int (*x_token)(void *, int, const char *, int, int, int);
} tok_call;

static int fts_token(void *ctx, int colocated, const char *tok, size_t len, size_t start,
                     size_t end) {
    tok_call *c = ctx;
    return c->x_token(c->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, (int)len, (int)start,
                      (int)end);
}

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out) {
    (void)ctx, (void)argv, (void)argc;
    /* The tokenizer has no settings; FTS5 still wants a distinct handle. */
    *out = malloc(1);
    return *out ? SQLITE_OK : SQLITE_NOMEM;
}

static void tok_delete(Fts5Tokenizer *t) {
    free(t);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*x_token)(void *, int, const char *, int, int, int)) {
    (void)t;
    tok_call c = {ctx, x_token};
    if (len <= 0) return SQLITE_OK;
    return archive_tokenize(text, (size_t)len, (flags & FTS5_TOKENIZE_QUERY) != 0, fts_token, &c);
}

int archive_register_tokenizer(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    rc = sqlite3_finalize(st);
    if (rc != SQLITE_OK) return rc;
    if (!api) return SQLITE_ERROR;
    fts5_tokenizer tk = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "folio", NULL, &tk, NULL);
}
