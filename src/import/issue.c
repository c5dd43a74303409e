/* issue.c — `folio import ISSUE.txt|ISSUE.pdf -o EDITION_DIR`: a past issue
 * read into lines, its lines told apart step by step, the edition written. */
#include "issue.h"

#include "issue_private.h"

#include <stdlib.h>
#include <string.h>

static int run(issue_ctx *c, const folio_import_opts *o, folio_diags *d) {
    if (issue_furniture(c) || issue_front(c) || issue_contents(c) || issue_articles(c) ||
        issue_sections_from_heads(c))
        return diag_error(d, o->source, 0, "out of memory");
    if (!c->narts)
        return diag_error(d, o->source, 0,
                          "no article found: neither a contents list whose titles stand in the "
                          "text nor titles set apart from it");
    if (issue_bodies(c)) return diag_error(d, o->source, 0, "out of memory");
    if (issue_write(c, o->out, d)) return -1;
    if (o->source_pages) {
        int *p = malloc(c->narts * sizeof *p);
        if (!p) return diag_error(d, o->source, 0, "out of memory");
        for (size_t a = 0; a < c->narts; a++)
            p[a] = c->l->v[c->arts[a].title_line].page;
        *o->source_pages = p;
        if (o->nsource_pages) *o->nsource_pages = c->narts;
        if (o->source_page_count) *o->source_page_count = c->l->pages;
    }
    return 0;
}

int import_issue(const folio_import_opts *o, folio_source_kind kind, folio_diags *d) {
    if (!o->out || o->edition_dir)
        return diag_error(d, o->source, 0,
                          "a past issue becomes an edition folder: give -o EDITION_DIR");
    issue_lines l = {0};
    int r = kind == FOLIO_SOURCE_PDF ? issue_lines_read_pdf(o->source, &l, d)
                                     : issue_lines_read_text(o->source, &l, d);
    if (r) {
        issue_lines_free(&l);
        return -1;
    }
    issue_ctx c = {.src = o->source, .l = &l};
    c.role = calloc(l.n + 1, sizeof *c.role);
    c.norm = calloc(l.n + 1, sizeof *c.norm);
    c.arena = arena_new();
    buf_init(&c.report);
    if (!c.role || !c.norm || !c.arena)
        r = diag_error(d, o->source, 0, "out of memory");
    else
        r = run(&c, o, d);
    buf_free(&c.report);
    free(c.role);
    free(c.norm);
    free(c.mast);
    free(c.notice);
    free(c.sections);
    free(c.entries);
    free(c.arts);
    free(c.pieces);
    arena_free(c.arena);
    issue_lines_free(&l);
    return r;
}
