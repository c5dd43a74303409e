/* titleblock.c — an article's title, subtitle, authors and byline as one
 * stack spanning the type area, centred (HD-1). */
#include "compose.h"
#include "punct.h"

#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

static size_t word_break(composer *c, layout_style_id sid, const char *t, float width);
static int word_breaks(composer *c, layout_style_id sid, const char *t, float width, int k,
                       size_t *cuts);

/* Sets text in k lines ending at the given byte offsets (cuts[0..k-2]). */
static int set_cut(composer *c, layout_style_id sid, const char *t, size_t k, const size_t *cuts,
                   float measure, folio_line_role role, folio_para_out *out) {
    const layout_style *st = &c->l->styles[sid];
    folio_line *lines = arena_calloc(c->arena, k, sizeof *lines);
    if (!lines) return c->oom = 1, -1;
    size_t at = 0;
    for (size_t i = 0; i < k; i++) {
        size_t end = i + 1 < k ? cuts[i] : strlen(t);
        char *piece = arena_strndup(c->arena, t + at, end - at);
        folio_para_out pl;
        if (!piece) return c->oom = 1, -1;
        if (label_para(c, sid, piece, measure, st->align, role, &pl)) return -1;
        if (pl.nlines != 1) return 1; /* does not fit after all */
        lines[i] = pl.lines[0];
        at = end;
    }
    out->lines = lines;
    out->nlines = k;
    return 0;
}

static int add_text(composer *c, stack *s, layout_style_id sid, const char *text,
                    const folio_article *a, folio_line_role role, float width, int with_after) {
    const layout_style *st = &c->l->styles[sid];
    float measure = width - 2 * st->indent;
    folio_para_out out;
    if (label_para(c, sid, text, measure, st->align, role, &out)) return -1;
    float dx = st->indent;
    size_t cuts[3];
    int cut = 0;
    if (out.nlines == 2)
        cut = (cuts[0] = word_break(c, sid, text, measure)) > 0;
    else if (out.nlines == 3 || out.nlines == 4)
        cut = word_breaks(c, sid, text, measure, (int)out.nlines, cuts);
    folio_para_out words;
    if (st->align == ALIGN_CENTER && cut) {
        /* centred lines (a long subtitle) end at words, balanced */
        int rc = set_cut(c, sid, text, out.nlines, cuts, measure, role, &words);
        if (rc < 0) return -1;
        if (rc == 0) out = words;
    } else if (out.nlines > 1 && st->align == ALIGN_CENTER) {
        /* a centred block of lines (a long subtitle) is balanced like the
         * title: the narrowest whole-em measure that keeps the line count */
        folio_line *one = label_line(c, sid, st->size, text, role);
        if (!one) return -1;
        float m = one->natural / (float)out.nlines;
        m = (float)(int)(m / st->size + 1.999f) * st->size;
        folio_para_out bal;
        if (m < measure && !label_para(c, sid, text, m, st->align, role, &bal) &&
            bal.nlines == out.nlines) {
            dx += (measure - m) / 2;
            out = bal;
        }
    }
    for (size_t i = 0; i < out.nlines; i++) {
        out.lines[i].x += dx;
        out.lines[i].article = (int)a->index;
        out.lines[i].src = a->path;
        out.lines[i].src_line = a->title_line;
    }
    stack_space(s, st->before * c->l->body_pitch);
    stack_lines(s, out.lines, out.nlines, st->size, st->pitch);
    if (with_after) stack_space(s, st->after * c->l->body_pitch);
    return 0;
}

static void put_title(stack *s, folio_para_out *out, const folio_article *a, const layout_style *st,
                      float dx) {
    for (size_t i = 0; i < out->nlines; i++) {
        out->lines[i].x += dx;
        out->lines[i].article = (int)a->index;
        out->lines[i].src = a->path;
        out->lines[i].src_line = a->title_line;
    }
    stack_lines(s, out->lines, out->nlines, st->size, st->pitch);
}

/* The byte offsets in t where a title may break: ICU's word boundaries
 * (dictionary-based for Chinese) that break neither KIN-1/KIN-2 nor at a
 * space, ascending. Returns a malloc'd array of *n offsets (caller frees), or
 * NULL with *n = 0 when ICU or memory fails. */
static size_t *title_boundaries(const char *t, size_t *n) {
    *n = 0;
    UErrorCode err = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, t, -1, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return NULL;
    err = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
    size_t *offs = malloc(((size_t)n16 + 1) * sizeof *offs);
    if (!u || !offs) {
        free(u);
        free(offs);
        return NULL;
    }
    u_strFromUTF8(u, n16 + 1, NULL, t, -1, &err);
    UBreakIterator *bi = U_SUCCESS(err) ? ubrk_open(UBRK_WORD, "zh", u, n16, &err) : NULL;
    size_t len = strlen(t);
    for (int32_t b = bi ? ubrk_first(bi) : UBRK_DONE; b != UBRK_DONE; b = ubrk_next(bi)) {
        if (b <= 0 || b >= n16) continue;
        int32_t off8 = 0;
        UErrorCode e2 = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &off8, u, b, &e2);
        size_t off = (size_t)off8;
        if (off >= len) continue;
        uint32_t last = 0, next;
        for (size_t i = 0; i < off;)
            i += utf8_decode(t + i, off - i, &last);
        utf8_decode(t + off, len - off, &next);
        if (punct_no_end(last) || punct_no_start(next) || next == ' ' || last == ' ') continue;
        offs[(*n)++] = off;
    }
    if (bi) ubrk_close(bi);
    free(u);
    return offs;
}

/* For a title of two lines: the byte offset of the word boundary
 * (title_boundaries) that balances the two lines best; 0 when there is none
 * that fits. */
static size_t word_break(composer *c, layout_style_id sid, const char *t, float width) {
    const layout_style *st = &c->l->styles[sid];
    size_t nb;
    size_t *offs = title_boundaries(t, &nb);
    size_t best = 0;
    float best_cost = 0;
    size_t len = strlen(t);
    char *part = offs ? malloc(len + 1) : NULL;
    for (size_t k = 0; part && k < nb; k++) {
        size_t off = offs[k];
        memcpy(part, t, off);
        part[off] = 0;
        folio_line *a = label_line(c, sid, st->size, part, FOLIO_ROLE_TITLE);
        folio_line *z = label_line(c, sid, st->size, t + off, FOLIO_ROLE_TITLE);
        if (!a || !z) break;
        if (a->natural > width || z->natural > width) continue;
        /* the longer line decides; a first line a little longer is the
         * usual shape, so it wins ties */
        float cost = (a->natural > z->natural ? a->natural : z->natural) +
                     (a->natural < z->natural ? 0.01f : 0);
        if (!best || cost < best_cost) {
            best = off;
            best_cost = cost;
        }
    }
    free(offs);
    free(part);
    return best;
}

/* For a title of k = 3 or 4 lines: the word boundaries (as word_break) that
 * make the longest line shortest, in cuts[0..k-2]. Returns 1 when found. */
#define MAXB 64
static int word_breaks(composer *c, layout_style_id sid, const char *t, float width, int k,
                       size_t *cuts) {
    const layout_style *st = &c->l->styles[sid];
    size_t len = strlen(t), bnd[MAXB];
    int nb = 0;
    bnd[nb++] = 0;
    size_t noffs;
    size_t *offs = title_boundaries(t, &noffs);
    for (size_t i = 0; i < noffs && nb < MAXB - 1; i++)
        bnd[nb++] = offs[i];
    free(offs);
    bnd[nb++] = len;
    /* w[i][j]: width of the text between boundaries i and j (< 0: too wide) */
    static const float NONE = -1;
    float *w = malloc(sizeof(float) * (size_t)nb * (size_t)nb);
    float *best = malloc(sizeof(float) * (size_t)nb * 5);
    int *from = malloc(sizeof(int) * (size_t)nb * 5);
    char *part = malloc(len + 1);
    int ok = 0;
    if (!w || !best || !from || !part) goto out;
    for (int i = 0; i < nb; i++)
        for (int j = i + 1; j < nb; j++) {
            memcpy(part, t + bnd[i], bnd[j] - bnd[i]);
            part[bnd[j] - bnd[i]] = 0;
            folio_line *ln = label_line(c, sid, st->size, part, FOLIO_ROLE_TITLE);
            if (!ln) goto out;
            w[i * nb + j] = ln->natural <= width ? ln->natural : NONE;
        }
    /* best[m][j]: the least longest line setting the text up to boundary j
     * in m lines */
    for (int m = 0; m <= k; m++)
        for (int j = 0; j < nb; j++)
            best[m * nb + j] = NONE;
    best[0] = 0;
    for (int m = 1; m <= k; m++)
        for (int j = 1; j < nb; j++)
            for (int i = 0; i < j; i++) {
                float prev = best[(m - 1) * nb + i], wij = w[i * nb + j];
                if (prev < 0 || wij < 0) continue;
                float cost = prev > wij ? prev : wij;
                if (best[m * nb + j] < 0 || cost < best[m * nb + j]) {
                    best[m * nb + j] = cost;
                    from[m * nb + j] = i;
                }
            }
    if (best[k * nb + nb - 1] >= 0) {
        int j = nb - 1;
        for (int m = k; m > 1; m--) {
            j = from[m * nb + j];
            cuts[m - 2] = bnd[j];
        }
        ok = 1;
    }
out:
    free(w);
    free(best);
    free(from);
    free(part);
    return ok;
}

/* Sets a title the way an editor would break it: on one line when it fits;
 * else at the spaces the editor typed between its phrases (关于…… 打造……);
 * else in lines of balanced length rather than one full line and a stub. */
static int add_title(composer *c, stack *s, layout_style_id sid, const folio_article *a,
                     float width, float dx) {
    const layout_style *st = &c->l->styles[sid];
    const char *t = a->title;
    folio_line *one = label_line(c, sid, st->size, t, FOLIO_ROLE_TITLE);
    if (!one) return -1;
    if (one->natural <= width || (!strchr(t, ' ') && !strstr(t, "　"))) {
        folio_para_out out;
        if (label_para(c, sid, t, width, st->align, FOLIO_ROLE_TITLE, &out)) return -1;
        size_t cut = out.nlines == 2 ? word_break(c, sid, t, width) : 0;
        if (cut) {
            char *first = arena_strndup(c->arena, t, cut);
            folio_para_out a1, a2;
            if (!first) return c->oom = 1, -1;
            if (label_para(c, sid, first, width, st->align, FOLIO_ROLE_TITLE, &a1) ||
                label_para(c, sid, t + cut, width, st->align, FOLIO_ROLE_TITLE, &a2))
                return -1;
            put_title(s, &a1, a, st, dx);
            put_title(s, &a2, a, st, dx);
            return 0;
        }
        size_t cuts[3], k = out.nlines;
        /* a long title that fills its lines to the end may need one line
         * more to end each at a word */
        int found = (k == 3 || k == 4) && word_breaks(c, sid, t, width, (int)k, cuts);
        if (!found && k == 3) found = word_breaks(c, sid, t, width, (int)++k, cuts);
        if (found) {
            /* three or four lines, each ending at a word */
            folio_para_out words;
            int rc = set_cut(c, sid, t, k, cuts, width, FOLIO_ROLE_TITLE, &words);
            if (rc < 0) return -1;
            if (rc == 0) {
                put_title(s, &words, a, st, dx);
                return 0;
            }
        }
        if (out.nlines > 1) {
            /* balance: the narrowest whole-em measure that keeps the count */
            float m = one->natural / (float)out.nlines;
            m = (float)(int)(m / st->size + 1.999f) * st->size;
            folio_para_out bal;
            if (m < width && !label_para(c, sid, t, m, st->align, FOLIO_ROLE_TITLE, &bal) &&
                bal.nlines == out.nlines) {
                for (size_t i = 0; i < bal.nlines; i++)
                    bal.lines[i].x += (width - m) / 2;
                out = bal;
            }
        }
        put_title(s, &out, a, st, dx);
        return 0;
    }
    /* phrases: split at spaces, then join greedily while a line fits */
    size_t len = strlen(t), i = 0;
    char *line = arena_alloc(c->arena, len + 1);
    if (!line) return c->oom = 1, -1;
    line[0] = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && t[j] != ' ' && strncmp(t + j, "　", 3))
            j++;
        char part[512];
        snprintf(part, sizeof part, "%.*s", (int)(j - i), t + i);
        size_t k = strlen(line);
        char *try = arena_alloc(c->arena, k + strlen(part) + 2);
        if (!try) return c->oom = 1, -1;
        sprintf(try, "%s%s%s", line, k ? " " : "", part);
        folio_line *w = label_line(c, sid, st->size, try, FOLIO_ROLE_TITLE);
        if (!w) return -1;
        if (k && w->natural > width) {
            folio_para_out out;
            if (label_para(c, sid, line, width, st->align, FOLIO_ROLE_TITLE, &out)) return -1;
            put_title(s, &out, a, st, dx);
            snprintf(line, len + 1, "%s", part);
        } else {
            snprintf(line, len + 1, "%s", try);
        }
        i = j;
        while (i < len && (t[i] == ' ' || !strncmp(t + i, "　", 3)))
            i += t[i] == ' ' ? 1 : 3;
    }
    if (*line) {
        folio_para_out out;
        if (label_para(c, sid, line, width, st->align, FOLIO_ROLE_TITLE, &out)) return -1;
        put_title(s, &out, a, st, dx);
    }
    return 0;
}

int title_block(composer *c, const folio_article *a, float width, int compact, stack *s) {
    int brief = a->kind == FOLIO_KIND_BRIEF || a->kind == FOLIO_KIND_NOTICE;
    layout_style_id tid = brief ? ST_BRIEF_TITLE : ST_TITLE;
    /* a little narrower than the type area, so long titles break into a
     * balanced shape rather than filling the whole width */
    float tw = brief ? width : width - 4 * c->l->body_size;
    stack_init(s);
    stack_space(s, c->l->styles[tid].before * c->l->body_pitch);
    if (add_title(c, s, tid, a, tw, (width - tw) / 2)) return -1;
    /* a little air between the title and the lines that serve it, so that
     * subtitle and authors read as a group of their own */
    float after = c->l->styles[tid].after * c->l->body_pitch, air = 0.4f * c->l->body_pitch;
    int more = (a->subtitle && *a->subtitle) || a->nauthors || (a->byline && *a->byline);
    if (compact)
        after = 0;
    else if (!brief && more && after >= air) {
        /* taken from the space under the block, so the block keeps its size */
        stack_space(s, air);
        after -= air;
    }
    if (a->subtitle && *a->subtitle &&
        add_text(c, s, ST_SUBTITLE, a->subtitle, a, FOLIO_ROLE_SUBTITLE, width, 1))
        return -1;
    if (a->nauthors) {
        size_t len = 1;
        for (size_t i = 0; i < a->nauthors; i++)
            len += strlen(a->authors[i]) + 3;
        char *t = arena_alloc(c->arena, len);
        if (!t) {
            c->oom = 1;
            return -1;
        }
        for (size_t i = 0; i < a->nauthors; i++) {
            if (i) strcat(t, "　"); /* an ideographic space between names */
            strcat(t, a->authors[i]);
        }
        if (add_text(c, s, ST_AUTHOR, t, a, FOLIO_ROLE_AUTHOR, width, 1)) return -1;
    }
    if (a->byline && *a->byline &&
        add_text(c, s, ST_BYLINE, a->byline, a, FOLIO_ROLE_BYLINE, width, 1))
        return -1;
    /* the space under the whole block: the title style's `after` */
    stack_space(s, after);
    return s->oom ? (c->oom = 1, -1) : 0;
}
