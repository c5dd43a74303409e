/* compose.c — layout_run: the whole issue's page sequence. The contents are
 * set once with placeholder numbers to learn how many pages they take, so
 * that every article's page is known before the contents and running heads
 * are set. */
#include "compose.h"

#include <stdlib.h>
#include <string.h>

/* Resolves a style's font roles; an unknown role is an error at the style's
 * line in the layout file. */
static int resolve(composer *c, const char *cjk, const char *latin, int line, style_roles *out) {
    const char *names[2] = {cjk, latin};
    int ids[2];
    for (int i = 0; i < 2; i++) {
        ids[i] = fonts_role(c->f, names[i]);
        if (ids[i] < 0)
            return diag_error(c->d, c->l->path, line, "unknown font role '%s'", names[i]);
    }
    out->cjk = ids[0];
    out->latin = ids[1];
    return 0;
}

static int resolve_roles(composer *c) {
    const folio_layout *l = c->l;
    int rc = resolve(c, l->body_role, l->body_latin_role, l->body_line, &c->body);
    for (int i = 0; i < ST_COUNT; i++) {
        const layout_style *s = &l->styles[i];
        if (resolve(c, s->role, s->latin_role, s->line ? s->line : l->body_line, &c->st[i]))
            rc = -1;
    }
    /* emphasis and strong fall back to the text's own role when absent */
    c->kai = fonts_role(c->f, "kai");
    c->hei = fonts_role(c->f, "hei");
    c->latin_sans = fonts_role(c->f, "latin-sans");
    return rc;
}

static void grid_facts(const folio_layout *l, folio_doc *doc) {
    doc->width = l->width;
    doc->height = l->height;
    doc->bleed = l->bleed;
    doc->layout_name = l->name;
    doc->type_top = layout_type_top(l);
    doc->type_width = l->type_width;
    doc->type_height = l->type_height;
    doc->margin_inner = l->margin_inner;
    doc->margin_outer = l->margin_outer;
    doc->line_pitch = l->body_pitch;
    doc->body_size = l->body_size;
    doc->columns = l->columns;
    doc->grid_lines = l->lines;
    doc->grid_chars = l->chars_per_column;
    doc->column_width = l->column_width;
    doc->column_gap = l->column_gap;
}

static folio_doc *run(composer *c) {
    const folio_edition *e = c->e;
    size_t na = e->narticles ? e->narticles : 1;
    c->article_page = arena_calloc(c->arena, na, sizeof *c->article_page);
    c->article_last_page = arena_calloc(c->arena, na, sizeof *c->article_last_page);
    c->article_y = arena_calloc(c->arena, na, sizeof *c->article_y);
    c->article_fit = arena_calloc(c->arena, na, sizeof *c->article_fit);
    if (!c->article_page || !c->article_last_page || !c->article_y || !c->article_fit) return NULL;
    if (resolve_roles(c) || compose_cover(c) || compose_masthead(c)) return NULL;
    /* count the contents pages, then reserve them */
    int toc_first = (int)c->npages;
    if (compose_contents(c, 0)) return NULL;
    int ntoc = (int)c->npages - toc_first;
    for (int p = 0; p < (int)c->npages; p++) {
        int rows = page_rows(c, p);
        c->fullest_front = rows > c->fullest_front ? rows : c->fullest_front;
    }
    doc_truncate(c, (size_t)toc_first);
    for (int i = 0; i < ntoc; i++) {
        int p = doc_add_page(c);
        if (p < 0) return NULL;
        c->pages[p].front = 1;
    }
    if (compose_articles(c)) return NULL;
    size_t before = c->npages;
    c->toc_next = toc_first;
    c->toc_end = toc_first + ntoc;
    if (compose_contents(c, 1)) return NULL;
    if (c->npages != before)
        diag_error(c->d, NULL, 0, "internal: the contents grew from %d pages", ntoc);
    if (c->npages != before || compose_runheads(c) || c->oom) return NULL;
    folio_doc *doc = doc_finish(c);
    if (!doc || compose_outline(c, doc)) return NULL;
    grid_facts(c->l, doc);
    doc->article_page = c->article_page;
    doc->article_last_page = c->article_last_page;
    doc->article_fit = c->article_fit;
    doc->stub_rows = c->stub_rows;
    doc->narticles = e->narticles;
    doc->article_folio = arena_calloc(c->arena, na, sizeof *doc->article_folio);
    if (!doc->article_folio) return NULL;
    for (size_t i = 0; i < e->narticles; i++)
        doc->article_folio[i] = doc->pages[c->article_page[i]].folio;
    return doc;
}

folio_doc *layout_run(const folio_edition *e, const folio_layout *l, folio_fonts *f,
                      folio_diags *d) {
    return layout_run_progress(e, l, f, d, NULL, NULL);
}

folio_doc *layout_run_progress(const folio_edition *e, const folio_layout *l, folio_fonts *f,
                               folio_diags *d, folio_layout_progress progress, void *user) {
    composer c;
    memset(&c, 0, sizeof c);
    c.progress = progress;
    c.progress_user = user;
    c.e = e;
    c.l = l;
    c.f = f;
    c.d = d;
    c.arena = arena_new();
    size_t errors = d->nerrors;
    folio_doc *doc = c.arena ? run(&c) : NULL;
    if (!doc || c.oom) {
        if (c.oom || d->nerrors == errors)
            diag_error(d, NULL, 0, "out of memory while laying out the pages");
        arena_free(c.arena);
        doc = NULL;
    }
    doc_release(&c);
    breakers_close(&c.breakers);
    free(c.warned);
    return doc;
}
