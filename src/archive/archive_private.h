/* archive_private.h — what the archive's files share; not for other modules
 * (the unit tests use it to test the pieces). */
#ifndef FOLIO_ARCHIVE_PRIVATE_H
#define FOLIO_ARCHIVE_PRIVATE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../util/buf.h"
#include "archive.h"

/* ---- folding (fold.c) ----------------------------------------------------- */

/* Folds Han characters for search: compatibility forms (CJK compatibility
 * ideographs, Kangxi radicals) to the unified character by NFKC, then
 * Traditional to Simplified by OpenCC's t2s, character by character. It fills
 * its table as it goes, so one fold serves one thread at a time (each
 * catalogue connection has its own). */
typedef struct archive_fold archive_fold;

/* A new fold; NULL with *why (a static English reason) when OpenCC or ICU
 * cannot load their data. Free with archive_fold_free (NULL allowed). */
archive_fold *archive_fold_new(const char **why);
void archive_fold_free(archive_fold *f);

/* Sets *out to the folded form of c (c itself when nothing folds it; any c
 * when f is NULL). 0, or -1 when memory ran out. */
int archive_fold_char(archive_fold *f, uint32_t c, uint32_t *out);

/* ---- tokenizer (tokenize.c) ---------------------------------------------- */

/* Receives one token: its text (folded, lowercased), byte range in the input,
 * and whether it shares the position of the token before (colocated). */
typedef int (*archive_token_cb)(void *ctx, int colocated, const char *tok, size_t len, size_t start,
                                size_t end);

/* Splits UTF-8 text into search tokens. Han (and kana, hangul) characters,
 * folded by f (NULL: as they are): for a document, every character as a
 * unigram at its own position plus the bigram it starts (colocated, same
 * position); for a query, every character but the last as the bigram it
 * starts, at consecutive positions, so that a run is a phrase that matches
 * the same characters in a document, and the last as a unigram when it is
 * the run's only character or when more tokens follow it in the text (to
 * keep their positions in step with the document's). Letters and digits of other scripts form
 * lowercased words (full-width forms as ASCII). Everything else separates
 * tokens. Stops and returns the callback's value when it is non-zero; -1
 * when folding ran out of memory. */
int archive_tokenize(archive_fold *f, const char *text, size_t len, int query, archive_token_cb cb,
                     void *ctx);

/* Registers the tokenizer as "folio" with the FTS5 of db, with a fold of its
 * own that lives as long as the connection. SQLITE_OK or an SQLite error
 * code. */
int archive_register_tokenizer(sqlite3 *db);

/* db's FTS5 API (NULL when it has none). */
fts5_api *archive_fts5(sqlite3 *db);

/* The fold of db's "folio" tokenizer (NULL when none is registered). */
archive_fold *archive_db_fold(sqlite3 *db);

/* ---- queries (query.c): what was typed, as FTS5 asks it and as it is marked ---- */

/* A query split into terms, all of which must match: words and runs of Han
 * characters separated by spaces, or "phrases in quotes" (ASCII, “”, 「」 or
 * 『』 quotes), each term a phrase once tokenized. Terms without a searchable
 * character are dropped. */
typedef struct archive_terms {
    char **text;     /* each term as typed (quotes removed), malloc'd */
    uint64_t **toks; /* its query tokens, hashed */
    size_t *ntoks;
    size_t n;
} archive_terms;

/* At most this many terms are kept (a longer query is cut). */
#define ARCHIVE_TERMS_MAX 16

/* Parses q. 0 (t->n may be 0), or -1 when memory ran out. Free with
 * archive_terms_free (also after an error). */
int archive_terms_parse(archive_fold *f, const char *q, archive_terms *t);
void archive_terms_free(archive_terms *t);

/* The FTS5 MATCH expression of the terms: each a quoted string, all ANDed.
 * malloc'd; NULL on OOM. */
char *archive_terms_fts(const archive_terms *t);

/* text with every match of a term between open and close. window 0: the
 * whole text (control characters but newlines as spaces); else an extract of
 * about window characters around the first match (the start when none), "…"
 * where it was cut, on one line (newlines as spaces too). malloc'd; NULL on
 * OOM. */
char *archive_terms_mark(archive_fold *f, const archive_terms *t, const char *text, size_t window,
                         const char *open, const char *close);

/* ---- names and encodings (names.c) ------------------------------------------ */

/* An ASCII slug ([a-z0-9-], at most 48 bytes) for s: its transliteration to
 * Latin when ICU can make one, else "x" + 10 hex digits of its SHA-256.
 * malloc'd; NULL on OOM. */
char *archive_slug(const char *s);

/* The issue's slug: YYYY-NN from year and number when both are known, else
 * archive_slug(issue). malloc'd; NULL on OOM. */
char *archive_issue_slug(const archive_record *r);

/* Appends path to b, percent-encoding CR, LF and '%' as RFC 8493 requires
 * of manifest paths. */
void archive_pct_encode(folio_buf *b, const char *path);

/* Decodes %XX sequences of a manifest path into a malloc'd string (NULL on
 * OOM or when a %XX is malformed). */
char *archive_pct_decode(const char *s, size_t len);

/* Appends s HTML-escaped to b with buf_put_xml (NULL: nothing; JSON strings:
 * buf_put_json_str). */
void archive_html_str(folio_buf *b, const char *s);

/* Appends a relative path percent-encoded for an href (UTF-8 bytes, spaces
 * and reserved characters as %XX, '/' kept). */
void archive_href(folio_buf *b, const char *path);

/* a/b joined with one '/', in arena; NULL on OOM. */
char *archive_join_arena(folio_arena *arena, const char *a, const char *b);

/* ---- files (files.c) ------------------------------------------------------------ */

/* Digests of one file. */
typedef struct archive_digests {
    char sha256[65], sha512[129];
    uint64_t size;
} archive_digests;

/* Copies src to dst (created, mode 0644), hashing as it goes, fsyncs dst.
 * src NULL: hash dst only. 0 or an errno value. */
int archive_copy_hash(const char *src, const char *dst, archive_digests *dg);

/* The hex digest of a file with the named algorithm ("sha256", "sha512",
 * "sha1", "md5"); 0, ENOENT..., or EINVAL for an unknown algorithm. out holds
 * at least 129 bytes. */
int archive_hash_file(const char *path, const char *algo, char *out);

/* Writes data to path (not atomic: inside a bag under construction) and
 * fsyncs it. 0 or an errno value. */
int archive_write_file(const char *path, const void *data, size_t len);

/* Replaces archive/name atomically: written and fsynced under .tmp (where
 * an interrupted write leaves its remains for archive_clean_tmp), renamed,
 * the folder fsynced. 0 or an errno value. */
int archive_write_into(const char *archive, const char *name, const void *data, size_t len);

/* fsyncs a directory. 0 or an errno value. */
int archive_fsync_dir(const char *path);

/* Removes a file or folder tree. 0 or an errno value. */
int archive_rmtree(const char *path);

/* Calls cb for every regular file below root/dir (dir "" for root itself),
 * in sorted order, with the path relative to root. Stops at the first
 * non-zero return. Non-regular entries (symlinks, devices) are passed with
 * regular = 0. Returns cb's value, 0, or an errno value (as negative). */
typedef int (*archive_walk_cb)(void *ctx, const char *rel, int regular);
int archive_walk(const char *root, const char *dir, archive_walk_cb cb, void *ctx);

/* The sorted names of the subfolders (dirs set) or regular files of dir,
 * hidden ones left out (malloc'd array of malloc'd strings; free with
 * archive_names_free). A missing dir has 0 names. 0 or an errno value. */
int archive_list_dir(const char *dir, int dirs, char ***names, size_t *n);
void archive_names_free(char **names, size_t n);

/* The relative paths of every bag folder (bags/J/I and, in archives made
 * before bags stayed in place, superseded/J/I), sorted, as a malloc'd array of
 * malloc'd strings (free with archive_names_free). 0 or an errno value. */
int archive_find_bags(const char *archive, char ***bags, size_t *n);

/* Whether the sorted array v of n strings holds s. */
int archive_names_has(char *const *v, size_t n, const char *s);

/* ---- bags (bag.c) --------------------------------------------------------------- */

/* Writes a complete bag into the empty folder dir: payload, manifests,
 * bagit.txt, bag-info.txt, folio-catalogue.json, folio-cover.png and the tag
 * manifest, every file and folder fsynced. supersedes: path of the bag this
 * one replaces (relative to the archive) or NULL. Returns 0 or -1 with
 * diagnostics (the folder then holds part of a bag; the caller removes it). */
int archive_write_bag(const char *dir, const archive_record *rec, const archive_file *files,
                      size_t nfiles, const archive_add_opts *o, const char *bagging_date,
                      const char *supersedes, folio_diags *d);

/* Checks one bag (its manifests, tag manifests, Payload-Oxum, unlisted
 * files). label is how problems name the bag's files (e.g. the archive path
 * joined with the bag path). Adds the files checked to *nfiles. Returns the
 * number of problems found (each an error in d). */
size_t archive_verify_bag(const char *dir, const char *label, size_t *nfiles, folio_diags *d);

/* Reads a bag's catalogue record (folio-catalogue.json) with db's JSON
 * functions into arena. Returns 0 or -1 with a diagnostic naming label. */
int archive_read_record(sqlite3 *db, const char *dir, const char *label, folio_arena *arena,
                        archive_record *out, char **bagging_date, char **supersedes,
                        folio_diags *d);

/* The value of label in bag-info text (first occurrence), malloc'd, or NULL. */
char *archive_info_value(const char *text, const char *label);

/* ---- catalogue (catalogue.c) -------------------------------------------------- */

typedef enum {
    ARCHIVE_DB_READ,   /* queries only (query_only set) */
    ARCHIVE_DB_WRITE,  /* an existing catalogue, switched to WAL, full sync */
    ARCHIVE_DB_CREATE, /* a new, empty file: the schema is created */
} archive_db_mode;

/* Opens the catalogue file at path. Every mode opens the file read-write
 * where the operating system allows, so that SQLite rolls back a hot journal
 * or replays a WAL that an interrupted writer left; ARCHIVE_DB_READ then sets
 * query_only. A failed open or query is reported with SQLite's message; only
 * a catalogue read without error whose user_version differs is reported as
 * another version's. NULL with a diagnostic naming path. */
sqlite3 *archive_db_open(const char *path, archive_db_mode mode, folio_diags *d);

/* Inserts one edition, its articles and their full text (inside the caller's
 * transaction); key is the bag of the issue's first filing (bag itself for
 * a first filing). Returns 0 or -1 with a diagnostic. */
int archive_db_insert(sqlite3 *db, const archive_record *rec, const char *bag, const char *key,
                      const char *bagging_date, int superseded, folio_diags *d);

/* The bag of the current edition journal+issue, malloc'd, or NULL when none
 * (*err set on a database error). */
char *archive_db_current_bag(sqlite3 *db, const char *journal, const char *issue, int *err);

/* Whether the catalogue lists bag: 1, 0, or -1 on a database error. */
int archive_db_has_bag(sqlite3 *db, const char *bag);

/* Every bag the catalogue lists, sorted (malloc'd array of malloc'd strings,
 * archive_names_free). 0 or -1 on a database error (message in db). */
int archive_db_bags(sqlite3 *db, char ***bags, size_t *n);

/* Records the filing of rec in bag, marking supersedes (when not NULL)
 * superseded and keeping its key, in one transaction. 0 or -1 with a
 * diagnostic naming cat. */
int archive_db_file(sqlite3 *db, const char *cat, const archive_record *rec, const char *bag,
                    const char *bagging_date, const char *supersedes, folio_diags *d);

/* ---- index.html (index_html.c) --------------------------------------------------- */

/* Renders index.html for the catalogue db into out. 0 or -1 with a
 * diagnostic. */
int archive_render_index(sqlite3 *db, const char *archive, folio_buf *out, folio_diags *d);

/* Renders and atomically rewrites archive/index.html from db. 0 or -1. */
int archive_write_index_db(const char *archive, sqlite3 *db, folio_diags *d);

/* ---- ranking (rank.c) ------------------------------------------------------------ */

/* What folio_rank() keeps for one connection: every article's length. */
typedef struct archive_rank archive_rank;

/* Registers folio_rank(articles_fts, WEIGHT...), bm25's score with the
 * lengths read from memory, on db; the state lives as long as the
 * connection. NULL on OOM. */
archive_rank *archive_rank_register(sqlite3 *db);

/* Loads the lengths again when another connection has committed since they
 * were loaded (call it inside the read transaction of the query). 0, -1 OOM,
 * -2 an SQLite error. */
int archive_rank_refresh(archive_rank *r, sqlite3 *db);

/* The current data version of db (PRAGMA data_version), -1 on error. */
sqlite3_int64 archive_data_version(sqlite3 *db);

/* ---- filters (filter.c) ---------------------------------------------------------- */

/* The set behind folio_allowed(rowid): the articles a search's filters let
 * through (one connection's). */
typedef struct archive_filter archive_filter;

/* Registers folio_allowed(rowid) on db; the set lives as long as the
 * connection. NULL on OOM. */
archive_filter *archive_filter_register(sqlite3 *db);

/* Makes the set: the articles of current editions that q's journal, year and
 * section let through. 0, -1 OOM, -2 an SQLite error. */
int archive_filter_set(archive_filter *f, sqlite3 *db, const archive_query *q);

/* ---- reading (reader.c) ------------------------------------------------------ */

struct archive_reader {
    char *archive, *cat;
    struct archive_pg *pg; /* the catalogue on PostgreSQL; then db is NULL */
    sqlite3 *db;
    dev_t dev; /* the catalogue file db has open */
    ino_t ino;
    archive_rank *rank;     /* db's folio_rank() */
    archive_filter *filter; /* db's folio_allowed() */
    struct {
        const char *sql; /* a static string: the key */
        sqlite3_stmt *st;
    } stmts[16];                      /* statements kept prepared (archive_reader_stmt) */
    sqlite3_int64 superseded_version; /* data_version when has_superseded was read; -1 */
    int has_superseded;               /* some edition was superseded */
    archive_facets facets;            /* the last facets, while the catalogue is unchanged */
    sqlite3_int64 facets_version;     /* data_version they were read at; -1 none */
};

/* The reader's connection, reopened first when the catalogue file was
 * replaced. NULL with a diagnostic. */
sqlite3 *archive_reader_db(archive_reader *r, folio_diags *d);

/* The statement of sql (a static string) on r's connection, prepared once
 * and kept: the caller resets it when done, never finalizes it. NULL on an
 * SQLite error (its message in the connection). */
sqlite3_stmt *archive_reader_stmt(archive_reader *r, const char *sql);

/* Runs fn(db, ctx) on r's connection inside one read transaction, so that
 * its statements see one state of the catalogue. fn returns 0, 1 (nothing
 * found), -1 (out of memory) or -2 (an SQLite error, still in db); the last
 * two are reported here. Returns 0, 1 or -1. */
typedef int (*archive_read_fn)(sqlite3 *db, void *ctx);
int archive_read_run(archive_reader *r, archive_read_fn fn, void *ctx, folio_diags *d);

/* Column i of st copied into the arena ("" for NULL); NULL on OOM. */
const char *archive_col_dup(folio_arena *a, sqlite3_stmt *st, int i);

/* An edition's year as the catalogue page groups it: its year, else its
 * date's (SQL over editions AS e). */
#define ARCHIVE_YEAR_SQL                                                                           \
    "(CASE WHEN e.year > 0 THEN e.year ELSE CAST(substr(e.date, 1, 4) AS INTEGER) END)"

/* ---- thumbnails (thumb.c, render.c) ------------------------------------------------ */

/* Thumbnails are this size in pixels (an A4-like page). */
#define ARCHIVE_THUMB_W 180
#define ARCHIVE_THUMB_H 254

/* Draws the first page of the laid-out document (backgrounds, rules,
 * pictures and text, the PDF's display list) as a PNG thumbnail at path;
 * f NULL draws no text. Returns 0 or -1 with a diagnostic. */
int archive_render_cover(const char *path, const folio_doc *doc, const folio_fonts *f,
                         folio_diags *d);

/* An RGB picture, row-major, malloc'd px. */
typedef struct archive_rgb {
    unsigned char *px;
    int w, h;
} archive_rgb;

/* Decodes a PNG or JPEG (decided by content) into RGB, reduced while
 * decoding when it is much larger than a thumbnail. 0 or -1. */
int archive_read_image(const char *path, archive_rgb *im);

/* Writes RGB pixels as a PNG (deterministic: no time chunk), fsynced. 0 or -1 with a
 * diagnostic. */
int archive_write_png(const char *path, const unsigned char *rgb, int w, int h, folio_diags *d);

/* Draws a cover thumbnail PNG at path: the cover image scaled to fill (or a
 * plain colour), with the journal and issue written on a band in f's Hei
 * role (no lettering when f is NULL). Returns 0 or -1 with a diagnostic. */
int archive_thumbnail(const char *path, const char *cover_image, const folio_fonts *f,
                      const char *journal, const char *issue, folio_diags *d);

/* ---- locks and work files (lock.c) ------------------------------------------------ */

/* Takes the writer lock (archive/.lock, flock LOCK_EX), waiting for another
 * writer, and creates the archive's folders; returns the lock's fd or -1 with
 * a diagnostic. archive_unlock releases any lock. */
int archive_lock(const char *archive, folio_diags *d);
void archive_unlock(int fd);

/* Takes the writer lock only if no one holds it: its fd, or -1 with errno
 * (EWOULDBLOCK: a live writer holds it; EACCES, EROFS...: this process cannot
 * write the archive). Creates nothing but the lock file. */
int archive_trylock(const char *archive);

/* Takes the lock shared (LOCK_SH), waiting for a writer to finish: no
 * filing runs while it is held. Returns the fd, -2 when the archive has no
 * lock file (no writer ever ran, nothing to wait for), or -1 with errno. */
int archive_lock_shared(const char *archive);

/* Removes what interrupted processes left in archive/.tmp (entries of
 * processes that are gone). 0 or an errno value. */
int archive_clean_tmp(const char *archive);

/* Creates a work folder (dir set) or empty file archive/.tmp/KIND-PID-XXXXXX;
 * malloc'd path or NULL with errno set. */
char *archive_mkwork(const char *archive, const char *kind, int dir);

/* ---- the filing journal and recovery (journal.c) ------------------------------------ */

/* What a writer is about to change, written (and fsynced) to archive/.journal
 * before it changes anything a reader could see, and removed when the change
 * is complete. */
typedef enum { ARCHIVE_JOURNAL_ADD = 1, ARCHIVE_JOURNAL_REINDEX } archive_journal_op;

typedef struct archive_journal {
    archive_journal_op op;
    char *bag;        /* ADD: the new bag's path (relative to the archive) */
    char *supersedes; /* ADD: the bag it replaces, or NULL */
    int pg;           /* ADD: filed on a PostgreSQL catalogue (catalogue_pg.c) */
} archive_journal;

/* Writes the journal atomically (under .tmp, fsynced, renamed, folder
 * fsynced). 0 or -1 with a diagnostic. */
int archive_journal_write(const char *archive, const archive_journal *j, folio_diags *d);

/* Reads the journal: 1 and *j filled (free with archive_journal_free), 0
 * when there is none, -1 with a diagnostic when it cannot be read. */
int archive_journal_read(const char *archive, archive_journal *j, folio_diags *d);
void archive_journal_free(archive_journal *j);

/* Removes the journal (the change is complete). 0 or -1 with a diagnostic. */
int archive_journal_clear(const char *archive, folio_diags *d);

/* Rewrites index.html from the catalogue (left as it is when the catalogue
 * cannot be opened: readers report that) and removes the journal. 0 or -1. */
int archive_journal_finish(const char *archive, folio_diags *d);

/* Whether a journal (or the .pending of folio 0.1) is present. */
int archive_journal_present(const char *archive);

/* Finishes or undoes what the journal says an interrupted writer was doing:
 * an add whose bag the catalogue lists is finished (index.html rewritten), one
 * it does not list is undone (the bag leaves bags/); an interrupted reindex
 * leaves the catalogue as it was or as rebuilt, and index.html is rewritten.
 * Then the journal goes. The caller holds the writer lock. 0 (also when
 * there was nothing to do) or -1 with diagnostics (the journal stays). */
int archive_recover_locked(const char *archive, folio_diags *d);

/* archive_recover_locked for an archive whose catalogue is on PostgreSQL
 * (pg open): an add the catalogue lists is finished, one it does not list is
 * undone. 0 or -1 with diagnostics (the journal stays). */
struct archive_pg;
int archive_recover_pg_locked(const char *archive, struct archive_pg *pg, folio_diags *d);

/* archive_recover_on_open for an archive whose catalogue is pg. */
void archive_recover_pg_on_open(const char *archive, struct archive_pg *pg, folio_diags *d);

/* What every reader does first: when a journal is present and no writer
 * holds the lock, takes it and recovers; when a writer holds it, or this
 * process cannot write the archive, leaves it (the catalogue's last commit
 * is consistent). Problems are warnings. */
void archive_recover_on_open(const char *archive, folio_diags *d);

/* Recovers (archive_recover_on_open) and opens archive/catalogue.sqlite for
 * reading; NULL with a diagnostic when the archive or its catalogue is
 * missing or unusable. */
sqlite3 *archive_open_catalogue(const char *archive, folio_diags *d);

/* ---- filing, step by step (add.c) ------------------------------------------------- */

/* One add in progress. The steps run in this order; a process that dies
 * after any of them leaves what archive_recover_locked finishes or undoes
 * (tests/unit/test_archive_crash.c stops after each). */
typedef struct archive_filing {
    const char *archive;
    const archive_record *rec;
    const archive_file *files;
    size_t nfiles;
    const archive_add_opts *o;
    int lock;              /* the writer lock's fd */
    sqlite3 *db;           /* the catalogue, open for writing; or */
    struct archive_pg *pg; /* the PostgreSQL catalogue (o->catalogue) */
    char *cat;             /* its path */
    char *cur;             /* the current bag of this edition (replaced), or NULL */
    char *bag;             /* the new bag's path, relative, never used before */
    char *work;            /* the bag being built under .tmp */
    char date[16];         /* Bagging-Date */
    int logged;            /* the journal names the filing */
    int placed;            /* the bag is at its final path */
    int committed;         /* the catalogue lists it */
} archive_filing;

/* Takes the lock, recovers, opens (or first creates) the catalogue. */
int archive_filing_begin(archive_filing *f, const char *archive, const archive_record *rec,
                         const archive_file *files, size_t nfiles, const archive_add_opts *o,
                         folio_diags *d);
/* Finds the current bag (refusing a duplicate without o->replace) and a new
 * bag path. */
int archive_filing_plan(archive_filing *f, folio_diags *d);
/* Writes the whole bag under .tmp. */
int archive_filing_make_bag(archive_filing *f, folio_diags *d);
/* Writes the journal. */
int archive_filing_log(archive_filing *f, folio_diags *d);
/* Renames the bag to its final path. */
int archive_filing_place(archive_filing *f, folio_diags *d);
/* Commits the catalogue transaction: the edition is in the archive. */
int archive_filing_commit(archive_filing *f, folio_diags *d);
/* Rewrites index.html and removes the journal (warnings only: the edition is
 * archived; a later command retries what is left). */
void archive_filing_finish(archive_filing *f, folio_diags *d);
/* Undoes an unfinished filing (as recovery would) and frees everything. */
void archive_filing_end(archive_filing *f, folio_diags *d);

/* ---- reindex (reindex.c) ---------------------------------------------------------- */

/* Rebuilds the catalogue from the bags; the caller holds the lock. */
int archive_reindex_locked(const char *archive, size_t *nbags, folio_diags *d);

#endif
