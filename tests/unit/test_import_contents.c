/* test_import_contents.c — an article added to edition.yaml's contents by
 * editing its text: the new line lands under the right section, indented as
 * its neighbours, and every other byte of the file stays as it was. */
#include "check.h"
#include "import/contents_edit.h"

#include <stdio.h>
#include <string.h>

static void expect(int line, const char *yaml, const char *section, const char *path,
                   const char *want) {
    folio_buf out;
    buf_init(&out);
    const char *why = NULL;
    int at = 0;
    int r = contents_add(yaml, strlen(yaml), section, path, &out, &why, &at);
    if (r || !out.data || strcmp(out.data, want)) {
        fprintf(stderr, "%s:%d: got (%d, %s)\n%s\nwant\n%s\n", __FILE__, line, r, why ? why : "",
                out.data ? out.data : "", want);
        failures++;
    }
    buf_free(&out);
}

static void refuse(int line, const char *yaml, const char *section, const char *path,
                   const char *reason, int want_line) {
    folio_buf out;
    buf_init(&out);
    const char *why = NULL;
    int at = 0;
    int r = contents_add(yaml, strlen(yaml), section, path, &out, &why, &at);
    if (!r || !why || !strstr(why, reason) || at != want_line) {
        fprintf(stderr, "%s:%d: got %d (%s, line %d), want the refusal '%s' at line %d\n", __FILE__,
                line, r, why ? why : "", at, reason, want_line);
        failures++;
    }
    buf_free(&out);
}

static const char sample[] = "# 试刊号\n"
                             "journal: 社区生活\n"
                             "contents:\n"
                             "  # 第一栏\n"
                             "  - section: 调查\n"
                             "    articles:\n"
                             "      - articles/a.md   # 定稿\n"
                             "      - articles/b.md\n"
                             "\n"
                             "  - section: 随笔\n"
                             "    articles:\n"
                             "      - articles/c.md\n"
                             "# 完\n"
                             "masthead:\n"
                             "  - 主编: 某某\n";

int main(void) {
    /* under an existing section, after its last article */
    expect(__LINE__, sample, "调查", "articles/new.md",
           "# 试刊号\njournal: 社区生活\ncontents:\n  # 第一栏\n  - section: 调查\n"
           "    articles:\n      - articles/a.md   # 定稿\n      - articles/b.md\n"
           "      - articles/new.md\n\n  - section: 随笔\n    articles:\n      - articles/c.md\n"
           "# 完\nmasthead:\n  - 主编: 某某\n");
    /* a new section after the last one, before the next key */
    expect(__LINE__, sample, "新栏目", "articles/new.md",
           "# 试刊号\njournal: 社区生活\ncontents:\n  # 第一栏\n  - section: 调查\n"
           "    articles:\n      - articles/a.md   # 定稿\n      - articles/b.md\n\n"
           "  - section: 随笔\n    articles:\n      - articles/c.md\n"
           "  - section: 新栏目\n    articles:\n      - articles/new.md\n"
           "# 完\nmasthead:\n  - 主编: 某某\n");
    /* indentless lists, CRLF line ends, no newline at the end */
    expect(__LINE__, "contents:\r\n- section: A\r\n  articles:\r\n  - a.md", "A", "b.md",
           "contents:\r\n- section: A\r\n  articles:\r\n  - a.md\r\n  - b.md\r\n");
    expect(__LINE__, "contents:\r\n- section: A\r\n  articles:\r\n  - a.md\r\n", "B", "b.md",
           "contents:\r\n- section: A\r\n  articles:\r\n  - a.md\r\n- section: B\r\n"
           "  articles:\r\n  - b.md\r\n");
    /* names YAML must quote, matched by value */
    expect(__LINE__, "contents:\n  - section: \"a: b\"\n    articles:\n      - x.md\n", "a: b",
           "articles/y: z.md",
           "contents:\n  - section: \"a: b\"\n    articles:\n      - x.md\n"
           "      - \"articles/y: z.md\"\n");
    expect(__LINE__, "contents:\n  - section: x\n    articles:\n      - x.md\n", "yes", "n.md",
           "contents:\n  - section: x\n    articles:\n      - x.md\n  - section: \"yes\"\n"
           "    articles:\n      - n.md\n");
    /* an empty articles key gets its first entry */
    expect(__LINE__,
           "contents:\n  - section: A\n    articles:\n  - section: B\n    articles:\n"
           "      - b.md\n",
           "A", "a.md",
           "contents:\n  - section: A\n    articles:\n      - a.md\n  - section: B\n"
           "    articles:\n      - b.md\n");
    /* a section set up empty, `articles: []`, takes a block list; its comment stays */
    expect(__LINE__,
           "contents:\n  - section: A\n    articles: []   # 待定\n  - section: B\n"
           "    articles:\n      - b.md\n",
           "A", "a.md",
           "contents:\n  - section: A\n    articles:    # 待定\n      - a.md\n  - section: B\n"
           "    articles:\n      - b.md\n");
    expect(
        __LINE__,
        "\xEF\xBB\xBF# 城西月刊\r\ncontents:\r\n  - section: 人物 # 重点\r\n    articles: []\r\n",
        "人物", "a.md",
        "\xEF\xBB\xBF# 城西月刊\r\ncontents:\r\n  - section: 人物 # 重点\r\n    articles:\r\n      "
        "- a.md\r\n");
    expect(__LINE__, "contents:\r\n- section: A\r\n  articles: [ ]\r\n", "A", "a.md",
           "contents:\r\n- section: A\r\n  articles:\r\n    - a.md\r\n");
    /* what is refused, and where */
    refuse(__LINE__, sample, "随笔", "articles/a.md", "listed in the contents already", 7);
    refuse(__LINE__, "contents: [{section: A, articles: [a.md]}]\n", "A", "b.md",
           "not a block list", 1);
    refuse(__LINE__, "journal: x\n", "A", "b.md", "not a block list", 0);
    refuse(__LINE__, "contents:\n  - section: A\n    articles: [a.md]\n", "A", "b.md",
           "articles are not a block list", 3);
    refuse(__LINE__, "contents:\n  - section: A\n", "A", "b.md", "no 'articles:' list", 2);
    refuse(__LINE__, "contents:\n  - section: [\n", "A", "b.md", "does not parse", 3);
    printf("contents edits: %d failures\n", failures);
    return failures != 0;
}
