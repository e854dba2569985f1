/* ui_cells.h: drawing a preview grid into an ncurses window, with eyeball's own colour
 * pair allocator. Call from the UI thread only (ncurses is not thread-safe).
 *
 * Pairs 1 .. first_pair-1 belong to the UI's own colours (the review screen passes
 * UI_PAIRS_RESERVED + 1, see ui.h). Images use first_pair ..
 * COLOR_PAIRS-1 through a (fg,bg) -> pair map filled with init_extended_pair. The map
 * is kept from image to image, so colours seen before cost nothing; when the pairs left
 * could not hold the next image, the map starts again from first_pair and the screen is
 * repainted once (ncurses would scan the screen for each redefined pair). ncurses'
 * alloc_pair is never used: in ncurses 6.4 it stops after 65,536 distinct combinations.
 * The pair travels through setcchar's pointer argument, so pairs above 255 work. */
#ifndef EYEBALL_UI_CELLS_H
#define EYEBALL_UI_CELLS_H

#include <curses.h>
#include "preview.h"

#define UI_CELLS_FIRST_PAIR 64 /* first_pair when the caller gives none (<= 0) */

typedef struct ui_pair_slot {
    int fg, bg, pair;
    unsigned gen;     /* the slot is empty unless gen equals the map's */
} ui_pair_slot_t;

typedef struct ui_cells {
    int first, last;        /* pairs for images: first .. last (none when last < first) */
    int next;               /* next pair to hand out */
    unsigned gen;           /* current generation of the map */
    ui_pair_slot_t *slots;  /* open addressing, cap a power of two */
    size_t cap;
    long fallbacks;         /* cells drawn in default colours: no pair could be had */
    long inits;             /* init_extended_pair calls made */
    long resets;            /* times the map started again */
} ui_cells_t;

/* Sets up the allocator after start_color() (and use_default_colors(), which colour
 * -1 needs). first_pair <= 0 means UI_CELLS_FIRST_PAIR. Without colours (has_colors()
 * false) no pair is ever made and previews should be PREVIEW_MONO. */
void ui_cells_init(ui_cells_t *u, int first_pair);

/* Frees the map. */
void ui_cells_done(ui_cells_t *u);

/* Forgets every (fg,bg) pair; the next ones start again from first_pair. The next
 * refresh repaints the whole screen (pairs on screen change meaning). */
void ui_cells_reset(ui_cells_t *u);

/* The pair for colours fg, bg (-1: default), made with init_extended_pair when new.
 * Returns 0 (the default colours) when no pair is free or ncurses refuses the colours. */
int ui_cells_pair(ui_cells_t *u, int fg, int bg);

/* Draws p with its top-left corner at (y, x) of win, clipped to the window. Cells with
 * character 0 (right halves of wide characters) are skipped; PREVIEW_MONO cells use
 * A_REVERSE where marked. Does not refresh. Returns the number of cells drawn. */
int ui_cells_draw(ui_cells_t *u, WINDOW *win, int y, int x, const preview_t *p);

#endif
