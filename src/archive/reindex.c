/* reindex.c — rebuilds the catalogue from the bags alone. */
#include "archive_private.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads every bag below archive/top (top/JOURNAL/ISSUE) into db. A bag that
 * cannot be read is reported and the others still read, so that one run
 * names every bad bag (the caller then keeps the old catalogue). */
static int read_bags(sqlite3 *db, const char *archive, const char *top, int superseded,
                     size_t *nbags, folio_diags *d) {
    char *topdir = fs_join(archive, top);
    char **journals = NULL;
    size_t nj = 0;
    int rc = 0;
    int e = topdir ? archive_list_dir(topdir, 1, &journals, &nj) : ENOMEM;
    if (e) {
        diag_error(d, topdir, 0, "cannot list: %s", strerror(e));
        free(topdir);
        return -1;
    }
    for (size_t j = 0; j < nj; j++) {
        char *jdir = fs_join(topdir, journals[j]);
        char **issues = NULL;
        size_t ni = 0;
        e = jdir ? archive_list_dir(jdir, 1, &issues, &ni) : ENOMEM;
        if (e) {
            diag_error(d, jdir, 0, "cannot list: %s", strerror(e));
            rc = -1;
        }
        for (size_t i = 0; i < ni; i++) {
            char *dir = fs_join(jdir, issues[i]);
            char rel[1024];
            snprintf(rel, sizeof rel, "%s/%s/%s", top, journals[j], issues[i]);
            folio_arena *a = arena_new();
            archive_record r;
            char *date = NULL, *sup = NULL;
            if (!dir || !a) {
                rc = diag_error(d, NULL, 0, "out of memory");
                free(dir);
                arena_free(a);
                break;
            }
            if (archive_read_record(db, dir, dir, a, &r, &date, &sup, d) ||
                archive_db_insert(db, &r, rel, date, superseded, d))
                rc = -1;
            else
                (*nbags)++;
            free(date);
            free(sup);
            arena_free(a);
            free(dir);
        }
        archive_names_free(issues, ni);
        free(jdir);
    }
    archive_names_free(journals, nj);
    free(topdir);
    return rc;
}

int archive_reindex_locked(const char *archive, size_t *nbags, folio_diags *d) {
    *nbags = 0;
    char *tmp = archive_mkwork(archive, "catalogue", 0);
    char *final = fs_join(archive, "catalogue.sqlite");
    int rc = -1;
    sqlite3 *db = NULL;
    if (!tmp || !final) {
        diag_error(d, archive, 0, "cannot create a work file: %s", strerror(errno));
        goto done;
    }
    db = archive_db_open(tmp, 1, d);
    if (!db) goto done;
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        read_bags(db, archive, "bags", 0, nbags, d) ||
        read_bags(db, archive, "superseded", 1, nbags, d))
        goto done;
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        diag_error(d, tmp, 0, "cannot write the catalogue: %s", sqlite3_errmsg(db));
        goto done;
    }
    if (sqlite3_close(db) != SQLITE_OK) {
        db = NULL;
        diag_error(d, tmp, 0, "cannot close the new catalogue");
        goto done;
    }
    db = NULL;
    if (rename(tmp, final)) {
        diag_error(d, final, 0, "cannot replace the catalogue: %s", strerror(errno));
        goto done;
    }
    archive_fsync_dir(archive);
    rc = 0;
done:
    if (db) sqlite3_close(db);
    if (tmp && rc) unlink(tmp);
    free(tmp);
    free(final);
    if (!rc && archive_write_index(archive, d)) rc = -1;
    return rc;
}

int archive_recover(const char *archive, folio_diags *d) {
    char *pending = fs_join(archive, ".pending");
    if (!pending) return diag_error(d, NULL, 0, "out of memory");
    int rc = 0;
    if (fs_is_file(pending)) {
        size_t n;
        rc = archive_reindex_locked(archive, &n, d);
        if (!rc) {
            unlink(pending);
            archive_fsync_dir(archive);
        }
    }
    free(pending);
    return rc;
}

int archive_reindex(const char *archive, size_t *nbags, folio_diags *d) {
    *nbags = 0;
    if (!fs_is_dir(archive)) return diag_error(d, archive, 0, "no such archive folder");
    int lock = archive_lock(archive, d);
    if (lock < 0) return -1;
    archive_clean_tmp(archive);
    int rc = archive_reindex_locked(archive, nbags, d);
    if (!rc) {
        char *pending = fs_join(archive, ".pending");
        if (pending) unlink(pending);
        free(pending);
    }
    archive_unlock(lock);
    return rc;
}
