/* issue_util.c — the character classes the back-issue importer decides by. */
#include "issue_private.h"

#include "../util/utf8.h"

#include <string.h>
#include <strings.h>

size_t iu_chars(const char *s) {
    return utf8_count(s, strlen(s));
}

static int is_space_cp(uint32_t cp) {
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

int iu_is_blank(const char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (!is_space_cp(cp)) return 0;
    }
    return 1;
}

/* The last code point of s before trailing spaces, 0 for none; *prev the one before. */
static uint32_t last_cp(const char *s, uint32_t *prev) {
    size_t n = strlen(s);
    uint32_t last = 0, before = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (is_space_cp(cp)) continue;
        before = last;
        last = cp;
    }
    if (prev) *prev = before;
    return last;
}

static int is_final(uint32_t cp) {
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' || cp == 0x2026 ||
           cp == 0xFF1B || cp == ';' || cp == 0xFF0E;
}

static int is_closer(uint32_t cp) {
    return cp == 0x201D || cp == 0x2019 || cp == 0xFF09 || cp == ')' || cp == 0x300D ||
           cp == 0x300F || cp == 0x300B || cp == '"' || cp == 0x3011;
}

int iu_ends_sentence(const char *s) {
    uint32_t prev, last = last_cp(s, &prev);
    if (is_final(last)) return 1;
    if (last == '.' && prev > 0x2E80) return 1; /* a Chinese sentence closed by a Latin stop */
    return is_closer(last) && (is_final(prev) || prev == '.');
}

/* Punctuation that a contents list and a title set differently (half- and
 * full-width forms, quotes, dashes, dots, spaces) is left out of comparisons. */
int iu_starts_mid_sentence(const char *s) {
    /* ，、。；：！？ (an ellipsis may open a paragraph) and closing marks */
    static const uint32_t marks[] = {0xFF0C, 0x3001, 0x3002, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, ','};
    uint32_t cp = 0;
    if (*s) utf8_decode(s, strlen(s), &cp);
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (cp == marks[i]) return 1;
    return is_closer(cp) && cp != '"';
}

static int is_soft_punct(uint32_t cp) {
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
    return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xB7;
}

/* A copy of s without spaces and, when soft is set, without soft punctuation
 * and with full-width letters and digits made ASCII. */
static char *folded(folio_arena *a, const char *s, int soft) {
    size_t n = strlen(s);
    char *o = arena_alloc(a, n + 1), *p = o;
    if (!o) return NULL;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (is_space_cp(cp) || (soft && is_soft_punct(cp))) {
            i += k;
            continue;
        }
        if (!soft) {
            memcpy(p, s + i, k);
            p += k;
        } else {
            if (cp >= 0xFF10 && cp <= 0xFF5A) cp -= 0xFEE0; /* full-width letters, digits */
            p += utf8_encode(cp, p);
        }
        i += k;
    }
    *p = 0;
    return o;
}

char *iu_squeeze(folio_arena *a, const char *s) {
    return folded(a, s, 0);
}

char *iu_norm(folio_arena *a, const char *s) {
    return folded(a, s, 1);
}

static int is_cjk_numeral(uint32_t cp) {
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                    0x4E03, 0x516B, 0x4E5D, 0x5341, 0x96F6, 0x3007};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if (cp == nums[i]) return 1;
    return 0;
}

/* Reads a run of code points of class f at s; returns bytes read. */
static size_t run_of(const char *s, int (*f)(uint32_t)) {
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!f(cp)) break;
        i += k;
    }
    return i;
}

static int is_digit_cp(uint32_t cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int starts(const char *s, const char *p) {
    return !strncmp(s, p, strlen(p));
}

int iu_heading_level(const char *s) {
    size_t k;
    if ((k = run_of(s, is_cjk_numeral)) && k <= 9 && starts(s + k, "\xE3\x80\x81")) return 2;
    int open = starts(s, "\xEF\xBC\x88") ? 3 : starts(s, "(") ? 1 : 0; /* （ or ( */
    if (open && (k = run_of(s + open, is_cjk_numeral)) && k <= 9 &&
        (starts(s + open + k, "\xEF\xBC\x89") || starts(s + open + k, ")")))
        return 3;
    if ((k = run_of(s, is_digit_cp)) && k <= 2 &&
        (starts(s + k, ".") || starts(s + k, "\xEF\xBC\x8E") || starts(s + k, "\xE3\x80\x81")) &&
        !is_digit_cp((unsigned char)s[k + 1]))
        return 3;
    return 0;
}

int iu_caption_label(const char *s) {
    /* 图 U+56FE or 表 U+8868, then a number in figures or Chinese numerals */
    if (!starts(s, "\xE5\x9B\xBE") && !starts(s, "\xE8\xA1\xA8")) return 0;
    return run_of(s + 3, is_digit_cp) > 0 || run_of(s + 3, is_cjk_numeral) > 0;
}

int iu_page_number(const char *s) {
    while (*s == ' ' || *s == '-' || starts(s, "\xE2\x80\x94") || starts(s, "\xE3\x80\x80"))
        s += *s == ' ' || *s == '-' ? 1 : 3;
    int v = 0, digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 4)
        v = v * 10 + (*s++ - '0'), digits++;
    if (!digits) return -1;
    while (*s == ' ' || *s == '-' || starts(s, "\xE2\x80\x94") || starts(s, "\xE3\x80\x80"))
        s += *s == ' ' || *s == '-' ? 1 : 3;
    return *s ? -1 : v;
}

int iu_leading_number(const char *s, const char **rest) {
    int v = 0, digits = 0;
    while (s[digits] >= '0' && s[digits] <= '9' && digits < 4)
        v = v * 10 + (s[digits] - '0'), digits++;
    if (!digits || digits > 3) return -1;
    const char *p = s + digits;
    if (*p != ' ' && !starts(p, "\xE3\x80\x80") && (unsigned char)*p < 0x80) return -1;
    while (*p == ' ' || starts(p, "\xE3\x80\x80"))
        p += *p == ' ' ? 1 : 3;
    if (!*p || starts(p, "\xE5\xB9\xB4")) return -1; /* 2020年 is not a page */
    *rest = p;
    return v;
}

static int is_han(uint32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

int iu_is_names(const char *s) {
    size_t n = strlen(s), names = 0, len = 0;
    for (size_t i = 0; i <= n;) {
        uint32_t cp = ' ';
        if (i < n)
            i += utf8_decode(s + i, n - i, &cp);
        else
            i++;
        if (is_han(cp) || cp == 0xB7) {
            len++;
            continue;
        }
        if (!is_space_cp(cp) && cp != 0x3001 && cp != ',' && cp != 0xFF0C) return 0;
        if (len) {
            if (len < 2 || len > 4) return 0;
            names++;
        }
        len = 0;
    }
    return names >= 1 && names <= 6;
}

int iu_is_org(const char *s) {
    static const char *const ends[] = {"组织部", "申报", "课题组", "编辑部", "研究室", "委员会",
                                       "党委",   "党组", "办公室", "宣传部", "调研组", "供稿",
                                       "提供",   "党校", "支部",   "工委",   "政府",   "中心",
                                       "协会",   "学院", "大学",   "报社",   "记者站"};
    size_t n = strlen(s);
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t k = strlen(ends[i]);
        if (n >= k && !strcmp(s + n - k, ends[i])) return 1;
    }
    return starts(s, "本刊记者") || starts(s, "本刊评论员") || starts(s, "本刊编辑部") ||
           starts(s, "记者") || starts(s, "文/") || starts(s, "文 /") || starts(s, "作者");
}

int iu_is_contents_head(folio_arena *a, const char *s) {
    char *q = iu_squeeze(a, s);
    return q && (!strcmp(q, "目录") || !strcmp(q, "目次") || !strcmp(q, "本期目录") ||
                 !strcasecmp(q, "contents"));
}

const char *issue_line_norm(issue_ctx *c, size_t i) {
    if (!c->norm[i]) c->norm[i] = iu_norm(c->arena, c->l->v[i].text);
    return c->norm[i];
}
