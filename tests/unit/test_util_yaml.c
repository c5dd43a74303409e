/* test_util_yaml.c — the one YAML reader: tree and lines, getters, and the
 * guards every file gets (aliases, documents, depth, size). */
#include "util/yaml.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* Parses text; *ok as yt_parse sets it; the error (if any) must contain want
 * at line. */
static const yt_node *parse(folio_arena *a, const char *text, size_t len, int *ok, const char *want,
                            int line) {
    folio_diags d;
    diags_init(&d);
    const yt_node *root = yt_parse(a, text, len, 0, "t.yaml", &d, ok);
    if (want)
        CHECKF(!*ok && d.nerrors == 1 && strstr(d.items[0].msg, want) && d.items[0].line == line,
               "expected '%s' at line %d, got '%s' at %d", want, line, d.n ? d.items[0].msg : "",
               d.n ? d.items[0].line : -1);
    else
        CHECKF(*ok && d.n == 0, "unexpected: %s", d.n ? d.items[0].msg : "");
    diags_free(&d);
    return root;
}

static void test_tree(folio_arena *a) {
    const char *y = "title: 春\nnumber: 3\nauthors:\n  - 甲\n  - 乙\nempty:\nq: \"5\"\n";
    int ok = 0;
    const yt_node *r = parse(a, y, strlen(y), &ok, NULL, 0);
    CHECK(r && r->type == YT_MAP && r->n == 10);
    CHECK(yt_key_line(r, "authors") == 3 && yt_key_line(r, "absent") == r->line);
    const yt_node *t = yt_get(r, "title");
    CHECK(t && t->type == YT_SCALAR && !strcmp(t->str, "春") && t->line == 1 && t->plain);
    CHECK(yt_is_null(yt_get(r, "empty")) && yt_is_null(yt_get(r, "absent")));

    folio_diags d;
    diags_init(&d);
    const char **v = NULL;
    size_t n = 0;
    CHECK(yv_strings(a, &d, "t.yaml", yt_get(r, "authors"), "authors", 0, &v, &n) == 0 && n == 2 &&
          !strcmp(v[1], "乙"));
    int num = 0;
    CHECK(yv_int(&d, "t.yaml", yt_get(r, "number"), "number", 1, 99, &num) == 0 && num == 3);
    CHECK(d.n == 0);
    /* a quoted number is a text; a list is no text */
    CHECK(yv_int(&d, "t.yaml", yt_get(r, "q"), "q", 1, 99, &num) == -1);
    const char *s = NULL;
    CHECK(yv_string(a, &d, "t.yaml", yt_get(r, "authors"), "authors", &s) == -1 && !s);
    CHECK(d.nerrors == 2 && d.items[1].line == 4 && strstr(d.items[1].msg, "not a list"));
    diags_free(&d);

    /* an empty document is no error and has no root */
    CHECK(parse(a, "", 0, &ok, NULL, 0) == NULL && ok);
}

static void test_guards(folio_arena *a) {
    int ok = 1;
    const char *alias = "a: &x [1, 2]\nb: *x\n";
    CHECK(parse(a, alias, strlen(alias), &ok, "aliases (*x) are not supported", 2) == NULL);
    const char *two = "a: 1\n---\nb: 2\n";
    parse(a, two, strlen(two), &ok, "more than one YAML document", 2);
    const char *bad = "a: [1, 2\nb: 3\n";
    parse(a, bad, strlen(bad), &ok, "YAML syntax error", 2);

    /* 65 lists inside each other */
    char deep[200];
    memset(deep, '[', 65);
    memset(deep + 65, ']', 65);
    deep[130] = 0;
    parse(a, deep, 130, &ok, "nested too deeply", 1);

    /* past the size limit the text is not even parsed */
    size_t big = YT_MAX_BYTES + 1;
    char *huge = malloc(big);
    CHECK(huge != NULL);
    if (huge) {
        memset(huge, '#', big);
        parse(a, huge, big, &ok, "too large", 0);
        free(huge);
    }
}

int main(void) {
    folio_arena *a = arena_new();
    CHECK(a != NULL);
    if (!a) return 1;
    test_tree(a);
    test_guards(a);
    arena_free(a);
    if (failures) fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
