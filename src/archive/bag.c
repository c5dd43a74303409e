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
    if (r->imported) buf_puts(b, ",\n  \"origin\": \"imported\"");
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

/* The payload manifests as they are written, and the Payload-Oxum. */
typedef struct payload_sums {
    folio_buf m256, m512;
    uint64_t bytes;
    size_t count;
} payload_sums;

/* The payload sorted by path (the manifests' order), every path checked:
 * plain, relative, unique. malloc'd array, or NULL with a diagnostic. */
static const archive_file **sorted_payload(const archive_file *files, size_t n, folio_diags *d) {
    const archive_file **v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        diag_error(d, NULL, 0, "out of memory");
        return NULL;
    }
    const char *bad = NULL, *why = NULL;
    for (size_t i = 0; i < n && !bad; i++) {
        v[i] = &files[i];
        if (!rel_ok(files[i].rel))
            bad = files[i].rel, why = "not a plain relative path; cannot keep it in a bag";
    }
    if (!bad) qsort(v, n, sizeof *v, cmp_rel);
    for (size_t i = 1; i < n && !bad; i++)
        if (!strcmp(v[i]->rel, v[i - 1]->rel))
            bad = v[i]->rel, why = "two payload files share this path";
    if (!bad) return v;
    diag_error(d, bad, 0, "%s", why);
    free(v);
    return NULL;
}

/* Copies one payload file to data/REL, hashing it, and syncs its folder. */
static int copy_one(const char *data, const archive_file *f, payload_sums *s, folio_diags *d) {
    char *dst = fs_join(data, f->rel);
    archive_digests dg;
    int e = dst ? 0 : ENOMEM;
    char *slash = dst ? strrchr(dst, '/') : NULL;
    if (!e) {
        *slash = 0;
        e = fs_mkdirs(dst);
        *slash = '/';
    }
    if (!e) e = archive_copy_hash(f->src, dst, &dg);
    if (!e) {
        *slash = 0;
        e = archive_fsync_dir(dst);
    }
    free(dst);
    if (e) return diag_error(d, f->src, 0, "cannot copy into the bag: %s", strerror(e));
    s->bytes += dg.size;
    s->count++;
    buf_printf(&s->m256, "%s  data/", dg.sha256);
    archive_pct_encode(&s->m256, f->rel);
    buf_putc(&s->m256, '\n');
    buf_printf(&s->m512, "%s  data/", dg.sha512);
    archive_pct_encode(&s->m512, f->rel);
    buf_putc(&s->m512, '\n');
    return 0;
}

/* data/ with every payload file, and the two payload manifests. */
static int write_payload(const char *dir, const archive_file *files, size_t nfiles, payload_sums *s,
                         folio_diags *d) {
    const archive_file **sorted = sorted_payload(files, nfiles, d);
    char *data = fs_join(dir, "data");
    int rc = -1;
    if (!sorted || !data) {
        if (sorted) diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    if (mkdir(data, 0755)) {
        diag_error(d, data, 0, "cannot create: %s", strerror(errno));
        goto done;
    }
    for (size_t i = 0; i < nfiles; i++)
        if (copy_one(data, sorted[i], s, d)) goto done;
    int e = archive_fsync_dir(data);
    if (e) {
        diag_error(d, data, 0, "cannot sync: %s", strerror(e));
        goto done;
    }
    if (s->m256.oom || s->m512.oom) {
        diag_error(d, NULL, 0, "out of memory");
        goto done;
    }
    if (!put_file(dir, "manifest-sha256.txt", &s->m256, d) &&
        !put_file(dir, "manifest-sha512.txt", &s->m512, d))
        rc = 0;
done:
    free(sorted);
    free(data);
    return rc;
}

/* bag-info.txt: RFC 8493's reserved labels, then folio's own. */
static void bag_info(folio_buf *info, const archive_record *rec, const archive_add_opts *o,
                     const char *bagging_date, const char *supersedes, const payload_sums *s) {
    char num[64];
    folio_buf t;
    buf_init(&t);
    info_line(info, "Source-Organization", rec->publisher);
    info_line(info, "Bagging-Date", bagging_date);
    buf_printf(info, "Payload-Oxum: %llu.%zu\n", (unsigned long long)s->bytes, s->count);
    if (rec->identifier && *rec->identifier)
        buf_puts(&t, rec->identifier);
    else
        buf_printf(&t, "%s %s", rec->journal, rec->issue);
    info_line(info, "External-Identifier", t.data);
    buf_free(&t);
    buf_printf(&t, "《%s》%s", rec->journal, rec->issue);
    info_line(info, "External-Description", t.data);
    info->oom |= t.oom;
    buf_free(&t);
    info_line(info, "Bag-Group-Identifier", rec->journal);
    info_line(info, "Bag-Software-Agent", o && o->software ? o->software : "folio");
    info_line(info, "Folio-Journal", rec->journal);
    info_line(info, "Folio-Issue", rec->issue);
    info_line(info, "Folio-Date", rec->date);
    snprintf(num, sizeof num, "%d", rec->pages);
    info_line(info, "Folio-Pages", num);
    snprintf(num, sizeof num, "%zu", rec->narticles);
    info_line(info, "Folio-Articles", num);
    info_line(info, "Folio-PDF", rec->pdf && *rec->pdf ? rec->pdf : NULL);
    info_line(info, "Folio-EPUB", rec->epub && *rec->epub ? rec->epub : NULL);
    info_line(info, "Folio-Supersedes", supersedes);
}

/* bagit.txt, bag-info.txt and folio-catalogue.json. */
static int write_tags(const char *dir, const archive_record *rec, const archive_add_opts *o,
                      const char *bagging_date, const char *supersedes, const payload_sums *s,
                      folio_diags *d) {
    folio_buf bagit, info, json;
    buf_init(&bagit), buf_init(&info), buf_init(&json);
    buf_puts(&bagit, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    bag_info(&info, rec, o, bagging_date, supersedes, s);
    record_json(&json, rec);
    int rc = -1;
    if (bagit.oom || info.oom || json.oom)
        diag_error(d, NULL, 0, "out of memory");
    else if (!put_file(dir, "bagit.txt", &bagit, d) && !put_file(dir, "bag-info.txt", &info, d) &&
             !put_file(dir, "folio-catalogue.json", &json, d))
        rc = 0;
    buf_free(&bagit), buf_free(&info), buf_free(&json);
    return rc;
}

/* folio-cover.png (written and fsynced by archive_write_png): the first page
 * drawn when the layout is at hand, else the cover image with the journal and
 * issue written on it. */
static int write_thumbnail(const char *dir, const archive_record *rec, const archive_add_opts *o,
                           folio_diags *d) {
    char *thumb = fs_join(dir, "folio-cover.png");
    if (!thumb) return diag_error(d, NULL, 0, "out of memory");
    int rc = o && o->doc && o->fonts
                 ? archive_render_cover(thumb, o->doc, o->fonts, d)
                 : archive_thumbnail(thumb, o ? o->cover_image : NULL, o ? o->fonts : NULL,
                                     rec->journal, rec->issue, d);
    free(thumb);
    return rc;
}

/* The tag manifests: every tag file above, hashed as written. */
static int write_tag_manifests(const char *dir, folio_diags *d) {
    folio_buf t256, t512;
    buf_init(&t256), buf_init(&t512);
    int rc = -1;
    for (size_t i = 0; i < sizeof tag_files / sizeof *tag_files; i++) {
        char *p = fs_join(dir, tag_files[i]);
        archive_digests dg;
        int e = p ? archive_copy_hash(NULL, p, &dg) : ENOMEM;
        free(p);
        if (e) {
            diag_error(d, tag_files[i], 0, "cannot read back: %s", strerror(e));
            goto done;
        }
        buf_printf(&t256, "%s  %s\n", dg.sha256, tag_files[i]);
        buf_printf(&t512, "%s  %s\n", dg.sha512, tag_files[i]);
    }
    if (t256.oom || t512.oom)
        diag_error(d, NULL, 0, "out of memory");
    else if (!put_file(dir, "tagmanifest-sha256.txt", &t256, d) &&
             !put_file(dir, "tagmanifest-sha512.txt", &t512, d))
        rc = 0;
done:
    buf_free(&t256), buf_free(&t512);
    return rc;
}

int archive_write_bag(const char *dir, const archive_record *rec, const archive_file *files,
                      size_t nfiles, const archive_add_opts *o, const char *bagging_date,
                      const char *supersedes, folio_diags *d) {
    payload_sums s = {.bytes = 0};
    buf_init(&s.m256), buf_init(&s.m512);
    int rc = write_payload(dir, files, nfiles, &s, d);
    if (!rc) rc = write_tags(dir, rec, o, bagging_date, supersedes, &s, d);
    if (!rc) rc = write_thumbnail(dir, rec, o, d);
    if (!rc) rc = write_tag_manifests(dir, d);
    int e = rc ? 0 : archive_fsync_dir(dir);
    if (e) rc = diag_error(d, dir, 0, "cannot sync: %s", strerror(e));
    buf_free(&s.m256), buf_free(&s.m512);
    return rc;
}
