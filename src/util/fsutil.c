/* fsutil.c — file helpers (see fsutil.h). */
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_read_file(const char *path, size_t max_bytes, char **data, size_t *len) {
    *data = NULL;
    if (len) *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return errno ? errno : EIO;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return EISDIR;
    }
    size_t cap = 4096, n = 0;
    char *p = malloc(cap + 1);
    if (!p) {
        fclose(f);
        return ENOMEM;
    }
    for (;;) {
        if (n == cap) {
            if (max_bytes && cap >= max_bytes) {
                free(p);
                fclose(f);
                return EFBIG;
            }
            size_t ncap = cap * 2;
            char *q = realloc(p, ncap + 1);
            if (!q) {
                free(p);
                fclose(f);
                return ENOMEM;
            }
            p = q;
            cap = ncap;
        }
        size_t got = fread(p + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(p);
                fclose(f);
                return e;
            }
            break;
        }
        if (max_bytes && n > max_bytes) {
            free(p);
            fclose(f);
            return EFBIG;
        }
    }
    fclose(f);
    p[n] = 0;
    *data = p;
    if (len) *len = n;
    return 0;
}

char *fs_join(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    int slash = la > 0 && a[la - 1] != '/';
    char *p = malloc(la + (size_t)slash + lb + 1);
    if (!p) return NULL;
    memcpy(p, a, la);
    if (slash) p[la] = '/';
    memcpy(p + la + slash, b, lb + 1);
    return p;
}

int fs_mkdirs(const char *path) {
    char *p = strdup(path);
    if (!p) return ENOMEM;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            return e;
        }
        *s = '/';
    }
    int r = 0;
    if (mkdir(p, 0755) != 0 && errno != EEXIST) r = errno;
    free(p);
    return r;
}

int fs_is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether the canonical path c lies at or below the canonical root r. */
static int under(const char *r, const char *c) {
    size_t n = strlen(r);
    return strncmp(r, c, n) == 0 && (c[n] == 0 || c[n] == '/' || (n == 1 && r[0] == '/'));
}

int fs_resolve_inside(const char *root, const char *base, const char *rel, char **out,
                      const char **why) {
    *out = NULL;
    if (!rel || !*rel) {
        *why = "empty path";
        return -1;
    }
    if (rel[0] == '/') {
        *why = "absolute paths are not allowed; write it relative to the edition folder";
        return -1;
    }
    char *croot = realpath(root, NULL);
    if (!croot) {
        *why = "the edition folder cannot be read";
        return -1;
    }
    char *joined = fs_join(base, rel);
    if (!joined) {
        free(croot);
        *why = "out of memory";
        return -1;
    }
    /* Follow the longest existing prefix through realpath (this resolves
     * symlinks), then check the lexical rest for `..`. */
    char *prefix = strdup(joined);
    char *rest = NULL;
    char *canon = NULL;
    if (!prefix) {
        free(croot);
        free(joined);
        *why = "out of memory";
        return -1;
    }
    for (;;) {
        canon = realpath(prefix, NULL);
        if (canon) break;
        char *slash = strrchr(prefix, '/');
        if (!slash) break;
        *slash = 0;
        rest = joined + strlen(prefix) + 1;
    }
    int ok = canon && under(croot, canon);
    if (ok && rest) {
        /* The non-existing tail may still climb out lexically. */
        int depth = 0;
        const char *s = rest;
        while (*s) {
            const char *e = strchr(s, '/');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            if (n == 2 && s[0] == '.' && s[1] == '.')
                depth--;
            else if (!(n == 1 && s[0] == '.') && n > 0)
                depth++;
            if (depth < 0) ok = 0;
            s += n + (e ? 1 : 0);
            if (!e) break;
        }
        if (ok && depth < 0) ok = 0;
    }
    int r = 0;
    if (!ok) {
        *why = "the path leads outside the edition folder";
        r = -1;
    } else {
        *out = joined;
        joined = NULL;
    }
    free(croot);
    free(prefix);
    free(canon);
    free(joined);
    return r;
}

int atomic_begin(folio_atomic *a, const char *path, int open_stream) {
    memset(a, 0, sizeof *a);
    a->path = strdup(path);
    size_t n = strlen(path);
    a->tmp = malloc(n + 16);
    if (!a->path || !a->tmp) {
        atomic_abort(a);
        return ENOMEM;
    }
    /* Folder-local temporary name: rename() is then atomic. */
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path + 1) : 0;
    memcpy(a->tmp, path, dir);
    snprintf(a->tmp + dir, n + 16 - dir, ".%s.XXXXXX", path + dir);
    int fd = mkstemp(a->tmp);
    if (fd < 0) {
        int e = errno;
        free(a->tmp);
        a->tmp = NULL;
        atomic_abort(a);
        return e;
    }
    fchmod(fd, 0644);
    if (open_stream) {
        a->f = fdopen(fd, "wb");
        if (!a->f) {
            int e = errno;
            close(fd);
            atomic_abort(a);
            return e;
        }
    } else {
        close(fd);
    }
    return 0;
}

int atomic_commit(folio_atomic *a) {
    int r = 0;
    if (a->f) {
        if (fflush(a->f) != 0 || fsync(fileno(a->f)) != 0) r = errno ? errno : EIO;
        if (fclose(a->f) != 0 && !r) r = errno ? errno : EIO;
        a->f = NULL;
    } else if (a->tmp) {
        int fd = open(a->tmp, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0) r = errno ? errno : EIO;
        if (fd >= 0) close(fd);
    }
    if (!r && rename(a->tmp, a->path) != 0) r = errno ? errno : EIO;
    if (r) {
        atomic_abort(a);
        return r;
    }
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
    return 0;
}

void atomic_abort(folio_atomic *a) {
    if (a->f) fclose(a->f);
    if (a->tmp) unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
}

int fs_write_atomic(const char *path, const void *data, size_t len) {
    folio_atomic a;
    int r = atomic_begin(&a, path, 1);
    if (r) return r;
    if (len && fwrite(data, 1, len, a.f) != len) {
        r = errno ? errno : EIO;
        atomic_abort(&a);
        return r;
    }
    return atomic_commit(&a);
}
