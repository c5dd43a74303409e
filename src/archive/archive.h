/* archive.h — the archive of past editions: BagIt bags plus a SQLite catalogue.
 *
 * An archive is a folder:
 *   bags/<journal-slug>/<issue-slug>[.N]/  one BagIt 1.0 bag (RFC 8493) per filing;
 *                                        .2, .3 … for the replacements of an issue
 *   superseded/<journal-slug>/<issue-slug>-<n>/  replaced bags of archives made by
 *                                        folio 0.1, which moved them (read, never written)
 *   catalogue.sqlite (-wal, -shm)        editions, articles, FTS5 full text
 *   index.html                           a static page listing every edition
 *   .journal                             the filing under way, if any
 *   .lock  .tmp/                         the writer lock; bags and files being made
 *
 * Each bag holds its catalogue record as a tag file (folio-catalogue.json) so
 * that the catalogue can always be rebuilt from the bags alone. Everything
 * here reports problems into a folio_diags and never prints. The archive
 * layer knows nothing of building editions: callers hand it an
 * archive_record (archive_record_from_edition makes one from a built
 * edition) and the files to keep.
 *
 * Crash safety. The catalogue's commit is the archive's commit: an edition is
 * in the archive exactly when a committed catalogue transaction lists its bag,
 * and SQLite makes that commit atomic and durable (WAL, synchronous=FULL). A
 * filing (add.c) runs under the writer lock (flock on .lock): the bag is
 * written and fsynced under .tmp, .journal names it, it is renamed to a path
 * no bag ever had, one transaction records it (and marks the edition it
 * replaces superseded), index.html is rewritten, the journal goes. A bag
 * never moves or changes once filed, and nothing filed is ever deleted, so a
 * reader that read the catalogue at any instant finds every bag it names
 * whole, however long it takes (the web server included); folio 0.1 moved the
 * replaced bag aside, which no reader could see happen atomically. An
 * edition's id (archive_edition_id) comes from its key, the bag of the issue's
 * first filing, which its replacements keep in the catalogue.
 *
 * Readers take no lock. list and search read only the catalogue; in WAL mode
 * they read the last commit while a writer works and never wait for it. The
 * bag of a filing not yet committed sits in bags/ under a name the catalogue
 * does not know: invisible to them.
 *
 * Recovery on open (journal.c). Every command, reader or writer, first looks
 * for .journal. If no live writer holds the lock, the writer died: the
 * command takes the lock and finishes the filing when the catalogue lists its
 * bag (index.html rewritten) or undoes it when it does not (the bag leaves
 * bags/ in one rename), then removes the journal. If a writer holds the lock,
 * it finishes its own work; a reader that cannot write here (another user,
 * read-only media) leaves the journal with a warning. Either way the answer
 * comes from the last commit, which is consistent. SQLite's own recovery (a
 * hot rollback journal of folio 0.1's catalogues, a WAL to replay) happens
 * because every connection is opened read-write where the OS allows it, with
 * query_only set for readers; the -wal and -shm files are kept, so that a
 * reader without write access can open the catalogue, except right after a
 * writer died mid-commit: SQLite must then write to recover, and the reader
 * says so with SQLite's message until any command with write access runs.
 * Errors are SQLite's own messages; only a catalogue read without error
 * whose user_version differs is called another version's.
 *
 * Consistent, for verify: every catalogued bag present and intact (every
 * checksum), no bag folder the catalogue does not list (the bag of a filing
 * still under way excepted), SQLite's integrity check passing, and index.html
 * exactly as the catalogue renders it. verify compares catalogue and folders
 * holding the lock shared (waiting out at most one filing, so that it never
 * sees a bag between its rename and its commit), then checks the checksums
 * without it: filed bags never change.
 *
 * Reindex builds a new catalogue from the bags alone under .tmp and copies it
 * over the live one with SQLite's backup API, in one write transaction:
 * readers see the old catalogue or the new one. (A catalogue SQLite cannot
 * read at all is replaced by a rename, its -wal, -shm and -journal removed
 * first so that SQLite never pairs them with the new file.) Which bags are
 * superseded comes from the bags themselves (Folio-Supersedes in
 * bag-info.txt). */
#ifndef FOLIO_ARCHIVE_H
#define FOLIO_ARCHIVE_H

#include <stddef.h>

#include "../edition/edition.h"
#include "../layout/layout.h"
#include "../util/arena.h"
#include "../util/diag.h"

/* One article as the catalogue keeps it. */
typedef struct archive_article {
    const char *title;
    const char *authors; /* joined with "、" (or the byline); "" when none */
    const char *section; /* "" when none */
    const char *kind;    /* "article", "foreword", "notice" or "brief" */
    int first_page;      /* printed page number of its title (0 unknown) */
    int last_page;       /* printed page number of its last page (0 unknown) */
    const char *text;    /* full text: subtitle, every block, '\n' between */
    int pdf_page;        /* 1-based page of its title in the PDF (0 unknown) */
} archive_article;

/* One edition as the catalogue keeps it. */
typedef struct archive_record {
    const char *journal, *issue; /* required; the pair identifies the edition */
    const char *date;            /* YYYY-MM or YYYY-MM-DD, "" when absent */
    int year, number;            /* 0 when absent */
    int pages;                   /* pages of the PDF */
    const char *publisher;       /* "" when absent */
    const char *identifier;      /* "" when absent */
    const char *pdf, *epub;      /* payload paths (relative to data/) */
    archive_article *articles;
    size_t narticles;
    int imported; /* a legacy PDF filed as it is, its text imported */
} archive_record;

/* A file to keep in the bag: copied from src to data/<rel>. */
typedef struct archive_file {
    const char *src;
    const char *rel; /* relative, '/'-separated, no "..", unique */
} archive_file;

typedef struct archive_add_opts {
    int replace; /* keep the earlier bag as superseded and replace it */
    /* The thumbnail (folio-cover.png): the first page of doc drawn with
     * fonts when both are given, else the cover image with the journal and
     * issue lettered in fonts (none without them). */
    const folio_doc *doc;
    const folio_fonts *fonts;
    const char *cover_image; /* PNG or JPEG for the thumbnail; NULL: none */
    const char *software;    /* Bag-Software-Agent, e.g. "folio 0.1.0" */
    const char *catalogue;   /* a postgresql:// URL: the catalogue is there; NULL: the
                                archive's own catalogue.sqlite */
} archive_add_opts;

/* Fills *out from a loaded edition and its laid-out document (pages and
 * first/last printed page of each article); strings live in arena. pdf and
 * epub are the payload names given to the PDF and EPUB. Returns 0 or -1 on
 * OOM. */
int archive_record_from_edition(const folio_edition *e, const folio_doc *doc, const char *pdf,
                                const char *epub, folio_arena *arena, archive_record *out);

/* The edition's sources to keep: edition.yaml, every article file, every
 * image it uses (cover included) and the font files it ships inside its
 * folder (`fonts:` entries written './...'), with their paths relative to the edition
 * folder. Array and strings in arena. Returns 0 or -1 on OOM. */
int archive_edition_sources(const folio_edition *e, folio_arena *arena, archive_file **files,
                            size_t *n);

/* Files an edition as the header comment says (bag, journal, rename, one
 * catalogue transaction, index.html). Creates the archive when missing; an
 * archive with bags but no catalogue is refused (reindex rebuilds it). An
 * edition whose journal and issue are already archived is refused unless
 * o->replace, which files the new bag beside the current one and marks that
 * one superseded. On success returns 0 (warnings when index.html could not be
 * rewritten: the next command does it) and, when bag_out is not NULL, sets it
 * to the bag's path relative to the archive (malloc'd; caller frees). On
 * error returns -1 with diagnostics and leaves the archive as it was. */
int archive_add(const char *archive, const archive_record *rec, const archive_file *files,
                size_t nfiles, const archive_add_opts *o, char **bag_out, folio_diags *d);

/* Rebuilds catalogue.sqlite (and index.html) from the bags alone, replacing
 * the catalogue in one transaction. Sets *nbags to the number of bags read.
 * Returns 0, or -1 with diagnostics and the catalogue as it was (a bag whose
 * record cannot be read is named, and the others still read). */
int archive_reindex(const char *archive, size_t *nbags, folio_diags *d);

/* Recomputes every checksum of every bag (all manifests and tag manifests)
 * and checks Payload-Oxum, the catalogue's agreement with the bag folders and
 * index.html (see "Consistent, for verify" above). Each problem (missing
 * file, file not in the manifest, mismatch) is an error naming the file.
 * Counts go to *nbags and *nfiles. Returns 0 when the archive is intact, -1
 * otherwise. */
int archive_verify(const char *archive, size_t *nbags, size_t *nfiles, folio_diags *d);

/* archive_verify, archive_list and archive_search with the catalogue kept
 * elsewhere: catalogue a postgresql:// URL (a shared PostgreSQL database,
 * src/archive/catalogue_pg.c; the bags stay in the archive folder), or NULL
 * for the archive's own catalogue.sqlite. A catalogue that cannot be reached
 * or logged into is an error, and nothing is changed. */
int archive_catalogue_url(const char *s); /* whether s is such a URL */
int archive_reindex_in(const char *archive, const char *catalogue, size_t *nbags, folio_diags *d);
int archive_verify_in(const char *archive, const char *catalogue, size_t *nbags, size_t *nfiles,
                      folio_diags *d);
struct archive_listing;
struct archive_hits;
int archive_list_in(const char *archive, const char *catalogue, int all,
                    struct archive_listing *out, folio_diags *d);
int archive_search_in(const char *archive, const char *catalogue, const char *query, size_t limit,
                      struct archive_hits *out, folio_diags *d);

/* One archived edition, for listings. */
typedef struct archive_entry {
    const char *journal, *issue, *date;
    int year, number, pages;
    size_t narticles;
    const char *bag; /* relative to the archive */
    int superseded;
    int imported;   /* a legacy PDF, its text imported (archive_file_legacy) */
    const char *id; /* archive_edition_id(key); NULL for a superseded one */
} archive_entry;

typedef struct archive_listing {
    folio_arena *arena; /* owns everything */
    archive_entry *items;
    size_t n;
    size_t total; /* editions the listing's filters let through (archive_read_list) */
} archive_listing;

/* The archived editions, current ones only unless all is set, ordered by
 * journal, then date, then issue, as of the catalogue's last commit (after
 * recovery on open). Returns 0 (free with archive_listing_free) or -1 with
 * diagnostics. */
int archive_list(const char *archive, int all, archive_listing *out, folio_diags *d);

/* One search hit. */
typedef struct archive_hit {
    const char *journal, *issue, *title, *section;
    int page;            /* first printed page of the article, 0 unknown */
    const char *snippet; /* some text around the first match, matches marked
                            (【like this】 unless the query said otherwise) */
    double score;        /* bm25 (lower is better) */
    const char *edition; /* the edition's id (archive_edition_id) */
    size_t article;      /* the article's place in its edition, from 1 */
    const char *date, *authors;
    int year, number;
    int pdf_page;             /* 1-based page of its title in the PDF, 0 unknown */
    const char *pdf;          /* the edition's PDF relative to its bag's data/, "" none */
    const char *title_marked; /* the title with its matches marked */
    const char *bag;          /* the edition's bag relative to the archive (its files) */
} archive_hit;

typedef struct archive_hits {
    folio_arena *arena; /* owns everything */
    archive_hit *items;
    size_t n;
    size_t total; /* every hit of the query, beyond this page of them */
} archive_hits;

/* Full-text search over current editions: query is one or more terms
 * separated by spaces, all of which must match (a term of several Han
 * characters matches them as a phrase; "quoted words" are a phrase).
 * Traditional and Simplified characters find each other, full-width letters
 * and digits find ASCII ones. Hits are ranked by bm25 (title weighs most,
 * then authors, then text); at most limit hits (0: 20).
 * Returns 0 (free with archive_hits_free; no hit is not an error) or -1. */
int archive_search(const char *archive, const char *query, size_t limit, archive_hits *out,
                   folio_diags *d);

/* Frees a listing / hits. A zeroed struct is allowed. */
void archive_listing_free(archive_listing *l);
void archive_hits_free(archive_hits *h);

/* ---- reading: what a web service asks, on a catalogue kept open ------------- */

/* An archive open for reading. A reader serves one thread at a time (open one
 * per thread); each call sees one consistent state of the catalogue (never
 * half an edition), and a catalogue that `reindex` replaced is reopened at the
 * next call. */
typedef struct archive_reader archive_reader;

/* Opens archive's catalogue read-only. NULL with diagnostics when the archive
 * or its catalogue is missing or unusable. Close with archive_reader_close
 * (NULL allowed). */
archive_reader *archive_reader_open(const char *archive, folio_diags *d);

/* archive_reader_open with the catalogue in PostgreSQL when catalogue is a
 * postgresql:// URL (archive_verify_in); NULL: as archive_reader_open. */
archive_reader *archive_reader_open_in(const char *archive, const char *catalogue, folio_diags *d);
void archive_reader_close(archive_reader *r);

/* The id of a current edition from its key (the bag of the issue's first
 * filing, which every replacement keeps): the key without the leading
 * "bags/", as "JOURNAL-SLUG/ISSUE-SLUG", stable across reindex and
 * --replace, pointing into key; NULL for a key elsewhere (superseded/). */
const char *archive_edition_id(const char *key);

/* What to look for, and which page of the answer. */
typedef struct archive_query {
    const char *text;                   /* the query as typed (search only) */
    const char *journal;                /* NULL or "": every journal */
    int year;                           /* 0: every year (an edition's year, else its date's) */
    const char *section;                /* NULL or "": every section (search only) */
    size_t offset;                      /* hits or editions to skip */
    size_t limit;                       /* at most this many (0: 20) */
    const char *mark_open, *mark_close; /* marks of matches; NULL: 【 】 */
    size_t snippet_chars;               /* about this long (0: 60) */
} archive_query;

/* archive_search with filters and pages: hits of q->text ranked, their total
 * in out->total. Returns 0 (free with archive_hits_free) or -1 with
 * diagnostics (a query with no word to search for is one). */
int archive_read_search(archive_reader *r, const archive_query *q, archive_hits *out,
                        folio_diags *d);

/* text with the matches of query marked between open and close as
 * archive_read_search marks them, over the whole text (newlines kept, other
 * control characters as spaces). malloc'd; NULL on OOM or when the query has
 * no word to search for (nothing to mark). */
char *archive_read_mark(archive_reader *r, const char *query, const char *text, const char *open,
                        const char *close);

/* Current editions filtered by q->journal and q->year, newest first (then
 * journal, issue), q->offset and q->limit applied, their total in out->total.
 * Returns 0 (free with archive_listing_free) or -1 with diagnostics. */
int archive_read_list(archive_reader *r, const archive_query *q, archive_listing *out,
                      folio_diags *d);

/* What the current editions can be filtered by: how many editions each
 * journal has in each year, and the sections their articles are in. */
typedef struct archive_shelf {
    const char *journal;
    int year; /* 0 unknown */
    size_t editions;
} archive_shelf;

typedef struct archive_facets {
    folio_arena *arena;     /* owns everything */
    archive_shelf *shelves; /* by journal, then year (newest first) */
    size_t nshelves;
    const char **sections; /* distinct, non-empty, sorted */
    size_t nsections;
} archive_facets;

/* Returns 0 (free with archive_facets_free) or -1 with diagnostics. */
int archive_read_facets(archive_reader *r, archive_facets *out, folio_diags *d);
void archive_facets_free(archive_facets *f);

/* One current edition with its contents, and when asked one article's text. */
typedef struct archive_edition {
    folio_arena *arena; /* owns everything */
    const char *id, *bag, *bagging_date;
    archive_record rec; /* its articles' text is NULL */
    size_t article;     /* the article asked for (from 1), 0 none */
    const char *text;   /* that article's full text */
} archive_edition;

/* The current edition id (archive_edition_id) and, when article > 0, the full
 * text of its article-th article. Returns 0 (free with archive_edition_free),
 * 1 when there is no such edition or article (nothing to free), -1 with
 * diagnostics. */
int archive_read_edition(archive_reader *r, const char *id, size_t article, archive_edition *out,
                         folio_diags *d);
void archive_edition_free(archive_edition *e);

/* Rewrites archive/index.html from the catalogue. Returns 0 or -1. */
int archive_write_index(const char *archive, folio_diags *d);

#endif
