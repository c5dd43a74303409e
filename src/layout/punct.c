/* punct.c — character classes for Chinese setting (roles, punctuation kinds,
 * clreq line-edge prohibitions). */
#include "punct.h"

#include <stddef.h>

static int in_list(uint32_t cp, const uint32_t *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (list[i] == cp) return 1;
    return 0;
}

#define IN(cp, arr) in_list((cp), (arr), sizeof(arr) / sizeof((arr)[0]))

static const uint32_t OPENS[] = {0x201C, 0x2018, 0xFF08, 0x300A, 0x3008, 0x300C, 0x300E, 0x3010,
                                 0x3014, 0x3016, 0x3018, 0x301A, 0xFF3B, 0xFF5B, 0xFF5F, 0x301D};
static const uint32_t CLOSES[] = {0x201D, 0x2019, 0xFF09, 0x300B, 0x3009, 0x300D,
                                  0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B,
                                  0xFF3D, 0xFF5D, 0xFF60, 0x301E, 0x301F};
static const uint32_t STOPS[] = {0x3001, 0xFF0C, 0x3002, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01};
static const uint32_t MIDDLES[] = {0x00B7, 0x30FB, 0xFF65, 0x2027};
static const uint32_t DASHES[] = {0x2014, 0x2015, 0x2026, 0x2025, 0x2E3A, 0x2E3B};
/* Iteration and prolonged marks, and Latin-side marks that cling to what
 * precedes them. */
static const uint32_t NO_START_EXTRA[] = {0x3005, 0x303B, 0x30FC, 0x309D, 0x309E,
                                          0x30FD, 0x30FE, 0x3003, 0x2030, 0x2103,
                                          0x00BB, 0x203A, 0xFF05, 0x2032, 0x2033};
static const uint32_t NO_END_EXTRA[] = {0x00AB, 0x2039};
/* Symbols below U+2E80 that Chinese fonts set full-width. */
static const uint32_t CJK_SYMBOLS[] = {0x2103, 0x2109, 0x2116, 0x2121, 0x203B,
                                       0x2020, 0x2021, 0x2022, 0x2016};

static int is_cjk_range(uint32_t cp) {
    if (cp >= 0x2E80 && cp <= 0xA4CF)
        return 1; /* radicals, CJK symbols, kana, bopomofo, Hangul compat, Han, Yi */
    if (cp >= 0x1100 && cp <= 0x11FF) return 1;
    if (cp >= 0xAC00 && cp <= 0xD7AF) return 1;
    if (cp >= 0xF900 && cp <= 0xFAFF) return 1;
    if ((cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F)) return 1;
    if (cp >= 0xFF01 && cp <= 0xFFEF) return 1;
    if (cp >= 0x20000 && cp <= 0x3FFFF) return 1;
    if (cp >= 0x2460 && cp <= 0x27BF)
        return 1; /* enclosed numbers, box drawing, shapes, dingbats */
    if ((cp >= 0x2160 && cp <= 0x217F) || (cp >= 0x2190 && cp <= 0x21FF))
        return 1; /* Roman numerals, arrows */
    return IN(cp, CJK_SYMBOLS);
}

static int is_common_han(uint32_t cp) {
    return cp >= 0x4E00 && cp <= 0x9FFF;
}

punct_class punct_classify(uint32_t cp) {
    if (is_common_han(cp)) return PC_IDEO; /* the fast path for most characters */
    if (cp > ' ' && cp < 0x7F) return PC_LATIN;
    if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85 || cp == 0x0B || cp == 0x0C)
        return PC_NEWLINE;
    if (cp == ' ' || cp == '\t' || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x205F) return PC_SPACE;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xE0100 && cp <= 0xE01EF))
        return PC_INVIS;
    if (IN(cp, OPENS)) return PC_OPEN;
    if (IN(cp, CLOSES)) return PC_CLOSE;
    if (IN(cp, STOPS)) return PC_STOP;
    if (IN(cp, MIDDLES)) return PC_MIDDLE;
    if (IN(cp, DASHES)) return PC_DASH;
    return is_cjk_range(cp) ? PC_IDEO : PC_LATIN;
}

int punct_is_curly_quote(uint32_t cp) {
    return cp >= 0x2018 && cp <= 0x201D && cp != 0x201A && cp != 0x201B;
}

int punct_quote_is_open(uint32_t cp) {
    return cp == 0x201C || cp == 0x2018;
}

int punct_no_start(uint32_t cp) {
    if (is_common_han(cp) || (cp < 0x80 && ((cp | 0x20) - 'a' < 26 || cp - '0' < 10))) return 0;
    switch (cp) {
    case ',':
    case '.':
    case ';':
    case ':':
    case '?':
    case '!':
    case ')':
    case ']':
    case '}':
    case '%':
        return 1;
    default:
        break;
    }
    return IN(cp, CLOSES) || IN(cp, STOPS) || IN(cp, MIDDLES) || IN(cp, NO_START_EXTRA);
}

int punct_no_end(uint32_t cp) {
    if (is_common_han(cp)) return 0;
    return cp == '(' || cp == '[' || cp == '{' || IN(cp, OPENS) || IN(cp, NO_END_EXTRA);
}

int punct_is_dash(uint32_t cp) {
    return !is_common_han(cp) && IN(cp, DASHES);
}

int punct_is_letter(uint32_t cp) {
    punct_class c = punct_classify(cp);
    if (c == PC_IDEO) return !(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0xFF01 && cp <= 0xFF0F);
    if (c != PC_LATIN) return 0;
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x2BFF);
}
