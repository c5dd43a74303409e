/* utf8.h — decoding, encoding and validation of UTF-8. */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s (at most len bytes). Returns the bytes used
 * (1..4) and sets *cp; for an invalid or truncated sequence returns 1 and
 * sets *cp to U+FFFD. len must be > 0. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes cp as UTF-8 into out (4 bytes room); returns the length. Invalid code
 * points (surrogates, > U+10FFFF) are written as U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Returns the offset of the first byte that does not start a valid UTF-8
 * sequence (overlongs and surrogates are invalid), or len if all is valid. */
size_t utf8_validate(const char *s, size_t len);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_count(const char *s, size_t len);

/* Byte offset of the n-th code point (from 0) of a valid UTF-8 string of
 * len bytes; len when it has n or fewer. */
size_t utf8_offset(const char *s, size_t len, size_t n);

/* 1-based line number of byte offset off in s (counting '\n'). */
int utf8_line_of(const char *s, size_t off);

#endif
