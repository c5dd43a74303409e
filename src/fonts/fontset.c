/* fontset.c — fonts_open: configuration + overrides → resolved role chains of open faces. */
#include "fonts_private.h"

#include <stdlib.h>
#include <string.h>

/* What resolving one family gave, so that a family named in several roles is
 * looked up (and warned about) once. */
typedef struct family_memo {
    const char *name;
    int face; /* face id, or -2 skipped */
} family_memo;

typedef struct resolver {
    folio_fonts *f;
    roles_conf *conf;
    int *state; /* per configured role: 0 new, 1 resolving, 2 done */
    family_memo *memo;
    size_t nmemo, capmemo;
    folio_diags *d;
} resolver;

static int chain_add(font_role *r, int face) {
    for (size_t i = 0; i < r->nfaces; i++)
        if (r->faces[i] == face) return 0;
    int *nf = realloc(r->faces, (r->nfaces + 1) * sizeof *nf);
    if (!nf) return -1;
    r->faces = nf;
    r->faces[r->nfaces++] = face;
    return 0;
}

/* The face id for a family candidate: >= 0, -2 skipped, -1 error. */
static int resolve_family(resolver *rs, const font_cand *c, const char *role) {
    for (size_t i = 0; i < rs->nmemo; i++)
        if (strcmp(rs->memo[i].name, c->name) == 0) return rs->memo[i].face;
    char *file = NULL, *name = NULL;
    int index = 0, face;
    if (fonts_fc_find(rs->f->fc, c->name, &file, &index, &name) < 0) {
        if (!c->optional)
            diag_warning(rs->d, c->src, c->line,
                         "font family '%s' (role %s) is not installed; skipped", c->name, role);
        face = -2;
    } else {
        face = fonts_face_open(rs->f, file, index, name, c->src, c->line, rs->d);
        free(file);
        free(name);
        if (face == -1) return -1;
    }
    if (rs->nmemo == rs->capmemo) {
        size_t cap = rs->capmemo ? rs->capmemo * 2 : 16;
        family_memo *nm = realloc(rs->memo, cap * sizeof *nm);
        if (!nm) return diag_error(rs->d, NULL, 0, "out of memory");
        rs->memo = nm;
        rs->capmemo = cap;
    }
    rs->memo[rs->nmemo++] = (family_memo){c->name, face};
    return face;
}

static int resolve_role(resolver *rs, size_t ri);

static int resolve_cand(resolver *rs, size_t ri, const font_cand *c) {
    font_role *r = &rs->f->roles[ri];
    if (c->kind == CAND_ROLE) {
        role_conf *other = fonts_conf_find(rs->conf, c->name);
        if (!other)
            return diag_error(rs->d, c->src, c->line, "role %s refers to unknown role '%s'",
                              r->name, c->name);
        size_t oi = (size_t)(other - rs->conf->roles);
        if (rs->state[oi] == 1)
            return diag_error(rs->d, c->src, c->line, "roles %s and %s refer to each other",
                              r->name, c->name);
        if (resolve_role(rs, oi) < 0) return -1;
        const font_role *o = &rs->f->roles[oi];
        for (size_t i = 0; i < o->nfaces; i++)
            if (chain_add(r, o->faces[i]) < 0) return diag_error(rs->d, NULL, 0, "out of memory");
        return 0;
    }
    int face = c->kind == CAND_FILE
                   ? fonts_face_open(rs->f, c->name, c->index, NULL, c->src, c->line, rs->d)
                   : resolve_family(rs, c, r->name);
    if (face == -1) return -1;
    if (face >= 0 && chain_add(r, face) < 0) return diag_error(rs->d, NULL, 0, "out of memory");
    return 0;
}

static int resolve_role(resolver *rs, size_t ri) {
    if (rs->state[ri] == 2) return 0;
    rs->state[ri] = 1;
    role_conf *rc = &rs->conf->roles[ri];
    int bad = 0;
    for (size_t i = 0; i < rc->n; i++)
        if (resolve_cand(rs, ri, &rc->cands[i]) < 0) bad = 1;
    rs->state[ri] = 2;
    if (bad) return -1;
    if (rs->f->roles[ri].nfaces == 0)
        return diag_error(rs->d, rc->n ? rc->cands[0].src : NULL, rc->n ? rc->cands[0].line : 0,
                          "role %s has no usable font: its candidates are missing or were refused",
                          rc->name);
    return 0;
}

folio_fonts *fonts_open(const char *config_path, const folio_font_override *ov, size_t nov,
                        folio_diags *d) {
    roles_conf conf = {0};
    if (fonts_conf_read(config_path, &conf, d) < 0) {
        fonts_conf_free(&conf);
        return NULL;
    }
    for (size_t i = 0; i < nov; i++) {
        if (!ov[i].role || !*ov[i].role) {
            diag_error(d, NULL, 0, "a font override names no role");
            fonts_conf_free(&conf);
            return NULL;
        }
        if (fonts_conf_override(&conf, &ov[i]) < 0) {
            diag_error(d, NULL, 0, "out of memory");
            fonts_conf_free(&conf);
            return NULL;
        }
    }
    folio_fonts *f = calloc(1, sizeof *f);
    resolver rs = {.f = f, .conf = &conf, .d = d};
    if (!f || !(rs.state = calloc(conf.n ? conf.n : 1, sizeof *rs.state)) ||
        !(f->roles = calloc(conf.n ? conf.n : 1, sizeof *f->roles))) {
        diag_error(d, NULL, 0, "out of memory");
        goto fail;
    }
    f->nroles = conf.n;
    for (size_t i = 0; i < conf.n; i++)
        if (!(f->roles[i].name = strdup(conf.roles[i].name))) {
            diag_error(d, NULL, 0, "out of memory");
            goto fail;
        }
    if (FT_Init_FreeType(&f->ft) != 0) {
        f->ft = NULL;
        diag_error(d, NULL, 0, "cannot start FreeType");
        goto fail;
    }
    if (!(f->fc = FcInitLoadConfigAndFonts())) {
        diag_error(d, NULL, 0, "cannot load the fontconfig configuration");
        goto fail;
    }
    int bad = 0;
    for (size_t i = 0; i < conf.n; i++)
        if (resolve_role(&rs, i) < 0) bad = 1;
    if (bad) goto fail;
    free(rs.state);
    free(rs.memo);
    fonts_conf_free(&conf);
    return f;
fail:
    free(rs.state);
    free(rs.memo);
    fonts_conf_free(&conf);
    fonts_close(f);
    return NULL;
}

void fonts_close(folio_fonts *f) {
    if (!f) return;
    for (size_t i = 0; i < f->nroles; i++) {
        free(f->roles[i].name);
        free(f->roles[i].faces);
        glyph_cache_free(&f->roles[i].cache);
    }
    free(f->roles);
    for (size_t i = 0; i < f->nfaces; i++)
        fonts_face_free(&f->faces[i]);
    free(f->faces);
    if (f->ft) FT_Done_FreeType(f->ft);
    if (f->fc) FcConfigDestroy(f->fc);
    free(f);
}

int fonts_role(const folio_fonts *f, const char *name) {
    for (size_t i = 0; i < f->nroles; i++)
        if (strcmp(f->roles[i].name, name) == 0) return (int)i;
    return -1;
}

size_t fonts_role_count(const folio_fonts *f) {
    return f->nroles;
}

const char *fonts_role_name(const folio_fonts *f, int role) {
    return role >= 0 && (size_t)role < f->nroles ? f->roles[role].name : NULL;
}

size_t fonts_role_faces(const folio_fonts *f, int role, const int **faces) {
    if (role < 0 || (size_t)role >= f->nroles) {
        *faces = NULL;
        return 0;
    }
    *faces = f->roles[role].faces;
    return f->roles[role].nfaces;
}

size_t fonts_face_count(const folio_fonts *f) {
    return f->nfaces;
}

const folio_face_info *fonts_face(const folio_fonts *f, int face) {
    return face >= 0 && (size_t)face < f->nfaces ? &f->faces[face].info : NULL;
}
