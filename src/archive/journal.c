/* journal.c — the filing journal (archive/.journal): what a writer is about to change,
 * and how any later command, reader or writer, finishes or undoes it after the writer died. */
#include "archive_private.h"
#include "catalogue_pg.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char magic[] = "folio-archive-journal 1\n";

static char *journal_path(const char *archive) {
    return fs_join(archive, ".journal");
}

static void journal_text(folio_buf *b, const archive_journal *j) {
    buf_puts(b, magic);
    buf_puts(b, j->op == ARCHIVE_JOURNAL_ADD ? "op: add\n" : "op: reindex\n");
    if (j->bag) buf_printf(b, "bag: %s\n", j->bag);
    if (j->supersedes) buf_printf(b, "supersedes: %s\n", j->supersedes);
    if (j->pg) buf_puts(b, "catalogue: postgresql\n");
}

int archive_journal_write(const char *archive, const archive_journal *j, folio_diags *d) {
    folio_buf b;
    buf_init(&b);
    journal_text(&b, j);
    int e = b.oom ? ENOMEM : archive_write_into(archive, ".journal", b.data, b.len);
    if (e) diag_error(d, archive, 0, "cannot write the journal (.journal): %s", strerror(e));
    buf_free(&b);
    return e ? -1 : 0;
}

void archive_journal_free(archive_journal *j) {
    free(j->bag);
    free(j->supersedes);
    memset(j, 0, sizeof *j);
}

/* A journal's bag is a folder of bags/ that a plain relative path names. */
static int bag_path_ok(const char *bag) {
    return bag && !strncmp(bag, "bags/", 5) && !strstr(bag, "..") && !strstr(bag, "//") &&
           !strchr(bag, '\\');
}

static int parse_journal(const char *text, archive_journal *j) {
    char *op = archive_info_value(text, "op");
    int ok = op && !strncmp(text, magic, sizeof magic - 1);
    if (ok && !strcmp(op, "add")) {
        j->op = ARCHIVE_JOURNAL_ADD;
        j->bag = archive_info_value(text, "bag");
        j->supersedes = archive_info_value(text, "supersedes");
        char *cat = archive_info_value(text, "catalogue");
        j->pg = cat && !strcmp(cat, "postgresql");
        ok = bag_path_ok(j->bag) && (!cat || j->pg);
        free(cat);
    } else if (ok) {
        j->op = ARCHIVE_JOURNAL_REINDEX;
        ok = !strcmp(op, "reindex");
    }
    free(op);
    return ok ? 0 : -1;
}

int archive_journal_read(const char *archive, archive_journal *j, folio_diags *d) {
    memset(j, 0, sizeof *j);
    char *path = journal_path(archive), *text = NULL;
    int e = path ? fs_read_file(path, 1 << 16, &text, NULL) : ENOMEM;
    int rc = 1;
    if (e == ENOENT) {
        rc = 0;
    } else if (e) {
        rc = diag_error(d, path ? path : archive, 0, "cannot read the journal: %s", strerror(e));
    } else if (parse_journal(text, j)) {
        archive_journal_free(j);
        rc = diag_error(d, path, 0,
                        "not a journal this version of folio writes; move it away once no folio "
                        "runs on the archive, then run `folio archive reindex`");
    }
    free(text);
    free(path);
    return rc;
}

int archive_journal_clear(const char *archive, folio_diags *d) {
    char *path = journal_path(archive);
    int e = !path ? ENOMEM : unlink(path) && errno != ENOENT ? errno : 0;
    if (!e) e = archive_fsync_dir(archive);
    if (e) diag_error(d, path ? path : archive, 0, "cannot remove the journal: %s", strerror(e));
    free(path);
    return e ? -1 : 0;
}

int archive_journal_present(const char *archive) {
    char *j = journal_path(archive), *p = fs_join(archive, ".pending");
    int present = (j && fs_is_file(j)) || (p && fs_is_file(p));
    free(j);
    free(p);
    return present;
}

/* ---- recovery -------------------------------------------------------------------- */

/* Takes a bag that was never committed out of bags/: one rename into .tmp
 * (so that nobody listing bags/ meets half a bag), then removes it there. */
static int unfile(const char *archive, const char *bag, folio_diags *d) {
    char *from = fs_join(archive, bag), *tmp = fs_join(archive, ".tmp");
    char *trash = NULL;
    int e = from && tmp ? fs_mkdirs(tmp) : ENOMEM;
    if (!e && fs_is_dir(from)) {
        trash = archive_mkwork(archive, "undo", 1);
        if (!trash || rename(from, trash)) e = errno ? errno : ENOMEM;
        char *slash = strrchr(from, '/');
        *slash = 0;
        if (!e) e = archive_fsync_dir(from);
        if (!e) rmdir(from); /* the journal's folder, when this was its only bag */
        if (trash) archive_rmtree(trash);
    }
    if (e)
        diag_error(d, from ? from : archive, 0, "cannot undo an unfinished add: %s", strerror(e));
    free(from);
    free(tmp);
    free(trash);
    return e ? -1 : 0;
}

/* folio 0.1 wrote .pending between moving a bag into place and recording
 * it: the catalogue is rebuilt from the bags, as that version did. */
static int recover_pending(const char *archive, const char *pending, folio_diags *d) {
    size_t n = 0;
    if (archive_reindex_locked(archive, &n, d)) return -1;
    if (unlink(pending) && errno != ENOENT)
        return diag_error(d, pending, 0, "cannot remove: %s", strerror(errno));
    return 0;
}

/* The catalogue for recovery, or NULL (*rc -1) when it exists but cannot be
 * opened; NULL (*rc 0) when there is none. */
static sqlite3 *recovery_db(const char *cat, int *rc, folio_diags *d) {
    *rc = 0;
    if (!fs_is_file(cat)) return NULL;
    sqlite3 *db = archive_db_open(cat, ARCHIVE_DB_READ, d);
    if (!db) *rc = -1;
    return db;
}

/* index.html from db (when there is a catalogue), then the journal goes. */
static int finish(const char *archive, sqlite3 *db, folio_diags *d) {
    if (db && archive_write_index_db(archive, db, d)) return -1;
    return archive_journal_clear(archive, d);
}

int archive_journal_finish(const char *archive, folio_diags *d) {
    char *cat = fs_join(archive, "catalogue.sqlite");
    if (!cat) return diag_error(d, NULL, 0, "out of memory");
    /* a catalogue that cannot be opened is for the next reindex to replace;
     * readers name its problem themselves */
    folio_diags quiet;
    diags_init(&quiet);
    int rc = 0;
    sqlite3 *db = recovery_db(cat, &rc, &quiet);
    diags_free(&quiet);
    rc = finish(archive, db, d);
    sqlite3_close(db);
    free(cat);
    return rc;
}

/* An interrupted add: finished when the catalogue lists its bag, undone
 * when it does not (or there is no catalogue). */
static int recover_add(const char *archive, const archive_journal *j, folio_diags *d) {
    if (j->pg)
        return diag_error(d, archive, 0,
                          "an edition was being filed on the PostgreSQL catalogue when its "
                          "process stopped; run a folio archive command with --catalogue (or "
                          "FOLIO_CATALOGUE) to finish or undo it");
    char *cat = fs_join(archive, "catalogue.sqlite");
    if (!cat) return diag_error(d, NULL, 0, "out of memory");
    int rc = 0;
    sqlite3 *db = recovery_db(cat, &rc, d);
    int has = db ? archive_db_has_bag(db, j->bag) : 0;
    if (has < 0) rc = diag_error(d, cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
    if (!rc && !has) rc = unfile(archive, j->bag, d);
    if (!rc) rc = finish(archive, db, d);
    sqlite3_close(db);
    free(cat);
    return rc;
}

int archive_recover_locked(const char *archive, folio_diags *d) {
    char *pending = fs_join(archive, ".pending");
    if (!pending) return diag_error(d, NULL, 0, "out of memory");
    archive_journal j = {0};
    int rc = fs_is_file(pending) ? recover_pending(archive, pending, d)
                                 : archive_journal_read(archive, &j, d);
    free(pending);
    if (rc <= 0) return rc;
    /* the reindex's new catalogue was installed whole or not at all */
    rc = j.op == ARCHIVE_JOURNAL_ADD ? recover_add(archive, &j, d)
                                     : archive_journal_finish(archive, d);
    archive_journal_free(&j);
    return rc;
}

int archive_recover_pg_locked(const char *archive, archive_pg *pg, folio_diags *d) {
    archive_journal j = {0};
    int rc = archive_journal_read(archive, &j, d);
    if (rc <= 0) return rc;
    int has = j.op != ARCHIVE_JOURNAL_ADD ? 1
              : j.pg                      ? archive_pg_has_bag(pg, j.bag, d)
                                          : diag_error(d, archive, 0,
                                                       "an edition was being filed on the archive's own SQLite "
                                                                            "catalogue when its process stopped; run a folio archive "
                                                                            "command without --catalogue to finish or undo it");
    rc = has < 0 ? -1 : !has ? unfile(archive, j.bag, d) : 0;
    if (!rc) rc = archive_journal_clear(archive, d);
    archive_journal_free(&j);
    return rc;
}

/* Takes the lock for a reader's recovery when no writer holds it: its fd, or
 * -1 (a warning when this process cannot take it). */
static int recovery_lock(const char *archive, folio_diags *d) {
    int fd = archive_trylock(archive);
    /* a live writer finishes its own work; the last commit is whole */
    if (fd < 0 && errno != EWOULDBLOCK)
        diag_warning(d, archive, 0,
                     "an interrupted write is not yet undone and this process cannot take "
                     "the archive's lock (%s); answering from the catalogue's last commit",
                     strerror(errno));
    return fd;
}

/* Recovery's problems as warnings: the reader answers from the last commit. */
static void recovery_warnings(const char *archive, int failed, folio_diags *rd, folio_diags *d) {
    if (failed)
        diag_warning(d, archive, 0,
                     "cannot finish or undo an interrupted write; answering from the catalogue's "
                     "last commit");
    for (size_t i = 0; failed && i < rd->n; i++)
        diag_warning(d, rd->items[i].path, rd->items[i].line, "%s", rd->items[i].msg);
    diags_free(rd);
}

void archive_recover_pg_on_open(const char *archive, archive_pg *pg, folio_diags *d) {
    if (!archive_journal_present(archive)) return;
    int fd = recovery_lock(archive, d);
    if (fd < 0) return;
    folio_diags rd;
    diags_init(&rd);
    recovery_warnings(archive, archive_recover_pg_locked(archive, pg, &rd) != 0, &rd, d);
    archive_unlock(fd);
}

void archive_recover_on_open(const char *archive, folio_diags *d) {
    if (!archive_journal_present(archive)) return;
    int fd = recovery_lock(archive, d);
    if (fd < 0) return;
    folio_diags rd;
    diags_init(&rd);
    recovery_warnings(archive, archive_recover_locked(archive, &rd) != 0, &rd, d);
    archive_unlock(fd);
}

sqlite3 *archive_open_catalogue(const char *archive, folio_diags *d) {
    if (!fs_is_dir(archive)) {
        diag_error(d, archive, 0, "no such archive folder");
        return NULL;
    }
    archive_recover_on_open(archive, d);
    char *cat = fs_join(archive, "catalogue.sqlite");
    sqlite3 *db = NULL;
    if (!cat)
        diag_error(d, NULL, 0, "out of memory");
    else if (!fs_is_file(cat))
        diag_error(d, cat, 0, "missing; rebuild it from the bags with `folio archive reindex`");
    else
        db = archive_db_open(cat, ARCHIVE_DB_READ, d);
    free(cat);
    return db;
}
