/* tokenize.c — the "folio" FTS5 tokenizer: Han unigrams + bigrams, Latin words; Han folded
 * (fold.c) so that Traditional and Simplified text find each other. */
#include "archive_private.h"

#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Characters searched one by one: no spaces separate their words. */
static int is_cjk(uint32_t c) {
    /* radicals too: text taken out of PDFs often has the Kangxi radical ⼈
     * where 人 was meant, and folding turns one into the other */
    return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || c == 0x3005 || c == 0x3007;
}

static int is_word(uint32_t c) {
    return c < 0x80 ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    : u_isalnum((UChar32)c);
}

/* Longest word kept; longer ones are cut at a character boundary, the same
 * way for documents and queries. */
enum { WORD_MAX = 128 };

/* Whether a token starts anywhere in text[0, len). */
static int token_follows(const char *text, size_t len) {
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += utf8_decode(text + i, len - i, &c);
        if (is_cjk(c) || is_word(c)) return 1;
    }
    return 0;
}

/* Han characters c1 (and c2 when not 0) folded into out as UTF-8; its
 * length, or 0 when folding failed (out of memory). */
static size_t fold_han(archive_fold *f, uint32_t c1, uint32_t c2, char out[8]) {
    uint32_t f1, f2 = 0;
    if (archive_fold_char(f, c1, &f1) || (c2 && archive_fold_char(f, c2, &f2))) return 0;
    size_t n = utf8_encode(f1, out);
    return c2 ? n + utf8_encode(f2, out + n) : n;
}

int archive_tokenize(archive_fold *f, const char *text, size_t len, int query, archive_token_cb cb,
                     void *ctx) {
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
                uint32_t c1, c2 = 0;
                size_t n1 = utf8_decode(text + p, j - p, &c1);
                size_t q = p + n1, n2 = 0;
                if (q < j) n2 = utf8_decode(text + q, j - q, &c2);
                char uni[8], bi[8];
                size_t ul = fold_han(f, c1, 0, uni), bl = n2 ? fold_han(f, c1, c2, bi) : 0;
                if (!ul || (n2 && !bl)) return -1;
                int rc;
                if (query) {
                    /* a query run of n characters is its bigrams, which find
                     * the characters in that order; the last character alone
                     * too when it is the only one, or when more tokens follow
                     * in the phrase: they must sit n positions on, as in the
                     * document. (Left out otherwise: a phrase of a bigram and
                     * a common character costs FTS5 that character's every
                     * position, for the same hits.) */
                    if (n2)
                        rc = cb(ctx, 0, bi, bl, p, q + n2);
                    else if (p == run_start || token_follows(text + j, len - j))
                        rc = cb(ctx, 0, uni, ul, p, p + n1);
                    else
                        rc = 0;
                } else {
                    rc = cb(ctx, 0, uni, ul, p, p + n1);
                    if (!rc && n2) rc = cb(ctx, 1, bi, bl, p, q + n2);
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

/* Every instance on a connection shares the connection's fold (one thread
 * uses a connection at a time), which the registration owns. */
static int tok_create(void *fold, const char **argv, int argc, Fts5Tokenizer **out) {
    (void)argv, (void)argc;
    *out = fold;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) {
    (void)t;
}

static void fold_destroy(void *fold) {
    archive_fold_free(fold);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*x_token)(void *, int, const char *, int, int, int)) {
    tok_call c = {ctx, x_token};
    if (len <= 0) return SQLITE_OK;
    int rc = archive_tokenize((archive_fold *)t, text, (size_t)len,
                              (flags & FTS5_TOKENIZE_QUERY) != 0, fts_token, &c);
    return rc == -1 ? SQLITE_NOMEM : rc;
}

fts5_api *archive_fts5(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int archive_register_tokenizer(sqlite3 *db) {
    fts5_api *api = archive_fts5(db);
    if (!api) return SQLITE_ERROR;
    const char *why = NULL;
    archive_fold *fold = archive_fold_new(&why);
    if (!fold) return SQLITE_ERROR;
    fts5_tokenizer tk = {tok_create, tok_delete, tok_tokenize};
    int rc = api->xCreateTokenizer(api, "folio", fold, &tk, fold_destroy);
    if (rc != SQLITE_OK) archive_fold_free(fold);
    return rc;
}

archive_fold *archive_db_fold(sqlite3 *db) {
    fts5_api *api = archive_fts5(db);
    void *fold = NULL;
    fts5_tokenizer tk;
    if (!api || api->xFindTokenizer(api, "folio", &fold, &tk) != SQLITE_OK) return NULL;
    return fold;
}
