/* issue_text.c — the text of a printed issue read into lines: its encoding
 * told (UTF-8, else GB18030 or UTF-16 converted, else refused), then split. */
#include "issue_lines.h"

#include "../util/fsutil.h"
#include "../util/grow.h"
#include "../util/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The text of a 300-page issue is a few MB; past this the file is not one. */
#define ISSUE_TEXT_MAX ((size_t)64 << 20)

issue_line *issue_lines_add(issue_lines *l, const char *text, size_t n, int src_line) {
    if (grow_array(&l->v, &l->cap, l->n + 1, sizeof *l->v, 256)) return NULL;
    char *t = malloc(n + 1);
    if (!t) return NULL;
    memcpy(t, text, n);
    t[n] = 0;
    issue_line *ln = &l->v[l->n++];
    memset(ln, 0, sizeof *ln);
    ln->text = t;
    ln->src_line = src_line;
    return ln;
}

void issue_lines_free(issue_lines *l) {
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Converts data from the encoding `from` to UTF-8; NULL when it is not valid
 * in that encoding (or memory ran out: *oom set). */
static char *convert(const char *from, const char *data, size_t len, size_t *outlen, int *oom) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = len * 2 + 16, left = cap;
    char *out = malloc(cap + 1), *o = out;
    char *in = (char *)data;
    size_t inleft = len;
    int ok = out != NULL;
    if (!out) *oom = 1;
    while (ok && inleft) {
        if (iconv(cd, &in, &inleft, &o, &left) != (size_t)-1) break;
        if (errno != E2BIG) {
            ok = 0;
            break;
        }
        size_t used = (size_t)(o - out);
        char *bigger = cap < SIZE_MAX / 2 ? realloc(out, cap * 2 + 1) : NULL;
        if (!bigger) {
            *oom = 1;
            ok = 0;
            break;
        }
        out = bigger;
        o = out + used;
        left += cap;
        cap *= 2;
    }
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    *outlen = (size_t)(o - out);
    out[*outlen] = 0;
    return out;
}

/* Why data is not text, or NULL. A NUL byte, or many control characters,
 * never occur in a text extracted from print. */
static const char *binary_reason(const char *data, size_t len) {
    size_t ctl = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == 0) return "it holds NUL bytes";
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
    }
    return ctl > len / 100 + 8 ? "it holds control characters" : NULL;
}

/* Makes *data UTF-8: checks it, or converts it with a warning. */
static int to_utf8(const char *path, char **data, size_t *len, folio_diags *d) {
    const unsigned char *u = (const unsigned char *)*data;
    const char *from = NULL;
    if (*len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        from = "UTF-16";
    if (!from) {
        const char *why = binary_reason(*data, *len);
        if (why)
            return diag_error(d, path, 0,
                              "not a text file: %s (a PDF or a .docx is told by "
                              "its content; is this the right file?)",
                              why);
        if (utf8_validate(*data, *len) == *len) return 0;
        from = "GB18030";
    }
    size_t n = 0;
    int oom = 0;
    char *conv = convert(from, *data, *len, &n, &oom);
    if (oom) return diag_error(d, path, 0, "out of memory");
    if (!conv) {
        size_t at = utf8_validate(*data, *len);
        return diag_error(d, path, utf8_line_of(*data, at),
                          "neither UTF-8 nor GB18030 text (byte %zu is not valid in either); "
                          "convert it to UTF-8",
                          at);
    }
    diag_warning(d, path, 0, "the text is %s, not UTF-8: converted", from);
    free(*data);
    *data = conv;
    *len = n;
    return 0;
}

/* Splits text into lines: \n, \r\n and \r end a line, \f starts a page. */
static int split(const char *t, size_t len, issue_lines *out) {
    int line = 1, page_start = 0;
    size_t i = 0;
    if (len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3)) i = 3;
    while (i <= len) {
        size_t s = i;
        while (i < len && t[i] != '\n' && t[i] != '\r' && t[i] != '\f')
            i++;
        if (i < len && t[i] == '\f' && i == s) {
            page_start = 1;
            i++;
            continue;
        }
        if (i == len && s == len) break;
        issue_line *ln = issue_lines_add(out, t + s, i - s, line);
        if (!ln) return -1;
        if (page_start) ln->flags |= ISSUE_LINE_PAGE_START;
        page_start = 0;
        if (i < len && t[i] == '\f') {
            page_start = 1;
            i++;
            continue;
        }
        if (i < len && t[i] == '\r' && i + 1 < len && t[i + 1] == '\n') i++;
        i++;
        line++;
    }
    return 0;
}

int issue_lines_read_text(const char *path, issue_lines *out, folio_diags *d) {
    struct stat st;
    if (stat(path, &st)) return diag_error(d, path, 0, "cannot open: %s", strerror(errno));
    if ((size_t)st.st_size > ISSUE_TEXT_MAX)
        return diag_error(d, path, 0,
                          "%lld MB of text: more than any printed issue holds (the limit is "
                          "%zu MB); split it into one file per issue",
                          (long long)(st.st_size >> 20), ISSUE_TEXT_MAX >> 20);
    char *data = NULL;
    size_t len = 0;
    int e = fs_read_file(path, ISSUE_TEXT_MAX, &data, &len);
    if (e) return diag_error(d, path, 0, "cannot read: %s", strerror(e));
    int r = to_utf8(path, &data, &len, d);
    if (!r && split(data, len, out)) r = diag_error(d, path, 0, "out of memory");
    free(data);
    if (r) return -1;
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i].text[strspn(out->v[i].text, " \t")]) return 0;
    return diag_error(d, path, 0, "the file is empty: no text to import");
}
