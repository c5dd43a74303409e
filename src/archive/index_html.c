/* index_html.c — archive/index.html: every edition by year, with covers, files and contents. */
#include "archive_private.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
    "body{font-family:\"Noto Sans CJK SC\",\"WenQuanYi Zen Hei\",\"Source Han Sans SC\","
    "sans-serif;margin:0;background:#f6f3ee;color:#222;line-height:1.5}"
    "header{background:#8c1c24;color:#fff;padding:18px 32px}"
    "header h1{margin:0;font-size:26px;letter-spacing:2px}header p{margin:4px 0 0;opacity:.85}"
    "main{padding:8px 32px 40px;max-width:1100px}"
    "h2{border-bottom:2px solid #8c1c24;color:#8c1c24;padding-bottom:4px;margin-top:28px}"
    ".edition{display:flex;gap:22px;background:#fff;border:1px solid #ddd5c8;border-radius:6px;"
    "padding:16px;margin:14px 0;box-shadow:0 1px 3px rgba(0,0,0,.06)}"
    ".cover{flex:none;width:180px;height:254px;border:1px solid #ccc;background:#eee}"
    ".meta{flex:1;min-width:0}.meta h3{margin:0 0 4px;font-size:20px}"
    ".facts{color:#555;margin:0 0 6px}.files a{display:inline-block;margin-right:10px;"
    "padding:2px 10px;border:1px solid #8c1c24;border-radius:3px;color:#8c1c24;"
    "text-decoration:none}.files a:hover{background:#8c1c24;color:#fff}"
    "details{margin-top:10px}summary{cursor:pointer;color:#8c1c24}"
    ".toc h4{margin:10px 0 2px;font-size:15px;color:#444}.toc ol{margin:0;padding-left:0;"
    "list-style:none}.toc li{display:flex;gap:8px;font-size:14px}"
    ".toc .t{flex:1}.toc .t a{color:inherit;text-decoration:none}.toc .t "
    "a:hover{color:#8c1c24;text-decoration:underline}"
    ".toc .by{color:#777}.toc .p{color:#555;white-space:nowrap}"
    ".old{color:#666;font-size:14px}.empty{color:#666}";

typedef struct edition_row {
    long long id;
    char *journal, *issue, *date, *bag, *pdf, *epub;
    int year, pages, narticles;
} edition_row;

static char *dupcol(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return strdup(t ? (const char *)t : "");
}

/* The contents, folded so that the page shows every edition at a glance;
 * each title opens the PDF at its page. */
static void contents(folio_buf *b, sqlite3 *db, const edition_row *e) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT section, title, authors, first_page, last_page, pdf_page"
                           " FROM articles"
                           " WHERE edition = ? ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, e->id);
    char *cur = NULL;
    int open = 0;
    buf_printf(b, "<details><summary>目录(%d 篇)</summary><div class=\"toc\">\n", e->narticles);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *sec = (const char *)sqlite3_column_text(st, 0);
        if (!cur || strcmp(cur, sec)) {
            if (open) buf_puts(b, "</ol>\n");
            if (*sec) {
                buf_puts(b, "<h4>");
                archive_html_str(b, sec);
                buf_puts(b, "</h4>");
            }
            buf_puts(b, "<ol>\n");
            open = 1;
            free(cur);
            cur = strdup(sec);
        }
        buf_puts(b, "<li><span class=\"t\">");
        int pdf_page = sqlite3_column_int(st, 5);
        if (pdf_page > 0 && *e->pdf) {
            buf_puts(b, "<a href=\"");
            archive_href(b, e->bag);
            buf_puts(b, "/data/");
            archive_href(b, e->pdf);
            buf_printf(b, "#page=%d\">", pdf_page);
        }
        archive_html_str(b, (const char *)sqlite3_column_text(st, 1));
        if (pdf_page > 0 && *e->pdf) buf_puts(b, "</a>");
        const char *by = (const char *)sqlite3_column_text(st, 2);
        if (by && *by) {
            buf_puts(b, " <span class=\"by\">");
            archive_html_str(b, by);
            buf_puts(b, "</span>");
        }
        buf_puts(b, "</span>");
        int p1 = sqlite3_column_int(st, 3), p2 = sqlite3_column_int(st, 4);
        if (p1 && p2 > p1)
            buf_printf(b, "<span class=\"p\">第%d–%d页</span>", p1, p2);
        else if (p1)
            buf_printf(b, "<span class=\"p\">第%d页</span>", p1);
        buf_puts(b, "</li>\n");
    }
    if (open) buf_puts(b, "</ol>\n");
    buf_puts(b, "</div></details>\n");
    free(cur);
    sqlite3_finalize(st);
}

static void link(folio_buf *b, const char *bag, const char *file, const char *label) {
    if (!file || !*file) return;
    buf_puts(b, "<a href=\"");
    archive_href(b, bag);
    buf_puts(b, "/data/");
    archive_href(b, file);
    buf_printf(b, "\">%s</a>", label);
}

static void edition_html(folio_buf *b, sqlite3 *db, const edition_row *e) {
    buf_puts(b, "<article class=\"edition\" id=\"");
    archive_html_str(b, e->bag);
    buf_puts(b, "\">\n<img class=\"cover\" src=\"");
    archive_href(b, e->bag);
    buf_puts(b, "/folio-cover.png\" width=\"180\" height=\"254\" alt=\"");
    buf_puts(b, "《");
    archive_html_str(b, e->journal);
    buf_puts(b, "》");
    archive_html_str(b, e->issue);
    buf_puts(b, " 封面\">\n<div class=\"meta\"><h3>《");
    archive_html_str(b, e->journal);
    buf_puts(b, "》");
    archive_html_str(b, e->issue);
    buf_puts(b, "</h3>\n<p class=\"facts\">");
    if (*e->date) {
        buf_puts(b, "出版日期 ");
        archive_html_str(b, e->date);
        buf_puts(b, " · ");
    }
    buf_printf(b, "%d 页 · %d 篇</p>\n<p class=\"files\">", e->pages, e->narticles);
    link(b, e->bag, e->pdf, "PDF");
    link(b, e->bag, e->epub, "EPUB");
    buf_puts(b, "<a href=\"");
    archive_href(b, e->bag);
    buf_puts(b, "/bag-info.txt\">bag-info</a></p>\n");
    contents(b, db, e);
    buf_puts(b, "</div></article>\n");
}

static void free_row(edition_row *e) {
    free(e->journal), free(e->issue), free(e->date), free(e->bag), free(e->pdf), free(e->epub);
}

/* The page's head, with the count of current editions known only at the end. */
static void page_head(folio_buf *b, int current) {
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>期刊档案</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>");
    buf_puts(b, css);
    buf_puts(b, "</style>\n</head>\n<body>\n");
    buf_printf(b,
               "<header><h1>期刊档案</h1><p>共 %d 期,按年份排列,最新的在前。"
               "每期为一个 BagIt 包,可用 <code>folio archive verify</code> 校验。</p></header>\n",
               current);
}

/* A superseded edition: one line in the list of replaced versions. */
static void superseded_html(folio_buf *b, const edition_row *e) {
    buf_puts(b, "<li>《");
    archive_html_str(b, e->journal);
    buf_puts(b, "》");
    archive_html_str(b, e->issue);
    buf_puts(b, ":<a href=\"");
    archive_href(b, e->bag);
    buf_puts(b, "/bag-info.txt\">");
    archive_html_str(b, e->bag);
    buf_puts(b, "</a> ");
    link(b, e->bag, e->pdf, "PDF");
    buf_puts(b, "</li>\n");
}

static int read_row(sqlite3_stmt *st, edition_row *e, int *superseded) {
    *e = (edition_row){sqlite3_column_int64(st, 0),
                       dupcol(st, 1),
                       dupcol(st, 2),
                       dupcol(st, 3),
                       dupcol(st, 4),
                       dupcol(st, 5),
                       dupcol(st, 6),
                       sqlite3_column_int(st, 7),
                       sqlite3_column_int(st, 8),
                       sqlite3_column_int(st, 9)};
    *superseded = sqlite3_column_int(st, 10);
    return e->journal && e->issue && e->date && e->bag && e->pdf && e->epub ? 0 : -1;
}

/* Every edition, current ones by year (newest first), then the replaced ones;
 * counts the current ones. 0 or a SQLite error code (-1 on OOM). */
static int page_body(sqlite3 *db, folio_buf *body, int *current) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT id, journal, issue, date, bag, pdf, epub,"
                                " CASE WHEN year > 0 THEN year ELSE CAST(substr(date, 1, 4) AS"
                                " INTEGER) END AS y, pages, articles, superseded FROM editions"
                                " ORDER BY superseded, y DESC, date DESC, number DESC, journal,"
                                " issue, bag",
                                -1, &st, NULL);
    int old = 0, year = -1, superseded = 0;
    *current = 0;
    buf_puts(body, "<main>\n");
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        edition_row e;
        rc = read_row(st, &e, &superseded) ? -1 : SQLITE_OK;
        if (!rc && !superseded) {
            if (e.year != year) {
                if (year != -1) buf_puts(body, "</section>\n");
                year = e.year;
                if (year > 0)
                    buf_printf(body, "<section><h2>%d年</h2>\n", year);
                else
                    buf_puts(body, "<section><h2>年份不详</h2>\n");
            }
            edition_html(body, db, &e);
            (*current)++;
        } else if (!rc) {
            if (!old++) {
                if (year != -1) buf_puts(body, "</section>\n");
                year = -1;
                buf_puts(body, "<section class=\"old\"><h2>已被替换的版本</h2><ul>\n");
            }
            superseded_html(body, &e);
        }
        free_row(&e);
    }
    sqlite3_finalize(st);
    if (old)
        buf_puts(body, "</ul></section>\n");
    else if (year != -1)
        buf_puts(body, "</section>\n");
    if (!*current) buf_puts(body, "<p class=\"empty\">档案中还没有期刊。</p>\n");
    buf_puts(body, "</main>\n</body>\n</html>\n");
    return rc == SQLITE_DONE ? 0 : rc;
}

int archive_render_index(sqlite3 *db, const char *archive, folio_buf *out, folio_diags *d) {
    folio_buf body;
    buf_init(&body);
    int current = 0;
    int rc = page_body(db, &body, &current);
    if (!rc) {
        page_head(out, current);
        buf_append(out, body.data ? body.data : "", body.len);
    }
    if (rc > 0)
        diag_error(d, archive, 0, "cannot read the catalogue: %s", sqlite3_errmsg(db));
    else if (rc || body.oom || out->oom)
        diag_error(d, NULL, 0, "out of memory");
    int bad = rc || body.oom || out->oom;
    buf_free(&body);
    return bad ? -1 : 0;
}

int archive_write_index_db(const char *archive, sqlite3 *db, folio_diags *d) {
    folio_buf b;
    buf_init(&b);
    int rc = archive_render_index(db, archive, &b, d);
    int e = rc ? 0 : archive_write_into(archive, "index.html", b.data, b.len);
    if (e) rc = diag_error(d, archive, 0, "cannot write index.html: %s", strerror(e));
    buf_free(&b);
    return rc;
}

int archive_write_index(const char *archive, folio_diags *d) {
    sqlite3 *db = archive_open_catalogue(archive, d);
    if (!db) return -1;
    int rc = archive_write_index_db(archive, db, d);
    sqlite3_close(db);
    return rc;
}
