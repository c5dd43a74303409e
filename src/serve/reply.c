/* reply.c — what every handler shares: error replies and the checked
 * arguments of filters and pages. */
#include "serve_private.h"

#include <stdlib.h>
#include <string.h>

static const char *status_title(int status) {
    switch (status) {
    case 400:
        return "请求有误";
    case 404:
        return "没有找到";
    case 405:
        return "不支持的请求方法";
    case 414:
        return "请求地址太长";
    case 416:
        return "请求的范围无效";
    case 500:
        return "服务器出错";
    case 503:
        return "档案暂时无法读取";
    default:
        return "出错了";
    }
}

void reply_error_page(serve_reply *r, int status, const char *message) {
    buf_free(&r->body);
    r->status = status;
    r->type = "text/html; charset=utf-8";
    r->csp = 1;
    html_begin(&r->body, status_title(status), NULL);
    buf_printf(&r->body, "<h1>%s</h1>\n<p class=\"note\">", status_title(status));
    html_text(&r->body, message);
    buf_puts(&r->body, "</p>\n<p><a href=\"/\">回到馆藏首页</a></p>\n");
    html_end(&r->body);
}

void reply_error_json(serve_reply *r, int status, const char *message) {
    buf_free(&r->body);
    r->status = status;
    r->type = "application/json; charset=utf-8";
    buf_puts(&r->body, "{\"error\": ");
    buf_put_json_str(&r->body, message);
    buf_printf(&r->body, ", \"status\": %d}\n", status);
}

void reply_diags(serve_reply *r, const folio_diags *d, int json) {
    const char *msg = d->n ? d->items[0].msg : "the catalogue cannot be read";
    if (json)
        reply_error_json(r, 503, msg);
    else
        reply_error_page(r, 503, msg);
}

/* A whole number from min to max, or -1. */
static long number(const char *s, long min, long max) {
    if (!s || !*s || strlen(s) > 9) return -1;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    return *end || v < min || v > max ? -1 : v;
}

enum { FILTER_TEXT_MAX = 200, QUERY_CHARS_MAX = 1000 };

int serve_filters_get(const serve_target *t, size_t default_limit, serve_filters *f,
                      const char **why) {
    memset(f, 0, sizeof *f);
    f->q = serve_arg_get(t, "q");
    f->journal = serve_arg_get(t, "journal");
    f->section = serve_arg_get(t, "section");
    if (f->q && strlen(f->q) > QUERY_CHARS_MAX) return *why = "the query is too long", -1;
    if ((f->journal && strlen(f->journal) > FILTER_TEXT_MAX) ||
        (f->section && strlen(f->section) > FILTER_TEXT_MAX))
        return *why = "a filter is too long", -1;
    const char *y = serve_arg_get(t, "year"), *p = serve_arg_get(t, "page"),
               *l = serve_arg_get(t, "limit"), *o = serve_arg_get(t, "offset");
    long v;
    if (y && *y && (v = number(y, 1, 9999)) < 0) return *why = "year must be 1 to 9999", -1;
    f->year = y && *y ? (int)v : 0;
    if (p && *p && (v = number(p, 1, 10000)) < 0) return *why = "page must be 1 to 10000", -1;
    f->page = p && *p ? (size_t)v : 1;
    if (l && *l && (v = number(l, 1, 100)) < 0) return *why = "limit must be 1 to 100", -1;
    f->limit = l && *l ? (size_t)v : default_limit;
    if (o && *o && (v = number(o, 0, 100000)) < 0) return *why = "offset must be 0 to 100000", -1;
    f->offset = o && *o ? (size_t)v : (f->page - 1) * f->limit;
    /* an empty filter is no filter (a form sends every field) */
    if (f->journal && !*f->journal) f->journal = NULL;
    if (f->section && !*f->section) f->section = NULL;
    return 0;
}

int serve_page_filters(const serve_ctx *c, size_t per_page, serve_filters *f, serve_reply *r) {
    const char *why = NULL;
    if (serve_filters_get(c->t, per_page, f, &why)) {
        reply_error_page(r, 400, why);
        return -1;
    }
    if (serve_arg_get(c->t, "limit") || serve_arg_get(c->t, "offset")) {
        reply_error_page(r, 400, "pages go by page=N (limit and offset are the API's)");
        return -1;
    }
    return 0;
}
