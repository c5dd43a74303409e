/* reindex.c — rebuilds the catalogue from the bags alone: built aside under .tmp, then
 * copied over the live catalogue in one transaction, so that readers see the old
 * catalogue or the new one. */
#include "archive_private.h"
#include "catalogue_pg.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The bag another bag says it replaces (Folio-Supersedes), malloc'd, or NULL. */
static char *supersedes_of(const char *archive, const char *bag) {
    char *info = fs_join(archive, bag), *path = info ? fs_join(info, "bag-info.txt") : NULL;
    char *text = NULL, *v = NULL;
    if (path && !fs_read_file(path, 1 << 20, &text, NULL))
        v = archive_info_value(text, "Folio-Supersedes");
    free(text);
    free(path);
    free(info);
    return v;
}

/* What the first pass learns from every bag's bag-info.txt. */
typedef struct bag_links {
    char **bags; /* every bag, sorted */
    size_t n;
    char **sup;      /* sup[i]: the bag bags[i] replaces, or NULL */
    char **replaced; /* every bag some other bag replaces, sorted (sup's strings) */
    size_t nreplaced;
} bag_links;

static void links_free(bag_links *l) {
    for (size_t i = 0; l->sup && i < l->n; i++)
        free(l->sup[i]);
    archive_names_free(l->bags, l->n);
    free(l->sup);
    free(l->replaced);
    memset(l, 0, sizeof *l);
}

/* First pass. A bag whose bag-info.txt cannot be read replaces nothing here;
 * the second pass reports it. 0 or an errno value. */
static int read_links(const char *archive, bag_links *l) {
    int e = archive_find_bags(archive, &l->bags, &l->n);
    if (!e && !(l->sup = calloc(l->n + 1, sizeof *l->sup))) e = ENOMEM;
    if (!e && !(l->replaced = calloc(l->n + 1, sizeof *l->replaced))) e = ENOMEM;
    for (size_t i = 0; i < l->n && !e; i++)
        if ((l->sup[i] = supersedes_of(archive, l->bags[i])))
            l->replaced[l->nreplaced++] = l->sup[i];
    if (!e && l->nreplaced) qsort(l->replaced, l->nreplaced, sizeof *l->replaced, cmp_str);
    return e;
}

static int superseded(const bag_links *l, size_t i) {
    /* superseded/ holds the replaced bags of folio 0.1's archives */
    return !strncmp(l->bags[i], "superseded/", 11) ||
           archive_names_has(l->replaced, l->nreplaced, l->bags[i]);
}

/* The key: back along Folio-Supersedes through bags/ to its first
 * filing (folio 0.1 kept the current bag at bags/J/I and moved the replaced
 * ones to superseded/, so there the walk stops at once). */
static const char *key_of(const bag_links *l, size_t i) {
    const char *key = l->bags[i];
    for (size_t step = 0; step < l->n && l->sup[i]; step++) {
        const char *s = l->sup[i];
        char *const *hit =
            strncmp(s, "bags/", 5) ? NULL : bsearch(&s, l->bags, l->n, sizeof *l->bags, cmp_str);
        if (!hit) break;
        i = (size_t)(hit - l->bags);
        key = l->bags[i];
    }
    return key;
}

/* Where the second pass puts each record: the new SQLite catalogue, or the
 * PostgreSQL one. */
typedef int (*record_sink)(void *ctx, const archive_record *r, const char *bag, const char *key,
                           const char *date, int superseded, folio_diags *d);

static int sqlite_sink(void *ctx, const archive_record *r, const char *bag, const char *key,
                       const char *date, int superseded, folio_diags *d) {
    return archive_db_insert(ctx, r, bag, key, date, superseded, d);
}

static int pg_sink(void *ctx, const archive_record *r, const char *bag, const char *key,
                   const char *date, int superseded, folio_diags *d) {
    return archive_pg_insert(ctx, r, bag, key, date, superseded, d);
}

/* Second pass: one bag's record (read with db's JSON functions) into sink. */
static int read_bag(sqlite3 *db, const char *archive, const char *bag, const char *key,
                    int superseded, record_sink sink, void *ctx, folio_diags *d) {
    char *dir = fs_join(archive, bag), *date = NULL, *sup = NULL;
    folio_arena *a = arena_new();
    archive_record r;
    int rc = -1;
    if (!dir || !a)
        diag_error(d, NULL, 0, "out of memory");
    else if (!archive_read_record(db, dir, dir, a, &r, &date, &sup, d))
        rc = sink(ctx, &r, bag, key, date, superseded, d);
    free(date);
    free(sup);
    arena_free(a);
    free(dir);
    return rc;
}

/* Every bag into sink. A bag that cannot be read is reported and the others
 * still read, so that one run names every bad bag (the caller then keeps the
 * old catalogue). */
static int read_bags(sqlite3 *db, const char *archive, size_t *nbags, record_sink sink, void *ctx,
                     folio_diags *d) {
    bag_links l = {0};
    int e = read_links(archive, &l);
    int rc = e ? diag_error(d, archive, 0, "cannot list the bags: %s", strerror(e)) : 0;
    for (size_t i = 0; i < l.n && !e; i++) {
        if (read_bag(db, archive, l.bags[i], key_of(&l, i), superseded(&l, i), sink, ctx, d))
            rc = -1;
        else
            (*nbags)++;
    }
    links_free(&l);
    return rc;
}

/* A new catalogue file under .tmp holding every bag; its path, or NULL. */
static char *build_catalogue(const char *archive, size_t *nbags, folio_diags *d) {
    char *tmp = archive_mkwork(archive, "catalogue", 0);
    if (!tmp) {
        diag_error(d, archive, 0, "cannot create a work file: %s", strerror(errno));
        return NULL;
    }
    sqlite3 *db = archive_db_open(tmp, ARCHIVE_DB_CREATE, d);
    int rc = db ? 0 : -1;
    if (!rc && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) rc = -1;
    if (!rc) rc = read_bags(db, archive, nbags, sqlite_sink, db, d);
    /* WAL like every catalogue, in case it is renamed into place whole */
    if (!rc && (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
                sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK))
        rc = diag_error(d, tmp, 0, "cannot write the new catalogue: %s", sqlite3_errmsg(db));
    if (db && sqlite3_close(db) != SQLITE_OK && !rc)
        rc = diag_error(d, tmp, 0, "cannot close the new catalogue: %s", sqlite3_errmsg(db));
    if (rc) {
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

/* Copies the new catalogue over the live one in one write transaction
 * (SQLite's backup API): readers of the live file, which may be reading it
 * right now, see the old pages or the new ones. 0, 1 when the live file is
 * no usable database (it must be replaced), -1 with a diagnostic. */
static int copy_into(const char *cat, const char *tmp, folio_diags *d) {
    sqlite3 *live = NULL, *src = NULL;
    int rc = sqlite3_open_v2(cat, &live, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_open_v2(tmp, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK) {
        int on = 1; /* as every connection to the live catalogue (catalogue.c) */
        sqlite3_file_control(live, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
        sqlite3_busy_timeout(live, 10000);
        rc = sqlite3_exec(live, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    }
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(live, "main", src, "main") : NULL;
    if (b) {
        rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
    } else if (rc == SQLITE_OK) {
        rc = sqlite3_errcode(live);
    }
    int out = rc == SQLITE_DONE ? 0 : rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? 1 : -1;
    if (out < 0)
        diag_error(d, cat, 0, "cannot replace the catalogue: %s",
                   live ? sqlite3_errmsg(live) : sqlite3_errstr(rc));
    sqlite3_close(src);
    sqlite3_close(live);
    return out;
}

/* Renames the new catalogue over one that is missing or damaged, its old
 * -wal, -shm and -journal gone first: SQLite would otherwise pair them with
 * the new file. */
static int replace_file(const char *archive, const char *cat, const char *tmp, folio_diags *d) {
    static const char *const sides[] = {"-wal", "-shm", "-journal"};
    char side[4096];
    for (size_t i = 0; i < 3; i++) {
        snprintf(side, sizeof side, "%s%s", cat, sides[i]);
        if (unlink(side) && errno != ENOENT)
            return diag_error(d, side, 0, "cannot remove: %s", strerror(errno));
    }
    int e = rename(tmp, cat) ? errno : archive_fsync_dir(archive);
    return e ? diag_error(d, cat, 0, "cannot replace the catalogue: %s", strerror(e)) : 0;
}

static int install_catalogue(const char *archive, const char *tmp, folio_diags *d) {
    char *cat = fs_join(archive, "catalogue.sqlite");
    if (!cat) return diag_error(d, NULL, 0, "out of memory");
    int rc = fs_is_file(cat) ? copy_into(cat, tmp, d) : 1;
    if (rc > 0) rc = replace_file(archive, cat, tmp, d);
    free(cat);
    return rc;
}

int archive_reindex_locked(const char *archive, size_t *nbags, folio_diags *d) {
    *nbags = 0;
    archive_journal j = {ARCHIVE_JOURNAL_REINDEX, NULL, NULL, 0};
    if (archive_journal_write(archive, &j, d)) return -1;
    char *tmp = build_catalogue(archive, nbags, d);
    int rc = tmp ? install_catalogue(archive, tmp, d) : -1;
    if (tmp) unlink(tmp);
    free(tmp);
    /* done or not, the catalogue is the old one or the new one, whole */
    if (archive_journal_finish(archive, d)) rc = -1;
    return rc;
}

int archive_reindex(const char *archive, size_t *nbags, folio_diags *d) {
    *nbags = 0;
    if (!fs_is_dir(archive)) return diag_error(d, archive, 0, "no such archive folder");
    int lock = archive_lock(archive, d);
    if (lock < 0) return -1;
    /* an interrupted add that recovery cannot decide (no readable catalogue)
     * is decided here: its bag is whole, and the rebuilt catalogue lists it */
    folio_diags quiet;
    diags_init(&quiet);
    archive_recover_locked(archive, &quiet);
    diags_free(&quiet);
    archive_clean_tmp(archive);
    int rc = archive_reindex_locked(archive, nbags, d);
    archive_unlock(lock);
    return rc;
}

/* The PostgreSQL catalogue rebuilt from the bags in one transaction (the
 * records' JSON read with an in-memory SQLite's functions): readers see the
 * old catalogue or the new one. */
static int reindex_pg(const char *archive, archive_pg *pg, size_t *nbags, folio_diags *d) {
    sqlite3 *json = NULL;
    if (sqlite3_open(":memory:", &json) != SQLITE_OK) {
        sqlite3_close(json);
        return diag_error(d, NULL, 0, "out of memory");
    }
    int rc = archive_pg_begin_rebuild(pg, d);
    if (!rc) rc = read_bags(json, archive, nbags, pg_sink, pg, d);
    rc = archive_pg_end_rebuild(pg, rc == 0, d) || rc ? -1 : 0;
    sqlite3_close(json);
    return rc;
}

int archive_reindex_in(const char *archive, const char *catalogue, size_t *nbags, folio_diags *d) {
    if (!catalogue) return archive_reindex(archive, nbags, d);
    *nbags = 0;
    if (!fs_is_dir(archive)) return diag_error(d, archive, 0, "no such archive folder");
    archive_pg *pg = archive_pg_open(catalogue, d);
    int lock = pg ? archive_lock(archive, d) : -1;
    int rc = lock < 0 ? -1 : 0;
    if (!rc) {
        /* an interrupted add's bag is whole: the rebuilt catalogue decides */
        folio_diags quiet;
        diags_init(&quiet);
        archive_recover_pg_locked(archive, pg, &quiet);
        diags_free(&quiet);
        archive_clean_tmp(archive);
        rc = reindex_pg(archive, pg, nbags, d);
    }
    archive_unlock(lock);
    archive_pg_close(pg);
    return rc;
}
