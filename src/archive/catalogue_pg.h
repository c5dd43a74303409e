/* catalogue_pg.h — the catalogue on PostgreSQL (internal to src/archive).
 *
 * The same records as the SQLite catalogue (catalogue.c), in a shared server
 * that several offices' writers and readers reach at once: editions and
 * articles in tables, their text searchable through tsvector columns made of
 * folio's own tokens (tokenize.c: Han unigrams and bigrams, folded
 * Traditional to Simplified; Latin words), each with a GIN index, so that a
 * query finds what the SQLite catalogue finds on the same bags, with nothing
 * outside Debian's PostgreSQL. The schema is created and migrated by folio
 * under an advisory lock (the folio_schema table holds its version); each
 * filing is one transaction. Errors come back as diagnostics carrying the
 * server's message. */
#ifndef FOLIO_ARCHIVE_CATALOGUE_PG_H
#define FOLIO_ARCHIVE_CATALOGUE_PG_H

#include "archive_private.h"
#include "util/dynload.h"

#include <libpq-fe.h>

/* The libpq functions the catalogue calls, opened with it (util/dynload.h:
 * libpq's own dependencies cost every other command their loading). */
// clang-format off
#define ARCHIVE_PQ_FUNCTIONS(X) \
    X(PQconnectdb) X(PQstatus) X(PQerrorMessage) X(PQfinish) X(PQexec) X(PQexecParams) \
    X(PQresultStatus) X(PQresultErrorField) X(PQntuples) X(PQgetvalue) X(PQgetisnull) X(PQclear)
// clang-format on
typedef struct {
    void *lib;
    ARCHIVE_PQ_FUNCTIONS(FOLIO_DYN_MEMBER)
} archive_pq;

/* The version of the schema this folio writes and reads. */
#define ARCHIVE_PG_VERSION 1

/* A body's tokens go into rows of at most this many positions (a tsvector
 * keeps positions up to 16,383), each row repeating the last
 * ARCHIVE_PG_OVERLAP of the one before, so that a phrase of up to that many
 * tokens is found across the seam. */
#define ARCHIVE_PG_CHUNK 8000
#define ARCHIVE_PG_OVERLAP 64

typedef struct archive_pg archive_pg;

/* Whether s names a PostgreSQL catalogue (postgresql:// or postgres://). */
int archive_pg_url(const char *s);

/* Connects to url, creates the schema when the database has none and checks
 * its version. NULL with a diagnostic naming the catalogue (a refused login,
 * an unreachable server, another version's schema). Close with
 * archive_pg_close (NULL allowed). */
archive_pg *archive_pg_open(const char *url, folio_diags *d);
void archive_pg_close(archive_pg *p);

/* The libpq functions of an open catalogue (owned by it). */
const archive_pq *archive_pg_pq(const archive_pg *p);

/* Records the filing of rec in bag in one transaction, marking supersedes
 * (when not NULL) superseded and keeping its key. 0, or -1 with a
 * diagnostic and the catalogue as it was. */
int archive_pg_file(archive_pg *p, const archive_record *rec, const char *bag,
                    const char *bagging_date, const char *supersedes, folio_diags *d);

/* A rebuild from the bags (reindex): begin empties the catalogue inside a
 * transaction, each bag's record goes in with archive_pg_insert (key: the
 * issue's first bag; superseded as the bags say), and end commits when ok
 * (else rolls back, leaving the catalogue as it was). 0 or -1 with a
 * diagnostic. */
int archive_pg_begin_rebuild(archive_pg *p, folio_diags *d);
int archive_pg_insert(archive_pg *p, const archive_record *rec, const char *bag, const char *key,
                      const char *bagging_date, int superseded, folio_diags *d);
int archive_pg_end_rebuild(archive_pg *p, int ok, folio_diags *d);

/* The bag of the current edition journal + issue (malloc'd) or NULL when
 * none; *err set on an error (with a diagnostic). */
char *archive_pg_current_bag(archive_pg *p, const char *journal, const char *issue, int *err,
                             folio_diags *d);

/* Whether the catalogue lists bag: 1, 0, or -1 with a diagnostic. */
int archive_pg_has_bag(archive_pg *p, const char *bag, folio_diags *d);

/* Every bag the catalogue lists, sorted bytewise (malloc'd array of
 * malloc'd strings, archive_names_free). 0 or -1 with a diagnostic. */
int archive_pg_bags(archive_pg *p, char ***bags, size_t *n, folio_diags *d);

/* The editions, current ones unless all, ordered as archive_list orders
 * them. 0 (free with archive_listing_free) or -1 with a diagnostic. */
int archive_pg_list(archive_pg *p, int all, archive_listing *out, folio_diags *d);

/* archive_search on this catalogue: the same terms, every one of which must
 * match (a phrase within the title, the authors or the text), over current
 * editions; ranked by ts_rank (title 10, authors 4, text 1), ties in filing
 * order; at most limit hits (0: 20). 0 (free with archive_hits_free) or -1. */
int archive_pg_search(archive_pg *p, const char *query, size_t limit, archive_hits *out,
                      folio_diags *d);

/* ---- what the web service reads (reader_pg.c; archive_reader with a
 * catalogue URL), each as its SQLite counterpart in archive.h says ---- */

int archive_pg_read_search(archive_pg *p, const archive_query *q, archive_hits *out,
                           folio_diags *d);
char *archive_pg_read_mark(archive_pg *p, const char *query, const char *text, const char *open,
                           const char *close);
int archive_pg_read_list(archive_pg *p, const archive_query *q, archive_listing *out,
                         folio_diags *d);
int archive_pg_read_facets(archive_pg *p, archive_facets *out, folio_diags *d);
int archive_pg_read_edition(archive_pg *p, const char *id, size_t article, archive_edition *out,
                            folio_diags *d);

/* An edition's year as the catalogue page groups it: its year, else its
 * date's (as ARCHIVE_YEAR_SQL in SQLite). */
#define PG_YEAR_SQL                                                                                \
    "(CASE WHEN e.year > 0 THEN e.year WHEN e.date ~ '^[0-9]{4}' THEN"                             \
    " substr(e.date, 1, 4)::integer ELSE 0 END)"

/* One statement with text parameters: its result (PQclear it), or NULL with
 * a diagnostic naming what failed. */
PGresult *archive_pg_query(archive_pg *p, const char *sql, int n, const char *const *v,
                           const char *what, folio_diags *d);

#endif
