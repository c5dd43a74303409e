/* catalogue.c — the SQLite catalogue: schema, inserts, look-ups. */
#include "archive_private.h"

#include <stdlib.h>
#include <string.h>

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS editions("
    " id INTEGER PRIMARY KEY,"
    " journal TEXT NOT NULL, issue TEXT NOT NULL, date TEXT NOT NULL,"
    " year INTEGER NOT NULL, number INTEGER NOT NULL, pages INTEGER NOT NULL,"
    " articles INTEGER NOT NULL, publisher TEXT NOT NULL, identifier TEXT NOT NULL,"
    " bag TEXT NOT NULL UNIQUE, pdf TEXT NOT NULL, epub TEXT NOT NULL,"
    " bagging_date TEXT NOT NULL, superseded INTEGER NOT NULL DEFAULT 0);"
    /* one current version of each journal + issue */
    "CREATE UNIQUE INDEX IF NOT EXISTS editions_current ON editions(journal, issue)"
    " WHERE superseded = 0;"
    "CREATE TABLE IF NOT EXISTS articles("
    " id INTEGER PRIMARY KEY,"
    " edition INTEGER NOT NULL REFERENCES editions(id), seq INTEGER NOT NULL,"
    " title TEXT NOT NULL, authors TEXT NOT NULL, section TEXT NOT NULL, kind TEXT NOT NULL,"
    " first_page INTEGER NOT NULL, last_page INTEGER NOT NULL, pdf_page INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS articles_edition ON articles(edition, seq);"
    /* rowid = articles.id */
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    " title, authors, body, tokenize = 'folio');";

/* The catalogue's layout and the tokenizer that indexed it: a catalogue of
 * another version is rebuilt from the bags, never read half-understood. */
#define CATALOGUE_VERSION 3 /* 3: Traditional/Simplified folding */
#define CATALOGUE_VERSION_S "3"

static int user_version(sqlite3 *db) {
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

sqlite3 *archive_db_open(const char *path, int create, folio_diags *d) {
    sqlite3 *db = NULL;
    int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        diag_error(d, path, 0, "cannot open the catalogue: %s",
                   db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    char *err = NULL;
    if (archive_register_tokenizer(db) != SQLITE_OK) {
        diag_error(d, path, 0, "cannot register the search tokenizer: %s", sqlite3_errmsg(db));
    } else if (sqlite3_exec(db, "PRAGMA foreign_keys = ON;", NULL, NULL, &err) != SQLITE_OK ||
               (create && sqlite3_exec(db, schema, NULL, NULL, &err) != SQLITE_OK)) {
        diag_error(d, path, 0,
                   "the catalogue is unusable: %s (rebuild it with `folio archive reindex`)",
                   err ? err : sqlite3_errmsg(db));
        sqlite3_free(err);
    } else {
        int v = user_version(db);
        if (v == 0 && create)
            v = sqlite3_exec(db, "PRAGMA user_version = " CATALOGUE_VERSION_S, NULL, NULL, NULL) ==
                        SQLITE_OK
                    ? CATALOGUE_VERSION
                    : -1;
        if (v == CATALOGUE_VERSION) return db;
        diag_error(d, path, 0,
                   "made by another version of folio (catalogue version %d, this one reads %d); "
                   "rebuild it with `folio archive reindex`",
                   v, CATALOGUE_VERSION);
    }
    sqlite3_close(db);
    return NULL;
}

static int step_done(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int archive_db_insert(sqlite3 *db, const archive_record *rec, const char *bag,
                      const char *bagging_date, int superseded, folio_diags *d) {
    sqlite3_stmt *ed = NULL, *ar = NULL, *ft = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO editions(journal, issue, date, year, number, pages,"
                           " articles, publisher, identifier, bag, pdf, epub, bagging_date,"
                           " superseded) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &ed, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO articles(edition, seq, title, authors, section, kind,"
                           " first_page, last_page, pdf_page) VALUES(?,?,?,?,?,?,?,?,?)",
                           -1, &ar, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO articles_fts(rowid, title, authors, body)"
                           " VALUES(?,?,?,?)",
                           -1, &ft, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(ed, 1, rec->journal, -1, SQLITE_STATIC);
    sqlite3_bind_text(ed, 2, rec->issue, -1, SQLITE_STATIC);
    sqlite3_bind_text(ed, 3, rec->date ? rec->date : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(ed, 4, rec->year);
    sqlite3_bind_int(ed, 5, rec->number);
    sqlite3_bind_int(ed, 6, rec->pages);
    sqlite3_bind_int64(ed, 7, (sqlite3_int64)rec->narticles);
    sqlite3_bind_text(ed, 8, rec->publisher ? rec->publisher : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(ed, 9, rec->identifier ? rec->identifier : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(ed, 10, bag, -1, SQLITE_STATIC);
    sqlite3_bind_text(ed, 11, rec->pdf ? rec->pdf : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(ed, 12, rec->epub ? rec->epub : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(ed, 13, bagging_date ? bagging_date : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(ed, 14, superseded);
    if (step_done(ed)) goto fail;
    sqlite3_int64 eid = sqlite3_last_insert_rowid(db);
    for (size_t i = 0; i < rec->narticles; i++) {
        const archive_article *a = &rec->articles[i];
        sqlite3_bind_int64(ar, 1, eid);
        sqlite3_bind_int64(ar, 2, (sqlite3_int64)i);
        sqlite3_bind_text(ar, 3, a->title ? a->title : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(ar, 4, a->authors ? a->authors : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(ar, 5, a->section ? a->section : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(ar, 6, a->kind ? a->kind : "article", -1, SQLITE_STATIC);
        sqlite3_bind_int(ar, 7, a->first_page);
        sqlite3_bind_int(ar, 8, a->last_page);
        sqlite3_bind_int(ar, 9, a->pdf_page);
        if (step_done(ar)) goto fail;
        sqlite3_bind_int64(ft, 1, sqlite3_last_insert_rowid(db));
        sqlite3_bind_text(ft, 2, a->title ? a->title : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(ft, 3, a->authors ? a->authors : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(ft, 4, a->text ? a->text : "", -1, SQLITE_STATIC);
        if (step_done(ft)) goto fail;
    }
    rc = 0;
    goto done;
fail:
    diag_error(d, NULL, 0, "cannot record %s %s in the catalogue: %s", rec->journal, rec->issue,
               sqlite3_errmsg(db));
done:
    sqlite3_finalize(ed);
    sqlite3_finalize(ar);
    sqlite3_finalize(ft);
    return rc;
}

char *archive_db_current_bag(sqlite3 *db, const char *journal, const char *issue, int *err) {
    sqlite3_stmt *st = NULL;
    char *bag = NULL;
    *err = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT bag FROM editions WHERE journal = ? AND issue = ?"
                           " AND superseded = 0",
                           -1, &st, NULL) != SQLITE_OK) {
        *err = 1;
        return NULL;
    }
    sqlite3_bind_text(st, 1, journal, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, issue, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        bag = strdup((const char *)sqlite3_column_text(st, 0));
        if (!bag) *err = 1;
    } else if (rc != SQLITE_DONE) {
        *err = 1;
    }
    sqlite3_finalize(st);
    return bag;
}
