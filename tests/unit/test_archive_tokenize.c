/* test_archive_tokenize.c — the search tokenizer (positions, unigrams and bigrams, Latin words),
 * slugs and the percent-encoding of manifest paths. */
#include "archive/archive_private.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tokens rendered as "pos:token" joined by spaces, positions counted as
 * FTS5 does (a colocated token keeps the position of the one before). */
typedef struct collect {
    folio_buf b;
    int pos;
    const char *text;
    int offsets_ok;
} collect;

static int on_token(void *ctx, int colocated, const char *tok, size_t len, size_t start,
                    size_t end) {
    collect *c = ctx;
    if (!colocated) c->pos++;
    if (c->b.len) buf_putc(&c->b, ' ');
    buf_printf(&c->b, "%d:%.*s", c->pos, (int)len, tok);
    /* the byte range must hold the token's characters (ASCII case aside) */
    if (end <= start ||
        (!(tok[0] & 0x80) && !(c->text[start] & 0x80) && strncasecmp(c->text + start, tok, 1)) ||
        ((tok[0] & 0x80) && (c->text[start] & 0x80) == 0))
        c->offsets_ok = 0;
    return 0;
}

static char *toks(const char *text, int query) {
    collect c = {{0}, -1, text, 1};
    buf_init(&c.b);
    archive_tokenize(NULL, text, strlen(text), query, on_token, &c);
    if (!c.offsets_ok) buf_puts(&c.b, " BAD-OFFSETS");
    return buf_detach(&c.b, NULL);
}

static void expect(const char *text, int query, const char *want) {
    char *got = toks(text, query);
    if (strcmp(got, want)) {
        fprintf(stderr, "tokens of '%s' (%s):\n  got  %s\n  want %s\n", text,
                query ? "query" : "document", got, want);
        failures++;
    }
    free(got);
}

int main(void) {
    /* documents: each Han character at its own position, with the bigram it
     * starts at the same position */
    expect("党建引领", 0, "0:党 0:党建 1:建 1:建引 2:引 2:引领 3:领");
    /* queries: bigrams, so that the query matches the same characters in a
     * document; the last character alone only where later tokens must keep
     * their positions (or when it is the only one) */
    expect("党建引领", 1, "0:党建 1:建引 2:引领");
    expect("党建", 1, "0:党建");
    expect("党建 引领", 1, "0:党建 1:建 2:引领");
    expect("党", 1, "0:党");
    expect("党", 0, "0:党");
    /* punctuation separates runs and is dropped; no bigram crosses it */
    expect("“急难”,愁盼", 0, "0:急 0:急难 1:难 2:愁 2:愁盼 3:盼");
    /* Latin and digits: lowercased words */
    expect("Hello, World! 2026年APP清理", 0, "0:hello 1:world 2:2026 3:年 4:app 5:清 5:清理 6:理");
    expect("APP清理", 1, "0:app 1:清理");
    expect("清理APP", 1, "0:清理 1:理 2:app");
    expect("ＡＰＰ２０２６年", 0, "0:app2026 1:年");
    expect("Ünïcode ΣΊΣΥΦΟΣ", 0, "0:ünïcode 1:σίσυφοσ");
    /* characters outside the BMP are Han too */
    expect("𠮷野家", 0, "0:𠮷 0:𠮷野 1:野 1:野家 2:家");
    expect("", 0, "");
    expect("……——", 1, "");

    /* slugs are ASCII; a name with no usable letters becomes a hash */
    char *s = archive_slug("城乡治理与交流");
    CHECK(s && *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s));
    CHECK(s && strlen(s) <= 48);
    fprintf(stderr, "slug: %s\n", s ? s : "(null)");
    free(s);
    s = archive_slug("!!");
    CHECK(s && s[0] == 'x' && strlen(s) == 11);
    free(s);
    s = archive_slug("Party Building Monthly");
    CHECK(s && !strcmp(s, "party-building-monthly"));
    free(s);
    archive_record r = {0};
    r.issue = "2026年第3期";
    r.year = 2026;
    r.number = 3;
    s = archive_issue_slug(&r);
    CHECK(s && !strcmp(s, "2026-03"));
    free(s);

    /* RFC 8493: CR, LF and % in manifest paths are percent-encoded */
    folio_buf b;
    buf_init(&b);
    archive_pct_encode(&b, "data/a%b\nc\rd 文.txt");
    CHECK(b.data && !strcmp(b.data, "data/a%25b%0Ac%0Dd 文.txt"));
    char *dec = archive_pct_decode(b.data, b.len);
    CHECK(dec && !strcmp(dec, "data/a%b\nc\rd 文.txt"));
    free(dec);
    buf_free(&b);
    CHECK(archive_pct_decode("a%zzb", 5) == NULL);
    CHECK(archive_pct_decode("a%2", 3) == NULL);
    CHECK(archive_pct_decode("a%00", 4) == NULL);

    buf_init(&b);
    buf_put_json_str(&b, "引号\"与\\换行\n");
    CHECK(b.data && !strcmp(b.data, "\"引号\\\"与\\\\换行\\n\""));
    buf_free(&b);
    buf_init(&b);
    archive_href(&b, "bags/a b/文.pdf");
    CHECK(b.data && !strcmp(b.data, "bags/a%20b/%E6%96%87.pdf"));
    buf_free(&b);

    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
