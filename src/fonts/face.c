/* face.c — opens one font face with FreeType, refuses unusable ones, reads its facts. */
#include "fonts_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_FONT_FORMATS_H

/* Families whose glyphs libharu 2.3.0 draws wrongly (composite glyphs whose
 * components sit above glyph 32767 lose them). */
static const char *const broken_families[] = {"WenQuanYi Micro Hei", "Droid Sans Fallback"};

static int is_broken_family(const char *family) {
    for (size_t i = 0; i < sizeof broken_families / sizeof *broken_families; i++)
        if (strncmp(family, broken_families[i], strlen(broken_families[i])) == 0) return 1;
    return 0;
}

/* The PostScript name, reduced to the characters a PDF name and a CSS
 * font-family take without quoting. */
static char *sanitise_psname(const char *ps, const char *family, int id) {
    const char *src = ps && *ps ? ps : family;
    size_t n = src ? strlen(src) : 0;
    char *out = malloc(n + 16);
    if (!out) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n && k < 63; i++) {
        unsigned char c = (unsigned char)src[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '+')
            out[k++] = (char)c;
    }
    if (k == 0) k = (size_t)snprintf(out, 16, "Face%d", id);
    out[k] = 0;
    return out;
}

/* Debian's FreeType carries no error strings: name the ones a user meets. */
static const char *ft_reason(FT_Error err) {
    switch (err) {
    case FT_Err_Cannot_Open_Resource:
        return "cannot open the file";
    case FT_Err_Unknown_File_Format:
        return "not a font (unknown file format)";
    case FT_Err_Invalid_File_Format:
        return "broken or truncated font file";
    case FT_Err_Invalid_Argument:
        return "no such face in the file";
    case FT_Err_Invalid_Table:
        return "broken font table";
    case FT_Err_Out_Of_Memory:
        return "out of memory";
    default:
        return "FreeType cannot read it";
    }
}

static int has_table(FT_Face ft, FT_ULong tag) {
    FT_ULong len = 0;
    return FT_Load_Sfnt_Table(ft, tag, 0, NULL, &len) == 0 && len > 0;
}

/* Whether the face has serifs, for the PDF FontDescriptor flags. The family
 * name decides first: CJK fonts often fill the OS/2 classification wrongly
 * (AR PL UMing, a Ming face, says sans serif in its PANOSE). */
static int looks_serif(const TT_OS2 *os2, const char *family) {
    static const char *const sans_words[] = {"Sans", "Hei", "Gothic", "Kai", "Mono"};
    static const char *const serif_words[] = {"Serif", "Ming", "Song", "Times", "Mincho"};
    for (size_t i = 0; i < sizeof sans_words / sizeof *sans_words; i++)
        if (strstr(family, sans_words[i])) return 0;
    for (size_t i = 0; i < sizeof serif_words / sizeof *serif_words; i++)
        if (strstr(family, serif_words[i])) return 1;
    if (os2) {
        int cls = os2->sFamilyClass >> 8;
        if (cls >= 1 && cls <= 7) return 1;
        if (os2->panose[0] == 2 && os2->panose[1] >= 2 && os2->panose[1] <= 10) return 1;
    }
    return 0;
}

static void read_metrics(FT_Face ft, folio_face_info *in) {
    TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
    TT_HoriHeader *hhea = FT_Get_Sfnt_Table(ft, FT_SFNT_HHEA);
    TT_Postscript *post = FT_Get_Sfnt_Table(ft, FT_SFNT_POST);
    if (os2 && os2->version != 0xFFFF && os2->sTypoAscender > 0) {
        in->ascender = os2->sTypoAscender;
        in->descender = os2->sTypoDescender;
    } else if (hhea) {
        in->ascender = hhea->Ascender;
        in->descender = hhea->Descender;
    } else {
        in->ascender = ft->ascender;
        in->descender = ft->descender;
    }
    if (in->descender > 0) in->descender = -in->descender;
    in->cap_height = os2 && os2->version != 0xFFFF && os2->version >= 2 ? os2->sCapHeight : 0;
    if (in->cap_height <= 0) {
        /* Older OS/2 tables do not say: measure the H. */
        FT_UInt g = FT_Get_Char_Index(ft, 'H');
        if (g && FT_Load_Glyph(ft, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0)
            in->cap_height = (int)(ft->glyph->metrics.horiBearingY);
        else
            in->cap_height = 0;
    }
    in->bbox[0] = (int)ft->bbox.xMin;
    in->bbox[1] = (int)ft->bbox.yMin;
    in->bbox[2] = (int)ft->bbox.xMax;
    in->bbox[3] = (int)ft->bbox.yMax;
    in->italic_angle = post ? (int)(post->italicAngle / 65536) : 0;
    in->fixed_pitch = FT_IS_FIXED_WIDTH(ft) ? 1 : 0;
    in->serif = looks_serif(os2 && os2->version != 0xFFFF ? os2 : NULL, in->family);
}

void fonts_face_free(font_face *face) {
    if (face->ft) FT_Done_Face(face->ft);
    hb_face_destroy(face->hb);
    free(face->file);
    free(face->family);
    free(face->psname);
    memset(face, 0, sizeof *face);
}

int fonts_face_open(folio_fonts *f, const char *file, int index, const char *family,
                    const char *src, int line, folio_diags *d) {
    for (size_t i = 0; i < f->nfaces; i++)
        if (f->faces[i].info.index == index && strcmp(f->faces[i].file, file) == 0) return (int)i;
    FT_Face ft;
    FT_Error err = FT_New_Face(f->ft, file, index, &ft);
    if (err) {
        const char *why = ft_reason(err);
        if (src)
            return diag_error(d, src, line, "font file %s (face %d) is not a usable font: %s", file,
                              index, why);
        return diag_error(d, file, 0, "not a usable font file (face %d): %s", index, why);
    }
    const char *fmt = FT_Get_Font_Format(ft);
    const char *fam = family ? family : ft->family_name ? ft->family_name : "";
    /* The PDF embeds TrueType (glyf) outlines as FontFile2 and an OpenType
     * font's CFF as FontFile3 (cff.c); CFF2 (variable fonts), Type 1 and
     * bitmap formats it cannot. */
    int truetype =
        has_table(ft, TTAG_glyf) && has_table(ft, TTAG_loca) && fmt && strcmp(fmt, "TrueType") == 0;
    int cff = FT_IS_SFNT(ft) && has_table(ft, TTAG_CFF) && fmt && strcmp(fmt, "CFF") == 0;
    if (!truetype && !cff) {
        diag_warning(d, src, line,
                     "font %s (%s) is a %s font without TrueType (glyf) or CFF outlines: the PDF "
                     "cannot embed it; skipped",
                     fam, file, fmt ? fmt : "non-TrueType");
        FT_Done_Face(ft);
        return -2;
    }
    if (is_broken_family(fam) || (ft->family_name && is_broken_family(ft->family_name))) {
        diag_warning(
            d, src, line,
            "font %s (%s) is drawn with broken characters by libharu (composite glyphs above "
            "glyph 32767); skipped",
            fam, file);
        FT_Done_Face(ft);
        return -2;
    }
    if (FT_Select_Charmap(ft, FT_ENCODING_UNICODE) != 0) {
        diag_warning(d, src, line, "font %s (%s) has no Unicode character map; skipped", fam, file);
        FT_Done_Face(ft);
        return -2;
    }
    if (!FT_IS_SFNT(ft) || ft->units_per_EM == 0 || ft->num_glyphs <= 0) {
        FT_Done_Face(ft);
        return diag_error(d, src ? src : file, src ? line : 0, "font %s (%s) has no usable glyphs",
                          fam, file);
    }
    if (f->nfaces == f->capfaces) {
        size_t cap = f->capfaces ? f->capfaces * 2 : 8;
        font_face *nf = realloc(f->faces, cap * sizeof *nf);
        if (!nf) {
            FT_Done_Face(ft);
            return diag_error(d, NULL, 0, "out of memory");
        }
        f->faces = nf;
        f->capfaces = cap;
    }
    int id = (int)f->nfaces;
    font_face *fc = &f->faces[id];
    memset(fc, 0, sizeof *fc);
    fc->ft = ft;
    fc->file = strdup(file);
    fc->family = strdup(fam);
    fc->psname = sanitise_psname(FT_Get_Postscript_Name(ft), fam, id);
    if (!fc->file || !fc->family || !fc->psname) {
        fonts_face_free(fc);
        return diag_error(d, NULL, 0, "out of memory");
    }
    f->nfaces++;
    folio_face_info *in = &fc->info;
    in->file = fc->file;
    in->index = index;
    in->family = fc->family;
    in->psname = fc->psname;
    in->units_per_em = ft->units_per_EM;
    in->cff = cff;
    read_metrics(ft, in);
    return id;
}
