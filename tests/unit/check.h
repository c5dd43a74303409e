/* check.h — the unit tests' checks. A failed check prints where it is and
 * what failed, counts, and the test goes on; main returns failures != 0. */
#ifndef FOLIO_TEST_CHECK_H
#define FOLIO_TEST_CHECK_H

#include <stdio.h>

static int failures;

/* CHECK(condition): prints the condition's text when it is false. */
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                  \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* CHECKF(condition, printf format, ...): prints the message instead. */
#define CHECKF(cond, ...)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);                                  \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#endif
