/* add.c — files one edition: bag built aside, moved into place, then recorded. */
#include "archive_private.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Archival time is real time: the day the bag was made, unless
 * SOURCE_DATE_EPOCH pins it (reproducible tests). */
static void bagging_date(char out[16]) {
    const char *env = getenv("SOURCE_DATE_EPOCH");
    time_t t = time(NULL);
    if (env && *env) {
        char *end = NULL;
        long long v = strtoll(env, &end, 10);
        if (end && !*end && v >= 0) t = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

static int bag_in_catalogue(sqlite3 *db, const char *bag) {
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM editions WHERE bag = ?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, bag, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

/* Where the new bag goes: bags/JOURNAL/ISSUE, or with a hash of the issue
 * appended when another issue's bag already has that name. */
static char *new_bag_path(const char *archive, sqlite3 *db, const archive_record *rec,
                          folio_diags *d) {
    char *js = archive_slug(rec->journal), *is = archive_issue_slug(rec);
    char *out = NULL;
    if (!js || !is) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    for (int attempt = 0; attempt < 2 && !out; attempt++) {
        char rel[256];
        if (attempt == 0) {
            snprintf(rel, sizeof rel, "bags/%s/%s", js, is);
        } else {
            char *h = archive_slug(rec->issue);
            /* the transliteration may equal the first try: fall back to a hash */
            snprintf(rel, sizeof rel, "bags/%s/%s-%s", js, is, h ? h : "x");
            free(h);
        }
        char *full = fs_join(archive, rel);
        if (!full) {
            diag_error(d, NULL, 0, "out of memory");
            goto done;
        }
        int exists = fs_is_dir(full);
        free(full);
        if (!exists)
            out = strdup(rel);
        else if (!bag_in_catalogue(db, rel)) {
            diag_error(d, archive, 0,
                       "%s exists but is not in the catalogue; run `folio archive reindex`", rel);
            goto done;
        }
    }
    if (!out && !d->nerrors)
        diag_error(d, archive, 0, "no free folder name for 《%s》%s", rec->journal, rec->issue);
done:
    free(js);
    free(is);
    return out;
}

/* superseded/JOURNAL/ISSUE-N for the first N not taken. */
static char *superseded_path(const char *archive, const char *cur) {
    const char *issue = strrchr(cur, '/');
    const char *journal_end = issue;
    const char *journal = journal_end;
    while (journal > cur && journal[-1] != '/')
        journal--;
    for (int n = 1; n < 10000; n++) {
        char rel[512];
        snprintf(rel, sizeof rel, "superseded/%.*s/%s-%d", (int)(journal_end - journal), journal,
                 issue + 1, n);
        char *full = fs_join(archive, rel);
        if (!full) return NULL;
        int exists = fs_is_dir(full);
        free(full);
        if (!exists) return strdup(rel);
    }
    return NULL;
}

/* mkdir -p of the parent of archive/rel */
static int make_parent(const char *archive, const char *rel) {
    char *full = fs_join(archive, rel);
    if (!full) return ENOMEM;
    char *slash = strrchr(full, '/');
    *slash = 0;
    int e = fs_mkdirs(full);
    if (!e) e = archive_fsync_dir(full);
    free(full);
    return e;
}

static int move(const char *archive, const char *from_abs_or_rel, int from_is_abs,
                const char *to_rel) {
    char *from = from_is_abs ? strdup(from_abs_or_rel) : fs_join(archive, from_abs_or_rel);
    char *to = fs_join(archive, to_rel);
    int e = from && to ? 0 : ENOMEM;
    if (!e) e = make_parent(archive, to_rel);
    if (!e && rename(from, to)) e = errno;
    if (!e) {
        char *slash = strrchr(to, '/');
        *slash = 0;
        archive_fsync_dir(to);
        slash = strrchr(from, '/');
        *slash = 0;
        archive_fsync_dir(from);
    }
    free(from);
    free(to);
    return e;
}

int archive_add(const char *archive, const archive_record *rec, const archive_file *files,
                size_t nfiles, const archive_add_opts *o, char **bag_out, folio_diags *d) {
    if (bag_out) *bag_out = NULL;
    if (!rec->journal || !*rec->journal || !rec->issue || !*rec->issue)
        return diag_error(d, NULL, 0, "an edition needs a journal and an issue to be archived");
    int lock = archive_lock(archive, d);
    if (lock < 0) return -1;
    int rc = -1, moved_old = 0, moved_new = 0;
    sqlite3 *db = NULL;
    char *cat = fs_join(archive, "catalogue.sqlite"), *pending = fs_join(archive, ".pending");
    char *cur = NULL, *bag = NULL, *sup = NULL, *work = NULL;
    if (!cat || !pending) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    archive_clean_tmp(archive);
    if (archive_recover(archive, d)) goto done;
    db = archive_db_open(cat, 1, d);
    if (!db) goto done;
    int err = 0;
    cur = archive_db_current_bag(db, rec->journal, rec->issue, &err);
    if (err) {
        diag_error(d, cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
        goto done;
    }
    if (cur && !(o && o->replace)) {
        diag_error(d, archive, 0,
                   "《%s》%s is already archived (%s); an archived edition is never changed — "
                   "use --replace to keep it as superseded and file this one",
                   rec->journal, rec->issue, cur);
        goto done;
    }
    if (cur) {
        bag = strdup(cur);
        sup = superseded_path(archive, cur);
        if (!bag || !sup) {
            diag_error(d, NULL, 0, "out of memory");
            goto done;
        }
    } else if (!(bag = new_bag_path(archive, db, rec, d))) {
        goto done;
    }
    work = archive_mkwork(archive, "bag", 1);
    if (!work) {
        diag_error(d, archive, 0, "cannot create a work folder: %s", strerror(errno));
        goto done;
    }
    char bd[16];
    bagging_date(bd);
    if (archive_write_bag(work, rec, files, nfiles, o, bd, sup, d)) goto done;

    /* From here until the catalogue commits, a crash is repaired by the next
     * writer (archive_recover) from what .pending says. */
    int e = archive_write_file(pending, bag, strlen(bag));
    if (!e) e = archive_fsync_dir(archive);
    if (!e && cur) {
        e = move(archive, cur, 0, sup);
        moved_old = !e;
    }
    if (!e) {
        e = move(archive, work, 1, bag);
        moved_new = !e;
    }
    if (e) {
        diag_error(d, archive, 0, "cannot move the bag into place: %s", strerror(e));
        goto done;
    }
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        diag_error(d, cat, 0, "cannot write the catalogue: %s", sqlite3_errmsg(db));
        goto done;
    }
    if (cur) {
        sqlite3_stmt *st = NULL;
        int ok = sqlite3_prepare_v2(db, "UPDATE editions SET superseded = 1, bag = ? WHERE bag = ?",
                                    -1, &st, NULL) == SQLITE_OK;
        if (ok) {
            sqlite3_bind_text(st, 1, sup, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, cur, -1, SQLITE_STATIC);
            ok = sqlite3_step(st) == SQLITE_DONE;
        }
        sqlite3_finalize(st);
        if (!ok) {
            diag_error(d, cat, 0, "cannot write the catalogue: %s", sqlite3_errmsg(db));
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            goto done;
        }
    }
    if (archive_db_insert(db, rec, bag, bd, 0, d)) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        goto done;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        diag_error(d, cat, 0, "cannot write the catalogue: %s", sqlite3_errmsg(db));
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        goto done;
    }
    rc = 0;
done:
    if (rc) {
        /* put the archive back as it was */
        if (moved_new) {
            char *p = fs_join(archive, bag);
            if (p) archive_rmtree(p);
            free(p);
        }
        if (moved_old) move(archive, sup, 0, cur);
    }
    if (work && !moved_new) archive_rmtree(work);
    if (pending) unlink(pending);
    sqlite3_close(db);
    if (!rc && archive_write_index(archive, d))
        diag_warning(d, archive, 0, "the edition is archived but index.html was not rewritten");
    if (!rc && bag_out) *bag_out = bag, bag = NULL;
    archive_unlock(lock);
    free(cat);
    free(pending);
    free(cur);
    free(bag);
    free(sup);
    free(work);
    return rc;
}
