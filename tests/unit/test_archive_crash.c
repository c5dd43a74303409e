/* test_archive_crash.c — a writer that dies after each step of an add (new and --replace)
 * or of a reindex: the very next command, whichever it is (verify, list, search), sees a
 * whole archive holding every earlier edition, and the journal is gone. A live writer
 * between its steps: readers answer at once from the last commit. A hot rollback journal
 * beside a catalogue of folio 0.1 is rolled back by a reader; a catalogue that is no
 * database is reported with SQLite's message, never as a version. */
#include "archive/archive_private.h"
#include "util/fsutil.h"
#include "check.h"
#include "testfiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct fixture {
    char *archive, *src;
    archive_file files[3];
    archive_add_opts o;
    int nbags;     /* bags the archive holds */
    int ncurrent;  /* current editions */
    int first_cmd; /* which reader goes first after a crash */
} fixture;

/* An edition of 测试月刊 whose one article carries word (a Latin token
 * searched as a whole word). Strings live in arena. */
static archive_record edition(folio_arena *a, int number, const char *word) {
    archive_article *art = arena_calloc(a, 1, sizeof *art);
    char issue[64], text[128];
    snprintf(issue, sizeof issue, "2024年第%d期", number);
    snprintf(text, sizeof text, "本期专题 %s 基层治理。", word);
    *art = (archive_article){arena_strdup(a, word), "王明", "要闻", "article", 1, 2,
                             arena_strdup(a, text), 1};
    archive_record r = {"测试月刊", arena_strdup(a, issue),
                        "2024-01",  2024,
                        number,     4,
                        "编辑部",   "",
                        "t.pdf",    "t.epub",
                        art,        1,
                        0};
    return r;
}

typedef int (*filing_step)(archive_filing *, folio_diags *);
static const filing_step steps[] = {archive_filing_plan, archive_filing_make_bag,
                                    archive_filing_log, archive_filing_place,
                                    archive_filing_commit};
enum { NSTEPS = 5 };

/* Runs begin and the first upto steps (NSTEPS + 1: finish too), then dies
 * as a killed process does: no clean-up, the lock released by the kernel. */
static void die_after(fixture *fx, const archive_record *r, int upto, int ready_fd, int go_fd) {
    folio_diags d;
    diags_init(&d);
    archive_filing f;
    int rc = archive_filing_begin(&f, fx->archive, r, fx->files, 3, &fx->o, &d);
    for (int i = 0; i < upto && i < NSTEPS && !rc; i++)
        rc = steps[i](&f, &d);
    if (ready_fd >= 0) {
        /* a live writer: wait for the parent, then finish */
        char c = 0;
        if (write(ready_fd, "r", 1) != 1 || read(go_fd, &c, 1) != 1) _exit(4);
        for (int i = upto; i < NSTEPS && !rc; i++)
            rc = steps[i](&f, &d);
        upto = NSTEPS + 1;
    }
    if (!rc && upto > NSTEPS) archive_filing_finish(&f, &d);
    if (rc) diags_print(&d, stderr);
    _exit(rc ? 3 : 0);
}

static void crash(fixture *fx, const archive_record *r, int upto) {
    pid_t pid = fork();
    if (pid == 0) die_after(fx, r, upto, -1, -1);
    int st = 0;
    CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st));
}

static int hits(const char *archive, const char *q) {
    folio_diags d;
    diags_init(&d);
    archive_hits h;
    int n = -1;
    if (!archive_search(archive, q, 0, &h, &d)) {
        n = (int)h.n;
        archive_hits_free(&h);
    }
    diags_print(&d, stderr);
    diags_free(&d);
    return n;
}

static int listed(const char *archive) {
    folio_diags d;
    diags_init(&d);
    archive_listing l;
    int n = -1;
    if (!archive_list(archive, 0, &l, &d)) {
        n = (int)l.n;
        archive_listing_free(&l);
    }
    diags_print(&d, stderr);
    diags_free(&d);
    return n;
}

static int verified(const char *archive) {
    folio_diags d;
    diags_init(&d);
    size_t nbags = 0, nfiles = 0;
    int rc = archive_verify(archive, &nbags, &nfiles, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    return rc || d.nerrors ? -1 : (int)nbags;
}

/* The archive is whole: verify, list and search agree with what was filed;
 * each reader in turn is the first to open it after the crash. */
static void check_whole(fixture *fx, const char *where, char *const *words, size_t nwords,
                        const char *gone) {
    int first = fx->first_cmd++ % 3;
    for (int k = 0; k < 3; k++) {
        int cmd = (first + k) % 3;
        if (cmd == 0) CHECKF(verified(fx->archive) == fx->nbags, "%s: verify", where);
        if (cmd == 1) CHECKF(listed(fx->archive) == fx->ncurrent, "%s: list", where);
        if (cmd == 2)
            for (size_t i = 0; i < nwords; i++)
                CHECKF(hits(fx->archive, words[i]) == 1, "%s: search %s", where, words[i]);
    }
    if (gone) CHECKF(hits(fx->archive, gone) == 0, "%s: %s is no longer current", where, gone);
    CHECKF(!archive_journal_present(fx->archive), "%s: the journal is left", where);
}

/* New adds and replacements, killed after each step. */
static void crash_adds(fixture *fx, folio_arena *a, char **words, size_t *nwords) {
    char where[64];
    for (int upto = 0; upto <= NSTEPS + 1; upto++) {
        char *w = arena_strdup(a, "zq000");
        snprintf(w, 6, "zq%03d", upto);
        archive_record r = edition(a, 10 + upto, w);
        crash(fx, &r, upto);
        int done = upto >= NSTEPS; /* the commit was the last step taken */
        fx->nbags += done, fx->ncurrent += done;
        if (done) words[(*nwords)++] = w;
        snprintf(where, sizeof where, "add killed after step %d", upto);
        check_whole(fx, where, words, *nwords, done ? NULL : w);
    }
    /* replacements of the first edition (issue 1), each with a new word */
    for (int upto = 0; upto <= NSTEPS + 1; upto++) {
        char *w = arena_strdup(a, "zr000");
        snprintf(w, 6, "zr%03d", upto);
        archive_record r = edition(a, 1, w);
        fx->o.replace = 1;
        crash(fx, &r, upto);
        fx->o.replace = 0;
        int done = upto >= NSTEPS;
        fx->nbags += done;
        char *old = words[0];
        if (done) words[0] = w;
        snprintf(where, sizeof where, "replace killed after step %d", upto);
        check_whole(fx, where, words, *nwords, done ? old : w);
    }
}

/* A reindex killed after writing its journal (before or after installing
 * the new catalogue): the next reader rewrites index.html and drops it. */
static void crash_reindex(fixture *fx, char **words, size_t nwords) {
    folio_diags d;
    diags_init(&d);
    archive_journal j = {ARCHIVE_JOURNAL_REINDEX, NULL, NULL, 0};
    CHECK(archive_journal_write(fx->archive, &j, &d) == 0);
    check_whole(fx, "reindex killed before installing", words, nwords, NULL);
    CHECK(archive_journal_write(fx->archive, &j, &d) == 0);
    put(fx->archive, "index.html", "stale\n");
    check_whole(fx, "reindex killed before index.html", words, nwords, NULL);
    /* recovery itself killed after moving an unfinished bag out */
    archive_journal a = {ARCHIVE_JOURNAL_ADD, "bags/ce-shi-yue-kan/2099-01", NULL, 0};
    CHECK(archive_journal_write(fx->archive, &a, &d) == 0);
    check_whole(fx, "recovery killed", words, nwords, NULL);
    diags_print(&d, stderr);
    diags_free(&d);
}

/* A writer alive between placing its bag and committing: list and search
 * answer at once from the last commit; the edition appears once it commits. */
static void live_writer(fixture *fx, folio_arena *a) {
    int ready[2], go[2];
    CHECK(pipe(ready) == 0 && pipe(go) == 0);
    archive_record r = edition(a, 40, "zlive");
    pid_t pid = fork();
    if (pid == 0) die_after(fx, &r, 4, ready[1], go[0]);
    char c = 0;
    CHECK(read(ready[0], &c, 1) == 1);
    CHECK(archive_journal_present(fx->archive));
    CHECK(listed(fx->archive) == fx->ncurrent && hits(fx->archive, "zlive") == 0);
    CHECK(archive_journal_present(fx->archive)); /* left to its writer */
    CHECK(write(go[1], "g", 1) == 1);
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st));
    fx->nbags++, fx->ncurrent++;
    CHECK(listed(fx->archive) == fx->ncurrent && hits(fx->archive, "zlive") == 1);
    CHECK(verified(fx->archive) == fx->nbags);
    close(ready[0]), close(ready[1]), close(go[0]), close(go[1]);
}

/* folio 0.1's catalogue (rollback journal) with a hot journal beside it, as a
 * writer killed mid-transaction leaves it: a reader rolls it back. */
static void hot_journal(fixture *fx) {
    char *cat = path2(fx->archive, "catalogue.sqlite"),
         *hot = path2(fx->archive, "catalogue.sqlite-journal");
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(cat, &db) == SQLITE_OK &&
          sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    pid_t pid = fork();
    if (pid == 0) {
        /* a tiny cache spills the changes into the file before the commit */
        sqlite3_open(cat, &db);
        sqlite3_exec(db,
                     "PRAGMA cache_size = 2; BEGIN; UPDATE editions SET journal = 'X';"
                     "CREATE TABLE junk(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL"
                     " SELECT i + 1 FROM c WHERE i < 400) INSERT INTO junk SELECT"
                     " randomblob(3000) FROM c;",
                     NULL, NULL, NULL);
        _exit(0);
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid);
    CHECK(fs_is_file(hot));
    CHECK(listed(fx->archive) == fx->ncurrent);
    CHECK(!fs_is_file(hot));
    CHECK(verified(fx->archive) == fx->nbags);
    free(cat), free(hot);
}

/* A catalogue SQLite cannot read is reported with SQLite's message. */
static void honest_errors(fixture *fx) {
    char *cat = path2(fx->archive, "catalogue.sqlite"), *keep = path2(fx->src, "keep.sqlite");
    CHECK(rename(cat, keep) == 0);
    put(fx->archive, "catalogue.sqlite", "this is no database, and it is long enough to tell\n");
    folio_diags d;
    diags_init(&d);
    archive_listing l;
    CHECK(archive_list(fx->archive, 0, &l, &d) == -1 && d.nerrors == 1);
    CHECK(d.n && strstr(d.items[d.n - 1].msg, "file is not a database") &&
          !strstr(d.items[d.n - 1].msg, "version"));
    CHECK(rename(keep, cat) == 0);
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(cat, &db) == SQLITE_OK &&
          sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL) == SQLITE_OK);
    diags_free(&d);
    CHECK(archive_list(fx->archive, 0, &l, &d) == -1 && d.n &&
          strstr(d.items[0].msg, "catalogue version 1, this one reads 5"));
    CHECK(sqlite3_exec(db, "PRAGMA user_version = 4", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    diags_free(&d);
    free(cat), free(keep);
}

int main(void) {
    char tmpl[] = "/tmp/folio-crash-XXXXXX";
    char *root = mkdtemp(tmpl);
    if (!root) return 1;
    fixture fx = {0};
    fx.archive = path2(root, "archive"), fx.src = path2(root, "src");
    const char *rels[3] = {"edition.yaml", "t.pdf", "t.epub"};
    for (int i = 0; i < 3; i++) {
        put(fx.src, rels[i], "fake payload\n");
        fx.files[i] = (archive_file){path2(fx.src, rels[i]), rels[i]};
    }
    fx.o.software = "folio test";
    folio_arena *a = arena_new();
    folio_diags d;
    diags_init(&d);
    char *words[64];
    size_t nwords = 0;
    const char *first[2] = {"zbase", "zsecond"};
    for (int i = 0; i < 2; i++) {
        archive_record r = edition(a, 1 + i, first[i]);
        CHECK(archive_add(fx.archive, &r, fx.files, 3, &fx.o, NULL, &d) == 0);
        words[nwords++] = arena_strdup(a, first[i]);
    }
    diags_print(&d, stderr);
    fx.nbags = fx.ncurrent = 2;

    crash_adds(&fx, a, words, &nwords);
    crash_reindex(&fx, words, nwords);
    live_writer(&fx, a);
    hot_journal(&fx);
    honest_errors(&fx);

    diags_free(&d);
    arena_free(a);
    if (!failures)
        archive_rmtree(root);
    else
        fprintf(stderr, "archive left in %s\n", fx.archive);
    free(fx.archive), free(fx.src);
    for (int i = 0; i < 3; i++)
        free((char *)fx.files[i].src);
    printf("test_archive_crash: %d failure(s)\n", failures);
    return failures != 0;
}
