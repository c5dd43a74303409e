/* fold.c — Han characters folded for search: compatibility forms to their
 * unified character (NFKC), then Traditional to Simplified (OpenCC's t2s).
 *
 * Each character is folded alone, never as part of a phrase: a query is a
 * piece of a document, and only a context-free mapping folds a piece the way
 * it folds the same characters inside the whole (OpenCC's phrase tables would
 * turn 著 in 著作 and 著 alone into different characters). The table is
 * filled lazily, 256 code points at a time, with one OpenCC call per block:
 * a process that never tokenizes Han text never pays for it. */
#include "archive_private.h"

#include "../util/utf8.h"

#include <opencc/opencc.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

/* Blocks of 256 code points up to the end of CJK Extension G. */
enum { FOLD_BLOCKS = 0x31400 >> 8 };

struct archive_fold {
    opencc_t cc;
    const UNormalizer2 *nfkc;
    uint32_t *block[FOLD_BLOCKS]; /* NULL until first needed */
};

archive_fold *archive_fold_new(const char **why) {
    archive_fold *f = calloc(1, sizeof *f);
    if (!f) {
        *why = "out of memory";
        return NULL;
    }
    UErrorCode err = U_ZERO_ERROR;
    f->nfkc = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err)) {
        *why = "ICU has no NFKC data";
        free(f);
        return NULL;
    }
    /* Debian's libopencc-data installs t2s.json and its dictionaries in
     * /usr/share/opencc, where OpenCC looks for a bare file name. */
    f->cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    if (f->cc == (opencc_t)-1) {
        *why = "OpenCC cannot load its t2s configuration (is libopencc-data installed?)";
        free(f);
        return NULL;
    }
    return f;
}

void archive_fold_free(archive_fold *f) {
    if (!f) return;
    for (size_t i = 0; i < FOLD_BLOCKS; i++)
        free(f->block[i]);
    opencc_close(f->cc);
    free(f);
}

/* c's NFKC form when that is one code point, else c. */
static uint32_t nfkc_char(const archive_fold *f, uint32_t c) {
    UChar in[2], out[8];
    int32_t n = 0;
    UBool bad = 0;
    U16_APPEND((UChar *)in, n, 2, (UChar32)c, bad);
    if (bad) return c;
    UErrorCode err = U_ZERO_ERROR;
    int32_t m = unorm2_normalize(f->nfkc, in, n, out, 8, &err);
    if (U_FAILURE(err) || m < 1) return c;
    UChar32 r;
    int32_t i = 0;
    U16_NEXT(out, i, m, r);
    return i == m ? (uint32_t)r : c;
}

/* Fills the block of 256 code points that starts at base. 0 or -1 on OOM. */
static int fill_block(archive_fold *f, uint32_t base, uint32_t *map) {
    folio_buf in;
    buf_init(&in);
    for (uint32_t i = 0; i < 256; i++) {
        map[i] = nfkc_char(f, base + i);
        /* one character a line: OpenCC matches no phrase across '\n' */
        buf_put_utf8(&in, map[i]);
        buf_putc(&in, '\n');
    }
    if (in.oom) {
        buf_free(&in);
        return -1;
    }
    char *out = opencc_convert_utf8(f->cc, in.data, in.len);
    buf_free(&in);
    if (!out) return -1;
    const char *p = out;
    for (uint32_t i = 0; i < 256 && *p; i++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        uint32_t c;
        /* only a one-for-one mapping is a fold */
        if (len && utf8_decode(p, len, &c) == len && c != 0xFFFD) map[i] = c;
        p += len + (nl != NULL);
    }
    opencc_convert_utf8_free(out);
    return 0;
}

int archive_fold_char(archive_fold *f, uint32_t c, uint32_t *out) {
    *out = c;
    if (!f || c < 0x2E80 || (c >> 8) >= FOLD_BLOCKS) return 0;
    uint32_t **b = &f->block[c >> 8];
    if (!*b) {
        uint32_t *map = malloc(256 * sizeof *map);
        if (!map || fill_block(f, c & ~0xFFu, map)) {
            free(map);
            return -1;
        }
        *b = map;
    }
    *out = (*b)[c & 0xFF];
    return 0;
}
