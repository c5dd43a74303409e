/* pagelist.c — the print edition's pages mapped to places in the EPUB, and
 * the epub:type="pagebreak" markers written there. */
#include "epub_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNRESOLVED (-1000)

/* Whether page p has a line of a role in [from, to]. */
static int page_has_role(const folio_page *p, folio_line_role from, folio_line_role to) {
    for (size_t i = 0; i < p->nlines; i++)
        if (p->lines[i].role >= from && p->lines[i].role <= to) return 1;
    return 0;
}

/* The first line of article art on page p (NULL when none). */
static const folio_line *first_line(const folio_page *p, int art) {
    for (size_t i = 0; i < p->nlines; i++)
        if (p->lines[i].article == art) return &p->lines[i];
    return NULL;
}

static const folio_block *find_block(const folio_block *b, size_t n, int serial) {
    for (size_t i = 0; i < n; i++) {
        if (b[i].serial == serial) return &b[i];
        const folio_block *c = find_block(b[i].children, b[i].nchildren, serial);
        if (c) return c;
    }
    return NULL;
}

/* Whether page p shows the picture of image block b (else only its caption
 * runs on from the page before). */
static int page_has_image(const folio_page *p, const folio_block *b) {
    for (size_t i = 0; i < p->nboxes; i++) {
        const folio_image *img = p->boxes[i].image;
        if (p->boxes[i].type == FOLIO_BOX_IMAGE && img &&
            (img == b->image || (img->rel && b->image->rel && !strcmp(img->rel, b->image->rel))))
            return 1;
    }
    return 0;
}

static int label_ok(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
            return 0;
    return 1;
}

static void make_label(const folio_page *p, epub_mark *m) {
    const char *prefix = p->label ? p->label : "";
    if (p->folio > 0) {
        snprintf(m->label, sizeof m->label, "%d", p->folio);
        m->number = p->folio;
    } else if (p->label_number > 0) {
        snprintf(m->label, sizeof m->label, "%.20s%d", prefix, p->label_number);
    } else {
        snprintf(m->label, sizeof m->label, "%.30s", prefix);
    }
}

int epub_pagelist_build(epub_ctx *c) {
    const folio_doc *doc = c->doc;
    if (!doc || !doc->npages) return 0;
    c->marks = calloc(doc->npages, sizeof *c->marks);
    if (!c->marks) return diag_error(c->d, NULL, 0, "out of memory");
    int narts = (int)c->e->narticles;
    for (size_t i = 0; i < doc->npages; i++) {
        const folio_page *p = &doc->pages[i];
        epub_mark m;
        memset(&m, 0, sizeof m);
        make_label(p, &m);
        if (!m.label[0]) continue; /* a page without a printed number cannot be cited */
        if (label_ok(m.label))
            snprintf(m.id, sizeof m.id, "page-%s", m.label);
        else
            snprintf(m.id, sizeof m.id, "page-i%zu", i + 1);
        for (size_t k = 0; k < c->nmarks; k++)
            if (!strcmp(c->marks[k].id, m.id)) {
                snprintf(m.id, sizeof m.id, "page-i%zu", i + 1);
                break;
            }
        m.serial = -1;
        if (p->start_article >= 0 && p->start_article < narts) {
            m.target = p->start_article;
            m.serial = p->start_serial < 0 ? -1 : p->start_serial;
            m.offset = p->start_offset;
            /* The page may open with the article's header (title, byline...)
             * or its source line, which have no block of their own. */
            const folio_line *l = first_line(p, p->start_article);
            if (m.serial < 0 || (l && l->serial < 0)) {
                m.serial = -1;
                m.offset = 0;
                m.at_source = l && l->role == FOLIO_ROLE_SOURCE;
            }
            const folio_article *art = &c->e->articles[m.target];
            const folio_block *b =
                m.serial >= 0 ? find_block(art->blocks, art->nblocks, m.serial) : NULL;
            if (b && b->type == FOLIO_BLOCK_IMAGE && b->image && !page_has_image(p, b))
                m.in_caption = 1;
        } else if (page_has_role(p, FOLIO_ROLE_COVER_TITLE, FOLIO_ROLE_COVER_TAGLINE)) {
            m.target = MARK_COVER;
        } else if (page_has_role(p, FOLIO_ROLE_MASTHEAD_TITLE, FOLIO_ROLE_NOTICE)) {
            m.target = MARK_MASTHEAD;
        } else if (page_has_role(p, FOLIO_ROLE_TOC_HEADING, FOLIO_ROLE_TOC_ENTRY)) {
            m.target = MARK_CONTENTS;
        } else {
            m.target = UNRESOLVED; /* blank or picture page: where the next text starts */
        }
        c->marks[c->nmarks++] = m;
    }
    /* Pages without text lead to the place the next page starts; trailing
     * ones to the end of the last article. */
    const epub_mark *next = NULL;
    for (size_t k = c->nmarks; k-- > 0;) {
        epub_mark *m = &c->marks[k];
        if (m->target != UNRESOLVED) {
            next = m;
            continue;
        }
        if (next) {
            m->target = next->target;
            m->serial = next->serial;
            m->offset = next->offset;
            m->at_source = next->at_source;
            m->at_end = next->at_end;
        } else if (narts > 0) {
            m->target = narts - 1;
            m->at_end = 1;
        } else {
            m->target = MARK_CONTENTS;
        }
        next = m;
    }
    return 0;
}

void epub_pagelist_marker(epub_ctx *c, folio_buf *b, epub_mark *m, int file) {
    buf_puts(b, "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"");
    buf_puts(b, m->id);
    buf_puts(b, "\" aria-label=\"");
    xml_attr(b, m->label);
    buf_puts(b, "\"></span>");
    m->done = 1;
    m->file = file;
    int seq = 0;
    for (size_t k = 0; k < c->nmarks; k++)
        if (c->marks[k].done && c->marks[k].file == file) seq++;
    m->seq = seq;
}

void epub_pagelist_emit(epub_ctx *c, folio_buf *b, int target, int file) {
    for (size_t k = 0; k < c->nmarks; k++)
        if (!c->marks[k].done && c->marks[k].target == target)
            epub_pagelist_marker(c, b, &c->marks[k], file);
}
