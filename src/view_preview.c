/* view_preview.c: the image area of the review screen. Previews are made by the
 * prefetch workers (decoding in a helper process, drawing with chafa); this file asks
 * for the current item and its neighbours and draws what is ready through ui_cells. */
#include "config.h"
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "prefetch.h"
#include "termgfx.h"
#include "ui.h"
#include "ui_cells.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How many items ahead (and behind) are prepared while the reviewer looks at one.
 * EYEBALL_PREFETCH=0 in the environment turns this off (each preview is then made
 * when its item is shown): bench/run measures what preparing ahead saves. */
#define PREFETCH_AHEAD 3
#define PREFETCH_BEHIND 1
/* How long the UI waits for the current preview before drawing "loading" and
 * coming back when it is ready. */
#define PREVIEW_WAIT_MS 12

/* A pixel image on the screen: its sequence and the cells it covers. */
typedef struct placement {
    int y, x, w, h;
    char *seq;
    size_t len;
} placement_t;

#define MAX_PLACEMENTS 64 /* a full grid (view_grid.c) holds at most 48 */

struct preview_state {
    prefetch_t *pf;     /* NULL when the workers could not start: placeholders only */
    char *pf_error;     /* why not */
    ui_cells_t cells;
    int ready;          /* cells initialised and mode chosen (after curses started) */
    preview_mode_t mode;
    int pending;        /* the current preview was not ready at the last draw */
    size_t ahead, behind; /* neighbours to prepare */
    termgfx_t gfx;      /* symbols, or the pixel protocol in use */
    char why[160];      /* why that one */
    int cell_w, cell_h; /* the terminal's cell in pixels (0: unknown) */
    placement_t want[MAX_PLACEMENTS]; /* pixel images of the screen being drawn */
    size_t nwant;
    placement_t shown[MAX_PLACEMENTS]; /* pixel images the terminal shows */
    size_t nshown;
    int stale;          /* the terminal's images may be gone or damaged: draw them again */
};

static void placements_clear(placement_t *v, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        free(v[i].seq);
    *n = 0;
}

/* Chooses how images are drawn: asked is "auto" or a mode (already checked). In auto
 * mode, when the environment says nothing, a terminal on both standard descriptors is
 * asked for its attributes (sixel support) before curses starts. */
extern char **environ;

static void choose_gfx(struct preview_state *ps, const char *asked)
{
    termgfx_t want;
    int is_auto;
    if (termgfx_parse(asked ? asked : "auto", &want, &is_auto) < 0)
        is_auto = 1;
    char da1[128] = "";
    int interactive = !getenv("EYEBALL_KEYS") && isatty(0) && isatty(1);
    termgfx_cell_size(1, &ps->cell_w, &ps->cell_h);
    if (is_auto && getenv("EYEBALL_KEYS")) {
        /* Headless (tests, benchmarks): the screens must not depend on the terminal the
         * tests run in. */
        ps->gfx = TERMGFX_SYMBOLS;
        snprintf(ps->why, sizeof ps->why, "headless, keys from a script");
        return;
    }
    ps->gfx = termgfx_choose(want, is_auto, environ, NULL, ps->why, sizeof ps->why);
    if (interactive && !termgfx_in_multiplexer(environ) &&
        ((is_auto && ps->gfx == TERMGFX_SYMBOLS) || (ps->gfx != TERMGFX_SYMBOLS && !ps->cell_w))) {
        int cw, ch;
        if (termgfx_query(0, 1, 300, da1, sizeof da1, &cw, &ch) == 0) {
            if (!ps->cell_w) {
                ps->cell_w = cw;
                ps->cell_h = ch;
            }
            if (is_auto)
                ps->gfx = termgfx_detect(environ, da1, ps->why, sizeof ps->why);
        }
    }
}

struct preview_state *view_preview_new(const char *asked)
{
    struct preview_state *ps = xcalloc(1, sizeof *ps);
    err_t e = {0};
    choose_gfx(ps, asked);
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
    placements_clear(ps->want, &ps->nwant);
    placements_clear(ps->shown, &ps->nshown);
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
        ps->mode = ps->gfx == TERMGFX_SIXEL   ? PREVIEW_SIXEL
                   : ps->gfx == TERMGFX_KITTY ? PREVIEW_KITTY
                   : ps->gfx == TERMGFX_ITERM ? PREVIEW_ITERM
                                              : preview_mode_for_colors(ui_colors());
        ps->ready = 1;
    }
    ps->pending = 0;
    placements_clear(ps->want, &ps->nwant);
    if (PREVIEW_IS_PIXELS(ps->mode) && ps->pf) {
        /* The font may have changed with the size. */
        int cw, ch;
        termgfx_cell_size(1, &cw, &ch);
        if (cw > 0 && ch > 0) {
            ps->cell_w = cw;
            ps->cell_h = ch;
        }
        prefetch_set_cell_size(ps->pf, ps->cell_w, ps->cell_h);
    }
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
    if (p->seq && ps->nwant < MAX_PLACEMENTS) {
        /* The cells are blanks that keep the room; the image comes after the refresh. */
        placement_t *pl = &ps->want[ps->nwant++];
        pl->y = oy;
        pl->x = ox;
        pl->w = p->w;
        pl->h = p->h;
        pl->seq = p->seq;
        pl->len = p->seq_len;
        p->seq = NULL;
    }
    preview_free(p);
}

void view_preview_hide(review_t *r)
{
    struct preview_state *ps = r->preview;
    placements_clear(ps->want, &ps->nwant);
}

void view_preview_stale(review_t *r)
{
    r->preview->stale = 1;
}

static int placements_equal(const struct preview_state *ps)
{
    if (ps->nwant != ps->nshown)
        return 0;
    for (size_t i = 0; i < ps->nwant; i++) {
        const placement_t *a = &ps->want[i], *b = &ps->shown[i];
        if (a->y != b->y || a->x != b->x || a->w != b->w || a->h != b->h || a->len != b->len ||
            memcmp(a->seq, b->seq, a->len) != 0)
            return 0;
    }
    return 1;
}

void view_preview_before_refresh(review_t *r)
{
    struct preview_state *ps = r->preview;
    if (ps && !PREVIEW_IS_PIXELS(ps->mode))
        ps->stale = 0; /* symbols live in curses' cells: curses redraws them itself */
    if (!ps || (!ps->stale && placements_equal(ps)))
        return;
    if (ps->stale) {
        /* After a resize or Ctrl-L the old boxes may be anywhere: clear the whole
         * screen (which erases images too) and write it again. */
        clearok(curscr, TRUE);
        return;
    }
    /* The rows under the images shown so far are written again in full, which erases
     * sixel and iTerm2 images (text replaces them cell by cell). */
    for (size_t i = 0; i < ps->nshown; i++) {
        const placement_t *pl = &ps->shown[i];
        int y0 = pl->y < 0 ? 0 : pl->y, y1 = pl->y + pl->h > LINES ? LINES : pl->y + pl->h;
        if (y1 > y0)
            wredrawln(stdscr, y0, y1 - y0);
    }
}

void view_preview_after_refresh(review_t *r)
{
    struct preview_state *ps = r->preview;
    if (!ps || (!ps->stale && placements_equal(ps)))
        return;
    /* Kitty keeps images apart from the text: they are deleted explicitly. */
    if (ps->mode == PREVIEW_KITTY && (ps->nshown || ps->stale))
        ui_write_raw("\033_Ga=d,d=A\033\\", 12);
    for (size_t i = 0; i < ps->nwant; i++) {
        const placement_t *pl = &ps->want[i];
        char pos[32];
        /* Save the cursor, go to the box, draw, and put the cursor back where curses
         * left it. */
        int n = snprintf(pos, sizeof pos, "\0337\033[%d;%dH", pl->y + 1, pl->x + 1);
        ui_write_raw(pos, (size_t)n);
        ui_write_raw(pl->seq, pl->len);
        ui_write_raw("\0338", 2);
    }
    placements_clear(ps->shown, &ps->nshown);
    for (size_t i = 0; i < ps->nwant; i++) {
        ps->shown[i] = ps->want[i];
        ps->shown[i].seq = xmalloc(ps->want[i].len + 1);
        memcpy(ps->shown[i].seq, ps->want[i].seq, ps->want[i].len);
    }
    ps->nshown = ps->nwant;
    ps->stale = 0;
}

void view_preview_leave(review_t *r)
{
    struct preview_state *ps = r->preview;
    /* Kitty would keep the images over the shell's screen. */
    if (ps && ps->mode == PREVIEW_KITTY && ps->nshown)
        ui_write_raw("\033_Ga=d,d=A\033\\", 12);
    if (ps)
        placements_clear(ps->shown, &ps->nshown);
}

const char *view_preview_describe(const review_t *r, char *buf, size_t len)
{
    const struct preview_state *ps = r->preview;
    if (ps->gfx == TERMGFX_SYMBOLS)
        snprintf(buf, len, "previews: symbols, %s colours (%s)",
                 ps->ready ? preview_mode_name(ps->mode) : "terminal", ps->why);
    else
        snprintf(buf, len, "previews: %s (%s)", termgfx_name(ps->gfx), ps->why);
    return buf;
}

int view_preview_pixels(const review_t *r)
{
    return r->preview->gfx != TERMGFX_SYMBOLS;
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
