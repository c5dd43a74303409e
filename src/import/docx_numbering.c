/* docx_numbering.c — word/numbering.xml: list levels and the labels they show. */
#include "docx_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static dx_fmt fmt_of(const char *s) {
    static const struct {
        const char *name;
        dx_fmt fmt;
    } fmts[] = {{"bullet", DX_FMT_BULLET},
                {"none", DX_FMT_NONE},
                {"upperLetter", DX_FMT_UPPER_LETTER},
                {"lowerLetter", DX_FMT_LOWER_LETTER},
                {"upperRoman", DX_FMT_UPPER_ROMAN},
                {"lowerRoman", DX_FMT_LOWER_ROMAN},
                {"chineseCounting", DX_FMT_CHINESE},
                {"chineseCountingThousand", DX_FMT_CHINESE},
                {"taiwaneseCounting", DX_FMT_CHINESE},
                {"taiwaneseCountingThousand", DX_FMT_CHINESE},
                {"japaneseCounting", DX_FMT_CHINESE},
                {"ideographDigital", DX_FMT_IDEOGRAPH},
                {"ideographTraditional", DX_FMT_HEAVENLY},
                {"decimalEnclosedCircle", DX_FMT_CIRCLED},
                {"decimalEnclosedCircleChinese", DX_FMT_CIRCLED},
                {"decimalZero", DX_FMT_DECIMAL_ZERO}};
    for (size_t i = 0; s && i < sizeof fmts / sizeof fmts[0]; i++)
        if (!strcmp(s, fmts[i].name)) return fmts[i].fmt;
    return DX_FMT_DECIMAL;
}

static int int_attr(dx_ctx *c, const xmlNode *n, const char *local, int fallback) {
    const char *s = n ? dx_attr(c, n, local) : NULL;
    if (!s || !*s) return fallback;
    long v = strtol(s, NULL, 10);
    return v < 0 || v > 100000 ? fallback : (int)v;
}

static void read_levels(dx_ctx *c, const xmlNode *abs, dx_level *lvl) {
    for (int i = 0; i < 9; i++)
        lvl[i] = (dx_level){DX_FMT_DECIMAL, 1, NULL};
    for (xmlNode *k = abs->children; k; k = k->next) {
        if (!dx_w(k, "lvl")) continue;
        int i = int_attr(c, k, "ilvl", -1);
        if (i < 0 || i > 8) continue;
        lvl[i].fmt = fmt_of(dx_val(c, k, "numFmt"));
        lvl[i].start = int_attr(c, dx_child(k, "start"), "val", 1);
        lvl[i].text = dx_val(c, k, "lvlText");
    }
}

int dx_read_numbering(dx_ctx *c) {
    int missing = 0;
    xmlDocPtr doc = dx_xml(c, "word/numbering.xml", &missing);
    if (!doc) return missing ? 0 : -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t n = 0;
    for (xmlNode *k = root ? root->children : NULL; k; k = k->next)
        n += dx_w(k, "num");
    c->nums = n ? arena_calloc(c->a, n, sizeof *c->nums) : NULL;
    if (n && !c->nums) {
        xmlFreeDoc(doc);
        return dx_oom(c);
    }
    for (xmlNode *k = root ? root->children : NULL; k; k = k->next) {
        if (!dx_w(k, "num")) continue;
        dx_num *num = &c->nums[c->nnums++];
        num->id = int_attr(c, k, "numId", -1);
        num->abstract = int_attr(c, dx_child(k, "abstractNumId"), "val", -1);
        for (xmlNode *a = root->children; a; a = a->next)
            if (dx_w(a, "abstractNum") && int_attr(c, a, "abstractNumId", -2) == num->abstract) {
                read_levels(c, a, num->lvl);
                break;
            }
        for (xmlNode *o = k->children; o; o = o->next) {
            int i = dx_w(o, "lvlOverride") ? int_attr(c, o, "ilvl", -1) : -1;
            if (i >= 0 && i <= 8 && dx_child(o, "startOverride"))
                num->lvl[i].start = int_attr(c, dx_child(o, "startOverride"), "val", 1);
        }
    }
    xmlFreeDoc(doc);
    return c->oom ? -1 : 0;
}

dx_num *dx_num_find(dx_ctx *c, int id) {
    for (size_t i = 0; id > 0 && i < c->nnums; i++)
        if (c->nums[i].id == id) return &c->nums[i];
    return NULL;
}

/* Chinese counting: 一 … 十, 十一, 二十, 二十一 … 九十九; beyond, digit by digit. */
static void chinese(folio_buf *b, int v, int ideograph) {
    static const char *const d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (!ideograph && v >= 1 && v <= 99) {
        if (v >= 20) buf_puts(b, d[v / 10]);
        if (v >= 10) buf_puts(b, "十");
        if (v % 10 || v < 10) buf_puts(b, d[v % 10]);
        return;
    }
    char num[16];
    snprintf(num, sizeof num, "%d", v);
    for (const char *s = num; *s; s++)
        buf_puts(b, d[*s - '0']);
}

static void roman(folio_buf *b, int v, int upper) {
    static const struct {
        int v;
        const char *s;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
             {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    for (size_t i = 0; i < sizeof r / sizeof r[0] && v > 0 && v < 5000; i++)
        for (; v >= r[i].v; v -= r[i].v)
            for (const char *s = r[i].s; *s; s++)
                buf_putc(b, upper ? (char)(*s - 32) : *s);
}

static void format_value(folio_buf *b, dx_fmt fmt, int v) {
    static const char *const heavenly[] = {"甲", "乙", "丙", "丁", "戊",
                                           "己", "庚", "辛", "壬", "癸"};
    switch (fmt) {
    case DX_FMT_UPPER_LETTER:
    case DX_FMT_LOWER_LETTER:
        for (int k = 0; k <= (v - 1) / 26 && v > 0; k++)
            buf_putc(b, (char)((fmt == DX_FMT_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26));
        break;
    case DX_FMT_UPPER_ROMAN:
    case DX_FMT_LOWER_ROMAN:
        roman(b, v, fmt == DX_FMT_UPPER_ROMAN);
        break;
    case DX_FMT_CHINESE:
    case DX_FMT_IDEOGRAPH:
        chinese(b, v, fmt == DX_FMT_IDEOGRAPH);
        break;
    case DX_FMT_HEAVENLY:
        if (v >= 1 && v <= 10) {
            buf_puts(b, heavenly[v - 1]);
            break;
        }
        buf_printf(b, "%d", v);
        break;
    case DX_FMT_CIRCLED:
        if (v >= 1 && v <= 20) {
            buf_put_utf8(b, 0x2460 + (uint32_t)(v - 1));
            break;
        }
        buf_printf(b, "%d", v);
        break;
    case DX_FMT_DECIMAL_ZERO:
        buf_printf(b, "%02d", v);
        break;
    case DX_FMT_NONE:
    case DX_FMT_BULLET:
        break;
    case DX_FMT_DECIMAL:
        buf_printf(b, "%d", v);
        break;
    }
}

const char *dx_num_next(dx_ctx *c, dx_num *num, int ilvl, int *value) {
    if (ilvl < 0 || ilvl > 8) ilvl = 0;
    num->count[ilvl] = num->started[ilvl] ? num->count[ilvl] + 1 : num->lvl[ilvl].start;
    num->started[ilvl] = 1;
    for (int k = ilvl + 1; k < 9; k++)
        num->started[k] = 0;
    *value = num->count[ilvl];
    const char *t = num->lvl[ilvl].text;
    if (!t) t = num->lvl[ilvl].fmt == DX_FMT_BULLET ? "" : "%1.";
    folio_buf b;
    buf_init(&b);
    for (const char *s = t; *s; s++) {
        if (s[0] == '%' && s[1] >= '1' && s[1] <= '9') {
            int k = s[1] - '1';
            format_value(&b, num->lvl[k].fmt, num->started[k] ? num->count[k] : num->lvl[k].start);
            s++;
        } else {
            buf_putc(&b, *s);
        }
    }
    const char *label = b.oom ? NULL : arena_strdup(c->a, b.data ? b.data : "");
    buf_free(&b);
    if (!label) dx_oom(c);
    return label;
}
