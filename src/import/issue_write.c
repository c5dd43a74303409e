/* issue_write.c — the imported issue written as an edition folder: articles,
 * edition.yaml and import-report.txt, made in a temporary folder beside the
 * target, read back by the edition reader, then renamed into place — so a
 * failed import leaves nothing behind. */
#include "issue_private.h"

#include "../util/fsutil.h"
#include "article_writer.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const role_names[IR_COUNT] = {
    [IR_UNSET] = "not placed",
    [IR_BLANK] = "blank",
    [IR_FOLIO] = "page numbers",
    [IR_RUNNING] = "running heads",
    [IR_FRONT] = "cover and issue lines",
    [IR_MASTHEAD] = "masthead",
    [IR_CONTENTS] = "contents",
    [IR_SECTION] = "section names",
    [IR_TITLE] = "titles",
    [IR_SUBTITLE] = "subtitles",
    [IR_AUTHOR] = "authors and bylines",
    [IR_SOURCE] = "source lines",
    [IR_BODY] = "article text",
    [IR_JUMP] = "jump lines",
    [IR_CAPTION] = "figure captions",
};

/* The title as printed over one or two lines. */
static const char *title_of(issue_ctx *c, const issue_article *a) {
    if (a->runin) return c->entries[a->entry].title;
    folio_buf b;
    buf_init(&b);
    for (size_t i = a->title_line; i < a->end && i < a->title_line + 4; i++) {
        if (c->role[i] == IR_BLANK) continue;
        if (c->role[i] != IR_TITLE) break;
        if (b.len && (unsigned char)b.data[b.len - 1] < 0x80 &&
            (unsigned char)c->l->v[i].text[0] < 0x80)
            buf_putc(&b, ' ');
        buf_puts(&b, c->l->v[i].text);
    }
    const char *t = b.oom ? NULL : arena_strndup(c->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return t;
}

/* Authors (names split at spaces and 、) and the byline from the header. */
static int credits(issue_ctx *c, issue_article *a) {
    for (size_t i = a->title_line; i < a->body_from; i++) {
        if (c->role[i] != IR_AUTHOR) continue;
        const char *s = c->l->v[i].text;
        if (!iu_is_names(s) || iu_is_org(s)) { /* 本刊记者 苏明远 is a reporter's line */
            if (!a->model.byline) a->model.byline = s;
            continue;
        }
        char *copy = arena_strdup(c->arena, s);
        const char **v = arena_calloc(c->arena, 8, sizeof *v);
        if (!copy || !v) return -1;
        size_t n = 0;
        for (char *tok = strtok(copy, " ,\t"); tok && n < 8; tok = strtok(NULL, " ,\t"))
            v[n++] = tok;
        a->model.authors = v;
        a->model.nauthors = n;
    }
    return 0;
}

static int is_foreword_section(const char *s) {
    return !strcmp(s, "卷首语") || !strcmp(s, "卷首") || !strcmp(s, "刊首语") ||
           !strcmp(s, "编者的话");
}

static int prepare(issue_ctx *c) {
    for (size_t a = 0; a < c->narts; a++) {
        issue_article *art = &c->arts[a];
        art->model.title = title_of(c, art);
        char path[48];
        snprintf(path, sizeof path, "articles/%02zu.md", a + 1);
        art->model.path = arena_strdup(c->arena, path);
        if (!art->model.title || !art->model.path || credits(c, art)) return -1;
        if (art->section < c->nsections &&
            is_foreword_section(iu_squeeze(c->arena, c->sections[art->section])))
            art->model.kind = FOLIO_KIND_FOREWORD;
        if (!art->model.nblocks)
            issue_note(c, art->title_line, "the article \"%s\" has no text", art->model.title);
    }
    return 0;
}

static void put_kv(folio_buf *y, const char *key, const char *v) {
    buf_printf(y, "%s: ", key);
    yaml_put_scalar(y, v);
    buf_putc(y, '\n');
}

static void masthead_yaml(issue_ctx *c, folio_buf *y) {
    if (!c->nmast) return;
    buf_puts(y, "masthead:\n");
    for (size_t i = 0; i < c->nmast; i++) {
        buf_puts(y, "  - ");
        yaml_put_scalar(y, c->mast[i].key);
        const char *v = c->mast[i].value;
        if (strchr(v, ' ') && iu_is_names(v)) {
            buf_puts(y, ":\n");
            char *copy = arena_strdup(c->arena, v);
            for (char *t = copy ? strtok(copy, " ") : NULL; t; t = strtok(NULL, " ")) {
                buf_puts(y, "      - ");
                yaml_put_scalar(y, t);
                buf_putc(y, '\n');
            }
        } else {
            buf_puts(y, ": ");
            yaml_put_scalar(y, *v ? v : "-");
            buf_putc(y, '\n');
        }
    }
}

static int edition_yaml(issue_ctx *c, folio_buf *y) {
    buf_puts(y, "# Imported by folio import from a past issue; see import-report.txt.\n");
    put_kv(y, "journal", c->journal ? c->journal : "(journal)");
    put_kv(y, "issue", c->issue ? c->issue : "(issue)");
    put_kv(y, "date", c->date ? c->date : "1970-01");
    if (c->year) buf_printf(y, "year: %d\n", c->year);
    if (c->number) buf_printf(y, "number: %d\n", c->number);
    if (c->total) buf_printf(y, "total: %d\n", c->total);
    if (c->publisher) put_kv(y, "publisher", c->publisher);
    masthead_yaml(c, y);
    if (c->nnotice) {
        buf_puts(y, "notice:\n");
        for (size_t i = 0; i < c->nnotice; i++) {
            buf_puts(y, "  - ");
            yaml_put_scalar(y, c->notice[i]);
            buf_putc(y, '\n');
        }
    }
    buf_puts(y, "contents:\n");
    size_t nsec = c->nsections ? c->nsections : 1;
    for (size_t s = 0; s < nsec; s++) {
        int any = 0;
        for (size_t a = 0; a < c->narts; a++)
            any |= c->arts[a].section == s;
        if (!any) continue;
        buf_puts(y, "  - section: ");
        yaml_put_scalar(y, c->nsections ? c->sections[s] : "");
        buf_puts(y, "\n    articles:\n");
        for (size_t a = 0; a < c->narts; a++)
            if (c->arts[a].section == s) buf_printf(y, "      - %s\n", c->arts[a].model.path);
    }
    return y->oom ? -1 : 0;
}

static int summary(issue_ctx *c, folio_diags *d) {
    size_t count[IR_COUNT] = {0};
    for (size_t i = 0; i < c->l->n; i++) {
        count[c->role[i]]++;
        if (c->role[i] == IR_UNSET)
            issue_note(c, i, "line not placed in any article: \"%.40s\"", c->l->v[i].text);
    }
    folio_buf *r = &c->report;
    int first = 1;
    buf_printf(r, "\n# %zu source lines: ", c->l->n);
    for (int k = 0; k < IR_COUNT; k++)
        if (count[k]) {
            buf_printf(r, "%s%zu %s", first ? "" : ", ", count[k], role_names[k]);
            first = 0;
        }
    buf_printf(r,
               "\n# removed as furniture: %zu page numbers, %zu running heads, %zu section names, "
               "%zu contents lines, %zu jump lines, %zu figure caption lines\n",
               count[IR_FOLIO], count[IR_RUNNING], count[IR_SECTION], count[IR_CONTENTS],
               count[IR_JUMP], count[IR_CAPTION]);
    diag_warning(
        d, c->src, 0,
        "imported %zu articles in %zu sections; %d notes in import-report.txt; removed %zu page "
        "numbers, %zu running heads, %zu contents lines",
        c->narts, c->nsections, c->notes, count[IR_FOLIO], count[IR_RUNNING], count[IR_CONTENTS]);
    return r->oom ? -1 : 0;
}

static int write_file(const char *dir, const char *name, const folio_buf *b) {
    char *p = fs_join(dir, name);
    int r = p ? fs_write_atomic(p, b->data ? b->data : "", b->len) : ENOMEM;
    free(p);
    return r;
}

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *f) {
    (void)st, (void)flag, (void)f;
    remove(p);
    return 0;
}

/* Removes the half-made edition folder. */
static void remove_tree(const char *dir) {
    nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static int fill(issue_ctx *c, const char *tmp, folio_diags *d) {
    folio_buf y, m;
    buf_init(&y);
    buf_init(&m);
    char *artdir = fs_join(tmp, "articles");
    int r =
        !artdir || fs_mkdirs(artdir) || edition_yaml(c, &y) || write_file(tmp, "edition.yaml", &y);
    for (size_t a = 0; a < c->narts && !r; a++) {
        m.len = 0;
        r = article_write_md(&c->arts[a].model, &m) || write_file(tmp, c->arts[a].model.path, &m);
    }
    if (!r) r = summary(c, d) || write_file(tmp, "import-report.txt", &c->report);
    if (r) diag_error(d, tmp, 0, "cannot write the edition: %s", strerror(errno ? errno : ENOMEM));
    free(artdir);
    buf_free(&y);
    buf_free(&m);
    return r ? -1 : 0;
}

/* The folder must not exist, or be empty. */
static int target_free(const char *out, folio_diags *d) {
    struct stat st;
    if (stat(out, &st)) return 0;
    if (!S_ISDIR(st.st_mode))
        return diag_error(d, out, 0, "exists and is not a folder; nothing written");
    DIR *dd = opendir(out);
    struct dirent *e;
    int empty = 1;
    while (dd && (e = readdir(dd)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) empty = 0;
    if (dd) closedir(dd);
    if (!empty) return diag_error(d, out, 0, "the folder exists and is not empty; nothing written");
    return rmdir(out)
               ? diag_error(d, out, 0, "cannot replace the empty folder: %s", strerror(errno))
               : 0;
}

int issue_write(issue_ctx *c, const char *out, folio_diags *d) {
    if (prepare(c)) return diag_error(d, c->src, 0, "out of memory");
    if (target_free(out, d)) return -1;
    size_t n = strlen(out) + 48;
    char *tmp = malloc(n);
    if (!tmp) return diag_error(d, c->src, 0, "out of memory");
    snprintf(tmp, n, "%s.import-%ld", out, (long)getpid());
    int r = fs_mkdirs(tmp) ? diag_error(d, tmp, 0, "cannot create: %s", strerror(errno))
                           : fill(c, tmp, d);
    if (!r) {
        folio_diags check;
        diags_init(&check);
        folio_edition *e = edition_load(tmp, 0, &check);
        if (!e) {
            for (size_t i = 0; i < check.n; i++)
                diag_error(d, c->src, 0, "the imported edition does not read back: %s",
                           check.items[i].msg);
            r = -1;
        }
        edition_free(e);
        diags_free(&check);
    }
    if (!r && rename(tmp, out))
        r = diag_error(d, out, 0, "cannot move the edition into place: %s", strerror(errno));
    if (r) remove_tree(tmp);
    free(tmp);
    return r;
}
