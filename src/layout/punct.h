/* punct.h — character classes for Chinese setting: which role sets a
 * character, full-width punctuation kinds (PUN-1), and the clreq line-edge
 * prohibitions (KIN-1, KIN-2, KIN-4). */
#ifndef FOLIO_PUNCT_H
#define FOLIO_PUNCT_H

#include <stdint.h>

typedef enum {
    PC_LATIN = 0, /* Latin letters, digits, ASCII punctuation, other scripts */
    PC_IDEO,      /* Han, kana, Hangul, full-width symbols (①■…) */
    PC_OPEN,      /* full-width opening bracket/quote: blank left half */
    PC_CLOSE,     /* full-width closing bracket/quote: blank right half */
    PC_STOP,      /* 、，。．：；？！ (GB positions: blank right half) */
    PC_MIDDLE,    /* interpuncts · ・ */
    PC_DASH,      /* —  …  ⸺ ⸻ : one unbreakable unit when repeated (KIN-4) */
    PC_SPACE,     /* breakable spaces (dropped at line ends) */
    PC_INVIS,     /* zero-width controls and format characters: not drawn */
    PC_NEWLINE,   /* a forced line break inside the text */
} punct_class;

/* The class of cp when it is set on its own (quotes are refined by the
 * caller from their neighbours: see punct_quote_is_open). */
punct_class punct_classify(uint32_t cp);

/* 1 when cp is one of the curly quotes “ ” ‘ ’ whose role (full-width
 * Chinese mark or Latin quote) depends on the text around it. */
int punct_is_curly_quote(uint32_t cp);

/* 1 for the opening curly quotes “ ‘ (0 for the closing ones). */
int punct_quote_is_open(uint32_t cp);

/* KIN-1: cp may not start a line (closing marks, stops, interpuncts,
 * iteration and prolonged marks, ASCII ,.;:?!)]} and %‰℃). */
int punct_no_start(uint32_t cp);

/* KIN-2: cp may not end a line (opening brackets and quotes, ASCII ([{). */
int punct_no_end(uint32_t cp);

/* KIN-4: cp is a dash or ellipsis unit that never splits from its twin. */
int punct_is_dash(uint32_t cp);

/* 1 for characters that count as letters for WO-1 (not punctuation, not
 * spaces). */
int punct_is_letter(uint32_t cp);

#endif
