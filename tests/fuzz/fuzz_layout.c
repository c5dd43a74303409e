/* fuzz_layout.c — the whole layout (reader + composer + paragraph setter) on an
 * arbitrary article body inside a fixed, valid edition. */
#include "edition/edition.h"
#include "fonts/fonts.h"
#include "fuzz_common.h"
#include "layout/layout.h"

#include <stdint.h>

static folio_fonts *fonts;
static folio_layout *layout;

/* The font set lives as long as the process; closing it at exit keeps
 * LeakSanitizer's report to real leaks. */
static void close_all(void) {
    fonts_close(fonts);
    layout_free(layout);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    const char *root = getenv("FOLIO_DATA_DIR");
    if (!root) root = FOLIO_SOURCE_DIR;
    char path[512];
    folio_diags d;
    diags_init(&d);
    snprintf(path, sizeof path, "%s/layouts", root);
    layout =
        layout_load(path, getenv("FUZZ_LAYOUT") ? getenv("FUZZ_LAYOUT") : "magazine", NULL, 0, &d);
    snprintf(path, sizeof path, "%s/fonts/roles.yaml", root);
    fonts = fonts_open(path, NULL, 0, &d);
    diags_free(&d);
    atexit(close_all);
    if (!fonts || !layout) abort();
    static const char yaml[] = "journal: 测试\nissue: 2026年第1期\ndate: 2026-01\n"
                               "contents:\n  - section: 栏目\n    articles:\n"
                               "      - articles/a.md\n      - articles/b.md\n";
    fuzz_write("edition.yaml", yaml, sizeof yaml - 1);
    static const char b[] = "---\ntitle: 第二篇\n---\n\n正文。\n";
    fuzz_write("articles/b.md", b, sizeof b - 1);
    /* a 4 x 3 grey PNG for figures: ![caption](../images/f.png) (the seeds'
     * images are renamed to it) */
    static const unsigned char png[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x00, 0x00, 0x91,
        0x9f, 0xf1, 0x1a, 0x00, 0x00, 0x00, 0x0f, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x60,
        0xb0, 0xa9, 0xd8, 0xc2, 0x00, 0x27, 0x00, 0x1c, 0x2f, 0x04, 0x39, 0x8f, 0x9b, 0x6a, 0x74,
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    fuzz_write("images/f.png", png, sizeof png);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char head[] = "---\ntitle: 标题\n---\n\n";
    char *buf = malloc(sizeof head - 1 + size);
    if (!buf) return 0;
    memcpy(buf, head, sizeof head - 1);
    memcpy(buf + sizeof head - 1, data, size);
    fuzz_write("articles/a.md", buf, sizeof head - 1 + size);
    free(buf);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(fuzz_dir(), 0, &d);
    if (e) {
        folio_doc *doc = layout_run(e, layout, fonts, &d);
        layout_doc_free(doc);
    }
    edition_free(e);
    diags_free(&d);
    return 0;
}
