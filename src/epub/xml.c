/* xml.c — escaped XML output for the EPUB documents, recording the characters
 * each font role shows (for the embedded subsets). */
#include "epub_private.h"

#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* XML 1.0 Char production, minus the noncharacters readers choke on. */
static int xml_char_ok(uint32_t cp) {
    if (cp == 0x9 || cp == 0xA || cp == 0xD) return 1;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xFDD0 && cp <= 0xFDEF)) return 0;
    return cp <= 0x10FFFF;
}

static void record(epub_ctx *c, int role, uint32_t cp) {
    epub_cpset *s = &c->used[role];
    if (!s->bits) {
        s->bits = calloc(0x110000 / 8, 1);
        if (!s->bits) return; /* reported by epub_fonts_embed, which finds the set missing */
    }
    s->bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

static void escape(epub_ctx *c, folio_buf *b, const char *s, size_t len, int rec) {
    size_t i = 0;
    while (i < len) {
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
            if (rec && c && c->record && cp >= 0x20) record(c, c->role, cp);
        }
        i += n;
    }
}

void xml_text(epub_ctx *c, folio_buf *b, const char *s, size_t len) {
    escape(c, b, s, len, 1);
}

void xml_str(epub_ctx *c, folio_buf *b, const char *s) {
    if (s) escape(c, b, s, strlen(s), 1);
}

void xml_attr(folio_buf *b, const char *s) {
    if (s) escape(NULL, b, s, strlen(s), 0);
}

void xml_attr_n(folio_buf *b, const char *s, size_t len) {
    escape(NULL, b, s, len, 0);
}

int xml_role(epub_ctx *c, int role) {
    int old = c->role;
    c->role = role;
    return old;
}

void xml_head(epub_ctx *c, folio_buf *b, const char *title, int css, const char *body_type) {
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
    xml_attr(b, c->lang);
    buf_puts(b, "\" xml:lang=\"");
    xml_attr(b, c->lang);
    buf_puts(b, "\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>");
    xml_attr(b, title);
    buf_puts(b, "</title>\n");
    if (css) buf_puts(b, "<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n");
    buf_puts(b, "</head>\n<body");
    if (body_type) {
        buf_puts(b, " epub:type=\"");
        buf_puts(b, body_type);
        buf_puts(b, "\"");
    }
    buf_puts(b, ">\n");
}

void xml_tail(folio_buf *b) {
    buf_puts(b, "</body>\n</html>\n");
}
