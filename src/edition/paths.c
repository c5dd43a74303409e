/* paths.c — relative paths as the edition writes them: normalising and splitting. */
#include "reader.h"

#include <string.h>

char *path_normalise(rd_ctx *c, const char *path) {
    size_t n = strlen(path);
    char *out = rd_alloc(c, n + 1);
    if (!out) return NULL;
    /* Components are copied one by one; ".." removes the previous one. */
    size_t w = 0;
    const char *s = path;
    if (*s == '/') out[w++] = *s++;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t k = e ? (size_t)(e - s) : strlen(s);
        if (k == 0 || (k == 1 && s[0] == '.')) {
            /* skip */
        } else if (k == 2 && s[0] == '.' && s[1] == '.' && w > 0 &&
                   !(w == 2 && out[0] == '.' && out[1] == '.') &&
                   !(w >= 3 && !memcmp(out + w - 3, "/..", 3))) {
            while (w > 0 && out[w - 1] != '/')
                w--;
            if (w > 1) w--;
        } else {
            if (w > 0 && out[w - 1] != '/') out[w++] = '/';
            memcpy(out + w, s, k);
            w += k;
        }
        s += k + (e ? 1 : 0);
    }
    out[w] = 0;
    return out;
}

char *path_dir(rd_ctx *c, const char *path) {
    const char *slash = strrchr(path, '/');
    return rd_strndup(c, path, slash ? (size_t)(slash - path) : 0);
}
