/* reader_pg.c — what the web service reads from a PostgreSQL catalogue: editions page
 * by page, the shelves and sections to filter by, one edition with its contents. */
#include "catalogue_pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column c of row k copied into the arena. */
static const char *col(const archive_pq *pq, folio_arena *a, PGresult *r, int k, int c) {
    return arena_strdup(a, pq->PQgetvalue(r, k, c));
}

int archive_pg_read_list(archive_pg *p, const archive_query *q, archive_listing *out,
                         folio_diags *d) {
    memset(out, 0, sizeof *out);
    char num[3][24];
    snprintf(num[0], 24, "%d", q->year);
    snprintf(num[1], 24, "%zu", q->limit ? q->limit : 20);
    snprintf(num[2], 24, "%zu", q->offset);
    const char *v[4] = {q->journal ? q->journal : "", num[0], num[1], num[2]};
    PGresult *r = archive_pg_query(
        p,
        "SELECT e.journal, e.issue, e.date, " PG_YEAR_SQL " AS y, e.number, e.pages, e.articles,"
        " e.bag, count(*) OVER (), e.key FROM editions AS e WHERE e.superseded = 0"
        " AND ($1 = '' OR e.journal = $1) AND ($2::integer = 0 OR " PG_YEAR_SQL " = $2::integer)"
        " ORDER BY y DESC, e.date COLLATE \"C\" DESC, e.number DESC, e.journal COLLATE \"C\","
        " e.issue COLLATE \"C\" LIMIT $3 OFFSET $4",
        4, v, "cannot list the editions", d);
    if (!r) return -1;
    const archive_pq *pq = archive_pg_pq(p);
    int n = pq->PQntuples(r);
    out->arena = arena_new();
    out->items =
        out->arena ? arena_calloc(out->arena, n ? (size_t)n : 1, sizeof *out->items) : NULL;
    for (int k = 0; out->items && k < n; k++, out->n++) {
        archive_entry *e = &out->items[k];
        e->journal = col(pq, out->arena, r, k, 0);
        e->issue = col(pq, out->arena, r, k, 1);
        e->date = col(pq, out->arena, r, k, 2);
        e->year = atoi(pq->PQgetvalue(r, k, 3));
        e->number = atoi(pq->PQgetvalue(r, k, 4));
        e->pages = atoi(pq->PQgetvalue(r, k, 5));
        e->narticles = (size_t)atol(pq->PQgetvalue(r, k, 6));
        e->bag = col(pq, out->arena, r, k, 7);
        const char *key = col(pq, out->arena, r, k, 9);
        e->id = key ? archive_edition_id(key) : NULL;
        if (!e->journal || !e->issue || !e->date || !e->bag || !key) break;
    }
    out->total = n ? (size_t)atol(pq->PQgetvalue(r, 0, 8)) : 0;
    pq->PQclear(r);
    if (out->items && out->n == (size_t)n) return 0;
    archive_listing_free(out);
    return diag_error(d, NULL, 0, "out of memory");
}

/* How many current editions each journal has in each year. */
static int shelves(archive_pg *p, archive_facets *out, folio_diags *d) {
    PGresult *r = archive_pg_query(p,
                                   "SELECT e.journal, " PG_YEAR_SQL " AS y, count(*) FROM editions"
                                   " AS e WHERE e.superseded = 0 GROUP BY e.journal, y"
                                   " ORDER BY e.journal COLLATE \"C\", y DESC",
                                   0, NULL, "cannot read the shelves", d);
    if (!r) return -1;
    const archive_pq *pq = archive_pg_pq(p);
    int n = pq->PQntuples(r);
    out->shelves = arena_calloc(out->arena, n ? (size_t)n : 1, sizeof *out->shelves);
    for (int k = 0; out->shelves && k < n; k++, out->nshelves++) {
        archive_shelf *s = &out->shelves[k];
        s->journal = col(pq, out->arena, r, k, 0);
        s->year = atoi(pq->PQgetvalue(r, k, 1));
        s->editions = (size_t)atol(pq->PQgetvalue(r, k, 2));
        if (!s->journal) break;
    }
    pq->PQclear(r);
    return out->shelves && out->nshelves == (size_t)n ? 0 : diag_error(d, NULL, 0, "out of memory");
}

static int sections(archive_pg *p, archive_facets *out, folio_diags *d) {
    PGresult *r = archive_pg_query(p,
                                   "SELECT DISTINCT a.section COLLATE \"C\" AS s FROM articles AS a"
                                   " JOIN editions AS e ON e.id = a.edition WHERE e.superseded = 0"
                                   " AND a.section <> '' ORDER BY s",
                                   0, NULL, "cannot read the sections", d);
    if (!r) return -1;
    const archive_pq *pq = archive_pg_pq(p);
    int n = pq->PQntuples(r);
    out->sections = arena_calloc(out->arena, n ? (size_t)n : 1, sizeof *out->sections);
    for (int k = 0; out->sections && k < n; k++, out->nsections++)
        if (!(out->sections[k] = col(pq, out->arena, r, k, 0))) break;
    pq->PQclear(r);
    return out->sections && out->nsections == (size_t)n ? 0
                                                        : diag_error(d, NULL, 0, "out of memory");
}

int archive_pg_read_facets(archive_pg *p, archive_facets *out, folio_diags *d) {
    memset(out, 0, sizeof *out);
    if (!(out->arena = arena_new())) return diag_error(d, NULL, 0, "out of memory");
    int rc = shelves(p, out, d) || sections(p, out, d) ? -1 : 0;
    if (rc) archive_facets_free(out);
    return rc;
}

/* The edition's own row into out; its id in the catalogue into eid. 0, 1
 * when there is none, -1. */
static int edition_row(archive_pg *p, const char *key, archive_edition *out, char *eid,
                       folio_diags *d) {
    const char *v[1] = {key};
    PGresult *r = archive_pg_query(p,
                                   "SELECT id, bag, bagging_date, journal, issue, date, year,"
                                   " number, pages, publisher, identifier, pdf, epub, imported"
                                   " FROM editions WHERE key = $1 AND superseded = 0",
                                   1, v, "cannot read the edition", d);
    if (!r) return -1;
    const archive_pq *pq = archive_pg_pq(p);
    int rc = pq->PQntuples(r) ? 0 : 1;
    folio_arena *a = out->arena;
    archive_record *x = &out->rec;
    if (!rc) {
        snprintf(eid, 24, "%s", pq->PQgetvalue(r, 0, 0));
        out->bag = col(pq, a, r, 0, 1), out->bagging_date = col(pq, a, r, 0, 2);
        x->journal = col(pq, a, r, 0, 3), x->issue = col(pq, a, r, 0, 4),
        x->date = col(pq, a, r, 0, 5);
        x->year = atoi(pq->PQgetvalue(r, 0, 6)), x->number = atoi(pq->PQgetvalue(r, 0, 7));
        x->pages = atoi(pq->PQgetvalue(r, 0, 8));
        x->publisher = col(pq, a, r, 0, 9), x->identifier = col(pq, a, r, 0, 10);
        x->pdf = col(pq, a, r, 0, 11), x->epub = col(pq, a, r, 0, 12);
        x->imported = atoi(pq->PQgetvalue(r, 0, 13));
        if (!out->bag || !out->bagging_date || !x->journal || !x->issue || !x->date ||
            !x->publisher || !x->identifier || !x->pdf || !x->epub)
            rc = diag_error(d, NULL, 0, "out of memory");
    }
    pq->PQclear(r);
    return rc;
}

/* Its contents, in order, and the text of the article-th article (from 1;
 * 0 none). 0, 1 when there is no such article, -1. */
static int contents(archive_pg *p, const char *eid, size_t article, archive_edition *out,
                    folio_diags *d) {
    const char *v[1] = {eid};
    PGresult *r = archive_pg_query(p,
                                   "SELECT title, authors, section, kind, first_page, last_page,"
                                   " pdf_page, body FROM articles WHERE edition = $1 ORDER BY seq",
                                   1, v, "cannot read the contents", d);
    if (!r) return -1;
    const archive_pq *pq = archive_pg_pq(p);
    int n = pq->PQntuples(r), rc = article > (size_t)n ? 1 : 0;
    folio_arena *a = out->arena;
    archive_record *x = &out->rec;
    x->articles = arena_calloc(a, n ? (size_t)n : 1, sizeof *x->articles);
    for (int k = 0; !rc && x->articles && k < n; k++, x->narticles++) {
        archive_article *t = &x->articles[k];
        t->title = col(pq, a, r, k, 0), t->authors = col(pq, a, r, k, 1);
        t->section = col(pq, a, r, k, 2), t->kind = col(pq, a, r, k, 3);
        t->first_page = atoi(pq->PQgetvalue(r, k, 4)), t->last_page = atoi(pq->PQgetvalue(r, k, 5));
        t->pdf_page = atoi(pq->PQgetvalue(r, k, 6));
        if (!t->title || !t->authors || !t->section || !t->kind) break;
    }
    if (!rc && article) {
        out->article = article;
        out->text = col(pq, a, r, (int)article - 1, 7);
    }
    if (!rc && (!x->articles || x->narticles != (size_t)n || (article && !out->text)))
        rc = diag_error(d, NULL, 0, "out of memory");
    pq->PQclear(r);
    return rc;
}

int archive_pg_read_edition(archive_pg *p, const char *id, size_t article, archive_edition *out,
                            folio_diags *d) {
    memset(out, 0, sizeof *out);
    size_t n = strlen(id) + 6;
    char *key = malloc(n), eid[24];
    if (key) snprintf(key, n, "bags/%s", id);
    out->arena = arena_new();
    int rc = key && out->arena ? edition_row(p, key, out, eid, d)
                               : diag_error(d, NULL, 0, "out of memory");
    out->id = rc ? NULL : arena_strdup(out->arena, id);
    if (!rc) rc = out->id ? contents(p, eid, article, out, d) : -1;
    free(key);
    if (rc) archive_edition_free(out);
    return rc;
}
