/* pg_catalogue.c — the PostgreSQL catalogue engine against a real server
 * (tests/cli/archive_pg.sh starts a throwaway PostgreSQL 15 and runs this
 * with FOLIO_PG_URL, and FOLIO_PG_BAD_URL with a wrong password): the schema
 * with its version and GIN indexes, three filings at once from three
 * processes, a replacement, and four searches whose hits are the SQLite
 * catalogue's on the same editions. Not a ctest of its own: it needs the
 * server. */
#include "archive/catalogue_pg.h"
#include "util/fsutil.h"
#include "check.h"
#include "testfiles.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static archive_article arts[3][2] = {
    {{"党建引领基层治理", "王明", "要闻", "article", 3, 5,
      "全市坚持党建引领,推动基层治理重心下移。街道党工委统筹网格力量。", 4},
     {"乡村振兴调研报告", "李华、赵强", "调查研究", "article", 6, 9,
      "调研发现,村集体经济发展路子窄。组织建设仍需加强。APP 上线。", 7}},
    {{"組織建設年活動綜述", "陳一", "理論", "article", 2, 4,
      "組織建設是根本。今年開展組織建設年活動,基層治理水平提升。", 2},
     {"网格员手记", "周二", "基层", "article", 5, 6, "网格员每天走访群众,了解诉求。", 5}},
    {{"社区图书角开放", "孙三", "民生", "article", 3, 3,
      "图书角藏书两千册,居民可凭卡借阅。党建活动室同时开放。", 3},
     {"数据管理平台上线", "吴四", "数字化", "article", 4, 5,
      "数据管理 APP 汇集网格信息,基层治理更精细。", 4}},
};

static archive_record record(int i) {
    static const char *issues[3] = {"2026年第1期", "2026年第2期", "2026年第3期"};
    static const char *dates[3] = {"2026-01-10", "2026-02-10", "2026-03-10"};
    archive_record r = {"测试月刊", issues[i], dates[i], 2026,    i + 1, 12, "编辑部",
                        "",         "t.pdf",   "t.epub", arts[i], 2,     0};
    return r;
}

static void refused_login(void) {
    const char *bad = getenv("FOLIO_PG_BAD_URL");
    CHECK(bad != NULL);
    folio_diags d;
    diags_init(&d);
    archive_pg *p = bad ? archive_pg_open(bad, &d) : NULL;
    CHECKF(!p && d.nerrors == 1 && strstr(d.items[0].msg, "cannot connect") &&
               strstr(d.items[0].msg, "password authentication failed"),
           "a wrong password: %s", d.n ? d.items[0].msg : "(accepted)");
    archive_pg_close(p);
    diags_free(&d);
}

/* Three processes file one edition each, at the same time. */
static void file_at_once(const char *url) {
    pid_t pid[3];
    for (int i = 0; i < 3; i++) {
        if ((pid[i] = fork()) != 0) continue;
        folio_diags d;
        diags_init(&d);
        archive_pg *p = archive_pg_open(url, &d);
        char bag[64];
        snprintf(bag, sizeof bag, "bags/ce-shi-yue-kan/2026-0%d", i + 1);
        archive_record r = record(i);
        int rc = p ? archive_pg_file(p, &r, bag, "2026-12-01", NULL, &d) : -1;
        diags_print(&d, stderr);
        _exit(rc ? 1 : 0);
    }
    for (int i = 0; i < 3; i++) {
        int st = 0;
        waitpid(pid[i], &st, 0);
        CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "filing %d failed", i);
    }
}

static int count(PGconn *c, const char *sql) {
    PGresult *r = PQexec(c, sql);
    int n = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) ? atoi(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return n;
}

static void schema(const char *url) {
    PGconn *c = PQconnectdb(url);
    CHECK(PQstatus(c) == CONNECTION_OK);
    CHECK(count(c, "SELECT max(version) FROM folio_schema") == ARCHIVE_PG_VERSION);
    CHECK(count(c, "SELECT count(*) FROM folio_schema") == 1);
    int gin = count(c, "SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%USING gin%'"
                       " AND tablename IN ('articles', 'article_text')");
    CHECKF(gin == 3, "GIN indexes: %d", gin);
    /* a schema of another version is refused, never half-read */
    PQclear(PQexec(c, "UPDATE folio_schema SET version = 99"));
    folio_diags d;
    diags_init(&d);
    archive_pg *p = archive_pg_open(url, &d);
    CHECKF(!p && d.nerrors == 1 && strstr(d.items[0].msg, "schema version 99"), "version 99: %s",
           d.n ? d.items[0].msg : "(accepted)");
    archive_pg_close(p);
    diags_free(&d);
    PQclear(PQexec(c, "UPDATE folio_schema SET version = 1"));
    PQfinish(c);
}

/* The hits as "journal issue title" lines, sorted. */
static char *hit_set(const archive_hits *h) {
    char **v = calloc(h->n + 1, sizeof *v);
    folio_buf b;
    buf_init(&b);
    for (size_t i = 0; v && i < h->n; i++) {
        size_t n = strlen(h->items[i].issue) + strlen(h->items[i].title) + 4;
        if ((v[i] = malloc(n))) snprintf(v[i], n, "%s %s\n", h->items[i].issue, h->items[i].title);
    }
    for (size_t i = 0; v && i < h->n; i++)
        for (size_t j = i + 1; j < h->n; j++)
            if (v[i] && v[j] && strcmp(v[j], v[i]) < 0) {
                char *t = v[i];
                v[i] = v[j], v[j] = t;
            }
    for (size_t i = 0; v && i < h->n; i++)
        if (v[i]) buf_puts(&b, v[i]), free(v[i]);
    free(v);
    return buf_detach(&b, NULL);
}

/* The same editions in a SQLite archive, searched alike. */
static void same_hits(archive_pg *p, const char *root) {
    char *src = path2(root, "src"), *archive = path2(root, "archive");
    put(src, "t.pdf", "%PDF fake\n");
    put(src, "t.epub", "PK fake\n");
    char *pdf = path2(src, "t.pdf"), *epub = path2(src, "t.epub");
    archive_file files[2] = {{pdf, "t.pdf"}, {epub, "t.epub"}};
    archive_add_opts o = {.software = "folio test"};
    folio_diags d;
    diags_init(&d);
    for (int i = 0; i < 3; i++) {
        archive_record r = record(i);
        CHECK(archive_add(archive, &r, files, 2, &o, NULL, &d) == 0);
    }
    const char *queries[4] = {"党建", "組織建設", "基层治理 网格", "app"};
    for (int q = 0; q < 4; q++) {
        archive_hits a, b;
        CHECK(archive_search(archive, queries[q], 0, &a, &d) == 0);
        CHECK(archive_pg_search(p, queries[q], 0, &b, &d) == 0);
        char *sa = hit_set(&a), *sb = hit_set(&b);
        CHECKF(sa && sb && !strcmp(sa, sb) && a.n > 0 && a.total == b.total,
               "%s: SQLite\n%sPostgreSQL\n%s", queries[q], sa ? sa : "", sb ? sb : "");
        free(sa), free(sb);
        archive_hits_free(&a), archive_hits_free(&b);
    }
    diags_print(&d, stderr);
    diags_free(&d);
    free(src), free(archive), free(pdf), free(epub);
}

static void replace(archive_pg *p) {
    folio_diags d;
    diags_init(&d);
    archive_record r = record(0);
    archive_article a2[2] = {arts[0][0], arts[0][1]};
    a2[0].title = "党建引领基层治理(更正)";
    r.articles = a2;
    CHECK(archive_pg_file(p, &r, "bags/ce-shi-yue-kan/2026-01.2", "2026-12-02",
                          "bags/ce-shi-yue-kan/2026-01", &d) == 0);
    /* the same issue twice as current is refused, and nothing is left of it */
    CHECK(archive_pg_file(p, &r, "bags/ce-shi-yue-kan/2026-01.3", "2026-12-02", NULL, &d) == -1);
    CHECK(archive_pg_has_bag(p, "bags/ce-shi-yue-kan/2026-01.3", &d) == 0);
    int err = 0;
    char *cur = archive_pg_current_bag(p, "测试月刊", "2026年第1期", &err, &d);
    CHECK(!err && cur && !strcmp(cur, "bags/ce-shi-yue-kan/2026-01.2"));
    free(cur);
    archive_listing l;
    CHECK(archive_pg_list(p, 1, &l, &d) == 0 && l.n == 4);
    int superseded = 0;
    for (size_t i = 0; i < l.n; i++)
        superseded += l.items[i].superseded;
    CHECK(superseded == 1);
    archive_listing_free(&l);
    archive_hits h;
    CHECK(archive_pg_search(p, "更正", 0, &h, &d) == 0 && h.n == 1 &&
          !strcmp(h.items[0].edition, "ce-shi-yue-kan/2026-01"));
    archive_hits_free(&h);
    CHECK(d.nerrors == 1); /* the refused duplicate */
    diags_free(&d);
}

int main(void) {
    const char *url = getenv("FOLIO_PG_URL");
    if (!url) {
        fprintf(stderr, "pg_catalogue: FOLIO_PG_URL is not set (run tests/cli/archive_pg.sh)\n");
        return 1;
    }
    char tmpl[] = "/tmp/folio-pg-XXXXXX";
    char *root = mkdtemp(tmpl);
    if (!root) return 1;
    refused_login();
    file_at_once(url);
    schema(url);
    folio_diags d;
    diags_init(&d);
    archive_pg *p = archive_pg_open(url, &d);
    CHECK(p != NULL);
    archive_listing l;
    CHECK(p && archive_pg_list(p, 0, &l, &d) == 0 && l.n == 3);
    for (size_t i = 0; p && i < l.n; i++)
        CHECKF(l.items[i].number == (int)i + 1 && l.items[i].narticles == 2 && l.items[i].id &&
                   !strncmp(l.items[i].id, "ce-shi-yue-kan/2026-0", 21),
               "edition %zu: %s", i, l.items[i].issue);
    if (p) archive_listing_free(&l);
    if (p) same_hits(p, root);
    if (p) replace(p);
    diags_print(&d, stderr);
    diags_free(&d);
    archive_pg_close(p);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd)) fprintf(stderr, "cannot remove %s\n", root);
    if (failures) fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
