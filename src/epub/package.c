/* package.c — the package document (OEBPS/content.opf): metadata, manifest
 * and spine.
 *
 * Creators: a magazine issue has no single author. Reading systems show
 * dc:creator as the book's author, so the body that publishes the issue (else
 * the journal) is the creator, and the articles' authors are listed as
 * dc:contributor with the MARC role aut: honest for the issue as a whole and
 * still searchable by author. */
#include "epub_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void meta(folio_buf *b, const char *property, const char *value) {
    buf_printf(b, "<meta property=\"%s\">", property);
    xml_attr(b, value);
    buf_puts(b, "</meta>\n");
}

static void refine(folio_buf *b, const char *id, const char *property, const char *scheme,
                   const char *value) {
    buf_printf(b, "<meta refines=\"#%s\" property=\"%s\"", id, property);
    if (scheme) buf_printf(b, " scheme=\"%s\"", scheme);
    buf_puts(b, ">");
    xml_attr(b, value);
    buf_puts(b, "</meta>\n");
}

/* Every distinct author, in reading order, as a contributor. */
static void contributors(const epub_ctx *c, folio_buf *b) {
    const folio_edition *e = c->e;
    int n = 0;
    for (size_t a = 0; a < e->narticles; a++) {
        const folio_article *art = &e->articles[a];
        for (size_t i = 0; i < art->nauthors; i++) {
            const char *name = art->authors[i];
            if (!name || !*name) continue;
            int seen = 0;
            for (size_t pa = 0; pa <= a && !seen; pa++) {
                const folio_article *p = &e->articles[pa];
                size_t lim = pa == a ? i : p->nauthors;
                for (size_t pi = 0; pi < lim && !seen; pi++)
                    seen = p->authors[pi] && !strcmp(p->authors[pi], name);
            }
            if (seen) continue;
            char id[32];
            snprintf(id, sizeof id, "contrib%02d", ++n);
            buf_printf(b, "<dc:contributor id=\"%s\">", id);
            xml_attr(b, name);
            buf_puts(b, "</dc:contributor>\n");
            refine(b, id, "role", "marc:relators", "aut");
        }
    }
}

static void accessibility(const epub_ctx *c, folio_buf *b) {
    meta(b, "schema:accessMode", "textual");
    if (c->has_images) meta(b, "schema:accessMode", "visual");
    meta(b, "schema:accessModeSufficient",
         c->has_images && !c->all_alt ? "textual,visual" : "textual");
    meta(b, "schema:accessibilityFeature", "structuralNavigation");
    meta(b, "schema:accessibilityFeature", "tableOfContents");
    meta(b, "schema:accessibilityFeature", "readingOrder");
    if (c->nmarks) {
        meta(b, "schema:accessibilityFeature", "printPageNumbers");
        meta(b, "schema:accessibilityFeature", "pageBreakMarkers");
    }
    if (c->has_images && c->all_alt) meta(b, "schema:accessibilityFeature", "alternativeText");
    meta(b, "schema:accessibilityHazard", "none");
    char sum[512];
    snprintf(sum, sizeof sum,
             "本刊电子版为可重排的文字版本,按印刷版的阅读顺序编排,提供目录与分栏目导航%s%s。",
             c->nmarks ? ",并标注了印刷版页码,便于按页引用" : "",
             !c->has_images ? ""
             : c->all_alt   ? ";图片均附有说明文字"
                            : ";部分图片没有说明文字");
    meta(b, "schema:accessibilitySummary", sum);
}

int epub_package(epub_ctx *c, unsigned char **data, size_t *len) {
    const folio_edition *e = c->e;
    folio_buf b;
    buf_init(&b);
    buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                 "unique-identifier=\"pub-id\" xml:lang=\"");
    xml_attr(&b, c->lang);
    buf_printf(&b, "\" dir=\"%s\">\n", c->rtl ? "rtl" : "ltr");
    buf_puts(&b, "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                 "<dc:identifier id=\"pub-id\">");
    xml_attr(&b, c->uid);
    buf_puts(&b, "</dc:identifier>\n<dc:title id=\"title\">");
    xml_attr(&b, e->journal);
    buf_puts(&b, " ");
    xml_attr(&b, e->issue);
    buf_puts(&b, "</dc:title>\n");
    refine(&b, "title", "title-type", NULL, "main");
    buf_puts(&b, "<dc:language>");
    xml_attr(&b, c->lang);
    buf_puts(&b, "</dc:language>\n<dc:creator id=\"creator\">");
    xml_attr(&b, e->publisher && *e->publisher ? e->publisher : e->journal);
    buf_puts(&b, "</dc:creator>\n");
    contributors(c, &b);
    if (e->publisher && *e->publisher) {
        buf_puts(&b, "<dc:publisher>");
        xml_attr(&b, e->publisher);
        buf_puts(&b, "</dc:publisher>\n");
    }
    if (e->date && *e->date) {
        buf_puts(&b, "<dc:date>");
        xml_attr(&b, e->date);
        buf_puts(&b, "</dc:date>\n");
    }
    if (c->nmarks) {
        /* the page-break markers are the print edition's pages (EPUB
         * Accessibility 1.1: page breaks name their source) */
        buf_puts(&b, "<dc:source id=\"print-source\">");
        xml_attr(&b, e->journal);
        buf_putc(&b, ' ');
        xml_attr(&b, e->issue);
        buf_puts(&b, " (print edition, PDF)</dc:source>\n"
                     "<meta refines=\"#print-source\" property=\"source-of\">pagination</meta>\n");
    }
    meta(&b, "dcterms:modified", c->modified);
    buf_puts(&b, "<meta property=\"belongs-to-collection\" id=\"c01\">");
    xml_attr(&b, e->journal);
    buf_puts(&b, "</meta>\n");
    refine(&b, "c01", "collection-type", NULL, "series");
    if (e->number > 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", e->number);
        refine(&b, "c01", "group-position", NULL, n);
    }
    accessibility(c, &b);
    buf_puts(&b, "<meta name=\"generator\" content=\"folio ");
    xml_attr(&b, c->opt && c->opt->version ? c->opt->version : "");
    buf_puts(&b, "\"/>\n");
    if (c->cover_image >= 0) buf_puts(&b, "<meta name=\"cover\" content=\"img-cover\"/>\n");
    buf_puts(&b, "</metadata>\n<manifest>\n");
    for (size_t i = 0; i < c->nfiles; i++) {
        const epub_file *f = &c->files[i];
        if (!f->id) continue;
        buf_printf(&b, "<item id=\"%s\" href=\"%s\" media-type=\"%s\"", f->id,
                   f->name + strlen("OEBPS/"), f->media);
        if (f->props) buf_printf(&b, " properties=\"%s\"", f->props);
        buf_puts(&b, "/>\n");
    }
    buf_printf(&b, "</manifest>\n<spine toc=\"ncx\"%s>\n",
               c->rtl ? " page-progression-direction=\"rtl\"" : "");
    for (size_t i = 0; i < c->nfiles; i++)
        if (c->files[i].spine) buf_printf(&b, "<itemref idref=\"%s\"/>\n", c->files[i].id);
    buf_puts(&b, "</spine>\n</package>\n");
    if (b.oom) {
        buf_free(&b);
        return diag_error(c->d, NULL, 0, "out of memory");
    }
    *data = (unsigned char *)buf_detach(&b, len);
    return *data ? 0 : diag_error(c->d, NULL, 0, "out of memory");
}
