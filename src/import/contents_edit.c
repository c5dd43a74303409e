/* contents_edit.c — a new contents entry written into edition.yaml's own text.
 *
 * libyaml's events give where each node of the contents lies (line and
 * column); the new lines go right after the last line of the section's list
 * (or of the contents), indented as its siblings are. Nothing else in the
 * file is touched. */
#include "contents_edit.h"

#include "../util/grow.h"
#include "../util/utf8.h"
#include "article_writer.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct ev {
    yaml_event_type_t type;
    yaml_mark_t start, end;
    char *value; /* scalars */
    int flow;    /* flow-style collection */
} ev;

typedef struct evs {
    ev *v;
    size_t n, cap;
} evs;

static void evs_free(evs *e) {
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].value);
    free(e->v);
}

/* All events of the text; -1 with *why and *line on a YAML error. */
static int parse(const char *yaml, size_t len, evs *e, const char **why, int *line) {
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) return *why = "out of memory", -1;
    yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
    int r = 0;
    for (;;) {
        yaml_event_t x;
        if (!yaml_parser_parse(&p, &x)) {
            *why = "edition.yaml does not parse as YAML";
            *line = (int)p.problem_mark.line + 1;
            r = -1;
            break;
        }
        if (e->n == e->cap && grow_array(&e->v, &e->cap, e->n + 1, sizeof *e->v, 64)) {
            yaml_event_delete(&x);
            *why = "out of memory";
            r = -1;
            break;
        }
        ev *o = &e->v[e->n++];
        memset(o, 0, sizeof *o);
        o->type = x.type;
        o->start = x.start_mark;
        o->end = x.end_mark;
        if (x.type == YAML_SCALAR_EVENT)
            o->value = strndup((const char *)x.data.scalar.value, x.data.scalar.length);
        if (x.type == YAML_SEQUENCE_START_EVENT)
            o->flow = x.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        if (x.type == YAML_MAPPING_START_EVENT)
            o->flow = x.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        yaml_event_type_t t = x.type;
        yaml_event_delete(&x);
        if (t == YAML_SCALAR_EVENT && !o->value) {
            *why = "out of memory";
            r = -1;
            break;
        }
        if (t == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&p);
    return r;
}

/* The index after the node that starts at i. */
static size_t skip(const evs *e, size_t i) {
    int depth = 0;
    do {
        if (i >= e->n) return e->n;
        yaml_event_type_t t = e->v[i].type;
        depth += t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT;
        depth -= t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT;
        i++;
    } while (depth > 0);
    return i;
}

/* The value of `key` in the mapping that starts at m, or 0. */
static size_t value_of(const evs *e, size_t m, const char *key) {
    if (m >= e->n || e->v[m].type != YAML_MAPPING_START_EVENT) return 0;
    for (size_t k = m + 1; k < e->n && e->v[k].type != YAML_MAPPING_END_EVENT;) {
        size_t v = skip(e, k);
        if (e->v[k].type == YAML_SCALAR_EVENT && !strcmp(e->v[k].value, key)) return v;
        k = skip(e, v);
    }
    return 0;
}

/* The last line (0-based) any scalar of the node at i ends on. */
static size_t last_line(const evs *e, size_t i) {
    size_t end = skip(e, i), line = e->v[i].start.line;
    for (size_t k = i; k < end; k++)
        if (e->v[k].type == YAML_SCALAR_EVENT && e->v[k].end.line > line) line = e->v[k].end.line;
    return line;
}

/* The index of the scalar in the contents that names path, or 0. */
static size_t listed(const evs *e, size_t contents, const char *path) {
    size_t end = skip(e, contents);
    for (size_t k = contents; k < end; k++)
        if (e->v[k].type == YAML_SCALAR_EVENT && !strcmp(e->v[k].value, path)) return k;
    return 0;
}

/* The byte offset of a mark: libyaml counts characters, not bytes. */
static size_t byte_at(const char *yaml, size_t len, yaml_mark_t m) {
    size_t off = len >= 3 && !memcmp(yaml, "\xEF\xBB\xBF", 3) ? 3 : 0;
    for (size_t line = 0; line < m.line && off < len; off++)
        line += yaml[off] == '\n';
    for (size_t col = 0; col < m.column && off < len; col++) {
        uint32_t cp;
        off += utf8_decode(yaml + off, len - off, &cp);
    }
    return off;
}

/* Whether the node at i is an empty flow list, `[]`, on one line. */
static int empty_flow(const evs *e, size_t i) {
    return e->v[i].type == YAML_SEQUENCE_START_EVENT && e->v[i].flow && i + 1 < e->n &&
           e->v[i + 1].type == YAML_SEQUENCE_END_EVENT &&
           e->v[i + 1].end.line == e->v[i].start.line;
}

static void spaces(folio_buf *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        buf_putc(b, ' ');
}

/* Copies yaml to out with `insert` placed at the start of the line after
 * line `after` (0-based). */
static void splice(const char *yaml, size_t len, size_t after, const char *insert, const char *eol,
                   folio_buf *out) {
    size_t off = 0, line = 0;
    while (off < len && line <= after) {
        const char *nl = memchr(yaml + off, '\n', len - off);
        off = nl ? (size_t)(nl - yaml) + 1 : len;
        line++;
    }
    buf_append(out, yaml, off);
    if (off == len && len && yaml[len - 1] != '\n') buf_puts(out, eol);
    buf_puts(out, insert);
    buf_append(out, yaml + off, len - off);
}

int contents_add(const char *yaml, size_t len, const char *section, const char *path,
                 folio_buf *out, const char **why, int *line) {
    evs e = {0};
    *line = 0;
    if (parse(yaml, len, &e, why, line)) {
        evs_free(&e);
        return -1;
    }
    const char *nl = memchr(yaml, '\n', len);
    const char *eol = nl && nl > yaml && nl[-1] == '\r' ? "\r\n" : "\n";
    size_t root = 2; /* STREAM-START, DOCUMENT-START, then the root node */
    size_t contents = value_of(&e, root, "contents");
    int r = -1;
    folio_buf ins, cut; /* cut: the text with an empty flow list taken out */
    buf_init(&ins);
    buf_init(&cut);
    const char *text = yaml;
    size_t tlen = len;
    if (!contents || e.v[contents].type != YAML_SEQUENCE_START_EVENT || e.v[contents].flow) {
        *why = "its contents is not a block list ('contents:' then '- section: ...' lines); "
               "add the article by hand";
        *line = contents ? (int)e.v[contents].start.line + 1 : 0;
    } else if (listed(&e, contents, path)) {
        *why = "the article is listed in the contents already";
        *line = (int)e.v[listed(&e, contents, path)].start.line + 1;
    } else {
        size_t dash = e.v[contents].start.column, key = dash + 2, adash = dash + 4;
        size_t after = last_line(&e, contents), match = 0, arts = 0;
        int first = 1;
        for (size_t k = contents + 1; k < e.n && e.v[k].type != YAML_SEQUENCE_END_EVENT;
             k = skip(&e, k)) {
            size_t name = value_of(&e, k, "section"), a = value_of(&e, k, "articles");
            if (first && name) { /* the first entry shows how entries are indented */
                key = e.v[name - 1].start.column;
                if (a && e.v[a].type == YAML_SEQUENCE_START_EVENT && !e.v[a].flow)
                    adash = e.v[a].start.column;
                first = 0;
            }
            if (!match && name && e.v[name].type == YAML_SCALAR_EVENT &&
                !strcmp(e.v[name].value, section))
                match = name, arts = a;
        }
        if (match && !arts) {
            *why = "the section has no 'articles:' list; add the article by hand";
            *line = (int)e.v[match].start.line + 1;
        } else if (arts && e.v[arts].type == YAML_SEQUENCE_START_EVENT && !e.v[arts].flow) {
            spaces(&ins, e.v[arts].start.column);
            buf_puts(&ins, "- ");
            yaml_put_scalar(&ins, path);
            buf_puts(&ins, eol);
            after = last_line(&e, arts);
            r = 0;
        } else if (arts && (empty_flow(&e, arts) ||
                            (e.v[arts].type == YAML_SCALAR_EVENT && !*e.v[arts].value))) {
            if (empty_flow(&e, arts)) { /* `articles: []`: the brackets go */
                size_t from = byte_at(yaml, len, e.v[arts].start),
                       to = byte_at(yaml, len, e.v[arts + 1].end);
                while (from && yaml[from - 1] == ' ' &&
                       (to == len || yaml[to] == '\r' || yaml[to] == '\n'))
                    from--; /* and the blanks before them at a line's end */
                buf_append(&cut, yaml, from);
                buf_append(&cut, yaml + to, len - to);
                text = cut.data;
                tlen = cut.len;
            }
            spaces(&ins, e.v[arts - 1].start.column + 2); /* under `articles:` */
            buf_puts(&ins, "- ");
            yaml_put_scalar(&ins, path);
            buf_puts(&ins, eol);
            after = e.v[arts - 1].start.line;
            r = 0;
        } else if (arts) {
            *why = "the section's articles are not a block list; add the article by hand";
            *line = (int)e.v[arts].start.line + 1;
        } else {
            spaces(&ins, dash);
            buf_puts(&ins, "- section: ");
            yaml_put_scalar(&ins, section);
            buf_puts(&ins, eol);
            spaces(&ins, key);
            buf_puts(&ins, "articles:");
            buf_puts(&ins, eol);
            spaces(&ins, adash);
            buf_puts(&ins, "- ");
            yaml_put_scalar(&ins, path);
            buf_puts(&ins, eol);
            r = 0;
        }
        if (!r && cut.oom) *why = "out of memory", r = -1;
        if (!r) splice(text, tlen, after, ins.data, eol, out);
        if (!r && (ins.oom || out->oom)) *why = "out of memory", r = -1;
    }
    buf_free(&cut);
    buf_free(&ins);
    evs_free(&e);
    return r;
}
