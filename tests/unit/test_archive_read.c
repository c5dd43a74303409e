/* test_archive_read.c — the read side a web service uses: search with filters, pages and
 * totals, Traditional/Simplified folding end to end, listings, shelves, an edition and an
 * article by id, and a reader that follows a catalogue `reindex` replaced. */
#include "archive/archive_private.h"
#include "check.h"
#include "testfiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static archive_article jian[] = {
    {"党建引领基层治理", "王明", "要闻", "article", 3, 5,
     "全市坚持党建引领,推动基层治理重心下移。\n党建工作与治理工作同部署。", 4},
    {"网格员手记", "周二", "基层", "article", 6, 7, "网格员每天走访群众,了解诉求。", 7},
    {"乡村振兴调研", "李华", "调查研究", "article", 8, 9, "村集体经济发展路子窄。", 9},
};
static archive_article fan[] = {
    {"黨建工作的新探索", "陳一", "理論", "article", 2, 4,
     "基層黨組織建設是根本。今年開展組織建設年活動,黨建質量提升。", 3},
    {"數據管理ＡＰＰ上線", "", "簡訊", "brief", 5, 5, "全縣２０２５年完成數據清理。", 6},
};
static archive_article other[] = {
    {"调解员的一天", "赵强", "基层", "article", 1, 2, "调解员老张走遍了全村,党建工作也不落下。", 2},
};

static void add(const char *archive, const char *src, const char *journal, const char *issue,
                const char *date, int year, int number, archive_article *arts, size_t n) {
    char *dir = path2(src, issue);
    put(dir, "edition.yaml", journal);
    put(dir, "t.pdf", "%PDF fake\n");
    char *f[2] = {path2(dir, "edition.yaml"), path2(dir, "t.pdf")};
    archive_file files[2] = {{f[0], "edition.yaml"}, {f[1], "t.pdf"}};
    archive_record r = {journal, issue,   date, year, number, 12, "编辑部",
                        "",      "t.pdf", "",   arts, n,      0};
    archive_add_opts o = {0};
    o.software = "folio test";
    folio_diags d;
    diags_init(&d);
    CHECK(archive_add(archive, &r, files, 2, &o, NULL, &d) == 0);
    diags_print(&d, stderr);
    diags_free(&d);
    free(f[0]), free(f[1]), free(dir);
}

/* Hits of a query as "title|snippet" lines; total into *total. */
static char *hits(archive_reader *r, archive_query *q, size_t *total) {
    archive_hits h;
    folio_diags d;
    diags_init(&d);
    folio_buf b;
    buf_init(&b);
    q->mark_open = "[", q->mark_close = "]";
    if (archive_read_search(r, q, &h, &d)) {
        diags_print(&d, stderr);
        buf_puts(&b, "ERROR");
    } else {
        for (size_t i = 0; i < h.n; i++)
            buf_printf(&b, "%s|%s\n", h.items[i].title_marked, h.items[i].snippet);
        if (total) *total = h.total;
        archive_hits_free(&h);
    }
    diags_free(&d);
    return buf_detach(&b, NULL);
}

static size_t lines(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void search_checks(archive_reader *r) {
    size_t total = 0;
    archive_query q = {0};
    /* 黨建 finds 党建 and 党建 finds 黨建, both marked as written */
    q.text = "黨建";
    char *s = hits(r, &q, &total);
    fprintf(stderr, "黨建:\n%s", s);
    CHECK(lines(s) == 3 && total == 3);
    CHECK(strstr(s, "[党建]引领基层治理|全市坚持[党建]引领"));
    CHECK(strstr(s, "[黨建]工作的新探索|"));
    CHECK(strstr(s, "[党建]工作也不落下"));
    free(s);
    q.text = "党建";
    char *s2 = hits(r, &q, NULL);
    CHECK(lines(s2) == 3);
    free(s2);
    /* full-width letters and digits; a phrase in quotes; AND */
    q.text = "app 2025";
    s = hits(r, &q, &total);
    CHECK(total == 1 && strstr(s, "數據管理[ＡＰＰ]上線|全縣[２０２５]年"));
    free(s);
    q.text = "\"組織建設 年\"";
    s = hits(r, &q, &total);
    CHECK(total == 1 && strstr(s, "开展[組織建設年]") == NULL && strstr(s, "開展[組織建設年]活動"));
    free(s);
    q.text = "党建 调解员";
    s = hits(r, &q, &total);
    CHECK(total == 1 && strstr(s, "[调解员]的一天"));
    free(s);
    /* filters: journal, year, section */
    q.text = "党建";
    q.journal = "基层通讯";
    s = hits(r, &q, &total);
    CHECK(total == 1 && strstr(s, "调解员的一天"));
    free(s);
    q.journal = NULL, q.year = 2025;
    s = hits(r, &q, &total);
    CHECK(total == 1 && strstr(s, "新探索"));
    free(s);
    q.year = 0, q.section = "要闻";
    s = hits(r, &q, &total);
    CHECK(total == 1 && strstr(s, "引领基层治理"));
    free(s);
    /* pages: the total stays, the hits move on */
    q.section = NULL, q.limit = 2;
    s = hits(r, &q, &total);
    CHECK(lines(s) == 2 && total == 3);
    free(s);
    q.offset = 2;
    s = hits(r, &q, &total);
    CHECK(lines(s) == 1 && total == 3);
    free(s);
    q.offset = 10;
    total = 0;
    s = hits(r, &q, &total);
    CHECK(lines(s) == 0 && total == 3);
    free(s);
    /* no word to search for is an error */
    archive_hits h;
    folio_diags d;
    diags_init(&d);
    q.text = "。。";
    CHECK(archive_read_search(r, &q, &h, &d) == -1 && d.nerrors == 1);
    diags_free(&d);
    /* every field of a hit */
    q = (archive_query){0};
    q.text = "网格员";
    diags_init(&d);
    CHECK(archive_read_search(r, &q, &h, &d) == 0 && h.n == 1);
    if (h.n == 1) {
        const archive_hit *x = &h.items[0];
        CHECK(!strcmp(x->edition, "ce-shi-yue-kan/2026-01") && x->article == 2);
        CHECK(!strcmp(x->journal, "测试月刊") && !strcmp(x->issue, "2026年第1期"));
        CHECK(!strcmp(x->date, "2026-01-10") && x->year == 2026 && x->number == 1);
        CHECK(x->page == 6 && x->pdf_page == 7 && !strcmp(x->pdf, "t.pdf"));
        CHECK(!strcmp(x->authors, "周二") && !strcmp(x->section, "基层"));
        CHECK(!strcmp(x->snippet, "【网格员】每天走访群众,了解诉求。"));
    }
    archive_hits_free(&h);
    diags_free(&d);
}

static void browse_checks(archive_reader *r) {
    folio_diags d;
    diags_init(&d);
    archive_query q = {0};
    archive_listing l;
    CHECK(archive_read_list(r, &q, &l, &d) == 0 && l.n == 3 && l.total == 3);
    if (l.n == 3) {
        /* newest first */
        CHECK(!strcmp(l.items[0].issue, "2026年第2期") &&
              !strcmp(l.items[2].issue, "2025年第12期"));
        CHECK(l.items[0].id && !strcmp(l.items[0].id, "ji-ceng-tong-xun/2026-02"));
    }
    archive_listing_free(&l);
    q.journal = "测试月刊", q.limit = 1, q.offset = 1;
    CHECK(archive_read_list(r, &q, &l, &d) == 0 && l.n == 1 && l.total == 2);
    CHECK(l.n == 1 && !strcmp(l.items[0].issue, "2025年第12期"));
    archive_listing_free(&l);
    q.offset = 5;
    CHECK(archive_read_list(r, &q, &l, &d) == 0 && l.n == 0 && l.total == 2);
    archive_listing_free(&l);
    q = (archive_query){0};
    q.year = 2026;
    CHECK(archive_read_list(r, &q, &l, &d) == 0 && l.total == 2);
    archive_listing_free(&l);

    archive_facets f;
    CHECK(archive_read_facets(r, &f, &d) == 0);
    CHECK(f.nshelves == 3 && f.nsections == 5);
    if (f.nshelves == 3) {
        CHECK(!strcmp(f.shelves[0].journal, "基层通讯") && f.shelves[0].year == 2026);
        CHECK(!strcmp(f.shelves[1].journal, "测试月刊") && f.shelves[1].year == 2026 &&
              f.shelves[1].editions == 1 && f.shelves[2].year == 2025);
    }
    archive_facets_free(&f);

    archive_edition e;
    CHECK(archive_read_edition(r, "ce-shi-yue-kan/2026-01", 2, &e, &d) == 0);
    CHECK(e.id && !strcmp(e.id, "ce-shi-yue-kan/2026-01"));
    CHECK(e.rec.narticles == 3 && e.article == 2 && e.text && !strcmp(e.text, jian[1].text));
    CHECK(e.rec.pages == 12 && !strcmp(e.rec.pdf, "t.pdf") && !strcmp(e.rec.epub, ""));
    CHECK(e.rec.narticles == 3 && !strcmp(e.rec.articles[2].title, "乡村振兴调研") &&
          e.rec.articles[2].pdf_page == 9 && e.rec.articles[2].text == NULL);
    CHECK(!strcmp(e.bag, "bags/ce-shi-yue-kan/2026-01") && *e.bagging_date);
    archive_edition_free(&e);
    CHECK(archive_read_edition(r, "ce-shi-yue-kan/2026-01", 0, &e, &d) == 0 && !e.text);
    archive_edition_free(&e);
    CHECK(archive_read_edition(r, "ce-shi-yue-kan/2026-01", 4, &e, &d) == 1);
    CHECK(archive_read_edition(r, "ce-shi-yue-kan/1999-01", 0, &e, &d) == 1);
    CHECK(archive_read_edition(r, "../../etc", 0, &e, &d) == 1);
    CHECK(d.nerrors == 0);
    diags_print(&d, stderr);
    diags_free(&d);
}

/* folio_rank() gives bm25()'s scores, from memory or (before a load) asking. */
static void rank_checks(const char *archive) {
    char *cat = path2(archive, "catalogue.sqlite");
    folio_diags d;
    diags_init(&d);
    sqlite3 *db = archive_db_open(cat, 0, &d);
    archive_rank *rank = db ? archive_rank_register(db) : NULL;
    CHECK(db && rank);
    const char *qs[] = {"\"党建\"", "\"组织\" AND \"建设\"", "\"app\"", "\"一\""};
    for (int pass = 0; rank && pass < 2; pass++) {
        if (pass) CHECK(archive_rank_refresh(rank, db) == 0);
        for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
            sqlite3_stmt *st = NULL;
            CHECK(sqlite3_prepare_v2(db,
                                     "SELECT bm25(articles_fts, 10.0, 4.0, 1.0),"
                                     " folio_rank(articles_fts, 10.0, 4.0, 1.0) FROM articles_fts"
                                     " WHERE articles_fts MATCH ?1",
                                     -1, &st, NULL) == SQLITE_OK);
            sqlite3_bind_text(st, 1, qs[i], -1, SQLITE_STATIC);
            int rows = 0;
            while (sqlite3_step(st) == SQLITE_ROW) {
                double a = sqlite3_column_double(st, 0), b = sqlite3_column_double(st, 1);
                CHECKF(a - b < 1e-9 && b - a < 1e-9, "%s: bm25 %g, folio_rank %g", qs[i], a, b);
                rows++;
            }
            CHECKF(rows > 0 || i == 3, "%s: no rows", qs[i]);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    diags_free(&d);
    free(cat);
}

int main(void) {
    char tmpl[] = "/tmp/folio-read-XXXXXX";
    char *root = mkdtemp(tmpl);
    if (!root) return 1;
    char *src = path2(root, "src"), *archive = path2(root, "archive");
    add(archive, src, "测试月刊", "2026年第1期", "2026-01-10", 2026, 1, jian, 3);
    add(archive, src, "测试月刊", "2025年第12期", "2025-12-10", 2025, 12, fan, 2);
    add(archive, src, "基层通讯", "2026年第2期", "2026-02-01", 2026, 2, other, 1);

    CHECK(archive_edition_id("bags/a/b") && !strcmp(archive_edition_id("bags/a/b"), "a/b"));
    CHECK(!archive_edition_id("superseded/a/b-1") && !archive_edition_id("bags/"));

    folio_diags d;
    diags_init(&d);
    archive_reader *r = archive_reader_open(archive, &d);
    CHECK(r != NULL);
    if (r) {
        search_checks(r);
        browse_checks(r);
        /* reindex replaces the catalogue file: the open reader follows */
        size_t nbags = 0;
        CHECK(archive_reindex(archive, &nbags, &d) == 0 && nbags == 3);
        search_checks(r);
        /* an edition filed while the reader is open is seen by its next call */
        archive_article more[] = {{"党建新篇", "", "", "article", 1, 1, "新的一期。", 1}};
        add(archive, src, "基层通讯", "2026年第3期", "2026-03-01", 2026, 3, more, 1);
        archive_query q = {0};
        q.text = "黨建";
        size_t total = 0;
        free(hits(r, &q, &total));
        CHECK(total == 4);
        /* and in the facets, which the reader keeps while nothing changes */
        archive_facets f;
        CHECK(archive_read_facets(r, &f, &d) == 0 && f.nshelves == 3);
        CHECK(f.nshelves == 3 && f.shelves[0].editions == 2);
        archive_facets_free(&f);
        rank_checks(archive);
        archive_reader_close(r);
    }
    char *nowhere = path2(root, "nowhere");
    CHECK(archive_reader_open(nowhere, &d) == NULL && d.nerrors == 1);
    diags_free(&d);
    free(nowhere);

    if (!failures) {
        archive_rmtree(root);
    } else {
        fprintf(stderr, "archive left in %s\n%d check(s) failed\n", archive, failures);
    }
    free(src), free(archive);
    return failures != 0;
}
