/* docx_media.c — the pictures a manuscript draws, read from its package. */
#include "docx_private.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

/* The kind of picture data, by its first bytes; NULL for PNG and JPEG,
 * which an edition takes, else the name of the format. */
static const char *other_format(const char *d, size_t n, folio_image_format *fmt) {
    const unsigned char *u = (const unsigned char *)d;
    if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1A\n", 8)) {
        *fmt = FOLIO_IMAGE_PNG;
        return NULL;
    }
    if (n >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF) {
        *fmt = FOLIO_IMAGE_JPEG;
        return NULL;
    }
    if (n >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) return "GIF";
    if (n >= 2 && !memcmp(d, "BM", 2)) return "BMP";
    if (n >= 4 && (!memcmp(d, "II*\0", 4) || !memcmp(d, "MM\0*", 4))) return "TIFF";
    if (n >= 44 && u[0] == 1 && !memcmp(d + 40, " EMF", 4)) return "EMF";
    if (n >= 4 && (!memcmp(d, "\xD7\xCD\xC6\x9A", 4) || (u[0] == 1 && u[1] == 0 && u[2] == 9)))
        return "WMF";
    if (n >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4)) return "WebP";
    for (size_t k = 0; k + 4 <= n && k < 512; k++)
        if (!memcmp(d + k, "<svg", 4)) return "SVG";
    return "an unknown";
}

int dx_picture(dx_ctx *c, const char *rid, int num) {
    const dx_rel *rel = dx_rel_find(&c->rels, rid);
    if (!rel) {
        dx_warn(c, num, "a picture whose relationship (%s) is missing; left out", rid);
        return -1;
    }
    if (rel->external) {
        dx_warn(c, num, "a linked picture (%s) is not inside the document; left out", rel->target);
        return -1;
    }
    if (rel->escapes)
        return diag_error(c->d, c->src, 0,
                          "paragraph %d: a picture's path (%s) climbs out of the document's "
                          "package: refused",
                          num, rel->target),
               -2;
    for (size_t i = 0; i < c->npics; i++)
        if (!strcmp(c->pics[i].part, rel->target)) return (int)i;
    char *data = NULL;
    size_t len = 0;
    int r = dx_read(c, rel->target, DX_MAX_PICTURE, &data, &len);
    if (r == 1) {
        dx_warn(c, num, "a picture (%s) is missing from the package; left out", rel->target);
        return -1;
    }
    if (r) return -2;
    folio_image_format fmt = 0;
    const char *other = other_format(data, len, &fmt);
    if (other) {
        dx_warn(c, num,
                "a picture in %s format (%s) cannot be carried: an edition takes PNG or JPEG; "
                "left out (save it as PNG or JPEG and insert it again)",
                other, rel->target);
        free(data);
        return -1;
    }
    if (c->npics == c->cappics &&
        grow_array(&c->pics, &c->cappics, c->npics + 1, sizeof *c->pics, 8)) {
        free(data);
        return dx_oom(c), -2;
    }
    dx_pic *p = &c->pics[c->npics];
    memset(p, 0, sizeof *p);
    p->part = rel->target;
    p->data = data;
    p->len = len;
    p->format = fmt;
    p->num = num;
    p->note_id = c->note_id;
    p->note_end = c->note_end;
    return (int)c->npics++;
}
