/* test_edition_sample.c — the reader on examples/sample: its counts checked against
 * an independent line count of its files, and a few exact values. */
#include "edition/edition.h"
#include "util/fsutil.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Counts of what the Markdown writes, found line by line (no cmark). */
typedef struct counts {
    int h2, h3, images, thematic;
} counts;

static int starts(const char *line, const char *prefix) {
    return !strncmp(line, prefix, strlen(prefix));
}

static counts count_lines(const char *file) {
    counts k = {0, 0, 0, 0};
    char *text = NULL;
    if (fs_read_file(file, 0, &text, NULL)) {
        fprintf(stderr, "cannot read %s\n", file);
        failures++;
        return k;
    }
    int dashes = 0; /* the front matter's two '---' lines come first */
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = 0;
        if (dashes < 2) {
            dashes += !strcmp(line, "---");
            continue;
        }
        if (starts(line, "# ") || starts(line, "## "))
            k.h2++;
        else if (starts(line, "### ") || starts(line, "#### "))
            k.h3++;
        else if (starts(line, "![") && line[n - 1] == ')')
            k.images++;
        else if (!strcmp(line, "***") || !strcmp(line, "---") || !strcmp(line, "___") ||
                 !strcmp(line, "* * *"))
            k.thematic++;
    }
    free(text);
    return k;
}

typedef struct tally {
    int by_type[FOLIO_BLOCK_THEMATIC + 1];
    int h2, h3, ordered, unordered, emph, strong, breaks;
    size_t chars;
} tally;

static void walk(const folio_edition *e, const folio_block *b, size_t n, tally *t, int *serial) {
    for (size_t i = 0; i < n; i++) {
        t->by_type[b[i].type]++;
        CHECK(b[i].serial == (*serial)++);
        CHECK(b[i].line > 0 && b[i].src);
        if (b[i].type == FOLIO_BLOCK_HEADING) *(b[i].level == 2 ? &t->h2 : &t->h3) += 1;
        if (b[i].type == FOLIO_BLOCK_LIST) *(b[i].ordered ? &t->ordered : &t->unordered) += 1;
        if (b[i].type == FOLIO_BLOCK_IMAGE)
            CHECK(b[i].image && b[i].image->width > 0 && b[i].nspans > 0);
        for (size_t k = 0; k < b[i].nspans; k++) {
            unsigned f = b[i].spans[k].flags;
            t->emph += (f & FOLIO_SPAN_EMPH) != 0;
            t->strong += (f & FOLIO_SPAN_STRONG) != 0;
            t->breaks += (f & FOLIO_SPAN_BREAK) != 0;
        }
        const char *text = edition_block_text(e, &b[i]);
        CHECK(text != NULL);
        for (const char *s = text; s && *s; s++)
            t->chars += ((unsigned char)*s & 0xC0) != 0x80;
        walk(e, b[i].children, b[i].nchildren, t, serial);
    }
}

/* The number of lines of edition.yaml that list a section / an article. */
static void count_contents(const char *yaml_file, int *sections, int *articles) {
    char *text = NULL;
    *sections = *articles = 0;
    if (fs_read_file(yaml_file, 0, &text, NULL)) {
        failures++;
        return;
    }
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == ' ')
            line++;
        if (starts(line, "- section:"))
            ++*sections;
        else if (starts(line, "- ") && strstr(line, ".md"))
            ++*articles;
    }
    free(text);
}

int main(void) {
    const char *src = getenv("SRC");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples/sample", src && *src ? src : FOLIO_SOURCE_DIR);
    folio_diags d;
    diags_init(&d);
    folio_edition *e = edition_load(dir, 0, &d);
    diags_print(&d, stderr);
    CHECK(e != NULL && d.nerrors == 0);
    CHECK(d.nwarnings == 0); /* the sample uses the format, nothing else */
    if (!e) {
        diags_free(&d);
        return 1;
    }
    CHECK(!strcmp(e->journal, "城乡治理与交流"));
    CHECK(!strcmp(e->date, "2026-03-25") && e->year == 2026 && e->number == 3);
    CHECK(e->cover_image && e->cover_image->format == FOLIO_IMAGE_JPEG);
    CHECK(e->nmasthead >= 5 && !strcmp(e->masthead[0].key, "主办"));

    char *yaml = fs_join(dir, "edition.yaml");
    int nsec = 0, nart = 0;
    count_contents(yaml, &nsec, &nart);
    free(yaml);
    fprintf(stderr, "sample: %zu sections, %zu articles\n", e->nsections, e->narticles);
    CHECK(e->nsections >= 4 && e->narticles >= 12);
    CHECK((int)e->nsections == nsec && (int)e->narticles == nart);
    CHECK(!strcmp(e->sections[0].name, "卷首语") && e->articles[0].kind == FOLIO_KIND_FOREWORD);

    tally all = {0};
    int kinds[FOLIO_KIND_BRIEF + 1] = {0}, subtitles = 0, authors = 0, bylines = 0, sources = 0;
    int han_ext_b = 0;
    for (size_t i = 0; i < e->narticles; i++) {
        const folio_article *a = &e->articles[i];
        tally t = {0};
        int serial = 0;
        walk(e, a->blocks, a->nblocks, &t, &serial);
        counts want = count_lines(a->file);
        if (t.h2 != want.h2 || t.h3 != want.h3 || t.by_type[FOLIO_BLOCK_IMAGE] != want.images ||
            t.by_type[FOLIO_BLOCK_THEMATIC] != want.thematic) {
            fprintf(stderr, "%s: read ##%d ###%d img%d hr%d, file has %d %d %d %d\n", a->path, t.h2,
                    t.h3, t.by_type[FOLIO_BLOCK_IMAGE], t.by_type[FOLIO_BLOCK_THEMATIC], want.h2,
                    want.h3, want.images, want.thematic);
            failures++;
        }
        CHECK(a->title && *a->title && a->title_line >= 2);
        CHECK(a->section < e->nsections && a->index == i);
        kinds[a->kind]++;
        subtitles += a->subtitle != NULL;
        authors += a->nauthors > 0;
        bylines += a->byline != NULL;
        sources += a->source != NULL;
        han_ext_b += strstr(a->title, "\xF0\xA0\xAE\xB7") != NULL; /* 𠮷 */
        for (int k = 0; k <= FOLIO_BLOCK_THEMATIC; k++)
            all.by_type[k] += t.by_type[k];
        all.h2 += t.h2, all.h3 += t.h3, all.ordered += t.ordered, all.unordered += t.unordered;
        all.emph += t.emph, all.strong += t.strong, all.breaks += t.breaks, all.chars += t.chars;
    }
    fprintf(stderr,
            "sample: %zu characters; paragraphs %d, ##%d ###%d, quotes %d, lists %d/%d, "
            "images %d, thematic %d, emph %d, strong %d, breaks %d\n",
            all.chars, all.by_type[FOLIO_BLOCK_PARAGRAPH], all.h2, all.h3,
            all.by_type[FOLIO_BLOCK_QUOTE], all.ordered, all.unordered,
            all.by_type[FOLIO_BLOCK_IMAGE], all.by_type[FOLIO_BLOCK_THEMATIC], all.emph, all.strong,
            all.breaks);
    /* every construct of the format at least once */
    CHECK(all.by_type[FOLIO_BLOCK_PARAGRAPH] > 100);
    CHECK(all.h2 >= 1 && all.h3 >= 1);
    CHECK(all.by_type[FOLIO_BLOCK_QUOTE] >= 1);
    CHECK(all.ordered >= 1 && all.unordered >= 1 && all.by_type[FOLIO_BLOCK_ITEM] >= 2);
    CHECK(all.by_type[FOLIO_BLOCK_IMAGE] >= 2);
    CHECK(all.by_type[FOLIO_BLOCK_THEMATIC] >= 1);
    CHECK(all.emph >= 1 && all.strong >= 1 && all.breaks >= 1);
    CHECK(kinds[FOLIO_KIND_FOREWORD] == 1 && kinds[FOLIO_KIND_ARTICLE] >= 8);
    CHECK(subtitles >= 1 && authors >= 1 && bylines >= 1 && sources >= 1);
    CHECK(han_ext_b >= 1);
    CHECK(all.chars >= 25000);
    edition_free(e);
    diags_free(&d);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
