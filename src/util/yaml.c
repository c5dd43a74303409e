/* yaml.c — libyaml's event stream built into a yt_node tree with file lines,
 * and the typed getters over it. */
#include "yaml.h"

#include "grow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct frame {
    yt_node *node;
    yt_node **kids; /* malloc'd until the container ends */
    size_t n, cap;
} frame;

/* One parse: the containers still open, and where problems are reported. */
typedef struct tree {
    folio_arena *a;
    folio_diags *d;
    const char *path;
    frame stack[YT_MAX_DEPTH];
    int depth, docs;
    size_t nodes;
    yt_node *root;
} tree;

static int oom(tree *t) {
    return diag_error(t->d, NULL, 0, "out of memory");
}

/* libyaml's description of a syntax error, with the line it gives. */
static void syntax_error(const yaml_parser_t *p, int line_offset, const char *path,
                         folio_diags *d) {
    int line = (int)p->problem_mark.line + 1 + line_offset;
    const char *what = p->problem ? p->problem : "unreadable YAML";
    if (p->error == YAML_MEMORY_ERROR)
        diag_error(d, NULL, 0, "out of memory");
    else if (p->context)
        diag_error(d, path, line, "YAML syntax error: %s (%s at line %d)", what, p->context,
                   (int)p->context_mark.line + 1 + line_offset);
    else
        diag_error(d, path, line, "YAML syntax error: %s", what);
}

/* A new scalar, list or map node from its start event. */
static yt_node *new_node(tree *t, const yaml_event_t *ev, int line) {
    if (++t->nodes > YT_MAX_NODES) {
        diag_error(t->d, t->path, line, "too many YAML values (more than %u)", YT_MAX_NODES);
        return NULL;
    }
    yt_node *node = arena_calloc(t->a, 1, sizeof *node);
    if (!node) return oom(t), NULL;
    node->line = line;
    if (ev->type != YAML_SCALAR_EVENT) {
        node->type = ev->type == YAML_SEQUENCE_START_EVENT ? YT_SEQ : YT_MAP;
        return node;
    }
    node->type = YT_SCALAR;
    node->len = ev->data.scalar.length;
    node->str = arena_strndup(t->a, (const char *)ev->data.scalar.value, node->len);
    node->plain =
        ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.plain_implicit;
    return node->str ? node : (oom(t), NULL);
}

/* Hangs a new node on the open container (or makes it the root) and opens
 * it when it is a list or map. */
static int open_node(tree *t, const yaml_event_t *ev, int line) {
    yt_node *node = new_node(t, ev, line);
    if (!node) return -1;
    if (t->depth == 0) {
        t->root = node;
    } else {
        frame *f = &t->stack[t->depth - 1];
        if (f->n == f->cap && grow_array(&f->kids, &f->cap, f->n + 1, sizeof *f->kids, 8))
            return oom(t);
        f->kids[f->n++] = node;
    }
    if (node->type == YT_SCALAR) return 0;
    if (t->depth == YT_MAX_DEPTH) return diag_error(t->d, t->path, line, "YAML nested too deeply");
    t->stack[t->depth++] = (frame){node, NULL, 0, 0};
    return 0;
}

/* Ends the innermost container: its children move into the arena. */
static int close_node(tree *t) {
    frame *f = &t->stack[--t->depth];
    int rc = 0;
    if (f->n) {
        f->node->items = arena_calloc(t->a, f->n, sizeof *f->node->items);
        if (f->node->items) {
            memcpy(f->node->items, f->kids, f->n * sizeof *f->kids);
            f->node->n = f->n;
        } else {
            rc = oom(t);
        }
    }
    free(f->kids);
    return rc;
}

/* Takes one event: 1 at the end of the stream, 0 to go on, -1 after an
 * error. */
static int take_event(tree *t, const yaml_event_t *ev, int line) {
    switch (ev->type) {
    case YAML_STREAM_END_EVENT:
        return 1;
    case YAML_DOCUMENT_START_EVENT:
        if (++t->docs > 1)
            return diag_error(t->d, t->path, line, "more than one YAML document (a second '---')");
        return 0;
    case YAML_ALIAS_EVENT:
        return diag_error(t->d, t->path, line,
                          "YAML aliases (*%s) are not supported; write the value out",
                          (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return open_node(t, ev, line);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_node(t);
    default:
        return 0;
    }
}

yt_node *yt_parse(folio_arena *a, const char *text, size_t len, int line_offset, const char *path,
                  folio_diags *d, int *ok) {
    *ok = 0;
    if (len > YT_MAX_BYTES) {
        diag_error(d, path, 0, "too large for a YAML file folio reads (%zu bytes, at most %u)", len,
                   YT_MAX_BYTES);
        return NULL;
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diag_error(d, NULL, 0, "out of memory");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    tree t = {.a = a, .d = d, .path = path};
    int r = 0;
    while (r == 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(&p, line_offset, path, d);
            r = -1;
            break;
        }
        r = take_event(&t, &ev, (int)ev.start_mark.line + 1 + line_offset);
        yaml_event_delete(&ev);
    }
    while (t.depth > 0)
        free(t.stack[--t.depth].kids);
    yaml_parser_delete(&p);
    if (r < 0) return NULL;
    *ok = 1;
    return t.root;
}

/* ---- access ---------------------------------------------------------------- */

int yt_is_null(const yt_node *n) {
    if (!n) return 1;
    if (n->type != YT_SCALAR || !n->plain) return 0;
    return !strcmp(n->str, "") || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
           !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

const char *yt_type_name(const yt_node *v) {
    return v->type == YT_SEQ ? "a list" : v->type == YT_MAP ? "a map" : "a text";
}

const yt_node *yt_get(const yt_node *map, const char *key) {
    if (!map || map->type != YT_MAP) return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->type == YT_SCALAR && !strcmp(map->items[i]->str, key))
            return map->items[i + 1];
    return NULL;
}

int yt_key_line(const yt_node *map, const char *key) {
    if (!map) return 1;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->type == YT_SCALAR && !strcmp(map->items[i]->str, key))
            return map->items[i]->line;
    return map->line;
}

int yv_string(folio_arena *a, folio_diags *d, const char *path, const yt_node *v, const char *key,
              const char **out) {
    *out = NULL;
    if (yt_is_null(v)) return 0;
    if (v->type != YT_SCALAR)
        return diag_error(d, path, v->line, "'%s' must be a text, not %s", key, yt_type_name(v));
    *out = arena_strndup(a, v->str, v->len);
    return *out ? 0 : diag_error(d, NULL, 0, "out of memory");
}

int yv_int(folio_diags *d, const char *path, const yt_node *v, const char *key, long min, long max,
           int *out) {
    if (v->type != YT_SCALAR)
        return diag_error(d, path, v->line, "'%s' must be an integer, not %s", key,
                          yt_type_name(v));
    const char *s = v->str;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    int digits = s[i] != 0;
    for (; s[i]; i++)
        digits &= s[i] >= '0' && s[i] <= '9';
    if (!v->plain || !digits)
        return diag_error(d, path, v->line, "'%s' must be an integer (digits, no quotes), not '%s'",
                          key, s);
    errno = 0;
    long n = strtol(s, NULL, 10);
    if (errno || n < min || n > max)
        return diag_error(d, path, v->line, "'%s' must be between %ld and %ld, not %s", key, min,
                          max, s);
    *out = (int)n;
    return 0;
}

int yv_strings(folio_arena *a, folio_diags *d, const char *path, const yt_node *v, const char *key,
               int allow_one, const char ***out, size_t *n) {
    *out = NULL;
    *n = 0;
    if (yt_is_null(v)) return 0;
    if (v->type == YT_SCALAR && allow_one) {
        *out = arena_calloc(a, 1, sizeof **out);
        if (!*out || !((*out)[0] = arena_strndup(a, v->str, v->len)))
            return diag_error(d, NULL, 0, "out of memory");
        *n = 1;
        return 0;
    }
    if (v->type != YT_SEQ)
        return diag_error(d, path, v->line, "'%s' must be a list of texts%s, not %s", key,
                          allow_one ? " or one text" : " (lines starting with '- ')",
                          yt_type_name(v));
    int bad = 0;
    const char **list = v->n ? arena_calloc(a, v->n, sizeof *list) : NULL;
    if (v->n && !list) return diag_error(d, NULL, 0, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *it = v->items[i];
        if (it->type != YT_SCALAR || yt_is_null(it)) {
            diag_error(d, path, it->line, "each entry of '%s' must be a text, not %s", key,
                       yt_is_null(it) ? "empty" : yt_type_name(it));
            bad = 1;
            continue;
        }
        if (!(list[k++] = arena_strndup(a, it->str, it->len)))
            return diag_error(d, NULL, 0, "out of memory");
    }
    *out = list;
    *n = k;
    return bad ? -1 : 0;
}
