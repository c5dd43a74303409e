/* contents.c — the `contents:` of edition.yaml: sections and their article files. */
#include "yamltree.h"

#include "../util/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define YAML_PATH "edition.yaml"

static const char *const section_keys[] = {"section", "articles", NULL};

/* Resolves an article path and checks that the file is there. */
static void locate_article(rd_ctx *c, folio_article *art, const char *written) {
    char *file = NULL;
    const char *why = NULL;
    if (fs_resolve_inside(c->root, c->root, written, &file, &why)) {
        diag_error(c->d, YAML_PATH, art->list_line, "article '%s': %s", written, why);
        return;
    }
    struct stat st;
    if (stat(file, &st) != 0)
        diag_error(c->d, YAML_PATH, art->list_line, "article file '%s' not found", written);
    else if (!S_ISREG(st.st_mode))
        diag_error(c->d, YAML_PATH, art->list_line, "article '%s' is not a file", written);
    else
        art->file = rd_strdup(c, file);
    free(file);
}

/* One entry of contents: adds its section and its articles (not yet read). */
static void read_section(rd_ctx *c, const yt_node *ent, strset *seen) {
    folio_edition *e = c->e;
    if (ent->type != YT_MAP) {
        diag_error(c->d, YAML_PATH, ent->line,
                   "each entry of 'contents' must be a map with section: and articles:");
        return;
    }
    yt_check_keys(c, YAML_PATH, ent, section_keys, "a contents entry");
    folio_section *s = &e->sections[e->nsections];
    s->line = ent->line;
    const yt_node *name = yt_get(ent, "section");
    if (name && yv_string(c->a, c->d, YAML_PATH, name, "section", &s->name)) return;
    if (!s->name) s->name = "";
    const yt_node *list = yt_get(ent, "articles");
    if (!list || yt_is_null(list)) {
        diag_error(c->d, YAML_PATH, ent->line, "section '%s' has no 'articles' list", s->name);
        return;
    }
    if (list->type != YT_SEQ) {
        diag_error(c->d, YAML_PATH, list->line,
                   "'articles' must be a list of article paths (lines starting with '- ')");
        return;
    }
    s->articles = list->n ? rd_calloc(c, list->n, sizeof *s->articles) : NULL;
    if (list->n && !s->articles) return;
    size_t si = e->nsections++;
    for (size_t i = 0; i < list->n; i++) {
        const yt_node *p = list->items[i];
        const char *path = NULL;
        if (p->type != YT_SCALAR || yt_is_null(p)) {
            diag_error(c->d, YAML_PATH, p->line, "an article path must be a text, not %s",
                       yt_is_null(p)       ? "empty"
                       : p->type == YT_SEQ ? "a list"
                                           : "a map");
            continue;
        }
        if (yv_string(c->a, c->d, YAML_PATH, p, "articles", &path) || !path) continue;
        char *norm = path_normalise(c, path);
        if (!norm) return;
        size_t first = 0;
        int dup = strset_put(seen, norm, e->narticles, &first);
        if (dup < 0) {
            rd_oom(c);
            return;
        }
        if (dup) {
            const folio_article *o = &e->articles[first];
            if (o->section == si)
                diag_error(c->d, YAML_PATH, p->line,
                           "article '%s' is listed twice (also at line %d)", path, o->list_line);
            else
                diag_error(c->d, YAML_PATH, p->line,
                           "article '%s' is listed in two sections ('%s' at line %d, and '%s')",
                           path, e->sections[o->section].name, o->list_line, s->name);
            continue;
        }
        folio_article *art = &e->articles[e->narticles];
        char id[32];
        snprintf(id, sizeof id, "a%02zu", e->narticles + 1);
        art->path = norm;
        art->id = rd_strdup(c, id);
        art->list_line = p->line;
        art->section = si;
        art->index = e->narticles++;
        art->title = "";
        s->articles[s->narticles++] = art;
        locate_article(c, art, path);
    }
    if (!s->narticles && !list->n)
        diag_error(c->d, YAML_PATH, list->line, "section '%s' lists no articles", s->name);
}

void contents_read(rd_ctx *c, const yt_node *root) {
    folio_edition *e = c->e;
    const yt_node *v = yt_get(root, "contents");
    if (!v) {
        diag_error(c->d, YAML_PATH, root->line, "missing required key 'contents'");
        return;
    }
    if (v->type != YT_SEQ) {
        diag_error(c->d, YAML_PATH, yt_is_null(v) ? yt_key_line(root, "contents") : v->line,
                   "'contents' must be a list of sections ('- section: ...' with 'articles:')");
        return;
    }
    /* Room for every listed article up front, so that sections can point into it. */
    size_t total = 0;
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *l = yt_get(v->items[i], "articles");
        if (l && l->type == YT_SEQ) total += l->n;
    }
    e->sections = v->n ? rd_calloc(c, v->n, sizeof *e->sections) : NULL;
    e->articles = total ? rd_calloc(c, total, sizeof *e->articles) : NULL;
    if ((v->n && !e->sections) || (total && !e->articles)) return;
    strset seen;
    if (strset_init(&seen, total)) {
        rd_oom(c);
        return;
    }
    for (size_t i = 0; i < v->n && !c->oom; i++)
        read_section(c, v->items[i], &seen);
    strset_free(&seen);
    if (!v->n)
        diag_error(c->d, YAML_PATH, yt_key_line(root, "contents"), "'contents' lists no sections");
}
