/* fonts_private.h — the font set's internals, shared by the files of src/fonts. */
#ifndef FOLIO_FONTS_PRIVATE_H
#define FOLIO_FONTS_PRIVATE_H

#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H

/* One candidate of a role's chain as configured. */
typedef enum {
    CAND_FAMILY, /* a family name, resolved through fontconfig */
    CAND_FILE,   /* a font file path (with a face index) */
    CAND_ROLE,   /* every candidate of another role, in its order */
} cand_kind;

typedef struct font_cand {
    cand_kind kind;
    char *name;      /* family, path or role name (malloc'd) */
    int index;       /* CAND_FILE: face index inside a collection */
    int optional;    /* skip silently when not installed */
    const char *src; /* where it was written (config path), NULL for overrides */
    int line;
} font_cand;

/* A role as configured: its name and candidates, in order. */
typedef struct role_conf {
    char *name;
    font_cand *cands;
    size_t n, cap;
} role_conf;

typedef struct roles_conf {
    role_conf *roles;
    size_t n, cap;
} roles_conf;

/* Reads roles.yaml into conf (appending). Returns 0, or -1 with diagnostics. */
int fonts_conf_read(const char *path, roles_conf *conf, folio_diags *d);

/* Puts the override's families first in its role (creating the role).
 * Returns 0, or -1 on OOM. */
int fonts_conf_override(roles_conf *conf, const folio_font_override *ov);

/* The role named name, or NULL. */
role_conf *fonts_conf_find(roles_conf *conf, const char *name);

/* Frees the configuration. */
void fonts_conf_free(roles_conf *conf);

/* Whether a string written as a family is in fact a file path ('/', './', '../'). */
int fonts_is_path(const char *s);

/* Finds the file and face index of family through fontconfig, checking that
 * the match really is that family (fontconfig always returns something).
 * Returns 0 with *file and *name (the family as the font spells it)
 * malloc'd, or -1 when the family is not installed. */
int fonts_fc_find(FcConfig *fc, const char *family, char **file, int *index, char **name);

/* One entry of a role's glyph cache. */
typedef struct glyph_slot {
    uint32_t cp; /* GLYPH_EMPTY when free */
    int32_t face;
    uint32_t gid;
    int32_t advance;
} glyph_slot;

#define GLYPH_EMPTY UINT32_MAX

typedef struct glyph_cache {
    glyph_slot *slots;
    size_t cap, used; /* cap is a power of two */
} glyph_cache;

typedef struct font_face {
    folio_face_info info;
    FT_Face ft;
    hb_face_t *hb;                /* opened on the first hb-subset (web subsets, non-glyf faces) */
    char *file, *family, *psname; /* owned copies behind info's pointers */
} font_face;

typedef struct font_role {
    char *name;
    int *faces; /* face ids, in chain order */
    size_t nfaces;
    glyph_cache cache;
} font_role;

struct folio_fonts {
    FT_Library ft;
    FcConfig *fc;
    font_face *faces;
    size_t nfaces, capfaces;
    font_role *roles;
    size_t nroles;
};

/* Opens file/index with FreeType and fills the face facts. Returns the new
 * face id, -2 when the face was refused (CFF, known-broken; a warning is
 * added), or -1 when the file is not a usable font (an error is added). An
 * already-open file/index returns its existing id. */
int fonts_face_open(folio_fonts *f, const char *file, int index, const char *family,
                    const char *src, int line, folio_diags *d);

/* Frees one face's resources. */
void fonts_face_free(font_face *face);

/* Frees a glyph cache. */
void glyph_cache_free(glyph_cache *c);

/* Makes fonts_subset's subset of face index of the font file path straight
 * from the file: glyf, loca, head, hhea, hmtx and maxp only, no hinting.
 * Returns 0 with *out filled (free with fonts_subset_free); 1, *out empty,
 * when the face is not plain TrueType (CFF outlines, one of those tables
 * missing) and hb-subset must make it; -1 with an error naming the file when
 * the file cannot be read or is damaged. */
int fonts_tt_subset(const char *path, int index, const uint32_t *gids, size_t n, folio_subset *out,
                    folio_diags *d);

/* Makes fonts_subset's subset of CFF-outline face index of the font file
 * path: a bare CID-keyed CFF (CID g draws glyph g), its glyphs
 * desubroutinized and unhinted, global subroutines gone. Returns 0 with *out
 * filled (free with fonts_subset_free), or -1 with an error naming the file
 * when it cannot be read or is damaged. */
int fonts_cff_subset(const char *path, int index, const uint32_t *gids, size_t n, folio_subset *out,
                     folio_diags *d);

#endif
