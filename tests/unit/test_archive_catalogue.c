/* test_archive_catalogue.c — archive_add, search, list, duplicates, --replace, reindex,
 * verify and index.html on fabricated editions (no build needed). */
#include "archive/archive_private.h"
#include "util/fsutil.h"
#include "check.h"
#include "testfiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The search's hits as "title@page" lines, for comparisons. */
static char *search(const char *archive, const char *q) {
    archive_hits h;
    folio_diags d;
    diags_init(&d);
    folio_buf b;
    buf_init(&b);
    if (archive_search(archive, q, 0, &h, &d)) {
        diags_print(&d, stderr);
        buf_puts(&b, "ERROR");
    } else {
        for (size_t i = 0; i < h.n; i++)
            buf_printf(&b, "%s|%s@%d|%s\n", h.items[i].issue, h.items[i].title, h.items[i].page,
                       h.items[i].snippet);
        archive_hits_free(&h);
    }
    diags_free(&d);
    return buf_detach(&b, NULL);
}

static int first_is(const char *hits, const char *title) {
    const char *bar = strchr(hits, '|');
    return bar && !strncmp(bar + 1, title, strlen(title)) && bar[1 + strlen(title)] == '@';
}

static size_t lines(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Whether id names the current edition kept in bag, whose first title is title. */
static int edition_is(const char *archive, const char *id, const char *bag, const char *title) {
    folio_diags d;
    diags_init(&d);
    archive_reader *r = archive_reader_open(archive, &d);
    archive_edition e;
    int ok = r && archive_read_edition(r, id, 0, &e, &d) == 0;
    if (ok) {
        ok = !strcmp(e.id, id) && !strcmp(e.bag, bag) && e.rec.narticles &&
             !strcmp(e.rec.articles[0].title, title);
        archive_edition_free(&e);
    }
    archive_reader_close(r);
    diags_print(&d, stderr);
    diags_free(&d);
    return ok;
}

static archive_article arts1[] = {
    {"党建引领基层治理", "王明", "要闻", "article", 3, 5,
     "全市坚持党建引领,推动基层治理重心下移。党建工作与治理工作同部署。", 4},
    {"乡村振兴调研报告", "李华、赵强", "调查研究", "article", 6, 9,
     "调研发现,村集体经济发展路子窄。组织建设仍需加强,党员队伍老化。", 0},
    {"简讯", "", "简讯", "brief", 10, 10, "志愿服务队开展活动。APP清理工作完成。数据管理APP上线。",
     0},
};
static archive_article arts2[] = {
    {"组织建设年活动综述", "陈一", "理论", "article", 2, 4,
     "组织建设是根本。今年开展组织建设年活动,组织建设质量提升。", 0},
    {"网格员手记", "周二", "基层", "article", 5, 6, "网格员每天走访群众,了解诉求。党的政策送到家。",
     0},
};

int main(void) {
    char tmpl[] = "/tmp/folio-cat-XXXXXX";
    char *root = mkdtemp(tmpl);
    if (!root) return 1;
    char *src = path2(root, "src"), *archive = path2(root, "archive");
    put(src, "e1/edition.yaml", "journal: 测试月刊\n");
    put(src, "e1/t.pdf", "%PDF fake one\n");
    put(src, "e1/t.epub", "PK fake one\n");
    put(src, "e2/edition.yaml", "journal: 测试月刊 二\n");
    put(src, "e2/t.pdf", "%PDF fake two\n");
    put(src, "e2/t.epub", "PK fake two\n");
    archive_record r1 = {"测试月刊", "2026年第1期", "2026-01-10", 2026,  1, 12, "编辑部",
                         "ID-1",     "t.pdf",       "t.epub",     arts1, 3, 0};
    archive_record r2 = {"测试月刊", "2025年第12期", "2025-12-10", 2025,  12, 8, "编辑部",
                         "",         "t.pdf",        "t.epub",     arts2, 2,  0};
    char *f1[3] = {path2(src, "e1/edition.yaml"), path2(src, "e1/t.pdf"), path2(src, "e1/t.epub")};
    char *f2[3] = {path2(src, "e2/edition.yaml"), path2(src, "e2/t.pdf"), path2(src, "e2/t.epub")};
    archive_file files1[3] = {{f1[0], "edition.yaml"}, {f1[1], "t.pdf"}, {f1[2], "t.epub"}};
    archive_file files2[3] = {{f2[0], "edition.yaml"}, {f2[1], "t.pdf"}, {f2[2], "t.epub"}};
    archive_add_opts o = {0};
    o.software = "folio test";
    folio_diags d;
    diags_init(&d);

    /* a stale work folder of a process that is gone is cleaned up */
    char *stale = path2(archive, ".tmp/bag-999999999-abcdef");
    fs_mkdirs(stale);
    put(stale, "half", "x");

    char *bag = NULL;
    CHECK(archive_add(archive, &r1, files1, 3, &o, &bag, &d) == 0);
    CHECK(bag && !strcmp(bag, "bags/ce-shi-yue-kan/2026-01"));
    free(bag);
    CHECK(!fs_is_dir(stale));
    CHECK(archive_add(archive, &r2, files2, 3, &o, NULL, &d) == 0);
    diags_print(&d, stderr);
    CHECK(d.nerrors == 0);

    /* a second add of the same issue is refused and changes nothing */
    diags_free(&d);
    CHECK(archive_add(archive, &r1, files1, 3, &o, NULL, &d) == -1);
    CHECK(d.nerrors == 1 && strstr(d.items[0].msg, "already archived"));

    archive_listing l;
    diags_free(&d);
    CHECK(archive_list(archive, 0, &l, &d) == 0);
    CHECK(l.n == 2);
    if (l.n == 2) {
        CHECK(!strcmp(l.items[0].issue, "2025年第12期") && l.items[0].narticles == 2);
        CHECK(!strcmp(l.items[1].issue, "2026年第1期") && l.items[1].pages == 12);
    }
    archive_listing_free(&l);

    /* one character, two characters, a phrase, several terms, Latin */
    char *s1 = search(archive, "党"), *s2 = search(archive, "党建"),
         *s3 = search(archive, "组织建设"), *s4 = search(archive, "党员 组织建设"),
         *s5 = search(archive, "app"), *s6 = search(archive, "诉求"),
         *s7 = search(archive, "建设组织");
    fprintf(stderr, "党:\n%s党建:\n%s组织建设:\n%s党员 组织建设:\n%s", s1, s2, s3, s4);
    CHECK(lines(s1) == 3); /* 党建引领, 乡村振兴 (党员), 网格员手记 (党的) */
    CHECK(first_is(s1, "党建引领基层治理"));
    CHECK(lines(s2) == 1 && first_is(s2, "党建引领基层治理"));
    CHECK(strstr(s2, "【党建】引领"));
    CHECK(lines(s3) == 2 && first_is(s3, "组织建设年活动综述"));
    CHECK(strstr(s3, "@2|【组织建设】是根本"));
    CHECK(lines(s4) == 1 && first_is(s4, "乡村振兴调研报告"));
    CHECK(strstr(s4, "【组织建设】") && strstr(s4, "【党员】"));
    CHECK(lines(s5) == 1 && first_is(s5, "简讯") && strstr(s5, "【APP】"));
    CHECK(lines(s6) == 1 && first_is(s6, "网格员手记"));
    CHECK(lines(s7) == 0); /* the characters, but not in that order */
    /* Latin and Han in one term: the query's positions line up with the text's */
    char *m1 = search(archive, "APP清理"), *m2 = search(archive, "管理APP"),
         *m3 = search(archive, "理APP上");
    CHECK(lines(m1) == 1 && strstr(m1, "【APP清理】"));
    CHECK(lines(m2) == 1 && strstr(m2, "【管理APP】"));
    CHECK(lines(m3) == 1);
    free(m1), free(m2), free(m3);
    char *none = search(archive, "不存在的词");
    CHECK(none && !*none);
    free(none);
    archive_hits h;
    diags_free(&d);
    CHECK(archive_search(archive, "“”,。", 0, &h, &d) == -1 && d.nerrors == 1);

    /* --replace files the new bag beside the old one, which stays where it
     * is and is marked superseded */
    archive_article arts1b[3];
    memcpy(arts1b, arts1, sizeof arts1);
    arts1b[0].title = "党建引领基层治理(修订)";
    archive_record r1b = r1;
    r1b.articles = arts1b;
    o.replace = 1;
    diags_free(&d);
    CHECK(archive_add(archive, &r1b, files1, 3, &o, &bag, &d) == 0);
    diags_print(&d, stderr);
    CHECK(bag && !strcmp(bag, "bags/ce-shi-yue-kan/2026-01.2"));
    free(bag);
    char *sup = path2(archive, "bags/ce-shi-yue-kan/2026-01/bag-info.txt");
    CHECK(fs_is_file(sup));
    char *newinfo = path2(archive, "bags/ce-shi-yue-kan/2026-01.2/bag-info.txt"), *txt = NULL;
    fs_read_file(newinfo, 0, &txt, NULL);
    CHECK(txt && strstr(txt, "Folio-Supersedes: bags/ce-shi-yue-kan/2026-01\n"));
    free(txt);
    diags_free(&d);
    CHECK(archive_list(archive, 0, &l, &d) == 0 && l.n == 2);
    archive_listing_free(&l);
    CHECK(archive_list(archive, 1, &l, &d) == 0 && l.n == 3);
    archive_listing_free(&l);
    char *s8 = search(archive, "党建");
    CHECK(lines(s8) == 1 && first_is(s8, "党建引领基层治理(修订)"));
    /* the edition's id is the issue's, whichever bag holds its current version */
    CHECK(edition_is(archive, "ce-shi-yue-kan/2026-01", "bags/ce-shi-yue-kan/2026-01.2",
                     "党建引领基层治理(修订)"));

    /* verify: intact */
    size_t nbags = 0, nfiles = 0;
    diags_free(&d);
    CHECK(archive_verify(archive, &nbags, &nfiles, &d) == 0);
    diags_print(&d, stderr);
    CHECK(nbags == 3 && nfiles > 0);

    /* reindex from the bags gives the same answers */
    char *html = path2(archive, "index.html"), *before_html = NULL, *after_html = NULL;
    fs_read_file(html, 0, &before_html, NULL);
    char *cat = path2(archive, "catalogue.sqlite");
    unlink(cat);
    diags_free(&d);
    CHECK(archive_search(archive, "党", 0, &h, &d) == -1);
    diags_free(&d);
    CHECK(archive_reindex(archive, &nbags, &d) == 0 && nbags == 3);
    diags_print(&d, stderr);
    fs_read_file(html, 0, &after_html, NULL);
    CHECK(before_html && after_html && !strcmp(before_html, after_html));
    const char *qs[] = {"党", "党建", "组织建设", "党员 组织建设", "app", "诉求"};
    char *before[] = {s1, s8, s3, s4, s5, s6};
    for (int i = 0; i < 6; i++) {
        char *again = search(archive, qs[i]);
        /* 党 saw the old title before --replace; compare the rest exactly */
        if (i == 0)
            CHECK(lines(again) == 3);
        else
            CHECK(!strcmp(again, before[i]));
        free(again);
    }
    CHECK(archive_verify(archive, &nbags, &nfiles, &d) == 0);
    CHECK(edition_is(archive, "ce-shi-yue-kan/2026-01", "bags/ce-shi-yue-kan/2026-01.2",
                     "党建引领基层治理(修订)"));

    /* index.html: both current editions, the superseded one, links into bags */
    CHECK(after_html && strstr(after_html, "<html lang=\"zh-CN\">"));
    CHECK(after_html && strstr(after_html, "2026年</h2>") && strstr(after_html, "2025年</h2>"));
    CHECK(after_html && strstr(after_html, "党建引领基层治理(修订)"));
    CHECK(after_html && strstr(after_html, "href=\"bags/ce-shi-yue-kan/2026-01/data/t.pdf\""));
    CHECK(after_html && strstr(after_html, "src=\"bags/ce-shi-yue-kan/2025-12/folio-cover.png\""));
    CHECK(after_html && strstr(after_html, "已被替换的版本"));
    CHECK(after_html && strstr(after_html, "第3–5页"));
    /* titles open the PDF at their page, kept through the reindex */
    CHECK(after_html &&
          strstr(after_html, "href=\"bags/ce-shi-yue-kan/2026-01.2/data/t.pdf#page=4\">"
                             "党建引领基层治理(修订)</a>"));
    /* newest year first */
    CHECK(after_html && strstr(after_html, "2026年</h2>") < strstr(after_html, "2025年</h2>"));

    /* a bag nobody catalogued is reported by verify */
    char *b2 = path2(archive, "bags/ce-shi-yue-kan/2025-12"),
         *b3 = path2(archive, "bags/ce-shi-yue-kan/2025-11");
    CHECK(rename(b2, b3) == 0);
    diags_free(&d);
    CHECK(archive_verify(archive, &nbags, &nfiles, &d) == -1);
    CHECK(d.nerrors == 2); /* one missing, one unknown */
    CHECK(rename(b3, b2) == 0);

    /* when the catalogue refuses the rows, the new bag goes again and the
     * archive is as it was */
    {
        char *catp = path2(archive, "catalogue.sqlite");
        sqlite3 *db = NULL;
        CHECK(sqlite3_open(catp, &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db,
                           "CREATE TRIGGER refuse BEFORE INSERT ON editions"
                           " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
                           NULL, NULL, NULL) == SQLITE_OK);
        sqlite3_close(db);
        archive_record r5 = r2;
        r5.issue = "2023年第9期", r5.year = 2023, r5.number = 9;
        o.replace = 0;
        diags_free(&d);
        CHECK(archive_add(archive, &r5, files2, 3, &o, NULL, &d) == -1);
        char *b5 = path2(archive, "bags/ce-shi-yue-kan/2023-09");
        CHECK(!fs_is_dir(b5));
        o.replace = 1;
        diags_free(&d);
        CHECK(archive_add(archive, &r2, files2, 3, &o, NULL, &d) == -1);
        CHECK(fs_is_dir(b2));
        char *s2sup = path2(archive, "bags/ce-shi-yue-kan/2025-12.2");
        CHECK(!fs_is_dir(s2sup));
        char *tmpd = path2(archive, ".tmp"), *pend0 = path2(archive, ".pending");
        CHECK(!fs_is_file(pend0));
        char **left = NULL;
        size_t nleft = 0;
        CHECK(archive_list_dir(tmpd, 1, &left, &nleft) == 0 && nleft == 0);
        archive_names_free(left, nleft);
        diags_free(&d);
        CHECK(archive_verify(archive, &nbags, &nfiles, &d) == 0 && nbags == 3);
        diags_print(&d, stderr);
        CHECK(sqlite3_open(catp, &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "DROP TRIGGER refuse", NULL, NULL, NULL) == SQLITE_OK);
        sqlite3_close(db);
        free(catp), free(b5), free(s2sup), free(tmpd), free(pend0);
    }

    /* folio 0.1 died after moving its bag into place but before the
     * catalogue committed, leaving .pending: the next command, a reader
     * too, finishes the job from the bags */
    archive_record r3 = r2, r4 = r2;
    r3.issue = "2024年第1期", r3.year = 2024, r3.number = 1;
    r4.issue = "2024年第2期", r4.year = 2024, r4.number = 2;
    char *b4 = path2(archive, "bags/ce-shi-yue-kan/2024-01");
    CHECK(mkdir(b4, 0755) == 0);
    diags_free(&d);
    CHECK(archive_write_bag(b4, &r3, files2, 3, &o, "2026-02-01", NULL, &d) == 0);
    put(archive, ".pending", "bags/ce-shi-yue-kan/2024-01");
    CHECK(archive_list(archive, 0, &l, &d) == 0 && l.n == 3);
    archive_listing_free(&l);
    CHECK(archive_add(archive, &r4, files2, 3, &o, NULL, &d) == 0);
    diags_print(&d, stderr);
    CHECK(archive_list(archive, 0, &l, &d) == 0 && l.n == 4);
    archive_listing_free(&l);
    char *pend = path2(archive, ".pending");
    CHECK(!fs_is_file(pend));
    free(pend), free(b4);
    diags_free(&d);
    CHECK(archive_verify(archive, &nbags, &nfiles, &d) == 0 && nbags == 5);
    diags_print(&d, stderr);

    /* a bag whose record cannot be read stops the reindex, which names it and
     * leaves the catalogue as it was */
    put(archive, "bags/ce-shi-yue-kan/2025-12/folio-catalogue.json", "{");
    diags_free(&d);
    CHECK(archive_reindex(archive, &nbags, &d) == -1 && d.nerrors == 1);
    CHECK(d.nerrors == 1 && strstr(d.items[0].path, "2025-12"));
    diags_free(&d);
    CHECK(archive_list(archive, 0, &l, &d) == 0 && l.n == 4);
    archive_listing_free(&l);

    free(s1), free(s2), free(s3), free(s4), free(s5), free(s6), free(s7), free(s8);
    free(before_html), free(after_html), free(html), free(cat), free(sup), free(newinfo);
    free(b2), free(b3), free(stale);
    for (int i = 0; i < 3; i++)
        free(f1[i]), free(f2[i]);
    diags_free(&d);
    if (!failures)
        archive_rmtree(root);
    else
        fprintf(stderr, "archive left in %s\n", archive);
    free(src), free(archive);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
