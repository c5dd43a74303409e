/* compose.h — the composer's shared state: pages under construction, the
 * grid, font roles, and the helpers the page-sequence files share. */
#ifndef FOLIO_COMPOSE_H
#define FOLIO_COMPOSE_H

#include "config.h"
#include "para.h"

/* Where a CJK glyph's baseline sits below the top of its em box. */
#define EM_ASCENT 0.88f

/* A page while it is being filled (growable arrays; copied into the
 * document's arena by doc_finish). */
typedef struct page_build {
    folio_line *lines;
    size_t nlines, cap;
    folio_box *boxes;
    size_t nboxes, bcap;
    int front;       /* cover, masthead or contents: no running head, no folio */
    int opening;     /* an article starts at the top: no running head */
    int top_article; /* the article whose text is at the top (-1 none) */
} page_build;

/* A style with its font roles resolved. */
typedef struct style_roles {
    int cjk, latin;
} style_roles;

typedef struct composer {
    const folio_edition *e;
    const folio_layout *l;
    folio_fonts *f;
    folio_diags *d;
    folio_arena *arena; /* the document's */
    page_build *pages;
    size_t npages, cap;
    style_roles body;
    style_roles st[ST_COUNT];
    int kai, hei, latin_sans; /* roles for emphasis and strong spans */
    int *article_page, *article_last_page;
    float *article_y;       /* top of each article's title block on its page */
    folio_fit *article_fit; /* how each article was fitted (makeup.c) */
    int stub_rows;          /* an article's last page holds at least this many
                               text lines (a quarter of the fullest page) */
    int fullest_front;      /* text lines on the fullest front page */
    uint32_t *warned;       /* code points already warned about (labels) */
    size_t nwarned, wcap;
    int toc_next, toc_end; /* pages reserved for the contents: [next, end) */
    int oom;
    folio_breakers breakers;        /* ICU's, for every paragraph */
    folio_layout_progress progress; /* may be NULL */
    void *progress_user;
} composer;

/* ---- doc.c: pages and their contents --------------------------------------- */

/* Appends an empty page; returns its index or -1 on OOM. */
int doc_add_page(composer *c);

/* Appends a line / box to page p (copied). Returns 0 or -1 on OOM. */
int doc_add_line(composer *c, int p, const folio_line *ln);
int doc_add_box(composer *c, int p, const folio_box *b);

/* Drops pages from index n on (used after counting the contents pages). */
void doc_truncate(composer *c, size_t n);

/* Moves the pages into a new document in the composer's arena. */
folio_doc *doc_finish(composer *c);

/* Frees the build arrays (not the arena). */
void doc_release(composer *c);

/* 1 for odd (right-hand) pages: index 0 is page 1. */
static inline int page_recto(int index) {
    return index % 2 == 0;
}

/* ---- label.c: single lines set without breaking ----------------------------- */

/* Sets text on one line in style st (no breaking, no justification): glyphs
 * from the style's roles, placeholders for missing characters (warned once
 * per character). The line's x,y are 0 and width = natural. NULL on OOM. */
folio_line *label_line(composer *c, layout_style_id st, float size, const char *text,
                       folio_line_role role);

/* Runs para_set on plain text in style st with measure and alignment. */
int label_para(composer *c, layout_style_id st, const char *text, float measure, folio_align align,
               folio_line_role role, folio_para_out *out);

/* Places a line: moves its origin to (x, baseline). */
static inline void line_place(folio_line *ln, float x, float baseline) {
    ln->x += x;
    ln->y = baseline;
}

/* ---- stack.c: vertical stacks of lines (titles, headings, figures) ---------- */

typedef struct stack {
    folio_line *lines; /* y: baseline below the stack's top (negative) */
    size_t n, cap;
    folio_box *boxes; /* y relative to the stack's top */
    size_t nb, bcap;
    float depth;      /* from the top to the bottom of the last item */
    float last_pitch; /* pitch of the last line added (0: none, or a box) */
    float last_size;
    int oom;
} stack;

void stack_init(stack *s);
void stack_free(stack *s);
/* Adds space (points). */
void stack_space(stack *s, float pts);
/* Adds lines set in a style of pitch and size (copied), x unchanged. */
void stack_lines(stack *s, const folio_line *lines, size_t n, float size, float pitch);
/* Adds a box of height h at the current depth (x, w as given). */
void stack_box(stack *s, const folio_box *b, float h);
/* The whole slots of the grid that a stack of this depth takes (GRID-2). */
int grid_slots(const folio_layout *l, float depth);

/* ---- titleblock.c ------------------------------------------------------------ */

/* An article's title block as a stack of lines, x from the left of a block
 * of the given width (the type area); compact: without the space between the
 * title and its authors and under the block (to save a page). Returns 0 or -1. */
int title_block(composer *c, const folio_article *a, float width, int compact, stack *s);

/* ---- makeup.c: articles --------------------------------------------------------- */

/* Lays out every article on pages appended after the current ones, fitted
 * so that none ends on a stub page, with balanced columns; fills
 * c->article_page, article_last_page, article_y and article_fit. Returns 0
 * or -1. */
int compose_articles(composer *c);

/* Text lines on page p as a reader's tool counts them: lines on one
 * baseline less than an em apart (a list marker and its text) count once. */
int page_rows(const composer *c, int p);

/* ---- frontmatter.c ------------------------------------------------------------ */

/* Appends the cover / the masthead page. Return 0 or -1. */
int compose_cover(composer *c);
int compose_masthead(composer *c);

/* ---- contents.c ------------------------------------------------------------------ */

/* Contents: sets them on the pages reserved for them (c->toc_next ..
 * toc_end), appending pages when those run out: on as few pages as hold
 * them (spacing tightened within limits, or in the layout's columns),
 * spread evenly. With numbers == 0 the page numbers are placeholders (used
 * to count the pages before the articles are placed); the choice does not
 * depend on them. Returns 0 or -1. */
int compose_contents(composer *c, int numbers);

/* ---- runheads.c ---------------------------------------------------------------- */

/* Adds running heads, their rules and folios to every page (RH-1). */
int compose_runheads(composer *c);

/* ---- outline.c ------------------------------------------------------------------ */

/* Fills doc->outline from the sections and article pages. Returns 0 or -1. */
int compose_outline(composer *c, folio_doc *doc);

#endif
