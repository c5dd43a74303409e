/* epub_private.h — the EPUB writer's shared state, passed between its files.
 *
 * epub_write gathers everything into one epub_ctx: the files of the package
 * (made in memory, in their final zip order), the page-list marks, the images,
 * and — for --embed-fonts — the characters set in each font role. Every
 * generator appends to ctx and returns 0 or -1 with a diagnostic in ctx->d. */
#ifndef FOLIO_EPUB_PRIVATE_H
#define FOLIO_EPUB_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../util/buf.h"
#include "epub.h"

/* The font roles the stylesheet uses; each has its own CSS stack. */
typedef enum { ROLE_SONG = 0, ROLE_HEI, ROLE_KAI, ROLE_COUNT } epub_role;

/* One file of the package. */
typedef struct epub_file {
    char *name;          /* path inside the zip ("OEBPS/a01.xhtml") */
    char *id;            /* manifest id; NULL for files outside the manifest */
    const char *media;   /* manifest media type */
    char *props;         /* manifest properties, or NULL */
    int spine;           /* 1: in the spine (reading order = file order) */
    int store;           /* 1: stored, not deflated (mimetype, images) */
    unsigned char *data; /* malloc'd */
    size_t len;
} epub_file;

/* Where a page-list mark goes. */
enum {
    MARK_COVER = -1,
    MARK_MASTHEAD = -2,
    MARK_CONTENTS = -3,
};

/* One print page in the page list. */
typedef struct epub_mark {
    char id[48];    /* XML id of the marker ("page-12") */
    char label[32]; /* what the page list shows ("12") */
    int number;     /* the printed number, 0 when the page has none */
    int target;     /* article index, or MARK_COVER/MASTHEAD/CONTENTS */
    int serial;     /* block serial; -1: before the article's header */
    size_t offset;  /* byte offset in the block's text */
    int at_source;  /* serial -1 on the source line: before p.source */
    int at_end;     /* after the article's last block */
    int in_caption; /* an image block whose picture is on the page before:
                       inside the caption, not before the figure */
    /* Set when the marker is written: */
    int file; /* spine position of the XHTML file holding it */
    int seq;  /* order of the marker inside that file (1-based) */
    int done;
} epub_mark;

/* One image copied into the package. */
typedef struct epub_image {
    const folio_image *img;
    char href[48]; /* "images/img01.png", relative to OEBPS */
} epub_image;

/* A set of code points (a bitmap over U+0000..U+10FFFF). */
typedef struct epub_cpset {
    unsigned char *bits; /* malloc'd on first use */
} epub_cpset;

typedef struct epub_ctx {
    const folio_edition *e;
    const folio_doc *doc;
    folio_fonts *fonts;
    const folio_epub_options *opt;
    folio_diags *d;
    const char *lang; /* BCP 47 tag of the edition */
    int rtl;
    char uid[160];     /* the package's unique identifier */
    char modified[24]; /* CCYY-MM-DDThh:mm:ssZ */
    time_t stamp;      /* the build's fixed time (UTC seconds) */

    epub_file *files;
    size_t nfiles, capfiles;
    /* The reading order as indices into files (valid until epub_sort), and
     * each article's place in it: both kept as files are added, so that
     * navigation looks them up in constant time even for 10,000 articles. */
    size_t *spine;
    size_t nspine, capspine;
    int *article_spine;

    epub_mark *marks;
    size_t nmarks;

    epub_image *images;
    size_t nimages;
    int cover_image; /* index into images, or -1 */
    int has_images;  /* any image (cover included) */
    int all_alt;     /* every body image has a caption */

    /* --embed-fonts: characters per role, and the CSS families made for them */
    int record; /* 1 while text is being recorded */
    int role;   /* the role of the text being written */
    epub_cpset used[ROLE_COUNT];
    char *font_css;                  /* @font-face rules, malloc'd, or NULL */
    char *role_families[ROLE_COUNT]; /* quoted families to put first, or NULL */
} epub_ctx;

/* ---- xml.c: escaped output ---- */

/* Appends text escaped for XML content and attributes (& < > " '), dropping
 * characters XML forbids and replacing broken UTF-8 with U+FFFD; records the
 * characters in the current role when fonts are embedded. */
void xml_text(epub_ctx *c, folio_buf *b, const char *s, size_t len);
/* The same for a NUL-terminated string (NULL writes nothing). */
void xml_str(epub_ctx *c, folio_buf *b, const char *s);
/* Escaped but not recorded: attributes, metadata and hidden navigation,
 * which no embedded font has to show. */
void xml_attr(folio_buf *b, const char *s);
void xml_attr_n(folio_buf *b, const char *s, size_t len);
/* The opening of an XHTML document: XML declaration, doctype, <html> with
 * the language, <head> with the title and (css) the stylesheet, <body>. */
void xml_head(epub_ctx *c, folio_buf *b, const char *title, int css, const char *body_type);
/* </body></html>. */
void xml_tail(folio_buf *b);
/* Switches the role text is recorded in; returns the previous one. */
int xml_role(epub_ctx *c, int role);

/* ---- files.c: the package's files ---- */

/* Adds a file (takes the buffer's contents). Returns 0, or -1 on OOM. */
int epub_add(epub_ctx *c, const char *name, const char *id, const char *media, const char *props,
             int spine, int store, folio_buf *b);
/* The same with bytes the caller gives away (malloc'd). */
int epub_add_data(epub_ctx *c, const char *name, const char *id, const char *media,
                  const char *props, int spine, int store, unsigned char *data, size_t len);
/* Puts the files in their final order (spine order is kept). */
void epub_sort(epub_ctx *c);
/* Frees every file and the marks, images and sets. */
void epub_ctx_free(epub_ctx *c);
/* The spine position a file will have once added (for marks), counting the
 * spine files added so far. */
int epub_spine_count(const epub_ctx *c);
/* The name (relative to OEBPS) of the spine document at position file. */
const char *epub_spine_href(const epub_ctx *c, int file);

/* ---- ident.c: identifier and dates ---- */

/* Fills c->uid, c->stamp and c->modified. Returns 0 or -1. */
int epub_ident_init(epub_ctx *c);
/* Converts c->stamp to the zip's DOS date and time (clamped to 1980..2107). */
void epub_dos_time(const epub_ctx *c, uint16_t *dtime, uint16_t *ddate);

/* ---- pagelist.c: print pages → marks ---- */

/* Builds c->marks from c->doc (nothing when doc is NULL). Returns 0 or -1. */
int epub_pagelist_build(epub_ctx *c);
/* Writes (and flags as done) every mark for target not yet written. */
void epub_pagelist_emit(epub_ctx *c, folio_buf *b, int target, int file);
/* Writes one marker, in the spine document file. */
void epub_pagelist_marker(epub_ctx *c, folio_buf *b, epub_mark *m, int file);

/* ---- images.c ---- */

/* Collects the cover and body images, reads their bytes into the package.
 * Returns 0 or -1. */
int epub_images_collect(epub_ctx *c);
/* The href of an image (relative to OEBPS), or NULL when not collected. */
const char *epub_images_href(const epub_ctx *c, const folio_image *img);

/* ---- the generators, one per document ----
 * Each adds its file to c (the NCX and nav after the chapters, whose page
 * marks they link to; the stylesheet after the fonts, whose families it
 * names). epub_package returns the package document as malloc'd bytes;
 * epub_zip_write makes the container at path. */
int epub_cover(epub_ctx *c);
int epub_masthead(epub_ctx *c);
int epub_contents(epub_ctx *c);
int epub_chapter(epub_ctx *c, const folio_article *a);
int epub_nav(epub_ctx *c);
int epub_ncx(epub_ctx *c);
int epub_style(epub_ctx *c);
int epub_fonts_embed(epub_ctx *c);
int epub_package(epub_ctx *c, unsigned char **data, size_t *len);
int epub_zip_write(epub_ctx *c, const char *path);

/* Names shared between the documents. */
#define EPUB_COVER "cover.xhtml"
#define EPUB_MASTHEAD "masthead.xhtml"
#define EPUB_CONTENTS "contents.xhtml"
#define EPUB_NAV "nav.xhtml"

/* The chapter file of article a ("a01.xhtml"), into out (64 bytes). */
void epub_chapter_href(const folio_article *a, char out[64]);

/* The article's authors joined for display ("甲 乙"), malloc'd or NULL. */
char *epub_authors_join(const folio_article *a, const char *sep);

#endif
