/* fuzz_docx.c — the .docx importer on arbitrary XML parts. The input is split
 * at each "\n=====\n" into word/document.xml, word/styles.xml,
 * word/numbering.xml, word/footnotes.xml and word/_rels/document.xml.rels;
 * they go into a zip with a small PNG as word/media/image1.png, which the
 * importer reads and writes out as an article. */
#include "fuzz_common.h"
#include "import/docx.h"

#include <stdint.h>
#include <zip.h>

static const unsigned char png[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00,
    0x00, 0x3A, 0x7E, 0x9B, 0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

static void add(zip_t *z, const char *name, const void *data, size_t len) {
    zip_source_t *s = zip_source_buffer(z, data, len, 0);
    if (s && zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0) zip_source_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const parts[] = {"word/document.xml", "word/styles.xml",
                                        "word/numbering.xml", "word/footnotes.xml",
                                        "word/_rels/document.xml.rels"};
    char path[256], out[256];
    snprintf(path, sizeof path, "%s/m.docx", fuzz_dir());
    snprintf(out, sizeof out, "%s/articles/m.md", fuzz_dir());
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) return 0;
    size_t start = 0, part = 0;
    for (size_t i = 0; i <= size && part < 5; i++) {
        if (i < size && (i + 7 > size || memcmp(data + i, "\n=====\n", 7))) continue;
        add(z, parts[part++], data + start, i - start);
        start = i + 7;
        i += 6;
    }
    add(z, "word/media/image1.png", png, sizeof png);
    if (zip_close(z)) {
        zip_discard(z);
        return 0;
    }
    fuzz_write("articles/.keep", "", 0); /* (the shared helpers, used) */
    folio_import_opts o = {.source = path, .out = out};
    folio_diags d;
    diags_init(&d);
    docx_import(&o, &d);
    diags_free(&d);
    return 0;
}
