/* test_layout_pages.c — the page sequence as an editor sees it, on an edition
 * written here: no article ends on a page of its own holding fewer than 4
 * lines per column (PAGE-1), a notice box is never split, and the contents'
 * page numbers end on one vertical. */
#include "edition/edition.h"
#include "fonts/fonts.h"
#include "layout/layout.h"
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *SENTENCE =
    "党员干部深入基层一线，倾听群众呼声，解决实际困难，把好事办实、把实事办好，赢得了群众的信任。";

/* A long title without the editor's spaces: its lines must end at words. */
static const char *LONG_TITLE = "关于进一步加强和改进新时代基层党组织建设推动城乡社区治理体系"
                                "和治理能力现代化的若干思考与实践探索";

static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

/* Articles of one paragraph of n sentences, n = first..last, then a notice. */
static int write_edition(const char *dir, int first, int last) {
    char path[4096], *buf = malloc(64 * 1024);
    if (!buf) return -1;
    snprintf(path, sizeof path, "%s/articles", dir);
    mkdir(path, 0755);
    char *yaml = malloc(16 * 1024);
    if (!yaml) {
        free(buf);
        return -1;
    }
    strcpy(yaml, "journal: 篇幅测试\nissue: 2026年第2期\ndate: 2026-02\ncontents:\n"
                 "  - section: 测试\n    articles:\n");
    int rc = 0;
    for (int n = first; n <= last && !rc; n++) {
        int len =
            n == first
                ? snprintf(buf, 64 * 1024, "---\ntitle: %s\nauthor: 测试\n---\n\n", LONG_TITLE)
                : snprintf(buf, 64 * 1024, "---\ntitle: 篇幅测试%d\nauthor: 测试\n---\n\n", n);
        for (int k = 0; k < n; k++)
            len += snprintf(buf + len, (size_t)(64 * 1024 - len), "%s", SENTENCE);
        strcat(buf, "\n");
        snprintf(path, sizeof path, "%s/articles/s%02d.md", dir, n);
        rc = write_file(path, buf);
        snprintf(yaml + strlen(yaml), 16 * 1024 - strlen(yaml), "      - articles/s%02d.md\n", n);
    }
    int len = snprintf(buf, 64 * 1024, "---\ntitle: 启事\nkind: notice\n---\n\n");
    for (int k = 0; k < 6; k++)
        len += snprintf(buf + len, (size_t)(64 * 1024 - len), "%s\n\n", SENTENCE);
    snprintf(path, sizeof path, "%s/articles/notice.md", dir);
    rc = rc || write_file(path, buf);
    strcat(yaml, "      - articles/notice.md\n");
    snprintf(path, sizeof path, "%s/edition.yaml", dir);
    rc = rc || write_file(path, yaml);
    free(buf);
    free(yaml);
    return rc;
}

static int is_flow(const folio_line *ln) {
    return ln->role == FOLIO_ROLE_BODY || ln->role == FOLIO_ROLE_QUOTE ||
           ln->role == FOLIO_ROLE_LIST;
}

static void check_doc(const char *name, const folio_doc *doc, const folio_edition *e) {
    /* PAGE-1 */
    for (size_t a = 0; a < doc->narticles; a++) {
        int last = doc->article_last_page[a];
        if (last == doc->article_page[a]) continue;
        const folio_page *p = &doc->pages[last];
        int per_col[4] = {0}, others = 0;
        for (size_t i = 0; i < p->nlines; i++) {
            const folio_line *ln = &p->lines[i];
            if (!is_flow(ln)) continue;
            if (ln->article != (int)a) {
                others = 1;
                continue;
            }
            float left = doc->pages[last].recto ? doc->margin_inner : doc->margin_outer;
            int k = (int)((ln->x - left + 1) / (doc->column_width + doc->column_gap));
            if (k >= 0 && k < 4) per_col[k]++;
        }
        int most = 0;
        for (int k = 0; k < 4; k++)
            most = per_col[k] > most ? per_col[k] : most;
        CHECKF(others || most >= 4, "%s: article %zu ends on page %d with %d line(s) per column",
               name, a, last + 1, most);
    }
    /* the long title breaks between words, never inside 组织 or 治理 */
    const folio_page *tp = &doc->pages[doc->article_page[0]];
    int tlines = 0;
    for (size_t i = 0; i < tp->nlines; i++) {
        const folio_line *ln = &tp->lines[i];
        if (ln->role != FOLIO_ROLE_TITLE || ln->article != 0) continue;
        tlines++;
        size_t len = strlen(ln->text);
        CHECKF(len < 3 || (strcmp(ln->text + len - 3, "组") && strcmp(ln->text + len - 3, "治")),
               "%s: title line ends inside a word: %s", name, ln->text);
        CHECKF(strncmp(ln->text, "织", 3) && strncmp(ln->text, "理", 3),
               "%s: title line starts inside a word: %s", name, ln->text);
    }
    CHECKF(tlines >= 2, "%s: the long title has %d line(s)", name, tlines);
    /* the notice (the last article) is whole on one page */
    size_t n = e->narticles - 1;
    CHECKF(e->articles[n].kind == FOLIO_KIND_NOTICE, "%s: the last article is not the notice",
           name);
    CHECKF(doc->article_page[n] == doc->article_last_page[n],
           "%s: the notice is split over pages %d-%d", name, doc->article_page[n] + 1,
           doc->article_last_page[n] + 1);
    /* contents numbers end on one vertical */
    float right = -1;
    for (size_t i = 0; i < doc->pages[2].nlines; i++) {
        const folio_line *ln = &doc->pages[2].lines[i];
        size_t len = strlen(ln->text);
        if (ln->role != FOLIO_ROLE_TOC_ENTRY || !ln->n || !len || ln->text[len - 1] < '0' ||
            ln->text[len - 1] > '9')
            continue;
        float r = ln->x + ln->g[ln->n - 1].x + ln->g[ln->n - 1].adv;
        if (right < 0) right = r;
        CHECKF(fabsf(r - right) < 0.1f, "%s: contents number ends at %.2f, not %.2f", name, r,
               right);
    }
    CHECKF(right > 0, "%s: no contents numbers found", name);
}

int main(void) {
    const char *src = getenv("FOLIO_DATA_DIR");
    if (!src) src = getenv("SRC");
    if (!src) {
        fprintf(stderr, "FOLIO_DATA_DIR is not set\n");
        return 1;
    }
    char tmpl[] = "/tmp/folio-test-pages-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir || write_edition(dir, 20, 56)) {
        fprintf(stderr, "cannot write the test edition\n");
        return 1;
    }
    folio_diags d;
    diags_init(&d);
    char path[4096];
    snprintf(path, sizeof path, "%s/fonts/roles.yaml", src);
    folio_fonts *f = fonts_open(path, NULL, 0, &d);
    folio_edition *e = edition_load(dir, 0, &d);
    snprintf(path, sizeof path, "%s/layouts", src);
    const char *names[] = {"magazine", "a4", "a5"};
    for (int i = 0; f && e && i < 3; i++) {
        folio_layout *l = layout_load(path, names[i], NULL, 0, &d);
        folio_doc *doc = l ? layout_run(e, l, f, &d) : NULL;
        CHECKF(doc != NULL, "%s: no layout", names[i]);
        if (doc) check_doc(names[i], doc, e);
        layout_doc_free(doc);
        layout_free(l);
    }
    CHECKF(f && e && d.nerrors == 0, "setup failed (%zu errors)", d.nerrors);
    if (d.nerrors) diags_print(&d, stderr);
    edition_free(e);
    fonts_close(f);
    diags_free(&d);
    /* the edition written here */
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "warning: %s left behind\n", dir);
    if (failures) fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
