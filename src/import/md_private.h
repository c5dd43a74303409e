/* md_private.h — what the parts of the article writer share (internal). */
#ifndef FOLIO_IMPORT_MD_PRIVATE_H
#define FOLIO_IMPORT_MD_PRIVATE_H

#include "article_writer.h"

/* How a run of inline text sits in its block. */
typedef enum {
    MD_INLINE_PARAGRAPH, /* a paragraph or an image's description */
    MD_INLINE_HEADING,   /* an ATX or setext heading: '#' escaped too */
    MD_INLINE_ONE_LINE,  /* an ATX heading: hard breaks become spaces */
} md_inline_mode;

/* Appends spans as CommonMark inline text to out: markup characters escaped, styles and links as
 * delimiters (fenced with an empty comment where CommonMark would not take them), hard breaks as a
 * backslash at the end of the line. Leading and trailing blanks and breaks of the whole run are
 * left out. Returns 0, or -1 on OOM. */
int md_put_inlines(folio_buf *out, const folio_span *spans, size_t n, md_inline_mode mode);

/* Appends an image paragraph: ![alt](<path>). Returns 0, or -1 on OOM. */
int md_put_image(folio_buf *out, const folio_span *alt, size_t n, const char *path);

/* Whether CommonMark (cmark) counts cp as whitespace next to a delimiter. */
int md_is_space(uint32_t cp);

#endif
