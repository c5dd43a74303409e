/* config.h — the loaded layout (layouts/NAME.yaml), shared by the composer files.
 *
 * Lengths are in points. The type area is derived at load time so that it is
 * a whole number of body characters wide per column and a whole number of
 * lines high (GRID-1); the margins given in the file are minimums, and what
 * is left over is split evenly between the opposite margins. */
#ifndef FOLIO_LAYOUT_CONFIG_H
#define FOLIO_LAYOUT_CONFIG_H

#include "layout.h"
#include "para.h"

/* The styles a layout names, in the order of style_names[] in config.c. */
typedef enum {
    ST_TITLE,
    ST_SUBTITLE,
    ST_AUTHOR,
    ST_BYLINE,
    ST_HEADING2,
    ST_HEADING3,
    ST_QUOTE,
    ST_LIST,
    ST_CAPTION,
    ST_SOURCE,
    ST_RUNHEAD,
    ST_FOLIO,
    ST_TOC,
    ST_TOC_SECTION,
    ST_TOC_HEADING,
    ST_COVER,
    ST_COVER_ISSUE,
    ST_COVER_TAGLINE,
    ST_MASTHEAD,
    ST_MASTHEAD_TITLE,
    ST_NOTICE,
    ST_BRIEF_TITLE,
    ST_COUNT
} layout_style_id;

/* Where an article may start (article_start): on a new page only, or also
 * below the one before it, under a rule. The make-up uses that room to mend
 * stub pages (makeup.c). */
typedef enum { START_PAGE = 0, START_CONTINUE } layout_start;

typedef struct layout_style {
    const char *role;       /* font role for Han and full-width marks */
    const char *latin_role; /* font role for Latin letters and digits */
    float size;             /* points */
    float pitch;            /* baseline distance between its own lines, points */
    float before, after;    /* space around the block, in body lines */
    float indent;           /* left indent, points */
    float first_indent;     /* headings: extra indent of the first line, points */
    folio_align align;
    int line; /* line in the layout file (0: built-in default) */
} layout_style;

struct folio_layout {
    char *name;
    char *path; /* the layout file, for messages */
    float width, height, bleed;
    float margin_top, margin_bottom, margin_inner, margin_outer; /* after the grid fit */
    int columns;
    float column_gap;
    const char *body_role, *body_latin_role;
    float body_size, body_pitch;
    float first_indent;
    folio_kinsoku strictness;
    float image_max_height; /* fraction of the column height an image may take */
    int folio_in_head;      /* page numbers in the running head's line, not
                               under the type area (folio_place: head) */
    int figures_at_ends;    /* in columns, figures at the foot of a page's
                               first column and the head of the others
                               (figure_place: ends), not where the text
                               meets them (text) */
    layout_start article_start;
    layout_style styles[ST_COUNT];
    folio_font_override *fonts;
    size_t nfonts;
    /* The character grid (GRID-1). */
    int chars_per_column; /* body characters per column line */
    int lines;            /* body lines per column */
    float column_width;   /* chars_per_column x body_size */
    float type_width;     /* all columns and gaps */
    float type_height;    /* (lines - 1) x pitch + size */
    int body_line;        /* lines in the file, for messages */
    int fonts_line;
    folio_arena *arena; /* owns the strings above */
};

/* The name of a style as written in the file ("title", "heading2", ...). */
const char *layout_style_name(layout_style_id id);

/* Left edge of the type area on a page (recto: inner margin on the left). */
float layout_type_left(const folio_layout *l, int recto);

/* Top of the type area (the top of the first line's em box), points from the
 * bottom of the page. */
float layout_type_top(const folio_layout *l);

#endif
