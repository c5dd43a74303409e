/* stack.c — vertical stacks of lines and boxes (title blocks, headings,
 * figures), measured so that each takes whole lines of the grid (GRID-2). */
#include "compose.h"

#include "../util/grow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void stack_init(stack *s) {
    memset(s, 0, sizeof *s);
}

void stack_free(stack *s) {
    free(s->lines);
    free(s->boxes);
    memset(s, 0, sizeof *s);
}

void stack_space(stack *s, float pts) {
    s->depth += pts;
}

void stack_lines(stack *s, const folio_line *lines, size_t n, float size, float pitch) {
    for (size_t i = 0; i < n; i++) {
        if (s->n == s->cap && grow_array(&s->lines, &s->cap, s->n + 1, sizeof *s->lines, 8)) {
            s->oom = 1;
            return;
        }
        /* same style: baselines one pitch apart; between styles (or after a
         * box) each side contributes half of its own leading */
        float gap = 0;
        if (s->n || s->nb)
            gap = (pitch - size) / 2 + (s->last_pitch > 0 ? (s->last_pitch - s->last_size) / 2 : 0);
        folio_line ln = lines[i];
        float top = s->depth + gap;
        ln.y = -(top + EM_ASCENT * size);
        s->lines[s->n++] = ln;
        s->depth = top + size;
        s->last_pitch = pitch;
        s->last_size = size;
    }
}

void stack_box(stack *s, const folio_box *b, float h) {
    if (s->nb == s->bcap && grow_array(&s->boxes, &s->bcap, s->nb + 1, sizeof *s->boxes, 4)) {
        s->oom = 1;
        return;
    }
    folio_box bx = *b;
    bx.y = -(s->depth + h);
    bx.h = h;
    s->boxes[s->nb++] = bx;
    s->depth += h;
    s->last_pitch = 0;
}

int grid_slots(const folio_layout *l, float depth) {
    /* k slots span (k - 1) x pitch + size */
    if (depth <= l->body_size + 0.01f) return 1;
    return (int)ceilf((depth - l->body_size) / l->body_pitch - 0.01f) + 1;
}
