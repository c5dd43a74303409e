/* search.c — full-text search: the FTS5 query with its filters, bm25 ranking
 * and a page of hits, each with its snippet marked (query.c). */
#include "archive_private.h"
#include "catalogue_pg.h"

#include <stdlib.h>
#include <string.h>

/* A search is three statements: the page of ranked article ids, their total,
 * then each hit's facts and text by id. bm25 (title weighs most, then
 * authors, then the text; ties in filing order; folio_rank() in rank.c) is
 * what costs, for every matching article, so it is computed once per match
 * and nothing else is. Without filters, and when no edition was superseded,
 * the full-text table alone answers both the page and the total; with them,
 * the articles they let through are a set (filter.c) each match is tested
 * against. */
static const char rank_sql[] =
    "SELECT rowid, folio_rank(articles_fts, 10.0, 4.0, 1.0) AS score FROM articles_fts"
    " WHERE articles_fts MATCH ?1 ORDER BY score, rowid LIMIT ?5 OFFSET ?6";

static const char count_sql[] = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1";

static const char rank_filtered_sql[] =
    "SELECT rowid, folio_rank(articles_fts, 10.0, 4.0, 1.0) AS score FROM articles_fts"
    " WHERE articles_fts MATCH ?1 AND folio_allowed(rowid) ORDER BY score, rowid"
    " LIMIT ?5 OFFSET ?6";

static const char count_filtered_sql[] =
    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1 AND folio_allowed(rowid)";

static const char superseded_sql[] = "SELECT 1 FROM editions WHERE superseded <> 0 LIMIT 1";

/* (Two statements: joined with the full-text table, one took twice as long.) */
static const char hit_sql[] =
    "SELECT e.key, e.journal, e.issue, e.date, " ARCHIVE_YEAR_SQL ", e.number, e.pdf,"
    " a.seq, a.title, a.authors, a.section, a.first_page, a.pdf_page, e.bag"
    " FROM articles AS a JOIN editions AS e ON e.id = a.edition WHERE a.id = ?1";

static const char body_sql[] = "SELECT body FROM articles_fts WHERE rowid = ?1";

enum { SNIPPET_CHARS = 60 };

static void bind_filters(sqlite3_stmt *st, const char *fq, const archive_query *q) {
    sqlite3_bind_text(st, 1, fq, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, q->journal ? q->journal : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, q->year);
    sqlite3_bind_text(st, 4, q->section ? q->section : "", -1, SQLITE_STATIC);
}

/* One search: the query, its terms and FTS5 form (made with the fold of the
 * connection that runs it), how to mark, where hits go. */
typedef struct search_call {
    const archive_query *q;
    archive_reader *reader;
    archive_fold *fold;
    archive_terms terms;
    char *fq;
    const char *open, *close;
    size_t chars;
    archive_hits *out;
} search_call;

/* A copy of s in the arena with the terms marked (window 0: all of it). */
static const char *marked(folio_arena *a, const search_call *m, const char *s, size_t window) {
    char *t = archive_terms_mark(m->fold, &m->terms, s, window, m->open, m->close);
    const char *r = t ? arena_strdup(a, t) : NULL;
    free(t);
    return r;
}

/* Fills h: the facts and snippet of article id (score given). 0, -1 OOM, -2 SQL. */
static int fill_hit(const search_call *c, archive_hit *h, sqlite3_stmt *st, sqlite3_stmt *body,
                    sqlite3_int64 id, double score) {
    folio_arena *a = c->out->arena;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        sqlite3_reset(st);
        return -2;
    }
    const char *key = archive_col_dup(a, st, 0);
    h->edition = key && archive_edition_id(key) ? archive_edition_id(key) : key;
    h->bag = archive_col_dup(a, st, 13);
    h->journal = archive_col_dup(a, st, 1);
    h->issue = archive_col_dup(a, st, 2);
    h->date = archive_col_dup(a, st, 3);
    h->year = sqlite3_column_int(st, 4);
    h->number = sqlite3_column_int(st, 5);
    h->pdf = archive_col_dup(a, st, 6);
    h->article = (size_t)sqlite3_column_int64(st, 7) + 1;
    h->title = archive_col_dup(a, st, 8);
    h->authors = archive_col_dup(a, st, 9);
    h->section = archive_col_dup(a, st, 10);
    h->page = sqlite3_column_int(st, 11);
    h->pdf_page = sqlite3_column_int(st, 12);
    h->score = score;
    sqlite3_reset(st);
    if (!h->edition || !h->journal || !h->issue || !h->date || !h->pdf || !h->title ||
        !h->authors || !h->section || !h->bag)
        return -1;
    h->title_marked = marked(a, c, h->title, 0);
    sqlite3_bind_int64(body, 1, id);
    s = sqlite3_step(body);
    if (s != SQLITE_ROW && s != SQLITE_DONE) {
        sqlite3_reset(body);
        return -2;
    }
    const char *text = s == SQLITE_ROW ? (const char *)sqlite3_column_text(body, 0) : NULL;
    h->snippet = marked(a, c, text ? text : "", c->chars);
    sqlite3_reset(body);
    return h->title_marked && h->snippet ? 0 : -1;
}

/* Whether the full-text table alone can answer (no filter, nothing
 * superseded: that is read again only when the catalogue changed). -1 on
 * an SQL error. */
static int unfiltered(archive_reader *r, sqlite3 *db, const archive_query *q) {
    if ((q->journal && *q->journal) || q->year || (q->section && *q->section)) return 0;
    sqlite3_int64 v = archive_data_version(db);
    if (v < 0 || v != r->superseded_version) {
        sqlite3_stmt *st = archive_reader_stmt(r, superseded_sql);
        int s = st ? sqlite3_step(st) : SQLITE_ERROR;
        if (st) sqlite3_reset(st);
        if (s != SQLITE_DONE && s != SQLITE_ROW) return -1;
        r->has_superseded = s == SQLITE_ROW;
        r->superseded_version = v;
    }
    return !r->has_superseded;
}

/* The terms (1 when there is no word to search for), then the page of hits,
 * then their total. */
static int run_search(sqlite3 *db, void *ctx) {
    search_call *c = ctx;
    archive_hits *out = c->out;
    c->fold = archive_db_fold(db);
    if (!c->fold || archive_terms_parse(c->fold, c->q->text ? c->q->text : "", &c->terms) ||
        !(c->fq = archive_terms_fts(&c->terms)))
        return -1;
    if (!c->terms.n) return 1;
    int rc = archive_rank_refresh(c->reader->rank, db);
    if (rc) return rc;
    archive_reader *r = c->reader;
    sqlite3_stmt *st = NULL, *hit = NULL, *body = NULL;
    size_t cap = 0;
    int s, plain = unfiltered(r, db, c->q);
    if (plain == 0 && (rc = archive_filter_set(r->filter, db, c->q))) return rc;
    rc = -2;
    if (plain < 0 || !(st = archive_reader_stmt(r, plain ? rank_sql : rank_filtered_sql)) ||
        !(hit = archive_reader_stmt(r, hit_sql)) || !(body = archive_reader_stmt(r, body_sql)))
        goto done;
    bind_filters(st, c->fq, c->q);
    sqlite3_bind_int64(st, 5, c->q->limit ? (sqlite3_int64)c->q->limit : 20);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)c->q->offset);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &out->items, &cap, out->n, out->n + 1, sizeof *out->items, 16)) {
            rc = -1;
            goto done;
        }
        archive_hit *h = &out->items[out->n++];
        if ((rc = fill_hit(c, h, hit, body, sqlite3_column_int64(st, 0),
                           sqlite3_column_double(st, 1))))
            goto done;
        rc = -2;
    }
    if (s != SQLITE_DONE) goto done;
    sqlite3_reset(st);
    if (!(st = archive_reader_stmt(r, plain ? count_sql : count_filtered_sql))) goto done;
    bind_filters(st, c->fq, c->q);
    if (sqlite3_step(st) != SQLITE_ROW) goto done;
    out->total = (size_t)sqlite3_column_int64(st, 0);
    rc = 0;
done:
    /* kept prepared for the next search */
    if (st) sqlite3_reset(st);
    if (hit) sqlite3_reset(hit);
    if (body) sqlite3_reset(body);
    return rc;
}

int archive_read_search(archive_reader *r, const archive_query *q, archive_hits *out,
                        folio_diags *d) {
    if (r->pg) return archive_pg_read_search(r->pg, q, out, d);
    memset(out, 0, sizeof *out);
    if (!(out->arena = arena_new())) return diag_error(d, NULL, 0, "out of memory");
    search_call c = {q,
                     r,
                     NULL,
                     {0},
                     NULL,
                     q->mark_open ? q->mark_open : "【",
                     q->mark_close ? q->mark_close : "】",
                     q->snippet_chars ? q->snippet_chars : SNIPPET_CHARS,
                     out};
    int rc = archive_read_run(r, run_search, &c, d);
    if (rc == 1)
        rc = diag_error(d, NULL, 0, "the query '%s' has no word to search for",
                        q->text ? q->text : "");
    archive_terms_free(&c.terms);
    free(c.fq);
    if (rc) archive_hits_free(out);
    return rc;
}

char *archive_read_mark(archive_reader *r, const char *query, const char *text, const char *open,
                        const char *close) {
    if (r->pg) return archive_pg_read_mark(r->pg, query, text, open, close);
    folio_diags d;
    diags_init(&d);
    sqlite3 *db = archive_reader_db(r, &d);
    diags_free(&d);
    archive_fold *fold = db ? archive_db_fold(db) : NULL;
    archive_terms terms = {0};
    char *out = NULL;
    if (fold && !archive_terms_parse(fold, query, &terms) && terms.n)
        out = archive_terms_mark(fold, &terms, text, 0, open, close);
    archive_terms_free(&terms);
    return out;
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
