/* preview.h: an image turned into a grid of terminal cells (character + colours), ready
 * for the UI to draw. No ncurses here: the grid is built by libchafa in worker threads
 * (see prefetch.h) and drawn on the UI thread by ui_cells.h.
 *
 * Colours of a cell depend on the mode: packed 0xRRGGBB in PREVIEW_TRUECOLOR, a palette
 * index (0-255) in the indexed modes, and PREVIEW_DEFAULT (-1, the terminal's default
 * colour) anywhere. In PREVIEW_MONO there are no colours; `reverse` marks cells drawn in
 * reverse video. */
#ifndef EYEBALL_PREVIEW_H
#define EYEBALL_PREVIEW_H

#include <stdint.h>
#include <wchar.h>
#include "decoder.h"

#define PREVIEW_DEFAULT (-1)
#define PREVIEW_FONT_RATIO 0.5 /* cell width / cell height when the terminal does not say */

typedef enum preview_mode {
    PREVIEW_TRUECOLOR, /* 24-bit colour, ncurses COLORS >= 2^24 (a *-direct TERM) */
    PREVIEW_256,       /* palette 16-255 (chafa INDEXED_240), COLORS >= 256 */
    PREVIEW_16,        /* palette 0-15, COLORS >= 16 */
    PREVIEW_8,         /* palette 0-7, COLORS >= 8 */
    PREVIEW_MONO,      /* no colours: characters and reverse video */
    /* Real pixels (see termgfx.h): the preview is an escape sequence for the terminal,
     * and its cells are blanks that reserve the room on screen. */
    PREVIEW_SIXEL,
    PREVIEW_KITTY,
    PREVIEW_ITERM
} preview_mode_t;

/* 1 for the modes that draw pixels with an escape sequence. */
#define PREVIEW_IS_PIXELS(mode) ((mode) >= PREVIEW_SIXEL)

typedef struct preview_cell {
    wchar_t ch;       /* 0: right half of the wide character to its left; draw nothing */
    int32_t fg, bg;   /* see the top of this file */
    uint8_t reverse;  /* PREVIEW_MONO: draw in reverse video */
} preview_cell_t;

typedef struct preview {
    int w, h;              /* grid size in cells (the image's, at most the box) */
    preview_mode_t mode;
    int img_w, img_h;      /* the image's size in pixels; 0 for a placeholder */
    char *reason;          /* NULL for an image; else why there is a placeholder */
    preview_cell_t *cells; /* w*h cells, row by row */
    char *seq;             /* pixel modes: the sequence drawing the image at the cursor
                            * over w x h cells; NULL otherwise (and for placeholders) */
    size_t seq_len;
} preview_t;

/* The mode for a terminal: from ncurses COLORS (pass 0 when has_colors() is false). */
preview_mode_t preview_mode_for_colors(int colors);

/* Name of a mode ("truecolor", "256", "16", "8", "mono", "sixel", "kitty", "iterm"). */
const char *preview_mode_name(preview_mode_t mode);

/* Size in cells of the preview of a src_w x src_h image inside a box_w x box_h box:
 * keeps the aspect ratio (font_ratio = cell width / height; <= 0 means 0.5) and fills
 * the box in one direction, enlarging small images. */
void preview_geometry(int src_w, int src_h, int box_w, int box_h, double font_ratio,
                      int *w, int *h);

/* Renders pixels (RGBA8, unassociated alpha, rows of stride bytes) with chafa into a
 * grid of at most box_w x box_h cells. img_w/img_h: the image's original size, for the
 * aspect ratio (the pixels may be a shrunk copy). Safe to call from several threads at
 * once. Returns NULL only when box_w or box_h < 1. Caller frees with preview_free. */
preview_t *preview_from_pixels(const unsigned char *rgba, int w, int h, int stride, int img_w,
                               int img_h, int box_w, int box_h, preview_mode_t mode);

/* A box_w x box_h placeholder: a frame with the reason centred in it (wrapped on
 * words, cut to fit). reason is copied. NULL only when box_w or box_h < 1. */
preview_t *preview_placeholder(const char *reason, int box_w, int box_h, preview_mode_t mode);

/* The whole pipeline for one file: decodes path with d (in its helper process), shrinks
 * it to the box, renders it; on any failure a placeholder with the reason. Never NULL
 * for a box of at least 1x1. */
preview_t *preview_load(decoder_t *d, const char *path, int box_w, int box_h,
                        preview_mode_t mode);

/* preview_load for a terminal whose cells are cell_w x cell_h pixels (0: unknown, taken
 * as 8 x 16): in the pixel modes the image is drawn with as many pixels as the cells
 * hold, and sized to them. */
preview_t *preview_load_px(decoder_t *d, const char *path, int box_w, int box_h,
                           preview_mode_t mode, int cell_w, int cell_h);

/* Pixel box asked of the decoder for a box of cells: enough detail for chafa, which
 * looks at 8x8 pixels per cell. */
void preview_pixel_box(int box_w, int box_h, int *px_w, int *px_h);

/* A deep copy; NULL when p is NULL. */
preview_t *preview_dup(const preview_t *p);

/* The cell at column x, row y (no bounds check beyond an assert). */
static inline const preview_cell_t *preview_cell(const preview_t *p, int x, int y)
{
    return &p->cells[(size_t)y * (size_t)p->w + (size_t)x];
}

void preview_free(preview_t *p);

#endif
