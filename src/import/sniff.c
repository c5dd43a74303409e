/* sniff.c — what kind of file a source is, told by its content. */
#include "import.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

/* OLE2 compound files (.doc, and Office's encrypted OOXML packages). */
#define OLE_MAX_SECTORS 4096 /* a chain longer than this is damaged or hostile */
#define OLE_END 0xFFFFFFFEu

typedef struct ole {
    FILE *f;
    uint8_t hdr[512];
    unsigned shift; /* sector size = 1 << shift */
} ole;

static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads sector n (4096 bytes at most) into buf; 0 or -1. */
static int ole_sector(ole *o, uint32_t n, uint8_t *buf) {
    size_t size = (size_t)1 << o->shift;
    if (n >= 0xFFFFFFFAu || fseek(o->f, (long)(((uint64_t)n + 1) << o->shift), SEEK_SET)) return -1;
    return fread(buf, 1, size, o->f) == size ? 0 : -1;
}

/* The sector that holds FAT page k: the header's 109 entries, then the
 * DIFAT chain. Returns OLE_END when there is none. */
static uint32_t ole_fat_page(ole *o, uint32_t k) {
    if (k < 109) return le32(o->hdr + 0x4C + 4 * k);
    uint8_t buf[4096];
    uint32_t per = ((uint32_t)1 << (o->shift - 2)) - 1, sec = le32(o->hdr + 0x44);
    k -= 109;
    for (int hops = 0; hops < OLE_MAX_SECTORS && sec < 0xFFFFFFFAu; hops++) {
        if (ole_sector(o, sec, buf)) return OLE_END;
        if (k < per) return le32(buf + 4 * k);
        k -= per;
        sec = le32(buf + 4 * per);
    }
    return OLE_END;
}

static uint32_t ole_next(ole *o, uint32_t sec) {
    uint8_t buf[4096];
    uint32_t per = (uint32_t)1 << (o->shift - 2);
    uint32_t page = ole_fat_page(o, sec / per);
    if (page == OLE_END || ole_sector(o, page, buf)) return OLE_END;
    return le32(buf + 4 * (sec % per));
}

/* Whether the directory entry at e is named `name` (ASCII; stored UTF-16LE). */
static int ole_named(const uint8_t *e, const char *name) {
    size_t n = strlen(name), bytes = (size_t)e[0x40] | (size_t)e[0x41] << 8;
    if (bytes != 2 * (n + 1)) return 0;
    for (size_t i = 0; i < n; i++)
        if (e[2 * i] != (uint8_t)name[i] || e[2 * i + 1]) return 0;
    return 1;
}

/* Walks the directory: 1 when an entry is named `name`, 0 when none is,
 * -1 when the file is damaged. */
static int ole_has(ole *o, const char *name) {
    uint8_t buf[4096];
    size_t size = (size_t)1 << o->shift;
    uint32_t sec = le32(o->hdr + 0x30);
    for (int hops = 0; hops < OLE_MAX_SECTORS && sec != OLE_END; hops++) {
        if (ole_sector(o, sec, buf)) return -1;
        for (size_t off = 0; off + 128 <= size; off += 128)
            if (buf[off + 0x42] && ole_named(buf + off, name)) return 1;
        sec = ole_next(o, sec);
    }
    return 0;
}

static int sniff_ole(FILE *f, const char *path, folio_diags *d) {
    ole o = {.f = f};
    if (fseek(f, 0, SEEK_SET) || fread(o.hdr, 1, sizeof o.hdr, f) != sizeof o.hdr)
        return diag_error(d, path, 0, "a damaged OLE2 compound file (too short)");
    o.shift = (unsigned)o.hdr[0x1E] | (unsigned)o.hdr[0x1F] << 8;
    if (o.shift != 9 && o.shift != 12)
        return diag_error(d, path, 0, "a damaged OLE2 compound file (sector size 2^%u)", o.shift);
    if (ole_has(&o, "EncryptedPackage") == 1)
        return diag_error(d, path, 0,
                          "the document is password-protected (encrypted); open it in Word or WPS, "
                          "remove the password and save it again as .docx");
    if (ole_has(&o, "WordDocument") == 1)
        return diag_error(
            d, path, 0,
            "a .doc file (binary Word 97-2003), which folio does not read; open it in "
            "Word, WPS or LibreOffice and save it as .docx");
    return diag_error(d, path, 0,
                      "an OLE2 compound file (an old Office format such as .xls or .ppt), not a "
                      "Word manuscript; save the manuscript as .docx");
}

static int sniff_zip(const char *path, folio_source_kind *kind, folio_diags *d) {
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        diag_error(d, path, 0, "a damaged zip archive, not a readable .docx (%s)",
                   zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    int r = 0;
    if (zip_name_locate(z, "word/document.xml", 0) >= 0) {
        *kind = FOLIO_SOURCE_DOCX;
    } else if (zip_name_locate(z, "content.xml", 0) >= 0 &&
               zip_name_locate(z, "mimetype", 0) >= 0) {
        r = diag_error(d, path, 0,
                       "an OpenDocument file (.odt), not a .docx; save it as .docx (Word 2007-365) "
                       "in LibreOffice or WPS");
    } else {
        r = diag_error(d, path, 0,
                       "a zip archive without word/document.xml: not a Word manuscript (.docx)");
    }
    zip_discard(z);
    return r;
}

/* Whether the file name says it is a Word document. */
static int named_word(const char *path) {
    static const char *const exts[] = {".docx", ".docm", ".dotx", ".doc", ".wps"};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t k = strlen(exts[i]);
        if (n > k && !strcasecmp(path + n - k, exts[i])) return 1;
    }
    return 0;
}

int import_sniff(const char *source, folio_source_kind *kind, folio_diags *d) {
    FILE *f = fopen(source, "rb");
    if (!f) return diag_error(d, source, 0, "cannot open: %s", strerror(errno));
    unsigned char head[8] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    int r = 0;
    if (n >= 4 && !memcmp(head, "PK\x03\x04", 4)) {
        fclose(f);
        return sniff_zip(source, kind, d);
    }
    if (n == 8 && !memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        r = sniff_ole(f, source, d);
    } else if (n >= 5 && !memcmp(head, "%PDF-", 5)) {
        *kind = FOLIO_SOURCE_PDF;
    } else if (n >= 5 && !memcmp(head, "{\\rtf", 5)) {
        r = diag_error(d, source, 0, "an RTF file, not a .docx; save it as .docx in Word or WPS");
    } else if (named_word(source)) {
        r = diag_error(d, source, 0,
                       "named as a Word document but it is not one (no zip archive inside); "
                       "is the file complete?");
    } else {
        *kind = FOLIO_SOURCE_TEXT;
    }
    fclose(f);
    return r;
}
