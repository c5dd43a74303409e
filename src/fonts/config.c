/* config.c — reads fonts/roles.yaml (roles → ordered candidates) and applies overrides. */
#include "fonts_private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../util/fsutil.h"
#include "../util/grow.h"
#include "../util/yaml.h"

int fonts_is_path(const char *s) {
    return s[0] == '/' || strncmp(s, "./", 2) == 0 || strncmp(s, "../", 3) == 0;
}

role_conf *fonts_conf_find(roles_conf *conf, const char *name) {
    for (size_t i = 0; i < conf->n; i++)
        if (strcmp(conf->roles[i].name, name) == 0) return &conf->roles[i];
    return NULL;
}

static role_conf *conf_add_role(roles_conf *conf, const char *name) {
    role_conf *r = fonts_conf_find(conf, name);
    if (r) return r;
    if (grow_array(&conf->roles, &conf->cap, conf->n + 1, sizeof *conf->roles, 8)) return NULL;
    r = &conf->roles[conf->n];
    memset(r, 0, sizeof *r);
    if (!(r->name = strdup(name))) return NULL;
    conf->n++;
    return r;
}

/* Inserts a candidate at position at (0 = first); takes ownership of name. */
static int role_insert(role_conf *r, size_t at, font_cand c) {
    if (grow_array(&r->cands, &r->cap, r->n + 1, sizeof *r->cands, 8)) {
        free(c.name);
        return -1;
    }
    memmove(&r->cands[at + 1], &r->cands[at], (r->n - at) * sizeof *r->cands);
    r->cands[at] = c;
    r->n++;
    return 0;
}

/* A candidate from a family string: a path when it looks like one. */
static int cand_from_string(const char *s, font_cand *c) {
    memset(c, 0, sizeof *c);
    c->kind = fonts_is_path(s) ? CAND_FILE : CAND_FAMILY;
    return (c->name = strdup(s)) ? 0 : -1;
}

int fonts_conf_override(roles_conf *conf, const folio_font_override *ov) {
    role_conf *r = conf_add_role(conf, ov->role);
    if (!r) return -1;
    for (size_t i = 0; i < ov->nfamilies; i++) {
        font_cand c;
        if (cand_from_string(ov->families[i], &c) < 0 || role_insert(r, i, c) < 0) return -1;
    }
    return 0;
}

void fonts_conf_free(roles_conf *conf) {
    for (size_t i = 0; i < conf->n; i++) {
        for (size_t j = 0; j < conf->roles[i].n; j++)
            free(conf->roles[i].cands[j].name);
        free(conf->roles[i].cands);
        free(conf->roles[i].name);
    }
    free(conf->roles);
    memset(conf, 0, sizeof *conf);
}

static const char *scalar(const yt_node *n) {
    return n && n->type == YT_SCALAR ? n->str : NULL;
}

/* A relative file path in roles.yaml is relative to the file's folder. */
static char *conf_path(const char *config_path, const char *p) {
    if (p[0] == '/') return strdup(p);
    const char *slash = strrchr(config_path, '/');
    if (!slash) return strdup(p);
    char *dir = strndup(config_path, (size_t)(slash - config_path));
    if (!dir) return NULL;
    char *out = fs_join(dir, p);
    free(dir);
    return out;
}

/* One candidate: a scalar (family or path) or a mapping {family|file|role, index, optional}. */
static int read_cand(const char *path, const yt_node *n, font_cand *c, folio_diags *d) {
    memset(c, 0, sizeof *c);
    c->src = path;
    c->line = n->line;
    const char *s = scalar(n);
    if (s) {
        if (!*s) return diag_error(d, path, c->line, "empty font family");
        c->kind = fonts_is_path(s) ? CAND_FILE : CAND_FAMILY;
        c->name = c->kind == CAND_FILE ? conf_path(path, s) : strdup(s);
        return c->name ? 0 : diag_error(d, path, c->line, "out of memory");
    }
    if (n->type != YT_MAP)
        return diag_error(d, path, c->line, "a font candidate is a family name or a mapping");
    int have = 0;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const yt_node *kn = n->items[i];
        const char *k = scalar(kn), *v = scalar(n->items[i + 1]);
        int ln = kn->line;
        if (!k || !v) {
            free(c->name);
            return diag_error(d, path, ln, "font candidate keys and values must be plain text");
        }
        if (!strcmp(k, "family") || !strcmp(k, "file") || !strcmp(k, "role")) {
            if (have++) {
                free(c->name);
                return diag_error(d, path, ln, "a font candidate has one of family, file or role");
            }
            c->kind = !strcmp(k, "family") ? CAND_FAMILY
                      : !strcmp(k, "file") ? CAND_FILE
                                           : CAND_ROLE;
            c->name = c->kind == CAND_FILE ? conf_path(path, v) : strdup(v);
            if (!c->name) return diag_error(d, path, ln, "out of memory");
        } else if (!strcmp(k, "index")) {
            char *end;
            errno = 0;
            long idx = strtol(v, &end, 10);
            if (errno || *end || end == v || idx < 0 || idx > 0xffff) {
                free(c->name);
                return diag_error(d, path, ln, "index must be a face number (0, 1, ...)");
            }
            c->index = (int)idx;
        } else if (!strcmp(k, "optional")) {
            c->optional = !strcmp(v, "true") || !strcmp(v, "yes");
        } else {
            free(c->name);
            return diag_error(d, path, ln, "unknown font candidate key '%s'", k);
        }
    }
    if (!have) return diag_error(d, path, c->line, "a font candidate needs family, file or role");
    return 0;
}

static int read_roles(const char *path, const yt_node *map, roles_conf *conf, folio_diags *d) {
    if (map->type != YT_MAP)
        return diag_error(d, path, map->line, "roles must map role names to lists of families");
    int rc = 0;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const yt_node *kn = map->items[i], *vn = map->items[i + 1];
        const char *name = scalar(kn);
        if (!name || !*name) {
            rc = diag_error(d, path, kn->line, "a role name must be plain text");
            continue;
        }
        if (fonts_conf_find(conf, name)) {
            rc = diag_error(d, path, kn->line, "role '%s' is configured twice", name);
            continue;
        }
        if (vn->type != YT_SEQ || !vn->n) {
            rc =
                diag_error(d, path, kn->line, "role '%s' needs a list of candidate families", name);
            continue;
        }
        role_conf *r = conf_add_role(conf, name);
        if (!r) return diag_error(d, path, kn->line, "out of memory");
        for (size_t j = 0; j < vn->n; j++) {
            font_cand c;
            if (read_cand(path, vn->items[j], &c, d) < 0) {
                rc = -1;
                continue;
            }
            if (role_insert(r, r->n, c) < 0) return diag_error(d, path, c.line, "out of memory");
        }
    }
    return rc;
}

/* The root map: one key, roles. */
static int read_root(const char *path, const yt_node *root, roles_conf *conf, folio_diags *d) {
    if (!root || root->type != YT_MAP)
        return diag_error(d, path, root ? root->line : 0, "expected a mapping with 'roles:'");
    int rc = 0, found = 0;
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const char *k = scalar(root->items[i]);
        if (k && !strcmp(k, "roles")) {
            found = 1;
            if (read_roles(path, root->items[i + 1], conf, d) < 0) rc = -1;
        } else {
            rc = diag_error(d, path, root->items[i]->line, "unknown key '%s' (expected 'roles')",
                            k ? k : "?");
        }
    }
    if (!found && rc == 0) rc = diag_error(d, path, 0, "no 'roles:' mapping");
    return rc;
}

int fonts_conf_read(const char *path, roles_conf *conf, folio_diags *d) {
    char *data;
    size_t len;
    int err = fs_read_file(path, 1 << 20, &data, &len);
    if (err) return diag_error(d, path, 0, "cannot read the font roles: %s", strerror(err));
    folio_arena *a = arena_new();
    int ok = 0, rc = -1;
    const yt_node *root = a ? yt_parse(a, data, len, 0, path, d, &ok) : NULL;
    if (!a)
        diag_error(d, path, 0, "out of memory");
    else if (ok)
        rc = read_root(path, root, conf, d);
    arena_free(a);
    free(data);
    return rc;
}
