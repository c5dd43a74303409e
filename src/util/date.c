/* date.c — edition dates and SOURCE_DATE_EPOCH, each parsed by one rule. */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* n decimal digits at s, as a number; -1 when one is not a digit. */
static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int date_parse(const char *s, folio_date *out) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    memset(out, 0, sizeof *out);
    size_t n = s ? strlen(s) : 0;
    if ((n != 7 && n != 10) || s[4] != '-' || (n == 10 && s[7] != '-')) return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = n == 10 ? digits(s + 8, 2) : 0;
    if (y < 1 || m < 1 || m > 12 || d < 0 || (n == 10 && d < 1) || d > mdays[m - 1]) return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) return -1;
    *out = (folio_date){y, m, d};
    return 0;
}

long long date_epoch(const folio_date *d) {
    if (!d || d->year < 1) return -1;
    struct tm tm = {0};
    tm.tm_year = d->year - 1900;
    tm.tm_mon = d->month - 1;
    tm.tm_mday = d->day ? d->day : 1;
    return (long long)timegm(&tm);
}

void date_format_cn(const folio_date *d, char *out, size_t n) {
    if (!d || d->year < 1)
        snprintf(out, n, "%s", "");
    else if (d->day)
        snprintf(out, n, "%d年%d月%d日", d->year, d->month, d->day);
    else
        snprintf(out, n, "%d年%d月", d->year, d->month);
}

int date_source_epoch(long long *t, folio_diags *d) {
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) return 0;
    long long v = 0;
    size_t i = 0;
    /* digits only: no sign, no spaces, no fraction; at most 12 of them keeps
     * v far from overflow before the range check */
    for (; s[i] >= '0' && s[i] <= '9' && i < 13; i++)
        v = v * 10 + (s[i] - '0');
    if (s[i] || v > DATE_MAX_EPOCH) {
        if (d)
            diag_error(d, NULL, 0,
                       "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 "
                       "UTC (0 to %lld), not '%s'",
                       DATE_MAX_EPOCH, s);
        return -1;
    }
    *t = v;
    return 1;
}
