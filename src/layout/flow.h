/* flow.h — an article body as a sequence of units that the column filler
 * places on the grid: runs of text lines (one grid line each, breakable
 * between lines) and fixed blocks (headings, figures, rules, the source line)
 * that take whole grid lines and never break. */
#ifndef FOLIO_FLOW_H
#define FOLIO_FLOW_H

#include "compose.h"

typedef enum { FU_TEXT, FU_FIXED } flow_unit_type;

typedef struct flow_unit {
    flow_unit_type type;
    folio_line *lines; /* TEXT: x from the column's left, y unset;
                          FIXED: y = baseline below the block's top */
    size_t nlines;
    folio_box *boxes; /* FIXED: x from the column's left, y below the top */
    size_t nboxes;
    folio_line *marker; /* TEXT: a list marker set beside line 0, or NULL */
    float depth;        /* FIXED: height of the content */
    float before;       /* FIXED: space above that is dropped at a column top */
    int heading;        /* FIXED: a heading (kept with 2 lines of text: HD-2) */
    int air;            /* FIXED headings: grid lines of space added above it
                           (copyfitting), dropped at a column top */
    int smaller;        /* FIXED figures: grid lines taken off its picture's
                           height (copyfitting), the width in proportion */
    int smaller_max;    /* the most it may lose: a third of its height */
    /* TEXT paragraphs, for copyfitting: the settings lines/nlines may take,
     * fit[FIT_AS_SET + d] in d lines more (d < 0: fewer; para.h's
     * PARA_TIGHTER .. PARA_LOOSER), with what each costs over the optimum;
     * nfit[k] 0: none. */
    folio_line *fit[PARA_SETTINGS];
    size_t nfit[PARA_SETTINGS];
    double fit_cost[PARA_SETTINGS];
    int pick; /* the setting in lines/nlines */
} flow_unit;

/* The setting of a paragraph as made (its optimum). */
#define FIT_AS_SET PARA_TIGHTER

/* Sets unit u in setting k, when it has one. Returns 0, or -1 when it has
 * none. */
int flow_pick(flow_unit *u, int k);

typedef struct flow {
    flow_unit *u;
    size_t n, cap;
} flow;

/* Turns an article's blocks (and its source line) into units set to measure
 * (the column width less inset on both sides). Returns 0 or -1. */
int flow_build(composer *c, const folio_article *a, float measure, float inset, flow *fl);

void flow_free(flow *fl);

/* Grid lines a unit takes (with its air or smaller picture); at_top: at the
 * top of a column (before and air dropped). */
int flow_unit_slots(const folio_layout *l, const flow_unit *u, int at_top);

/* Where a figure unit's picture is (-1: it has none). */
long flow_picture(const flow_unit *u);

/* Makes a fixed unit from a stack (lines and boxes copied into the arena). */
int flow_add_stack(composer *c, flow *fl, stack *s, float before, int heading);

#endif
