/* image_ref.c — an image path written in the edition, checked and probed. */
#include "reader.h"

#include "../util/fsutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A copy of s with %XX escapes decoded (malloc'd), NULL when there are none
 * that decode to a printable byte. */
static char *percent_decode(const char *s) {
    char *out = malloc(strlen(s) + 1), *w = out;
    int any = 0;
    for (; out && *s; s++) {
        unsigned v = 0;
        if (s[0] == '%' && sscanf(s + 1, "%2x", &v) == 1 && isxdigit((unsigned char)s[1]) &&
            isxdigit((unsigned char)s[2]) && v >= 0x20 && v != 0x7F) {
            *w++ = (char)v;
            s += 2;
            any = 1;
        } else {
            *w++ = *s;
        }
    }
    if (out) *w = 0;
    if (!any) {
        free(out);
        return NULL;
    }
    return out;
}

/* Whether the edition folder has rel (relative to base_dir) as a file. */
static int exists_under(rd_ctx *c, const char *base_dir, const char *rel) {
    char *dir = *base_dir ? fs_join(c->root, base_dir) : strdup(c->root);
    char *file = dir ? fs_join(dir, rel) : NULL;
    int r = file && fs_is_file(file);
    free(dir);
    free(file);
    return r;
}

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
    /* Markdown writers escape spaces as %20; the file has the real name. */
    char *decoded = NULL;
    struct stat st;
    if (strchr(written, '%') && (decoded = percent_decode(written)) != NULL &&
        !exists_under(c, base_dir, written) && exists_under(c, base_dir, decoded))
        written = decoded;
    char *base = *base_dir ? fs_join(c->root, base_dir) : strdup(c->root);
    char *file = NULL;
    const char *why = NULL;
    if (!base) {
        rd_oom(c);
        free(decoded);
        return NULL;
    }
    int r = fs_resolve_inside(c->root, base, written, &file, &why);
    free(base);
    if (r) {
        diag_error(c->d, src, line, "image '%s': %s", written, why);
        return NULL;
    }
    folio_image probe = {0};
    folio_image *img = NULL;
    if (stat(file, &st) != 0)
        diag_error(c->d, src, line, "image '%s' not found", written);
    else if (!S_ISREG(st.st_mode))
        diag_error(c->d, src, line, "image '%s' is not a file", written);
    else if (st.st_size > (off_t)RD_MAX_IMAGE)
        diag_error(c->d, src, line, "image '%s' is larger than %u MB", written, RD_MAX_IMAGE >> 20);
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
            rd_oom(c);
            img = NULL;
        }
    }
    free(file);
    free(decoded);
    return img;
}
