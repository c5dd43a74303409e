/* pdf_meta.c — document metadata: the Info dictionary in UTF-16 (libharu's
 * own setter writes raw bytes) and the same facts as an XMP stream. Dates come
 * from SOURCE_DATE_EPOCH or the edition, never from the clock. */
#include "pdf_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct pdf_date {
    int ok;
    int y, mo, d, h, mi, s;
} pdf_date;

static pdf_date doc_date(const folio_edition *e) {
    pdf_date t = {0};
    long long v;
    struct tm tm;
    time_t tt;
    if (date_source_epoch(&v, NULL) == 1 && (tt = (time_t)v, gmtime_r(&tt, &tm))) {
        t.ok = 1;
        t.y = tm.tm_year + 1900, t.mo = tm.tm_mon + 1, t.d = tm.tm_mday;
        t.h = tm.tm_hour, t.mi = tm.tm_min, t.s = tm.tm_sec;
    } else if (e && e->ymd.year) {
        t.ok = 1;
        t.y = e->ymd.year, t.mo = e->ymd.month, t.d = e->ymd.day ? e->ymd.day : 1;
    }
    return t;
}

/* "journal issue", the title a reader sees. */
static void doc_title(const folio_edition *e, folio_buf *b) {
    if (e && e->journal) buf_puts(b, e->journal);
    if (e && e->issue) {
        if (b->len) buf_putc(b, ' ');
        buf_puts(b, e->issue);
    }
}

static void join(folio_buf *b, const char *const *v, size_t n, const char *sep) {
    for (size_t i = 0; i < n; i++) {
        if (!v[i] || !*v[i]) continue;
        if (b->len) buf_puts(b, sep);
        buf_puts(b, v[i]);
    }
}

static void xml_text(folio_buf *b, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

typedef struct meta {
    folio_buf title, author, subject, keywords, creator, producer;
    pdf_date date;
} meta;

static int gather(pdf_ctx *c, meta *m) {
    const folio_edition *e = c->e;
    buf_init(&m->title), buf_init(&m->author), buf_init(&m->subject);
    buf_init(&m->keywords), buf_init(&m->creator), buf_init(&m->producer);
    doc_title(e, &m->title);
    if (e && e->publisher)
        buf_puts(&m->author, e->publisher);
    else if (e && e->journal)
        buf_puts(&m->author, e->journal);
    if (e && e->ntagline)
        join(&m->subject, e->tagline, e->ntagline, " ");
    else
        buf_puts(&m->subject, m->title.data ? m->title.data : "");
    if (e)
        for (size_t i = 0; i < e->nsections; i++) {
            const char *name = e->sections[i].name;
            join(&m->keywords, &name, 1, ", ");
        }
    if (e && e->journal) {
        const char *j = e->journal;
        join(&m->keywords, &j, 1, ", ");
    }
    buf_printf(&m->creator, "folio %s", c->opt->version ? c->opt->version : "");
    buf_printf(&m->producer, "folio %s with libharu %s", c->opt->version ? c->opt->version : "",
               HPDF_VERSION_TEXT);
    m->date = doc_date(e);
    buf_puts(&m->title, ""), buf_puts(&m->author, ""), buf_puts(&m->subject, "");
    buf_puts(&m->keywords, "");
    if (m->title.oom || m->author.oom || m->subject.oom || m->keywords.oom || m->creator.oom ||
        m->producer.oom)
        return pdf_fail(c, "out of memory");
    return 0;
}

static void meta_free(meta *m) {
    buf_free(&m->title), buf_free(&m->author), buf_free(&m->subject);
    buf_free(&m->keywords), buf_free(&m->creator), buf_free(&m->producer);
}

static int info_dict(pdf_ctx *c, const meta *m) {
    pdf_doing(c, "writing the document information");
    /* Makes sure the Info dictionary exists (libharu creates it lazily). */
    if (pdf_check(c, HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, m->producer.data))) return -1;
    HPDF_Dict info = c->pdf->info;
    if (pdf_checkp(c, info)) return -1;
    if ((m->title.len && pdf_dict_text(c, info, "Title", m->title.data)) ||
        (m->author.len && pdf_dict_text(c, info, "Author", m->author.data)) ||
        (m->subject.len && pdf_dict_text(c, info, "Subject", m->subject.data)) ||
        (m->keywords.len && pdf_dict_text(c, info, "Keywords", m->keywords.data)) ||
        pdf_dict_text(c, info, "Creator", m->creator.data) ||
        pdf_dict_text(c, info, "Producer", m->producer.data))
        return -1;
    if (m->date.ok) {
        char d[32];
        snprintf(d, sizeof d, "D:%04d%02d%02d%02d%02d%02dZ", m->date.y, m->date.mo, m->date.d,
                 m->date.h, m->date.mi, m->date.s);
        HPDF_STATUS st =
            HPDF_Dict_Add(info, "CreationDate", HPDF_String_New(c->pdf->mmgr, d, NULL));
        st |= HPDF_Dict_Add(info, "ModDate", HPDF_String_New(c->pdf->mmgr, d, NULL));
        if (pdf_check(c, st)) return -1;
    }
    return 0;
}

static void xmp_build(const pdf_ctx *c, const meta *m, folio_buf *x) {
    const folio_edition *e = c->e;
    const char *lang = e && e->language ? e->language : "zh-CN";
    buf_puts(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "<rdf:Description rdf:about=\"\"\n"
                "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    buf_puts(x, "<dc:format>application/pdf</dc:format>\n");
    buf_puts(x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_text(x, m->title.data);
    buf_puts(x, "</rdf:li></rdf:Alt></dc:title>\n");
    if (m->author.len) {
        buf_puts(x, "<dc:creator><rdf:Seq><rdf:li>");
        xml_text(x, m->author.data);
        buf_puts(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (e && e->publisher) {
        buf_puts(x, "<dc:publisher><rdf:Bag><rdf:li>");
        xml_text(x, e->publisher);
        buf_puts(x, "</rdf:li></rdf:Bag></dc:publisher>\n");
    }
    if (m->subject.len) {
        buf_puts(x, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        xml_text(x, m->subject.data);
        buf_puts(x, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    buf_puts(x, "<dc:language><rdf:Bag><rdf:li>");
    xml_text(x, lang);
    buf_puts(x, "</rdf:li></rdf:Bag></dc:language>\n");
    if (e && e->identifier) {
        buf_puts(x, "<dc:identifier>");
        xml_text(x, e->identifier);
        buf_puts(x, "</dc:identifier>\n");
    }
    if (m->date.ok) {
        char d[32];
        snprintf(d, sizeof d, "%04d-%02d-%02dT%02d:%02d:%02dZ", m->date.y, m->date.mo, m->date.d,
                 m->date.h, m->date.mi, m->date.s);
        buf_printf(x,
                   "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                   "<xmp:MetadataDate>%s</xmp:MetadataDate>\n",
                   d, d, d);
    }
    buf_puts(x, "<xmp:CreatorTool>");
    xml_text(x, m->creator.data);
    buf_puts(x, "</xmp:CreatorTool>\n<pdf:Producer>");
    xml_text(x, m->producer.data);
    buf_puts(x, "</pdf:Producer>\n");
    if (m->keywords.len) {
        buf_puts(x, "<pdf:Keywords>");
        xml_text(x, m->keywords.data);
        buf_puts(x, "</pdf:Keywords>\n");
    }
    if (c->opt->print && c->opt->standard == FOLIO_PDF_STANDARD_DEFAULT)
        buf_puts(x, "<pdf:Trapped>False</pdf:Trapped>\n");
    buf_puts(x, "</rdf:Description>\n");
    pdf_standard_xmp(c, x);
    buf_puts(x, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>\n");
}

static int xmp_stream(pdf_ctx *c, const meta *m) {
    pdf_doing(c, "writing the XMP metadata");
    folio_buf x;
    buf_init(&x);
    xmp_build(c, m, &x);
    if (x.oom) {
        buf_free(&x);
        return pdf_fail(c, "out of memory");
    }
    /* Uncompressed, so that tools that scan files for XMP find it. */
    HPDF_Dict s = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    if (pdf_checkp(c, s)) {
        buf_free(&x);
        return -1;
    }
    s->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_STATUS st = HPDF_Dict_AddName(s, "Type", "Metadata");
    st |= HPDF_Dict_AddName(s, "Subtype", "XML");
    st |= HPDF_Stream_Write(s->stream, (HPDF_BYTE *)x.data, (HPDF_UINT)x.len);
    st |= HPDF_Dict_Add(c->pdf->catalog, "Metadata", s);
    /* the document's language, for screen readers and text tools */
    const char *lang = c->e && c->e->language ? c->e->language : "zh-CN";
    st |= HPDF_Dict_Add(c->pdf->catalog, "Lang", HPDF_String_New(c->pdf->mmgr, lang, NULL));
    buf_free(&x);
    return pdf_check(c, st);
}

int pdf_metadata(pdf_ctx *c) {
    meta m;
    int rc = gather(c, &m);
    if (!rc) rc = info_dict(c, &m);
    if (!rc) rc = xmp_stream(c, &m);
    meta_free(&m);
    return rc;
}
