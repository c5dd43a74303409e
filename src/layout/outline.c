/* outline.c — the document outline (bookmarks): each named section at level
 * 0 leading to its first article, its articles at level 1. */
#include "compose.h"

int compose_outline(composer *c, folio_doc *doc) {
    const folio_edition *e = c->e;
    size_t n = e->nsections + e->narticles;
    doc->outline = arena_calloc(c->arena, n ? n : 1, sizeof *doc->outline);
    if (!doc->outline) return -1;
    size_t k = 0;
    for (size_t s = 0; s < e->nsections; s++) {
        const folio_section *sec = &e->sections[s];
        int named = sec->name && *sec->name;
        if (named && sec->narticles) {
            size_t first = sec->articles[0]->index;
            doc->outline[k++] =
                (folio_outline_entry){sec->name, 0, c->article_page[first], c->article_y[first]};
        }
        for (size_t i = 0; i < sec->narticles; i++) {
            size_t a = sec->articles[i]->index;
            doc->outline[k++] = (folio_outline_entry){sec->articles[i]->title, named ? 1 : 0,
                                                      c->article_page[a], c->article_y[a]};
        }
    }
    doc->noutline = k;
    return 0;
}
