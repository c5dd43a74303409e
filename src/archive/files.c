/* files.c — file operations of the archive: hashed copies, fsync, walks, removal. */
#include "archive_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/fsutil.h"
#include "../util/grow.h"

static void to_hex(const unsigned char *md, unsigned n, char *out) {
    for (unsigned i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[2 * n] = 0;
}

static int write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int archive_copy_hash(const char *src, const char *dst, archive_digests *dg) {
    int in = open(src ? src : dst, O_RDONLY | O_CLOEXEC);
    if (in < 0) return errno;
    int out = -1;
    if (src) {
        out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (out < 0) {
            int e = errno;
            close(in);
            return e;
        }
    }
    EVP_MD_CTX *c256 = EVP_MD_CTX_new(), *c512 = EVP_MD_CTX_new();
    int e = 0;
    if (!c256 || !c512 || !EVP_DigestInit_ex(c256, EVP_sha256(), NULL) ||
        !EVP_DigestInit_ex(c512, EVP_sha512(), NULL))
        e = ENOMEM;
    char *buf = e ? NULL : malloc(1 << 16);
    if (!e && !buf) e = ENOMEM;
    uint64_t size = 0;
    while (!e) {
        ssize_t r = read(in, buf, 1 << 16);
        if (r < 0) {
            if (errno == EINTR) continue;
            e = errno;
            break;
        }
        if (r == 0) break;
        size += (uint64_t)r;
        EVP_DigestUpdate(c256, buf, (size_t)r);
        EVP_DigestUpdate(c512, buf, (size_t)r);
        if (out >= 0) e = write_all(out, buf, (size_t)r);
    }
    if (!e) {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned n = 0;
        EVP_DigestFinal_ex(c256, md, &n);
        to_hex(md, n, dg->sha256);
        EVP_DigestFinal_ex(c512, md, &n);
        to_hex(md, n, dg->sha512);
        dg->size = size;
    }
    if (out >= 0) {
        if (!e && fsync(out)) e = errno;
        if (close(out) && !e) e = errno;
    }
    close(in);
    free(buf);
    EVP_MD_CTX_free(c256);
    EVP_MD_CTX_free(c512);
    return e;
}

int archive_hash_file(const char *path, const char *algo, char *out) {
    const EVP_MD *md = EVP_get_digestbyname(algo);
    if (!md || EVP_MD_size(md) > 64) return EINVAL;
    FILE *f = fopen(path, "rb");
    if (!f) return errno;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    char *buf = malloc(1 << 16);
    int e = 0;
    if (!c || !buf || !EVP_DigestInit_ex(c, md, NULL)) e = ENOMEM;
    while (!e) {
        size_t r = fread(buf, 1, 1 << 16, f);
        if (r) EVP_DigestUpdate(c, buf, r);
        if (r < (1 << 16)) {
            if (ferror(f)) e = EIO;
            break;
        }
    }
    if (!e) {
        unsigned char d[EVP_MAX_MD_SIZE];
        unsigned n = 0;
        EVP_DigestFinal_ex(c, d, &n);
        to_hex(d, n, out);
    }
    fclose(f);
    free(buf);
    EVP_MD_CTX_free(c);
    return e;
}

int archive_write_file(const char *path, const void *data, size_t len) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    int e = write_all(fd, data, len);
    if (!e && fsync(fd)) e = errno;
    if (close(fd) && !e) e = errno;
    return e;
}

int archive_fsync_dir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno;
    int e = fsync(fd) ? errno : 0;
    close(fd);
    return e;
}

static int sorted_entries(const char *dir, struct dirent ***list) {
    int n = scandir(dir, list, NULL, alphasort);
    return n;
}

int archive_rmtree(const char *path) {
    struct stat st;
    if (lstat(path, &st)) return errno == ENOENT ? 0 : errno;
    if (!S_ISDIR(st.st_mode)) return unlink(path) ? errno : 0;
    struct dirent **list = NULL;
    int n = sorted_entries(path, &list);
    if (n < 0) return errno;
    int e = 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (!e && strcmp(name, ".") && strcmp(name, "..")) {
            char *sub = fs_join(path, name);
            e = sub ? archive_rmtree(sub) : ENOMEM;
            free(sub);
        }
        free(list[i]);
    }
    free(list);
    if (!e && rmdir(path)) e = errno;
    return e;
}

static int walk_rec(const char *root, const char *rel, archive_walk_cb cb, void *ctx) {
    char *dir = *rel ? fs_join(root, rel) : strdup(root);
    if (!dir) return -ENOMEM;
    struct dirent **list = NULL;
    int n = sorted_entries(dir, &list);
    if (n < 0) {
        int e = errno;
        free(dir);
        return -e;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (!rc && strcmp(name, ".") && strcmp(name, "..")) {
            char *sub = *rel ? fs_join(rel, name) : strdup(name);
            char *full = fs_join(dir, name);
            struct stat st;
            if (!sub || !full)
                rc = -ENOMEM;
            else if (lstat(full, &st))
                rc = -errno;
            else if (S_ISDIR(st.st_mode))
                rc = walk_rec(root, sub, cb, ctx);
            else
                rc = cb(ctx, sub, S_ISREG(st.st_mode));
            free(sub);
            free(full);
        }
        free(list[i]);
    }
    free(list);
    free(dir);
    return rc;
}

int archive_walk(const char *root, const char *dir, archive_walk_cb cb, void *ctx) {
    return walk_rec(root, dir ? dir : "", cb, ctx);
}

int archive_list_dir(const char *dir, int dirs, char ***names, size_t *n) {
    *names = NULL;
    *n = 0;
    struct dirent **list = NULL;
    int m = sorted_entries(dir, &list);
    if (m < 0) return errno == ENOENT ? 0 : errno;
    char **out = calloc((size_t)m + 1, sizeof *out);
    int e = out ? 0 : ENOMEM;
    for (int i = 0; i < m; i++) {
        const char *name = list[i]->d_name;
        if (!e && name[0] != '.') {
            char *full = fs_join(dir, name);
            struct stat st;
            if (!full)
                e = ENOMEM;
            else if (!lstat(full, &st) && (dirs ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode))) {
                out[*n] = strdup(name);
                if (!out[*n])
                    e = ENOMEM;
                else
                    (*n)++;
            }
            free(full);
        }
        free(list[i]);
    }
    free(list);
    if (e) {
        archive_names_free(out, *n);
        *n = 0;
        return e;
    }
    *names = out;
    return 0;
}

void archive_names_free(char **names, size_t n) {
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

char *archive_join_arena(folio_arena *arena, const char *a, const char *b) {
    char *p = fs_join(a, b);
    char *q = p ? arena_strdup(arena, p) : NULL;
    free(p);
    return q;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int archive_names_has(char *const *v, size_t n, const char *s) {
    return n && bsearch(&s, v, n, sizeof *v, cmp_names) != NULL;
}

typedef struct name_list {
    char **v;
    size_t n, cap;
} name_list;

/* Appends top/journal/issue for every issue folder of archive/top/journal. */
static int push_issues(name_list *l, const char *archive, const char *top, const char *journal) {
    char rel[1024];
    snprintf(rel, sizeof rel, "%s/%s", top, journal);
    char *dir = fs_join(archive, rel), **issues = NULL;
    size_t ni = 0;
    int e = dir ? archive_list_dir(dir, 1, &issues, &ni) : ENOMEM;
    for (size_t i = 0; i < ni && !e; i++) {
        char *p = fs_join(rel, issues[i]);
        if (!p || (l->n == l->cap && grow_array(&l->v, &l->cap, l->n + 1, sizeof *l->v, 64))) {
            free(p);
            e = ENOMEM;
        } else {
            l->v[l->n++] = p;
        }
    }
    archive_names_free(issues, ni);
    free(dir);
    return e;
}

int archive_find_bags(const char *archive, char ***bags, size_t *n) {
    static const char *const tops[] = {"bags", "superseded"};
    name_list l = {0};
    int e = 0;
    for (size_t t = 0; t < 2 && !e; t++) {
        char *dir = fs_join(archive, tops[t]), **journals = NULL;
        size_t nj = 0;
        e = dir ? archive_list_dir(dir, 1, &journals, &nj) : ENOMEM;
        for (size_t j = 0; j < nj && !e; j++)
            e = push_issues(&l, archive, tops[t], journals[j]);
        archive_names_free(journals, nj);
        free(dir);
    }
    if (e) {
        archive_names_free(l.v, l.n);
        l.v = NULL, l.n = 0;
    } else if (l.n) {
        qsort(l.v, l.n, sizeof *l.v, cmp_names);
    }
    *bags = l.v;
    *n = l.n;
    return e;
}

int archive_write_into(const char *archive, const char *name, const void *data, size_t len) {
    char *tmp = archive_mkwork(archive, "file", 0), *path = fs_join(archive, name);
    int e = !path ? ENOMEM : !tmp ? (errno ? errno : ENOMEM) : 0;
    if (!e) e = archive_write_file(tmp, data, len);
    if (!e && rename(tmp, path)) e = errno;
    if (!e) e = archive_fsync_dir(archive);
    if (e && tmp) unlink(tmp);
    free(tmp);
    free(path);
    return e;
}
