/* fuzz_common.h — scratch edition folders for the fuzz targets. */
#ifndef FOLIO_FUZZ_COMMON_H
#define FOLIO_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One scratch folder per fuzzing process, made on first use. */
static const char *fuzz_dir(void) {
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/folio-fuzz-%ld", (long)getpid());
        char cmd[128];
        snprintf(cmd, sizeof cmd, "mkdir -p %s/articles %s/images", dir, dir);
        if (system(cmd) != 0) abort();
    }
    return dir;
}

static void fuzz_write(const char *rel, const void *data, size_t len) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), rel);
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (len) fwrite(data, 1, len, f);
    fclose(f);
}

#endif
