/* record.c — an edition and its laid-out pages as a catalogue record. */
#include "archive_private.h"

#include <stdlib.h>
#include <string.h>

#include "../util/fsutil.h"

static const char *const kind_names[] = {"article", "foreword", "notice", "brief"};

/* Appends the text of blocks (nested ones too), one line each. */
static void blocks_text(const folio_edition *e, const folio_block *b, size_t n, folio_buf *out) {
    for (size_t i = 0; i < n; i++) {
        const folio_block *x = &b[i];
        if (x->nspans) {
            const char *t = edition_block_text(e, x);
            if (t && *t) {
                if (out->len) buf_putc(out, '\n');
                buf_puts(out, t);
            }
        }
        if (x->nchildren) blocks_text(e, x->children, x->nchildren, out);
    }
}

int archive_record_from_edition(const folio_edition *e, const folio_doc *doc, const char *pdf,
                                const char *epub, folio_arena *arena, archive_record *out) {
    memset(out, 0, sizeof *out);
    out->journal = e->journal ? e->journal : "";
    out->issue = e->issue ? e->issue : "";
    out->date = e->date ? e->date : "";
    out->year = e->year;
    out->number = e->number;
    out->pages = doc ? (int)doc->npages : 0;
    out->publisher = e->publisher ? e->publisher : "";
    out->identifier = e->identifier ? e->identifier : "";
    out->pdf = pdf ? pdf : "";
    out->epub = epub ? epub : "";
    out->articles = arena_calloc(arena, e->narticles ? e->narticles : 1, sizeof *out->articles);
    if (!out->articles) return -1;
    out->narticles = e->narticles;
    folio_buf b;
    buf_init(&b);
    for (size_t i = 0; i < e->narticles; i++) {
        const folio_article *a = &e->articles[i];
        archive_article *r = &out->articles[i];
        r->title = a->title ? a->title : "";
        for (size_t k = 0; k < a->nauthors; k++) {
            if (k) buf_puts(&b, "、");
            buf_puts(&b, a->authors[k]);
        }
        if (!a->nauthors && a->byline) buf_puts(&b, a->byline);
        r->authors = arena_strndup(arena, b.data ? b.data : "", b.len);
        buf_free(&b);
        r->section = a->section < e->nsections && e->sections[a->section].name
                         ? e->sections[a->section].name
                         : "";
        r->kind = (unsigned)a->kind < 4 ? kind_names[a->kind] : "article";
        folio_article_pages pg = layout_article_pages(doc, i);
        r->first_page = pg.first;
        r->pdf_page = pg.pdf_page;
        r->last_page = pg.last;
        if (a->subtitle) buf_puts(&b, a->subtitle);
        blocks_text(e, a->blocks, a->nblocks, &b);
        if (a->source) {
            if (b.len) buf_putc(&b, '\n');
            buf_puts(&b, a->source);
        }
        r->text = arena_strndup(arena, b.data ? b.data : "", b.len);
        int oom = b.oom;
        buf_free(&b);
        if (oom || !r->authors || !r->text) return -1;
    }
    return 0;
}

static int add_source(archive_file **v, size_t *n, size_t *cap, folio_arena *a,
                      const folio_edition *e, const char *rel) {
    if (!rel || !*rel) return 0;
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i].rel, rel)) return 0;
    if (arena_grow(a, v, cap, *n, *n + 1, sizeof **v, 32)) return -1;
    char *src = archive_join_arena(a, e->dir, rel);
    if (!src) return -1;
    (*v)[*n].src = src;
    (*v)[*n].rel = rel;
    (*n)++;
    return 0;
}

static int block_images(archive_file **v, size_t *n, size_t *cap, folio_arena *a,
                        const folio_edition *e, const folio_block *b, size_t nb) {
    for (size_t i = 0; i < nb; i++) {
        if (b[i].image && add_source(v, n, cap, a, e, b[i].image->rel)) return -1;
        if (b[i].nchildren && block_images(v, n, cap, a, e, b[i].children, b[i].nchildren))
            return -1;
    }
    return 0;
}

int archive_edition_sources(const folio_edition *e, folio_arena *arena, archive_file **files,
                            size_t *n) {
    size_t cap = 0;
    *files = NULL;
    *n = 0;
    if (add_source(files, n, &cap, arena, e, "edition.yaml")) return -1;
    if (e->cover_image && add_source(files, n, &cap, arena, e, e->cover_image->rel)) return -1;
    for (size_t i = 0; i < e->narticles; i++) {
        const folio_article *a = &e->articles[i];
        if (add_source(files, n, &cap, arena, e, a->path) ||
            block_images(files, n, &cap, arena, e, a->blocks, a->nblocks))
            return -1;
    }
    /* A font the edition ships itself ('./fonts/x.ttf' in `fonts:`) is needed
     * to build it again; one outside the folder ('../') cannot keep its path. */
    for (size_t i = 0; i < e->nfonts; i++)
        for (size_t k = 0; k < e->fonts[i].nfamilies; k++) {
            const char *f = e->fonts[i].families[k];
            if (strncmp(f, "./", 2) || strstr(f, "/../") || strstr(f, "//")) continue;
            char *full = fs_join(e->dir, f + 2);
            int keep = full && fs_is_file(full);
            free(full);
            if (keep && add_source(files, n, &cap, arena, e, f + 2)) return -1;
        }
    return 0;
}
