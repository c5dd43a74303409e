/* docx.c — `folio import FILE.docx`: read the manuscript, then write the
 * article and its pictures (or file them into an edition) all at once. */
#include "docx_private.h"

#include "../util/fsutil.h"
#include "article_writer.h"
#include "contents_edit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file name made of the last component of path, without its extension:
 * characters a file name should not hold become '-'. In the arena. */
static const char *stem_of(folio_arena *a, const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    char *s = arena_strndup(a, base, n);
    if (!s) return NULL;
    for (char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || strchr("\\:*?\"<>| ", *p)) *p = '-';
    while (*s == '.' || *s == '-')
        s++;
    return *s ? s : "manuscript";
}

static char *join_arena(folio_arena *a, const char *x, const char *y) {
    char *j = fs_join(x, y), *r = j ? arena_strdup(a, j) : NULL;
    free(j);
    return r;
}

/* Tells what was accepted or dropped without a warning of its own. */
static void summary(dx_ctx *c) {
    if (c->insertions || c->deletions)
        diag_warning(c->d, c->src, 0,
                     "tracked changes accepted as shown (%d insertion%s kept, %d deletion%s "
                     "dropped)",
                     c->insertions, c->insertions == 1 ? "" : "s", c->deletions,
                     c->deletions == 1 ? "" : "s");
    if (c->comments)
        diag_warning(c->d, c->src, 0, "%d comment%s left out (comments are not part of an article)",
                     c->comments, c->comments == 1 ? "" : "s");
}

static int read_manuscript(dx_ctx *c, folio_article *art, const char *stem, const char *prefix) {
    if (dx_open(c) || dx_read_styles(c) || dx_read_numbering(c) ||
        dx_read_rels(c, "word/document.xml", &c->rels) || dx_read_notes(c) || dx_read_body(c))
        return -1;
    dx_front(c, art, stem);
    if (dx_make_blocks(c, art, prefix)) return -1;
    dx_warnings_flush(c);
    if (!art->nblocks)
        diag_warning(c->d, c->src, 0, "the manuscript has no text besides its title and byline");
    summary(c);
    return c->oom ? -1 : 0;
}

/* Takes out the image blocks of a picture that could not be written. */
static void drop_picture(folio_article *art, const char *name) {
    size_t w = 0;
    for (size_t i = 0; i < art->nblocks; i++) {
        const folio_block *b = &art->blocks[i];
        const char *p = b->type == FOLIO_BLOCK_IMAGE ? b->image->path : NULL;
        const char *slash = p ? strrchr(p, '/') : NULL;
        if (p && !strcmp(slash ? slash + 1 : p, name)) continue;
        art->blocks[w++] = *b;
    }
    art->nblocks = w;
}

/* What is written, each under a temporary name until commit. */
typedef struct outputs {
    folio_atomic *pics; /* c->npics; tmp NULL where not written */
    folio_atomic article, yaml;
    const char **committed; /* final paths renamed into place so far */
    size_t ncommitted;
    const char *made_dir; /* images/, when this import created it */
} outputs;

static void outputs_abort(outputs *o, size_t npics) {
    for (size_t i = 0; o->pics && i < npics; i++)
        if (o->pics[i].tmp) atomic_abort(&o->pics[i]);
    if (o->article.tmp) atomic_abort(&o->article);
    if (o->yaml.tmp) atomic_abort(&o->yaml);
    free(o->pics);
    o->pics = NULL;
}

/* Writes each named picture into dir under a temporary name and checks that
 * it decodes; one that does not is dropped with a warning. */
static int write_pictures(dx_ctx *c, folio_article *art, const char *dir, outputs *o) {
    o->pics = calloc(c->npics ? c->npics : 1, sizeof *o->pics);
    if (!o->pics) return dx_oom(c);
    int any = 0;
    for (size_t i = 0; i < c->npics; i++)
        any |= c->pics[i].name != NULL;
    if (any && !fs_is_dir(dir)) o->made_dir = dir;
    int e = any ? fs_mkdirs(dir) : 0;
    if (e) return diag_error(c->d, dir, 0, "cannot create the folder: %s", strerror(e));
    for (size_t i = 0; i < c->npics; i++) {
        dx_pic *p = &c->pics[i];
        if (!p->name) continue;
        char *path = fs_join(dir, p->name);
        if (!path) return dx_oom(c);
        e = atomic_begin(&o->pics[i], path, 1);
        free(path);
        if (!e && (fwrite(p->data, 1, p->len, o->pics[i].f) != p->len || fflush(o->pics[i].f)))
            e = errno ? errno : EIO;
        if (e) return diag_error(c->d, dir, 0, "cannot write %s: %s", p->name, strerror(e));
        folio_image img = {0};
        const char *why = NULL;
        if (edition_probe_image(o->pics[i].tmp, &img, &why)) {
            c->note_id = p->note_id;
            c->note_end = p->note_end;
            dx_warn(c, p->num, "the picture %s cannot be read (%s); left out", p->part, why);
            c->note_id = 0;
            atomic_abort(&o->pics[i]);
            drop_picture(art, p->name);
        }
    }
    return 0;
}

static int write_article(dx_ctx *c, const folio_article *art, const char *path, outputs *o) {
    folio_buf md;
    buf_init(&md);
    int e = article_write_md(art, &md) ? ENOMEM : atomic_begin(&o->article, path, 1);
    if (!e && fwrite(md.data, 1, md.len, o->article.f) != md.len) e = errno ? errno : EIO;
    buf_free(&md);
    return e ? diag_error(c->d, path, 0, "cannot write the article: %s", strerror(e)) : 0;
}

/* Renames everything into place: pictures, the article, edition.yaml last. */
static int commit(dx_ctx *c, outputs *o) {
    o->committed = arena_calloc(c->a, c->npics + 2, sizeof *o->committed);
    if (!o->committed) return dx_oom(c);
    int e = 0;
    for (size_t i = 0; i < c->npics && !e; i++) {
        if (!o->pics[i].tmp) continue;
        char *path = strdup(o->pics[i].path);
        e = atomic_commit(&o->pics[i]);
        if (!e && path) o->committed[o->ncommitted++] = arena_strdup(c->a, path);
        free(path);
    }
    const char *art = o->article.path ? arena_strdup(c->a, o->article.path) : NULL;
    if (!e && o->article.tmp && !(e = atomic_commit(&o->article)) && art)
        o->committed[o->ncommitted++] = art;
    if (!e && o->yaml.tmp) e = atomic_commit(&o->yaml);
    if (e) {
        for (size_t i = 0; i < o->ncommitted; i++)
            unlink(o->committed[i]);
        diag_error(c->d, c->src, 0, "cannot write the imported files: %s", strerror(e));
    }
    return e ? -1 : 0;
}

static int to_file(dx_ctx *c, const folio_import_opts *opt, folio_article *art, outputs *o) {
    if (fs_is_dir(opt->out))
        return diag_error(c->d, opt->out, 0,
                          "is a folder; -o names the article file (ARTICLE.md), or use "
                          "--edition DIR --section NAME");
    const char *slash = strrchr(opt->out, '/');
    const char *dir = slash ? arena_strndup(c->a, opt->out, (size_t)(slash - opt->out)) : ".";
    const char *stem = stem_of(c->a, opt->out);
    char *prefix = stem ? arena_alloc(c->a, strlen(stem) + 16) : NULL;
    if (!dir || !prefix) return dx_oom(c);
    sprintf(prefix, "images/%s-", stem);
    if (read_manuscript(c, art, stem, prefix)) return -1;
    int e = *dir ? fs_mkdirs(dir) : 0;
    if (e) return diag_error(c->d, dir, 0, "cannot create the folder: %s", strerror(e));
    const char *images = join_arena(c->a, *dir ? dir : "/", "images");
    if (!images) return dx_oom(c);
    if (write_pictures(c, art, images, o) || write_article(c, art, opt->out, o)) return -1;
    return commit(c, o);
}

/* --- filing into an edition --- */

static int count_errors(const char *dir) {
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(dir, 1, &d);
    int n = (int)d.nerrors;
    edition_free(e);
    diags_free(&d);
    return n;
}

/* Whether section `name` of e lists the article at path rel. */
static int lists(const folio_edition *e, const char *name, const char *rel) {
    for (size_t i = 0; e && i < e->nsections; i++)
        for (size_t k = 0; k < e->sections[i].narticles; k++)
            if (!strcmp(e->sections[i].name, name) && e->sections[i].articles[k]->path &&
                !strcmp(e->sections[i].articles[k]->path, rel))
                return 1;
    return 0;
}

/* After filing: the edition must load with no error it did not have before
 * and list the article under its section; else everything is put back as it
 * was. */
static int prove(dx_ctx *c, const folio_import_opts *opt, int errors_before, const char *rel,
                 const char *yaml_path, const char *old_yaml, size_t old_len, outputs *o) {
    const char *dir = opt->edition_dir;
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(dir, 1, &d);
    int ok = (int)d.nerrors <= errors_before && lists(e, opt->section, rel);
    edition_free(e);
    if (!ok) {
        for (size_t i = 0; i < d.n; i++)
            if (d.items[i].sev == FOLIO_ERROR)
                diags_add(c->d, FOLIO_ERROR, d.items[i].path, d.items[i].line, "%s",
                          d.items[i].msg);
        fs_write_atomic(yaml_path, old_yaml, old_len);
        for (size_t i = 0; i < o->ncommitted; i++)
            unlink(o->committed[i]);
        diag_error(c->d, c->src, 0,
                   "filing the article would leave the edition %s with errors; nothing was "
                   "changed",
                   dir);
    }
    diags_free(&d);
    return ok ? 0 : -1;
}

static int into_edition(dx_ctx *c, const folio_import_opts *opt, folio_article *art, outputs *o) {
    const char *dir = opt->edition_dir;
    char *yaml_path = join_arena(c->a, dir, "edition.yaml");
    if (!yaml_path) return dx_oom(c);
    if (!fs_is_file(yaml_path))
        return diag_error(c->d, dir, 0, "is not an edition folder (no edition.yaml)");
    const char *stem = stem_of(c->a, c->src);
    char *rel = stem ? arena_alloc(c->a, strlen(stem) + 32) : NULL;
    char *prefix = stem ? arena_alloc(c->a, strlen(stem) + 32) : NULL;
    if (!rel || !prefix) return dx_oom(c);
    sprintf(rel, "articles/%s.md", stem);
    sprintf(prefix, "../images/%s-", stem);
    const char *article = join_arena(c->a, dir, rel), *images = join_arena(c->a, dir, "images");
    if (!article || !images) return dx_oom(c);
    if (fs_is_file(article))
        return diag_error(c->d, dir, 0,
                          "%s exists already; remove it, or rename the manuscript, to import it "
                          "again",
                          rel);
    int errors_before = count_errors(dir);
    if (read_manuscript(c, art, stem, prefix)) return -1;
    for (size_t i = 0; i < c->npics; i++) {
        const char *p = c->pics[i].name ? join_arena(c->a, images, c->pics[i].name) : NULL;
        if (p && fs_is_file(p))
            return diag_error(c->d, dir, 0, "images/%s exists already; nothing was changed",
                              c->pics[i].name);
    }
    char *yaml = NULL;
    size_t len = 0;
    int e = fs_read_file(yaml_path, 4u << 20, &yaml, &len);
    if (e) return diag_error(c->d, yaml_path, 0, "cannot read: %s", strerror(e));
    folio_buf edited;
    buf_init(&edited);
    const char *why = NULL;
    int line = 0, r = contents_add(yaml, len, opt->section, rel, &edited, &why, &line);
    if (r) diag_error(c->d, yaml_path, line, "cannot add %s to the contents: %s", rel, why);
    if (!r) r = write_pictures(c, art, images, o) || write_article(c, art, article, o);
    if (!r && (e = atomic_begin(&o->yaml, yaml_path, 1)) == 0 &&
        fwrite(edited.data, 1, edited.len, o->yaml.f) != edited.len)
        e = errno ? errno : EIO;
    if (!r && e) r = diag_error(c->d, yaml_path, 0, "cannot write: %s", strerror(e));
    if (!r) r = commit(c, o);
    if (!r) r = prove(c, opt, errors_before, rel, yaml_path, yaml, len, o);
    buf_free(&edited);
    free(yaml);
    return r;
}

static void ctx_free(dx_ctx *c) {
    dx_close(c);
    for (size_t i = 0; i < c->npics; i++)
        free(c->pics[i].data);
    free(c->pics);
    for (size_t i = 0; i < c->nnotes; i++)
        free(c->notes[i].paras.v);
    free(c->notes);
    free(c->warns);
    free(c->body.v);
    buf_free(&c->instr);
    arena_free(c->a);
}

int docx_import(const folio_import_opts *opt, folio_diags *d) {
    dx_ctx c = {.d = d, .src = opt->source};
    buf_init(&c.instr);
    folio_article art = {0};
    outputs o = {0};
    if (!(c.a = arena_new())) return diag_error(d, opt->source, 0, "out of memory");
    int r = opt->edition_dir ? into_edition(&c, opt, &art, &o) : to_file(&c, opt, &art, &o);
    dx_warnings_flush(&c);
    outputs_abort(&o, c.npics);
    /* no empty images/ left by a failed import or by pictures all left out */
    if (o.made_dir) rmdir(o.made_dir);
    ctx_free(&c);
    return r ? -1 : 0;
}
