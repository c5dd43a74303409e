/* names.c — slugs for bag folders and the escapings of manifests, JSON, HTML. */
#include "archive_private.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

enum { SLUG_MAX = 48 };

/* Han to pinyin, then accents away: 城乡治理 → cheng xiang zhi li. NULL when
 * ICU lacks the transform data. */
static char *to_ascii(const char *s) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, s, -1, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return NULL;
    st = U_ZERO_ERROR;
    int32_t cap = n16 * 8 + 16;
    UChar *u = malloc(sizeof(UChar) * (size_t)cap);
    if (!u) return NULL;
    u_strFromUTF8(u, cap, &n16, s, -1, &st);
    static const UChar id[] = u"Han-Latin; Latin-ASCII";
    UParseError pe;
    UTransliterator *t =
        U_SUCCESS(st) ? utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st) : NULL;
    char *out = NULL;
    if (t && U_SUCCESS(st)) {
        int32_t limit = n16;
        utrans_transUChars(t, u, &n16, cap, 0, &limit, &st);
        if (U_SUCCESS(st)) {
            int32_t n8 = 0;
            UErrorCode st2 = U_ZERO_ERROR;
            u_strToUTF8(NULL, 0, &n8, u, n16, &st2);
            out = malloc((size_t)n8 + 1);
            st2 = U_ZERO_ERROR;
            if (out) u_strToUTF8(out, n8 + 1, NULL, u, n16, &st2);
            if (out && U_FAILURE(st2)) {
                free(out);
                out = NULL;
            }
        }
    }
    if (t) utrans_close(t);
    free(u);
    return out;
}

static char *hash_slug(const char *s) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char *out = malloc(12);
    if (!out) return NULL;
    if (!EVP_Digest(s, strlen(s), md, &mdlen, EVP_sha256(), NULL)) {
        free(out);
        return NULL;
    }
    out[0] = 'x';
    for (int i = 0; i < 5; i++)
        snprintf(out + 1 + 2 * i, 3, "%02x", md[i]);
    return out;
}

char *archive_slug(const char *s) {
    char *ascii = to_ascii(s);
    const char *src = ascii ? ascii : s;
    char *out = malloc(SLUG_MAX + 1);
    if (!out) {
        free(ascii);
        return NULL;
    }
    size_t n = 0;
    int dash = 0;
    for (const char *p = src; *p && n < SLUG_MAX; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n) out[n++] = '-';
            dash = 0;
            if (n < SLUG_MAX) out[n++] = (char)c;
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && n) out[n++] = '-';
            dash = 0;
            if (n < SLUG_MAX) out[n++] = (char)(c + 32);
        } else {
            dash = 1;
        }
    }
    while (n && out[n - 1] == '-')
        n--;
    out[n] = 0;
    free(ascii);
    /* A slug of some letters only (most of the name lost) is no name. */
    if (n < 2) {
        free(out);
        return hash_slug(s);
    }
    return out;
}

char *archive_issue_slug(const archive_record *r) {
    if (r->year > 0 && r->number > 0) {
        char *out = malloc(32);
        if (out) snprintf(out, 32, "%04d-%02d", r->year, r->number);
        return out;
    }
    return archive_slug(r->issue);
}

void archive_pct_encode(folio_buf *b, const char *path) {
    for (const char *p = path; *p; p++) {
        if (*p == '\r')
            buf_puts(b, "%0D");
        else if (*p == '\n')
            buf_puts(b, "%0A");
        else if (*p == '%')
            buf_puts(b, "%25");
        else
            buf_putc(b, *p);
    }
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *archive_pct_decode(const char *s, size_t len) {
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            int a = i + 1 < len ? hexval(s[i + 1]) : -1;
            int c = i + 2 < len ? hexval(s[i + 2]) : -1;
            int h = a >= 0 && c >= 0 ? a * 16 + c : -1;
            /* %00 would cut the path short: malformed too */
            if (h <= 0) {
                free(out);
                return NULL;
            }
            out[n++] = (char)h;
            i += 2;
        } else {
            out[n++] = s[i];
        }
    }
    out[n] = 0;
    return out;
}

void archive_html_str(folio_buf *b, const char *s) {
    if (s) buf_put_xml(b, s, strlen(s), NULL, NULL);
}

void archive_href(folio_buf *b, const char *path) {
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
            buf_putc(b, (char)c);
        else
            buf_printf(b, "%%%02X", c);
    }
}
