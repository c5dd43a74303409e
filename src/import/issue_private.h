/* issue_private.h — the back-issue importer's working state, shared by its
 * steps: lines (issue_lines.h) → furniture → front matter and contents →
 * articles → paragraphs → an edition folder and its report. */
#ifndef FOLIO_IMPORT_ISSUE_PRIVATE_H
#define FOLIO_IMPORT_ISSUE_PRIVATE_H

#include "../edition/edition.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "issue_lines.h"

#include <stddef.h>

/* What a source line turned out to be. Every line ends with one role: that is
 * how the report proves no line was silently dropped. */
typedef enum {
    IR_UNSET = 0,
    IR_BLANK,
    IR_FOLIO,    /* a page number */
    IR_RUNNING,  /* a running head or foot (journal, issue, section name) */
    IR_FRONT,    /* journal name, issue label, cover lines */
    IR_MASTHEAD, /* a masthead entry or its continuation, a notice */
    IR_CONTENTS, /* the contents list */
    IR_SECTION,  /* a section's name standing in the body */
    IR_TITLE,    /* an article's title (or its second line) */
    IR_SUBTITLE,
    IR_AUTHOR,  /* an author or byline line */
    IR_SOURCE,  /* a source/credit line at an article's end */
    IR_BODY,    /* text of an article: paragraphs, headings, quotes */
    IR_JUMP,    /* a line that is only a jump mark (下转第N页) */
    IR_CAPTION, /* PDF: a figure's or table's caption (the picture is not imported) */
    IR_COUNT
} issue_role;

/* A masthead line: its label (spacing removed) and value as printed. */
typedef struct issue_mast {
    const char *key, *value;
} issue_mast;

/* An entry of the printed contents. */
typedef struct issue_entry {
    const char *title; /* as the contents print it (continuation lines joined) */
    int page;          /* printed page number; 0 when none */
    size_t section;    /* index into issue_ctx.sections */
    int line;          /* index of its line in lines */
    long found;        /* index of the title's line in the body; -1 not found */
} issue_entry;

/* A piece of an article's text: lines [from, to) of the source. */
typedef struct issue_piece {
    size_t from, to;
    size_t article; /* the article it belongs to */
} issue_piece;

typedef struct issue_article {
    size_t title_line;   /* index of the (first) title line */
    size_t body_from;    /* first line after the header */
    size_t end;          /* one past its last line (before the next article) */
    long entry;          /* index into entries, -1 when found without one */
    size_t section;      /* index into sections */
    int page;            /* first page as the contents print it; 0 unknown */
    folio_article model; /* what is written */
    int open_jump;       /* its text ends with 下转: a continuation follows */
    int runin;           /* no title line: the contents' title, the text from title_line */
} issue_article;

typedef struct issue_ctx {
    const char *src; /* the source path, for messages */
    issue_lines *l;
    issue_role *role;   /* per line */
    const char **norm;  /* per line: iu_norm of its text, made on first use */
    folio_arena *arena; /* the model's strings and blocks */
    folio_buf report;   /* import-report.txt */
    int notes;          /* report lines written */
    int oom;

    const char *journal, *issue, *date, *publisher;
    int year, number, total;
    issue_mast *mast;
    size_t nmast, capmast;
    const char **notice;
    size_t nnotice, capnotice;

    long contents_from, contents_to; /* lines of the contents list; -1 none */
    const char **sections;
    size_t nsections, capsections;
    issue_entry *entries;
    size_t nentries, capentries;

    issue_article *arts;
    size_t narts, caparts;
    issue_piece *pieces;
    size_t npieces, cappieces;
    int wide; /* typical full line width of visual lines (chars); 0 = paragraphs */
} issue_ctx;

/* issue_util.c: character classes and small text helpers. */
size_t iu_chars(const char *s);            /* code points */
int iu_ends_sentence(const char *s);       /* ends with 。！？… or a closing mark after one */
int iu_starts_mid_sentence(const char *s); /* ，。、；：！？ or a closing mark first: no
                                              paragraph begins so */
int iu_is_blank(const char *s);            /* only spaces (incl. U+3000) */
char *iu_squeeze(folio_arena *a, const char *s); /* without any space: for comparisons */
char *iu_norm(folio_arena *a, const char *s);    /* squeezed, punctuation folded: titles */
int iu_heading_level(const char *s);             /* 2 一、 3 （一） 3 1. ; 0 none */
int iu_page_number(const char *s);               /* a folio line: its number, else -1 */
int iu_caption_label(const char *s);             /* 图1 / 表二 first: a caption's label */
int iu_leading_number(const char *s, const char **rest); /* "04 标题" → 4 */
int iu_is_names(const char *s); /* 张三 李四 (2–4 Han each, ≤ 6 names) */
int iu_is_org(const char *s);
int iu_is_contents_head(folio_arena *a, const char *s);

/* iu_norm of line i's text, normalised once and kept (NULL: out of memory). */
const char *issue_line_norm(issue_ctx *c, size_t i);
/* 目 录, 目次, CONTENTS */ /* ends as an office or group: 组织部, 申报 */

/* issue_report.c: a note on the report (SOURCE:LINE: note: WHAT). */
void issue_note(issue_ctx *c, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* issue_furniture.c: a line's text with a page number before or after it
 * taken off and squeezed ("12 研究与交流", "研究与交流 2020年第1期 12"), in
 * a; what running heads are compared by. NULL: out of memory. */
const char *issue_running_key(folio_arena *a, const char *s);

/* The steps, in order. Each returns 0, or -1 (c->oom or an error in d). */
int issue_furniture(issue_ctx *c);
int issue_front(issue_ctx *c);
int issue_contents(issue_ctx *c);
int issue_articles(issue_ctx *c);
int issue_sections_from_heads(issue_ctx *c);
int issue_bodies(issue_ctx *c);
int issue_write(issue_ctx *c, const char *out, folio_diags *d);

#endif
