/* chapter.c — one XHTML document per article: header, body blocks, source,
 * with the print page breaks marked where each page's text starts. */
#include "epub_private.h"

#include <stdio.h>
#include <string.h>

typedef struct chap {
    epub_ctx *c;
    folio_buf *b;
    int art;  /* article index (the marks' target) */
    int file; /* its spine position */
} chap;

/* Writes the marks of block serial whose offsets lie before upto. */
static void marks_before(chap *h, int serial, size_t upto) {
    epub_ctx *c = h->c;
    for (size_t k = 0; k < c->nmarks; k++) {
        epub_mark *m = &c->marks[k];
        if (!m->done && m->target == h->art && !m->at_source && !m->at_end && m->serial == serial &&
            m->offset < upto)
            epub_pagelist_marker(c, h->b, m, h->file);
    }
}

static void marks_all(chap *h, int serial) {
    marks_before(h, serial, (size_t)-1);
}

/* The marks of a page that opens with the picture of image block serial. */
static void marks_figure(chap *h, int serial) {
    epub_ctx *c = h->c;
    for (size_t k = 0; k < c->nmarks; k++) {
        epub_mark *m = &c->marks[k];
        if (!m->done && m->target == h->art && m->serial == serial && !m->in_caption)
            epub_pagelist_marker(c, h->b, m, h->file);
    }
}

/* The offset of the first mark of serial inside [lo, hi), or hi. */
static size_t next_mark(chap *h, int serial, size_t lo, size_t hi) {
    size_t best = hi;
    for (size_t k = 0; k < h->c->nmarks; k++) {
        const epub_mark *m = &h->c->marks[k];
        if (!m->done && m->target == h->art && !m->at_source && !m->at_end && m->serial == serial &&
            m->offset >= lo && m->offset < best)
            best = m->offset;
    }
    return best;
}

/* Links are kept only to places a reading system can open without the
 * package (the edition's own relative links have no target in the EPUB). */
static int url_ok(const char *u) {
    if (!u || (strncmp(u, "http://", 7) && strncmp(u, "https://", 8) && strncmp(u, "mailto:", 7)))
        return 0;
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p)) return 0;
    return 1;
}

/* A span's text, split where page marks fall (never inside a UTF-8
 * sequence: a mark pointing into one moves back to its first byte). */
static void span_text(chap *h, int serial, const folio_span *s, size_t pos) {
    size_t cur = 0;
    while (cur < s->len) {
        size_t at = next_mark(h, serial, 0, pos + s->len);
        if (at >= pos + s->len) break;
        size_t cut = at > pos ? at - pos : 0;
        if (cut < cur) cut = cur;
        while (cut > cur && ((unsigned char)s->text[cut] & 0xC0) == 0x80)
            cut--;
        xml_text(h->c, h->b, s->text + cur, cut - cur);
        marks_before(h, serial, at + 1);
        cur = cut;
    }
    xml_text(h->c, h->b, s->text + cur, s->len - cur);
}

/* The spans of a paragraph, heading or caption, in role. */
static void spans_out(chap *h, const folio_block *blk, int role) {
    folio_buf *b = h->b;
    size_t pos = 0;
    for (size_t i = 0; i < blk->nspans; i++) {
        const folio_span *s = &blk->spans[i];
        if (s->flags & FOLIO_SPAN_BREAK) {
            marks_before(h, blk->serial, pos + 1);
            buf_puts(b, "<br/>");
            pos += 1;
            continue;
        }
        int link = (s->flags & FOLIO_SPAN_LINK) && url_ok(s->url);
        if (link) {
            buf_puts(b, "<a href=\"");
            xml_attr(b, s->url);
            buf_puts(b, "\">");
        }
        if (s->flags & FOLIO_SPAN_STRONG) buf_puts(b, "<strong>");
        if (s->flags & FOLIO_SPAN_EMPH) buf_puts(b, "<em>");
        /* Emphasis is Kai, or Song where the text around is Kai already
         * (quotes, captions): the change of face is the emphasis. */
        int emph = role == ROLE_KAI ? ROLE_SONG : ROLE_KAI;
        int old = xml_role(h->c, (s->flags & FOLIO_SPAN_EMPH)     ? emph
                                 : (s->flags & FOLIO_SPAN_STRONG) ? ROLE_HEI
                                                                  : role);
        span_text(h, blk->serial, s, pos);
        xml_role(h->c, old);
        if (s->flags & FOLIO_SPAN_EMPH) buf_puts(b, "</em>");
        if (s->flags & FOLIO_SPAN_STRONG) buf_puts(b, "</strong>");
        if (link) buf_puts(b, "</a>");
        pos += s->len;
    }
    marks_all(h, blk->serial); /* marks at or past the end of the text */
}

static void blocks_out(chap *h, const folio_block *blk, size_t n, int role);

/* The caption as alt text: its characters, without markup or breaks. */
static void caption_text(folio_buf *b, const folio_block *blk) {
    for (size_t i = 0; i < blk->nspans; i++)
        if (blk->spans[i].flags & FOLIO_SPAN_BREAK)
            buf_putc(b, ' ');
        else
            xml_attr_n(b, blk->spans[i].text, blk->spans[i].len);
}

static void block_out(chap *h, const folio_block *blk, int role, int extra_serial) {
    folio_buf *b = h->b;
    epub_ctx *c = h->c;
    switch (blk->type) {
    case FOLIO_BLOCK_PARAGRAPH:
        buf_puts(b, "<p>");
        if (extra_serial >= 0) marks_all(h, extra_serial);
        spans_out(h, blk, role);
        buf_puts(b, "</p>\n");
        break;
    case FOLIO_BLOCK_HEADING: {
        int lv = blk->level >= 3 ? 3 : 2;
        buf_printf(b, "<h%d>", lv);
        xml_role(c, ROLE_HEI);
        spans_out(h, blk, ROLE_HEI);
        xml_role(c, role);
        buf_printf(b, "</h%d>\n", lv);
        break;
    }
    case FOLIO_BLOCK_QUOTE:
        buf_puts(b, "<blockquote>\n");
        marks_all(h, blk->serial);
        blocks_out(h, blk->children, blk->nchildren, ROLE_KAI);
        xml_role(c, role);
        buf_puts(b, "</blockquote>\n");
        break;
    case FOLIO_BLOCK_LIST:
        if (!blk->nchildren) marks_all(h, blk->serial);
        if (blk->ordered && blk->start != 1)
            buf_printf(b, "<ol start=\"%d\">\n", blk->start);
        else
            buf_puts(b, blk->ordered ? "<ol>\n" : "<ul>\n");
        for (size_t i = 0; i < blk->nchildren; i++)
            block_out(h, &blk->children[i], role, i == 0 ? blk->serial : -1);
        buf_puts(b, blk->ordered ? "</ol>\n" : "</ul>\n");
        break;
    case FOLIO_BLOCK_ITEM:
        buf_puts(b, "<li>");
        if (extra_serial >= 0) marks_all(h, extra_serial);
        marks_all(h, blk->serial);
        blocks_out(h, blk->children, blk->nchildren, role);
        buf_puts(b, "</li>\n");
        break;
    case FOLIO_BLOCK_IMAGE: {
        marks_figure(h, blk->serial);
        const char *href = blk->image ? epub_images_href(c, blk->image) : NULL;
        if (!href) break; /* epub_images_collect read every image or failed the build */
        buf_puts(b, "<figure>\n<img src=\"");
        xml_attr(b, href);
        buf_puts(b, "\" alt=\"");
        caption_text(b, blk);
        buf_puts(b, "\"/>\n");
        size_t caplen = 0;
        for (size_t i = 0; i < blk->nspans; i++)
            caplen += blk->spans[i].len;
        if (caplen) {
            buf_puts(b, "<figcaption>");
            xml_role(c, ROLE_KAI);
            spans_out(h, blk, ROLE_KAI);
            xml_role(c, role);
            buf_puts(b, "</figcaption>\n");
        }
        buf_puts(b, "</figure>\n");
        marks_all(h, blk->serial); /* a caption mark without a caption */
        break;
    }
    case FOLIO_BLOCK_THEMATIC:
        marks_all(h, blk->serial);
        buf_puts(b, "<hr/>\n");
        break;
    }
}

static void blocks_out(chap *h, const folio_block *blk, size_t n, int role) {
    for (size_t i = 0; i < n; i++)
        block_out(h, &blk[i], role, -1);
}

static const char *kind_type(folio_article_kind k, const char **role, const char **cls) {
    switch (k) {
    case FOLIO_KIND_FOREWORD:
        *role = "doc-foreword";
        *cls = "foreword";
        return "foreword";
    case FOLIO_KIND_NOTICE:
        *role = "doc-notice";
        *cls = "notice";
        return "notice";
    case FOLIO_KIND_BRIEF:
        *role = "doc-chapter";
        *cls = "brief";
        return "chapter";
    case FOLIO_KIND_ARTICLE:
        break;
    }
    *role = "doc-chapter";
    *cls = "article";
    return "chapter";
}

int epub_chapter(epub_ctx *c, const folio_article *a) {
    char href[64], name[80], id[80];
    epub_chapter_href(a, href);
    snprintf(name, sizeof name, "OEBPS/%s", href);
    snprintf(id, sizeof id, "ch-%.*s", (int)(strlen(href) - 6), href);
    folio_buf b;
    buf_init(&b);
    chap h = {c, &b, (int)a->index, epub_spine_count(c)};
    if (c->article_spine) c->article_spine[a->index] = h.file;
    xml_head(c, &b, a->title, 1, "bodymatter");
    const char *role_attr, *cls;
    const char *type = kind_type(a->kind, &role_attr, &cls);
    buf_printf(&b,
               "<section class=\"%s\" epub:type=\"%s\" role=\"%s\" aria-labelledby=\"title\">\n",
               cls, type, role_attr);
    marks_all(&h, -1);
    buf_puts(&b, "<header>\n<h1 id=\"title\">");
    xml_role(c, ROLE_HEI);
    xml_str(c, &b, a->title);
    buf_puts(&b, "</h1>\n");
    xml_role(c, ROLE_KAI);
    if (a->subtitle && *a->subtitle) {
        buf_puts(&b, "<p class=\"subtitle\">");
        xml_str(c, &b, a->subtitle);
        buf_puts(&b, "</p>\n");
    }
    if (a->nauthors) {
        buf_puts(&b, "<p class=\"author\">");
        for (size_t i = 0; i < a->nauthors; i++) {
            if (i) xml_str(c, &b, "\xE3\x80\x80"); /* U+3000 between names, as printed */
            buf_puts(&b, "<span>");
            xml_str(c, &b, a->authors[i]);
            buf_puts(&b, "</span>");
        }
        buf_puts(&b, "</p>\n");
    }
    if (a->byline && *a->byline) {
        buf_puts(&b, "<p class=\"byline\">");
        xml_str(c, &b, a->byline);
        buf_puts(&b, "</p>\n");
    }
    buf_puts(&b, "</header>\n");
    xml_role(c, ROLE_SONG);
    blocks_out(&h, a->blocks, a->nblocks, ROLE_SONG);
    if (a->source && *a->source) {
        for (size_t k = 0; k < c->nmarks; k++)
            if (!c->marks[k].done && c->marks[k].target == h.art && c->marks[k].at_source)
                epub_pagelist_marker(c, &b, &c->marks[k], h.file);
        buf_puts(&b, "<p class=\"source\">");
        xml_role(c, ROLE_KAI);
        xml_str(c, &b, a->source);
        xml_role(c, ROLE_SONG);
        buf_puts(&b, "</p>\n");
    }
    /* Whatever is left (marks past the text, or naming a block that does not
     * exist) still needs its target. */
    epub_pagelist_emit(c, &b, h.art, h.file);
    buf_puts(&b, "</section>\n");
    xml_tail(&b);
    return epub_add(c, name, id, "application/xhtml+xml", NULL, 1, 0, &b);
}
