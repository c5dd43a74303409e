/* test_fonts_roles.c — role resolution, overrides, per-character fallback, advances, bad files. */
#include "fonts/fonts.h"
#include "util/fsutil.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *first_family(folio_fonts *f, const char *role) {
    const int *faces;
    size_t n = fonts_role_faces(f, fonts_role(f, role), &faces);
    return n ? fonts_face(f, faces[0])->family : "";
}

static int diags_mention(const folio_diags *d, const char *word) {
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].msg, word)) return 1;
    return 0;
}

/* The default configuration against Debian's packaged fonts. */
static void test_defaults(const char *roles) {
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(roles, NULL, 0, &d);
    if (!f) diags_print(&d, stderr);
    CHECK(f && d.nerrors == 0);
    if (!f) return;
    const char *want[] = {"song", "hei", "kai", "fangsong", "latin-serif", "latin-sans"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        CHECK(fonts_role(f, want[i]) >= 0);
    CHECK(fonts_role(f, "nosuch") == -1);
    CHECK(fonts_role_count(f) == 6);

    int song = fonts_role(f, "song");
    const int *faces;
    size_t n = fonts_role_faces(f, song, &faces);
    CHECK(n == 4);
    const folio_face_info *no = fonts_face(f, faces[0]), *um = fonts_face(f, faces[1]);
    CHECK(!strcmp(no->family, "Noto Serif CJK SC"));
    CHECK(strstr(no->file, "NotoSerifCJK-Regular.ttc") && no->index == 2);
    CHECK(!strcmp(no->psname, "NotoSerifCJKsc-Regular"));
    CHECK(!strcmp(um->family, "AR PL UMing CN"));
    CHECK(strstr(um->file, "uming.ttc") && um->index == 0);
    CHECK(!strcmp(um->psname, "UMingCN"));
    CHECK(!strcmp(fonts_face(f, faces[2])->family, "LXGW WenKai"));
    CHECK(strstr(fonts_face(f, faces[2])->file, "LXGWWenKai-Regular.ttf"));
    CHECK(!strcmp(fonts_face(f, faces[3])->family, "WenQuanYi Zen Hei"));
    CHECK(!strcmp(first_family(f, "hei"), "WenQuanYi Zen Hei"));
    CHECK(!strcmp(first_family(f, "kai"), "AR PL UKai CN"));
    CHECK(!strcmp(first_family(f, "fangsong"), "AR PL UKai CN")); /* no FangSong installed */
    CHECK(!strcmp(first_family(f, "latin-serif"), "Liberation Serif"));
    CHECK(!strcmp(first_family(f, "latin-sans"), "Liberation Sans"));
    /* latin-serif falls back to the whole song chain, without repeats. */
    n = fonts_role_faces(f, fonts_role(f, "latin-serif"), &faces);
    CHECK(n == 5 && !strcmp(fonts_face(f, faces[1])->family, "Noto Serif CJK SC"));
    /* Optional families that are missing are not worth a warning. */
    CHECK(d.nwarnings == 0);

    /* Face facts: a CFF face and a TrueType one. */
    CHECK(no->cff == 1 && no->units_per_em == 1000 && no->serif == 1);
    CHECK(no->ascender == 880 && no->descender == -120); /* OS/2 typo metrics */
    CHECK(um->ascender == 900 && um->descender == -124);
    CHECK(um->cap_height > 0 && um->cap_height < um->ascender && um->italic_angle == 0);
    CHECK(um->bbox[2] > um->bbox[0] && um->bbox[3] > um->bbox[1]);
    CHECK(um->serif == 1 && um->cff == 0);
    const folio_face_info *ls = fonts_face(f, faces[0]);
    CHECK(ls->serif == 1 && ls->cap_height > 0 && ls->units_per_em == 2048);
    CHECK(fonts_face(f, fonts_role_faces(f, fonts_role(f, "latin-sans"), &faces) ? faces[0] : -1)
              ->serif == 0);
    CHECK(fonts_face(f, -1) == NULL && fonts_face(f, (int)fonts_face_count(f)) == NULL);

    /* Fallback order: 中 and 𠮷 from Noto Serif CJK SC, 𠇑 (U+201D1) from
     * UMing, 䶶 (U+4DB6) from LXGW WenKai, private use from nobody. */
    folio_glyphinfo g;
    n = fonts_role_faces(f, song, &faces);
    CHECK(fonts_glyph(f, song, 0x4E2D, &g) == 1 && g.face == faces[0] && g.gid != 0);
    /* Noto sets ideographs on a full em: 1000 units. */
    CHECK(g.advance == 1000 && g.units_per_em == 1000);
    CHECK(g.advance == fonts_glyph_advance(f, g.face, g.gid));
    CHECK(fonts_glyph(f, song, 0x20BB7, &g) == 1 && g.face == faces[0]);
    CHECK(fonts_glyph(f, song, 0x201D1, &g) == 1 && g.face == faces[1] && g.advance == 1024);
    CHECK(g.units_per_em == 1024);
    CHECK(fonts_glyph(f, song, 0x4DB6, &g) == 1 && g.face == faces[2]);
    CHECK(g.advance == fonts_glyph_advance(f, faces[2], g.gid) && g.advance > 0);
    CHECK(g.units_per_em == fonts_face(f, faces[2])->units_per_em);
    CHECK(fonts_glyph(f, song, 0xE000, &g) == 0 && g.face == -1);
    CHECK(g.advance == no->units_per_em && g.units_per_em == no->units_per_em);
    CHECK(fonts_glyph(f, song, 0x10FFFD, &g) == 0 && g.face == -1);
    /* Cached answers equal fresh ones. */
    CHECK(fonts_glyph(f, song, 0x4DB6, &g) == 1 && g.face == faces[2]);
    CHECK(fonts_glyph(f, song, 0xE000, &g) == 0 && g.face == -1);
    CHECK(fonts_glyph(f, -1, 0x4E2D, &g) == 0 && g.face == -1);
    /* Latin in latin-serif comes from Liberation Serif, Han from Noto. */
    int ls_role = fonts_role(f, "latin-serif");
    fonts_role_faces(f, ls_role, &faces);
    CHECK(fonts_glyph(f, ls_role, 'A', &g) == 1 && g.face == faces[0] && g.advance == 1479);
    CHECK(fonts_glyph(f, ls_role, 0x4E2D, &g) == 1 && g.face == faces[1]);
    CHECK(fonts_glyph_advance(f, g.face, 0xFFFFFF) == 0 && fonts_glyph_advance(f, 99, 1) == 0);
    /* Many lookups: every answer stays right while the cache grows. */
    int bad = 0;
    for (uint32_t cp = 0x4E00; cp < 0x9FA6; cp++) {
        folio_glyphinfo a;
        int found = fonts_glyph(f, song, cp, &a);
        if (found != (a.face >= 0) || (found && a.advance != fonts_glyph_advance(f, a.face, a.gid)))
            bad++;
    }
    CHECK(bad == 0);
    fonts_close(f);
    diags_free(&d);
}

/* Overrides go first; later overrides go before earlier ones; a new name makes a role. */
static void test_overrides(const char *roles) {
    const char *kai_first[] = {"LXGW WenKai"};
    const char *hei_first[] = {"AR PL UKai CN", "Not An Installed Family"};
    const char *zen[] = {"WenQuanYi Zen Hei"};
    /* Near names are not the family: fontconfig's substitute is refused. */
    const char *tw[] = {"AR PL UMing", "Liberation", "ar pl uming tw"};
    folio_font_override ov[] = {
        {"song", kai_first, 1},
        {"song", hei_first, 2},
        {"caption", zen, 1},
        {"tw", tw, 3},
    };
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(roles, ov, 4, &d);
    CHECK(f != NULL);
    if (!f) {
        diags_print(&d, stderr);
        return;
    }
    const int *faces;
    size_t n = fonts_role_faces(f, fonts_role(f, "song"), &faces);
    CHECK(n == 5); /* LXGW WenKai is not repeated */
    const char *order[] = {"AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC", "AR PL UMing CN",
                           "WenQuanYi Zen Hei"};
    for (size_t i = 0; i < 5 && i < n; i++)
        CHECK(!strcmp(fonts_face(f, faces[i])->family, order[i]));
    /* The missing family is skipped with a warning naming it. */
    CHECK(d.nwarnings == 3 && diags_mention(&d, "Not An Installed Family"));
    CHECK(diags_mention(&d, "'AR PL UMing' (role tw) is not installed"));
    CHECK(diags_mention(&d, "'Liberation' (role tw) is not installed"));
    /* A family in a collection resolves to its own face (case aside). */
    const int *twf;
    CHECK(fonts_role_faces(f, fonts_role(f, "tw"), &twf) == 1);
    CHECK(fonts_face(f, twf[0])->index == 2 && strstr(fonts_face(f, twf[0])->file, "uming.ttc"));
    CHECK(!strcmp(fonts_face(f, twf[0])->family, "AR PL UMing TW"));
    CHECK(fonts_role(f, "caption") == 6 &&
          !strcmp(first_family(f, "caption"), "WenQuanYi Zen Hei"));
    /* latin-serif follows the overridden song chain. */
    n = fonts_role_faces(f, fonts_role(f, "latin-serif"), &faces);
    CHECK(n >= 2 && !strcmp(fonts_face(f, faces[1])->family, "AR PL UKai CN"));
    fonts_close(f);
    diags_free(&d);
}

static void write_file(const char *path, const void *data, size_t len) {
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL);
    if (!fp) return;
    CHECK(fwrite(data, 1, len, fp) == len);
    fclose(fp);
}

/* A file that is not a font, or a damaged one, is an error and never a crash. */
static void test_bad_files(const char *roles, const char *dir) {
    char garbage[256], truncated[256], conf[256];
    snprintf(garbage, sizeof garbage, "%s/garbage.ttf", dir);
    snprintf(truncated, sizeof truncated, "%s/truncated.ttf", dir);
    snprintf(conf, sizeof conf, "%s/roles.yaml", dir);
    unsigned char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 7 + 3);
    write_file(garbage, junk, sizeof junk);

    const char *fam[] = {garbage};
    folio_font_override ov = {"song", fam, 1};
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(roles, &ov, 1, &d);
    CHECK(f == NULL && d.nerrors == 1 && diags_mention(&d, "not a usable font"));
    CHECK(d.n && d.items[0].path && strstr(d.items[0].path, "garbage.ttf"));
    diags_free(&d);

    /* A real TrueType file cut short: FreeType refuses it, or opens it and
     * every lookup still stays inside the file. */
    char *data;
    size_t len;
    CHECK(fs_read_file("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 0,
                       &data, &len) == 0);
    if (data) {
        size_t cuts[] = {12, 200, len / 3, len / 2, len - 1000};
        for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
            write_file(truncated, data, cuts[k]);
            const char *tf[] = {truncated};
            folio_font_override tov = {"latin-serif", tf, 1};
            diags_init(&d);
            f = fonts_open(roles, &tov, 1, &d);
            if (f) {
                int r = fonts_role(f, "latin-serif");
                folio_glyphinfo g;
                for (uint32_t cp = 0x20; cp < 0x250; cp++)
                    fonts_glyph(f, r, cp, &g);
                fonts_close(f);
            } else {
                CHECK(d.nerrors >= 1 && d.items[0].path &&
                      strstr(d.items[0].path, "truncated.ttf"));
                if (!d.nerrors) diags_print(&d, stderr);
            }
            diags_free(&d);
        }
        free(data);
    }

    /* `file:` entries in the configuration, with their line in the errors. */
    char yaml[1024];
    snprintf(yaml, sizeof yaml, "roles:\n  song:\n    - file: %s\n", garbage);
    write_file(conf, yaml, strlen(yaml));
    diags_init(&d);
    CHECK(fonts_open(conf, NULL, 0, &d) == NULL && d.nerrors == 1);
    CHECK(d.n && d.items[0].line == 3 && d.items[0].path && strstr(d.items[0].path, "roles.yaml"));
    diags_free(&d);

    /* Configuration mistakes are reported with their line. */
    const char *bad_yaml[] = {
        "roles:\n  song: [\n",                                /* YAML syntax */
        "roles:\n  song: []\n",                               /* empty chain */
        "roles:\n  song:\n    - {family: X, color: red}\n",   /* unknown key */
        "roles:\n  a:\n    - role: b\n  b:\n    - role: a\n", /* a cycle */
        "roles:\n  song:\n    - role: nosuch\n",
        "roles:\n  song:\n    - Not An Installed Family\n", /* nothing usable */
        "fonts: {}\n",
    };
    for (size_t i = 0; i < sizeof bad_yaml / sizeof *bad_yaml; i++) {
        write_file(conf, bad_yaml[i], strlen(bad_yaml[i]));
        diags_init(&d);
        f = fonts_open(conf, NULL, 0, &d);
        CHECK(f == NULL && d.nerrors >= 1);
        if (f) fprintf(stderr, "accepted bad config %zu\n", i);
        fonts_close(f);
        diags_free(&d);
    }
    diags_init(&d);
    CHECK(fonts_open("/nonexistent/roles.yaml", NULL, 0, &d) == NULL && d.nerrors == 1);
    diags_free(&d);
    unlink(garbage);
    unlink(truncated);
    unlink(conf);
}

/* A CFF-outline font is a face like any other: an override puts it first. */
static void test_cff(const char *roles, const char *src) {
    char cff[1024];
    snprintf(cff, sizeof cff, "%s/tests/data/fonts/cff.otf", src);
    const char *fam[] = {cff};
    folio_font_override ov = {"song", fam, 1};
    folio_diags d;
    diags_init(&d);
    folio_fonts *f = fonts_open(roles, &ov, 1, &d);
    CHECK(f != NULL && d.nerrors == 0 && d.nwarnings == 0);
    if (f) {
        CHECK(!strcmp(first_family(f, "song"), "Folio Test CFF"));
        const int *faces;
        CHECK(fonts_role_faces(f, fonts_role(f, "song"), &faces) == 5);
        const folio_face_info *in = fonts_face(f, faces[0]);
        CHECK(in->cff == 1 && in->units_per_em == 1000 && in->ascender == 880);
        folio_glyphinfo g;
        CHECK(fonts_glyph(f, fonts_role(f, "song"), 0x4E2D, &g) == 1 && g.face == faces[0]);
        CHECK(g.advance == 1000);
        CHECK(fonts_glyph(f, fonts_role(f, "song"), 0x6587, &g) == 1 && g.face == faces[1]);
    }
    fonts_close(f);
    diags_free(&d);
}

int main(void) {
    const char *src = getenv("SRC");
    if (!src) src = FOLIO_SOURCE_DIR;
    char roles[1024];
    snprintf(roles, sizeof roles, "%s/fonts/roles.yaml", src);
    char dir[] = "/tmp/folio-fonts-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_defaults(roles);
    test_overrides(roles);
    test_bad_files(roles, dir);
    test_cff(roles, src);
    rmdir(dir);
    fonts_close(NULL);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
