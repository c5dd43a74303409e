/* pdf_tags.c — the structure tree of the tagged PDF (ISO 32000-1 14.7-14.8,
 * PDF/UA-1), built from the edition and the page model, never from the PDF.
 *
 * Its logical order is the edition's reading order: Document → a Sect each
 * for the cover, the masthead page and the contents (TOC/TOCI, each entry a
 * Reference holding a Link to its article) → a Part per section → an Art per
 * article: H1 title, P subtitle/authors/byline, then its blocks (P, H2/H3,
 * BlockQuote, L/LI with Lbl and LBody, Figure with its Caption) and its source
 * line. A line finds its element by its role, its article and block serial
 * (the lines of one block are one element, however many columns and pages it
 * runs over), or outside articles by its item; boxes by their role. Running
 * heads, folios, dot leaders, rules, grounds and pictures without a text are
 * artifacts.
 *
 * While pages are drawn each run of content gets a marked-content id (MCID)
 * on its page and is recorded as a kid of its element in drawing order;
 * pdf_tags_write then writes the elements, the ParentTree and the root. */
#include "pdf_private.h"

#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ATTR_NONE, ATTR_ROW_HEADER, ATTR_LIST_DECIMAL, ATTR_LIST_DISC } attr_kind;

/* A kid of an element that is content: a marked-content sequence (page,
 * mcid) or an annotation (annot set). */
typedef struct kid {
    int page, mcid;
    HPDF_Dict annot;
} kid;

typedef struct elem {
    const char *type; /* standard structure type */
    int parent;       /* -1: the root's child */
    int *children;    /* elements, in logical order */
    size_t nchildren, capchildren;
    kid *content; /* in drawing order */
    size_t ncontent, capcontent;
    const char *alt;   /* /Alt (UTF-8), or NULL */
    const char *title; /* /T (UTF-8), or NULL */
    attr_kind attr;
    int bbox_page; /* a Figure's bounding box (Layout attribute), -1 none */
    float bbox[4];
    int keep; /* written even when empty (a table cell) */
    int live; /* has content, or a child that does */
    HPDF_Dict obj;
} elem;

/* The elements that an article's lines and boxes lead to. */
typedef struct art_map {
    int title, subtitle, author, byline, source;
    int *by_serial; /* the element of each block serial, -1 none */
    size_t nserial;
} art_map;

/* The front pages' elements, by item where they have several. */
typedef struct front_map {
    int cover_title, cover_image, cover_line[3];
    int *tagline, *th, *td, *notice, *toc_section, *reference;
    int masthead_title, identifier, toc_heading;
} front_map;

struct pdf_tags {
    elem *e;
    size_t n, cap;
    art_map *arts;
    size_t narts;
    front_map f;
    int **mcids; /* per page: the element of each MCID */
    size_t *nmcid, *capmcid;
    kid *annots; /* link annotations with their element in .page */
    size_t nannots, capannots;
    char *cover_alt; /* the cover picture's /Alt */
    int oom;
};

static int add_elem(pdf_tags *t, int parent, const char *type) {
    if (grow_array(&t->e, &t->cap, t->n + 1, sizeof *t->e, 256)) {
        t->oom = 1;
        return -1;
    }
    int id = (int)t->n++;
    elem *x = &t->e[id];
    memset(x, 0, sizeof *x);
    x->type = type;
    x->parent = parent;
    x->bbox_page = -1;
    if (parent >= 0) {
        elem *p = &t->e[parent];
        if (grow_array(&p->children, &p->capchildren, p->nchildren + 1, sizeof *p->children, 4)) {
            t->oom = 1;
            return -1;
        }
        p->children[p->nchildren++] = id;
    }
    return id;
}

/* ---- the logical tree ------------------------------------------------------ */

static size_t max_serial(const folio_block *b, size_t n) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if ((size_t)b[i].serial + 1 > m) m = (size_t)b[i].serial + 1;
        size_t k = max_serial(b[i].children, b[i].nchildren);
        if (k > m) m = k;
    }
    return m;
}

/* The blocks bs[0..n) under parent; *level is the last heading level, so
 * that no level is skipped (Matterhorn 14-003): a ### straight after the
 * title is an H2. */
static void add_blocks(pdf_ctx *c, int parent, const folio_article *a, art_map *m,
                       const folio_block *bs, size_t n, int *level) {
    pdf_tags *t = c->tags;
    for (size_t i = 0; i < n && !t->oom; i++) {
        const folio_block *b = &bs[i];
        int id = -1;
        switch (b->type) {
        case FOLIO_BLOCK_PARAGRAPH:
            id = add_elem(t, parent, "P");
            break;
        case FOLIO_BLOCK_HEADING: {
            int want = b->level <= 2 ? 2 : 3;
            *level = want > *level + 1 ? *level + 1 : want;
            id = add_elem(t, parent, *level == 2 ? "H2" : "H3");
            break;
        }
        case FOLIO_BLOCK_QUOTE:
            id = add_elem(t, parent, "BlockQuote");
            add_blocks(c, id, a, m, b->children, b->nchildren, level);
            break;
        case FOLIO_BLOCK_LIST:
            id = add_elem(t, parent, "L");
            if (id >= 0) t->e[id].attr = b->ordered ? ATTR_LIST_DECIMAL : ATTR_LIST_DISC;
            add_blocks(c, id, a, m, b->children, b->nchildren, level);
            break;
        case FOLIO_BLOCK_ITEM: {
            id = add_elem(t, parent, "LI");
            add_elem(t, id, "Lbl");
            int body = add_elem(t, id, "LBody");
            add_blocks(c, body, a, m, b->children, b->nchildren, level);
            break;
        }
        case FOLIO_BLOCK_IMAGE: {
            /* the alt text is the caption (edition format); a picture
             * without one is decoration */
            const char *alt = edition_block_text(c->e, b);
            if (!alt || !*alt) break;
            id = add_elem(t, parent, "Figure");
            if (id >= 0) t->e[id].alt = alt;
            add_elem(t, id, "Caption");
            break;
        }
        case FOLIO_BLOCK_THEMATIC:
            break; /* its rule is decoration */
        }
        if (id >= 0 && b->serial >= 0 && (size_t)b->serial < m->nserial)
            m->by_serial[b->serial] = id;
    }
}

static int add_article(pdf_ctx *c, int parent, const folio_article *a) {
    pdf_tags *t = c->tags;
    art_map *m = &t->arts[a->index];
    m->nserial = max_serial(a->blocks, a->nblocks);
    m->by_serial = malloc((m->nserial ? m->nserial : 1) * sizeof *m->by_serial);
    if (!m->by_serial) return t->oom = 1, -1;
    for (size_t i = 0; i < m->nserial; i++)
        m->by_serial[i] = -1;
    int art = add_elem(t, parent, "Art");
    m->title = add_elem(t, art, "H1");
    m->subtitle = add_elem(t, art, "P");
    m->author = add_elem(t, art, "P");
    m->byline = add_elem(t, art, "P");
    int level = 1;
    add_blocks(c, art, a, m, a->blocks, a->nblocks, &level);
    m->source = add_elem(t, art, "P");
    return t->oom ? -1 : 0;
}

/* n elements of type under parent, their ids in a malloc'd array. */
static int *add_items(pdf_tags *t, int parent, size_t n, const char *type) {
    int *ids = malloc((n ? n : 1) * sizeof *ids);
    if (!ids) {
        t->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = add_elem(t, parent, type);
    return ids;
}

static void add_cover(pdf_ctx *c, int doc) {
    pdf_tags *t = c->tags;
    front_map *f = &t->f;
    int sect = add_elem(t, doc, "Sect");
    f->cover_title = add_elem(t, sect, "H1");
    f->cover_line[0] = add_elem(t, sect, "P");
    f->cover_line[1] = add_elem(t, sect, "P");
    f->cover_image = add_elem(t, sect, "Figure");
    /* the EPUB's words for it: "journal issue 封面" */
    const folio_edition *e = c->e;
    size_t len = strlen(e->journal ? e->journal : "") + strlen(e->issue ? e->issue : "") + 16;
    t->cover_alt = malloc(len);
    if (!t->cover_alt) {
        t->oom = 1;
        return;
    }
    snprintf(t->cover_alt, len, "%s %s 封面", e->journal ? e->journal : "",
             e->issue ? e->issue : "");
    if (f->cover_image >= 0) t->e[f->cover_image].alt = t->cover_alt;
    f->tagline = add_items(t, sect, c->e->ntagline, "P");
    f->cover_line[2] = add_elem(t, sect, "P");
}

/* The masthead as a table: a row per entry, its key a row header. */
static void add_masthead(pdf_ctx *c, int doc) {
    pdf_tags *t = c->tags;
    const folio_edition *e = c->e;
    front_map *f = &t->f;
    int sect = add_elem(t, doc, "Sect");
    f->masthead_title = add_elem(t, sect, "H1");
    int table = add_elem(t, sect, "Table");
    f->th = malloc((e->nmasthead ? e->nmasthead : 1) * sizeof *f->th);
    f->td = malloc((e->nmasthead ? e->nmasthead : 1) * sizeof *f->td);
    if (!f->th || !f->td) {
        t->oom = 1;
        return;
    }
    for (size_t i = 0; i < e->nmasthead; i++) {
        int row = add_elem(t, table, "TR");
        f->th[i] = add_elem(t, row, "TH");
        f->td[i] = add_elem(t, row, "TD");
        if (f->th[i] >= 0) t->e[f->th[i]].attr = ATTR_ROW_HEADER;
        if (f->td[i] >= 0) t->e[f->td[i]].keep = 1;
    }
    f->identifier = add_elem(t, sect, "P");
    f->notice = add_items(t, sect, e->nnotice, "P");
}

/* The contents: a TOCI per named section (its name, then a TOC of its
 * entries), each entry a TOCI → Reference → Link. */
static void add_contents(pdf_ctx *c, int doc) {
    pdf_tags *t = c->tags;
    const folio_edition *e = c->e;
    front_map *f = &t->f;
    int sect = add_elem(t, doc, "Sect");
    f->toc_heading = add_elem(t, sect, "H1");
    int toc = add_elem(t, sect, "TOC");
    f->toc_section = malloc((e->nsections ? e->nsections : 1) * sizeof *f->toc_section);
    f->reference = malloc((e->narticles ? e->narticles : 1) * sizeof *f->reference);
    if (!f->toc_section || !f->reference) {
        t->oom = 1;
        return;
    }
    for (size_t s = 0; s < e->nsections; s++) {
        const folio_section *sec = &e->sections[s];
        int under = toc;
        f->toc_section[s] = -1;
        if (sec->name && *sec->name) {
            int item = add_elem(t, toc, "TOCI");
            f->toc_section[s] = add_elem(t, item, "P");
            under = add_elem(t, item, "TOC");
        }
        for (size_t k = 0; k < sec->narticles; k++) {
            int item = add_elem(t, under, "TOCI");
            int ref = add_elem(t, item, "Reference");
            f->reference[sec->articles[k]->index] = add_elem(t, ref, "Link");
        }
    }
}

int pdf_tags_prepare(pdf_ctx *c) {
    const folio_edition *e = c->e;
    pdf_tags *t = calloc(1, sizeof *t);
    if (!t) return pdf_fail(c, "out of memory");
    c->tags = t;
    size_t np = c->doc->npages ? c->doc->npages : 1;
    t->mcids = calloc(np, sizeof *t->mcids);
    t->nmcid = calloc(np, sizeof *t->nmcid);
    t->capmcid = calloc(np, sizeof *t->capmcid);
    t->narts = e->narticles;
    t->arts = calloc(t->narts ? t->narts : 1, sizeof *t->arts);
    if (!t->mcids || !t->nmcid || !t->capmcid || !t->arts) return pdf_fail(c, "out of memory");
    int doc = add_elem(t, -1, "Document");
    add_cover(c, doc);
    add_masthead(c, doc);
    add_contents(c, doc);
    for (size_t s = 0; s < e->nsections && !t->oom; s++) {
        const folio_section *sec = &e->sections[s];
        int part = add_elem(t, doc, "Part");
        if (part >= 0 && sec->name && *sec->name) t->e[part].title = sec->name;
        for (size_t k = 0; k < sec->narticles && !t->oom; k++)
            add_article(c, part, sec->articles[k]);
    }
    return t->oom ? pdf_fail(c, "out of memory") : 0;
}

/* ---- lines and boxes to elements ------------------------------------------- */

static int item_of(const int *ids, int item, size_t n) {
    return ids && item >= 0 && (size_t)item < n ? ids[item] : -1;
}

/* The element of an article's line: by role, else by its block. */
static int article_elem(const pdf_tags *t, const folio_line *l) {
    if (l->article < 0 || (size_t)l->article >= t->narts) return -1;
    const art_map *m = &t->arts[l->article];
    switch (l->role) {
    case FOLIO_ROLE_TITLE:
        return m->title;
    case FOLIO_ROLE_SUBTITLE:
        return m->subtitle;
    case FOLIO_ROLE_AUTHOR:
        return m->author;
    case FOLIO_ROLE_BYLINE:
        return m->byline;
    case FOLIO_ROLE_SOURCE:
        return m->source;
    default:
        break;
    }
    if (l->serial < 0 || (size_t)l->serial >= m->nserial) return -1;
    int id = m->by_serial[l->serial];
    if (id < 0) return -1;
    const elem *x = &t->e[id];
    if (l->role == FOLIO_ROLE_LIST_LABEL) /* the LI's Lbl */
        return !strcmp(x->type, "LI") && x->nchildren ? x->children[0] : -1;
    if (l->role == FOLIO_ROLE_CAPTION) /* the Figure's Caption */
        return !strcmp(x->type, "Figure") && x->nchildren ? x->children[0] : -1;
    return id;
}

int pdf_tag_line(const pdf_ctx *c, const folio_line *l) {
    const pdf_tags *t = c->tags;
    const front_map *f = &t->f;
    const folio_edition *e = c->e;
    switch (l->role) {
    case FOLIO_ROLE_RUNHEAD:
    case FOLIO_ROLE_FOLIO:
        return -1;
    case FOLIO_ROLE_COVER_TITLE:
        return f->cover_title;
    case FOLIO_ROLE_COVER:
        return item_of(f->cover_line, l->item, 3);
    case FOLIO_ROLE_COVER_TAGLINE:
        return item_of(f->tagline, l->item, e->ntagline);
    case FOLIO_ROLE_MASTHEAD_TITLE:
        return f->masthead_title;
    case FOLIO_ROLE_MASTHEAD_KEY:
        return item_of(f->th, l->item, e->nmasthead);
    case FOLIO_ROLE_MASTHEAD_VALUE:
        return item_of(f->td, l->item, e->nmasthead);
    case FOLIO_ROLE_IDENTIFIER:
        return f->identifier;
    case FOLIO_ROLE_NOTICE:
        return item_of(f->notice, l->item, e->nnotice);
    case FOLIO_ROLE_TOC_HEADING:
        return f->toc_heading;
    case FOLIO_ROLE_TOC_SECTION:
        return item_of(f->toc_section, l->item, e->nsections);
    case FOLIO_ROLE_TOC_ENTRY:
        return item_of(f->reference, l->target, e->narticles);
    default:
        return article_elem(t, l);
    }
}

int pdf_tag_box(const pdf_ctx *c, const folio_box *b) {
    const pdf_tags *t = c->tags;
    if (b->role == FOLIO_BOXROLE_LINK) return item_of(t->f.reference, b->target, c->e->narticles);
    if (b->role != FOLIO_BOXROLE_FIGURE) return -1;
    if (b->article < 0) return t->f.cover_image;
    if ((size_t)b->article >= t->narts) return -1;
    const art_map *m = &t->arts[b->article];
    if (b->serial < 0 || (size_t)b->serial >= m->nserial) return -1;
    int id = m->by_serial[b->serial];
    return id >= 0 && !strcmp(t->e[id].type, "Figure") ? id : -1;
}

/* ---- marked content -------------------------------------------------------- */

static int add_kid(pdf_tags *t, int id, kid k) {
    elem *x = &t->e[id];
    if (grow_array(&x->content, &x->capcontent, x->ncontent + 1, sizeof *x->content, 4))
        return t->oom = 1, -1;
    x->content[x->ncontent++] = k;
    return 0;
}

void pdf_mark(pdf_ctx *c, pdf_marks *m, int page, int id, pdf_artifact art) {
    if (m->open && m->elem == id && (id >= 0 || m->art == art)) return;
    pdf_mark_close(c, m);
    pdf_tags *t = c->tags;
    m->open = 1, m->elem = id, m->art = art;
    if (id < 0) {
        static const char *const props[] = {
            [PDF_ART_LAYOUT] = "/Artifact <</Type /Layout>> BDC\n",
            [PDF_ART_PAGINATION] = "/Artifact <</Type /Pagination>> BDC\n",
            [PDF_ART_PLAIN] = "/Artifact BMC\n",
        };
        pdf_ops(c, "%s", props[art]);
        return;
    }
    size_t *n = &t->nmcid[page];
    if (grow_array(&t->mcids[page], &t->capmcid[page], *n + 1, sizeof **t->mcids, 64)) {
        t->oom = 1;
        return;
    }
    int mcid = (int)*n;
    t->mcids[page][(*n)++] = id;
    add_kid(t, id, (kid){page, mcid, NULL});
    pdf_ops(c, "/%s <</MCID %d>> BDC\n", t->e[id].type, mcid);
}

void pdf_mark_close(pdf_ctx *c, pdf_marks *m) {
    if (m->open) pdf_ops(c, "EMC\n");
    m->open = 0;
}

void pdf_tag_figure_box(pdf_ctx *c, int id, int page, const float bbox[4]) {
    elem *x = &c->tags->e[id];
    if (x->bbox_page >= 0) return;
    x->bbox_page = page;
    memcpy(x->bbox, bbox, sizeof x->bbox);
}

int pdf_tag_annot(pdf_ctx *c, int page, HPDF_Dict annot, int id) {
    pdf_tags *t = c->tags;
    if (id < 0) return 0;
    HPDF_INT32 key = (HPDF_INT32)(c->doc->npages + t->nannots);
    if (grow_array(&t->annots, &t->capannots, t->nannots + 1, sizeof *t->annots, 16) ||
        add_kid(t, id, (kid){page, -1, annot}))
        return pdf_fail(c, "out of memory");
    t->annots[t->nannots++] = (kid){id, -1, annot};
    return pdf_check(c, HPDF_Dict_AddNumber(annot, "StructParent", key));
}

/* ---- writing ----------------------------------------------------------------- */

/* Marks the elements that have content, or a child that does (an empty
 * element is left out, except a table cell, which keeps its row whole). */
static int mark_live(pdf_tags *t, int id) {
    elem *x = &t->e[id];
    int live = x->ncontent > 0 || x->keep;
    for (size_t i = 0; i < x->nchildren; i++)
        live |= mark_live(t, x->children[i]);
    x->live = live;
    return live;
}

static HPDF_Dict attributes(pdf_ctx *c, const elem *x) {
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Dict a = HPDF_Dict_New(mm);
    if (pdf_checkp(c, a)) return NULL;
    HPDF_STATUS st = HPDF_OK;
    switch (x->attr) {
    case ATTR_ROW_HEADER:
        st |= HPDF_Dict_AddName(a, "O", "Table");
        st |= HPDF_Dict_AddName(a, "Scope", "Row");
        break;
    case ATTR_LIST_DECIMAL:
    case ATTR_LIST_DISC:
        st |= HPDF_Dict_AddName(a, "O", "List");
        st |= HPDF_Dict_AddName(a, "ListNumbering",
                                x->attr == ATTR_LIST_DECIMAL ? "Decimal" : "Disc");
        break;
    case ATTR_NONE: {
        /* a Figure's place on its page, for reflow and magnifiers */
        HPDF_Array box = pdf_rect_array(c, x->bbox[0], x->bbox[1], x->bbox[2], x->bbox[3]);
        if (!box) return NULL;
        st |= HPDF_Dict_AddName(a, "O", "Layout");
        st |= HPDF_Dict_AddName(a, "Placement", "Block");
        st |= HPDF_Dict_Add(a, "BBox", box);
        break;
    }
    }
    return pdf_check(c, st) ? NULL : a;
}

/* The element's own entries (not yet /K and /P). */
static int write_elem(pdf_ctx *c, elem *x) {
    HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
    if (pdf_checkp(c, d) || pdf_check(c, HPDF_Xref_Add(c->pdf->xref, d))) return -1;
    x->obj = d;
    HPDF_STATUS st = HPDF_Dict_AddName(d, "S", x->type);
    if (x->ncontent) st |= HPDF_Dict_Add(d, "Pg", c->pages[x->content[0].page]);
    if (pdf_check(c, st)) return -1;
    if (x->alt && pdf_dict_text(c, d, "Alt", x->alt)) return -1;
    if (x->title && pdf_dict_text(c, d, "T", x->title)) return -1;
    if (x->attr != ATTR_NONE || x->bbox_page >= 0) {
        HPDF_Dict a = attributes(c, x);
        if (!a || pdf_check(c, HPDF_Dict_Add(d, "A", a))) return -1;
    }
    return 0;
}

/* /K: the content (an MCID alone when on the element's /Pg page), then the
 * child elements; and /P. */
static int write_kids(pdf_ctx *c, const elem *x, HPDF_Dict parent) {
    HPDF_MMgr mm = c->pdf->mmgr;
    pdf_tags *t = c->tags;
    HPDF_Array k = HPDF_Array_New(mm);
    if (pdf_checkp(c, k)) return -1;
    HPDF_STATUS st = HPDF_Dict_Add(x->obj, "P", parent);
    int pg = x->ncontent ? x->content[0].page : -1;
    for (size_t i = 0; i < x->ncontent; i++) {
        const kid *q = &x->content[i];
        if (!q->annot && q->page == pg) {
            st |= HPDF_Array_AddNumber(k, q->mcid);
            continue;
        }
        HPDF_Dict r = HPDF_Dict_New(mm);
        if (pdf_checkp(c, r)) return -1;
        st |= HPDF_Dict_AddName(r, "Type", q->annot ? "OBJR" : "MCR");
        st |= HPDF_Dict_Add(r, "Pg", c->pages[q->page]);
        if (q->annot)
            st |= HPDF_Dict_Add(r, "Obj", q->annot);
        else
            st |= HPDF_Dict_AddNumber(r, "MCID", q->mcid);
        st |= HPDF_Array_Add(k, r);
    }
    for (size_t i = 0; i < x->nchildren; i++) {
        const elem *ch = &t->e[x->children[i]];
        if (ch->live) st |= HPDF_Array_Add(k, ch->obj);
    }
    st |= HPDF_Dict_Add(x->obj, "K", k);
    return pdf_check(c, st);
}

/* The ParentTree: page i (StructParents i) → the element of each MCID;
 * annotation j (StructParent npages + j) → its element. */
static HPDF_Dict parent_tree(pdf_ctx *c) {
    HPDF_MMgr mm = c->pdf->mmgr;
    pdf_tags *t = c->tags;
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Array nums = HPDF_Array_New(mm);
    if (pdf_checkp(c, tree) || pdf_checkp(c, nums)) return NULL;
    HPDF_STATUS st = HPDF_OK;
    for (size_t p = 0; p < c->doc->npages; p++) {
        HPDF_Array arr = HPDF_Array_New(mm);
        if (pdf_checkp(c, arr)) return NULL;
        for (size_t i = 0; i < t->nmcid[p]; i++)
            st |= HPDF_Array_Add(arr, t->e[t->mcids[p][i]].obj);
        st |= HPDF_Array_AddNumber(nums, (HPDF_INT32)p);
        st |= HPDF_Array_Add(nums, arr);
    }
    for (size_t j = 0; j < t->nannots; j++) {
        st |= HPDF_Array_AddNumber(nums, (HPDF_INT32)(c->doc->npages + j));
        st |= HPDF_Array_Add(nums, t->e[t->annots[j].page].obj);
    }
    st |= HPDF_Dict_Add(tree, "Nums", nums);
    return pdf_check(c, st) ? NULL : tree;
}

int pdf_tags_write(pdf_ctx *c) {
    pdf_tags *t = c->tags;
    pdf_doing(c, "writing the structure tree");
    if (t->oom) return pdf_fail(c, "out of memory");
    HPDF_Dict root = HPDF_Dict_New(c->pdf->mmgr);
    if (pdf_checkp(c, root) || pdf_check(c, HPDF_Xref_Add(c->pdf->xref, root))) return -1;
    mark_live(t, 0);
    t->e[0].live = 1;
    for (size_t i = 0; i < t->n; i++)
        if (t->e[i].live && write_elem(c, &t->e[i])) return -1;
    for (size_t i = 0; i < t->n; i++) {
        const elem *x = &t->e[i];
        if (x->live && write_kids(c, x, x->parent >= 0 ? t->e[x->parent].obj : root)) return -1;
    }
    HPDF_Dict tree = parent_tree(c);
    if (!tree) return -1;
    HPDF_Dict mark = HPDF_Dict_New(c->pdf->mmgr);
    if (pdf_checkp(c, mark)) return -1;
    HPDF_STATUS st = HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    st |= HPDF_Dict_Add(root, "K", t->e[0].obj);
    st |= HPDF_Dict_Add(root, "ParentTree", tree);
    st |= HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)(c->doc->npages + t->nannots));
    st |= HPDF_Dict_Add(c->pdf->catalog, "StructTreeRoot", root);
    st |= HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    st |= HPDF_Dict_Add(c->pdf->catalog, "MarkInfo", mark);
    for (size_t p = 0; p < c->doc->npages; p++)
        st |= HPDF_Dict_AddNumber(c->pages[p], "StructParents", (HPDF_INT32)p);
    return pdf_check(c, st);
}

void pdf_tags_free(pdf_ctx *c) {
    pdf_tags *t = c->tags;
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].children);
        free(t->e[i].content);
    }
    free(t->e);
    for (size_t i = 0; i < t->narts; i++)
        free(t->arts[i].by_serial);
    free(t->arts);
    front_map *f = &t->f;
    free(f->tagline), free(f->th), free(f->td), free(f->notice);
    free(f->toc_section), free(f->reference);
    for (size_t p = 0; t->mcids && p < c->doc->npages; p++)
        free(t->mcids[p]);
    free(t->mcids), free(t->nmcid), free(t->capmcid);
    free(t->annots);
    free(t->cover_alt);
    free(t);
    c->tags = NULL;
}
