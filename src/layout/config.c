/* config.c — reading layouts/NAME.yaml into a folio_layout and fitting the grid. */
#include "config.h"

#include "../util/fsutil.h"
#include "../util/grow.h"
#include "../util/yaml.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0f / 25.4f)

static const char *const style_names[ST_COUNT] = {
    "title",    "subtitle",       "author",      "byline",      "heading2",    "heading3",
    "quote",    "list",           "caption",     "source",      "runhead",     "folio",
    "toc",      "toc_section",    "toc_heading", "cover",       "cover_issue", "cover_tagline",
    "masthead", "masthead_title", "notice",      "brief_title",
};

const char *layout_style_name(layout_style_id id) {
    return style_names[id];
}

float layout_type_left(const folio_layout *l, int recto) {
    return recto ? l->margin_inner : l->margin_outer;
}

float layout_type_top(const folio_layout *l) {
    return l->height - l->margin_top;
}

/* ---- the file's values ---------------------------------------------------- */

typedef struct loader {
    folio_layout *l;
    const char *path; /* for messages */
    folio_diags *d;
    int errors;
} loader;

static int node_line(const yt_node *n) {
    return n->line;
}

static int fail(loader *ld, const yt_node *n, const char *fmt, const char *a, const char *b) {
    diag_error(ld->d, ld->path, n ? node_line(n) : 0, fmt, a, b);
    ld->errors++;
    return -1;
}

static const char *scalar(loader *ld, const yt_node *n, const char *key) {
    if (!n || n->type != YT_SCALAR) {
        fail(ld, n, "'%s' must be a single value%s", key, "");
        return NULL;
    }
    return n->str;
}

/* A key of two values: *flag becomes 1 for yes, 0 for no; anything else is
 * an error naming both. */
static void choice(loader *ld, const yt_node *v, const char *key, const char *yes, const char *no,
                   int *flag) {
    const char *s = scalar(ld, v, key);
    if (s && !strcmp(s, yes)) {
        *flag = 1;
    } else if (s && !strcmp(s, no)) {
        *flag = 0;
    } else if (s) {
        diag_error(ld->d, ld->path, node_line(v), "unknown %s '%s' (use %s or %s)", key, s, no,
                   yes);
        ld->errors++;
    }
}

typedef enum { U_MM, U_PT, U_EM, U_LINES, U_NONE } unit;

/* Chinese type sizes (号) in points. */
static const struct {
    const char *name;
    float pt;
} hao[] = {
    {"初号", 42},   {"小初", 36},   {"一号", 26},   {"小一", 24}, {"二号", 22},    {"小二", 18},
    {"三号", 16},   {"小三", 15},   {"四号", 14},   {"小四", 12}, {"五号", 10.5f}, {"小五", 9},
    {"六号", 7.5f}, {"小六", 6.5f}, {"七号", 5.5f}, {"八号", 5},
};

/* A number with an optional unit: mm, cm, pt, em (body size), lines (body
 * pitch); def applies when none is written. Sizes may also be 号 names. */
static int number(loader *ld, const yt_node *n, const char *key, unit def, float *out) {
    const char *s = scalar(ld, n, key);
    if (!s) return -1;
    for (size_t i = 0; i < sizeof hao / sizeof hao[0]; i++) {
        size_t k = strlen(hao[i].name);
        if (!strncmp(s, hao[i].name, k) && (!s[k] || !strcmp(s + k, "号"))) {
            *out = hao[i].pt;
            return 0;
        }
        /* "五" alone, without 号 */
        if (strstr(hao[i].name, "号") && !strncmp(s, hao[i].name, k - 3) && !s[k - 3]) {
            *out = hao[i].pt;
            return 0;
        }
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !isfinite(v)) return fail(ld, n, "'%s' is not a number: '%s'", key, s);
    while (*end == ' ')
        end++;
    unit u = def;
    if (!*end)
        u = def;
    else if (!strcmp(end, "mm"))
        u = U_MM;
    else if (!strcmp(end, "cm"))
        v *= 10, u = U_MM;
    else if (!strcmp(end, "pt"))
        u = U_PT;
    else if (!strcmp(end, "em"))
        u = U_EM;
    else if (!strcmp(end, "line") || !strcmp(end, "lines"))
        u = U_LINES;
    else
        return fail(ld, n, "'%s' has an unknown unit: '%s' (use mm, pt, em or lines)", key, s);
    if (v < 0) return fail(ld, n, "'%s' must not be negative: '%s'", key, s);
    switch (u) {
    case U_MM:
        *out = (float)v * MM;
        break;
    case U_EM:
        *out = (float)v * ld->l->body_size;
        break;
    case U_LINES:
        *out = (float)v * ld->l->body_pitch;
        break;
    default:
        *out = (float)v;
    }
    return 0;
}

static const char *dup_scalar(loader *ld, const yt_node *n, const char *key) {
    const char *s = scalar(ld, n, key);
    if (!s) return NULL;
    if (!*s) {
        fail(ld, n, "'%s' must not be empty%s", key, "");
        return NULL;
    }
    char *c = arena_strdup(ld->l->arena, s);
    if (!c) fail(ld, n, "out of memory%s%s", "", "");
    return c;
}

#define FOR_PAIRS(map, k, v)                                                                       \
    for (size_t i_ = 0; i_ + 1 < (map)->n; i_ += 2)                                                \
        for (const yt_node *k = (map)->items[i_], *v = (map)->items[i_ + 1], *once_ = k; once_;    \
             once_ = NULL)

static int need_map(loader *ld, const yt_node *n, const char *key) {
    if (!n || n->type != YT_MAP) return fail(ld, n, "'%s' must be a map of keys%s", key, "");
    return 0;
}

static const char *key_of(const yt_node *k) {
    return k && k->type == YT_SCALAR ? k->str : "";
}

static int parse_align(loader *ld, const yt_node *n, folio_align *a) {
    const char *s = scalar(ld, n, "align");
    if (!s) return -1;
    if (!strcmp(s, "justify"))
        *a = ALIGN_JUSTIFY;
    else if (!strcmp(s, "left"))
        *a = ALIGN_LEFT;
    else if (!strcmp(s, "center") || !strcmp(s, "centre"))
        *a = ALIGN_CENTER;
    else if (!strcmp(s, "right"))
        *a = ALIGN_RIGHT;
    else
        return fail(ld, n, "unknown alignment '%s' (use justify, left, center or right)%s", s, "");
    return 0;
}

static void parse_style(loader *ld, layout_style *st, const char *name, const yt_node *map) {
    if (need_map(ld, map, name)) return;
    st->line = node_line(map);
    int pitch_set = 0;
    FOR_PAIRS(map, k, v) {
        const char *key = key_of(k);
        if (!strcmp(key, "role"))
            st->role = dup_scalar(ld, v, key);
        else if (!strcmp(key, "latin"))
            st->latin_role = dup_scalar(ld, v, key);
        else if (!strcmp(key, "size"))
            number(ld, v, key, U_PT, &st->size);
        else if (!strcmp(key, "pitch"))
            pitch_set = number(ld, v, key, U_PT, &st->pitch) == 0;
        else if (!strcmp(key, "before"))
            number(ld, v, key, U_LINES, &st->before);
        else if (!strcmp(key, "after"))
            number(ld, v, key, U_LINES, &st->after);
        else if (!strcmp(key, "indent"))
            number(ld, v, key, U_EM, &st->indent);
        else if (!strcmp(key, "first_indent"))
            number(ld, v, key, U_EM, &st->first_indent);
        else if (!strcmp(key, "align"))
            parse_align(ld, v, &st->align);
        else
            fail(ld, k, "unknown key '%s' in style '%s'", key, name);
    }
    if (st->size <= 0) fail(ld, map, "style '%s' needs a size above zero%s", name, "");
    if (!pitch_set) st->pitch = st->size * 1.4f;
    if (st->pitch < st->size)
        fail(ld, map, "style '%s': pitch is smaller than the size%s", name, "");
    /* before/after were read in points (lines x pitch); keep them in lines */
    st->before /= ld->l->body_pitch;
    st->after /= ld->l->body_pitch;
}

static void parse_page(loader *ld, const yt_node *map) {
    if (need_map(ld, map, "page")) return;
    folio_layout *l = ld->l;
    FOR_PAIRS(map, k, v) {
        const char *key = key_of(k);
        if (!strcmp(key, "width"))
            number(ld, v, key, U_MM, &l->width);
        else if (!strcmp(key, "height"))
            number(ld, v, key, U_MM, &l->height);
        else if (!strcmp(key, "bleed"))
            number(ld, v, key, U_MM, &l->bleed);
        else
            fail(ld, k, "unknown key '%s' in '%s'", key, "page");
    }
    if (l->width < 72 || l->height < 72)
        fail(ld, map, "the page must be at least 1 inch wide and high%s%s", "", "");
}

static void parse_margins(loader *ld, const yt_node *map) {
    if (need_map(ld, map, "margins")) return;
    folio_layout *l = ld->l;
    FOR_PAIRS(map, k, v) {
        const char *key = key_of(k);
        if (!strcmp(key, "top"))
            number(ld, v, key, U_MM, &l->margin_top);
        else if (!strcmp(key, "bottom"))
            number(ld, v, key, U_MM, &l->margin_bottom);
        else if (!strcmp(key, "inner"))
            number(ld, v, key, U_MM, &l->margin_inner);
        else if (!strcmp(key, "outer"))
            number(ld, v, key, U_MM, &l->margin_outer);
        else
            fail(ld, k, "unknown key '%s' in '%s'", key, "margins");
    }
}

static void parse_body(loader *ld, const yt_node *map) {
    if (need_map(ld, map, "body")) return;
    folio_layout *l = ld->l;
    l->body_line = node_line(map);
    /* size first: em and pitch values depend on it */
    FOR_PAIRS(map, k, v) {
        if (!strcmp(key_of(k), "size")) number(ld, v, "size", U_PT, &l->body_size);
    }
    if (l->body_size < 4) {
        fail(ld, map, "body size must be at least 4 pt%s%s", "", "");
        l->body_size = 10.5f;
    }
    l->body_pitch = 0;
    FOR_PAIRS(map, k, v) {
        const char *key = key_of(k);
        if (!strcmp(key, "size")) continue;
        if (!strcmp(key, "role"))
            l->body_role = dup_scalar(ld, v, key);
        else if (!strcmp(key, "latin"))
            l->body_latin_role = dup_scalar(ld, v, key);
        else if (!strcmp(key, "pitch"))
            number(ld, v, key, U_PT, &l->body_pitch);
        else if (!strcmp(key, "indent"))
            number(ld, v, key, U_EM, &l->first_indent);
        else
            fail(ld, k, "unknown key '%s' in '%s'", key, "body");
    }
    if (l->body_pitch == 0) l->body_pitch = l->body_size * 1.7f;
    if (l->body_pitch < l->body_size) {
        fail(ld, map, "body pitch is smaller than the body size%s%s", "", "");
        l->body_pitch = l->body_size * 1.7f;
    }
}

static void parse_fonts(loader *ld, const yt_node *map) {
    if (need_map(ld, map, "fonts")) return;
    folio_layout *l = ld->l;
    l->fonts_line = node_line(map);
    size_t n = map->n / 2;
    l->fonts = arena_calloc(l->arena, n ? n : 1, sizeof *l->fonts);
    if (!l->fonts) {
        fail(ld, map, "out of memory%s%s", "", "");
        return;
    }
    FOR_PAIRS(map, k, v) {
        folio_font_override *o = &l->fonts[l->nfonts];
        o->role = dup_scalar(ld, k, "fonts");
        if (!o->role) continue;
        if (v->type == YT_SCALAR) {
            o->families = arena_calloc(l->arena, 1, sizeof *o->families);
            if (o->families && (o->families[0] = dup_scalar(ld, v, o->role))) o->nfamilies = 1;
        } else if (v->type == YT_SEQ) {
            o->families = arena_calloc(l->arena, v->n ? v->n : 1, sizeof *o->families);
            for (size_t i = 0; o->families && i < v->n; i++) {
                const char *fam = dup_scalar(ld, v->items[i], o->role);
                if (fam) o->families[o->nfamilies++] = fam;
            }
        } else {
            fail(ld, v, "fonts: '%s' must be a family name or a list of them%s", o->role, "");
            continue;
        }
        if (!o->nfamilies)
            fail(ld, v, "fonts: '%s' names no family%s", o->role, "");
        else
            l->nfonts++;
    }
}

static void parse_styles(loader *ld, const yt_node *map) {
    if (need_map(ld, map, "styles")) return;
    FOR_PAIRS(map, k, v) {
        const char *key = key_of(k);
        int id = -1;
        for (int i = 0; i < ST_COUNT; i++)
            if (!strcmp(key, style_names[i])) id = i;
        if (id < 0) {
            fail(ld, k, "unknown style '%s'%s", key, "");
            continue;
        }
        parse_style(ld, &ld->l->styles[id], key, v);
    }
}

/* Fits the character grid inside the margins (GRID-1). */
static void fit_grid(loader *ld, const yt_node *root) {
    folio_layout *l = ld->l;
    float avail_w = l->width - l->margin_inner - l->margin_outer;
    float avail_h = l->height - l->margin_top - l->margin_bottom;
    float per_col = (avail_w - (float)(l->columns - 1) * l->column_gap) / (float)l->columns;
    l->chars_per_column = per_col > 0 ? (int)floorf(per_col / l->body_size + 1e-4f) : 0;
    l->lines = avail_h >= l->body_size
                   ? (int)floorf((avail_h - l->body_size) / l->body_pitch + 1e-4f) + 1
                   : 0;
    if (l->chars_per_column < 8 || l->lines < 10) {
        char what[96];
        snprintf(what, sizeof what, "%d characters x %d lines per column", l->chars_per_column,
                 l->lines);
        fail(ld, root, "the type area is too small: %s (need at least 8 x 10)%s", what, "");
        return;
    }
    l->column_width = (float)l->chars_per_column * l->body_size;
    l->type_width = l->column_width * (float)l->columns + l->column_gap * (float)(l->columns - 1);
    l->type_height = (float)(l->lines - 1) * l->body_pitch + l->body_size;
    float dx = (avail_w - l->type_width) / 2, dy = (avail_h - l->type_height) / 2;
    l->margin_inner += dx;
    l->margin_outer += dx;
    l->margin_top += dy;
    l->margin_bottom += dy;
}

static void defaults(folio_layout *l) {
    l->columns = 1;
    l->body_size = 10.5f;
    l->body_pitch = 18;
    l->strictness = KINSOKU_BASIC;
    l->image_max_height = 0.6f;
    l->margin_top = l->margin_bottom = l->margin_inner = l->margin_outer = 20 * MM;
}

static void style_defaults(folio_layout *l) {
    for (int i = 0; i < ST_COUNT; i++) {
        layout_style *s = &l->styles[i];
        if (!s->role) s->role = l->body_role;
        if (!s->latin_role) s->latin_role = l->body_latin_role;
        if (s->size <= 0) {
            s->size = l->body_size;
            s->pitch = l->body_pitch;
            s->align = ALIGN_LEFT;
        }
    }
}

static void parse_root(loader *ld, const yt_node *root) {
    folio_layout *l = ld->l;
    if (!root || root->type != YT_MAP) {
        fail(ld, root, "a layout file must be a map of keys%s%s", "", "");
        return;
    }
    /* body first: em and line units elsewhere depend on it */
    FOR_PAIRS(root, k, v) {
        if (!strcmp(key_of(k), "body")) parse_body(ld, v);
    }
    if (!l->body_role) l->body_role = "song";
    if (!l->body_latin_role) l->body_latin_role = "latin-serif";
    if (!l->first_indent) l->first_indent = 2 * l->body_size;
    const yt_node *margins = root;
    FOR_PAIRS(root, k, v) {
        const char *key = key_of(k);
        if (!strcmp(key, "body") || !strcmp(key, "name") || !strcmp(key, "description")) continue;
        if (!strcmp(key, "page"))
            parse_page(ld, v);
        else if (!strcmp(key, "margins"))
            parse_margins(ld, v), margins = k;
        else if (!strcmp(key, "columns")) {
            float c = 0;
            if (!number(ld, v, key, U_NONE, &c)) {
                if (c < 1 || c > 4 || c != floorf(c))
                    fail(ld, v, "columns must be a whole number from 1 to 4%s%s", "", "");
                else
                    l->columns = (int)c;
            }
        } else if (!strcmp(key, "column_gap"))
            number(ld, v, key, U_EM, &l->column_gap);
        else if (!strcmp(key, "image_max_height")) {
            float f = 0;
            if (!number(ld, v, key, U_NONE, &f)) {
                if (f < 0.1f || f > 1)
                    fail(ld, v, "image_max_height must be a fraction from 0.1 to 1%s%s", "", "");
                else
                    l->image_max_height = f;
            }
        } else if (!strcmp(key, "folio_place")) {
            choice(ld, v, key, "head", "foot", &l->folio_in_head);
        } else if (!strcmp(key, "figure_place")) {
            choice(ld, v, key, "ends", "text", &l->figures_at_ends);
        } else if (!strcmp(key, "article_start")) {
            const char *s = scalar(ld, v, key);
            if (!s) continue;
            if (!strcmp(s, "page"))
                l->article_start = START_PAGE;
            else if (!strcmp(s, "continue"))
                l->article_start = START_CONTINUE;
            else
                fail(ld, v, "unknown article_start '%s' (use page or continue)%s", s, "");
        } else if (!strcmp(key, "strictness")) {
            const char *s = scalar(ld, v, key);
            if (!s) continue;
            if (!strcmp(s, "loose"))
                l->strictness = KINSOKU_LOOSE;
            else if (!strcmp(s, "basic") || !strcmp(s, "normal"))
                l->strictness = KINSOKU_BASIC;
            else if (!strcmp(s, "strict"))
                l->strictness = KINSOKU_STRICT;
            else
                fail(ld, v, "unknown strictness '%s' (use loose, basic or strict)%s", s, "");
        } else if (!strcmp(key, "styles"))
            parse_styles(ld, v);
        else if (!strcmp(key, "fonts"))
            parse_fonts(ld, v);
        else
            fail(ld, k, "unknown key '%s'%s", key, "");
    }
    if (!ld->errors) fit_grid(ld, margins);
    style_defaults(l);
}

/* ---- public ------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *layout_list(const char *layouts_dir) {
    DIR *dir = opendir(layouts_dir);
    if (!dir) return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        size_t len = strlen(de->d_name);
        if (len <= 5 || strcmp(de->d_name + len - 5, ".yaml") || de->d_name[0] == '.') continue;
        if (n == cap && grow_array(&names, &cap, n + 1, sizeof *names, 8)) {
            oom = 1;
            break;
        }
        if (!(names[n] = strndup(de->d_name, len - 5))) {
            oom = 1;
            break;
        }
        n++;
    }
    closedir(dir);
    char *out = NULL;
    if (!oom) {
        if (n) qsort(names, n, sizeof *names, cmp_str);
        size_t total = 1;
        for (size_t i = 0; i < n; i++)
            total += strlen(names[i]) + 2;
        out = malloc(total);
        if (out) {
            out[0] = 0;
            for (size_t i = 0; i < n; i++) {
                if (i) strcat(out, ", ");
                strcat(out, names[i]);
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return out;
}

/* A layout name is a plain file name: no path parts, no hidden files. */
static int valid_name(const char *name) {
    if (!name || !*name || name[0] == '.') return 0;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\') return 0;
    return 1;
}

folio_layout *layout_load(const char *layouts_dir, const char *name, const char *src, int line,
                          folio_diags *d) {
    char *file = NULL, *path = NULL, *data = NULL;
    size_t len = 0;
    if (valid_name(name)) {
        size_t n = strlen(name) + 6;
        if ((file = malloc(n))) snprintf(file, n, "%s.yaml", name);
        path = file ? fs_join(layouts_dir, file) : NULL;
        if (!path) {
            free(file);
            diag_error(d, src, line, "out of memory");
            return NULL;
        }
    }
    if (!path || !fs_is_file(path)) {
        char *known = layout_list(layouts_dir);
        diag_error(d, src, line, "unknown layout '%s' (known: %s)", name ? name : "",
                   known ? known : "none");
        free(known);
        free(file);
        free(path);
        return NULL;
    }
    int e = fs_read_file(path, 1 << 20, &data, &len);
    if (e) {
        diag_error(d, path, 0, "cannot read the layout: %s", strerror(e));
        free(file);
        free(path);
        return NULL;
    }
    folio_layout *l = calloc(1, sizeof *l);
    folio_arena *a = arena_new();
    if (!l || !a) {
        free(l);
        arena_free(a);
        free(data);
        free(file);
        free(path);
        diag_error(d, src, line, "out of memory");
        return NULL;
    }
    l->arena = a;
    l->name = arena_strdup(a, name);
    /* messages name the file as layouts/NAME.yaml, independent of the data folder */
    size_t n = strlen(file) + 9;
    l->path = arena_alloc(a, n);
    if (l->path) snprintf(l->path, n, "layouts/%s", file);
    free(file);
    free(path);
    defaults(l);
    loader ld = {.l = l, .path = l->path, .d = d};
    int ok = 0;
    const yt_node *root = yt_parse(a, data, len, 0, l->path, d, &ok);
    free(data);
    if (ok)
        parse_root(&ld, root);
    else
        ld.errors++;
    if (ld.errors || !l->name || !l->path) {
        if (!l->name || !l->path) diag_error(d, src, line, "out of memory");
        layout_free(l);
        return NULL;
    }
    return l;
}

void layout_free(folio_layout *l) {
    if (!l) return;
    arena_free(l->arena);
    free(l);
}

size_t layout_font_overrides(const folio_layout *l, const folio_font_override **ov) {
    *ov = l ? l->fonts : NULL;
    return l ? l->nfonts : 0;
}
