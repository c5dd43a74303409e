/* yamlvalue.c — the edition's key checks over YAML maps. */
#include "yamltree.h"

#include <string.h>

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
                       yt_type_name(k));
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
