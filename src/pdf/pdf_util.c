/* pdf_util.c — error reporting, content-operator output and small PDF objects. */
#include "pdf_private.h"

#include "../util/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pdf_doing(pdf_ctx *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->doing, sizeof c->doing, fmt, ap);
    va_end(ap);
}

static int report(pdf_ctx *c) {
    if (c->failed) return -1;
    c->failed = 1;
    HPDF_STATUS code = c->err, detail = c->detail;
    if (!code) {
        /* Internal object calls set the error without calling the handler. */
        code = HPDF_GetError(c->pdf);
        detail = HPDF_GetErrorDetail(c->pdf);
    }
    /* The line being drawn, if any: at most 60 bytes, ending on a character
     * boundary. */
    const char *t = c->line && c->line->text ? c->line->text : "";
    int cut = 0;
    while (t[cut] && cut < 60)
        cut++;
    while (cut > 0 && t[cut] && ((unsigned char)t[cut] & 0xC0) == 0x80)
        cut--;
    diag_error(c->d, NULL, 0, "PDF: libharu error 0x%04X (detail %u) while %s%s%.*s%s",
               (unsigned)code, (unsigned)detail, c->doing, cut ? ", line \"" : "", cut, t,
               cut ? "\"" : "");
    return -1;
}

int pdf_check(pdf_ctx *c, HPDF_STATUS st) {
    if (c->failed) return -1;
    if (st == HPDF_OK && !c->err) return 0;
    return report(c);
}

int pdf_checkp(pdf_ctx *c, const void *p) {
    if (c->failed) return -1;
    if (p && !c->err) return 0;
    return report(c);
}

int pdf_fail(pdf_ctx *c, const char *fmt, ...) {
    if (c->failed) return -1;
    c->failed = 1;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(c->d, NULL, 0, "PDF: %s", msg);
    return -1;
}

void pdf_ops(pdf_ctx *c, const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) {
        buf_append(&c->ops, tmp, (size_t)n);
        return;
    }
    va_start(ap, fmt);
    char big[4096];
    vsnprintf(big, sizeof big, fmt, ap);
    va_end(ap);
    buf_puts(&c->ops, big);
}

/* Hand-formatted: printf took a tenth of a whole build here. */
void pdf_num(pdf_ctx *c, double v) {
    /* a broken coordinate must not become a broken file */
    if (!isfinite(v) || fabs(v) > 1e9) v = 0;
    long long milli = llround(v * 1000.0);
    char tmp[32], *e = tmp + sizeof tmp, *p = e;
    *--p = ' ';
    unsigned long long m = (unsigned long long)(milli < 0 ? -milli : milli);
    unsigned frac = (unsigned)(m % 1000);
    if (frac) {
        int digits = 3;
        while (frac % 10 == 0)
            frac /= 10, digits--;
        while (digits-- > 0)
            *--p = (char)('0' + frac % 10), frac /= 10;
        *--p = '.';
    }
    m /= 1000;
    do
        *--p = (char)('0' + m % 10);
    while (m /= 10);
    if (milli < 0) *--p = '-';
    buf_append(&c->ops, p, (size_t)(e - p));
}

void pdf_hex4(pdf_ctx *c, unsigned v) {
    static const char hex[] = "0123456789ABCDEF";
    char t[4] = {hex[v >> 12 & 15], hex[v >> 8 & 15], hex[v >> 4 & 15], hex[v & 15]};
    buf_append(&c->ops, t, 4);
}

int pdf_flush(pdf_ctx *c, HPDF_Page page) {
    if (c->ops.oom) return pdf_fail(c, "out of memory while %s", c->doing);
    if (c->ops.len == 0) return 0;
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    int rc = pdf_deflate_into(c, attr->contents, c->ops.data, c->ops.len);
    c->ops.len = 0;
    return rc;
}

HPDF_Binary pdf_utf16(pdf_ctx *c, const char *s) {
    size_t len = strlen(s);
    folio_buf b;
    buf_init(&b);
    buf_append(&b, "\xFE\xFF", 2);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        unsigned char u[4];
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            u[0] = (unsigned char)(hi >> 8), u[1] = (unsigned char)hi;
            u[2] = (unsigned char)(lo >> 8), u[3] = (unsigned char)lo;
            buf_append(&b, u, 4);
        } else {
            u[0] = (unsigned char)(cp >> 8), u[1] = (unsigned char)cp;
            buf_append(&b, u, 2);
        }
    }
    if (b.oom) {
        buf_free(&b);
        pdf_fail(c, "out of memory while %s", c->doing);
        return NULL;
    }
    if (b.len > HPDF_LIMIT_MAX_STRING_LEN) b.len = HPDF_LIMIT_MAX_STRING_LEN & ~(size_t)1;
    HPDF_Binary bin = HPDF_Binary_New(c->pdf->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    buf_free(&b);
    if (pdf_checkp(c, bin)) return NULL;
    return bin;
}

int pdf_dict_text(pdf_ctx *c, HPDF_Dict dict, const char *key, const char *s) {
    HPDF_Binary bin = pdf_utf16(c, s);
    if (!bin) return -1;
    return pdf_check(c, HPDF_Dict_Add(dict, key, bin));
}

HPDF_Array pdf_rect_array(pdf_ctx *c, double a, double b, double cc, double dd) {
    HPDF_Array arr = HPDF_Array_New(c->pdf->mmgr);
    if (pdf_checkp(c, arr)) return NULL;
    HPDF_STATUS st = HPDF_Array_AddReal(arr, (HPDF_REAL)a);
    st |= HPDF_Array_AddReal(arr, (HPDF_REAL)b);
    st |= HPDF_Array_AddReal(arr, (HPDF_REAL)cc);
    st |= HPDF_Array_AddReal(arr, (HPDF_REAL)dd);
    if (pdf_check(c, st)) return NULL;
    return arr;
}
