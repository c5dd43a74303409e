/* docx_warn.c — warnings naming the paragraph that lost something: its number
 * and its first words, since Word shows no paragraph numbers. */
#include "docx_private.h"

#include "../util/grow.h"
#include "../util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dx_warning {
    int num;
    long note_id; /* 0: the body */
    int note_end;
    const char *msg; /* in the arena */
} dx_warning;

enum { QUOTE_CHARS = 12 };

static void emit(dx_ctx *c, const dx_warning *w, const char *quote) {
    if (w->note_id)
        diag_warning(c->d, c->src, 0, "%s %ld: %s", w->note_end ? "endnote" : "footnote",
                     w->note_id, w->msg);
    else if (quote)
        diag_warning(c->d, c->src, 0, "paragraph %d (\"%s\"): %s", w->num, quote, w->msg);
    else
        diag_warning(c->d, c->src, 0, "paragraph %d: %s", w->num, w->msg);
}

void dx_warn(dx_ctx *c, int num, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dx_warning w = {num, c->note_id, c->note_end, arena_strdup(c->a, msg)};
    if (!w.msg || (c->nwarns == c->capwarns &&
                   grow_array(&c->warns, &c->capwarns, c->nwarns + 1, sizeof *c->warns, 16))) {
        w.msg = msg; /* short of memory: said now, without the quote */
        emit(c, &w, NULL);
        return;
    }
    c->warns[c->nwarns++] = w;
}

/* The first words of body paragraph num, or NULL when it has no text. */
static const char *opening(dx_ctx *c, int num) {
    for (size_t i = 0; i < c->body.n; i++) {
        const dx_para *p = &c->body.v[i];
        if (p->num != num || p->kind != DX_P_TEXT || !p->nspans) continue;
        const char *t = dx_line_text(c, p->spans, p->nspans);
        if (!t || !*t) continue;
        size_t len = strlen(t), off = 0;
        int n = 0;
        for (; off < len && n < QUOTE_CHARS; n++) {
            uint32_t cp;
            off += utf8_decode(t + off, len - off, &cp);
        }
        if (off == len) return t;
        char *q = arena_alloc(c->a, off + 4);
        if (!q) return NULL;
        memcpy(q, t, off);
        memcpy(q + off, "\xE2\x80\xA6", 4); /* … */
        return q;
    }
    return NULL;
}

void dx_warnings_flush(dx_ctx *c) {
    for (size_t i = 0; i < c->nwarns; i++)
        emit(c, &c->warns[i], c->warns[i].note_id ? NULL : opening(c, c->warns[i].num));
    c->nwarns = 0;
}
