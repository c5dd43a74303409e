/* raster.c — glyphs drawn as grey bitmaps with FreeType, for the archive's thumbnails. */
#include "fonts_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct folio_raster {
    const folio_fonts *f;
    FT_Library lib;
    FT_Face *faces; /* per face of the set, opened on first use */
    char *failed;   /* per face: it would not open (asked once) */
    size_t n;
};

folio_raster *fonts_raster_new(const folio_fonts *f) {
    folio_raster *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->f = f;
    r->n = fonts_face_count(f);
    r->faces = calloc(r->n ? r->n : 1, sizeof *r->faces);
    r->failed = calloc(r->n ? r->n : 1, 1);
    if (!r->faces || !r->failed || FT_Init_FreeType(&r->lib)) {
        r->lib = NULL;
        fonts_raster_free(r);
        return NULL;
    }
    return r;
}

void fonts_raster_free(folio_raster *r) {
    if (!r) return;
    for (size_t i = 0; r->faces && i < r->n; i++)
        if (r->faces[i]) FT_Done_Face(r->faces[i]);
    if (r->lib) FT_Done_FreeType(r->lib);
    free(r->faces);
    free(r->failed);
    free(r);
}

static FT_Face face_of(folio_raster *r, int id) {
    if (id < 0 || (size_t)id >= r->n || r->failed[id]) return NULL;
    if (!r->faces[id]) {
        const folio_face_info *fi = fonts_face(r->f, id);
        if (!fi || FT_New_Face(r->lib, fi->file, fi->index, &r->faces[id])) {
            r->faces[id] = NULL;
            r->failed[id] = 1;
        }
    }
    return r->faces[id];
}

int fonts_raster_glyph(folio_raster *r, int face, uint32_t gid, float px, folio_glyph_bitmap *out) {
    memset(out, 0, sizeof *out);
    FT_Face ft = face_of(r, face);
    if (!ft || !(px > 0) || FT_Set_Char_Size(ft, 0, (FT_F26Dot6)lrintf(px * 64), 72, 72) ||
        FT_Load_Glyph(ft, gid, FT_LOAD_RENDER | FT_LOAD_NO_HINTING))
        return -1;
    FT_GlyphSlot s = ft->glyph;
    out->advance = (float)s->advance.x / 64.0f;
    if (s->bitmap.pixel_mode != FT_PIXEL_MODE_GRAY) return 0;
    out->gray = s->bitmap.buffer;
    out->width = (int)s->bitmap.width;
    out->rows = (int)s->bitmap.rows;
    out->pitch = s->bitmap.pitch;
    out->left = s->bitmap_left;
    out->top = s->bitmap_top;
    return 0;
}
