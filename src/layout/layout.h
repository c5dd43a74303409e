/* layout.h — the page model and the layout engine that fills it.
 *
 * The layout turns the edition model into pages of positioned lines and boxes:
 * a backend-neutral display list in points. The PDF backend draws exactly
 * this and decides nothing about layout; --dump-layout writes it as JSON; the
 * EPUB writer reads its page numbers for the page list.
 *
 * Coordinates: points (1/72 in), origin at the bottom-left corner of the
 * trimmed page, y upwards (the PDF convention). Bleed lies outside
 * [0,width]x[0,height]. */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "../edition/edition.h"
#include "../fonts/fonts.h"
#include "../util/arena.h"
#include "../util/diag.h"

/* ---- the page model ------------------------------------------------------ */

/* One drawn character. Positions are relative to the line's origin. */
typedef struct folio_glyph {
    uint32_t cp;  /* the character (one code point per glyph; no shaping) */
    int face;     /* font face id (fonts_face); -1: no font has it — draw a
                     placeholder box of adv x size */
    uint32_t gid; /* glyph id in face */
    float x;      /* left edge, points from the line's x */
    float adv;    /* advance as set (after squeezing), points */
    float dy;     /* baseline shift (superscripts; 0 normally), points */
} folio_glyph;

typedef enum {
    FOLIO_LINE_LAST = 1 << 0,     /* the last line of its paragraph (set solid) */
    FOLIO_LINE_FIRST = 1 << 1,    /* the first line of its paragraph */
    FOLIO_LINE_CENTERED = 1 << 2, /* titles and other centred lines */
} folio_line_flags;

/* What a line is in the issue: the backends tag and order text by it (the
 * PDF's structure elements and artifacts, the EPUB's page list), never by
 * its position or size. The roles of each front page and of the contents
 * are consecutive (the EPUB tells those pages by role ranges). A line's own
 * element comes from its role; the blocks around it (a quote, a list and its
 * item) from its article and serial in the edition's block tree. */
typedef enum {
    FOLIO_ROLE_BODY,           /* a paragraph of an article's text */
    FOLIO_ROLE_TITLE,          /* an article's title */
    FOLIO_ROLE_SUBTITLE,       /* under the title */
    FOLIO_ROLE_AUTHOR,         /* the authors' names */
    FOLIO_ROLE_BYLINE,         /* organisation or reporter line */
    FOLIO_ROLE_HEADING2,       /* ## */
    FOLIO_ROLE_HEADING3,       /* ### */
    FOLIO_ROLE_QUOTE,          /* a paragraph inside a block quote */
    FOLIO_ROLE_LIST,           /* a paragraph of a list item */
    FOLIO_ROLE_LIST_LABEL,     /* a list item's bullet or number */
    FOLIO_ROLE_CAPTION,        /* a figure's caption (its alt text) */
    FOLIO_ROLE_SOURCE,         /* an article's source line */
    FOLIO_ROLE_COVER_TITLE,    /* the journal's name on the cover */
    FOLIO_ROLE_COVER,          /* the cover's issue (item 0), date (1), publisher (2) */
    FOLIO_ROLE_COVER_TAGLINE,  /* a cover tagline (item: which) */
    FOLIO_ROLE_MASTHEAD_TITLE, /* the journal's name over the masthead */
    FOLIO_ROLE_MASTHEAD_KEY,   /* a masthead entry's key (item: the entry) */
    FOLIO_ROLE_MASTHEAD_VALUE, /* a line of its values (item: the entry) */
    FOLIO_ROLE_IDENTIFIER,     /* the edition's identifier (ISSN...) */
    FOLIO_ROLE_NOTICE,         /* a notice under the masthead (item: which) */
    FOLIO_ROLE_TOC_HEADING,    /* the contents' heading */
    FOLIO_ROLE_TOC_SECTION,    /* a section's name in the contents (item: it) */
    FOLIO_ROLE_TOC_ENTRY,      /* an article's entry (target: the article) */
    FOLIO_ROLE_RUNHEAD,        /* running head: pagination, not text */
    FOLIO_ROLE_FOLIO,          /* page number: pagination, not text */
    FOLIO_ROLE_COUNT
} folio_line_role;

/* The role's name ("body", "title", ... "folio"), as the layout dump writes it. */
const char *layout_role_name(folio_line_role r);

typedef struct folio_line {
    float x, y;    /* origin: left end of the measure, on the baseline */
    float size;    /* font size, points */
    float width;   /* the measure the line was set to, points */
    float natural; /* width of the characters before justification */
    float stretch; /* space added (negative: removed) to reach width */
    float gray;    /* 0 black .. 1 white */
    folio_glyph *g;
    size_t n;
    const char *text;          /* the line's characters as UTF-8 (for dumps and tests) */
    folio_line_role role;      /* what the line is, for tags and artifacts */
    int column;                /* the column the line is set in (0: the first); -1
                                  for a line set across the type area (titles,
                                  running heads, folios, the front pages) */
    unsigned flags;            /* folio_line_flags */
    int article;               /* index into edition->articles, or -1 */
    int serial;                /* the source block's serial in its article, or -1:
                                  the lines of one article and serial are one
                                  paragraph (or heading, caption...), however
                                  many columns and pages it runs over */
    int item;                  /* outside articles, which item of its kind the
                                  line belongs to: the masthead entry, the
                                  notice, the tagline, the contents section;
                                  -1 none */
    int target;                /* FOLIO_ROLE_TOC_ENTRY: the article the entry
                                  leads to; else -1 */
    size_t deco_from, deco_to; /* glyphs [deco_from, deco_to) are decoration (a
                                  contents entry's dot leaders): drawn but not
                                  part of the text; equal: none */
    size_t offset;             /* byte offset of the line's first character in
                                  the block's text (edition_block_text), for
                                  the EPUB page list */
    const char *src;           /* source file and line for messages, or NULL */
    int src_line;
} folio_line;

typedef enum {
    FOLIO_BOX_RECT,  /* a filled and/or stroked rectangle */
    FOLIO_BOX_RULE,  /* a straight line from (x,y) to (x+w,y+h) */
    FOLIO_BOX_IMAGE, /* an image placed in x,y,w,h */
    FOLIO_BOX_LINK,  /* a clickable area leading to page target_page */
} folio_box_type;

/* What a box is: the backends draw decoration as such (a PDF artifact). */
typedef enum {
    FOLIO_BOXROLE_DECORATION, /* grounds, rules, frames: no part of the text */
    FOLIO_BOXROLE_FIGURE,     /* a picture: an article's (its image block's
                                 text is the alt text and the caption) or the
                                 cover's */
    FOLIO_BOXROLE_LINK,       /* a contents entry's link (target: the article) */
} folio_box_role;

typedef struct folio_box {
    folio_box_type type;
    folio_box_role role;
    float x, y, w, h;         /* points; for RULE the end is (x+w, y+h) */
    float line_width;         /* stroke width, points (0: no stroke) */
    float stroke_gray;        /* 0 black .. 1 white */
    float fill_gray;          /* fill for RECT; < 0: no fill */
    int to_bleed;             /* 1: a background that the backend extends into the
                                 bleed on sides where it touches the trim edge */
    const folio_image *image; /* FOLIO_BOX_IMAGE */
    int target_page;          /* FOLIO_BOX_LINK: 0-based page index */
    float target_y;           /* FOLIO_BOX_LINK: y on the target page to show */
    int article, serial;      /* FOLIO_BOXROLE_FIGURE: the image block (article
                                 -1: the cover's picture) */
    int target;               /* FOLIO_BOXROLE_LINK: the article it leads to */
} folio_box;

typedef struct folio_page {
    int index;         /* 0-based position in the document */
    int folio;         /* the printed page number, 0 when none printed */
    const char *label; /* page label prefix for viewers, ASCII ("" none) */
    int label_number;  /* the number shown after the prefix (0: none) */
    int recto;         /* 1 for odd (right-hand) pages */
    folio_line *lines;
    size_t nlines;
    folio_box *boxes;
    size_t nboxes;
    /* Where the article text running on this page starts, for the EPUB page
     * list: article index (-1 when the page starts no running text), block
     * serial and byte offset in that block's text. */
    int start_article;
    int start_serial;
    size_t start_offset;
} folio_page;

/* One bookmark: sections at level 0 and their articles at level 1. */
typedef struct folio_outline_entry {
    const char *title;
    int level;
    int page; /* 0-based page index */
    float y;  /* top of the target on that page */
} folio_outline_entry;

/* How the make-up fitted an article to its pages (makeup.c), for the dump
 * and tests. A stub is a last page holding fewer text lines than
 * folio_doc.stub_rows (a quarter of the fullest page). */
typedef struct folio_fit {
    int tighter, looser; /* paragraphs set a line tighter / looser than their optimum */
    int compact;         /* 1: the title block without its inner spaces */
    int air;             /* grid lines of space added around the title block */
    int heading_air;     /* headings with a grid line of space added above */
    int figure_lines;    /* grid lines taken off its figures' pictures */
    int cut, cut_pages;  /* earlier pages run this many lines short, on so many pages */
    int follows;         /* 1: it began below the previous article (article_start:
                            continue, or a run-on brief or notice) */
    int rows;            /* text lines on its last page (the whole page's) */
    int stub;            /* 1: its last page is a stub all the same */
    int ncolumns;        /* columns holding its text on its last page */
    int columns[4];      /* grid lines each column takes there */
    int balance;         /* the longest of them less the shortest (COL-1) */
} folio_fit;

typedef struct folio_doc {
    folio_arena *arena;  /* owns everything below */
    float width, height; /* trim size, points */
    float bleed;         /* bleed the layout asks for (points); the backend
                            draws it only with --bleed */
    folio_page *pages;
    size_t npages;
    folio_outline_entry *outline;
    size_t noutline;
    int *article_page;      /* per article: 0-based page index of its title */
    int *article_last_page; /* per article: 0-based index of its last page */
    int *article_folio;     /* per article: the printed number of that page */
    folio_fit *article_fit; /* per article: how it was fitted */
    size_t narticles;       /* the length of the four arrays above */
    int stub_rows;          /* a page with fewer text lines is a stub (folio_fit) */
    const char *layout_name;
    /* The body's character grid (GRID-1/2), for dumps and tests: the type
     * area's left edge is margin_inner on rectos and margin_outer on versos;
     * body baselines sit at type_top - 0.88 x body_size - k x line_pitch. */
    float type_top, type_width, type_height;
    float margin_inner, margin_outer;
    float line_pitch, body_size;
    int columns, grid_lines, grid_chars;
    float column_width, column_gap;
} folio_doc;

/* ---- layouts (layouts/NAME.yaml) ---------------------------------------- */

typedef struct folio_layout folio_layout;

/* Loads layout `name` from the folder layouts_dir (NAME.yaml). An unknown
 * name is an error that lists the known layouts, reported at src:line (the
 * place that named the layout; src NULL for the command line). Returns NULL
 * with diagnostics on error. Free with layout_free. */
folio_layout *layout_load(const char *layouts_dir, const char *name, const char *src, int line,
                          folio_diags *d);

/* Frees a layout. NULL is allowed. */
void layout_free(folio_layout *l);

/* The names of the layouts in layouts_dir, sorted, joined by ", " into a
 * malloc'd string (caller frees); NULL on OOM or when the folder is unreadable. */
char *layout_list(const char *layouts_dir);

/* The font role overrides a layout asks for (owned by the layout). */
size_t layout_font_overrides(const folio_layout *l, const folio_font_override **ov);

/* ---- running the layout ------------------------------------------------- */

/* Lays out the whole issue: cover, masthead page, contents, articles, with
 * page numbers known before anything is drawn. Characters that no font has
 * are warned about (`PATH:LINE: warning: no font has U+XXXX`) and kept as
 * placeholder glyphs. Returns the document (free with layout_doc_free) or
 * NULL with diagnostics. */
folio_doc *layout_run(const folio_edition *e, const folio_layout *l, folio_fonts *f,
                      folio_diags *d);

/* Called as pages are started, with the number of pages so far (it can
 * step back when an article is set again). */
typedef void (*folio_layout_progress)(size_t pages, void *user);

/* layout_run, calling progress (when not NULL) with user as it goes. */
folio_doc *layout_run_progress(const folio_edition *e, const folio_layout *l, folio_fonts *f,
                               folio_diags *d, folio_layout_progress progress, void *user);

/* Frees a laid-out document. NULL is allowed. */
void layout_doc_free(folio_doc *doc);

/* Where article i sits, as a contents or a catalogue cites it. */
typedef struct folio_article_pages {
    int pdf_page;    /* the page of its title, from 1; 0 when unknown */
    int first, last; /* the printed numbers of its first and last page; 0 when none */
} folio_article_pages;

/* The pages of article i of doc (all 0 when i is out of range or the
 * document has no article pages). */
folio_article_pages layout_article_pages(const folio_doc *doc, size_t i);

/* Writes the document as JSON (every page, line — characters, x, y, width,
 * natural width, stretch — glyph and box) to path, atomically. Returns 0 or
 * -1 with a diagnostic. */
int layout_dump_json(const folio_doc *doc, const folio_fonts *f, const char *path, folio_diags *d);

#endif
