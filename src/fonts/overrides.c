/* overrides.c — merges the layout's and the edition's font overrides for fonts_open. */
#include "overrides.h"

#include <stdlib.h>
#include <string.h>

#include "../util/fsutil.h"

int fonts_overrides_merge(const folio_font_override *lov, size_t nl, const folio_edition *e,
                          folio_font_overrides *out) {
    memset(out, 0, sizeof *out);
    size_t ne = e ? e->nfonts : 0, nfam = 0;
    for (size_t i = 0; i < ne; i++)
        nfam += e->fonts[i].nfamilies;
    out->items = calloc(nl + ne + 1, sizeof *out->items);
    out->strings = calloc(nfam + 1, sizeof *out->strings);
    if (!out->items || !out->strings) return -1;
    for (size_t i = 0; i < nl; i++)
        out->items[out->n++] = lov[i];
    for (size_t i = 0; i < ne; i++) {
        const folio_edition_font *ef = &e->fonts[i];
        const char **list = (const char **)&out->strings[out->nstrings];
        for (size_t j = 0; j < ef->nfamilies; j++) {
            const char *s = ef->families[j];
            char *v =
                !strncmp(s, "./", 2) || !strncmp(s, "../", 3) ? fs_join(e->dir, s) : strdup(s);
            if (!v) return -1;
            out->strings[out->nstrings++] = v;
        }
        out->items[out->n++] = (folio_font_override){ef->role, list, ef->nfamilies};
    }
    return 0;
}

void fonts_overrides_free(folio_font_overrides *o) {
    for (size_t i = 0; i < o->nstrings; i++)
        free(o->strings[i]);
    free(o->strings);
    free(o->items);
    memset(o, 0, sizeof *o);
}
