/* lock.c — one writer at a time, and the clean-up after an interrupted one. */
#include "archive_private.h"

#include "../util/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int archive_lock(const char *archive, folio_diags *d) {
    char *tmp = fs_join(archive, ".tmp"), *lock = fs_join(archive, ".lock");
    int fd = -1;
    int e = tmp && lock ? fs_mkdirs(tmp) : ENOMEM;
    if (e) {
        diag_error(d, archive, 0, "cannot create the archive folder: %s", strerror(e));
        goto done;
    }
    fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        diag_error(d, lock, 0, "cannot open the lock file: %s", strerror(errno));
        goto done;
    }
    while (flock(fd, LOCK_EX)) {
        if (errno != EINTR) {
            diag_error(d, lock, 0, "cannot lock the archive: %s", strerror(errno));
            close(fd);
            fd = -1;
            goto done;
        }
    }
done:
    free(tmp);
    free(lock);
    return fd;
}

void archive_unlock(int fd) {
    if (fd >= 0) close(fd); /* releases the flock */
}

/* Work folders are named KIND-PID-RANDOM; one whose process is gone is
 * what a crash left behind. */
static int stale(const char *name) {
    const char *dash = strchr(name, '-');
    if (!dash) return 1;
    char *end = NULL;
    long pid = strtol(dash + 1, &end, 10);
    if (end == dash + 1 || *end != '-' || pid <= 0) return 1;
    return kill((pid_t)pid, 0) && errno == ESRCH;
}

int archive_clean_tmp(const char *archive) {
    char *tmp = fs_join(archive, ".tmp");
    if (!tmp) return ENOMEM;
    char **names = NULL, **files = NULL;
    size_t n = 0, nf = 0;
    int e = archive_list_dir(tmp, 1, &names, &n);
    if (!e) e = archive_list_dir(tmp, 0, &files, &nf);
    for (size_t k = 0; k < 2 && !e; k++) {
        char **v = k ? files : names;
        size_t m = k ? nf : n;
        for (size_t i = 0; i < m; i++)
            if (stale(v[i])) {
                char *p = fs_join(tmp, v[i]);
                if (p) archive_rmtree(p);
                free(p);
            }
    }
    archive_names_free(names, n);
    archive_names_free(files, nf);
    free(tmp);
    return e;
}

char *archive_mkwork(const char *archive, const char *kind, int dir) {
    char name[64];
    snprintf(name, sizeof name, ".tmp/%s-%ld-XXXXXX", kind, (long)getpid());
    char *p = fs_join(archive, name);
    if (!p) return NULL;
    /* mkdtemp and mkstemp make private entries; an archive is shared, and
     * these become a bag or the catalogue */
    if (dir) {
        if (!mkdtemp(p) || chmod(p, 0755)) {
            free(p);
            return NULL;
        }
    } else {
        int fd = mkstemp(p);
        if (fd < 0 || fchmod(fd, 0644)) {
            if (fd >= 0) close(fd);
            free(p);
            return NULL;
        }
        close(fd);
    }
    return p;
}
