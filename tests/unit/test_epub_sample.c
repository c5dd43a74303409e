/* test_epub_sample.c — examples/sample through the EPUB writer without a page
 * model: the chapters' text (tags stripped) is the edition's text, in order,
 * and every article is in the nav (tests/cli/epub_check.py). */
#include "../../src/epub/epub.h"
#include "../../src/util/buf.h"
#include "../../src/util/fsutil.h"
#include "testfiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *src_dir(void) {
    const char *s = getenv("SRC");
    return s && *s ? s : FOLIO_SOURCE_DIR;
}

int main(void) {
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    char sample[1024], epub[1100], text[1100], cmd[4096];
    snprintf(sample, sizeof sample, "%s/examples/sample", src_dir());
    char dir[] = "/tmp/test_epub_sample_XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(epub, sizeof epub, "%s/sample.epub", dir);
    snprintf(text, sizeof text, "%s/sample.txt", dir);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(sample, 0, &d);
    int fails = 0;
    if (!e) {
        diags_print(&d, stderr);
        fprintf(stderr, "FAIL: examples/sample does not load\n");
        return 1;
    }
    folio_epub_options o = {0, "0.0-test"};
    if (epub_write(e, NULL, NULL, &o, epub, &d) || d.nwarnings) {
        diags_print(&d, stderr);
        fprintf(stderr, "FAIL: epub_write on the sample\n");
        fails++;
    }
    char *t = edition_text(e);
    if (!t || fs_write_atomic(text, t, strlen(t))) {
        fprintf(stderr, "FAIL: cannot write %s\n", text);
        fails++;
    }
    free(t);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/tests/cli/epub_check.py' '%s' --no-fonts --pages 0 --text '%s'",
             src_dir(), epub, text);
    if (!fails && system(cmd) != 0) {
        fprintf(stderr, "FAIL: epub_check.py on the sample\n");
        fails++;
    }
    edition_free(e);
    diags_free(&d);
    if (!fails) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0) fprintf(stderr, "warning: could not remove %s\n", dir);
        printf("test_epub_sample: all passed\n");
    } else {
        fprintf(stderr, "test_epub_sample: files kept in %s\n", dir);
    }
    return fails ? 1 : 0;
}
