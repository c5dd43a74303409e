/* issue_sections.c — sections told by the running heads when the printed
 * contents names none (or there is no contents list): many journals head
 * each page with its section's name (栏目). An article's section is the
 * running head most often on its pages, leaving out heads on most of the
 * issue's pages (the journal's name, the issue) and its own title;
 * articles one after another under one name make one section. A head that
 * two articles never share names no section (it is a title or an author),
 * and then the sections stay as they were. */
#include "issue_private.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *key; /* squeezed, page number taken off */
    int page;
    size_t line;
} head;

/* The running heads with a page; NULL (and *n 0) when there are none or
 * memory ran out (*oom). */
static head *heads_of(issue_ctx *c, size_t *n, int *oom) {
    head *h = malloc((c->l->n ? c->l->n : 1) * sizeof *h);
    *n = 0;
    *oom = !h;
    for (size_t i = 0; h && i < c->l->n; i++) {
        if (c->role[i] != IR_RUNNING || c->l->v[i].page <= 0) continue;
        const char *k = issue_running_key(c->arena, c->l->v[i].text);
        if (!k) {
            *oom = 1;
            break;
        }
        h[(*n)++] = (head){k, c->l->v[i].page, i};
    }
    return h;
}

/* On how many distinct pages key stands. */
static int pages_of(const head *h, size_t n, const char *key) {
    int count = 0, last = -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(h[i].key, key) && h[i].page != last) count++, last = h[i].page;
    return count;
}

/* The pages the article's text stands on: [*from, *to]. */
static void pages_of_article(const issue_ctx *c, size_t a, int *from, int *to) {
    *from = c->l->v[c->arts[a].title_line].page, *to = *from;
    for (size_t p = 0; p < c->npieces; p++) {
        if (c->pieces[p].article != a) continue;
        for (size_t i = c->pieces[p].from; i < c->pieces[p].to; i++) {
            int pg = c->l->v[i].page;
            if (pg > 0 && pg < *from) *from = pg;
            if (pg > *to) *to = pg;
        }
    }
}

/* The head most often on article a's pages, not constant (on most pages
 * with heads) and not its title; NULL when none. */
static const head *section_head(issue_ctx *c, size_t a, const head *h, size_t n, int paged) {
    int from, to, best = 0;
    pages_of_article(c, a, &from, &to);
    const char *title = iu_squeeze(c->arena, c->l->v[c->arts[a].title_line].text);
    const head *pick = NULL;
    for (size_t i = 0; title && i < n; i++) {
        if (h[i].page < from || h[i].page > to || !*h[i].key) continue;
        if (!strncmp(h[i].key, title, strlen(h[i].key)) || !strncmp(title, h[i].key, strlen(title)))
            continue;
        if (pages_of(h, n, h[i].key) * 5 > paged * 3) continue;
        int k = 0;
        for (size_t j = 0; j < n; j++)
            k += h[j].page >= from && h[j].page <= to && !strcmp(h[j].key, h[i].key);
        if (k > best) best = k, pick = &h[i];
    }
    return pick;
}

/* A section's name as the head prints it, its page number taken off. */
static const char *display(issue_ctx *c, const head *h) {
    const char *s = c->l->v[h->line].text, *rest;
    if (iu_leading_number(s, &rest) >= 0) s = rest;
    size_t n = strlen(s);
    while (n && ((s[n - 1] >= '0' && s[n - 1] <= '9') || s[n - 1] == ' '))
        n--;
    while (n && *s == ' ')
        s++, n--;
    return arena_strndup(c->arena, s, n);
}

/* Whether some section has a name already. */
static int named(const issue_ctx *c) {
    for (size_t s = 0; s < c->nsections; s++)
        if (c->sections[s] && *c->sections[s]) return 1;
    return 0;
}

/* Sets the sections from picks[a] (NULL: as the article before). */
static int assign(issue_ctx *c, const head **picks) {
    const char *cur = NULL;
    c->nsections = 0;
    for (size_t a = 0; a < c->narts; a++) {
        const char *name = picks[a] ? display(c, picks[a]) : cur ? cur : "";
        if (!name) return -1;
        if (!cur || strcmp(name, cur)) {
            if (grow_array(&c->sections, &c->capsections, c->nsections + 1, sizeof *c->sections, 8))
                return -1;
            c->sections[c->nsections++] = name;
            cur = name;
        }
        c->arts[a].section = c->nsections - 1;
    }
    return 0;
}

int issue_sections_from_heads(issue_ctx *c) {
    if (!c->narts || named(c)) return 0;
    size_t n;
    int oom, shared = 0, paged = 0, last = -1;
    head *h = heads_of(c, &n, &oom);
    const head **picks = h ? calloc(c->narts, sizeof *picks) : NULL;
    if (oom || (h && !picks)) {
        free(h);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (h[i].page != last) paged++, last = h[i].page;
    for (size_t a = 0; n && a < c->narts; a++) {
        picks[a] = section_head(c, a, h, n, paged);
        for (size_t b = 0; picks[a] && b < a; b++)
            shared |= picks[b] && !strcmp(picks[b]->key, picks[a]->key);
    }
    int r = shared ? assign(c, picks) : 0;
    free(picks);
    free(h);
    return r;
}
