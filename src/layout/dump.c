/* dump.c — layout_dump_json: the laid-out document as JSON for tests and
 * reviews. Numbers are written with fixed precision so that the same input
 * gives the same bytes. */
#include "layout.h"

#include "../util/buf.h"
#include "../util/fsutil.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

static void jstr(folio_buf *b, const char *s) {
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_put_json_str(b, s);
}

/* %.3f, with -0.000 written as 0.000 */
static void jnum(folio_buf *b, float v) {
    if (v > -0.0005f && v < 0.0005f) v = 0;
    buf_printf(b, "%.3f", (double)v);
}

static void kv(folio_buf *b, const char *k, float v) {
    buf_printf(b, "\"%s\":", k);
    jnum(b, v);
}

static const char *box_type(folio_box_type t) {
    switch (t) {
    case FOLIO_BOX_RECT:
        return "rect";
    case FOLIO_BOX_RULE:
        return "rule";
    case FOLIO_BOX_IMAGE:
        return "image";
    case FOLIO_BOX_LINK:
        return "link";
    }
    return "?";
}

const char *layout_role_name(folio_line_role r) {
    static const char *const names[FOLIO_ROLE_COUNT] = {
        [FOLIO_ROLE_BODY] = "body",
        [FOLIO_ROLE_TITLE] = "title",
        [FOLIO_ROLE_SUBTITLE] = "subtitle",
        [FOLIO_ROLE_AUTHOR] = "author",
        [FOLIO_ROLE_BYLINE] = "byline",
        [FOLIO_ROLE_HEADING2] = "heading2",
        [FOLIO_ROLE_HEADING3] = "heading3",
        [FOLIO_ROLE_QUOTE] = "quote",
        [FOLIO_ROLE_LIST] = "list",
        [FOLIO_ROLE_LIST_LABEL] = "list_label",
        [FOLIO_ROLE_CAPTION] = "caption",
        [FOLIO_ROLE_SOURCE] = "source",
        [FOLIO_ROLE_COVER_TITLE] = "cover_title",
        [FOLIO_ROLE_COVER] = "cover",
        [FOLIO_ROLE_COVER_TAGLINE] = "cover_tagline",
        [FOLIO_ROLE_MASTHEAD_TITLE] = "masthead_title",
        [FOLIO_ROLE_MASTHEAD_KEY] = "masthead_key",
        [FOLIO_ROLE_MASTHEAD_VALUE] = "masthead_value",
        [FOLIO_ROLE_IDENTIFIER] = "identifier",
        [FOLIO_ROLE_NOTICE] = "notice",
        [FOLIO_ROLE_TOC_HEADING] = "toc_heading",
        [FOLIO_ROLE_TOC_SECTION] = "toc_section",
        [FOLIO_ROLE_TOC_ENTRY] = "toc",
        [FOLIO_ROLE_RUNHEAD] = "runhead",
        [FOLIO_ROLE_FOLIO] = "folio",
    };
    return (unsigned)r < FOLIO_ROLE_COUNT ? names[r] : "?";
}

static void dump_line(folio_buf *b, const folio_line *ln) {
    buf_puts(b, "{\"kind\":");
    jstr(b, layout_role_name(ln->role));
    buf_printf(b, ",\"column\":%d", ln->column);
    if (ln->item >= 0) buf_printf(b, ",\"item\":%d", ln->item);
    if (ln->target >= 0) buf_printf(b, ",\"target\":%d", ln->target);
    if (ln->deco_to > ln->deco_from)
        buf_printf(b, ",\"deco\":[%zu,%zu]", ln->deco_from, ln->deco_to);
    buf_puts(b, ",\"text\":");
    jstr(b, ln->text);
    buf_putc(b, ',');
    kv(b, "x", ln->x);
    buf_putc(b, ',');
    kv(b, "y", ln->y);
    buf_putc(b, ',');
    kv(b, "size", ln->size);
    buf_putc(b, ',');
    kv(b, "width", ln->width);
    buf_putc(b, ',');
    kv(b, "natural", ln->natural);
    buf_putc(b, ',');
    kv(b, "stretch", ln->stretch);
    buf_putc(b, ',');
    kv(b, "gray", ln->gray);
    buf_printf(b, ",\"flags\":%u,\"article\":%d,\"serial\":%d,\"offset\":%zu,\"src\":", ln->flags,
               ln->article, ln->serial, ln->offset);
    jstr(b, ln->src);
    buf_printf(b, ",\"src_line\":%d,\"glyphs\":[", ln->src_line);
    for (size_t i = 0; i < ln->n; i++) {
        const folio_glyph *g = &ln->g[i];
        buf_printf(b, "%s{\"cp\":%u,\"face\":%d,\"gid\":%u,", i ? "," : "", (unsigned)g->cp,
                   g->face, (unsigned)g->gid);
        kv(b, "x", g->x);
        buf_putc(b, ',');
        kv(b, "adv", g->adv);
        if (g->dy != 0) {
            buf_putc(b, ',');
            kv(b, "dy", g->dy);
        }
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

static void dump_box(folio_buf *b, const folio_box *x) {
    buf_puts(b, "{\"type\":");
    jstr(b, box_type(x->type));
    buf_putc(b, ',');
    kv(b, "x", x->x);
    buf_putc(b, ',');
    kv(b, "y", x->y);
    buf_putc(b, ',');
    kv(b, "w", x->w);
    buf_putc(b, ',');
    kv(b, "h", x->h);
    buf_putc(b, ',');
    kv(b, "line_width", x->line_width);
    buf_putc(b, ',');
    kv(b, "stroke_gray", x->stroke_gray);
    buf_putc(b, ',');
    kv(b, "fill_gray", x->fill_gray);
    buf_printf(b, ",\"to_bleed\":%d", x->to_bleed);
    if (x->type == FOLIO_BOX_IMAGE) {
        buf_puts(b, ",\"image\":");
        jstr(b, x->image ? x->image->rel : NULL);
    }
    if (x->type == FOLIO_BOX_LINK) {
        buf_printf(b, ",\"target_page\":%d,", x->target_page);
        kv(b, "target_y", x->target_y);
    }
    buf_putc(b, '}');
}

static void dump_page(folio_buf *b, const folio_doc *doc, const folio_page *p) {
    float left = p->recto ? doc->margin_inner : doc->margin_outer;
    buf_printf(b, "{\"index\":%d,\"folio\":%d,\"label\":", p->index, p->folio);
    jstr(b, p->label);
    buf_printf(b, ",\"label_number\":%d,\"recto\":%d,", p->label_number, p->recto);
    kv(b, "width", doc->width);
    buf_putc(b, ',');
    kv(b, "height", doc->height);
    buf_puts(b, ",\"type_area\":{");
    kv(b, "x0", left);
    buf_putc(b, ',');
    kv(b, "x1", left + doc->type_width);
    buf_putc(b, ',');
    kv(b, "top", doc->type_top);
    buf_putc(b, ',');
    kv(b, "bottom", doc->type_top - doc->type_height);
    buf_puts(b, "},\"columns\":[");
    for (int k = 0; k < doc->columns; k++) {
        float x0 = left + (float)k * (doc->column_width + doc->column_gap);
        buf_puts(b, k ? ",[" : "[");
        jnum(b, x0);
        buf_putc(b, ',');
        jnum(b, x0 + doc->column_width);
        buf_putc(b, ']');
    }
    buf_printf(b, "],\"start_article\":%d,\"start_serial\":%d,\"start_offset\":%zu,\"lines\":[",
               p->start_article, p->start_serial, p->start_offset);
    for (size_t i = 0; i < p->nlines; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        dump_line(b, &p->lines[i]);
    }
    buf_puts(b, "],\"boxes\":[");
    for (size_t i = 0; i < p->nboxes; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        dump_box(b, &p->boxes[i]);
    }
    buf_puts(b, "]}");
}

/* How the make-up fitted an article, and how its last page came out. */
static void dump_fit(folio_buf *b, const folio_fit *f) {
    buf_printf(b,
               "\"makeup\":{\"tighter\":%d,\"looser\":%d,\"compact\":%d,\"air\":%d,"
               "\"heading_air\":%d,\"figure_lines\":%d,\"cut\":%d,\"cut_pages\":%d,"
               "\"follows\":%d},",
               f->tighter, f->looser, f->compact, f->air, f->heading_air, f->figure_lines, f->cut,
               f->cut_pages, f->follows);
    buf_printf(b, "\"ending\":{\"rows\":%d,\"stub\":%d,\"columns\":[", f->rows, f->stub);
    for (int k = 0; k < f->ncolumns; k++)
        buf_printf(b, "%s%d", k ? "," : "", f->columns[k]);
    buf_printf(b, "],\"balance\":%d}", f->balance);
}

int layout_dump_json(const folio_doc *doc, const folio_fonts *f, const char *path, folio_diags *d) {
    folio_buf b;
    buf_init(&b);
    buf_puts(&b, "{\"layout\":");
    jstr(&b, doc->layout_name);
    buf_putc(&b, ',');
    kv(&b, "width", doc->width);
    buf_putc(&b, ',');
    kv(&b, "height", doc->height);
    buf_putc(&b, ',');
    kv(&b, "bleed", doc->bleed);
    buf_puts(&b, ",\"grid\":{");
    kv(&b, "top", doc->type_top);
    buf_putc(&b, ',');
    kv(&b, "height", doc->type_height);
    buf_putc(&b, ',');
    kv(&b, "width", doc->type_width);
    buf_putc(&b, ',');
    kv(&b, "pitch", doc->line_pitch);
    buf_putc(&b, ',');
    kv(&b, "body_size", doc->body_size);
    buf_printf(&b, ",\"lines\":%d,\"chars\":%d,\"columns\":%d,", doc->grid_lines, doc->grid_chars,
               doc->columns);
    kv(&b, "column_width", doc->column_width);
    buf_putc(&b, ',');
    kv(&b, "column_gap", doc->column_gap);
    buf_putc(&b, ',');
    kv(&b, "margin_inner", doc->margin_inner);
    buf_putc(&b, ',');
    kv(&b, "margin_outer", doc->margin_outer);
    buf_puts(&b, "},\n\"faces\":[");
    size_t nf = f ? fonts_face_count(f) : 0;
    for (size_t i = 0; i < nf; i++) {
        if (i) buf_putc(&b, ',');
        jstr(&b, fonts_face(f, (int)i)->psname);
    }
    buf_printf(&b, "],\n\"stub_rows\":%d,\"articles\":[", doc->stub_rows);
    for (size_t i = 0; i < doc->narticles; i++) {
        buf_printf(&b, "%s{\"page\":%d,\"last_page\":%d,\"folio\":%d,", i ? ",\n" : "\n",
                   doc->article_page[i], doc->article_last_page[i], doc->article_folio[i]);
        dump_fit(&b, &doc->article_fit[i]);
        buf_putc(&b, '}');
    }
    buf_puts(&b, "],\n\"outline\":[");
    for (size_t i = 0; i < doc->noutline; i++) {
        const folio_outline_entry *o = &doc->outline[i];
        buf_puts(&b, i ? ",\n{\"title\":" : "\n{\"title\":");
        jstr(&b, o->title);
        buf_printf(&b, ",\"level\":%d,\"page\":%d,", o->level, o->page);
        kv(&b, "y", o->y);
        buf_putc(&b, '}');
    }
    buf_puts(&b, "],\n\"pages\":[");
    for (size_t i = 0; i < doc->npages; i++) {
        buf_puts(&b, i ? ",\n" : "\n");
        dump_page(&b, doc, &doc->pages[i]);
    }
    buf_puts(&b, "]}\n");
    if (b.oom) {
        buf_free(&b);
        return diag_error(d, path, 0, "out of memory while writing the layout dump");
    }
    int e = fs_write_atomic(path, b.data, b.len);
    buf_free(&b);
    if (e) return diag_error(d, path, 0, "cannot write the layout dump: %s", strerror(e));
    return 0;
}
