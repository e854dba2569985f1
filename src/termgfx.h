/* termgfx.h: which way of showing images the terminal understands: real pixels through
 * the kitty graphics protocol, the iTerm2 protocol or sixel, else terminal symbols (what
 * works everywhere). Detection reads the environment (TERM, TERM_PROGRAM,
 * KITTY_WINDOW_ID, WEZTERM_*, TMUX, STY...) and chafa's terminal database, and can use the
 * terminal's own answer to a device-attributes query (sixel is attribute 4). No curses. */
#ifndef EYEBALL_TERMGFX_H
#define EYEBALL_TERMGFX_H

#include <stddef.h>

typedef enum termgfx {
    TERMGFX_SYMBOLS, /* characters and colours, drawn through curses */
    TERMGFX_SIXEL,
    TERMGFX_KITTY,
    TERMGFX_ITERM
} termgfx_t;

/* The choice as asked: "auto" (is_auto = 1) or one of the modes by name. 0, or -1 when
 * s is none of auto, symbols, sixel, kitty, iterm. */
int termgfx_parse(const char *s, termgfx_t *mode, int *is_auto);

/* "symbols", "sixel", "kitty" or "iterm". */
const char *termgfx_name(termgfx_t mode);

/* The best mode for the terminal described by envp (a NULL-terminated array of
 * "NAME=value", like environ) and da1, the terminal's answer to the primary device
 * attributes query ("\033[?63;1;4c"), or NULL when there is none. Best first: kitty,
 * iTerm2, sixel, symbols. Inside tmux or GNU screen: symbols (images cannot pass through
 * them reliably). why: a short reason for the status line ("kitty: $KITTY_WINDOW_ID"). */
termgfx_t termgfx_detect(char *const *envp, const char *da1, char *why, size_t len);

/* The mode to use: asked unless it is auto (then termgfx_detect), and symbols inside tmux
 * or screen even when a pixel mode is asked for (why says so). */
termgfx_t termgfx_choose(termgfx_t asked, int is_auto, char *const *envp, const char *da1,
                         char *why, size_t len);

/* 1 when envp says the program runs inside tmux or GNU screen. */
int termgfx_in_multiplexer(char *const *envp);

/* Asks the terminal on in/out (a tty, before curses starts) for its device attributes
 * and its cell size in pixels, waiting at most timeout_ms for the answers. da1 gets the
 * attributes answer ("" when none came); cell_w and cell_h the cell size (0: not told).
 * Returns 0, or -1 when the terminal could not be put in raw mode. */
int termgfx_query(int in, int out, int timeout_ms, char *da1, size_t len, int *cell_w,
                  int *cell_h);

/* Cell size in pixels from the tty's window size (TIOCGWINSZ); 0 when it does not say. */
void termgfx_cell_size(int fd, int *cell_w, int *cell_h);

#endif
