/* md.h — the CommonMark conversion's shared state (internal to src/edition). */
#ifndef FOLIO_EDITION_MD_H
#define FOLIO_EDITION_MD_H

#include "reader.h"

#include <cmark.h>

typedef struct md_ctx {
    rd_ctx *c;
    folio_article *art;
    const char *dir;   /* the article's folder, relative to the edition folder */
    int line0;         /* file line just before the body's first line */
    int serial;        /* next block serial */
    int depth;         /* nesting of the block or inline being converted */
    int too_deep;      /* set once the nesting limit was reported */
    int indent_warned; /* set once leading full-width spaces were reported */
    const char *body;  /* the CommonMark source */
    size_t body_len;
    size_t seen_off; /* offset of the start of line seen_line of body (a cursor
                        for md_star_escaped, which looks at lines in order) */
    int seen_line;
} md_ctx;

/* Nesting beyond this (quotes in quotes, emphasis in emphasis) is no real
 * article; refusing it keeps the recursion within the stack. */
#define MD_MAX_DEPTH 100

/* Reports (once per article) that the nesting limit was reached. */
void md_too_deep(md_ctx *m, int line);

/* Inline content on its way to spans: text, soft and hard breaks, and the
 * literal stars (P_MARK) that emphasis repair pairs up (then P_SKIP). */
enum { P_TEXT, P_SOFT, P_BREAK, P_MARK, P_SKIP };

typedef struct md_piece {
    int kind;
    unsigned flags;   /* folio_span_flags */
    const char *url;  /* FOLIO_SPAN_LINK */
    const char *text; /* not NUL-terminated: len bytes */
    size_t len;
} md_piece;

typedef struct md_pieces {
    md_piece *v; /* malloc'd */
    size_t n, cap;
    int oom; /* set when an append failed */
} md_pieces;

/* Appends one piece (sets p->oom when memory runs out). */
void md_piece_add(md_pieces *p, md_piece pc);

/* Reads pairs of literal `**`/`*` around Han text, which CommonMark does not
 * close after Chinese punctuation, as strong/emphasis (replaces p's pieces),
 * unless the block that holds node escapes a star somewhere. */
void md_cjk_emphasis(md_pieces *p, md_ctx *m, cmark_node *node);

/* Whether the source lines of the block that holds node escape a star
 * (a backslash before it, or a character reference): such a block was written by someone (or
 * something) that knows CommonMark, and its literal stars are left alone. */
int md_star_escaped(md_ctx *m, cmark_node *node);

/* Whether raw HTML is nothing but comments: an editor's notes, left out
 * without a warning. */
int md_is_comment(const char *html);

/* The file line of a cmark node, or fallback when cmark gives none. */
int md_line(const md_ctx *m, cmark_node *n, int fallback);

/* Converts the inline children of node (a paragraph, heading or image) into
 * spans in the arena: styles flattened to flags, soft breaks resolved, equal
 * neighbours merged. line is the block's, for messages. Returns 0 or -1 (OOM). */
int md_spans(md_ctx *m, cmark_node *node, int line, folio_span **spans, size_t *n);

#endif
