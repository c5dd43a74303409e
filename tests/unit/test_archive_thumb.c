/* test_archive_thumb.c — cover thumbnails: drawn from a laid-out first page, or from a cover
 * image with a title band; both read back as PNGs of the thumbnail size. */
#include "archive/archive_private.h"
#include "util/fsutil.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const unsigned char *at(const archive_rgb *im, int x, int y) {
    return im->px + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
}

int main(void) {
    char tmpl[] = "/tmp/folio-thumb-XXXXXX";
    char *root = mkdtemp(tmpl);
    if (!root) return 1;
    char *cover = fs_join(root, "cover.png"), *t1 = fs_join(root, "t1.png"),
         *t2 = fs_join(root, "t2.png");
    folio_diags d;
    diags_init(&d);

    /* a pure red picture to stand for a cover image */
    unsigned char red[40 * 60 * 3];
    for (size_t i = 0; i < sizeof red; i += 3)
        red[i] = 220, red[i + 1] = 10, red[i + 2] = 10;
    CHECK(archive_write_png(cover, red, 40, 60, &d) == 0);

    /* a page of the proportions of A4: black top half, a mid-grey rule, and
     * the red picture in the lower right quarter */
    folio_image img = {0};
    img.file = cover;
    folio_box boxes[3] = {
        {.type = FOLIO_BOX_RECT, .x = 0, .y = 420.5f, .w = 595, .h = 421, .fill_gray = 0},
        {.type = FOLIO_BOX_RULE,
         .x = 50,
         .y = 300,
         .w = 495,
         .h = 0,
         .line_width = 4,
         .stroke_gray = 0.5f,
         .fill_gray = -1},
        {.type = FOLIO_BOX_IMAGE,
         .x = 297.5f,
         .y = 0,
         .w = 297.5f,
         .h = 210,
         .fill_gray = -1,
         .image = &img},
    };
    folio_page page = {0};
    page.boxes = boxes;
    page.nboxes = 3;
    folio_doc doc = {0};
    doc.width = 595;
    doc.height = 841;
    doc.pages = &page;
    doc.npages = 1;
    CHECK(archive_render_cover(t1, &doc, NULL, &d) == 0);
    archive_rgb im = {0};
    CHECK(archive_read_image(t1, &im) == 0);
    CHECK(im.w == ARCHIVE_THUMB_W && im.h == ARCHIVE_THUMB_H);
    if (im.px && im.w == ARCHIVE_THUMB_W && im.h == ARCHIVE_THUMB_H) {
        const unsigned char *top = at(&im, 90, 40), *mid = at(&im, 20, 160),
                            *pic = at(&im, 150, 230);
        CHECK(top[0] < 10 && top[1] < 10 && top[2] < 10); /* the black half */
        CHECK(mid[0] > 245 && mid[1] > 245);              /* white paper */
        CHECK(pic[0] > 200 && pic[1] < 40);               /* the picture, in colour */
        /* the rule at y = 300 pt: grey across the middle of the page */
        int ry = (int)(ARCHIVE_THUMB_H / 2.0 + (841 / 2.0 - 300) * (ARCHIVE_THUMB_H / 841.0));
        int grey = 0;
        for (int y = ry - 2; y <= ry + 2; y++)
            grey |= at(&im, 90, y)[0] > 100 && at(&im, 90, y)[0] < 160;
        CHECK(grey);
    }
    free(im.px);

    /* no layout: the cover image fills the thumbnail under a dark title band */
    CHECK(archive_thumbnail(t2, cover, NULL, "测试刊", "第1期", &d) == 0);
    memset(&im, 0, sizeof im);
    CHECK(archive_read_image(t2, &im) == 0);
    if (im.px && im.w == ARCHIVE_THUMB_W && im.h == ARCHIVE_THUMB_H) {
        CHECK(at(&im, 90, 200)[0] > 200 && at(&im, 90, 200)[1] < 40);
        CHECK(at(&im, 90, 10)[0] < 130); /* the band darkens the top */
    }
    free(im.px);
    /* with a font set, the journal and issue are lettered on the band in
     * white and gold: bright pixels where the plain band had none */
    char *roles = fs_join(getenv("SRC") ? getenv("SRC") : FOLIO_SOURCE_DIR, "fonts/roles.yaml");
    folio_fonts *f = roles ? fonts_open(roles, NULL, 0, &d) : NULL;
    CHECK(f != NULL);
    char *t3 = fs_join(root, "t3.png");
    CHECK(f && archive_thumbnail(t3, cover, f, "测试刊", "第1期", &d) == 0);
    archive_rgb plain = {0}, lettered = {0};
    CHECK(archive_read_image(t2, &plain) == 0 && archive_read_image(t3, &lettered) == 0);
    int bright_plain = 0, bright = 0;
    for (int y = 0; plain.px && lettered.px && y < 70; y++)
        for (int x = 0; x < ARCHIVE_THUMB_W; x++) {
            bright_plain += at(&plain, x, y)[1] > 150;
            bright += at(&lettered, x, y)[1] > 150;
        }
    CHECKF(bright_plain == 0 && bright > 100, "lettering: %d bright pixels (%d without fonts)",
           bright, bright_plain);
    free(plain.px), free(lettered.px), free(t3), free(roles);
    fonts_close(f);
    /* a damaged cover image is a warning, not a failure */
    char *bad = fs_join(root, "bad.jpg");
    fs_write_atomic(bad, "\xFF\xD8\xFF\xE0 not a jpeg", 15);
    diags_free(&d);
    CHECK(archive_thumbnail(t2, bad, NULL, "测试刊", "第1期", &d) == 0);
    CHECK(d.nerrors == 0 && d.nwarnings == 1);

    diags_print(&d, stderr);
    diags_free(&d);
    archive_rmtree(root);
    free(cover), free(t1), free(t2), free(bad);
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
