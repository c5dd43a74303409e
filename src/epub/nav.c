/* nav.c — navigation: the EPUB 3 nav document (contents, landmarks, page
 * list) and the NCX for EPUB 2 reading systems. */
#include "epub_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const folio_article *first_article(const epub_ctx *c) {
    return c->e->narticles ? &c->e->articles[0] : NULL;
}

static void nav_article(epub_ctx *c, folio_buf *b, const folio_article *a) {
    char href[64];
    epub_chapter_href(a, href);
    buf_puts(b, "<li><a href=\"");
    xml_attr(b, href);
    buf_puts(b, "\">");
    xml_str(c, b, a->title);
    buf_puts(b, "</a></li>\n");
}

int epub_nav(epub_ctx *c) {
    const folio_edition *e = c->e;
    folio_buf b;
    buf_init(&b);
    xml_head(c, &b, "目录", 1, NULL);
    buf_puts(&b, "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>");
    xml_role(c, ROLE_HEI);
    xml_str(c, &b, "目录");
    xml_role(c, ROLE_SONG);
    buf_puts(&b, "</h1>\n<ol>\n");
    for (size_t s = 0; s < e->nsections; s++) {
        const folio_section *sec = &e->sections[s];
        if (!sec->narticles) continue;
        int named = sec->name && *sec->name;
        if (named) {
            buf_puts(&b, "<li><span>");
            xml_str(c, &b, sec->name);
            buf_puts(&b, "</span>\n<ol>\n");
        }
        for (size_t i = 0; i < sec->narticles; i++)
            nav_article(c, &b, sec->articles[i]);
        if (named) buf_puts(&b, "</ol>\n</li>\n");
    }
    if (!e->narticles) { /* a toc may not be empty: lead to the contents page */
        buf_puts(&b, "<li><a href=\"" EPUB_CONTENTS "\">");
        xml_str(c, &b, "目录");
        buf_puts(&b, "</a></li>\n");
    }
    buf_puts(&b, "</ol>\n</nav>\n");

    /* Hidden navigation: shown, if at all, in the reading system's own
     * interface and fonts, so not recorded for the subsets. */
    buf_puts(&b, "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>");
    xml_attr(&b, "导览");
    buf_puts(&b, "</h2>\n<ol>\n<li><a epub:type=\"cover\" href=\"" EPUB_COVER "\">");
    xml_attr(&b, "封面");
    buf_puts(&b, "</a></li>\n<li><a epub:type=\"toc\" href=\"" EPUB_CONTENTS "\">");
    xml_attr(&b, "目录");
    buf_puts(&b, "</a></li>\n");
    const folio_article *first = first_article(c);
    if (first) {
        char href[64];
        epub_chapter_href(first, href);
        buf_puts(&b, "<li><a epub:type=\"bodymatter\" href=\"");
        xml_attr(&b, href);
        buf_puts(&b, "\">");
        xml_attr(&b, "正文");
        buf_puts(&b, "</a></li>\n");
    }
    buf_puts(&b, "</ol>\n</nav>\n");

    if (c->nmarks) {
        buf_puts(&b, "<nav epub:type=\"page-list\" id=\"page-list\" hidden=\"hidden\">\n<h2>");
        xml_attr(&b, "页码");
        buf_puts(&b, "</h2>\n<ol>\n");
        for (size_t k = 0; k < c->nmarks; k++) {
            const epub_mark *m = &c->marks[k];
            buf_puts(&b, "<li><a href=\"");
            xml_attr(&b, epub_spine_href(c, m->file));
            buf_printf(&b, "#%s\">", m->id);
            xml_attr(&b, m->label);
            buf_puts(&b, "</a></li>\n");
        }
        buf_puts(&b, "</ol>\n</nav>\n");
    }
    xml_tail(&b);
    return epub_add(c, "OEBPS/" EPUB_NAV, "nav", "application/xhtml+xml", "nav", 0, 0, &b);
}

/* ---- NCX ---- */

/* A place in reading order: spine document, then marker number (0: top). */
static long long place(int file, int seq) {
    return (long long)file * 1000000 + seq;
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

typedef struct play {
    long long *keys;
    size_t n;
} play;

/* playOrder of a place: its rank among all targets (the NCX wants equal
 * numbers for equal targets and different ones otherwise). */
static int play_order(const play *p, long long key) {
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int)lo + 1;
}

static int article_place(const epub_ctx *c, const folio_article *a, long long *key) {
    int f = c->article_spine ? c->article_spine[a->index] : -1;
    if (f < 0) return -1;
    *key = place(f, 0);
    return 0;
}

static void ncx_point(epub_ctx *c, folio_buf *b, const play *p, const folio_article *a, int *id) {
    char href[64];
    long long key = 0;
    epub_chapter_href(a, href);
    article_place(c, a, &key);
    buf_printf(b, "<navPoint id=\"np-%d\" playOrder=\"%d\"><navLabel><text>", ++*id,
               play_order(p, key));
    xml_attr(b, a->title);
    buf_puts(b, "</text></navLabel><content src=\"");
    xml_attr(b, href);
    buf_puts(b, "\"/></navPoint>\n");
}

int epub_ncx(epub_ctx *c) {
    const folio_edition *e = c->e;
    play p = {calloc(e->narticles + c->nmarks + 1, sizeof(long long)), 0};
    if (!p.keys) return diag_error(c->d, NULL, 0, "out of memory");
    for (size_t i = 0; i < e->narticles; i++)
        if (!article_place(c, &e->articles[i], &p.keys[p.n])) p.n++;
    for (size_t k = 0; k < c->nmarks; k++)
        p.keys[p.n++] = place(c->marks[k].file, c->marks[k].seq);
    qsort(p.keys, p.n, sizeof *p.keys, cmp_ll);
    size_t u = 0;
    for (size_t i = 0; i < p.n; i++)
        if (!u || p.keys[u - 1] != p.keys[i]) p.keys[u++] = p.keys[i];
    p.n = u;

    int depth = 1, maxpage = 0;
    for (size_t s = 0; s < e->nsections; s++)
        if (e->sections[s].name && *e->sections[s].name && e->sections[s].narticles) depth = 2;
    for (size_t k = 0; k < c->nmarks; k++)
        if (c->marks[k].number > maxpage) maxpage = c->marks[k].number;

    folio_buf b;
    buf_init(&b);
    buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" "
                 "xml:lang=\"");
    xml_attr(&b, c->lang);
    buf_puts(&b, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
    xml_attr(&b, c->uid);
    buf_printf(&b,
               "\"/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n"
               "<meta name=\"dtb:totalPageCount\" content=\"%zu\"/>\n"
               "<meta name=\"dtb:maxPageNumber\" content=\"%d\"/>\n</head>\n"
               "<docTitle><text>",
               depth, c->nmarks, maxpage);
    xml_attr(&b, e->journal);
    buf_puts(&b, " ");
    xml_attr(&b, e->issue);
    buf_puts(&b, "</text></docTitle>\n<navMap>\n");
    int id = 0;
    for (size_t s = 0; s < e->nsections; s++) {
        const folio_section *sec = &e->sections[s];
        if (!sec->narticles) continue;
        int named = sec->name && *sec->name;
        if (named) {
            /* A section opens at its first article (same target, same order). */
            char href[64];
            long long key = 0;
            epub_chapter_href(sec->articles[0], href);
            article_place(c, sec->articles[0], &key);
            buf_printf(&b, "<navPoint id=\"np-%d\" playOrder=\"%d\"><navLabel><text>", ++id,
                       play_order(&p, key));
            xml_attr(&b, sec->name);
            buf_puts(&b, "</text></navLabel><content src=\"");
            xml_attr(&b, href);
            buf_puts(&b, "\"/>\n");
        }
        for (size_t i = 0; i < sec->narticles; i++)
            ncx_point(c, &b, &p, sec->articles[i], &id);
        if (named) buf_puts(&b, "</navPoint>\n");
    }
    if (!e->narticles) /* a navMap may not be empty either */
        buf_printf(&b, "<navPoint id=\"np-1\" playOrder=\"1\"><navLabel><text>目录</text>"
                       "</navLabel><content src=\"" EPUB_CONTENTS "\"/></navPoint>\n");
    buf_puts(&b, "</navMap>\n");
    if (c->nmarks) {
        buf_puts(&b, "<pageList>\n<navLabel><text>页码</text></navLabel>\n");
        for (size_t k = 0; k < c->nmarks; k++) {
            const epub_mark *m = &c->marks[k];
            buf_printf(&b, "<pageTarget id=\"pt-%zu\" type=\"%s\"", k + 1,
                       m->number > 0 ? "normal" : "front");
            if (m->number > 0) buf_printf(&b, " value=\"%d\"", m->number);
            buf_printf(&b, " playOrder=\"%d\"><navLabel><text>",
                       play_order(&p, place(m->file, m->seq)));
            xml_attr(&b, m->label);
            buf_puts(&b, "</text></navLabel><content src=\"");
            xml_attr(&b, epub_spine_href(c, m->file));
            buf_printf(&b, "#%s\"/></pageTarget>\n", m->id);
        }
        buf_puts(&b, "</pageList>\n");
    }
    buf_puts(&b, "</ncx>\n");
    free(p.keys);
    return epub_add(c, "OEBPS/toc.ncx", "ncx", "application/x-dtbncx+xml", NULL, 0, 0, &b);
}
