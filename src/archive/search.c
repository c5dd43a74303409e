/* search.c — full-text search: the FTS5 query with its filters, bm25 ranking
 * and a page of hits, each with its snippet marked (query.c). */
#include "archive_private.h"

#include <stdlib.h>
#include <string.h>

/* One page of ranked hits and their total; title weighs most, then authors,
 * then the text. Every row carries the total (a window over all the matches,
 * which bm25 must have been computed for first: hence the materialized CTE). */
static const char search_sql[] =
    "WITH m AS MATERIALIZED (SELECT f.rowid AS id, bm25(articles_fts, 10.0, 4.0, 1.0) AS score"
    " FROM articles_fts AS f WHERE articles_fts MATCH ?1)"
    " SELECT a.id, e.key, e.journal, e.issue, e.date, " ARCHIVE_YEAR_SQL ", e.number, e.pdf,"
    " a.seq, a.title, a.authors, a.section, a.first_page, a.pdf_page, m.score,"
    " count(*) OVER () AS total"
    " FROM m JOIN articles AS a ON a.id = m.id JOIN editions AS e ON e.id = a.edition"
    " WHERE e.superseded = 0 AND (?2 = '' OR e.journal = ?2)"
    " AND (?3 = 0 OR " ARCHIVE_YEAR_SQL " = ?3) AND (?4 = '' OR a.section = ?4)"
    " ORDER BY m.score, e.journal, e.date, e.issue, a.seq LIMIT ?5 OFFSET ?6";

/* The total alone, for a page past the last hit. */
static const char count_sql[] =
    "SELECT count(*) FROM articles_fts AS f JOIN articles AS a ON a.id = f.rowid"
    " JOIN editions AS e ON e.id = a.edition"
    " WHERE articles_fts MATCH ?1 AND e.superseded = 0 AND (?2 = '' OR e.journal = ?2)"
    " AND (?3 = 0 OR " ARCHIVE_YEAR_SQL " = ?3) AND (?4 = '' OR a.section = ?4)";

static const char body_sql[] = "SELECT body FROM articles_fts WHERE rowid = ?1";

enum { SNIPPET_CHARS = 60 };

static void bind_filters(sqlite3_stmt *st, const char *fq, const archive_query *q) {
    sqlite3_bind_text(st, 1, fq, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, q->journal ? q->journal : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, q->year);
    sqlite3_bind_text(st, 4, q->section ? q->section : "", -1, SQLITE_STATIC);
}

/* One search: the query, its FTS5 form, how to mark, where hits go. */
typedef struct search_call {
    const archive_query *q;
    const char *fq;
    archive_fold *fold;
    const archive_terms *terms;
    const char *open, *close;
    size_t chars;
    archive_hits *out;
} search_call;

/* A copy of s in the arena with the terms marked (window 0: all of it). */
static const char *marked(folio_arena *a, const search_call *m, const char *s, size_t window) {
    char *t = archive_terms_mark(m->fold, m->terms, s, window, m->open, m->close);
    const char *r = t ? arena_strdup(a, t) : NULL;
    free(t);
    return r;
}

/* Fills h from the row of search_sql in st, its snippet from the body. 0, -1 OOM, -2 SQL. */
static int fill_hit(const search_call *c, archive_hit *h, sqlite3_stmt *st, sqlite3_stmt *body) {
    folio_arena *a = c->out->arena;
    const char *key = archive_col_dup(a, st, 1);
    h->edition = key && archive_edition_id(key) ? archive_edition_id(key) : key;
    h->journal = archive_col_dup(a, st, 2);
    h->issue = archive_col_dup(a, st, 3);
    h->date = archive_col_dup(a, st, 4);
    h->year = sqlite3_column_int(st, 5);
    h->number = sqlite3_column_int(st, 6);
    h->pdf = archive_col_dup(a, st, 7);
    h->article = (size_t)sqlite3_column_int64(st, 8) + 1;
    h->title = archive_col_dup(a, st, 9);
    h->authors = archive_col_dup(a, st, 10);
    h->section = archive_col_dup(a, st, 11);
    h->page = sqlite3_column_int(st, 12);
    h->pdf_page = sqlite3_column_int(st, 13);
    h->score = sqlite3_column_double(st, 14);
    c->out->total = (size_t)sqlite3_column_int64(st, 15);
    if (!h->edition || !h->journal || !h->issue || !h->date || !h->pdf || !h->title ||
        !h->authors || !h->section)
        return -1;
    h->title_marked = marked(a, c, h->title, 0);
    sqlite3_bind_int64(body, 1, sqlite3_column_int64(st, 0));
    int s = sqlite3_step(body);
    if (s != SQLITE_ROW && s != SQLITE_DONE) return -2;
    const char *text = s == SQLITE_ROW ? (const char *)sqlite3_column_text(body, 0) : NULL;
    h->snippet = marked(a, c, text ? text : "", c->chars);
    sqlite3_reset(body);
    return h->title_marked && h->snippet ? 0 : -1;
}

/* The hits of one page, then the total when the page is past the last. */
static int run_search(sqlite3 *db, void *ctx) {
    search_call *c = ctx;
    archive_hits *out = c->out;
    sqlite3_stmt *st = NULL, *body = NULL;
    size_t cap = 0;
    int rc = -2, s;
    if (sqlite3_prepare_v2(db, search_sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, body_sql, -1, &body, NULL) != SQLITE_OK)
        goto done;
    bind_filters(st, c->fq, c->q);
    sqlite3_bind_int64(st, 5, c->q->limit ? (sqlite3_int64)c->q->limit : 20);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)c->q->offset);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &out->items, &cap, out->n, out->n + 1, sizeof *out->items, 16)) {
            rc = -1;
            goto done;
        }
        if ((rc = fill_hit(c, &out->items[out->n++], st, body))) goto done;
        rc = -2;
    }
    if (s != SQLITE_DONE) goto done;
    if (!out->n && c->q->offset) {
        sqlite3_finalize(st);
        if (sqlite3_prepare_v2(db, count_sql, -1, &st, NULL) != SQLITE_OK) goto done;
        bind_filters(st, c->fq, c->q);
        if (sqlite3_step(st) != SQLITE_ROW) goto done;
        out->total = (size_t)sqlite3_column_int64(st, 0);
    }
    rc = 0;
done:
    sqlite3_finalize(st);
    sqlite3_finalize(body);
    return rc;
}

int archive_read_search(archive_reader *r, const archive_query *q, archive_hits *out,
                        folio_diags *d) {
    memset(out, 0, sizeof *out);
    sqlite3 *db = archive_reader_db(r, d);
    if (!db) return -1;
    archive_fold *fold = archive_db_fold(db);
    archive_terms terms = {0};
    char *fq = NULL;
    int rc = -1;
    if (!fold || archive_terms_parse(fold, q->text ? q->text : "", &terms) ||
        !(out->arena = arena_new()) || !(fq = archive_terms_fts(&terms))) {
        diag_error(d, NULL, 0, "out of memory");
    } else if (!terms.n) {
        diag_error(d, NULL, 0, "the query '%s' has no word to search for", q->text ? q->text : "");
    } else {
        search_call c = {q,
                         fq,
                         fold,
                         &terms,
                         q->mark_open ? q->mark_open : "【",
                         q->mark_close ? q->mark_close : "】",
                         q->snippet_chars ? q->snippet_chars : SNIPPET_CHARS,
                         out};
        rc = archive_read_run(r, run_search, &c, d);
    }
    archive_terms_free(&terms);
    free(fq);
    if (rc) archive_hits_free(out);
    return rc;
}

int archive_search(const char *archive, const char *query, size_t limit, archive_hits *out,
                   folio_diags *d) {
    memset(out, 0, sizeof *out);
    archive_reader *r = archive_reader_open(archive, d);
    if (!r) return -1;
    archive_query q = {0};
    q.text = query;
    q.limit = limit;
    int rc = archive_read_search(r, &q, out, d);
    archive_reader_close(r);
    return rc;
}
