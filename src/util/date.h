/* date.h — the one date layer: an edition's date (YYYY-MM or YYYY-MM-DD)
 * parsed once by the reader and carried in the model, and the fixed time of
 * reproducible builds (SOURCE_DATE_EPOCH), read in this one place. */
#ifndef FOLIO_UTIL_DATE_H
#define FOLIO_UTIL_DATE_H

#include <stddef.h>

#include "diag.h"

/* A calendar date; day 0 when only the month is given. All 0: no date. */
typedef struct folio_date {
    int year, month, day;
} folio_date;

/* The last second of 9999: later times would not fit four-digit years. */
#define DATE_MAX_EPOCH 253402300799LL

/* Parses YYYY-MM or YYYY-MM-DD (exactly those digits, a month and a day
 * that exist, year from 1). Returns 0, or -1 (and *out zeroed) otherwise. */
int date_parse(const char *s, folio_date *out);

/* Seconds from 1970-01-01 to 00:00 UTC of the date (the first of the month
 * when it has no day); -1 for no date. */
long long date_epoch(const folio_date *d);

/* The date as Chinese print writes it: 2026年3月25日, or 2026年3月; "" for no
 * date. */
void date_format_cn(const folio_date *d, char *out, size_t n);

/* SOURCE_DATE_EPOCH, the time that reproducible builds write instead of the
 * clock's: returns 1 and sets *t when it is set, 0 when it is unset or
 * empty, and -1 when it is not a whole number of seconds from 0 to
 * DATE_MAX_EPOCH (digits only) — reported into d when d is not NULL. */
int date_source_epoch(long long *t, folio_diags *d);

#endif
