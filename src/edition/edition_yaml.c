/* edition_yaml.c — edition.yaml checked key by key into the model. */
#include "yamltree.h"

#include "../util/fsutil.h"

#include <stdlib.h>
#include <string.h>

#define YAML_PATH "edition.yaml"

static const char *const top_keys[] = {
    "journal",    "issue",  "date",  "year",     "number", "total",    "language", "publisher",
    "identifier", "layout", "cover", "masthead", "notice", "contents", "fonts",    NULL};
static const char *const cover_keys[] = {"image", "tagline", NULL};

/* BCP 47 in its common shape: a 2-8 letter language, then alphanumeric subtags. */
static int valid_language(const char *s) {
    size_t k = 0;
    while (s[k] && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
        k++;
    if (k < 2 || k > 8) return 0;
    while (s[k] == '-') {
        size_t j = ++k;
        while (s[k] &&
               (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || (s[k] >= '0' && s[k] <= '9')))
            k++;
        if (k - j < 1 || k - j > 8) return 0;
    }
    return s[k] == 0;
}

/* A required, non-empty text. */
static const char *required_text(rd_ctx *c, const yt_node *root, const char *key) {
    const yt_node *v = yt_get(root, key);
    const char *s = NULL;
    if (!v) {
        diag_error(c->d, YAML_PATH, root->line, "missing required key '%s'", key);
        return NULL;
    }
    if (yv_string(c->a, c->d, YAML_PATH, v, key, &s)) return NULL;
    if (!s || !*s) diag_error(c->d, YAML_PATH, yt_key_line(root, key), "'%s' is empty", key);
    return s && *s ? s : NULL;
}

static void read_cover(rd_ctx *c, const yt_node *v) {
    folio_edition *e = c->e;
    if (yt_is_null(v)) return;
    if (v->type != YT_MAP) {
        diag_error(c->d, YAML_PATH, v->line, "'cover' must be a map with image: and tagline:");
        return;
    }
    yt_check_keys(c, YAML_PATH, v, cover_keys, "cover");
    const yt_node *img = yt_get(v, "image");
    const char *path = NULL;
    if (img && !yv_string(c->a, c->d, YAML_PATH, img, "image", &path) && path)
        e->cover_image = image_ref(c, YAML_PATH, img->line, "", path);
    const yt_node *tag = yt_get(v, "tagline");
    if (tag) yv_strings(c->a, c->d, YAML_PATH, tag, "tagline", 0, &e->tagline, &e->ntagline);
}

static void read_masthead(rd_ctx *c, const yt_node *v) {
    folio_edition *e = c->e;
    if (yt_is_null(v)) return;
    if (v->type != YT_SEQ) {
        diag_error(c->d, YAML_PATH, v->line,
                   "'masthead' must be a list of one-entry maps, like '- 主办: ...'");
        return;
    }
    e->masthead = v->n ? rd_calloc(c, v->n, sizeof *e->masthead) : NULL;
    if (v->n && !e->masthead) return;
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *m = v->items[i];
        if (m->type != YT_MAP || m->n != 2 || m->items[0]->type != YT_SCALAR) {
            diag_error(c->d, YAML_PATH, m->line,
                       "each masthead entry must be a one-entry map, like '- 主办: ...'");
            continue;
        }
        folio_masthead_entry *me = &e->masthead[e->nmasthead];
        me->key = rd_strdup(c, m->items[0]->str);
        const yt_node *val = m->items[1];
        if (!me->key ||
            yv_strings(c->a, c->d, YAML_PATH, val, me->key, 1, &me->values, &me->nvalues))
            continue;
        if (!me->nvalues) {
            diag_error(c->d, YAML_PATH, m->line, "masthead entry '%s' has no value", me->key);
            continue;
        }
        e->nmasthead++;
    }
}

static void read_fonts(rd_ctx *c, const yt_node *v) {
    folio_edition *e = c->e;
    if (yt_is_null(v)) return;
    if (v->type != YT_MAP) {
        diag_error(c->d, YAML_PATH, v->line,
                   "'fonts' must be a map of role: family (or a list of families)");
        return;
    }
    size_t pairs = v->n / 2;
    e->fonts = pairs ? rd_calloc(c, pairs, sizeof *e->fonts) : NULL;
    if (pairs && !e->fonts) return;
    /* Role names are the font module's business; only the shape is checked here. */
    yt_check_keys(c, YAML_PATH, v, NULL, "fonts");
    for (size_t i = 0; i + 1 < v->n; i += 2) {
        const yt_node *k = v->items[i];
        if (k->type != YT_SCALAR) continue;
        folio_edition_font *f = &e->fonts[e->nfonts];
        f->role = rd_strdup(c, k->str);
        f->line = k->line;
        if (!f->role || yv_strings(c->a, c->d, YAML_PATH, v->items[i + 1], k->str, 1, &f->families,
                                   &f->nfamilies))
            continue;
        if (!f->nfamilies) {
            diag_error(c->d, YAML_PATH, k->line, "font role '%s' names no family", k->str);
            continue;
        }
        e->nfonts++;
    }
}

static void read_numbers(rd_ctx *c, const yt_node *root) {
    folio_edition *e = c->e;
    const yt_node *v;
    if ((v = yt_get(root, "year")) && !yt_is_null(v))
        yv_int(c->d, YAML_PATH, v, "year", 1, 9999, &e->year);
    if ((v = yt_get(root, "number")) && !yt_is_null(v))
        yv_int(c->d, YAML_PATH, v, "number", 1, 9999, &e->number);
    if ((v = yt_get(root, "total")) && !yt_is_null(v))
        yv_int(c->d, YAML_PATH, v, "total", 1, 1000000, &e->total);
    if (e->year && e->date && e->ymd.year != e->year)
        diag_warning(c->d, YAML_PATH, yt_key_line(root, "year"),
                     "'year' is %d but the date %s is in %d", e->year, e->date, e->ymd.year);
}

/* The keys of the edition.yaml map root, in the order of the format. */
static void read_keys(rd_ctx *c, const yt_node *root) {
    folio_edition *e = c->e;
    yt_check_keys(c, YAML_PATH, root, top_keys, "edition.yaml");
    e->journal = required_text(c, root, "journal");
    e->issue = required_text(c, root, "issue");
    e->date = required_text(c, root, "date");
    if (e->date && date_parse(e->date, &e->ymd)) {
        diag_error(c->d, YAML_PATH, yt_key_line(root, "date"),
                   "'date' must be YYYY-MM or YYYY-MM-DD, not '%s'", e->date);
        e->date = NULL;
    }
    read_numbers(c, root);
    const yt_node *v;
    const char *lang = NULL;
    if ((v = yt_get(root, "language")) && !yv_string(c->a, c->d, YAML_PATH, v, "language", &lang) &&
        lang && !valid_language(lang))
        diag_error(c->d, YAML_PATH, v->line,
                   "'language' must be a BCP 47 tag such as zh-CN, not '%s'", lang);
    else if (lang)
        e->language = lang;
    if ((v = yt_get(root, "publisher")))
        yv_string(c->a, c->d, YAML_PATH, v, "publisher", &e->publisher);
    if ((v = yt_get(root, "identifier")))
        yv_string(c->a, c->d, YAML_PATH, v, "identifier", &e->identifier);
    /* Whether the layout exists is the layout module's to say (folio check). */
    if ((v = yt_get(root, "layout")) &&
        !yv_string(c->a, c->d, YAML_PATH, v, "layout", &e->layout)) {
        e->layout_line = yt_key_line(root, "layout");
        if (e->layout && !*e->layout) e->layout = NULL;
    }
    read_cover(c, yt_get(root, "cover"));
    read_masthead(c, yt_get(root, "masthead"));
    if ((v = yt_get(root, "notice")))
        yv_strings(c->a, c->d, YAML_PATH, v, "notice", 0, &e->notice, &e->nnotice);
    read_fonts(c, yt_get(root, "fonts"));
    contents_read(c, root);
}

void edition_yaml_read(rd_ctx *c) {
    char *file = fs_join(c->root, YAML_PATH);
    if (!file) {
        rd_oom(c);
        return;
    }
    if (!fs_is_file(file)) {
        diag_error(c->d, YAML_PATH, 0, "not found: an edition folder holds an edition.yaml");
        free(file);
        return;
    }
    size_t len = 0;
    char *text = src_load(c, file, YAML_PATH, RD_MAX_YAML, &len);
    free(file);
    folio_arena *tmp = text ? arena_new() : NULL;
    if (text && !tmp) rd_oom(c);
    int ok = 0;
    const yt_node *root = tmp ? yt_parse(tmp, text, len, 0, YAML_PATH, c->d, &ok) : NULL;
    free(text);
    if (ok && root && root->type == YT_MAP)
        read_keys(c, root);
    else if (ok)
        diag_error(c->d, YAML_PATH, root ? root->line : 1,
                   "edition.yaml must be a map of keys (journal:, issue:, date:, contents:, ...)");
    arena_free(tmp);
}
