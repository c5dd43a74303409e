/* catalogue.c — the SQLite catalogue: opening it (SQLite recovers it), schema, inserts,
 * look-ups. */
#include "archive_private.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS editions("
    " id INTEGER PRIMARY KEY,"
    " journal TEXT NOT NULL, issue TEXT NOT NULL, date TEXT NOT NULL,"
    " year INTEGER NOT NULL, number INTEGER NOT NULL, pages INTEGER NOT NULL,"
    " articles INTEGER NOT NULL, publisher TEXT NOT NULL, identifier TEXT NOT NULL,"
    " bag TEXT NOT NULL UNIQUE, pdf TEXT NOT NULL, epub TEXT NOT NULL,"
    " bagging_date TEXT NOT NULL, superseded INTEGER NOT NULL DEFAULT 0,"
    /* the bag of the issue's first filing, kept by its replacements: the
     * edition's id, stable across --replace (archive_edition_id) */
    " key TEXT NOT NULL,"
    /* 1: a legacy PDF filed as it is, with its imported text */
    " imported INTEGER NOT NULL DEFAULT 0);"
    /* one current version of each journal + issue, and of each key */
    "CREATE UNIQUE INDEX IF NOT EXISTS editions_current ON editions(journal, issue)"
    " WHERE superseded = 0;"
    "CREATE UNIQUE INDEX IF NOT EXISTS editions_key ON editions(key) WHERE superseded = 0;"
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
#define CATALOGUE_VERSION 5 /* 3: Traditional/Simplified folding; 4: editions.key; 5: imported */
#define CATALOGUE_VERSION_S "5"

/* SQLite's word for what went wrong, with what a reader can do when SQLite
 * cannot open the catalogue without writing (SQLITE_READONLY_CANTINIT,
 * _RECOVERY, _ROLLBACK; SQLITE_PROTOCOL on a WAL it may not recover). */
static void db_error(folio_diags *d, const char *path, sqlite3 *db, const char *what) {
    int ext = sqlite3_extended_errcode(db);
    int ro = ((ext & 0xff) == SQLITE_READONLY && ext != SQLITE_READONLY) ||
             ((ext & 0xff) == SQLITE_PROTOCOL && sqlite3_db_readonly(db, "main") == 1);
    diag_error(d, path, 0, "%s: %s%s", what, sqlite3_errmsg(db),
               ro ? " (this process cannot write the catalogue, and SQLite must write to open it "
                    "here: to make its -wal and -shm files or to finish an interrupted write; any "
                    "folio archive command run with write access does that)"
                  : "");
}

/* PRAGMA user_version: 0 and *v, or -1 with SQLite's message in d. */
static int user_version(sqlite3 *db, const char *path, int *v, folio_diags *d) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return 0;
    db_error(d, path, db, "cannot read the catalogue");
    return -1;
}

static int exec(sqlite3 *db, const char *path, const char *sql, const char *what, folio_diags *d) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    db_error(d, path, db, what);
    return -1;
}

/* A writer's connection: WAL, so that readers keep reading the last commit
 * while it writes and never wait for it; FULL sync, so that a commit that
 * returned survives a power cut. */
static int writer_pragmas(sqlite3 *db, const char *path, folio_diags *d) {
    return exec(db, path, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
                "cannot prepare the catalogue for writing", d);
}

static int create_schema(sqlite3 *db, const char *path, folio_diags *d) {
    if (exec(db, path, "BEGIN", "cannot write the catalogue", d)) return -1;
    if (exec(db, path, schema, "cannot create the catalogue", d) ||
        exec(db, path, "PRAGMA user_version = " CATALOGUE_VERSION_S, "cannot create the catalogue",
             d)) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return exec(db, path, "COMMIT", "cannot write the catalogue", d);
}

static int check_version(sqlite3 *db, const char *path, folio_diags *d) {
    int v = 0;
    if (user_version(db, path, &v, d)) return -1;
    if (v == CATALOGUE_VERSION) return 0;
    return diag_error(d, path, 0,
                      "made by another version of folio (catalogue version %d, this one reads %d); "
                      "rebuild it with `folio archive reindex`",
                      v, CATALOGUE_VERSION);
}

/* The -wal and -shm files stay when the last connection closes: a reader
 * that cannot create them (a web server running as another user) can still
 * open a WAL catalogue when they exist. */
static void persist_wal(sqlite3 *db) {
    int on = 1;
    sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

static int configure(sqlite3 *db, const char *path, archive_db_mode mode, folio_diags *d) {
    sqlite3_busy_timeout(db, 10000);
    if (mode != ARCHIVE_DB_CREATE) persist_wal(db);
    if (archive_register_tokenizer(db) != SQLITE_OK) {
        db_error(d, path, db, "cannot register the search tokenizer");
        return -1;
    }
    /* a WAL whose frames are all in the file is cut to nothing, so that
     * catalogue.sqlite alone is the whole catalogue between writes */
    if (exec(db, path, "PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = 0",
             "cannot open the catalogue", d) ||
        (mode == ARCHIVE_DB_CREATE && create_schema(db, path, d)) || check_version(db, path, d))
        return -1;
    /* a reader maps the file: a search reads hundreds of index pages, which
     * the OS's page cache then serves without a read and a copy for each */
    if (mode == ARCHIVE_DB_READ)
        return exec(db, path, "PRAGMA query_only = ON; PRAGMA mmap_size = 4294967296",
                    "cannot open the catalogue", d);
    return mode == ARCHIVE_DB_WRITE ? writer_pragmas(db, path, d) : 0;
}

sqlite3 *archive_db_open(const char *path, archive_db_mode mode, folio_diags *d) {
    sqlite3 *db = NULL;
    /* Read-write even to read: SQLite can then roll back a hot journal and
     * replay a WAL; a file the OS will not let us write opens read-only. */
    int flags = SQLITE_OPEN_READWRITE | (mode == ARCHIVE_DB_CREATE ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        if (db)
            db_error(d, path, db, "cannot open the catalogue");
        else
            diag_error(d, path, 0, "cannot open the catalogue: %s", sqlite3_errstr(rc));
        sqlite3_close(db);
        return NULL;
    }
    if (configure(db, path, mode, d)) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static int step_done(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int archive_db_insert(sqlite3 *db, const archive_record *rec, const char *bag, const char *key,
                      const char *bagging_date, int superseded, folio_diags *d) {
    sqlite3_stmt *ed = NULL, *ar = NULL, *ft = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO editions(journal, issue, date, year, number, pages,"
                           " articles, publisher, identifier, bag, pdf, epub, bagging_date,"
                           " superseded, key, imported) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
    sqlite3_bind_text(ed, 15, key, -1, SQLITE_STATIC);
    sqlite3_bind_int(ed, 16, rec->imported);
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
    diag_error(d, bag, 0, "cannot record 《%s》%s in the catalogue: %s", rec->journal, rec->issue,
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

int archive_db_has_bag(sqlite3 *db, const char *bag) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT 1 FROM editions WHERE bag = ?", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, bag, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int archive_db_bags(sqlite3 *db, char ***bags, size_t *n) {
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    *bags = NULL;
    *n = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT bag FROM editions ORDER BY bag", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *b = strdup((const char *)sqlite3_column_text(st, 0));
        if (!b || (*n == cap && grow_array(bags, &cap, *n + 1, sizeof **bags, 64))) {
            free(b);
            rc = SQLITE_NOMEM;
            break;
        }
        (*bags)[(*n)++] = b;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return 0;
    archive_names_free(*bags, *n);
    *bags = NULL;
    *n = 0;
    return -1;
}

/* The key of the replaced edition, malloc'd; NULL on a database error or OOM. */
static char *key_of(sqlite3 *db, const char *bag) {
    sqlite3_stmt *st = NULL;
    char *key = NULL;
    if (sqlite3_prepare_v2(db, "SELECT key FROM editions WHERE bag = ?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, bag, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) key = strdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return key;
}

static int supersede(sqlite3 *db, const char *bag) {
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(db, "UPDATE editions SET superseded = 1 WHERE bag = ?", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, bag, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE && sqlite3_changes(db) == 1 ? 0 : -1;
}

int archive_db_file(sqlite3 *db, const char *cat, const archive_record *rec, const char *bag,
                    const char *bagging_date, const char *supersedes, folio_diags *d) {
    if (exec(db, cat, "BEGIN IMMEDIATE", "cannot write the catalogue", d)) return -1;
    char *key = supersedes ? key_of(db, supersedes) : NULL;
    if (supersedes && (!key || supersede(db, supersedes))) {
        db_error(d, cat, db, "cannot mark the replaced edition superseded");
        goto fail;
    }
    if (archive_db_insert(db, rec, bag, key ? key : bag, bagging_date, 0, d)) goto fail;
    if (exec(db, cat, "COMMIT", "cannot write the catalogue", d)) goto fail;
    free(key);
    return 0;
fail:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    free(key);
    return -1;
}
