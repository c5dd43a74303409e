/* pdf_private.h — the PDF writer's shared state, used by the files of src/pdf. */
#ifndef FOLIO_PDF_PRIVATE_H
#define FOLIO_PDF_PRIVATE_H

#include "pdf.h"

#include "../util/buf.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdint.h>

/* A glyph set narrower than its advance (punctuation squeezed by the
 * layout): drawn through an extra CID with that narrower width, so that text
 * extraction sees the character box the reader sees. */
typedef struct pdf_variant {
    uint32_t gid; /* original glyph id */
    uint32_t w;   /* advance as set, 1/1000 of the real em */
    uint32_t cp;  /* the character, for ToUnicode */
} pdf_variant;

/* One embedded font: a face of the font set, subset to the glyphs the
 * document uses. CIDs in the content streams are the subset's glyph ids,
 * then one CID per variant (CIDToGIDMap maps them back). */
typedef struct pdf_font {
    int face;
    uint64_t *used; /* (old gid << 32 | code point), sorted, one per gid */
    size_t nused, capused;
    pdf_variant *var; /* sorted by gid, w; unique */
    size_t nvar, capvar;
    uint32_t nglyphs; /* glyphs in the subset: the first variant CID */
    folio_subset sub;
    int have_sub;
    uint16_t *width; /* by CID: advance in 1/1000 em as written in /W */
    int column;      /* 1: the copy for text in a column, 0: for text
                        set across the columns */
    float em;        /* the declared em over the real one (Tf sizes are
                        multiplied by it; see pdf_fonts.c) */
    HPDF_Dict type0; /* the font dictionary the pages refer to */
} pdf_font;

/* The document's image files (pdf_image.c). */
typedef struct pdf_images pdf_images;

/* What the fonts declare for text extractors (see pdf_extract.c). */
typedef struct pdf_extract {
    unsigned char *columns; /* per page: 1 when its text stands in columns */
    float col_sizes[32];    /* the sizes of column text */
    size_t ncol_sizes;      /* how many; more than 32: every size counts */
    double column_em;       /* the em the column copies declare */
    double across_em;       /* the em the copies for text across declare */
} pdf_extract;

/* A cached glyph advance (see pdf_fonts.c). */
#define PDF_ADV_CACHE 8192
typedef struct pdf_adv {
    uint32_t key; /* face << 24 ^ glyph id */
    int adv;
    int valid;
} pdf_adv;

typedef struct pdf_tags pdf_tags; /* the structure tree (pdf_tags.c) */

/* An ICC profile, read and checked on first use (pdf_standard.c). */
typedef struct pdf_profile {
    unsigned char *data;
    size_t len;
    int n;          /* colour components */
    char desc[128]; /* its description */
    HPDF_Dict stream;
} pdf_profile;

typedef struct pdf_std {
    pdf_profile rgb, cmyk;
} pdf_std;

typedef struct pdf_ctx {
    HPDF_Doc pdf;
    folio_diags *d;
    folio_fonts *f;
    const folio_doc *doc;
    const folio_edition *e;
    const folio_pdf_options *opt;
    /* the first libharu error seen, and what folio was doing then */
    HPDF_STATUS err, detail;
    int failed;
    char doing[256];
    const folio_line *line; /* the line being drawn, named in errors */
    /* fonts by face id x 2 + column (NULL: unused; see pdf_line_font) */
    pdf_font **by_face;
    size_t nfaces;
    pdf_extract ext;
    pdf_tags *tags;
    pdf_std std;
    pdf_images *images;
    HPDF_Page *pages;
    HPDF_Array reg_space; /* the registration colour space (crop marks) */
    /* geometry: the trimmed page starts at (ox, oy) on the media box */
    float ox, oy;
    float bleed;   /* how far backgrounds run past the trim (0: no bleed) */
    float room;    /* bleed room on the media box (for the BleedBox) */
    folio_buf ops; /* the page's content operators, written when it is done */
    struct libdeflate_compressor *deflate; /* see pdf_deflate.c */
    pdf_adv adv[PDF_ADV_CACHE];
} pdf_ctx;

/* Records what folio is doing, for error messages (printf format). */
void pdf_doing(pdf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Checks a libharu status and the error handler's record: on failure adds
 * `PDF: libharu error 0xCODE (detail N) while DOING` once and returns -1. */
int pdf_check(pdf_ctx *c, HPDF_STATUS st);

/* pdf_check for calls that return an object (NULL means failure). */
int pdf_checkp(pdf_ctx *c, const void *p);

/* Adds a non-libharu error (once) and returns -1. */
int pdf_fail(pdf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends content operators (printf format) to c->ops. */
void pdf_ops(pdf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends a number with at most 3 decimals and no trailing zeros, then a space. */
void pdf_num(pdf_ctx *c, double v);

/* Appends v (0..0xFFFF) as four upper-case hex digits, no space. */
void pdf_hex4(pdf_ctx *c, unsigned v);

/* Compresses c->ops into the page's content stream and empties it: once per
 * page, when everything is drawn. Returns 0 or -1. */
int pdf_flush(pdf_ctx *c, HPDF_Page page);

/* ---- compression (pdf_deflate.c) ---- */

/* Writes len bytes of data into stream dictionary s, zlib-compressed and
 * marked /FlateDecode. The compressor is kept in c. Returns 0 or -1 (error
 * added). */
int pdf_deflate_into(pdf_ctx *c, HPDF_Dict s, const void *data, size_t len);

/* Marks stream dictionary s as holding zlib data written by folio (libharu
 * then neither compresses it nor leaves out /Filter). */
void pdf_deflate_mark(HPDF_Dict s);

/* Frees the compressors. */
void pdf_deflate_free(pdf_ctx *c);

/* A PDF text string object holding s (UTF-8) as UTF-16BE with a byte-order
 * mark, surrogate pairs for characters beyond the BMP. NULL on failure. */
HPDF_Binary pdf_utf16(pdf_ctx *c, const char *s);

/* Sets key in dict to the UTF-16 text s. Returns 0 or -1. */
int pdf_dict_text(pdf_ctx *c, HPDF_Dict dict, const char *key, const char *s);

/* An array of four reals [a b c d]. NULL on failure. */
HPDF_Array pdf_rect_array(pdf_ctx *c, double a, double b, double cc, double dd);

/* ---- fonts (pdf_fonts.c) ---- */

/* Collects the glyphs every face draws, subsets each face and writes its
 * Type0 font objects. Returns 0 or -1. */
int pdf_fonts_prepare(pdf_ctx *c);

/* The embedded font that draws line l's glyphs of face `face` on page p:
 * each face has one copy for column text and one for text across the
 * columns (see pdf_extract.c). */
pdf_font *pdf_line_font(const pdf_ctx *c, const folio_page *p, const folio_line *l, int face);

/* The CID that draws glyph i of line l on page p, with its /W width (1/1000
 * of the declared em) in *w. */
uint32_t pdf_glyph_cid(pdf_ctx *c, const folio_page *p, const folio_line *l, size_t i, unsigned *w);

/* A glyph's advance in font units (cached). */
int pdf_glyph_advance(pdf_ctx *c, int face, uint32_t gid);

/* ---- what text extractors are told (pdf_extract.c) ---- */

/* Notes which pages have text in columns and the sizes of column text, and
 * chooses the declared ems. Returns 0 or -1 (out of memory, reported). */
int pdf_extract_prepare(pdf_ctx *c);

/* Whether line l on page p is drawn with the column copy of its faces. */
int pdf_in_column(const pdf_ctx *c, const folio_page *p, const folio_line *l);

/* The em (over the real one) the column copies (column 1) or the copies for
 * text across the columns (column 0) declare. */
double pdf_declared_em(const pdf_ctx *c, int column);

/* How much taller (in ems, each way) than the face's own ascender and
 * descender the column copies (column 1) or the others declare. */
double pdf_box_margin(int column);

/* The /W width (1/1000 real em) of a variant CID for glyph i of line l, or
 * -1 when the glyph's own advance serves. */
long pdf_variant_width(pdf_ctx *c, const folio_line *l, size_t i);

void pdf_extract_free(pdf_ctx *c);

/* Frees the font records. */
void pdf_fonts_free(pdf_ctx *c);

/* ---- drawing (pdf_text.c, pdf_boxes.c) ---- */

/* Draws the text lines of page p (and placeholder boxes). Returns 0 or -1. */
int pdf_draw_text(pdf_ctx *c, HPDF_Page page, const folio_page *p);

/* Draws the rectangles, rules and images of page p. Returns 0 or -1. */
int pdf_draw_boxes(pdf_ctx *c, HPDF_Page page, const folio_page *p);

/* Draws crop marks outside the bleed. Returns 0 or -1. */
int pdf_draw_crop_marks(pdf_ctx *c, HPDF_Page page);

/* Writes TrimBox and BleedBox into the page dictionary. Returns 0 or -1. */
int pdf_page_boxes(pdf_ctx *c, HPDF_Page page);

/* Starts reading, decoding and compressing every image file the document
 * places, on a thread of its own (pdf_image.c). 0, or -1 reported (out of
 * memory); pdf_images_free must follow either way. */
int pdf_images_start(pdf_ctx *c);

/* The image XObject for im (one of the document's), made on first use once
 * the decoding is done. NULL on failure (an unreadable file), reported. */
HPDF_Image pdf_image_get(pdf_ctx *c, const folio_image *im);

/* Waits for the decoding thread and frees what it made (the XObjects belong
 * to the document). NULL images allowed. */
void pdf_images_free(pdf_ctx *c);

/* ---- navigation (pdf_nav.c) ---- */

/* A destination showing page index at height y (trim coordinates). */
HPDF_Destination pdf_dest(pdf_ctx *c, int page, float y);

/* Adds the link annotations of page p. Returns 0 or -1. */
int pdf_links(pdf_ctx *c, HPDF_Page page, const folio_page *p);

/* Writes the outline and the page labels. Returns 0 or -1. */
int pdf_outline_and_labels(pdf_ctx *c);

/* ---- the structure tree (pdf_tags.c) ---- */

/* Builds the logical structure from the edition and the page model. Returns
 * 0 or -1 (reported). */
int pdf_tags_prepare(pdf_ctx *c);

/* The structure element line l's text belongs to, or -1: an artifact. */
int pdf_tag_line(const pdf_ctx *c, const folio_line *l);

/* The structure element of box b (a figure, a contents link), or -1. */
int pdf_tag_box(const pdf_ctx *c, const folio_box *b);

/* Kinds of artifact: page furniture (rules, grounds, leaders), pagination
 * (running heads, folios), and other marks (crop marks, placeholders). */
typedef enum { PDF_ART_LAYOUT, PDF_ART_PAGINATION, PDF_ART_PLAIN } pdf_artifact;

/* The marked-content sequence open in a page's content. */
typedef struct pdf_marks {
    int open;
    int elem; /* -1: an artifact of kind art */
    pdf_artifact art;
} pdf_marks;

/* Makes what follows on page `page` content of element id (id >= 0, with a
 * new MCID recorded as the element's next kid) or an artifact (id < 0):
 * continues the open sequence when it is the same, else closes it and opens
 * one. */
void pdf_mark(pdf_ctx *c, pdf_marks *m, int page, int id, pdf_artifact art);

/* Closes the open marked-content sequence, if any. */
void pdf_mark_close(pdf_ctx *c, pdf_marks *m);

/* Notes the bounding box (default user space) of Figure id on page. */
void pdf_tag_figure_box(pdf_ctx *c, int id, int page, const float bbox[4]);

/* Makes annotation annot on page a kid (OBJR) of element id and gives it its
 * StructParent. Returns 0 or -1. */
int pdf_tag_annot(pdf_ctx *c, int page, HPDF_Dict annot, int id);

/* Writes the elements, the ParentTree, the StructTreeRoot, MarkInfo and each
 * page's StructParents: after every page is drawn. Returns 0 or -1. */
int pdf_tags_write(pdf_ctx *c);

void pdf_tags_free(pdf_ctx *c);

/* ---- standards (pdf_standard.c) ---- */

/* Reads the ICC profile the claims need (fails before anything is drawn
 * when it is missing). Returns 0 or -1. */
int pdf_standard_prepare(pdf_ctx *c);

/* The colour space for RGB pictures: DeviceRGB, or for print ICCBased with
 * the sRGB profile. NULL on failure. */
void *pdf_rgb_space(pdf_ctx *c);

/* The colour space for CMYK pictures: DeviceCMYK, or under an sRGB output
 * intent ICCBased with the default CMYK profile. NULL on failure. */
void *pdf_cmyk_space(pdf_ctx *c);

/* Appends the operator setting a grey (0 black .. 1 white) for filling or
 * stroking: DeviceGray, or for print black ink in DeviceCMYK. */
void pdf_gray(pdf_ctx *c, float gray, int stroke);

/* Writes the output intents, DisplayDocTitle, the trailer /ID and (print)
 * Trapped and GTS_PDFXVersion: after the Info dictionary. Returns 0 or -1. */
int pdf_standard_write(pdf_ctx *c);

/* Appends the XMP identification of the claims (an rdf:Description). */
void pdf_standard_xmp(const pdf_ctx *c, folio_buf *x);

void pdf_standard_free(pdf_ctx *c);

/* ---- metadata (pdf_meta.c) ---- */

/* Writes the Info dictionary (UTF-16) and the XMP metadata stream. */
int pdf_metadata(pdf_ctx *c);

#endif
