/* test_util_grow.c — grow_array and arena_grow: first growth, doubling, big
 * jumps, overflow. */
#include "util/arena.h"
#include "util/grow.h"
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    /* An empty array starts at `first`; a need it already meets changes nothing. */
    int *v = NULL;
    size_t cap = 0;
    CHECK(grow_array(&v, &cap, 1, sizeof *v, 8) == 0 && v && cap == 8);
    int *before = v;
    CHECK(grow_array(&v, &cap, 8, sizeof *v, 8) == 0 && v == before && cap == 8);

    /* Pushing one at a time doubles 8 -> 16 -> 32 -> 64 -> 128 and keeps the items. */
    size_t n = 0, grown = 0;
    for (int i = 0; i < 100; i++) {
        size_t old = cap;
        if (grow_array(&v, &cap, n + 1, sizeof *v, 8)) break;
        grown += cap != old;
        v[n++] = i * 3;
    }
    CHECK(n == 100 && cap == 128 && grown == 4);
    int same = 1;
    for (size_t i = 0; i < n; i++)
        same &= v[i] == (int)i * 3;
    CHECK(same);

    /* A need beyond twice the capacity doubles until it fits: 128 -> 1024. */
    CHECK(grow_array(&v, &cap, 1000, sizeof *v, 8) == 0 && cap == 1024);
    CHECK(v[99] == 297);

    /* need * size past SIZE_MAX fails and leaves the array as it was. */
    before = v;
    CHECK(grow_array(&v, &cap, SIZE_MAX / sizeof *v + 1, sizeof *v, 8) == -1);
    CHECK(v == before && cap == 1024 && v[99] == 297);
    double *d = NULL;
    size_t dcap = 0;
    CHECK(grow_array(&d, &dcap, SIZE_MAX, sizeof *d, 4) == -1 && !d && dcap == 0);
    free(v);

    /* With no first size, an empty array gets exactly what is needed. */
    char *c = NULL;
    size_t ccap = 0;
    CHECK(grow_array(&c, &ccap, 5, 1, 0) == 0 && c && ccap == 5);
    free(c);

    /* The arena's twin: items copied to the new block, the old one left alone. */
    folio_arena *a = arena_new();
    CHECK(a != NULL);
    long *l = NULL;
    size_t lcap = 0, ln = 0;
    for (long i = 0; a && i < 40; i++) {
        if (arena_grow(a, &l, &lcap, ln, ln + 1, sizeof *l, 16)) break;
        l[ln++] = i * i;
    }
    CHECK(ln == 40 && lcap == 64 && l[39] == 39 * 39 && l[0] == 0);
    long *kept = l;
    CHECK(a && arena_grow(a, &l, &lcap, ln, 50, sizeof *l, 16) == 0 && l == kept && lcap == 64);
    CHECK(a && arena_grow(a, &l, &lcap, ln, SIZE_MAX, sizeof *l, 16) == -1 && l == kept &&
          lcap == 64);
    arena_free(a);

    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
