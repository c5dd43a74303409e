/* pdf_jpeg.c — checks a JPEG's structure before it goes into the PDF as it is.
 *
 * The PDF carries JPEG data untouched (DCTDecode), so folio need not decode
 * it: walking its markers to the end-of-image marker proves the file whole
 * (a cut file never reaches it), gives the number of components and finds
 * Adobe's APP14 marker, for a fraction of what even a scaled-down decode
 * costs. Damage inside the compressed scan data itself goes unseen. */
#include "pdf_decode.h"

#include "../util/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The edition reader refuses larger images; this is only a backstop. */
#define JPEG_MAX_FILE (64u << 20)

/* libjpeg's own words for a cut file, which users may already know */
#define CUT "damaged JPEG data (Premature end of JPEG file)"

/* Steps over entropy-coded data from *at to the next real marker: 0xFF
 * followed by a stuffed zero, a restart marker or another 0xFF is still
 * data. Returns -1 when the file ends first. */
static int skip_scan(const unsigned char *f, size_t n, size_t *at) {
    for (;;) {
        const unsigned char *p = memchr(f + *at, 0xFF, n - *at);
        if (!p || (size_t)(p - f) + 1 >= n) return -1;
        *at = (size_t)(p - f);
        unsigned b = f[*at + 1];
        if (b == 0x00 || (b >= 0xD0 && b <= 0xD7))
            *at += 2;
        else if (b == 0xFF)
            *at += 1;
        else
            return 0;
    }
}

static int walk(const unsigned char *f, size_t n, int *components, int *adobe, char *why,
                size_t whylen) {
    if (n < 4 || f[0] != 0xFF || f[1] != 0xD8) {
        snprintf(why, whylen, "not a JPEG file");
        return -1;
    }
    int frame = 0, scans = 0;
    for (size_t at = 2;;) {
        if (at >= n || f[at] != 0xFF) {
            snprintf(why, whylen, at >= n ? CUT : "damaged JPEG data (no marker where one is due)");
            return -1;
        }
        while (at < n && f[at] == 0xFF)
            at++;
        if (at >= n) {
            snprintf(why, whylen, CUT);
            return -1;
        }
        unsigned m = f[at++];
        if (m == 0xD9) {
            if (!frame || !scans) {
                snprintf(why, whylen, "damaged JPEG data (no image before its end)");
                return -1;
            }
            return 0;
        }
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue; /* markers without a segment */
        if (m == 0x00 || m == 0xD8) {
            snprintf(why, whylen, "damaged JPEG data (marker 0x%02X out of place)", m);
            return -1;
        }
        if (n - at < 2) {
            snprintf(why, whylen, CUT);
            return -1;
        }
        size_t len = (size_t)f[at] << 8 | f[at + 1];
        if (len < 2 || len > n - at) {
            snprintf(why, whylen, len < 2 ? "damaged JPEG data (bad segment length)" : CUT);
            return -1;
        }
        const unsigned char *s = f + at + 2;
        size_t sl = len - 2;
        /* SOF0-SOF15, less DHT, JPG and DAC, which share the range */
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (frame || sl < 6) {
                snprintf(why, whylen, "damaged JPEG data (bad frame header)");
                return -1;
            }
            unsigned h = (unsigned)s[1] << 8 | s[2], w = (unsigned)s[3] << 8 | s[4];
            *components = s[5];
            if (w == 0 || h == 0) {
                snprintf(why, whylen, "unsupported JPEG (no size in its header)");
                return -1;
            }
            if (s[5] != 1 && s[5] != 3 && s[5] != 4) {
                snprintf(why, whylen, "unsupported JPEG with %u colour components", s[5]);
                return -1;
            }
            frame = 1;
        } else if (m == 0xEE && sl >= 5 && memcmp(s, "Adobe", 5) == 0) {
            *adobe = 1;
        }
        at += len;
        if (m == 0xDA) {
            if (!frame) {
                snprintf(why, whylen, "damaged JPEG data (a scan before the frame header)");
                return -1;
            }
            scans++;
            if (skip_scan(f, n, &at)) {
                snprintf(why, whylen, CUT);
                return -1;
            }
        }
    }
}

int jpeg_check(const char *file, int *components, int *adobe, char *why, size_t whylen) {
    *components = 0, *adobe = 0;
    char *f;
    size_t n;
    int e = fs_read_file(file, JPEG_MAX_FILE, &f, &n);
    if (e) {
        snprintf(why, whylen, "%s", strerror(e));
        return -1;
    }
    int rc = walk((const unsigned char *)f, n, components, adobe, why, whylen);
    free(f);
    return rc;
}
