/* verify.c — fixity of the whole archive: every bag, and the catalogue's view of them. */
#include "archive_private.h"

#include "../util/fsutil.h"
#include "../util/grow.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bag_list {
    char **v;
    size_t n, cap;
} bag_list;

static int push(bag_list *l, const char *s) {
    if (l->n == l->cap && grow_array(&l->v, &l->cap, l->n + 1, sizeof *l->v, 16)) return -1;
    l->v[l->n] = strdup(s);
    return l->v[l->n] ? (int)(l->n++, 0) : -1;
}

static int find_bags(const char *archive, const char *top, bag_list *l, folio_diags *d) {
    char *topdir = fs_join(archive, top);
    char **js = NULL;
    size_t nj = 0;
    int e = topdir ? archive_list_dir(topdir, 1, &js, &nj) : ENOMEM;
    for (size_t j = 0; j < nj && !e; j++) {
        char *jdir = fs_join(topdir, js[j]);
        char **is = NULL;
        size_t ni = 0;
        e = jdir ? archive_list_dir(jdir, 1, &is, &ni) : ENOMEM;
        for (size_t i = 0; i < ni && !e; i++) {
            char rel[1024];
            snprintf(rel, sizeof rel, "%s/%s/%s", top, js[j], is[i]);
            if (push(l, rel)) e = ENOMEM;
        }
        archive_names_free(is, ni);
        free(jdir);
    }
    archive_names_free(js, nj);
    if (e) diag_error(d, topdir ? topdir : archive, 0, "cannot list: %s", strerror(e));
    free(topdir);
    return e ? -1 : 0;
}

static int has(const bag_list *l, const char *s) {
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], s)) return 1;
    return 0;
}

int archive_verify(const char *archive, size_t *nbags, size_t *nfiles, folio_diags *d) {
    *nbags = *nfiles = 0;
    if (!fs_is_dir(archive)) return diag_error(d, archive, 0, "no such archive folder");
    size_t before = d->nerrors;
    bag_list bags = {0}, rows = {0};
    if (find_bags(archive, "bags", &bags, d) || find_bags(archive, "superseded", &bags, d))
        goto done;
    for (size_t i = 0; i < bags.n; i++) {
        char *dir = fs_join(archive, bags.v[i]);
        if (!dir) {
            diag_error(d, NULL, 0, "out of memory");
            goto done;
        }
        archive_verify_bag(dir, dir, nfiles, d);
        free(dir);
        (*nbags)++;
    }
    /* the catalogue must describe exactly these bags */
    char *cat = fs_join(archive, "catalogue.sqlite");
    if (cat && fs_is_file(cat)) {
        sqlite3 *db = archive_db_open(cat, 0, d);
        sqlite3_stmt *st = NULL;
        /* the catalogue has no checksums of its own; SQLite's check stands in */
        if (db && sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW &&
            strcmp((const char *)sqlite3_column_text(st, 0), "ok"))
            diag_error(d, cat, 0, "damaged (%s); rebuild it with `folio archive reindex`",
                       (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        st = NULL;
        if (db && sqlite3_prepare_v2(db, "SELECT bag FROM editions ORDER BY bag", -1, &st, NULL) ==
                      SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                const char *b = (const char *)sqlite3_column_text(st, 0);
                push(&rows, b);
                if (!has(&bags, b)) {
                    char *p = fs_join(archive, b);
                    diag_error(d, p ? p : b, 0, "listed in the catalogue but missing");
                    free(p);
                }
            }
        } else if (db) {
            diag_error(d, cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
    } else if (bags.n) {
        diag_error(d, cat ? cat : archive, 0,
                   "missing; rebuild it from the bags with `folio archive reindex`");
    }
    if (cat && fs_is_file(cat))
        for (size_t i = 0; i < bags.n; i++)
            if (!has(&rows, bags.v[i])) {
                char *p = fs_join(archive, bags.v[i]);
                diag_error(d, p ? p : bags.v[i], 0,
                           "bag not in the catalogue; run `folio archive reindex`");
                free(p);
            }
    free(cat);
done:
    archive_names_free(bags.v, bags.n);
    archive_names_free(rows.v, rows.n);
    return d->nerrors > before ? -1 : 0;
}
