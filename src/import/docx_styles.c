/* docx_styles.c — word/styles.xml: what each paragraph style makes a paragraph.
 *
 * A heading is known by its style however it is named: Word's built-in ids
 * and names (Heading1, "heading 1", Title), the names a Chinese Word shows
 * (标题 1, 标题1, 标题, 副标题), WPS's numeric ids with English names, and
 * any style whose basedOn chain leads to one of these or that sets an
 * outline level. */
#include "docx_private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const dx_props dx_unset = {DX_ROLE_BODY, -1, -1, -1, -1, 0, -1, -1, -1};

/* A style name folded for matching: ASCII lowercased, blanks (also U+3000)
 * and a few separators removed. */
static void fold(const char *name, char *out, size_t cap) {
    size_t o = 0;
    for (const char *s = name; *s && o + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == ' ' || ch == '\t' || ch == '-' || ch == '_') continue;
        if (!strncmp(s, "\xE3\x80\x80", 3)) {
            s += 2;
            continue;
        }
        out[o++] = (char)tolower(ch);
    }
    out[o] = '\0';
}

/* "heading3" → 2 when s starts with prefix and a digit 1-9 ends it. */
static int numbered(const char *s, const char *prefix) {
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) || s[n] < '1' || s[n] > '9' || s[n + 1]) return -1;
    return s[n] - '1';
}

/* What role a style name says, and for headings its level (0-based). */
static dx_role dx_role_of_name(const char *name, int *outline) {
    static const struct {
        const char *name;
        dx_role role;
    } names[] = {
        {"title", DX_ROLE_TITLE},          {"标题", DX_ROLE_TITLE},
        {"subtitle", DX_ROLE_SUBTITLE},    {"副标题", DX_ROLE_SUBTITLE},
        {"quote", DX_ROLE_QUOTE},          {"引用", DX_ROLE_QUOTE},
        {"intensequote", DX_ROLE_QUOTE},   {"明显引用", DX_ROLE_QUOTE},
        {"blocktext", DX_ROLE_QUOTE},      {"文本块", DX_ROLE_QUOTE},
        {"quotations", DX_ROLE_QUOTE}, /* LibreOffice */
        {"caption", DX_ROLE_CAPTION},      {"题注", DX_ROLE_CAPTION},
        {"figure", DX_ROLE_CAPTION}, /* LibreOffice's picture captions */
        {"illustration", DX_ROLE_CAPTION}, {"tocheading", DX_ROLE_TOC},
        {"toc标题", DX_ROLE_TOC},          {"目录标题", DX_ROLE_TOC},
        {"contentsheading", DX_ROLE_TOC},
    };
    char f[128];
    *outline = -1;
    if (!name) return DX_ROLE_BODY;
    fold(name, f, sizeof f);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(f, names[i].name)) return names[i].role;
    int l;
    if ((l = numbered(f, "heading")) >= 0 || (l = numbered(f, "标题")) >= 0) {
        *outline = l;
        return DX_ROLE_HEADING;
    }
    if (numbered(f, "toc") >= 0 || numbered(f, "目录") >= 0 || numbered(f, "contents") >= 0)
        return DX_ROLE_TOC;
    return DX_ROLE_BODY;
}

static int to_int(const char *s, int fallback) {
    if (!s || !*s) return fallback;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v < -1000000 || v > 1000000 ? fallback : (int)v;
}

void dx_ppr(dx_ctx *c, const xmlNode *ppr, dx_props *p) {
    if (!ppr) return;
    const char *ol = dx_val(c, ppr, "outlineLvl");
    if (ol) p->outline = to_int(ol, -1);
    const char *jc = dx_val(c, ppr, "jc");
    if (jc) p->center = !strcmp(jc, "center");
    const xmlNode *np = dx_child(ppr, "numPr");
    if (np) {
        const char *id = dx_val(c, np, "numId"), *lvl = dx_val(c, np, "ilvl");
        if (id) p->num_id = to_int(id, -1);
        if (lvl) p->ilvl = to_int(lvl, 0);
    }
}

void dx_rpr(dx_ctx *c, const xmlNode *rpr, dx_props *p) {
    if (!rpr) return;
    int b = dx_toggle(c, rpr, "b"), i = dx_toggle(c, rpr, "i"), v = dx_toggle(c, rpr, "vanish");
    if (b >= 0) p->bold = b;
    if (i >= 0) p->italic = i;
    if (v >= 0) p->vanish = v;
    const char *sz = dx_val(c, rpr, "sz");
    if (sz) p->size = to_int(sz, 0);
}

static void read_style(dx_ctx *c, const xmlNode *k, dx_style *s) {
    const char *type = dx_attr(c, k, "type");
    s->type = !type                        ? 'p'
              : !strcmp(type, "character") ? 'c'
              : !strcmp(type, "table")     ? 't'
              : !strcmp(type, "numbering") ? 'n'
                                           : 'p';
    s->id = dx_attr(c, k, "styleId");
    s->name = dx_val(c, k, "name");
    s->based_on = dx_val(c, k, "basedOn");
    s->props = dx_unset;
    dx_ppr(c, dx_child(k, "pPr"), &s->props);
    dx_rpr(c, dx_child(k, "rPr"), &s->props);
    if (s->type != 'p') return;
    int outline = -1;
    s->props.role = dx_role_of_name(s->name, &outline);
    if (s->props.role == DX_ROLE_BODY) s->props.role = dx_role_of_name(s->id, &outline);
    if (s->props.role == DX_ROLE_HEADING && s->props.outline < 0) s->props.outline = outline;
    const char *def = dx_attr(c, k, "default");
    if (def && (!strcmp(def, "1") || !strcmp(def, "true")) && s->id && !c->default_para_style)
        c->default_para_style = s->id;
}

int dx_read_styles(dx_ctx *c) {
    c->defaults = dx_unset;
    int missing = 0;
    xmlDocPtr doc = dx_xml(c, "word/styles.xml", &missing);
    if (!doc) return missing ? 0 : -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t n = 0;
    for (xmlNode *k = root ? root->children : NULL; k; k = k->next)
        n += dx_w(k, "style");
    c->styles = n ? arena_calloc(c->a, n, sizeof *c->styles) : NULL;
    if (n && !c->styles) {
        xmlFreeDoc(doc);
        return dx_oom(c);
    }
    for (xmlNode *k = root ? root->children : NULL; k; k = k->next) {
        if (dx_w(k, "docDefaults")) {
            dx_rpr(c, dx_child(dx_child(k, "rPrDefault"), "rPr"), &c->defaults);
            dx_ppr(c, dx_child(dx_child(k, "pPrDefault"), "pPr"), &c->defaults);
        } else if (dx_w(k, "style")) {
            read_style(c, k, &c->styles[c->nstyles]);
            if (c->styles[c->nstyles].id) c->nstyles++;
        }
    }
    xmlFreeDoc(doc);
    return c->oom ? -1 : 0;
}

const dx_style *dx_style_find(const dx_ctx *c, const char *id) {
    for (size_t i = 0; id && i < c->nstyles; i++)
        if (!strcmp(c->styles[i].id, id)) return &c->styles[i];
    return NULL;
}

/* Copies into p what q sets. */
static void overlay(dx_props *p, const dx_props *q) {
    if (q->outline >= 0) p->outline = q->outline;
    if (q->center >= 0) p->center = q->center;
    if (q->bold >= 0) p->bold = q->bold;
    if (q->italic >= 0) p->italic = q->italic;
    if (q->size > 0) p->size = q->size;
    if (q->num_id >= 0) p->num_id = q->num_id;
    if (q->ilvl >= 0) p->ilvl = q->ilvl;
    if (q->vanish >= 0) p->vanish = q->vanish;
}

#define MAX_CHAIN 32

/* The style `id` and the styles it is based on, nearest first. */
static size_t style_chain(const dx_ctx *c, const char *id, const dx_style **chain) {
    size_t n = 0;
    for (const dx_style *s = dx_style_find(c, id); s && n < MAX_CHAIN;
         s = dx_style_find(c, s->based_on)) {
        for (size_t i = 0; i < n; i++)
            if (chain[i] == s) return n; /* a basedOn cycle */
        chain[n++] = s;
    }
    return n;
}

void dx_style_props(const dx_ctx *c, const char *id, dx_props *p) {
    const dx_style *chain[MAX_CHAIN];
    size_t n = style_chain(c, id ? id : c->default_para_style, chain);
    *p = c->defaults;
    p->role = DX_ROLE_BODY;
    for (size_t i = n; i > 0; i--)
        overlay(p, &chain[i - 1]->props);
    /* the nearest style that names a role decides it */
    for (size_t i = 0; i < n; i++)
        if (chain[i]->props.role != DX_ROLE_BODY) {
            p->role = chain[i]->props.role;
            break;
        }
}

void dx_char_style_props(const dx_ctx *c, const char *id, dx_props *p) {
    const dx_style *chain[MAX_CHAIN];
    size_t n = style_chain(c, id, chain);
    for (size_t i = n; i > 0; i--)
        overlay(p, &chain[i - 1]->props);
}
