/* article.c — one article file: front matter between '---' lines, then the body. */
#include "yamltree.h"

#include <stdlib.h>
#include <string.h>

static const char *const fm_keys[] = {"title",  "subtitle", "author", "byline",
                                      "source", "kind",     NULL};

/* Whether the line at s is exactly mark, trailing blanks allowed. */
static int is_marker(const char *s, const char *end, const char *mark) {
    size_t n = strlen(mark);
    if ((size_t)(end - s) < n || memcmp(s, mark, n)) return 0;
    for (s += n; s < end && *s != '\n'; s++)
        if (*s != ' ' && *s != '\t') return 0;
    return 1;
}

static const char *next_line(const char *s, const char *end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    return nl ? nl + 1 : end;
}

/* An optional text key; an empty value counts as absent. */
static const char *optional_text(rd_ctx *c, const char *rel, const yt_node *root, const char *key) {
    const yt_node *v = yt_get(root, key);
    const char *s = NULL;
    if (v) yv_string(c->a, c->d, rel, v, key, &s);
    return s && *s ? s : NULL;
}

static void read_kind(rd_ctx *c, folio_article *art, const yt_node *root) {
    static const struct {
        const char *name;
        folio_article_kind kind;
    } kinds[] = {{"article", FOLIO_KIND_ARTICLE},
                 {"foreword", FOLIO_KIND_FOREWORD},
                 {"notice", FOLIO_KIND_NOTICE},
                 {"brief", FOLIO_KIND_BRIEF}};
    const char *k = optional_text(c, art->path, root, "kind");
    if (!k) return;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(k, kinds[i].name)) {
            art->kind = kinds[i].kind;
            return;
        }
    diag_error(c->d, art->path, yt_key_line(root, "kind"),
               "unknown kind '%s' (expected foreword, article, notice or brief)", k);
}

/* The front matter text (its first line is file line 2; close_line is the
 * line of the closing '---') into art's fields. */
static void read_front(rd_ctx *c, folio_article *art, const char *fm, size_t len, int close_line) {
    const char *rel = art->path;
    folio_arena *tmp = arena_new();
    int ok = 0;
    const yt_node *root = tmp ? yt_parse(tmp, fm, len, 1, rel, c->d, &ok) : NULL;
    if (!tmp) rd_oom(c);
    if (!ok) {
        /* the syntax error is reported */
    } else if (yt_is_null(root)) {
        diag_error(c->d, rel, close_line, "front matter has no title");
    } else if (root->type != YT_MAP) {
        diag_error(c->d, rel, root->line, "front matter must be keys and values (title: ...)");
    } else {
        yt_check_keys(c, rel, root, fm_keys, "the front matter");
        const yt_node *t = yt_get(root, "title");
        const char *title = NULL;
        if (!t)
            diag_error(c->d, rel, close_line, "front matter has no title");
        else if (!yv_string(c->a, c->d, rel, t, "title", &title) && (!title || !*title))
            diag_error(c->d, rel, yt_key_line(root, "title"), "the title is empty");
        if (title && *title) {
            art->title = title;
            art->title_line = yt_key_line(root, "title");
        }
        art->subtitle = optional_text(c, rel, root, "subtitle");
        art->byline = optional_text(c, rel, root, "byline");
        art->source = optional_text(c, rel, root, "source");
        const yt_node *a = yt_get(root, "author");
        if (a) yv_strings(c->a, c->d, rel, a, "author", 1, &art->authors, &art->nauthors);
        read_kind(c, art, root);
    }
    arena_free(tmp);
}

void article_read(rd_ctx *c, folio_article *art) {
    if (!art->file) return;
    size_t len = 0;
    char *text = src_load(c, art->file, art->path, RD_MAX_ARTICLE, &len);
    if (!text) return;
    const char *end = text + len;
    if (!is_marker(text, end, "---")) {
        diag_error(c->d, art->path, 1,
                   "no front matter: an article starts with a '---' line, then 'title: ...', "
                   "then another '---' line");
        markdown_read(c, art, text, len, 0);
        free(text);
        return;
    }
    const char *fm = next_line(text, end), *p = fm, *close = NULL;
    int line = 2;
    for (; p < end; p = next_line(p, end), line++)
        if (is_marker(p, end, "---") || is_marker(p, end, "...")) {
            close = p;
            break;
        }
    if (!close) {
        diag_error(c->d, art->path, 1,
                   "front matter is not closed: no '---' line after the one opening it here");
    } else {
        read_front(c, art, fm, (size_t)(close - fm), line);
        const char *body = next_line(close, end);
        markdown_read(c, art, body, (size_t)(end - body), line);
    }
    free(text);
}
