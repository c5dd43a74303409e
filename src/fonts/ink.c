/* ink.c — a glyph's horizontal ink extent (for placing squeezed punctuation). */
#include "fonts_private.h"

int fonts_glyph_ink(folio_fonts *f, int face, uint32_t gid, int *xmin, int *xmax) {
    *xmin = *xmax = 0;
    if (face < 0 || (size_t)face >= f->nfaces) return -1;
    FT_Face ft = f->faces[face].ft;
    if (gid >= (uint32_t)ft->num_glyphs ||
        FT_Load_Glyph(ft, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0)
        return -1;
    *xmin = (int)ft->glyph->metrics.horiBearingX;
    *xmax = (int)(ft->glyph->metrics.horiBearingX + ft->glyph->metrics.width);
    return 0;
}
