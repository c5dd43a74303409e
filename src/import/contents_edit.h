/* contents_edit.h — an article added to the contents of edition.yaml by
 * editing its text, so that the editor's comments, order and layout of the
 * file stay as they were. */
#ifndef FOLIO_IMPORT_CONTENTS_EDIT_H
#define FOLIO_IMPORT_CONTENTS_EDIT_H

#include "../util/buf.h"

#include <stddef.h>

/* Appends to out the text of edition.yaml (yaml, len bytes) with `path`
 * listed last under the contents section named `section`, or under a new
 * section of that name at the end of the contents. The new lines copy the
 * indentation and line endings of the file. Returns 0, or -1 with *why set
 * to an English reason in a static buffer-free string (the contents are not
 * a block list, the path is listed already, the YAML does not parse; *line
 * then names the line, 0 when none applies). */
int contents_add(const char *yaml, size_t len, const char *section, const char *path,
                 folio_buf *out, const char **why, int *line);

#endif
