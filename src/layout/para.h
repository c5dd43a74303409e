/* para.h — setting one paragraph into justified lines (inside src/layout).
 *
 * Line breaking follows UAX #14 through ICU, tailored to clreq (KIN-1..5 at
 * the strictness the layout asks for); breaks are chosen per paragraph by
 * total cost (optimum fit); punctuation is squeezed (PUN-2/3/4) and Han–Latin
 * gaps added (MIX-1); lines are justified (JUS-1..4); a last line of one
 * character is avoided (WO-1). The composer (compose.c) then places the lines
 * on pages. */
#ifndef FOLIO_PARA_H
#define FOLIO_PARA_H

#include <stddef.h>

#include "layout.h"

typedef enum {
    ALIGN_JUSTIFY = 0, /* body text: flush both sides, last line start-aligned */
    ALIGN_LEFT,        /* ragged right */
    ALIGN_CENTER,      /* titles */
    ALIGN_RIGHT,
} folio_align;

typedef enum { KINSOKU_LOOSE = 0, KINSOKU_BASIC, KINSOKU_STRICT } folio_kinsoku;

/* One run of text with its faces: cjk_role for Han, kana and full-width
 * punctuation, latin_role for Latin letters, digits and ASCII punctuation. */
typedef struct folio_para_run {
    const char *text; /* UTF-8 */
    size_t len;
    int cjk_role, latin_role;
    int hard_break; /* 1: a forced line break after this run's text */
    size_t offset;  /* byte offset of text in the block's text */
} folio_para_run;

/* ICU line breakers kept for reuse from one paragraph to the next: opening
 * one costs more than breaking a paragraph. Zero-initialise; free with
 * breakers_close (breaks.c). */
typedef struct folio_breakers {
    void *bi[3]; /* a UBreakIterator per folio_kinsoku level, or NULL */
} folio_breakers;

/* Closes the cached breakers. */
void breakers_close(folio_breakers *b);

typedef struct folio_para_in {
    const folio_para_run *runs;
    size_t nruns;
    float size;         /* font size, points */
    float measure;      /* line width, points */
    float first_indent; /* extra indent of the first line, points (PAR-1: 2 em) */
    float indent;       /* indent of every line (lists, quotes), points */
    folio_align align;
    folio_kinsoku kinsoku;
    int no_widow_char;    /* WO-1: avoid a last line of one character */
    folio_line_role role; /* copied into each line */
    int article, serial;  /* copied into each line */
    const char *src;
    int src_line;
    folio_breakers *breakers; /* reused across paragraphs; NULL: none */
    int variants;             /* also set it tighter and looser by whole lines
                                 (folio_para_out.alt), for copyfitting */
} folio_para_in;

/* The most lines a paragraph's copyfitting variants take out or add. */
#define PARA_TIGHTER 2
#define PARA_LOOSER 3
#define PARA_SETTINGS (PARA_TIGHTER + 1 + PARA_LOOSER)

typedef struct folio_para_out {
    folio_line *lines; /* in the arena; x is the indent from the column's left
                          edge, y is 0 (the composer places them) */
    size_t nlines;
    size_t missing; /* characters no font had (already warned about) */
    /* With in->variants: alt[PARA_TIGHTER + d] is the paragraph in d lines
     * more (d < 0: fewer; from -PARA_TIGHTER to PARA_LOOSER, d = 0 the
     * optimum itself), its longest run between forced breaks set again with
     * no line stretched past 0.15 em between Han characters (or the
     * optimum's own stretch), no emergency break and no 孤字 (WO-1); in the
     * arena. nalt[k] 0: no such setting. alt_cost[k]: its cost over the
     * optimum's (fit.c's measure, for choosing among paragraphs). */
    folio_line *alt[PARA_SETTINGS];
    size_t nalt[PARA_SETTINGS];
    double alt_cost[PARA_SETTINGS];
} folio_para_out;

/* Sets the paragraph. Lines and glyphs are allocated in arena. Returns 0, or
 * -1 with a diagnostic (out of memory, ICU failure). */
int para_set(folio_fonts *f, const folio_para_in *in, folio_arena *arena, folio_para_out *out,
             folio_diags *d);

#endif
