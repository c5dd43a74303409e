/* columns.h — placing one article on the grid (columns.c): its title block
 * across the columns, then its body filled column by column, the last page
 * balanced (COL-1). The make-up (makeup.c) chooses how each article is
 * fitted and places it through here. */
#ifndef FOLIO_LAYOUT_COLUMNS_H
#define FOLIO_LAYOUT_COLUMNS_H

#include "flow.h"

/* The most columns a layout may have (config.c checks it). */
#define COLS_MAX 4

typedef struct place {
    size_t unit, from, to; /* text: lines [from, to) */
    int slot;              /* grid line in the column where it starts */
    int at_top;
} place;

/* A column being filled: the places of its units (scratch, reused). */
typedef struct placelist {
    place *p;
    size_t n, cap;
    int oom;
} placelist;

typedef struct cursor {
    int page; /* -1: no page yet */
    int slot; /* first free grid line on that page */
} cursor;

/* How an article is set: the make-up's means, besides the settings of its
 * paragraphs (flow_pick), to avoid a stub page. */
typedef struct shape {
    int compact;        /* the title block without its spaces (title_block) */
    int air;            /* grid lines of space added around the title block */
    int runon;          /* a brief or notice may run on below the previous article */
    int follow;         /* run on below the previous article under a rule
                           (article_start: continue) */
    int cut_lo, cut_hi; /* pages [lo, hi] of the article (0: its first) run */
    int cut;            /* this many grid lines short, pushing text on */
} shape;

/* The most pages with short columns an ending keeps. */
#define GAPPED_MAX 8

/* Where and how an article ended. */
typedef struct ending {
    int pages;                    /* pages it spans */
    int ncols;                    /* columns holding its text on its last page */
    int used[COLS_MAX];           /* grid lines each of them takes there */
    int spread;                   /* the longest of them less the shortest */
    size_t unit0;                 /* the first flow unit with text on the last page, or
                                     on the page before it when there is one (what
                                     moves the last page's lines) */
    int gaps;                     /* on earlier pages: grid lines columns end short
                                     of the foot, beyond one each */
    size_t gapped[GAPPED_MAX][2]; /* the flow units [from, to] on such pages */
    int ngapped;
    int runon; /* it began below the previous article */
} ending;

/* Places article a from the cursor on: its title block (tbs[0] as
 * designed, tbs[1] compact) and its body fl, as shaped by sh; moves the
 * cursor past it, fills c->article_page, article_last_page and article_y,
 * and describes its end in *end. Returns 0 or -1 (out of memory). */
int place_article(composer *c, const folio_article *a, const stack *tbs, const shape *sh,
                  const flow *fl, cursor *cur, placelist *pl, ending *end);

/* Whether article a's title block of tslots grid lines and a few lines of
 * its text fit on the cursor's page below what is there (a blank line
 * between). */
int room_below(const composer *c, const folio_article *a, int tslots, const cursor *cur);

#endif
