/* docx_private.h — what the parts of the .docx importer share (internal).
 *
 * The importer reads in steps, each its own file: the package (docx_zip.c:
 * zip entries with size caps, XML parts parsed safely, relationships), the
 * styles and numbering (docx_styles.c, docx_numbering.c), the paragraphs of
 * the body, notes and text boxes (docx_runs.c, docx_body.c, docx_notes.c),
 * the pictures (docx_media.c), the front matter found in the text
 * (docx_front.c) and the article's blocks (docx_blocks.c); docx.c runs them
 * and writes the files. Everything lives in one arena. */
#ifndef FOLIO_IMPORT_DOCX_PRIVATE_H
#define FOLIO_IMPORT_DOCX_PRIVATE_H

#include "../edition/edition.h"
#include "../util/buf.h"
#include "docx.h"

#include <libxml/tree.h>
#include <zip.h>

/* Limits against zip bombs and absurd input. */
#define DX_MAX_ENTRIES 20000       /* entries in the package */
#define DX_MAX_XML (64u << 20)     /* one XML part, uncompressed */
#define DX_MAX_PICTURE (64u << 20) /* one picture */
#define DX_MAX_TOTAL (512u << 20)  /* everything read from the package */
#define DX_MAX_RATIO 200           /* uncompressed : compressed, past 1 MB */
#define DX_MAX_DEPTH 64            /* nesting of tables, text boxes, fields */
#define DX_MAX_PARAS 1000000       /* paragraphs in one manuscript */

/* What a paragraph style (by its name, id or outline level) says the
 * paragraph is. */
typedef enum {
    DX_ROLE_BODY = 0,
    DX_ROLE_TITLE,
    DX_ROLE_SUBTITLE,
    DX_ROLE_HEADING, /* level in dx_props.outline */
    DX_ROLE_QUOTE,
    DX_ROLE_CAPTION,
    DX_ROLE_TOC, /* an entry or the heading of the manuscript's own contents */
} dx_role;

/* Formatting a style or a paragraph sets; -1 (or 0 for size) where unset. */
typedef struct dx_props {
    dx_role role;
    int outline;      /* 0..8: heading 1..9; -1 unset; 9 body text */
    int center;       /* jc center */
    int bold, italic; /* run formatting */
    int size;         /* half-points */
    int num_id, ilvl; /* numbering */
    int vanish;       /* hidden text */
} dx_props;

typedef struct dx_style {
    const char *id;
    const char *name;
    const char *based_on;
    char type;      /* 'p' paragraph, 'c' character, 't' table, 'n' numbering */
    dx_props props; /* what the style itself sets (role from its name) */
} dx_style;

typedef enum {
    DX_FMT_DECIMAL,
    DX_FMT_BULLET,
    DX_FMT_NONE,
    DX_FMT_UPPER_LETTER,
    DX_FMT_LOWER_LETTER,
    DX_FMT_UPPER_ROMAN,
    DX_FMT_LOWER_ROMAN,
    DX_FMT_CHINESE,     /* 一 二 … 十 十一 */
    DX_FMT_IDEOGRAPH,   /* 〇 一 二 … digit by digit */
    DX_FMT_CIRCLED,     /* ① ② … */
    DX_FMT_HEAVENLY,    /* 甲 乙 丙 … */
    DX_FMT_DECIMAL_ZERO /* 01 02 … */
} dx_fmt;

typedef struct dx_level {
    dx_fmt fmt;
    int start;
    const char *text; /* lvlText, e.g. "%1." or "(%1)" */
} dx_level;

typedef struct dx_num {
    int id;
    int abstract;
    dx_level lvl[9];
    int count[9]; /* the running counters while the body is read */
    int started[9];
} dx_num;

/* A relationship of a part: rId → target (a part name inside the package,
 * already resolved, or an external URL). */
typedef struct dx_rel {
    const char *id;
    const char *target;
    int external;
    int escapes; /* the target climbs out of the package */
} dx_rel;

typedef struct dx_rels {
    dx_rel *v;
    size_t n;
} dx_rels;

typedef struct dx_pic {
    const char *part; /* entry name in the package */
    char *data;       /* malloc'd */
    size_t len;
    folio_image_format format;
    const char *name; /* the file written: STEM-N.png */
    int width, height;
    int num;      /* the paragraph that first draws it, for messages */
    long note_id; /* ... inside this note (0: the body) */
    int note_end;
} dx_pic;

typedef enum { DX_P_TEXT, DX_P_PICTURE } dx_kind;

typedef struct dx_para {
    dx_kind kind;
    int num;        /* paragraph number in the manuscript, for messages */
    dx_props props; /* resolved: style chain, then the paragraph's own */
    int list_fmt;   /* a list item: DX_FMT_BULLET or DX_FMT_DECIMAL; -1 none */
    int list_level; /* its level (ilvl) */
    int list_start; /* the number of an ordered item */
    int all_bold;   /* every character of text is bold */
    int size;       /* the largest run size, half-points (0: unknown) */
    int in_table;   /* text of a table cell or a text box */
    folio_span *spans;
    size_t nspans;
    int pic;         /* DX_P_PICTURE: index into dx_ctx.pics; -1 none */
    folio_span *alt; /* DX_P_PICTURE: its description */
    size_t nalt;
    int used; /* taken into the front matter or as a caption */
} dx_para;

typedef struct dx_paras {
    dx_para *v;
    size_t n, cap;
} dx_paras;

/* A footnote or endnote, by its id in footnotes.xml / endnotes.xml. */
typedef struct dx_note {
    int endnote;
    long id;
    int number;     /* 0 until the body refers to it */
    dx_paras paras; /* its text */
} dx_note;

typedef struct dx_ctx {
    folio_arena *a;
    folio_diags *d;
    const char *src; /* the manuscript's path, for messages */
    zip_t *zip;
    size_t total; /* uncompressed bytes read so far */
    int oom;
    dx_style *styles;
    size_t nstyles;
    dx_props defaults; /* docDefaults */
    const char *default_para_style;
    dx_num *nums;
    size_t nnums;
    dx_rels rels; /* of word/document.xml */
    dx_pic *pics;
    size_t npics, cappics;
    dx_note *notes;
    size_t nnotes, capnotes;
    int nnumbered; /* notes given a number so far */
    dx_paras body;
    int pnum;                 /* paragraphs of the body seen so far */
    long note_id;             /* the note being read (messages name it), or 0 for the body */
    int note_end;             /* ... and whether it is an endnote */
    struct dx_warning *warns; /* held until the paragraphs they name are read */
    size_t nwarns, capwarns;
    /* a paragraph whose mark is a tracked deletion runs on into the next:
       join_out->v[join_into] takes that one's text (join_out NULL: none) */
    dx_paras *join_out;
    size_t join_into;
    int comments, deletions, insertions;
    int depth;
    /* fields (w:fldChar) run across runs and paragraphs: what is open */
    int fields;
    unsigned char field_result[DX_MAX_DEPTH]; /* past its separator: shown text */
    const char *field_link[DX_MAX_DEPTH];     /* a HYPERLINK field's target */
    folio_buf instr;                          /* the innermost field's instruction */
} dx_ctx;

/* Reports "out of memory" once; returns -1. */
int dx_oom(dx_ctx *c);

/* --- docx_warn.c --- */

/* A warning about paragraph num of the body (or of the note being read),
 * held until dx_warnings_flush: `FILE: warning: paragraph N ("its first
 * words…"): WHAT`, the words so that an editor finds it in Word. */
void dx_warn(dx_ctx *c, int num, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Adds the warnings held so far to the diagnostics, in order, and frees
 * them. Call it once the body is read (and again after anything later). */
void dx_warnings_flush(dx_ctx *c);

/* --- docx_zip.c: the package --- */

/* Opens the package, refusing encrypted entries and too many entries.
 * Returns 0 or -1 (reported). */
int dx_open(dx_ctx *c);
void dx_close(dx_ctx *c);

/* Reads the entry `name` into a malloc'd, NUL-terminated buffer, within the
 * caps (max bytes for this entry, the total, the compression ratio). Returns
 * 0; 1 when there is no such entry (nothing reported); -1 on error
 * (reported). */
int dx_read(dx_ctx *c, const char *name, size_t max, char **data, size_t *len);

/* Reads and parses the XML part `name`: no DTD (refused, so no entity can
 * expand), no network, libxml2's default size limits. Returns the document
 * (xmlFreeDoc it), or NULL: *missing set when there is no such part (not
 * reported), else the error is reported. */
xmlDocPtr dx_xml(dx_ctx *c, const char *name, int *missing);

/* Reads the relationships of part `part` (word/document.xml →
 * word/_rels/document.xml.rels) into rels, targets resolved against the
 * part's folder. A missing .rels file is no error. Returns 0 or -1. */
int dx_read_rels(dx_ctx *c, const char *part, dx_rels *rels);

/* The relationship with this id, or NULL. */
const dx_rel *dx_rel_find(const dx_rels *rels, const char *id);

/* --- XML helpers (docx_zip.c) --- */

/* Whether n is an element with this local name: in any namespace (dx_is),
 * in WordprocessingML's, transitional or strict (dx_w). */
int dx_is(const xmlNode *n, const char *local);
int dx_w(const xmlNode *n, const char *local);

/* The first child element with this local name (any namespace), or NULL. */
xmlNode *dx_child(const xmlNode *n, const char *local);

/* An attribute by its local name (any namespace), as a string in the arena
 * (NULL when absent or out of memory). */
const char *dx_attr(dx_ctx *c, const xmlNode *n, const char *local);

/* The w:val of child `local` of n; NULL when there is none. */
const char *dx_val(dx_ctx *c, const xmlNode *n, const char *local);

/* Whether a toggle property (w:b, w:i, ...) child of rPr is on: present
 * without w:val, or with a val other than 0/false/off. -1 when absent. */
int dx_toggle(dx_ctx *c, const xmlNode *rpr, const char *local);

/* --- docx_styles.c, docx_numbering.c --- */

/* Reads word/styles.xml (missing is fine). Returns 0 or -1. */
int dx_read_styles(dx_ctx *c);

/* Properties nothing has set yet. */
extern const dx_props dx_unset;

/* Overlays on p what a pPr (outline level, alignment, numbering) or an rPr
 * (bold, italic, size, hidden) element sets. */
void dx_ppr(dx_ctx *c, const xmlNode *ppr, dx_props *p);
void dx_rpr(dx_ctx *c, const xmlNode *rpr, dx_props *p);

/* Overlays on p what character style `id` and its basedOn chain set. */
void dx_char_style_props(const dx_ctx *c, const char *id, dx_props *p);

/* The style with this id, or NULL. */
const dx_style *dx_style_find(const dx_ctx *c, const char *id);

/* Fills p with what the style chain of paragraph style `id` sets (the
 * default paragraph style when id is NULL), over the document defaults. */
void dx_style_props(const dx_ctx *c, const char *id, dx_props *p);

/* Reads word/numbering.xml (missing is fine). Returns 0 or -1. */
int dx_read_numbering(dx_ctx *c);

/* The numbering instance with this id, or NULL. */
dx_num *dx_num_find(dx_ctx *c, int id);

/* Steps the counter of level ilvl of num and returns the label the
 * paragraph shows ("一、", "(1)", "•"), in the arena. */
const char *dx_num_next(dx_ctx *c, dx_num *num, int ilvl, int *value);

/* --- docx_runs.c: one paragraph --- */

/* Reads paragraph p (a w:p) into out: its properties and spans, and a
 * paragraph of its own for each picture in it (splitting the text around
 * it). Text boxes and tables met inside go to out after it. Returns 0 or -1
 * (OOM). */
int dx_paragraph(dx_ctx *c, const xmlNode *p, dx_paras *out, int in_table);

/* Appends a paragraph to out; NULL on OOM. */
dx_para *dx_para_add(dx_ctx *c, dx_paras *out);

/* --- docx_body.c --- */

/* Reads the block content of n (body, table cell, text box, note, sdt) into
 * out. Returns 0 or -1. */
int dx_blocks_of(dx_ctx *c, const xmlNode *n, dx_paras *out, int in_table);

/* Reads word/document.xml into c->body. Returns 0 or -1 (reported). */
int dx_read_body(dx_ctx *c);

/* --- docx_notes.c --- */

/* Reads footnotes.xml and endnotes.xml (missing is fine). Returns 0 or -1. */
int dx_read_notes(dx_ctx *c);

/* The number the body shows for a reference to note id (numbered in the
 * order of first reference), or 0 when there is no such note. */
int dx_note_ref(dx_ctx *c, int endnote, long id);

/* --- docx_media.c --- */

/* The picture of relationship rid (of document.xml): reads it once, checks
 * its kind. Returns its index in c->pics; -1 when it cannot be carried (a
 * warning naming paragraph num says why); -2 on a fatal error (a target
 * climbing out of the package: reported). */
int dx_picture(dx_ctx *c, const char *rid, int num);

/* --- docx_text.c --- */

/* Whether cp is a blank a manuscript uses for spacing: space, tab, U+3000,
 * no-break space. */
int dx_is_blank(uint32_t cp);

/* Whether cp is set without spaces around it in Chinese text. */
int dx_is_cjk(uint32_t cp);

/* Tidies spans in place as an editor would: blanks and breaks at either end
 * removed (the indent typed with spaces), a run of blanks inside dropped
 * between Chinese characters or made one space elsewhere. Texts are copied
 * into the arena where they change. Returns 0 or -1 (OOM). */
int dx_clean_spans(dx_ctx *c, folio_span **spans, size_t *n);

/* The text of spans as one line: hard breaks joined (nothing between Chinese
 * characters, a space elsewhere), tidied like dx_clean_spans; in the arena. */
const char *dx_line_text(dx_ctx *c, const folio_span *spans, size_t n);

/* The text of spans as typed (breaks as spaces, only the ends trimmed of
 * ASCII blanks), in the arena. */
const char *dx_plain_text(dx_ctx *c, const folio_span *spans, size_t n);

/* --- docx_front.c, docx_blocks.c --- */

/* Takes title, subtitle, authors, byline and source out of the body's
 * paragraphs into art (marking the paragraphs used with kind -1). file_stem
 * names the article when no title is found. */
void dx_front(dx_ctx *c, folio_article *art, const char *file_stem);

/* Turns the remaining body paragraphs and the numbered notes into art's
 * blocks. img_prefix is prepended to picture file names in references
 * ("images/" or "../images/"). Returns 0 or -1 (OOM). */
int dx_make_blocks(dx_ctx *c, folio_article *art, const char *img_prefix);

#endif
