/* test_fonts_subset.c — hb-subset output: valid TrueType, small, same outlines, deterministic. */
#include "fonts/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                 \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static int has_table(FT_Face ft, FT_ULong tag) {
    FT_ULong len = 0;
    return FT_Load_Sfnt_Table(ft, tag, 0, NULL, &len) == 0 && len > 0;
}

/* Every kept glyph of the subset has the original's outline and advance. */
static void same_outlines(FT_Library lib, const folio_face_info *info, const folio_subset *s,
                          const uint32_t *gids, size_t n) {
    FT_Face orig, sub;
    CHECK(FT_New_Face(lib, info->file, info->index, &orig) == 0);
    CHECK(FT_New_Memory_Face(lib, s->data, (FT_Long)s->len, 0, &sub) == 0);
    CHECK(sub->units_per_EM == orig->units_per_EM);
    CHECK(has_table(sub, TTAG_glyf) && has_table(sub, TTAG_loca) && !has_table(sub, TTAG_fpgm) &&
          !has_table(sub, TTAG_prep) && !has_table(sub, TTAG_cvt));
    int bad = 0, nonempty = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t ng = s->old_to_new[gids[i]];
        if (ng == UINT32_MAX || ng >= (uint32_t)sub->num_glyphs) {
            bad++;
            continue;
        }
        if (FT_Load_Glyph(orig, gids[i], FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0 ||
            FT_Load_Glyph(sub, ng, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0) {
            bad++;
            continue;
        }
        FT_Outline *a = &orig->glyph->outline;
        short apts = a->n_points, acont = a->n_contours;
        FT_Pos aadv = orig->glyph->advance.x, ax = apts ? a->points[apts / 2].x : 0;
        FT_Outline *b = &sub->glyph->outline;
        if (b->n_points != apts || b->n_contours != acont || sub->glyph->advance.x != aadv ||
            (apts && b->points[apts / 2].x != ax))
            bad++;
        if (apts > 0) nonempty++;
    }
    CHECK(bad == 0);
    CHECK(nonempty > 0);
    if (bad) fprintf(stderr, "%d of %zu glyphs differ in %s\n", bad, n, info->family);
    FT_Done_Face(sub);
    FT_Done_Face(orig);
}

static size_t file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

static void test_pdf_subset(folio_fonts *f, FT_Library lib) {
    int song = fonts_role(f, "song");
    const int *faces;
    CHECK(fonts_role_faces(f, song, &faces) >= 1);
    int face = faces[0];
    const folio_face_info *info = fonts_face(f, face);
    /* 200 ideographs spread over the URO, all in UMing. */
    uint32_t gids[200];
    size_t n = 0;
    for (uint32_t cp = 0x4E00; cp < 0x9FA6 && n < 200; cp += 50) {
        folio_glyphinfo g;
        if (fonts_glyph(f, song, cp, &g) && g.face == face) gids[n++] = g.gid;
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
    size_t kept = 0;
    for (size_t g = 0; g < a.nold; g++) kept += a.old_to_new[g] != UINT32_MAX;
    CHECK(kept == n + 1); /* plus .notdef; UMing has no composites here */
    same_outlines(lib, info, &a, gids, n);
    /* The PDF subset carries no cmap: the CIDFont maps CIDs itself. */
    FT_Face sub;
    CHECK(FT_New_Memory_Face(lib, a.data, (FT_Long)a.len, 0, &sub) == 0);
    CHECK(!has_table(sub, TTAG_cmap) && sub->num_glyphs == (FT_Long)n + 1);
    FT_Done_Face(sub);
    /* Order and duplicates in the request do not change the result. */
    uint32_t rev[400];
    for (size_t i = 0; i < n; i++) rev[i] = rev[n + i] = gids[n - 1 - i];
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
    int song = fonts_role(f, "song");
    folio_glyphinfo g;
    CHECK(fonts_glyph(f, song, 0x20BB7, &g) == 1);
    int face = g.face;
    const folio_face_info *info = fonts_face(f, face);
    CHECK(!strcmp(info->family, "LXGW WenKai"));
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
    same_outlines(lib, info, &s, gids, 5);
    FT_Done_Face(orig);
    FT_Done_Face(sub);
    fonts_subset_free(&s);
    CHECK(d.nerrors == 0);
    diags_free(&d);
}

/* A face other than the first of a collection (UMing TW, face 2 of uming.ttc). */
static void test_ttc_face(const char *dir, FT_Library lib) {
    char conf[512];
    snprintf(conf, sizeof conf, "%s/roles.yaml", dir);
    FILE *fp = fopen(conf, "w");
    CHECK(fp != NULL);
    if (!fp) return;
    fputs("roles:\n  tw:\n    - file: /usr/share/fonts/truetype/arphic/uming.ttc\n      index: 2\n", fp);
    fclose(fp);
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(conf, NULL, 0, &d);
    CHECK(f != NULL);
    if (!f) {
        diags_print(&d, stderr);
        return;
    }
    const folio_face_info *info = fonts_face(f, 0);
    CHECK(info->index == 2 && !strcmp(info->family, "AR PL UMing TW"));
    CHECK(!strcmp(info->psname, "UMingTW"));
    int tw = fonts_role(f, "tw");
    uint32_t gids[3];
    const uint32_t cps[] = {0x570B, 0x8AAA, 0x9AD4}; /* 國說體 */
    for (size_t i = 0; i < 3; i++) {
        folio_glyphinfo g;
        CHECK(fonts_glyph(f, tw, cps[i], &g) == 1 && g.face == 0);
        gids[i] = g.gid;
    }
    folio_subset s;
    CHECK(fonts_subset(f, 0, gids, 3, &s, &d) == 0);
    if (s.data) same_outlines(lib, info, &s, gids, 3);
    fonts_subset_free(&s);
    fonts_close(f);
    diags_free(&d);
    unlink(conf);
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
    } else {
        diags_print(&d, stderr);
    }
    fonts_close(f);
    diags_free(&d);
    test_ttc_face(dir, lib);
    FT_Done_FreeType(lib);
    rmdir(dir);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
