/* yamltree.c — libyaml's event stream built into a yt_node tree with file lines. */
#include "yamltree.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Deeper nesting than this is no hand-written edition; refusing it keeps the
 * stack bounded. */
#define YT_MAX_DEPTH 64

typedef struct frame {
    yt_node *node;
    yt_node **kids; /* malloc'd until the container ends */
    size_t n, cap;
} frame;

static int push_kid(frame *f, yt_node *k) {
    if (f->n == f->cap && grow_array(&f->kids, &f->cap, f->n + 1, sizeof *f->kids, 8)) return -1;
    f->kids[f->n++] = k;
    return 0;
}

/* libyaml's description of a syntax error, with the line it gives. */
static void syntax_error(const yaml_parser_t *p, int line_offset, const char *path,
                         folio_diags *d) {
    int line = (int)p->problem_mark.line + 1 + line_offset;
    const char *what = p->problem ? p->problem : "unreadable YAML";
    if (p->error == YAML_MEMORY_ERROR)
        diag_error(d, NULL, 0, "out of memory");
    else if (p->context)
        diag_error(d, path, line, "YAML syntax error: %s (%s at line %d)", what, p->context,
                   (int)p->context_mark.line + 1 + line_offset);
    else
        diag_error(d, path, line, "YAML syntax error: %s", what);
}

yt_node *yt_parse(folio_arena *a, const char *text, size_t len, int line_offset, const char *path,
                  folio_diags *d, int *ok) {
    yaml_parser_t p;
    frame stack[YT_MAX_DEPTH];
    int depth = 0, docs = 0, done = 0, failed = 0;
    yt_node *root = NULL;
    *ok = 0;
    if (!yaml_parser_initialize(&p)) {
        diag_error(d, NULL, 0, "out of memory");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (!done && !failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(&p, line_offset, path, d);
            failed = 1;
            break;
        }
        int line = (int)ev.start_mark.line + 1 + line_offset;
        yt_node *node = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                diag_error(d, path, line, "more than one YAML document (a second '---')");
                failed = 1;
            }
            break;
        case YAML_ALIAS_EVENT:
            diag_error(d, path, line, "YAML aliases (*%s) are not supported; write the value out",
                       (const char *)ev.data.alias.anchor);
            failed = 1;
            break;
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            node = arena_alloc(a, sizeof *node);
            if (!node) {
                diag_error(d, NULL, 0, "out of memory");
                failed = 1;
                break;
            }
            node->line = line;
            if (ev.type == YAML_SCALAR_EVENT) {
                node->type = YT_SCALAR;
                node->len = ev.data.scalar.length;
                node->str = arena_strndup(a, (const char *)ev.data.scalar.value, node->len);
                node->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                              ev.data.scalar.plain_implicit;
                if (!node->str) {
                    diag_error(d, NULL, 0, "out of memory");
                    failed = 1;
                    break;
                }
            } else {
                node->type = ev.type == YAML_SEQUENCE_START_EVENT ? YT_SEQ : YT_MAP;
            }
            if (depth == 0)
                root = node;
            else if (push_kid(&stack[depth - 1], node)) {
                diag_error(d, NULL, 0, "out of memory");
                failed = 1;
                break;
            }
            if (node->type != YT_SCALAR) {
                if (depth == YT_MAX_DEPTH) {
                    diag_error(d, path, line, "YAML nested too deeply");
                    failed = 1;
                    break;
                }
                stack[depth++] = (frame){node, NULL, 0, 0};
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            frame *f = &stack[--depth];
            if (f->n) {
                f->node->items = arena_calloc(a, f->n, sizeof *f->node->items);
                if (!f->node->items) {
                    diag_error(d, NULL, 0, "out of memory");
                    failed = 1;
                } else {
                    memcpy(f->node->items, f->kids, f->n * sizeof *f->kids);
                    f->node->n = f->n;
                }
            }
            free(f->kids);
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    while (depth > 0)
        free(stack[--depth].kids);
    yaml_parser_delete(&p);
    if (failed) return NULL;
    *ok = 1;
    return root;
}
