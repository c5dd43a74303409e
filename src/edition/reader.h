/* reader.h — what the files of the edition reader share (internal to src/edition). */
#ifndef FOLIO_EDITION_READER_H
#define FOLIO_EDITION_READER_H

#include "edition.h"

#include <stdint.h>

/* Size limits: larger files are rejected with an error rather than read. */
#define RD_MAX_YAML (4u << 20)     /* edition.yaml */
#define RD_MAX_ARTICLE (16u << 20) /* one article file */
#define RD_MAX_IMAGE (64u << 20)   /* one image file */

/* The state of one edition_load call. */
typedef struct rd_ctx {
    folio_edition *e;
    folio_arena *a; /* e->arena */
    folio_diags *d;
    const char *root; /* the edition folder, without trailing '/' */
    int oom;          /* set once "out of memory" was reported */
} rd_ctx;

/* Reports "out of memory" (once per load). */
void rd_oom(rd_ctx *c);

/* Allocation in the edition's arena; on failure reports "out of memory" once
 * and returns NULL. */
void *rd_alloc(rd_ctx *c, size_t n);
void *rd_calloc(rd_ctx *c, size_t count, size_t size);
char *rd_strndup(rd_ctx *c, const char *s, size_t n);
char *rd_strdup(rd_ctx *c, const char *s);

/* Reads the text file `file` (named `rel` in messages, at most max bytes),
 * strips a BOM, turns CRLF and lone CR into LF, checks that it is UTF-8 (an
 * error names the line of the first bad byte) and normalises it to NFC.
 * Returns a malloc'd NUL-terminated text (caller frees) and its length, or
 * NULL after reporting the problem. */
char *src_load(rd_ctx *c, const char *file, const char *rel, size_t max, size_t *len);

/* Normalises UTF-8 text to NFC with ICU. Returns 0 and a malloc'd
 * NUL-terminated copy in *out (caller frees), or -1 (out of memory or an ICU
 * failure). */
int text_nfc(const char *s, size_t len, char **out, size_t *outlen);

/* Lexically normalises a relative path ("a/./b/../c" → "a/c"); a copy in the
 * arena, NULL on OOM. */
char *path_normalise(rd_ctx *c, const char *path);

/* The folder part of a relative path ("articles/a.md" → "articles", "a.md" → "");
 * a copy in the arena. */
char *path_dir(rd_ctx *c, const char *path);

/* Resolves an image path written in src at line (relative to the folder
 * base_dir, itself relative to the edition folder), checks that it stays in
 * the edition, exists, is not too large and decodes as PNG or JPEG. Returns
 * the image (in the arena) or NULL after reporting why. */
folio_image *image_ref(rd_ctx *c, const char *src, int line, const char *base_dir,
                       const char *written);

/* Reads one article: its front matter into art's fields and its body into
 * art's blocks. Problems are reported; art keeps what could be read. */
void article_read(rd_ctx *c, folio_article *art);

/* Turns a CommonMark body (line_offset: the file line just before the body's
 * first line) into art->blocks. */
void markdown_read(rd_ctx *c, folio_article *art, const char *body, size_t len, int line_offset);

/* Reads edition.yaml into e's metadata, sections and (not yet read) articles. */
void edition_yaml_read(rd_ctx *c);

/* A set of strings (not copied: they must outlive it), each with a number. */
typedef struct strset {
    const char **keys;
    size_t *vals;
    size_t cap, n;
} strset;

/* Prepares a set for about expected strings; 0, or -1 when out of memory. */
int strset_init(strset *s, size_t expected);

/* Adds key with val: 0 when added, 1 when key was there (its number then goes
 * to *existing when not NULL), -1 when out of memory. */
int strset_put(strset *s, const char *key, size_t val, size_t *existing);

/* Frees the set's tables. */
void strset_free(strset *s);

/* Whether a code point is written without spaces around it in Chinese text
 * (2: Han, kana, full-width forms, CJK punctuation), goes either way
 * (1: quotes, dashes, ellipsis, enclosed numbers, shapes), or is neither (0). */
int cjk_class(uint32_t cp);

#endif
