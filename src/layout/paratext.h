/* paratext.h — a paragraph measured for setting (inside src/layout): its
 * characters with roles, glyphs and set widths, the gaps between them, what
 * each can shrink or stretch, and prefix sums that give any line's metrics
 * in constant time. Shared by measure.c, fit.c and justify.c. */
#ifndef FOLIO_PARATEXT_H
#define FOLIO_PARATEXT_H

#include <stddef.h>
#include <stdint.h>

#include "para.h"

/* Per-character facts. Widths are points. The "gap" fields describe the
 * space between character i-1 and character i (none for i = 0). */
typedef struct pt_char {
    uint32_t cp;
    uint8_t cls;    /* punct_class as set (curly quotes resolved) */
    uint8_t brk;    /* BRK_* before this character */
    uint8_t letter; /* counts as a character for WO-1 */
    int face;       /* -1: no font has it */
    uint32_t gid;
    float fw;         /* the font's advance (0: not drawn) */
    float w;          /* natural set width (PUN-1, PUN-2 applied) */
    float dx;         /* drawing origin relative to the left of the set box */
    float ink0, ink1; /* closing marks: ink extent from the origin (0, 0: unknown) */
    float s1;         /* shrink: punctuation blank (JUS-2 first tier) */
    float s2;         /* shrink: Han–Latin gap (second tier, down to 1/8 em) */
    float s3;         /* shrink: Latin word space (third tier) */
    float z;          /* stretch unit of the character itself (spaces) */
    float endsq;      /* blank removed when the character ends a line (PUN-3) */
    float gw, gs, gz; /* gap before it: width, shrink (tier 2), stretch unit */
    size_t off;       /* byte offset in the block's text */
    size_t run;       /* index of its run (for the roles) */
} pt_char;

enum {
    BRK_NO = 0,
    BRK_OK = 1,      /* UAX #14 + clreq opportunity */
    BRK_HYPHEN = 2,  /* allowed, after a hyphen inside a word (discouraged) */
    BRK_EMERG = 3,   /* only to avoid an overfull line (very long word/URL) */
    BRK_HARD = 4,    /* forced (hard break, newline) */
    BRK_ADDRESS = 5, /* inside an e-mail address or URL (discouraged) */
};

/* Prefix sums over characters [0, i): char parts and gap parts apart, so a
 * line can leave out the gap before its first character. */
typedef struct pt_sum {
    double w, s1, s2, s3, z; /* characters */
    double gw, gs, gz;       /* gaps */
    double minw;             /* characters + gaps at full shrink (monotone) */
    double letters;
} pt_sum;

typedef struct pt_para {
    const folio_para_in *in;
    size_t n;
    pt_char *c;  /* n + 1 entries (c[n] is a sentinel) */
    pt_sum *sum; /* n + 1 entries */
    float em;
    uint32_t *missing; /* distinct code points no font has */
    size_t nmissing;
} pt_para;

/* A line's metrics: characters [s, e) after trimming edge spaces. */
typedef struct pt_metrics {
    size_t s, e;
    double w;          /* natural width */
    double s1, s2, s3; /* shrink available per tier */
    double z;          /* stretch units (1 unit = the ratio's scale) */
    double letters;
} pt_metrics;

/* Measures the paragraph: decodes the runs, picks roles and glyphs, sets
 * punctuation widths and gaps, finds break opportunities. Returns 0, or -1
 * with *err set (out of memory, ICU). Free with pt_free. */
int pt_measure(folio_fonts *f, const folio_para_in *in, pt_para *p, const char **err);

/* Frees the arrays of p. */
void pt_free(pt_para *p);

/* Metrics of a line broken at a (start) and b (end), b > a. */
void pt_line(const pt_para *p, size_t a, size_t b, pt_metrics *m);

/* Chooses the line ends inside [from, to) (a segment between forced breaks)
 * by optimum fit. Writes the ends (ascending, the last one = to) into
 * ends (room for to - from entries), their total cost into *total, and
 * returns their count, or 0 when out of memory. */
size_t fit_breaks(const pt_para *p, size_t from, size_t to, size_t *ends, double *total);

/* The best line ends of [from, to) in each count of lines from lo to hi (a
 * paragraph set looser or tighter to copyfit a page), where no line but the
 * last is stretched by more than max_ratio (the JUS-3 adjustment ratio: ¼ em
 * per Han–Han gap per unit), none needs an emergency break and the last line
 * holds two characters at least (WO-1). For each count k, total[k - lo] is
 * the setting's cost (as fit_breaks'), INF (1e300) when there is none, and
 * its ends go to ends[k - lo] (room for k entries; NULL: not wanted). One
 * search for all counts. Returns 0, or -1 when out of memory. */
int fit_breaks_counts(const pt_para *p, size_t from, size_t to, size_t lo, size_t hi,
                      double max_ratio, size_t *const *ends, double *total);

/* The width available to a line starting at character a. */
double pt_avail(const pt_para *p, size_t a);

/* Sets the line [a, b) into *out (glyphs and text in arena), justified when
 * `last` is 0 and the paragraph is justified. Returns 0 or -1 (OOM). */
int justify_line(const pt_para *p, size_t a, size_t b, int first, int last, folio_arena *arena,
                 folio_line *out);

#endif
