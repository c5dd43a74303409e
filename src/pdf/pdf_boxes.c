/* pdf_boxes.c — rectangles, rules and images of a page; the bleed (backgrounds
 * run past the trim), TrimBox/BleedBox and crop marks for the printer. */
#include "pdf_private.h"

#include <math.h>
#include <string.h>

/* Where a background touches the trim edge it runs on to the bleed edge. */
static void to_bleed(const pdf_ctx *c, const folio_box *b, float *x, float *y, float *w, float *h) {
    const float eps = 0.5f, W = c->doc->width, H = c->doc->height, e = c->bleed;
    float x0 = b->x, y0 = b->y, x1 = b->x + b->w, y1 = b->y + b->h;
    if (e > 0 && b->to_bleed) {
        if (x0 <= eps) x0 = -e;
        if (y0 <= eps) y0 = -e;
        if (x1 >= W - eps) x1 = W + e;
        if (y1 >= H - eps) y1 = H + e;
    }
    *x = x0, *y = y0, *w = x1 - x0, *h = y1 - y0;
}

static void rect_ops(pdf_ctx *c, const folio_box *b) {
    int fill = b->fill_gray >= 0, stroke = b->line_width > 0;
    if (!fill && !stroke) return;
    float x, y, w, h;
    to_bleed(c, b, &x, &y, &w, &h);
    pdf_ops(c, "q ");
    if (fill) pdf_gray(c, b->fill_gray, 0);
    if (stroke) {
        pdf_gray(c, b->stroke_gray, 1);
        pdf_num(c, b->line_width);
        pdf_ops(c, "w ");
    }
    pdf_num(c, c->ox + x);
    pdf_num(c, c->oy + y);
    pdf_num(c, w);
    pdf_num(c, h);
    pdf_ops(c, "re %s Q\n", fill && stroke ? "B" : fill ? "f" : "S");
}

static void rule_ops(pdf_ctx *c, const folio_box *b) {
    pdf_ops(c, "q ");
    pdf_gray(c, b->stroke_gray, 1);
    pdf_num(c, b->line_width > 0 ? b->line_width : 0.5);
    pdf_ops(c, "w ");
    pdf_num(c, c->ox + b->x);
    pdf_num(c, c->oy + b->y);
    pdf_ops(c, "m ");
    pdf_num(c, c->ox + b->x + b->w);
    pdf_num(c, c->oy + b->y + b->h);
    pdf_ops(c, "l S Q\n");
}

/* An image that runs into the bleed is scaled up evenly to cover the larger
 * area (clipped to it) rather than stretched. */
static int image(pdf_ctx *c, HPDF_Page page, const folio_box *b) {
    if (!b->image || b->w <= 0 || b->h <= 0) return 0;
    HPDF_Image img = pdf_image_get(c, b->image);
    if (!img) return -1;
    pdf_doing(c, "placing image %s on page", b->image->rel ? b->image->rel : b->image->file);
    float x, y, w, h;
    to_bleed(c, b, &x, &y, &w, &h);
    int clip = w != b->w || h != b->h;
    float dx = c->ox + x, dy = c->oy + y, dw = w, dh = h;
    if (clip) {
        float k = fmaxf(w / b->w, h / b->h);
        dw = b->w * k, dh = b->h * k;
        dx = c->ox + x + (w - dw) / 2, dy = c->oy + y + (h - dh) / 2;
        pdf_ops(c, "q ");
        pdf_num(c, c->ox + x);
        pdf_num(c, c->oy + y);
        pdf_num(c, w);
        pdf_num(c, h);
        pdf_ops(c, "re W n\n");
    }
    const char *name = HPDF_Page_GetXObjectName(page, img);
    if (pdf_checkp(c, name)) return -1;
    pdf_ops(c, "q ");
    pdf_num(c, dw);
    pdf_ops(c, "0 0 ");
    pdf_num(c, dh);
    pdf_num(c, dx);
    pdf_num(c, dy);
    pdf_ops(c, "cm /%s Do Q\n", name);
    if (clip) pdf_ops(c, "Q\n");
    return 0;
}

/* A picture is its Figure's content (with the Figure's bounding box), or
 * decoration when it has no text. */
static int figure(pdf_ctx *c, HPDF_Page page, const folio_page *p, const folio_box *b,
                  pdf_marks *m) {
    int id = pdf_tag_box(c, b);
    if (id >= 0) {
        float bbox[4] = {c->ox + b->x, c->oy + b->y, c->ox + b->x + b->w, c->oy + b->y + b->h};
        pdf_tag_figure_box(c, id, p->index, bbox);
    }
    pdf_mark(c, m, p->index, id, PDF_ART_LAYOUT);
    int rc = image(c, page, b);
    pdf_mark_close(c, m);
    return rc;
}

int pdf_draw_boxes(pdf_ctx *c, HPDF_Page page, const folio_page *p) {
    pdf_doing(c, "drawing the boxes of page %d", p->index + 1);
    pdf_marks m = {0};
    for (size_t i = 0; i < p->nboxes; i++) {
        const folio_box *b = &p->boxes[i];
        switch (b->type) {
        case FOLIO_BOX_RECT:
            pdf_mark(c, &m, p->index, -1, PDF_ART_LAYOUT);
            rect_ops(c, b);
            break;
        case FOLIO_BOX_RULE:
            pdf_mark(c, &m, p->index, -1, PDF_ART_LAYOUT);
            rule_ops(c, b);
            break;
        case FOLIO_BOX_IMAGE:
            pdf_mark_close(c, &m);
            if (figure(c, page, p, b, &m)) return -1;
            break;
        case FOLIO_BOX_LINK:
            break;
        }
    }
    pdf_mark_close(c, &m);
    return 0;
}

/* [/Separation /All /DeviceCMYK f]: the registration colour, printed on
 * every plate, so that crop marks show on each separation. Under an sRGB
 * output intent its alternate is DeviceGray (PDF/A-2 6.2.4.4 allows no
 * DeviceCMYK there). */
static HPDF_Array registration_space(pdf_ctx *c) {
    if (c->reg_space) return c->reg_space;
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Array cs = HPDF_Array_New(mm);
    HPDF_Dict fn = HPDF_Dict_New(mm);
    HPDF_Array dom = HPDF_Array_New(mm), c0 = HPDF_Array_New(mm), c1 = HPDF_Array_New(mm);
    if (pdf_checkp(c, cs) || pdf_checkp(c, fn) || pdf_checkp(c, dom) || pdf_checkp(c, c0) ||
        pdf_checkp(c, c1))
        return NULL;
    HPDF_STATUS st = HPDF_Xref_Add(c->pdf->xref, cs);
    st |= HPDF_Array_AddName(cs, "Separation");
    st |= HPDF_Array_AddName(cs, "All");
    int gray = c->opt->standard == FOLIO_PDF_STANDARD_DEFAULT && !c->opt->print;
    st |= HPDF_Array_AddName(cs, gray ? "DeviceGray" : "DeviceCMYK");
    st |= HPDF_Dict_AddNumber(fn, "FunctionType", 2);
    st |= HPDF_Array_AddNumber(dom, 0);
    st |= HPDF_Array_AddNumber(dom, 1);
    st |= HPDF_Dict_Add(fn, "Domain", dom);
    for (int i = 0; i < (gray ? 1 : 4); i++) {
        st |= HPDF_Array_AddNumber(c0, gray ? 1 : 0);
        st |= HPDF_Array_AddNumber(c1, gray ? 0 : 1);
    }
    st |= HPDF_Dict_Add(fn, "C0", c0);
    st |= HPDF_Dict_Add(fn, "C1", c1);
    st |= HPDF_Dict_AddNumber(fn, "N", 1);
    st |= HPDF_Array_Add(cs, fn);
    if (pdf_check(c, st)) return NULL;
    c->reg_space = cs;
    return cs;
}

int pdf_draw_crop_marks(pdf_ctx *c, HPDF_Page page) {
    pdf_doing(c, "drawing crop marks");
    HPDF_Array cs = registration_space(c);
    if (!cs) return -1;
    HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
    HPDF_Dict spaces = HPDF_Dict_New(c->pdf->mmgr);
    if (pdf_checkp(c, res) || pdf_checkp(c, spaces)) return -1;
    if (pdf_check(c, HPDF_Dict_Add(spaces, "Reg", cs)) ||
        pdf_check(c, HPDF_Dict_Add(res, "ColorSpace", spaces)))
        return -1;
    /* Marks start just outside the bleed so that they never print on a
     * trimmed page, and are 18 pt long. */
    const float gap = c->room + 3.0f, len = 18.0f;
    const float x0 = c->ox, y0 = c->oy, x1 = c->ox + c->doc->width, y1 = c->oy + c->doc->height;
    const float xs[2] = {x0, x1}, ys[2] = {y0, y1};
    pdf_ops(c, "/Artifact BMC\nq /Reg CS 1 SCN 0.25 w\n");
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            float x = xs[i], y = ys[j], sx = i ? 1.0f : -1.0f, sy = j ? 1.0f : -1.0f;
            /* horizontal mark on the trim line y, vertical on x */
            pdf_num(c, x + sx * gap);
            pdf_num(c, y);
            pdf_ops(c, "m ");
            pdf_num(c, x + sx * (gap + len));
            pdf_num(c, y);
            pdf_ops(c, "l ");
            pdf_num(c, x);
            pdf_num(c, y + sy * gap);
            pdf_ops(c, "m ");
            pdf_num(c, x);
            pdf_num(c, y + sy * (gap + len));
            pdf_ops(c, "l\n");
        }
    pdf_ops(c, "S Q\nEMC\n");
    return 0;
}

int pdf_page_boxes(pdf_ctx *c, HPDF_Page page) {
    pdf_doing(c, "writing TrimBox and BleedBox");
    float W = c->doc->width, H = c->doc->height, r = c->bleed;
    HPDF_Array trim = pdf_rect_array(c, c->ox, c->oy, c->ox + W, c->oy + H);
    if (!trim || pdf_check(c, HPDF_Dict_Add(page, "TrimBox", trim))) return -1;
    HPDF_Array bleed = pdf_rect_array(c, c->ox - r, c->oy - r, c->ox + W + r, c->oy + H + r);
    if (!bleed || pdf_check(c, HPDF_Dict_Add(page, "BleedBox", bleed))) return -1;
    return 0;
}
