/* source.c — a text file of the edition read into clean UTF-8: no BOM, LF line
 * ends, validated, NFC. */
#include "reader.h"

#include "../util/fsutil.h"
#include "../util/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

int text_nfc(const char *s, size_t len, char **out, size_t *outlen) {
    *out = NULL;
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (len > (size_t)INT32_MAX / 2) return -1;
    if (i == len) { /* ASCII is always NFC */
        if (!(*out = malloc(len + 1))) return -1;
        memcpy(*out, s, len);
        (*out)[len] = 0;
        *outlen = len;
        return 0;
    }
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st)) return -1;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)len, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return -1;
    st = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    if (!u) return -1;
    u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)len, &st);
    UChar *norm = u;
    int32_t nlen = ulen;
    if (U_SUCCESS(st) && unorm2_quickCheck(nfc, u, ulen, &st) != UNORM_YES && U_SUCCESS(st)) {
        nlen = unorm2_normalize(nfc, u, ulen, NULL, 0, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            st = U_ZERO_ERROR;
            norm = malloc(((size_t)nlen + 1) * sizeof *norm);
            if (norm)
                unorm2_normalize(nfc, u, ulen, norm, nlen + 1, &st);
            else
                st = U_MEMORY_ALLOCATION_ERROR;
        }
    }
    int32_t blen = 0;
    if (U_SUCCESS(st)) {
        u_strToUTF8(NULL, 0, &blen, norm, nlen, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) st = U_ZERO_ERROR;
    }
    if (U_SUCCESS(st) && (*out = malloc((size_t)blen + 1)) != NULL)
        u_strToUTF8(*out, blen + 1, NULL, norm, nlen, &st);
    if (norm && norm != u) free(norm);
    free(u);
    if (U_FAILURE(st) || !*out) {
        free(*out);
        *out = NULL;
        return -1;
    }
    (*out)[blen] = 0;
    *outlen = (size_t)blen;
    return 0;
}

char *src_load(rd_ctx *c, const char *file, const char *rel, size_t max, size_t *len) {
    char *raw = NULL;
    size_t n = 0;
    int err = fs_read_file(file, max, &raw, &n);
    if (err == EFBIG) {
        diag_error(c->d, rel, 0, "file is larger than %zu MB", max >> 20);
        return NULL;
    }
    if (err) {
        diag_error(c->d, rel, 0, "cannot read the file: %s", strerror(err));
        return NULL;
    }
    /* BOM, then CRLF and lone CR to LF, in place (the text only shrinks).
     * Other control characters have no place in a text to print: dropped. */
    size_t r = n >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3) ? 3 : 0, w = 0;
    int control_line = 0;
    for (; r < n; r++) {
        unsigned char ch = (unsigned char)raw[r];
        if (ch == '\r') {
            raw[w++] = '\n';
            if (r + 1 < n && raw[r + 1] == '\n') r++;
        } else if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F) {
            if (!control_line) control_line = utf8_line_of(raw, w);
        } else {
            raw[w++] = raw[r];
        }
    }
    raw[w] = 0;
    if (control_line) diag_warning(c->d, rel, control_line, "control characters are left out");
    size_t bad = utf8_validate(raw, w);
    if (bad < w) {
        diag_error(c->d, rel, utf8_line_of(raw, bad), "invalid UTF-8 (byte 0x%02X)",
                   (unsigned char)raw[bad]);
        free(raw);
        return NULL;
    }
    char *out = NULL;
    if (text_nfc(raw, w, &out, len)) {
        free(raw);
        rd_oom(c);
        return NULL;
    }
    free(raw);
    return out;
}
