/* test_archive_fold.c — search folding (Traditional → Simplified, compatibility forms, full-width
 * letters), query terms and phrases, and matches marked as FTS5 would find them. */
#include "archive/archive_private.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int on_token(void *ctx, int colocated, const char *tok, size_t len, size_t start,
                    size_t end) {
    (void)start, (void)end;
    folio_buf *b = ctx;
    if (b->len) buf_putc(b, ' ');
    if (colocated) buf_putc(b, '+');
    buf_append(b, tok, len);
    return 0;
}

static void expect_toks(archive_fold *f, const char *text, int query, const char *want) {
    folio_buf b;
    buf_init(&b);
    CHECK(archive_tokenize(f, text, strlen(text), query, on_token, &b) == 0);
    const char *got = b.data ? b.data : "";
    CHECKF(!strcmp(got, want), "tokens of '%s': got '%s', want '%s'", text, got, want);
    buf_free(&b);
}

static void expect_mark(archive_fold *f, const char *q, const char *text, size_t window,
                        const char *want) {
    archive_terms t;
    CHECK(archive_terms_parse(f, q, &t) == 0);
    char *got = archive_terms_mark(f, &t, text, window, "[", "]");
    CHECKF(got && !strcmp(got, want), "'%s' in '%s': got '%s', want '%s'", q, text,
           got ? got : "(null)", want);
    free(got);
    archive_terms_free(&t);
}

static void expect_terms(archive_fold *f, const char *q, const char *want_fts) {
    archive_terms t;
    CHECK(archive_terms_parse(f, q, &t) == 0);
    char *fts = archive_terms_fts(&t);
    CHECKF(fts && !strcmp(fts, want_fts), "terms of '%s': got '%s', want '%s'", q,
           fts ? fts : "(null)", want_fts);
    free(fts);
    archive_terms_free(&t);
}

int main(void) {
    const char *why = NULL;
    archive_fold *f = archive_fold_new(&why);
    CHECKF(f != NULL, "no fold: %s", why ? why : "?");
    if (!f) return 1;

    /* Traditional folds to Simplified, character by character, in documents
     * and queries alike */
    expect_toks(f, "黨建", 0, "党 +党建 建");
    expect_toks(f, "黨建", 1, "党建");
    expect_toks(f, "党建", 1, "党建");
    expect_toks(f, "臺灣會議", 0, "台 +台湾 湾 +湾会 会 +会议 议");
    /* a character folds alone, whatever follows it: 著 in 著作 as 著 alone */
    uint32_t a, b;
    CHECK(archive_fold_char(f, 0x8457, &a) == 0); /* 著 */
    folio_buf t1, t2;
    buf_init(&t1), buf_init(&t2);
    archive_tokenize(f, "著", 3, 1, on_token, &t1);
    archive_tokenize(f, "著作權", 9, 0, on_token, &t2);
    CHECK(t1.data && t2.data && !strncmp(t1.data, t2.data, t1.len));
    buf_free(&t1), buf_free(&t2);
    /* compatibility ideographs and Kangxi radicals (PDF text) fold to the
     * unified character */
    CHECK(archive_fold_char(f, 0x2F08, &a) == 0 && a == 0x4EBA); /* ⼈ → 人 */
    CHECK(archive_fold_char(f, 0xF900, &a) == 0 && archive_fold_char(f, 0x8C48, &b) == 0 &&
          a == b); /* 豈 (compatibility) = 豈 */
    expect_toks(f, "⼈民", 0, "人 +人民 民");
    /* Simplified stays; ASCII and kana are not touched */
    CHECK(archive_fold_char(f, 0x515A, &a) == 0 && a == 0x515A); /* 党 */
    CHECK(archive_fold_char(f, 'A', &a) == 0 && a == 'A');
    /* full-width letters and digits are the ASCII ones, lowercased */
    expect_toks(f, "ＡＰＰ２０２６", 0, "app2026");
    expect_toks(f, "App 2026", 1, "app 2026");

    /* terms: spaces (ASCII or ideographic) AND; quotes make one phrase */
    expect_terms(f, "党建 引领", "\"党建\" AND \"引领\"");
    expect_terms(f, "党建\xE3\x80\x80引领", "\"党建\" AND \"引领\"");
    expect_terms(f, "\"digital publishing\" 期刊", "\"digital publishing\" AND \"期刊\"");
    expect_terms(f, "“党建 引领”", "\"党建 引领\"");
    expect_terms(f, "「基層治理」 工作", "\"基層治理\" AND \"工作\"");
    expect_terms(f, "\"unclosed phrase", "\"unclosed phrase\"");
    expect_terms(f, "say \"a\"\"b\"", "\"say\" AND \"a\" AND \"b\"");
    expect_terms(f, "，。 ！", "");
    expect_terms(f, "x\"y", "\"x\" AND \"y\"");

    /* marks: where FTS5 matches, in the text as written */
    expect_mark(f, "黨建", "全市坚持党建引领,党建工作", 0, "全市坚持[党建]引领,[党建]工作");
    expect_mark(f, "党建", "推進黨建工作", 0, "推進[黨建]工作");
    expect_mark(f, "建设组织", "组织建设", 0, "组织建设");
    expect_mark(f, "app", "数据管理APP上线", 0, "数据管理[APP]上线");
    expect_mark(f, "管理APP", "数据管理APP上线", 0, "数据[管理APP]上线");
    expect_mark(f, "党建引领", "党建,引领", 0, "党建,引领"); /* no bigram over a comma */
    expect_mark(f, "\"党建 引领\"", "党建,引领", 0, "[党建,引领]");
    expect_mark(f, "党建 引领", "党建,引领", 0, "[党建],[引领]");
    expect_mark(f, "党建 建引", "党建引领", 0, "[党建引]领"); /* overlapping matches: one mark */
    expect_mark(f, "ＡＢ", "ab line\nnext\tx", 0, "[ab] line\nnext x"); /* whole text: lines kept */
    expect_mark(f, "ＡＢ", "ab line\nnext", 20, "[ab] line next");      /* extract: one line */
    /* an extract around the first match, cut with … */
    expect_mark(f, "目标", "一二三四五六七八九十一二三四五六七八九十目标一二三四五六七八九十", 8,
                "…九十[目标]一二三四…");
    expect_mark(f, "目标", "第一行\n目标在第二行", 8, "…[目标]在第二行");
    expect_mark(f, "没有", "一二三四五六七八九十", 4, "一二三四…");

    archive_fold_free(f);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
