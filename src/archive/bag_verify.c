/* bag_verify.c — checks one bag against its manifests (RFC 8493 validity). */
#include "archive_private.h"

#include "../util/fsutil.h"
#include "../util/grow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct manifest {
    char algo[16];
    int tag;      /* tagmanifest-*.txt */
    char **paths; /* decoded, sorted after reading */
    size_t n;
} manifest;

typedef struct verify_ctx {
    const char *dir, *label;
    manifest *m;
    size_t nm;
    size_t problems;
    uint64_t bytes;
    size_t count;
    folio_diags *d;
} verify_ctx;

/* The file is named as manifests write it: a line break in a name would
 * break the one-line message. */
static void problem(verify_ctx *v, const char *rel, const char *fmt, const char *arg) {
    folio_buf b;
    buf_init(&b);
    buf_puts(&b, v->label);
    if (*rel) buf_putc(&b, '/');
    archive_pct_encode(&b, rel);
    diag_error(v->d, b.data ? b.data : rel, 0, fmt, arg);
    buf_free(&b);
    v->problems++;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int listed(const manifest *m, const char *rel) {
    return m->n && bsearch(&rel, m->paths, m->n, sizeof *m->paths, cmp_str) != NULL;
}

/* Reads and checks one manifest file: every line's file exists and matches. */
static void check_manifest(verify_ctx *v, manifest *m, const char *name, size_t *nfiles) {
    char *path = fs_join(v->dir, name), *text = NULL;
    size_t len = 0;
    int e = path ? fs_read_file(path, 0, &text, &len) : ENOMEM;
    free(path);
    if (e) {
        problem(v, name, "cannot read: %s", strerror(e));
        return;
    }
    size_t cap = 16;
    m->paths = malloc(cap * sizeof *m->paths);
    int lineno = 0;
    for (char *line = text; m->paths && line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *end = nl ? nl : text + len;
        char *next = nl ? nl + 1 : text + len;
        lineno++;
        if (end > line && end[-1] == '\r') end--;
        if (end == line) {
            line = next;
            continue;
        }
        char *sp = line;
        while (sp < end && *sp != ' ' && *sp != '\t')
            sp++;
        char *fp = sp;
        while (fp < end && (*fp == ' ' || *fp == '\t'))
            fp++;
        char *rel = fp < end && sp > line ? archive_pct_decode(fp, (size_t)(end - fp)) : NULL;
        char where[64];
        snprintf(where, sizeof where, "line %d", lineno);
        if (!rel) {
            problem(v, name, "malformed manifest line (%s)", where);
            line = next;
            continue;
        }
        int bad = rel[0] == '/' || strstr(rel, "../") || !strcmp(rel, "..") ||
                  (!m->tag && strncmp(rel, "data/", 5));
        if (bad) {
            problem(v, name, "manifest names a path outside its place: %s", rel);
            free(rel);
            line = next;
            continue;
        }
        if (m->n == cap && grow_array(&m->paths, &cap, m->n + 1, sizeof *m->paths, 16)) {
            free(rel);
            break;
        }
        m->paths[m->n++] = rel;
        char *file = fs_join(v->dir, rel);
        char got[130];
        size_t want_len = (size_t)(sp - line);
        int he = file ? archive_hash_file(file, m->algo, got) : ENOMEM;
        free(file);
        (*nfiles)++;
        if (he == ENOENT)
            problem(v, rel, "missing (listed in %s)", name);
        else if (he)
            problem(v, rel, "cannot read: %s", strerror(he));
        else if (strlen(got) != want_len || strncasecmp(got, line, want_len))
            problem(v, rel, "checksum mismatch (%s): the file was changed or damaged", m->algo);
        line = next;
    }
    if (m->paths) qsort(m->paths, m->n, sizeof *m->paths, cmp_str);
    free(text);
}

/* Every file under data/ must be in every payload manifest. */
static int walk_payload(void *ctx, const char *rel, int regular) {
    verify_ctx *v = ctx;
    if (!regular) {
        problem(v, rel, "%s", "not a regular file (a bag holds only plain files)");
        return 0;
    }
    char *full = fs_join(v->dir, rel);
    archive_digests dg;
    if (full && !archive_copy_hash(NULL, full, &dg)) {
        v->bytes += dg.size;
        v->count++;
    }
    free(full);
    for (size_t i = 0; i < v->nm; i++)
        if (!v->m[i].tag && !listed(&v->m[i], rel)) {
            char name[64];
            snprintf(name, sizeof name, "manifest-%s.txt", v->m[i].algo);
            problem(v, rel, "present but not listed in %s", name);
        }
    return 0;
}

/* Every tag file but the tag manifests must be in every tag manifest. */
static int walk_tags(void *ctx, const char *rel, int regular) {
    verify_ctx *v = ctx;
    if (!strncmp(rel, "data/", 5) || !strncmp(rel, "tagmanifest-", 12)) return 0;
    if (!regular) {
        problem(v, rel, "%s", "not a regular file (a bag holds only plain files)");
        return 0;
    }
    for (size_t i = 0; i < v->nm; i++)
        if (v->m[i].tag && !listed(&v->m[i], rel)) {
            char name[64];
            snprintf(name, sizeof name, "tagmanifest-%s.txt", v->m[i].algo);
            problem(v, rel, "present but not listed in %s", name);
        }
    return 0;
}

char *archive_info_value(const char *text, const char *label) {
    size_t ll = strlen(label);
    for (const char *p = text; p && *p;) {
        if (!strncmp(p, label, ll) && p[ll] == ':') {
            const char *s = p + ll + 1;
            while (*s == ' ' || *s == '\t')
                s++;
            size_t n = strcspn(s, "\r\n");
            return strndup(s, n);
        }
        p = strchr(p, '\n');
        if (p) p++;
    }
    return NULL;
}

/* Payload-Oxum (octets.streamcount) must match what data/ holds. */
static void check_oxum(verify_ctx *v) {
    char *path = fs_join(v->dir, "bag-info.txt"), *text = NULL;
    int e = path ? fs_read_file(path, 1 << 20, &text, NULL) : ENOMEM;
    free(path);
    if (e) {
        problem(v, "bag-info.txt", "missing or unreadable: %s", strerror(e));
        return;
    }
    char *oxum = archive_info_value(text, "Payload-Oxum");
    if (oxum) {
        char want[64];
        snprintf(want, sizeof want, "%llu.%zu", (unsigned long long)v->bytes, v->count);
        if (strcmp(oxum, want)) {
            char msg[160];
            snprintf(msg, sizeof msg, "Payload-Oxum says %s but data/ holds %s", oxum, want);
            problem(v, "bag-info.txt", "%s", msg);
        }
    }
    free(oxum);
    free(text);
}

size_t archive_verify_bag(const char *dir, const char *label, size_t *nfiles, folio_diags *d) {
    verify_ctx v = {dir, label, NULL, 0, 0, 0, 0, d};
    char *bagit = fs_join(dir, "bagit.txt"), *text = NULL;
    int e = bagit ? fs_read_file(bagit, 1 << 16, &text, NULL) : ENOMEM;
    free(bagit);
    if (e)
        problem(&v, "bagit.txt", "missing or unreadable: %s", strerror(e));
    else if (!strstr(text, "BagIt-Version:"))
        problem(&v, "bagit.txt", "%s", "no BagIt-Version line");
    free(text);

    char **names = NULL;
    size_t nnames = 0;
    e = archive_list_dir(dir, 0, &names, &nnames);
    v.m = calloc(nnames ? nnames : 1, sizeof *v.m);
    if (e || !v.m) {
        problem(&v, "", "cannot list the bag: %s", strerror(e ? e : ENOMEM));
        goto done;
    }
    size_t npayload = 0;
    for (size_t i = 0; i < nnames; i++) {
        const char *nm = names[i];
        int tag = !strncmp(nm, "tagmanifest-", 12);
        const char *algo = tag ? nm + 12 : !strncmp(nm, "manifest-", 9) ? nm + 9 : NULL;
        size_t al = algo ? strlen(algo) : 0;
        if (!algo || al < 5 || strcmp(algo + al - 4, ".txt") || al - 4 >= sizeof v.m->algo)
            continue;
        manifest *m = &v.m[v.nm++];
        memcpy(m->algo, algo, al - 4);
        m->algo[al - 4] = 0;
        m->tag = tag;
        npayload += !tag;
        check_manifest(&v, m, nm, nfiles);
    }
    if (!npayload) problem(&v, "", "%s", "no payload manifest (manifest-ALGO.txt)");
    char *data = fs_join(dir, "data");
    if (!data || !fs_is_dir(data))
        problem(&v, "data", "%s", "missing: a bag keeps its payload in data/");
    else if (archive_walk(dir, "data", walk_payload, &v) < 0)
        problem(&v, "data", "%s", "cannot read the payload folder");
    free(data);
    archive_walk(dir, NULL, walk_tags, &v);
    check_oxum(&v);
done:
    for (size_t i = 0; i < v.nm; i++)
        archive_names_free(v.m[i].paths, v.m[i].n);
    free(v.m);
    archive_names_free(names, nnames);
    return v.problems;
}
