/* manifest.c — NAME.build.yaml: written after a build, read by `archive add OUTDIR`. */
#include "manifest.h"
#include "pipeline.h"
#include "version.h"

#include "../util/buf.h"
#include "../util/fsutil.h"
#include "../util/yaml.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The SHA-256 of a file as 64 hex digits. 0 or an errno value. */
static int sha256_file(const char *path, char hex[65]) {
    FILE *f = fopen(path, "rb");
    if (!f) return errno;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char buf[1 << 16], md[32];
    unsigned mdlen = 0;
    int e = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) ? 0 : ENOMEM;
    size_t n;
    while (!e && (n = fread(buf, 1, sizeof buf, f)) > 0)
        if (!EVP_DigestUpdate(ctx, buf, n)) e = ENOMEM;
    if (!e && ferror(f)) e = EIO;
    if (!e && !EVP_DigestFinal_ex(ctx, md, &mdlen)) e = ENOMEM;
    EVP_MD_CTX_free(ctx);
    fclose(f);
    for (unsigned i = 0; !e && i < mdlen; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return e;
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* `key: {file: "NAME", sha256: "HEX"}` for one output. */
static int put_output(folio_buf *y, const char *key, const char *path, folio_diags *d) {
    char hex[65];
    int e = sha256_file(path, hex);
    if (e) return diag_error(d, path, 0, "cannot read back: %s", strerror(e));
    buf_printf(y, "%s: {file: ", key);
    buf_put_json_str(y, base_name(path));
    buf_printf(y, ", sha256: %s}\n", hex);
    return 0;
}

static void put_articles(folio_buf *y, const folio_build *b) {
    const folio_edition *e = b->edition;
    buf_puts(y, e->narticles ? "articles:\n" : "articles: []\n");
    for (size_t i = 0; i < e->narticles; i++) {
        folio_article_pages p = layout_article_pages(b->doc, i);
        buf_puts(y, "  - {file: ");
        buf_put_json_str(y, e->articles[i].path ? e->articles[i].path : "");
        buf_printf(y, ", pdf_page: %d, first: %d, last: %d}\n", p.pdf_page, p.first, p.last);
    }
}

int pipeline_manifest_write(const folio_build *b, folio_diags *d) {
    char edition[PATH_MAX];
    if (!realpath(b->edition->dir, edition))
        return diag_error(d, b->edition->dir, 0, "cannot resolve: %s", strerror(errno));
    folio_buf y;
    buf_init(&y);
    buf_puts(&y, "# What `folio build` made here; `folio archive add` reads it.\n");
    buf_printf(&y, "format: 1\nfolio: %s\nedition: ", FOLIO_VERSION);
    buf_put_json_str(&y, edition);
    buf_puts(&y, "\nlayout: ");
    buf_put_json_str(&y, b->layout_name);
    buf_printf(&y, "\npages: %zu\n", b->doc->npages);
    int rc = 0;
    if (b->pdf_path) rc |= put_output(&y, "pdf", b->pdf_path, d);
    if (b->epub_path) rc |= put_output(&y, "epub", b->epub_path, d);
    put_articles(&y, b);
    size_t n = strlen(b->edition->dirname) + sizeof FOLIO_MANIFEST_SUFFIX;
    char *name = malloc(n), *path = NULL;
    if (name) snprintf(name, n, "%s%s", b->edition->dirname, FOLIO_MANIFEST_SUFFIX);
    if (name) path = fs_join(b->outdir, name);
    if (!rc && (y.oom || !path)) rc = diag_error(d, NULL, 0, "out of memory");
    int e = rc ? 0 : fs_write_atomic(path, y.data, y.len);
    if (e) rc = diag_error(d, path, 0, "cannot write: %s", strerror(e));
    free(name), free(path);
    buf_free(&y);
    return rc ? -1 : 0;
}

void pipeline_manifest_free(folio_manifest *m) {
    arena_free(m->arena);
    memset(m, 0, sizeof *m);
}

/* The path of the one NAME.build.yaml in outdir, in the arena. */
static const char *find_manifest(const char *outdir, folio_arena *a, folio_diags *d) {
    DIR *dh = opendir(outdir);
    if (!dh) return diag_error(d, outdir, 0, "cannot open: %s", strerror(errno)), NULL;
    const char *found = NULL;
    int n = 0;
    size_t sl = strlen(FOLIO_MANIFEST_SUFFIX);
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len <= sl ||
            strcmp(de->d_name + len - sl, FOLIO_MANIFEST_SUFFIX))
            continue;
        if (!n++) found = arena_strdup(a, de->d_name);
    }
    closedir(dh);
    if (n > 1)
        return diag_error(d, outdir, 0, "holds %d build manifests (*%s); keep one", n,
                          FOLIO_MANIFEST_SUFFIX),
               NULL;
    if (!n)
        return diag_error(d, outdir, 0,
                          "has no NAME%s (what folio build writes beside the PDF and EPUB): "
                          "build the edition into it again, or add the edition folder itself",
                          FOLIO_MANIFEST_SUFFIX),
               NULL;
    char *path = found ? fs_join(outdir, found) : NULL;
    const char *kept = path ? arena_strdup(a, path) : NULL;
    free(path);
    if (!kept) diag_error(d, NULL, 0, "out of memory");
    return kept;
}

/* One output: its path beside the manifest, checked against its SHA-256. */
static int read_output(folio_manifest *m, const char *outdir, const yt_node *v, const char *key,
                       const char **out, folio_diags *d) {
    *out = NULL;
    if (!v) return 0;
    const char *file = NULL, *want = NULL;
    if (v->type != YT_MAP || yv_string(m->arena, d, m->path, yt_get(v, "file"), "file", &file) ||
        yv_string(m->arena, d, m->path, yt_get(v, "sha256"), "sha256", &want) || !file || !want ||
        strchr(file, '/'))
        return diag_error(d, m->path, v->line, "'%s' must be {file: NAME, sha256: HEX}", key);
    char *path = fs_join(outdir, file);
    if (!path) return diag_error(d, NULL, 0, "out of memory");
    char hex[65];
    int e = sha256_file(path, hex), rc = 0;
    if (e)
        rc = diag_error(d, path, 0, "cannot read: %s", strerror(e));
    else if (strcmp(hex, want))
        rc = diag_error(d, path, 0,
                        "has changed since folio build wrote it (its SHA-256 is not "
                        "the one %s records); build the edition again",
                        base_name(m->path));
    if (!rc && !(*out = arena_strdup(m->arena, path))) rc = diag_error(d, NULL, 0, "out of memory");
    free(path);
    return rc;
}

/* articles: [{file, pdf_page, first, last}...] */
static int read_articles(folio_manifest *m, const yt_node *v, folio_diags *d) {
    if (!v || v->type != YT_SEQ)
        return diag_error(d, m->path, v ? v->line : 0, "'articles' must be a list");
    m->articles = arena_calloc(m->arena, v->n ? v->n : 1, sizeof *m->articles);
    if (!m->articles) return diag_error(d, NULL, 0, "out of memory");
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *it = v->items[i], *pp = yt_get(it, "pdf_page"), *fi = yt_get(it, "first"),
                      *la = yt_get(it, "last");
        folio_manifest_article *a = &m->articles[i];
        if (it->type != YT_MAP || !pp || !fi || !la ||
            yv_string(m->arena, d, m->path, yt_get(it, "file"), "file", &a->file) || !a->file ||
            yv_int(d, m->path, pp, "pdf_page", 0, 1 << 20, &a->pdf_page) ||
            yv_int(d, m->path, fi, "first", -(1 << 20), 1 << 20, &a->first) ||
            yv_int(d, m->path, la, "last", -(1 << 20), 1 << 20, &a->last))
            return diag_error(d, m->path, it->line,
                              "each article must be {file, pdf_page, first, last}");
    }
    m->narticles = v->n;
    return 0;
}

static int read_fields(folio_manifest *m, const char *outdir, const yt_node *r, folio_diags *d) {
    int format = 0;
    const yt_node *f = yt_get(r, "format"), *p = yt_get(r, "pages");
    if (!f || yv_int(d, m->path, f, "format", 1, 1000, &format)) return -1;
    if (format != 1)
        return diag_error(d, m->path, f->line,
                          "is a format %d manifest; this folio reads format 1 (a newer folio "
                          "wrote it)",
                          format);
    if (yv_string(m->arena, d, m->path, yt_get(r, "edition"), "edition", &m->edition) ||
        yv_string(m->arena, d, m->path, yt_get(r, "layout"), "layout", &m->layout) || !p ||
        yv_int(d, m->path, p, "pages", 0, 1 << 20, &m->pages) || !m->edition || !m->layout)
        return diag_error(d, m->path, r->line, "needs edition, layout and pages");
    if (read_output(m, outdir, yt_get(r, "pdf"), "pdf", &m->pdf, d) ||
        read_output(m, outdir, yt_get(r, "epub"), "epub", &m->epub, d))
        return -1;
    return read_articles(m, yt_get(r, "articles"), d);
}

int pipeline_manifest_read(const char *outdir, folio_manifest *m, folio_diags *d) {
    memset(m, 0, sizeof *m);
    if (!(m->arena = arena_new())) return diag_error(d, NULL, 0, "out of memory");
    char *text = NULL;
    size_t len = 0;
    int rc = -1, ok = 0, e = 0;
    if (!(m->path = find_manifest(outdir, m->arena, d))) goto done;
    if ((e = fs_read_file(m->path, 1 << 20, &text, &len))) {
        diag_error(d, m->path, 0, "cannot read: %s", strerror(e));
        goto done;
    }
    const yt_node *root = yt_parse(m->arena, text, len, 0, m->path, d, &ok);
    if (!ok) goto done;
    if (!root || root->type != YT_MAP)
        diag_error(d, m->path, root ? root->line : 0, "a build manifest is a map of keys");
    else
        rc = read_fields(m, outdir, root, d);
done:
    free(text);
    if (rc) pipeline_manifest_free(m);
    return rc;
}
