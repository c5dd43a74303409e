/* coverage.c — walks an edition's text, looks each character up in its role, reports gaps. */
#include "coverage.h"
#include "fonts_private.h"

#include <stdlib.h>
#include <string.h>

#include "../util/fsutil.h"
#include "../util/grow.h"
#include "../util/utf8.h"

/* A source file read once to find the exact line of a character. */
typedef struct src_text {
    const char *rel;
    char *text; /* NULL when unreadable */
    size_t len;
} src_text;

/* A reported (character, file, line), so that each is warned about once. */
typedef struct seen_key {
    uint32_t cp;
    int line;
    const char *path; /* NULL: free slot */
} seen_key;

typedef struct cov_ctx {
    folio_fonts *f;
    const folio_edition *e;
    folio_diags *d;
    int song, hei, kai, lserif, lsans;
    folio_char_use *chars;
    size_t n, cap;
    uint32_t *index; /* open addressing: 1 + position in chars, 0 free */
    size_t icap;
    seen_key *seen;
    size_t nseen, seencap;
    src_text *srcs;
    size_t nsrcs;
    int oom;
} cov_ctx;

static size_t hash_u32(uint32_t x, size_t cap) {
    return (size_t)((x * 2654435769u) >> 5) & (cap - 1);
}

/* Characters with nothing to draw: spaces, controls, joiners, selectors. */
static int ignorable(uint32_t cp) {
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* Latin letters, digits and ASCII punctuation go to the Latin faces. */
static int latin(uint32_t cp) {
    return cp < 0x0250;
}

static const src_text *source(cov_ctx *c, const char *rel) {
    for (size_t i = 0; i < c->nsrcs; i++)
        if (!strcmp(c->srcs[i].rel, rel)) return &c->srcs[i];
    src_text *ns = realloc(c->srcs, (c->nsrcs + 1) * sizeof *ns);
    if (!ns) return NULL;
    c->srcs = ns;
    src_text *s = &ns[c->nsrcs++];
    s->rel = rel;
    s->text = NULL;
    s->len = 0;
    char *path = fs_join(c->e->dir, rel);
    if (path && fs_read_file(path, 0, &s->text, &s->len) != 0) s->text = NULL;
    free(path);
    return s;
}

/* The line of the first cp at or after the start of line `line` in rel: a
 * block knows only the line it starts on. */
static int locate(cov_ctx *c, const char *rel, int line, uint32_t cp) {
    const src_text *s = source(c, rel);
    if (!s || !s->text) return line;
    size_t off = 0;
    for (int l = 1; l < line && off < s->len; off++)
        if (s->text[off] == '\n') l++;
    char enc[4];
    size_t n = utf8_encode(cp, enc);
    for (size_t i = off; i + n <= s->len; i++)
        if (!memcmp(s->text + i, enc, n)) return utf8_line_of(s->text, i);
    return line;
}

static int grow_index(cov_ctx *c) {
    size_t cap = c->icap ? c->icap * 2 : 4096;
    uint32_t *ix = calloc(cap, sizeof *ix);
    if (!ix) return -1;
    for (size_t i = 0; i < c->n; i++) {
        size_t j = hash_u32(c->chars[i].cp, cap);
        while (ix[j])
            j = (j + 1) & (cap - 1);
        ix[j] = (uint32_t)(i + 1);
    }
    free(c->index);
    c->index = ix;
    c->icap = cap;
    return 0;
}

static folio_char_use *char_entry(cov_ctx *c, uint32_t cp) {
    if ((c->n + 1) * 2 > c->icap && grow_index(c) < 0) return NULL;
    size_t j = hash_u32(cp, c->icap);
    while (c->index[j]) {
        folio_char_use *u = &c->chars[c->index[j] - 1];
        if (u->cp == cp) return u;
        j = (j + 1) & (c->icap - 1);
    }
    if (grow_array(&c->chars, &c->cap, c->n + 1, sizeof *c->chars, 1024)) return NULL;
    folio_char_use *u = &c->chars[c->n];
    *u = (folio_char_use){.cp = cp, .roles = 0, .face = -2, .count = 0, .missing = 0};
    c->index[j] = (uint32_t)(c->n + 1);
    c->n++;
    return u;
}

/* Whether (cp, path, line) was reported already; records it when not. */
static int seen_before(cov_ctx *c, uint32_t cp, const char *path, int line) {
    if ((c->nseen + 1) * 2 > c->seencap) {
        size_t cap = c->seencap ? c->seencap * 2 : 64;
        seen_key *ns = calloc(cap, sizeof *ns);
        if (!ns) return 1;
        for (size_t i = 0; i < c->seencap; i++) {
            if (!c->seen[i].path) continue;
            size_t j = hash_u32(c->seen[i].cp ^ (uint32_t)c->seen[i].line * 40503u, cap);
            while (ns[j].path)
                j = (j + 1) & (cap - 1);
            ns[j] = c->seen[i];
        }
        free(c->seen);
        c->seen = ns;
        c->seencap = cap;
    }
    size_t j = hash_u32(cp ^ (uint32_t)line * 40503u, c->seencap);
    while (c->seen[j].path) {
        if (c->seen[j].cp == cp && c->seen[j].line == line && !strcmp(c->seen[j].path, path))
            return 1;
        j = (j + 1) & (c->seencap - 1);
    }
    c->seen[j] = (seen_key){cp, line, path};
    c->nseen++;
    return 0;
}

static void use_char(cov_ctx *c, uint32_t cp, int role, const char *path, int line) {
    folio_char_use *u = char_entry(c, cp);
    if (!u) {
        c->oom = 1;
        return;
    }
    u->count++;
    uint32_t bit = role < 32 ? 1u << role : 0;
    folio_glyphinfo g;
    int found = fonts_glyph(c->f, role, cp, &g);
    if (u->face == -2) u->face = g.face;
    u->roles |= bit;
    if (found) return;
    u->missing = 1;
    int at = path ? locate(c, path, line > 0 ? line : 1, cp) : line;
    if (seen_before(c, cp, path ? path : "", at)) return;
    char enc[5] = {0};
    utf8_encode(cp, enc);
    diag_warning(c->d, path, at, "no font has U+%04X '%s' (role %s)", (unsigned)cp, enc,
                 fonts_role_name(c->f, role));
}

static void text(cov_ctx *c, const char *s, size_t len, int role, const char *path, int line) {
    if (!s) return;
    int lrole = role == c->hei ? c->lsans : c->lserif;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        if (!ignorable(cp)) use_char(c, cp, latin(cp) ? lrole : role, path, line);
    }
}

static void str(cov_ctx *c, const char *s, int role, const char *path, int line) {
    if (s) text(c, s, strlen(s), role, path, line);
}

static void blocks(cov_ctx *c, const folio_block *b, size_t n, int base, const char *path) {
    for (size_t i = 0; i < n; i++, b++) {
        int role = b->type == FOLIO_BLOCK_HEADING ? c->hei
                   : b->type == FOLIO_BLOCK_IMAGE ? c->kai
                                                  : base;
        for (size_t k = 0; k < b->nspans; k++) {
            const folio_span *sp = &b->spans[k];
            int r = sp->flags & FOLIO_SPAN_STRONG ? c->hei
                    : sp->flags & FOLIO_SPAN_EMPH ? c->kai
                                                  : role;
            text(c, sp->text, sp->len, r, b->src ? b->src : path, b->line);
        }
        blocks(c, b->children, b->nchildren, b->type == FOLIO_BLOCK_QUOTE ? c->kai : base, path);
    }
}

static void walk(cov_ctx *c) {
    const folio_edition *e = c->e;
    const char *y = "edition.yaml";
    str(c, e->journal, c->hei, y, 1);
    str(c, e->issue, c->hei, y, 1);
    str(c, e->publisher, c->song, y, 1);
    for (size_t i = 0; i < e->ntagline; i++)
        str(c, e->tagline[i], c->kai, y, 1);
    for (size_t i = 0; i < e->nmasthead; i++) {
        str(c, e->masthead[i].key, c->hei, y, 1);
        for (size_t k = 0; k < e->masthead[i].nvalues; k++)
            str(c, e->masthead[i].values[k], c->song, y, 1);
    }
    for (size_t i = 0; i < e->nnotice; i++)
        str(c, e->notice[i], c->song, y, 1);
    for (size_t i = 0; i < e->nsections; i++)
        str(c, e->sections[i].name, c->hei, y, e->sections[i].line);
    for (size_t i = 0; i < e->narticles; i++) {
        const folio_article *a = &e->articles[i];
        int l = a->title_line > 0 ? a->title_line : 1;
        str(c, a->title, c->hei, a->path, l);
        str(c, a->subtitle, c->hei, a->path, 1);
        for (size_t k = 0; k < a->nauthors; k++)
            str(c, a->authors[k], c->kai, a->path, 1);
        str(c, a->byline, c->kai, a->path, 1);
        str(c, a->source, c->kai, a->path, 1);
        blocks(c, a->blocks, a->nblocks, c->song, a->path);
    }
}

static int cmp_cp(const void *a, const void *b) {
    uint32_t x = ((const folio_char_use *)a)->cp, y = ((const folio_char_use *)b)->cp;
    return x < y ? -1 : x > y;
}

/* The per-face and per-role counts, from the characters found. */
static int tally(cov_ctx *c, folio_coverage *out) {
    size_t nf = fonts_face_count(c->f), nr = fonts_role_count(c->f);
    out->face_covers = calloc(nf ? nf : 1, sizeof *out->face_covers);
    out->face_sets = calloc(nf ? nf : 1, sizeof *out->face_sets);
    out->role_chars = calloc(nr ? nr : 1, sizeof *out->role_chars);
    int *mark = calloc(nf ? nf : 1, sizeof *mark);
    if (!out->face_covers || !out->face_sets || !out->role_chars || !mark) {
        free(mark);
        return -1;
    }
    for (size_t i = 0; i < c->n; i++) {
        const folio_char_use *u = &c->chars[i];
        out->nmissing += (size_t)u->missing;
        for (size_t fc = 0; fc < nf; fc++)
            out->face_covers[fc] += fonts_face_glyph(c->f, (int)fc, u->cp) != 0;
        for (size_t r = 0; r < nr && r < 32; r++) {
            if (!(u->roles & (1u << r))) continue;
            out->role_chars[r]++;
            folio_glyphinfo g;
            if (fonts_glyph(c->f, (int)r, u->cp, &g) && mark[g.face] != (int)i + 1) {
                mark[g.face] = (int)i + 1;
                out->face_sets[g.face]++;
            }
        }
    }
    free(mark);
    return 0;
}

int fonts_coverage(folio_fonts *f, const folio_edition *e, folio_coverage *out, folio_diags *d) {
    memset(out, 0, sizeof *out);
    cov_ctx c = {.f = f, .e = e, .d = d};
    c.song = fonts_role(f, "song");
    if (c.song < 0) c.song = 0;
    c.hei = fonts_role(f, "hei");
    if (c.hei < 0) c.hei = c.song;
    c.kai = fonts_role(f, "kai");
    if (c.kai < 0) c.kai = c.song;
    c.lserif = fonts_role(f, "latin-serif");
    if (c.lserif < 0) c.lserif = c.song;
    c.lsans = fonts_role(f, "latin-sans");
    if (c.lsans < 0) c.lsans = c.hei;
    walk(&c);
    int rc = 0;
    if (c.oom || tally(&c, out) < 0) {
        rc = diag_error(d, NULL, 0, "out of memory");
        free(c.chars);
        fonts_coverage_free(out);
    } else {
        qsort(c.chars, c.n, sizeof *c.chars, cmp_cp);
        out->chars = c.chars;
        out->nchars = c.n;
    }
    for (size_t i = 0; i < c.nsrcs; i++)
        free(c.srcs[i].text);
    free(c.srcs);
    free(c.index);
    free(c.seen);
    return rc;
}

void fonts_coverage_free(folio_coverage *c) {
    free(c->chars);
    free(c->face_covers);
    free(c->face_sets);
    free(c->role_chars);
    memset(c, 0, sizeof *c);
}
