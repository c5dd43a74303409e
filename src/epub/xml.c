/* xml.c — escaped XML output for the EPUB documents, recording the characters
 * each font role shows (for the embedded subsets). */
#include "epub_private.h"

#include <stdlib.h>
#include <string.h>

static void record(epub_ctx *c, int role, uint32_t cp) {
    epub_cpset *s = &c->used[role];
    if (!s->bits) {
        s->bits = calloc(0x110000 / 8, 1);
        if (!s->bits) return; /* reported by epub_fonts_embed, which finds the set missing */
    }
    s->bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* buf_put_xml's callback: notes what the current font role shows. */
static void seen(void *user, uint32_t cp) {
    epub_ctx *c = user;
    if (cp >= 0x20) record(c, c->role, cp);
}

static void escape(epub_ctx *c, folio_buf *b, const char *s, size_t len, int rec) {
    int on = rec && c && c->record;
    buf_put_xml(b, s, len, on ? seen : NULL, on ? c : NULL);
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
