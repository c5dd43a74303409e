/* lookup.c — one edition by its id, with its contents and one article's text. */
#include "archive_private.h"
#include "catalogue_pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char edition_sql[] =
    "SELECT e.id, e.journal, e.issue, e.date, e.year, e.number, e.pages, e.publisher,"
    " e.identifier, e.bag, e.pdf, e.epub, e.bagging_date, e.key FROM editions AS e"
    " WHERE e.key = ?1 AND e.superseded = 0";

static const char contents_sql[] =
    "SELECT title, authors, section, kind, first_page, last_page, pdf_page FROM articles"
    " WHERE edition = ?1 ORDER BY seq";

static const char text_sql[] =
    "SELECT f.body FROM articles AS a JOIN articles_fts AS f ON f.rowid = a.id"
    " WHERE a.edition = ?1 AND a.seq = ?2";

/* The edition's row into out; its rowid into *eid. 0, 1 none, -1 OOM, -2 SQL. */
static int edition_row(sqlite3 *db, const char *key, archive_edition *out, sqlite3_int64 *eid) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, edition_sql, -1, &st, NULL) != SQLITE_OK) return -2;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int s = sqlite3_step(st), rc = s == SQLITE_DONE ? 1 : -2;
    if (s == SQLITE_ROW) {
        folio_arena *a = out->arena;
        archive_record *r = &out->rec;
        *eid = sqlite3_column_int64(st, 0);
        r->journal = archive_col_dup(a, st, 1);
        r->issue = archive_col_dup(a, st, 2);
        r->date = archive_col_dup(a, st, 3);
        r->year = sqlite3_column_int(st, 4);
        r->number = sqlite3_column_int(st, 5);
        r->pages = sqlite3_column_int(st, 6);
        r->publisher = archive_col_dup(a, st, 7);
        r->identifier = archive_col_dup(a, st, 8);
        out->bag = archive_col_dup(a, st, 9);
        r->pdf = archive_col_dup(a, st, 10);
        r->epub = archive_col_dup(a, st, 11);
        out->bagging_date = archive_col_dup(a, st, 12);
        rc = r->journal && r->issue && r->date && r->publisher && r->identifier && out->bag &&
                     r->pdf && r->epub && out->bagging_date
                 ? 0
                 : -1;
        const char *key = archive_col_dup(a, st, 13);
        out->id = key ? archive_edition_id(key) : NULL;
        if (!out->id) rc = -1;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Its articles (without text) into out->rec. 0, -1 OOM, -2 SQL. */
static int contents_rows(sqlite3 *db, sqlite3_int64 eid, archive_edition *out) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, contents_sql, -1, &st, NULL) != SQLITE_OK) return -2;
    sqlite3_bind_int64(st, 1, eid);
    archive_record *r = &out->rec;
    size_t cap = 0;
    int s, rc = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &r->articles, &cap, r->narticles, r->narticles + 1,
                       sizeof *r->articles, 16)) {
            rc = -1;
            break;
        }
        archive_article *x = &r->articles[r->narticles++];
        x->title = archive_col_dup(out->arena, st, 0);
        x->authors = archive_col_dup(out->arena, st, 1);
        x->section = archive_col_dup(out->arena, st, 2);
        x->kind = archive_col_dup(out->arena, st, 3);
        x->first_page = sqlite3_column_int(st, 4);
        x->last_page = sqlite3_column_int(st, 5);
        x->pdf_page = sqlite3_column_int(st, 6);
        if (!x->title || !x->authors || !x->section || !x->kind) {
            rc = -1;
            break;
        }
    }
    if (!rc && s != SQLITE_DONE) rc = -2;
    sqlite3_finalize(st);
    return rc;
}

/* The text of the article-th article into out->text. 0, -1 OOM, -2 SQL. */
static int article_text(sqlite3 *db, sqlite3_int64 eid, size_t article, archive_edition *out) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, text_sql, -1, &st, NULL) != SQLITE_OK) return -2;
    sqlite3_bind_int64(st, 1, eid);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)article - 1);
    int s = sqlite3_step(st), rc = -2;
    if (s == SQLITE_ROW || s == SQLITE_DONE) {
        out->text =
            s == SQLITE_ROW ? archive_col_dup(out->arena, st, 0) : arena_strdup(out->arena, "");
        rc = out->text ? 0 : -1;
    }
    sqlite3_finalize(st);
    return rc;
}

typedef struct edition_call {
    const char *id;
    size_t article;
    archive_edition *out;
} edition_call;

static int read_edition(sqlite3 *db, void *ctx) {
    edition_call *c = ctx;
    size_t n = strlen(c->id) + 6;
    char *key = malloc(n);
    if (!key) return -1;
    snprintf(key, n, "bags/%s", c->id);
    sqlite3_int64 eid = 0;
    int rc = edition_row(db, key, c->out, &eid);
    free(key);
    if (!rc) rc = contents_rows(db, eid, c->out);
    if (!rc && c->article > c->out->rec.narticles) rc = 1;
    if (!rc && c->article) {
        c->out->article = c->article;
        rc = article_text(db, eid, c->article, c->out);
    }
    return rc;
}

int archive_read_edition(archive_reader *r, const char *id, size_t article, archive_edition *out,
                         folio_diags *d) {
    if (r->pg) return archive_pg_read_edition(r->pg, id, article, out, d);
    memset(out, 0, sizeof *out);
    if (!(out->arena = arena_new())) return diag_error(d, NULL, 0, "out of memory");
    edition_call c = {id, article, out};
    int rc = archive_read_run(r, read_edition, &c, d);
    if (rc) archive_edition_free(out);
    return rc;
}

void archive_edition_free(archive_edition *e) {
    arena_free(e->arena);
    memset(e, 0, sizeof *e);
}
