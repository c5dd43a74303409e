/* test_para_rules.c — the paragraph setter against clreq rules on small
 * constructed paragraphs (KIN-1/2/4/5, PUN-2/3, MIX-1, JUS-1..4, WO-1). */
#include "para_fixture.h"

#define EM 10.0 /* fx_in sets 10 pt */

static folio_para_out set_at(fixture *fx, const char *text, float measure_em, float indent_em) {
    folio_para_run run;
    folio_para_in in = fx_in(fx, &run, text, measure_em);
    in.first_indent = indent_em * (float)EM;
    folio_para_out out = {0};
    if (fx_set(fx, &in, &out) < 0) FAIL("para_set", "failed on |%s|", text);
    fx_check_common(&out, text);
    return out;
}

static size_t glyph_index(const folio_line *l, uint32_t cp, size_t from) {
    for (size_t k = from; k < l->n; k++)
        if (l->g[k].cp == cp) return k;
    return (size_t)-1;
}

/* KIN-1: a line that would start with 。 carries it (squeezing a comma
 * elsewhere) or pulls a character down. */
static void test_kin1(fixture *fx) {
    /* Ten Han then 。: no shrinkable mark on line 1, so a character moves down. */
    folio_para_out o = set_at(fx, "春夏秋冬东南西北上下。左右前后天地日月山水花鸟。", 10, 0);
    CHECK("KIN-1", o.nlines >= 2 && first_cp(o.lines[1].text) != 0x3002);
    if (o.nlines >= 2 && strncmp(o.lines[1].text, "下。", strlen("下。")) != 0)
        FAIL("KIN-1", "expected 下 pulled down before 。, got |%s|", o.lines[1].text);
    /* With a comma on the line, the line carries 。 by squeezing the comma. */
    o = set_at(fx, "春夏秋，冬东南西北上下。左右前后天地日月山水花鸟草木。", 11, 0);
    if (o.nlines < 2 || last_cp(o.lines[0].text) != 0x3002)
        FAIL("KIN-1", "expected line 1 to carry 。 by squeezing ，: |%s|",
             o.nlines ? o.lines[0].text : "");
    /* ASCII punctuation in Chinese text does not start a line either. */
    o = set_at(fx, "春夏秋冬东南西北上下,左右前后天地日月山水花鸟.", 10, 0);
    (void)o; /* fx_check_common asserts KIN-1 on every line */
}

/* KIN-2: an opening quote never ends a line. */
static void test_kin2(fixture *fx) {
    folio_para_out o = set_at(fx, "春夏秋冬东南西北上“下左右前后”天地日月山水花鸟草木。", 10, 0);
    CHECK("KIN-2", o.nlines >= 2 && last_cp(o.lines[0].text) != 0x201C);
    o = set_at(fx, "春夏秋冬东南西北上《下左右前后》天地日月山水花鸟草木。", 10, 0);
    CHECK("KIN-2", o.nlines >= 2 && last_cp(o.lines[0].text) != 0x300A);
}

/* KIN-4: —— and …… are never split or spaced, wherever they fall. */
static void test_kin4(fixture *fx) {
    const char *t = "春夏秋冬东南西北——上下左右前后天地日……月山水花鸟草木——风云雷电"
                    "……江河湖海，春夏秋冬——东南西北。";
    for (float m = 6; m <= 16; m += 0.5f) {
        folio_para_out o = set_at(fx, t, m, 0);
        for (size_t i = 0; i < o.nlines; i++) {
            const folio_line *l = &o.lines[i];
            uint32_t e = last_cp(l->text);
            if ((e == 0x2014 || e == 0x2026) && i + 1 < o.nlines &&
                first_cp(o.lines[i + 1].text) == e)
                FAIL("KIN-4", "measure %.1f em: %04X split across lines %zu/%zu", m, (unsigned)e, i,
                     i + 1);
            for (size_t k = 0; k + 1 < l->n; k++)
                if ((l->g[k].cp == 0x2014 || l->g[k].cp == 0x2026) &&
                    l->g[k + 1].cp == l->g[k].cp &&
                    fabs(l->g[k].x + l->g[k].adv - l->g[k + 1].x) > 0.001)
                    FAIL("KIN-4", "measure %.1f em: space inside %04X pair on line %zu", m,
                         (unsigned)l->g[k].cp, i);
        }
    }
}

/* KIN-5: a Latin word and a number stay whole and are not letter-spaced. */
static void test_kin5(fixture *fx) {
    const char *t = "我们用Typesetting算出圆周率3.1415926，又测得增幅为12.5%，"
                    "随后在2026年发布了新版本，访问 https://example.org/folio 即可下载。";
    for (float m = 8; m <= 20; m += 0.5f) {
        folio_para_out o = set_at(fx, t, m, 0);
        int word = 0, num = 0;
        for (size_t i = 0; i < o.nlines; i++) {
            const folio_line *l = &o.lines[i];
            word |= strstr(l->text, "Typesetting") != NULL;
            num |= strstr(l->text, "3.1415926") != NULL;
            /* No added space inside the word or the number. */
            const char *keep[] = {"Typesetting", "3.1415926"};
            for (size_t w = 0; w < 2; w++) {
                size_t k = 0, len = strlen(keep[w]);
                for (; k + len <= l->n; k++) {
                    size_t j = 0;
                    while (j < len && l->g[k + j].cp == (uint32_t)keep[w][j])
                        j++;
                    if (j == len) break;
                }
                for (size_t j = 0; k + len <= l->n && j + 1 < len; j++)
                    if (fabs(l->g[k + j].x + l->g[k + j].adv - l->g[k + j + 1].x) > 0.001)
                        FAIL("KIN-5", "measure %.1f em: %s letter-spaced on line %zu", m, keep[w],
                             i);
            }
            /* The URL breaks only where UAX #14 allows (after a slash). */
            uint32_t e = last_cp(l->text);
            if (i + 1 < o.nlines && e < 0x80 && strchr("htpsexamplorgfi:.", (int)e) && e != 0 &&
                first_cp(o.lines[i + 1].text) < 0x80 && first_cp(o.lines[i + 1].text) != 'h')
                FAIL("KIN-5", "measure %.1f em: URL split after %c", m, (char)e);
        }
        if (!word || !num) FAIL("KIN-5", "measure %.1f em: Typesetting or 3.1415926 split", m);
    }
}

/* KIN-5 for addresses: an e-mail address too long for what is left of a line
 * breaks before its @ or _ (never before a period, never letter-spaced)
 * rather than leaving the line before it spaced out. */
static void test_kin5_address(fixture *fx) {
    const char *t = "来稿请注明作者姓名、单位及联系电话，发送至本刊电子信箱：cxzl_bjb@example.cn。"
                    "来稿一经采用即付稿酬，三个月内未接到用稿通知的，作者可自行处理。";
    int split = 0;
    for (float m = 12; m <= 36; m += 0.5f) {
        folio_para_out o = set_at(fx, t, m, 0);
        for (size_t i = 0; i + 1 < o.nlines; i++) {
            const char *a = o.lines[i].text, *b = o.lines[i + 1].text;
            uint32_t e = last_cp(a), f = first_cp(b);
            if (e >= 0x80 || f >= 0x80) continue; /* not inside the address */
            split++;
            if (f != '@' && f != '_')
                FAIL("KIN-5", "measure %.1f em: address split between |%s| and |%s|", m, a, b);
        }
    }
    if (!split) FAIL("KIN-5", "the address never breaks: lines before it are spaced out");
    /* The case that asked for it: 36 em, where the whole address does not fit
     * after 信箱： and the line would otherwise be spaced a quarter em a gap. */
    folio_para_out o = set_at(fx, t, 36, 0);
    for (size_t i = 0; i < o.nlines; i++)
        if (!(o.lines[i].flags & FOLIO_LINE_LAST) && o.lines[i].n > 1 &&
            o.lines[i].stretch / (float)(o.lines[i].n - 1) > 0.1f * (float)EM)
            FAIL("JUS-3", "36 em: line %zu spaced %.3f em a gap", i,
                 o.lines[i].stretch / (float)(o.lines[i].n - 1) / (float)EM);
}

/* PUN-2 + PUN-3: 。” at a line end takes exactly 1 em and ends flush. */
static void test_pun_end(fixture *fx) {
    const char *t = "他回答说：“春夏秋冬东南西北。”左右前后说：“天地日月山水花鸟。”"
                    "风云雷电说：“江河湖海草木虫鱼。”";
    int seen = 0;
    for (float m = 8; m <= 22; m += 1) {
        folio_para_out o = set_at(fx, t, m, 0);
        for (size_t i = 0; i + 1 < o.nlines; i++) {
            const folio_line *l = &o.lines[i];
            if (l->n < 3 || l->g[l->n - 1].cp != 0x201D || l->g[l->n - 2].cp != 0x3002) continue;
            seen++;
            /* Set boxes abut: 。 starts where the character before it ends. */
            double w = line_extent(l) - (l->g[l->n - 3].x + l->g[l->n - 3].adv);
            if (fabs(w - EM) > 0.01)
                FAIL("PUN-2/PUN-3", "。” at line end takes %.3f pt, not 1 em", w);
        }
    }
    CHECK("PUN-3", seen > 0);
}

/* PUN-2 mid-line: ，“ takes 1.5 em; MIX-1: ¼ em between Han and Latin. */
static void test_pun_mid_and_mix(fixture *fx) {
    folio_para_out o = set_at(fx, "他说，“用Python 3写。”", 30, 0);
    CHECK("PUN-2", o.nlines == 1);
    if (o.nlines != 1) return;
    const folio_line *l = &o.lines[0];
    size_t c = glyph_index(l, 0xFF0C, 0), q = glyph_index(l, 0x201C, 0);
    if (c == (size_t)-1 || q != c + 1)
        FAIL("PUN-2", "，“ not found");
    else if (fabs(l->g[q].x + l->g[q].adv - (l->g[c - 1].x + l->g[c - 1].adv) - 1.5 * EM) > 0.01)
        FAIL("PUN-2", "，“ takes %.3f pt, not 1.5 em",
             l->g[q].x + l->g[q].adv - (l->g[c - 1].x + l->g[c - 1].adv));
    size_t p = glyph_index(l, 'P', 0), w = glyph_index(l, 0x5199, 0);
    if (p == (size_t)-1 || w == (size_t)-1)
        FAIL("MIX-1", "glyphs not found");
    else {
        double g1 = l->g[p].x - (l->g[p - 1].x + l->g[p - 1].adv);
        double g2 = l->g[w].x - (l->g[w - 1].x + l->g[w - 1].adv);
        if (fabs(g1 - EM / 4) > 0.01 || fabs(g2 - EM / 4) > 0.01)
            FAIL("MIX-1", "Han–Latin gaps %.3f and %.3f pt, not 2.5", g1, g2);
    }
    /* A space typed between Han and Latin becomes the same ¼ em. */
    o = set_at(fx, "使用 folio 排版", 30, 0);
    if (o.nlines == 1) {
        l = &o.lines[0];
        size_t f = glyph_index(l, 'f', 0);
        double gap = f == (size_t)-1 ? -1 : l->g[f].x - (l->g[0].x + l->g[0].adv + l->g[1].adv);
        if (fabs(gap - EM / 4) > 0.01)
            FAIL("MIX-1", "space between Han and Latin is %.3f pt, not ¼ em", gap);
    }
    /* None at a line start: a line starting with a Latin word starts at 0. */
    o = set_at(fx, "春夏秋冬东南西北上下左右Folio前后天地。", 12, 0);
    for (size_t i = 1; i < o.nlines; i++)
        if (o.lines[i].n && o.lines[i].g[0].x != 0 && o.lines[i].g[0].cp < 0x80)
            FAIL("MIX-1", "gap at a line start");
}

/* JUS-4: the last line is set solid and start-aligned; JUS-1 lines flush. */
static void test_jus(fixture *fx) {
    folio_para_out o = set_at(
        fx, "春夏秋冬东南西北上下左右前后天地日月山水花鸟，草木虫鱼风云雷电江河湖海。", 12, 2);
    CHECK("JUS-4", o.nlines >= 2);
    if (o.nlines < 2) return;
    const folio_line *l = &o.lines[o.nlines - 1];
    CHECK("JUS-4", (l->flags & FOLIO_LINE_LAST) && l->stretch == 0 && l->x == 0);
    CHECK("PAR-1", o.lines[0].x == 2 * EM && (o.lines[0].flags & FOLIO_LINE_FIRST));
    CHECK("JUS-1", fabs(line_extent(&o.lines[0]) - 10 * EM) < 0.01);
}

/* JUS-2: shrink punctuation first, then Han–Latin gaps, never below ⅛ em. */
static void test_shrink_order(fixture *fx) {
    const char *t = "春夏秋，冬东南ab西北上下。";
    folio_para_out o = set_at(fx, t, 40, 0);
    if (o.nlines != 1) {
        FAIL("JUS-2", "expected one line at 40 em");
        return;
    }
    double natural = o.lines[0].natural;
    for (int pass = 0; pass < 2; pass++) {
        /* 2 pt short: the comma gives it; 6 pt short: the comma gives 5 pt
         * and the two ¼ em gaps the rest. */
        double need = pass ? 6 : 2;
        o = set_at(fx, t, (float)((natural - need) / EM), 0);
        if (o.nlines != 1) {
            FAIL("JUS-2", "expected one shrunk line, got %zu", o.nlines);
            return;
        }
        const folio_line *l = &o.lines[0];
        size_t c = glyph_index(l, 0xFF0C, 0), a = glyph_index(l, 'a', 0);
        double comma = l->g[c].x + l->g[c].adv - (l->g[c - 1].x + l->g[c - 1].adv);
        double gap = l->g[a].x - (l->g[a - 1].x + l->g[a - 1].adv);
        double want_comma = pass ? 5 : 8, want_gap = pass ? 2.0 : 2.5;
        if (fabs(comma - want_comma) > 0.01 || fabs(gap - want_gap) > 0.01)
            FAIL("JUS-2", "short by %.0f pt: comma %.2f pt (want %.2f), gap %.2f pt (want %.2f)",
                 need, comma, want_comma, gap, want_gap);
        if (fabs(line_extent(l) - l->width) > 0.01) FAIL("JUS-2", "shrunk line not flush");
    }
}

/* PUN-2: two opening marks take 1.5 em; the second moves into the first's
 * half. */
static void test_two_openings(fixture *fx) {
    folio_para_out o = set_at(fx, "他读过“《春秋》”一书。", 30, 0);
    if (o.nlines != 1) {
        FAIL("PUN-2", "expected one line");
        return;
    }
    const folio_line *l = &o.lines[0];
    size_t q = glyph_index(l, 0x201C, 0);
    if (q == (size_t)-1 || l->g[q + 1].cp != 0x300A) {
        FAIL("PUN-2", "“《 not found");
        return;
    }
    double w = l->g[q + 1].x + l->g[q + 1].adv - (l->g[q - 1].x + l->g[q - 1].adv);
    if (fabs(w - 1.5 * EM) > 0.01) FAIL("PUN-2", "“《 takes %.2f pt, not 1.5 em", w);
    /* 》” likewise, and 一书。 ends the line solid. */
    size_t b = glyph_index(l, 0x300B, 0);
    w = l->g[b + 1].x + l->g[b + 1].adv - (l->g[b - 1].x + l->g[b - 1].adv);
    if (fabs(w - 1.5 * EM) > 0.01) FAIL("PUN-2", "》” takes %.2f pt, not 1.5 em", w);
}

/* WO-1: no last line of one character, or one character and punctuation. */
static void test_wo1(fixture *fx) {
    const char *ts[] = {
        "春夏秋冬东南西北上下左右前后天地日月山水花", /* 21 at 20 em */
        "春夏秋冬东南西北上下左右前后天地日月山水花。",
        "春夏秋冬东南西北，上下左右前后天地日月山水花鸟草木虫鱼风云雷电江河湖海春夏秋冬东南西北上"
        "。",
    };
    for (size_t t = 0; t < sizeof ts / sizeof *ts; t++) {
        for (float m = 10; m <= 20; m += 1) {
            folio_para_out o = set_at(fx, ts[t], m, 0);
            if (o.nlines < 2) continue;
            const char *last = o.lines[o.nlines - 1].text;
            size_t letters = 0;
            for (const char *s = last; *s;) {
                uint32_t cp;
                s += utf8_decode(s, strlen(s), &cp);
                letters += is_han(cp);
            }
            if (letters <= 1) FAIL("WO-1", "measure %.0f em: last line |%s|", m, last);
        }
    }
}

/* Missing characters: a placeholder glyph and one warning per character. */
static void test_missing(fixture *fx) {
    size_t before = fx->diags.nwarnings;
    folio_para_out o = set_at(fx, "春\xEE\x80\x80夏\xEE\x80\x80秋", 20, 0);
    CHECK("fonts", o.missing == 1 && fx->diags.nwarnings == before + 1);
    CHECK("fonts", o.nlines == 1 && o.lines[0].n == 5 && o.lines[0].g[1].face == -1 &&
                       fabs(o.lines[0].g[1].adv - EM) < 0.01);
}

int main(int argc, char **argv) {
    fixture fx;
    if (fx_open(&fx) < 0) return 1;
    if (argc > 1) { /* a development aid: set argv[1] at argv[2] em */
        folio_para_out out = set_at(&fx, argv[1], argc > 2 ? (float)atof(argv[2]) : 20,
                                    argc > 3 ? (float)atof(argv[3]) : 2);
        fx_print(&out);
        diags_print(&fx.diags, stderr);
        fx_close(&fx);
        return failures != 0;
    }
    test_kin1(&fx);
    test_kin2(&fx);
    test_kin4(&fx);
    test_kin5(&fx);
    test_kin5_address(&fx);
    test_pun_end(&fx);
    test_pun_mid_and_mix(&fx);
    test_jus(&fx);
    test_shrink_order(&fx);
    test_two_openings(&fx);
    test_wo1(&fx);
    test_missing(&fx);
    fx_close(&fx);
    if (failures) fprintf(stderr, "%d failures\n", failures);
    return failures != 0;
}
