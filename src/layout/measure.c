/* measure.c — decoding a paragraph and measuring it for setting: roles,
 * glyphs, punctuation widths (PUN-1/2), Han–Latin gaps (MIX-1), what may
 * shrink or stretch (JUS-2/3), break opportunities. */
#include "breaks.h"
#include "paratext.h"
#include "punct.h"
#include "util/grow.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

static int is_cjk_class(uint8_t c) {
    return c == PC_IDEO || c == PC_OPEN || c == PC_CLOSE || c == PC_STOP || c == PC_MIDDLE ||
           c == PC_DASH;
}

static int is_fw_mark(uint8_t c) {
    return c == PC_OPEN || c == PC_CLOSE || c == PC_STOP;
}

/* Curly quotes are Chinese brackets when Chinese text touches the pair,
 * Latin quotes (and apostrophes) otherwise. */
static void resolve_quotes(pt_char *c, size_t n) {
    size_t open2 = (size_t)-1, open1 = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (!punct_is_curly_quote(c[i].cp)) continue;
        int near = (i && is_cjk_class(c[i - 1].cls)) ||
                   (i + 1 < n && is_cjk_class(c[i + 1].cls) && !punct_is_curly_quote(c[i + 1].cp));
        size_t *open = (c[i].cp == 0x201C || c[i].cp == 0x201D) ? &open2 : &open1;
        if (punct_quote_is_open(c[i].cp)) {
            c[i].cls = near ? PC_OPEN : PC_LATIN;
            *open = i;
        } else if (*open != (size_t)-1) {
            pt_char *o = &c[*open];
            int pair = near || o->cls == PC_OPEN;
            o->cls = pair ? PC_OPEN : PC_LATIN;
            c[i].cls = pair ? PC_CLOSE : PC_LATIN;
            *open = (size_t)-1;
        } else {
            c[i].cls = near ? PC_CLOSE : PC_LATIN;
        }
    }
}

static int western_start(const pt_char *c) {
    return c->cls == PC_LATIN && (c->cp >= 0x80 || !strchr(",.;:?!)]}%'\"", (int)c->cp));
}

static int western_end(const pt_char *c) {
    return c->cls == PC_LATIN && (c->cp >= 0x80 || !strchr("([{'\"", (int)c->cp));
}

static int add_missing(pt_para *p, uint32_t cp, size_t *cap) {
    if (p->nmissing == *cap &&
        grow_array(&p->missing, cap, p->nmissing + 1, sizeof *p->missing, 16))
        return -1;
    p->missing[p->nmissing++] = cp;
    return 0;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Glyphs and advances in the character's role, falling back to the other
 * role; characters neither has become 1-em placeholders, listed once each
 * in p->missing. */
static int set_glyphs(folio_fonts *f, pt_para *p) {
    size_t cap = 0;
    for (size_t i = 0; i < p->n; i++) {
        pt_char *ch = &p->c[i];
        ch->face = -1;
        if (ch->cls == PC_INVIS || ch->cls == PC_NEWLINE) continue;
        const folio_para_run *r = &p->in->runs[ch->run];
        int latin = ch->cls == PC_LATIN || ch->cls == PC_SPACE;
        uint32_t cp = ch->cls == PC_SPACE ? ' ' : ch->cp;
        folio_glyphinfo gi;
        if (!fonts_glyph(f, latin ? r->latin_role : r->cjk_role, cp, &gi)) {
            folio_glyphinfo g2;
            if (fonts_glyph(f, latin ? r->cjk_role : r->latin_role, cp, &g2)) gi = g2;
        }
        ch->face = gi.face;
        ch->gid = gi.face < 0 ? 0 : gi.gid;
        if (gi.face < 0) {
            ch->w = p->em;
            if (add_missing(p, cp, &cap) < 0) return -1;
        } else {
            ch->w =
                (float)gi.advance * p->em / (float)(gi.units_per_em > 0 ? gi.units_per_em : 1000);
        }
        ch->fw = ch->w;
    }
    if (p->nmissing) {
        qsort(p->missing, p->nmissing, sizeof *p->missing, cmp_u32);
        size_t k = 0;
        for (size_t i = 0; i < p->nmissing; i++)
            if (!k || p->missing[k - 1] != p->missing[i]) p->missing[k++] = p->missing[i];
        p->nmissing = k;
    }
    return 0;
}

/* PUN-1..3: full-width marks take 1 em with the mark on one half; two
 * adjacent marks take 1.5 em (the blank half of one is removed). */
static void set_punctuation(folio_fonts *f, pt_para *p) {
    float em = p->em, half = em / 2;
    struct {
        int face;
        uint32_t gid;
        float ink0, ink1;
    } seen[32]; /* the few marks a paragraph uses */
    size_t nseen = 0;
    for (size_t i = 0; i < p->n; i++) {
        pt_char *ch = &p->c[i];
        if (!is_fw_mark(ch->cls)) continue;
        float font_w = ch->w;
        ch->w = em;
        if (ch->cls == PC_OPEN) {
            ch->dx = em - font_w; /* a narrow glyph sits on the right half */
            continue;
        }
        ch->s1 = half;
        ch->endsq = half;
        if (ch->face < 0) continue;
        /* Where its ink is, so that a mark some font draws centred
         * (UMing's 。、) can be moved to its GB place in the left half. */
        size_t k = 0;
        while (k < nseen && (seen[k].face != ch->face || seen[k].gid != ch->gid))
            k++;
        if (k == nseen) {
            int x0, x1, upem = fonts_face(f, ch->face)->units_per_em;
            fonts_glyph_ink(f, ch->face, ch->gid, &x0, &x1);
            float scale = em / (float)(upem > 0 ? upem : 1000);
            if (k == sizeof seen / sizeof *seen) k = nseen = 0;
            seen[k].face = ch->face;
            seen[k].gid = ch->gid;
            seen[k].ink0 = (float)x0 * scale;
            seen[k].ink1 = (float)x1 * scale;
            nseen++;
        }
        ch->ink0 = seen[k].ink0;
        ch->ink1 = seen[k].ink1;
    }
    for (size_t i = 0; i + 1 < p->n; i++) {
        pt_char *a = &p->c[i], *b = &p->c[i + 1];
        if (!is_fw_mark(a->cls) || !is_fw_mark(b->cls)) continue;
        if (a->cls != PC_OPEN && a->endsq > 0) {
            a->w -= half; /* 。” ）， ，“ : the first one's right half goes */
            a->s1 = 0;
            a->endsq = 0;
        } else if (a->cls == PC_OPEN && b->cls == PC_OPEN) {
            b->w -= half; /* “《 : the second one's left half goes */
            b->dx -= half;
        }
    }
}

/* Spaces: a word space between Latin words; a MIX-1 gap between Chinese and
 * Latin; nothing next to full-width punctuation; runs collapse to one. */
static void set_spaces(pt_para *p) {
    float em = p->em;
    for (size_t i = 0; i < p->n; i++) {
        pt_char *ch = &p->c[i];
        if (ch->cls != PC_SPACE) continue;
        if (i && p->c[i - 1].cls == PC_SPACE) {
            ch->w = 0;
            continue;
        }
        size_t j = i + 1;
        while (j < p->n && p->c[j].cls == PC_SPACE)
            j++;
        uint8_t a = i ? p->c[i - 1].cls : PC_SPACE, b = j < p->n ? p->c[j].cls : PC_SPACE;
        if (is_fw_mark(a) || is_fw_mark(b) || a == PC_MIDDLE || b == PC_MIDDLE) {
            ch->w = 0;
            ch->z = em / 4;
        } else if (is_cjk_class(a) || is_cjk_class(b)) {
            ch->w = em / 4;
            ch->s2 = em / 8;
            ch->z = em / 4;
        } else {
            ch->s3 = ch->w / 3;
            ch->z = em / 2;
        }
    }
}

/* MIX-1 gaps and the places where JUS-3 may add space. */
static void set_gaps(pt_para *p) {
    float em = p->em;
    for (size_t i = 1; i < p->n; i++) {
        pt_char *a = &p->c[i - 1], *b = &p->c[i];
        if ((a->cls == PC_IDEO && western_start(b)) || (western_end(a) && b->cls == PC_IDEO)) {
            b->gw = em / 4;
            b->gs = em / 8;
            b->gz = em / 4;
        } else if (is_cjk_class(a->cls) && is_cjk_class(b->cls)) {
            /* Not inside ——/……, not between a mark and what it clings to. */
            int glued = a->cls == PC_OPEN || b->cls == PC_CLOSE || b->cls == PC_STOP ||
                        (a->cls == PC_DASH && b->cls == PC_DASH);
            if (!glued) b->gz = em / 4;
        } else if (((a->cls == PC_CLOSE || a->cls == PC_STOP || a->cls == PC_DASH) &&
                    b->cls == PC_LATIN) ||
                   (a->cls == PC_LATIN && (b->cls == PC_OPEN || b->cls == PC_DASH))) {
            b->gz = em / 4;
        }
    }
}

static void set_sums(pt_para *p) {
    pt_sum acc = {0};
    for (size_t i = 0; i < p->n; i++) {
        const pt_char *ch = &p->c[i];
        p->sum[i] = acc;
        acc.w += ch->w;
        acc.s1 += ch->s1;
        acc.s2 += ch->s2;
        acc.s3 += ch->s3;
        acc.z += ch->z;
        acc.gw += ch->gw;
        acc.gs += ch->gs;
        acc.gz += ch->gz;
        acc.minw += (double)ch->w - ch->s1 - ch->s2 - ch->s3 + ch->gw - ch->gs;
        acc.letters += ch->letter;
    }
    p->sum[p->n] = acc;
}

static int decode(pt_para *p) {
    size_t n = 0;
    for (size_t r = 0; r < p->in->nruns; r++)
        n += p->in->runs[r].len; /* an upper bound on the code points */
    p->c = calloc(n + 1, sizeof *p->c);
    p->sum = calloc(n + 1, sizeof *p->sum);
    if (!p->c || !p->sum) return -1;
    for (size_t r = 0; r < p->in->nruns; r++) {
        const folio_para_run *run = &p->in->runs[r];
        for (size_t o = 0; o < run->len;) {
            pt_char *ch = &p->c[p->n++];
            ch->off = run->offset + o;
            o += utf8_decode(run->text + o, run->len - o, &ch->cp);
            ch->run = r;
            ch->cls = (uint8_t)punct_classify(ch->cp);
            ch->letter = (uint8_t)punct_is_letter(ch->cp);
        }
        if (run->hard_break && p->n) p->c[p->n].brk = BRK_HARD; /* before the next character */
    }
    return 0;
}

/* Break opportunities (ICU + clreq), forced breaks, and emergency breaks
 * inside any stretch too wide for a line. */
static int set_breaks(pt_para *p, const char **err) {
    size_t n = p->n;
    uint32_t *cps = malloc((n + 1) * sizeof *cps);
    uint8_t *cls = malloc(n + 1);
    uint8_t *brk = malloc(n + 1);
    if (!cps || !cls || !brk) {
        free(cps), free(cls), free(brk);
        *err = "out of memory";
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        cps[i] = p->c[i].cp;
        cls[i] = p->c[i].cls;
    }
    int rc = breaks_find(p->in->breakers, cps, cls, n, p->in->kinsoku, brk, err);
    for (size_t i = 1; rc == 0 && i < n; i++) {
        pt_char *ch = &p->c[i];
        if (ch->brk == BRK_HARD || p->c[i - 1].cls == PC_NEWLINE)
            ch->brk = BRK_HARD;
        else if (!brk[i])
            ch->brk = BRK_NO;
        else if (brk[i] == BREAK_ADDRESS)
            ch->brk = BRK_ADDRESS;
        else if ((cps[i - 1] == '-' || cps[i - 1] == 0x2010) && p->c[i].letter && i > 1 &&
                 p->c[i - 2].letter)
            ch->brk = BRK_HYPHEN;
        else
            ch->brk = BRK_OK;
    }
    p->c[0].brk = BRK_HARD;
    p->c[n].brk = BRK_HARD;
    free(cps), free(cls), free(brk);
    if (rc < 0) return -1;
    /* Emergency: where no opportunity comes within a line's width. */
    double lmin = pt_avail(p, 0) < pt_avail(p, 1) ? pt_avail(p, 0) : pt_avail(p, 1);
    size_t prev = 0;
    for (size_t i = 1; i <= n; i++) {
        if (p->c[i].brk == BRK_NO) continue;
        if (p->sum[i].minw - p->sum[prev].minw > lmin)
            for (size_t k = prev + 1; k < i; k++)
                if (p->c[k].cls != PC_INVIS) p->c[k].brk = BRK_EMERG;
        prev = i;
    }
    return 0;
}

double pt_avail(const pt_para *p, size_t a) {
    double l = (double)p->in->measure - p->in->indent - (a == 0 ? p->in->first_indent : 0);
    return l > 0 ? l : 0;
}

int pt_measure(folio_fonts *f, const folio_para_in *in, pt_para *p, const char **err) {
    memset(p, 0, sizeof *p);
    p->in = in;
    p->em = in->size;
    *err = "out of memory";
    if (decode(p) < 0) return -1;
    resolve_quotes(p->c, p->n);
    if (set_glyphs(f, p) < 0) return -1;
    set_punctuation(f, p);
    set_spaces(p);
    set_gaps(p);
    set_sums(p);
    return set_breaks(p, err);
}

void pt_free(pt_para *p) {
    free(p->c);
    free(p->sum);
    free(p->missing);
    memset(p, 0, sizeof *p);
}

static int trimmed(uint8_t c) {
    return c == PC_SPACE || c == PC_NEWLINE || c == PC_INVIS;
}

void pt_line(const pt_para *p, size_t a, size_t b, pt_metrics *m) {
    size_t s = a, e = b;
    while (s < e && trimmed(p->c[s].cls))
        s++;
    while (e > s && trimmed(p->c[e - 1].cls))
        e--;
    m->s = s;
    m->e = e;
    if (e <= s) {
        *m = (pt_metrics){.s = s, .e = s};
        return;
    }
    const pt_sum *S = &p->sum[s], *E = &p->sum[e], *G = &p->sum[s + 1];
    const pt_char *last = &p->c[e - 1];
    m->w = E->w - S->w + E->gw - G->gw - last->endsq;
    m->s1 = E->s1 - S->s1 - last->endsq;
    m->s2 = E->s2 - S->s2 + E->gs - G->gs;
    m->s3 = E->s3 - S->s3;
    m->z = E->z - S->z + E->gz - G->gz;
    m->letters = E->letters - S->letters;
    if (m->s1 < 0) m->s1 = 0;
}
