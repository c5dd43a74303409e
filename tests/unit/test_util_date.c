/* test_util_date.c — the date layer: edition dates parsed by one rule, their epoch and
 * Chinese form, and SOURCE_DATE_EPOCH accepted only as plain seconds in range. */
#include "util/date.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static void dates(void) {
    folio_date d;
    CHECK(date_parse("2026-03-25", &d) == 0 && d.year == 2026 && d.month == 3 && d.day == 25);
    CHECK(date_parse("2026-03", &d) == 0 && d.year == 2026 && d.month == 3 && d.day == 0);
    CHECK(date_parse("2024-02-29", &d) == 0);
    CHECK(date_parse("2000-02-29", &d) == 0);
    const char *bad[] = {"",           "2026",       "2026-3",      "2026-13",     "2026-00",
                         "2026-03-32", "2026-04-31", "2025-02-29",  "1900-02-29",  "0000-01",
                         "2026-03-2",  "2026/03/25", "2026-03-25x", "２０２６-03", " 2026-03",
                         "2026-0a",    "2026-03-00", NULL};
    for (size_t i = 0; bad[i]; i++) {
        d.year = 7;
        CHECKF(date_parse(bad[i], &d) == -1 && d.year == 0, "'%s' was accepted", bad[i]);
    }
    CHECK(date_parse(NULL, &d) == -1);

    CHECK(date_parse("2023-11-14", &d) == 0 && date_epoch(&d) == 1699920000LL);
    CHECK(date_parse("2023-11", &d) == 0 && date_epoch(&d) == 1698796800LL); /* the 1st */
    folio_date none = {0};
    CHECK(date_epoch(&none) == -1 && date_epoch(NULL) == -1);

    char s[64];
    CHECK(date_parse("2026-03-05", &d) == 0);
    date_format_cn(&d, s, sizeof s);
    CHECK(!strcmp(s, "2026年3月5日"));
    CHECK(date_parse("2026-11", &d) == 0);
    date_format_cn(&d, s, sizeof s);
    CHECK(!strcmp(s, "2026年11月"));
    date_format_cn(&none, s, sizeof s);
    CHECK(!strcmp(s, ""));
}

/* date_source_epoch with SOURCE_DATE_EPOCH=v (NULL: unset). */
static int sde(const char *v, long long *t, folio_diags *d) {
    if (v)
        setenv("SOURCE_DATE_EPOCH", v, 1);
    else
        unsetenv("SOURCE_DATE_EPOCH");
    return date_source_epoch(t, d);
}

static void source_date_epoch(void) {
    long long t = -5;
    folio_diags d;
    diags_init(&d);
    CHECK(sde(NULL, &t, &d) == 0 && t == -5);
    CHECK(sde("", &t, &d) == 0 && t == -5);
    CHECK(sde("1700000000", &t, &d) == 1 && t == 1700000000LL);
    CHECK(sde("0", &t, &d) == 1 && t == 0);
    CHECK(sde("253402300799", &t, &d) == 1 && t == DATE_MAX_EPOCH);
    CHECK(d.n == 0);
    const char *bad[] = {"-1",
                         " 1",
                         "1 ",
                         "+1",
                         "1.5",
                         "12x",
                         "0x10",
                         "253402300800",
                         "1e9",
                         "x",
                         "99999999999999999999999",
                         NULL};
    for (size_t i = 0; bad[i]; i++) {
        t = -5;
        size_t before = d.nerrors;
        CHECKF(sde(bad[i], &t, &d) == -1 && t == -5 && d.nerrors == before + 1,
               "SOURCE_DATE_EPOCH='%s' was not refused", bad[i]);
    }
    CHECK(d.n && strstr(d.items[0].msg, "SOURCE_DATE_EPOCH must be a whole number of seconds") &&
          strstr(d.items[0].msg, "'-1'") && !d.items[0].path);
    /* without a diagnostics list the answer is the same, silently */
    CHECK(sde("12x", &t, NULL) == -1);
    diags_free(&d);
    unsetenv("SOURCE_DATE_EPOCH");
}

int main(void) {
    dates();
    source_date_epoch();
    return failures != 0;
}
