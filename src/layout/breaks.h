/* breaks.h — line break opportunities: ICU's UAX #14 line breaker tailored to
 * clreq (KIN-1 no-start marks, KIN-2 no-end marks, KIN-4 dash and ellipsis
 * units, Chinese quotes breakable on their outer side). */
#ifndef FOLIO_BREAKS_H
#define FOLIO_BREAKS_H

#include <stddef.h>
#include <stdint.h>

#include "para.h"
#include "punct.h"

/* The value breaks_find gives a break inside an e-mail address or URL. */
#define BREAK_ADDRESS 2

/* Fills brk[1..n-1] with 1 where a line may break before character i of
 * cps[0..n) (cls[i] their classes as set, quotes refined), 0 elsewhere;
 * brk[0] and brk[n] are set to 1. brk has n+1 entries, caller-owned.
 * Inside an e-mail address or URL, where UAX #14 has no opportunity, it
 * gives BREAK_ADDRESS before . @ _ ? # & = ~ % and after //, as the Chicago
 * Manual breaks them (no hyphen is added): a discouraged break, rather than
 * a line spaced out before an address longer than a quarter of the line.
 * cache (may be NULL) keeps ICU's breaker for the next call.
 * Returns 0, or -1 with *err set to a short reason (ICU failure, out of
 * memory). */
int breaks_find(folio_breakers *cache, const uint32_t *cps, const uint8_t *cls, size_t n,
                folio_kinsoku level, uint8_t *brk, const char **err);

#endif
