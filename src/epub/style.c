/* style.c — the stylesheet for reading Chinese on screens of any width:
 * indented, justified paragraphs with strict line breaking, a serif (Song)
 * body, sans (Hei) headings and Kai for quotes, emphasis and credits. Plain
 * CSS 2.1 plus a few CSS 3 text properties: no flexbox, no variables, which
 * some reading systems reject. */
#include "epub_private.h"

static const char *const stacks[ROLE_COUNT] = {
    /* Song / Ming: body text */
    "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", \"STSong\", \"SimSun\", "
    "\"AR PL UMing CN\", serif",
    /* Hei: titles, headings, strong */
    "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Heiti SC\", "
    "\"Microsoft YaHei\", \"SimHei\", \"WenQuanYi Zen Hei\", \"WenQuanYi Micro Hei\", sans-serif",
    /* Kai: emphasis, quotes, bylines, captions */
    "\"Kaiti SC\", \"STKaiti\", \"KaiTi\", \"KaiTi_GB2312\", \"AR PL UKai CN\", \"LXGW WenKai\", "
    "serif",
};

static void family(epub_ctx *c, folio_buf *b, int role) {
    buf_puts(b, "font-family: ");
    if (c->role_families[role]) {
        buf_puts(b, c->role_families[role]);
        buf_puts(b, ", ");
    }
    buf_puts(b, stacks[role]);
    buf_puts(b, ";");
}

int epub_style(epub_ctx *c) {
    folio_buf b;
    buf_init(&b);
    buf_puts(&b, "@charset \"UTF-8\";\n/* folio: stylesheet for Chinese reading */\n");
    if (c->font_css) buf_puts(&b, c->font_css);
    buf_puts(&b, "\nbody {\n  margin: 0 0.6em;\n  ");
    family(c, &b, ROLE_SONG);
    buf_puts(&b, "\n  line-height: 1.75;\n  widows: 2;\n  orphans: 2;\n}\n"
                 "p {\n  text-indent: 2em;\n  margin: 0;\n  text-align: justify;\n"
                 "  line-break: strict;\n  word-break: normal;\n  line-height: 1.75;\n}\n");
    buf_puts(&b, "h1, h2, h3, dt {\n  ");
    family(c, &b, ROLE_HEI);
    buf_puts(&b, "\n  font-weight: bold;\n  line-height: 1.4;\n  line-break: strict;\n"
                 "  page-break-after: avoid;\n  break-after: avoid;\n}\n"
                 "h1 {\n  font-size: 1.45em;\n  text-align: center;\n  margin: 1.2em 0 0.6em;\n}\n"
                 /* Even title lines (no lone character on the last one) where
                  * the reading system knows how; ignored elsewhere. */
                 "h1, h2, h3, p.subtitle {\n  text-wrap: balance;\n}\n"
                 "h2 {\n  font-size: 1.2em;\n  margin: 1.4em 0 0.6em;\n}\n"
                 "h3 {\n  font-size: 1.05em;\n  margin: 1.1em 0 0.4em;\n}\n"
                 "strong {\n  ");
    family(c, &b, ROLE_HEI);
    buf_puts(&b, "\n  font-weight: bold;\n}\n");
    buf_puts(&b, "em, blockquote, figcaption, p.subtitle, p.author, p.byline, p.source,"
                 " p.tagline, p.notice, .credit {\n  ");
    family(c, &b, ROLE_KAI);
    buf_puts(&b, "\n}\n"
                 /* Emphasis inside Kai text turns to Song (chapter.c). */
                 "blockquote em, figcaption em {\n  ");
    family(c, &b, ROLE_SONG);
    buf_puts(&b, "\n}\n"
                 /* Chinese emphasis is a change of face, not a slant. */
                 "em {\n  font-style: normal;\n}\n"
                 "header {\n  margin: 0 0 1.5em;\n}\n"
                 "header p {\n  text-indent: 0;\n  text-align: center;\n}\n"
                 "p.subtitle {\n  font-size: 1.05em;\n  margin: 0 0 0.4em;\n}\n"
                 "p.author, p.byline {\n  font-size: 0.95em;\n}\n"
                 "p.source {\n  text-indent: 0;\n  text-align: right;\n  font-size: 0.9em;\n"
                 "  margin: 1em 0 0;\n}\n"
                 "blockquote {\n  margin: 0.8em 0 0.8em 2em;\n}\n"
                 "ol, ul {\n  margin: 0.4em 0;\n  padding: 0 0 0 2em;\n}\n"
                 "li p {\n  text-indent: 0;\n}\n"
                 "figure {\n  margin: 1em 0;\n  text-align: center;\n  page-break-inside: avoid;\n"
                 "  break-inside: avoid;\n}\n"
                 "figure img {\n  max-width: 100%;\n  height: auto;\n}\n"
                 "figcaption {\n  font-size: 0.85em;\n  line-height: 1.5;\n  text-align: center;\n"
                 "  margin: 0.4em 0 0;\n}\n"
                 "hr {\n  width: 30%;\n  margin: 1.5em auto;\n  border: 0;\n"
                 "  border-top: 1px solid #888888;\n}\n"
                 "a {\n  color: inherit;\n}\n"
                 "section.notice {\n  border: 1px solid #888888;\n  padding: 0 0.8em 0.8em;\n}\n"
                 /* Cover, masthead and contents pages. */
                 ".cover {\n  text-align: center;\n}\n"
                 ".cover-image img {\n  max-width: 100%;\n  height: auto;\n}\n"
                 ".cover h1.journal {\n  font-size: 2em;\n  margin: 1.5em 0 0.5em;\n}\n"
                 ".cover p, .masthead p {\n  text-indent: 0;\n  text-align: center;\n}\n"
                 "p.issue {\n  font-size: 1.15em;\n}\n"
                 "p.tagline {\n  margin: 0.3em 0;\n}\n"
                 ".cover p.tagline:first-of-type {\n  margin-top: 3em;\n}\n"
                 "dl {\n  margin: 1.5em 0;\n  line-height: 1.75;\n}\n"
                 "dt {\n  float: left;\n  clear: left;\n  width: 6.2em;\n  text-align: right;\n"
                 "  font-size: 0.95em;\n  line-height: 1.85;\n}\n"
                 "dd {\n  margin: 0 0 0 7em;\n}\n"
                 /* A name is never broken between two lines. */
                 "dd.names span, p.author span {\n  white-space: nowrap;\n}\n"
                 "p.notice {\n  margin: 0.3em 0;\n}\n"
                 ".contents ul {\n  list-style: none;\n  padding: 0;\n  margin: 0 0 1em;\n}\n"
                 ".contents li {\n  margin: 0 0 0.5em;\n  line-height: 1.6;\n}\n"
                 ".contents a {\n  text-decoration: none;\n}\n"
                 ".contents .page {\n  float: right;\n  margin-left: 1em;\n}\n"
                 ".contents .credit {\n  display: block;\n  font-size: 0.85em;\n"
                 "  padding-left: 1em;\n}\n"
                 "nav ol {\n  list-style: none;\n}\n");
    return epub_add(c, "OEBPS/style.css", "css", "text/css", NULL, 0, 0, &b);
}
