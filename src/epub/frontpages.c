/* frontpages.c — the pages before the articles: cover, masthead, contents. */
#include "epub_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void title_block(epub_ctx *c, folio_buf *b, int with_date) {
    const folio_edition *e = c->e;
    buf_puts(b, "<h1 class=\"journal\">");
    xml_role(c, ROLE_HEI);
    xml_str(c, b, e->journal);
    buf_puts(b, "</h1>\n<p class=\"issue\">");
    xml_role(c, ROLE_SONG);
    xml_str(c, b, e->issue);
    buf_puts(b, "</p>\n");
    if (with_date && e->date) {
        char d[64];
        date_format_cn(&e->ymd, d, sizeof d);
        xml_role(c, ROLE_SONG);
        buf_puts(b, "<p class=\"date\">");
        xml_str(c, b, d);
        buf_puts(b, "</p>\n");
    }
}

int epub_cover(epub_ctx *c) {
    const folio_edition *e = c->e;
    folio_buf b;
    buf_init(&b);
    int file = epub_spine_count(c);
    char title[512];
    snprintf(title, sizeof title, "%s %s", e->journal ? e->journal : "", e->issue ? e->issue : "");
    xml_head(c, &b, title, 1, "frontmatter");
    buf_puts(&b, "<section class=\"cover\" epub:type=\"cover\">\n");
    epub_pagelist_emit(c, &b, MARK_COVER, file);
    if (c->cover_image >= 0) {
        buf_puts(&b, "<div class=\"cover-image\"><img role=\"doc-cover\" src=\"");
        xml_attr(&b, c->images[c->cover_image].href);
        buf_puts(&b, "\" alt=\"");
        xml_attr(&b, title);
        buf_puts(&b, " 封面\"/></div>\n");
        title_block(c, &b, 0);
    } else {
        title_block(c, &b, 1);
        xml_role(c, ROLE_KAI);
        for (size_t i = 0; i < e->ntagline; i++) {
            buf_puts(&b, "<p class=\"tagline\">");
            xml_str(c, &b, e->tagline[i]);
            buf_puts(&b, "</p>\n");
        }
    }
    buf_puts(&b, "</section>\n");
    xml_tail(&b);
    return epub_add(c, "OEBPS/" EPUB_COVER, "cover", "application/xhtml+xml", NULL, 1, 0, &b);
}

int epub_masthead(epub_ctx *c) {
    const folio_edition *e = c->e;
    folio_buf b;
    buf_init(&b);
    int file = epub_spine_count(c);
    xml_head(c, &b, "版权信息", 1, "frontmatter");
    buf_puts(&b, "<section class=\"masthead\" epub:type=\"copyright-page\">\n");
    epub_pagelist_emit(c, &b, MARK_MASTHEAD, file);
    title_block(c, &b, 0);
    if (e->nmasthead) {
        buf_puts(&b, "<dl>\n");
        for (size_t i = 0; i < e->nmasthead; i++) {
            const folio_masthead_entry *m = &e->masthead[i];
            buf_puts(&b, "<dt>");
            xml_role(c, ROLE_HEI);
            xml_str(c, &b, m->key);
            buf_puts(&b, m->nvalues > 1 ? "</dt><dd class=\"names\">" : "</dt><dd>");
            xml_role(c, ROLE_SONG);
            for (size_t v = 0; v < m->nvalues; v++) {
                if (v) xml_str(c, &b, "\xE3\x80\x80"); /* U+3000 between names */
                buf_puts(&b, "<span>");
                xml_str(c, &b, m->values[v]);
                buf_puts(&b, "</span>");
            }
            buf_puts(&b, "</dd>\n");
        }
        buf_puts(&b, "</dl>\n");
    }
    xml_role(c, ROLE_KAI);
    for (size_t i = 0; i < e->nnotice; i++) {
        buf_puts(&b, "<p class=\"notice\">");
        xml_str(c, &b, e->notice[i]);
        buf_puts(&b, "</p>\n");
    }
    buf_puts(&b, "</section>\n");
    xml_tail(&b);
    return epub_add(c, "OEBPS/" EPUB_MASTHEAD, "masthead", "application/xhtml+xml", NULL, 1, 0, &b);
}

static void toc_entry(epub_ctx *c, folio_buf *b, const folio_article *a) {
    char href[64];
    epub_chapter_href(a, href);
    buf_puts(b, "<li>");
    if (c->doc && c->doc->article_folio && a->index < c->e->narticles &&
        c->doc->article_folio[a->index] > 0) {
        char num[16];
        snprintf(num, sizeof num, "%d", c->doc->article_folio[a->index]);
        xml_role(c, ROLE_SONG);
        buf_puts(b, "<span class=\"page\">");
        xml_str(c, b, num);
        buf_puts(b, "</span>");
    }
    buf_puts(b, "<a href=\"");
    xml_attr(b, href);
    buf_puts(b, "\">");
    xml_role(c, ROLE_SONG);
    xml_str(c, b, a->title);
    buf_puts(b, "</a>");
    char *who = epub_authors_join(a, "\xE3\x80\x80");
    const char *credit = who ? who : a->byline;
    if (credit && *credit) {
        xml_role(c, ROLE_KAI);
        buf_puts(b, "<span class=\"credit\">");
        xml_str(c, b, credit);
        buf_puts(b, "</span>");
    }
    free(who);
    buf_puts(b, "</li>\n");
}

int epub_contents(epub_ctx *c) {
    const folio_edition *e = c->e;
    folio_buf b;
    buf_init(&b);
    int file = epub_spine_count(c);
    xml_head(c, &b, "目录", 1, "frontmatter");
    buf_puts(&b, "<section class=\"contents\" epub:type=\"toc\" role=\"doc-toc\">\n");
    epub_pagelist_emit(c, &b, MARK_CONTENTS, file);
    xml_role(c, ROLE_HEI);
    buf_puts(&b, "<h1>");
    xml_str(c, &b, "目录");
    buf_puts(&b, "</h1>\n");
    for (size_t s = 0; s < e->nsections; s++) {
        const folio_section *sec = &e->sections[s];
        if (!sec->narticles) continue;
        if (sec->name && *sec->name) {
            xml_role(c, ROLE_HEI);
            buf_puts(&b, "<h2>");
            xml_str(c, &b, sec->name);
            buf_puts(&b, "</h2>\n");
        }
        buf_puts(&b, "<ul>\n");
        for (size_t i = 0; i < sec->narticles; i++)
            toc_entry(c, &b, sec->articles[i]);
        buf_puts(&b, "</ul>\n");
    }
    buf_puts(&b, "</section>\n");
    xml_tail(&b);
    return epub_add(c, "OEBPS/" EPUB_CONTENTS, "contents", "application/xhtml+xml", NULL, 1, 0, &b);
}
