/* test_import_writer.c — articles written by the Markdown article writer read
 * back by the edition reader to exactly the model that was written: random
 * block trees of hostile text (markup characters at every place, stars, HTML,
 * references, Chinese punctuation around emphasis), and YAML-hostile front
 * matter. */
#include "check.h"
#include "edition/edition.h"
#include "import/article_writer.h"
#include "testfiles.h"

#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes text to dir/name (no fsync: thousands of small files). */
static void put_fast(const char *dir, const char *name, const char *text) {
    char *p = path2(dir, name);
    FILE *f = fopen(p, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f)) abort();
    free(p);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned rnd(unsigned n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

#define PICK(a) (a)[rnd(sizeof(a) / sizeof((a)[0]))]

/* Pieces of text that CommonMark or YAML would like to read as markup. */
static const char *const hostile[] = {
    "1. ",
    "1) ",
    "12345. ",
    "# ",
    "## ",
    "#",
    "> ",
    "- ",
    "-",
    "+ ",
    "* ",
    "*",
    "**",
    "***",
    "_",
    "__",
    "[",
    "]",
    "[a](b)",
    "[x]: /u",
    "<",
    ">",
    "<b>",
    "<!-- c -->",
    "&amp;",
    "&#42;",
    "&ast;",
    "&",
    "\\",
    "\\*",
    "`",
    "``",
    "~~~",
    "```",
    "=",
    "===",
    "---",
    "    ",
    "\t",
    "|",
    "!",
    "![x](y)",
    "http://example.com/a_b*c",
    "王**、李**",
    "“引号”",
    "‘单’",
    "。",
    ",",
    "、",
    "《书名》",
    "——",
    "……",
    "(注)",
    "【要】",
    "中文",
    "汉字排版",
    "字",
    "Latin",
    "word",
    "2024",
    "3.14",
    "100%",
    "𠮷",
    "①",
    "·",
    " ",
    "  ",
    "\u3000",
    "ａ",
    "é",
    "\u00a0",
    ":",
    ": ",
    " #",
    "{",
    "}",
    "'",
    "\"",
    "$",
    "%",
    "^",
    "~",
    "@",
    "?",
    ",",
    "x*y*z",
    "*强调*",
};

/* Text that neither starts nor ends with a blank. */
static const char *const solid[] = {"中文", "字",   "排版", "Word", "“引”",
                                    "。",   "2024", "①",    "*",    "#"};

static folio_arena *A;

static char *text(int edges_solid) {
    folio_buf b;
    buf_init(&b);
    if (edges_solid) buf_puts(&b, PICK(solid));
    for (unsigned n = 1 + rnd(5); n; n--)
        buf_puts(&b, PICK(hostile));
    if (edges_solid) buf_puts(&b, PICK(solid));
    char *s = arena_strdup(A, b.data);
    buf_free(&b);
    return s;
}

static const char *const urls[] = {"https://example.org/a?b=1&c=2",
                                   "a<b>c",
                                   "x\\y",
                                   "",
                                   "../images/p.png",
                                   "mailto:x@y.cn",
                                   "路径/文件"};

/* Spans of one block; breaks only between texts. */
static void spans(folio_block *b, int breaks, int links) {
    size_t n = 1 + rnd(5);
    folio_span *v = arena_calloc(A, 2 * n, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && breaks && rnd(4) == 0)
            v[k++] = (folio_span){.text = "", .flags = FOLIO_SPAN_BREAK};
        folio_span *s = &v[k++];
        s->text = text(0);
        s->flags = rnd(2) ? 0 : (rnd(2) ? FOLIO_SPAN_EMPH : 0) | (rnd(2) ? FOLIO_SPAN_STRONG : 0);
        if (links && rnd(5) == 0) {
            s->flags |= FOLIO_SPAN_LINK;
            s->url = PICK(urls);
        }
        /* (code spans come from no importer; one with ']:' at the start of a
           paragraph inside a link would read as a link reference definition) */
        if (rnd(12) == 0 && !strchr(s->text, ']')) s->flags |= FOLIO_SPAN_CODE;
    }
    /* neither end blank: solid texts there */
    char *first = arena_alloc(A, strlen(v[0].text) + 16);
    sprintf(first, "%s%s", PICK(solid), v[0].text);
    v[0].text = first;
    char *last = arena_alloc(A, strlen(v[k - 1].text) + 16);
    sprintf(last, "%s%s", v[k - 1].text, PICK(solid));
    v[k - 1].text = last;
    /* equal neighbours merged, as the reader gives them */
    size_t w = 0;
    for (size_t i = 0; i < k; i++) {
        folio_span *p = w ? &v[w - 1] : NULL;
        if (p && !((p->flags | v[i].flags) & FOLIO_SPAN_BREAK) && p->flags == v[i].flags &&
            (p->url == v[i].url || (p->url && v[i].url && !strcmp(p->url, v[i].url)))) {
            char *m = arena_alloc(A, strlen(p->text) + strlen(v[i].text) + 1);
            sprintf(m, "%s%s", p->text, v[i].text);
            p->text = m;
        } else {
            v[w++] = v[i];
        }
    }
    for (size_t i = 0; i < w; i++)
        v[i].len = strlen(v[i].text);
    b->spans = v;
    b->nspans = w;
}

static folio_image img = {.path = "../images/a b(1)&[x].png"};

static void gen_blocks(folio_block **out, size_t *n, int depth);

static void gen_item_tight(folio_block *item, int depth) {
    unsigned shape = depth < 3 ? rnd(3) : 0;
    item->type = FOLIO_BLOCK_ITEM;
    item->children = arena_calloc(A, 2, sizeof *item->children);
    item->nchildren = shape == 0 ? 1 : 2;
    folio_block *c = item->children;
    if (shape == 2) {
        c[0].type = FOLIO_BLOCK_HEADING;
        c[0].level = 3;
        spans(&c[0], 0, 1);
        c[1].type = FOLIO_BLOCK_PARAGRAPH;
        spans(&c[1], 1, 1);
        return;
    }
    c[0].type = FOLIO_BLOCK_PARAGRAPH;
    spans(&c[0], 1, 1);
    if (shape == 1) {
        folio_block *l = &c[1];
        l->type = FOLIO_BLOCK_LIST;
        l->ordered = (int)rnd(2);
        l->start = l->ordered ? 1 : 0;
        l->tight = 1;
        l->nchildren = 1 + rnd(3);
        l->children = arena_calloc(A, l->nchildren, sizeof *l->children);
        for (size_t i = 0; i < l->nchildren; i++)
            gen_item_tight(&l->children[i], depth + 1);
    }
}

static void gen_block(folio_block *b, int depth) {
    unsigned t = depth >= 3 ? rnd(4) : rnd(8);
    switch (t) {
    case 0:
    case 1:
        b->type = FOLIO_BLOCK_PARAGRAPH;
        spans(b, 1, 1);
        break;
    case 2:
        b->type = FOLIO_BLOCK_HEADING;
        b->level = 2 + (int)rnd(2);
        spans(b, b->level == 2, 1);
        break;
    case 3:
        b->type = FOLIO_BLOCK_IMAGE;
        b->image = &img;
        if (rnd(3)) spans(b, 0, 0);
        break;
    case 4:
        b->type = FOLIO_BLOCK_THEMATIC;
        break;
    case 5:
        b->type = FOLIO_BLOCK_QUOTE;
        gen_blocks(&b->children, &b->nchildren, depth + 1);
        break;
    default:
        b->type = FOLIO_BLOCK_LIST;
        b->ordered = (int)rnd(2);
        b->start = b->ordered ? (int)PICK(((unsigned[]){0, 1, 2, 9, 10, 99, 123456789})) : 0;
        b->tight = (int)rnd(2);
        b->nchildren = b->tight ? 1 + rnd(3) : 2 + rnd(3);
        b->children = arena_calloc(A, b->nchildren, sizeof *b->children);
        for (size_t i = 0; i < b->nchildren; i++) {
            folio_block *item = &b->children[i];
            if (b->tight) {
                gen_item_tight(item, depth + 1);
            } else {
                item->type = FOLIO_BLOCK_ITEM;
                if (rnd(6)) gen_blocks(&item->children, &item->nchildren, depth + 1);
            }
        }
        break;
    }
}

static void gen_blocks(folio_block **out, size_t *n, int depth) {
    *n = 1 + rnd(depth ? 3 : 8);
    *out = arena_calloc(A, *n, sizeof **out);
    for (size_t i = 0; i < *n; i++)
        gen_block(&(*out)[i], depth);
}

static const char *const yaml_hostile[] = {
    "- a",
    "yes",
    "No",
    "123",
    "a: b",
    "#x",
    "'q'",
    "\"dq\"",
    "中文:冒号",
    "k: v # c",
    " 前后空格 ",
    "[list]",
    "{map}",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "%",
    "@",
    "`",
    "null",
    "~",
    "2024-01",
    "1e3",
    "0x1F",
    "a\\b",
    "关于强化教育培训的思考",
    "——以某市为例",
    "来源:本刊",
    "Wang Wei",
    "张三",
    "?",
    "-",
};

static void gen_article(folio_article *a) {
    memset(a, 0, sizeof *a);
    a->title = PICK(yaml_hostile);
    a->subtitle = rnd(2) ? PICK(yaml_hostile) : NULL;
    a->nauthors = rnd(4);
    a->authors = arena_calloc(A, a->nauthors + 1, sizeof *a->authors);
    for (size_t i = 0; i < a->nauthors; i++)
        a->authors[i] = PICK(yaml_hostile);
    a->byline = rnd(3) ? NULL : PICK(yaml_hostile);
    a->source = rnd(3) ? NULL : PICK(yaml_hostile);
    a->kind = (folio_article_kind)rnd(4);
    gen_blocks(&a->blocks, &a->nblocks, 0);
}

static int same_str(const char *a, const char *b) {
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int reported;

static void differ(const char *file, const char *what, int serial) {
    if (reported++ < 12) fprintf(stderr, "%s: %s differs (block %d)\n", file, what, serial);
    failures++;
}

static int same_spans(const folio_block *w, const folio_block *r) {
    if (w->nspans != r->nspans) return 0;
    for (size_t i = 0; i < w->nspans; i++) {
        const folio_span *x = &w->spans[i], *y = &r->spans[i];
        if (x->flags != y->flags || x->len != y->len || memcmp(x->text, y->text, x->len)) return 0;
        if ((x->flags & FOLIO_SPAN_LINK) && !same_str(x->url ? x->url : "", y->url)) return 0;
    }
    return 1;
}

static void compare_blocks(const char *file, const folio_block *w, size_t nw, const folio_block *r,
                           size_t nr) {
    if (nw != nr) {
        differ(file, "number of blocks", nr ? r[0].serial : -1);
        return;
    }
    for (size_t i = 0; i < nw; i++) {
        const folio_block *x = &w[i], *y = &r[i];
        if (x->type != y->type) {
            differ(file, "block type", y->serial);
            return;
        }
        if (x->type == FOLIO_BLOCK_HEADING && x->level != y->level)
            differ(file, "heading level", y->serial);
        if (x->type == FOLIO_BLOCK_LIST && (x->ordered != y->ordered || x->tight != y->tight ||
                                            (x->ordered && x->start != y->start))) {
            char what[96];
            snprintf(what, sizeof what, "list (ordered %d/%d, start %d/%d, tight %d/%d)",
                     x->ordered, y->ordered, x->start, y->start, x->tight, y->tight);
            differ(file, what, y->serial);
        }
        if (!same_spans(x, y)) differ(file, "text", y->serial);
        if (x->type == FOLIO_BLOCK_IMAGE && (!y->image || strcmp(y->image->path, x->image->path)))
            differ(file, "image path", y->serial);
        compare_blocks(file, x->children, x->nchildren, y->children, y->nchildren);
    }
}

static void compare(const folio_article *w, const folio_article *r) {
    const char *f = r->path;
    if (!same_str(w->title, r->title)) differ(f, "title", -1);
    if (!same_str(w->subtitle, r->subtitle)) differ(f, "subtitle", -1);
    if (!same_str(w->byline, r->byline)) differ(f, "byline", -1);
    if (!same_str(w->source, r->source)) differ(f, "source", -1);
    if (w->kind != r->kind) differ(f, "kind", -1);
    if (w->nauthors != r->nauthors) differ(f, "authors", -1);
    for (size_t i = 0; i < w->nauthors && i < r->nauthors; i++)
        if (!same_str(w->authors[i], r->authors[i])) differ(f, "author", -1);
    compare_blocks(f, w->blocks, w->nblocks, r->blocks, r->nblocks);
}

static void write_png(const char *path) {
    FILE *f = fopen(path, "wb");
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(p);
    if (!f || !info || setjmp(png_jmpbuf(p))) abort();
    png_init_io(p, f);
    png_set_IHDR(p, info, 4, 4, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(p, info);
    unsigned char row[4] = {0};
    for (int y = 0; y < 4; y++)
        png_write_row(p, row);
    png_write_end(p, info);
    png_destroy_write_struct(&p, &info);
    fclose(f);
}

#define PER_EDITION 40

/* Writes PER_EDITION random articles into dir, reads the edition and
 * compares each article with what was written. */
static void round_trip(const char *dir) {
    folio_article arts[PER_EDITION];
    folio_buf y;
    buf_init(&y);
    buf_puts(&y, "journal: 测试\nissue: 第1期\ndate: 2024-01\ncontents:\n  - section: 栏目\n"
                 "    articles:\n");
    for (int i = 0; i < PER_EDITION; i++) {
        gen_article(&arts[i]);
        folio_buf md;
        buf_init(&md);
        CHECK(article_write_md(&arts[i], &md) == 0);
        char name[64];
        snprintf(name, sizeof name, "articles/a%02d.md", i);
        put_fast(dir, name, md.data);
        buf_free(&md);
        buf_printf(&y, "      - %s\n", name);
    }
    put_fast(dir, "edition.yaml", y.data);
    buf_free(&y);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(dir, 0, &d);
    CHECKF(e && d.nwarnings == 0, "%zu errors, %zu warnings reading the written edition", d.nerrors,
           d.nwarnings);
    if (d.n) diags_print(&d, stderr);
    for (int i = 0; e && i < PER_EDITION; i++)
        compare(&arts[i], &e->articles[i]);
    edition_free(e);
    diags_free(&d);
}

/* A few cases written out, to see what the writer makes of them. */
static void fixed_cases(const char *dir) {
    folio_span masked[] = {{.text = "王**、李**同志与*注", .len = 0}};
    masked[0].len = strlen(masked[0].text);
    folio_span bold[] = {{.text = "他说", .len = 6},
                         {.text = "“重要”", .len = 12, .flags = FOLIO_SPAN_STRONG},
                         {.text = "。", .len = 3}};
    folio_block blocks[] = {{.type = FOLIO_BLOCK_PARAGRAPH, .spans = masked, .nspans = 1},
                            {.type = FOLIO_BLOCK_PARAGRAPH, .spans = bold, .nspans = 3}};
    const char *authors[] = {"张三", "李四"};
    folio_article a = {
        .title = "标题: 副", .authors = authors, .nauthors = 2, .blocks = blocks, .nblocks = 2};
    folio_buf md;
    buf_init(&md);
    CHECK(article_write_md(&a, &md) == 0);
    CHECKF(md.data && strstr(md.data, "title: \"标题: 副\"\n"), "%s", md.data);
    CHECKF(md.data && strstr(md.data, "author:\n  - 张三\n  - 李四\n"), "%s", md.data);
    CHECKF(md.data && strstr(md.data, "王\\*\\*、李\\*\\*同志与\\*注\n"), "%s", md.data);
    put(dir, "articles/fixed.md", md.data);
    buf_free(&md);
    put(dir, "edition.yaml",
        "journal: 测试\nissue: 第1期\ndate: 2024-01\ncontents:\n  - section: \"\"\n"
        "    articles:\n      - articles/fixed.md\n");
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(dir, 0, &d);
    CHECK(e != NULL);
    if (e) compare(&a, &e->articles[0]);
    edition_free(e);
    diags_free(&d);
}

int main(void) {
    char tmpl[] = "/tmp/folio-writer-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir) return 1;
    char *images = path2(dir, "images");
    fs_mkdirs(images);
    char *articles = path2(dir, "articles");
    fs_mkdirs(articles);
    free(articles);
    char *png = path2(images, "a b(1)&[x].png");
    write_png(png);
    A = arena_new();
    fixed_cases(dir);
    int rounds = getenv("ROUNDS") ? atoi(getenv("ROUNDS")) : 25;
    for (int r = 0; r < rounds && !failures; r++)
        round_trip(dir);
    arena_free(A);
    if (!failures) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd)) fprintf(stderr, "could not remove %s\n", dir);
    } else {
        fprintf(stderr, "articles kept in %s\n", dir);
    }
    free(png);
    free(images);
    printf("%d articles written and read back, %d differences\n", rounds * PER_EDITION + 1,
           failures);
    return failures != 0;
}
