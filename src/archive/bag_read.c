/* bag_read.c — reads a bag's catalogue record back (for reindex). */
#include "archive_private.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *col_str(sqlite3_stmt *st, int i, folio_arena *a) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return arena_strdup(a, t ? (const char *)t : "");
}

int archive_read_record(sqlite3 *db, const char *dir, const char *label, folio_arena *arena,
                        archive_record *out, char **bagging_date, char **supersedes,
                        folio_diags *d) {
    memset(out, 0, sizeof *out);
    *bagging_date = *supersedes = NULL;
    char *path = fs_join(dir, "folio-catalogue.json"), *json = NULL, *info = NULL;
    size_t len = 0;
    int rc = -1;
    sqlite3_stmt *st = NULL;
    int e = path ? fs_read_file(path, 0, &json, &len) : ENOMEM;
    free(path);
    if (e) {
        diag_error(d, label, 0, "cannot read folio-catalogue.json: %s", strerror(e));
        return -1;
    }
    path = fs_join(dir, "bag-info.txt");
    e = path ? fs_read_file(path, 1 << 20, &info, NULL) : ENOMEM;
    free(path);
    if (e) {
        diag_error(d, label, 0, "cannot read bag-info.txt: %s", strerror(e));
        goto done;
    }
    *bagging_date = archive_info_value(info, "Bagging-Date");
    *supersedes = archive_info_value(info, "Folio-Supersedes");

    static const char head_sql[] =
        "SELECT json_valid(?1), json_extract(?1,'$.journal'), json_extract(?1,'$.issue'),"
        " json_extract(?1,'$.date'), json_extract(?1,'$.year'), json_extract(?1,'$.number'),"
        " json_extract(?1,'$.pages'), json_extract(?1,'$.publisher'),"
        " json_extract(?1,'$.identifier'), json_extract(?1,'$.pdf'),"
        " json_extract(?1,'$.epub'), json_array_length(?1,'$.articles'),"
        " json_extract(?1,'$.origin') IS 'imported'";
    if (sqlite3_prepare_v2(db, head_sql, -1, &st, NULL) != SQLITE_OK) goto sqlerr;
    sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) goto sqlerr;
    if (!sqlite3_column_int(st, 0) || sqlite3_column_type(st, 1) != SQLITE_TEXT ||
        sqlite3_column_type(st, 2) != SQLITE_TEXT) {
        diag_error(d, label, 0, "folio-catalogue.json is not a folio catalogue record");
        goto done;
    }
    out->journal = col_str(st, 1, arena);
    out->issue = col_str(st, 2, arena);
    out->date = col_str(st, 3, arena);
    out->year = sqlite3_column_int(st, 4);
    out->number = sqlite3_column_int(st, 5);
    out->pages = sqlite3_column_int(st, 6);
    out->publisher = col_str(st, 7, arena);
    out->identifier = col_str(st, 8, arena);
    out->pdf = col_str(st, 9, arena);
    out->epub = col_str(st, 10, arena);
    sqlite3_int64 n = sqlite3_column_int64(st, 11);
    out->imported = sqlite3_column_int(st, 12);
    sqlite3_finalize(st);
    st = NULL;
    out->articles = arena_calloc(arena, n > 0 ? (size_t)n : 1, sizeof *out->articles);
    if (!out->articles) goto oom;
    static const char art_sql[] =
        "SELECT json_extract(value,'$.title'), json_extract(value,'$.authors'),"
        " json_extract(value,'$.section'), json_extract(value,'$.kind'),"
        " json_extract(value,'$.first_page'), json_extract(value,'$.last_page'),"
        " json_extract(value,'$.text'), json_extract(value,'$.pdf_page')"
        " FROM json_each(?1,'$.articles') ORDER BY key";
    if (sqlite3_prepare_v2(db, art_sql, -1, &st, NULL) != SQLITE_OK) goto sqlerr;
    sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW && out->narticles < (size_t)n) {
        archive_article *a = &out->articles[out->narticles++];
        a->title = col_str(st, 0, arena);
        a->authors = col_str(st, 1, arena);
        a->section = col_str(st, 2, arena);
        a->kind = col_str(st, 3, arena);
        a->first_page = sqlite3_column_int(st, 4);
        a->last_page = sqlite3_column_int(st, 5);
        a->text = col_str(st, 6, arena);
        a->pdf_page = sqlite3_column_int(st, 7);
        if (!a->title || !a->authors || !a->section || !a->kind || !a->text) goto oom;
    }
    if (!out->journal || !out->issue || !out->date || !out->publisher || !out->identifier ||
        !out->pdf || !out->epub)
        goto oom;
    rc = 0;
    goto done;
oom:
    diag_error(d, label, 0, "out of memory");
    goto done;
sqlerr:
    diag_error(d, label, 0, "cannot read folio-catalogue.json: %s", sqlite3_errmsg(db));
done:
    sqlite3_finalize(st);
    free(json);
    free(info);
    return rc;
}
