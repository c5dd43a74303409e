/* arena.h — one region of memory per edition (or per build), freed at once.
 *
 * The edition model and the laid-out pages live in arenas so that their many
 * small strings and arrays need no individual frees. */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H

#include <stddef.h>

typedef struct folio_arena folio_arena;

/* Creates an empty arena; NULL when out of memory. Free with arena_free. */
folio_arena *arena_new(void);

/* Frees the arena and everything allocated from it. NULL is allowed. */
void arena_free(folio_arena *a);

/* Returns n zeroed bytes aligned for any type, owned by the arena; NULL when
 * out of memory (or when n overflows). */
void *arena_alloc(folio_arena *a, size_t n);

/* arena_alloc(count * size) with an overflow check. */
void *arena_calloc(folio_arena *a, size_t count, size_t size);

/* grow_array (util/grow.h) for an array that lives in the arena: when *cap
 * < need, copies the n items in use (of size bytes) into a new block of
 * double the capacity (from `first`); the old block stays in the arena
 * until it is freed. Returns 0, or -1 on overflow or out of memory (the
 * array is then left as it was). */
int arena_grow(folio_arena *a, void *itemsp, size_t *cap, size_t n, size_t need, size_t size,
               size_t first);

/* Copies s (or its first n bytes) into the arena, NUL-terminated; NULL when
 * out of memory. arena_strdup(a, NULL) returns NULL. */
char *arena_strdup(folio_arena *a, const char *s);
char *arena_strndup(folio_arena *a, const char *s, size_t n);

/* Bytes handed out so far (for the benchmark's memory figures). */
size_t arena_used(const folio_arena *a);

#endif
