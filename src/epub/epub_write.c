/* epub_write.c — epub_write: the edition → every document of the EPUB, then
 * the container (see epub.h). */
#include "epub_private.h"

#include <stdlib.h>
#include <string.h>

/* Languages written right to left (the primary subtag decides). */
static int lang_rtl(const char *lang) {
    static const char *const rtl[] = {"ar", "he", "fa",  "ur", "yi",  "ps",
                                      "dv", "ug", "ckb", "sd", "syr", NULL};
    size_t n = strcspn(lang, "-_");
    for (const char *const *p = rtl; *p; p++)
        if (strlen(*p) == n && !strncmp(lang, *p, n)) return 1;
    return 0;
}

/* A plausible BCP 47 tag: letters, digits and hyphens, starting with a
 * letter (the reader checks the edition; this guards the markup). */
static int lang_ok(const char *s) {
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) || strlen(s) > 35) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-'))
            return 0;
    return 1;
}

int epub_write(const folio_edition *e, const folio_doc *doc, folio_fonts *f,
               const folio_epub_options *opt, const char *path, folio_diags *d) {
    static const folio_epub_options defaults = {0, ""};
    epub_ctx c;
    memset(&c, 0, sizeof c);
    c.e = e;
    c.doc = doc;
    c.fonts = f;
    c.opt = opt ? opt : &defaults;
    c.d = d;
    c.cover_image = -1;
    c.role = ROLE_SONG;
    c.record = c.opt->embed_fonts;
    c.article_spine = malloc((e->narticles ? e->narticles : 1) * sizeof *c.article_spine);
    if (!c.article_spine) return diag_error(d, NULL, 0, "out of memory");
    for (size_t i = 0; i < e->narticles; i++)
        c.article_spine[i] = -1;
    if (lang_ok(e->language)) {
        c.lang = e->language;
    } else {
        if (e->language && *e->language)
            diag_warning(d, "edition.yaml", 0, "language '%s' is not a BCP 47 tag; using zh-CN",
                         e->language);
        c.lang = "zh-CN";
    }
    c.rtl = lang_rtl(c.lang);

    int bad = epub_ident_init(&c) || epub_pagelist_build(&c) || epub_images_collect(&c) ||
              epub_cover(&c) || epub_masthead(&c) || epub_contents(&c);
    for (size_t i = 0; !bad && i < e->narticles; i++)
        bad = epub_chapter(&c, &e->articles[i]);
    bad = bad || epub_nav(&c) || epub_ncx(&c) || epub_fonts_embed(&c) || epub_style(&c);
    if (!bad) {
        epub_sort(&c);
        bad = epub_zip_write(&c, path);
    }
    epub_ctx_free(&c);
    return bad ? -1 : 0;
}
