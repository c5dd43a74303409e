/* issue_report.c — import-report.txt: each decision the import was unsure
 * of, as SOURCE:LINE: note: WHAT, then what every source line became. */
#include "issue_private.h"

#include <stdarg.h>
#include <stdio.h>

void issue_note(issue_ctx *c, size_t line, const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int src = line < c->l->n ? c->l->v[line].src_line : 0;
    if (c->l->from_pdf && line < c->l->n)
        buf_printf(&c->report, "%s:%d: note: (page %d) %s\n", c->src, src, c->l->v[line].page, msg);
    else
        buf_printf(&c->report, "%s:%d: note: %s\n", c->src, src, msg);
    c->notes++;
}
