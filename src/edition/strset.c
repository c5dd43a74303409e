/* strset.c — a set of strings with a number each, for finding repeats in linear time. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

int strset_init(strset *s, size_t expected) {
    s->cap = 16;
    while (s->cap < 2 * expected && s->cap < ((size_t)1 << 40))
        s->cap *= 2;
    s->n = 0;
    s->keys = calloc(s->cap, sizeof *s->keys);
    s->vals = calloc(s->cap, sizeof *s->vals);
    if (!s->keys || !s->vals) {
        strset_free(s);
        return -1;
    }
    return 0;
}

void strset_free(strset *s) {
    free(s->keys);
    free(s->vals);
    s->keys = NULL;
    s->vals = NULL;
    s->cap = s->n = 0;
}

static size_t hash(const char *k) {
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211u;
    return h;
}

int strset_put(strset *s, const char *key, size_t val, size_t *existing) {
    if (2 * (s->n + 1) > s->cap) {
        strset bigger;
        if (strset_init(&bigger, s->n + 1)) return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->keys[i]) strset_put(&bigger, s->keys[i], s->vals[i], NULL);
        strset_free(s);
        *s = bigger;
    }
    size_t i = hash(key) & (s->cap - 1);
    while (s->keys[i]) {
        if (!strcmp(s->keys[i], key)) {
            if (existing) *existing = s->vals[i];
            return 1;
        }
        i = (i + 1) & (s->cap - 1);
    }
    s->keys[i] = key;
    s->vals[i] = val;
    s->n++;
    return 0;
}
