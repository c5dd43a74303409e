/* breaks.c — UAX #14 line break opportunities from ICU, tailored to clreq. */
#include "breaks.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>

static const char *locale_for(folio_kinsoku level) {
    switch (level) {
    case KINSOKU_STRICT:
        return "zh@lb=strict";
    case KINSOKU_LOOSE:
        return "zh@lb=loose";
    default:
        return "zh@lb=normal";
    }
}

/* Asks ICU for the UAX #14 opportunities. */
void breakers_close(folio_breakers *b) {
    for (size_t i = 0; b && i < sizeof b->bi / sizeof *b->bi; i++) {
        if (b->bi[i]) ubrk_close(b->bi[i]);
        b->bi[i] = NULL;
    }
}

static int icu_breaks(folio_breakers *cache, const uint32_t *cps, size_t n, folio_kinsoku level,
                      uint8_t *brk, const char **err) {
    size_t len16 = 0;
    for (size_t i = 0; i < n; i++)
        len16 += cps[i] > 0xFFFF ? 2 : 1;
    if (len16 > INT32_MAX) {
        *err = "paragraph too long";
        return -1;
    }
    UChar *u = malloc((len16 + 1) * sizeof *u);
    size_t *at = malloc((len16 + 1) * sizeof *at); /* UTF-16 index -> char index */
    if (!u || !at) {
        free(u), free(at);
        *err = "out of memory";
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        at[k] = i;
        if (c > 0xFFFF) {
            c -= 0x10000;
            u[k++] = (UChar)(0xD800 + (c >> 10));
            at[k] = i; /* a break is never reported inside a pair */
            u[k++] = (UChar)(0xDC00 + (c & 0x3FF));
        } else {
            u[k++] = (UChar)c;
        }
    }
    at[len16] = n;
    UErrorCode st = U_ZERO_ERROR;
    void **slot =
        cache && (unsigned)level < sizeof cache->bi / sizeof *cache->bi ? &cache->bi[level] : NULL;
    UBreakIterator *bi = slot ? *slot : NULL;
    if (bi)
        ubrk_setText(bi, u, (int32_t)len16, &st);
    else
        bi = ubrk_open(UBRK_LINE, locale_for(level), u, (int32_t)len16, &st);
    if (U_FAILURE(st)) {
        if (bi && slot) *slot = NULL;
        if (bi) ubrk_close(bi);
        free(u), free(at);
        *err = u_errorName(st);
        return -1;
    }
    for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
        brk[at[b]] = 1;
    /* The breaker keeps a pointer to u: point it at nothing before u goes. */
    if (slot) {
        static const UChar none[1] = {0};
        ubrk_setText(bi, none, 0, &st);
        *slot = bi;
    } else {
        ubrk_close(bi);
    }
    free(u), free(at);
    return 0;
}

static int cjk_side(uint8_t c) {
    return c == PC_IDEO || c == PC_CLOSE || c == PC_STOP || c == PC_DASH || c == PC_OPEN;
}

/* Whether cps[s, e) — a run without spaces — is an e-mail address or URL. */
static int is_address(const uint32_t *cps, size_t s, size_t e) {
    for (size_t i = s; i < e; i++) {
        if (cps[i] == '@' && i > s && i + 1 < e) return 1;
        if (cps[i] == ':' && i + 2 < e && cps[i + 1] == '/' && cps[i + 2] == '/') return 1;
    }
    return e - s > 4 && cps[s] == 'w' && cps[s + 1] == 'w' && cps[s + 2] == 'w' &&
           cps[s + 3] == '.';
}

/* Adds BREAK_ADDRESS opportunities inside addresses (see breaks.h). */
static void address_breaks(const uint32_t *cps, size_t n, uint8_t *brk) {
    for (size_t s = 0; s < n;) {
        if (cps[s] <= 0x20 || cps[s] >= 0x7F) {
            s++;
            continue;
        }
        size_t e = s;
        while (e < n && cps[e] > 0x20 && cps[e] < 0x7F)
            e++;
        /* a sentence's own mark after the address is not part of it */
        size_t end = e;
        while (end > s && strchr(".,;:!?)'\"", (int)cps[end - 1]))
            end--;
        if (is_address(cps, s, end))
            for (size_t i = s + 2; i + 1 < end; i++) {
                int before =
                    strchr(".@_?#&=~%", (int)cps[i]) && !strchr(".@_?#&=~%/", (int)cps[i - 1]);
                int after_slashes = cps[i - 1] == '/' && cps[i - 2] == '/' && cps[i] != '/';
                if ((before || after_slashes) && !brk[i]) brk[i] = BREAK_ADDRESS;
            }
        s = e;
    }
}

int breaks_find(folio_breakers *cache, const uint32_t *cps, const uint8_t *cls, size_t n,
                folio_kinsoku level, uint8_t *brk, const char **err) {
    for (size_t i = 0; i <= n; i++)
        brk[i] = 0;
    if (n && icu_breaks(cache, cps, n, level, brk, err) < 0) return -1;
    /* UAX #14 glues quotation marks to both neighbours (LB19); in Chinese
     * “ ” are brackets: breakable outside, glued inside. Straight ASCII
     * quotes in Chinese text alternate opening/closing. */
    int dq_open = 1;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        uint8_t prev = i ? cls[i - 1] : PC_SPACE, next = i + 1 < n ? cls[i + 1] : PC_SPACE;
        if (cls[i] == PC_OPEN && i && cjk_side(prev) && prev != PC_OPEN) brk[i] = 1;
        if (cls[i] == PC_CLOSE && i + 1 < n && cjk_side(next) && next != PC_CLOSE &&
            next != PC_STOP)
            brk[i + 1] = 1;
        if (c == '"') {
            if (dq_open && i && cjk_side(prev) && prev != PC_OPEN) brk[i] = 1;
            if (!dq_open && i + 1 < n && cjk_side(next) && next != PC_CLOSE && next != PC_STOP)
                brk[i + 1] = 1;
            if (dq_open)
                brk[i + 1] = 0; /* KIN-2 for the opening one */
            else
                brk[i] = 0; /* KIN-1 for the closing one */
            dq_open = !dq_open;
        }
    }
    address_breaks(cps, n, brk);
    for (size_t i = 1; i < n; i++) {
        if (punct_no_start(cps[i]) || punct_no_end(cps[i - 1])) /* KIN-1, KIN-2 */
            brk[i] = 0;
        else if (punct_is_dash(cps[i - 1]) && punct_is_dash(cps[i])) /* KIN-4 */
            brk[i] = 0;
        else if (cls[i] == PC_INVIS)
            brk[i] = 0; /* keep format characters with what they follow */
    }
    brk[0] = 1;
    brk[n] = 1;
    return 0;
}
