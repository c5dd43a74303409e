/* reader.c — an archive kept open for reading (the web service's view of it):
 * the catalogue's connection, reopened when `reindex` replaced the file. */
#include "archive_private.h"
#include "catalogue_pg.h"

#include "../util/fsutil.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* (Re)opens the catalogue; its identity is taken before the open, so that a
 * replacement between the two costs one more reopen, never a stale file. */
static void forget_stmts(archive_reader *r) {
    for (size_t i = 0; i < sizeof r->stmts / sizeof *r->stmts; i++) {
        sqlite3_finalize(r->stmts[i].st);
        r->stmts[i].sql = NULL;
        r->stmts[i].st = NULL;
    }
}

static int reopen(archive_reader *r, const struct stat *st, folio_diags *d) {
    forget_stmts(r);
    sqlite3_close(r->db);
    r->superseded_version = -1;
    r->rank = NULL; /* they went with the connection */
    r->filter = NULL;
    r->facets_version = -1;
    r->db = archive_open_catalogue(r->archive, d);
    r->dev = st->st_dev;
    r->ino = st->st_ino;
    if (r->db && (!(r->rank = archive_rank_register(r->db)) ||
                  !(r->filter = archive_filter_register(r->db)))) {
        diag_error(d, NULL, 0, "out of memory");
        sqlite3_close(r->db);
        r->db = NULL;
    }
    return r->db ? 0 : -1;
}

archive_reader *archive_reader_open(const char *archive, folio_diags *d) {
    return archive_reader_open_in(archive, NULL, d);
}

/* A reader of the PostgreSQL catalogue url, recovered as every reader is. */
static archive_reader *open_pg(archive_reader *r, const char *url, folio_diags *d) {
    if (!fs_is_dir(r->archive))
        diag_error(d, r->archive, 0, "no such archive folder");
    else if ((r->pg = archive_pg_open(url, d)))
        archive_recover_pg_on_open(r->archive, r->pg, d);
    if (r->pg) return r;
    archive_reader_close(r);
    return NULL;
}

archive_reader *archive_reader_open_in(const char *archive, const char *catalogue, folio_diags *d) {
    archive_reader *r = calloc(1, sizeof *r);
    if (r) {
        r->archive = strdup(archive);
        r->cat = fs_join(archive, "catalogue.sqlite");
    }
    if (!r || !r->archive || !r->cat) {
        diag_error(d, NULL, 0, "out of memory");
        archive_reader_close(r);
        return NULL;
    }
    if (catalogue) return open_pg(r, catalogue, d);
    struct stat st = {0};
    stat(r->cat, &st);
    if (reopen(r, &st, d)) {
        archive_reader_close(r);
        return NULL;
    }
    return r;
}

void archive_reader_close(archive_reader *r) {
    if (!r) return;
    forget_stmts(r);
    sqlite3_close(r->db);
    archive_pg_close(r->pg);
    archive_facets_free(&r->facets);
    free(r->archive);
    free(r->cat);
    free(r);
}

sqlite3 *archive_reader_db(archive_reader *r, folio_diags *d) {
    /* a long-lived reader recovers after a writer died as every command does */
    archive_recover_on_open(r->archive, d);
    struct stat st;
    if (stat(r->cat, &st)) {
        diag_error(d, r->cat, 0, "missing; rebuild it from the bags with `folio archive reindex`");
        return NULL;
    }
    if (!r->db || st.st_dev != r->dev || st.st_ino != r->ino) {
        if (reopen(r, &st, d)) return NULL;
    }
    return r->db;
}

sqlite3_stmt *archive_reader_stmt(archive_reader *r, const char *sql) {
    size_t n = sizeof r->stmts / sizeof *r->stmts, i = 0;
    for (; i < n && r->stmts[i].sql; i++)
        if (r->stmts[i].sql == sql) return r->stmts[i].st;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(r->db, sql, -1, i < n ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL) !=
        SQLITE_OK)
        return NULL;
    if (i == n) {
        /* full: the oldest goes (never happens with the statements of today) */
        sqlite3_finalize(r->stmts[0].st);
        memmove(r->stmts, r->stmts + 1, (n - 1) * sizeof *r->stmts);
        i = n - 1;
    }
    r->stmts[i].sql = sql;
    r->stmts[i].st = st;
    return st;
}

int archive_read_run(archive_reader *r, archive_read_fn fn, void *ctx, folio_diags *d) {
    sqlite3 *db = archive_reader_db(r, d);
    if (!db) return -1;
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return diag_error(d, r->cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
    int rc = fn(db, ctx);
    if (rc == -1) diag_error(d, NULL, 0, "out of memory");
    if (rc == -2) diag_error(d, r->cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
    /* a read has nothing to commit or lose */
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    return rc < 0 ? -1 : rc;
}

const char *archive_col_dup(folio_arena *a, sqlite3_stmt *st, int i) {
    const char *s = (const char *)sqlite3_column_text(st, i);
    return arena_strdup(a, s ? s : "");
}

const char *archive_edition_id(const char *bag) {
    return bag && !strncmp(bag, "bags/", 5) && bag[5] ? bag + 5 : NULL;
}
