/* rank.c — folio_rank(): FTS5's bm25, computed the same way, with each
 * article's length in tokens read from memory rather than looked up.
 *
 * FTS5's own bm25() asks for every matching row's length with a nested
 * query of the docsize table, three quarters of what ranking a common word
 * costs (17 ms of 19 for a word in 12,600 of 13,000 articles). A reader
 * keeps those lengths in an array by rowid, loaded in one pass and again
 * whenever another connection has committed since (PRAGMA data_version);
 * a row the array does not know is asked for as bm25() would. The scores
 * are bm25()'s: k1 = 1.2, b = 0.75, the same IDF and average length. */
#include "archive_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct archive_rank {
    int *len; /* tokens of row i (all columns); -1 unknown */
    size_t n;
    sqlite3_int64 version; /* data_version when loaded; -1 never */
};

/* Per query: IDF of each phrase and the average length. */
typedef struct query_data {
    double avgdl;
    int nphrase;
    double idf[];
} query_data;

static const double K1 = 1.2, B = 0.75;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
    (void)api, (void)fts;
    (*(sqlite3_int64 *)ctx)++;
    return SQLITE_OK;
}

/* As FTS5's bm25: IDF = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6. */
static query_data *query_data_of(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc) {
    query_data *q = api->xGetAuxdata(fts, 0);
    if (q) return q;
    int np = api->xPhraseCount(fts);
    q = calloc(1, sizeof *q + (size_t)np * sizeof(double));
    if (!q) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    sqlite3_int64 rows = 0, tokens = 0;
    *rc = api->xRowCount(fts, &rows);
    if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &tokens);
    q->avgdl = rows > 0 ? (double)tokens / (double)rows : 1.0;
    q->nphrase = np;
    for (int i = 0; *rc == SQLITE_OK && i < np; i++) {
        sqlite3_int64 hits = 0;
        *rc = api->xQueryPhrase(fts, i, &hits, count_row);
        double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        q->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (*rc == SQLITE_OK) *rc = api->xSetAuxdata(fts, q, free);
    if (*rc != SQLITE_OK) return NULL; /* xSetAuxdata freed q on failure */
    return q;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **val) {
    archive_rank *r = api->xUserData(fts);
    int rc = SQLITE_OK;
    query_data *q = query_data_of(api, fts, &rc);
    if (!q) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double freq[64] = {0};
    int np = q->nphrase < 64 ? q->nphrase : 64;
    for (int p = 0; p < np; p++) {
        Fts5PhraseIter it;
        int col, off;
        for (api->xPhraseFirst(fts, p, &it, &col, &off); col >= 0;
             api->xPhraseNext(fts, &it, &col, &off))
            freq[p] += col < nval ? sqlite3_value_double(val[col]) : 1.0;
    }
    sqlite3_int64 id = api->xRowid(fts);
    int len = id >= 0 && (size_t)id < r->n ? r->len[id] : -1;
    if (len < 0 && api->xColumnSize(fts, -1, &len) != SQLITE_OK) len = 0;
    double score = 0, norm = K1 * (1 - B + B * (double)len / q->avgdl);
    for (int p = 0; p < np; p++)
        score += q->idf[p] * freq[p] * (K1 + 1) / (freq[p] + norm);
    sqlite3_result_double(ctx, -score);
}

static void rank_free(void *p) {
    archive_rank *r = p;
    if (r) free(r->len);
    free(r);
}

archive_rank *archive_rank_register(sqlite3 *db) {
    fts5_api *api = archive_fts5(db);
    archive_rank *r = api ? calloc(1, sizeof *r) : NULL;
    if (!r) return NULL;
    r->version = -1;
    if (api->xCreateFunction(api, "folio_rank", r, rank_fn, rank_free) != SQLITE_OK) {
        free(r);
        return NULL;
    }
    return r;
}

sqlite3_int64 archive_data_version(sqlite3 *db) {
    sqlite3_stmt *st = NULL;
    sqlite3_int64 v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The sum of the varints of a docsize record (one a column): SQLite's
 * varints, high-order groups of seven bits first, a ninth byte whole. */
static int record_tokens(const unsigned char *p, int n) {
    long long total = 0;
    for (int i = 0; i < n;) {
        unsigned long long v = 0;
        for (int k = 0; i < n; k++) {
            unsigned char c = p[i++];
            if (k == 8) {
                v = (v << 8) | c;
                break;
            }
            v = (v << 7) | (c & 0x7F);
            if (!(c & 0x80)) break;
        }
        total += (long long)(v & 0x7FFFFFFF);
    }
    return total > 0x7FFFFFFF ? 0x7FFFFFFF : (int)total;
}

/* Loads every row's length. 0, -1 OOM, -2 SQL. */
static int load(archive_rank *r, sqlite3 *db) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT id, sz FROM articles_fts_docsize ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
        return -2;
    size_t n = 0;
    int s, rc = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (id < 0 || id > 100000000) continue;
        if ((size_t)id >= n) {
            size_t want = (size_t)id + 1, cap = r->n;
            while (cap < want)
                cap = cap ? cap * 2 : 1024;
            if (cap > r->n) {
                int *grown = realloc(r->len, cap * sizeof *grown);
                if (!grown) {
                    rc = -1;
                    break;
                }
                memset(grown + r->n, 0xFF, (cap - r->n) * sizeof *grown); /* -1: unknown */
                r->len = grown;
                r->n = cap;
            }
            n = want;
        }
        r->len[id] = record_tokens(sqlite3_column_blob(st, 1), sqlite3_column_bytes(st, 1));
    }
    if (!rc && s != SQLITE_DONE) rc = -2;
    sqlite3_finalize(st);
    return rc;
}

int archive_rank_refresh(archive_rank *r, sqlite3 *db) {
    sqlite3_int64 v = archive_data_version(db);
    if (v == r->version && v != -1) return 0;
    if (r->len) memset(r->len, 0xFF, r->n * sizeof *r->len);
    int rc = load(r, db);
    r->version = rc ? -1 : v;
    return rc;
}
