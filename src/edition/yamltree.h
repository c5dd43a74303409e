/* yamltree.h — YAML text into a small node tree, and typed access with messages
 * (internal to src/edition). Anchors and aliases are refused: the format has no
 * use for them and they would let a tiny file expand without bound. */
#ifndef FOLIO_EDITION_YAMLTREE_H
#define FOLIO_EDITION_YAMLTREE_H

#include "reader.h"

typedef enum { YT_SCALAR, YT_SEQ, YT_MAP } yt_type;

typedef struct yt_node {
    yt_type type;
    int line;        /* line in the file */
    const char *str; /* YT_SCALAR: the text, NUL-terminated */
    size_t len;
    int plain;              /* YT_SCALAR: written unquoted and untagged */
    struct yt_node **items; /* YT_SEQ: the items; YT_MAP: key, value, key, value... */
    size_t n;               /* number of entries in items */
} yt_node;

/* Parses text (line_offset: the file line just before its first line) into a
 * tree allocated in a. Returns the root (NULL for an empty document) and sets
 * *ok to 1, or sets *ok to 0 after reporting a syntax error in path. */
yt_node *yt_parse(folio_arena *a, const char *text, size_t len, int line_offset, const char *path,
                  folio_diags *d, int *ok);

/* Whether a node is YAML null (`key:` with nothing, `~`, `null`). */
int yt_is_null(const yt_node *n);

/* Checks a map's keys: each a scalar, none twice (errors), each one of known
 * (NULL-terminated; others are warned about as unknown, where names the map;
 * known NULL allows any key). Returns the number of errors. */
int yt_check_keys(rd_ctx *c, const char *path, const yt_node *map, const char *const *known,
                  const char *where);

/* The value of key in map, NULL when absent. */
const yt_node *yt_get(const yt_node *map, const char *key);

/* The line of key in map, or the map's own line when absent. */
int yt_key_line(const yt_node *map, const char *key);

/* The value as a text copied into the arena. A null value gives *out = NULL.
 * Returns 0, or -1 after reporting "'key' must be ..." (lists and maps). */
int yv_string(rd_ctx *c, const char *path, const yt_node *v, const char *key, const char **out);

/* The value as a decimal integer in [min, max]; returns 0, or -1 after an error. */
int yv_int(rd_ctx *c, const char *path, const yt_node *v, const char *key, long min, long max,
           int *out);

/* The value as a list of texts (a single text too when allow_one is set).
 * Returns 0, or -1 after reporting a wrong type. */
int yv_strings(rd_ctx *c, const char *path, const yt_node *v, const char *key, int allow_one,
               const char ***out, size_t *n);

/* Reads `contents:` of the edition.yaml map root into the sections and the
 * (not yet read) articles, resolving and checking each article path. */
void contents_read(rd_ctx *c, const yt_node *root);

#endif
