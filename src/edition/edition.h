/* edition.h — the edition folder read into one in-memory model of the issue.
 *
 * The reader takes edition.yaml (libyaml) and every article (YAML front matter,
 * then CommonMark through cmark) and builds plain structs in one arena. Text is
 * valid UTF-8 in NFC; a BOM and CRLF in the sources are accepted. Every block
 * keeps its source file (relative to the edition folder) and line so that later
 * stages can report `PATH:LINE: ...`.
 *
 * Inline markup is flattened: a block's text is a sequence of spans, each with
 * style flags, which is what both the layout and the EPUB writer want. */
#ifndef FOLIO_EDITION_H
#define FOLIO_EDITION_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/date.h"
#include "../util/diag.h"

typedef enum {
    FOLIO_SPAN_EMPH = 1 << 0,   /* *emphasis*: set in Kai */
    FOLIO_SPAN_STRONG = 1 << 1, /* **strong**: set in Hei */
    FOLIO_SPAN_CODE = 1 << 2,   /* `code` (not in the format; kept as plain text) */
    FOLIO_SPAN_BREAK = 1 << 3,  /* a hard line break; text is "" */
    FOLIO_SPAN_LINK = 1 << 4,   /* text of a link; url holds the target */
} folio_span_flags;

typedef struct folio_span {
    const char *text; /* UTF-8, NFC; soft line breaks already removed between
                         Han characters and turned into one space between Latin
                         words */
    size_t len;       /* bytes */
    unsigned flags;   /* folio_span_flags */
    const char *url;  /* FOLIO_SPAN_LINK only */
} folio_span;

typedef enum {
    FOLIO_BLOCK_PARAGRAPH,
    FOLIO_BLOCK_HEADING,  /* level 2 (##) or 3 (###); # is read as 2 and ####+ as 3 */
    FOLIO_BLOCK_QUOTE,    /* children: the quoted blocks */
    FOLIO_BLOCK_LIST,     /* children: FOLIO_BLOCK_ITEM */
    FOLIO_BLOCK_ITEM,     /* children: the item's blocks */
    FOLIO_BLOCK_IMAGE,    /* a paragraph that holds only an image */
    FOLIO_BLOCK_THEMATIC, /* *** or --- */
} folio_block_type;

typedef enum { FOLIO_IMAGE_PNG = 1, FOLIO_IMAGE_JPEG = 2 } folio_image_format;

typedef struct folio_image {
    const char *path; /* as written in the source */
    const char *file; /* resolved, openable path (edition folder + path) */
    const char *rel;  /* relative to the edition folder, normalised */
    folio_image_format format;
    int width, height; /* pixels, from the file's header */
    int components;    /* channels: 1 grey, 3 RGB, 4 CMYK (JPEG); for PNG those after
                          palette and tRNS expansion (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA) */
    int has_alpha;
    double dpi_x, dpi_y; /* 0 when the file does not say */
} folio_image;

typedef struct folio_block {
    folio_block_type type;
    int level;   /* FOLIO_BLOCK_HEADING: 2 or 3 */
    int ordered; /* FOLIO_BLOCK_LIST: 1 for 1. 2. 3.; start holds the first number */
    int start;
    int tight;         /* FOLIO_BLOCK_LIST: CommonMark tightness */
    folio_span *spans; /* PARAGRAPH, HEADING; IMAGE: the caption (alt text) */
    size_t nspans;
    struct folio_block *children; /* QUOTE, LIST, ITEM */
    size_t nchildren;
    folio_image *image; /* FOLIO_BLOCK_IMAGE */
    const char *src;    /* source file, relative to the edition folder */
    int line;           /* 1-based line in src */
    int serial;         /* document-order number of this block within its
                           article, counting every block (0-based) */
} folio_block;

typedef enum {
    FOLIO_KIND_ARTICLE = 0,
    FOLIO_KIND_FOREWORD,
    FOLIO_KIND_NOTICE,
    FOLIO_KIND_BRIEF,
} folio_article_kind;

typedef struct folio_article {
    const char *title;
    const char *subtitle; /* NULL when absent */
    const char **authors; /* nauthors strings */
    size_t nauthors;
    const char *byline; /* NULL when absent */
    const char *source; /* NULL when absent */
    folio_article_kind kind;
    const char *path; /* as listed in edition.yaml, relative to the edition folder */
    const char *file; /* resolved, openable path (edition folder + path); NULL when
                         the path was rejected */
    int list_line;    /* line of edition.yaml that lists it */
    const char *id;   /* stable ASCII id, unique in the edition ("a01", "a02", ...) */
    int title_line;   /* line of `title:` in the front matter */
    size_t section;   /* index into folio_edition.sections */
    size_t index;     /* index into folio_edition.articles */
    folio_block *blocks;
    size_t nblocks;
} folio_article;

typedef struct folio_section {
    const char *name;         /* may be "" for none */
    folio_article **articles; /* pointers into folio_edition.articles */
    size_t narticles;
    int line; /* line in edition.yaml */
} folio_section;

typedef struct folio_masthead_entry {
    const char *key;     /* e.g. 主办 */
    const char **values; /* one or more values */
    size_t nvalues;
} folio_masthead_entry;

/* A font role the edition sets itself (`fonts:` in edition.yaml, an extension
 * of the format): role name → families to try first. */
typedef struct folio_edition_font {
    const char *role;
    const char **families;
    size_t nfamilies;
    int line;
} folio_edition_font;

typedef struct folio_edition {
    folio_arena *arena;  /* owns everything below */
    const char *dir;     /* the edition folder as given */
    const char *dirname; /* its last path component (default output folder name) */
    const char *journal;
    const char *issue;
    const char *date;         /* YYYY-MM or YYYY-MM-DD, as written */
    folio_date ymd;           /* the date parsed (all 0 when absent) */
    int year, number, total;  /* 0 when absent */
    const char *language;     /* default "zh-CN" */
    const char *publisher;    /* NULL when absent */
    const char *identifier;   /* NULL when absent */
    const char *layout;       /* NULL: the default layout */
    int layout_line;          /* line of `layout:` in edition.yaml */
    folio_image *cover_image; /* NULL when absent */
    const char **tagline;
    size_t ntagline;
    folio_masthead_entry *masthead;
    size_t nmasthead;
    const char **notice;
    size_t nnotice;
    folio_edition_font *fonts; /* `fonts:` overrides, in file order */
    size_t nfonts;
    folio_section *sections;
    size_t nsections;
    folio_article *articles; /* every article, in reading order */
    size_t narticles;
} folio_edition;

/* Reads and validates the edition folder dir. Every problem found is added to
 * d (errors and warnings, paths relative to dir), not only the first. Returns
 * the model (free with edition_free) when there were no errors, else NULL.
 * A model returned without errors is complete: every article has its file and
 * a non-empty title, every FOLIO_BLOCK_IMAGE its probed image.
 * With keep_on_error set, returns whatever could be read even when there were
 * errors (for `folio check`, which reports and exits): then an article may
 * have file NULL, title "" and no blocks, and required texts may be NULL.
 * Limits: edition.yaml 4 MB, an article 16 MB, an image 64 MB, nesting 100. */
folio_edition *edition_load(const char *dir, int keep_on_error, folio_diags *d);

/* Frees the model and its arena. NULL is allowed. */
void edition_free(folio_edition *e);

/* Concatenates the text of a block's spans (hard breaks become '\n') into a
 * NUL-terminated string in the edition's arena; NULL on OOM. */
const char *edition_block_text(const folio_edition *e, const folio_block *b);

/* Reads only the header of an image file (PNG or JPEG, decided by content,
 * not by name) to fill format, size, components and dpi. Returns 0, or -1
 * with *why set to a static English reason when it is not a decodable PNG or
 * JPEG. */
int edition_probe_image(const char *file, folio_image *img, const char **why);

#endif
