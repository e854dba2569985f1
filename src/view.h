/* view.h: what the review screen's parts share (internal to view*.c). */
#ifndef EYEBALL_VIEW_H
#define EYEBALL_VIEW_H

#include <stddef.h>
#include "store.h"
#include "store_pass.h"
#include "store_review.h"

/* Actions of the key table. */
enum view_action {
#define KEY(action, shown, help, hint, rank, ...) ACT_##action,
#include "keys.def"
#undef KEY
    ACT_NONE
};

typedef struct view_key {
    enum view_action action;
    const char *shown, *help;
    const char *hint; /* on the status line, "" for none */
    int rank;         /* the hint's place on the status line (1 first), 0 for none */
    const int *codes; /* 0-terminated */
} view_key_t;

extern const view_key_t view_keys[];
extern const size_t view_nkeys;

typedef struct review {
    store_t *st;
    pass_info_t pass;
    const char *reviewer;
    long long *sids;      /* pass items in order */
    char **paths;         /* their image paths */
    char **reasons;       /* why a suspects pass holds each (NULL entries otherwise) */
    int *reviewed;        /* per item */
    size_t n, cur;
    category_t *cats;
    size_t ncats;
    char **labels;        /* the dataset's labels, for the picker */
    size_t nlabels;
    sample_view_t view;   /* the current item */
    int have_view;
    size_t cat_top;       /* first category shown when they do not all fit */
    size_t cat_rows;      /* categories shown at the last draw */
    long cat_show;        /* category to scroll into view at the next draw, or -1 */
    int help;             /* help overlay shown */
    long long confirmed;  /* item another reviewer reviewed that this one chose to change */
    int finished;         /* "pass finished" has been said (every item reviewed) */
    char msg[512];        /* last action or error, for the status line */
    int msg_error;
    struct preview_state *preview; /* image previews (view_preview.c) */
    int zoom;             /* z: the image alone over the whole body */
    int grid;             /* v: a grid of items (view_grid.c), the selected one is cur */
    size_t grid_top;      /* first item of the grid */
    int grid_cols, grid_rows; /* its shape at the last draw */
} review_t;

/* Status-line message (printf-like); error=1 shows it in the error colour. */
void view_msg(review_t *r, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Draws the whole review screen (view_review.c); overlays call it after a resize. */
void view_redraw(review_t *r);
/* The item panel (view_panel.c) in columns x..x+w-1, rows y0..ymax-1. */
void view_draw_panel(review_t *r, int y0, int x, int w, int ymax);
/* 1 when the current item carries category cid. */
int view_has_tag(const review_t *r, long long cid);
/* Columns of the item panel at the current screen width. */
int view_panel_width(void);
/* 1 when the terminal is below the size the screen needs (it then says so). */
int view_too_small(void);

/* The grid (view_grid.c): draws the tiles in rows 1..LINES-3, with the selected item
 * (r->cur) in view. */
void view_draw_grid(review_t *r);
/* Moves the grid's selection for an arrow key (Up and Down by a row); 1 when key was one. */
int view_grid_key(review_t *r, int key, size_t *to);

/* Overlays (view_overlay.c). Each runs its own small key loop and returns when done. */
/* Label picker, over the panel: current is selected first; typing filters and lands on
 * the first label starting with what is typed; 1-9 pick a numbered row (when no label
 * starts with a digit). Returns the chosen label (caller frees) or NULL when cancelled. */
char *view_pick_label(review_t *r, const char *title, const char *current);
/* One-line text editor at the bottom (Left, Right, Home/Ctrl-A, End/Ctrl-E, Backspace,
 * Delete/Ctrl-D, Ctrl-U clears); returns the text (caller frees) or NULL on Esc. max: most
 * bytes the text may hold (0: no limit); keys past it are refused and the line says so. */
char *view_prompt(review_t *r, const char *label, const char *initial, size_t max);
/* Asks a yes/no question on the bottom line: 1 for y, 0 for any other key. */
int view_confirm(review_t *r, const char *question);
/* The help overlay drawn over the current screen; preview: a line saying how images are
 * drawn. */
void view_draw_help(const char *preview);

/* The image area (view_preview.c). */
/* asked: "auto" (or NULL), "symbols", "sixel", "kitty" or "iterm" (checked by the
 * caller). Call before curses starts: it may ask the terminal what it can do. */
struct preview_state *view_preview_new(const char *asked);
void view_preview_free(struct preview_state *ps);
/* Draws the current item's preview in the box; asks for neighbours ahead of time. */
void view_preview_draw(review_t *r, int y, int x, int h, int w);
/* The same in steps, for screens of several previews (the grid): begin drops what was
 * asked ahead for the last screen; item draws item i in a box (waiting a little for it,
 * "loading" when it is not ready); ahead asks for item i in a box of that size. */
void view_preview_begin(review_t *r);
void view_preview_item(review_t *r, size_t i, int y, int x, int h, int w);
void view_preview_ahead(review_t *r, size_t i, int h, int w);
/* Pixel modes: no image on this screen (an overlay covers the body). */
void view_preview_hide(review_t *r);
/* The terminal's images are gone or damaged (resize, Ctrl-L): draw them again. */
void view_preview_stale(review_t *r);
/* Around refresh(): before, the rows of images that go away are marked for repainting
 * (which erases them); after, the screen's images are written at their boxes. Nothing
 * is written when the images are those already shown. */
void view_preview_before_refresh(review_t *r);
void view_preview_after_refresh(review_t *r);
/* Before curses ends: removes images the terminal would otherwise keep (kitty). */
void view_preview_leave(review_t *r);
/* "previews: sixel (the terminal says it speaks sixel)": for the help and status line. */
const char *view_preview_describe(const review_t *r, char *buf, size_t len);
/* 1 when images are drawn in pixels. */
int view_preview_pixels(const review_t *r);
/* 1 when the last draw showed "loading" (the screen needs drawing again soon). */
int view_preview_pending(const struct preview_state *ps);

#endif
