/* view_grid.c: the grid (key v): the items from the selected one on, as many tiles as fit,
 * each with its preview, id, label and prediction. The selected tile is the current item
 * (r->cur), so every key that tags or fixes an item acts on it as in the single view. */
#include "config.h"
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "ui.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Smallest tile: room for a preview of a few cells and two lines of text. Tiles grow to
 * share the screen; at 80x24 the grid is 3x2, at the 60x16 minimum 2x2. */
#define TILE_MIN_W 24
#define TILE_MIN_H 9
/* At most this many tiles (the prefetch cache holds them all). */
#define GRID_MAX_COLS 8
#define GRID_MAX_ROWS 6

static void grid_shape(int *cols, int *rows)
{
    int body = LINES - 3;
    *cols = COLS / TILE_MIN_W;
    *rows = body / TILE_MIN_H;
    *cols = *cols < 2 ? 2 : *cols > GRID_MAX_COLS ? GRID_MAX_COLS : *cols;
    *rows = *rows < 2 ? 2 : *rows > GRID_MAX_ROWS ? GRID_MAX_ROWS : *rows;
}

/* Keys of the categories ticked on v, space-separated, into buf. */
static void tag_keys(const review_t *r, const sample_view_t *v, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t t = 0; t < v->ntags; t++)
        for (size_t i = 0; i < r->ncats; i++)
            if (r->cats[i].cid == v->tags[t] && n + 3 < len) {
                const char *k = r->cats[i].key && r->cats[i].key[0] ? r->cats[i].key : "·";
                n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "", k);
            }
}

/* The two text lines under a tile's preview. */
static void draw_caption(review_t *r, size_t i, int y, int x, int w)
{
    int sel = i == r->cur;
    sample_view_t v;
    err_t e = {0};
    int pair = sel ? UI_PAIR_SELECT : 0;
    ui_fill(y, x, w - 1, pair, A_NORMAL);
    if (store_sample_view(r->st, r->sids[i], r->pass.mid, &v, &e) < 0) {
        ui_put(y, x, w - 1, e.msg, A_NORMAL, UI_PAIR_ERROR);
        return;
    }
    char head[64];
    /* The marks read in any colour (and in screen dumps): ▶ selected, ✓ reviewed. */
    snprintf(head, sizeof head, "%s%s%zu ", sel ? "▶" : " ", v.reviewed ? "✓" : " ", i + 1);
    int used = ui_put(y, x, w - 1, head, sel ? A_BOLD : A_NORMAL, pair);
    ui_put(y, x + used, w - 1 - used, v.id, sel ? A_BOLD : A_NORMAL, pair);

    /* label → prediction (the staged fix when there is one), then the ticked keys. */
    char line[512], keys[128];
    tag_keys(r, &v, keys, sizeof keys);
    const char *pred = v.pred ? v.pred : "-";
    if (v.staged_label)
        snprintf(line, sizeof line, "%s→%s fix %s", v.label, pred, v.staged_label);
    else
        snprintf(line, sizeof line, "%s→%s", v.label, pred);
    int kw = keys[0] ? ui_width(keys) + 3 : 0;
    if (kw > w / 2)
        kw = 0;
    int lw = ui_put(y + 1, x, w - 1 - kw, line, A_NORMAL,
                    v.pred && strcmp(v.label, v.pred) != 0 ? UI_PAIR_WRONG : 0);
    if (kw) {
        char tags[140];
        snprintf(tags, sizeof tags, "[%s]", keys);
        ui_put(y + 1, x + lw + 1, kw, tags, A_NORMAL, UI_PAIR_ACCENT);
    }
    store_sample_view_free(&v);
}

void view_draw_grid(review_t *r)
{
    int cols, rows;
    grid_shape(&cols, &rows);
    r->grid_cols = cols;
    r->grid_rows = rows;
    size_t per = (size_t)cols * (size_t)rows;
    /* A grid opened near the end shows the last page full. Then the selection stays in
     * view, a page at a time from there. */
    while (r->cur < r->grid_top)
        r->grid_top = r->grid_top >= per ? r->grid_top - per : 0;
    while (r->cur >= r->grid_top + per)
        r->grid_top += per;
    if (r->grid_top + per > r->n)
        r->grid_top = r->n > per ? r->n - per : 0;
    int body = LINES - 3, tw = COLS / cols, th = body / rows;
    view_preview_begin(r);
    for (size_t k = 0; k < per && r->grid_top + k < r->n; k++) {
        size_t i = r->grid_top + k;
        int ty = 1 + (int)(k / (size_t)cols) * th, tx = (int)(k % (size_t)cols) * tw;
        view_preview_item(r, i, ty, tx, th - 2, tw);
        draw_caption(r, i, ty + th - 2, tx, tw);
    }
    /* The next page, ahead of time. */
    for (size_t k = 0; k < per; k++)
        view_preview_ahead(r, r->grid_top + per + k, th - 2, tw);
}

int view_grid_key(review_t *r, int key, size_t *to)
{
    size_t cols = r->grid_cols > 0 ? (size_t)r->grid_cols : 1;
    if (key == UI_FN(KEY_LEFT))
        *to = r->cur > 0 ? r->cur - 1 : 0;
    else if (key == UI_FN(KEY_RIGHT))
        *to = r->cur + 1 < r->n ? r->cur + 1 : r->cur;
    else if (key == UI_FN(KEY_UP))
        *to = r->cur >= cols ? r->cur - cols : r->cur;
    else if (key == UI_FN(KEY_DOWN))
        *to = r->cur + cols < r->n ? r->cur + cols : r->n ? r->n - 1 : 0;
    else
        return 0;
    return 1;
}
