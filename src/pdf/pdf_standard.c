/* pdf_standard.c — what the PDF claims to be, and what each claim asks of the
 * file beyond its tags (pdf_tags.c) and fonts (pdf_fonts.c).
 *
 * By default a PDF/A-2u (ISO 19005-2, level U) and PDF/UA-1 (ISO 14289-1)
 * file: an sRGB output intent (GTS_PDFA1), the XMP identification of both
 * parts with an extension schema for the one PDF/A-2 does not predefine,
 * DisplayDocTitle, a trailer /ID. With print, PDF/X-4 (ISO 15930-7) as well:
 * the output intent is the printer's CMYK characterisation (GTS_PDFX, and
 * GTS_PDFA1 pointing at the same profile, as PDF/A-2 6.2.2 asks of several
 * intents), text and rules are black ink (DeviceCMYK K, no DeviceRGB
 * anywhere), RGB pictures carry the sRGB profile (ICCBased) for the RIP to
 * convert: late binding, which PDF/X-4 exists for, with the editors' JPEG
 * data untouched; Trapped and GTS_PDFXVersion in Info and XMP.
 *
 * The ICC profiles are Debian's, found in XDG_DATA_DIRS/color/icc (the
 * freedesktop place for colour profiles): sRGB.icc from icc-profiles-free;
 * for print, ghostscript/default_cmyk.icc from libgs-common (Artifex's CMYK
 * SWOP characterisation: the only CMYK output profile Debian ships built)
 * unless the printer's own profile is named. LittleCMS reads each profile
 * and checks that its colour space and class fit its use; its description
 * names the output condition. */
#include "pdf_private.h"

#include <lcms2.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SRGB_PROFILE "sRGB.icc"                     /* icc-profiles-free */
#define CMYK_PROFILE "ghostscript/default_cmyk.icc" /* libgs-common */
#define PROFILE_MAX (16u << 20)

/* Reads file into p. Returns 0 or -1 (reported). */
static int read_profile(pdf_ctx *c, const char *file, pdf_profile *p) {
    FILE *f = fopen(file, "rb");
    if (!f) return -1;
    unsigned char *data = malloc(PROFILE_MAX);
    size_t len = data ? fread(data, 1, PROFILE_MAX, f) : 0;
    int bad = ferror(f) || len == PROFILE_MAX;
    fclose(f);
    if (!data) return pdf_fail(c, "out of memory");
    if (bad) {
        free(data);
        return pdf_fail(c, "%s: cannot read the ICC profile (or larger than 16 MB)", file);
    }
    p->data = data;
    p->len = len;
    return 0;
}

/* Finds name under XDG_DATA_DIRS/color/icc and reads it. */
static int find_profile(pdf_ctx *c, const char *name, pdf_profile *p) {
    const char *dirs = getenv("XDG_DATA_DIRS");
    if (!dirs || !*dirs) dirs = "/usr/local/share:/usr/share";
    while (*dirs) {
        size_t n = strcspn(dirs, ":");
        char file[4096];
        snprintf(file, sizeof file, "%.*s/color/icc/%s", (int)n, dirs, name);
        if (n && !read_profile(c, file, p)) return 0;
        if (c->failed) return -1;
        dirs += n + (dirs[n] == ':');
    }
    return -1;
}

/* Checks with LittleCMS that p is a profile of the colour space want (with
 * a device-to-PCS transform) and notes its channels and description. */
static int check_profile(pdf_ctx *c, pdf_profile *p, const char *file, cmsColorSpaceSignature want,
                         int output) {
    cmsHPROFILE h = cmsOpenProfileFromMem(p->data, (cmsUInt32Number)p->len);
    if (!h) return pdf_fail(c, "%s: not an ICC profile", file);
    cmsColorSpaceSignature cs = cmsGetColorSpace(h);
    int ok = cs == want && (!output || cmsGetDeviceClass(h) == cmsSigOutputClass) &&
             cmsIsIntentSupported(h, INTENT_PERCEPTUAL, LCMS_USED_AS_INPUT);
    p->n = (int)cmsChannelsOf(cs);
    if (!cmsGetProfileInfoASCII(h, cmsInfoDescription, "en", "US", p->desc, sizeof p->desc))
        snprintf(p->desc, sizeof p->desc, "%s", want == cmsSigCmykData ? "CMYK" : "sRGB");
    cmsCloseProfile(h);
    if (!ok)
        return pdf_fail(c, "%s: not a%s %s ICC profile", file, output ? " printer's" : "n",
                        want == cmsSigCmykData ? "CMYK" : "RGB");
    return 0;
}

/* The profile of kind rgb (0) or CMYK (1), read on first use. */
static pdf_profile *profile(pdf_ctx *c, int cmyk) {
    pdf_profile *p = cmyk ? &c->std.cmyk : &c->std.rgb;
    if (p->data) return p;
    const char *own = cmyk ? c->opt->output_profile : NULL,
               *name = cmyk ? CMYK_PROFILE : SRGB_PROFILE;
    if (own ? read_profile(c, own, p) : find_profile(c, name, p)) {
        if (!c->failed && own) pdf_fail(c, "%s: cannot read the printer's ICC profile", own);
        if (!c->failed)
            pdf_fail(c, "no ICC profile color/icc/%s in XDG_DATA_DIRS (Debian package %s)", name,
                     cmyk ? "libgs-common" : "icc-profiles-free");
        return NULL;
    }
    if (check_profile(c, p, own ? own : name, cmyk ? cmsSigCmykData : cmsSigRgbData, cmyk))
        return NULL;
    return p;
}

/* The profile's ICC stream, written once. */
static HPDF_Dict profile_stream(pdf_ctx *c, int cmyk) {
    pdf_profile *p = profile(c, cmyk);
    if (!p) return NULL;
    if (p->stream) return p->stream;
    HPDF_Dict s = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    if (pdf_checkp(c, s) || pdf_check(c, HPDF_Dict_AddNumber(s, "N", p->n)) ||
        pdf_deflate_into(c, s, p->data, p->len))
        return NULL;
    p->stream = s;
    return s;
}

static void *icc_space(pdf_ctx *c, int cmyk) {
    HPDF_Dict s = profile_stream(c, cmyk);
    HPDF_Array a = s ? HPDF_Array_New(c->pdf->mmgr) : NULL;
    if (!s || pdf_checkp(c, a)) return NULL;
    HPDF_STATUS st = HPDF_Array_AddName(a, "ICCBased");
    st |= HPDF_Array_Add(a, s);
    return pdf_check(c, st) ? NULL : a;
}

void *pdf_rgb_space(pdf_ctx *c) {
    if (c->opt->print) return icc_space(c, 0);
    void *n = HPDF_Name_New(c->pdf->mmgr, "DeviceRGB");
    return pdf_checkp(c, n) ? NULL : n;
}

void *pdf_cmyk_space(pdf_ctx *c) {
    /* under an sRGB output intent DeviceCMYK is not allowed (PDF/A-2
     * 6.2.4.3): the pixels are characterised by the default CMYK profile */
    if (c->opt->standard == FOLIO_PDF_STANDARD_DEFAULT && !c->opt->print) return icc_space(c, 1);
    void *n = HPDF_Name_New(c->pdf->mmgr, "DeviceCMYK");
    return pdf_checkp(c, n) ? NULL : n;
}

void pdf_gray(pdf_ctx *c, float gray, int stroke) {
    if (c->opt->print) {
        pdf_ops(c, "0 0 0 ");
        pdf_num(c, 1.0f - gray);
        pdf_ops(c, "%s", stroke ? "K " : "k ");
        return;
    }
    pdf_num(c, gray);
    pdf_ops(c, "%s", stroke ? "G " : "g ");
}

int pdf_standard_prepare(pdf_ctx *c) {
    /* fails early, before anything is drawn, when a profile is missing */
    if (c->opt->standard == FOLIO_PDF_STANDARD_DEFAULT && !profile(c, c->opt->print)) return -1;
    return 0;
}

static int output_intents(pdf_ctx *c) {
    HPDF_MMgr mm = c->pdf->mmgr;
    int print = c->opt->print;
    HPDF_Dict s = profile_stream(c, print);
    if (!s) return -1;
    const pdf_profile *p = print ? &c->std.cmyk : &c->std.rgb;
    HPDF_Array intents = HPDF_Array_New(mm);
    if (pdf_checkp(c, intents)) return -1;
    HPDF_STATUS st = HPDF_OK;
    static const char *const kinds[] = {"GTS_PDFX", "GTS_PDFA1"};
    for (int k = print ? 0 : 1; k < 2; k++) {
        HPDF_Dict oi = HPDF_Dict_New(mm);
        if (pdf_checkp(c, oi)) return -1;
        st |= HPDF_Dict_AddName(oi, "Type", "OutputIntent");
        st |= HPDF_Dict_AddName(oi, "S", kinds[k]);
        /* sRGB is registered with the ICC; a printing condition known only
         * by its embedded profile is "Custom" (PDF/X-4 6.2.3) */
        const char *id = print ? "Custom" : "sRGB IEC61966-2.1";
        st |= HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, id, NULL));
        st |= HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
        st |= HPDF_Dict_Add(oi, "DestOutputProfile", s);
        st |= HPDF_Array_Add(intents, oi);
        if (pdf_check(c, st) || pdf_dict_text(c, oi, "OutputCondition", p->desc) ||
            pdf_dict_text(c, oi, "Info", p->desc))
            return -1;
    }
    return pdf_check(c, HPDF_Dict_Add(c->pdf->catalog, "OutputIntents", intents));
}

/* The trailer's /ID (PDF/A-2 6.1.3): from what identifies this document,
 * so that the same input gives the same file. */
static int trailer_id(pdf_ctx *c) {
    const folio_edition *e = c->e;
    char key[1024];
    snprintf(key, sizeof key, "%s\n%s\n%s\n%zu\n%d%d%d%d", e->journal ? e->journal : "",
             e->issue ? e->issue : "", e->date ? e->date : "", c->doc->npages,
             (int)c->opt->standard, c->opt->print, c->opt->bleed, c->opt->crop_marks);
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)key, strlen(key), md);
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Array id = HPDF_Array_New(mm);
    if (pdf_checkp(c, id)) return -1;
    HPDF_STATUS st = HPDF_Array_Add(id, HPDF_Binary_New(mm, md, 16));
    st |= HPDF_Array_Add(id, HPDF_Binary_New(mm, md, 16));
    st |= HPDF_Dict_Add(c->pdf->trailer, "ID", id);
    return pdf_check(c, st);
}

int pdf_standard_write(pdf_ctx *c) {
    pdf_doing(c, "writing what the standards ask");
    HPDF_MMgr mm = c->pdf->mmgr;
    /* a viewer shows the title, not the file name (PDF/UA 7.1) */
    HPDF_Dict vp = HPDF_Dict_New(mm);
    if (pdf_checkp(c, vp)) return -1;
    HPDF_STATUS st = HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
    st |= HPDF_Dict_Add(c->pdf->catalog, "ViewerPreferences", vp);
    if (pdf_check(c, st) || trailer_id(c)) return -1;
    if (c->opt->standard != FOLIO_PDF_STANDARD_DEFAULT) return 0;
    if (output_intents(c)) return -1;
    if (c->opt->print) {
        HPDF_Dict info = c->pdf->info;
        if (pdf_checkp(c, info)) return -1;
        st = HPDF_Dict_AddName(info, "Trapped", "False");
        st |= HPDF_Dict_Add(info, "GTS_PDFXVersion", HPDF_String_New(mm, "PDF/X-4", NULL));
        if (pdf_check(c, st)) return -1;
    }
    return 0;
}

/* One property of an extension schema (PDF/A-2 6.6.2.3.1). */
static void ext_schema(folio_buf *x, const char *name, const char *ns, const char *prefix,
                       const char *prop, const char *type, const char *what) {
    buf_printf(x,
               "<rdf:li rdf:parseType=\"Resource\">\n"
               "<pdfaSchema:schema>%s</pdfaSchema:schema>\n"
               "<pdfaSchema:namespaceURI>%s</pdfaSchema:namespaceURI>\n"
               "<pdfaSchema:prefix>%s</pdfaSchema:prefix>\n"
               "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
               "<pdfaProperty:name>%s</pdfaProperty:name>\n"
               "<pdfaProperty:valueType>%s</pdfaProperty:valueType>\n"
               "<pdfaProperty:category>internal</pdfaProperty:category>\n"
               "<pdfaProperty:description>%s</pdfaProperty:description>\n"
               "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
               "</rdf:li>\n",
               name, ns, prefix, prop, type, what);
}

void pdf_standard_xmp(const pdf_ctx *c, folio_buf *x) {
    if (c->opt->standard != FOLIO_PDF_STANDARD_DEFAULT) return;
    int print = c->opt->print;
    buf_puts(x, "<rdf:Description rdf:about=\"\"\n"
                "  xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n");
    if (print) buf_puts(x, "  xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"\n");
    buf_puts(x, "  xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                "  xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                "  xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n"
                "<pdfuaid:part>1</pdfuaid:part>\n");
    if (print) buf_puts(x, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n");
    buf_puts(x, "<pdfaExtension:schemas><rdf:Bag>\n");
    ext_schema(x, "PDF/UA identification", "http://www.aiim.org/pdfua/ns/id/", "pdfuaid", "part",
               "Integer", "the part of ISO 14289 the file conforms to");
    if (print)
        ext_schema(x, "PDF/X identification", "http://www.npes.org/pdfx/ns/id/", "pdfxid",
                   "GTS_PDFXVersion", "Text", "the PDF/X version the file conforms to");
    buf_puts(x, "</rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n");
}

void pdf_standard_free(pdf_ctx *c) {
    free(c->std.rgb.data);
    free(c->std.cmyk.data);
    memset(&c->std, 0, sizeof c->std);
}
