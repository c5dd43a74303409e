/* overrides.h — the font overrides of a build: the layout's, then the edition's own. */
#ifndef FOLIO_FONTS_OVERRIDES_H
#define FOLIO_FONTS_OVERRIDES_H

#include "../edition/edition.h"
#include "fonts.h"

/* An override list for fonts_open, with the strings it owns. */
typedef struct folio_font_overrides {
    folio_font_override *items;
    size_t n;
    char **strings; /* family strings made here (resolved paths) */
    size_t nstrings;
} folio_font_overrides;

/* Builds the list passed to fonts_open: the layout's overrides lov[0..nl)
 * first, then the edition's `fonts:` entries (e may be NULL), so that the
 * edition wins. A font file path written in edition.yaml as './...' or
 * '../...' is made relative to the edition folder. Returns 0, or -1 when
 * memory ran out. Free with fonts_overrides_free (also after -1). */
int fonts_overrides_merge(const folio_font_override *lov, size_t nl, const folio_edition *e,
                          folio_font_overrides *out);

/* Frees what fonts_overrides_merge made. */
void fonts_overrides_free(folio_font_overrides *o);

#endif
