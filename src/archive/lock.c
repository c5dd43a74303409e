/* lock.c — one writer at a time (flock on archive/.lock), and the work area under .tmp. */
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

/* flock on a fresh descriptor of the lock file; the lock goes with the
 * descriptor (and with the process, however it ends). */
static int lock_fd(const char *archive, int oflags, int how) {
    char *path = fs_join(archive, ".lock");
    if (!path) {
        errno = ENOMEM;
        return -1;
    }
    int fd = open(path, oflags | O_CLOEXEC, 0644);
    free(path);
    if (fd < 0) return -1;
    while (flock(fd, how)) {
        if (errno == EINTR) continue;
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

int archive_lock(const char *archive, folio_diags *d) {
    char *tmp = fs_join(archive, ".tmp");
    int e = tmp ? fs_mkdirs(tmp) : ENOMEM;
    free(tmp);
    if (e) return diag_error(d, archive, 0, "cannot create the archive folder: %s", strerror(e));
    int fd = lock_fd(archive, O_RDWR | O_CREAT, LOCK_EX);
    if (fd < 0) diag_error(d, archive, 0, "cannot lock the archive (.lock): %s", strerror(errno));
    return fd;
}

int archive_trylock(const char *archive) {
    return lock_fd(archive, O_RDWR | O_CREAT, LOCK_EX | LOCK_NB);
}

int archive_lock_shared(const char *archive) {
    int fd = lock_fd(archive, O_RDONLY, LOCK_SH);
    return fd < 0 && errno == ENOENT ? -2 : fd;
}

void archive_unlock(int fd) {
    if (fd >= 0) close(fd); /* releases the flock */
}

/* Work entries are named KIND-PID-RANDOM; one whose process is gone is
 * what a crash left behind (the command line builds editions under .tmp
 * too, before it takes the lock). */
static int stale(const char *name) {
    const char *dash = strchr(name, '-');
    if (!dash) return 1;
    char *end = NULL;
    long pid = strtol(dash + 1, &end, 10);
    if (end == dash + 1 || *end != '-' || pid <= 0) return 1;
    return kill((pid_t)pid, 0) && errno == ESRCH;
}

/* Removes the stale subfolders (dirs set) or files of dir. */
static int remove_stale(const char *dir, int dirs) {
    char **names = NULL;
    size_t n = 0;
    int e = archive_list_dir(dir, dirs, &names, &n);
    for (size_t i = 0; i < n && !e; i++) {
        if (!stale(names[i])) continue;
        char *p = fs_join(dir, names[i]);
        e = p ? archive_rmtree(p) : ENOMEM;
        free(p);
    }
    archive_names_free(names, n);
    return e;
}

int archive_clean_tmp(const char *archive) {
    char *tmp = fs_join(archive, ".tmp");
    int e = tmp ? remove_stale(tmp, 1) : ENOMEM;
    if (!e) e = remove_stale(tmp, 0);
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
