/* images.c — the cover and the articles' pictures, copied into OEBPS/images/. */
#include "epub_private.h"

#include "../util/fsutil.h"
#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGE_BYTES (256u << 20)

/* The media type from the file's first bytes (the name may lie). */
static const char *sniff(const unsigned char *p, size_t n, const char **ext) {
    if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) {
        *ext = "png";
        return "image/png";
    }
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
        *ext = "jpg";
        return "image/jpeg";
    }
    return NULL;
}

static int same_image(const folio_image *a, const folio_image *b) {
    const char *x = a->rel ? a->rel : a->file, *y = b->rel ? b->rel : b->file;
    return x && y && !strcmp(x, y);
}

/* Adds img (once) and returns its index, or -1 with a diagnostic. */
static int add_image(epub_ctx *c, const folio_image *img, int is_cover, const char *src, int line,
                     size_t *cap) {
    for (size_t i = 0; i < c->nimages; i++)
        if (c->images[i].img == img || same_image(c->images[i].img, img)) return (int)i;
    if (c->nimages == *cap && grow_array(&c->images, cap, c->nimages + 1, sizeof *c->images, 8))
        return diag_error(c->d, NULL, 0, "out of memory");
    char *data;
    size_t len;
    int err = img->file ? fs_read_file(img->file, MAX_IMAGE_BYTES, &data, &len) : 2;
    if (err)
        return diag_error(c->d, src, line, "cannot read image '%s': %s",
                          img->path ? img->path : "(none)", strerror(err));
    const char *ext = NULL;
    const char *media = sniff((unsigned char *)data, len, &ext);
    if (!media) {
        free(data);
        return diag_error(c->d, src, line, "image '%s' is neither PNG nor JPEG",
                          img->path ? img->path : "");
    }
    epub_image *e = &c->images[c->nimages];
    memset(e, 0, sizeof *e);
    e->img = img;
    char id[32];
    if (is_cover) {
        snprintf(e->href, sizeof e->href, "images/cover.%s", ext);
        snprintf(id, sizeof id, "img-cover");
    } else {
        size_t k = c->nimages + (c->cover_image < 0 ? 1 : 0); /* body images from 1 */
        snprintf(e->href, sizeof e->href, "images/img%02zu.%s", k, ext);
        snprintf(id, sizeof id, "img%02zu", k);
    }
    char name[80];
    snprintf(name, sizeof name, "OEBPS/%s", e->href);
    /* PNG and JPEG are compressed already: stored as they are. */
    if (epub_add_data(c, name, id, media, is_cover ? "cover-image" : NULL, 0, 1,
                      (unsigned char *)data, len))
        return -1;
    return (int)c->nimages++;
}

static int walk(epub_ctx *c, const folio_block *b, size_t n, size_t *cap) {
    for (size_t i = 0; i < n; i++) {
        if (b[i].type == FOLIO_BLOCK_IMAGE && b[i].image) {
            if (add_image(c, b[i].image, 0, b[i].src, b[i].line, cap) < 0) return -1;
            c->has_images = 1;
            size_t len = 0;
            for (size_t s = 0; s < b[i].nspans; s++)
                len += b[i].spans[s].len;
            if (!len) c->all_alt = 0;
        }
        if (b[i].nchildren && walk(c, b[i].children, b[i].nchildren, cap)) return -1;
    }
    return 0;
}

int epub_images_collect(epub_ctx *c) {
    size_t cap = 0;
    c->cover_image = -1;
    c->all_alt = 1;
    if (c->e->cover_image) {
        int k = add_image(c, c->e->cover_image, 1, "edition.yaml", 0, &cap);
        if (k < 0) return -1;
        c->cover_image = k;
        c->has_images = 1;
    }
    for (size_t a = 0; a < c->e->narticles; a++) {
        const folio_article *art = &c->e->articles[a];
        if (walk(c, art->blocks, art->nblocks, &cap)) return -1;
    }
    return 0;
}

const char *epub_images_href(const epub_ctx *c, const folio_image *img) {
    for (size_t i = 0; i < c->nimages; i++)
        if (c->images[i].img == img || same_image(c->images[i].img, img)) return c->images[i].href;
    return NULL;
}
