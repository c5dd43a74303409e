/* test_pdf_write.c — the PDF backend on a hand-built two-page document:
 * Chinese and Latin text (with 𠮷 U+20BB7), a placeholder glyph, a rect, a
 * rule, a PNG with alpha, a link and an outline; byte-identical rewrites,
 * atomic failure, bleed boxes. With a folder argument it also leaves its PDFs
 * and expected text there for tests/cli/pdf_checks.sh. */
#include "edition/edition.h"
#include "fonts/fonts.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fsutil.h"
#include "util/utf8.h"
#include "check.h"

#include <dirent.h>
#include <stdio.h>

#include <jpeglib.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int truncate_file(const char *path, long n) {
    return truncate(path, n);
}

/* A 6x4 RGBA PNG: a red-to-blue ramp, its right half semi-transparent. */
static int write_png(const char *path) {
    FILE *fp = fopen(path, "wb");
    if (!fp) return -1;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fclose(fp);
        return -1;
    }
    png_init_io(png, fp);
    png_set_IHDR(png, info, 6, 4, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    unsigned char row[6 * 4];
    for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 6; x++) {
            row[x * 4] = (unsigned char)(255 - x * 40);
            row[x * 4 + 1] = (unsigned char)(y * 60);
            row[x * 4 + 2] = (unsigned char)(x * 40);
            row[x * 4 + 3] = x < 3 ? 255 : 128;
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return fclose(fp) == 0 ? 0 : -1;
}

/* A 16x16 JPEG with 1, 3 or 4 (CMYK, with libjpeg's Adobe marker)
 * components; keep bytes 0..truncate only when truncate > 0. */
static int write_jpeg(const char *path, int comps, long truncate) {
    FILE *fp = fopen(path, "wb");
    if (!fp) return -1;
    struct jpeg_compress_struct ci;
    struct jpeg_error_mgr jerr;
    ci.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&ci);
    jpeg_stdio_dest(&ci, fp);
    ci.image_width = 16, ci.image_height = 16, ci.input_components = comps;
    ci.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&ci);
    jpeg_start_compress(&ci, TRUE);
    JSAMPLE row[16 * 4];
    for (int y = 0; y < 16; y++) {
        for (int i = 0; i < 16 * comps; i++)
            row[i] = (JSAMPLE)((y * 16 + i * 7) & 0xFF);
        JSAMPROW r = row;
        jpeg_write_scanlines(&ci, &r, 1);
    }
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    if (fclose(fp) != 0) return -1;
    return truncate > 0 ? truncate_file(path, truncate) : 0;
}

typedef struct page_build {
    folio_line lines[16];
    size_t nlines;
    folio_box boxes[8];
    size_t nboxes;
} page_build;

/* Sets text in role at (x, y) with `track` points between characters, the
 * way the layout does: one glyph per character, looked up along the role's
 * chain. Characters given as U+10FFFD stand for ones no font has. */
static void set_line(folio_arena *a, folio_fonts *f, page_build *pb, const char *role_name,
                     const char *text, float x, float y, float size, float track) {
    int role = fonts_role(f, role_name);
    CHECK(role >= 0);
    folio_line *l = &pb->lines[pb->nlines++];
    memset(l, 0, sizeof *l);
    size_t len = strlen(text);
    l->g = arena_calloc(a, len, sizeof *l->g);
    l->x = x, l->y = y, l->size = size, l->text = text, l->role = FOLIO_ROLE_BODY;
    l->article = -1, l->serial = -1, l->column = -1, l->item = -1, l->target = -1;
    float pen = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(text + i, len - i, &cp);
        folio_glyphinfo gi;
        fonts_glyph(f, role, cp, &gi);
        folio_glyph *g = &l->g[l->n++];
        g->cp = cp, g->face = gi.face, g->gid = gi.gid, g->x = pen;
        g->adv = (float)gi.advance * size / (float)gi.units_per_em;
        pen += g->adv + track;
    }
    l->natural = pen;
    l->width = pen;
}

static folio_doc *build_doc(folio_arena *a, folio_fonts *f, const folio_image *img,
                            const folio_image *grey, const folio_image *cmyk) {
    folio_doc *doc = arena_calloc(a, 1, sizeof *doc);
    doc->arena = a;
    doc->width = 420, doc->height = 595;
    doc->bleed = 3.0f * 72.0f / 25.4f;
    doc->npages = 2;
    doc->pages = arena_calloc(a, 2, sizeof *doc->pages);
    page_build *pb = arena_calloc(a, 2, sizeof *pb);

    /* page 1: a grey band across the top (to the bleed), a title, body, a
     * rule, an image, a link to page 2 */
    pb[0].boxes[pb[0].nboxes++] = (folio_box){.type = FOLIO_BOX_RECT,
                                              .x = 0,
                                              .y = 520,
                                              .w = 420,
                                              .h = 75,
                                              .fill_gray = 0.85f,
                                              .to_bleed = 1};
    set_line(a, f, &pb[0], "hei", "期刊样张 Folio 2024", 40, 550, 20, 0);
    set_line(a, f, &pb[0], "song", "中文正文排版测试，吉字异体𠮷在此。", 40, 480, 11, 1.5f);
    set_line(a, f, &pb[0], "song", "Latin words mixed with 汉字 and digits 123.", 40, 462, 11, 0);
    set_line(a, f, &pb[0], "kai", "楷体署名：张三", 40, 444, 11, 0);
    set_line(a, f, &pb[0], "song", "缺字框\xF4\x8F\xBF\xBD", 40, 426, 11, 0);
    pb[0].boxes[pb[0].nboxes++] = (folio_box){.type = FOLIO_BOX_RULE,
                                              .x = 40,
                                              .y = 415,
                                              .w = 340,
                                              .h = 0,
                                              .line_width = 0.5f,
                                              .fill_gray = -1};
    pb[0].boxes[pb[0].nboxes++] = (folio_box){.type = FOLIO_BOX_IMAGE,
                                              .x = 40,
                                              .y = 250,
                                              .w = 150,
                                              .h = 100,
                                              .image = img,
                                              .fill_gray = -1};
    pb[0].boxes[pb[0].nboxes++] = (folio_box){.type = FOLIO_BOX_IMAGE,
                                              .x = 220,
                                              .y = 250,
                                              .w = 75,
                                              .h = 50,
                                              .image = img,
                                              .fill_gray = -1};
    pb[0].boxes[pb[0].nboxes++] = (folio_box){.type = FOLIO_BOX_RECT,
                                              .x = 40,
                                              .y = 200,
                                              .w = 100,
                                              .h = 30,
                                              .line_width = 1,
                                              .stroke_gray = 0,
                                              .fill_gray = -1};
    pb[0].boxes[pb[0].nboxes++] = (folio_box){.type = FOLIO_BOX_LINK,
                                              .x = 40,
                                              .y = 476,
                                              .w = 200,
                                              .h = 14,
                                              .target_page = 1,
                                              .target_y = 560,
                                              .fill_gray = -1};
    /* page 2: the article */
    set_line(a, f, &pb[1], "hei", "第二篇文章", 40, 550, 16, 0);
    set_line(a, f, &pb[1], "song", "第二页的正文。", 40, 520, 11, 0);
    pb[1].boxes[pb[1].nboxes++] = (folio_box){.type = FOLIO_BOX_IMAGE,
                                              .x = 40,
                                              .y = 300,
                                              .w = 100,
                                              .h = 100,
                                              .image = grey,
                                              .fill_gray = -1};
    pb[1].boxes[pb[1].nboxes++] = (folio_box){.type = FOLIO_BOX_IMAGE,
                                              .x = 160,
                                              .y = 300,
                                              .w = 100,
                                              .h = 100,
                                              .image = cmyk,
                                              .fill_gray = -1};
    /* a picture in the top right corner that runs into the bleed */
    pb[1].boxes[pb[1].nboxes++] = (folio_box){.type = FOLIO_BOX_IMAGE,
                                              .x = 300,
                                              .y = 515,
                                              .w = 120,
                                              .h = 80,
                                              .image = img,
                                              .fill_gray = -1,
                                              .to_bleed = 1};
    pb[1].boxes[pb[1].nboxes++] = (folio_box){.type = FOLIO_BOX_RECT,
                                              .x = 0,
                                              .y = 0,
                                              .w = 420,
                                              .h = 40,
                                              .fill_gray = 0.2f,
                                              .to_bleed = 1};
    set_line(a, f, &pb[1], "song", "2", 205, 20, 9, 0);
    pb[1].lines[pb[1].nlines - 1].gray = 1;

    for (int i = 0; i < 2; i++) {
        folio_page *p = &doc->pages[i];
        p->index = i, p->folio = i + 1, p->label = "", p->label_number = i + 1;
        p->recto = i % 2 == 0;
        p->lines = pb[i].lines, p->nlines = pb[i].nlines;
        p->boxes = pb[i].boxes, p->nboxes = pb[i].nboxes;
        p->start_article = -1;
    }
    doc->noutline = 3;
    doc->outline = arena_calloc(a, 3, sizeof *doc->outline);
    doc->outline[0] = (folio_outline_entry){"专题", 0, 0, 595};
    doc->outline[1] = (folio_outline_entry){"期刊样张", 1, 0, 580};
    doc->outline[2] = (folio_outline_entry){"第二篇文章", 1, 1, 580};
    return doc;
}

static int read_all(const char *path, char **data, size_t *len) {
    return fs_read_file(path, 0, data, len);
}

static int same_file(const char *a, const char *b) {
    char *x = NULL, *y = NULL;
    size_t nx = 0, ny = 0;
    int same = !read_all(a, &x, &nx) && !read_all(b, &y, &ny) && nx == ny && !memcmp(x, y, nx);
    free(x);
    free(y);
    return same;
}

/* How often needle occurs in the file (object dictionaries are not
 * compressed, stream contents are). */
static int occurrences(const char *path, const char *needle) {
    char *x = NULL;
    size_t n = 0;
    if (read_all(path, &x, &n)) return 0;
    size_t k = strlen(needle);
    int found = 0;
    for (size_t i = 0; i + k <= n; i++)
        found += !memcmp(x + i, needle, k);
    free(x);
    return found;
}

static int contains(const char *path, const char *needle) {
    return occurrences(path, needle) > 0;
}

/* Files in dir whose name starts with '.' (left-over temporaries). */
static int hidden_files(const char *dir) {
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    if (d) closedir(d);
    return n;
}

static int diags_mention(const folio_diags *d, const char *s) {
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].msg, s)) return 1;
    return 0;
}

int main(int argc, char **argv) {
    const char *data_dir = getenv("FOLIO_DATA_DIR");
    if (!data_dir) data_dir = FOLIO_SOURCE_DIR;
    char tmpl[] = "/tmp/test_pdf_XXXXXX";
    const char *dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
    CHECK(dir != NULL);
    if (!dir || fs_mkdirs(dir)) return 1;
    char *conf = fs_join(data_dir, "fonts/roles.yaml");
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(conf, NULL, 0, &d);
    free(conf);
    if (!f) {
        diags_print(&d, stderr);
        return 1;
    }

    char *png = fs_join(dir, "ramp.png");
    CHECK(write_png(png) == 0);
    folio_image img = {.path = "ramp.png",
                       .file = png,
                       .rel = "ramp.png",
                       .format = FOLIO_IMAGE_PNG,
                       .width = 6,
                       .height = 4,
                       .components = 4,
                       .has_alpha = 1};

    char *jg = fs_join(dir, "grey.jpg"), *jc = fs_join(dir, "cmyk.jpg");
    CHECK(write_jpeg(jg, 1, 0) == 0);
    CHECK(write_jpeg(jc, 4, 0) == 0);
    folio_image grey = {.path = "grey.jpg",
                        .file = jg,
                        .rel = "grey.jpg",
                        .format = FOLIO_IMAGE_JPEG,
                        .width = 16,
                        .height = 16,
                        .components = 1};
    folio_image cmyk = {.path = "cmyk.jpg",
                        .file = jc,
                        .rel = "cmyk.jpg",
                        .format = FOLIO_IMAGE_JPEG,
                        .width = 16,
                        .height = 16,
                        .components = 4};

    folio_arena *a = arena_new();
    folio_doc *doc = build_doc(a, f, &img, &grey, &cmyk);
    folio_edition ed = {0};
    ed.journal = "样刊月报", ed.issue = "2024年第3期", ed.date = "2024-03";
    ed.ymd = (folio_date){2024, 3, 0};
    ed.publisher = "样刊出版社", ed.language = "zh-CN";
    const char *tag[] = {"一本用来测试的杂志"};
    ed.tagline = tag, ed.ntagline = 1;

    folio_pdf_options opt = {.version = "0.1.0"};
    char *p1 = fs_join(dir, "unit.pdf"), *p2 = fs_join(dir, "unit2.pdf");
    char *pb = fs_join(dir, "unit-bleed.pdf"), *pc = fs_join(dir, "unit-crop.pdf");
    CHECK(pdf_write(&ed, doc, f, &opt, p1, &d) == 0);
    CHECK(pdf_write(&ed, doc, f, &opt, p2, &d) == 0);
    diags_print(&d, stderr);
    CHECK(d.nerrors == 0);
    CHECK(same_file(p1, p2));
    CHECK(contains(p1, "%PDF-1.6"));
    CHECK(contains(p1, "/FontFile2"));
    CHECK(contains(p1, "/Identity-H"));
    CHECK(contains(p1, "/ToUnicode"));
    CHECK(contains(p1, "/Metadata"));
    CHECK(contains(p1, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">样刊月报 2024年第3期"));
    CHECK(contains(p1, "/ID [")); /* a file identifier in the trailer (PDF/A-2 6.1.3) */
    CHECK(contains(p1, "/GTS_PDFA1") && !contains(p1, "/GTS_PDFX"));
    CHECK(contains(p1, "<pdfaid:part>2</pdfaid:part>"));
    CHECK(!contains(p1, "/TrimBox"));
    CHECK(contains(p1, "/SMask"));
    /* the PNG is placed three times but stored once: its colour, its soft
     * mask, the grey and the CMYK JPEG make four images */
    CHECK(occurrences(p1, "/Subtype /Image") == 4);
    CHECK(contains(p1, "/DCTDecode"));
    /* under the sRGB intent the CMYK JPEG is characterised by a profile */
    CHECK(!contains(p1, "/DeviceCMYK") && contains(p1, "/ICCBased"));
    /* libjpeg writes Adobe's marker: the inverted-CMYK decode stays */
    CHECK(contains(p1, "/Decode [ 1 0 1 0 1 0 1 0 ]"));

    opt.bleed = 1;
    CHECK(pdf_write(&ed, doc, f, &opt, pb, &d) == 0);
    CHECK(contains(pb, "/TrimBox"));
    CHECK(contains(pb, "/BleedBox"));
    opt.crop_marks = 1;
    CHECK(pdf_write(&ed, doc, f, &opt, pc, &d) == 0);
    CHECK(contains(pc, "/Separation"));
    opt.bleed = opt.crop_marks = 0;

    folio_diags d2;
    /* The print shop's PDF/X-4: a CMYK intent, grey as black ink, no
     * DeviceRGB (the PNG's RGB carries the sRGB profile), TrimBox, no links;
     * and without claims no intent and no identification. */
    char *pp = fs_join(dir, "unit-print.pdf"), *pn = fs_join(dir, "unit-none.pdf");
    opt.print = 1;
    CHECK(pdf_write(&ed, doc, f, &opt, pp, &d) == 0);
    CHECK(contains(pp, "/GTS_PDFX") && contains(pp, "/GTS_PDFA1"));
    CHECK(contains(pp, "PDF/X-4") && contains(pp, "/TrimBox") && contains(pp, "/Trapped"));
    CHECK(contains(pp, "/DeviceCMYK") && !contains(pp, "/DeviceRGB"));
    opt.print = 0;
    opt.standard = FOLIO_PDF_STANDARD_NONE;
    CHECK(pdf_write(&ed, doc, f, &opt, pn, &d) == 0);
    CHECK(!contains(pn, "/OutputIntents") && !contains(pn, "pdfaid"));
    CHECK(contains(pn, "/StructTreeRoot")); /* the tags stay */
    opt.standard = FOLIO_PDF_STANDARD_DEFAULT;
    /* a printer's profile that is none: an error naming it */
    diags_init(&d2);
    opt.print = 1;
    opt.output_profile = png;
    CHECK(pdf_write(&ed, doc, f, &opt, pn, &d2) == -1);
    CHECK(d2.nerrors == 1 && diags_mention(&d2, "ramp.png: not an ICC profile"));
    diags_free(&d2);
    opt.print = 0;
    opt.output_profile = NULL;
    free(pp);
    free(pn);

    /* An output folder that does not exist: an error, no file. */
    diags_init(&d2);
    char *nodir = fs_join(dir, "no/such/dir/x.pdf");
    CHECK(pdf_write(&ed, doc, f, &opt, nodir, &d2) == -1);
    CHECK(d2.nerrors == 1 && diags_mention(&d2, "cannot write the PDF"));
    CHECK(!fs_is_file(nodir));
    diags_free(&d2);
    free(nodir);

    /* libharu refusing something (a page wider than its 14400 pt limit):
     * its code, detail and what folio was doing; no file left. */
    diags_init(&d2);
    doc->width = 20000;
    char *wide = fs_join(dir, "wide.pdf");
    CHECK(pdf_write(&ed, doc, f, &opt, wide, &d2) == -1);
    CHECK(d2.nerrors == 1 &&
          diags_mention(&d2, "PDF: libharu error 0x1054 (detail 0) while adding page 1"));
    CHECK(!fs_is_file(wide));
    doc->width = 420;
    diags_free(&d2);
    free(wide);

    /* Failures midway (an image vanished, or is truncated, after the edition
     * was read) leave the earlier file as it was, and no temporary file. */
    CHECK(unlink(png) == 0);
    diags_init(&d2);
    CHECK(pdf_write(&ed, doc, f, &opt, p2, &d2) == -1);
    CHECK(d2.nerrors == 1 && diags_mention(&d2, "PDF: cannot read image ramp.png: No such file"));
    CHECK(same_file(p1, p2));
    CHECK(hidden_files(dir) == 0);
    diags_free(&d2);
    CHECK(write_png(png) == 0);
    CHECK(write_jpeg(jc, 4, 300) == 0);
    diags_init(&d2);
    CHECK(pdf_write(&ed, doc, f, &opt, p2, &d2) == -1);
    CHECK(d2.nerrors == 1 && diags_mention(&d2, "PDF: cannot read image cmyk.jpg"));
    CHECK(same_file(p1, p2));
    CHECK(hidden_files(dir) == 0);
    diags_free(&d2);
    /* cut inside the scan data: libjpeg only warns, folio still refuses */
    CHECK(write_jpeg(jc, 4, 0) == 0);
    char *jdata = NULL;
    size_t jlen = 0;
    CHECK(fs_read_file(jc, 0, &jdata, &jlen) == 0 && jlen > 400);
    free(jdata);
    CHECK(truncate_file(jc, (long)jlen - 40) == 0);
    diags_init(&d2);
    CHECK(pdf_write(&ed, doc, f, &opt, p2, &d2) == -1);
    CHECK(d2.nerrors == 1 && diags_mention(&d2, "cmyk.jpg: damaged JPEG data (Premature end"));
    CHECK(same_file(p1, p2));
    diags_free(&d2);

    if (argc > 1) {
        /* for pdf_checks.sh: the text pdftotext must give back */
        char *exp = fs_join(dir, "unit.expected.txt");
        FILE *fp = fopen(exp, "w");
        CHECK(fp != NULL);
        if (fp) {
            for (size_t i = 0; i < doc->npages; i++)
                for (size_t k = 0; k < doc->pages[i].nlines; k++) {
                    const folio_line *l = &doc->pages[i].lines[k];
                    for (size_t g = 0; g < l->n; g++) {
                        char u[4];
                        if (l->g[g].face >= 0) fwrite(u, 1, utf8_encode(l->g[g].cp, u), fp);
                    }
                    fputc('\n', fp);
                }
            fclose(fp);
        }
        free(exp);
    } else {
        unlink(p1), unlink(p2), unlink(pb), unlink(pc), unlink(png), unlink(jg), unlink(jc);
        rmdir(dir);
    }
    free(p1), free(p2), free(pb), free(pc), free(png), free(jg), free(jc);
    arena_free(a);
    fonts_close(f);
    diags_free(&d);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
