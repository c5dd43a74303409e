/* docx_text.c — text as typed in Word, tidied the way an editor would. */
#include "docx_private.h"

#include "../util/utf8.h"

#include <string.h>

int dx_is_blank(uint32_t cp) {
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

int dx_is_cjk(uint32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0x2010 && cp <= 0x2027);
}

/* The character before offset k of s (0 at the start). */
static uint32_t before(const char *s, size_t k) {
    if (!k) return 0;
    size_t j = k - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    uint32_t cp = 0;
    utf8_decode(s + j, k - j, &cp);
    return cp;
}

/* The text with its blank runs tidied; at_start / at_end: the text begins /
 * ends the block, so blanks there go. */
static const char *tidy(dx_ctx *c, const char *s, size_t len, int at_start, int at_end,
                        size_t *out_len) {
    folio_buf b;
    buf_init(&b);
    size_t k = 0;
    while (k < len) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + k, len - k, &cp);
        if (!dx_is_blank(cp)) {
            buf_append(&b, s + k, n);
            k += n;
            continue;
        }
        size_t e = k, count = 0;
        uint32_t next = 0;
        while (e < len) {
            size_t m = utf8_decode(s + e, len - e, &next);
            if (!dx_is_blank(next)) break;
            e += m;
            count++;
        }
        int first = k == 0, last = e == len;
        uint32_t prev = before(s, k);
        if ((first && at_start) || (last && at_end)) {
            /* an indent or trailing spaces */
        } else if (count == 1) {
            buf_append(&b, s + k, n); /* one blank, as typed */
        } else if (!(prev && dx_is_cjk(prev) && !last && dx_is_cjk(next))) {
            buf_putc(&b, ' ');
        }
        k = e;
    }
    *out_len = b.len;
    const char *r = b.oom ? NULL : arena_strndup(c->a, b.data ? b.data : "", b.len);
    buf_free(&b);
    if (!r) dx_oom(c);
    return r;
}

int dx_clean_spans(dx_ctx *c, folio_span **spans, size_t *n) {
    folio_span *v = *spans;
    size_t i = 0, j = *n;
    while (i < j && (v[i].flags & FOLIO_SPAN_BREAK))
        i++;
    while (j > i && (v[j - 1].flags & FOLIO_SPAN_BREAK))
        j--;
    size_t w = 0;
    for (size_t k = i; k < j; k++) {
        folio_span s = v[k];
        if (!(s.flags & FOLIO_SPAN_BREAK)) {
            int at_start = w == 0 || (v[w - 1].flags & FOLIO_SPAN_BREAK);
            int at_end = k + 1 == j || (v[k + 1].flags & FOLIO_SPAN_BREAK);
            s.text = tidy(c, s.text, s.len, at_start, at_end, &s.len);
            if (!s.text) return -1;
            if (!s.len) continue;
        }
        v[w++] = s;
    }
    /* blanks dropped at a break may leave two breaks, or one at an end */
    while (w && (v[w - 1].flags & FOLIO_SPAN_BREAK))
        w--;
    *n = w;
    return 0;
}

const char *dx_plain_text(dx_ctx *c, const folio_span *spans, size_t n) {
    folio_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++)
        buf_append(&b, (spans[i].flags & FOLIO_SPAN_BREAK) ? " " : spans[i].text,
                   (spans[i].flags & FOLIO_SPAN_BREAK) ? 1 : spans[i].len);
    size_t k = 0, e = b.len;
    while (k < e && (b.data[k] == ' ' || b.data[k] == '\t'))
        k++;
    while (e > k && (b.data[e - 1] == ' ' || b.data[e - 1] == '\t'))
        e--;
    const char *r = b.oom ? NULL : arena_strndup(c->a, b.data ? b.data + k : "", e - k);
    buf_free(&b);
    if (!r) dx_oom(c);
    return r;
}

const char *dx_line_text(dx_ctx *c, const folio_span *spans, size_t n) {
    folio_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (!(spans[i].flags & FOLIO_SPAN_BREAK)) {
            buf_append(&b, spans[i].text, spans[i].len);
            continue;
        }
        uint32_t prev = b.len ? before(b.data, b.len) : 0, next = 0;
        if (i + 1 < n && spans[i + 1].len) utf8_decode(spans[i + 1].text, spans[i + 1].len, &next);
        if (!(dx_is_cjk(prev) && dx_is_cjk(next))) buf_putc(&b, ' ');
    }
    size_t len = 0;
    const char *r = b.oom ? NULL : tidy(c, b.data ? b.data : "", b.len, 1, 1, &len);
    buf_free(&b);
    if (!r) dx_oom(c);
    return r;
}
