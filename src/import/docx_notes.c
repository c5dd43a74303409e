/* docx_notes.c — footnotes and endnotes, numbered as the body refers to them. */
#include "docx_private.h"

#include "../util/grow.h"

#include <stdlib.h>
#include <string.h>

static int read_part(dx_ctx *c, const char *name, const char *element, int endnote) {
    int missing = 0;
    xmlDocPtr doc = dx_xml(c, name, &missing);
    if (!doc) return missing ? 0 : -1;
    const xmlNode *root = xmlDocGetRootElement(doc);
    int r = 0;
    for (const xmlNode *k = root ? root->children : NULL; k && !r; k = k->next) {
        if (!dx_w(k, element)) continue;
        const char *type = dx_attr(c, k, "type"), *id = dx_attr(c, k, "id");
        if ((type && strcmp(type, "normal")) || !id) continue; /* separators */
        if (c->nnotes == c->capnotes &&
            grow_array(&c->notes, &c->capnotes, c->nnotes + 1, sizeof *c->notes, 16)) {
            r = dx_oom(c);
            break;
        }
        dx_note *n = &c->notes[c->nnotes++];
        memset(n, 0, sizeof *n);
        n->endnote = endnote;
        n->id = strtol(id, NULL, 10);
        c->note_id = n->id ? n->id : 1;
        c->note_end = endnote;
        r = dx_blocks_of(c, k, &n->paras, 1);
        c->note_id = 0;
    }
    xmlFreeDoc(doc);
    return r;
}

int dx_read_notes(dx_ctx *c) {
    if (read_part(c, "word/footnotes.xml", "footnote", 0)) return -1;
    return read_part(c, "word/endnotes.xml", "endnote", 1);
}

int dx_note_ref(dx_ctx *c, int endnote, long id) {
    for (size_t i = 0; i < c->nnotes; i++) {
        dx_note *n = &c->notes[i];
        if (n->endnote != endnote || n->id != id) continue;
        if (!n->number) n->number = ++c->nnumbered;
        return n->number;
    }
    return 0;
}
