/* engine.c — which catalogue a command reads: the archive's own SQLite file, or a
 * shared PostgreSQL database (catalogue_pg.c) that records the same bags. */
#include "archive_private.h"
#include "catalogue_pg.h"

#include "../util/fsutil.h"

#include <string.h>

int archive_catalogue_url(const char *s) {
    return archive_pg_url(s);
}

/* The PostgreSQL catalogue of an existing archive, recovered as every reader
 * recovers; NULL with a diagnostic. */
static archive_pg *open_pg(const char *archive, const char *url, folio_diags *d) {
    if (!fs_is_dir(archive)) return diag_error(d, archive, 0, "no such archive folder"), NULL;
    archive_pg *pg = archive_pg_open(url, d);
    if (pg) archive_recover_pg_on_open(archive, pg, d);
    return pg;
}

int archive_list_in(const char *archive, const char *catalogue, int all, archive_listing *out,
                    folio_diags *d) {
    if (!catalogue) return archive_list(archive, all, out, d);
    memset(out, 0, sizeof *out);
    archive_pg *pg = open_pg(archive, catalogue, d);
    int rc = pg ? archive_pg_list(pg, all, out, d) : -1;
    archive_pg_close(pg);
    return rc;
}

int archive_search_in(const char *archive, const char *catalogue, const char *query, size_t limit,
                      archive_hits *out, folio_diags *d) {
    if (!catalogue) return archive_search(archive, query, limit, out, d);
    memset(out, 0, sizeof *out);
    archive_pg *pg = open_pg(archive, catalogue, d);
    int rc = pg ? archive_pg_search(pg, query, limit, out, d) : -1;
    archive_pg_close(pg);
    return rc;
}
