/* buf.h — a growable byte buffer (always NUL-terminated when non-empty). */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct folio_buf {
    char *data; /* malloc'd; owned by the buffer until buf_detach */
    size_t len, cap;
    int oom; /* set once an append failed; later appends are ignored */
} folio_buf;

/* Prepares an empty buffer (no allocation yet). */
void buf_init(folio_buf *b);

/* Frees the contents; the buffer is empty and reusable afterwards. */
void buf_free(folio_buf *b);

/* Appends bytes / a C string / one byte / printf output / a code point as
 * UTF-8. Each returns 0, or -1 when memory ran out (then b->oom is set). */
int buf_append(folio_buf *b, const void *p, size_t n);
int buf_puts(folio_buf *b, const char *s);
int buf_putc(folio_buf *b, char c);
int buf_printf(folio_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_put_utf8(folio_buf *b, uint32_t cp);

/* Appends s as a JSON string literal, quotes included: " and \\ escaped,
 * newline as \\n, other control characters as \\u00XX; UTF-8 passes as it
 * is. NULL is written as "". Returns 0, or -1 on OOM (b->oom set). */
int buf_put_json_str(folio_buf *b, const char *s);

/* Appends len bytes of UTF-8 text s escaped for XML and HTML text and
 * attribute values: & < > " ' and CR as references; characters XML 1.0 does
 * not allow (controls, surrogates, noncharacters) are left out and broken
 * bytes become U+FFFD. seen, when not NULL, is called with each character
 * written (the EPUB records what its fonts must cover). Returns 0, or -1 on
 * OOM (b->oom set). */
int buf_put_xml(folio_buf *b, const char *s, size_t len, void (*seen)(void *user, uint32_t cp),
                void *user);

/* Hands the contents to the caller (free() them) and empties the buffer.
 * Returns an empty malloc'd string for an empty buffer; NULL on OOM. */
char *buf_detach(folio_buf *b, size_t *len);

#endif
