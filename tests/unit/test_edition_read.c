/* test_edition_read.c — the edition reader on small editions written here. */
#include "edition/edition.h"
#include "check.h"

#include <jpeglib.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STREQ(a, b) streq_at(__LINE__, (a), (b))

static void streq_at(int line, const char *got, const char *want) {
    if (!got || strcmp(got, want)) {
        fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, line, got ? got : "(null)",
                want);
        failures++;
    }
}

static char root[256];

static void put(const char *rel, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *s = path + strlen(root) + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            mkdir(path, 0755);
            *s = '/';
        }
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f)) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
}

static void write_png(const char *rel, int w, int h) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(p);
    if (!f || !info || setjmp(png_jmpbuf(p))) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    png_init_io(p, f);
    png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(p, info, 11811, 11811, PNG_RESOLUTION_METER); /* 300 dpi */
    png_write_info(p, info);
    unsigned char row[4 * 64] = {0};
    for (int y = 0; y < h; y++)
        png_write_row(p, row);
    png_write_end(p, info);
    png_destroy_write_struct(&p, &info);
    fclose(f);
}

static void write_jpeg(const char *rel, int w, int h) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    if (!f) exit(1);
    struct jpeg_compress_struct ci;
    struct jpeg_error_mgr err;
    ci.err = jpeg_std_error(&err);
    jpeg_create_compress(&ci);
    jpeg_stdio_dest(&ci, f);
    ci.image_width = (JDIMENSION)w;
    ci.image_height = (JDIMENSION)h;
    ci.input_components = 1;
    ci.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&ci);
    ci.density_unit = 1;
    ci.X_density = ci.Y_density = 150;
    jpeg_start_compress(&ci, TRUE);
    unsigned char row[64] = {0};
    JSAMPROW r = row;
    while (ci.next_scanline < ci.image_height)
        jpeg_write_scanlines(&ci, &r, 1);
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    fclose(f);
}

static int has_diag(const folio_diags *d, folio_severity sev, const char *path, int line,
                    const char *part) {
    for (size_t i = 0; i < d->n; i++) {
        const folio_diag *g = &d->items[i];
        if (g->sev == sev && g->line == line &&
            ((!path && !g->path) || (path && g->path && !strcmp(path, g->path))) &&
            strstr(g->msg, part))
            return 1;
    }
    return 0;
}

static const folio_article *article(const folio_edition *e, const char *path) {
    for (size_t i = 0; e && i < e->narticles; i++)
        if (!strcmp(e->articles[i].path, path)) return &e->articles[i];
    return NULL;
}

/* An edition using every key and every construct. */
static void test_full(void) {
    put("edition.yaml", "journal: 测试月刊\n" /* 1 */
                        "issue: 2024年第2期\n"
                        "date: 2024-02-29\n"
                        "year: 2024\n"
                        "number: 2\n" /* 5 */
                        "total: 57\n"
                        "language: zh-Hans-CN\n"
                        "publisher: 某某编辑部\n"
                        "identifier: \"0001\"\n"
                        "layout: magazine\n" /* 10 */
                        "cover:\n"
                        "  image: images/cover.jpg\n"
                        "  tagline:\n"
                        "    - 第一行\n"
                        "    - 第二行\n" /* 15 */
                        "masthead:\n"
                        "  - 主办: 某单位\n"
                        "  - 编委: [甲, 乙, 丙]\n"
                        "notice:\n"
                        "  - (内部资料)\n" /* 20 */
                        "fonts:\n"
                        "  song: Noto Serif CJK SC\n"
                        "  hei: [Noto Sans CJK SC, WenQuanYi Zen Hei]\n"
                        "contents:\n"
                        "  - section: 卷首\n" /* 25 */
                        "    articles:\n"
                        "      - articles/fore.md\n"
                        "  - section:\n"
                        "    articles:\n"
                        "      - ./articles/sub/../main.md\n" /* 30 */
                        "      - articles/sub/deep.md\n");
    put("articles/fore.md",
        "---\ntitle: 卷首语\nkind: foreword\nauthor: 某甲\n---\n\n短短一段。\n");
    put("articles/main.md", "---\n" /* 1 */
                            "title: 主标题\n"
                            "subtitle: ——副标题\n"
                            "author: [张三, 李四]\n"
                            "byline: 课题组\n" /* 5 */
                            "source: 来源:本刊\n"
                            "---\n"
                            "\n"
                            "第一段有*强调*和**加粗**,还有`code`与[链接](http://x.example/a)。\n"
                            "\n" /* 10 */
                            "# 一级读作二级\n"
                            "\n"
                            "### 三级\n"
                            "\n"
                            "#### 四级读作三级\n" /* 15 */
                            "\n"
                            "> 引文第一行\\\n"
                            "> 引文第二行\n"
                            "\n"
                            "3. 甲\n" /* 20 */
                            "4. 乙\n"
                            "\n"
                            "- 松散\n"
                            "\n"
                            "- 列表\n" /* 25 */
                            "\n"
                            "***\n"
                            "\n"
                            "![图一 *说明*](../images/p.png)\n"
                            "\n" /* 30 */
                            "中文软换行\n"
                            "接着中文,Latin\n"
                            "words here\n"
                            "中文“引号”\n"
                            "“开头”接上\n" /* 35 */
                            "\n"
                            "**成就。**2024年CJK强调\n"
                            "\n"
                            "v2**新。**版\n");
    put("articles/sub/deep.md",
        "---\ntitle: 深处\n---\n图在段中![说明](../../images/p.png)文字。\n");
    mkdir("images", 0755);
    write_png("images/p.png", 40, 30);
    write_jpeg("images/cover.jpg", 20, 10);

    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(root, 0, &d);
    if (!e || d.nerrors) {
        diags_print(&d, stderr);
        CHECK(e && !d.nerrors);
        diags_free(&d);
        edition_free(e);
        return;
    }
    STREQ(e->journal, "测试月刊");
    STREQ(e->issue, "2024年第2期");
    STREQ(e->date, "2024-02-29");
    CHECK(e->year == 2024 && e->number == 2 && e->total == 57);
    STREQ(e->language, "zh-Hans-CN");
    STREQ(e->publisher, "某某编辑部");
    STREQ(e->identifier, "0001");
    STREQ(e->layout, "magazine");
    CHECK(e->layout_line == 10);
    CHECK(e->cover_image && e->cover_image->format == FOLIO_IMAGE_JPEG &&
          e->cover_image->width == 20 && e->cover_image->height == 10 &&
          e->cover_image->components == 1 && e->cover_image->dpi_x == 150);
    CHECK(e->ntagline == 2 && !strcmp(e->tagline[1], "第二行"));
    CHECK(e->nmasthead == 2);
    if (e->nmasthead == 2) {
        STREQ(e->masthead[0].key, "主办");
        CHECK(e->masthead[0].nvalues == 1 && !strcmp(e->masthead[0].values[0], "某单位"));
        CHECK(e->masthead[1].nvalues == 3 && !strcmp(e->masthead[1].values[2], "丙"));
    }
    CHECK(e->nnotice == 1 && !strcmp(e->notice[0], "(内部资料)"));
    CHECK(e->nfonts == 2);
    if (e->nfonts == 2) {
        STREQ(e->fonts[0].role, "song");
        CHECK(e->fonts[1].nfamilies == 2 && !strcmp(e->fonts[1].families[1], "WenQuanYi Zen Hei"));
        CHECK(e->fonts[1].line == 23);
    }
    const char *slash = strrchr(root, '/');
    STREQ(e->dirname, slash + 1);
    CHECK(e->nsections == 2 && e->narticles == 3);
    if (e->nsections != 2 || e->narticles != 3) {
        edition_free(e);
        diags_free(&d);
        return;
    }
    STREQ(e->sections[0].name, "卷首");
    STREQ(e->sections[1].name, "");
    CHECK(e->sections[1].narticles == 2 && e->sections[1].articles[0] == &e->articles[1]);
    CHECK(e->sections[1].line == 28);
    STREQ(e->articles[0].id, "a01");
    STREQ(e->articles[2].id, "a03");
    CHECK(e->articles[0].kind == FOLIO_KIND_FOREWORD && e->articles[0].nauthors == 1);

    const folio_article *a = &e->articles[1];
    STREQ(a->path, "articles/main.md");
    CHECK(a->section == 1 && a->index == 1 && a->list_line == 30);
    STREQ(a->title, "主标题");
    CHECK(a->title_line == 2);
    STREQ(a->subtitle, "——副标题");
    CHECK(a->nauthors == 2 && !strcmp(a->authors[0], "张三") && !strcmp(a->authors[1], "李四"));
    STREQ(a->byline, "课题组");
    STREQ(a->source, "来源:本刊");
    CHECK(a->kind == FOLIO_KIND_ARTICLE);

    /* paragraph, heading x3, quote, ol, ul, hr, image, paragraph x3 */
    CHECK(a->nblocks == 12);
    if (a->nblocks != 12) {
        edition_free(e);
        diags_free(&d);
        return;
    }
    const folio_block *b = a->blocks;
    CHECK(b[0].type == FOLIO_BLOCK_PARAGRAPH && b[0].line == 9 && b[0].serial == 0);
    STREQ(edition_block_text(e, &b[0]), "第一段有强调和加粗,还有code与链接。");
    CHECK(b[0].nspans == 9);
    if (b[0].nspans == 9) {
        CHECK(b[0].spans[1].flags == FOLIO_SPAN_EMPH && b[0].spans[1].len == strlen("强调"));
        CHECK(b[0].spans[3].flags == FOLIO_SPAN_STRONG);
        CHECK(b[0].spans[5].flags == FOLIO_SPAN_CODE);
        STREQ(b[0].spans[5].text, "code");
        STREQ(b[0].spans[4].text, ",还有");
        CHECK(b[0].spans[8].flags == 0 && b[0].spans[8].url == NULL);
    }
    int link = 0;
    for (size_t i = 0; i < b[0].nspans; i++)
        if (b[0].spans[i].flags == FOLIO_SPAN_LINK)
            link = !strcmp(b[0].spans[i].url, "http://x.example/a") &&
                   !strcmp(b[0].spans[i].text, "链接");
    CHECK(link);
    CHECK(b[1].type == FOLIO_BLOCK_HEADING && b[1].level == 2 && b[1].line == 11);
    CHECK(b[2].type == FOLIO_BLOCK_HEADING && b[2].level == 3 && b[2].line == 13);
    CHECK(b[3].type == FOLIO_BLOCK_HEADING && b[3].level == 3 && b[3].line == 15);
    CHECK(b[4].type == FOLIO_BLOCK_QUOTE && b[4].nchildren == 1 && b[4].line == 17 &&
          b[4].serial == 4);
    if (b[4].nchildren == 1) {
        const folio_block *q = &b[4].children[0];
        CHECK(q->type == FOLIO_BLOCK_PARAGRAPH && q->serial == 5 && q->line == 17);
        CHECK(q->nspans == 3 && q->spans[1].flags == FOLIO_SPAN_BREAK && q->spans[1].len == 0);
        STREQ(edition_block_text(e, q), "引文第一行\n引文第二行");
    }
    CHECK(b[5].type == FOLIO_BLOCK_LIST && b[5].ordered && b[5].start == 3 && b[5].tight &&
          b[5].nchildren == 2 && b[5].serial == 6);
    if (b[5].nchildren == 2) {
        CHECK(b[5].children[0].type == FOLIO_BLOCK_ITEM && b[5].children[0].serial == 7);
        CHECK(b[5].children[1].nchildren == 1 && b[5].children[1].children[0].serial == 10 &&
              b[5].children[1].children[0].line == 21);
    }
    CHECK(b[6].type == FOLIO_BLOCK_LIST && !b[6].ordered && !b[6].tight && b[6].serial == 11);
    CHECK(b[7].type == FOLIO_BLOCK_THEMATIC && b[7].line == 27 && b[7].serial == 16);
    CHECK(b[8].type == FOLIO_BLOCK_IMAGE && b[8].line == 29 && b[8].serial == 17 && b[8].image);
    if (b[8].image) {
        STREQ(b[8].image->path, "../images/p.png");
        STREQ(b[8].image->rel, "images/p.png");
        CHECK(b[8].image->format == FOLIO_IMAGE_PNG && b[8].image->width == 40 &&
              b[8].image->height == 30 && b[8].image->components == 4 && b[8].image->has_alpha);
        CHECK(b[8].image->dpi_x > 299.9 && b[8].image->dpi_x < 300.1);
        CHECK(access(b[8].image->file, R_OK) == 0);
        STREQ(edition_block_text(e, &b[8]), "图一 说明");
        CHECK(b[8].nspans == 2 && b[8].spans[1].flags == FOLIO_SPAN_EMPH);
    }
    /* Soft breaks: gone between Han (and Han and CJK quotes), one space otherwise. */
    CHECK(b[9].type == FOLIO_BLOCK_PARAGRAPH && b[9].line == 31);
    STREQ(edition_block_text(e, &b[9]), "中文软换行接着中文,Latin words here 中文“引号”“开头”接上");
    CHECK(b[9].nspans == 1);
    /* Emphasis CommonMark leaves open in Chinese text is still read. */
    STREQ(edition_block_text(e, &b[10]), "成就。2024年CJK强调");
    CHECK(b[10].nspans == 2 && b[10].spans[0].flags == FOLIO_SPAN_STRONG &&
          b[10].spans[1].flags == 0 && b[10].serial == 19);
    /* ...but not stars right after a Latin letter or digit */
    STREQ(edition_block_text(e, &b[11]), "v2**新。**版");
    CHECK(b[11].nspans == 1 && b[11].line == 39);

    /* An inline image keeps its alt text, with a warning. */
    const folio_article *deep = &e->articles[2];
    CHECK(deep->nblocks == 1 && deep->blocks[0].type == FOLIO_BLOCK_PARAGRAPH);
    if (deep->nblocks == 1) STREQ(edition_block_text(e, &deep->blocks[0]), "图在段中说明文字。");
    CHECK(has_diag(&d, FOLIO_WARNING, "articles/sub/deep.md", 4, "image inside a paragraph"));
    CHECK(d.nwarnings == 1);
    edition_free(e);
    diags_free(&d);
}

/* BOM, CRLF, NFC, raw HTML, unknown keys. */
static void test_text(void) {
    put("edition.yaml", "\xEF\xBB\xBFjournal: Cafe\xCC\x81\r\nissue: '1'\r\ndate: 2024-01\r\n"
                        "colour: red\r\ncontents:\r\n  - section: S\r\n    articles: [a.md]\r\n");
    put("a.md", "\xEF\xBB\xBF---\r\ntitle: e\xCC\x81t\xC3\xA9\r\nmood: x\r\n---\r\n\r\n"
                "line one\r\nline two\r\n\r\n<div>raw</div>\r\n\r\nA<b>b</b>c A\xCC\x8A\r\n"
                "\r\n\xE3\x80\x80\xE3\x80\x80\xE7\xBC\xA9\x01\xE8\xBF\x9B\r\n"
                "\r\n<!-- an editor's note -->\r\n\r\n![cap](images/my%20p.png)<!-- x -->\r\n");
    write_png("images/my p.png", 2, 2);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(root, 0, &d);
    CHECK(e && d.nerrors == 0);
    if (e) {
        STREQ(e->journal, "Caf\xC3\xA9");
        CHECK(e->narticles == 1);
        const folio_article *a = article(e, "a.md");
        CHECK(a && !strcmp(a->title, "\xC3\xA9t\xC3\xA9") && a->title_line == 2);
        CHECK(a && a->nblocks == 4);
        if (a && a->nblocks == 4) {
            CHECK(a->blocks[3].type == FOLIO_BLOCK_IMAGE && a->blocks[3].line == 17);
            CHECK(a->blocks[3].image && !strcmp(a->blocks[3].image->rel, "images/my p.png"));
            CHECK(a->blocks[2].line == 13);
            STREQ(edition_block_text(e, &a->blocks[2]), "缩进");
            CHECK(a->blocks[0].line == 6);
            STREQ(edition_block_text(e, &a->blocks[0]), "line one line two");
            CHECK(a->blocks[1].line == 11 && a->blocks[1].serial == 1);
            STREQ(edition_block_text(e, &a->blocks[1]), "Abc \xC3\x85");
        }
        CHECK(e->year == 0 && !e->layout && !e->cover_image);
        STREQ(e->language, "zh-CN");
    }
    CHECK(has_diag(&d, FOLIO_WARNING, "edition.yaml", 4, "unknown key 'colour'"));
    CHECK(has_diag(&d, FOLIO_WARNING, "a.md", 3, "unknown key 'mood'"));
    CHECK(has_diag(&d, FOLIO_WARNING, "a.md", 9, "raw HTML"));
    CHECK(has_diag(&d, FOLIO_WARNING, "a.md", 11, "raw HTML"));
    CHECK(has_diag(&d, FOLIO_WARNING, "a.md", 13, "full-width spaces"));
    CHECK(has_diag(&d, FOLIO_WARNING, "a.md", 13, "control characters"));
    if (d.nwarnings != 7) diags_print(&d, stderr);
    CHECK(d.nwarnings == 7);
    edition_free(e);
    diags_free(&d);
}

/* Several errors: all reported; NULL without keep_on_error, a model with it. */
static void test_errors(void) {
    put("edition.yaml", "journal: [x]\nissue: I\ndate: 2024-13\nyear: '2024'\n"
                        "contents:\n  - section: S\n    articles:\n      - a.md\n      - nope.md\n"
                        "      - ../out.md\n      - a.md\n");
    put("a.md", "---\nsubtitle: s\nkind: poem\n---\n\n![x](missing.png)\n\nok \xC3\n");
    folio_diags d;
    diags_init(&d);
    CHECK(edition_load(root, 0, &d) == NULL);
    size_t n = d.nerrors;
    diags_free(&d);
    diags_init(&d);
    folio_edition *e = edition_load(root, 1, &d);
    CHECK(e != NULL && d.nerrors == n);
    CHECK(has_diag(&d, FOLIO_ERROR, "edition.yaml", 1, "'journal' must be a text"));
    CHECK(has_diag(&d, FOLIO_ERROR, "edition.yaml", 3, "YYYY-MM"));
    CHECK(has_diag(&d, FOLIO_ERROR, "edition.yaml", 4, "'year' must be an integer"));
    CHECK(has_diag(&d, FOLIO_ERROR, "edition.yaml", 9, "not found"));
    CHECK(has_diag(&d, FOLIO_ERROR, "edition.yaml", 10, "outside the edition folder"));
    CHECK(has_diag(&d, FOLIO_ERROR, "edition.yaml", 11, "listed twice"));
    /* invalid UTF-8 stops the article before its front matter is read */
    CHECK(has_diag(&d, FOLIO_ERROR, "a.md", 8, "invalid UTF-8 (byte 0xC3)"));
    CHECK(n == 7);
    if (e) CHECK(e->narticles == 3 && e->date == NULL && !e->articles[1].file);
    edition_free(e);
    diags_free(&d);

    put("a.md", "---\nsubtitle: s\nkind: poem\n---\n\n![x](missing.png)\n");
    diags_init(&d);
    e = edition_load(root, 1, &d);
    CHECK(has_diag(&d, FOLIO_ERROR, "a.md", 4, "front matter has no title"));
    CHECK(has_diag(&d, FOLIO_ERROR, "a.md", 3, "unknown kind 'poem'"));
    CHECK(has_diag(&d, FOLIO_ERROR, "a.md", 6, "image 'missing.png' not found"));
    edition_free(e);
    diags_free(&d);

    /* a title and nothing else: a warning at the closing --- */
    put("a.md", "---\ntitle: t\n---\n\n");
    diags_init(&d);
    e = edition_load(root, 0, &d);
    CHECK(has_diag(&d, FOLIO_WARNING, "a.md", 3, "no text"));
    edition_free(e);
    diags_free(&d);
}

/* Hostile input: garbage images and absurd nesting are errors, never crashes. */
static void test_hostile(void) {
    folio_image img;
    const char *why = NULL;
    put("junk.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xff\xff\xff garbage");
    CHECK(edition_probe_image("junk.png", &img, &why) == -1 && why && strstr(why, "PNG"));
    put("junk.jpg", "\xff\xd8\xff\xe0 not really a jpeg at all");
    why = NULL;
    CHECK(edition_probe_image("junk.jpg", &img, &why) == -1 && why && strstr(why, "JPEG"));
    put("junk.gif", "GIF89a");
    CHECK(edition_probe_image("junk.gif", &img, &why) == -1);
    CHECK(edition_probe_image("nonexistent.png", &img, &why) == -1);

    put("edition.yaml", "journal: j\nissue: i\ndate: 2024-01\ncontents:\n"
                        "  - section: s\n    articles: [a.md]\n");
    size_t n = 5000;
    char *deep = malloc(2 * n + 64);
    if (!deep) exit(1);
    strcpy(deep, "---\ntitle: t\n---\n");
    size_t k = strlen(deep);
    memset(deep + k, '>', n);
    strcpy(deep + k + n, " x\n");
    put("a.md", deep);
    free(deep);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(root, 1, &d);
    CHECK(e && has_diag(&d, FOLIO_ERROR, "a.md", 4, "nested more than"));
    CHECK(d.nerrors == 1);
    edition_free(e);
    diags_free(&d);

    /* a line of half a million HTML comments: left out quietly, in linear time */
    size_t nc = 500000;
    char *notes = malloc(7 * nc + 64);
    if (!notes) exit(1);
    strcpy(notes, "---\ntitle: t\n---\n");
    k = strlen(notes);
    for (size_t i = 0; i < nc; i++, k += 7)
        memcpy(notes + k, "<!---->", 7);
    strcpy(notes + k, "\n\ntext\n");
    put("a.md", notes);
    free(notes);
    diags_init(&d);
    e = edition_load(root, 0, &d);
    CHECK(e && d.nerrors == 0 && d.nwarnings == 0 && e->articles[0].nblocks == 1);
    edition_free(e);
    diags_free(&d);
}

int main(void) {
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/folio-edition-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root) || chdir(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_full();
    test_text();
    test_errors();
    test_hostile();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", root);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
