/* files.c — the in-memory list of the package's files, in zip order. */
#include "epub_private.h"

#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int epub_add_data(epub_ctx *c, const char *name, const char *id, const char *media,
                  const char *props, int spine, int store, unsigned char *data, size_t len) {
    if (c->nfiles == c->capfiles &&
        grow_array(&c->files, &c->capfiles, c->nfiles + 1, sizeof *c->files, 32)) {
        free(data);
        return diag_error(c->d, NULL, 0, "out of memory");
    }
    epub_file *f = &c->files[c->nfiles];
    memset(f, 0, sizeof *f);
    f->name = strdup(name);
    f->id = id ? strdup(id) : NULL;
    f->props = props ? strdup(props) : NULL;
    if (!f->name || (id && !f->id) || (props && !f->props)) {
        free(f->name);
        free(f->id);
        free(f->props);
        free(data);
        return diag_error(c->d, NULL, 0, "out of memory");
    }
    if (spine && c->nspine == c->capspine &&
        grow_array(&c->spine, &c->capspine, c->nspine + 1, sizeof *c->spine, 32)) {
        free(f->name);
        free(f->id);
        free(f->props);
        free(data);
        return diag_error(c->d, NULL, 0, "out of memory");
    }
    if (spine) c->spine[c->nspine++] = c->nfiles;
    f->media = media;
    f->spine = spine;
    f->store = store;
    f->data = data;
    f->len = len;
    c->nfiles++;
    return 0;
}

int epub_add(epub_ctx *c, const char *name, const char *id, const char *media, const char *props,
             int spine, int store, folio_buf *b) {
    if (b->oom) {
        buf_free(b);
        return diag_error(c->d, NULL, 0, "out of memory");
    }
    size_t len;
    char *data = buf_detach(b, &len);
    if (!data) return diag_error(c->d, NULL, 0, "out of memory");
    return epub_add_data(c, name, id, media, props, spine, store, (unsigned char *)data, len);
}

int epub_spine_count(const epub_ctx *c) {
    return (int)c->nspine;
}

/* Zip and manifest order: navigation, stylesheet, the reading order, then
 * images and fonts. */
static int rank(const epub_file *f) {
    if (f->spine) return 3;
    if (f->props && !strcmp(f->props, "nav")) return 0;
    if (!strcmp(f->media, "application/x-dtbncx+xml")) return 1;
    if (!strcmp(f->media, "text/css")) return 2;
    if (!strncmp(f->media, "image/", 6)) return 4;
    return 5;
}

void epub_sort(epub_ctx *c) {
    /* Insertion sort: stable, and the list is short. */
    for (size_t i = 1; i < c->nfiles; i++) {
        epub_file f = c->files[i];
        size_t j = i;
        while (j > 0 && rank(&c->files[j - 1]) > rank(&f)) {
            c->files[j] = c->files[j - 1];
            j--;
        }
        c->files[j] = f;
    }
}

const char *epub_spine_href(const epub_ctx *c, int file) {
    if (file < 0 || (size_t)file >= c->nspine) return NULL;
    return c->files[c->spine[file]].name + strlen("OEBPS/");
}

void epub_ctx_free(epub_ctx *c) {
    for (size_t i = 0; i < c->nfiles; i++) {
        free(c->files[i].name);
        free(c->files[i].id);
        free(c->files[i].props);
        free(c->files[i].data);
    }
    free(c->files);
    free(c->spine);
    free(c->article_spine);
    free(c->marks);
    free(c->images);
    for (int r = 0; r < ROLE_COUNT; r++) {
        free(c->used[r].bits);
        free(c->role_families[r]);
    }
    free(c->font_css);
    memset(c, 0, sizeof *c);
}

void epub_chapter_href(const folio_article *a, char out[64]) {
    /* The reader promises a short ASCII id; anything else gets a safe name. */
    const char *id = a->id;
    int ok = id && *id && strlen(id) < 40 &&
             ((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'));
    for (const char *p = id; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
             *p == '-' || *p == '_';
    if (ok && (!strcmp(id, "cover") || !strcmp(id, "masthead") || !strcmp(id, "contents") ||
               !strcmp(id, "nav") || !strcmp(id, "style") || !strcmp(id, "toc")))
        ok = 0;
    if (ok)
        snprintf(out, 64, "%s.xhtml", id);
    else
        snprintf(out, 64, "article-%03zu.xhtml", a->index + 1);
}

char *epub_authors_join(const folio_article *a, const char *sep) {
    if (!a->nauthors) return NULL;
    folio_buf b;
    buf_init(&b);
    for (size_t i = 0; i < a->nauthors; i++) {
        if (i) buf_puts(&b, sep);
        buf_puts(&b, a->authors[i]);
    }
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b, NULL);
}
