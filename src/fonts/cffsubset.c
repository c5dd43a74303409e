/* cffsubset.c — subsets of CFF-outline faces made straight from the font
 * file, for the PDF's FontFile3.
 *
 * Each kept glyph's charstring is desubroutinized (the subroutines it calls
 * written out in place) and loses its hints: deflate packs outlines without
 * subroutines better (the sample's 1,512 characters of Noto Serif CJK SC:
 * 309 KB against 346 KB), and a PDF viewer hints CJK outlines itself (they
 * were 66 KB more). hb-subset does the same but first builds a plan over the
 * whole font: 48 ms a subset for Noto Serif CJK's 65,535 glyphs, against a
 * few here, and the PDF makes two subsets of the body face.
 *
 * The file is mapped rather than read: a glyph reaches into subroutines
 * anywhere in a 23 MB table, and only the pages touched are read. Every
 * offset and length is checked against the table. */
#include "cff_private.h"
#include "fonts_private.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The state of one glyph's charstring as it is written out. */
typedef struct t2 {
    folio_buf *out;
    const cff_index *gsubrs, *lsubrs;
    int gbias, lbias;
    size_t nargs;     /* operands since the last operator (kept ones) */
    size_t args_at;   /* where they start in out */
    size_t first_end; /* where the first of them ends */
    size_t last_at;   /* where the last one starts */
    long last;        /* its value, when an integer */
    int last_int;
    size_t nstems;  /* hint stems declared: the size of hintmask's mask */
    int width_done; /* a path operator came: no width operand after it */
    int ended;      /* endchar came */
    int depth;
} t2;

/* Operators that declare hints, and the masks that select them. */
#define T2_HSTEM 1
#define T2_VSTEM 3
#define T2_HSTEMHM 18
#define T2_VSTEMHM 23
#define T2_HINTMASK 19
#define T2_CNTRMASK 20
#define T2_CALLSUBR 10
#define T2_RETURN 11
#define T2_ENDCHAR 14
#define T2_CALLGSUBR 29

/* Writes charstring p[0..n) out: subroutine calls replaced by the
 * subroutines' operators, hints left out (a width operand given with the
 * first of them kept for the operator that follows). Returns 0, or -1 when
 * the charstring is damaged (a call out of range, nesting deeper than the
 * spec's 10, a truncated operand). */
static int t2_run(t2 *t, const unsigned char *p, size_t n) {
    size_t i = 0;
    while (i < n && !t->ended) {
        unsigned b = p[i];
        if (b == 28 || b >= 32) { /* an operand */
            size_t len = b == 28 ? 3 : b <= 246 ? 1 : b <= 254 ? 2 : 5;
            if (n - i < len) return -1;
            t->last_int = b != 255;
            t->last = b == 28    ? (int16_t)(p[i + 1] << 8 | p[i + 2])
                      : b <= 246 ? (long)b - 139
                      : b <= 250 ? ((long)b - 247) * 256 + p[i + 1] + 108
                      : b <= 254 ? -((long)b - 251) * 256 - p[i + 1] - 108
                                 : 0;
            t->last_at = t->out->len;
            if (t->nargs == 0) t->args_at = t->out->len;
            buf_append(t->out, p + i, len);
            if (++t->nargs == 1) t->first_end = t->out->len;
            i += len;
            continue;
        }
        if (b == T2_CALLSUBR || b == T2_CALLGSUBR) {
            const cff_index *ix = b == T2_CALLSUBR ? t->lsubrs : t->gsubrs;
            long k = t->last + (b == T2_CALLSUBR ? t->lbias : t->gbias);
            const unsigned char *sp;
            size_t sn;
            if (!t->nargs || !t->last_int || !ix || k < 0 || (size_t)k >= ix->count ||
                t->depth >= 10 || cff_index_get(ix, (size_t)k, &sp, &sn))
                return -1;
            t->out->len = t->last_at; /* the subroutine's number goes */
            t->nargs--;
            t->last_int = 0;
            t->depth++;
            int r = t2_run(t, sp, sn);
            t->depth--;
            if (r) return r;
            i++;
            continue;
        }
        if (b == T2_RETURN) return 0;
        if (b == T2_HSTEM || b == T2_VSTEM || b == T2_HSTEMHM || b == T2_VSTEMHM ||
            b == T2_HINTMASK || b == T2_CNTRMASK) {
            /* An odd count before the first path operator starts with the
             * width: it stays, for the next operator to take. */
            int width = !t->width_done && t->nargs % 2;
            t->nstems += t->nargs / 2;
            size_t mask = b == T2_HINTMASK || b == T2_CNTRMASK ? (t->nstems + 7) / 8 : 0;
            if (n - i - 1 < mask) return -1;
            if (t->nargs) t->out->len = width ? t->first_end : t->args_at;
            t->nargs = width ? 1 : 0;
            i += 1 + mask;
            continue;
        }
        size_t len = b == 12 ? 2 : 1;
        if (n - i < len) return -1;
        buf_append(t->out, p + i, len);
        i += len;
        t->nargs = 0;
        t->width_done = 1;
        if (b == T2_ENDCHAR) t->ended = 1;
    }
    return 0;
}

/* Kept glyphs' charstrings, desubroutinized and unhinted, into cs (glyph i's
 * bytes from at[i] to at[i + 1]). */
static int write_glyphs(const cff_font *f, const uint32_t *keep, size_t nkeep, folio_buf *cs,
                        size_t *at) {
    for (size_t i = 0; i < nkeep; i++) {
        const unsigned char *p;
        size_t n;
        unsigned fd = f->fd[keep[i]];
        t2 t = {cs,
                &f->gsubrs,
                &f->lsubrs[fd],
                cff_subr_bias(f->gsubrs.count),
                cff_subr_bias(f->lsubrs[fd].count),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0};
        at[i] = cs->len;
        if (cff_index_get(&f->chars, keep[i], &p, &n) || t2_run(&t, p, n)) return -1;
        if (!t.ended) buf_putc(cs, T2_ENDCHAR); /* a charstring that just stops */
    }
    at[nkeep] = cs->len;
    return cs->oom ? -2 : 0;
}

int cff_subset_table(const char *name, const unsigned char *cff, size_t len, const uint32_t *gids,
                     size_t n, folio_subset *out, folio_diags *d) {
    memset(out, 0, sizeof *out);
    cff_font f;
    int oom = 0, rc = -1;
    uint32_t *keep = NULL;
    size_t *at = NULL;
    piece *glyph = NULL;
    unsigned char *fdsel = NULL;
    folio_buf cs, prog;
    buf_init(&cs);
    buf_init(&prog);
    memset(&f, 0, sizeof f);
    if (cff_parse(&f, cff, len, 1, &oom)) {
        if (oom)
            diag_error(d, NULL, 0, "out of memory");
        else
            diag_error(d, name, 0, "damaged CFF outlines");
        goto done;
    }
    size_t ng = f.chars.count, nkeep = 0;
    out->old_to_new = malloc(ng * sizeof *out->old_to_new);
    keep = malloc((ng < n + 1 ? ng : n + 1) * sizeof *keep);
    if (!out->old_to_new || !keep) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    /* .notdef, then the glyphs asked for, in their old order */
    for (size_t g = 0; g < ng; g++)
        out->old_to_new[g] = UINT32_MAX;
    out->old_to_new[0] = 0;
    for (size_t i = 0; i < n; i++)
        if (gids[i] < ng) out->old_to_new[gids[i]] = 0;
    for (size_t g = 0; g < ng; g++)
        if (out->old_to_new[g] == 0) {
            out->old_to_new[g] = (uint32_t)nkeep;
            keep[nkeep++] = (uint32_t)g;
        }
    out->nold = ng;
    at = malloc((nkeep + 1) * sizeof *at);
    glyph = malloc(nkeep * sizeof *glyph);
    fdsel = malloc(nkeep);
    if (!at || !glyph || !fdsel) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    int w = write_glyphs(&f, keep, nkeep, &cs, at);
    if (w) {
        if (w == -2)
            diag_error(d, NULL, 0, "out of memory");
        else
            diag_error(d, name, 0, "damaged CFF glyph outlines");
        goto done;
    }
    for (size_t i = 0; i < nkeep; i++) {
        glyph[i] = (piece){(const unsigned char *)cs.data + at[i], at[i + 1] - at[i]};
        fdsel[i] = f.fd[keep[i]];
    }
    if (cff_write(name, &f, glyph, fdsel, nkeep, NULL, NULL, 0, 1.0, 0, &prog, d)) {
        if (prog.oom) diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    out->data = (unsigned char *)buf_detach(&prog, &out->len);
    if (!out->data) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    rc = 0;
done:
    if (rc) fonts_subset_free(out);
    cff_font_free(&f);
    buf_free(&cs);
    buf_free(&prog);
    free(keep);
    free(at);
    free(glyph);
    free(fdsel);
    return rc;
}

int fonts_cff_subset(const char *path, int index, const uint32_t *gids, size_t n, folio_subset *out,
                     folio_diags *d) {
    memset(out, 0, sizeof *out);
    int fdn = open(path, O_RDONLY | O_CLOEXEC);
    if (fdn < 0) return diag_error(d, path, 0, "cannot open the font file for subsetting");
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fdn, &st) == 0 && st.st_size > 0)
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fdn, 0);
    close(fdn);
    if (map == MAP_FAILED)
        return diag_error(d, path, 0, "cannot read the font file for subsetting");
    size_t len = (size_t)st.st_size;
    cff_in in;
    int rc = cff_find(map, len, index, &in)
                 ? diag_error(d, path, 0, "no CFF outlines in face %d", index)
                 : cff_subset_table(path, in.p, in.len, gids, n, out, d);
    munmap(map, len);
    return rc;
}
