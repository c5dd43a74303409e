/* testfonts.h — helpers the font tests share: a face by family, the glyphs of
 * some text, and whether two glyphs have the same outline. */
#ifndef FOLIO_TEST_FONTS_H
#define FOLIO_TEST_FONTS_H

#include "fonts/fonts.h"
#include "util/utf8.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <string.h>

/* The face of the font set whose family is family, or -1. */
static inline int face_named(const folio_fonts *f, const char *family) {
    for (size_t i = 0; i < fonts_face_count(f); i++)
        if (!strcmp(fonts_face(f, (int)i)->family, family)) return (int)i;
    return -1;
}

/* The glyphs of some text in a face, through its own cmap. Returns how many. */
static inline size_t text_glyphs(const folio_fonts *f, int face, const char *text, uint32_t *gids,
                                 size_t cap) {
    size_t n = 0, len = strlen(text);
    for (size_t i = 0; i < len && n < cap;) {
        uint32_t cp;
        i += utf8_decode(text + i, len - i, &cp);
        uint32_t g = fonts_face_glyph(f, face, cp);
        if (g) gids[n++] = g;
    }
    return n;
}

/* Whether glyph ga of a and gb of b (a and b may be one face) have the same
 * outline, unscaled and unhinted: contours, points and point tags. b's glyph
 * stays loaded. */
static inline int same_outline(FT_Face a, uint32_t ga, FT_Face b, uint32_t gb) {
    if (FT_Load_Glyph(a, ga, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0) return 0;
    FT_Outline x;
    if (FT_Outline_New(a->glyph->library, (FT_UInt)a->glyph->outline.n_points,
                       a->glyph->outline.n_contours, &x) != 0)
        return 0;
    FT_Outline_Copy(&a->glyph->outline, &x);
    int same = FT_Load_Glyph(b, gb, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0;
    const FT_Outline *y = &b->glyph->outline;
    same = same && x.n_points == y->n_points && x.n_contours == y->n_contours;
    for (int i = 0; same && i < x.n_points; i++)
        same = x.points[i].x == y->points[i].x && x.points[i].y == y->points[i].y &&
               x.tags[i] == y->tags[i];
    for (int i = 0; same && i < x.n_contours; i++)
        same = x.contours[i] == y->contours[i];
    FT_Outline_Done(a->glyph->library, &x);
    return same;
}

#endif
