/* yamlvalue.c — typed access to YAML nodes, with a message for each wrong type. */
#include "yamltree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int yt_is_null(const yt_node *n) {
    if (!n) return 1;
    if (n->type != YT_SCALAR || !n->plain) return 0;
    return !strcmp(n->str, "") || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
           !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

static const char *type_name(const yt_node *v) {
    return v->type == YT_SEQ ? "a list" : v->type == YT_MAP ? "a map" : "a text";
}

/* Past this many, unknown keys in one map are counted, not listed. */
#define MAX_UNKNOWN 20

int yt_check_keys(rd_ctx *c, const char *path, const yt_node *map, const char *const *known,
                  const char *where) {
    int errors = 0;
    size_t unknown = 0;
    strset seen;
    if (strset_init(&seen, map->n / 2)) {
        rd_oom(c);
        return 1;
    }
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const yt_node *k = map->items[i];
        if (k->type != YT_SCALAR) {
            diag_error(c->d, path, k->line, "a key in %s is %s; keys are plain words", where,
                       type_name(k));
            errors++;
            continue;
        }
        size_t first = 0;
        int r = strset_put(&seen, k->str, (size_t)k->line, &first);
        if (r < 0) {
            rd_oom(c);
            errors++;
            break;
        }
        if (r == 1) {
            diag_error(c->d, path, k->line, "duplicate key '%s' in %s (first at line %zu)", k->str,
                       where, first);
            errors++;
            continue;
        }
        int ok = !known;
        for (size_t j = 0; known && known[j]; j++)
            ok |= !strcmp(known[j], k->str);
        if (!ok && unknown++ < MAX_UNKNOWN)
            diag_warning(c->d, path, k->line, "unknown key '%s' in %s (ignored)", k->str, where);
    }
    if (unknown > MAX_UNKNOWN)
        diag_warning(c->d, path, map->line, "%zu more unknown keys in %s (ignored)",
                     unknown - MAX_UNKNOWN, where);
    strset_free(&seen);
    return errors;
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

int yv_string(rd_ctx *c, const char *path, const yt_node *v, const char *key, const char **out) {
    *out = NULL;
    if (yt_is_null(v)) return 0;
    if (v->type != YT_SCALAR)
        return diag_error(c->d, path, v->line, "'%s' must be a text, not %s", key, type_name(v));
    *out = rd_strndup(c, v->str, v->len);
    return *out ? 0 : -1;
}

int yv_int(rd_ctx *c, const char *path, const yt_node *v, const char *key, long min, long max,
           int *out) {
    if (v->type != YT_SCALAR)
        return diag_error(c->d, path, v->line, "'%s' must be an integer, not %s", key,
                          type_name(v));
    const char *s = v->str;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    int digits = s[i] != 0;
    for (; s[i]; i++)
        digits &= s[i] >= '0' && s[i] <= '9';
    if (!v->plain || !digits)
        return diag_error(c->d, path, v->line,
                          "'%s' must be an integer (digits, no quotes), not '%s'", key, s);
    errno = 0;
    long n = strtol(s, NULL, 10);
    if (errno || n < min || n > max)
        return diag_error(c->d, path, v->line, "'%s' must be between %ld and %ld, not %s", key, min,
                          max, s);
    *out = (int)n;
    return 0;
}

int yv_strings(rd_ctx *c, const char *path, const yt_node *v, const char *key, int allow_one,
               const char ***out, size_t *n) {
    *out = NULL;
    *n = 0;
    if (yt_is_null(v)) return 0;
    if (v->type == YT_SCALAR && allow_one) {
        *out = rd_calloc(c, 1, sizeof **out);
        if (!*out || !((*out)[0] = rd_strndup(c, v->str, v->len))) return -1;
        *n = 1;
        return 0;
    }
    if (v->type != YT_SEQ)
        return diag_error(c->d, path, v->line, "'%s' must be a list of texts%s, not %s", key,
                          allow_one ? " or one text" : " (lines starting with '- ')", type_name(v));
    int bad = 0;
    const char **list = v->n ? rd_calloc(c, v->n, sizeof *list) : NULL;
    if (v->n && !list) return -1;
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *it = v->items[i];
        if (it->type != YT_SCALAR || yt_is_null(it)) {
            diag_error(c->d, path, it->line, "each entry of '%s' must be a text, not %s", key,
                       yt_is_null(it) ? "empty" : type_name(it));
            bad = 1;
            continue;
        }
        if (!(list[k++] = rd_strndup(c, it->str, it->len))) return -1;
    }
    *out = list;
    *n = k;
    return bad ? -1 : 0;
}
