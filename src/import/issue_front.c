/* issue_front.c — the issue's own lines: journal, issue label, date and the
 * masthead (版权页), whose labels print letter-spaced (主 编). */
#include "issue_private.h"

#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const labels[] = {"编委会主任",
                                     "编委会副主任",
                                     "编委会委员",
                                     "编委会",
                                     "编委",
                                     "主办单位",
                                     "主办",
                                     "主管单位",
                                     "主管",
                                     "协办",
                                     "承办",
                                     "出版单位",
                                     "出版",
                                     "编辑出版",
                                     "编印",
                                     "编辑单位",
                                     "社长",
                                     "总编辑",
                                     "总编",
                                     "执行主编",
                                     "常务副主编",
                                     "副主编",
                                     "主编",
                                     "责任编辑",
                                     "编辑部主任",
                                     "美术编辑",
                                     "美术设计",
                                     "设计",
                                     "排版",
                                     "校对",
                                     "编辑",
                                     "地址",
                                     "通讯地址",
                                     "邮编",
                                     "邮政编码",
                                     "电话",
                                     "传真",
                                     "信箱",
                                     "邮箱",
                                     "电子邮箱",
                                     "投稿邮箱",
                                     "网址",
                                     "出刊",
                                     "出刊日期",
                                     "出版日期",
                                     "印刷单位",
                                     "印刷",
                                     "承印",
                                     "发行",
                                     "准印证号",
                                     "内部资料准印证号",
                                     "刊号",
                                     "国际标准连续出版物号",
                                     "国内统一连续出版物号",
                                     "定价",
                                     "顾问",
                                     "总顾问"};

/* The masthead label at the start of s (letter-spacing removed): the
 * longest known label, with *value pointing after it; NULL for none. */
static const char *label_of(issue_ctx *c, const char *s, const char **value) {
    char *q = iu_squeeze(c->arena, s);
    if (!q) return NULL;
    const char *best = NULL;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!strncmp(q, labels[i], strlen(labels[i])) &&
            (!best || strlen(labels[i]) > strlen(best)))
            best = labels[i];
    if (!best) return NULL;
    /* Walk s past the label's characters, letter-spacing included. */
    const char *p = s, *l = best;
    while (*l) {
        while (*p == ' ' || !strncmp(p, "\xE3\x80\x80", 3))
            p += *p == ' ' ? 1 : 3;
        size_t k = 1;
        while ((l[k] & 0xC0) == 0x80)
            k++;
        if (strncmp(p, l, k)) return NULL;
        p += k, l += k;
    }
    while (*p == ' ' || *p == ':' || !strncmp(p, "\xEF\xBC\x9A", 3) ||
           !strncmp(p, "\xE3\x80\x80", 3))
        p += (*p == ' ' || *p == ':') ? 1 : 3;
    /* A label must stand apart from what follows (主编 刘德宏, 主编：…), or end the line. */
    /* A PDF's text runs the label into its value (主编许文彬): the block rule
     * (two labelled lines together) is the evidence there. */
    if (p == s + strlen(s) || p > s + (strlen(best)) || c->l->from_pdf) {
        *value = p;
        return best;
    }
    return NULL;
}

static int add_mast(issue_ctx *c, const char *key, const char *value) {
    if (grow_array(&c->mast, &c->capmast, c->nmast + 1, sizeof *c->mast, 16)) return -1;
    issue_mast *m = &c->mast[c->nmast++];
    memset(m, 0, sizeof *m);
    m->key = arena_strdup(c->arena, key);
    m->value = arena_strdup(c->arena, value);
    return m->key && m->value ? 0 : -1;
}

static int is_notice(const char *s) {
    size_t n = strlen(s);
    return n >= 2 && iu_chars(s) <= 24 &&
           ((s[0] == '(' && s[n - 1] == ')') || (s[0] == '[' && s[n - 1] == ']') ||
            (!strncmp(s, "\xEF\xBC\x88", 3) && !strcmp(s + n - 3, "\xEF\xBC\x89")) ||
            (!strncmp(s, "\xE3\x80\x90", 3) && !strcmp(s + n - 3, "\xE3\x80\x91")));
}

/* The next line after i that is not blank or furniture, or n. */
static size_t next_text(const issue_ctx *c, size_t i) {
    for (i++; i < c->l->n; i++)
        if (c->role[i] != IR_BLANK && c->role[i] != IR_FOLIO) break;
    return i;
}

/* Masthead blocks: two labelled lines or more within a few lines of each
 * other; an unlabelled short line right after an entry continues it. */
static int masthead(issue_ctx *c) {
    size_t n = c->l->n;
    for (size_t i = 0; i < n; i++) {
        const char *v;
        if (c->role[i] || !label_of(c, c->l->v[i].text, &v)) continue;
        size_t j = next_text(c, i), k = j < n ? next_text(c, j) : n;
        const char *w;
        int near = (j < n && !c->role[j] && label_of(c, c->l->v[j].text, &w)) ||
                   (k < n && !c->role[k] && label_of(c, c->l->v[k].text, &w));
        int prev_mast = 0;
        for (size_t b = i; b-- > 0 && b + 6 > i;)
            if (c->role[b] == IR_MASTHEAD) prev_mast = 1;
        if (!near && !prev_mast) continue;
        const char *key = label_of(c, c->l->v[i].text, &v);
        if (!key || add_mast(c, key, v)) return key ? -1 : 0;
        c->role[i] = IR_MASTHEAD;
        /* continuation lines: short, unlabelled, no sentence */
        int notices = 0, more = 0;
        for (size_t m = next_text(c, i); m < n && !c->role[m]; m = next_text(c, m)) {
            const char *t = c->l->v[m].text, *u;
            if (iu_is_contents_head(c->arena, t)) break;
            if (is_notice(t)) {
                notices = 1;
                if (grow_array(&c->notice, &c->capnotice, c->nnotice + 1, sizeof *c->notice, 4))
                    return -1;
                c->notice[c->nnotice++] = t;
                c->role[m] = IR_MASTHEAD;
                continue;
            }
            if (notices || ++more > 2 || label_of(c, t, &u) || iu_chars(t) > 16 ||
                iu_ends_sentence(t))
                break;
            issue_mast *e = &c->mast[c->nmast - 1];
            size_t need = strlen(e->value) + strlen(t) + 2;
            char *joined = arena_alloc(c->arena, need);
            if (!joined) return -1;
            snprintf(joined, need, "%s%s%s", e->value,
                     *e->value && iu_is_names(t) && iu_is_names(e->value) ? " " : "", t);
            e->value = joined;
            c->role[m] = IR_MASTHEAD;
        }
    }
    return 0;
}

/* "2020年第1期", "总第120期": the first label of the issue in the text. */
static int find_issue(issue_ctx *c, size_t *line) {
    for (size_t i = 0; i < c->l->n; i++) {
        /* spacing between Han and digits (2026 年第 3 期) is a typesetter's */
        const char *t = iu_squeeze(c->arena, c->l->v[i].text), *p = t;
        if (!t) return -1;
        while ((p = strstr(p, "\xE5\xB9\xB4\xE7\xAC\xAC"))) { /* 年第 */
            const char *y = p;
            int digits = 0;
            while (y > t && y[-1] >= '0' && y[-1] <= '9' && digits < 4)
                y--, digits++;
            int num = 0;
            const char *q = p + 6;
            while (*q == ' ')
                q++;
            while (*q >= '0' && *q <= '9')
                num = num * 10 + (*q++ - '0');
            while (*q == ' ')
                q++;
            if (digits == 4 && num > 0 && !strncmp(q, "\xE6\x9C\x9F", 3)) { /* 期 */
                c->year = atoi(y);
                c->number = num;
                c->issue = arena_strndup(c->arena, y, (size_t)(q + 3 - y));
                *line = i;
                return c->issue ? 1 : -1;
            }
            p += 6;
        }
    }
    return 0;
}

/* YYYY年M月 in a masthead value (出刊 2020年2月). */
static int date_from(const char *s, int *y, int *m) {
    const char *p = strstr(s, "\xE5\xB9\xB4"); /* 年 */
    if (!p || p - s < 4) return 0;
    *y = atoi(p - 4);
    *m = atoi(p + 3);
    return *y > 1900 && *m >= 1 && *m <= 12;
}

static int choose_date(issue_ctx *c, size_t issue_line) {
    int y = 0, m = 0;
    for (size_t i = 0; i < c->nmast && !m; i++)
        if (strstr(c->mast[i].key, "出") || strstr(c->mast[i].key, "日期"))
            date_from(c->mast[i].value, &y, &m);
    char *d = arena_alloc(c->arena, 16);
    if (!d) return -1;
    if (!m) {
        y = c->year;
        m = c->number >= 1 && c->number <= 12 ? c->number : 1;
        if (y)
            issue_note(c, issue_line, "no date printed: %04d-%02d assumed from the issue number", y,
                       m);
    }
    if (!y) return 0;
    snprintf(d, 16, "%04d-%02d", y, m);
    c->date = d;
    return 0;
}

/* The journal: the short line just before the issue label, else 《X》编辑部 in
 * the masthead. */
static void choose_journal(issue_ctx *c, size_t issue_line, int have_issue) {
    if (have_issue) {
        const char *t = iu_squeeze(c->arena, c->l->v[issue_line].text);
        const char *p = t ? strstr(t, c->issue) : NULL;
        if (p && p > t) {
            char *j = arena_strndup(c->arena, t, (size_t)(p - t));
            while (j && *j && j[strlen(j) - 1] == ' ')
                j[strlen(j) - 1] = 0;
            if (j && iu_chars(j) >= 2 && iu_chars(j) <= 16) {
                c->journal = j;
                return;
            }
        }
        for (size_t b = issue_line; b-- > 0 && b + 4 > issue_line;) {
            if (c->role[b] == IR_BLANK) continue;
            const char *s = c->l->v[b].text;
            if (iu_chars(s) >= 2 && iu_chars(s) <= 16 && !iu_ends_sentence(s)) {
                c->journal = s;
                c->role[b] = IR_FRONT;
                return;
            }
            break;
        }
    }
    for (size_t i = 0; i < c->nmast; i++) {
        const char *v = c->mast[i].value, *o = strstr(v, "\xE3\x80\x8A"), *e;
        if (o && (e = strstr(o, "\xE3\x80\x8B")) && e > o + 3) {
            c->journal = arena_strndup(c->arena, o + 3, (size_t)(e - o - 3));
            return;
        }
    }
}

int issue_front(issue_ctx *c) {
    if (masthead(c)) return -1;
    size_t il = 0;
    int have = find_issue(c, &il);
    if (have < 0) return -1;
    if (have) {
        if (c->role[il] != IR_MASTHEAD) c->role[il] = IR_FRONT;
        const char *t = c->l->v[il].text, *p = strstr(t, "\xE6\x80\xBB\xE7\xAC\xAC"); /* 总第 */
        if (p) c->total = atoi(p + 6);
    } else {
        issue_note(c, 0, "no issue label (such as 2020年第1期) found: set issue in edition.yaml");
    }
    choose_journal(c, il, have);
    if (!c->journal)
        issue_note(c, have ? il : 0, "no journal name found: set journal in edition.yaml");
    for (size_t i = 0; i < c->nmast && !c->publisher; i++)
        if (strstr(c->mast[i].key, "主办")) c->publisher = c->mast[i].value;
    return choose_date(c, il);
}
