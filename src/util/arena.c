/* arena.c — a chain of large blocks; allocation bumps a pointer. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16

typedef struct block {
    struct block *next;
    size_t used, size;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} block;

struct folio_arena {
    block *head;
    size_t total;
};

folio_arena *arena_new(void) {
    return calloc(1, sizeof(folio_arena));
}

void arena_free(folio_arena *a) {
    if (!a) return;
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void *arena_alloc(folio_arena *a, size_t n) {
    if (n > SIZE_MAX - ARENA_ALIGN - sizeof(block)) return NULL;
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (n == 0) n = ARENA_ALIGN;
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        block *nb = malloc(sizeof(block) + size);
        if (!nb) return NULL;
        nb->used = 0;
        nb->size = size;
        if (b && n > ARENA_BLOCK / 4) {
            /* A big request gets its own block behind the current one, so the
             * current block's free space stays usable. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

void *arena_calloc(folio_arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    return arena_alloc(a, count * size);
}

int arena_grow(folio_arena *a, void *itemsp, size_t *cap, size_t n, size_t need, size_t size,
               size_t first) {
    if (*cap >= need) return 0;
    size_t nc = *cap ? *cap : (first ? first : need);
    while (nc < need) {
        if (nc > SIZE_MAX / 2) return -1;
        nc *= 2;
    }
    void *items, *p = arena_calloc(a, nc, size);
    if (!p) return -1;
    memcpy(&items, itemsp, sizeof items);
    if (n) memcpy(p, items, n * size);
    memcpy(itemsp, &p, sizeof p);
    *cap = nc;
    return 0;
}

char *arena_strndup(folio_arena *a, const char *s, size_t n) {
    if (!s) return NULL;
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

char *arena_strdup(folio_arena *a, const char *s) {
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

size_t arena_used(const folio_arena *a) {
    return a->total;
}
