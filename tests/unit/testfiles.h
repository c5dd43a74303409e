/* testfiles.h — small helpers the unit tests share: files in a scratch folder
 * and an edition's text as the reader gives it. A test that cannot even make
 * its fixtures aborts. */
#ifndef FOLIO_TEST_FILES_H
#define FOLIO_TEST_FILES_H

#include "edition/edition.h"
#include "util/buf.h"
#include "util/fsutil.h"

#include <stdlib.h>
#include <string.h>

/* dir/name, malloc'd. */
static inline char *path2(const char *a, const char *b) {
    char *p = fs_join(a, b);
    if (!p) abort();
    return p;
}

/* Writes text to dir/name, making the folders on the way. */
static inline void put(const char *dir, const char *name, const char *text) {
    char *p = path2(dir, name);
    char *slash = strrchr(p, '/');
    *slash = 0;
    fs_mkdirs(p);
    *slash = '/';
    if (fs_write_atomic(p, text, strlen(text))) abort();
    free(p);
}

static inline void blocks_text(folio_buf *b, const folio_block *blk, size_t n) {
    for (size_t i = 0; i < n; i++) {
        for (size_t s = 0; s < blk[i].nspans; s++)
            buf_append(b, blk[i].spans[s].text, blk[i].spans[s].len);
        buf_putc(b, '\n');
        blocks_text(b, blk[i].children, blk[i].nchildren);
    }
}

/* Title, subtitle, authors, byline, blocks and source of every article, a
 * line each (malloc'd). */
static inline char *edition_text(const folio_edition *e) {
    folio_buf b;
    buf_init(&b);
    for (size_t a = 0; a < e->narticles; a++) {
        const folio_article *art = &e->articles[a];
        buf_printf(&b, "%s\n", art->title);
        if (art->subtitle) buf_printf(&b, "%s\n", art->subtitle);
        for (size_t i = 0; i < art->nauthors; i++)
            buf_printf(&b, "%s\n", art->authors[i]);
        if (art->byline) buf_printf(&b, "%s\n", art->byline);
        blocks_text(&b, art->blocks, art->nblocks);
        if (art->source) buf_printf(&b, "%s\n", art->source);
    }
    return buf_detach(&b, NULL);
}

#endif
