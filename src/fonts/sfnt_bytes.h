/* sfnt_bytes.h — the big-endian fields, padding and checksums of an sfnt
 * (TrueType/OpenType) file, shared by the subsetter (ttsubset.c) and the
 * glyph copier (ttcopies.c). Internal to src/fonts. */
#ifndef FOLIO_FONTS_SFNT_BYTES_H
#define FOLIO_FONTS_SFNT_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint32_t rd16(const unsigned char *p) {
    return (uint32_t)p[0] << 8 | p[1];
}

static inline uint32_t rd32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void wr16(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static inline void wr32(unsigned char *p, uint32_t v) {
    wr16(p, v >> 16);
    wr16(p + 2, v & 0xFFFF);
}

/* n rounded up to a multiple of 4 (tables start on 4-byte boundaries). */
static inline size_t pad4(size_t n) {
    return (n + 3) & ~(size_t)3;
}

/* The checksum of a table of len bytes, as if padded with zeros to a
 * multiple of 4. */
static inline uint32_t table_sum(const unsigned char *p, size_t len) {
    uint32_t s = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned char w[4] = {0, 0, 0, 0};
        memcpy(w, p + i, len - i < 4 ? len - i : 4);
        s += rd32(w);
    }
    return s;
}

#endif
