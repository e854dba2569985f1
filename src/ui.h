/* ui.h: the terminal: set-up and restore, one input function (which can read keys from a
 * script, for tests), a screen dump, and width-aware text drawing. Only ui*.c and view*.c
 * include curses. */
#ifndef EYEBALL_UI_H
#define EYEBALL_UI_H

#include <stddef.h>
#include <wchar.h>

/* A key: a character (>= 0), or UI_FN(ncurses KEY_ code) for function keys. */
#define UI_FN(code) (-(code))
#define UI_KEY_EOF (-0x7fff)  /* the key script ended, or input closed */
#define UI_KEY_NONE (-0x7ffe) /* no key before the timeout */

/* Colour pairs the UI keeps for itself (1..UI_PAIRS_RESERVED); images use the rest. */
enum ui_pair {
    UI_PAIR_TITLE = 1,
    UI_PAIR_STATUS,
    UI_PAIR_ERROR,
    UI_PAIR_OK,
    UI_PAIR_DIM,
    UI_PAIR_ACCENT,
    UI_PAIR_WRONG,
    UI_PAIR_SELECT,
    UI_PAIR_BAR,
    UI_PAIRS_RESERVED = 15 /* 8-colour terminals have only 64 pairs: leave images most */
};

/* Checks, without starting curses, that the review screen can be shown: keys come from
 * a script ($EYEBALL_KEYS), or standard input and output are a terminal whose type is
 * known and can move the cursor. Returns 0, or -1 with msg set (what to do). */
int ui_check(char *msg, size_t msglen);
/* Starts curses. With $EYEBALL_KEYS set it runs headless: output goes to /dev/null,
 * keys come from that script file, the size comes from $EYEBALL_SCREEN_SIZE ("80x24"),
 * and step times go to $EYEBALL_STEP_TIMES when set (see ui_step_drawn).
 * Returns 0, or -1 with msg set (no terminal, unknown TERM). */
int ui_init(char *msg, size_t msglen);
/* Restores the terminal; safe to call twice (also the fatal hook). */
void ui_done(void);
/* 1 when keys come from a script. */
int ui_scripted(void);
/* Colours the terminal can show (0 without colour). */
int ui_colors(void);

/* Waits for the next key. Script lines: "key NAME..." (a character or Enter, Esc, Up,
 * Down, Left, Right, Home, End, PageUp, PageDown, Backspace, Tab, Space, Ctrl-X), "type
 * TEXT", "dump" (appends the screen to $EYEBALL_SCREEN_DUMP, then continues), "resize
 * WxH", "sleep MS" (waits, as a reviewer looking at the screen would), "# comment".
 * UI_KEY_EOF at the end of the script. */
int ui_getkey(void);
/* Like ui_getkey, but returns UI_KEY_NONE after timeout_ms (< 0: wait forever). */
int ui_getkey_timeout(int timeout_ms);
/* Called once the screen is drawn after a key: in a scripted run with
 * $EYEBALL_STEP_TIMES set, appends the milliseconds from the key being handed out to now
 * to that file, one line per key (bench/run measures a review step with it). */
void ui_step_drawn(void);
/* Writes bytes straight to the terminal (where curses writes; /dev/null headless), for
 * images in pixel modes, right after a refresh. */
void ui_write_raw(const char *s, size_t n);
/* Writes the visible screen as text (trailing spaces cut) to path, appending. */
void ui_dump(const char *path);

/* Draws s at (y, x) in at most w columns of display width, sanitising control
 * characters and cutting with "…" when it does not fit. Returns the columns used. */
int ui_put(int y, int x, int w, const char *s, int attr, int pair);
/* Like ui_put, but when s does not fit it keeps the end ("…/dir/file.png"): for paths. */
int ui_put_tail(int y, int x, int w, const char *s, int attr, int pair);
/* Display width of a UTF-8 string after sanitising. */
int ui_width(const char *s);
/* Fills columns x..x+w-1 of row y with spaces in the given pair. */
void ui_fill(int y, int x, int w, int pair, int attr);

#endif
