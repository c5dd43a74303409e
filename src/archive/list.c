/* list.c — the archived editions, for `archive list`, and the catalogue's
 * shelves (editions by journal and year) for the web service. */
#include "archive_private.h"
#include "catalogue_pg.h"

#include <stdlib.h>
#include <string.h>

void archive_listing_free(archive_listing *l) {
    arena_free(l->arena);
    memset(l, 0, sizeof *l);
}

void archive_facets_free(archive_facets *f) {
    arena_free(f->arena);
    memset(f, 0, sizeof *f);
}

void archive_hits_free(archive_hits *h) {
    arena_free(h->arena);
    memset(h, 0, sizeof *h);
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
                           "SELECT journal, issue, date, year, number, pages, articles, bag, key,"
                           " superseded, imported FROM editions WHERE superseded = 0 OR ?1"
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
        const char *key = archive_col_dup(out->arena, st, 8);
        e->superseded = sqlite3_column_int(st, 9);
        e->imported = sqlite3_column_int(st, 10);
        e->id = e->superseded || !key ? NULL : archive_edition_id(key);
        if (!e->journal || !e->issue || !e->date || !e->bag || !key) goto oom;
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

/* A page of current editions, newest first, with their total. */
static const char page_sql[] =
    "SELECT e.journal, e.issue, e.date, " ARCHIVE_YEAR_SQL " AS y, e.number, e.pages, e.articles,"
    " e.bag, count(*) OVER () AS total, e.key FROM editions AS e"
    " WHERE e.superseded = 0 AND (?1 = '' OR e.journal = ?1) AND (?2 = 0 OR y = ?2)"
    " ORDER BY y DESC, e.date DESC, e.number DESC, e.journal, e.issue LIMIT ?3 OFFSET ?4";

static const char shelves_sql[] =
    "SELECT e.journal, " ARCHIVE_YEAR_SQL " AS y, count(*) FROM editions AS e"
    " WHERE e.superseded = 0 GROUP BY e.journal, y ORDER BY e.journal, y DESC";

static const char sections_sql[] =
    "SELECT DISTINCT a.section FROM articles AS a JOIN editions AS e ON e.id = a.edition"
    " WHERE e.superseded = 0 AND a.section <> '' ORDER BY a.section";

/* The rows of page_sql into out. 0, -1 OOM, -2 SQL. */
static int list_page(sqlite3 *db, const archive_query *q, archive_listing *out) {
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = -2, s;
    if (sqlite3_prepare_v2(db, page_sql, -1, &st, NULL) != SQLITE_OK) return -2;
    sqlite3_bind_text(st, 1, q->journal ? q->journal : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, q->year);
    sqlite3_bind_int64(st, 3, q->limit ? (sqlite3_int64)q->limit : 20);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)q->offset);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &out->items, &cap, out->n, out->n + 1, sizeof *out->items, 16)) {
            rc = -1;
            goto done;
        }
        archive_entry *e = &out->items[out->n++];
        e->journal = archive_col_dup(out->arena, st, 0);
        e->issue = archive_col_dup(out->arena, st, 1);
        e->date = archive_col_dup(out->arena, st, 2);
        e->year = sqlite3_column_int(st, 3);
        e->number = sqlite3_column_int(st, 4);
        e->pages = sqlite3_column_int(st, 5);
        e->narticles = (size_t)sqlite3_column_int64(st, 6);
        e->bag = archive_col_dup(out->arena, st, 7);
        out->total = (size_t)sqlite3_column_int64(st, 8);
        const char *key = archive_col_dup(out->arena, st, 9);
        e->id = key ? archive_edition_id(key) : NULL;
        if (!e->journal || !e->issue || !e->date || !e->bag || !e->id) {
            rc = -1;
            goto done;
        }
    }
    if (s == SQLITE_DONE) rc = 0;
done:
    sqlite3_finalize(st);
    return rc;
}

typedef struct list_call {
    const archive_query *q;
    archive_listing *out;
} list_call;

static int list_run(sqlite3 *db, void *ctx) {
    list_call *c = ctx;
    int rc = list_page(db, c->q, c->out);
    if (!rc && !c->out->n && c->q->offset) {
        /* past the last page: count them */
        archive_query all = *c->q;
        all.offset = 0;
        all.limit = 1;
        archive_listing one = {c->out->arena, NULL, 0, 0};
        rc = list_page(db, &all, &one);
        c->out->total = one.total;
    }
    return rc;
}

int archive_read_list(archive_reader *r, const archive_query *q, archive_listing *out,
                      folio_diags *d) {
    if (r->pg) return archive_pg_read_list(r->pg, q, out, d);
    memset(out, 0, sizeof *out);
    if (!(out->arena = arena_new())) return diag_error(d, NULL, 0, "out of memory");
    list_call c = {q, out};
    int rc = archive_read_run(r, list_run, &c, d);
    if (rc) archive_listing_free(out);
    return rc ? -1 : 0;
}

/* The shelves and sections into out. 0, -1 OOM, -2 SQL. */
static int facets(sqlite3 *db, void *ctx) {
    archive_facets *out = ctx;
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = -2, s;
    if (sqlite3_prepare_v2(db, shelves_sql, -1, &st, NULL) != SQLITE_OK) return -2;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &out->shelves, &cap, out->nshelves, out->nshelves + 1,
                       sizeof *out->shelves, 16))
            goto oom;
        archive_shelf *sh = &out->shelves[out->nshelves++];
        sh->journal = archive_col_dup(out->arena, st, 0);
        sh->year = sqlite3_column_int(st, 1);
        sh->editions = (size_t)sqlite3_column_int64(st, 2);
        if (!sh->journal) goto oom;
    }
    if (s != SQLITE_DONE) goto done;
    sqlite3_finalize(st);
    cap = 0;
    if (sqlite3_prepare_v2(db, sections_sql, -1, &st, NULL) != SQLITE_OK) return -2;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(out->arena, &out->sections, &cap, out->nsections, out->nsections + 1,
                       sizeof *out->sections, 16))
            goto oom;
        if (!(out->sections[out->nsections++] = archive_col_dup(out->arena, st, 0))) goto oom;
    }
    if (s == SQLITE_DONE) rc = 0;
    goto done;
oom:
    rc = -1;
done:
    sqlite3_finalize(st);
    return rc;
}

/* A copy of f in a new arena. 0 or -1 on OOM. */
static int copy_facets(const archive_facets *f, archive_facets *out) {
    memset(out, 0, sizeof *out);
    out->arena = arena_new();
    if (!out->arena) return -1;
    out->shelves = arena_calloc(out->arena, f->nshelves + 1, sizeof *out->shelves);
    out->sections = arena_calloc(out->arena, f->nsections + 1, sizeof *out->sections);
    if (!out->shelves || !out->sections) return -1;
    for (size_t i = 0; i < f->nshelves; i++) {
        out->shelves[i] = f->shelves[i];
        if (!(out->shelves[i].journal = arena_strdup(out->arena, f->shelves[i].journal))) return -1;
    }
    for (size_t i = 0; i < f->nsections; i++)
        if (!(out->sections[i] = arena_strdup(out->arena, f->sections[i]))) return -1;
    out->nshelves = f->nshelves;
    out->nsections = f->nsections;
    return 0;
}

typedef struct facets_call {
    archive_reader *r;
    archive_facets *out;
} facets_call;

/* The reader's facets, read again only when another connection has committed
 * since (the search page shows them with every answer; reading them costs
 * more than most searches). */
static int cached_facets(sqlite3 *db, void *ctx) {
    facets_call *c = ctx;
    archive_reader *r = c->r;
    sqlite3_int64 v = archive_data_version(db);
    if (v < 0 || v != r->facets_version) {
        archive_facets fresh = {0};
        if (!(fresh.arena = arena_new())) return -1;
        int rc = facets(db, &fresh);
        if (rc) {
            archive_facets_free(&fresh);
            return rc;
        }
        archive_facets_free(&r->facets);
        r->facets = fresh;
        r->facets_version = v;
    }
    return copy_facets(&r->facets, c->out);
}

int archive_read_facets(archive_reader *r, archive_facets *out, folio_diags *d) {
    if (r->pg) return archive_pg_read_facets(r->pg, out, d);
    memset(out, 0, sizeof *out);
    facets_call c = {r, out};
    int rc = archive_read_run(r, cached_facets, &c, d);
    if (rc) archive_facets_free(out);
    return rc ? -1 : 0;
}
