/* fuzz_para.c — the paragraph setter on arbitrary text and measures.
 * Byte 0 picks the measure (in ems), byte 1 the alignment and strictness; the
 * rest, made valid UTF-8 as the reader guarantees, is the paragraph. */
#include "fonts/fonts.h"
#include "layout/para.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>

static folio_fonts *fonts;
static int song, latin;

/* The font set lives as long as the process; closing it at exit keeps
 * LeakSanitizer's report to real leaks. */
static void close_all(void) {
    fonts_close(fonts);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    const char *root = getenv("FOLIO_DATA_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/fonts/roles.yaml", root ? root : FOLIO_SOURCE_DIR);
    folio_diags d;
    diags_init(&d);
    fonts = fonts_open(path, NULL, 0, &d);
    diags_free(&d);
    atexit(close_all);
    if (!fonts) abort();
    song = fonts_role(fonts, "song");
    latin = fonts_role(fonts, "latin-serif");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    folio_buf text;
    buf_init(&text);
    for (size_t i = 2; i < size;) {
        uint32_t cp;
        size_t n = utf8_decode((const char *)data + i, size - i, &cp);
        buf_put_utf8(&text, cp);
        i += n;
    }
    folio_para_run run = {text.data ? text.data : "", text.len, song, latin, data[1] & 1, 0};
    folio_para_in in = {0};
    in.runs = &run;
    in.nruns = 1;
    in.size = 10.5f;
    in.measure = 10.5f * (float)(1 + data[0] % 48);
    in.first_indent = (data[1] & 2) ? 21.0f : 0.0f;
    in.align = (folio_align)((data[1] >> 2) % 4);
    in.kinsoku = (folio_kinsoku)((data[1] >> 4) % 3);
    in.no_widow_char = 1;
    in.role = FOLIO_ROLE_BODY;
    in.article = in.serial = -1;
    folio_arena *a = arena_new();
    folio_diags d;
    diags_init(&d);
    folio_para_out out;
    if (a && para_set(fonts, &in, a, &out, &d) == 0) {
        /* Never overfull: every line fits its measure. */
        for (size_t i = 0; i < out.nlines; i++) {
            const folio_line *l = &out.lines[i];
            if (l->n && l->g[l->n - 1].x + l->g[l->n - 1].adv > l->x + l->width + 0.5f && l->n > 1)
                abort();
        }
    }
    diags_free(&d);
    arena_free(a);
    buf_free(&text);
    return 0;
}
