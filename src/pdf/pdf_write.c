/* pdf_write.c — pdf_write: sets up libharu, draws every page, adds navigation
 * and metadata, and saves the file atomically. */
#include "pdf_private.h"

#include "../util/fsutil.h"

#include <stdlib.h>
#include <errno.h>
#include <string.h>

/* libharu calls this for every error it raises; the first one is kept and
 * reported by pdf_check with what folio was doing then. */
static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user) {
    pdf_ctx *c = user;
    if (!c->err) {
        c->err = code;
        c->detail = detail;
    }
}

/* Space outside the trim: the bleed, and beyond it room for crop marks. */
#define CROP_MARK_ROOM (10.0f * 72.0f / 25.4f)

static int setup(pdf_ctx *c) {
    pdf_doing(c, "setting up the document");
    c->pdf = HPDF_New(on_error, c);
    if (!c->pdf) return pdf_fail(c, "out of memory while setting up libharu");
    /* Transparency (PNG alpha) and XMP need PDF 1.4; 1.6 as most presses
     * expect. */
    c->pdf->pdf_version = HPDF_VER_16;
    /* No HPDF_SetCompressionMode: folio compresses every stream itself
     * (pdf_deflate.c). */
    float b = c->doc->bleed > 0 ? c->doc->bleed : 0;
    c->bleed = c->opt->bleed ? b : 0;
    c->room = c->opt->bleed || c->opt->crop_marks ? b : 0;
    c->ox = c->oy = c->room + (c->opt->crop_marks ? CROP_MARK_ROOM : 0);
    return 0;
}

static int add_pages(pdf_ctx *c) {
    const folio_doc *doc = c->doc;
    c->pages = calloc(doc->npages ? doc->npages : 1, sizeof *c->pages);
    if (!c->pages) return pdf_fail(c, "out of memory");
    for (size_t i = 0; i < doc->npages; i++) {
        pdf_doing(c, "adding page %zu", i + 1);
        HPDF_Page page = HPDF_AddPage(c->pdf);
        if (pdf_checkp(c, page) || pdf_check(c, HPDF_Page_SetWidth(page, doc->width + 2 * c->ox)) ||
            pdf_check(c, HPDF_Page_SetHeight(page, doc->height + 2 * c->oy)))
            return -1;
        if ((c->room > 0 || c->opt->print) && pdf_page_boxes(c, page)) return -1;
        c->pages[i] = page;
    }
    return 0;
}

static int draw_pages(pdf_ctx *c, folio_pdf_progress progress, void *user) {
    for (size_t i = 0; i < c->doc->npages; i++) {
        const folio_page *p = &c->doc->pages[i];
        HPDF_Page page = c->pages[i];
        /* the print shop's file has no links: PDF/X-4 allows no printing
         * annotation on the page, and PDF/A none that does not print */
        if (pdf_draw_boxes(c, page, p) || pdf_draw_text(c, page, p) ||
            (!c->opt->print && pdf_links(c, page, p)))
            return -1;
        if (c->opt->crop_marks && pdf_draw_crop_marks(c, page)) return -1;
        if (pdf_flush(c, page)) return -1;
        if (progress) progress(i + 1, c->doc->npages, user);
    }
    return 0;
}

static int save(pdf_ctx *c, const char *path) {
    folio_atomic a;
    int e = atomic_begin(&a, path, 0);
    if (e) {
        c->failed = 1;
        return diag_error(c->d, path, 0, "cannot write the PDF: %s", strerror(e));
    }
    pdf_doing(c, "saving %s", path);
    errno = 0;
    HPDF_STATUS st = HPDF_SaveToFile(c->pdf, a.tmp);
    int saved = errno;
    if (st != HPDF_OK || c->err) {
        atomic_abort(&a);
        /* A full disk or a failing device is the user's to fix: say so in
         * words, not as a libharu code. */
        if (st == HPDF_FILE_IO_ERROR || c->err == HPDF_FILE_IO_ERROR) {
            c->failed = 1;
            return diag_error(c->d, path, 0, "cannot write the PDF: %s",
                              saved ? strerror(saved) : "write error");
        }
        return pdf_check(c, st);
    }
    e = atomic_commit(&a);
    if (e) {
        c->failed = 1;
        return diag_error(c->d, path, 0, "cannot write the PDF: %s", strerror(e));
    }
    return 0;
}

int pdf_write(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
              const folio_pdf_options *opt, const char *path, folio_diags *d) {
    return pdf_write_progress(e, doc, f, opt, path, d, NULL, NULL);
}

int pdf_write_progress(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
                       const folio_pdf_options *opt, const char *path, folio_diags *d,
                       folio_pdf_progress progress, void *user) {
    if (!doc || !f || !opt || !path) return diag_error(d, path, 0, "PDF: nothing to write");
    if (doc->npages == 0 || doc->width <= 0 || doc->height <= 0)
        return diag_error(d, path, 0, "PDF: the layout produced no pages");
    pdf_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d, c.f = f, c.doc = doc, c.e = e, c.opt = opt;
    buf_init(&c.ops);
    int rc = -1;
    if (setup(&c) || pdf_images_start(&c) || pdf_standard_prepare(&c) || pdf_fonts_prepare(&c) ||
        pdf_tags_prepare(&c) || add_pages(&c) || draw_pages(&c, progress, user) ||
        pdf_tags_write(&c) || pdf_outline_and_labels(&c) || pdf_metadata(&c) ||
        pdf_standard_write(&c) || save(&c, path))
        goto done;
    rc = 0;
done:
    if (c.pdf) HPDF_Free(c.pdf);
    pdf_fonts_free(&c);
    pdf_tags_free(&c);
    pdf_standard_free(&c);
    pdf_images_free(&c);
    pdf_deflate_free(&c);
    free(c.pages);
    buf_free(&c.ops);
    return rc;
}
