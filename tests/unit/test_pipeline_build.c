/* test_pipeline_build.c — the pipeline as a library: the sample built into a scratch
 * folder with the progress it reports, one output only, the first stages alone
 * (fonts, check), and its errors: no edition, an unknown layout, an output folder
 * that cannot be made; the build manifest read back. */
#include "../../src/pipeline/manifest.h"
#include "../../src/pipeline/pipeline.h"
#include "check.h"
#include "testfiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *src_dir(void) {
    const char *s = getenv("SRC");
    return s && *s ? s : FOLIO_SOURCE_DIR;
}

/* What the progress callbacks saw. */
typedef struct seen {
    size_t layout_calls, pdf_last, pdf_npages, stages, wrote;
    char wrote_path[2][512];
} seen;

static void on_layout(size_t pages, void *u) {
    (void)pages;
    ((seen *)u)->layout_calls++;
}
static void on_pdf(size_t page, size_t npages, void *u) {
    seen *s = u;
    s->pdf_last = page;
    s->pdf_npages = npages;
}
static void on_stage(const char *what, void *u) {
    CHECK(!strcmp(what, "writing the EPUB"));
    ((seen *)u)->stages++;
}
static void on_wrote(const char *path, void *u) {
    seen *s = u;
    if (s->wrote < 2) snprintf(s->wrote_path[s->wrote], sizeof s->wrote_path[0], "%s", path);
    s->wrote++;
}

/* Whether some diagnostic of d contains text. */
static int said(const folio_diags *d, const char *text) {
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].msg, text)) return 1;
    return 0;
}

/* The manifest read back holds the build's facts; an output changed after
 * the build is refused. */
static void check_manifest(const folio_build *b, const char *out) {
    folio_manifest m;
    folio_diags d;
    diags_init(&d);
    CHECK(pipeline_manifest_read(out, &m, &d) == 0);
    CHECK(m.pdf && !strcmp(m.pdf, b->pdf_path) && m.epub && !strcmp(m.epub, b->epub_path));
    CHECK(m.layout && !strcmp(m.layout, "magazine") && m.pages == (int)b->doc->npages);
    CHECK(m.edition && m.edition[0] == '/' && strstr(m.edition, "/examples/sample"));
    CHECK(m.narticles == b->edition->narticles);
    for (size_t i = 0; i < m.narticles && i < b->edition->narticles; i++) {
        folio_article_pages p = layout_article_pages(b->doc, i);
        CHECKF(!strcmp(m.articles[i].file, b->edition->articles[i].path) &&
                   m.articles[i].pdf_page == p.pdf_page && m.articles[i].first == p.first &&
                   m.articles[i].last == p.last && p.pdf_page > 1 && p.last >= p.first,
               "article %zu: %s page %d", i, m.articles[i].file, m.articles[i].pdf_page);
    }
    pipeline_manifest_free(&m);
    FILE *f = fopen(b->epub_path, "ab");
    CHECK(f && fputc('x', f) == 'x');
    if (f) fclose(f);
    CHECK(pipeline_manifest_read(out, &m, &d) == -1 && !m.arena);
    CHECKF(said(&d, "has changed since folio build wrote it"), "changed EPUB not refused");
    diags_free(&d);
}

static void test_sample(const char *root) {
    char *ed = path2(src_dir(), "examples/sample"), *out = path2(root, "out");
    seen s = {0};
    folio_build_opts o = {.edition_dir = ed, .data_dir = src_dir(), .outdir = out};
    o.progress = (folio_build_progress){on_layout, on_pdf, on_stage, on_wrote, &s};
    folio_diags d;
    diags_init(&d);
    folio_build b;
    CHECK(pipeline_build(&o, &b, &d) == 0);
    CHECKF(d.nerrors == 0, "%zu errors, first: %s", d.nerrors, d.n ? d.items[0].msg : "");
    CHECK(b.edition && b.layout && b.fonts && b.doc && b.doc->npages > 8);
    CHECK(b.layout_name && !strcmp(b.layout_name, "magazine"));
    CHECK(b.outdir && !strcmp(b.outdir, out));
    CHECK(b.pdf_path && fs_is_file(b.pdf_path) && strstr(b.pdf_path, "/sample.pdf"));
    CHECK(b.epub_path && fs_is_file(b.epub_path) && strstr(b.epub_path, "/sample.epub"));
    CHECK(s.layout_calls >= b.doc->npages);
    CHECK(s.pdf_npages == b.doc->npages && s.pdf_last == b.doc->npages);
    CHECK(s.stages == 1);
    CHECK(s.wrote == 2 && b.pdf_path && !strcmp(s.wrote_path[0], b.pdf_path) && b.epub_path &&
          !strcmp(s.wrote_path[1], b.epub_path));
    CHECK(b.times.total > 0 && b.times.layout > 0 && b.times.pdf > 0);
    check_manifest(&b, out);
    pipeline_build_free(&b);
    CHECK(!b.doc && !b.pdf_path); /* zeroed */
    diags_free(&d);

    /* --pdf only, another layout */
    char *out2 = path2(root, "out2");
    folio_build_opts o2 = {
        .edition_dir = ed, .data_dir = src_dir(), .outdir = out2, .layout = "a5", .want_pdf = 1};
    diags_init(&d);
    CHECK(pipeline_build(&o2, &b, &d) == 0);
    CHECK(b.pdf_path && !b.epub_path && b.layout_name && !strcmp(b.layout_name, "a5"));
    char *epub = path2(out2, "sample.epub");
    CHECK(!fs_is_file(epub));
    pipeline_build_free(&b);
    diags_free(&d);
    free(ed), free(out), free(out2), free(epub);
}

static void test_errors(const char *root) {
    folio_diags d;
    folio_build b;
    char *none = path2(root, "no-such-edition");
    folio_build_opts o = {.edition_dir = none, .data_dir = src_dir()};
    diags_init(&d);
    CHECK(pipeline_build(&o, &b, &d) == -1 && d.nerrors > 0 && !b.doc);
    pipeline_build_free(&b);
    diags_free(&d);

    char *ed = path2(src_dir(), "examples/sample");
    folio_build_opts bad_layout = {.edition_dir = ed, .data_dir = src_dir(), .layout = "nope"};
    diags_init(&d);
    CHECK(pipeline_build(&bad_layout, &b, &d) == -1);
    CHECKF(said(&d, "magazine"), "an unknown layout names the known ones");
    CHECK(b.edition && !b.layout && !b.pdf_path);
    pipeline_build_free(&b);
    diags_free(&d);

    /* the output folder would be inside a file */
    put(root, "file", "x");
    char *under = path2(root, "file/out");
    folio_build_opts bad_out = {.edition_dir = ed, .data_dir = src_dir(), .outdir = under};
    diags_init(&d);
    CHECK(pipeline_build(&bad_out, &b, &d) == -1);
    CHECKF(said(&d, "cannot create the output folder"), "message for an impossible folder");
    CHECK(b.doc && !b.pdf_path);
    pipeline_build_free(&b);
    diags_free(&d);
    free(none), free(ed), free(under);
}

static void test_first_stages(const char *root) {
    folio_diags d;
    folio_build b;
    folio_coverage cov;
    /* no edition: the roles' fonts as configured */
    folio_build_opts o = {.data_dir = src_dir()};
    diags_init(&d);
    CHECK(pipeline_fonts(&o, &b, &cov, &d) == 0);
    CHECK(b.fonts && !b.edition && !b.layout && cov.nchars == 0);
    fonts_coverage_free(&cov);
    pipeline_build_free(&b);
    diags_free(&d);

    /* an edition: its characters counted */
    char *ed = path2(src_dir(), "examples/sample");
    o.edition_dir = ed;
    diags_init(&d);
    CHECK(pipeline_fonts(&o, &b, &cov, &d) == 0);
    CHECK(b.edition && b.layout && cov.nchars > 1000);
    fonts_coverage_free(&cov);
    pipeline_build_free(&b);
    diags_free(&d);

    /* check: a valid edition, then one naming an unknown layout */
    diags_init(&d);
    CHECK(pipeline_check(ed, src_dir(), &d) == 0 && d.nerrors == 0);
    diags_free(&d);
    char *e2 = path2(root, "e2");
    put(e2, "edition.yaml",
        "journal: 测试\nissue: 第1期\ndate: 2026-01\nlayout: nope\n"
        "contents:\n  - section: 一\n    articles: [a.md]\n");
    put(e2, "a.md", "---\ntitle: 标题\n---\n\n正文。\n");
    diags_init(&d);
    CHECK(pipeline_check(e2, src_dir(), &d) == -1);
    CHECKF(d.n && d.items[0].path && !strcmp(d.items[0].path, "edition.yaml") &&
               d.items[0].line == 4,
           "the unknown layout is reported at edition.yaml:4");
    diags_free(&d);
    free(ed), free(e2);
}

int main(void) {
    char tmpl[] = "/tmp/folio-pipeline-XXXXXX";
    const char *root = mkdtemp(tmpl);
    if (!root) return 1;
    test_sample(root);
    test_errors(root);
    test_first_stages(root);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd)) fprintf(stderr, "could not remove %s\n", root);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
