/* coverage.h — which characters of an edition each font face has, and which none has.
 *
 * Used by `folio fonts EDITION`. Every character of the edition is looked up
 * in the role of the place where it occurs — titles, headings and strong text
 * in hei, bylines, quotes, captions and emphasis in kai, the rest in song;
 * Latin letters and digits in latin-sans (within hei) or latin-serif — the
 * way the magazine layout sets them. */
#ifndef FOLIO_FONTS_COVERAGE_H
#define FOLIO_FONTS_COVERAGE_H

#include "../edition/edition.h"
#include "fonts.h"

/* One distinct character of the edition. */
typedef struct folio_char_use {
    uint32_t cp;
    uint32_t roles; /* bit r set: used in role r (roles 0..31) */
    int face;       /* the face that sets it where it first occurs; -1: none */
    size_t count;   /* occurrences */
    int missing;    /* 1: no face of some role it is used in has it */
} folio_char_use;

typedef struct folio_coverage {
    folio_char_use *chars; /* sorted by code point */
    size_t nchars;
    size_t *face_covers; /* per face: distinct characters of the edition it has */
    size_t *face_sets;   /* per face: distinct characters it is the one to set */
    size_t *role_chars;  /* per role: distinct characters looked up in it */
    size_t nmissing;     /* distinct characters no face of their role has */
} folio_coverage;

/* Walks every text of edition e (header, sections, titles, bylines, blocks)
 * and fills out (free with fonts_coverage_free). Each place where a character
 * no face has occurs is a warning in d, `PATH:LINE: warning: no font has
 * U+XXXX 'c' (role R)`, once per character and line. Returns 0, or -1 on
 * out-of-memory (error in d). */
int fonts_coverage(folio_fonts *f, const folio_edition *e, folio_coverage *out, folio_diags *d);

/* Frees what fonts_coverage filled. */
void fonts_coverage_free(folio_coverage *c);

#endif
