/* pdf_nav.c — navigation: bookmarks of sections and articles (UTF-16 titles),
 * links from the contents to the articles, and page labels that match the
 * printed folios. */
#include "pdf_private.h"

#include <string.h>

HPDF_Destination pdf_dest(pdf_ctx *c, int page, float y) {
    if (page < 0 || (size_t)page >= c->doc->npages) {
        pdf_fail(c, "a link or bookmark leads to page %d of %zu", page + 1, c->doc->npages);
        return NULL;
    }
    HPDF_Destination dst = HPDF_Page_CreateDestination(c->pages[page]);
    if (pdf_checkp(c, dst)) return NULL;
    /* [page /XYZ left top null]: keep the reader's zoom (libharu's SetXYZ
     * refuses a null zoom). */
    float top = c->oy + (y > 0 && y <= c->doc->height ? y : c->doc->height);
    HPDF_Array_Clear(dst);
    HPDF_STATUS st = HPDF_Array_Add(dst, c->pages[page]);
    st |= HPDF_Array_AddName(dst, "XYZ");
    st |= HPDF_Array_AddReal(dst, 0);
    st |= HPDF_Array_AddReal(dst, top);
    st |= HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr));
    return pdf_check(c, st) ? NULL : dst;
}

int pdf_links(pdf_ctx *c, HPDF_Page page, const folio_page *p) {
    size_t links = 0;
    for (size_t i = 0; i < p->nboxes; i++) {
        const folio_box *b = &p->boxes[i];
        if (b->type != FOLIO_BOX_LINK) continue;
        pdf_doing(c, "adding a link on page %d to page %d", p->index + 1, b->target_page + 1);
        HPDF_Destination dst = pdf_dest(c, b->target_page, b->target_y);
        if (!dst) return -1;
        HPDF_Rect r = {c->ox + b->x, c->oy + b->y, c->ox + b->x + b->w, c->oy + b->y + b->h};
        HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(page, r, dst);
        if (pdf_checkp(c, a) || pdf_check(c, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0))) return -1;
        /* printed (PDF/A), described for screen readers (PDF/UA), and a
         * kid of its Link element */
        HPDF_STATUS st = HPDF_Dict_AddNumber(a, "F", 4);
        const char *title = b->target >= 0 && (size_t)b->target < c->e->narticles
                                ? c->e->articles[b->target].title
                                : NULL;
        if (pdf_check(c, st) || (title && pdf_dict_text(c, a, "Contents", title)) ||
            pdf_tag_annot(c, p->index, a, pdf_tag_box(c, b)))
            return -1;
        links++;
    }
    /* the tab order of the annotations is the structure's (PDF/UA 7.18.3) */
    if (links && pdf_check(c, HPDF_Dict_AddName(page, "Tabs", "S"))) return -1;
    return 0;
}

static int outline(pdf_ctx *c) {
    HPDF_Outline parent = NULL;
    for (size_t i = 0; i < c->doc->noutline; i++) {
        const folio_outline_entry *o = &c->doc->outline[i];
        pdf_doing(c, "adding the bookmark \"%.80s\"", o->title ? o->title : "");
        HPDF_Outline under = o->level > 0 ? parent : NULL;
        /* libharu would write the title through an 8/16-bit encoder; it is
         * replaced right away with a UTF-16 string. */
        HPDF_Outline ol = HPDF_CreateOutline(c->pdf, under, "", NULL);
        if (pdf_checkp(c, ol) || pdf_dict_text(c, ol, "Title", o->title ? o->title : "")) return -1;
        HPDF_Destination dst = pdf_dest(c, o->page, o->y);
        if (!dst || pdf_check(c, HPDF_Outline_SetDestination(ol, dst))) return -1;
        if (o->level == 0) {
            parent = ol;
            if (pdf_check(c, HPDF_Outline_SetOpened(ol, HPDF_TRUE))) return -1;
        }
    }
    if (c->doc->noutline && pdf_check(c, HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE)))
        return -1;
    return 0;
}

static int ascii(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E) return 0;
    return 1;
}

/* A label range starts wherever the printed sequence breaks. */
static int labels(pdf_ctx *c) {
    pdf_doing(c, "writing page labels");
    const folio_page *prev = NULL;
    for (size_t i = 0; i < c->doc->npages; i++) {
        const folio_page *p = &c->doc->pages[i];
        const char *pre = p->label ? p->label : "";
        if (prev) {
            const char *pp = prev->label ? prev->label : "";
            int same = strcmp(pre, pp) == 0;
            if (same && prev->label_number > 0 && p->label_number == prev->label_number + 1) {
                prev = p;
                continue;
            }
            if (same && prev->label_number == 0 && p->label_number == 0) {
                prev = p;
                continue;
            }
        }
        prev = p;
        HPDF_Dict lab = HPDF_Dict_New(c->pdf->mmgr);
        if (pdf_checkp(c, lab)) return -1;
        HPDF_STATUS st = HPDF_OK;
        if (p->label_number > 0) {
            st |= HPDF_Dict_AddName(lab, "S", "D");
            if (p->label_number != 1) st |= HPDF_Dict_AddNumber(lab, "St", p->label_number);
        }
        if (*pre) {
            if (ascii(pre))
                st |= HPDF_Dict_Add(lab, "P", HPDF_String_New(c->pdf->mmgr, pre, NULL));
            else if (pdf_dict_text(c, lab, "P", pre))
                return -1;
        }
        st |= HPDF_Catalog_AddPageLabel(c->pdf->catalog, (HPDF_UINT)i, lab);
        if (pdf_check(c, st)) return -1;
    }
    return 0;
}

int pdf_outline_and_labels(pdf_ctx *c) {
    if (outline(c)) return -1;
    return labels(c);
}
