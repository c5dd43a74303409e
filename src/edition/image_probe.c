/* image_probe.c — PNG and JPEG headers read for size, colour and resolution,
 * without ever trusting the bytes (errors longjmp back here, nothing prints). */
#include "edition.h"

#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* libpng: errors jump back to the caller's setjmp; warnings are dropped. */
static void png_fail(png_structp p, png_const_charp msg) {
    (void)msg;
    png_longjmp(p, 1);
}
static void png_quiet(png_structp p, png_const_charp msg) {
    (void)p, (void)msg;
}

static int probe_png(FILE *f, folio_image *img, const char **why) {
    png_structp p = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
    png_infop info = p ? png_create_info_struct(p) : NULL;
    if (!info) {
        png_destroy_read_struct(&p, NULL, NULL);
        *why = "out of memory";
        return -1;
    }
    if (setjmp(png_jmpbuf(p))) {
        png_destroy_read_struct(&p, &info, NULL);
        *why = "its PNG header is damaged";
        return -1;
    }
    png_init_io(p, f);
    png_read_info(p, info);
    png_uint_32 w = 0, h = 0;
    int depth = 0, color = 0;
    png_get_IHDR(p, info, &w, &h, &depth, &color, NULL, NULL, NULL);
    int trns = png_get_valid(p, info, PNG_INFO_tRNS) != 0;
    /* components: channels once palette and transparency are expanded */
    switch (color) {
    case PNG_COLOR_TYPE_GRAY:
        img->components = trns ? 2 : 1;
        break;
    case PNG_COLOR_TYPE_GRAY_ALPHA:
        img->components = 2;
        break;
    case PNG_COLOR_TYPE_RGB_ALPHA:
        img->components = 4;
        break;
    default: /* RGB, palette */
        img->components = trns ? 4 : 3;
        break;
    }
    img->has_alpha = (color & PNG_COLOR_MASK_ALPHA) || trns;
    png_uint_32 rx = 0, ry = 0;
    int unit = 0;
    if (png_get_pHYs(p, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER) {
        img->dpi_x = rx * 0.0254;
        img->dpi_y = ry * 0.0254;
    }
    png_destroy_read_struct(&p, &info, NULL);
    if (w == 0 || h == 0 || w > 1000000 || h > 1000000) {
        *why = "its PNG header gives an impossible size";
        return -1;
    }
    img->format = FOLIO_IMAGE_PNG;
    img->width = (int)w;
    img->height = (int)h;
    return 0;
}

typedef struct jpeg_err {
    struct jpeg_error_mgr mgr;
    jmp_buf jb;
} jpeg_err;

static void jpeg_fail(j_common_ptr cinfo) {
    longjmp(((jpeg_err *)cinfo->err)->jb, 1);
}
static void jpeg_quiet(j_common_ptr cinfo) {
    (void)cinfo;
}
static void jpeg_quiet_level(j_common_ptr cinfo, int level) {
    (void)cinfo, (void)level;
}

static int probe_jpeg(FILE *f, folio_image *img, const char **why) {
    struct jpeg_decompress_struct ci;
    jpeg_err err;
    memset(&ci, 0, sizeof ci);
    ci.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    err.mgr.output_message = jpeg_quiet;
    err.mgr.emit_message = jpeg_quiet_level;
    if (setjmp(err.jb)) {
        jpeg_destroy_decompress(&ci);
        *why = "its JPEG header is damaged";
        return -1;
    }
    jpeg_create_decompress(&ci);
    jpeg_stdio_src(&ci, f);
    jpeg_read_header(&ci, TRUE);
    img->format = FOLIO_IMAGE_JPEG;
    img->width = (int)ci.image_width;
    img->height = (int)ci.image_height;
    img->components = ci.num_components;
    img->has_alpha = 0;
    if (ci.density_unit == 1 || ci.density_unit == 2) {
        double k = ci.density_unit == 2 ? 2.54 : 1.0;
        img->dpi_x = ci.X_density * k;
        img->dpi_y = ci.Y_density * k;
    }
    jpeg_destroy_decompress(&ci);
    if (img->width <= 0 || img->height <= 0) {
        *why = "its JPEG header gives an impossible size";
        return -1;
    }
    if (img->components != 1 && img->components != 3 && img->components != 4) {
        *why = "its JPEG colour space is not grey, RGB or CMYK";
        return -1;
    }
    return 0;
}

int edition_probe_image(const char *file, folio_image *img, const char **why) {
    FILE *f = fopen(file, "rb");
    if (!f) {
        *why = "the file cannot be opened";
        return -1;
    }
    unsigned char sig[8] = {0};
    size_t got = fread(sig, 1, sizeof sig, f);
    rewind(f);
    img->dpi_x = img->dpi_y = 0;
    int r;
    if (got == 8 && !png_sig_cmp(sig, 0, 8)) {
        r = probe_png(f, img, why);
    } else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
        r = probe_jpeg(f, img, why);
    } else {
        *why = "neither the PNG nor the JPEG signature is at its start";
        r = -1;
    }
    fclose(f);
    return r;
}
