/* test_fonts_cff.c — CFF faces for the PDF: subsets cut from the font file
 * (desubroutinized, unhinted, CID-keyed, the original outlines), the font
 * program with copied glyphs and a scaled em, a name-keyed font made
 * CID-keyed; damaged data is an error, never a crash. */
#include "fonts/cff_private.h"
#include "fonts/fonts.h"
#include "util/fsutil.h"
#include "check.h"
#include "testfonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Checks a CID-keyed CFF with CID g for glyph g and ng glyphs. */
static void cid_identity(FT_Face ft, long ng) {
    FT_Bool cid = 0;
    CHECK(FT_Get_CID_Is_Internally_CID_Keyed(ft, &cid) == 0 && cid);
    CHECK(ft->num_glyphs == ng);
    int bad = 0;
    for (FT_UInt g = 0; g < (FT_UInt)ft->num_glyphs; g++) {
        FT_UInt c = 0;
        bad += FT_Get_CID_From_Glyph_Index(ft, g, &c) != 0 || c != g;
    }
    CHECK(bad == 0);
}

static size_t nkept(const folio_subset *s) {
    size_t k = 0;
    for (size_t g = 0; g < s->nold; g++)
        k += s->old_to_new[g] != UINT32_MAX;
    return k;
}

/* Every kept glyph of subset s of face info has its original outline. */
static void same_outlines(FT_Library lib, const folio_face_info *info, const unsigned char *data,
                          size_t len, const folio_subset *s) {
    FT_Face orig, sub;
    CHECK(FT_New_Face(lib, info->file, info->index, &orig) == 0);
    CHECK(FT_New_Memory_Face(lib, data, (FT_Long)len, 0, &sub) == 0);
    int bad = 0, nonempty = 0;
    for (uint32_t g = 0; g < s->nold; g++) {
        uint32_t ng = s->old_to_new[g];
        if (ng == UINT32_MAX) continue;
        if (!same_outline(orig, g, sub, ng))
            bad++;
        else
            nonempty += sub->glyph->outline.n_points > 0;
    }
    CHECK(bad == 0 && nonempty > 0);
    if (bad) fprintf(stderr, "%d glyphs differ in %s\n", bad, info->family);
    FT_Done_Face(sub);
    FT_Done_Face(orig);
}

/* Noto Serif CJK SC, song's first face: a subset of a paragraph. */
static void test_noto(folio_fonts *f, FT_Library lib) {
    static const char text[] =
        "永和九年，岁在癸丑，暮春之初，会于会稽山阴之兰亭，修禊事也。群贤毕至，少长咸集。"
        "此地有崇山峻岭，茂林修竹；又有清流激湍，映带左右。“引以为流觞曲水”——列坐其次。𠮷";
    int face = face_named(f, "Noto Serif CJK SC");
    CHECK(face >= 0);
    if (face < 0) return;
    const folio_face_info *info = fonts_face(f, face);
    CHECK(info->cff == 1);
    uint32_t gids[128];
    size_t n = text_glyphs(f, face, text, gids, 128);
    CHECK(n >= 80);
    folio_diags d;
    diags_init(&d);
    folio_subset a, b;
    CHECK(fonts_subset(f, face, gids, n, &a, &d) == 0);
    CHECK(fonts_subset(f, face, gids, n, &b, &d) == 0);
    CHECK(a.data && b.data && a.len == b.len && !memcmp(a.data, b.data, a.len));
    if (!a.data || !b.data) {
        fonts_subset_free(&a);
        fonts_subset_free(&b);
        diags_free(&d);
        return;
    }
    size_t kept = nkept(&a);
    CHECK(a.data[0] == 1 && a.data[1] == 0); /* a bare CFF, version 1 */
    CHECK(a.nold == 65535 && a.old_to_new[0] == 0);
    /* The paragraph has repeated characters: each glyph once, plus .notdef. */
    CHECK(kept > 60 && kept <= n + 1);
    /* Desubroutinized and unhinted: about 260 bytes a glyph (subroutines
     * kept, the global ones alone are megabytes). */
    CHECK(a.len < kept * 400);
    FT_Face sub;
    CHECK(FT_New_Memory_Face(lib, a.data, (FT_Long)a.len, 0, &sub) == 0);
    cid_identity(sub, (long)kept);
    FT_Done_Face(sub);
    same_outlines(lib, info, a.data, a.len, &a);

    /* The program: two copies of one glyph and one of another, em 1.75. */
    uint32_t g1 = a.old_to_new[gids[0]], g2 = a.old_to_new[gids[5]];
    uint32_t dup[] = {g1, g1, g2};
    unsigned char *prog = NULL, *plain = NULL;
    size_t plen = 0, plainlen = 0;
    const double dup_w[] = {600, 400.5, 1000}; /* thousandths of the declared em */
    CHECK(fonts_cff_program("noto", a.data, a.len, dup, dup_w, 3, 1.75, &prog, &plen, &d) == 0);
    CHECK(fonts_cff_program("noto", a.data, a.len, NULL, NULL, 0, 1.0, &plain, &plainlen, &d) == 0);
    if (prog && plain) {
        FT_Face p, q;
        CHECK(FT_New_Memory_Face(lib, prog, (FT_Long)plen, 0, &p) == 0);
        CHECK(FT_New_Memory_Face(lib, plain, (FT_Long)plainlen, 0, &q) == 0);
        cid_identity(p, (long)kept + 3);
        cid_identity(q, (long)kept);
        CHECK(p->units_per_EM == 1750 && q->units_per_EM == 1000);
        CHECK(same_outline(p, g1, p, (FT_UInt)kept) && same_outline(p, g1, p, (FT_UInt)kept + 1));
        CHECK(same_outline(p, g2, p, (FT_UInt)kept + 2));
        CHECK(!same_outline(p, g1, p, (FT_UInt)kept + 2));
        int bad = 0;
        for (FT_UInt g = 0; g < (FT_UInt)kept; g++)
            bad += !same_outline(p, g, q, g);
        CHECK(bad == 0);
        /* Each copy as wide as asked (font units of the 1750-unit em); the
         * glyphs copied as wide as they were. */
        for (int k = 0; k < 3; k++) {
            CHECK(FT_Load_Glyph(p, (FT_UInt)kept + (FT_UInt)k, FT_LOAD_NO_SCALE) == 0);
            CHECKF(fabs((double)p->glyph->metrics.horiAdvance - dup_w[k] * 1.75) <= 1,
                   "copy %d: %.2f units, want %.2f", k, (double)p->glyph->metrics.horiAdvance,
                   dup_w[k] * 1.75);
        }
        for (uint32_t g = 0; g < (uint32_t)kept; g++) {
            FT_Load_Glyph(p, g, FT_LOAD_NO_SCALE);
            FT_Pos wp = p->glyph->metrics.horiAdvance;
            FT_Load_Glyph(q, g, FT_LOAD_NO_SCALE);
            bad += wp != q->glyph->metrics.horiAdvance;
        }
        CHECK(bad == 0);
        /* A copy costs a few bytes, not its outline again. */
        CHECK(plen < plainlen + 64);
        FT_Done_Face(p);
        FT_Done_Face(q);
    }
    CHECK(d.nerrors == 0);

    /* Damaged programs: an error naming the font, or a program; never a
     * crash or a read outside (the sanitizer build checks). */
    unsigned char *bad = malloc(a.len);
    CHECK(bad != NULL);
    unsigned seed = 4242;
    int errors = 0;
    for (int round = 0; bad && round < 3000; round++) {
        memcpy(bad, a.data, a.len);
        size_t len = a.len;
        if (round % 3 == 0) {
            seed = seed * 1103515245u + 12345u;
            len = (seed >> 8) % a.len;
        } else {
            for (int k = 0; k < 1 + round % 8; k++) {
                seed = seed * 1103515245u + 12345u;
                /* mostly in the first kilobyte: the header, DICTs and INDEX heads */
                size_t at = (seed >> 8) % (round % 2 ? 1024 : a.len);
                seed = seed * 1103515245u + 12345u;
                bad[at % a.len] = (unsigned char)(seed >> 16);
            }
        }
        folio_diags dd;
        diags_init(&dd);
        unsigned char *out = NULL;
        size_t outlen = 0;
        int rc = fonts_cff_program("damaged.cff", bad, len, dup, NULL, 3, 1.2, &out, &outlen, &dd);
        if (rc) {
            errors++;
            CHECK(out == NULL && dd.nerrors >= 1);
        } else {
            CHECK(out != NULL && outlen > 0);
        }
        free(out);
        diags_free(&dd);
    }
    CHECK(errors > 500);
    free(bad);
    free(prog);
    free(plain);
    fonts_subset_free(&a);
    fonts_subset_free(&b);
    diags_free(&d);
}

/* Damaged charstrings of the whole Noto table (with its subroutines, which
 * the subsetter writes out in place): bytes overwritten in the kept glyphs'
 * charstrings (operands, subroutine numbers, hint masks) and in their INDEX
 * offsets give an error or a subset, never a crash or a read outside the
 * table (the sanitizer build checks). */
static void test_damaged_charstrings(folio_fonts *f, FT_Library lib) {
    int face = face_named(f, "Noto Serif CJK SC");
    if (face < 0) return;
    const folio_face_info *info = fonts_face(f, face);
    FT_Face ft;
    CHECK(FT_New_Face(lib, info->file, info->index, &ft) == 0);
    FT_ULong len = 0;
    CHECK(FT_Load_Sfnt_Table(ft, TTAG_CFF, 0, NULL, &len) == 0 && len > 1000000);
    unsigned char *tab = malloc(len);
    CHECK(tab != NULL);
    if (!tab || FT_Load_Sfnt_Table(ft, TTAG_CFF, 0, tab, &len) != 0) {
        free(tab);
        FT_Done_Face(ft);
        return;
    }
    uint32_t gids[40];
    size_t n = text_glyphs(
        f, face, "会议强调要清醒看到当前基层治理中还存在一些短板弱项，有的社区问题依然突出。", gids,
        40);
    cff_font cf;
    int oom = 0;
    CHECK(cff_parse(&cf, tab, len, 1, &oom) == 0);
    folio_diags d;
    diags_init(&d);
    folio_subset s;
    CHECK(cff_subset_table("noto", tab, len, gids, n, &s, &d) == 0 && d.nerrors == 0);
    fonts_subset_free(&s);
    unsigned seed = 777;
    int errors = 0, rounds = 1500;
    for (int round = 0; round < rounds; round++) {
        size_t at[3];
        unsigned char was[3];
        int k = 1 + round % 3;
        for (int j = 0; j < k; j++) {
            seed = seed * 1103515245u + 12345u;
            uint32_t g = gids[(seed >> 8) % n];
            const unsigned char *p;
            size_t pn;
            if (cff_index_get(&cf.chars, g, &p, &pn) || pn == 0) p = tab, pn = 1;
            seed = seed * 1103515245u + 12345u;
            if (round % 10 == 9) /* an offset of the CharStrings INDEX */
                at[j] = (size_t)(cf.chars.offs - tab) + g * (size_t)cf.chars.offsize +
                        (seed >> 8) % (size_t)cf.chars.offsize;
            else
                at[j] = (size_t)(p - tab) + (seed >> 8) % pn;
            was[j] = tab[at[j]];
            tab[at[j]] = (unsigned char)(seed >> 16);
        }
        folio_diags dd;
        diags_init(&dd);
        if (cff_subset_table("noto", tab, len, gids, n, &s, &dd)) {
            errors++;
            CHECK(s.data == NULL && dd.nerrors == 1);
        }
        fonts_subset_free(&s);
        diags_free(&dd);
        for (int j = k - 1; j >= 0; j--)
            tab[at[j]] = was[j];
    }
    CHECK(errors > 0 && errors < rounds);
    cff_font_free(&cf);
    diags_free(&d);
    free(tab);
    FT_Done_Face(ft);
}

/* A name-keyed CFF (tests/data/fonts/cff.otf: .notdef, A, 中) comes out
 * CID-keyed, its outlines unchanged; the file damaged after it was opened
 * is an error naming it. */
static void test_name_keyed(const char *src, const char *dir, FT_Library lib) {
    char otf[1024], conf[512], copy[512], yaml[1200];
    snprintf(otf, sizeof otf, "%s/tests/data/fonts/cff.otf", src);
    snprintf(conf, sizeof conf, "%s/cff-roles.yaml", dir);
    snprintf(copy, sizeof copy, "%s/cff-copy.otf", dir);
    char *orig;
    size_t len;
    CHECK(fs_read_file(otf, 0, &orig, &len) == 0);
    if (!orig) return;
    CHECK(fs_write_atomic(copy, orig, len) == 0);
    snprintf(yaml, sizeof yaml, "roles:\n  t:\n    - file: %s\n", copy);
    CHECK(fs_write_atomic(conf, yaml, strlen(yaml)) == 0);
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(conf, NULL, 0, &d);
    CHECK(f != NULL && d.nerrors == 0 && d.nwarnings == 0);
    if (f) {
        const folio_face_info *info = fonts_face(f, 0);
        CHECK(info->cff == 1 && !strcmp(info->family, "Folio Test CFF"));
        uint32_t gids[] = {fonts_face_glyph(f, 0, 0x4E2D), fonts_face_glyph(f, 0, 'A')};
        CHECK(gids[0] == 2 && gids[1] == 1);
        folio_subset s;
        CHECK(fonts_subset(f, 0, gids, 2, &s, &d) == 0);
        if (s.data) {
            FT_Face sub;
            CHECK(FT_New_Memory_Face(lib, s.data, (FT_Long)s.len, 0, &sub) == 0);
            cid_identity(sub, 3);
            FT_Done_Face(sub);
            same_outlines(lib, info, s.data, s.len, &s);
            unsigned char *prog = NULL;
            size_t plen = 0;
            uint32_t dup[] = {2};
            CHECK(fonts_cff_program("t", s.data, s.len, dup, NULL, 1, 1.0, &prog, &plen, &d) == 0);
            FT_Face p;
            CHECK(prog && FT_New_Memory_Face(lib, prog, (FT_Long)plen, 0, &p) == 0);
            if (prog) {
                cid_identity(p, 4);
                CHECK(same_outline(p, 2, p, 3));
                FT_Done_Face(p);
            }
            free(prog);
        }
        fonts_subset_free(&s);
        CHECK(d.nerrors == 0);
        /* Cut short or overwritten after it was opened. */
        unsigned seed = 99;
        int errors = 0;
        for (int round = 0; round < 400; round++) {
            char *bad = malloc(len);
            CHECK(bad != NULL);
            if (!bad) break;
            memcpy(bad, orig, len);
            size_t blen = len;
            seed = seed * 1103515245u + 12345u;
            if (round % 4 == 0)
                blen = (seed >> 8) % len;
            else
                bad[(seed >> 8) % len] = (char)(seed >> 3);
            CHECK(fs_write_atomic(copy, bad, blen) == 0);
            free(bad);
            folio_diags dd;
            diags_init(&dd);
            int rc = fonts_subset(f, 0, gids, 2, &s, &dd);
            if (rc) {
                errors++;
                CHECK(s.data == NULL && dd.nerrors == 1 && dd.items[0].path &&
                      strstr(dd.items[0].path, "cff-copy.otf"));
            }
            fonts_subset_free(&s);
            diags_free(&dd);
        }
        CHECK(errors > 50);
        fonts_close(f);
    } else {
        diags_print(&d, stderr);
    }
    diags_free(&d);
    free(orig);
    unlink(copy);
    unlink(conf);
}

int main(void) {
    const char *src = getenv("SRC");
    if (!src) src = FOLIO_SOURCE_DIR;
    char roles[1024];
    snprintf(roles, sizeof roles, "%s/fonts/roles.yaml", src);
    char dir[] = "/tmp/folio-cff-XXXXXX";
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
    if (f) test_noto(f, lib);
    if (f) test_damaged_charstrings(f, lib);
    fonts_close(f);
    diags_free(&d);
    test_name_keyed(src, dir, lib);
    FT_Done_FreeType(lib);
    rmdir(dir);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
