/* zipout.c — the OCF container through libzip: `mimetype` first and stored,
 * then container.xml, the package document and the content; fixed times,
 * attributes and compression so that rebuilds are byte-identical; written
 * under a temporary name and renamed only when complete. */
#include "epub_private.h"

#include "../util/fsutil.h"

#include <zip.h>

#include <stdlib.h>
#include <string.h>

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "<rootfiles>\n"
    "<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
    "</rootfiles>\n"
    "</container>\n";

static int add(epub_ctx *c, zip_t *za, const char *name, const void *data, size_t len, int store,
               const char *path) {
    zip_source_t *src = zip_source_buffer(za, data, len, 0);
    if (!src)
        return diag_error(c->d, path, 0, "cannot add %s to the EPUB: %s", name, zip_strerror(za));
    zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_GUESS);
    if (idx < 0) {
        zip_source_free(src);
        return diag_error(c->d, path, 0, "cannot add %s to the EPUB: %s", name, zip_strerror(za));
    }
    uint16_t dtime, ddate;
    epub_dos_time(c, &dtime, &ddate);
    zip_uint64_t i = (zip_uint64_t)idx;
    if (zip_set_file_compression(za, i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 9) ||
        zip_file_set_dostime(za, i, dtime, ddate, 0) ||
        zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX, (zip_uint32_t)0100644 << 16))
        return diag_error(c->d, path, 0, "cannot set up %s in the EPUB: %s", name,
                          zip_strerror(za));
    return 0;
}

int epub_zip_write(epub_ctx *c, const char *path) {
    unsigned char *opf = NULL;
    size_t opflen = 0;
    if (epub_package(c, &opf, &opflen)) return -1;
    folio_atomic at;
    int err = atomic_begin(&at, path, 0);
    if (err) {
        free(opf);
        return diag_error(c->d, path, 0, "cannot create a temporary file next to it: %s",
                          strerror(err));
    }
    int zerr = 0;
    zip_t *za = zip_open(at.tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        diag_error(c->d, path, 0, "cannot write the EPUB: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        atomic_abort(&at);
        free(opf);
        return -1;
    }
    static const char mimetype[] = "application/epub+zip";
    int bad = add(c, za, "mimetype", mimetype, strlen(mimetype), 1, path) ||
              add(c, za, "META-INF/container.xml", container_xml, strlen(container_xml), 0, path) ||
              add(c, za, "OEBPS/content.opf", opf, opflen, 0, path);
    for (size_t i = 0; !bad && i < c->nfiles; i++)
        bad = add(c, za, c->files[i].name, c->files[i].data, c->files[i].len, c->files[i].store,
                  path);
    if (!bad && zip_close(za) < 0) {
        diag_error(c->d, path, 0, "cannot write the EPUB: %s", zip_strerror(za));
        bad = 1;
    }
    if (bad) {
        zip_discard(za);
        atomic_abort(&at);
        free(opf);
        return -1;
    }
    free(opf);
    err = atomic_commit(&at);
    if (err) return diag_error(c->d, path, 0, "cannot write the EPUB: %s", strerror(err));
    return 0;
}
