/* test_fonts_subset.c — subsets (our own for TrueType faces, hb-subset for web
 * fonts): valid TrueType, small, same outlines, deterministic; damaged font
 * files are errors, never crashes. */
#include "fonts/fonts.h"
#include "util/fsutil.h"
#include "util/utf8.h"
#include "check.h"
#include "testfonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LIBERATION_SERIF "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

static int has_table(FT_Face ft, FT_ULong tag) {
    FT_ULong len = 0;
    return FT_Load_Sfnt_Table(ft, tag, 0, NULL, &len) == 0 && len > 0;
}

static size_t nkept(const folio_subset *s) {
    size_t k = 0;
    for (size_t g = 0; g < s->nold; g++)
        k += s->old_to_new[g] != UINT32_MAX;
    return k;
}

/* Whether glyph ga of a and gb of b (two faces) load alike, unscaled and
 * unhinted: the same outline and advance. */
static int same_glyph(FT_Face a, uint32_t ga, FT_Face b, uint32_t gb) {
    return same_outline(a, ga, b, gb) && a->glyph->advance.x == b->glyph->advance.x;
}

/* Every requested glyph is kept, and every kept glyph of the subset
 * (components included) has the original's outline and advance; .notdef's
 * outline only with notdef set (hb-subset keeps just its advance). */
static void same_outlines(FT_Library lib, const folio_face_info *info, const folio_subset *s,
                          const uint32_t *gids, size_t n, int notdef) {
    FT_Face orig, sub;
    CHECK(FT_New_Face(lib, info->file, info->index, &orig) == 0);
    CHECK(FT_New_Memory_Face(lib, s->data, (FT_Long)s->len, 0, &sub) == 0);
    CHECK(sub->units_per_EM == orig->units_per_EM && sub->num_glyphs == (FT_Long)nkept(s));
    CHECK(has_table(sub, TTAG_glyf) && has_table(sub, TTAG_loca) && !has_table(sub, TTAG_fpgm) &&
          !has_table(sub, TTAG_prep) && !has_table(sub, TTAG_cvt));
    int bad = 0, nonempty = 0;
    for (size_t i = 0; i < n; i++)
        if (gids[i] < s->nold && s->old_to_new[gids[i]] == UINT32_MAX) bad++;
    for (uint32_t g = 0; g < s->nold; g++) {
        uint32_t ng = s->old_to_new[g];
        if (ng == UINT32_MAX) continue;
        if (g == 0 && !notdef) continue;
        if (ng >= (uint32_t)sub->num_glyphs || !same_glyph(orig, g, sub, ng))
            bad++;
        else if (sub->glyph->outline.n_points > 0)
            nonempty++;
    }
    CHECK(bad == 0);
    CHECK(nonempty > 0);
    if (bad) fprintf(stderr, "%d of %zu glyphs differ in %s\n", bad, n, info->family);
    FT_Done_Face(sub);
    FT_Done_Face(orig);
}

static uint32_t rd16(const unsigned char *p) {
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t rd32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Where table tag is in the font file data: *off and *len. Returns 0 or -1. */
static int find_table(const unsigned char *data, size_t len, const char *tag, size_t *off,
                      size_t *tlen) {
    size_t n = len >= 12 ? rd16(data + 4) : 0;
    for (size_t i = 0; i < n && 12 + 16 * (i + 1) <= len; i++)
        if (!memcmp(data + 12 + 16 * i, tag, 4)) {
            *off = rd32(data + 12 + 16 * i + 8);
            *tlen = rd32(data + 12 + 16 * i + 12);
            return *off <= len && *tlen <= len - *off ? 0 : -1;
        }
    return -1;
}

/* The subset is a well-formed TrueType file of n glyphs: exactly glyf,
 * head, hhea, hmtx, loca and maxp, in tag order, 4-byte aligned and padded
 * with zeros, with their checksums, the font's checksum in head, the binary
 * search fields, full horizontal metrics, loca ascending within glyf, and no
 * instructions. Returns 1 when it is. */
static int well_formed(const folio_subset *s, size_t n) {
    static const char tags[6][5] = {"glyf", "head", "hhea", "hmtx", "loca", "maxp"};
    const unsigned char *p = s->data;
    size_t len = s->len, at[6], tl[6];
    if (len < 12 + 6 * 16 || len % 4 || rd32(p) != 0x00010000 || rd16(p + 4) != 6 ||
        rd16(p + 6) != 64 || rd16(p + 8) != 2 || rd16(p + 10) != 32)
        return 0;
    for (int i = 0; i < 6; i++) {
        const unsigned char *rec = p + 12 + 16 * i;
        at[i] = rd32(rec + 8);
        tl[i] = rd32(rec + 12);
        size_t padded = (tl[i] + 3) & ~(size_t)3;
        if (memcmp(rec, tags[i], 4) || at[i] % 4 || at[i] > len || padded > len - at[i]) return 0;
        uint32_t sum = 0;
        for (size_t k = tl[i]; k < padded; k++)
            if (p[at[i] + k]) return 0;
        for (size_t k = 0; k < padded; k += 4)
            sum += rd32(p + at[i] + k);
        if (i == 1) sum -= rd32(p + at[i] + 8); /* head is summed without checkSumAdjustment */
        if (sum != rd32(rec + 4)) return 0;
    }
    uint32_t total = 0;
    for (size_t k = 0; k < len; k += 4)
        total += rd32(p + k);
    const unsigned char *glyf = p + at[0], *head = p + at[1], *hhea = p + at[2], *loca = p + at[4],
                        *maxp = p + at[5];
    uint32_t long_loca = rd16(head + 50);
    if (total != 0xB1B0AFBAu || tl[1] != 54 || rd32(head + 12) != 0x5F0F3CF5 || long_loca > 1 ||
        tl[2] != 36 || rd16(hhea + 34) != n || tl[3] != 4 * n || tl[5] != 32 ||
        rd16(maxp + 4) != n || rd16(maxp + 26) != 0 || tl[4] != (n + 1) * (long_loca ? 4 : 2))
        return 0;
    size_t prev = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t off = long_loca ? rd32(loca + 4 * i) : 2 * (size_t)rd16(loca + 2 * i);
        if (off < prev || off > tl[0]) return 0;
        prev = off;
        /* A simple glyph's instructionLength, after its contour ends, is 0. */
        size_t next =
            i < n ? (long_loca ? rd32(loca + 4 * i + 4) : 2 * (size_t)rd16(loca + 2 * i + 2)) : off;
        if (next > off && next <= tl[0] && next - off >= 12 && !(rd16(glyf + off) & 0x8000)) {
            size_t ends = 10 + 2 * (size_t)rd16(glyf + off);
            if (ends + 2 > next - off || rd16(glyf + off + ends) != 0) return 0;
        }
    }
    return prev == tl[0];
}

static size_t file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

static void test_pdf_subset(folio_fonts *f, FT_Library lib) {
    int face = face_named(f, "AR PL UMing CN");
    CHECK(face >= 0);
    if (face < 0) return;
    const folio_face_info *info = fonts_face(f, face);
    /* 200 ideographs spread over the URO, all in UMing. */
    uint32_t gids[200];
    size_t n = 0;
    for (uint32_t cp = 0x4E00; cp < 0x9FA6 && n < 200; cp += 50) {
        uint32_t g = fonts_face_glyph(f, face, cp);
        if (g) gids[n++] = g;
    }
    CHECK(n == 200);
    folio_diags d;
    diags_init(&d);
    folio_subset a, b;
    CHECK(fonts_subset(f, face, gids, n, &a, &d) == 0);
    CHECK(fonts_subset(f, face, gids, n, &b, &d) == 0);
    CHECK(a.len > 12 && !memcmp(a.data, "\x00\x01\x00\x00", 4));
    /* Deterministic: the same request gives the same bytes. */
    CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len));
    /* UMing glyphs are heavy (about 210 points and 640 bytes each without
     * hinting): 200 of them measure 145 KB, out of a 21 MB collection. */
    fprintf(stderr, "UMing: 200 glyphs -> %zu bytes (file %zu)\n", a.len, file_size(info->file));
    CHECK(a.len < 160 * 1024);
    CHECK(a.len * 100 < file_size(info->file));
    CHECK(a.nold == 27123 && a.old_to_new[0] == 0);
    CHECK(nkept(&a) == n + 1); /* plus .notdef; these UMing glyphs are all simple */
    CHECK(well_formed(&a, n + 1));
    same_outlines(lib, info, &a, gids, n, 1);
    /* The PDF subset carries no cmap: the CIDFont maps CIDs itself. */
    FT_Face sub;
    CHECK(FT_New_Memory_Face(lib, a.data, (FT_Long)a.len, 0, &sub) == 0);
    CHECK(!has_table(sub, TTAG_cmap) && sub->num_glyphs == (FT_Long)n + 1);
    FT_Done_Face(sub);
    /* Order and duplicates in the request do not change the result. */
    uint32_t rev[400];
    for (size_t i = 0; i < n; i++)
        rev[i] = rev[n + i] = gids[n - 1 - i];
    fonts_subset_free(&b);
    CHECK(fonts_subset(f, face, rev, 2 * n, &b, &d) == 0);
    CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len));
    fonts_subset_free(&a);
    fonts_subset_free(&b);
    /* Out-of-range glyph ids are ignored; a bad face is an error. */
    uint32_t junk[] = {gids[0], 0xFFFFFF};
    CHECK(fonts_subset(f, face, junk, 2, &a, &d) == 0 && a.old_to_new[gids[0]] == 1);
    fonts_subset_free(&a);
    CHECK(d.nerrors == 0);
    CHECK(fonts_subset(f, -1, gids, 1, &a, &d) == -1 && d.nerrors == 1 && a.data == NULL);
    CHECK(fonts_subset(f, (int)fonts_face_count(f), gids, 1, &a, &d) == -1);
    fonts_subset_free(NULL);
    diags_free(&d);
}

/* The web subset keeps a cmap for its code points, astral ones included. */
static void test_web_subset(folio_fonts *f, FT_Library lib) {
    int face = face_named(f, "LXGW WenKai");
    CHECK(face >= 0 && fonts_face_glyph(f, face, 0x20BB7) != 0);
    if (face < 0) return;
    const folio_face_info *info = fonts_face(f, face);
    uint32_t cps[] = {0x20BB7, 0x4E2D, 0x6587, 'A', 'z'};
    uint32_t gids[5];
    folio_diags d;
    diags_init(&d);
    folio_subset s;
    CHECK(fonts_subset_web(f, face, cps, 5, &s, &d) == 0);
    FT_Face sub, orig;
    CHECK(FT_New_Memory_Face(lib, s.data, (FT_Long)s.len, 0, &sub) == 0);
    CHECK(FT_New_Face(lib, info->file, info->index, &orig) == 0);
    CHECK(FT_Select_Charmap(sub, FT_ENCODING_UNICODE) == 0);
    CHECK(FT_Select_Charmap(orig, FT_ENCODING_UNICODE) == 0);
    CHECK(has_table(sub, TTAG_OS2) && has_table(sub, TTAG_name) && has_table(sub, TTAG_post));
    for (size_t i = 0; i < 5; i++) {
        gids[i] = FT_Get_Char_Index(orig, cps[i]);
        CHECK(gids[i] != 0);
        CHECK(FT_Get_Char_Index(sub, cps[i]) == s.old_to_new[gids[i]]);
        CHECK(s.old_to_new[gids[i]] != UINT32_MAX && s.old_to_new[gids[i]] != 0);
    }
    CHECK(FT_Get_Char_Index(sub, 0x4E00) == 0); /* not asked for */
    same_outlines(lib, info, &s, gids, 5, 0);
    FT_Done_Face(orig);
    FT_Done_Face(sub);
    fonts_subset_free(&s);
    CHECK(d.nerrors == 0);
    diags_free(&d);
}

/* The default TrueType faces (song's fallbacks UMing and LXGW WenKai, hei,
 * kai and latin-serif of roles.yaml) give well-formed, deterministic subsets
 * whose glyphs are the originals, for a paragraph of Chinese and of accented
 * Latin (whose accented letters are composite glyphs in Liberation Serif).
 * test_fonts_cff.c tests song's CFF face. */
static void test_default_faces(folio_fonts *f, FT_Library lib) {
    static const char text[] =
        "永和九年，岁在癸丑，暮春之初，会于会稽山阴之兰亭，修禊事也。群贤毕至，少长咸集。"
        "此地有崇山峻岭，茂林修竹；又有清流激湍，映带左右。引以为流觞曲水，列坐其次。"
        "The quick brown fox: Ångström, façade, naïve, Čapek, Łódź, œuvre, 1234567890 “q” — fin.";
    static const char *const families[] = {"AR PL UMing CN", "LXGW WenKai", "WenQuanYi Zen Hei",
                                           "AR PL UKai CN", "Liberation Serif"};
    int faces[sizeof families / sizeof *families];
    for (size_t i = 0; i < sizeof faces / sizeof *faces; i++)
        faces[i] = face_named(f, families[i]);
    folio_diags d;
    diags_init(&d);
    for (size_t i = 0; i < sizeof faces / sizeof *faces; i++) {
        CHECK(faces[i] >= 0);
        if (faces[i] < 0) continue;
        const folio_face_info *info = fonts_face(f, faces[i]);
        CHECK(!strcmp(info->family, families[i]) && !info->cff);
        uint32_t gids[256];
        size_t n = text_glyphs(f, faces[i], text, gids, 256);
        CHECK(n >= 40);
        folio_subset a, b;
        CHECK(fonts_subset(f, faces[i], gids, n, &a, &d) == 0);
        CHECK(fonts_subset(f, faces[i], gids, n, &b, &d) == 0);
        CHECK(a.data && b.data && a.len == b.len && !memcmp(a.data, b.data, a.len));
        if (a.data) {
            CHECK(well_formed(&a, nkept(&a)));
            same_outlines(lib, info, &a, gids, n, 1);
        }
        fonts_subset_free(&a);
        fonts_subset_free(&b);
    }
    CHECK(d.nerrors == 0);
    diags_free(&d);
}

/* Component glyph ids of composite glyph g (FreeType's view), into comp. */
static int components_of(FT_Face ft, uint32_t g, FT_Int *comp, FT_UInt *flags, int cap) {
    if (FT_Load_Glyph(ft, g, FT_LOAD_NO_RECURSE | FT_LOAD_NO_SCALE) != 0 ||
        ft->glyph->format != FT_GLYPH_FORMAT_COMPOSITE)
        return 0;
    int n = (int)ft->glyph->num_subglyphs < cap ? (int)ft->glyph->num_subglyphs : cap;
    for (int i = 0; i < n; i++) {
        FT_Int a1, a2;
        FT_Matrix m;
        FT_Get_SubGlyph_Info(ft->glyph, (FT_UInt)i, &comp[i], &flags[i], &a1, &a2, &m);
    }
    return n;
}

/* Composite glyphs come out whole: asked for alone, a composite brings its
 * components (and theirs: UMing nests them), renumbered, with the
 * WE_HAVE_INSTRUCTIONS flag (set in most of Liberation Serif's) cleared. */
static void test_composites(folio_fonts *f, FT_Library lib) {
    const int faces[] = {face_named(f, "Liberation Serif"), face_named(f, "WenQuanYi Zen Hei"),
                         face_named(f, "AR PL UMing CN")};
    folio_diags d;
    diags_init(&d);
    int nested = 0, instructed = 0;
    for (size_t i = 0; i < sizeof faces / sizeof *faces; i++) {
        if (faces[i] < 0) continue;
        const folio_face_info *info = fonts_face(f, faces[i]);
        FT_Face orig;
        CHECK(FT_New_Face(lib, info->file, info->index, &orig) == 0);
        /* Among the first 3000 glyphs: a composite that draws something,
         * one with WE_HAVE_INSTRUCTIONS where any has it, and the first one
         * with a composite component. */
        uint32_t picks[2] = {0, 0};
        int pick_instructed = 0;
        FT_Int comp[16], sub[16];
        FT_UInt flags[16], subflags[16];
        for (uint32_t g = 1; g < (uint32_t)orig->num_glyphs && g < 3000; g++) {
            int nc = components_of(orig, g, comp, flags, 16), instr = 0;
            for (int c = 0; c < nc; c++) {
                instr |= (flags[c] & 0x100) != 0;
                if (!picks[1] && components_of(orig, (uint32_t)comp[c], sub, subflags, 16))
                    picks[1] = g;
            }
            if (nc && (!picks[0] || (instr && !pick_instructed)) &&
                FT_Load_Glyph(orig, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0 &&
                orig->glyph->outline.n_points > 0) {
                picks[0] = g;
                pick_instructed = instr;
            }
        }
        CHECK(picks[0] != 0);
        for (int k = 0; k < 2; k++) {
            if (!picks[k]) continue;
            nested += k;
            folio_subset s;
            CHECK(fonts_subset(f, faces[i], &picks[k], 1, &s, &d) == 0);
            if (!s.data) continue;
            /* Kept: .notdef, the composite and its components, recursively. */
            uint32_t want[64] = {0, picks[k]};
            size_t nwant = 2;
            for (size_t w = 1; w < nwant; w++) {
                int nc = components_of(orig, want[w], comp, flags, 16);
                for (int c = 0; c < nc; c++) {
                    int seen = 0;
                    for (size_t v = 0; v < nwant; v++)
                        seen |= want[v] == (uint32_t)comp[c];
                    if (!seen && nwant < 64) want[nwant++] = (uint32_t)comp[c];
                }
            }
            CHECK(nkept(&s) == nwant);
            for (size_t w = 0; w < nwant; w++)
                CHECK(s.old_to_new[want[w]] != UINT32_MAX);
            CHECK(well_formed(&s, nwant));
            same_outlines(lib, info, &s, &picks[k], 1, 1);
            FT_Face subf;
            CHECK(FT_New_Memory_Face(lib, s.data, (FT_Long)s.len, 0, &subf) == 0);
            int nc = components_of(orig, picks[k], comp, flags, 16);
            CHECK(components_of(subf, s.old_to_new[picks[k]], sub, subflags, 16) == nc);
            for (int c = 0; c < nc; c++) {
                instructed += (flags[c] & 0x100) != 0;
                CHECK((uint32_t)sub[c] == s.old_to_new[comp[c]]);
                CHECK(subflags[c] == (flags[c] & ~0x100u));
            }
            FT_Done_Face(subf);
            fonts_subset_free(&s);
        }
        FT_Done_Face(orig);
    }
    CHECK(nested > 0 && instructed > 0);
    CHECK(d.nerrors == 0);
    diags_free(&d);
}

/* Puts data in place of the font file path: a new file renamed over it, so
 * that FreeType, which has the old one open, never sees it change. */
static void replace_font(const char *path, const void *data, size_t len) {
    CHECK(fs_write_atomic(path, data, len) == 0);
}

/* Opens a font set of one role, "t", whose chain is face index of file (the
 * configuration written to conf). Returns NULL on error (printed). */
static folio_fonts *open_file_face(const char *conf, const char *file, int index, folio_diags *d) {
    char yaml[1024];
    snprintf(yaml, sizeof yaml, "roles:\n  t:\n    - file: %s\n      index: %d\n", file, index);
    CHECK(fs_write_atomic(conf, yaml, strlen(yaml)) == 0);
    folio_fonts *f = fonts_open(conf, NULL, 0, d);
    CHECK(f != NULL);
    if (!f) diags_print(d, stderr);
    return f;
}

static void put16(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 8), p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v) {
    put16(p, v >> 16), put16(p + 2, v & 0xFFFF);
}

/* Subsets glyphs of face 0 of f from the font file as it is now. Returns
 * fonts_subset's result; on an error, checks that it names the file. */
static int subset_now(folio_fonts *f, const uint32_t *gids, size_t n, const char *name) {
    folio_diags d;
    diags_init(&d);
    folio_subset s;
    int rc = fonts_subset(f, 0, gids, n, &s, &d);
    if (rc == 0)
        CHECK(s.data != NULL && d.nerrors == 0);
    else
        CHECK(s.data == NULL && s.old_to_new == NULL && d.nerrors == 1 && d.items[0].path &&
              strstr(d.items[0].path, name));
    fonts_subset_free(&s);
    diags_free(&d);
    return rc;
}

/* A font file damaged after it was opened (cut short, tables or glyphs
 * pointing outside, bytes overwritten at random) makes fonts_subset fail
 * with an error naming the file, or succeed, and never crash or read outside
 * the file (the sanitizer build checks). A maxp of version 0.5 (no hinting
 * maxima) is subset as it is. */
static void test_damaged(const char *dir, FT_Library lib) {
    char path[512], conf[512];
    snprintf(path, sizeof path, "%s/damaged.ttf", dir);
    snprintf(conf, sizeof conf, "%s/roles.yaml", dir);
    char *orig;
    size_t len;
    CHECK(fs_read_file(LIBERATION_SERIF, 0, &orig, &len) == 0);
    if (!orig) return;
    unsigned char *data = malloc(len);
    CHECK(data != NULL);
    if (!data) {
        free(orig);
        return;
    }
    replace_font(path, orig, len);
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = open_file_face(conf, path, 0, &d);
    if (!f) {
        diags_free(&d);
        free(orig);
        free(data);
        return;
    }
    uint32_t gids[64];
    size_t n = text_glyphs(f, 0, "Ångström façade naïve œuvre", gids, 64);
    CHECK(n > 10 && subset_now(f, gids, n, "damaged.ttf") == 0);

    size_t glyf, glyf_len, loca, loca_len, head, head_len, maxp, maxp_len;
    CHECK(find_table((unsigned char *)orig, len, "glyf", &glyf, &glyf_len) == 0);
    CHECK(find_table((unsigned char *)orig, len, "loca", &loca, &loca_len) == 0);
    CHECK(find_table((unsigned char *)orig, len, "head", &head, &head_len) == 0);
    CHECK(find_table((unsigned char *)orig, len, "maxp", &maxp, &maxp_len) == 0);
    int long_loca = rd16((unsigned char *)orig + head + 50) == 1;
    uint32_t g = gids[0]; /* Å: a composite */
    size_t goff = long_loca ? rd32((unsigned char *)orig + loca + 4 * g)
                            : 2 * (size_t)rd16((unsigned char *)orig + loca + 2 * g);
    uint32_t simple = fonts_face_glyph(f, 0, 'f');
    size_t soff = long_loca ? rd32((unsigned char *)orig + loca + 4 * simple)
                            : 2 * (size_t)rd16((unsigned char *)orig + loca + 2 * simple);
    CHECK(rd16((unsigned char *)orig + glyf + goff) == 0xFFFF);    /* composite */
    CHECK(rd16((unsigned char *)orig + glyf + soff) - 1 < 0x7FFF); /* simple */

    /* Damage that must be an error. */
    enum {
        CUT_HEADER,
        CUT_DIR,
        CUT_HALF,
        CUT_GLYF,
        GLYF_OUT,
        LOCA_OUT,
        LOCA_BACK,
        COMPONENT_OUT,
        INSTR_LONG,
        CONTOURS_LONG,
        HEAD_MAGIC,
        NCASES
    };
    for (int c = 0; c < NCASES; c++) {
        memcpy(data, orig, len);
        size_t dlen = len;
        unsigned char *rec = NULL;
        for (size_t i = 0; i < rd16(data + 4); i++)
            if (!memcmp(data + 12 + 16 * i, "glyf", 4)) rec = data + 12 + 16 * i;
        switch (c) {
        case CUT_HEADER:
            dlen = 10;
            break;
        case CUT_DIR:
            dlen = 40;
            break;
        case CUT_HALF:
            dlen = len / 2;
            break;
        case CUT_GLYF:
            dlen = glyf + glyf_len - 100;
            break;
        case GLYF_OUT:
            put32(rec + 8, (uint32_t)len - 16);
            break;
        case LOCA_OUT:
            if (long_loca)
                put32(data + loca + 4 * (g + 1), 0x7FFFFFF0);
            else
                put16(data + loca + 2 * (g + 1), 0xFFFF);
            break;
        case LOCA_BACK:
            if (long_loca)
                put32(data + loca + 4 * (g + 1), (uint32_t)goff - 2);
            else
                put16(data + loca + 2 * (g + 1), (uint32_t)(goff / 2 - 1));
            break;
        case COMPONENT_OUT:
            put16(data + glyf + goff + 12, 0xFFF0);
            break;
        case INSTR_LONG:
            put16(data + glyf + soff + 10 + 2 * rd16(data + glyf + soff), 0xFFFF);
            break;
        case CONTOURS_LONG:
            put16(data + glyf + soff, 0x7FFF);
            break;
        case HEAD_MAGIC:
            put32(data + head + 12, 0);
            break;
        }
        replace_font(path, data, dlen);
        CHECK(subset_now(f, gids, n, "damaged.ttf") == -1);
    }

    /* Random bytes overwritten in the directory and tables. */
    unsigned seed = 12345;
    int ok = 0, failed = 0;
    for (int it = 0; it < 300; it++) {
        memcpy(data, orig, len);
        int nbytes = 1 + it % 8;
        for (int k = 0; k < nbytes; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = it % 3 == 0   ? (seed >> 8) % 256
                        : it % 3 == 1 ? glyf + goff + (seed >> 8) % 64
                                      : (seed >> 8) % len;
            seed = seed * 1103515245u + 12345u;
            data[at] = (unsigned char)(seed >> 16);
        }
        replace_font(path, data, len);
        if (subset_now(f, gids, n, "damaged.ttf") == 0)
            ok++;
        else
            failed++;
    }
    CHECK(ok > 0 && failed > 0);

    /* maxp version 0.5. */
    memcpy(data, orig, len);
    put32(data + maxp, 0x00005000);
    replace_font(path, data, len);
    folio_subset s;
    CHECK(fonts_subset(f, 0, gids, n, &s, &d) == 0);
    if (s.data) {
        size_t off, mlen;
        CHECK(find_table(s.data, s.len, "maxp", &off, &mlen) == 0 && mlen == 6);
        CHECK(nkept(&s) > n / 2 && rd16(s.data + off + 4) == nkept(&s));
        same_outlines(lib, fonts_face(f, 0), &s, gids, n, 1);
    }
    fonts_subset_free(&s);

    /* Restored, it subsets again. */
    replace_font(path, orig, len);
    CHECK(subset_now(f, gids, n, "damaged.ttf") == 0);
    CHECK(d.nerrors == 0);
    fonts_close(f);
    diags_free(&d);
    free(orig);
    free(data);
    unlink(path);
    unlink(conf);
}

/* A face other than the first of a collection (UMing TW, face 2 of uming.ttc). */
static void test_ttc_face(const char *dir, FT_Library lib) {
    char conf[512];
    snprintf(conf, sizeof conf, "%s/roles.yaml", dir);
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = open_file_face(conf, "/usr/share/fonts/truetype/arphic/uming.ttc", 2, &d);
    if (!f) {
        diags_free(&d);
        return;
    }
    const folio_face_info *info = fonts_face(f, 0);
    CHECK(info->index == 2 && !strcmp(info->family, "AR PL UMing TW"));
    CHECK(!strcmp(info->psname, "UMingTW"));
    int tw = fonts_role(f, "t");
    uint32_t gids[3];
    const uint32_t cps[] = {0x570B, 0x8AAA, 0x9AD4}; /* 國說體 */
    for (size_t i = 0; i < 3; i++) {
        folio_glyphinfo g;
        CHECK(fonts_glyph(f, tw, cps[i], &g) == 1 && g.face == 0);
        gids[i] = g.gid;
    }
    folio_subset s;
    CHECK(fonts_subset(f, 0, gids, 3, &s, &d) == 0);
    if (s.data) same_outlines(lib, info, &s, gids, 3, 1);
    fonts_subset_free(&s);
    fonts_close(f);
    diags_free(&d);
    unlink(conf);
}

/* Copies appended to a TrueType subset: glyphs of their own with the
 * outline of the glyph they copy and the advance they were given; the
 * subset's glyphs stay as they were, and the font still passes
 * well_formed. */
static void test_copies(folio_fonts *f, FT_Library lib) {
    int face = face_named(f, "Liberation Serif");
    CHECK(face >= 0);
    if (face < 0) return;
    uint32_t gids[3] = {fonts_face_glyph(f, face, 'A'), fonts_face_glyph(f, face, ','),
                        fonts_face_glyph(f, face, ' ')};
    folio_diags d;
    diags_init(&d);
    folio_subset s;
    CHECK(fonts_subset(f, face, gids, 3, &s, &d) == 0);
    size_t n = nkept(&s);
    uint32_t of[4] = {s.old_to_new[gids[0]], s.old_to_new[gids[1]], s.old_to_new[gids[0]],
                      s.old_to_new[gids[2]]};
    uint16_t adv[4] = {100, 2000, 0, 777};
    FT_Face before = NULL, after = NULL;
    unsigned char *copy = malloc(s.len);
    size_t copy_len = s.len;
    CHECK(copy != NULL);
    if (copy) memcpy(copy, s.data, s.len);
    CHECK(fonts_tt_add_copies(&s, of, adv, 4, &d) == 0 && d.n == 0);
    CHECK(well_formed(&s, n + 4));
    CHECK(copy && FT_New_Memory_Face(lib, copy, (FT_Long)copy_len, 0, &before) == 0);
    CHECK(FT_New_Memory_Face(lib, s.data, (FT_Long)s.len, 0, &after) == 0);
    if (before && after) {
        CHECK(after->num_glyphs == (FT_Long)n + 4);
        int same = 1;
        for (uint32_t g = 0; g < n; g++)
            same &= same_glyph(before, g, after, g);
        CHECK(same);
        for (uint32_t k = 0; k < 4; k++) {
            CHECKF(same_outline(after, of[k], after, (uint32_t)n + k) &&
                       after->glyph->advance.x == (FT_Pos)adv[k], /* unscaled: font units */
                   "copy %u: advance %ld, want %u", k, (long)after->glyph->advance.x, adv[k]);
        }
    }
    if (before) FT_Done_Face(before);
    if (after) FT_Done_Face(after);
    free(copy);
    fonts_subset_free(&s);
    diags_free(&d);
}

int main(void) {
    const char *src = getenv("SRC");
    if (!src) src = FOLIO_SOURCE_DIR;
    char roles[1024];
    snprintf(roles, sizeof roles, "%s/fonts/roles.yaml", src);
    char dir[] = "/tmp/folio-subset-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    FT_Library lib;
    if (FT_Init_FreeType(&lib) != 0) return 1;
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(roles, NULL, 0, &d);
    CHECK(f != NULL);
    if (f) {
        test_pdf_subset(f, lib);
        test_web_subset(f, lib);
        test_default_faces(f, lib);
        test_composites(f, lib);
        test_copies(f, lib);
    } else {
        diags_print(&d, stderr);
    }
    fonts_close(f);
    diags_free(&d);
    test_ttc_face(dir, lib);
    test_damaged(dir, lib);
    FT_Done_FreeType(lib);
    rmdir(dir);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
