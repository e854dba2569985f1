/* ui_cells.c: preview grids into ncurses cells; the colour pair map. */
#include "config.h"
#include "ui_cells.h"

#include <stdlib.h>
#include <string.h>

void ui_cells_init(ui_cells_t *u, int first_pair)
{
    memset(u, 0, sizeof *u);
    u->first = first_pair > 0 ? first_pair : UI_CELLS_FIRST_PAIR;
    u->last = has_colors() ? COLOR_PAIRS - 1 : 0;
    u->next = u->first;
    u->gen = 1;
    if (u->last >= u->first) {
        size_t n = (size_t)(u->last - u->first + 1);
        u->cap = 16;
        while (u->cap < 2 * n)
            u->cap *= 2;
        u->slots = xcalloc(u->cap, sizeof *u->slots);
    }
}

void ui_cells_done(ui_cells_t *u)
{
    free(u->slots);
    memset(u, 0, sizeof *u);
}

void ui_cells_reset(ui_cells_t *u)
{
    /* Pairs about to be redefined may be on screen. ncurses would scan the whole screen
     * for each one (_nc_change_pair), or, for a pair that was (0,0), not notice at all;
     * repainting everything at the next refresh is both cheaper and right. */
    if (curscr)
        clearok(curscr, TRUE);
    u->next = u->first;
    u->resets++;
    if (++u->gen == 0) { /* wrapped: old slots could look current */
        if (u->slots)
            memset(u->slots, 0, u->cap * sizeof *u->slots);
        u->gen = 1;
    }
}

static size_t slot_hash(int fg, int bg)
{
    unsigned long long k = (unsigned long long)(unsigned)fg << 32 | (unsigned)bg;
    k *= 0x9e3779b97f4a7c15ULL;
    return (size_t)(k >> 29);
}

int ui_cells_pair(ui_cells_t *u, int fg, int bg)
{
    if (fg < 0 && bg < 0)
        return 0;
    if (!u->slots)
        return 0;
    size_t mask = u->cap - 1, i = slot_hash(fg, bg) & mask;
    for (;; i = (i + 1) & mask) {
        ui_pair_slot_t *s = &u->slots[i];
        if (s->gen != u->gen)
            break;
        if (s->fg == fg && s->bg == bg)
            return s->pair;
    }
    if (u->next > u->last)
        return 0;
    int pair = u->next;
    u->inits++;
    if (init_extended_pair(pair, fg, bg) == ERR)
        return 0;
    u->next++;
    ui_pair_slot_t *s = &u->slots[i];
    s->fg = fg;
    s->bg = bg;
    s->pair = pair;
    s->gen = u->gen;
    return pair;
}

int ui_cells_draw(ui_cells_t *u, WINDOW *win, int y, int x, const preview_t *p)
{
    if (!p || !win)
        return 0;
    int maxy = getmaxy(win), maxx = getmaxx(win);
    /* Each cell may need a new pair: start the map again if this image might not fit in
     * what is left (redefining pairs in use is slow in ncurses, so not every time). */
    if (p->mode != PREVIEW_MONO && u->slots &&
        (long)(u->last - u->next + 1) < (long)p->w * p->h)
        ui_cells_reset(u);
    int drawn = 0;
    for (int row = 0; row < p->h; row++) {
        int yy = y + row;
        if (yy < 0 || yy >= maxy)
            continue;
        for (int col = 0; col < p->w; col++) {
            int xx = x + col;
            const preview_cell_t *c = preview_cell(p, col, row);
            if (c->ch == 0 || xx < 0 || xx >= maxx)
                continue;
            attr_t attr = A_NORMAL;
            int pair = 0;
            if (p->mode == PREVIEW_MONO) {
                if (c->reverse)
                    attr = A_REVERSE;
            } else if (c->fg >= 0 || c->bg >= 0) {
                pair = ui_cells_pair(u, c->fg, c->bg);
                if (pair == 0)
                    u->fallbacks++;
            }
            wchar_t wc[2] = {c->ch, L'\0'};
            cchar_t cc;
            if (setcchar(&cc, wc, attr, 0, &pair) == ERR)
                continue;
            mvwadd_wch(win, yy, xx, &cc);
            drawn++;
        }
    }
    return drawn;
}
