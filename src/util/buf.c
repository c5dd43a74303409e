/* buf.c — growable byte buffer (see buf.h). */
#include "buf.h"

#include "grow.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(folio_buf *b) {
    memset(b, 0, sizeof *b);
}

void buf_free(folio_buf *b) {
    free(b->data);
    memset(b, 0, sizeof *b);
}

static int reserve(folio_buf *b, size_t extra) {
    if (b->oom) return -1;
    if (extra > SIZE_MAX - b->len - 1 ||
        grow_array(&b->data, &b->cap, b->len + extra + 1, 1, 256)) {
        b->oom = 1;
        return -1;
    }
    return 0;
}

int buf_append(folio_buf *b, const void *p, size_t n) {
    if (reserve(b, n)) return -1;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int buf_puts(folio_buf *b, const char *s) {
    return buf_append(b, s, strlen(s));
}

int buf_putc(folio_buf *b, char c) {
    return buf_append(b, &c, 1);
}

int buf_printf(folio_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n)) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int buf_put_utf8(folio_buf *b, uint32_t cp) {
    char tmp[4];
    size_t n = utf8_encode(cp, tmp);
    return buf_append(b, tmp, n);
}

int buf_put_json_str(folio_buf *b, const char *s) {
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)*p);
        } else if (*p == '\n') {
            buf_puts(b, "\\n");
        } else if (*p < 0x20) {
            buf_printf(b, "\\u%04x", *p);
        } else {
            buf_putc(b, (char)*p);
        }
    }
    return buf_putc(b, '"');
}

/* XML 1.0 Char production, minus the noncharacters readers choke on. */
static int xml_char_ok(uint32_t cp) {
    if (cp == 0x9 || cp == 0xA || cp == 0xD) return 1;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xFDD0 && cp <= 0xFDEF)) return 0;
    return cp <= 0x10FFFF;
}

int buf_put_xml(folio_buf *b, const char *s, size_t len, void (*seen)(void *user, uint32_t cp),
                void *user) {
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (xml_char_ok(cp)) {
            switch (cp) {
            case '&':
                buf_puts(b, "&amp;");
                break;
            case '<':
                buf_puts(b, "&lt;");
                break;
            case '>':
                buf_puts(b, "&gt;");
                break;
            case '"':
                buf_puts(b, "&quot;");
                break;
            case '\'':
                buf_puts(b, "&#39;");
                break;
            case 0xD:
                buf_puts(b, "&#13;");
                break;
            default:
                if (cp == 0xFFFD)
                    buf_put_utf8(b, cp); /* also what broken bytes become */
                else
                    buf_append(b, s + i, n);
            }
            if (seen) seen(user, cp);
        }
        i += n;
    }
    return b->oom ? -1 : 0;
}

char *buf_detach(folio_buf *b, size_t *len) {
    if (b->oom) {
        buf_free(b);
        return NULL;
    }
    char *p = b->data ? b->data : calloc(1, 1);
    if (len) *len = b->len;
    memset(b, 0, sizeof *b);
    return p;
}
