/* glyph.c — per-character fallback along a role's chain, cached per role, and advances. */
#include "fonts_private.h"

#include <stdlib.h>
#include <string.h>

#include FT_ADVANCES_H

static size_t slot_of(uint32_t cp, size_t cap) {
    /* Fibonacci hashing spreads the dense runs of CJK code points. */
    return (size_t)((cp * 2654435769u) >> 7) & (cap - 1);
}

static int cache_grow(glyph_cache *c) {
    size_t cap = c->cap ? c->cap * 2 : 1024;
    glyph_slot *s = malloc(cap * sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < cap; i++)
        s[i].cp = GLYPH_EMPTY;
    for (size_t i = 0; i < c->cap; i++) {
        if (c->slots[i].cp == GLYPH_EMPTY) continue;
        size_t j = slot_of(c->slots[i].cp, cap);
        while (s[j].cp != GLYPH_EMPTY)
            j = (j + 1) & (cap - 1);
        s[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = s;
    c->cap = cap;
    return 0;
}

void glyph_cache_free(glyph_cache *c) {
    free(c->slots);
    memset(c, 0, sizeof *c);
}

int fonts_glyph_advance(folio_fonts *f, int face, uint32_t gid) {
    if (face < 0 || (size_t)face >= f->nfaces) return 0;
    FT_Face ft = f->faces[face].ft;
    if (gid >= (uint32_t)ft->num_glyphs) return 0;
    FT_Fixed adv = 0;
    if (FT_Get_Advance(ft, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING, &adv) != 0) return 0;
    return (int)adv;
}

uint32_t fonts_face_glyph(const folio_fonts *f, int face, uint32_t cp) {
    if (face < 0 || (size_t)face >= f->nfaces) return 0;
    return FT_Get_Char_Index(f->faces[face].ft, cp);
}

/* The uncached lookup: the first face of the chain that maps cp. */
static void lookup(folio_fonts *f, const font_role *r, uint32_t cp, glyph_slot *out) {
    out->cp = cp;
    out->face = -1;
    out->gid = 0;
    out->advance = r->nfaces ? f->faces[r->faces[0]].info.units_per_em : 1000;
    for (size_t i = 0; i < r->nfaces; i++) {
        FT_UInt g = FT_Get_Char_Index(f->faces[r->faces[i]].ft, cp);
        if (g) {
            out->face = r->faces[i];
            out->gid = g;
            out->advance = fonts_glyph_advance(f, r->faces[i], g);
            return;
        }
    }
}

static void fill(const folio_fonts *f, const font_role *r, const glyph_slot *s,
                 folio_glyphinfo *out) {
    out->face = s->face;
    out->gid = s->gid;
    out->advance = s->advance;
    int face = s->face >= 0 ? s->face : r->nfaces ? r->faces[0] : -1;
    out->units_per_em = face >= 0 ? f->faces[face].info.units_per_em : 1000;
}

int fonts_glyph(folio_fonts *f, int role, uint32_t cp, folio_glyphinfo *out) {
    if (role < 0 || (size_t)role >= f->nroles || cp == GLYPH_EMPTY) {
        *out = (folio_glyphinfo){.face = -1, .gid = 0, .advance = 1000, .units_per_em = 1000};
        return 0;
    }
    font_role *r = &f->roles[role];
    glyph_cache *c = &r->cache;
    if (c->cap) {
        size_t j = slot_of(cp, c->cap);
        while (c->slots[j].cp != GLYPH_EMPTY) {
            if (c->slots[j].cp == cp) {
                fill(f, r, &c->slots[j], out);
                return out->face >= 0;
            }
            j = (j + 1) & (c->cap - 1);
        }
    }
    glyph_slot s;
    lookup(f, r, cp, &s);
    fill(f, r, &s, out);
    /* A full cache only costs speed: the answer is right without storing it. */
    if ((c->used + 1) * 2 > c->cap && cache_grow(c) < 0) return out->face >= 0;
    size_t j = slot_of(cp, c->cap);
    while (c->slots[j].cp != GLYPH_EMPTY)
        j = (j + 1) & (c->cap - 1);
    c->slots[j] = s;
    c->used++;
    return out->face >= 0;
}
