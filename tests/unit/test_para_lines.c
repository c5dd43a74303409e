/* test_para_lines.c — what para_set hands the composer: line fields (text,
 * offsets across runs, flags, indents), hard breaks, centred titles,
 * spaces at line ends, emergency breaks inside a long URL, ICU levels. */
#include "para_fixture.h"

#define EM 10.0

/* Two runs with hard breaks: offsets are byte offsets in the block text. */
static void test_runs_and_hard_breaks(fixture *fx) {
    const char *block = "春夏秋冬东南西北上下左右前后天地日月山水花鸟|草木虫鱼。";
    folio_para_run runs[3];
    folio_para_in in = fx_in(fx, &runs[0], block, 10);
    runs[0].len = strlen("春夏秋冬东南西北上下左右");
    runs[1] = runs[0];
    runs[1].text = block + runs[0].len;
    runs[1].offset = runs[0].len;
    runs[1].len = strlen("前后天地日月山水花鸟");
    runs[1].hard_break = 1;
    runs[2] = runs[0];
    runs[2].offset = runs[1].offset + runs[1].len + 1; /* skips the '|' */
    runs[2].text = block + runs[2].offset;
    runs[2].len = strlen(runs[2].text);
    in.runs = runs;
    in.nruns = 3;
    in.first_indent = 2 * EM;
    in.indent = EM;
    folio_para_out o;
    if (fx_set(fx, &in, &o) < 0) return;
    fx_check_common(&o, "runs");
    CHECK("hard break", o.nlines == 4);
    if (o.nlines != 4) return;
    /* 7 em, then 9 em: line 2 ends at the hard break, set solid. */
    CHECK("PAR-1", o.lines[0].x == 3 * EM && o.lines[0].width == 7 * EM);
    CHECK("indent", o.lines[1].x == EM && o.lines[1].width == 9 * EM);
    CHECK("offset", o.lines[0].offset == 0);
    CHECK("offset", o.lines[1].offset == strlen("春夏秋冬东南西"));
    CHECK("hard break", !strcmp(o.lines[2].text, "日月山水花鸟"));
    CHECK("hard break", o.lines[2].flags & FOLIO_LINE_LAST);
    CHECK("JUS-4", o.lines[2].stretch == 0);
    CHECK("offset", o.lines[2].offset == strlen("春夏秋冬东南西北上下左右前后天地"));
    CHECK("offset", o.lines[3].offset == runs[2].offset && !strcmp(o.lines[3].text, "草木虫鱼。"));
    CHECK("flags", (o.lines[0].flags & FOLIO_LINE_FIRST) && !(o.lines[1].flags & FOLIO_LINE_FIRST));
    for (size_t i = 0; i < o.nlines; i++)
        CHECK("fields", o.lines[i].size == 10 && o.lines[i].role == FOLIO_ROLE_BODY &&
                            o.lines[i].article == 0 && o.lines[i].src_line == 1 &&
                            o.lines[i].y == 0);
}

/* A centred title breaks into balanced lines, each centred, unstretched. */
static void test_centered(fixture *fx) {
    folio_para_run run;
    folio_para_in in =
        fx_in(fx, &run, "关于进一步加强城乡基层治理体系和治理能力现代化建设的若干意见", 20);
    in.align = ALIGN_CENTER;
    in.no_widow_char = 0;
    folio_para_out o;
    if (fx_set(fx, &in, &o) < 0) return;
    fx_check_common(&o, "title");
    CHECK("balance", o.nlines == 2);
    if (o.nlines != 2) return;
    double a = o.lines[0].natural, b = o.lines[1].natural;
    if (fabs(a - b) > EM + 0.01)
        FAIL("balance", "centred lines of %.1f and %.1f pt are not balanced", a, b);
    for (size_t i = 0; i < 2; i++) {
        const folio_line *l = &o.lines[i];
        CHECK("centre", l->flags & FOLIO_LINE_CENTERED);
        CHECK("centre", l->stretch == 0);
        CHECK("centre", fabs(l->x - (l->width - line_extent(l)) / 2) < 0.01);
    }
    /* A heading set ragged never leaves one character on its last line. */
    in = fx_in(fx, &run, "一、以项目为载体把党建工作嵌进业务", 16);
    in.align = ALIGN_LEFT;
    in.no_widow_char = 0;
    if (fx_set(fx, &in, &o) == 0 && o.nlines > 1 &&
        utf8_count(o.lines[o.nlines - 1].text, strlen(o.lines[o.nlines - 1].text)) < 2)
        FAIL("WO-1", "ragged heading leaves |%s|", o.lines[o.nlines - 1].text);
}

/* Latin text: spaces stretch, the spaces at line ends are dropped. */
static void test_spaces(fixture *fx) {
    folio_para_run run;
    folio_para_in in = fx_in(fx, &run,
                             "The quick brown fox jumps over the lazy dog while the typesetter "
                             "measures every line twice and cuts it once, as printers say.",
                             18);
    folio_para_out o;
    if (fx_set(fx, &in, &o) < 0) return;
    fx_check_common(&o, "latin");
    CHECK("lines", o.nlines >= 3);
    for (size_t i = 0; i < o.nlines; i++) {
        const folio_line *l = &o.lines[i];
        if (l->n && (l->g[0].cp == ' ' || l->g[l->n - 1].cp == ' '))
            FAIL("spaces", "line %zu keeps a space at an edge |%s|", i, l->text);
        if (l->text[0] == ' ' || (*l->text && l->text[strlen(l->text) - 1] == ' '))
            FAIL("spaces", "line %zu text keeps an edge space", i);
    }
}

/* A URL longer than the measure: broken anywhere, nothing overfull. */
static void test_long_url(fixture *fx) {
    folio_para_run run;
    folio_para_in in = fx_in(fx, &run,
                             "下载地址为https://downloads.example.org/folio/releases/2026/"
                             "folio-0.1-source-with-every-font-and-layout.tar.gz，请核对校验和。",
                             12);
    folio_para_out o;
    if (fx_set(fx, &in, &o) < 0) return;
    fx_check_common(&o, "url"); /* flush, nothing overfull */
    char *all = fx_join(&o);
    CHECK("text", all && strstr(all, "folio-0.1-source"));
    free(all);
}

/* KIN-3: the strictness level reaches ICU; every level keeps KIN-1/2. */
static void test_levels(fixture *fx) {
    const char *t =
        "ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖー々。春夏秋冬東南西北ー上下。";
    for (int lv = KINSOKU_LOOSE; lv <= KINSOKU_STRICT; lv++)
        for (float m = 5; m <= 12; m += 1) {
            folio_para_run run;
            folio_para_in in = fx_in(fx, &run, t, m);
            in.kinsoku = (folio_kinsoku)lv;
            folio_para_out o;
            if (fx_set(fx, &in, &o) == 0) fx_check_common(&o, "levels");
        }
}

/* Empty and space-only paragraphs set nothing and do not fail. */
static void test_empty(fixture *fx) {
    folio_para_run run;
    folio_para_in in = fx_in(fx, &run, "", 10);
    folio_para_out o;
    CHECK("empty", fx_set(fx, &in, &o) == 0 && o.nlines == 0);
    in = fx_in(fx, &run, "春", 10);
    in.size = 0;
    size_t errors = fx->diags.nerrors;
    CHECK("input", para_set(fx->fonts, &in, fx->arena, &o, &fx->diags) == -1 &&
                       fx->diags.nerrors == errors + 1);
    in = fx_in(fx, &run, "   ", 10);
    CHECK("empty",
          fx_set(fx, &in, &o) == 0 && o.nlines <= 1 && (o.nlines == 0 || o.lines[0].n == 0));
}

int main(void) {
    fixture fx;
    if (fx_open(&fx) < 0) return 1;
    test_runs_and_hard_breaks(&fx);
    test_centered(&fx);
    test_spaces(&fx);
    test_long_url(&fx);
    test_levels(&fx);
    test_empty(&fx);
    fx_close(&fx);
    if (failures) fprintf(stderr, "%d failures\n", failures);
    return failures != 0;
}
