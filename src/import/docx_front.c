/* docx_front.c — the title, subtitle, authors and source found in a manuscript.
 *
 * Authors do not fill Word's document properties reliably, so the front
 * matter is read from the text as an editor reads it: the title is the
 * paragraph in the Title style, else one of the first lines set apart
 * (centred, larger than the body, or the only top-level heading), else a
 * first line that is no sentence; a subtitle follows
 * it (Subtitle style, or a line opening with a dash); then the byline with
 * the authors' names (作者:张三 李四, 文/张三, □张三, or a short centred
 * line of names), perhaps with the authors' organisation in brackets or on
 * the next line; at the end, a line 来源:… is the source. */
#include "docx_private.h"

#include "../util/utf8.h"

#include <string.h>

static int texty(const dx_para *p) {
    return p->kind == DX_P_TEXT && !p->in_table && !p->used && p->nspans;
}

/* The next paragraph of text at or after i (pictures skipped), or n. */
static size_t next_text(const dx_ctx *c, size_t i) {
    while (i < c->body.n && !texty(&c->body.v[i]) && c->body.v[i].kind == DX_P_PICTURE)
        i++;
    return i < c->body.n && texty(&c->body.v[i]) ? i : c->body.n;
}

static size_t chars(const char *s) {
    return utf8_count(s, strlen(s));
}

static int starts(const char *s, const char *prefix) {
    return !strncmp(s, prefix, strlen(prefix));
}

static int ends(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static int has_any(const char *s, const char *const *words) {
    for (size_t i = 0; words[i]; i++)
        if (strstr(s, words[i])) return 1;
    return 0;
}

static const char *const sentence_end[] = {"。", "!", "?", ";", "……", NULL};

/* The size most of the body's text is set in (half-points; 0 unknown). */
static int body_size(const dx_ctx *c) {
    int sizes[64] = {0};
    size_t weight[64] = {0}, n = 0, best = 0;
    for (size_t i = 0; i < c->body.n; i++) {
        const dx_para *p = &c->body.v[i];
        if (p->kind != DX_P_TEXT || p->props.role != DX_ROLE_BODY || !p->size) continue;
        size_t len = 0, k = 0;
        for (size_t s = 0; s < p->nspans; s++)
            len += p->spans[s].len;
        while (k < n && sizes[k] != p->size)
            k++;
        if (k == n && n < 64) sizes[n++] = p->size;
        if (k < n) weight[k] += len;
    }
    for (size_t k = 1; k < n; k++)
        if (weight[k] > weight[best]) best = k;
    return n ? sizes[best] : 0;
}

static int headings_at(const dx_ctx *c, int outline) {
    int n = 0;
    for (size_t i = 0; i < c->body.n; i++)
        n += c->body.v[i].props.role == DX_ROLE_HEADING && c->body.v[i].props.outline == outline;
    return n;
}

static int min_heading(const dx_ctx *c) {
    int m = 99;
    for (size_t i = 0; i < c->body.n; i++)
        if (c->body.v[i].props.role == DX_ROLE_HEADING && c->body.v[i].props.outline < m)
            m = c->body.v[i].props.outline;
    return m;
}

/* Whether p stands apart as a title would: centred, larger than the body,
 * or the one heading of the top level. */
static int looks_like_title(const dx_ctx *c, const dx_para *p, const char *text, int size) {
    if (!*text || chars(text) > 80 || strstr(text, "。")) return 0;
    if (p->props.role == DX_ROLE_HEADING)
        return p->props.outline == min_heading(c) && headings_at(c, p->props.outline) == 1;
    if (p->props.role != DX_ROLE_BODY || p->list_fmt >= 0) return 0;
    return p->props.center > 0 || (size && p->size >= size + 4);
}

/* --- the byline --- */

static const char *const author_marks[] = {
    "作者:", "作者:", "作者 ", "撰文:", "撰文:", "撰稿:", "撰稿:", "文/", "文/", "文 / ", "文|",
    "文:",   "文:",   "□",     "■",     "◎",     "●",     "○",     "★",   "☆",   NULL};
static const char *const roles[] = {"本刊记者", "本报记者", "特约记者", "特约撰稿人", "通讯员",
                                    "记者",     "编译",     "整理",     "执笔",       NULL};
/* Short lines under a title that are not names. */
static const char *const not_names[] = {"编者按", "编者的话", "摘要", "提要", "内容提要", "引言",
                                        "前言",   "导语",     "导读", "序言", "按语",     "题记",
                                        "关键词", "卷首语",   "开篇", NULL};
static const char *const organisation[] = {
    "组", "部", "局", "处", "委", "会",   "院",   "校",   "所",   "中心", "大学", "学院", "公司",
    "办", "室", "站", "厅", "社", "集团", "协会", "研究", "课题", "单位", "政府", NULL};

/* Whether a token is a person's name: two to four Chinese characters (more
 * with a middle dot, as in transcribed names), or Latin letters. */
static int is_name(const char *t) {
    size_t n = chars(t), han = 0, latin = 0, other = 0;
    for (size_t k = 0; t[k];) {
        uint32_t cp = 0;
        k += utf8_decode(t + k, strlen(t + k), &cp);
        if (cp >= 0x3400 && cp <= 0x9FFF)
            han++;
        else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            latin++;
        else if (cp != 0xB7 && cp != 0x30FB && cp != '.' && cp != '-' && cp != ' ')
            other++;
    }
    if (other) return 0;
    if (han && !latin) return han >= 2 && (han <= 4 || (n <= 10 && strstr(t, "·")));
    return latin >= 2 && !han;
}

/* Splits a byline into tokens in the arena (separators: blanks, 、 , ; / |
 * and, for names in Latin letters, not the space inside a name). */
static size_t tokens(dx_ctx *c, const char *line, const char **out, size_t cap) {
    int han = 0;
    for (size_t k = 0; line[k];) {
        uint32_t cp = 0;
        k += utf8_decode(line + k, strlen(line + k), &cp);
        han |= cp >= 0x3400 && cp <= 0x9FFF;
    }
    size_t n = 0, k = 0, len = strlen(line);
    while (k < len && n < cap) {
        size_t start = k, end = k;
        for (;;) {
            if (k >= len) {
                end = k;
                break;
            }
            uint32_t cp = 0;
            size_t m = utf8_decode(line + k, len - k, &cp);
            int sep = cp == 0x3001 || cp == ',' || cp == 0xFF0C || cp == ';' || cp == 0xFF1B ||
                      cp == '/' || cp == 0xFF0F || cp == '|' || (han && dx_is_blank(cp));
            if (sep) {
                end = k;
                k += m;
                break;
            }
            k += m;
        }
        while (start < end && line[start] == ' ')
            start++;
        while (end > start && line[end - 1] == ' ')
            end--;
        if (end > start && !(out[n] = arena_strndup(c->a, line + start, end - start)))
            return dx_oom(c), 0;
        if (end > start) n++;
    }
    /* 张 三: a two-character name spaced out to the width of a longer one */
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w && chars(out[w - 1]) == 1 && chars(out[i]) <= 2 && han) {
            char *m = arena_alloc(c->a, strlen(out[w - 1]) + strlen(out[i]) + 1);
            if (!m) return dx_oom(c), 0;
            strcpy(m, out[w - 1]);
            strcat(m, out[i]);
            out[w - 1] = m;
            continue;
        }
        out[w++] = out[i];
    }
    return w;
}

/* Takes bracketed parts out of a line: "张三(吉林大学)" → "张三" and the
 * bracketed text into *aside (the first one). In the arena. */
static const char *brackets(dx_ctx *c, const char *line, const char **aside) {
    static const char *const open[] = {"(", "(", "[", "【", NULL};
    static const char *const close[] = {")", ")", "]", "】", NULL};
    folio_buf b;
    buf_init(&b);
    const char *s = line;
    while (*s) {
        size_t which = 0;
        while (open[which] && !starts(s, open[which]))
            which++;
        const char *e = open[which] ? strstr(s, close[which]) : NULL;
        if (!e) {
            buf_putc(&b, *s++);
            continue;
        }
        const char *in = s + strlen(open[which]);
        if (!*aside) *aside = arena_strndup(c->a, in, (size_t)(e - in));
        s = e + strlen(close[which]);
    }
    const char *r = arena_strdup(c->a, b.data ? b.data : "");
    buf_free(&b);
    return r;
}

typedef struct byline {
    const char *authors[16];
    size_t nauthors;
    const char *org; /* an organisation credited, or the authors' affiliation */
} byline;

/* Reads a byline; 1 when the line is one (marked, or all names), else 0. */
static int read_byline(dx_ctx *c, const char *text, int centred, int right_after_title,
                       byline *out) {
    memset(out, 0, sizeof *out);
    if (!*text || chars(text) > 40 || has_any(text, sentence_end)) return 0;
    const char *s = text;
    int marked = 0;
    for (size_t i = 0; author_marks[i]; i++)
        if (starts(s, author_marks[i])) {
            s += strlen(author_marks[i]);
            marked = 1;
            break;
        }
    const char *aside = NULL;
    const char *rest = brackets(c, s, &aside);
    const char *tok[32];
    size_t n = rest ? tokens(c, rest, tok, 32) : 0;
    size_t names = 0, orgs = 0;
    for (size_t i = 0; i < n; i++) {
        int role = 0;
        for (size_t r = 0; roles[r] && !role; r++)
            if (starts(tok[i], roles[r])) { /* 记者 张三, 记者张三 */
                tok[i] += strlen(roles[r]);
                role = !*tok[i];
            }
        if (role) continue;
        for (size_t r = 0; not_names[r]; r++)
            if (!strcmp(tok[i], not_names[r])) return 0;
        if (is_name(tok[i]) && !(chars(tok[i]) > 3 && has_any(tok[i], organisation))) {
            if (out->nauthors < 16) out->authors[out->nauthors++] = tok[i];
            names++;
        } else if (has_any(tok[i], organisation)) {
            if (!out->org) out->org = tok[i];
            orgs++;
        } else {
            return 0; /* a word that is neither: not a byline */
        }
    }
    if (!names && !orgs) return 0;
    if (!out->org) out->org = aside;
    return marked || centred || (right_after_title && chars(text) <= 24);
}

/* A line under the byline naming the authors' organisation: in brackets,
 * or short and naming an organisation. */
static const char *affiliation(dx_ctx *c, const dx_para *p) {
    const char *t = dx_line_text(c, p->spans, p->nspans);
    if (!t || !*t || chars(t) > 60 || has_any(t, sentence_end)) return NULL;
    size_t n = strlen(t);
    if ((starts(t, "(") && n > 6 && !strcmp(t + n - 3, ")")) || (starts(t, "(") && t[n - 1] == ')'))
        return arena_strndup(c->a, t + (t[0] == '(' ? 1 : 3),
                             n - (t[0] == '(' ? 2 : 6)); /* without the brackets */
    return p->props.center > 0 && has_any(t, organisation) ? t : NULL;
}

/* --- the source line --- */

static const char *const source_marks[] = {"来源:",    "来源:",    "(来源",    "(来源", "【来源】",
                                           "资料来源", "本文来源", "稿件来源", "转自",  "转载自",
                                           "摘自",     "原载",     "原文刊载", NULL};

static void find_source(dx_ctx *c, folio_article *art) {
    int seen = 0;
    for (size_t i = c->body.n; i > 0 && seen < 3; i--) {
        dx_para *p = &c->body.v[i - 1];
        if (!texty(p)) continue;
        seen++;
        const char *t = dx_line_text(c, p->spans, p->nspans);
        if (!t || chars(t) > 120) continue;
        for (size_t k = 0; source_marks[k]; k++)
            if (starts(t, source_marks[k])) {
                art->source = t;
                p->used = 1;
                return;
            }
    }
}

static void set_authors(dx_ctx *c, folio_article *art, const byline *b) {
    art->authors = b->nauthors ? arena_calloc(c->a, b->nauthors, sizeof *art->authors) : NULL;
    for (size_t i = 0; art->authors && i < b->nauthors; i++)
        art->authors[i] = b->authors[i];
    art->nauthors = art->authors ? b->nauthors : 0;
    if (b->org) art->byline = b->org;
}

/* The title: paragraphs in the Title style (joined), else the first
 * paragraph if it stands apart. Returns the index after it, or the index of
 * the first paragraph when there is none. */
static size_t find_title(dx_ctx *c, folio_article *art, size_t first, int size) {
    for (size_t i = first, seen = 0; i < c->body.n && seen < 4; i = next_text(c, i + 1), seen++) {
        dx_para *p = &c->body.v[i];
        if (p->props.role != DX_ROLE_TITLE) continue;
        folio_buf b;
        buf_init(&b);
        size_t k = i;
        for (; k < c->body.n && texty(&c->body.v[k]) && c->body.v[k].props.role == DX_ROLE_TITLE;
             k = next_text(c, k + 1)) {
            const char *t = dx_line_text(c, c->body.v[k].spans, c->body.v[k].nspans);
            if (t && *t && b.len) buf_putc(&b, ' ');
            if (t) buf_puts(&b, t);
            c->body.v[k].used = 1;
        }
        art->title = arena_strdup(c->a, b.data ? b.data : "");
        buf_free(&b);
        return k;
    }
    /* one of the first lines set apart (a kicker such as 【调查】 may come first) */
    for (size_t i = first, seen = 0; i < c->body.n && seen < 3; i = next_text(c, i + 1), seen++) {
        dx_para *p = &c->body.v[i];
        const char *t = dx_line_text(c, p->spans, p->nspans);
        if (t && looks_like_title(c, p, t, size)) {
            art->title = t;
            p->used = 1;
            return next_text(c, i + 1);
        }
        if (!t || chars(t) > 20) break;
    }
    /* a plain manuscript: its first line, if it is a line and not a sentence */
    dx_para *p = first < c->body.n ? &c->body.v[first] : NULL;
    const char *t = p ? dx_line_text(c, p->spans, p->nspans) : NULL;
    static const char *const open_end[] = {",", ",", ";", ";", ":", ":", "、", NULL};
    int open = 0;
    for (size_t k = 0; t && open_end[k]; k++)
        open |= ends(t, open_end[k]);
    if (t && *t && !open && chars(t) <= 40 && !strstr(t, "。") && p->props.role == DX_ROLE_BODY &&
        p->list_fmt < 0 && next_text(c, first + 1) < c->body.n) {
        art->title = t;
        p->used = 1;
        return next_text(c, first + 1);
    }
    return first;
}

void dx_front(dx_ctx *c, folio_article *art, const char *file_stem) {
    int size = body_size(c);
    size_t first = next_text(c, 0);
    size_t i = find_title(c, art, first, size);
    int titled = art->title && *art->title;
    if (!titled) {
        art->title = file_stem;
        diag_warning(c->d, c->src, 0,
                     "no title found (no paragraph in the Title style, nor a centred or larger "
                     "first line): the file name '%s' is the title; correct it in the article",
                     file_stem);
    }
    /* subtitle */
    if (titled && i < c->body.n) {
        dx_para *p = &c->body.v[i];
        const char *t = dx_line_text(c, p->spans, p->nspans);
        if (t && chars(t) <= 80 &&
            (p->props.role == DX_ROLE_SUBTITLE || starts(t, "——") || starts(t, "—") ||
             starts(t, "--"))) {
            art->subtitle = t;
            p->used = 1;
            i = next_text(c, i + 1);
        }
    }
    /* byline, and the organisation under it */
    if (titled && i < c->body.n) {
        dx_para *p = &c->body.v[i];
        const char *t = dx_plain_text(c, p->spans, p->nspans); /* blanks part the names */
        byline b;
        if (t && p->props.role == DX_ROLE_BODY && p->list_fmt < 0 &&
            read_byline(c, t, p->props.center > 0, 1, &b)) {
            set_authors(c, art, &b);
            p->used = 1;
            size_t j = next_text(c, i + 1);
            const char *aff = j < c->body.n ? affiliation(c, &c->body.v[j]) : NULL;
            if (aff) {
                if (!art->byline) art->byline = aff;
                c->body.v[j].used = 1;
            }
        }
    }
    find_source(c, art);
}
