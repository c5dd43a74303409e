/* grow.h — growing a malloc'd array by doubling its capacity. */
#ifndef FOLIO_GROW_H
#define FOLIO_GROW_H

#include <stddef.h>

/* Makes room for at least `need` items of `size` (> 0) bytes in the heap
 * array whose pointer is at itemsp (a T **, passed as void *) and whose
 * capacity, in items, is *cap. Does nothing when *cap >= need; otherwise
 * doubles the capacity, starting from `first` when it is 0 (from `need` when
 * `first` is 0 too), until it holds `need`, and takes exactly `need` when one
 * more doubling would overflow the byte count. The array stays the caller's
 * (realloc'd, so free() it).
 * Returns 0, or -1 when need * size overflows or memory runs out; the pointer
 * and *cap are then left as they were. */
int grow_array(void *itemsp, size_t *cap, size_t need, size_t size, size_t first);

#endif
