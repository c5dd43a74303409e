/* test_import_order.c — a PDF page's lines put together and in reading order
 * (src/import/issue_order.c): two columns given alternating, as poppler
 * gave a WeasyPrint page, come out column by column with a title over both
 * first and a folio under both last; pieces of one visual line are joined;
 * a table of short cells keeps its rows; a page of one column keeps its
 * order. */
#include "import/issue_lines.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static void add(issue_lines *l, const char *text, double x0, double x1, double y) {
    issue_line *ln = issue_lines_add(l, text, strlen(text), (int)l->n + 1);
    if (!ln) abort();
    ln->page = 1, ln->size = 10, ln->x0 = x0, ln->x1 = x1, ln->y = y;
    if (l->n == 1) ln->flags |= ISSUE_LINE_PAGE_START;
}

static void two_columns(void) {
    issue_lines l = {0};
    add(&l, "TITLE", 60, 500, 40);
    for (int k = 0; k < 6; k++) { /* left and right in turn, level */
        char t[8] = {'L', (char)('0' + k), 0};
        add(&l, t, 60, 270, 80 + 14.0 * k);
        t[0] = 'R';
        add(&l, t, 290, 500, 80 + 14.0 * k);
    }
    add(&l, "12", 270, 290, 800);
    CHECK(issue_lines_order_page(&l, 0) == 0 && l.n == 14);
    const char *want[] = {"TITLE", "L0", "L1", "L2", "L3", "L4", "L5",
                          "R0",    "R1", "R2", "R3", "R4", "R5", "12"};
    for (size_t i = 0; i < l.n; i++)
        CHECKF(!strcmp(l.v[i].text, want[i]), "line %zu is %s, not %s", i, l.v[i].text, want[i]);
    CHECK(l.v[0].flags & ISSUE_LINE_PAGE_START);
    CHECK(!(l.v[1].flags & ISSUE_LINE_PAGE_START) && l.v[1].src_line == 2);
    issue_lines_free(&l);
}

static void pieces_and_tables(void) {
    issue_lines l = {0};
    add(&l, "“引号”", 60, 90, 100); /* a line poppler broke at its quotation marks */
    add(&l, "，而是去听", 86, 200, 100.5);
    add(&l, "下一行", 60, 200, 114);
    CHECK(issue_lines_order_page(&l, 0) == 0 && l.n == 2);
    CHECK(!strcmp(l.v[0].text, "“引号”，而是去听") && l.v[0].x1 == 200);
    issue_lines_free(&l);

    issue_lines t = {0}; /* a masthead: roles beside names, row by row */
    const char *cells[] = {"主编", "林望舒", "副主编", "苏明远", "编辑", "何小满",
                           "校对", "周立",   "设计",   "唐振",   "发行", "李春"};
    for (int k = 0; k < 12; k++)
        add(&t, cells[k], k % 2 ? 300 : 60, k % 2 ? 340 : 90, 100 + 14.0 * (k / 2));
    CHECK(issue_lines_order_page(&t, 0) == 0);
    for (int k = 0; k < 12; k++)
        CHECKF(!strcmp(t.v[k].text, cells[k]), "cell %d is %s", k, t.v[k].text);
    issue_lines_free(&t);
}

int main(void) {
    two_columns();
    pieces_and_tables();
    return failures != 0;
}
