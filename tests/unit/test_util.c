/* test_util.c — UTF-8, buffers, arenas, diagnostics, path confinement. */
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/dynload.h"
#include "util/fsutil.h"
#include "util/utf8.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    /* 𠮷 is four bytes; an overlong and a lone continuation are invalid. */
    uint32_t cp;
    CHECK(utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp) == 4 && cp == 0x20BB7);
    CHECK(utf8_validate("ab\xC0\xAF", 4) == 2);
    CHECK(utf8_validate("\xE4\xB8\xAD\x80", 4) == 3);
    CHECK(utf8_validate("\xED\xA0\x80", 3) == 0); /* a surrogate */
    char out[4];
    CHECK(utf8_encode(0x20BB7, out) == 4 && !memcmp(out, "\xF0\xA0\xAE\xB7", 4));
    CHECK(utf8_count("中文ab", 8) == 4);
    CHECK(utf8_offset("中文ab", 8, 0) == 0 && utf8_offset("中文ab", 8, 1) == 3);
    CHECK(utf8_offset("中文ab", 8, 3) == 7 && utf8_offset("中文ab", 8, 4) == 8);
    CHECK(utf8_line_of("a\nb\nc", 4) == 3);

    folio_buf b;
    buf_init(&b);
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i);
    buf_put_utf8(&b, 0x4E2D);
    CHECK(!b.oom && b.len == strlen(b.data) && !strcmp(b.data + b.len - 3, "中"));
    buf_free(&b);

    folio_arena *a = arena_new();
    CHECK(a);
    char *s = arena_strdup(a, "编辑部");
    void *big = arena_alloc(a, 1 << 20);
    CHECK(s && big && !strcmp(s, "编辑部"));
    CHECK(arena_calloc(a, (size_t)-1, 16) == NULL);
    arena_free(a);

    folio_diags d;
    diags_init(&d);
    diag_error(&d, "articles/a.md", 3, "front matter has no %s", "title");
    diag_warning(&d, NULL, 0, "just a warning");
    CHECK(d.nerrors == 1 && d.nwarnings == 1 && d.n == 2);
    CHECK(!strcmp(d.items[0].path, "articles/a.md") && d.items[0].line == 3);
    diags_free(&d);

    /* A library opened on first use: its functions typed and callable; a
     * missing library or function says what needs it and what to install. */
#define LIBC_FUNCTIONS(X) X(strlen) X(atoi)
    typedef struct {
        void *lib;
        LIBC_FUNCTIONS(FOLIO_DYN_MEMBER)
    } libc_fns;
    static const char *const names[] = {LIBC_FUNCTIONS(FOLIO_DYN_NAME)};
    libc_fns fns = {0}, *dyn_table = &fns;
    void *const slots[] = {LIBC_FUNCTIONS(FOLIO_DYN_SLOT)};
    diags_init(&d);
    fns.lib = folio_dynopen("libc.so.6", "a test", "libc6", names, slots, 2, &d);
    CHECK(fns.lib && fns.strlen("编辑") == 6 && fns.atoi("42") == 42 && d.n == 0);
    folio_dynclose(fns.lib);
    static const char *const wrong[] = {"strlen", "folio_no_such_function"};
    CHECK(!folio_dynopen("libc.so.6", "a test", "libc6", wrong, slots, 2, &d));
    CHECK(d.nerrors == 1 && strstr(d.items[0].msg, "folio_no_such_function") &&
          strstr(d.items[0].msg, "libc6"));
    CHECK(
        !folio_dynopen("libfolio-none.so.9", "the feature", "libfolio-none9", names, slots, 2, &d));
    CHECK(d.nerrors == 2 && strstr(d.items[1].msg, "the feature needs libfolio-none.so.9") &&
          strstr(d.items[1].msg, "Debian package libfolio-none9"));
    diags_free(&d);

    /* Path confinement inside a scratch root. */
    char root[] = "/tmp/folio-util-XXXXXX";
    CHECK(mkdtemp(root) != NULL);
    char *sub = fs_join(root, "articles");
    CHECK(fs_mkdirs(sub) == 0);
    char *outp = NULL;
    const char *why = NULL;
    CHECK(fs_resolve_inside(root, root, "articles/x.md", &outp, &why) == 0);
    free(outp);
    CHECK(fs_resolve_inside(root, sub, "../images/p.png", &outp, &why) == 0);
    free(outp);
    CHECK(fs_resolve_inside(root, root, "../etc/passwd", &outp, &why) == -1);
    CHECK(fs_resolve_inside(root, root, "/etc/passwd", &outp, &why) == -1);
    CHECK(fs_resolve_inside(root, root, "articles/../../x", &outp, &why) == -1);
    char *link = fs_join(root, "out");
    CHECK(symlink("/etc", link) == 0);
    CHECK(fs_resolve_inside(root, root, "out/passwd", &outp, &why) == -1);

    /* Atomic writes replace only on commit. */
    char *file = fs_join(root, "f.txt");
    CHECK(fs_write_atomic(file, "one", 3) == 0);
    folio_atomic at;
    CHECK(atomic_begin(&at, file, 1) == 0);
    fputs("two", at.f);
    atomic_abort(&at);
    char *data;
    size_t len;
    CHECK(fs_read_file(file, 0, &data, &len) == 0 && len == 3 && !memcmp(data, "one", 3));
    free(data);
    unlink(file);
    unlink(link);
    rmdir(sub);
    rmdir(root);
    free(file);
    free(link);
    free(sub);

    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
