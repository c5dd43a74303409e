/* test_fonts_coverage.c — an edition's characters looked up in the role of their place. */
#include "edition/edition.h"
#include "fonts/coverage.h"
#include "fonts/overrides.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const folio_char_use *find(const folio_coverage *c, uint32_t cp) {
    size_t lo = 0, hi = c->nchars;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->chars[mid].cp == cp) return &c->chars[mid];
        if (c->chars[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int used_in(folio_fonts *f, const folio_char_use *u, const char *role) {
    int r = fonts_role(f, role);
    return u && r >= 0 && (u->roles & (1u << r));
}

int main(void) {
    const char *src = getenv("SRC");
    if (!src) src = FOLIO_SOURCE_DIR;
    char roles[1024], ed[1024];
    snprintf(roles, sizeof roles, "%s/fonts/roles.yaml", src);
    snprintf(ed, sizeof ed, "%s/tests/data/fonts/pua", src);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(ed, 0, &d);
    CHECK(e != NULL);
    if (!e) {
        diags_print(&d, stderr);
        return 1;
    }
    /* The edition's `fonts: {kai: LXGW WenKai}` goes ahead of the configured kai. */
    folio_font_overrides ov;
    CHECK(fonts_overrides_merge(NULL, 0, e, &ov) == 0 && ov.n == 1);
    folio_fonts *f = fonts_open(roles, ov.items, ov.n, &d);
    CHECK(f != NULL);
    if (!f) {
        diags_print(&d, stderr);
        return 1;
    }
    const int *kai;
    CHECK(fonts_role_faces(f, fonts_role(f, "kai"), &kai) >= 1 &&
          !strcmp(fonts_face(f, kai[0])->family, "LXGW WenKai"));

    folio_coverage c;
    CHECK(fonts_coverage(f, e, &c, &d) == 0);
    CHECK(c.nchars == 49 && c.nmissing == 1);
    for (size_t i = 1; i < c.nchars; i++)
        CHECK(c.chars[i - 1].cp < c.chars[i].cp);
    /* One warning, at the line of the private-use character. */
    CHECK(d.nwarnings == 1 && d.n == 1);
    if (d.n) {
        CHECK(!strcmp(d.items[0].path, "articles/pua.md") && d.items[0].line == 9);
        CHECK(strstr(d.items[0].msg, "no font has U+E000") != NULL);
    }
    const folio_char_use *u = find(&c, 0xE000);
    CHECK(u && u->missing && u->face == -1 && u->count == 1);
    /* 𠮷 comes from Noto Serif CJK SC, 䶶 (which it and UMing lack) falls
     * back to LXGW WenKai in song. */
    u = find(&c, 0x20BB7);
    CHECK(u && !u->missing && used_in(f, u, "song") &&
          !strcmp(fonts_face(f, u->face)->family, "Noto Serif CJK SC"));
    u = find(&c, 0x4DB6);
    CHECK(u && !u->missing && used_in(f, u, "song") &&
          !strcmp(fonts_face(f, u->face)->family, "LXGW WenKai"));
    /* Title and heading in hei, the author in kai, the body in song; digits of
     * the issue label (a hei place) in latin-sans. */
    CHECK(used_in(f, find(&c, 0x8986), "hei"));  /* 覆 of the title */
    CHECK(used_in(f, find(&c, 0x5C0F), "hei"));  /* 小 of the heading */
    CHECK(used_in(f, find(&c, 0x5F20), "kai"));  /* 张 of the author */
    CHECK(used_in(f, find(&c, 0x5E38), "song")); /* 常 of the body */
    CHECK(used_in(f, find(&c, '2'), "latin-sans"));
    CHECK(find(&c, ' ') == NULL);
    /* 字 occurs in the body several times and also in the journal name (hei). */
    u = find(&c, 0x5B57);
    CHECK(u && u->count >= 3 && used_in(f, u, "song") && used_in(f, u, "hei"));
    /* Per face: LXGW WenKai has one character more than Noto Serif CJK SC
     * (䶶) and sets the author's two characters (kai) and 䶶. */
    const int *song;
    fonts_role_faces(f, fonts_role(f, "song"), &song);
    CHECK(c.face_covers[song[2]] == c.face_covers[song[0]] + 1);
    CHECK(c.face_sets[kai[0]] == 3);
    CHECK(c.role_chars[fonts_role(f, "kai")] == 2);
    fonts_coverage_free(&c);
    fonts_close(f);
    fonts_overrides_free(&ov);
    edition_free(e);
    diags_free(&d);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
