/* test_archive_bag.c — writing a BagIt bag from fabricated files and verifying it: intact,
 * a changed byte, a missing file, an unlisted file, awkward file names. */
#include "archive/archive_private.h"
#include "util/fsutil.h"
#include "check.h"
#include "testfiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *slurp(const char *dir, const char *name) {
    char *p = path2(dir, name), *data = NULL;
    fs_read_file(p, 0, &data, NULL);
    free(p);
    return data;
}

/* Whether some diagnostic names a path ending in tail and says what. */
static int reported(const folio_diags *d, const char *tail, const char *what) {
    for (size_t i = 0; i < d->n; i++) {
        const char *p = d->items[i].path;
        size_t pl = p ? strlen(p) : 0, tl = strlen(tail);
        if (p && pl >= tl && !strcmp(p + pl - tl, tail) && strstr(d->items[i].msg, what)) return 1;
    }
    return 0;
}

static size_t verify(const char *bag, folio_diags *d) {
    diags_free(d);
    size_t nfiles = 0;
    size_t n = archive_verify_bag(bag, bag, &nfiles, d);
    if (n) diags_print(d, stderr);
    return n;
}

int main(void) {
    char tmpl[] = "/tmp/folio-bag-XXXXXX";
    char *root = mkdtemp(tmpl);
    CHECK(root);
    if (!root) return 1;
    char *src = path2(root, "src"), *bag = path2(root, "bag");
    put(src, "edition.yaml", "journal: 测试刊\nissue: 第1期\n");
    put(src, "articles/01.md", "---\ntitle: 一\n---\n\n党建引领基层治理。\n");
    put(src, "odd%name\nwith newline.txt", "百分号与换行\n");
    put(src, "x.pdf", "%PDF-1.4 fake\n");
    mkdir(bag, 0755);

    archive_article arts[1] = {{"一", "作者", "要闻", "article", 3, 4, "党建引领基层治理。", 2}};
    archive_record rec = {"测试刊", "第1期", "2026-01", 2026, 1, 8, "出版社",
                          "",       "x.pdf", "",        arts, 1, 0};
    archive_file files[4];
    const char *rels[4] = {"edition.yaml", "articles/01.md", "odd%name\nwith newline.txt", "x.pdf"};
    for (int i = 0; i < 4; i++)
        files[i] = (archive_file){path2(src, rels[i]), rels[i]};
    archive_add_opts o = {0};
    o.software = "folio test";
    folio_diags d;
    diags_init(&d);
    CHECK(archive_write_bag(bag, &rec, files, 4, &o, "2026-01-02", NULL, &d) == 0);
    diags_print(&d, stderr);

    /* the bag's declarations */
    char *t = slurp(bag, "bagit.txt");
    CHECK(t && !strcmp(t, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
    free(t);
    t = slurp(bag, "bag-info.txt");
    CHECK(t && strstr(t, "Bagging-Date: 2026-01-02\n"));
    CHECK(t && strstr(t, "Bag-Group-Identifier: 测试刊\n"));
    CHECK(t && strstr(t, "External-Identifier: 测试刊 第1期\n"));
    CHECK(t && strstr(t, "Source-Organization: 出版社\n"));
    CHECK(t && strstr(t, "Folio-Pages: 8\n"));
    size_t bytes = strlen("journal: 测试刊\nissue: 第1期\n") +
                   strlen("---\ntitle: 一\n---\n\n党建引领基层治理。\n") +
                   strlen("百分号与换行\n") + strlen("%PDF-1.4 fake\n");
    char oxum[64];
    snprintf(oxum, sizeof oxum, "Payload-Oxum: %zu.4\n", bytes);
    CHECK(t && strstr(t, oxum));
    free(t);
    t = slurp(bag, "manifest-sha256.txt");
    CHECK(t && strstr(t, "  data/odd%25name%0Awith newline.txt\n"));
    CHECK(t && strstr(t, "  data/articles/01.md\n"));
    free(t);
    t = slurp(bag, "tagmanifest-sha256.txt");
    CHECK(t && strstr(t, "  bag-info.txt\n") && strstr(t, "  folio-catalogue.json\n") &&
          strstr(t, "  manifest-sha512.txt\n") && strstr(t, "  folio-cover.png\n"));
    free(t);

    CHECK(verify(bag, &d) == 0);

    /* one changed byte */
    char *f = path2(bag, "data/articles/01.md");
    FILE *fp = fopen(f, "r+b");
    CHECK(fp);
    if (fp) {
        fseek(fp, 5, SEEK_SET);
        fputc('X', fp);
        fclose(fp);
    }
    CHECK(verify(bag, &d) > 0);
    CHECK(reported(&d, "data/articles/01.md", "checksum mismatch (sha256)"));
    CHECK(reported(&d, "data/articles/01.md", "checksum mismatch (sha512)"));
    put(bag, "data/articles/01.md", "---\ntitle: 一\n---\n\n党建引领基层治理。\n");
    CHECK(verify(bag, &d) == 0);

    /* a missing file (the awkward name) */
    char *odd = path2(bag, "data/odd%name\nwith newline.txt");
    CHECK(unlink(odd) == 0);
    CHECK(verify(bag, &d) > 0);
    /* named as the manifest writes it, not with a raw line break */
    CHECK(reported(&d, "data/odd%25name%0Awith newline.txt", "missing"));
    CHECK(reported(&d, "bag-info.txt", "Payload-Oxum"));
    put(bag, "data/odd%name\nwith newline.txt", "百分号与换行\n");
    CHECK(verify(bag, &d) == 0);

    /* a file nobody listed, in the payload and among the tag files */
    put(bag, "data/articles/extra.md", "多出来的\n");
    put(bag, "notes.txt", "tag\n");
    CHECK(verify(bag, &d) > 0);
    CHECK(reported(&d, "data/articles/extra.md", "not listed in manifest-sha256.txt"));
    CHECK(reported(&d, "notes.txt", "not listed in tagmanifest-sha256.txt"));
    char *extra = path2(bag, "data/articles/extra.md"), *notes = path2(bag, "notes.txt");
    unlink(extra);
    unlink(notes);
    CHECK(verify(bag, &d) == 0);

    /* a changed tag file is caught by the tag manifest */
    put(bag, "bag-info.txt", "Bagging-Date: 1999-01-01\n");
    CHECK(verify(bag, &d) > 0);
    CHECK(reported(&d, "bag-info.txt", "checksum mismatch"));

    /* a payload path that climbs out is refused when writing */
    char *bag2 = path2(root, "bag2");
    mkdir(bag2, 0755);
    archive_file bad = {files[0].src, "../escape.yaml"};
    diags_free(&d);
    CHECK(archive_write_bag(bag2, &rec, &bad, 1, &o, "2026-01-02", NULL, &d) == -1);
    CHECK(d.nerrors == 1);

    diags_free(&d);
    CHECK(archive_rmtree(root) == 0);
    for (int i = 0; i < 4; i++)
        free((char *)files[i].src);
    free(src), free(bag), free(bag2), free(f), free(odd), free(extra), free(notes);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
