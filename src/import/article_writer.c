/* article_writer.c — front matter and the block structure of an article file. */
#include "md_private.h"

#include "../util/utf8.h"

#include <stdio.h>
#include <string.h>

/* Plain YAML scalars that YAML would read as something else than text, or
 * that would not parse back the same, are quoted. */
static int yaml_plain_ok(const char *s) {
    static const char *const special[] = {"null",  "Null",  "NULL",  "~",   "true", "True", "TRUE",
                                          "false", "False", "FALSE", "yes", "Yes",  "YES",  "no",
                                          "No",    "NO",    "on",    "On",  "ON",   "off",  "Off",
                                          "OFF",   "y",     "Y",     "n",   "N",    NULL};
    size_t len = strlen(s);
    if (!len || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) || s[len - 1] == ' ' || s[len - 1] == ':')
        return 0;
    for (size_t i = 0; special[i]; i++)
        if (!strcmp(s, special[i])) return 0;
    /* a number, a date, a time (YAML 1.1 reads 1_000, 0x1F, 1e3, 12:30 so) */
    int digit = (s[0] >= '0' && s[0] <= '9') || (strchr("+-.", s[0]) && s[1] >= '0' && s[1] <= '9');
    if (digit && strspn(s, "0123456789+-._:eExXoObBaAcCdDfF") == len) return 0;
    if (s[0] == '.' || ((s[0] == '+' || s[0] == '-') && s[1] == '.')) return 0; /* .inf .nan */
    for (size_t k = 0; k < len;) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + k, len - k, &cp);
        if (cp < 32 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
            cp == 0xFEFF || cp == 0xFFFD)
            return 0;
        if ((s[k] == ':' || s[k] == ' ') && (s[k + 1] == ' ' || s[k + 1] == '#')) return 0;
        k += n;
    }
    return 1;
}

int yaml_put_scalar(folio_buf *out, const char *s) {
    if (!s) s = "";
    if (yaml_plain_ok(s)) return buf_puts(out, s);
    buf_putc(out, '"');
    size_t len = strlen(s);
    for (size_t k = 0; k < len;) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + k, len - k, &cp);
        if (cp == '"' || cp == '\\')
            buf_printf(out, "\\%c", (char)cp);
        else if (cp == '\n')
            buf_puts(out, "\\n");
        else if (cp == '\t')
            buf_puts(out, "\\t");
        else if (cp < 32 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            buf_printf(out, "\\x%02X", (unsigned)cp);
        else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
            buf_printf(out, "\\u%04X", (unsigned)cp);
        else
            buf_append(out, s + k, n);
        k += n;
    }
    return buf_putc(out, '"');
}

static void front_key(folio_buf *out, const char *key, const char *value) {
    if (!value || !*value) return;
    buf_printf(out, "%s: ", key);
    yaml_put_scalar(out, value);
    buf_putc(out, '\n');
}

static void front_matter(const folio_article *a, folio_buf *out) {
    static const char *const kinds[] = {"article", "foreword", "notice", "brief"};
    buf_puts(out, "---\n");
    front_key(out, "title", a->title);
    front_key(out, "subtitle", a->subtitle);
    size_t named = 0;
    for (size_t i = 0; i < a->nauthors; i++)
        named += a->authors[i] && *a->authors[i];
    if (named == 1) {
        for (size_t i = 0; i < a->nauthors; i++)
            front_key(out, "author", a->authors[i]);
    } else if (named > 1) {
        buf_puts(out, "author:\n");
        for (size_t i = 0; i < a->nauthors; i++) {
            if (!a->authors[i] || !*a->authors[i]) continue;
            buf_puts(out, "  - ");
            yaml_put_scalar(out, a->authors[i]);
            buf_putc(out, '\n');
        }
    }
    front_key(out, "byline", a->byline);
    front_key(out, "source", a->source);
    if (a->kind != FOLIO_KIND_ARTICLE && (size_t)a->kind < sizeof kinds / sizeof kinds[0])
        front_key(out, "kind", kinds[a->kind]);
    buf_puts(out, "---\n");
}

/* The marker of the list written last at this level (or of the list whose
 * item this is), so that a list right after another of the same kind gets
 * the other marker and stays apart. */
typedef struct level {
    int last_ordered; /* -1: the block before was no list */
    char last_delim;
} level;

static void put_blocks(folio_buf *out, const folio_block *b, size_t n, int tight, int item,
                       level lv);

/* Appends text with prefix in front of each line (first_prefix for the
 * first); blank lines get the prefix without its trailing spaces. */
static void put_prefixed(folio_buf *out, const char *text, size_t len, const char *first_prefix,
                         const char *prefix) {
    size_t k = 0;
    int first = 1;
    while (k < len) {
        const char *nl = memchr(text + k, '\n', len - k);
        size_t e = nl ? (size_t)(nl - text) : len;
        const char *p = first ? first_prefix : prefix;
        size_t plen = strlen(p);
        if (e == k)
            while (plen && p[plen - 1] == ' ')
                plen--;
        buf_append(out, p, plen);
        buf_append(out, text + k, e - k);
        buf_putc(out, '\n');
        k = e + 1;
        first = 0;
    }
}

static int has_inner_break(const folio_block *b) {
    for (size_t i = 1; i + 1 < b->nspans; i++)
        if (b->spans[i].flags & FOLIO_SPAN_BREAK) return 1;
    return 0;
}

static int is_setext(const folio_block *b) {
    return b->type == FOLIO_BLOCK_HEADING && b->level == 2 && has_inner_break(b);
}

/* Whether block y may follow block x in a list item without a blank line
 * between them and both still read as written (a tight list). */
static int joins_tightly(const folio_block *x, const folio_block *y) {
    switch (y->type) {
    case FOLIO_BLOCK_PARAGRAPH:
    case FOLIO_BLOCK_IMAGE:
        return x->type == FOLIO_BLOCK_HEADING || x->type == FOLIO_BLOCK_THEMATIC;
    case FOLIO_BLOCK_HEADING:
        return !is_setext(y);
    case FOLIO_BLOCK_QUOTE:
        return x->type != FOLIO_BLOCK_QUOTE;
    case FOLIO_BLOCK_LIST:
        /* a list interrupting a paragraph must start with 1 and hold text */
        return x->type != FOLIO_BLOCK_LIST && y->nchildren && y->children[0].nchildren &&
               (!y->ordered || y->start == 1);
    default:
        return 1;
    }
}

static int can_be_tight(const folio_block *list) {
    for (size_t i = 0; i < list->nchildren; i++) {
        const folio_block *item = &list->children[i];
        for (size_t k = 1; k < item->nchildren; k++)
            if (!joins_tightly(&item->children[k - 1], &item->children[k])) return 0;
    }
    return 1;
}

static void put_list(folio_buf *out, const folio_block *b, level *lv) {
    char delim = b->ordered ? '.' : '-';
    if (lv->last_ordered == b->ordered && lv->last_delim == delim) delim = b->ordered ? ')' : '+';
    lv->last_ordered = b->ordered;
    lv->last_delim = delim;
    int tight = b->tight && can_be_tight(b);
    for (size_t i = 0; i < b->nchildren; i++) {
        char marker[16];
        long num = (long)b->start + (long)i;
        if (num > 999999999L) num = 999999999L;
        if (num < 0) num = 0;
        if (b->ordered)
            snprintf(marker, sizeof marker, "%ld%c ", num, delim);
        else
            snprintf(marker, sizeof marker, "%c ", delim);
        char indent[16];
        size_t w = strlen(marker);
        memset(indent, ' ', w);
        indent[w] = '\0';
        folio_buf item;
        buf_init(&item);
        /* a list first in the item takes the other marker: `- - -` is a rule */
        put_blocks(&item, b->children[i].children, b->children[i].nchildren, tight,
                   tight                  ? 0
                   : i + 1 < b->nchildren ? 1
                                          : 2,
                   (level){b->ordered, delim});
        if (item.oom) out->oom = 1;
        if (i > 0 && !tight) buf_putc(out, '\n');
        if (item.len)
            put_prefixed(out, item.data, item.len - 1, marker, indent); /* without its last '\n' */
        else
            put_prefixed(out, marker, w, "", "");
        buf_free(&item);
    }
}

/* Writes one block (ending with a newline) into out; returns whether it wrote
 * anything (a paragraph of blanks writes nothing). */
static int put_block(folio_buf *out, const folio_block *b, level *lv) {
    size_t at = out->len;
    int was_list = b->type == FOLIO_BLOCK_LIST;
    switch (b->type) {
    case FOLIO_BLOCK_PARAGRAPH:
        md_put_inlines(out, b->spans, b->nspans, MD_INLINE_PARAGRAPH);
        break;
    case FOLIO_BLOCK_HEADING:
        if (is_setext(b)) {
            md_put_inlines(out, b->spans, b->nspans, MD_INLINE_HEADING);
            if (out->len > at) buf_puts(out, "\n---");
        } else {
            buf_puts(out, b->level <= 2 ? "## " : "### ");
            size_t mark = out->len;
            md_put_inlines(out, b->spans, b->nspans, MD_INLINE_ONE_LINE);
            if (out->len == mark) out->len = at;
        }
        break;
    case FOLIO_BLOCK_IMAGE:
        md_put_image(out, b->spans, b->nspans, b->image ? b->image->path : "");
        break;
    case FOLIO_BLOCK_THEMATIC:
        buf_puts(out, "* * *");
        break;
    case FOLIO_BLOCK_QUOTE: {
        folio_buf inner;
        buf_init(&inner);
        put_blocks(&inner, b->children, b->nchildren, 0, 0, (level){-1, 0});
        if (inner.oom) out->oom = 1;
        if (inner.len)
            put_prefixed(out, inner.data, inner.len - 1, "> ", "> ");
        else
            buf_putc(out, '>');
        buf_free(&inner);
        if (out->len > at && out->data[out->len - 1] == '\n') out->len--;
        break;
    }
    case FOLIO_BLOCK_LIST:
        put_list(out, b, lv);
        if (out->len > at && out->data[out->len - 1] == '\n') out->len--;
        break;
    case FOLIO_BLOCK_ITEM:
        break; /* only inside a list */
    }
    if (out->oom) return 0;
    if (!was_list) lv->last_ordered = -1;
    if (out->len == at) return 0;
    if (out->data) out->data[out->len] = '\0';
    buf_putc(out, '\n');
    return 1;
}

/* Whether a block ends in a heading or a thematic break, after which cmark
 * does not count a blank line towards making a list loose. */
static int ends_flat(const folio_block *b) {
    if (b->type == FOLIO_BLOCK_HEADING || b->type == FOLIO_BLOCK_THEMATIC) return 1;
    if ((b->type == FOLIO_BLOCK_LIST || b->type == FOLIO_BLOCK_ITEM) && b->nchildren)
        return ends_flat(&b->children[b->nchildren - 1]);
    return 0;
}

/* Blocks one after another: a blank line between them, none when tight. In
 * an item of a loose list (item 1, or 2 for the last item), a block that
 * ends flat and has something after it is followed by an empty comment,
 * whose blank line keeps the list loose. */
static void put_blocks(folio_buf *out, const folio_block *b, size_t n, int tight, int item,
                       level lv) {
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        size_t at = out->len;
        if (any && !tight) buf_putc(out, '\n');
        if (!put_block(out, &b[i], &lv)) {
            if (!out->oom) out->len = at;
            continue;
        }
        any = 1;
        if (item && (item == 1 || i + 1 < n) && ends_flat(&b[i])) buf_puts(out, "\n<!-- -->\n");
    }
    if (out->data && !out->oom) out->data[out->len] = '\0';
}

int article_write_md(const folio_article *a, folio_buf *out) {
    front_matter(a, out);
    if (a->nblocks) buf_putc(out, '\n');
    put_blocks(out, a->blocks, a->nblocks, 0, 0, (level){-1, 0});
    return out->oom ? -1 : 0;
}
