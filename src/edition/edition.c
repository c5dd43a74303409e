/* edition.c — edition_load: the folder read into one model, every problem reported. */
#include "reader.h"

#include "../util/fsutil.h"

#include <stdlib.h>
#include <string.h>

void rd_oom(rd_ctx *c) {
    if (!c->oom) diag_error(c->d, NULL, 0, "out of memory");
    c->oom = 1;
}

void *rd_alloc(rd_ctx *c, size_t n) {
    void *p = arena_alloc(c->a, n);
    if (!p) rd_oom(c);
    return p;
}

void *rd_calloc(rd_ctx *c, size_t count, size_t size) {
    void *p = arena_calloc(c->a, count, size);
    if (!p) rd_oom(c);
    return p;
}

char *rd_strndup(rd_ctx *c, const char *s, size_t n) {
    char *p = arena_strndup(c->a, s, n);
    if (!p) rd_oom(c);
    return p;
}

char *rd_strdup(rd_ctx *c, const char *s) {
    return rd_strndup(c, s, strlen(s));
}

/* The folder's own name: its last component, or the real one for "." and "..". */
static const char *folder_name(rd_ctx *c, const char *root) {
    const char *slash = strrchr(root, '/');
    const char *last = slash ? slash + 1 : root;
    if (*last && strcmp(last, ".") && strcmp(last, "..")) return rd_strdup(c, last);
    char *real = realpath(root, NULL);
    const char *name = NULL;
    if (real) {
        slash = strrchr(real, '/');
        name = rd_strdup(c, slash && slash[1] ? slash + 1 : "edition");
        free(real);
    }
    return name ? name : "edition";
}

folio_edition *edition_load(const char *dir, int keep_on_error, folio_diags *d) {
    size_t errors0 = d->nerrors;
    folio_arena *a = arena_new();
    folio_edition *e = a ? arena_alloc(a, sizeof *e) : NULL;
    if (!e) {
        arena_free(a);
        diag_error(d, NULL, 0, "out of memory");
        return NULL;
    }
    e->arena = a;
    rd_ctx c = {e, a, d, NULL, 0};
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char *root = rd_strndup(&c, dir, n);
    e->dir = rd_strdup(&c, dir);
    e->language = "zh-CN";
    if (!root || !e->dir) {
        edition_free(e);
        return NULL;
    }
    c.root = root;
    e->dirname = folder_name(&c, root);
    if (!fs_is_dir(root)) {
        diag_error(d, NULL, 0, "'%s' is not an edition folder (no such folder)", dir);
        edition_free(e);
        return NULL;
    }
    edition_yaml_read(&c);
    for (size_t i = 0; i < e->narticles && !c.oom; i++)
        article_read(&c, &e->articles[i]);
    if (c.oom || (d->nerrors > errors0 && !keep_on_error)) {
        edition_free(e);
        return NULL;
    }
    return e;
}

void edition_free(folio_edition *e) {
    if (e) arena_free(e->arena);
}

const char *edition_block_text(const folio_edition *e, const folio_block *b) {
    size_t n = 0;
    for (size_t i = 0; i < b->nspans; i++)
        n += (b->spans[i].flags & FOLIO_SPAN_BREAK) ? 1 : b->spans[i].len;
    char *out = arena_alloc(e->arena, n + 1);
    if (!out) return NULL;
    char *w = out;
    for (size_t i = 0; i < b->nspans; i++) {
        if (b->spans[i].flags & FOLIO_SPAN_BREAK) {
            *w++ = '\n';
        } else {
            memcpy(w, b->spans[i].text, b->spans[i].len);
            w += b->spans[i].len;
        }
    }
    *w = 0;
    return out;
}
