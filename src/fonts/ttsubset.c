/* ttsubset.c — subsets of TrueType (glyf) faces made straight from the font
 * file's bytes, for the PDF's FontFile2.
 *
 * A CIDFontType2 program needs only outlines and metrics (glyf, loca, head,
 * hhea, hmtx, maxp): the PDF maps CIDs to glyphs and carries the widths, the
 * names and the descriptor itself. Copying those six tables for 1,500 common
 * Han glyphs of AR PL UMing CN takes 4.9 ms on a face's first subset, where
 * hb-subset took 14.4 ms (most of it setting up its plan for the face's
 * 27,123 glyphs); the sample's build went from 328 to 271 ms (medians).
 * Every offset and length the file gives is checked against the table or
 * the file it points into.
 *
 * The file is read with pread, only the parts needed. That is as fast as
 * mapping it (whose page faults and unmapping, for glyphs spread over
 * UMing's 21 MB, cost what the reads do), and a file that shrinks while it
 * is read gives a short read rather than a SIGBUS. */
#include "fonts_private.h"
#include "sfnt_bytes.h"

#include "../util/grow.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAG(a, b, c, d)                                                                            \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* Composite glyph component flags (OpenType glyf). */
#define ARG_1_AND_2_ARE_WORDS 0x0001
#define WE_HAVE_A_SCALE 0x0008
#define MORE_COMPONENTS 0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE 0x0040
#define WE_HAVE_A_TWO_BY_TWO 0x0080
#define WE_HAVE_INSTRUCTIONS 0x0100

/* Simple glyph point flags. */
#define X_SHORT 0x02
#define Y_SHORT 0x04
#define REPEAT_FLAG 0x08
#define X_SAME 0x10
#define Y_SAME 0x20

/* The tables written, in tag order (the table directory is sorted). */
enum { T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, NTABLES };
static const uint32_t table_tags[NTABLES] = {TAG('g', 'l', 'y', 'f'), TAG('h', 'e', 'a', 'd'),
                                             TAG('h', 'h', 'e', 'a'), TAG('h', 'm', 't', 'x'),
                                             TAG('l', 'o', 'c', 'a'), TAG('m', 'a', 'x', 'p')};

/* Fixed sizes of the tables copied whole: head and hhea of every version,
 * maxp of version 1.0 and of version 0.5 (numGlyphs only). */
#define HEAD_LEN 54
#define HHEA_LEN 36
#define MAXP_LEN 32
#define MAXP05_LEN 6

typedef struct span {
    const unsigned char *p;
    size_t len;
} span;

/* The face being read: where its tables are, the ones read whole, and the
 * kept glyphs' bytes. */
typedef struct tt_src {
    const char *path;
    int index;
    folio_diags *d;
    int fd;
    size_t size;                        /* of the file */
    uint32_t at[NTABLES], len[NTABLES]; /* the tables' places in the file */
    unsigned char head[HEAD_LEN], hhea[HHEA_LEN], maxp[MAXP_LEN];
    size_t maxp_len;            /* MAXP_LEN or MAXP05_LEN */
    unsigned char *loca, *hmtx; /* as far as numGlyphs needs them (malloc'd) */
    size_t loca_len, hmtx_len;
    uint32_t nglyphs, nhmetrics;
    int long_loca;
    unsigned char *glyphs; /* the kept glyphs' bytes, read in closure order */
    size_t nbytes, cap;
} tt_src;

static int damaged(const tt_src *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int damaged(const tt_src *s, const char *fmt, ...) {
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return diag_error(s->d, s->path, 0, "damaged font (face %d): %s", s->index, what);
}

/* Reads len bytes at off of the file into dst. Returns 0 or -1 (diagnostic). */
static int read_at(const tt_src *s, size_t off, size_t len, void *dst) {
    unsigned char *p = dst;
    while (len > 0) {
        ssize_t r = pread(s->fd, p, len, (off_t)off);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0)
            return diag_error(s->d, s->path, 0, "cannot read the font file: %s", strerror(errno));
        if (r == 0) return damaged(s, "the file ended early (was it changed while read?)");
        p += r, off += (size_t)r, len -= (size_t)r;
    }
    return 0;
}

/* Reads table k, up to need bytes of it, into *p (malloc'd) and *len. */
static int read_table(const tt_src *s, int k, size_t need, unsigned char **p, size_t *len) {
    *len = s->len[k] < need ? s->len[k] : need;
    *p = malloc(*len ? *len : 1);
    if (!*p) return diag_error(s->d, NULL, 0, "out of memory");
    return read_at(s, s->at[k], *len, *p);
}

/* Finds where the face's tables are in the directory of face index. Returns
 * 0; 1 when the face is not plain TrueType (CFF outlines, one of the tables
 * missing) for hb-subset to handle; -1 when the file is damaged. */
static int find_tables(tt_src *s) {
    unsigned char hdr[12];
    if (s->size < 12) return damaged(s, "shorter than a font header");
    if (read_at(s, 0, 12, hdr)) return -1;
    size_t dir = 0;
    if (rd32(hdr) == TAG('t', 't', 'c', 'f')) {
        uint32_t nfonts = rd32(hdr + 8);
        if (s->index < 0 || (uint32_t)s->index >= nfonts || (s->size - 12) / 4 <= (size_t)s->index)
            return damaged(s, "the collection has no face %d", s->index);
        if (read_at(s, 12 + 4 * (size_t)s->index, 4, hdr)) return -1;
        dir = rd32(hdr);
        if (dir > s->size || s->size - dir < 12)
            return damaged(s, "table directory outside the file");
        if (read_at(s, dir, 12, hdr)) return -1;
    } else if (s->index != 0) {
        return damaged(s, "not a collection, yet face %d was asked for", s->index);
    }
    uint32_t version = rd32(hdr);
    if (version == TAG('O', 'T', 'T', 'O')) return 1;
    if (version != 0x00010000 && version != TAG('t', 'r', 'u', 'e'))
        return damaged(s, "unknown font format %08x", (unsigned)version);
    size_t ntables = rd16(hdr + 4);
    if ((s->size - dir - 12) / 16 < ntables)
        return damaged(s, "table directory runs past the end of the file");
    unsigned char *recs = malloc(16 * ntables + 1);
    if (!recs) return diag_error(s->d, NULL, 0, "out of memory");
    if (read_at(s, dir + 12, 16 * ntables, recs)) {
        free(recs);
        return -1;
    }
    int found = 0;
    for (size_t i = 0; i < ntables; i++) {
        const unsigned char *rec = recs + 16 * i;
        uint32_t tag = rd32(rec), off = rd32(rec + 8), len = rd32(rec + 12);
        for (int k = 0; k < NTABLES; k++) {
            if (tag != table_tags[k] || (found & 1 << k)) continue;
            if (off > s->size || len > s->size - off) {
                damaged(s, "table '%.4s' lies outside the file", (const char *)rec);
                free(recs);
                return -1;
            }
            s->at[k] = off;
            s->len[k] = len;
            found |= 1 << k;
        }
    }
    free(recs);
    return found == (1 << NTABLES) - 1 ? 0 : 1;
}

/* Reads head, hhea and maxp, and loca and hmtx as far as the glyph count
 * needs them. Returns 0 or -1 (diagnostic). */
static int read_tables(tt_src *s) {
    if (s->len[T_MAXP] < MAXP05_LEN) return damaged(s, "'maxp' table too short");
    if (read_at(s, s->at[T_MAXP], MAXP05_LEN, s->maxp)) return -1;
    uint32_t maxp_version = rd32(s->maxp);
    s->maxp_len = maxp_version == 0x00005000 ? MAXP05_LEN : MAXP_LEN;
    if (maxp_version != 0x00005000 && maxp_version != 0x00010000)
        return damaged(s, "unknown 'maxp' version %08x", (unsigned)maxp_version);
    if (s->len[T_MAXP] < s->maxp_len) return damaged(s, "'maxp' table too short");
    if (read_at(s, s->at[T_MAXP], s->maxp_len, s->maxp)) return -1;
    if (s->len[T_HEAD] < HEAD_LEN) return damaged(s, "'head' table too short");
    if (read_at(s, s->at[T_HEAD], HEAD_LEN, s->head)) return -1;
    if (rd32(s->head + 12) != 0x5F0F3CF5) return damaged(s, "bad 'head' table");
    if (s->len[T_HHEA] < HHEA_LEN) return damaged(s, "'hhea' table too short");
    if (read_at(s, s->at[T_HHEA], HHEA_LEN, s->hhea)) return -1;
    s->nglyphs = rd16(s->maxp + 4);
    s->nhmetrics = rd16(s->hhea + 34);
    uint32_t loca_format = rd16(s->head + 50);
    if (s->nglyphs == 0) return damaged(s, "no glyphs");
    if (loca_format > 1) return damaged(s, "unknown 'loca' format %u", (unsigned)loca_format);
    s->long_loca = loca_format == 1;
    if (s->nhmetrics == 0 || s->len[T_HMTX] / 4 < s->nhmetrics)
        return damaged(s, "'hmtx' table shorter than 'hhea' says");
    size_t nshort = s->nglyphs > s->nhmetrics ? s->nglyphs - s->nhmetrics : 0;
    size_t loca_need = ((size_t)s->nglyphs + 1) * (s->long_loca ? 4 : 2);
    if (read_table(s, T_LOCA, loca_need, &s->loca, &s->loca_len) ||
        read_table(s, T_HMTX, 4 * (size_t)s->nhmetrics + 2 * nshort, &s->hmtx, &s->hmtx_len))
        return -1;
    return 0;
}

/* Where glyph g (< nglyphs) is in glyf: *off, *len. Returns 0, or -1 when
 * loca points outside glyf. */
static int glyph_range(const tt_src *s, uint32_t g, size_t *off, size_t *len) {
    size_t a, b;
    if (s->long_loca) {
        if (s->loca_len / 4 <= g + 1) return damaged(s, "'loca' table too short for glyph %u", g);
        a = rd32(s->loca + 4 * (size_t)g);
        b = rd32(s->loca + 4 * (size_t)g + 4);
    } else {
        if (s->loca_len / 2 <= g + 1) return damaged(s, "'loca' table too short for glyph %u", g);
        a = 2 * (size_t)rd16(s->loca + 2 * (size_t)g);
        b = 2 * (size_t)rd16(s->loca + 2 * (size_t)g + 2);
    }
    if (a > b || b > s->len[T_GLYF]) return damaged(s, "glyph %u lies outside the 'glyf' table", g);
    if (b - a > 0 && b - a < 10) return damaged(s, "glyph %u is cut short", g);
    *off = a;
    *len = b - a;
    return 0;
}

/* Makes room for len more bytes in s->glyphs. Returns 0 or -1 (diagnostic). */
static int reserve(tt_src *s, size_t len) {
    /* Glyphs are found by 32-bit offsets into the buffer. */
    if (len > UINT32_MAX - s->nbytes || grow_array(&s->glyphs, &s->cap, s->nbytes + len, 1, 4096))
        return diag_error(s->d, NULL, 0, "out of memory");
    return 0;
}

/* Reads glyph g's bytes to the end of s->glyphs; *at is where they start.
 * Returns 0 or -1 (diagnostic). */
static int load_glyph(tt_src *s, uint32_t g, uint32_t *at) {
    size_t off, len;
    if (glyph_range(s, g, &off, &len) || reserve(s, len)) return -1;
    *at = (uint32_t)s->nbytes;
    s->nbytes += len;
    return read_at(s, s->at[T_GLYF] + off, len, s->glyphs + *at);
}

static int is_composite(span g) {
    return g.len >= 10 && (rd16(g.p) & 0x8000);
}

/* Walks the component records of a composite glyph. */
typedef struct comp_iter {
    span g;
    size_t pos;
    int more;
} comp_iter;

static comp_iter components(span g) {
    return (comp_iter){g, 10, 1};
}

/* The next component record: its offset in the glyph into *at and its length
 * into *len. Returns 1, 0 after the last one, -1 when a record runs past the
 * end of the glyph. */
static int next_component(comp_iter *it, size_t *at, size_t *len) {
    if (!it->more) return 0;
    if (it->g.len - it->pos < 4) return -1;
    uint32_t fl = rd16(it->g.p + it->pos);
    size_t n = 4 + (fl & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    n += fl & WE_HAVE_A_SCALE            ? 2
         : fl & WE_HAVE_AN_X_AND_Y_SCALE ? 4
         : fl & WE_HAVE_A_TWO_BY_TWO     ? 8
                                         : 0;
    if (it->g.len - it->pos < n) return -1;
    *at = it->pos;
    *len = n;
    it->pos += n;
    it->more = (fl & MORE_COMPONENTS) != 0;
    return 1;
}

/* Finds the glyphs to keep: .notdef, the requested ones and, recursively,
 * the components of composite ones, and reads them. map[g] becomes where
 * glyph g's bytes are in s->glyphs (UINT32_MAX: not kept). stack has room
 * for nglyphs entries: each glyph is pushed once at most, which also ends a
 * composite that names itself. Returns the number of glyphs kept, or -1
 * (diagnostic). */
static long close_set(tt_src *s, const uint32_t *gids, size_t n, uint32_t *map, uint16_t *stack) {
    size_t top = 0, kept = 1, need = 0, off, len;
    map[0] = 0;
    stack[top++] = 0;
    for (size_t i = 0; i < n; i++)
        if (gids[i] < s->nglyphs && map[gids[i]] == UINT32_MAX) {
            map[gids[i]] = 0;
            stack[top++] = (uint16_t)gids[i];
            kept++;
        }
    /* One allocation for the requested glyphs; only components grow it. */
    for (size_t i = 0; i < top; i++) {
        if (glyph_range(s, stack[i], &off, &len)) return -1;
        need += len;
    }
    if (reserve(s, need)) return -1;
    while (top > 0) {
        uint32_t g = stack[--top];
        if (load_glyph(s, g, &map[g])) return -1;
        span gl = {s->glyphs + map[g], s->nbytes - map[g]};
        if (!is_composite(gl)) continue;
        comp_iter it = components(gl);
        size_t rec, rec_len;
        int r;
        while ((r = next_component(&it, &rec, &rec_len)) == 1) {
            uint32_t c = rd16(gl.p + rec + 2);
            if (c >= s->nglyphs)
                return damaged(s, "glyph %u has a component %u beyond the last glyph", g, c);
            if (map[c] == UINT32_MAX) {
                map[c] = 0;
                stack[top++] = (uint16_t)c;
                kept++;
            }
        }
        if (r < 0) return damaged(s, "composite glyph %u is cut short", g);
    }
    return (long)kept;
}

/* Fills tab[flags] with the bytes of a point's x and y coordinates. The
 * flags loop below is most of the subsetter's time: a table look-up, and a
 * branch only for the rare repeated flags, run it three times as fast as
 * branching on X_SHORT and X_SAME, which vary too much to be predicted. */
static void coord_bytes(unsigned char tab[256]) {
    for (unsigned fl = 0; fl < 256; fl++) {
        unsigned x = fl & X_SHORT ? 1 : fl & X_SAME ? 0 : 2;
        unsigned y = fl & Y_SHORT ? 1 : fl & Y_SAME ? 0 : 2;
        tab[fl] = (unsigned char)(x + y);
    }
}

/* Copies simple glyph g to dst without its instructions (tab from
 * coord_bytes). Returns the bytes written, or 0 when the glyph's points run
 * past its end. */
static size_t put_simple(span g, const unsigned char *tab, unsigned char *dst) {
    size_t ncont = rd16(g.p), ends = 10 + 2 * ncont;
    if (g.len < ends + 2) return 0;
    size_t npts = rd16(g.p + ends - 2) + 1;
    size_t flags = ends + 2 + rd16(g.p + ends), pos = flags, coords = 0;
    for (size_t i = 0; i < npts;) {
        if (pos >= g.len) return 0;
        uint32_t fl = g.p[pos++];
        if (fl & REPEAT_FLAG) {
            if (pos >= g.len) return 0;
            size_t rep = 1 + (size_t)g.p[pos++];
            if (rep > npts - i) return 0;
            coords += rep * tab[fl];
            i += rep;
        } else {
            coords += tab[fl];
            i++;
        }
    }
    if (pos > g.len || g.len - pos < coords) return 0;
    size_t body = pos + coords - flags;
    memcpy(dst, g.p, ends);
    wr16(dst + ends, 0);
    memcpy(dst + ends + 2, g.p + flags, body);
    return ends + 2 + body;
}

/* Copies composite glyph g to dst with its components renumbered and its
 * instructions dropped. Returns the bytes written, or 0 when it is cut short. */
static size_t put_composite(span g, const uint32_t *map, unsigned char *dst) {
    memcpy(dst, g.p, 10);
    size_t out = 10, at, len;
    comp_iter it = components(g);
    int r;
    while ((r = next_component(&it, &at, &len)) == 1) {
        memcpy(dst + out, g.p + at, len);
        wr16(dst + out, rd16(g.p + at) & ~(uint32_t)WE_HAVE_INSTRUCTIONS);
        wr16(dst + out + 2, map[rd16(g.p + at + 2)]);
        out += len;
    }
    return r < 0 ? 0 : out;
}

/* Writes the glyphs gl[0..n) (old ids keep[0..n)) to glyf and their offsets
 * to off[0..n]. Returns 0 or -1 (diagnostic). */
static int put_glyphs(const tt_src *s, const span *gl, const uint16_t *keep, size_t n,
                      const uint32_t *map, unsigned char *glyf, size_t *off) {
    unsigned char tab[256];
    coord_bytes(tab);
    off[0] = 0;
    for (size_t i = 0; i < n; i++) {
        span g = gl[i];
        size_t len = 0;
        /* A glyph of no contours draws nothing: stored empty. */
        if (g.len > 0 && rd16(g.p) != 0) {
            len = is_composite(g) ? put_composite(g, map, glyf + off[i])
                                  : put_simple(g, tab, glyf + off[i]);
            if (len == 0) return damaged(s, "glyph %u is cut short", (unsigned)keep[i]);
        }
        off[i + 1] = off[i] + len;
    }
    return 0;
}

/* Short loca offsets count 2-byte words: each glyph then starts at an even
 * offset. Moves the glyphs apart by the nodd odd-length ones (last first, so
 * that none is overwritten before it moved) and pads those with a zero byte. */
static void pad_glyphs(unsigned char *glyf, size_t *off, size_t n, size_t nodd) {
    size_t shift = nodd;
    off[n] += shift;
    for (size_t i = n; i-- > 0;) {
        size_t len = off[i + 1] - shift - off[i];
        if (len & 1) {
            shift--;
            glyf[off[i] + shift + len] = 0;
        }
        memmove(glyf + off[i] + shift, glyf + off[i], len);
        off[i] += shift;
    }
}

/* Advance and left side bearing of glyph g. As FreeType does, glyphs past
 * the long metrics share the last advance, and a bearing past the end of
 * hmtx reads as 0. */
static void hmetric(const tt_src *s, uint32_t g, unsigned char out[4]) {
    if (g < s->nhmetrics) {
        memcpy(out, s->hmtx + 4 * (size_t)g, 4);
        return;
    }
    memcpy(out, s->hmtx + 4 * ((size_t)s->nhmetrics - 1), 2);
    size_t at = 4 * (size_t)s->nhmetrics + 2 * (size_t)(g - s->nhmetrics);
    if (at <= s->hmtx_len && s->hmtx_len - at >= 2)
        memcpy(out + 2, s->hmtx + at, 2);
    else
        wr16(out + 2, 0);
}

/* Assembles the font from the nkept glyphs close_set read. Returns 0 or -1
 * (diagnostic). */
static int build(const tt_src *s, size_t nkept, uint32_t *map, uint16_t *keep, folio_subset *out) {
    span *gl = malloc(nkept * sizeof *gl);
    if (!gl) return diag_error(s->d, NULL, 0, "out of memory");
    /* Renumber in old-id order; keep[new] = old. The bound on glyf holds:
     * a glyph only loses bytes, then gains at most one byte of padding. */
    size_t n = 0, bound = s->nbytes + nkept;
    for (uint32_t g = 0; g < s->nglyphs; g++) {
        if (map[g] == UINT32_MAX) continue;
        size_t off;
        if (glyph_range(s, g, &off, &gl[n].len)) {
            free(gl);
            return -1;
        }
        gl[n].p = s->glyphs + map[g];
        keep[n] = (uint16_t)g;
        map[g] = (uint32_t)n++;
    }
    size_t len[NTABLES], at[NTABLES];
    len[T_HEAD] = HEAD_LEN;
    len[T_HHEA] = HHEA_LEN;
    len[T_MAXP] = s->maxp_len;
    len[T_HMTX] = 4 * n;
    /* The file holds head, hhea, maxp, hmtx, glyf, loca in this order: glyf
     * is written before its length is known, loca after it. */
    static const int order[4] = {T_HEAD, T_HHEA, T_MAXP, T_HMTX};
    size_t dir_len = 12 + 16 * NTABLES, cap = dir_len;
    for (int k = 0; k < 4; k++)
        cap += pad4(len[order[k]]);
    cap += pad4(bound) + pad4(4 * (n + 1));
    unsigned char *f = calloc(1, cap);
    size_t *off = malloc((n + 1) * sizeof *off);
    if (!f || !off) {
        free(f);
        free(off);
        free(gl);
        return diag_error(s->d, NULL, 0, "out of memory");
    }
    size_t pos = dir_len;
    for (int k = 0; k < 4; k++) {
        at[order[k]] = pos;
        pos += pad4(len[order[k]]);
    }
    at[T_GLYF] = pos;
    unsigned char *glyf = f + at[T_GLYF];
    int rc = put_glyphs(s, gl, keep, n, map, glyf, off);
    free(gl);
    if (rc) {
        free(f);
        free(off);
        return -1;
    }
    size_t nodd = 0;
    for (size_t i = 0; i < n; i++)
        nodd += (off[i + 1] - off[i]) & 1;
    int long_loca = off[n] + nodd > 0x1FFFE;
    if (!long_loca) pad_glyphs(glyf, off, n, nodd);
    len[T_GLYF] = off[n];
    at[T_LOCA] = at[T_GLYF] + pad4(off[n]);
    len[T_LOCA] = (n + 1) * (long_loca ? 4 : 2);
    unsigned char *loca = f + at[T_LOCA];
    for (size_t i = 0; i <= n; i++) {
        if (long_loca)
            wr32(loca + 4 * i, (uint32_t)off[i]);
        else
            wr16(loca + 2 * i, (uint32_t)(off[i] / 2));
    }
    free(off);

    unsigned char *head = f + at[T_HEAD], *hhea = f + at[T_HHEA], *maxp = f + at[T_MAXP];
    memcpy(head, s->head, HEAD_LEN);
    wr32(head + 8, 0); /* checkSumAdjustment: set once the whole font is summed */
    wr16(head + 50, (uint32_t)long_loca);
    memcpy(hhea, s->hhea, HHEA_LEN);
    wr16(hhea + 34, (uint32_t)n);
    memcpy(maxp, s->maxp, s->maxp_len);
    wr16(maxp + 4, (uint32_t)n);
    if (s->maxp_len == MAXP_LEN) {
        /* No hinting: one zone, and no twilight points, storage, functions,
         * instruction definitions, stack or instructions. The other maxima
         * stay the whole font's, which bound the subset's. */
        wr16(maxp + 14, 1);
        memset(maxp + 16, 0, 12);
    }
    for (size_t i = 0; i < n; i++)
        hmetric(s, keep[i], f + at[T_HMTX] + 4 * i);

    wr32(f, 0x00010000);
    wr16(f + 4, NTABLES);
    uint32_t pow2 = 1, sel = 0;
    while (pow2 * 2 <= NTABLES)
        pow2 *= 2, sel++;
    wr16(f + 6, 16 * pow2);
    wr16(f + 8, sel);
    wr16(f + 10, 16 * (NTABLES - pow2));
    uint32_t sums[NTABLES];
    for (int k = 0; k < NTABLES; k++) {
        unsigned char *rec = f + 12 + 16 * k;
        sums[k] = table_sum(f + at[k], pad4(len[k]));
        wr32(rec, table_tags[k]);
        wr32(rec + 4, sums[k]);
        wr32(rec + 8, (uint32_t)at[k]);
        wr32(rec + 12, (uint32_t)len[k]);
    }
    /* The tables are padded and 4-byte aligned: the whole font sums to the
     * directory's sum and theirs, without reading a megabyte of glyf again. */
    uint32_t font_sum = table_sum(f, dir_len);
    for (int k = 0; k < NTABLES; k++)
        font_sum += sums[k];
    wr32(head + 8, 0xB1B0AFBAu - font_sum);
    size_t total = at[T_LOCA] + pad4(len[T_LOCA]);
    out->data = f;
    out->len = total;
    return 0;
}

int fonts_tt_subset(const char *path, int index, const uint32_t *gids, size_t n, folio_subset *out,
                    folio_diags *d) {
    memset(out, 0, sizeof *out);
    tt_src s = {.path = path, .index = index, .d = d};
    struct stat st;
    s.fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s.fd < 0 || fstat(s.fd, &st) != 0) {
        int err = errno;
        if (s.fd >= 0) close(s.fd);
        return diag_error(d, path, 0, "cannot read the font file for subsetting: %s",
                          strerror(err));
    }
    s.size = (size_t)st.st_size;
    int rc = find_tables(&s);
    if (rc == 0) rc = read_tables(&s);
    if (rc == 0) {
        out->old_to_new = malloc((size_t)s.nglyphs * sizeof *out->old_to_new);
        uint16_t *keep = malloc((size_t)s.nglyphs * sizeof *keep);
        if (!out->old_to_new || !keep) {
            rc = diag_error(d, NULL, 0, "out of memory");
        } else {
            out->nold = s.nglyphs;
            for (uint32_t g = 0; g < s.nglyphs; g++)
                out->old_to_new[g] = UINT32_MAX;
            long kept = close_set(&s, gids, n, out->old_to_new, keep);
            rc = kept < 0 ? -1 : build(&s, (size_t)kept, out->old_to_new, keep, out);
        }
        free(keep);
        if (rc) fonts_subset_free(out);
    }
    free(s.loca);
    free(s.hmtx);
    free(s.glyphs);
    close(s.fd);
    return rc;
}
