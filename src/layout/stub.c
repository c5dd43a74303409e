/* stub.c — placeholder until the layout engine lands (delete when implementing). */
#include "layout.h"
#include "para.h"
folio_layout *layout_load(const char *layouts_dir, const char *name, const char *src, int line,
                          folio_diags *d) {
    (void)layouts_dir;
    diag_error(d, src, line, "layout '%s' not implemented", name);
    return NULL;
}
void layout_free(folio_layout *l) { (void)l; }
char *layout_list(const char *layouts_dir) { (void)layouts_dir; return NULL; }
size_t layout_font_overrides(const folio_layout *l, const folio_font_override **ov) {
    (void)l;
    *ov = NULL;
    return 0;
}
folio_doc *layout_run(const folio_edition *e, const folio_layout *l, folio_fonts *f,
                      folio_diags *d) {
    (void)e, (void)l, (void)f;
    diag_error(d, NULL, 0, "layout not implemented");
    return NULL;
}
void layout_doc_free(folio_doc *doc) { (void)doc; }
int layout_dump_json(const folio_doc *doc, const folio_fonts *f, const char *path,
                     folio_diags *d) {
    (void)doc, (void)f;
    return diag_error(d, path, 0, "dump not implemented");
}
int para_set(folio_fonts *f, const folio_para_in *in, folio_arena *arena, folio_para_out *out,
             folio_diags *d) {
    (void)f, (void)in, (void)arena, (void)out;
    return diag_error(d, NULL, 0, "para_set not implemented");
}
