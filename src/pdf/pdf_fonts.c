/* pdf_fonts.c — embeds each used face as a subset Type0 font (over a
 * CIDFontType2 for TrueType outlines, a CIDFontType0 for CFF ones) with
 * Identity-H encoding, a /W array for the used glyphs (and their variants, see
 * variant_width) and a bfchar ToUnicode CMap, written through libharu's object
 * layer (its own TrueType path keeps whole fonts, cannot map characters beyond
 * the BMP and takes no CFF). */
#include "pdf_private.h"

#include "../util/grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_used(pdf_font *pf, uint32_t gid, uint32_t cp) {
    if (grow_array(&pf->used, &pf->capused, pf->nused + 1, sizeof *pf->used, 256)) return -1;
    pf->used[pf->nused++] = (uint64_t)gid << 32 | cp;
    return 0;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts and keeps one entry per glyph: the smallest code point that uses it
 * (the one the ToUnicode map gives back). */
static void unique_by_gid(pdf_font *pf) {
    if (!pf->nused) return;
    qsort(pf->used, pf->nused, sizeof *pf->used, cmp_u64);
    size_t k = 1;
    for (size_t i = 1; i < pf->nused; i++)
        if (pf->used[i] >> 32 != pf->used[k - 1] >> 32) pf->used[k++] = pf->used[i];
    pf->nused = k;
}

/* A glyph's advance in font units, through a direct-mapped cache: every
 * glyph drawn is looked up three times (collecting, Tc, drawing). */
int pdf_glyph_advance(pdf_ctx *c, int face, uint32_t gid) {
    uint32_t key = (uint32_t)face << 24 ^ gid;
    pdf_adv *e = &c->adv[(gid ^ (uint32_t)face * 2654435761u) % PDF_ADV_CACHE];
    if (!e->valid || e->key != key) {
        e->key = key;
        e->adv = fonts_glyph_advance(c->f, face, gid);
        e->valid = 1;
    }
    return e->adv;
}

static int add_variant(pdf_font *pf, uint32_t gid, uint32_t w, uint32_t cp) {
    if (grow_array(&pf->var, &pf->capvar, pf->nvar + 1, sizeof *pf->var, 64)) return -1;
    pf->var[pf->nvar++] = (pdf_variant){gid, w, cp};
    return 0;
}

static int cmp_variant(const void *a, const void *b) {
    const pdf_variant *x = a, *y = b;
    if (x->gid != y->gid) return x->gid < y->gid ? -1 : 1;
    if (x->w != y->w) return x->w < y->w ? -1 : 1;
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

static void unique_variants(pdf_font *pf) {
    if (!pf->nvar) return;
    qsort(pf->var, pf->nvar, sizeof *pf->var, cmp_variant);
    size_t k = 1;
    for (size_t i = 1; i < pf->nvar; i++)
        if (pf->var[i].gid != pf->var[k - 1].gid || pf->var[i].w != pf->var[k - 1].w)
            pf->var[k++] = pf->var[i];
    pf->nvar = k;
}

pdf_font *pdf_line_font(const pdf_ctx *c, const folio_page *p, const folio_line *l, int face) {
    return c->by_face[(size_t)face * 2 + (size_t)pdf_in_column(c, p, l)];
}

uint32_t pdf_glyph_cid(pdf_ctx *c, const folio_page *p, const folio_line *l, size_t i,
                       unsigned *w) {
    const folio_glyph *g = &l->g[i];
    const pdf_font *pf = pdf_line_font(c, p, l, g->face);
    long set = pf->nvar ? pdf_variant_width(c, l, i) : -1;
    if (set >= 0) {
        pdf_variant key = {g->gid, (uint32_t)set, 0};
        size_t lo = 0, hi = pf->nvar;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            const pdf_variant *v = &pf->var[mid];
            if (v->gid < key.gid || (v->gid == key.gid && v->w < key.w))
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < pf->nvar && pf->var[lo].gid == key.gid && pf->var[lo].w == key.w) {
            uint32_t cid = pf->nglyphs + (uint32_t)lo;
            *w = pf->width[cid];
            return cid;
        }
    }
    uint32_t cid = pf->sub.old_to_new[g->gid];
    *w = pf->width[cid];
    return cid;
}

static int collect(pdf_ctx *c) {
    size_t nface = fonts_face_count(c->f);
    c->nfaces = nface * 2;
    c->by_face = calloc(c->nfaces ? c->nfaces : 1, sizeof *c->by_face);
    if (!c->by_face) return pdf_fail(c, "out of memory");
    for (size_t pi = 0; pi < c->doc->npages; pi++) {
        const folio_page *p = &c->doc->pages[pi];
        for (size_t li = 0; li < p->nlines; li++) {
            const folio_line *l = &p->lines[li];
            for (size_t gi = 0; gi < l->n; gi++) {
                const folio_glyph *g = &l->g[gi];
                if (g->face < 0) continue;
                if ((size_t)g->face >= nface)
                    return pdf_fail(c, "page %zu: glyph of U+%04X in unknown face %d", pi + 1,
                                    (unsigned)g->cp, g->face);
                size_t slot = (size_t)g->face * 2 + (size_t)pdf_in_column(c, p, l);
                pdf_font *pf = c->by_face[slot];
                if (!pf) {
                    pf = calloc(1, sizeof *pf);
                    if (!pf) return pdf_fail(c, "out of memory");
                    pf->face = g->face;
                    pf->column = (int)(slot & 1);
                    c->by_face[slot] = pf;
                }
                if (add_used(pf, g->gid, g->cp)) return pdf_fail(c, "out of memory");
                long set = pdf_variant_width(c, l, gi);
                if (set >= 0 && add_variant(pf, g->gid, (uint32_t)set, g->cp))
                    return pdf_fail(c, "out of memory");
            }
        }
    }
    for (size_t i = 0; i < c->nfaces; i++)
        if (c->by_face[i]) {
            unique_by_gid(c->by_face[i]);
            unique_variants(c->by_face[i]);
        }
    return 0;
}

/* Six capital letters from the face and its glyph set, so that a different
 * subset of the same font gets a different name (ISO 32000 9.6.4). */
static void subset_tag(const pdf_font *pf, const char *psname, char tag[7]) {
    uint64_t h = 1469598103934665603ULL;
    for (const char *s = psname; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    h = (h ^ (unsigned)pf->column) * 1099511628211ULL;
    for (size_t i = 0; i < pf->nused; i++) {
        uint32_t gid = (uint32_t)(pf->used[i] >> 32);
        for (int k = 0; k < 4; k++)
            h = (h ^ ((gid >> (8 * k)) & 0xFF)) * 1099511628211ULL;
    }
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = 0;
}

static int scale(int v, int upem) {
    double x = (double)v * 1000.0 / (double)(upem > 0 ? upem : 1000);
    return (int)(x < 0 ? x - 0.5 : x + 0.5);
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* Sets the font's units per em (head table) and fixes the checksums, for
 * the declared em (pdf_extract.c). */
static int set_units_per_em(unsigned char *d, size_t len, int upem) {
    if (len < 12) return -1;
    size_t n = (size_t)d[4] << 8 | d[5];
    if (12 + 16 * n > len) return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char *rec = d + 12 + 16 * i;
        if (memcmp(rec, "head", 4) != 0) continue;
        size_t off = be32(rec + 8), tl = be32(rec + 12);
        if (tl < 54 || off > len || tl > len - off) return -1;
        if (off % 4) return -1; /* tables start on 4-byte boundaries */
        unsigned char *head = d + off;
        uint32_t before = be32(head + 16); /* flags and unitsPerEm */
        head[18] = (unsigned char)(upem >> 8), head[19] = (unsigned char)upem;
        /* The subsets come with right checksums, so only what this word
         * changes: head's checksum, and by the two the whole font's. */
        uint32_t delta = be32(head + 16) - before;
        put32(rec + 4, be32(rec + 4) + delta);
        put32(head + 8, be32(head + 8) - 2 * delta);
        return 0;
    }
    return -1;
}

static HPDF_Dict new_stream(pdf_ctx *c) {
    HPDF_Dict s = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    return pdf_checkp(c, s) ? NULL : s;
}

static HPDF_Dict tounicode(pdf_ctx *c, const pdf_font *pf) {
    HPDF_Dict s = new_stream(c);
    if (!s) return NULL;
    folio_buf b;
    buf_init(&b);
    buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    size_t total = pf->nused + pf->nvar;
    for (size_t i = 0; i < total; i += 100) {
        size_t n = total - i < 100 ? total - i : 100;
        buf_printf(&b, "%zu beginbfchar\n", n);
        for (size_t k = i; k < i + n; k++) {
            uint32_t cid, cp;
            if (k < pf->nused) {
                cid = pf->sub.old_to_new[(uint32_t)(pf->used[k] >> 32)];
                cp = (uint32_t)pf->used[k];
            } else {
                cid = pf->nglyphs + (uint32_t)(k - pf->nused);
                cp = pf->var[k - pf->nused].cp;
            }
            if (cp >= 0x10000) {
                uint32_t v = cp - 0x10000;
                buf_printf(&b, "<%04X> <%04X%04X>\n", (unsigned)cid, (unsigned)(0xD800 + (v >> 10)),
                           (unsigned)(0xDC00 + (v & 0x3FF)));
            } else {
                buf_printf(&b, "<%04X> <%04X>\n", (unsigned)cid, (unsigned)cp);
            }
        }
        buf_puts(&b, "endbfchar\n");
    }
    buf_puts(&b, "endcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend\n");
    if (b.oom) {
        buf_free(&b);
        pdf_fail(c, "out of memory");
        return NULL;
    }
    int rc = pdf_deflate_into(c, s, b.data, b.len);
    buf_free(&b);
    return rc ? NULL : s;
}

static int cmp_u16(const void *a, const void *b) {
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return x < y ? -1 : x > y;
}

/* The width most used CIDs have: written once as /DW, so that /W lists only
 * the others (in a Chinese font, mostly punctuation and Latin). */
static unsigned default_width(const pdf_font *pf, const uint32_t *cids, size_t n) {
    uint16_t *w = malloc((n ? n : 1) * sizeof *w);
    if (!w) return 1000; /* only /W gets longer */
    for (size_t i = 0; i < n; i++)
        w[i] = pf->width[cids[i]];
    qsort(w, n, sizeof *w, cmp_u16);
    unsigned best = 1000;
    size_t best_n = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && w[j] == w[i]; j++)
            ;
        if (j - i > best_n) best = w[i], best_n = j - i;
    }
    free(w);
    return best;
}

/* /W [cid [w w ...] cid [w ...]] over runs of consecutive used CIDs whose
 * width is not dw. */
static HPDF_Array widths(pdf_ctx *c, const pdf_font *pf, const uint32_t *cids, size_t n,
                         unsigned dw) {
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Array w = HPDF_Array_New(mm);
    if (pdf_checkp(c, w)) return NULL;
    HPDF_STATUS st = HPDF_OK;
    for (size_t i = 0; i < n && st == HPDF_OK;) {
        if (pf->width[cids[i]] == dw) {
            i++;
            continue;
        }
        HPDF_Array run = HPDF_Array_New(mm);
        if (pdf_checkp(c, run)) return NULL;
        st |= HPDF_Array_AddNumber(w, (HPDF_INT32)cids[i]);
        size_t j = i;
        while (j < n && (j == i || cids[j] == cids[j - 1] + 1) && pf->width[cids[j]] != dw &&
               j - i < 8000)
            st |= HPDF_Array_AddNumber(run, pf->width[cids[j++]]);
        st |= HPDF_Array_Add(w, run);
        i = j;
    }
    return pdf_check(c, st) ? NULL : w;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Cuts the subset of the glyphs gids[0..pf->nused) and notes how many
 * glyphs it has (the first variant CID). */
static int cut_subset(pdf_ctx *c, pdf_font *pf, const folio_face_info *fi, const uint32_t *gids) {
    if (fonts_subset(c->f, pf->face, gids, pf->nused, &pf->sub, c->d)) {
        c->failed = 1;
        return -1;
    }
    pf->have_sub = 1;
    pf->nglyphs = 0;
    for (size_t i = 0; i < pf->sub.nold; i++)
        if (pf->sub.old_to_new[i] != UINT32_MAX && pf->sub.old_to_new[i] >= pf->nglyphs)
            pf->nglyphs = pf->sub.old_to_new[i] + 1;
    if ((size_t)pf->nglyphs + pf->nvar > 0xFFFF)
        return pdf_fail(c, "font %s: more than 65535 glyphs to address", fi->psname);
    return 0;
}

/* Makes the subset declare em times its real em (pdf_extract.c): a TrueType
 * subset in its head table, a CFF one later in its FontMatrix. Sets pf->em
 * and returns the units per em the font objects are written in. */
static int declare_em(pdf_font *pf, const folio_face_info *fi, double em) {
    int upem = fi->units_per_em > 0 ? fi->units_per_em : 1000;
    int declared = (int)lround(upem * em);
    pf->em = 1.0f;
    if (declared != upem && declared >= 16 && declared <= 16384 &&
        (fi->cff || set_units_per_em(pf->sub.data, pf->sub.len, declared) == 0)) {
        pf->em = (float)declared / (float)upem;
        upem = declared;
    }
    return upem;
}

/* Fills pf->width for every CID drawn (the used glyphs in units of upem, the
 * variants from their set width) and cids with those CIDs: the used ones
 * sorted, then the variants. */
static int fill_widths(pdf_ctx *c, pdf_font *pf, const folio_face_info *fi, const uint32_t *gids,
                       int upem, uint32_t *cids) {
    pf->width = calloc((size_t)pf->nglyphs + pf->nvar + 1, sizeof *pf->width);
    if (!pf->width) return pdf_fail(c, "out of memory");
    for (size_t i = 0; i < pf->nused; i++) {
        uint32_t cid = gids[i] < pf->sub.nold ? pf->sub.old_to_new[gids[i]] : UINT32_MAX;
        if (cid == UINT32_MAX || cid >= pf->nglyphs)
            return pdf_fail(c, "the subset of %s lacks glyph %u", fi->psname, (unsigned)gids[i]);
        int w = scale(fonts_glyph_advance(c->f, pf->face, gids[i]), upem);
        pf->width[cid] = (uint16_t)(w < 0 ? 0 : w > 65535 ? 65535 : w);
        cids[i] = cid;
    }
    qsort(cids, pf->nused, sizeof *cids, cmp_u32);
    for (size_t k = 0; k < pf->nvar; k++) {
        uint32_t cid = pf->nglyphs + (uint32_t)k;
        pf->width[cid] = (uint16_t)(pf->var[k].w / pf->em + 0.5);
        cids[pf->nused + k] = cid;
    }
    return 0;
}

/* A TrueType subset gets a glyph of its own for each variant, a copy of its
 * glyph whose advance is the variant's /W width (fonts_tt_add_copies): the
 * program's widths are then the font dictionary's (PDF/A-2 6.2.11.5), and
 * every CID is its glyph id. (A CFF program gets its copies as it is
 * written, in font_file.) */
static int copy_variants(pdf_ctx *c, pdf_font *pf, int upem) {
    if (!pf->nvar) return 0;
    uint32_t *of = malloc(pf->nvar * sizeof *of);
    uint16_t *adv = malloc(pf->nvar * sizeof *adv);
    int rc = of && adv ? 0 : pdf_fail(c, "out of memory");
    for (size_t k = 0; !rc && k < pf->nvar; k++) {
        of[k] = pf->sub.old_to_new[pf->var[k].gid];
        long a = lround(pf->width[pf->nglyphs + k] * (double)upem / 1000.0);
        adv[k] = (uint16_t)(a < 0 ? 0 : a > 65535 ? 65535 : a);
    }
    if (!rc && fonts_tt_add_copies(&pf->sub, of, adv, pf->nvar, c->d)) {
        c->failed = 1;
        rc = -1;
    }
    free(of), free(adv);
    return rc;
}

/* The font program stream: for CFF outlines a CID-keyed CFF (its CIDs are
 * the subset's glyph ids, the variants copies of their glyphs, the declared
 * em its FontMatrix), as no CIDToGIDMap applies to it; for TrueType the
 * subset as cut. */
static HPDF_Dict font_file(pdf_ctx *c, const pdf_font *pf, const folio_face_info *fi) {
    HPDF_Dict file = new_stream(c);
    if (!file) return NULL;
    if (!fi->cff) {
        HPDF_STATUS st = HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)pf->sub.len);
        if (pdf_check(c, st) || pdf_deflate_into(c, file, pf->sub.data, pf->sub.len)) return NULL;
        return file;
    }
    uint32_t *dup = malloc((pf->nvar ? pf->nvar : 1) * sizeof *dup);
    double *dup_w = malloc((pf->nvar ? pf->nvar : 1) * sizeof *dup_w);
    if (!dup || !dup_w) {
        free(dup), free(dup_w);
        pdf_fail(c, "out of memory");
        return NULL;
    }
    for (size_t k = 0; k < pf->nvar; k++) {
        dup[k] = pf->sub.old_to_new[pf->var[k].gid];
        dup_w[k] = pf->width[pf->nglyphs + k];
    }
    unsigned char *prog = NULL;
    size_t plen = 0;
    int bad = fonts_cff_program(fi->file, pf->sub.data, pf->sub.len, dup, dup_w, pf->nvar, pf->em,
                                &prog, &plen, c->d);
    free(dup), free(dup_w);
    if (bad) {
        c->failed = 1;
        return NULL;
    }
    bad = pdf_check(c, HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C")) ||
          pdf_deflate_into(c, file, prog, plen);
    free(prog);
    return bad ? NULL : file;
}

/* A new dictionary added to the cross-reference table (an indirect object). */
static HPDF_Dict new_object(pdf_ctx *c) {
    HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
    if (pdf_checkp(c, d) || pdf_check(c, HPDF_Xref_Add(c->pdf->xref, d))) return NULL;
    return d;
}

/* The font descriptor. Ascent and Descent include the box margin of
 * pdf_extract.c. */
static HPDF_Dict descriptor(pdf_ctx *c, const pdf_font *pf, const folio_face_info *fi,
                            const char *base, int upem, HPDF_Dict file) {
    HPDF_Dict desc = new_object(c);
    if (!desc) return NULL;
    HPDF_STATUS st = HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    st |= HPDF_Dict_AddName(desc, "FontName", base);
    /* Symbolic (4): the glyphs are addressed by CID, not by a standard
     * Latin character set; FixedPitch (1) and Serif (2) as the face says. */
    st |= HPDF_Dict_AddNumber(desc, "Flags", 4 | (fi->fixed_pitch ? 1 : 0) | (fi->serif ? 2 : 0));
    HPDF_Array bbox = pdf_rect_array(c, scale(fi->bbox[0], upem), scale(fi->bbox[1], upem),
                                     scale(fi->bbox[2], upem), scale(fi->bbox[3], upem));
    if (!bbox) return NULL;
    st |= HPDF_Dict_Add(desc, "FontBBox", bbox);
    st |= HPDF_Dict_AddNumber(desc, "ItalicAngle", fi->italic_angle);
    int margin = (int)(pdf_box_margin(pf->column) * fi->units_per_em);
    st |= HPDF_Dict_AddNumber(desc, "Ascent", scale(fi->ascender + margin, upem));
    st |= HPDF_Dict_AddNumber(desc, "Descent", scale(fi->descender - margin, upem));
    st |= HPDF_Dict_AddNumber(desc, "CapHeight",
                              scale(fi->cap_height ? fi->cap_height : fi->ascender, upem));
    st |= HPDF_Dict_AddNumber(desc, "StemV", 80);
    st |= HPDF_Dict_Add(desc, fi->cff ? "FontFile3" : "FontFile2", file);
    return pdf_check(c, st) ? NULL : desc;
}

/* The CIDFont: widths of the CIDs drawn (cids, see fill_widths) and, for
 * TrueType, the map from CIDs to glyphs (a CFF maps them with its charset). */
static HPDF_Dict cid_font(pdf_ctx *c, const pdf_font *pf, const folio_face_info *fi,
                          const char *base, HPDF_Dict desc, const uint32_t *cids) {
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Dict cid = new_object(c);
    if (!cid) return NULL;
    HPDF_STATUS st = HPDF_Dict_AddName(cid, "Type", "Font");
    st |= HPDF_Dict_AddName(cid, "Subtype", fi->cff ? "CIDFontType0" : "CIDFontType2");
    st |= HPDF_Dict_AddName(cid, "BaseFont", base);
    HPDF_Dict info = HPDF_Dict_New(mm);
    if (pdf_checkp(c, info)) return NULL;
    st |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    st |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    st |= HPDF_Dict_AddNumber(info, "Supplement", 0);
    st |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    st |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
    size_t ncids = pf->nused + pf->nvar;
    unsigned dw = default_width(pf, cids, ncids);
    st |= HPDF_Dict_AddNumber(cid, "DW", (HPDF_INT32)dw);
    HPDF_Array w = widths(c, pf, cids, ncids, dw);
    if (!w) return NULL;
    st |= HPDF_Dict_Add(cid, "W", w);
    /* TrueType: each variant has its own glyph, whose id is its CID */
    if (!fi->cff) st |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    return pdf_check(c, st) ? NULL : cid;
}

/* The Type0 font the pages use, with its ToUnicode map. */
static HPDF_Dict type0(pdf_ctx *c, const pdf_font *pf, const char *base, HPDF_Dict cid) {
    HPDF_Dict t0 = new_object(c);
    if (!t0) return NULL;
    HPDF_STATUS st = HPDF_Dict_AddName(t0, "Type", "Font");
    st |= HPDF_Dict_AddName(t0, "Subtype", "Type0");
    st |= HPDF_Dict_AddName(t0, "BaseFont", base);
    st |= HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
    HPDF_Array desc_fonts = HPDF_Array_New(c->pdf->mmgr);
    if (pdf_checkp(c, desc_fonts)) return NULL;
    st |= HPDF_Array_Add(desc_fonts, cid);
    st |= HPDF_Dict_Add(t0, "DescendantFonts", desc_fonts);
    HPDF_Dict tu = tounicode(c, pf);
    if (!tu) return NULL;
    st |= HPDF_Dict_Add(t0, "ToUnicode", tu);
    return pdf_check(c, st) ? NULL : t0;
}

/* Subsets face pf->face to the glyphs it draws and writes its font objects,
 * declaring em times the real em. */
static int embed(pdf_ctx *c, pdf_font *pf, double em) {
    const folio_face_info *fi = fonts_face(c->f, pf->face);
    if (!fi) return pdf_fail(c, "unknown font face %d", pf->face);
    pdf_doing(c, "embedding font %s", fi->psname);
    int rc = -1;
    uint32_t *gids = malloc((pf->nused ? pf->nused : 1) * sizeof *gids);
    uint32_t *cids = malloc((pf->nused + pf->nvar + 1) * sizeof *cids);
    if (!gids || !cids) {
        pdf_fail(c, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < pf->nused; i++)
        gids[i] = (uint32_t)(pf->used[i] >> 32);
    if (cut_subset(c, pf, fi, gids)) goto done;
    int upem = declare_em(pf, fi, em);
    if (fill_widths(c, pf, fi, gids, upem, cids)) goto done;
    if (!fi->cff && copy_variants(c, pf, upem)) goto done;
    char tag[7], base[160];
    subset_tag(pf, fi->psname, tag);
    snprintf(base, sizeof base, "%s+%.120s", tag, fi->psname);
    HPDF_Dict file = font_file(c, pf, fi);
    HPDF_Dict desc = file ? descriptor(c, pf, fi, base, upem, file) : NULL;
    HPDF_Dict cid = desc ? cid_font(c, pf, fi, base, desc, cids) : NULL;
    pf->type0 = cid ? type0(c, pf, base, cid) : NULL;
    rc = pf->type0 ? 0 : -1;
done:
    free(gids);
    free(cids);
    return rc;
}

int pdf_fonts_prepare(pdf_ctx *c) {
    if (pdf_extract_prepare(c) || collect(c)) return -1;
    for (size_t i = 0; i < c->nfaces; i++) {
        pdf_font *pf = c->by_face[i];
        if (pf && embed(c, pf, pdf_declared_em(c, pf->column))) return -1;
    }
    return 0;
}

void pdf_fonts_free(pdf_ctx *c) {
    for (size_t i = 0; i < c->nfaces; i++) {
        pdf_font *pf = c->by_face ? c->by_face[i] : NULL;
        if (!pf) continue;
        if (pf->have_sub) fonts_subset_free(&pf->sub);
        free(pf->used);
        free(pf->var);
        free(pf->width);
        free(pf);
    }
    free(c->by_face);
    c->by_face = NULL;
    c->nfaces = 0;
    pdf_extract_free(c);
}
