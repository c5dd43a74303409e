/* catalogue_pg.c — the catalogue on PostgreSQL through libpq: schema, filing, listing,
 * search over tsvectors of folio's own tokens. */
#include "catalogue_pg.h"

#include "../util/buf.h"
#include "../util/grow.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct archive_pg {
    archive_pq pq;
    PGconn *conn;
    archive_fold *fold; /* the tokenizer's Traditional-to-Simplified folding */
};

/* Every statement of the schema, run under one advisory lock so that two
 * first filings at once do not both create it. */
static const char schema[] =
    "SELECT pg_advisory_xact_lock(7460311);"
    "CREATE TABLE IF NOT EXISTS folio_schema(version integer NOT NULL);"
    "CREATE TABLE IF NOT EXISTS editions("
    " id bigserial PRIMARY KEY,"
    " journal text NOT NULL, issue text NOT NULL, date text NOT NULL,"
    " year integer NOT NULL, number integer NOT NULL, pages integer NOT NULL,"
    " articles integer NOT NULL, publisher text NOT NULL, identifier text NOT NULL,"
    " bag text NOT NULL UNIQUE, pdf text NOT NULL, epub text NOT NULL,"
    " bagging_date text NOT NULL, superseded integer NOT NULL DEFAULT 0,"
    " key text NOT NULL, imported integer NOT NULL DEFAULT 0);"
    "CREATE UNIQUE INDEX IF NOT EXISTS editions_current ON editions(journal, issue)"
    " WHERE superseded = 0;"
    "CREATE UNIQUE INDEX IF NOT EXISTS editions_key ON editions(key) WHERE superseded = 0;"
    "CREATE TABLE IF NOT EXISTS articles("
    " id bigserial PRIMARY KEY,"
    " edition bigint NOT NULL REFERENCES editions(id), seq integer NOT NULL,"
    " title text NOT NULL, authors text NOT NULL, section text NOT NULL, kind text NOT NULL,"
    " first_page integer NOT NULL, last_page integer NOT NULL, pdf_page integer NOT NULL,"
    " body text NOT NULL, title_tsv tsvector NOT NULL, authors_tsv tsvector NOT NULL);"
    "CREATE INDEX IF NOT EXISTS articles_edition ON articles(edition, seq);"
    "CREATE INDEX IF NOT EXISTS articles_title_tsv ON articles USING gin(title_tsv);"
    "CREATE INDEX IF NOT EXISTS articles_authors_tsv ON articles USING gin(authors_tsv);"
    "CREATE TABLE IF NOT EXISTS article_text("
    " article bigint NOT NULL REFERENCES articles(id), chunk integer NOT NULL,"
    " tsv tsvector NOT NULL, PRIMARY KEY(article, chunk));"
    "CREATE INDEX IF NOT EXISTS article_text_tsv ON article_text USING gin(tsv);"
    "INSERT INTO folio_schema(version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM folio_schema);";

int archive_pg_url(const char *s) {
    return s && (!strncmp(s, "postgresql://", 13) || !strncmp(s, "postgres://", 11));
}

/* The server's message, on one line. */
static int pg_error(archive_pg *p, folio_diags *d, const char *what) {
    char msg[512];
    snprintf(msg, sizeof msg, "%s", p->pq.PQerrorMessage(p->conn));
    for (char *c = msg; *c; c++)
        if (*c == '\n') *c = *(c + 1) ? ' ' : 0;
    return diag_error(d, NULL, 0, "the PostgreSQL catalogue: %s: %s", what, msg);
}

/* Runs sql (no parameters, any number of statements); 0 or -1 with a
 * diagnostic. */
static int exec(archive_pg *p, const char *sql, const char *what, folio_diags *d) {
    PGresult *r = p->pq.PQexec(p->conn, sql);
    ExecStatusType s = p->pq.PQresultStatus(r);
    int ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    p->pq.PQclear(r);
    return ok ? 0 : pg_error(p, d, what);
}

/* One statement with text parameters; its result (PQclear it) or NULL with a
 * diagnostic. */
static PGresult *query(archive_pg *p, const char *sql, int n, const char *const *v,
                       const char *what, folio_diags *d) {
    PGresult *r = p->pq.PQexecParams(p->conn, sql, n, NULL, v, NULL, NULL, 0);
    ExecStatusType s = p->pq.PQresultStatus(r);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return r;
    p->pq.PQclear(r);
    pg_error(p, d, what);
    return NULL;
}

/* The schema's version into *v: -1 when the database has no folio schema
 * yet. 0, or -1 with a diagnostic. */
static int schema_version(archive_pg *p, int *v, folio_diags *d) {
    PGresult *r = p->pq.PQexec(p->conn, "SELECT max(version) FROM folio_schema");
    const char *state = p->pq.PQresultErrorField(r, PG_DIAG_SQLSTATE);
    int rc = 0;
    if (p->pq.PQresultStatus(r) == PGRES_TUPLES_OK)
        *v = p->pq.PQntuples(r) && !p->pq.PQgetisnull(r, 0, 0) ? atoi(p->pq.PQgetvalue(r, 0, 0))
                                                               : -1;
    else if (state && !strcmp(state, "42P01")) /* undefined_table */
        *v = -1;
    else
        rc = pg_error(p, d, "cannot read the schema version");
    p->pq.PQclear(r);
    return rc;
}

/* The schema made when the database has none (only then: a reader on a
 * read-only replica never writes), then its version checked. */
static int ensure_schema(archive_pg *p, folio_diags *d) {
    int v = 0;
    if (schema_version(p, &v, d)) return -1;
    if (v < 0) {
        if (exec(p, "SET client_min_messages = warning; BEGIN", "cannot create the schema", d))
            return -1;
        if (exec(p, schema, "cannot create the schema", d) ||
            exec(p, "COMMIT", "cannot create the schema", d)) {
            p->pq.PQclear(p->pq.PQexec(p->conn, "ROLLBACK"));
            return -1;
        }
        if (schema_version(p, &v, d)) return -1;
    }
    if (v == ARCHIVE_PG_VERSION) return 0;
    return diag_error(d, NULL, 0,
                      "the PostgreSQL catalogue was made by another version of folio (schema "
                      "version %d, this one reads %d)",
                      v, ARCHIVE_PG_VERSION);
}

/* libpq into p->pq: 0, or -1 with a diagnostic saying what to install. */
static int open_libpq(archive_pg *p, folio_diags *d) {
    static const char *const names[] = {ARCHIVE_PQ_FUNCTIONS(FOLIO_DYN_NAME)};
    archive_pq *dyn_table = &p->pq;
    void *const slots[] = {ARCHIVE_PQ_FUNCTIONS(FOLIO_DYN_SLOT)};
    p->pq.lib = folio_dynopen(FOLIO_SONAME_PQ, "the PostgreSQL catalogue", "libpq5", names, slots,
                              sizeof names / sizeof *names, d);
    return p->pq.lib ? 0 : -1;
}

archive_pg *archive_pg_open(const char *url, folio_diags *d) {
    archive_pg *p = calloc(1, sizeof *p);
    if (!p) return diag_error(d, NULL, 0, "out of memory"), NULL;
    const char *why = NULL;
    if (open_libpq(p, d)) {
        free(p);
        return NULL;
    }
    p->conn = p->pq.PQconnectdb(url);
    if (!p->conn)
        diag_error(d, NULL, 0, "out of memory");
    else if (p->pq.PQstatus(p->conn) != CONNECTION_OK)
        pg_error(p, d, "cannot connect");
    else if (!(p->fold = archive_fold_new(&why)))
        diag_error(d, NULL, 0, "cannot load the search folding: %s", why);
    else if (!ensure_schema(p, d))
        return p;
    archive_pg_close(p);
    return NULL;
}

void archive_pg_close(archive_pg *p) {
    if (!p) return;
    if (p->conn) p->pq.PQfinish(p->conn);
    archive_fold_free(p->fold);
    folio_dynclose(p->pq.lib);
    free(p);
}

const archive_pq *archive_pg_pq(const archive_pg *p) {
    return &p->pq;
}

/* ---- tsvectors of folio's tokens ------------------------------------------ */

/* A token as a tsvector or tsquery lexeme: quoted, quotes and backslashes
 * doubled or escaped. */
static void put_lexeme(folio_buf *b, const char *tok, size_t len) {
    buf_putc(b, '\'');
    for (size_t i = 0; i < len; i++) {
        if (tok[i] == '\'' || tok[i] == '\\') buf_putc(b, tok[i] == '\'' ? '\'' : '\\');
        buf_putc(b, tok[i]);
    }
    buf_putc(b, '\'');
}

/* The document's tokens with their positions (from 1), in order. */
typedef struct token {
    size_t at, len; /* in text */
    int pos;
} token;

typedef struct tokens {
    folio_buf text; /* the tokens, one after another */
    token *v;
    size_t n, cap;
    int last;
} tokens;

static int take_token(void *ctx, int colocated, const char *tok, size_t len, size_t start,
                      size_t end) {
    (void)start, (void)end;
    tokens *t = ctx;
    if (t->n == t->cap && grow_array(&t->v, &t->cap, t->n + 1, sizeof *t->v, 64)) return -1;
    if (!colocated || !t->n) t->last++;
    t->v[t->n++] = (token){t->text.len, len, t->last};
    buf_append(&t->text, tok, len);
    return t->text.oom ? -1 : 0;
}

static void tokens_free(tokens *t) {
    buf_free(&t->text);
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* The tsvector text of the tokens whose positions lie in [from, to), their
 * positions counted from 1 there. */
static void put_tsvector(folio_buf *b, const tokens *t, int from, int to) {
    for (size_t i = 0; i < t->n; i++) {
        const token *k = &t->v[i];
        if (k->pos < from || k->pos >= to) continue;
        if (b->len) buf_putc(b, ' ');
        put_lexeme(b, t->text.data + k->at, k->len);
        buf_printf(b, ":%d", k->pos - from + 1);
    }
}

/* Tokenizes text as a document into t. 0 or -1 (out of memory). */
static int tokenize(archive_pg *p, const char *text, tokens *t) {
    memset(t, 0, sizeof *t);
    buf_init(&t->text);
    return archive_tokenize(p->fold, text, strlen(text), 0, take_token, t) ? -1 : 0;
}

/* A field's tsvector text (malloc'd; NULL on OOM): short fields hold one. */
static char *field_tsvector(archive_pg *p, const char *text) {
    tokens t;
    folio_buf b;
    buf_init(&b);
    if (tokenize(p, text, &t) == 0) put_tsvector(&b, &t, 1, 1 << 30);
    int oom = t.text.oom || b.oom;
    tokens_free(&t);
    size_t len;
    char *s = oom ? NULL : buf_detach(&b, &len);
    if (!s && !oom) s = strdup("");
    buf_free(&b);
    return s;
}

/* ---- filing ----------------------------------------------------------------- */

/* The rows of article_text for one body: chunks of ARCHIVE_PG_CHUNK
 * positions, each starting ARCHIVE_PG_OVERLAP before the last one's end. */
static int insert_text(archive_pg *p, const char *article, const char *body, folio_diags *d) {
    tokens t;
    int rc = tokenize(p, body, &t) ? diag_error(d, NULL, 0, "out of memory") : 0;
    for (int from = 1, chunk = 0; !rc && (chunk == 0 || from <= t.last); chunk++) {
        folio_buf b;
        buf_init(&b);
        put_tsvector(&b, &t, from, from + ARCHIVE_PG_CHUNK);
        buf_putc(&b, 0);
        char num[16];
        snprintf(num, sizeof num, "%d", chunk);
        const char *v[3] = {article, num, b.data};
        PGresult *r = b.oom ? NULL
                            : query(p,
                                    "INSERT INTO article_text(article, chunk, tsv)"
                                    " VALUES($1, $2, $3::tsvector)",
                                    3, v, "cannot file the article's text", d);
        if (b.oom) diag_error(d, NULL, 0, "out of memory");
        rc = r ? 0 : -1;
        p->pq.PQclear(r);
        buf_free(&b);
        from += ARCHIVE_PG_CHUNK - ARCHIVE_PG_OVERLAP;
    }
    tokens_free(&t);
    return rc;
}

static int insert_article(archive_pg *p, const char *edition, size_t seq, const archive_article *a,
                          folio_diags *d) {
    char *tt = field_tsvector(p, a->title ? a->title : ""),
         *at = field_tsvector(p, a->authors ? a->authors : "");
    char n[4][24];
    snprintf(n[0], 24, "%zu", seq);
    snprintf(n[1], 24, "%d", a->first_page);
    snprintf(n[2], 24, "%d", a->last_page);
    snprintf(n[3], 24, "%d", a->pdf_page);
    const char *v[12] = {edition,
                         n[0],
                         a->title ? a->title : "",
                         a->authors ? a->authors : "",
                         a->section ? a->section : "",
                         a->kind ? a->kind : "",
                         n[1],
                         n[2],
                         n[3],
                         a->text ? a->text : "",
                         tt,
                         at};
    int rc = -1;
    PGresult *r = tt && at ? query(p,
                                   "INSERT INTO articles(edition, seq, title, authors, section,"
                                   " kind, first_page, last_page, pdf_page, body, title_tsv,"
                                   " authors_tsv) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
                                   " $11::tsvector, $12::tsvector) RETURNING id",
                                   12, v, "cannot file an article", d)
                           : NULL;
    if (!tt || !at) diag_error(d, NULL, 0, "out of memory");
    if (r && p->pq.PQntuples(r) == 1) rc = insert_text(p, p->pq.PQgetvalue(r, 0, 0), v[9], d);
    p->pq.PQclear(r);
    free(tt), free(at);
    return rc;
}

/* The replaced edition marked superseded; its key into key (malloc'd). */
static int supersede(archive_pg *p, const char *bag, char **key, folio_diags *d) {
    const char *v[1] = {bag};
    PGresult *r = query(p,
                        "UPDATE editions SET superseded = 1 WHERE bag = $1 AND superseded = 0"
                        " RETURNING key",
                        1, v, "cannot mark the replaced edition superseded", d);
    if (!r) return -1;
    int one = p->pq.PQntuples(r) == 1;
    *key = one ? strdup(p->pq.PQgetvalue(r, 0, 0)) : NULL;
    p->pq.PQclear(r);
    if (!one) return diag_error(d, NULL, 0, "the PostgreSQL catalogue lists no current %s", bag);
    return *key ? 0 : diag_error(d, NULL, 0, "out of memory");
}

static int insert_edition(archive_pg *p, const archive_record *rec, const char *bag,
                          const char *key, const char *date, int superseded, folio_diags *d) {
    char n[6][24];
    snprintf(n[0], 24, "%d", rec->year);
    snprintf(n[1], 24, "%d", rec->number);
    snprintf(n[2], 24, "%d", rec->pages);
    snprintf(n[3], 24, "%zu", rec->narticles);
    snprintf(n[4], 24, "%d", rec->imported);
    snprintf(n[5], 24, "%d", superseded);
    const char *v[16] = {rec->journal,
                         rec->issue,
                         rec->date ? rec->date : "",
                         n[0],
                         n[1],
                         n[2],
                         n[3],
                         rec->publisher ? rec->publisher : "",
                         rec->identifier ? rec->identifier : "",
                         bag,
                         rec->pdf ? rec->pdf : "",
                         rec->epub ? rec->epub : "",
                         date ? date : "",
                         key,
                         n[4],
                         n[5]};
    PGresult *r = query(p,
                        "INSERT INTO editions(journal, issue, date, year, number, pages, articles,"
                        " publisher, identifier, bag, pdf, epub, bagging_date, key, imported,"
                        " superseded) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
                        " $13, $14, $15, $16) RETURNING id",
                        16, v, "cannot file the edition", d);
    int rc = r && p->pq.PQntuples(r) == 1 ? 0 : -1;
    for (size_t i = 0; !rc && i < rec->narticles; i++)
        rc = insert_article(p, p->pq.PQgetvalue(r, 0, 0), i, &rec->articles[i], d);
    p->pq.PQclear(r);
    return rc;
}

int archive_pg_file(archive_pg *p, const archive_record *rec, const char *bag,
                    const char *bagging_date, const char *supersedes, folio_diags *d) {
    char *key = NULL;
    int rc = exec(p, "BEGIN", "cannot write", d);
    if (!rc && supersedes) rc = supersede(p, supersedes, &key, d);
    if (!rc) rc = insert_edition(p, rec, bag, key ? key : bag, bagging_date, 0, d);
    if (!rc) rc = exec(p, "COMMIT", "cannot write", d);
    if (rc) p->pq.PQclear(p->pq.PQexec(p->conn, "ROLLBACK"));
    free(key);
    return rc;
}

int archive_pg_begin_rebuild(archive_pg *p, folio_diags *d) {
    if (exec(p, "BEGIN", "cannot rebuild", d)) return -1;
    if (!exec(p,
              "LOCK TABLE editions IN EXCLUSIVE MODE; DELETE FROM article_text;"
              " DELETE FROM articles; DELETE FROM editions",
              "cannot rebuild", d))
        return 0;
    p->pq.PQclear(p->pq.PQexec(p->conn, "ROLLBACK"));
    return -1;
}

int archive_pg_insert(archive_pg *p, const archive_record *rec, const char *bag, const char *key,
                      const char *bagging_date, int superseded, folio_diags *d) {
    return insert_edition(p, rec, bag, key, bagging_date, superseded, d);
}

int archive_pg_end_rebuild(archive_pg *p, int ok, folio_diags *d) {
    if (ok) return exec(p, "COMMIT", "cannot rebuild", d);
    p->pq.PQclear(p->pq.PQexec(p->conn, "ROLLBACK"));
    return 0;
}

/* ---- looking up -------------------------------------------------------------- */

char *archive_pg_current_bag(archive_pg *p, const char *journal, const char *issue, int *err,
                             folio_diags *d) {
    const char *v[2] = {journal, issue};
    PGresult *r = query(p,
                        "SELECT bag FROM editions WHERE journal = $1 AND issue = $2"
                        " AND superseded = 0",
                        2, v, "cannot read", d);
    *err = !r;
    char *bag = r && p->pq.PQntuples(r) ? strdup(p->pq.PQgetvalue(r, 0, 0)) : NULL;
    if (r && p->pq.PQntuples(r) && !bag) *err = diag_error(d, NULL, 0, "out of memory");
    p->pq.PQclear(r);
    return bag;
}

int archive_pg_has_bag(archive_pg *p, const char *bag, folio_diags *d) {
    const char *v[1] = {bag};
    PGresult *r = query(p, "SELECT 1 FROM editions WHERE bag = $1", 1, v, "cannot read", d);
    int has = r ? p->pq.PQntuples(r) > 0 : -1;
    p->pq.PQclear(r);
    return has;
}

int archive_pg_bags(archive_pg *p, char ***bags, size_t *n, folio_diags *d) {
    *bags = NULL;
    *n = 0;
    PGresult *r = query(p, "SELECT bag FROM editions ORDER BY bag COLLATE \"C\"", 0, NULL,
                        "cannot list the bags", d);
    if (!r) return -1;
    size_t rows = (size_t)p->pq.PQntuples(r);
    *bags = calloc(rows ? rows : 1, sizeof **bags);
    for (size_t i = 0; *bags && i < rows; i++, (*n)++)
        if (!((*bags)[i] = strdup(p->pq.PQgetvalue(r, (int)i, 0)))) break;
    p->pq.PQclear(r);
    if (*bags && *n == rows) return 0;
    archive_names_free(*bags, *n);
    *bags = NULL, *n = 0;
    return diag_error(d, NULL, 0, "out of memory");
}

int archive_pg_list(archive_pg *p, int all, archive_listing *out, folio_diags *d) {
    memset(out, 0, sizeof *out);
    const char *v[1] = {all ? "1" : "0"};
    /* byte order, as SQLite compares text */
    PGresult *r = query(p,
                        "SELECT journal, issue, date, year, number, pages, articles, bag, key,"
                        " superseded, imported FROM editions WHERE superseded = 0 OR $1 = 1"
                        " ORDER BY journal COLLATE \"C\", date COLLATE \"C\", year, number,"
                        " issue COLLATE \"C\", superseded, bag COLLATE \"C\"",
                        1, v, "cannot list the editions", d);
    if (!r) return -1;
    size_t n = (size_t)p->pq.PQntuples(r);
    out->arena = arena_new();
    out->items = out->arena ? arena_calloc(out->arena, n ? n : 1, sizeof *out->items) : NULL;
    for (size_t i = 0; out->items && i < n; i++) {
        archive_entry *e = &out->items[i];
        folio_arena *a = out->arena;
        int k = (int)i;
        e->journal = arena_strdup(a, p->pq.PQgetvalue(r, k, 0));
        e->issue = arena_strdup(a, p->pq.PQgetvalue(r, k, 1));
        e->date = arena_strdup(a, p->pq.PQgetvalue(r, k, 2));
        e->year = atoi(p->pq.PQgetvalue(r, k, 3));
        e->number = atoi(p->pq.PQgetvalue(r, k, 4));
        e->pages = atoi(p->pq.PQgetvalue(r, k, 5));
        e->narticles = (size_t)atol(p->pq.PQgetvalue(r, k, 6));
        e->bag = arena_strdup(a, p->pq.PQgetvalue(r, k, 7));
        e->superseded = atoi(p->pq.PQgetvalue(r, k, 9));
        e->imported = atoi(p->pq.PQgetvalue(r, k, 10));
        const char *key = e->superseded ? NULL : arena_strdup(a, p->pq.PQgetvalue(r, k, 8));
        e->id = key ? archive_edition_id(key) : NULL;
        out->n++;
    }
    p->pq.PQclear(r);
    if (out->n == n) return 0;
    archive_listing_free(out);
    return diag_error(d, NULL, 0, "out of memory");
}

/* ---- search ------------------------------------------------------------------ */

/* A term as a tsquery: its query tokens, one position after another (<->),
 * tokens sharing a position as alternatives. "" when it has none. */
static int term_query(archive_pg *p, const char *term, folio_buf *q) {
    tokens t;
    memset(&t, 0, sizeof t);
    buf_init(&t.text);
    if (archive_tokenize(p->fold, term, strlen(term), 1, take_token, &t)) {
        tokens_free(&t);
        return -1;
    }
    for (size_t i = 0; i < t.n;) {
        size_t j = i;
        while (j < t.n && t.v[j].pos == t.v[i].pos)
            j++;
        if (i) buf_puts(q, " <-> ");
        buf_putc(q, '(');
        for (size_t k = i; k < j; k++) {
            if (k > i) buf_puts(q, " | ");
            put_lexeme(q, t.text.data + t.v[k].at, t.v[k].len);
        }
        buf_putc(q, ')');
        i = j;
    }
    tokens_free(&t);
    return q->oom ? -1 : 0;
}

/* The statement for n terms: $1 all of them (for the rank), $2.. each one,
 * which must match the title, the authors or a row of the text; then the
 * journal, year and section filters, limit and offset. */
static char *search_sql(size_t n) {
    folio_buf b;
    buf_init(&b);
    buf_puts(&b, "SELECT e.key, e.bag, e.journal, e.issue, e.date, e.year, e.number, e.pdf,"
                 " a.seq, a.title, a.authors, a.section, a.first_page, a.pdf_page, a.body,"
                 " 10 * ts_rank(a.title_tsv, $1::tsquery) + 4 * ts_rank(a.authors_tsv,"
                 " $1::tsquery) + coalesce((SELECT max(ts_rank(t.tsv, $1::tsquery))"
                 " FROM article_text t WHERE t.article = a.id), 0) AS score,"
                 " count(*) OVER () FROM articles a JOIN editions e ON e.id = a.edition"
                 " WHERE e.superseded = 0");
    /* the texts matching a term are found once, through the GIN index, not
     * article by article (which reads every article's tsvector) */
    for (size_t i = 0; i < n; i++)
        buf_printf(&b,
                   " AND (a.title_tsv @@ $%zu::tsquery OR a.authors_tsv @@ $%zu::tsquery OR"
                   " a.id IN (SELECT t.article FROM article_text t WHERE t.tsv @@ $%zu::tsquery))",
                   i + 2, i + 2, i + 2);
    size_t f = n + 2;
    buf_printf(&b,
               " AND ($%zu = '' OR e.journal = $%zu) AND ($%zu::integer = 0 OR " PG_YEAR_SQL
               " = $%zu::integer) AND ($%zu = '' OR a.section = $%zu)"
               " ORDER BY score DESC, a.id LIMIT $%zu OFFSET $%zu",
               f, f, f + 1, f + 1, f + 2, f + 2, f + 3, f + 4);
    buf_putc(&b, 0);
    size_t len;
    return b.oom ? (buf_free(&b), NULL) : buf_detach(&b, &len);
}

/* The n term queries, and their conjunction first; malloc'd strings. */
static int term_queries(archive_pg *p, const archive_terms *terms, char **v) {
    folio_buf all;
    buf_init(&all);
    int rc = 0;
    for (size_t i = 0; !rc && i < terms->n; i++) {
        folio_buf q;
        buf_init(&q);
        rc = term_query(p, terms->text[i], &q);
        buf_putc(&q, 0);
        if (!rc && q.len > 1) {
            if (all.len) buf_puts(&all, " & ");
            buf_printf(&all, "(%s)", q.data);
        }
        size_t len;
        v[i + 1] = q.oom || rc ? NULL : buf_detach(&q, &len);
        buf_free(&q);
        rc |= !v[i + 1];
    }
    buf_putc(&all, 0);
    size_t len;
    v[0] = rc || all.oom ? NULL : buf_detach(&all, &len);
    buf_free(&all);
    return rc || !v[0] ? -1 : 0;
}

/* How hits are marked. */
typedef struct marks {
    const char *open, *close;
    size_t chars;
} marks;

/* Row k of the result as a hit. */
static int take_hit(const archive_pg *p, PGresult *r, int k, const archive_terms *terms,
                    const marks *m, folio_arena *a, archive_hit *h) {
    const char *key = arena_strdup(a, p->pq.PQgetvalue(r, k, 0));
    h->edition = key && archive_edition_id(key) ? archive_edition_id(key) : key;
    h->bag = arena_strdup(a, p->pq.PQgetvalue(r, k, 1));
    h->journal = arena_strdup(a, p->pq.PQgetvalue(r, k, 2));
    h->issue = arena_strdup(a, p->pq.PQgetvalue(r, k, 3));
    h->date = arena_strdup(a, p->pq.PQgetvalue(r, k, 4));
    h->year = atoi(p->pq.PQgetvalue(r, k, 5));
    h->number = atoi(p->pq.PQgetvalue(r, k, 6));
    h->pdf = arena_strdup(a, p->pq.PQgetvalue(r, k, 7));
    h->article = (size_t)atol(p->pq.PQgetvalue(r, k, 8)) + 1;
    h->title = arena_strdup(a, p->pq.PQgetvalue(r, k, 9));
    h->authors = arena_strdup(a, p->pq.PQgetvalue(r, k, 10));
    h->section = arena_strdup(a, p->pq.PQgetvalue(r, k, 11));
    h->page = atoi(p->pq.PQgetvalue(r, k, 12));
    h->pdf_page = atoi(p->pq.PQgetvalue(r, k, 13));
    h->score = -atof(p->pq.PQgetvalue(r, k, 15)); /* lower is better, as bm25 */
    char *t = archive_terms_mark(p->fold, terms, p->pq.PQgetvalue(r, k, 9), 0, m->open, m->close);
    char *s =
        archive_terms_mark(p->fold, terms, p->pq.PQgetvalue(r, k, 14), m->chars, m->open, m->close);
    h->title_marked = t ? arena_strdup(a, t) : NULL;
    h->snippet = s ? arena_strdup(a, s) : NULL;
    free(t), free(s);
    return h->edition && h->bag && h->journal && h->issue && h->date && h->pdf && h->title &&
                   h->authors && h->section && h->title_marked && h->snippet
               ? 0
               : -1;
}

/* The parameters after the terms: journal, year, section, limit, offset. */
static void filter_values(const archive_query *q, char num[3][24], const char **v) {
    snprintf(num[0], 24, "%d", q->year);
    snprintf(num[1], 24, "%zu", q->limit ? q->limit : 20);
    snprintf(num[2], 24, "%zu", q->offset);
    v[0] = q->journal ? q->journal : "";
    v[1] = num[0];
    v[2] = q->section ? q->section : "";
    v[3] = num[1];
    v[4] = num[2];
}

static int run_search(archive_pg *p, const archive_terms *terms, const archive_query *q,
                      archive_hits *out, folio_diags *d) {
    size_t n = terms->n;
    char **v = calloc(n + 6, sizeof *v), *sql = search_sql(n), num[3][24];
    int rc = v && sql && !term_queries(p, terms, v) ? 0 : diag_error(d, NULL, 0, "out of memory");
    if (!rc) filter_values(q, num, (const char **)v + n + 1);
    /* The planner prices reading a tsvector as nothing and scans every
     * article's text when a term is common; through the GIN index the texts
     * a term is in are found without decompressing one (on 16,000 articles
     * a phrase 6 times faster, a word in a third of them 3 times). */
    if (!rc) rc = exec(p, "BEGIN READ ONLY; SET LOCAL enable_seqscan = off", "cannot search", d);
    PGresult *r = rc ? NULL : query(p, sql, (int)n + 6, (const char *const *)v, "cannot search", d);
    if (!rc) p->pq.PQclear(p->pq.PQexec(p->conn, r ? "COMMIT" : "ROLLBACK"));
    if (!rc && !r) rc = -1;
    marks m = {q->mark_open ? q->mark_open : "【", q->mark_close ? q->mark_close : "】",
               q->snippet_chars ? q->snippet_chars : 60};
    size_t rows = r ? (size_t)p->pq.PQntuples(r) : 0;
    out->items = r && rows ? arena_calloc(out->arena, rows, sizeof *out->items) : NULL;
    if (rows && !out->items) rc = diag_error(d, NULL, 0, "out of memory");
    for (size_t i = 0; !rc && i < rows; i++, out->n++)
        if (take_hit(p, r, (int)i, terms, &m, out->arena, &out->items[i]))
            rc = diag_error(d, NULL, 0, "out of memory");
    out->total = rows ? (size_t)atol(p->pq.PQgetvalue(r, 0, 16)) : 0;
    p->pq.PQclear(r);
    for (size_t i = 0; v && i <= n; i++)
        free(v[i]);
    free(v), free(sql);
    return rc;
}

int archive_pg_read_search(archive_pg *p, const archive_query *q, archive_hits *out,
                           folio_diags *d) {
    memset(out, 0, sizeof *out);
    archive_terms terms = {0};
    if (!(out->arena = arena_new()) || archive_terms_parse(p->fold, q->text, &terms)) {
        archive_terms_free(&terms);
        archive_hits_free(out);
        return diag_error(d, NULL, 0, "out of memory");
    }
    int rc = terms.n ? run_search(p, &terms, q, out, d)
                     : diag_error(d, NULL, 0, "the query '%s' has no word to search for",
                                  q->text ? q->text : "");
    archive_terms_free(&terms);
    if (rc) archive_hits_free(out);
    return rc;
}

int archive_pg_search(archive_pg *p, const char *query_text, size_t limit, archive_hits *out,
                      folio_diags *d) {
    archive_query q = {.text = query_text, .limit = limit};
    return archive_pg_read_search(p, &q, out, d);
}

char *archive_pg_read_mark(archive_pg *p, const char *query_text, const char *text,
                           const char *open, const char *close) {
    archive_terms terms = {0};
    char *out = NULL;
    if (!archive_terms_parse(p->fold, query_text, &terms) && terms.n)
        out = archive_terms_mark(p->fold, &terms, text, 0, open, close);
    archive_terms_free(&terms);
    return out;
}

PGresult *archive_pg_query(archive_pg *p, const char *sql, int n, const char *const *v,
                           const char *what, folio_diags *d) {
    return query(p, sql, n, v, what, d);
}
