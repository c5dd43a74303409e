/* grow.c — doubling growth of heap arrays (see grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int grow_array(void *itemsp, size_t *cap, size_t need, size_t size, size_t first) {
    if (need <= *cap) return 0;
    size_t most = SIZE_MAX / size;
    if (need > most) return -1;
    size_t n = *cap ? *cap : first;
    if (n == 0) n = need;
    while (n < need)
        n = n > most / 2 ? need : n * 2;
    /* The caller's pointer is a T *, not a void *: copy its bytes rather than
     * write through a void ** (which would break strict aliasing). */
    void *items;
    memcpy(&items, itemsp, sizeof items);
    void *grown = realloc(items, n * size);
    if (!grown) return -1;
    memcpy(itemsp, &grown, sizeof grown);
    *cap = n;
    return 0;
}
