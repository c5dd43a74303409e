/* ttcopies.c — glyphs appended to a TrueType subset as copies of others with
 * their own advance widths.
 *
 * A PDF gives each CID one width, and folio gives a glyph set narrower or
 * wider than its advance (squeezed punctuation, spaced justification) a
 * variant CID whose /W width is the distance to the next glyph, so that text
 * extractors see the characters where the reader does. PDF/A-2 6.2.11.5 wants
 * every /W width to be the embedded program's: each variant gets a glyph of
 * its own, a composite of one component (the glyph it copies, unmoved), 16
 * bytes, with the variant's advance in hmtx. The subset is fonts_tt_subset's:
 * the six tables glyf, head, hhea, hmtx (a long metric for every glyph),
 * loca, maxp. */
#include "fonts_private.h"
#include "sfnt_bytes.h"

#include <stdlib.h>
#include <string.h>

enum { C_GLYF, C_HEAD, C_HHEA, C_HMTX, C_LOCA, C_MAXP, C_N };
static const char tags[C_N][5] = {"glyf", "head", "hhea", "hmtx", "loca", "maxp"};

#define COPY_LEN 16 /* composite header, one component with byte offsets */
#define ARGS_ARE_XY_VALUES 0x0002

/* The subset's tables, found by tag. */
typedef struct tables {
    const unsigned char *p[C_N];
    size_t len[C_N];
} tables;

static int find(const folio_subset *s, tables *t) {
    const unsigned char *d = s->data;
    if (s->len < 12) return -1;
    size_t n = rd16(d + 4);
    if (12 + 16 * n > s->len) return -1;
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < C_N; k++) {
            const unsigned char *rec = d + 12 + 16 * i;
            size_t off = rd32(rec + 8), len = rd32(rec + 12);
            if (memcmp(rec, tags[k], 4) || off > s->len || len > s->len - off) continue;
            t->p[k] = d + off, t->len[k] = len;
        }
    for (int k = 0; k < C_N; k++)
        if (!t->p[k]) return -1;
    return t->len[C_HEAD] < 54 || t->len[C_HHEA] < 36 || t->len[C_MAXP] < 6 ? -1 : 0;
}

/* Glyph g's place in glyf. */
static int glyph_at(const tables *t, uint32_t g, size_t *off, size_t *len) {
    int wide = rd16(t->p[C_HEAD] + 50) != 0;
    size_t need = (g + 2) * (wide ? 4 : 2);
    if (need > t->len[C_LOCA]) return -1;
    size_t a = wide ? rd32(t->p[C_LOCA] + 4 * g) : 2 * rd16(t->p[C_LOCA] + 2 * g);
    size_t b = wide ? rd32(t->p[C_LOCA] + 4 * g + 4) : 2 * rd16(t->p[C_LOCA] + 2 * g + 2);
    if (b < a || b > t->len[C_GLYF]) return -1;
    *off = a, *len = b - a;
    return 0;
}

/* The new tables, each malloc'd (head, hhea and maxp copied and changed). */
typedef struct grown {
    unsigned char *p[C_N];
    size_t len[C_N];
} grown;

/* glyf and loca (long offsets) with the copies after the glyphs. */
static int grow_glyphs(const tables *t, uint32_t n, const uint32_t *of, size_t ncopies, grown *g) {
    size_t total = n + ncopies, glen = t->len[C_GLYF] + COPY_LEN * ncopies;
    if (!(g->p[C_GLYF] = malloc(glen ? glen : 1)) || !(g->p[C_LOCA] = malloc(4 * (total + 1))))
        return -1;
    memcpy(g->p[C_GLYF], t->p[C_GLYF], t->len[C_GLYF]);
    size_t off, len;
    for (uint32_t i = 0; i < n; i++) {
        if (glyph_at(t, i, &off, &len)) return -1;
        wr32(g->p[C_LOCA] + 4 * i, (uint32_t)off);
    }
    size_t end = t->len[C_GLYF]; /* the copies follow all that glyf held */
    for (size_t k = 0; k < ncopies; k++) {
        wr32(g->p[C_LOCA] + 4 * (n + k), (uint32_t)end);
        if (of[k] >= n || glyph_at(t, of[k], &off, &len)) return -1;
        if (len < 10) continue; /* an empty glyph's copy is empty too */
        unsigned char *c = g->p[C_GLYF] + end;
        wr16(c, 0xFFFF);                          /* numberOfContours -1: a composite */
        memcpy(c + 2, t->p[C_GLYF] + off + 2, 8); /* the copied glyph's bounding box */
        wr16(c + 10, ARGS_ARE_XY_VALUES);         /* and no USE_MY_METRICS: */
        wr16(c + 12, of[k]);                      /* the advance is the copy's own */
        c[14] = c[15] = 0;
        end += COPY_LEN;
    }
    wr32(g->p[C_LOCA] + 4 * total, (uint32_t)end);
    g->len[C_GLYF] = end;
    g->len[C_LOCA] = 4 * (total + 1);
    return 0;
}

/* hmtx with a long metric for every glyph and copy (a copy keeps its glyph's
 * left side bearing), and hhea, maxp and head to match. */
static int grow_metrics(const tables *t, uint32_t n, const uint32_t *of, const uint16_t *adv,
                        size_t ncopies, grown *g) {
    size_t total = n + ncopies;
    if (t->len[C_HMTX] < 4 * (size_t)n || rd16(t->p[C_HHEA] + 34) != n) return -1;
    if (!(g->p[C_HMTX] = malloc(4 * total)) || !(g->p[C_HHEA] = malloc(t->len[C_HHEA])) ||
        !(g->p[C_MAXP] = malloc(t->len[C_MAXP])) || !(g->p[C_HEAD] = malloc(t->len[C_HEAD])))
        return -1;
    memcpy(g->p[C_HMTX], t->p[C_HMTX], 4 * (size_t)n);
    uint32_t widest = rd16(t->p[C_HHEA] + 10);
    for (size_t k = 0; k < ncopies; k++) {
        wr16(g->p[C_HMTX] + 4 * (n + k), adv[k]);
        memcpy(g->p[C_HMTX] + 4 * (n + k) + 2, t->p[C_HMTX] + 4 * (size_t)of[k] + 2, 2);
        widest = adv[k] > widest ? adv[k] : widest;
    }
    g->len[C_HMTX] = 4 * total;
    memcpy(g->p[C_HHEA], t->p[C_HHEA], g->len[C_HHEA] = t->len[C_HHEA]);
    wr16(g->p[C_HHEA] + 10, widest);
    wr16(g->p[C_HHEA] + 34, (uint32_t)total);
    memcpy(g->p[C_MAXP], t->p[C_MAXP], g->len[C_MAXP] = t->len[C_MAXP]);
    wr16(g->p[C_MAXP] + 4, (uint32_t)total);
    if (g->len[C_MAXP] >= 32) { /* maxComponentElements, maxComponentDepth */
        if (rd16(g->p[C_MAXP] + 28) < 1) wr16(g->p[C_MAXP] + 28, 1);
        wr16(g->p[C_MAXP] + 30, rd16(g->p[C_MAXP] + 30) + 1);
    }
    memcpy(g->p[C_HEAD], t->p[C_HEAD], g->len[C_HEAD] = t->len[C_HEAD]);
    wr16(g->p[C_HEAD] + 50, 1); /* long loca */
    return 0;
}

/* The sfnt of the grown tables, its checksums right. */
static unsigned char *assemble(grown *g, size_t *out_len) {
    size_t dir = 12 + 16 * C_N, len = dir;
    for (int k = 0; k < C_N; k++)
        len += pad4(g->len[k]);
    unsigned char *f = calloc(1, len);
    if (!f) return NULL;
    wr32(f, 0x00010000);
    wr16(f + 4, C_N);
    wr16(f + 6, 64), wr16(f + 8, 2), wr16(f + 10, 16 * C_N - 64); /* 4 <= 6 < 8 */
    wr32(g->p[C_HEAD] + 8, 0);
    size_t at = dir;
    for (int k = 0; k < C_N; k++) {
        unsigned char *rec = f + 12 + 16 * k;
        memcpy(f + at, g->p[k], g->len[k]);
        memcpy(rec, tags[k], 4);
        wr32(rec + 4, table_sum(f + at, g->len[k]));
        wr32(rec + 8, (uint32_t)at), wr32(rec + 12, (uint32_t)g->len[k]);
        at += pad4(g->len[k]);
    }
    size_t head_at = rd32(f + 12 + 16 * C_HEAD + 8);
    wr32(f + head_at + 8, 0xB1B0AFBAu - table_sum(f, len));
    *out_len = len;
    return f;
}

int fonts_tt_add_copies(folio_subset *s, const uint32_t *of, const uint16_t *adv, size_t n,
                        folio_diags *d) {
    if (!n) return 0;
    tables t;
    grown g;
    memset(&g, 0, sizeof g);
    unsigned char *f = NULL;
    size_t len = 0;
    int bad = find(s, &t);
    uint32_t nglyphs = bad ? 0 : rd16(t.p[C_MAXP] + 4);
    if (!bad && nglyphs + n > 0xFFFF)
        return diag_error(d, NULL, 0, "a TrueType font holds at most 65,535 glyphs");
    if (!bad)
        bad = grow_glyphs(&t, nglyphs, of, n, &g) || grow_metrics(&t, nglyphs, of, adv, n, &g);
    if (!bad && !(f = assemble(&g, &len))) bad = -1;
    for (int k = 0; k < C_N; k++)
        free(g.p[k]);
    if (bad) return diag_error(d, NULL, 0, "cannot add glyph copies to a TrueType subset");
    free(s->data);
    s->data = f;
    s->len = len;
    return 0;
}
