/* issue_contents.c — the printed contents (目录): sections in order and the
 * articles with their pages; then each entry's title found in the text. */
#include "issue_private.h"

#include "../util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bytes of a dot leader or spacing character at the end of s[0, e), 0 for none. */
static size_t leader_at(const char *s, size_t e) {
    if (e && (s[e - 1] == ' ' || s[e - 1] == '.')) return 1;
    if (e >= 2 && !strncmp(s + e - 2, "\xC2\xB7", 2)) return 2; /* · */
    if (e >= 3 && (!strncmp(s + e - 3, "\xE2\x80\xA6", 3) ||    /* … */
                   !strncmp(s + e - 3, "\xE3\x80\x80", 3) ||    /* ideographic space */
                   !strncmp(s + e - 3, "\xE2\x8B\xAF", 3) ||    /* ⋯ */
                   !strncmp(s + e - 3, "\xE3\x83\xBB", 3)))     /* ・ */
        return 3;
    return 0;
}

/* "04 标题" or "标题……04": the entry's page, *title its text; -1 for none. */
static int entry_of(issue_ctx *c, const char *s, const char **title) {
    int p = iu_leading_number(s, title);
    if (p >= 0) return p;
    size_t n = strlen(s), k = n;
    while (k && s[k - 1] >= '0' && s[k - 1] <= '9')
        k--;
    if (k == n || n - k > 3 || k == 0) return -1;
    size_t e = k, l;
    int leader = 0;
    while ((l = leader_at(s, e)))
        e -= l, leader++;
    if (!leader || !e) return -1;
    *title = arena_strndup(c->arena, s, e);
    return *title ? atoi(s + k) : -1;
}

typedef struct {
    size_t line;
    int page; /* -1: an unnumbered line */
    const char *text;
} item;

/* Reads the lines after the heading while they look like a contents list. */
static size_t read_items(issue_ctx *c, size_t from, item *it, size_t max) {
    size_t n = 0, unnumbered = 0;
    for (size_t i = from; i < c->l->n && n < max; i++) {
        issue_role r = c->role[i];
        if (r == IR_BLANK || r == IR_FOLIO) continue;
        if (r == IR_MASTHEAD || r == IR_FRONT) break;
        const char *t = c->l->v[i].text, *title = t;
        int page = entry_of(c, t, &title);
        size_t j = i + 1; /* a page number on a line of its own (a TeX contents line) */
        while (j < c->l->n && c->role[j] == IR_BLANK)
            j++;
        if (page < 0 && j < c->l->n && c->role[j] == IR_FOLIO && iu_chars(t) >= 4) {
            page = iu_page_number(c->l->v[j].text);
            c->role[j] = IR_CONTENTS;
            i = j;
        }
        if (iu_chars(title) > 48 || iu_ends_sentence(title)) break;
        if (page < 0 && ++unnumbered > 3) break;
        if (page >= 0) unnumbered = 0;
        it[n++] = (item){i, page, page >= 0 ? title : t};
    }
    while (n && it[n - 1].page < 0)
        n--; /* trailing unnumbered lines are not the contents' */
    return n;
}

static int add_section(issue_ctx *c, const char *name) {
    if (grow_array(&c->sections, &c->capsections, c->nsections + 1, sizeof *c->sections, 8))
        return -1;
    c->sections[c->nsections++] = name;
    return 0;
}

/* Whether line i (and the next text line) read as the title t: the line's
 * text is t, or begins t and the next line completes it. *lines gets 1 or 2. */
static int title_at(issue_ctx *c, size_t i, const char *t, int *lines) {
    const char *a = issue_line_norm(c, i);
    if (!a || !*a || !*t) return 0;
    size_t na = strlen(a), nt = strlen(t);
    if (iu_chars(c->l->v[i].text) > 60) return 0;
    *lines = 1;
    if (na >= nt) return !strncmp(a, t, nt) && na <= nt + 24; /* the contents may shorten it */
    if (strncmp(t, a, na) || iu_chars(a) < 4) return 0;
    /* the contents may run the authors on after the title */
    int names_only = nt - na <= 36; /* up to 12 characters of names */
    for (size_t j = i + 1; j < c->l->n && j < i + 4; j++) {
        if (c->role[j] == IR_BLANK) continue;
        if (c->role[j]) return names_only;
        const char *b = issue_line_norm(c, j);
        if (!b) return 0;
        size_t nb = strlen(b);
        if (na + nb >= nt && !strncmp(t + na, b, nt - na)) {
            *lines = 2;
            return 1;
        }
        if (nb && na + nb < nt && !strncmp(t + na, b, nb) && nt - na - nb <= 36) {
            *lines = 2;
            return 1;
        }
        return names_only;
    }
    return 0;
}

/* The first line at or after from (else anywhere) whose text is entry e's title. */
static long find_title(issue_ctx *c, const issue_entry *e, size_t from, int *lines) {
    const char *t = iu_norm(c->arena, e->title);
    if (!t) return -1;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = pass ? 0 : from; i < c->l->n; i++)
            if ((c->role[i] == IR_UNSET || c->role[i] == IR_RUNNING) && title_at(c, i, t, lines))
                return (long)i;
    return -1;
}

static int add_entry(issue_ctx *c, const item *it, size_t section) {
    if (grow_array(&c->entries, &c->capentries, c->nentries + 1, sizeof *c->entries, 32)) return -1;
    c->entries[c->nentries++] = (issue_entry){it->text, it->page, section, (int)it->line, -1};
    return 0;
}

/* Whether text u stands within a few lines after line t (an author under a title). */
static int near_after(issue_ctx *c, long t, const char *u) {
    const char *nu = iu_norm(c->arena, u);
    int seen = 0;
    for (size_t j = (size_t)t + 1; nu && j < c->l->n && seen < 4; j++) {
        if (c->role[j] == IR_BLANK) continue;
        seen++;
        const char *nj = issue_line_norm(c, j);
        if (nj && *nu && strstr(nj, nu) && strlen(nj) <= strlen(nu) + 12) return 1;
    }
    return 0;
}

/* A numbered entry into the current section (an unnamed one when there is
 * none yet), looked for in the text from line *from on. */
static int listed(issue_ctx *c, const item *it, size_t *section, size_t *from) {
    if (*section == (size_t)-1) {
        if (add_section(c, "")) return -1;
        *section = c->nsections - 1;
    }
    if (add_entry(c, it, *section)) return -1;
    issue_entry *e = &c->entries[c->nentries - 1];
    int lines = 1;
    e->found = find_title(c, e, *from, &lines);
    if (e->found >= 0) *from = (size_t)e->found + (size_t)lines;
    return 0;
}

/* Unnumbered lines: a section's name, unless they stand under the entry's
 * title in the text (its author) or complete its title, or are a title too
 * long for its line whose authors and page stand on the next. */
static int assign(issue_ctx *c, item *it, size_t n) {
    size_t section = (size_t)-1, from = 0;
    for (size_t k = 0; k < n; k++) {
        if (it[k].page >= 0) {
            if (listed(c, &it[k], &section, &from)) return -1;
            continue;
        }
        /* (a section's name is short; a title that needs a second line is not) */
        if (k + 1 < n && it[k + 1].page >= 0 && iu_chars(it[k].text) >= 12 &&
            iu_is_names(it[k + 1].text)) {
            item title = it[k];
            title.page = it[++k].page;
            if (listed(c, &title, &section, &from)) return -1;
            continue;
        }
        issue_entry *prev = k && it[k - 1].page >= 0 ? &c->entries[c->nentries - 1] : NULL;
        if (prev && prev->found >= 0 && near_after(c, prev->found, it[k].text)) continue;
        if (prev && (iu_is_org(it[k].text) || (prev->found < 0 && iu_is_names(it[k].text))))
            continue;
        if (prev) {
            size_t need = strlen(prev->title) + strlen(it[k].text) + 1;
            char *joined = arena_alloc(c->arena, need);
            if (!joined) return -1;
            snprintf(joined, need, "%s%s", prev->title, it[k].text);
            issue_entry probe = *prev;
            probe.title = joined;
            int lines;
            long at = prev->found >= 0 ? prev->found : find_title(c, &probe, 0, &lines);
            const char *nj = iu_norm(c->arena, joined), *nb = NULL;
            if (at >= 0) {
                char buf[2048];
                snprintf(buf, sizeof buf, "%s%s", c->l->v[at].text,
                         (size_t)at + 2 < c->l->n ? c->l->v[at + 1].text : "");
                nb = iu_norm(c->arena, buf);
                char buf2[2048];
                snprintf(buf2, sizeof buf2, "%s%s", c->l->v[at].text,
                         (size_t)at + 2 < c->l->n ? c->l->v[at + 2].text : "");
                const char *nb2 = iu_norm(c->arena, buf2);
                if (nj && ((nb && !strncmp(nb, nj, strlen(nj))) ||
                           (nb2 && !strncmp(nb2, nj, strlen(nj))))) {
                    prev->title = joined;
                    prev->found = at;
                    continue;
                }
            }
        }
        if (add_section(c, it[k].text)) return -1;
        section = c->nsections - 1;
    }
    return 0;
}

int issue_contents(issue_ctx *c) {
    c->contents_from = c->contents_to = -1;
    size_t head = 0;
    while (head < c->l->n && (c->role[head] || !iu_is_contents_head(c->arena, c->l->v[head].text)))
        head++;
    if (head == c->l->n) {
        issue_note(c, 0, "no contents list (目录) found: articles told by their titles alone");
        return 0;
    }
    item it[1024];
    size_t n = read_items(c, head + 1, it, sizeof it / sizeof it[0]);
    c->contents_from = (long)head;
    c->contents_to = n ? (long)it[n - 1].line + 1 : (long)head + 1;
    for (long i = c->contents_from; i < c->contents_to; i++)
        if (c->role[i] != IR_BLANK) c->role[i] = IR_CONTENTS;
    if (assign(c, it, n)) return -1;
    return 0;
}
