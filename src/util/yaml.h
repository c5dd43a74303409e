/* yaml.h — the one YAML reader: text into a small node tree with file lines,
 * and typed getters whose messages name the file, line and key.
 *
 * Every YAML file folio reads (edition.yaml and front matter, layouts, font
 * roles) goes through here, so every one gets the same guards: anchors and
 * aliases are refused (the formats have no use for them and they would let a
 * tiny file expand without bound), and so are texts, trees and nesting past
 * the limits below. */
#ifndef FOLIO_UTIL_YAML_H
#define FOLIO_UTIL_YAML_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* No hand-written file of folio's comes near these. */
#define YT_MAX_BYTES (16u << 20) /* text given to yt_parse */
#define YT_MAX_NODES 1000000u    /* scalars, lists and maps in one document */
#define YT_MAX_DEPTH 64          /* lists and maps inside each other */

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
 * *ok to 1, or sets *ok to 0 after reporting the problem (a syntax error, an
 * alias, a second document, a limit passed) in path. */
yt_node *yt_parse(folio_arena *a, const char *text, size_t len, int line_offset, const char *path,
                  folio_diags *d, int *ok);

/* Whether a node is YAML null (`key:` with nothing, `~`, `null`). */
int yt_is_null(const yt_node *n);

/* "a text", "a list" or "a map", for messages. */
const char *yt_type_name(const yt_node *n);

/* The value of key in map (NULL when absent or map is no map). */
const yt_node *yt_get(const yt_node *map, const char *key);

/* The line of key in map, or the map's own line when absent. */
int yt_key_line(const yt_node *map, const char *key);

/* The value as a text copied into a. A null value gives *out = NULL.
 * Returns 0, or -1 after reporting "'key' must be ..." (lists and maps) or
 * running out of memory. */
int yv_string(folio_arena *a, folio_diags *d, const char *path, const yt_node *v, const char *key,
              const char **out);

/* The value as a decimal integer in [min, max]; returns 0, or -1 after an
 * error. */
int yv_int(folio_diags *d, const char *path, const yt_node *v, const char *key, long min, long max,
           int *out);

/* The value as a list of texts copied into a (a single text too when
 * allow_one is set). Returns 0, or -1 after reporting a wrong type or
 * running out of memory. */
int yv_strings(folio_arena *a, folio_diags *d, const char *path, const yt_node *v, const char *key,
               int allow_one, const char ***out, size_t *n);

#endif
