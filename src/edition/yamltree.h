/* yamltree.h — the edition's rules over the YAML tree of src/util/yaml.h
 * (internal to src/edition). */
#ifndef FOLIO_EDITION_YAMLTREE_H
#define FOLIO_EDITION_YAMLTREE_H

#include "reader.h"
#include "../util/yaml.h"

/* Checks a map's keys: each a scalar, none twice (errors), each one of known
 * (NULL-terminated; others are warned about as unknown, where names the map;
 * known NULL allows any key). Returns the number of errors. */
int yt_check_keys(rd_ctx *c, const char *path, const yt_node *map, const char *const *known,
                  const char *where);

/* Reads `contents:` of the edition.yaml map root into the sections and the
 * (not yet read) articles, resolving and checking each article path. */
void contents_read(rd_ctx *c, const yt_node *root);

#endif
