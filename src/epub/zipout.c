/* zipout.c — the OCF container through libzip: `mimetype` first and stored,
 * then container.xml, the package document and the content; fixed times,
 * attributes and compression so that rebuilds are byte-identical; written
 * made in memory, then written under a temporary name and renamed only when
 * complete. */
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

/* The finished archive's bytes, read back from the memory source src. NULL
 * on failure (out of memory). */
static unsigned char *archive_bytes(zip_source_t *src, size_t *len) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_open(src) < 0) return NULL;
    unsigned char *data = NULL;
    if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        (data = malloc(st.size ? st.size : 1)) &&
        zip_source_read(src, data, st.size) != (zip_int64_t)st.size) {
        free(data);
        data = NULL;
    }
    *len = (size_t)st.size;
    zip_source_close(src);
    return data;
}

int epub_zip_write(epub_ctx *c, const char *path) {
    unsigned char *opf = NULL;
    size_t opflen = 0;
    if (epub_package(c, &opf, &opflen)) return -1;
    /* The archive is made in memory and written in one go: libzip writing a
     * file makes a temporary file of its own, named from a secure random
     * source that costs more to start than the whole archive to write. */
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    if (!za) {
        diag_error(c->d, path, 0, "cannot write the EPUB: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        zip_source_free(src);
        free(opf);
        return -1;
    }
    zip_error_fini(&ze);
    zip_source_keep(src); /* kept past zip_close, to read the bytes back */
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
    if (bad) zip_discard(za);
    free(opf);
    size_t len = 0;
    unsigned char *data = bad ? NULL : archive_bytes(src, &len);
    zip_source_free(src);
    if (bad) return -1;
    if (!data) return diag_error(c->d, path, 0, "cannot write the EPUB: out of memory");
    int err = fs_write_atomic(path, data, len);
    free(data);
    if (err) return diag_error(c->d, path, 0, "cannot write the EPUB: %s", strerror(err));
    return 0;
}
