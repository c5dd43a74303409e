/* verify.c — fixity of the whole archive: the catalogue and the folders agree (looked at
 * while no filing is half done), every bag's checksums match, index.html is current. */
#include "archive_private.h"
#include "catalogue_pg.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the archive holds, seen at one instant. */
typedef struct archive_view {
    char **rows; /* the bags the catalogue lists, sorted */
    size_t nrows;
    char **dirs; /* the bag folders on disk, sorted */
    size_t ndirs;
    archive_journal j; /* a filing recovery could not finish (j.bag), if any */
} archive_view;

static void view_free(archive_view *v) {
    archive_names_free(v->rows, v->nrows);
    archive_names_free(v->dirs, v->ndirs);
    archive_journal_free(&v->j);
}

/* The catalogue has no checksums of its own; SQLite's check stands in. */
static void check_integrity(sqlite3 *db, const char *cat, folio_diags *d) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (rc != SQLITE_ROW)
        diag_error(d, cat, 0, "cannot check the catalogue: %s", sqlite3_errmsg(db));
    else if (!r || strcmp(r, "ok"))
        diag_error(d, cat, 0, "damaged (%s); rebuild it with `folio archive reindex`", r ? r : "?");
    sqlite3_finalize(st);
}

/* index.html must be what the catalogue renders now. */
static void check_index(const char *archive, sqlite3 *db, folio_diags *d) {
    folio_buf want;
    buf_init(&want);
    char *path = fs_join(archive, "index.html"), *have = NULL;
    size_t len = 0;
    if (path && !archive_render_index(db, archive, &want, d)) {
        int e = fs_read_file(path, 0, &have, &len);
        if (e || len != want.len || memcmp(have, want.data, len))
            diag_error(d, path, 0, "%s; `folio archive reindex` rewrites it",
                       e ? strerror(e) : "does not show what the catalogue holds");
    }
    free(have);
    free(path);
    buf_free(&want);
}

/* The catalogue's side of the view. */
static int read_catalogue(const char *archive, archive_view *v, folio_diags *d) {
    char *cat = fs_join(archive, "catalogue.sqlite");
    if (!cat) return diag_error(d, NULL, 0, "out of memory");
    int rc = 0;
    if (!fs_is_file(cat)) {
        if (v->ndirs)
            rc = diag_error(d, cat, 0,
                            "missing; rebuild it from the bags with `folio archive reindex`");
        free(cat);
        return rc;
    }
    sqlite3 *db = archive_db_open(cat, ARCHIVE_DB_READ, d);
    if (!db) rc = -1;
    if (!rc) check_integrity(db, cat, d);
    if (!rc && archive_db_bags(db, &v->rows, &v->nrows))
        rc = diag_error(d, cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
    if (!rc) check_index(archive, db, d);
    sqlite3_close(db);
    free(cat);
    return rc;
}

/* Reads the catalogue and lists the folders while holding the lock shared:
 * no writer is between moving a bag in and committing it meanwhile. */
static int take_view(const char *archive, archive_pg *pg, archive_view *v, folio_diags *d) {
    if (pg)
        archive_recover_pg_on_open(archive, pg, d);
    else
        archive_recover_on_open(archive, d);
    int lock = archive_lock_shared(archive);
    if (lock == -1)
        diag_warning(d, archive, 0,
                     "cannot take the archive's lock (%s); an add in progress may show as a "
                     "difference",
                     strerror(errno));
    /* a journal now is one recovery could not finish: its bag is not filed */
    int rc = archive_journal_read(archive, &v->j, d) < 0 ? -1 : 0;
    int e = rc ? 0 : archive_find_bags(archive, &v->dirs, &v->ndirs);
    if (e) rc = diag_error(d, archive, 0, "cannot list the bags: %s", strerror(e));
    if (!rc) rc = pg ? archive_pg_bags(pg, &v->rows, &v->nrows, d) : read_catalogue(archive, v, d);
    archive_unlock(lock);
    return rc;
}

static void name_error(folio_diags *d, const char *archive, const char *bag, const char *msg) {
    char *p = fs_join(archive, bag);
    diag_error(d, p ? p : bag, 0, "%s", msg);
    free(p);
}

/* Catalogue rows without a folder, folders without a row. */
static void compare(const char *archive, const archive_view *v, folio_diags *d) {
    for (size_t i = 0; i < v->nrows; i++)
        if (!archive_names_has(v->dirs, v->ndirs, v->rows[i]))
            name_error(d, archive, v->rows[i], "listed in the catalogue but missing");
    for (size_t i = 0; i < v->ndirs; i++) {
        if (archive_names_has(v->rows, v->nrows, v->dirs[i])) continue;
        if (v->j.bag && !strcmp(v->j.bag, v->dirs[i]))
            diag_warning(d, v->dirs[i], 0,
                         "the bag of an unfinished add, not in the archive; the next command "
                         "that can write here removes it");
        else
            name_error(d, archive, v->dirs[i],
                       "bag not in the catalogue; run `folio archive reindex`");
    }
}

int archive_verify(const char *archive, size_t *nbags, size_t *nfiles, folio_diags *d) {
    return archive_verify_in(archive, NULL, nbags, nfiles, d);
}

int archive_verify_in(const char *archive, const char *catalogue, size_t *nbags, size_t *nfiles,
                      folio_diags *d) {
    *nbags = *nfiles = 0;
    if (!fs_is_dir(archive)) return diag_error(d, archive, 0, "no such archive folder");
    size_t before = d->nerrors;
    archive_view v = {0};
    archive_pg *pg = catalogue ? archive_pg_open(catalogue, d) : NULL;
    if ((!catalogue || pg) && !take_view(archive, pg, &v, d)) compare(archive, &v, d);
    archive_pg_close(pg);
    /* Bags never change once filed, so their checksums are checked without
     * the lock, while others file. */
    for (size_t i = 0; i < v.ndirs; i++) {
        if (v.j.bag && !strcmp(v.j.bag, v.dirs[i])) continue;
        char *dir = fs_join(archive, v.dirs[i]);
        if (!dir) {
            diag_error(d, NULL, 0, "out of memory");
            break;
        }
        archive_verify_bag(dir, dir, nfiles, d);
        free(dir);
        (*nbags)++;
    }
    view_free(&v);
    return d->nerrors > before ? -1 : 0;
}
