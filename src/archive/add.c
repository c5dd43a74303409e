/* add.c — files one edition: its bag built aside, journalled, put in place, committed.
 *
 * The catalogue's commit is the one instant at which the edition enters the
 * archive; every step before it can be undone from the journal, every step
 * after it redone (journal.c). */
#include "archive_private.h"
#include "catalogue_pg.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Archival time is real time: the day the bag was made, unless
 * SOURCE_DATE_EPOCH pins it (reproducible tests). */
static void bagging_date(char out[16]) {
    time_t t = time(NULL);
    long long v;
    if (date_source_epoch(&v, NULL) == 1) t = (time_t)v;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

/* A new archive gets an empty catalogue (made aside and renamed in, like
 * every catalogue); an archive with bags but no catalogue is damaged, and
 * only reindex decides what its bags say. */
static int ensure_catalogue(archive_filing *f, folio_diags *d) {
    if (fs_is_file(f->cat)) return 0;
    char **bags = NULL;
    size_t n = 0;
    int e = archive_find_bags(f->archive, &bags, &n);
    archive_names_free(bags, n);
    if (e) return diag_error(d, f->archive, 0, "cannot list the bags: %s", strerror(e));
    if (n)
        return diag_error(d, f->cat, 0,
                          "missing; rebuild it from the bags with `folio archive reindex`");
    return archive_reindex_locked(f->archive, &n, d);
}

int archive_filing_begin(archive_filing *f, const char *archive, const archive_record *rec,
                         const archive_file *files, size_t nfiles, const archive_add_opts *o,
                         folio_diags *d) {
    *f = (archive_filing){archive, rec, files, nfiles, o, .lock = -1};
    if (!rec->journal || !*rec->journal || !rec->issue || !*rec->issue)
        return diag_error(d, NULL, 0, "an edition needs a journal and an issue to be archived");
    bagging_date(f->date);
    f->cat = fs_join(archive, "catalogue.sqlite");
    if (!f->cat) return diag_error(d, NULL, 0, "out of memory");
    f->lock = archive_lock(archive, d);
    if (f->lock < 0) return -1;
    if (o && o->catalogue) {
        /* the bags stay here; the catalogue that records them is shared */
        if (!(f->pg = archive_pg_open(o->catalogue, d))) return -1;
        if (archive_recover_pg_locked(archive, f->pg, d)) return -1;
        archive_clean_tmp(archive);
        return 0;
    }
    if (archive_recover_locked(archive, d)) return -1;
    archive_clean_tmp(archive);
    if (ensure_catalogue(f, d)) return -1;
    f->db = archive_db_open(f->cat, ARCHIVE_DB_WRITE, d);
    return f->db ? 0 : -1;
}

/* Whether the catalogue lists bag: 1, 0 or -1 with a diagnostic. */
static int lists_bag(archive_filing *f, const char *bag, folio_diags *d) {
    if (f->pg) return archive_pg_has_bag(f->pg, bag, d);
    int has = archive_db_has_bag(f->db, bag);
    if (has < 0) diag_error(d, f->cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(f->db));
    return has;
}

/* bags/JOURNAL/ISSUE, else ISSUE.2, ISSUE.3 … : the first name no bag on
 * disk and no catalogue row has ever had, so that a filed bag never moves
 * and its path never means another bag. */
static char *fresh_bag_path(archive_filing *f, folio_diags *d) {
    char *js = archive_slug(f->rec->journal), *is = archive_issue_slug(f->rec);
    char *out = NULL;
    int bad = !js || !is;
    if (bad) diag_error(d, NULL, 0, "out of memory");
    for (int n = 1; !bad && !out && n < 10000; n++) {
        char rel[256];
        if (n == 1)
            snprintf(rel, sizeof rel, "bags/%s/%s", js, is);
        else
            snprintf(rel, sizeof rel, "bags/%s/%s.%d", js, is, n);
        char *full = fs_join(f->archive, rel);
        int on_disk = full && fs_is_dir(full), listed = lists_bag(f, rel, d);
        free(full);
        if (listed < 0)
            bad = 1;
        else if (on_disk && !listed)
            bad = diag_error(d, f->archive, 0,
                             "%s exists but is not in the catalogue; run `folio archive reindex`",
                             rel);
        else if (!on_disk && !listed && !(out = strdup(rel)))
            bad = diag_error(d, NULL, 0, "out of memory");
    }
    if (!out && !bad)
        diag_error(d, f->archive, 0, "no free folder name for 《%s》%s", f->rec->journal,
                   f->rec->issue);
    free(js);
    free(is);
    return out;
}

int archive_filing_plan(archive_filing *f, folio_diags *d) {
    int err = 0;
    if (f->pg)
        f->cur = archive_pg_current_bag(f->pg, f->rec->journal, f->rec->issue, &err, d);
    else
        f->cur = archive_db_current_bag(f->db, f->rec->journal, f->rec->issue, &err);
    if (err && f->pg) return -1;
    if (err)
        return diag_error(d, f->cat, 0, "cannot read the catalogue: %s", sqlite3_errmsg(f->db));
    if (f->cur && !(f->o && f->o->replace))
        return diag_error(d, f->archive, 0,
                          "《%s》%s is already archived (%s); an archived edition is never "
                          "changed — use --replace to keep it as superseded and file this one",
                          f->rec->journal, f->rec->issue, f->cur);
    f->bag = fresh_bag_path(f, d);
    return f->bag ? 0 : -1;
}

int archive_filing_make_bag(archive_filing *f, folio_diags *d) {
    f->work = archive_mkwork(f->archive, "bag", 1);
    if (!f->work)
        return diag_error(d, f->archive, 0, "cannot create a work folder: %s", strerror(errno));
    return archive_write_bag(f->work, f->rec, f->files, f->nfiles, f->o, f->date, f->cur, d);
}

int archive_filing_log(archive_filing *f, folio_diags *d) {
    archive_journal j = {ARCHIVE_JOURNAL_ADD, f->bag, f->cur, f->pg != NULL};
    if (archive_journal_write(f->archive, &j, d)) return -1;
    f->logged = 1;
    return 0;
}

/* mkdir -p of the bag's folder's parent, each new level synced into its own
 * parent, so that the rename below survives a power cut. */
static int make_parents(const char *archive, const char *bag) {
    char *full = fs_join(archive, bag);
    if (!full) return ENOMEM;
    int e = 0;
    size_t root = strlen(archive);
    for (char *p = full + root + 1; !e && (p = strchr(p, '/')); p++) {
        *p = 0;
        int existed = fs_is_dir(full);
        if (!existed) e = fs_mkdirs(full);
        if (!e && !existed) {
            char *up = strrchr(full, '/');
            *up = 0;
            e = archive_fsync_dir(full);
            *up = '/';
        }
        *p = '/';
    }
    free(full);
    return e;
}

int archive_filing_place(archive_filing *f, folio_diags *d) {
    char *to = fs_join(f->archive, f->bag);
    int e = to ? make_parents(f->archive, f->bag) : ENOMEM;
    if (!e && rename(f->work, to)) e = errno;
    if (!e) {
        f->placed = 1;
        char *slash = strrchr(to, '/');
        *slash = 0;
        e = archive_fsync_dir(to);
    }
    if (e) diag_error(d, to ? to : f->archive, 0, "cannot put the bag in place: %s", strerror(e));
    free(to);
    return e ? -1 : 0;
}

int archive_filing_commit(archive_filing *f, folio_diags *d) {
    if (f->pg ? archive_pg_file(f->pg, f->rec, f->bag, f->date, f->cur, d)
              : archive_db_file(f->db, f->cat, f->rec, f->bag, f->date, f->cur, d))
        return -1;
    f->committed = 1;
    return 0;
}

void archive_filing_finish(archive_filing *f, folio_diags *d) {
    folio_diags later;
    diags_init(&later);
    /* index.html lists the archive's own catalogue; a shared one is read
     * through its readers */
    if ((f->db && archive_write_index_db(f->archive, f->db, &later)) ||
        archive_journal_clear(f->archive, &later)) {
        diag_warning(d, f->archive, 0,
                     "the edition is archived; what is left (index.html, the journal) is done "
                     "by the next command on the archive");
        for (size_t i = 0; i < later.n; i++)
            diag_warning(d, later.items[i].path, later.items[i].line, "%s", later.items[i].msg);
    }
    diags_free(&later);
    f->logged = 0;
}

void archive_filing_end(archive_filing *f, folio_diags *d) {
    sqlite3_close(f->db);
    f->db = NULL;
    /* what recovery would do after a crash here: the catalogue decides */
    if (f->logged && f->pg)
        archive_recover_pg_locked(f->archive, f->pg, d);
    else if (f->logged)
        archive_recover_locked(f->archive, d);
    archive_pg_close(f->pg);
    f->pg = NULL;
    if (f->work && !f->placed) archive_rmtree(f->work);
    archive_unlock(f->lock);
    free(f->cat);
    free(f->cur);
    free(f->bag);
    free(f->work);
    memset(f, 0, sizeof *f);
    f->lock = -1;
}

int archive_add(const char *archive, const archive_record *rec, const archive_file *files,
                size_t nfiles, const archive_add_opts *o, char **bag_out, folio_diags *d) {
    if (bag_out) *bag_out = NULL;
    archive_filing f;
    int rc = archive_filing_begin(&f, archive, rec, files, nfiles, o, d);
    if (!rc) rc = archive_filing_plan(&f, d);
    if (!rc) rc = archive_filing_make_bag(&f, d);
    if (!rc) rc = archive_filing_log(&f, d);
    if (!rc) rc = archive_filing_place(&f, d);
    if (!rc) rc = archive_filing_commit(&f, d);
    if (!rc) archive_filing_finish(&f, d);
    if (!rc && bag_out) *bag_out = f.bag, f.bag = NULL;
    archive_filing_end(&f, d);
    return rc;
}
