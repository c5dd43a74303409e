/* list.c — the archived editions, for `archive list` and index.html. */
#include "archive_private.h"

#include "../util/fsutil.h"

#include <stdlib.h>
#include <string.h>

void archive_listing_free(archive_listing *l) {
    arena_free(l->arena);
    memset(l, 0, sizeof *l);
}

void archive_hits_free(archive_hits *h) {
    arena_free(h->arena);
    memset(h, 0, sizeof *h);
}

sqlite3 *archive_open_catalogue(const char *archive, folio_diags *d) {
    if (!fs_is_dir(archive)) {
        diag_error(d, archive, 0, "no such archive folder");
        return NULL;
    }
    char *cat = fs_join(archive, "catalogue.sqlite");
    sqlite3 *db = NULL;
    if (!cat)
        diag_error(d, NULL, 0, "out of memory");
    else if (!fs_is_file(cat))
        diag_error(d, cat, 0, "missing; rebuild it from the bags with `folio archive reindex`");
    else
        db = archive_db_open(cat, 0, d);
    free(cat);
    return db;
}

int archive_list(const char *archive, int all, archive_listing *out, folio_diags *d) {
    memset(out, 0, sizeof *out);
    sqlite3 *db = archive_open_catalogue(archive, d);
    if (!db) return -1;
    sqlite3_stmt *st = NULL;
    int rc = -1;
    out->arena = arena_new();
    size_t cap = 0;
    if (!out->arena) goto oom;
    if (sqlite3_prepare_v2(db,
                           "SELECT journal, issue, date, year, number, pages, articles, bag,"
                           " superseded FROM editions WHERE superseded = 0 OR ?1"
                           " ORDER BY journal, date, year, number, issue, superseded, bag",
                           -1, &st, NULL) != SQLITE_OK)
        goto sqlerr;
    sqlite3_bind_int(st, 1, all);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &out->items, &cap, out->n, out->n + 1, sizeof *out->items, 16))
            goto oom;
        archive_entry *e = &out->items[out->n++];
        e->journal = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 0));
        e->issue = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 1));
        e->date = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 2));
        e->year = sqlite3_column_int(st, 3);
        e->number = sqlite3_column_int(st, 4);
        e->pages = sqlite3_column_int(st, 5);
        e->narticles = (size_t)sqlite3_column_int64(st, 6);
        e->bag = arena_strdup(out->arena, (const char *)sqlite3_column_text(st, 7));
        e->superseded = sqlite3_column_int(st, 8);
        if (!e->journal || !e->issue || !e->date || !e->bag) goto oom;
    }
    if (s != SQLITE_DONE) goto sqlerr;
    rc = 0;
    goto done;
oom:
    diag_error(d, NULL, 0, "out of memory");
    goto done;
sqlerr:
    diag_error(d, archive, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
done:
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (rc) archive_listing_free(out);
    return rc;
}
