/* issue_articles.c — where each article starts and what its first lines are
 * (title, subtitle, author), where its text runs, and which pieces of text
 * jump lines (下转/上接) carry back to it. */
#include "issue_private.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

static int add_article(issue_ctx *c, size_t title_line, long entry) {
    if (grow_array(&c->arts, &c->caparts, c->narts + 1, sizeof *c->arts, 32)) return -1;
    issue_article *a = &c->arts[c->narts++];
    memset(a, 0, sizeof *a);
    a->title_line = title_line;
    a->entry = entry;
    if (entry >= 0) {
        a->section = c->entries[entry].section;
        a->page = c->entries[entry].page;
    }
    return 0;
}

static int by_title_line(const void *x, const void *y) {
    const issue_article *a = x, *b = y;
    return (a->title_line > b->title_line) - (a->title_line < b->title_line);
}

static size_t blanks_before(const issue_ctx *c, size_t i) {
    size_t k = 0;
    while (i > k && c->role[i - k - 1] == IR_BLANK)
        k++;
    return k;
}

/* A title the contents do not list: it stands apart (a wide gap in a text,
 * a larger size in a PDF), is short and no sentence, and body text follows. */
static int unlisted_title(const issue_ctx *c, size_t i) {
    const issue_line *ln = &c->l->v[i];
    if (c->role[i] || iu_chars(ln->text) > 40 || iu_chars(ln->text) < 4 ||
        iu_ends_sentence(ln->text) || iu_heading_level(ln->text))
        return 0;
    int apart = c->l->from_pdf ? ln->size >= c->l->body_size * 1.3 && c->l->body_size > 0
                               : blanks_before(c, i) >= 3 || i == 0 || blanks_before(c, i) == i;
    if (!apart) return 0;
    int seen = 0;
    for (size_t j = i + 1; j < c->l->n && seen < 4; j++) {
        if (c->role[j] == IR_BLANK) {
            if (!c->l->from_pdf && blanks_before(c, j + 1) >= 3) return 0;
            continue;
        }
        if (c->role[j]) continue;
        seen++;
        if (iu_chars(c->l->v[j].text) > 40 && !c->l->from_pdf) return 1;
        if (c->l->from_pdf && c->l->v[j].size < ln->size * 0.9 && seen >= 2) return 1;
    }
    return 0;
}

/* Where entry e's text starts when its title does not stand on a line of its
 * own: a paragraph that opens with the title (a brief's run-in head), or text
 * that resumes after the masthead and contents between found articles. */
static long runin_line(issue_ctx *c, size_t e) {
    const char *t = iu_norm(c->arena, c->entries[e].title);
    if (!t || iu_chars(t) < 6) return -1;
    size_t lo = 0, hi = c->l->n;
    for (size_t k = e; k-- > 0;)
        if (c->entries[k].found >= 0) {
            lo = (size_t)c->entries[k].found + 1;
            break;
        }
    for (size_t k = e + 1; k < c->nentries; k++)
        if (c->entries[k].found >= 0) {
            hi = (size_t)c->entries[k].found;
            break;
        }
    for (size_t i = lo; i < hi; i++) {
        const char *a = c->role[i] ? NULL : issue_line_norm(c, i);
        if (a && !strncmp(a, t, strlen(t))) return (long)i;
    }
    for (size_t i = lo; i < hi; i++) /* after a run of the issue's own lines */
        if (!c->role[i] && i &&
            (c->role[i - 1] == IR_CONTENTS || c->role[i - 1] == IR_MASTHEAD ||
             (c->role[i - 1] == IR_BLANK && i > 1 &&
              (c->role[i - 2] == IR_CONTENTS || c->role[i - 2] == IR_MASTHEAD))))
            return (long)i;
    return -1;
}

static int runin_starts(issue_ctx *c) {
    for (size_t e = 0; e < c->nentries; e++) {
        if (c->entries[e].found >= 0) continue;
        long at = runin_line(c, e);
        if (at < 0) continue;
        int dup = 0;
        for (size_t a = 0; a < c->narts; a++)
            dup |= c->arts[a].title_line == (size_t)at;
        if (dup) continue;
        c->entries[e].found = at;
        if (add_article(c, (size_t)at, (long)e)) return -1;
        c->arts[c->narts - 1].runin = 1;
        issue_note(c, (size_t)at,
                   "contents entry \"%s\" has no title line: its article starts here",
                   c->entries[e].title);
    }
    return 0;
}

/* Articles: every contents entry found, then unlisted titles between them. */
static int starts(issue_ctx *c) {
    for (size_t e = 0; e < c->nentries; e++)
        if (c->entries[e].found >= 0) {
            int dup = 0;
            for (size_t a = 0; a < c->narts; a++)
                dup |= c->arts[a].title_line == (size_t)c->entries[e].found;
            if (!dup && add_article(c, (size_t)c->entries[e].found, (long)e)) return -1;
        }
    if (runin_starts(c)) return -1;
    for (size_t i = 0; i < c->nentries; i++)
        if (c->entries[i].found < 0)
            issue_note(c, (size_t)c->entries[i].line,
                       "contents entry \"%s\" (page %d) not found in the text", c->entries[i].title,
                       c->entries[i].page);
    size_t listed = c->narts;
    /* A PDF's headings are set apart by size too: with a contents list, its
     * entries alone say where articles start. */
    for (size_t i = 0; i < c->l->n && !(c->l->from_pdf && c->nentries); i++) {
        int taken = 0;
        for (size_t a = 0; a < listed; a++)
            taken |= c->arts[a].title_line == i;
        if (taken || !unlisted_title(c, i)) continue;
        if (add_article(c, i, -1)) return -1;
        issue_note(c, i, "an article without a contents entry starts here: \"%s\"",
                   c->l->v[i].text);
    }
    qsort(c->arts, c->narts, sizeof *c->arts, by_title_line);
    for (size_t a = 0; a < c->narts; a++) {
        if (c->arts[a].entry < 0) c->arts[a].section = a ? c->arts[a - 1].section : 0;
        c->arts[a].end = a + 1 < c->narts ? c->arts[a + 1].title_line : c->l->n;
    }
    return 0;
}

static int is_subtitle(const char *s) {
    return !strncmp(s, "\xE2\x80\x94\xE2\x80\x94", 6) || !strncmp(s, "--", 2) ||
           !strncmp(s, "\xE2\x80\x94", 3) || !strncmp(s, "\xE2\x94\x80\xE2\x94\x80", 6);
}

/* The title's lines, then a subtitle and author lines under it. */
static void header(issue_ctx *c, issue_article *a) {
    size_t i = a->title_line, tl = 1;
    if (a->runin) {
        a->body_from = i;
        return;
    }
    c->role[i] = IR_TITLE;
    if (a->entry >= 0) {
        const char *t = iu_norm(c->arena, c->entries[a->entry].title);
        const char *h = issue_line_norm(c, i);
        if (t && h && strlen(h) < strlen(t))
            for (size_t j = i + 1; j < a->end; j++) {
                if (c->role[j] == IR_BLANK) continue;
                const char *nx = issue_line_norm(c, j);
                /* the title's second line is the rest of the contents' title,
                 * set as large (a contents line may run the author on) */
                int smaller = c->l->v[j].size < c->l->v[i].size * 0.85;
                if (!c->role[j] && nx && *nx && !smaller && !strncmp(t + strlen(h), nx, strlen(nx)))
                    c->role[j] = IR_TITLE, tl = j - i + 1;
                break;
            }
    }
    size_t j = i + tl;
    int authors = 0;
    for (; j < a->end; j++) {
        if (c->role[j] == IR_BLANK || c->role[j] == IR_RUNNING || c->role[j] == IR_FOLIO) continue;
        if (c->role[j]) break;
        const char *s = c->l->v[j].text;
        if (is_subtitle(s) && !a->model.subtitle && !authors) {
            c->role[j] = IR_SUBTITLE;
            a->model.subtitle = s;
            continue;
        }
        if (authors < 2 && iu_chars(s) <= 30 && !iu_ends_sentence(s) && !iu_heading_level(s) &&
            (iu_is_org(s) || iu_is_names(s))) {
            c->role[j] = IR_AUTHOR;
            authors++;
            continue;
        }
        break;
    }
    a->body_from = j;
}

/* 上接第N页 / 下转第N页 in any bracket: returns 1 for 上接, 2 for 下转, 0 none;
 * *page, and the mark's bytes [*at, *at + *len). */
static int jump_mark(const char *s, int *page, size_t *at, size_t *len) {
    const char *kinds[] = {"上接", "下转", "接上", "转下", "转第", "接第"};
    for (int k = 0; k < 6; k++) {
        const char *p = strstr(s, kinds[k]);
        if (!p) continue;
        const char *o = p;
        if (o > s && (o[-1] == '(' || o[-1] == '['))
            o--;
        else if (o - s >= 3 &&
                 (!strncmp(o - 3, "\xEF\xBC\x88", 3) || !strncmp(o - 3, "\xE3\x80\x90", 3)))
            o -= 3;
        else
            continue;
        const char *q = p + 6;
        if (!strncmp(q, "\xE7\xAC\xAC", 3)) q += 3; /* 第 */
        if (*q < '0' || *q > '9') continue;
        *page = atoi(q);
        while (*q >= '0' && *q <= '9')
            q++;
        if (!strncmp(q, "\xE7\x89\x88", 3) || !strncmp(q, "\xE9\xA1\xB5", 3)) q += 3; /* 版 页 */
        if (*q == ')' || *q == ']')
            q++;
        else if (!strncmp(q, "\xEF\xBC\x89", 3) || !strncmp(q, "\xE3\x80\x91", 3))
            q += 3;
        else
            continue;
        *at = (size_t)(o - s);
        *len = (size_t)(q - o);
        return (k == 0 || k == 2 || k == 5) ? 1 : 2;
    }
    return 0;
}

static int add_piece(issue_ctx *c, size_t from, size_t to, size_t art) {
    if (from >= to) return 0;
    if (grow_array(&c->pieces, &c->cappieces, c->npieces + 1, sizeof *c->pieces, 64)) return -1;
    c->pieces[c->npieces++] = (issue_piece){from, to, art};
    return 0;
}

/* The article a continuation from page `page` belongs to: the one whose
 * contents pages hold it, else the last one left open by a 下转. */
static long jump_target(issue_ctx *c, int page, size_t here) {
    long best = -1;
    for (size_t a = 0; a < c->narts; a++) {
        if (!c->arts[a].page || c->arts[a].page > page) continue;
        if (best < 0 || c->arts[a].page >= c->arts[best].page) best = (long)a;
    }
    if (best >= 0) return best;
    for (size_t a = 0; a < c->narts && c->arts[a].title_line < here; a++)
        if (c->arts[a].open_jump) best = (long)a;
    return best;
}

/* Splits each article's lines into pieces at 上接 marks, sending each
 * continuation to its article. */
static int pieces(issue_ctx *c) {
    for (size_t a = 0; a < c->narts; a++) {
        issue_article *art = &c->arts[a];
        size_t from = art->body_from, owner = a;
        for (size_t i = art->body_from; i < art->end; i++) {
            int page;
            size_t at, len;
            if (c->role[i] || !c->l->v[i].text[0]) continue;
            int k = jump_mark(c->l->v[i].text, &page, &at, &len);
            if (k == 2) c->arts[owner].open_jump = 1;
            if (k != 1) continue;
            long t = jump_target(c, page, i);
            if (t < 0) {
                issue_note(
                    c, i,
                    "a continuation (from page %d) whose article was not found: left in place",
                    page);
                continue;
            }
            if (add_piece(c, from, i, owner)) return -1;
            from = i;
            owner = (size_t)t;
            if (owner != a) c->arts[owner].open_jump = 0;
        }
        if (add_piece(c, from, art->end, owner)) return -1;
    }
    return 0;
}

/* Section names standing in the body are the sections' own furniture. */
static void section_lines(issue_ctx *c) {
    for (size_t i = 0; i < c->l->n; i++) {
        if (c->role[i] != IR_UNSET && c->role[i] != IR_RUNNING) continue;
        const char *q = iu_squeeze(c->arena, c->l->v[i].text);
        for (size_t s = 0; q && s < c->nsections; s++) {
            const char *n = iu_squeeze(c->arena, c->sections[s]);
            if (n && *n && !strcmp(n, q)) c->role[i] = IR_SECTION;
        }
    }
}

static int frontish(issue_role r) {
    return r == IR_FRONT || r == IR_MASTHEAD || r == IR_CONTENTS;
}

/* Lines caught between the issue's own lines (cover lines between the issue
 * label and the masthead, say) are cover lines too, not an article's text. */
static void front_block(issue_ctx *c) {
    long last = -1;
    for (size_t i = 0; i < c->l->n; i++) {
        if (!frontish(c->role[i])) continue;
        size_t loose = 0;
        for (long j = last + 1; last >= 0 && j < (long)i; j++)
            loose += c->role[j] == IR_UNSET;
        if (last >= 0 && loose && loose <= 6)
            for (long j = last + 1; j < (long)i; j++)
                if (c->role[j] == IR_UNSET && iu_chars(c->l->v[j].text) <= 20)
                    c->role[j] = IR_FRONT;
        last = (long)i;
    }
}

int issue_articles(issue_ctx *c) {
    front_block(c);
    section_lines(c);
    if (starts(c)) return -1;
    if (!c->narts) return 0;
    for (size_t a = 0; a < c->narts; a++)
        header(c, &c->arts[a]);
    /* Short lines before the first article are the cover's; longer ones are reported. */
    for (size_t i = 0; i < c->arts[0].title_line; i++)
        if (!c->role[i] && iu_chars(c->l->v[i].text) <= 24 && !iu_ends_sentence(c->l->v[i].text))
            c->role[i] = IR_FRONT;
    return pieces(c);
}
