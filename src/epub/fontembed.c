/* fontembed.c — --embed-fonts: for each role, subsets of the faces that set
 * the characters the EPUB shows in that role, with @font-face rules. */
#include "epub_private.h"

#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[ROLE_COUNT] = {"song", "hei", "kai"};

typedef struct face_cps {
    uint32_t *cps;
    size_t n, cap;
    int roles; /* bit per role that uses the face */
} face_cps;

static int push(face_cps *fc, uint32_t cp) {
    if (fc->n == fc->cap && grow_array(&fc->cps, &fc->cap, fc->n + 1, sizeof *fc->cps, 256))
        return -1;
    fc->cps[fc->n++] = cp;
    return 0;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts and drops repeats (a face shared by two roles gets cps twice). */
static void unique(face_cps *fc) {
    qsort(fc->cps, fc->n, sizeof *fc->cps, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < fc->n; i++)
        if (!u || fc->cps[u - 1] != fc->cps[i]) fc->cps[u++] = fc->cps[i];
    fc->n = u;
}

static int has_table(const unsigned char *p, size_t n, const char *tag) {
    if (n < 12) return 0;
    size_t ntables = ((size_t)p[4] << 8) | p[5];
    for (size_t i = 0; i < ntables && 12 + 16 * (i + 1) <= n; i++)
        if (!memcmp(p + 12 + 16 * i, tag, 4)) return 1;
    return 0;
}

int epub_fonts_embed(epub_ctx *c) {
    folio_fonts *f = c->fonts;
    if (!c->opt->embed_fonts) return 0;
    if (!f) return diag_error(c->d, NULL, 0, "--embed-fonts needs the fonts (none were opened)");
    size_t nfaces = fonts_face_count(f);
    face_cps *fc = calloc(nfaces ? nfaces : 1, sizeof *fc);
    int *fileno = calloc(nfaces ? nfaces : 1, sizeof *fileno);
    folio_buf css;
    buf_init(&css);
    int rc = -1;
    if (!fc || !fileno) {
        diag_error(c->d, NULL, 0, "out of memory");
        goto done;
    }
    for (int r = 0; r < ROLE_COUNT; r++) {
        int rid = fonts_role(f, role_names[r]);
        const unsigned char *bits = c->used[r].bits;
        if (rid < 0 || !bits) continue;
        for (uint32_t cp = 0x20; cp < 0x110000; cp++) {
            if (!(bits[cp >> 3] & (1u << (cp & 7)))) continue;
            folio_glyphinfo gi;
            if (!fonts_glyph(f, rid, cp, &gi) || gi.face < 0 || (size_t)gi.face >= nfaces)
                continue; /* no face has it: the reader's own fonts may */
            if (push(&fc[gi.face], cp)) {
                diag_error(c->d, NULL, 0, "out of memory");
                goto done;
            }
            fc[gi.face].roles |= 1 << r;
        }
    }
    /* One file per face, numbered in face order: the same input gives the
     * same names and bytes. */
    int nfile = 0;
    for (size_t face = 0; face < nfaces; face++) {
        if (!fc[face].n) continue;
        unique(&fc[face]);
        folio_subset s;
        memset(&s, 0, sizeof s);
        if (fonts_subset_web(f, (int)face, fc[face].cps, fc[face].n, &s, c->d)) goto done;
        if (!has_table(s.data, s.len, "cmap")) {
            fonts_subset_free(&s);
            diag_error(c->d, NULL, 0, "the subset of %s has no cmap; it cannot be a web font",
                       fonts_face(f, (int)face)->file);
            goto done;
        }
        int otf = s.len >= 4 && !memcmp(s.data, "OTTO", 4);
        char name[64], id[32];
        fileno[face] = ++nfile;
        snprintf(name, sizeof name, "OEBPS/fonts/f%02d.%s", nfile, otf ? "otf" : "ttf");
        snprintf(id, sizeof id, "font%02d", nfile);
        buf_printf(&css,
                   "@font-face {\n  font-family: \"folio-f%02d\";\n"
                   "  src: url(\"fonts/f%02d.%s\") format(\"%s\");\n}\n",
                   nfile, nfile, otf ? "otf" : "ttf", otf ? "opentype" : "truetype");
        unsigned char *data = s.data;
        size_t len = s.len;
        s.data = NULL;
        fonts_subset_free(&s);
        if (epub_add_data(c, name, id, otf ? "font/otf" : "font/ttf", NULL, 0, 0, data, len))
            goto done;
    }
    /* Each role lists its faces in its chain's order, ahead of the system
     * stack. */
    for (int r = 0; r < ROLE_COUNT; r++) {
        int rid = fonts_role(f, role_names[r]);
        if (rid < 0) continue;
        const int *faces = NULL;
        size_t n = fonts_role_faces(f, rid, &faces);
        folio_buf fam;
        buf_init(&fam);
        for (size_t i = 0; i < n; i++) {
            int face = faces[i];
            if (face < 0 || (size_t)face >= nfaces || !(fc[face].roles & (1 << r))) continue;
            buf_printf(&fam, "%s\"folio-f%02d\"", fam.len ? ", " : "", fileno[face]);
        }
        if (fam.oom) {
            buf_free(&fam);
            diag_error(c->d, NULL, 0, "out of memory");
            goto done;
        }
        if (fam.len) c->role_families[r] = buf_detach(&fam, NULL);
        buf_free(&fam);
    }
    if (css.oom) {
        diag_error(c->d, NULL, 0, "out of memory");
        goto done;
    }
    c->font_css = buf_detach(&css, NULL);
    rc = 0;
done:
    buf_free(&css);
    if (fc)
        for (size_t i = 0; i < nfaces; i++)
            free(fc[i].cps);
    free(fc);
    free(fileno);
    return rc;
}
