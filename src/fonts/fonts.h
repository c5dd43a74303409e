/* fonts.h — font roles, discovery, metrics, per-character fallback, subsets.
 *
 * Layouts name roles (song, hei, kai, latin-serif, latin-sans, ...), never
 * files. fonts/roles.yaml maps each role to an ordered chain of candidate
 * families, resolved through fontconfig; an edition or a layout may override a
 * role. A character is set in the first face of its role's chain that has a
 * glyph for it. Metrics come from FreeType, unhinted, in font units. This is
 * the only module that opens font files: the layout asks it for advances, the
 * PDF and EPUB writers ask it for subset bytes to embed. */
#ifndef FOLIO_FONTS_H
#define FOLIO_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "../util/diag.h"

typedef struct folio_fonts folio_fonts;

/* A role named in a layout or edition with the families to try for it, in
 * order, ahead of the configured chain. A family starting with '/', './' or
 * '../' is a font file path instead (face 0), as in roles.yaml. */
typedef struct folio_font_override {
    const char *role;
    const char **families;
    size_t nfamilies;
} folio_font_override;

/* Opens the font set: reads the role configuration file config_path
 * (fonts/roles.yaml), applies the overrides (later ones win), resolves every
 * role's chain through fontconfig and opens the faces with FreeType. A family
 * that is not installed is skipped with a warning; a role with no usable face,
 * or a font file that is corrupt or not a font, is an error. Returns NULL on
 * error (diagnostics in d). Free with fonts_close. */
folio_fonts *fonts_open(const char *config_path, const folio_font_override *ov, size_t nov,
                        folio_diags *d);

/* Frees everything. NULL is allowed. */
void fonts_close(folio_fonts *f);

/* The id of a role by name, or -1 when no such role is configured. */
int fonts_role(const folio_fonts *f, const char *name);

/* Role names and count, for listings. */
size_t fonts_role_count(const folio_fonts *f);
const char *fonts_role_name(const folio_fonts *f, int role);

/* The faces of a role's chain, in order (ids for fonts_face). */
size_t fonts_role_faces(const folio_fonts *f, int role, const int **faces);

/* A face that was opened. Fields are owned by the font set. */
typedef struct folio_face_info {
    const char *file;   /* font file path */
    int index;          /* face index inside a .ttc */
    const char *family; /* family name (as fontconfig reports it) */
    const char *psname; /* PostScript name, ASCII, no spaces */
    int units_per_em;
    int ascender, descender; /* font units, descender negative (hhea/OS2) */
    int cap_height;          /* font units (0 when unknown) */
    int bbox[4];             /* xMin yMin xMax yMax, font units */
    int italic_angle;        /* degrees */
    int fixed_pitch;
    int serif; /* 1 when the font looks serif (for the PDF flags) */
    int cff;   /* 1 for CFF outlines (the PDF embeds fonts_cff_program's) */
} folio_face_info;

/* The number of faces opened, and one face's facts (face in 0..count-1). */
size_t fonts_face_count(const folio_fonts *f);
const folio_face_info *fonts_face(const folio_fonts *f, int face);

/* A character's glyph in a role: which face, its glyph id and advance. */
typedef struct folio_glyphinfo {
    int face;     /* -1: no face of the chain has the character */
    uint32_t gid; /* glyph id in that face */
    int advance;  /* horizontal advance, font units of that face */
    int units_per_em;
} folio_glyphinfo;

/* Looks cp up along role's chain. Returns 1 and fills *out when a face has it;
 * returns 0 with out->face = -1 (and advance = 1 em of the role's first face)
 * when none has it — the caller draws a placeholder box and warns. Cached:
 * cheap to call for every character. */
int fonts_glyph(folio_fonts *f, int role, uint32_t cp, folio_glyphinfo *out);

/* The glyph id of cp in one face (no fallback, not cached), 0 when the face
 * has no glyph for it or face is out of range. */
uint32_t fonts_face_glyph(const folio_fonts *f, int face, uint32_t cp);

/* The advance of glyph gid in face, font units (0 when out of range). */
int fonts_glyph_advance(folio_fonts *f, int face, uint32_t gid);

/* The horizontal extent of glyph gid's ink in face, font units from its
 * origin, into *xmin and *xmax (the layout places squeezed punctuation by
 * it). Returns 0, or -1 (both 0) when out of range or unloadable. */
int fonts_glyph_ink(folio_fonts *f, int face, uint32_t gid, int *xmin, int *xmax);

/* ---- drawing glyphs as pixels (raster.c), for thumbnails ---- */

/* Draws the glyphs of a font set as grey bitmaps. It opens the faces again
 * for itself (the font set stays untouched, so a const one will do), one at a
 * time as they are first asked for; one raster serves one thread. */
typedef struct folio_raster folio_raster;

/* One glyph drawn: coverage 0..255, rows of pitch bytes, valid until the
 * next call on the same raster. */
typedef struct folio_glyph_bitmap {
    const unsigned char *gray;
    int width, rows, pitch;
    int left, top; /* from the pen position to the bitmap's top-left, y up */
    float advance; /* pixels */
} folio_glyph_bitmap;

/* A raster for f's faces; NULL when memory or FreeType failed. Free with
 * fonts_raster_free (NULL allowed). */
folio_raster *fonts_raster_new(const folio_fonts *f);
void fonts_raster_free(folio_raster *r);

/* Draws glyph gid of face at px pixels per em into *out. 0, or -1 when the
 * face cannot be opened or the glyph drawn (then *out is empty). */
int fonts_raster_glyph(folio_raster *r, int face, uint32_t gid, float px, folio_glyph_bitmap *out);

/* A subset of one face, ready to embed. */
typedef struct folio_subset {
    unsigned char *data; /* font bytes, malloc'd (fonts_subset_free frees
                            them): an sfnt, or for fonts_subset of a CFF face
                            a bare CFF */
    size_t len;
    uint32_t *old_to_new; /* indexed by original gid (size nold); new gid, or
                             UINT32_MAX when the glyph was not kept */
    size_t nold;
} folio_subset;

/* Makes a subset of face holding the glyphs gids[0..n) (and the glyphs they
 * are composed of) for the PDF, without hinting. For TrueType outlines it is
 * our own subsetter, reading the font file: glyf, loca, head, hhea, hmtx and
 * maxp only (hb-subset, which adds OS/2, name and post, for a file it cannot
 * read); for CFF outlines a bare CFF, desubroutinized (see
 * fonts_cff_program). No cmap. Glyph 0 (.notdef) is always kept; ids out of range are ignored.
 * Glyphs are renumbered in old-id order: use old_to_new. Deterministic: the
 * same input gives the same bytes. Returns 0, or -1 with a diagnostic (a
 * damaged font file is an error naming it). */
int fonts_subset(folio_fonts *f, int face, const uint32_t *gids, size_t n, folio_subset *out,
                 folio_diags *d);

/* Makes a subset of face for a web font (the EPUB's @font-face): the glyphs
 * of the code points cps[0..n) with a cmap for them, plus OS/2, name and post
 * (fonts_subset keeps no cmap: a PDF CIDFont maps CIDs to glyphs itself).
 * old_to_new is filled as for fonts_subset. Unhinted, deterministic.
 * Returns 0, or -1 with a diagnostic. */
int fonts_subset_web(folio_fonts *f, int face, const uint32_t *cps, size_t n, folio_subset *out,
                     folio_diags *d);

/* The font program a PDF CIDFontType0 (FontFile3 /CIDFontType0C) embeds for
 * a subset fonts_subset made of a CFF-outline face (font[0..len): its sfnt
 * bytes, or a bare CFF): a CID-keyed CFF in which CID g draws glyph g, the
 * glyphs dup[0..ndup) appended as copies (CIDs from the subset's glyph count
 * on: a PDF gives each CID one width), copy k as wide as dup_w[k] says in the
 * PDF's /W units (thousandths of the declared em; dup_w NULL: as wide as its
 * glyph) so that the program's widths are the font dictionary's (PDF/A-2
 * 6.2.11.5), and the FontMatrix divided by em (1 keeps the size). Returns 0
 * with *out malloc'd (the caller frees it) and *outlen; -1 with a diagnostic
 * naming name (the font file) when the data is damaged, still uses local
 * subroutines, or memory ran out. */
int fonts_cff_program(const char *name, const unsigned char *font, size_t len, const uint32_t *dup,
                      const double *dup_w, size_t ndup, double em, unsigned char **out,
                      size_t *outlen, folio_diags *d);

/* Appends to a TrueType subset that fonts_subset made n glyphs, copy k
 * drawing the subset's glyph of[k] with the advance adv[k] (font units of the
 * subset's head), as ids from its glyph count on: the PDF's width variants
 * get glyphs whose widths are the font dictionary's (PDF/A-2 6.2.11.5).
 * Returns 0 with s->data replaced, or -1 with a diagnostic (a subset not of
 * fonts_subset's making, 65,535 glyphs passed, out of memory). */
int fonts_tt_add_copies(folio_subset *s, const uint32_t *of, const uint16_t *adv, size_t n,
                        folio_diags *d);

/* Frees a subset's buffers. NULL is allowed. */
void fonts_subset_free(folio_subset *s);

#endif
