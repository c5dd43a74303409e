/* image_ref.c — an image path written in the edition, checked and probed. */
#include "reader.h"

#include "../util/fsutil.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

folio_image *image_ref(rd_ctx *c, const char *src, int line, const char *base_dir,
                       const char *written) {
    if (!written || !*written) {
        diag_error(c->d, src, line, "image has no path");
        return NULL;
    }
    if (strstr(written, "://") || !strncmp(written, "data:", 5)) {
        diag_error(c->d, src, line,
                   "image '%s' is not a file of the edition folder (URLs are not supported)",
                   written);
        return NULL;
    }
    char *base = *base_dir ? fs_join(c->root, base_dir) : strdup(c->root);
    char *file = NULL;
    const char *why = NULL;
    if (!base) {
        diag_error(c->d, NULL, 0, "out of memory");
        return NULL;
    }
    int r = fs_resolve_inside(c->root, base, written, &file, &why);
    free(base);
    if (r) {
        diag_error(c->d, src, line, "image '%s': %s", written, why);
        return NULL;
    }
    struct stat st;
    folio_image probe = {0};
    folio_image *img = NULL;
    if (stat(file, &st) != 0)
        diag_error(c->d, src, line, "image '%s' not found", written);
    else if (!S_ISREG(st.st_mode))
        diag_error(c->d, src, line, "image '%s' is not a file", written);
    else if (st.st_size > (off_t)RD_MAX_IMAGE)
        diag_error(c->d, src, line, "image '%s' is larger than %u MB", written,
                   RD_MAX_IMAGE >> 20);
    else if (edition_probe_image(file, &probe, &why))
        diag_error(c->d, src, line, "image '%s' is not a PNG or JPEG image (%s)", written, why);
    else if ((img = rd_alloc(c, sizeof *img)) != NULL) {
        char *joined = *base_dir ? fs_join(base_dir, written) : strdup(written);
        *img = probe;
        img->path = rd_strdup(c, written);
        img->file = rd_strdup(c, file);
        img->rel = joined ? path_normalise(c, joined) : NULL;
        free(joined);
        if (!img->path || !img->file || !img->rel) {
            if (!c->oom)
                diag_error(c->d, NULL, 0, "out of memory");
            c->oom = 1;
            img = NULL;
        }
    }
    free(file);
    return img;
}
