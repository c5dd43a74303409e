/* html.c — the frame of every page (the look of the archive's index.html,
 * narrowed for phones) and the escapings pages are written with. */
#include "serve_private.h"

#include <stdio.h>
#include <string.h>

static const char css[] =
    "*{box-sizing:border-box}"
    "body{font-family:\"Noto Sans CJK SC\",\"WenQuanYi Zen Hei\",\"Source Han Sans SC\","
    "sans-serif;margin:0;background:#f6f3ee;color:#222;line-height:1.6}"
    "a{color:#8c1c24}"
    "header{background:#8c1c24;color:#fff;padding:14px 32px;display:flex;flex-wrap:wrap;"
    "align-items:center;gap:10px 28px}"
    "header .site{color:#fff;text-decoration:none;font-size:24px;font-weight:bold;"
    "letter-spacing:2px}"
    "header form{display:flex;flex:1;min-width:220px;max-width:560px}"
    "header input{flex:1;min-width:0;font:inherit;padding:6px 10px;border:0;"
    "border-radius:3px 0 0 3px}"
    "header button{font:inherit;padding:6px 16px;border:0;background:#f1d9a7;color:#5a1016;"
    "border-radius:0 3px 3px 0;cursor:pointer}"
    "main{padding:4px 32px 40px;max-width:1100px}"
    ".crumbs{font-size:14px;color:#666;margin:14px 0 0}.crumbs a{color:#666}"
    "h1{font-size:26px;margin:14px 0 8px;line-height:1.35}"
    "h2{border-bottom:2px solid #8c1c24;color:#8c1c24;padding-bottom:4px;margin-top:28px;"
    "font-size:20px}"
    ".note{color:#555}.empty{color:#666}"
    ".shelf{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 4px}"
    ".shelf a,.chip{display:inline-block;padding:2px 10px;border:1px solid #8c1c24;"
    "border-radius:3px;text-decoration:none;background:#fff}"
    ".shelf a.cur,.chip.cur{background:#8c1c24;color:#fff}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:16px;"
    "margin:14px 0}"
    ".card{display:block;background:#fff;border:1px solid #ddd5c8;border-radius:6px;"
    "padding:12px;text-decoration:none;color:inherit;box-shadow:0 1px 3px rgba(0,0,0,.06)}"
    ".card:hover{border-color:#8c1c24}"
    ".card img{display:block;width:100%;height:auto;border:1px solid #ccc;background:#eee}"
    ".card h3{font-size:16px;margin:8px 0 2px;color:#8c1c24}"
    ".facts{color:#555;font-size:14px;margin:0 0 6px}"
    ".edition{display:flex;gap:24px;background:#fff;border:1px solid #ddd5c8;"
    "border-radius:6px;padding:16px;margin:14px 0}"
    ".cover{flex:none;width:180px;height:254px;border:1px solid #ccc;background:#eee}"
    ".meta{flex:1;min-width:0}"
    ".meta dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 12px}"
    ".meta dt{color:#777}.meta dd{margin:0}"
    ".btn{display:inline-block;margin:0 10px 8px 0;padding:4px 14px;border:1px solid #8c1c24;"
    "border-radius:3px;color:#8c1c24;background:#fff;text-decoration:none}"
    ".btn:hover,.btn.main{background:#8c1c24;color:#fff}"
    ".toc h3{margin:16px 0 4px;font-size:16px;color:#444}"
    ".toc ol{margin:0;padding:0;list-style:none}"
    ".toc li{display:flex;gap:10px;padding:4px 0;border-bottom:1px dotted #ddd5c8}"
    ".toc .t{flex:1;min-width:0}.toc .by{color:#777;font-size:14px}"
    ".toc .p{color:#555;white-space:nowrap;font-size:14px}"
    ".filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;background:#fff;"
    "border:1px solid #ddd5c8;border-radius:6px;padding:10px 14px;margin:12px 0}"
    ".filters label{display:flex;gap:6px;align-items:center;font-size:14px;color:#555}"
    ".filters input,.filters select,.filters button{font:inherit;padding:3px 6px;max-width:100%}"
    ".filters input[type=search]{width:16em;max-width:100%}"
    ".count{color:#555;margin:8px 0}"
    ".hit{background:#fff;border:1px solid #ddd5c8;border-radius:6px;padding:12px 16px;"
    "margin:12px 0}"
    ".hit h3{margin:0 0 4px;font-size:18px}.hit h3 a{text-decoration:none}"
    ".hit .snip{margin:6px 0}.hit .facts a{color:#555}"
    "mark{background:#fbe3a1;color:inherit;padding:0 1px}"
    ".pages{display:flex;flex-wrap:wrap;gap:6px;margin:20px 0}"
    ".pages a,.pages span{padding:3px 11px;border:1px solid #ddd5c8;background:#fff;"
    "border-radius:3px;text-decoration:none}"
    ".pages .cur{background:#8c1c24;color:#fff;border-color:#8c1c24}"
    ".text{background:#fff;padding:24px 32px;border:1px solid #ddd5c8;border-radius:6px;"
    "font-family:\"Noto Serif CJK SC\",\"AR PL UMing CN\",serif;font-size:18px;"
    "line-height:1.9;max-width:46em}"
    ".text p{text-indent:2em;margin:0 0 .7em}"
    ".near{display:flex;justify-content:space-between;gap:16px;margin:18px 0;max-width:828px}"
    ".near a{text-decoration:none}.near .next{text-align:right;margin-left:auto}"
    "footer{color:#777;font-size:13px;padding:16px 32px 28px}"
    "@media (max-width:640px){header{padding:10px 14px}main{padding:2px 14px 30px}"
    "h1{font-size:22px}.edition{flex-direction:column;padding:12px}"
    ".cover{width:150px;height:212px}.text{padding:14px 16px;font-size:17px}"
    ".cards{grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:10px}"
    "footer{padding:12px 14px 20px}}";

void html_text(folio_buf *b, const char *s) {
    if (s) buf_put_xml(b, s, strlen(s), NULL, NULL);
}

void html_marked(folio_buf *b, const char *s) {
    if (!s) return;
    while (*s) {
        size_t n = strcspn(s, SERVE_MARK_OPEN SERVE_MARK_CLOSE);
        buf_put_xml(b, s, n, NULL, NULL);
        s += n;
        if (*s) {
            buf_puts(b, *s == SERVE_MARK_OPEN[0] ? "<mark>" : "</mark>");
            s++;
        }
    }
}

static int unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

void html_path(folio_buf *b, const char *path) {
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (unreserved(*p) || *p == '/')
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%02X", *p);
    }
}

void html_query_value(folio_buf *b, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (unreserved(*p))
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%02X", *p);
    }
}

void html_begin(folio_buf *b, const char *title, const char *q) {
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>");
    html_text(b, title);
    buf_puts(b, " · 期刊档案</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>");
    buf_puts(b, css);
    buf_puts(b, "</style>\n</head>\n<body>\n<header><a class=\"site\" href=\"/\">期刊档案</a>"
                "<form action=\"/search\" method=\"get\" role=\"search\">"
                "<input type=\"search\" name=\"q\" aria-label=\"检索词\" "
                "placeholder=\"检索文章：标题、作者、正文（简繁皆可）\" value=\"");
    html_text(b, q);
    buf_puts(b, "\"><button type=\"submit\">检索</button></form></header>\n<main>\n");
}

void html_end(folio_buf *b) {
    buf_puts(b, "</main>\n<footer>只读的期刊档案服务 · 由 folio 提供 · "
                "<a href=\"/api/editions\">JSON 接口</a></footer>\n</body>\n</html>\n");
}

static void page_link(folio_buf *b, const char *base, size_t n, const char *label, int cur) {
    if (cur) {
        buf_printf(b, "<span class=\"cur\" aria-current=\"page\">%s</span>", label);
        return;
    }
    buf_puts(b, "<a href=\"");
    buf_puts(b, base);
    buf_printf(b, "%spage=%zu\">%s</a>", strchr(base, '?') ? "&amp;" : "?", n, label);
}

void html_pages(folio_buf *b, const char *base, size_t page, size_t total, size_t per) {
    size_t last = (total + per - 1) / per;
    if (last <= 1) return;
    char label[32];
    buf_puts(b, "<nav class=\"pages\" aria-label=\"分页\">");
    if (page > 1) page_link(b, base, page - 1, "‹ 上一页", 0);
    for (size_t n = 1; n <= last; n++) {
        /* the first, the last and two either side of the current one */
        if (n != 1 && n != last && (n + 2 < page || n > page + 2)) {
            if (n == 2 || n == page + 3) buf_puts(b, "<span>…</span>");
            continue;
        }
        snprintf(label, sizeof label, "%zu", n);
        page_link(b, base, n, label, n == page);
    }
    if (page < last) page_link(b, base, page + 1, "下一页 ›", 0);
    buf_puts(b, "</nav>\n");
}
