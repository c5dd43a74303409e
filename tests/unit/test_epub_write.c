/* test_epub_write.c — the EPUB writer on a hand-built edition and page model
 * (tests/cli/epub_sample.sh does the sample edition): container layout, well-formed
 * documents, page-break markers where the print pages start, the text, the
 * nav, epubcheck without errors or warnings (with and without embedded
 * fonts), byte-identical rebuilds, and an earlier file kept on failure. */
#include "../../src/epub/epub.h"
#include "../../src/util/arena.h"
#include "../../src/util/buf.h"
#include "../../src/util/fsutil.h"
#include "check.h"
#include "testfiles.h"

#include <zip.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *src_dir(void) {
    const char *s = getenv("SRC");
    return s && *s ? s : FOLIO_SOURCE_DIR;
}

/* ---- building the edition by hand ---- */

static folio_arena *A;

static folio_span sp(const char *text, unsigned flags, const char *url) {
    folio_span s = {text, strlen(text), flags, url};
    return s;
}

static folio_span *spans(size_t n, ...) {
    folio_span *s = arena_calloc(A, n, sizeof *s);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        s[i] = va_arg(ap, folio_span);
    va_end(ap);
    return s;
}

static folio_block blk(folio_block_type t, int serial, folio_span *s, size_t ns) {
    folio_block b;
    memset(&b, 0, sizeof b);
    b.type = t;
    b.serial = serial;
    b.spans = s;
    b.nspans = ns;
    b.level = 2;
    b.start = 1;
    b.src = "articles/x.md";
    b.line = serial + 5;
    return b;
}

static folio_block *blocks(size_t n, ...) {
    folio_block *b = arena_calloc(A, n, sizeof *b);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        b[i] = va_arg(ap, folio_block);
    va_end(ap);
    return b;
}

static folio_block para(int serial, const char *text) {
    return blk(FOLIO_BLOCK_PARAGRAPH, serial, spans(1, sp(text, 0, NULL)), 1);
}

static folio_image *test_image(const char *file) {
    folio_image *img = arena_calloc(A, 1, sizeof *img);
    img->path = "images/dot.png";
    img->rel = "images/dot.png";
    img->file = arena_strdup(A, file);
    img->format = FOLIO_IMAGE_PNG;
    img->width = 8;
    img->height = 6;
    img->components = 3;
    return img;
}

static folio_edition *make_edition(const char *png) {
    folio_edition *e = arena_calloc(A, 1, sizeof *e);
    e->arena = A;
    e->dir = "test";
    e->dirname = "test";
    e->journal = "测试&期刊 <Test>";
    e->issue = "2024年第2期";
    e->date = "2024-05";
    e->ymd = (folio_date){2024, 5, 0};
    e->year = 2024;
    e->number = 2;
    e->language = "zh-CN";
    e->publisher = "某某“编辑部”";
    static const char *tag[] = {"学习 思考", "交流 宣传"};
    e->tagline = tag;
    e->ntagline = 2;
    static const char *v1[] = {"某某编辑部"}, *v2[] = {"甲乙", "丙丁"};
    static folio_masthead_entry mh[] = {{"主办", v1, 1}, {"编委", v2, 2}};
    e->masthead = mh;
    e->nmasthead = 2;
    static const char *notice[] = {"(内部刊物 免费赠阅)"};
    e->notice = notice;
    e->nnotice = 1;

    folio_article *arts = arena_calloc(A, 3, sizeof *arts);
    e->articles = arts;
    e->narticles = 3;

    folio_article *a = &arts[0];
    a->title = "春天的脚步";
    a->byline = "本刊评论员";
    a->kind = FOLIO_KIND_FOREWORD;
    a->id = "a01";
    a->path = "articles/a.md";
    a->blocks = blocks(2, para(0, "第一段:A&B <c> \"引\" 'x' 测试。"),
                       blk(FOLIO_BLOCK_PARAGRAPH, 1,
                           spans(6, sp("普通", 0, NULL), sp("强调文字", FOLIO_SPAN_EMPH, NULL),
                                 sp("加粗", FOLIO_SPAN_STRONG, NULL),
                                 sp("", FOLIO_SPAN_BREAK, NULL), sp("换行后", 0, NULL),
                                 sp("链接", FOLIO_SPAN_LINK, "https://example.org/a?b=1&c=2")),
                           6));
    a->nblocks = 2;

    a = &arts[1];
    a->title = "关于<某事>的调研报告";
    a->subtitle = "——以某市为例";
    static const char *authors[] = {"张三", "李四"};
    a->authors = authors;
    a->nauthors = 2;
    a->byline = "课题组";
    a->source = "来源:本刊";
    a->id = "a02";
    a->path = "articles/b.md";
    a->index = 1;
    a->section = 1;
    folio_block h3 = blk(FOLIO_BLOCK_HEADING, 2, spans(1, sp("(一)小标题", 0, NULL)), 1);
    h3.level = 3;
    folio_block quote = blk(FOLIO_BLOCK_QUOTE, 3, NULL, 0);
    quote.children = blocks(
        1, blk(FOLIO_BLOCK_PARAGRAPH, 4,
               spans(3, sp("引用", 0, NULL), sp("的话", FOLIO_SPAN_EMPH, NULL), sp("。", 0, NULL)),
               3));
    quote.nchildren = 1;
    folio_block list = blk(FOLIO_BLOCK_LIST, 5, NULL, 0);
    list.ordered = 1;
    folio_block it1 = blk(FOLIO_BLOCK_ITEM, 6, NULL, 0), it2 = blk(FOLIO_BLOCK_ITEM, 8, NULL, 0);
    it1.children = blocks(1, para(7, "第一项"));
    it1.nchildren = 1;
    it2.children = blocks(1, para(9, "第二项"));
    it2.nchildren = 1;
    list.children = blocks(2, it1, it2);
    list.nchildren = 2;
    folio_block img = blk(FOLIO_BLOCK_IMAGE, 10, spans(1, sp("图1 示意图", 0, NULL)), 1);
    img.image = test_image(png);
    a->blocks = blocks(8, blk(FOLIO_BLOCK_HEADING, 0, spans(1, sp("一、基本情况", 0, NULL)), 1),
                       para(1, "第二段文字 Latin words 123。"), h3, quote, list, img,
                       blk(FOLIO_BLOCK_THEMATIC, 11, NULL, 0), para(12, "罕见字𠮷与符号①■。"));
    a->nblocks = 8;

    a = &arts[2];
    a->title = "启事";
    a->kind = FOLIO_KIND_NOTICE;
    a->id = "a03";
    a->path = "articles/c.md";
    a->index = 2;
    a->section = 1;
    a->blocks = blocks(1, para(0, "本刊欢迎投稿。"));
    a->nblocks = 1;

    folio_section *secs = arena_calloc(A, 2, sizeof *secs);
    folio_article **s0 = arena_calloc(A, 1, sizeof *s0), **s1 = arena_calloc(A, 2, sizeof *s1);
    s0[0] = &arts[0];
    s1[0] = &arts[1];
    s1[1] = &arts[2];
    secs[0] = (folio_section){"卷首语", s0, 1, 10};
    secs[1] = (folio_section){"调查 & 研究", s1, 2, 12};
    e->sections = secs;
    e->nsections = 2;
    return e;
}

/* ---- the page model ---- */

static folio_line *line(folio_line_role role, int article, int serial) {
    folio_line *l = arena_calloc(A, 1, sizeof *l);
    l->role = role;
    l->article = article;
    l->serial = serial;
    l->text = "";
    return l;
}

static void page(folio_page *p, int index, int folio, int art, int serial, size_t off,
                 folio_line *l) {
    p->index = index;
    p->folio = folio;
    p->label = "";
    p->start_article = art;
    p->start_serial = serial;
    p->start_offset = off;
    p->lines = l;
    p->nlines = l ? 1 : 0;
}

static folio_doc *make_doc(const folio_edition *e) {
    folio_doc *d = arena_calloc(A, 1, sizeof *d);
    d->npages = 14;
    d->pages = arena_calloc(A, d->npages, sizeof *d->pages);
    folio_page *p = d->pages;
    page(&p[0], 0, 0, -1, -1, 0, line(FOLIO_ROLE_COVER, -1, -1)); /* no number: not listed */
    page(&p[1], 1, 0, -1, -1, 0, line(FOLIO_ROLE_MASTHEAD_KEY, -1, -1));
    p[1].label_number = 2; /* shown as "2" but not printed */
    page(&p[2], 2, 3, -1, -1, 0, line(FOLIO_ROLE_TOC_ENTRY, -1, -1));
    page(&p[3], 3, 4, 0, -1, 0, line(FOLIO_ROLE_TITLE, 0, -1));
    page(&p[4], 4, 5, 0, 1, 9,
         line(FOLIO_ROLE_BODY, 0, 1)); /* inside 强调文字, between 强 and 调 */
    /* The layout names the first block of a page that opens with the title:
     * the line says it is the header. */
    page(&p[5], 5, 6, 1, 0, 0, line(FOLIO_ROLE_TITLE, 1, -1));
    page(&p[6], 6, 7, 1, 1, 4, line(FOLIO_ROLE_BODY, 1, 1)); /* byte 4: inside 二 → before it */
    page(&p[7], 7, 8, -1, -1, 0, NULL);                      /* blank: goes with the next page */
    page(&p[8], 8, 9, 1, 5, 0, line(FOLIO_ROLE_LIST, 1, 7)); /* the list: inside its first item */
    page(&p[9], 9, 10, 1, 10, 0, line(FOLIO_ROLE_CAPTION, 1, 10)); /* picture and caption */
    folio_box *box = arena_calloc(A, 1, sizeof *box);
    box->type = FOLIO_BOX_IMAGE;
    box->image = e->articles[1].blocks[5].image;
    p[9].boxes = box;
    p[9].nboxes = 1;
    page(&p[10], 10, 11, 1, 10, 3, line(FOLIO_ROLE_CAPTION, 1, 10)); /* only the caption's rest */
    page(&p[11], 11, 12, 1, -1, 0, line(FOLIO_ROLE_SOURCE, 1, -1));
    page(&p[12], 12, 13, 2, -1, 0, line(FOLIO_ROLE_TITLE, 2, -1));
    page(&p[13], 13, 14, -1, -1, 0, NULL); /* trailing blank: end of the last article */
    static int art_folio[] = {4, 6, 13};
    d->article_folio = art_folio;
    return d;
}

/* ---- expected text ---- */

/* ---- helpers ---- */

static char *zip_entry(const char *epub, const char *name) {
    int err;
    zip_t *z = zip_open(epub, ZIP_RDONLY, &err);
    if (!z) return NULL;
    zip_stat_t st;
    char *data = NULL;
    zip_file_t *f;
    if (zip_stat(z, name, 0, &st) == 0 && (f = zip_fopen(z, name, 0))) {
        data = calloc(1, st.size + 1);
        if (data && zip_fread(f, data, st.size) != (zip_int64_t)st.size) {
            free(data);
            data = NULL;
        }
        zip_fclose(f);
    }
    zip_discard(z);
    return data;
}

static int run(const char *cmd) {
    int r = system(cmd);
    return r == 0 ? 0 : -1;
}

static void check_structure(const char *epub, const char *text_file, int pages, int fonts) {
    char cmd[2048];
    int n = snprintf(cmd, sizeof cmd, "python3 '%s/tests/cli/epub_check.py' '%s' %s", src_dir(),
                     epub, fonts ? "--fonts" : "--no-fonts");
    if (text_file) n += snprintf(cmd + n, sizeof cmd - (size_t)n, " --text '%s'", text_file);
    if (pages >= 0) snprintf(cmd + n, sizeof cmd - (size_t)n, " --pages %d", pages);
    CHECKF(run(cmd) == 0, "epub_check.py failed on %s", epub);
}

static void check_epubcheck(const char *epub) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/bin/epubcheck '%s' 2>&1",
             epub);
    FILE *p = popen(cmd, "r");
    CHECKF(p != NULL, "cannot run epubcheck");
    if (!p) return;
    folio_buf out;
    buf_init(&out);
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&out, chunk, got);
    int status = pclose(p);
    int clean = out.data && strstr(out.data, "No errors or warnings detected") != NULL;
    CHECKF(status == 0 && clean, "epubcheck on %s is not clean:\n%s", epub,
           out.data ? out.data : "(no output)");
    if (clean) printf("epubcheck %s: No errors or warnings detected\n", epub);
    buf_free(&out);
}

static int same_file(const char *a, const char *b) {
    char *x, *y;
    size_t nx, ny;
    if (fs_read_file(a, 0, &x, &nx)) return 0;
    if (fs_read_file(b, 0, &y, &ny)) {
        free(x);
        return 0;
    }
    int same = nx == ny && !memcmp(x, y, nx);
    free(x);
    free(y);
    return same;
}

static int write_epub(const folio_edition *e, const folio_doc *doc, folio_fonts *f, int embed,
                      const char *path) {
    folio_diags d;
    diags_init(&d);
    folio_epub_options o = {embed, "0.0-test"};
    int r = epub_write(e, doc, f, &o, path, &d);
    if (r || d.nwarnings) diags_print(&d, stderr);
    CHECKF(d.nwarnings == 0, "warnings writing %s", path);
    diags_free(&d);
    return r;
}

static int has(const char *hay, const char *needle) {
    return hay && strstr(hay, needle);
}

#define MARK(id) "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"" id "\""

/* ---- the tests ---- */

static void test_hand_built(const char *dir, folio_fonts *fonts) {
    char png[1024], epub[1024], epub2[1024], text[1024];
    snprintf(png, sizeof png, "%s/tests/data/epub/dot.png", src_dir());
    snprintf(epub, sizeof epub, "%s/hand.epub", dir);
    snprintf(epub2, sizeof epub2, "%s/hand2.epub", dir);
    snprintf(text, sizeof text, "%s/hand.txt", dir);
    folio_edition *e = make_edition(png);
    folio_doc *doc = make_doc(e);

    CHECKF(write_epub(e, doc, NULL, 0, epub) == 0, "epub_write failed");
    char *t = edition_text(e);
    CHECKF(t && fs_write_atomic(text, t, strlen(t)) == 0, "cannot write %s", text);
    free(t);
    check_structure(epub, text, 13, 0);

    /* The markers sit where the print pages start. */
    char *a01 = zip_entry(epub, "OEBPS/a01.xhtml"), *a02 = zip_entry(epub, "OEBPS/a02.xhtml"),
         *a03 = zip_entry(epub, "OEBPS/a03.xhtml"), *mh = zip_entry(epub, "OEBPS/masthead.xhtml"),
         *toc = zip_entry(epub, "OEBPS/contents.xhtml"),
         *cov = zip_entry(epub, "OEBPS/cover.xhtml");
    CHECKF(has(a01, "aria-labelledby=\"title\">\n" MARK("page-4")), "page 4 not at a01's top");
    CHECKF(has(a01, "<em>强" MARK("page-5")), "page 5 not between 强 and 调:\n%s",
           a01 ? a01 : "(no a01.xhtml)");
    CHECKF(has(a02, "<p>第" MARK("page-7")), "page 7 not moved back to a character start");
    CHECKF(has(a02, "<li>" MARK("page-8") " aria-label=\"8\"></span>" MARK("page-9")),
           "blank page 8 and list page 9 not at the first item:\n%s", a02 ? a02 : "(no a02.xhtml)");
    CHECKF(has(a02, "aria-labelledby=\"title\">\n" MARK("page-6")), "page 6 not at a02's top");
    CHECKF(has(a02, MARK("page-10") " aria-label=\"10\"></span><figure>"), "page 10 not at figure");
    CHECKF(has(a02, "<figcaption>图" MARK("page-11")), "page 11 not inside the caption");
    CHECKF(has(a02, MARK("page-12") " aria-label=\"12\"></span><p class=\"source\">"),
           "page 12 not before the source line");
    CHECKF(has(a03, MARK("page-13")) &&
               has(a03, MARK("page-14") " aria-label=\"14\"></span></section>"),
           "pages 13/14 not in a03");
    CHECKF(has(mh, MARK("page-2")) && has(toc, MARK("page-3")) && !has(cov, "pagebreak"),
           "front pages mis-marked");
    /* Escaping and markup. */
    CHECKF(has(a01, "A&amp;B &lt;c&gt; &quot;引&quot; &#39;x&#39;"), "text not escaped");
    CHECKF(has(a01, "<a href=\"https://example.org/a?b=1&amp;c=2\">链接</a>"), "link lost");
    CHECKF(has(a01, "<br/>"), "hard break lost");
    CHECKF(has(a02, "<blockquote>\n<p>引用<em>的话</em>。</p>"), "quote with emphasis");
    CHECKF(has(a01, "lang=\"zh-CN\" xml:lang=\"zh-CN\""), "no lang on <html>");
    CHECKF(has(a02, "<h1 id=\"title\">关于&lt;某事&gt;的调研报告</h1>"), "title not escaped");
    CHECKF(has(a02, "<img src=\"images/img01.png\" alt=\"图1 示意图\"/>") &&
               has(a02, "1 示意图</figcaption>"),
           "figure wrong");
    CHECKF(has(a03, "epub:type=\"notice\""), "notice kind lost");
    CHECKF(has(cov, "学习 思考") && has(cov, "2024年5月"), "typographic cover lacks tagline/date");
    CHECKF(has(mh, "<dt>编委</dt><dd class=\"names\"><span>甲乙</span>　<span>丙丁</span></dd>"),
           "masthead");
    CHECKF(has(toc, "<span class=\"page\">6</span><a href=\"a02.xhtml\">"), "contents page no.");
    free(a01), free(a02), free(a03), free(mh), free(toc), free(cov);

    char *opf = zip_entry(epub, "OEBPS/content.opf");
    CHECKF(has(opf, "<dc:identifier id=\"pub-id\">urn:uuid:"), "no derived UUID");
    CHECKF(has(opf, "<meta refines=\"#c01\" property=\"group-position\">2</meta>"), "position");
    CHECKF(has(opf, "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"),
           "modified not from SOURCE_DATE_EPOCH:\n%s", opf ? opf : "(no content.opf)");
    CHECKF(has(opf, "printPageNumbers") && has(opf, "alternativeText"), "a11y features");
    CHECKF(has(opf, "<dc:contributor id=\"contrib01\">张三</dc:contributor>"), "contributors");
    CHECKF(has(opf, "<dc:creator id=\"creator\">某某“编辑部”</dc:creator>"), "creator");
    free(opf);
    check_epubcheck(epub);

    /* Reproducible, whatever the local time zone. */
    const char *tz = getenv("TZ");
    char *old_tz = tz ? strdup(tz) : NULL;
    setenv("TZ", "America/New_York", 1);
    tzset();
    CHECKF(write_epub(e, doc, NULL, 0, epub2) == 0, "second write failed");
    CHECKF(same_file(epub, epub2), "two builds differ");
    if (old_tz)
        setenv("TZ", old_tz, 1);
    else
        unsetenv("TZ");
    free(old_tz);
    tzset();

    /* Without a page model, and with the least an edition may say: no page
     * list, an unnamed section, no publisher, number or masthead. */
    const char *publisher = e->publisher;
    size_t nmasthead = e->nmasthead, nnotice = e->nnotice, ntagline = e->ntagline;
    e->publisher = NULL;
    e->number = 0;
    e->nmasthead = e->nnotice = e->ntagline = 0;
    e->sections[1].name = "";
    CHECKF(write_epub(e, NULL, NULL, 0, epub2) == 0, "write without doc failed");
    check_structure(epub2, text, 0, 0);
    opf = zip_entry(epub2, "OEBPS/content.opf");
    CHECKF(opf && !has(opf, "printPageNumbers") && !has(opf, "group-position") &&
               has(opf, "<dc:creator id=\"creator\">测试&amp;期刊 &lt;Test&gt;</dc:creator>"),
           "minimal metadata wrong:\n%s", opf);
    free(opf);
    char *nav = zip_entry(epub2, "OEBPS/nav.xhtml");
    CHECKF(has(nav, "</ol>\n</li>\n<li><a href=\"a02.xhtml\">"), "unnamed section not flat:\n%s",
           nav);
    free(nav);
    check_epubcheck(epub2);
    e->publisher = publisher;
    e->number = 2;
    e->nmasthead = nmasthead;
    e->nnotice = nnotice;
    e->ntagline = ntagline;
    e->sections[1].name = "调查 & 研究";

    /* A cover image and embedded fonts. */
    e->cover_image = test_image(png);
    e->identifier = "ISSN 1234-5679";
    if (fonts) {
        CHECKF(write_epub(e, doc, fonts, 1, epub2) == 0, "write with fonts failed");
        check_structure(epub2, text, 13, 1);
        char *css = zip_entry(epub2, "OEBPS/style.css");
        CHECKF(has(css, "@font-face") && has(css, "font-family: \"folio-f01\""), "no @font-face");
        free(css);
        opf = zip_entry(epub2, "OEBPS/content.opf");
        CHECKF(has(opf, "properties=\"cover-image\"") && has(opf, ">ISSN 1234-5679<"),
               "cover image / identifier");
        free(opf);
        check_epubcheck(epub2);
    }

    /* A failed write leaves the earlier file as it was, and no temporary. */
    char *before;
    size_t nbefore;
    CHECKF(fs_read_file(epub, 0, &before, &nbefore) == 0, "cannot read %s", epub);
    folio_image *missing = test_image("/nonexistent/folio/missing.png");
    missing->rel = missing->path = "images/missing.png";
    e->articles[1].blocks[5].image = missing;
    folio_diags d;
    diags_init(&d);
    folio_epub_options o = {0, "0.0-test"};
    CHECKF(epub_write(e, doc, NULL, &o, epub, &d) == -1 && d.nerrors > 0,
           "a missing image did not fail the write");
    diags_free(&d);
    char *after;
    size_t nafter;
    CHECKF(fs_read_file(epub, 0, &after, &nafter) == 0 && nafter == nbefore &&
               !memcmp(before, after, nafter),
           "the earlier EPUB changed");
    free(before);
    free(after);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s' | grep '^\\.')\"", dir);
    CHECKF(run(cmd) == 0, "a temporary file was left in %s", dir);
}

int main(void) {
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    char dir[] = "/tmp/test_epub_XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    A = arena_new();
    if (!A) return 1;
    char conf[1024];
    snprintf(conf, sizeof conf, "%s/fonts/roles.yaml", src_dir());
    folio_diags d;
    diags_init(&d);
    folio_fonts *fonts = fonts_open(conf, NULL, 0, &d);
    if (!fonts) diags_print(&d, stderr);
    diags_free(&d);
    CHECKF(fonts != NULL, "cannot open the fonts for --embed-fonts");

    test_hand_built(dir, fonts);

    fonts_close(fonts);
    arena_free(A);
    if (!failures) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        run(cmd);
        printf("test_epub_write: all passed\n");
    } else {
        fprintf(stderr, "test_epub_write: %d failure(s); files kept in %s\n", failures, dir);
    }
    return failures ? 1 : 0;
}
