/* issue_lines.h — a past issue as a list of lines, whatever it came from: the
 * text extracted from a printed issue, or a PDF read with poppler. The
 * importer's later steps (furniture, front matter, contents, articles,
 * paragraphs) read only this, so a text and a PDF are told apart by the same
 * rules; a PDF only adds evidence (sizes, positions). */
#ifndef FOLIO_IMPORT_ISSUE_LINES_H
#define FOLIO_IMPORT_ISSUE_LINES_H

#include "../util/diag.h"

#include <stddef.h>

typedef enum {
    ISSUE_LINE_BOLD = 1u << 0,       /* PDF: the line's font is bold (by name) */
    ISSUE_LINE_INDENTED = 1u << 1,   /* starts right of its column's edge, or with
                                        spaces (text) */
    ISSUE_LINE_GAP_BEFORE = 1u << 2, /* PDF: space between paragraphs above it */
    ISSUE_LINE_PAGE_START = 1u << 3, /* first line of a source page (PDF page; \f) */
    ISSUE_LINE_HEAD_BAND = 1u << 4,  /* PDF: above the body's text on its page */
    ISSUE_LINE_FOOT_BAND = 1u << 5,  /* PDF: below the body's text on its page */
    ISSUE_LINE_SHORT = 1u << 6,      /* PDF: ends an em or more before its column's edge */
    ISSUE_LINE_ALL_BOLD = 1u << 7,   /* PDF: every character bold (BOLD: most of them) */
} issue_line_flag;

typedef struct issue_line {
    char *text;     /* UTF-8, trimmed, no line end; owned by the issue_lines */
    int src_line;   /* text: 1-based line in the file; PDF: 1-based running
                       number of the line in reading order */
    int page;       /* 1-based source page; 0 when unknown (text) */
    double size;    /* PDF: font size in pt of most of its characters; 0 for text */
    double x0, x1;  /* PDF: left and right edge in pt; 0 for text */
    double y;       /* PDF: its foot (its characters' lowest bottom edge), pt
                       down from the page's top; 0 for text */
    unsigned flags; /* issue_line_flag bits */
} issue_line;

typedef struct issue_lines {
    issue_line *v;
    size_t n, cap;
    int pages;        /* source pages (0 when unknown) */
    double body_size; /* PDF: the commonest font size (the body's); 0 for text */
    int from_pdf;     /* lines are the PDF's visual lines, not paragraphs */
} issue_lines;

/* Reads a text file of a printed issue, one issue_line per source line (blank
 * lines kept, form feeds start pages). UTF-8 with or without BOM; GB18030 and
 * UTF-16 with a BOM are converted, with a warning saying so. A binary or
 * empty file, or one larger than a printed issue's text can be (64 MB), is an
 * error. Returns 0, or -1 with the error in d. */
int issue_lines_read_text(const char *path, issue_lines *out, folio_diags *d);

/* Reads a PDF's text layer with poppler-glib: lines in reading order
 * (columns one after the other, issue_order.c), with sizes, edges and flags. A
 * PDF without a text layer (a scan), encrypted or damaged is an error that
 * says so. Returns 0, or -1 with the error in d. */
int issue_lines_read_pdf(const char *path, issue_lines *out, folio_diags *d);

/* Joins the pieces poppler broke a visual line into and puts the lines of
 * one PDF page, l->v[first..n), in reading order by their places when the
 * page has columns (issue_order.c), renumbering them. 0, or -1 when memory
 * ran out (the lines are then as they came, or partly joined). */
int issue_lines_order_page(issue_lines *l, size_t first);

/* Appends a copy of text (n bytes) as a new line; returns it, or NULL when
 * memory ran out. */
issue_line *issue_lines_add(issue_lines *l, const char *text, size_t n, int src_line);

/* Frees every line's text and the array; *l may be zeroed memory. */
void issue_lines_free(issue_lines *l);

#endif
