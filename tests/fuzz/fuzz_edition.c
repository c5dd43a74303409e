/* fuzz_edition.c — the edition reader on arbitrary edition.yaml and article bytes.
 * The input is split at the first "\n=====\n": before it edition.yaml, after it
 * articles/a.md (which edition.yaml may or may not list). */
#include "edition/edition.h"
#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char sep[] = "\n=====\n";
    const uint8_t *cut = NULL;
    for (size_t i = 0; !cut && i + 7 <= size; i++)
        if (!memcmp(data + i, sep, 7)) cut = data + i;
    size_t ylen = cut ? (size_t)(cut - data) : size;
    fuzz_write("edition.yaml", data, ylen);
    if (cut)
        fuzz_write("articles/a.md", cut + 7, size - ylen - 7);
    else
        fuzz_write("articles/a.md", "", 0);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(fuzz_dir(), 1, &d);
    edition_free(e);
    diags_free(&d);
    return 0;
}
