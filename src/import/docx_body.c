/* docx_body.c — the block content of the body, table cells, text boxes and notes. */
#include "docx_private.h"

#include <string.h>

/* A table: a warning, then the text of its cells, row by row. */
static int table(dx_ctx *c, const xmlNode *t, dx_paras *out) {
    int rows = 0, cols = 0;
    for (const xmlNode *r = t->children; r; r = r->next) {
        if (!dx_w(r, "tr")) continue;
        int n = 0;
        for (const xmlNode *k = r->children; k; k = k->next)
            n += dx_w(k, "tc");
        rows++;
        if (n > cols) cols = n;
    }
    dx_warn(c, c->pnum + 1,
            "a table (%d row%s, %d column%s) cannot be carried; the text of its cells is kept as "
            "paragraphs, row by row",
            rows, rows == 1 ? "" : "s", cols, cols == 1 ? "" : "s");
    for (const xmlNode *r = t->children; r; r = r->next) {
        if (!dx_w(r, "tr")) continue;
        for (const xmlNode *k = r->children; k; k = k->next) {
            c->join_out = NULL; /* no paragraph runs on into or out of a cell */
            if (dx_w(k, "tc") && dx_blocks_of(c, k, out, 1)) return -1;
        }
    }
    c->join_out = NULL;
    return 0;
}

/* A content control Word uses for its own table of contents or cover page. */
static int is_gallery(dx_ctx *c, const xmlNode *sdt, const char *what) {
    const xmlNode *pr = dx_child(sdt, "sdtPr");
    const xmlNode *obj = dx_child(pr, "docPartObj");
    const char *g = obj ? dx_val(c, obj, "docPartGallery") : NULL;
    return g && strstr(g, what) != NULL;
}

int dx_blocks_of(dx_ctx *c, const xmlNode *n, dx_paras *out, int in_table) {
    if (!n) return 0;
    if (c->depth >= DX_MAX_DEPTH)
        return diag_error(c->d, c->src, 0, "tables or text boxes nested more than %d deep",
                          DX_MAX_DEPTH);
    c->depth++;
    int r = 0;
    for (const xmlNode *k = n->children; k && !r && !c->oom; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        if (dx_w(k, "p")) {
            r = dx_paragraph(c, k, out, in_table);
        } else if (dx_w(k, "tbl")) {
            r = table(c, k, out);
        } else if (dx_w(k, "sdt")) {
            if (is_gallery(c, k, "Table of Contents"))
                dx_warn(c, c->pnum + 1,
                        "the manuscript's own table of contents left out (the edition makes one)");
            else
                r = dx_blocks_of(c, dx_child(k, "sdtContent"), out, in_table);
        } else if (dx_w(k, "del") || dx_w(k, "moveFrom")) {
            c->deletions++;
        } else if (dx_w(k, "customXml") || dx_w(k, "ins") || dx_w(k, "moveTo") ||
                   dx_w(k, "smartTag")) {
            r = dx_blocks_of(c, k, out, in_table);
        } else if (dx_is(k, "AlternateContent")) {
            const xmlNode *ch = dx_child(k, "Choice");
            r = dx_blocks_of(c, ch ? ch : dx_child(k, "Fallback"), out, in_table);
        } else if (dx_w(k, "altChunk")) {
            dx_warn(c, c->pnum + 1,
                    "an embedded document (altChunk) cannot be read; left out (open the "
                    "manuscript in Word and save it again)");
        } else if (dx_is(k, "oMathPara") || dx_is(k, "oMath")) {
            dx_warn(c, c->pnum + 1, "an equation outside a paragraph cannot be carried; left out");
        }
    }
    c->depth--;
    return r || c->oom ? -1 : 0;
}

int dx_read_body(dx_ctx *c) {
    int missing = 0;
    xmlDocPtr doc = dx_xml(c, "word/document.xml", &missing);
    if (!doc)
        return missing ? diag_error(c->d, c->src, 0, "no word/document.xml: not a .docx") : -1;
    const xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *body = dx_w(root, "document") ? dx_child(root, "body") : NULL;
    int r = body ? dx_blocks_of(c, body, &c->body, 0)
                 : diag_error(c->d, c->src, 0, "word/document.xml has no body (w:document/w:body)");
    xmlFreeDoc(doc);
    return r;
}
