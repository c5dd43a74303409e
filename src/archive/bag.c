/* bag.c — writes one BagIt 1.0 bag (RFC 8493) for an edition. */
#include "archive_private.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A payload path must stay inside data/ and be a plain relative path. */
static int rel_ok(const char *rel) {
    if (!*rel || rel[0] == '/') return 0;
    const char *p = rel;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) return 0;
        if (!slash) break;
        p = slash + 1;
    }
    return 1;
}

static int cmp_rel(const void *a, const void *b) {
    const archive_file *x = *(const archive_file *const *)a, *y = *(const archive_file *const *)b;
    return strcmp(x->rel, y->rel);
}

/* A bag-info value on one line. */
static void info_line(folio_buf *b, const char *label, const char *value) {
    if (!value || !*value) return;
    buf_printf(b, "%s: ", label);
    for (const char *p = value; *p; p++)
        buf_putc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
    buf_putc(b, '\n');
}

static int put_file(const char *dir, const char *name, const folio_buf *b, folio_diags *d) {
    char *p = fs_join(dir, name);
    int e = p ? archive_write_file(p, b->data ? b->data : "", b->len) : ENOMEM;
    if (e) diag_error(d, p ? p : name, 0, "cannot write: %s", strerror(e));
    free(p);
    return e ? -1 : 0;
}

static void record_json(folio_buf *b, const archive_record *r) {
    buf_puts(b, "{\n  \"format\": \"folio-catalogue 1\",\n  \"journal\": ");
    buf_put_json_str(b, r->journal);
    buf_puts(b, ",\n  \"issue\": ");
    buf_put_json_str(b, r->issue);
    buf_puts(b, ",\n  \"date\": ");
    buf_put_json_str(b, r->date);
    buf_printf(b, ",\n  \"year\": %d,\n  \"number\": %d,\n  \"pages\": %d,\n  \"publisher\": ",
               r->year, r->number, r->pages);
    buf_put_json_str(b, r->publisher);
    buf_puts(b, ",\n  \"identifier\": ");
    buf_put_json_str(b, r->identifier);
    buf_puts(b, ",\n  \"pdf\": ");
    buf_put_json_str(b, r->pdf);
    buf_puts(b, ",\n  \"epub\": ");
    buf_put_json_str(b, r->epub);
    buf_puts(b, ",\n  \"articles\": [");
    for (size_t i = 0; i < r->narticles; i++) {
        const archive_article *a = &r->articles[i];
        buf_puts(b, i ? ",\n    {\"title\": " : "\n    {\"title\": ");
        buf_put_json_str(b, a->title);
        buf_puts(b, ", \"authors\": ");
        buf_put_json_str(b, a->authors);
        buf_puts(b, ", \"section\": ");
        buf_put_json_str(b, a->section);
        buf_puts(b, ", \"kind\": ");
        buf_put_json_str(b, a->kind);
        buf_printf(b, ", \"first_page\": %d, \"last_page\": %d, \"pdf_page\": %d, \"text\": ",
                   a->first_page, a->last_page, a->pdf_page);
        buf_put_json_str(b, a->text);
        buf_putc(b, '}');
    }
    buf_puts(b, "\n  ]\n}\n");
}

static const char *const tag_files[] = {
    "bagit.txt",           "bag-info.txt",         "manifest-sha256.txt",
    "manifest-sha512.txt", "folio-catalogue.json", "folio-cover.png"};

int archive_write_bag(const char *dir, const archive_record *rec, const archive_file *files,
                      size_t nfiles, const archive_add_opts *o, const char *bagging_date,
                      const char *supersedes, folio_diags *d) {
    int rc = -1;
    char *data = fs_join(dir, "data");
    const archive_file **sorted = calloc(nfiles ? nfiles : 1, sizeof *sorted);
    folio_buf m256, m512, info, tag256, tag512, other;
    buf_init(&m256), buf_init(&m512), buf_init(&info), buf_init(&tag256), buf_init(&tag512);
    buf_init(&other);
    if (!data || !sorted) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nfiles; i++) {
        if (!rel_ok(files[i].rel)) {
            diag_error(d, files[i].rel, 0, "not a plain relative path; cannot keep it in a bag");
            goto done;
        }
        sorted[i] = &files[i];
    }
    qsort(sorted, nfiles, sizeof *sorted, cmp_rel);
    for (size_t i = 1; i < nfiles; i++)
        if (!strcmp(sorted[i]->rel, sorted[i - 1]->rel)) {
            diag_error(d, sorted[i]->rel, 0, "two payload files share this path");
            goto done;
        }
    if (mkdir(data, 0755)) {
        diag_error(d, data, 0, "cannot create: %s", strerror(errno));
        goto done;
    }

    uint64_t oxum_bytes = 0;
    for (size_t i = 0; i < nfiles; i++) {
        char *dst = fs_join(data, sorted[i]->rel);
        if (!dst) {
            diag_error(d, NULL, 0, "out of memory");
            goto done;
        }
        char *slash = strrchr(dst, '/');
        *slash = 0;
        int e = fs_mkdirs(dst);
        *slash = '/';
        archive_digests dg;
        if (!e) e = archive_copy_hash(sorted[i]->src, dst, &dg);
        if (!e) {
            *slash = 0;
            e = archive_fsync_dir(dst);
            *slash = '/';
        }
        free(dst);
        if (e) {
            diag_error(d, sorted[i]->src, 0, "cannot copy into the bag: %s", strerror(e));
            goto done;
        }
        oxum_bytes += dg.size;
        buf_printf(&m256, "%s  data/", dg.sha256);
        archive_pct_encode(&m256, sorted[i]->rel);
        buf_putc(&m256, '\n');
        buf_printf(&m512, "%s  data/", dg.sha512);
        archive_pct_encode(&m512, sorted[i]->rel);
        buf_putc(&m512, '\n');
    }
    if (archive_fsync_dir(data)) {
        diag_error(d, data, 0, "cannot sync: %s", strerror(errno));
        goto done;
    }

    buf_puts(&other, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    if (put_file(dir, "bagit.txt", &other, d) || put_file(dir, "manifest-sha256.txt", &m256, d) ||
        put_file(dir, "manifest-sha512.txt", &m512, d))
        goto done;

    char num[64];
    info_line(&info, "Source-Organization", rec->publisher);
    info_line(&info, "Bagging-Date", bagging_date);
    buf_printf(&info, "Payload-Oxum: %llu.%zu\n", (unsigned long long)oxum_bytes, nfiles);
    if (rec->identifier && *rec->identifier) {
        info_line(&info, "External-Identifier", rec->identifier);
    } else {
        folio_buf id;
        buf_init(&id);
        buf_printf(&id, "%s %s", rec->journal, rec->issue);
        info_line(&info, "External-Identifier", id.data);
        buf_free(&id);
    }
    {
        folio_buf desc;
        buf_init(&desc);
        buf_printf(&desc, "《%s》%s", rec->journal, rec->issue);
        info_line(&info, "External-Description", desc.data);
        buf_free(&desc);
    }
    info_line(&info, "Bag-Group-Identifier", rec->journal);
    info_line(&info, "Bag-Software-Agent", o && o->software ? o->software : "folio");
    info_line(&info, "Folio-Journal", rec->journal);
    info_line(&info, "Folio-Issue", rec->issue);
    info_line(&info, "Folio-Date", rec->date);
    snprintf(num, sizeof num, "%d", rec->pages);
    info_line(&info, "Folio-Pages", num);
    snprintf(num, sizeof num, "%zu", rec->narticles);
    info_line(&info, "Folio-Articles", num);
    info_line(&info, "Folio-PDF", rec->pdf && *rec->pdf ? rec->pdf : NULL);
    info_line(&info, "Folio-EPUB", rec->epub && *rec->epub ? rec->epub : NULL);
    info_line(&info, "Folio-Supersedes", supersedes);
    if (info.oom || m256.oom || m512.oom || put_file(dir, "bag-info.txt", &info, d)) goto done;

    buf_free(&other);
    record_json(&other, rec);
    if (other.oom || put_file(dir, "folio-catalogue.json", &other, d)) goto done;

    char *thumb = fs_join(dir, "folio-cover.png");
    int have_thumb =
        thumb &&
        (o && o->doc && o->fonts
             ? !archive_render_cover(thumb, o->doc, o->fonts, d)
             : !archive_thumbnail(thumb, o ? o->cover_image : NULL, o ? o->font_file : NULL,
                                  o ? o->font_index : 0, rec->journal, rec->issue, d));
    if (have_thumb) {
        int fd = open(thumb, O_RDONLY | O_CLOEXEC);
        have_thumb = fd >= 0 && !fsync(fd);
        if (fd >= 0) close(fd);
        if (!have_thumb) diag_error(d, thumb, 0, "cannot sync: %s", strerror(errno));
    }
    free(thumb);
    if (!have_thumb) goto done;

    for (size_t i = 0; i < sizeof tag_files / sizeof *tag_files; i++) {
        char *p = fs_join(dir, tag_files[i]);
        archive_digests dg;
        int e = p ? archive_copy_hash(NULL, p, &dg) : ENOMEM;
        free(p);
        if (e) {
            diag_error(d, tag_files[i], 0, "cannot read back: %s", strerror(e));
            goto done;
        }
        buf_printf(&tag256, "%s  %s\n", dg.sha256, tag_files[i]);
        buf_printf(&tag512, "%s  %s\n", dg.sha512, tag_files[i]);
    }
    if (tag256.oom || tag512.oom || put_file(dir, "tagmanifest-sha256.txt", &tag256, d) ||
        put_file(dir, "tagmanifest-sha512.txt", &tag512, d))
        goto done;
    if (archive_fsync_dir(dir)) {
        diag_error(d, dir, 0, "cannot sync: %s", strerror(errno));
        goto done;
    }
    rc = 0;
done:
    free(data);
    free(sorted);
    buf_free(&m256), buf_free(&m512), buf_free(&info), buf_free(&tag256), buf_free(&tag512);
    buf_free(&other);
    return rc;
}
