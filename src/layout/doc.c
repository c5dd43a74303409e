/* doc.c — pages under construction and the finished document's memory. */
#include "compose.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

int doc_add_page(composer *c) {
    if (c->npages == c->cap &&
        grow_array(&c->pages, &c->cap, c->npages + 1, sizeof *c->pages, 16)) {
        c->oom = 1;
        return -1;
    }
    page_build *pb = &c->pages[c->npages];
    memset(pb, 0, sizeof *pb);
    pb->top_article = -1;
    if (c->progress) c->progress(c->npages + 1, c->progress_user);
    return (int)c->npages++;
}

int doc_add_line(composer *c, int p, const folio_line *ln) {
    page_build *pb = &c->pages[p];
    if (pb->nlines == pb->cap &&
        grow_array(&pb->lines, &pb->cap, pb->nlines + 1, sizeof *pb->lines, 64)) {
        c->oom = 1;
        return -1;
    }
    pb->lines[pb->nlines++] = *ln;
    return 0;
}

int doc_add_box(composer *c, int p, const folio_box *b) {
    page_build *pb = &c->pages[p];
    if (pb->nboxes == pb->bcap &&
        grow_array(&pb->boxes, &pb->bcap, pb->nboxes + 1, sizeof *pb->boxes, 8)) {
        c->oom = 1;
        return -1;
    }
    pb->boxes[pb->nboxes++] = *b;
    return 0;
}

void doc_truncate(composer *c, size_t n) {
    while (c->npages > n) {
        page_build *pb = &c->pages[--c->npages];
        free(pb->lines);
        free(pb->boxes);
    }
}

void doc_release(composer *c) {
    doc_truncate(c, 0);
    free(c->pages);
    c->pages = NULL;
    c->cap = 0;
}

folio_doc *doc_finish(composer *c) {
    folio_arena *a = c->arena;
    folio_doc *doc = arena_alloc(a, sizeof *doc);
    if (!doc) return NULL;
    doc->arena = a;
    doc->pages = arena_calloc(a, c->npages ? c->npages : 1, sizeof *doc->pages);
    if (!doc->pages) return NULL;
    for (size_t i = 0; i < c->npages; i++) {
        page_build *pb = &c->pages[i];
        folio_page *pg = &doc->pages[i];
        pg->index = (int)i;
        pg->recto = page_recto((int)i);
        pg->label = "";
        /* front pages count in the numbering but print no number */
        pg->folio = pb->front ? 0 : (int)i + 1;
        pg->label_number = (int)i + 1;
        pg->start_article = -1;
        pg->start_serial = -1;
        pg->lines = arena_calloc(a, pb->nlines ? pb->nlines : 1, sizeof *pg->lines);
        pg->boxes = arena_calloc(a, pb->nboxes ? pb->nboxes : 1, sizeof *pg->boxes);
        if (!pg->lines || !pg->boxes) return NULL;
        if (pb->nlines) memcpy(pg->lines, pb->lines, pb->nlines * sizeof *pg->lines);
        if (pb->nboxes) memcpy(pg->boxes, pb->boxes, pb->nboxes * sizeof *pg->boxes);
        pg->nlines = pb->nlines;
        pg->nboxes = pb->nboxes;
        /* the first line of running text on the page, for the EPUB page list
         * (captions are skipped: a figure held over from the page before
         * may stand above the text that continues here) */
        for (size_t k = 0; k < pg->nlines; k++) {
            const folio_line *ln = &pg->lines[k];
            if (ln->article >= 0 && ln->serial >= 0 && ln->role != FOLIO_ROLE_CAPTION) {
                pg->start_article = ln->article;
                pg->start_serial = ln->serial;
                pg->start_offset = ln->offset;
                break;
            }
        }
    }
    doc->npages = c->npages;
    return doc;
}

void layout_doc_free(folio_doc *doc) {
    if (doc) arena_free(doc->arena);
}

folio_article_pages layout_article_pages(const folio_doc *doc, size_t i) {
    folio_article_pages p = {0, 0, 0};
    if (!doc || i >= doc->narticles || !doc->article_folio || !doc->article_page ||
        !doc->article_last_page)
        return p;
    p.first = doc->article_folio[i];
    p.pdf_page = doc->article_page[i] + 1;
    int first = doc->article_page[i], last = doc->article_last_page[i];
    /* an article ending on an unnumbered page counts on from its first number */
    if (last >= 0 && (size_t)last < doc->npages && doc->pages[last].folio)
        p.last = doc->pages[last].folio;
    else if (p.first && last >= first)
        p.last = p.first + (last - first);
    return p;
}
