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
} flow_unit;

typedef struct flow {
    flow_unit *u;
    size_t n, cap;
} flow;

/* Turns an article's blocks (and its source line) into units set to measure
 * (the column width less inset on both sides). Returns 0 or -1. */
int flow_build(composer *c, const folio_article *a, float measure, float inset, flow *fl);

void flow_free(flow *fl);

/* Grid lines a unit takes; at_top: at the top of a column (before dropped). */
int flow_unit_slots(const folio_layout *l, const flow_unit *u, int at_top);

/* Makes a fixed unit from a stack (lines and boxes copied into the arena). */
int flow_add_stack(composer *c, flow *fl, stack *s, float before, int heading);

#endif
