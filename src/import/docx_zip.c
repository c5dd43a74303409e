/* docx_zip.c — the OOXML package: capped entry reads, safe XML, relationships. */
#include "docx_private.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dx_oom(dx_ctx *c) {
    if (!c->oom) diag_error(c->d, c->src, 0, "out of memory");
    c->oom = 1;
    return -1;
}

int dx_open(dx_ctx *c) {
    int err = 0;
    c->zip = zip_open(c->src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!c->zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        diag_error(c->d, c->src, 0, "a damaged zip archive, not a readable .docx (%s)",
                   zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    zip_int64_t n = zip_get_num_entries(c->zip, 0);
    if (n < 0 || n > DX_MAX_ENTRIES)
        return diag_error(c->d, c->src, 0,
                          "the package holds %lld entries (at most %d): not a manuscript",
                          (long long)n, DX_MAX_ENTRIES);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(c->zip, (zip_uint64_t)i, 0, &st) == 0 &&
            (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            return diag_error(c->d, c->src, 0,
                              "the document is password-protected (its zip entries are "
                              "encrypted); remove the password and save it again as .docx");
    }
    return 0;
}

void dx_close(dx_ctx *c) {
    if (c->zip) zip_discard(c->zip);
    c->zip = NULL;
}

/* Reads an open entry, a megabyte at a time, stopping as soon as it is
 * larger than max, the package larger than DX_MAX_TOTAL, or the entry
 * inflates more than DX_MAX_RATIO times its compressed size. */
static int read_capped(dx_ctx *c, zip_file_t *f, const char *name, size_t max, zip_uint64_t comp,
                       char **data, size_t *len) {
    const size_t step = 1u << 20;
    size_t cap = 0, n = 0;
    char *p = NULL;
    for (;;) {
        if (cap - n < step) {
            char *q = realloc(p, cap + step + 1);
            if (!q) {
                free(p);
                return dx_oom(c);
            }
            p = q;
            cap += step;
        }
        zip_int64_t got = zip_fread(f, p + n, step);
        if (got < 0) {
            free(p);
            return diag_error(c->d, c->src, 0, "%s cannot be read from the zip archive (%s)", name,
                              zip_file_strerror(f));
        }
        if (got == 0) break;
        n += (size_t)got;
        c->total += (size_t)got;
        const char *why = n > max                               ? "larger than its limit"
                          : c->total > DX_MAX_TOTAL             ? "past the package's limit"
                          : n > step && n / DX_MAX_RATIO > comp ? "inflating past the ratio"
                                                                : NULL;
        if (why) {
            free(p);
            return diag_error(c->d, c->src, 0,
                              "%s is %s (%zu MB uncompressed from %llu KB; the limits: %zu MB "
                              "a part, %u MB in all, %d times the compressed size): refused as "
                              "a zip bomb",
                              name, why, n >> 20, (unsigned long long)(comp >> 10), max >> 20,
                              DX_MAX_TOTAL >> 20, DX_MAX_RATIO);
        }
    }
    p[n] = '\0';
    *data = p;
    *len = n;
    return 0;
}

int dx_read(dx_ctx *c, const char *name, size_t max, char **data, size_t *len) {
    *data = NULL;
    *len = 0;
    zip_int64_t i = zip_name_locate(c->zip, name, ZIP_FL_NOCASE);
    if (i < 0) return 1;
    zip_stat_t st;
    zip_uint64_t comp = 0;
    if (zip_stat_index(c->zip, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_COMP_SIZE))
        comp = st.comp_size;
    zip_file_t *f = zip_fopen_index(c->zip, (zip_uint64_t)i, 0);
    if (!f)
        return diag_error(c->d, c->src, 0, "%s cannot be read from the zip archive (%s)", name,
                          zip_strerror(c->zip));
    int r = read_capped(c, f, name, max, comp, data, len);
    zip_fclose(f);
    return r;
}

xmlDocPtr dx_xml(dx_ctx *c, const char *name, int *missing) {
    char *data = NULL;
    size_t len = 0;
    *missing = 0;
    int r = dx_read(c, name, DX_MAX_XML, &data, &len);
    if (r) {
        *missing = r == 1;
        return NULL;
    }
    /* Word writes no DTD; one here can only declare entities, which could
     * expand without bound (billion laughs), or fetch files. */
    if (strstr(data, "<!DOCTYPE") || strstr(data, "<!ENTITY")) {
        free(data);
        diag_error(c->d, c->src, 0,
                   "%s declares a document type or entities, which Word never writes (an XML "
                   "entity bomb?): refused",
                   name);
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        free(data);
        dx_oom(c);
        return NULL;
    }
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[160] = "not well-formed";
        if (e && e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            msg[strcspn(msg, "\n")] = '\0';
        }
        diag_error(c->d, c->src, 0, "%s:%d: damaged XML (%s)", name, e ? e->line : 0, msg);
    }
    xmlFreeParserCtxt(ctxt);
    free(data);
    return doc;
}

int dx_is(const xmlNode *n, const char *local) {
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

int dx_w(const xmlNode *n, const char *local) {
    if (!dx_is(n, local) || !n->ns || !n->ns->href) return 0;
    const char *h = (const char *)n->ns->href;
    return strstr(h, "wordprocessingml") != NULL;
}

xmlNode *dx_child(const xmlNode *n, const char *local) {
    for (xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (dx_is(k, local)) return k;
    return NULL;
}

const char *dx_attr(dx_ctx *c, const xmlNode *n, const char *local) {
    for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next) {
        if (strcmp((const char *)a->name, local)) continue;
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        const char *s = arena_strdup(c->a, v ? (const char *)v : "");
        xmlFree(v);
        if (!s) dx_oom(c);
        return s;
    }
    return NULL;
}

const char *dx_val(dx_ctx *c, const xmlNode *n, const char *local) {
    const xmlNode *k = dx_child(n, local);
    return k ? dx_attr(c, k, "val") : NULL;
}

int dx_toggle(dx_ctx *c, const xmlNode *rpr, const char *local) {
    const xmlNode *k = dx_child(rpr, local);
    if (!k) return -1;
    const char *v = dx_attr(c, k, "val");
    return !(v && (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off")));
}

/* A relationship target resolved against the folder of its part: "." and
 * ".." steps taken, %XX decoded. Sets *escapes when it climbs out. */
static char *resolve_target(dx_ctx *c, const char *part, const char *target, int *escapes) {
    folio_buf b;
    buf_init(&b);
    if (target[0] != '/') {
        const char *slash = strrchr(part, '/');
        if (slash) buf_append(&b, part, (size_t)(slash - part + 1));
    }
    for (const char *s = target; *s; s++) {
        if (*s == '%' && s[1] && s[2] && strchr("0123456789abcdefABCDEF", s[1]) &&
            strchr("0123456789abcdefABCDEF", s[2])) {
            char hex[3] = {s[1], s[2], 0};
            buf_putc(&b, (char)strtol(hex, NULL, 16));
            s += 2;
        } else {
            buf_putc(&b, *s == '\\' ? '/' : *s);
        }
    }
    /* split and rebuild without "." and ".." */
    char *path = buf_detach(&b, NULL), *out = path ? arena_alloc(c->a, strlen(path) + 1) : NULL;
    if (!out) {
        free(path);
        dx_oom(c);
        return NULL;
    }
    size_t o = 0;
    char *save = NULL;
    for (char *seg = strtok_r(path, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (!strcmp(seg, ".")) continue;
        if (!strcmp(seg, "..")) {
            if (!o) *escapes = 1;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0) o--;
            continue;
        }
        if (o) out[o++] = '/';
        size_t n = strlen(seg);
        memcpy(out + o, seg, n);
        o += n;
    }
    out[o] = '\0';
    free(path);
    return out;
}

int dx_read_rels(dx_ctx *c, const char *part, dx_rels *rels) {
    rels->v = NULL;
    rels->n = 0;
    const char *slash = strrchr(part, '/');
    folio_buf name;
    buf_init(&name);
    if (slash) buf_append(&name, part, (size_t)(slash - part + 1));
    buf_printf(&name, "_rels/%s.rels", slash ? slash + 1 : part);
    if (name.oom) return dx_oom(c);
    int missing = 0;
    xmlDocPtr doc = dx_xml(c, name.data, &missing);
    buf_free(&name);
    if (!doc) return missing ? 0 : -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t n = 0;
    for (xmlNode *k = root ? root->children : NULL; k; k = k->next)
        n += dx_is(k, "Relationship");
    rels->v = n ? arena_calloc(c->a, n, sizeof *rels->v) : NULL;
    if (n && !rels->v) {
        xmlFreeDoc(doc);
        return dx_oom(c);
    }
    for (xmlNode *k = root ? root->children : NULL; k; k = k->next) {
        if (!dx_is(k, "Relationship")) continue;
        dx_rel *r = &rels->v[rels->n];
        const char *mode = dx_attr(c, k, "TargetMode"), *target = dx_attr(c, k, "Target");
        r->id = dx_attr(c, k, "Id");
        if (!r->id || !target) continue;
        r->external = mode && !strcmp(mode, "External");
        r->target = r->external ? target : resolve_target(c, part, target, &r->escapes);
        if (r->target) rels->n++;
    }
    xmlFreeDoc(doc);
    return c->oom ? -1 : 0;
}

const dx_rel *dx_rel_find(const dx_rels *rels, const char *id) {
    for (size_t i = 0; id && i < rels->n; i++)
        if (!strcmp(rels->v[i].id, id)) return &rels->v[i];
    return NULL;
}
