/* sheet.c: drawing a contact sheet. */
#include "config.h"
#include "sheet.h"

#include <stdlib.h>
#include <string.h>

#define PAD 8          /* space around and between cells, and inside a cell */
#define TITLE_SCALE 2  /* the title's font pixel size */
#define CAPTION_LINES 4
#define COLOR_BG 0xffffff
#define COLOR_CELL 0xeeeeee
#define COLOR_TEXT 0x1b1b1b
#define COLOR_FIX 0x9b1c1c
#define COLOR_NOTE 0x444444
#define COLOR_PLACEHOLDER 0xb0b0b0

static void caption(raster_t *r, int x, int y, int w, const char *text, raster_rgb_t c)
{
    char *safe = util_sanitize(text); /* line breaks and controls made visible */
    char *fit = raster_text_fit(safe, w, 1);
    free(safe);
    raster_text(r, x, y, fit, 1, c);
    free(fit);
}

/* Blends img centred in the box at (x, y) over the cell colour; an image less than half
 * the box is enlarged by a whole factor (each pixel a square), so small images stay
 * visible and sharp. */
static void put_image(raster_t *r, int x, int y, int box, const image_t *img)
{
    int f = img->w > 0 && img->h > 0 ? box / (img->w > img->h ? img->w : img->h) : 1;
    if (f < 1)
        f = 1;
    int ox = x + (box - img->w * f) / 2, oy = y + (box - img->h * f) / 2;
    for (int j = 0; j < img->h * f; j++) {
        int ty = oy + j;
        if (ty < 0 || ty >= r->h)
            continue;
        for (int i = 0; i < img->w * f; i++) {
            int tx = ox + i;
            if (tx < 0 || tx >= r->w)
                continue;
            const unsigned char *p =
                img->rgba + 4 * ((size_t)(j / f) * (size_t)img->w + (size_t)(i / f));
            unsigned char *q = r->px + 3 * ((size_t)ty * (size_t)r->w + (size_t)tx);
            for (int k = 0; k < 3; k++)
                q[k] = (unsigned char)((p[k] * p[3] + q[k] * (255 - p[3]) + 127) / 255);
        }
    }
}

raster_t *sheet_render(const char *title, const sheet_item_t *items, size_t n, int box,
                       int cols)
{
    if (cols < 1)
        cols = 1;
    if ((size_t)cols > n && n > 0)
        cols = (int)n;
    int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    int cell_w = box + 2 * PAD;
    int cell_h = box + 2 * PAD + CAPTION_LINES * RASTER_LINE_H;
    int title_h = RASTER_LINE_H * TITLE_SCALE + 2 * PAD;
    int width = PAD + cols * (cell_w + PAD);
    int min_w = raster_text_width(title, TITLE_SCALE) + 2 * PAD;
    if (width < min_w)
        width = min_w;
    if (width > 16384)
        width = 16384;
    int height = title_h + rows * (cell_h + PAD) + PAD;
    if (height > 16384)
        height = 16384;
    raster_t *r = raster_new(width, height);
    raster_rect(r, 0, 0, width, height, COLOR_BG);
    raster_text(r, PAD, PAD, title, TITLE_SCALE, COLOR_TEXT);
    for (size_t k = 0; k < n; k++) {
        const sheet_item_t *it = &items[k];
        int x = PAD + (int)(k % (size_t)cols) * (cell_w + PAD);
        int y = title_h + (int)(k / (size_t)cols) * (cell_h + PAD);
        if (y >= height)
            break;
        raster_rect(r, x, y, x + cell_w, y + cell_h, COLOR_CELL);
        int bx = x + PAD, by = y + PAD;
        if (it->img) {
            put_image(r, bx, by, box, it->img);
        } else {
            raster_rect(r, bx, by, bx + box, by + box, COLOR_PLACEHOLDER);
            caption(r, bx + 4, by + box / 2 - 4, box - 8, it->why ? it->why : "no image",
                    COLOR_TEXT);
        }
        int ty = by + box + PAD / 2;
        caption(r, bx, ty, box, it->id, COLOR_TEXT);
        char *lp = xasprintf("label %s, pred %s", it->label, it->pred);
        caption(r, bx, ty + RASTER_LINE_H, box, lp, COLOR_TEXT);
        free(lp);
        if (it->fix_new) {
            char *fx = xasprintf("fix: %s -> %s", it->fix_old, it->fix_new);
            caption(r, bx, ty + 2 * RASTER_LINE_H, box, fx, COLOR_FIX);
            free(fx);
        }
        if (it->note)
            caption(r, bx, ty + 3 * RASTER_LINE_H, box, it->note, COLOR_NOTE);
    }
    return r;
}
