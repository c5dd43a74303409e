/* stub.c — placeholder until the font module lands (delete when implementing). */
#include "fonts.h"
folio_fonts *fonts_open(const char *config_path, const folio_font_override *ov, size_t nov,
                        folio_diags *d) {
    (void)ov, (void)nov;
    diag_error(d, config_path, 0, "fonts not implemented");
    return NULL;
}
void fonts_close(folio_fonts *f) { (void)f; }
int fonts_role(const folio_fonts *f, const char *name) { (void)f, (void)name; return -1; }
size_t fonts_role_count(const folio_fonts *f) { (void)f; return 0; }
const char *fonts_role_name(const folio_fonts *f, int role) { (void)f, (void)role; return ""; }
size_t fonts_role_faces(const folio_fonts *f, int role, const int **faces) {
    (void)f, (void)role, (void)faces;
    return 0;
}
size_t fonts_face_count(const folio_fonts *f) { (void)f; return 0; }
const folio_face_info *fonts_face(const folio_fonts *f, int face) { (void)f, (void)face; return 0; }
int fonts_glyph(folio_fonts *f, int role, uint32_t cp, folio_glyphinfo *out) {
    (void)f, (void)role, (void)cp;
    out->face = -1;
    return 0;
}
int fonts_glyph_advance(folio_fonts *f, int face, uint32_t gid) { (void)f, (void)face, (void)gid; return 0; }
int fonts_subset(folio_fonts *f, int face, const uint32_t *gids, size_t n, folio_subset *out,
                 folio_diags *d) {
    (void)f, (void)face, (void)gids, (void)n, (void)out;
    return diag_error(d, NULL, 0, "subsetting not implemented");
}
void fonts_subset_free(folio_subset *s) { (void)s; }
