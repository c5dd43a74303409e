/* docx_runs.c — one w:p: its properties, its runs as styled spans, its pictures.
 *
 * Text is taken as Word shows it: tracked insertions kept and deletions
 * dropped (a deleted paragraph mark joins the paragraph to the next), hidden text and field
 * instructions left out (field results kept), comments dropped. A picture splits the paragraph: the
 * text before it, the picture, the text after it. */
#include "docx_private.h"

#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct piece {
    unsigned flags;
    const char *url;
    size_t off, len;
} piece;

/* One paragraph being read. */
typedef struct pw {
    dx_ctx *c;
    dx_paras *out;
    dx_paras extra; /* text boxes met inside: they follow the paragraph */
    dx_para proto;  /* what every piece of the paragraph shares */
    dx_props base;  /* the paragraph style's run formatting */
    folio_buf text;
    piece *v;
    size_t n, cap;
    const char *link; /* target of the w:hyperlink being read */
    size_t chars, bold_chars;
    int fatal;
    int ruby_warned;
    int shown_bold; /* the run being read is set bold (by any means) */
} pw;

dx_para *dx_para_add(dx_ctx *c, dx_paras *out) {
    if (out->n >= DX_MAX_PARAS) {
        if (!c->oom) diag_error(c->d, c->src, 0, "more than %d paragraphs: refused", DX_MAX_PARAS);
        c->oom = 1;
        return NULL;
    }
    if (out->n == out->cap && grow_array(&out->v, &out->cap, out->n + 1, sizeof *out->v, 64)) {
        dx_oom(c);
        return NULL;
    }
    dx_para *p = &out->v[out->n++];
    memset(p, 0, sizeof *p);
    p->pic = -1;
    p->list_fmt = -1;
    return p;
}

/* Whether text is only blanks (spaces, tabs, full-width and no-break spaces). */
static int is_blank_text(const char *s, size_t len) {
    for (size_t k = 0; k < len;) {
        uint32_t cp = 0;
        k += utf8_decode(s + k, len - k, &cp);
        if (!dx_is_blank(cp)) return 0;
    }
    return 1;
}

/* Appends text with flags, extending the last piece when it has the same style. */
static void add(pw *w, const char *s, size_t len, unsigned flags, const char *url) {
    if (!len && !(flags & FOLIO_SPAN_BREAK)) return;
    piece *last = w->n ? &w->v[w->n - 1] : NULL;
    if (last && !((last->flags | flags) & FOLIO_SPAN_BREAK) && last->flags == flags &&
        (last->url == url || (last->url && url && !strcmp(last->url, url)))) {
        last->len += len;
    } else {
        if (w->n == w->cap && grow_array(&w->v, &w->cap, w->n + 1, sizeof *w->v, 16)) {
            dx_oom(w->c);
            return;
        }
        w->v[w->n++] = (piece){flags, url, w->text.len, len};
    }
    if (buf_append(&w->text, s, len)) dx_oom(w->c);
    if (!is_blank_text(s, len)) {
        w->chars += len;
        if (w->shown_bold) w->bold_chars += len;
    }
}

/* The pieces gathered so far as spans in the arena; the builder is emptied. */
static int take_spans(pw *w, folio_span **spans, size_t *n) {
    *spans = NULL;
    *n = 0;
    if (!w->n) return 0;
    folio_span *v = arena_calloc(w->c->a, w->n, sizeof *v);
    if (!v) return dx_oom(w->c);
    for (size_t i = 0; i < w->n; i++) {
        v[i].flags = w->v[i].flags;
        v[i].url = w->v[i].url;
        v[i].len = w->v[i].len;
        v[i].text = (w->v[i].flags & FOLIO_SPAN_BREAK)
                        ? ""
                        : arena_strndup(w->c->a, w->text.data + w->v[i].off, w->v[i].len);
        if (!v[i].text) return dx_oom(w->c);
    }
    *spans = v;
    *n = w->n;
    w->n = 0;
    w->text.len = 0;
    return 0;
}

/* The text read so far becomes a paragraph of its own (before a picture,
 * or at the end). A paragraph of blanks is left out. */
static void flush(pw *w) {
    int blank = 1;
    for (size_t i = 0; i < w->n && blank; i++)
        blank = (w->v[i].flags & FOLIO_SPAN_BREAK) ||
                is_blank_text(w->text.data + w->v[i].off, w->v[i].len);
    if (blank) {
        w->n = 0;
        w->text.len = 0;
        return;
    }
    dx_para *p = dx_para_add(w->c, w->out);
    if (!p) return;
    *p = w->proto;
    p->kind = DX_P_TEXT;
    take_spans(w, &p->spans, &p->nspans);
}

static int in_instruction(const dx_ctx *c) {
    for (int i = 0; i < c->fields && i < DX_MAX_DEPTH; i++)
        if (!c->field_result[i]) return 1;
    return 0;
}

static const char *field_link(const dx_ctx *c) {
    for (int i = (c->fields < DX_MAX_DEPTH ? c->fields : DX_MAX_DEPTH) - 1; i >= 0; i--)
        if (c->field_link[i]) return c->field_link[i];
    return NULL;
}

/* HYPERLINK "target" in a field instruction: the target, in the arena. */
static const char *hyperlink_target(dx_ctx *c, const char *instr) {
    const char *h = instr ? strstr(instr, "HYPERLINK") : NULL;
    if (!h) return NULL;
    const char *q = strchr(h, '"');
    const char *e = q ? strchr(q + 1, '"') : NULL;
    if (!e || e == q + 1 || strstr(h, "\\l")) return NULL; /* \l: a place in the document */
    return arena_strndup(c->a, q + 1, (size_t)(e - q - 1));
}

static void field_char(pw *w, const xmlNode *k) {
    dx_ctx *c = w->c;
    const char *type = dx_attr(c, k, "fldCharType");
    if (!type) return;
    if (!strcmp(type, "begin")) {
        if (c->fields < DX_MAX_DEPTH) {
            c->field_result[c->fields] = 0;
            c->field_link[c->fields] = NULL;
        }
        c->fields++;
        c->instr.len = 0;
    } else if (!strcmp(type, "separate") && c->fields > 0 && c->fields <= DX_MAX_DEPTH) {
        c->field_result[c->fields - 1] = 1;
        c->field_link[c->fields - 1] = hyperlink_target(c, c->instr.data);
    } else if (!strcmp(type, "end") && c->fields > 0) {
        c->fields--;
    }
}

static const char *part_text(dx_ctx *c, const xmlNode *k) {
    xmlChar *t = xmlNodeGetContent(k);
    const char *s = arena_strdup(c->a, t ? (const char *)t : "");
    xmlFree(t);
    if (!s) dx_oom(c);
    return s;
}

static void walk(pw *w, const xmlNode *n);
static void run_content(pw *w, const xmlNode *r, unsigned flags, const char *url);
static void drawing(pw *w, const xmlNode *k);

/* mc:AlternateContent: a Choice this reader knows (DrawingML shapes and
 * pictures, Word 2010+ extensions), else the Fallback. */
static const xmlNode *choose(dx_ctx *c, const xmlNode *alt) {
    static const char *const known[] = {"wps",   "wpg", "wpc", "wpi", "wp14", "w14", "w15",
                                        "w16se", "a14", "v",   "o",   "m",    NULL};
    const xmlNode *fallback = NULL;
    for (const xmlNode *k = alt->children; k; k = k->next) {
        if (dx_is(k, "Fallback")) fallback = k;
        if (!dx_is(k, "Choice")) continue;
        const char *req = dx_attr(c, k, "Requires");
        int ok = req != NULL;
        char buf[128];
        snprintf(buf, sizeof buf, "%s", req ? req : "");
        char *save = NULL;
        for (char *t = strtok_r(buf, " ", &save); t && ok; t = strtok_r(NULL, " ", &save)) {
            int found = 0;
            for (size_t i = 0; known[i]; i++)
                found |= !strcmp(t, known[i]);
            ok = found;
        }
        if (ok) return k;
    }
    return fallback;
}

/* The first descendant with this local name, not looking into text boxes. */
static const xmlNode *find(const xmlNode *n, const char *local) {
    for (const xmlNode *k = n ? n->children : NULL; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        if (dx_is(k, local)) return k;
        if (dx_is(k, "txbxContent")) continue;
        const xmlNode *f = find(k, local);
        if (f) return f;
    }
    return NULL;
}

static void text_box(pw *w, const xmlNode *box) {
    dx_ctx *c = w->c;
    size_t before = w->extra.n;
    if (c->depth >= DX_MAX_DEPTH) return;
    c->depth++;
    dx_paras *join_out = c->join_out; /* the box's paragraphs join nothing outside */
    size_t join_into = c->join_into;
    c->join_out = NULL;
    if (dx_blocks_of(c, box, &w->extra, 1)) w->fatal = 1;
    c->join_out = join_out;
    c->join_into = join_into;
    c->depth--;
    dx_warn(c, w->proto.num,
            "a text box cannot be carried; its %zu paragraph%s follow%s this paragraph",
            w->extra.n - before, w->extra.n - before == 1 ? "" : "s",
            w->extra.n - before == 1 ? "s" : "");
}

/* Plain text for a picture's description. */
static void set_alt(pw *w, dx_para *p, const char *alt) {
    if (!alt || !*alt) return;
    folio_span *s = arena_calloc(w->c->a, 1, sizeof *s);
    if (!s) {
        dx_oom(w->c);
        return;
    }
    s->text = alt;
    s->len = strlen(alt);
    p->alt = s;
    p->nalt = 1;
}

/* A picture of relationship rid: the text so far ends a paragraph, the
 * picture is one of its own. */
static void picture(pw *w, const char *rid, const char *alt) {
    int i = dx_picture(w->c, rid, w->proto.num);
    if (i == -2) w->fatal = 1;
    if (i < 0) return;
    flush(w);
    dx_para *p = dx_para_add(w->c, w->out);
    if (!p) return;
    *p = w->proto;
    p->kind = DX_P_PICTURE;
    p->pic = i;
    set_alt(w, p, alt);
}

/* Every picture (a:blip) in a drawing, not looking into text boxes. */
static int blips(pw *w, const xmlNode *n, const char *alt) {
    int found = 0;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || dx_is(k, "txbxContent")) continue;
        if (dx_is(k, "pic")) {
            /* a picture's own description beats its drawing's */
            const xmlNode *nv = find(k, "cNvPr");
            const char *own = nv ? dx_attr(w->c, nv, "descr") : NULL;
            if (own && *own) alt = own;
        }
        if (dx_is(k, "blip")) {
            const char *embed = dx_attr(w->c, k, "embed"), *link = dx_attr(w->c, k, "link");
            if (embed && *embed)
                picture(w, embed, alt);
            else if (link)
                dx_warn(w->c, w->proto.num,
                        "a linked picture is not inside the document; left out (insert it "
                        "into the document in Word)");
            found = 1;
        } else {
            found |= blips(w, k, alt);
        }
    }
    return found;
}

/* Text boxes anywhere in n. */
static int boxes(pw *w, const xmlNode *n) {
    int found = 0;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        if (dx_is(k, "txbxContent")) {
            text_box(w, k);
            found = 1;
        } else {
            found |= boxes(w, k);
        }
    }
    return found;
}

/* The description of a drawing: wp:docPr's descr, else its title. Word
 * fills neither unless the author did; some writers put the file name. */
static const char *docpr_alt(dx_ctx *c, const xmlNode *d) {
    const xmlNode *pr = find(d, "docPr");
    const char *alt = pr ? dx_attr(c, pr, "descr") : NULL;
    if (!alt || !*alt) alt = pr ? dx_attr(c, pr, "title") : NULL;
    return alt;
}

static void drawing(pw *w, const xmlNode *k) {
    dx_ctx *c = w->c;
    int pics = blips(w, k, docpr_alt(c, k));
    int box = boxes(w, k);
    if (pics || box) return;
    if (find(k, "chart"))
        dx_warn(c, w->proto.num, "a chart cannot be carried; left out (paste it as a picture)");
    else if (find(k, "relIds"))
        dx_warn(c, w->proto.num, "a SmartArt diagram cannot be carried; left out");
    else
        dx_warn(c, w->proto.num, "a drawn shape cannot be carried; left out");
}

/* VML (w:pict): old Word's pictures and text boxes. */
static void vml(pw *w, const xmlNode *k) {
    dx_ctx *c = w->c;
    const xmlNode *img = find(k, "imagedata");
    int box = boxes(w, k);
    if (img) {
        const char *rid = dx_attr(c, img, "id");
        if (!rid || !*rid) rid = dx_attr(c, img, "relid");
        const xmlNode *shape = img->parent;
        const char *alt = shape ? dx_attr(c, shape, "alt") : NULL;
        if (!alt || !*alt) alt = dx_attr(c, img, "title");
        if (rid && *rid) picture(w, rid, alt);
    } else if (!box && !find(k, "line") &&
               !(find(k, "rect") && dx_attr(c, find(k, "rect"), "hr"))) {
        dx_warn(c, w->proto.num, "a drawn shape cannot be carried; left out");
    }
}

/* An equation is left out: its linear text (m:t pieces run together) would
 * misread; the warning quotes it so that the editor finds it. */
static void equation(pw *w, const xmlNode *k) {
    dx_ctx *c = w->c;
    folio_buf b;
    buf_init(&b);
    const xmlNode *stack[DX_MAX_DEPTH];
    int sp = 0;
    for (const xmlNode *n = k->children; (n || sp) && b.len < 200;) {
        if (!n) {
            n = stack[--sp]->next;
            continue;
        }
        if (dx_is(n, "t")) {
            const char *s = part_text(c, n);
            if (s) buf_puts(&b, s);
        } else if (n->children && sp < DX_MAX_DEPTH) {
            stack[sp++] = n;
            n = n->children;
            continue;
        }
        n = n->next;
    }
    if (b.len > 80) { /* cut at a character's start */
        size_t k = 80;
        while (k > 0 && ((unsigned char)b.data[k] & 0xC0) == 0x80)
            k--;
        b.len = k;
        buf_puts(&b, "…");
    }
    dx_warn(c, w->proto.num, "an equation cannot be carried; left out (its text: \"%s\")",
            b.data ? b.data : "");
    buf_free(&b);
}

/* A symbol (w:sym): its character, unless it comes from a symbol font, whose
 * codes no other font shows as the same sign. */
static void symbol(pw *w, const xmlNode *k, unsigned flags, const char *url) {
    const char *hex = dx_attr(w->c, k, "char"), *font = dx_attr(w->c, k, "font");
    unsigned long cp = hex ? strtoul(hex, NULL, 16) : 0;
    int symfont =
        font && (strstr(font, "Symbol") || strstr(font, "Wingdings") || strstr(font, "Webdings"));
    if (cp >= 0xF000 && cp <= 0xF0FF) cp -= 0xF000;
    if (symfont || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        dx_warn(w->c, w->proto.num, "a symbol of the font %s (%s) cannot be carried; left out",
                font ? font : "?", hex ? hex : "?");
        return;
    }
    folio_buf b;
    buf_init(&b);
    buf_put_utf8(&b, (uint32_t)cp);
    if (!b.oom) add(w, b.data, b.len, flags, url);
    buf_free(&b);
}

static void note_ref(pw *w, const xmlNode *k, int endnote) {
    const char *id = dx_attr(w->c, k, "id");
    int n = id ? dx_note_ref(w->c, endnote, strtol(id, NULL, 10)) : 0;
    if (!n) return;
    char mark[24];
    snprintf(mark, sizeof mark, "[%d]", n);
    add(w, mark, strlen(mark), 0, NULL);
}

/* The children of a run (or of a Choice inside one). */
static void run_content(pw *w, const xmlNode *r, unsigned flags, const char *url) {
    dx_ctx *c = w->c;
    for (const xmlNode *k = r->children; k && !w->fatal; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)k->name;
        int shown = !in_instruction(c);
        if (dx_is(k, "t") && shown) {
            const char *s = part_text(c, k);
            if (s) add(w, s, strlen(s), flags, url);
        } else if (dx_is(k, "instrText") && c->fields > 0) {
            const char *s = part_text(c, k);
            if (s) buf_puts(&c->instr, s);
        } else if ((dx_is(k, "tab") || dx_is(k, "ptab")) && shown) {
            add(w, " ", 1, flags, url);
        } else if ((dx_is(k, "br") || dx_is(k, "cr")) && shown) {
            const char *type = dx_attr(c, k, "type");
            if (!type || !strcmp(type, "textWrapping")) add(w, "", 0, FOLIO_SPAN_BREAK, NULL);
        } else if (dx_is(k, "noBreakHyphen") && shown) {
            add(w, "-", 1, flags, url);
        } else if (dx_is(k, "sym") && shown) {
            symbol(w, k, flags, url);
        } else if (dx_is(k, "fldChar")) {
            field_char(w, k);
        } else if (!strcmp(name, "footnoteReference") || !strcmp(name, "endnoteReference")) {
            note_ref(w, k, name[0] == 'e');
        } else if (dx_is(k, "commentReference")) {
            c->comments++;
        } else if (dx_is(k, "drawing") && shown) {
            drawing(w, k);
        } else if (dx_is(k, "pict") && shown) {
            vml(w, k);
        } else if (dx_is(k, "object") && shown) {
            const xmlNode *ole = find(k, "OLEObject");
            const char *prog = ole ? dx_attr(c, ole, "ProgID") : NULL;
            dx_warn(c, w->proto.num, "an embedded object (%s) cannot be carried; left out",
                    prog ? prog : "OLE");
        } else if (dx_is(k, "AlternateContent")) {
            const xmlNode *ch = choose(c, k);
            if (ch) run_content(w, ch, flags, url);
        } else if (dx_is(k, "ruby")) {
            if (!w->ruby_warned)
                dx_warn(c, w->proto.num, "ruby text (such as pinyin) over characters left out");
            w->ruby_warned = 1;
            walk(w, dx_child(k, "rubyBase"));
        }
    }
}

static void run(pw *w, const xmlNode *r) {
    dx_ctx *c = w->c;
    const xmlNode *rpr = dx_child(r, "rPr");
    const char *rstyle = dx_val(c, rpr, "rStyle");
    /* what the run shows (p), and what its author set on it (own): a
       paragraph style's bold or italic (a heading's, a quotation's) is the
       style's look, not emphasis in the text */
    dx_props p = w->base, own = dx_unset;
    dx_char_style_props(c, rstyle, &p);
    dx_rpr(c, rpr, &p);
    dx_char_style_props(c, rstyle, &own);
    dx_rpr(c, rpr, &own);
    if (p.vanish > 0) return;
    if (p.size > w->proto.size) w->proto.size = p.size;
    w->shown_bold = p.bold > 0;
    unsigned flags =
        (own.bold > 0 ? FOLIO_SPAN_STRONG : 0) | (own.italic > 0 ? FOLIO_SPAN_EMPH : 0);
    const char *url = w->link ? w->link : field_link(c);
    if (url) flags |= FOLIO_SPAN_LINK;
    run_content(w, r, flags, url);
}

static void hyperlink(pw *w, const xmlNode *k) {
    const char *rid = dx_attr(w->c, k, "id");
    const dx_rel *rel = rid ? dx_rel_find(&w->c->rels, rid) : NULL;
    const char *saved = w->link;
    if (rel && rel->external) w->link = rel->target;
    walk(w, k);
    w->link = saved;
}

/* The inline content of a paragraph (or of a container inside it). */
static void walk(pw *w, const xmlNode *n) {
    dx_ctx *c = w->c;
    if (!n || c->depth >= DX_MAX_DEPTH) return;
    c->depth++;
    for (const xmlNode *k = n->children; k && !w->fatal && !c->oom; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || dx_is(k, "pPr")) continue;
        if (dx_is(k, "r")) {
            run(w, k);
        } else if (dx_is(k, "hyperlink")) {
            hyperlink(w, k);
        } else if (dx_is(k, "del") || dx_is(k, "moveFrom")) {
            c->deletions++;
        } else if (dx_is(k, "ins") || dx_is(k, "moveTo")) {
            c->insertions++;
            walk(w, k);
        } else if (dx_is(k, "sdt")) {
            walk(w, dx_child(k, "sdtContent"));
        } else if (dx_is(k, "oMath") || dx_is(k, "oMathPara")) {
            equation(w, k);
        } else if (dx_is(k, "AlternateContent")) {
            walk(w, choose(c, k));
        } else if (dx_is(k, "fldSimple")) {
            const char *saved = w->link;
            const char *t = hyperlink_target(c, dx_attr(c, k, "instr"));
            if (t) w->link = t;
            walk(w, k);
            w->link = saved;
        } else if (k->children && !dx_is(k, "commentRangeStart") && !dx_is(k, "rPr")) {
            walk(w, k); /* smartTag, customXml, dir, bdo, and what later Words add */
        }
    }
    c->depth--;
}

/* The numbering label a paragraph shows, or the list it is an item of. */
static void numbering(pw *w) {
    dx_ctx *c = w->c;
    dx_para *p = &w->proto;
    dx_num *num = p->props.num_id > 0 ? dx_num_find(c, p->props.num_id) : NULL;
    if (!num) return;
    int lvl = p->props.ilvl >= 0 && p->props.ilvl <= 8 ? p->props.ilvl : 0, value = 0;
    const char *label = dx_num_next(c, num, lvl, &value);
    dx_fmt fmt = num->lvl[lvl].fmt;
    const char *t = num->lvl[lvl].text;
    char plain[16], paren[16];
    snprintf(plain, sizeof plain, "%%%d.", lvl + 1);
    snprintf(paren, sizeof paren, "%%%d)", lvl + 1);
    int body = p->props.role == DX_ROLE_BODY || p->props.role == DX_ROLE_QUOTE;
    if (body && fmt == DX_FMT_BULLET) {
        p->list_fmt = DX_FMT_BULLET;
    } else if (body && fmt == DX_FMT_DECIMAL && t && (!strcmp(t, plain) || !strcmp(t, paren))) {
        p->list_fmt = DX_FMT_DECIMAL;
        p->list_start = value;
    } else if (label && *label && fmt != DX_FMT_BULLET) {
        /* 一、 (一) 第一章 1.1: part of the text as the reader sees it */
        size_t n = strlen(label);
        unsigned char last = (unsigned char)label[n - 1];
        add(w, label, n, 0, NULL);
        if (last < 0x80) add(w, " ", 1, 0, NULL);
        w->chars = w->bold_chars = 0; /* whether the text is bold is the runs' */
    }
    if (p->list_fmt >= 0) p->list_level = lvl;
}

/* Whether the paragraph mark is a tracked deletion (Word shows the paragraph
 * joined to the next). */
static int mark_deleted(const xmlNode *ppr) {
    const xmlNode *rpr = dx_child(ppr, "rPr");
    return dx_child(rpr, "del") || dx_child(rpr, "moveFrom");
}

/* Joins the first piece of this paragraph (at out->v[first]) to the text of
 * the paragraph before, whose mark was deleted: the text runs on, the
 * surviving mark (this paragraph's) gives the formatting. */
static void join(dx_ctx *c, dx_paras *out, size_t first) {
    dx_para *a = &out->v[c->join_into], *b = &out->v[first];
    if (a->kind != DX_P_TEXT || b->kind != DX_P_TEXT) return;
    folio_span *v = arena_calloc(c->a, a->nspans + b->nspans, sizeof *v);
    if (!v) {
        dx_oom(c);
        return;
    }
    memcpy(v, a->spans, a->nspans * sizeof *v);
    memcpy(v + a->nspans, b->spans, b->nspans * sizeof *v);
    size_t n = a->nspans + b->nspans;
    int num = a->num, all_bold = a->all_bold && b->all_bold;
    int size = a->size > b->size ? a->size : b->size;
    *a = *b;
    a->num = num;
    a->all_bold = all_bold;
    a->size = size;
    a->spans = v;
    a->nspans = n;
    memmove(b, b + 1, (out->n - first - 1) * sizeof *b);
    out->n--;
}

int dx_paragraph(dx_ctx *c, const xmlNode *p, dx_paras *out, int in_table) {
    pw w = {.c = c, .out = out};
    size_t first = out->n;
    buf_init(&w.text);
    if (!c->note_id) c->pnum++;
    w.proto.num = c->pnum;
    w.proto.pic = -1;
    w.proto.list_fmt = -1;
    w.proto.in_table = in_table;
    const xmlNode *ppr = dx_child(p, "pPr");
    dx_style_props(c, dx_val(c, ppr, "pStyle"), &w.proto.props);
    dx_ppr(c, ppr, &w.proto.props);
    if (w.proto.props.role == DX_ROLE_BODY && w.proto.props.outline >= 0 &&
        w.proto.props.outline <= 8)
        w.proto.props.role = DX_ROLE_HEADING;
    w.base = w.proto.props;
    numbering(&w);
    walk(&w, p);
    w.proto.all_bold = w.chars > 0 && w.bold_chars == w.chars;
    for (size_t i = first; i < out->n; i++) { /* pieces before a picture */
        out->v[i].all_bold = w.proto.all_bold;
        out->v[i].size = w.proto.size;
    }
    flush(&w);
    /* a deleted mark before joins this paragraph's first piece to that one */
    int joining = c->join_out == out && c->join_into + 1 == first && first < out->n;
    c->join_out = NULL;
    if (joining) join(c, out, first);
    if (mark_deleted(ppr)) {
        c->deletions++;
        if (out->n > 0 && out->n - 1 >= (joining ? first - 1 : first))
            c->join_out = out, c->join_into = out->n - 1;
    }
    for (size_t i = 0; i < w.extra.n && !c->oom; i++) {
        dx_para *q = dx_para_add(c, out);
        if (q) *q = w.extra.v[i];
    }
    free(w.extra.v);
    free(w.v);
    buf_free(&w.text);
    return w.fatal || c->oom ? -1 : 0;
}
