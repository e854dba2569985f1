/* view_preview.c: the image area of the review screen. Previews are made by the
 * prefetch workers (decoding in a helper process, drawing with chafa); this file asks
 * for the current item and its neighbours and draws what is ready through ui_cells. */
#include "config.h"
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "prefetch.h"
#include "ui.h"
#include "ui_cells.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>

/* How many items ahead (and behind) are prepared while the reviewer looks at one.
 * EYEBALL_PREFETCH=0 in the environment turns this off (each preview is then made
 * when its item is shown): bench/run measures what preparing ahead saves. */
#define PREFETCH_AHEAD 3
#define PREFETCH_BEHIND 1
/* How long the UI waits for the current preview before drawing "loading" and
 * coming back when it is ready. */
#define PREVIEW_WAIT_MS 12

struct preview_state {
    prefetch_t *pf;     /* NULL when the workers could not start: placeholders only */
    char *pf_error;     /* why not */
    ui_cells_t cells;
    int ready;          /* cells initialised and mode chosen (after curses started) */
    preview_mode_t mode;
    int pending;        /* the current preview was not ready at the last draw */
    size_t ahead, behind; /* neighbours to prepare */
};

struct preview_state *view_preview_new(void)
{
    struct preview_state *ps = xcalloc(1, sizeof *ps);
    err_t e = {0};
    const char *env = getenv("EYEBALL_PREFETCH");
    int off = env && strcmp(env, "0") == 0;
    ps->ahead = off ? 0 : PREFETCH_AHEAD;
    ps->behind = off ? 0 : PREFETCH_BEHIND;
    /* The cache holds a full grid (view_grid.c: at most 48 tiles) and the next page's
     * first row. */
    ps->pf = prefetch_new(2, 64, NULL, &e);
    if (!ps->pf)
        ps->pf_error = xstrdup(e.msg);
    return ps;
}

void view_preview_free(struct preview_state *ps)
{
    if (!ps)
        return;
    prefetch_free(ps->pf);
    if (ps->ready)
        ui_cells_done(&ps->cells);
    free(ps->pf_error);
    free(ps);
}

int view_preview_pending(const struct preview_state *ps)
{
    return ps && ps->pending;
}

void view_preview_begin(review_t *r)
{
    struct preview_state *ps = r->preview;
    if (!ps->ready) {
        ui_cells_init(&ps->cells, UI_PAIRS_RESERVED + 1);
        ps->mode = preview_mode_for_colors(ui_colors());
        ps->ready = 1;
    }
    ps->pending = 0;
    /* What the last screen asked ahead of time is no longer wanted first. */
    if (ps->pf)
        prefetch_cancel(ps->pf);
}

void view_preview_item(review_t *r, size_t i, int y, int x, int h, int w)
{
    struct preview_state *ps = r->preview;
    /* One column of margin on the right, towards the panel or the next tile. */
    int bw = w - 1, bh = h;
    if (bw < 4 || bh < 2 || i >= r->n)
        return;
    preview_t *p = NULL;
    if (!ps->pf)
        p = preview_placeholder(ps->pf_error, bw, bh, ps->mode);
    else /* Scripted runs wait, so screen dumps never show a half-loaded state. */
        p = prefetch_wait(ps->pf, r->paths[i], bw, bh, ps->mode,
                          ui_scripted() ? -1 : PREVIEW_WAIT_MS);
    if (!p) {
        ps->pending = 1;
        ui_put(y + bh / 2, x + (bw > 10 ? (bw - 10) / 2 : 0), bw, "loading…", A_NORMAL,
               UI_PAIR_DIM);
        return;
    }
    /* Centre the preview in its box. */
    int oy = y + (bh - p->h) / 2, ox = x + (bw - p->w) / 2;
    ui_cells_draw(&ps->cells, stdscr, oy, ox, p);
    preview_free(p);
}

void view_preview_ahead(review_t *r, size_t i, int h, int w)
{
    struct preview_state *ps = r->preview;
    if (ps->pf && i < r->n && w - 1 >= 4 && h >= 2)
        prefetch_request(ps->pf, r->paths[i], w - 1, h, ps->mode);
}

void view_preview_draw(review_t *r, int y, int x, int h, int w)
{
    struct preview_state *ps = r->preview;
    view_preview_begin(r);
    view_preview_item(r, r->cur, y, x, h, w);
    for (size_t k = 1; k <= ps->ahead; k++)
        view_preview_ahead(r, r->cur + k, h, w);
    for (size_t k = 1; k <= ps->behind; k++)
        if (r->cur >= k)
            view_preview_ahead(r, r->cur - k, h, w);
}
