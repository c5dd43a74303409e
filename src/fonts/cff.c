/* cff.c — the font program a PDF embeds for a CFF-outline face: the CFF
 * table of a desubroutinized subset, rebuilt as a CID-keyed CFF whose CIDs are
 * its glyph ids. A PDF CIDFontType0 has no CIDToGIDMap (the CFF's charset maps
 * CIDs to glyphs), so the PDF's width variants, which need a second CID for a
 * glyph, become copies of the glyph here; and the declared em the PDF's
 * column copies need (pdf_fonts.c) is a scaled FontMatrix. The layout of a
 * CFF and its DICT encoding: Adobe Technical Note #5176. */
#include "cff_private.h"

#include "../util/buf.h"
#include "../util/diag.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t cff_be(const unsigned char *p, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* Reads the INDEX at *pos and moves past it. Returns 0, or -1 when damaged. */
int cff_read_index(const cff_in *in, size_t *pos, cff_index *ix) {
    size_t at = *pos;
    memset(ix, 0, sizeof *ix);
    ix->start = at;
    if (at > in->len || in->len - at < 2) return -1;
    ix->count = cff_be(in->p + at, 2);
    if (ix->count == 0) {
        *pos = ix->end = at + 2;
        return 0;
    }
    if (in->len - at < 3) return -1;
    ix->offsize = in->p[at + 2];
    if (ix->offsize < 1 || ix->offsize > 4) return -1;
    size_t table = (ix->count + 1) * (size_t)ix->offsize;
    if (in->len - at - 3 < table) return -1;
    ix->offs = in->p + at + 3;
    size_t base = at + 3 + table - 1; /* offsets are 1-based */
    uint32_t last = cff_be(ix->offs + ix->count * (size_t)ix->offsize, ix->offsize);
    if (last < 1 || last > in->len - base) return -1;
    ix->data = in->p + base;
    *pos = ix->end = base + last;
    return 0;
}

/* Object i of an INDEX: its bytes and length. Returns 0, or -1 when damaged. */
int cff_index_get(const cff_index *ix, size_t i, const unsigned char **p, size_t *n) {
    uint32_t a = cff_be(ix->offs + i * (size_t)ix->offsize, ix->offsize);
    uint32_t b = cff_be(ix->offs + (i + 1) * (size_t)ix->offsize, ix->offsize);
    uint32_t last = cff_be(ix->offs + ix->count * (size_t)ix->offsize, ix->offsize);
    if (a < 1 || b < a || b > last) return -1;
    *p = ix->data + a;
    *n = b - a;
    return 0;
}

/* One operator of a DICT with its operands: raw bytes [start, end) and up to
 * six numbers. */
typedef struct dict_op {
    int op; /* 0-21, or 1200 + the second byte of an escaped operator */
    size_t start, end;
    double num[6];
    int nnum;
} dict_op;

#define OP_CHARSET 15
#define OP_ENCODING 16
#define OP_CHARSTRINGS 17
#define OP_PRIVATE 18
#define OP_SUBRS 19
#define OP_UNIQUEID 13
#define OP_XUID 14
#define OP_FONTMATRIX 1207
#define OP_ROS 1230
#define OP_CIDCOUNT 1234
#define OP_FDARRAY 1236
#define OP_FDSELECT 1237

/* Reads the operator at *pos of the DICT d[0..n) with its operands. Returns 1
 * with *op filled, 0 at the end, -1 when damaged. */
static int dict_next(const unsigned char *d, size_t n, size_t *pos, dict_op *op) {
    size_t i = *pos;
    if (i >= n) return 0;
    memset(op, 0, sizeof *op);
    op->start = i;
    while (i < n) {
        unsigned b = d[i];
        double v;
        if (b <= 21) {
            if (b == 12) {
                if (i + 1 >= n) return -1;
                op->op = 1200 + d[i + 1];
                i += 2;
            } else {
                op->op = (int)b;
                i++;
            }
            op->end = *pos = i;
            return 1;
        }
        if (b == 28) {
            if (n - i < 3) return -1;
            v = (int16_t)cff_be(d + i + 1, 2);
            i += 3;
        } else if (b == 29) {
            if (n - i < 5) return -1;
            v = (int32_t)cff_be(d + i + 1, 4);
            i += 5;
        } else if (b == 30) {
            char s[64];
            size_t k = 0;
            int done = 0;
            for (i++; i < n && !done; i++) {
                for (int half = 0; half < 2 && !done; half++) {
                    unsigned nib = half ? d[i] & 15 : d[i] >> 4;
                    const char *t = nib <= 9    ? NULL
                                    : nib == 10 ? "."
                                    : nib == 11 ? "E"
                                    : nib == 12 ? "E-"
                                    : nib == 14 ? "-"
                                                : "";
                    if (nib == 15) {
                        done = 1;
                    } else if (nib <= 9) {
                        if (k < sizeof s - 1) s[k++] = (char)('0' + nib);
                    } else {
                        for (; *t && k < sizeof s - 1; t++)
                            s[k++] = *t;
                    }
                }
            }
            if (!done) return -1;
            s[k] = '\0';
            v = strtod(s, NULL);
        } else if (b >= 32 && b <= 246) {
            v = (int)b - 139;
            i++;
        } else if (b >= 247 && b <= 250) {
            if (n - i < 2) return -1;
            v = ((int)b - 247) * 256 + d[i + 1] + 108;
            i += 2;
        } else if (b >= 251 && b <= 254) {
            if (n - i < 2) return -1;
            v = -((int)b - 251) * 256 - d[i + 1] - 108;
            i += 2;
        } else {
            return -1;
        }
        if (op->nnum < 6) op->num[op->nnum] = v;
        op->nnum++;
    }
    return -1; /* operands without an operator */
}

/* Finds operator want in the DICT; returns 1 with *op, 0 when absent, -1
 * when damaged. */
static int dict_find(const unsigned char *d, size_t n, int want, dict_op *op) {
    size_t pos = 0;
    int r;
    while ((r = dict_next(d, n, &pos, op)) == 1)
        if (op->op == want) return 1;
    return r;
}

static void put_op(folio_buf *b, int op) {
    if (op >= 1200) {
        buf_putc(b, 12);
        buf_putc(b, (char)(op - 1200));
    } else {
        buf_putc(b, (char)op);
    }
}

/* An integer operand in the fixed five-byte form, so that offsets can be
 * written before the bytes they point to are placed. */
static void put_int5(folio_buf *b, uint32_t v) {
    unsigned char s[5] = {29, (unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    buf_append(b, s, 5);
}

static void put_int(folio_buf *b, int v) {
    if (v >= -107 && v <= 107) {
        buf_putc(b, (char)(v + 139));
    } else if (v >= -32768 && v <= 32767) {
        unsigned char s[3] = {28, (unsigned char)((unsigned)v >> 8), (unsigned char)v};
        buf_append(b, s, 3);
    } else {
        put_int5(b, (uint32_t)v);
    }
}

static void put_real(folio_buf *b, double v) {
    char s[40];
    snprintf(s, sizeof s, "%.10g", v);
    unsigned char nib[80];
    size_t k = 0;
    for (const char *c = s; *c && k < sizeof nib - 2; c++) {
        if (*c >= '0' && *c <= '9')
            nib[k++] = (unsigned char)(*c - '0');
        else if (*c == '.')
            nib[k++] = 10;
        else if (*c == '-')
            nib[k++] = 14;
        else if (*c == 'e' || *c == 'E') {
            if (c[1] == '-')
                nib[k++] = 12, c++;
            else {
                nib[k++] = 11;
                if (c[1] == '+') c++;
            }
        }
    }
    nib[k++] = 15;
    if (k % 2) nib[k++] = 15;
    buf_putc(b, 30);
    for (size_t i = 0; i < k; i += 2)
        buf_putc(b, (char)(nib[i] << 4 | nib[i + 1]));
}

/* A number in a Type 2 charstring. */
static void put_t2_int(folio_buf *b, int v) {
    if (v >= -107 && v <= 107) {
        buf_putc(b, (char)(v + 139));
    } else if (v >= 108 && v <= 1131) {
        buf_putc(b, (char)((v - 108) / 256 + 247));
        buf_putc(b, (char)((v - 108) % 256));
    } else if (v >= -1131 && v <= -108) {
        buf_putc(b, (char)((-v - 108) / 256 + 251));
        buf_putc(b, (char)((-v - 108) % 256));
    } else {
        unsigned char s[3] = {28, (unsigned char)((unsigned)v >> 8), (unsigned char)v};
        buf_append(b, s, 3);
    }
}

/* Writes an INDEX of the objects obj[0..count). */
static void put_index(folio_buf *b, const piece *obj, size_t count) {
    unsigned char c2[2] = {(unsigned char)(count >> 8), (unsigned char)count};
    buf_append(b, c2, 2);
    if (count == 0) return;
    size_t total = 1;
    for (size_t i = 0; i < count; i++)
        total += obj[i].n;
    int offsize = total <= 0xFF ? 1 : total <= 0xFFFF ? 2 : total <= 0xFFFFFF ? 3 : 4;
    buf_putc(b, (char)offsize);
    size_t off = 1;
    for (size_t i = 0; i <= count; i++) {
        for (int k = offsize - 1; k >= 0; k--)
            buf_putc(b, (char)(off >> (8 * k)));
        if (i < count) off += obj[i].n;
    }
    for (size_t i = 0; i < count; i++)
        buf_append(b, obj[i].p, obj[i].n);
}

/* Copies the operators of DICT d[0..n) except those in skip[0..nskip). */
static int copy_dict(folio_buf *b, const unsigned char *d, size_t n, const int *skip,
                     size_t nskip) {
    size_t pos = 0;
    dict_op op;
    int r;
    while ((r = dict_next(d, n, &pos, &op)) == 1) {
        int drop = 0;
        for (size_t i = 0; i < nskip; i++)
            drop |= op.op == skip[i];
        if (!drop) buf_append(b, d + op.start, op.end - op.start);
    }
    return r;
}

int cff_find(const unsigned char *p, size_t len, int index, cff_in *out) {
    if (len >= 4 && p[0] == 1) { /* a bare CFF: major version 1 (an sfnt starts 0, O or t) */
        if (index != 0) return -1;
        *out = (cff_in){p, len};
        return 0;
    }
    size_t dir = 0;
    if (len >= 12 && !memcmp(p, "ttcf", 4)) {
        size_t n = cff_be(p + 8, 4);
        if (index < 0 || (size_t)index >= n || 12 + 4 * n > len) return -1;
        dir = cff_be(p + 12 + 4 * (size_t)index, 4);
    } else if (index != 0) {
        return -1;
    }
    if (dir > len || len - dir < 12) return -1;
    size_t n = cff_be(p + dir + 4, 2);
    if ((len - dir - 12) / 16 < n) return -1;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *rec = p + dir + 12 + 16 * i;
        if (memcmp(rec, "CFF ", 4) != 0) continue;
        size_t off = cff_be(rec + 8, 4), tl = cff_be(rec + 12, 4);
        if (off > len || tl > len - off) return -1;
        *out = (cff_in){p + off, tl};
        return 0;
    }
    return -1;
}

int cff_subr_bias(size_t count) {
    return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/* The font DICT index of every glyph, from an FDSelect at pos (formats 0
 * and 3). Returns 0, or -1 when damaged. */
static int read_fdselect(const cff_in *in, size_t pos, size_t nglyphs, size_t nfd,
                         unsigned char *fd) {
    if (pos >= in->len) return -1;
    const unsigned char *p = in->p + pos;
    size_t left = in->len - pos;
    if (p[0] == 0) {
        if (left - 1 < nglyphs) return -1;
        memcpy(fd, p + 1, nglyphs);
    } else if (p[0] == 3) {
        if (left < 3) return -1;
        size_t nr = cff_be(p + 1, 2);
        if ((left - 3) < nr * 3 + 2 || nr == 0) return -1;
        for (size_t r = 0; r < nr; r++) {
            size_t first = cff_be(p + 3 + 3 * r, 2), next = cff_be(p + 3 + 3 * (r + 1), 2);
            if (first > next || next > nglyphs) return -1;
            memset(fd + first, p[3 + 3 * r + 2], next - first);
        }
        if (cff_be(p + 3 + 3 * nr, 2) != nglyphs || cff_be(p + 3, 2) != 0) return -1;
    } else {
        return -1;
    }
    for (size_t g = 0; g < nglyphs; g++)
        if (fd[g] >= nfd) return -1;
    return 0;
}

int cff_parse(cff_font *f, const unsigned char *cff, size_t len, int allow_subrs, int *oom) {
    size_t pos;
    dict_op op;
    cff_index tops, fds;
    memset(f, 0, sizeof *f);
    f->in = (cff_in){cff, len};
    if (f->in.len < 4 || f->in.p[0] != 1 || (pos = f->in.p[2]) > f->in.len ||
        cff_read_index(&f->in, &pos, &f->names) || cff_read_index(&f->in, &pos, &tops) ||
        tops.count < 1 || cff_read_index(&f->in, &pos, &f->strings) ||
        cff_read_index(&f->in, &pos, &f->gsubrs) || cff_index_get(&tops, 0, &f->top, &f->ntop))
        return -1;
    f->cid_keyed = dict_find(f->top, f->ntop, OP_ROS, &op);
    if (f->cid_keyed < 0 || dict_find(f->top, f->ntop, OP_CHARSTRINGS, &op) != 1 || op.nnum != 1 ||
        op.num[0] < 0)
        return -1;
    pos = (size_t)op.num[0];
    if (cff_read_index(&f->in, &pos, &f->chars) || f->chars.count == 0) return -1;
    size_t ng = f->chars.count;
    if (!(f->fd = calloc(ng, 1))) return *oom = 1, -1;
    if (f->cid_keyed) {
        if (dict_find(f->top, f->ntop, OP_FDARRAY, &op) != 1 || op.nnum != 1 || op.num[0] < 0)
            return -1;
        pos = (size_t)op.num[0];
        if (cff_read_index(&f->in, &pos, &fds) || fds.count == 0 || fds.count > 256) return -1;
        f->nfd = fds.count;
        for (size_t i = 0; i < f->nfd; i++)
            if (cff_index_get(&fds, i, &f->fdict[i].p, &f->fdict[i].n)) return -1;
        if (dict_find(f->top, f->ntop, OP_FDSELECT, &op) != 1 || op.nnum != 1 || op.num[0] < 0 ||
            read_fdselect(&f->in, (size_t)op.num[0], ng, f->nfd, f->fd))
            return -1;
    } else {
        f->nfd = 1;
        f->fdict[0] = (piece){f->top, f->ntop};
    }
    for (size_t i = 0; i < f->nfd; i++) {
        int have = dict_find(f->fdict[i].p, f->fdict[i].n, OP_PRIVATE, &op);
        if (have < 0) return -1;
        f->priv[i] = (piece){NULL, 0};
        if (!have) continue;
        if (op.nnum != 2 || op.num[0] < 0 || op.num[1] < 0 || op.num[1] > (double)f->in.len ||
            op.num[0] > (double)f->in.len - op.num[1])
            return -1;
        size_t at = (size_t)op.num[1];
        f->priv[i] = (piece){f->in.p + at, (size_t)op.num[0]};
        /* Local subroutines would be lost with the Private's offsets: a
         * program to embed must come desubroutinized. */
        int subrs = dict_find(f->priv[i].p, f->priv[i].n, OP_SUBRS, &op);
        if (subrs < 0 || (subrs && !allow_subrs)) return -1;
        if (subrs) {
            if (op.nnum != 1 || op.num[0] < 0 || op.num[0] > (double)(f->in.len - at)) return -1;
            pos = at + (size_t)op.num[0];
            if (cff_read_index(&f->in, &pos, &f->lsubrs[i])) return -1;
        }
    }
    return 0;
}

void cff_font_free(cff_font *f) {
    free(f->fd);
    f->fd = NULL;
}

/* Writes v over the five-byte integer operand at pos. */
static void patch_int5(folio_buf *b, size_t pos, uint32_t v) {
    unsigned char *q = (unsigned char *)b->data + pos + 1;
    q[0] = (unsigned char)(v >> 24), q[1] = (unsigned char)(v >> 16);
    q[2] = (unsigned char)(v >> 8), q[3] = (unsigned char)v;
}

/* ---- a CID-keyed CFF written out, step by step ---------------------------- */

/* What cff_write builds before it assembles the font. */
typedef struct cff_out {
    const cff_font *f;
    size_t total;      /* glyphs, copies included */
    piece *glyphs;     /* each glyph's charstring */
    unsigned char *fd; /* each glyph's font DICT */
    piece *subrs;      /* global subroutines: the outlines of copied glyphs */
    size_t nsubr;
    folio_buf calls; /* the charstrings that call them */
    piece *str;      /* the String INDEX */
    size_t nstr;
    folio_buf top;     /* the Top DICT */
    size_t top_at[4];  /* its offset placeholders (charset, FDSelect, CharStrings, FDArray) */
    folio_buf dicts;   /* the font DICTs */
    size_t fdoff[257]; /* where each starts in dicts */
    piece *fdp;
} cff_out;

/* The operand that is a charstring's width, when it has one: the first of
 * those before its first stack-clearing operator, when they are one more than
 * the operator takes (Technical Note #5177, 3.1). Sets *len to its bytes (0:
 * no width). Returns 0, or -1 when the charstring is damaged. */
static int t2_width(piece cs, size_t *len) {
    size_t i = 0, nargs = 0, first = 0;
    *len = 0;
    while (i < cs.n) {
        unsigned b = cs.p[i];
        if (b == 28 || b >= 32) {
            size_t n = b == 28 ? 3 : b <= 246 ? 1 : b <= 254 ? 2 : 5;
            if (cs.n - i < n) return -1;
            if (nargs++ == 0) first = n;
            i += n;
            continue;
        }
        int odd = nargs % 2;
        int width = b == 1 || b == 3 || b == 18 || b == 23 || b == 19 || b == 20 ? odd
                    : b == 21                                                    ? nargs > 2
                    : b == 22 || b == 4                                          ? nargs > 1
                    : b == 14 ? nargs == 1 || nargs == 5
                              : 0;
        if (width) *len = first;
        return 0;
    }
    return -1;
}

/* A number in a Type 2 charstring: an integer when it is one, else 16.16. */
static void put_t2_num(folio_buf *b, double v) {
    double r = round(v);
    if (fabs(v - r) < 1e-9 && fabs(r) <= 32767) {
        put_t2_int(b, (int)r);
        return;
    }
    int32_t x = (int32_t)lround(v * 65536.0);
    unsigned char s[5] = {255, (unsigned char)((uint32_t)x >> 24),
                          (unsigned char)((uint32_t)x >> 16), (unsigned char)((uint32_t)x >> 8),
                          (unsigned char)x};
    buf_append(b, s, 5);
}

/* The nominalWidthX of font DICT i (0 when it sets none). */
static double nominal_width(const cff_font *f, size_t i) {
    dict_op op;
    if (i < f->nfd && f->priv[i].n && dict_find(f->priv[i].p, f->priv[i].n, 21, &op) == 1 &&
        op.nnum == 1)
        return op.num[0];
    return 0;
}

/* The glyphs, and the copies of glyphs dup[0..ndup) after them. A copied
 * glyph's outline goes into a global subroutine that it and its copies call:
 * a copy costs a few bytes, not the outline again (a justified line can give
 * every glyph on it a variant). The subset is desubroutinized, so the
 * subroutines are all new. The width stays outside the subroutine: the glyph
 * keeps its own, and copy k gets units[k] font units (units NULL: the
 * glyph's). */
static int out_glyphs(cff_out *w, const piece *glyph, const unsigned char *fdsel, size_t ng,
                      const uint32_t *dup, const double *units, size_t ndup) {
    int32_t *subr_of = malloc(ng * sizeof *subr_of);
    size_t *wlen = malloc(ng * sizeof *wlen), *callat = malloc((w->total + 1) * sizeof *callat);
    int rc = -1;
    if (!subr_of || !wlen || !callat || !(w->subrs = malloc((ndup ? ndup : 1) * sizeof *w->subrs)))
        goto done;
    memcpy(w->glyphs, glyph, ng * sizeof *w->glyphs);
    memcpy(w->fd, fdsel, ng);
    for (size_t g = 0; g < ng; g++)
        subr_of[g] = -1;
    for (size_t k = 0; k < ndup; k++) {
        uint32_t g = dup[k];
        w->fd[ng + k] = w->fd[g];
        if (subr_of[g] >= 0) continue;
        if (t2_width(glyph[g], &wlen[g])) {
            rc = 1;
            goto done;
        }
        w->subrs[w->nsubr] = (piece){glyph[g].p + wlen[g], glyph[g].n - wlen[g]};
        subr_of[g] = (int32_t)w->nsubr++;
    }
    int bias = cff_subr_bias(w->nsubr);
    for (size_t t = 0; t < w->total; t++) {
        size_t g = t < ng ? t : dup[t - ng];
        callat[t] = w->calls.len;
        if (subr_of[g] < 0) continue;
        if (t >= ng && units)
            put_t2_num(&w->calls, units[t - ng] - nominal_width(w->f, w->fd[t]));
        else
            buf_append(&w->calls, glyph[g].p, wlen[g]);
        put_t2_int(&w->calls, subr_of[g] - bias);
        buf_putc(&w->calls, 10 + 19); /* callgsubr */
    }
    callat[w->total] = w->calls.len;
    if (w->calls.oom) goto done;
    for (size_t t = 0; t < w->total; t++)
        if (callat[t + 1] > callat[t])
            w->glyphs[t] = (piece){(const unsigned char *)w->calls.data + callat[t],
                                   callat[t + 1] - callat[t]};
    rc = 0;
done:
    free(subr_of), free(wlen), free(callat);
    return rc;
}

/* The String INDEX: the font's strings, and for a name-keyed font the
 * made-up ROS names Adobe-Identity-0. */
static int out_strings(cff_out *w) {
    const cff_font *f = w->f;
    if (!(w->str = malloc((f->strings.count + 2) * sizeof *w->str))) return -1;
    w->nstr = f->strings.count;
    for (size_t i = 0; i < w->nstr; i++)
        if (cff_index_get(&f->strings, i, &w->str[i].p, &w->str[i].n)) return 1;
    if (!f->cid_keyed) {
        w->str[w->nstr++] = (piece){(const unsigned char *)"Adobe", 5};
        w->str[w->nstr++] = (piece){(const unsigned char *)"Identity", 8};
    }
    return 0;
}

/* The FontMatrix: the font's, divided by em. */
static void font_matrix(const cff_font *f, double em, double m[6]) {
    static const double unit[6] = {0.001, 0, 0, 0.001, 0, 0};
    memcpy(m, unit, sizeof unit);
    dict_op op;
    if (dict_find(f->top, f->ntop, OP_FONTMATRIX, &op) == 1 && op.nnum == 6)
        for (int i = 0; i < 6; i++)
            m[i] = op.num[i];
    for (int i = 0; i < 4 && em > 0; i++)
        m[i] /= em;
}

/* The Top DICT: ROS first (the spec's order), the font's own entries, the
 * new ones; offsets as five-byte placeholders, filled in by out_assemble. */
static int out_top(cff_out *w, const double m[6]) {
    const cff_font *f = w->f;
    folio_buf *t = &w->top;
    if (!f->cid_keyed) {
        put_int(t, (int)(391 + f->strings.count)); /* SIDs follow the 391 standard strings */
        put_int(t, (int)(391 + f->strings.count + 1));
        put_int(t, 0);
        put_op(t, OP_ROS);
    }
    static const int top_skip[] = {OP_CHARSET,  OP_ENCODING, OP_CHARSTRINGS, OP_PRIVATE,
                                   OP_FDARRAY,  OP_FDSELECT, OP_CIDCOUNT,    OP_FONTMATRIX,
                                   OP_UNIQUEID, OP_XUID};
    if (copy_dict(t, f->top, f->ntop, top_skip, sizeof top_skip / sizeof *top_skip) < 0) return 1;
    put_int(t, (int)w->total);
    put_op(t, OP_CIDCOUNT);
    for (int i = 0; i < 6; i++)
        put_real(t, m[i]);
    put_op(t, OP_FONTMATRIX);
    static const int offset_ops[4] = {OP_CHARSET, OP_FDSELECT, OP_CHARSTRINGS, OP_FDARRAY};
    for (int i = 0; i < 4; i++) {
        w->top_at[i] = t->len;
        put_int5(t, 0);
        put_op(t, offset_ops[i]);
    }
    return t->oom ? -1 : 0;
}

/* Font DICTs: their own entries but Private, rewritten (and FontMatrix: the
 * Top DICT's scaled one must apply alone). */
static int out_fdicts(cff_out *w) {
    const cff_font *f = w->f;
    if (!(w->fdp = malloc((f->nfd ? f->nfd : 1) * sizeof *w->fdp))) return -1;
    for (size_t i = 0; i < f->nfd; i++) {
        static const int fd_skip[] = {OP_PRIVATE, OP_FONTMATRIX};
        w->fdoff[i] = w->dicts.len;
        if (f->cid_keyed && copy_dict(&w->dicts, f->fdict[i].p, f->fdict[i].n, fd_skip, 2) < 0)
            return 1;
        put_int5(&w->dicts, 0);
        put_int5(&w->dicts, 0);
        put_op(&w->dicts, OP_PRIVATE);
    }
    w->fdoff[f->nfd] = w->dicts.len;
    if (w->dicts.oom) return -1;
    for (size_t i = 0; i < f->nfd; i++)
        w->fdp[i] = (piece){(const unsigned char *)w->dicts.data + w->fdoff[i],
                            w->fdoff[i + 1] - w->fdoff[i]};
    return 0;
}

/* charset (format 2, one range: glyph g is CID g) and FDSelect (format 3). */
static void out_charset_fdselect(const cff_out *w, folio_buf *b, size_t where[2]) {
    size_t total = w->total;
    where[0] = b->len;
    buf_putc(b, 2);
    if (total > 1) {
        unsigned char range[4] = {0, 1, (unsigned char)((total - 2) >> 8),
                                  (unsigned char)(total - 2)};
        buf_append(b, range, 4);
    }
    where[1] = b->len;
    size_t nranges = 1;
    for (size_t g = 1; g < total; g++)
        nranges += w->fd[g] != w->fd[g - 1];
    unsigned char n2[3] = {3, (unsigned char)(nranges >> 8), (unsigned char)nranges};
    buf_append(b, n2, 3);
    for (size_t g = 0; g < total; g++) {
        if (g > 0 && w->fd[g] == w->fd[g - 1]) continue;
        unsigned char r3[3] = {(unsigned char)(g >> 8), (unsigned char)g, w->fd[g]};
        buf_append(b, r3, 3);
    }
    unsigned char sentinel[2] = {(unsigned char)(total >> 8), (unsigned char)total};
    buf_append(b, sentinel, 2);
}

/* The whole font into b, every offset patched in. */
static int out_assemble(cff_out *w, int keep_gsubrs, folio_buf *b) {
    const cff_font *f = w->f;
    static const unsigned char header[4] = {1, 0, 4, 4};
    buf_append(b, header, 4);
    buf_append(b, f->in.p + f->names.start, f->names.end - f->names.start);
    piece tp = {(const unsigned char *)w->top.data, w->top.len};
    put_index(b, &tp, 1);
    size_t top_at = b->len - w->top.len;
    put_index(b, w->str, w->nstr);
    if (w->nsubr || !keep_gsubrs)
        put_index(b, w->subrs, w->nsubr);
    else
        buf_append(b, f->in.p + f->gsubrs.start, f->gsubrs.end - f->gsubrs.start);
    size_t where[4];
    out_charset_fdselect(w, b, where);
    where[2] = b->len;
    put_index(b, w->glyphs, w->total);
    where[3] = b->len;
    put_index(b, w->fdp, f->nfd);
    size_t fd_at = b->len - w->dicts.len;
    for (size_t i = 0; i < f->nfd; i++) {
        size_t priv_at = b->len;
        static const int priv_skip[] = {OP_SUBRS};
        if (f->priv[i].n && copy_dict(b, f->priv[i].p, f->priv[i].n, priv_skip, 1) < 0) return 1;
        if (b->oom) return -1;
        size_t q = fd_at + w->fdoff[i + 1] - 11; /* size, offset, operator */
        patch_int5(b, q, (uint32_t)(b->len - priv_at));
        patch_int5(b, q + 5, (uint32_t)priv_at);
    }
    if (b->oom) return -1;
    for (int i = 0; i < 4; i++)
        patch_int5(b, top_at + w->top_at[i], (uint32_t)where[i]);
    return 0;
}

int cff_write(const char *name, const cff_font *f, const piece *glyph, const unsigned char *fdsel,
              size_t ng, const uint32_t *dup, const double *dup_w, size_t ndup, double em,
              int keep_gsubrs, folio_buf *b, folio_diags *d) {
    if (ng + ndup > 65535)
        return diag_error(d, name, 0, "a CFF font program holds at most 65,535 glyphs");
    for (size_t k = 0; k < ndup; k++)
        if (dup[k] >= ng)
            return diag_error(d, name, 0, "no glyph %u to copy in the CFF font program",
                              (unsigned)dup[k]);
    if (ndup && keep_gsubrs && f->gsubrs.count)
        return diag_error(d, name, 0, "CFF glyphs to copy in a font that still has subroutines");
    cff_out w = {.f = f, .total = ng + ndup};
    buf_init(&w.calls), buf_init(&w.top), buf_init(&w.dicts);
    double m[6], *units = NULL;
    font_matrix(f, em, m);
    /* a copy's width in font units: the PDF's (1/1000 text space) over the
     * matrix that maps them to text space */
    int rc = !(w.glyphs = malloc(w.total * sizeof *w.glyphs)) || !(w.fd = malloc(w.total)) ||
                     (dup_w && !(units = malloc((ndup ? ndup : 1) * sizeof *units)))
                 ? -1
                 : 0;
    for (size_t k = 0; !rc && dup_w && k < ndup; k++)
        units[k] = dup_w[k] / 1000.0 / m[0];
    if (!rc) rc = out_glyphs(&w, glyph, fdsel, ng, dup, units, ndup);
    if (!rc) rc = out_strings(&w);
    if (!rc) rc = out_top(&w, m);
    if (!rc) rc = out_fdicts(&w);
    if (!rc) rc = out_assemble(&w, keep_gsubrs, b);
    if (rc > 0) diag_error(d, name, 0, "damaged CFF font data");
    if (rc < 0) b->oom = 1;
    buf_free(&w.calls), buf_free(&w.top), buf_free(&w.dicts);
    free(w.glyphs), free(w.fd), free(w.subrs), free(w.str), free(w.fdp), free(units);
    return rc ? -1 : 0;
}

int fonts_cff_program(const char *name, const unsigned char *font, size_t len, const uint32_t *dup,
                      const double *dup_w, size_t ndup, double em, unsigned char **out,
                      size_t *outlen, folio_diags *d) {
    *out = NULL;
    *outlen = 0;
    cff_font f;
    cff_in in;
    int oom = 0;
    piece *glyph = NULL;
    memset(&f, 0, sizeof f);
    folio_buf b;
    buf_init(&b);
    int rc = cff_find(font, len, 0, &in) ? -1 : cff_parse(&f, in.p, in.len, 0, &oom);
    if (!rc && !(glyph = malloc(f.chars.count * sizeof *glyph))) rc = -1, oom = 1;
    for (size_t g = 0; !rc && g < f.chars.count; g++)
        rc = cff_index_get(&f.chars, g, &glyph[g].p, &glyph[g].n);
    if (rc) {
        if (oom)
            diag_error(d, NULL, 0, "out of memory");
        else
            diag_error(d, name, 0, "damaged CFF outlines (or local subroutines left in them)");
    } else if ((rc = cff_write(name, &f, glyph, f.fd, f.chars.count, dup, dup_w, ndup, em, 1, &b,
                               d)) != 0) {
        if (b.oom) diag_error(d, NULL, 0, "out of memory");
    } else {
        *out = (unsigned char *)buf_detach(&b, outlen);
        if (!*out) rc = diag_error(d, NULL, 0, "out of memory");
    }
    buf_free(&b);
    free(glyph);
    cff_font_free(&f);
    return rc;
}
