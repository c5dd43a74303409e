/* cff_private.h — reading and writing CFF font programs, shared by cff.c (the
 * program a PDF embeds) and cffsubset.c (subsets cut from a font file). */
#ifndef FOLIO_CFF_PRIVATE_H
#define FOLIO_CFF_PRIVATE_H

#include "fonts.h"

#include "../util/buf.h"

#include <stddef.h>
#include <stdint.h>

/* The bytes of a CFF (the table, or a bare program). */
typedef struct cff_in {
    const unsigned char *p;
    size_t len;
} cff_in;

/* An INDEX: count objects; [start, end) is all of it, for a verbatim copy. */
typedef struct cff_index {
    size_t count;
    size_t start, end;
    const unsigned char *data; /* where offset 1 points */
    const unsigned char *offs;
    int offsize;
} cff_index;

/* Bytes of one object (a charstring, a DICT). */
typedef struct piece {
    const unsigned char *p;
    size_t n;
} piece;

/* A font's parts, pointing into its bytes. */
typedef struct cff_font {
    cff_in in;
    cff_index names, strings, gsubrs, chars;
    const unsigned char *top;
    size_t ntop;
    int cid_keyed;
    size_t nfd;
    piece fdict[256];      /* a name-keyed font: its Top DICT, for its Private */
    piece priv[256];       /* each font DICT's Private DICT (n 0: none) */
    cff_index lsubrs[256]; /* and its local subroutines (count 0: none) */
    unsigned char *fd;     /* the font DICT of each glyph (malloc'd) */
} cff_font;

/* A big-endian number of n bytes. */
uint32_t cff_be(const unsigned char *p, int n);

/* Reads the INDEX at *pos of in and moves past it. Returns 0, or -1 when it
 * does not fit in the bytes. */
int cff_read_index(const cff_in *in, size_t *pos, cff_index *ix);

/* Object i of an INDEX. Returns 0, or -1 when out of range or damaged. */
int cff_index_get(const cff_index *ix, size_t i, const unsigned char **p, size_t *n);

/* The CFF of face index of font bytes p[0..len): an sfnt's or a collection's
 * CFF table, or the bytes themselves when they are a bare CFF (face 0).
 * Returns 0 with *out, or -1 when there is none or the directory is
 * damaged. */
int cff_find(const unsigned char *p, size_t len, int index, cff_in *out);

/* The bias a charstring adds to a subroutine's number, for count of them. */
int cff_subr_bias(size_t count);

/* Reads the CFF cff[0..len) into f (which points into those bytes). Local
 * subroutines are an error unless allow_subrs. Returns 0; -1 when damaged,
 * or out of memory with *oom set. Free with cff_font_free, also on error. */
int cff_parse(cff_font *f, const unsigned char *cff, size_t len, int allow_subrs, int *oom);

/* Frees what cff_parse allocated. */
void cff_font_free(cff_font *f);

/* Writes to b a CID-keyed CFF made of f's names, strings and font DICTs and
 * the glyphs glyph[0..ng) (fdsel: each one's font DICT), CID g drawing glyph
 * g; then the copies of glyphs dup[0..ndup), through global subroutines (so f
 * must have none if ndup > 0 and keep_gsubrs), copy k dup_w[k] wide in
 * thousandths of text space (dup_w NULL: as wide as its glyph); FontMatrix
 * divided by em. f's
 * global subroutines are kept when keep_gsubrs; its local ones never are.
 * Returns 0, or -1 with b->oom set or a diagnostic naming name. */
int cff_write(const char *name, const cff_font *f, const piece *glyph, const unsigned char *fdsel,
              size_t ng, const uint32_t *dup, const double *dup_w, size_t ndup, double em,
              int keep_gsubrs, folio_buf *b, folio_diags *d);

/* fonts_cff_subset's work on the CFF table cff[0..len) (name, the font
 * file, for messages): the kept glyphs desubroutinized and unhinted, in a
 * bare CID-keyed CFF. Returns 0 with *out filled, or -1 with a diagnostic. */
int cff_subset_table(const char *name, const unsigned char *cff, size_t len, const uint32_t *gids,
                     size_t n, folio_subset *out, folio_diags *d);

#endif
