/* filter.c — folio_allowed(rowid): whether an article passes the search's
 * filters (journal, year, section; superseded editions never do), from a set
 * of article ids made once per search.
 *
 * Joining every full-text match to its article and edition to test the
 * filters costs two lookups a match, more than ranking it; the set costs one
 * pass over the articles the filters let through, and a bit test a match. */
#include "archive_private.h"

#include <stdlib.h>
#include <string.h>

struct archive_filter {
    unsigned char *bits; /* bit i: article i passes */
    size_t nbytes;
};

/* The articles of current editions the filters let through (?2 journal,
 * ?3 year, ?4 section; '' and 0 for none). */
static const char allowed_sql[] =
    "SELECT a.id FROM editions AS e JOIN articles AS a ON a.edition = e.id"
    " WHERE e.superseded = 0 AND (?2 = '' OR e.journal = ?2)"
    " AND (?3 = 0 OR " ARCHIVE_YEAR_SQL " = ?3) AND (?4 = '' OR a.section = ?4)";

static void allowed_fn(sqlite3_context *ctx, int n, sqlite3_value **v) {
    (void)n;
    const archive_filter *f = sqlite3_user_data(ctx);
    sqlite3_int64 id = sqlite3_value_int64(v[0]);
    int in = id >= 0 && (size_t)(id >> 3) < f->nbytes && (f->bits[id >> 3] >> (id & 7)) & 1;
    sqlite3_result_int(ctx, in);
}

static void filter_free(void *p) {
    archive_filter *f = p;
    if (f) free(f->bits);
    free(f);
}

archive_filter *archive_filter_register(sqlite3 *db) {
    archive_filter *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    /* not deterministic: the set changes from one search to the next */
    if (sqlite3_create_function_v2(db, "folio_allowed", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, f,
                                   allowed_fn, NULL, NULL, filter_free) != SQLITE_OK)
        return NULL; /* SQLite called filter_free */
    return f;
}

int archive_filter_set(archive_filter *f, sqlite3 *db, const archive_query *q) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, allowed_sql, -1, &st, NULL) != SQLITE_OK) return -2;
    sqlite3_bind_text(st, 2, q->journal ? q->journal : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, q->year);
    sqlite3_bind_text(st, 4, q->section ? q->section : "", -1, SQLITE_STATIC);
    if (f->bits) memset(f->bits, 0, f->nbytes);
    int s, rc = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (id < 0 || id > ((sqlite3_int64)1 << 34)) continue;
        size_t byte = (size_t)(id >> 3);
        if (byte >= f->nbytes) {
            size_t cap = f->nbytes ? f->nbytes : 1024;
            while (cap <= byte)
                cap *= 2;
            unsigned char *grown = realloc(f->bits, cap);
            if (!grown) {
                rc = -1;
                break;
            }
            memset(grown + f->nbytes, 0, cap - f->nbytes);
            f->bits = grown;
            f->nbytes = cap;
        }
        f->bits[byte] |= (unsigned char)(1u << (id & 7));
    }
    if (!rc && s != SQLITE_DONE) rc = -2;
    sqlite3_finalize(st);
    return rc;
}
