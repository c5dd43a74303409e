/* url.c — a request target decoded and checked before anything looks at it.
 *
 * The handlers get path segments and query arguments that are already
 * percent-decoded, valid UTF-8 and free of control characters; a segment
 * can be neither "." nor ".." and never holds a '/' or '\\' (a "%2f" does
 * not split a segment: it is refused), so no file path made from segments
 * can climb out of where it starts. */
#include "serve_private.h"

#include "../util/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes s[0, n) into out (NUL-terminated); plus: '+' is a space (query
 * arguments). Returns the decoded length, or -1 for a malformed escape, a
 * NUL, a control character (tab, CR and LF become spaces in arguments) or
 * broken UTF-8. */
static long decode(const char *s, size_t n, int plus, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n) return -1;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) return -1;
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (plus && (c == '\t' || c == '\n' || c == '\r')) c = ' ';
        if (c < 0x20 || c == 0x7F) return -1;
        out[o++] = (char)c;
    }
    out[o] = 0;
    return utf8_validate(out, o) == o ? (long)o : -1;
}

/* The path part of an absolute-form target ("http://host/path"), or the
 * target itself. */
static const char *origin_form(const char *target) {
    size_t skip = !strncasecmp(target, "http://", 7)    ? 7
                  : !strncasecmp(target, "https://", 8) ? 8
                                                        : 0;
    if (!skip) return target;
    const char *p = target + skip + strcspn(target + skip, "/?");
    return *p == '/' ? p : NULL;
}

static int parse_path(serve_target *t, const char *p, size_t n, char **out, const char **why) {
    size_t i = 1; /* after the leading '/' */
    while (i < n) {
        size_t e = i;
        while (e < n && p[e] != '/')
            e++;
        if (e == i) {
            *why = "empty path segment";
            return -1;
        }
        if (t->nseg == SERVE_SEGS_MAX) {
            *why = "too many path segments";
            return -1;
        }
        long len = decode(p + i, e - i, 0, *out);
        if (len < 0 || memchr(*out, '/', (size_t)len) || memchr(*out, '\\', (size_t)len)) {
            *why = "malformed path segment";
            return -1;
        }
        if (!strcmp(*out, ".") || !strcmp(*out, "..")) {
            *why = "dot segment in the path";
            return -1;
        }
        t->seg[t->nseg++] = *out;
        *out += len + 1;
        /* one trailing slash is as good as none */
        i = e + 1;
    }
    return 0;
}

static int parse_query(serve_target *t, const char *q, char **out, const char **why) {
    while (*q) {
        size_t n = strcspn(q, "&");
        if (n) {
            if (t->narg == SERVE_ARGS_MAX) {
                *why = "too many query arguments";
                return -1;
            }
            const char *eq = memchr(q, '=', n);
            size_t kn = eq ? (size_t)(eq - q) : n;
            serve_arg *a = &t->arg[t->narg];
            long kl = decode(q, kn, 1, *out);
            if (kl < 0) goto bad;
            a->name = *out;
            *out += kl + 1;
            long vl = eq ? decode(eq + 1, n - kn - 1, 1, *out) : (**out = 0, 0);
            if (vl < 0) goto bad;
            a->value = *out;
            *out += vl + 1;
            t->narg++;
        }
        q += n + (q[n] == '&');
    }
    return 0;
bad:
    *why = "malformed query argument (bad percent-encoding, control character or not UTF-8)";
    return -1;
}

int serve_target_parse(const char *target, serve_target *t, const char **why) {
    memset(t, 0, sizeof *t);
    size_t len = strlen(target);
    if (len > SERVE_TARGET_MAX) {
        *why = "request target too long";
        return -2;
    }
    const char *p = origin_form(target);
    if (!p || *p != '/') {
        *why = "the request target is not a path";
        return -1;
    }
    /* decoding never lengthens; segments and arguments each end in a NUL */
    t->buf = malloc(2 * len + 4);
    if (!t->buf) {
        *why = "out of memory";
        return -1;
    }
    char *out = t->buf;
    size_t plen = strcspn(p, "?");
    if (parse_path(t, p, plen, &out, why) || (p[plen] && parse_query(t, p + plen + 1, &out, why))) {
        serve_target_free(t);
        return -1;
    }
    return 0;
}

void serve_target_free(serve_target *t) {
    free(t->buf);
    memset(t, 0, sizeof *t);
}

const char *serve_arg_get(const serve_target *t, const char *name) {
    for (size_t i = 0; i < t->narg; i++)
        if (!strcmp(t->arg[i].name, name)) return t->arg[i].value;
    return NULL;
}
