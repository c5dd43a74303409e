/* fsutil.h — files: whole-file reads, atomic writes, paths kept inside a root. */
#ifndef FOLIO_FSUTIL_H
#define FOLIO_FSUTIL_H

#include <stddef.h>
#include <stdio.h>

/* Reads a whole file into a malloc'd, NUL-terminated buffer (caller frees).
 * Returns 0, or an errno value (EFBIG past max_bytes when max_bytes > 0). */
int fs_read_file(const char *path, size_t max_bytes, char **data, size_t *len);

/* Joins two path parts with one '/'; malloc'd (caller frees), NULL on OOM. */
char *fs_join(const char *a, const char *b);

/* Creates a directory and its parents (mode 0755); 0 or an errno value. */
int fs_mkdirs(const char *path);

/* Whether path names an existing directory / regular file. */
int fs_is_dir(const char *path);
int fs_is_file(const char *path);

/* Resolves rel (a path written in the edition, relative to the folder base,
 * which lies inside root) and checks that the result stays inside root: no
 * absolute path, no `..` climbing out, no symlink leading out. On success
 * returns 0 and sets *out to the malloc'd path root/... (caller frees). On
 * failure returns -1 and sets *why to a static English reason. A path that
 * does not exist is not an error here (callers check existence themselves);
 * only the parts that exist are followed for symlinks. */
int fs_resolve_inside(const char *root, const char *base, const char *rel, char **out,
                      const char **why);

/* An output file written under a temporary name in the same folder and renamed
 * into place only by atomic_commit, so that a failed write never replaces an
 * earlier good file. */
typedef struct folio_atomic {
    char *path; /* the final path */
    char *tmp;  /* the temporary path, in the same folder */
    FILE *f;    /* open for writing; NULL for writers that open tmp themselves */
} folio_atomic;

/* Creates the temporary file next to path (open_stream: also opens it as f).
 * Returns 0 or an errno value. */
int atomic_begin(folio_atomic *a, const char *path, int open_stream);

/* Flushes, fsyncs and renames the temporary file to the final path; on any
 * failure removes the temporary file. Returns 0 or an errno value. Frees the
 * paths either way. */
int atomic_commit(folio_atomic *a);

/* Removes the temporary file and frees the paths; the final path is untouched. */
void atomic_abort(folio_atomic *a);

/* Writes data to path atomically (atomic_begin + fwrite + atomic_commit).
 * Returns 0 or an errno value. */
int fs_write_atomic(const char *path, const void *data, size_t len);

#endif
