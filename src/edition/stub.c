/* stub.c — placeholder until the reader lands (delete when implementing). */
#include "edition.h"
#include <stdlib.h>
folio_edition *edition_load(const char *dir, int keep_on_error, folio_diags *d) {
    (void)keep_on_error;
    diag_error(d, dir, 0, "edition reader not implemented");
    return NULL;
}
void edition_free(folio_edition *e) { (void)e; }
const char *edition_block_text(const folio_edition *e, const folio_block *b) {
    (void)e, (void)b;
    return NULL;
}
int edition_probe_image(const char *file, folio_image *img, const char **why) {
    (void)file, (void)img;
    *why = "not implemented";
    return -1;
}
