/* catalogue_bench.c — make bench, the catalogue engines: N fabricated editions
 * filed into one archive (the archive's own SQLite catalogue, or PostgreSQL
 * with a URL), then searches; prints adds per second and search latency.
 *
 * usage: catalogue_bench ARCHIVE N [URL]
 *
 * Each edition has eight articles whose text is paragraphs of the sample's
 * own articles (examples/sample) drawn at random, under five journals and
 * twenty years; filed with archive_add as `folio archive add` files (bag
 * written and synced, journal, one catalogue transaction), without the
 * build, which is not what is measured here. */
#include "archive/archive.h"
#include "util/buf.h"
#include "util/fsutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The sample's paragraphs: every line of its articles' bodies that is text. */
static char **paragraphs(const char *dir, size_t *n) {
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    DIR *dh = opendir(dir);
    struct dirent *de;
    while (dh && (de = readdir(dh))) {
        if (!strstr(de->d_name, ".md")) continue;
        char *path = fs_join(dir, de->d_name), *text = NULL;
        size_t len = 0;
        if (path && !fs_read_file(path, 1 << 22, &text, &len)) {
            int front = 0;
            for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
                if (!strcmp(line, "---")) front = !front;
                if (front || strlen(line) < 60 || strchr("#!-|>", line[0])) continue;
                if (*n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v))) exit(1);
                v[(*n)++] = strdup(line);
            }
        }
        free(text), free(path);
    }
    if (dh) closedir(dh);
    return v;
}

static const char *journals[5] = {"城乡治理", "基层通讯", "社区工作", "乡村建设", "机关党建"};
static const char *queries[10] = {"治理",      "社区 服务", "乡村振兴", "网格",     "群众 诉求",
                                  "数字 平台", "组织建设",  "党建引领", "志愿服务", "基層治理"};

/* Edition i: its record, its articles' text drawn from the paragraphs. */
static void make_record(size_t i, char **para, size_t npara, archive_record *r,
                        archive_article *a, char (*title)[64], char **text, char *issue,
                        char *date) {
    int year = 2001 + (int)(i / 5 % 20), number = (int)(i / 100) + 1;
    snprintf(issue, 32, "%d年第%d期", year, number);
    snprintf(date, 16, "%d-%02d-01", year, (number - 1) % 12 + 1);
    for (int k = 0; k < 8; k++) {
        folio_buf b;
        buf_init(&b);
        for (int p = 0; p < 6; p++) {
            buf_puts(&b, para[(size_t)rand() % npara]);
            buf_putc(&b, '\n');
        }
        text[k] = buf_detach(&b, NULL);
        snprintf(title[k], 64, "第%zu号第%d篇", i, k + 1);
        a[k] = (archive_article){title[k], "编辑部", "要闻", "article", k + 1, k + 1, text[k], k + 1};
    }
    *r = (archive_record){journals[i % 5], issue, date, year, number, 8, "编辑部", "", "t.pdf",
                          "t.epub", a, 8, 0};
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: catalogue_bench ARCHIVE N [URL]\n");
        return 2;
    }
    const char *archive = argv[1], *url = argc > 3 ? argv[3] : NULL;
    size_t n = (size_t)atol(argv[2]), npara = 0;
    const char *src = getenv("SRC") ? getenv("SRC") : ".";
    char *dir = fs_join(src, "examples/sample/articles"), *tmp = fs_join(archive, "../bench-src");
    char **para = paragraphs(dir, &npara);
    if (!npara || !tmp || fs_mkdirs(tmp)) return fprintf(stderr, "no sample paragraphs\n"), 1;
    char *pdf = fs_join(tmp, "t.pdf"), *epub = fs_join(tmp, "t.epub");
    fs_write_atomic(pdf, "%PDF-1.7 bench\n", 15);
    fs_write_atomic(epub, "PK bench\n", 9);
    archive_file files[2] = {{pdf, "t.pdf"}, {epub, "t.epub"}};
    archive_add_opts o = {.software = "folio bench", .catalogue = url};
    srand(42);
    folio_diags d;
    diags_init(&d);
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        archive_record r;
        archive_article a[8];
        char title[8][64], *text[8], issue[32], date[16];
        make_record(i, para, npara, &r, a, title, text, issue, date);
        int rc = archive_add(archive, &r, files, 2, &o, NULL, &d);
        for (int k = 0; k < 8; k++)
            free(text[k]);
        if (rc) {
            diags_print(&d, stderr);
            return 1;
        }
    }
    double add_s = now() - t0;
    double lat[200];
    size_t hits = 0;
    for (int q = 0; q < 200; q++) {
        archive_hits h;
        double t = now();
        if (archive_search_in(archive, url, queries[q % 10], 20, &h, &d)) {
            diags_print(&d, stderr);
            return 1;
        }
        lat[q] = now() - t;
        hits += h.total;
        archive_hits_free(&h);
    }
    for (int i = 0; i < 200; i++)
        for (int j = i + 1; j < 200; j++)
            if (lat[j] < lat[i]) {
                double x = lat[i];
                lat[i] = lat[j], lat[j] = x;
            }
    printf("%s: %zu editions (%zu articles) filed in %.1f s, %.1f adds/s; search (a new "
           "connection each, as a command makes): p50 %.1f ms, p95 %.1f ms, %.0f hits a query\n",
           url ? "PostgreSQL" : "SQLite", n, 8 * n, add_s, (double)n / add_s, lat[100] * 1e3,
           lat[190] * 1e3, (double)hits / 200);
    diags_free(&d);
    return 0;
}
