/* test_ui_cells: drawing preview grids into ncurses (on terminals written to /dev/null)
 * and the colour pair allocator: extended pairs, reuse, starting again, no colours. */
#include "config.h"
#include "ui_cells.h"
#include "tap.h"

#include <locale.h>
#include <stdlib.h>

static FILE *out, *in;

static SCREEN *open_term(const char *term)
{
    SCREEN *s = newterm(term, out, in);
    if (!s)
        return NULL;
    set_term(s);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    return s;
}

static preview_t *grid(int w, int h, preview_mode_t mode)
{
    preview_t *p = xcalloc(1, sizeof *p);
    p->w = w;
    p->h = h;
    p->mode = mode;
    p->cells = xcalloc((size_t)w * (size_t)h, sizeof *p->cells);
    for (int i = 0; i < w * h; i++) {
        p->cells[i].ch = 0x2580 + (i % 8); /* block elements */
        p->cells[i].fg = p->cells[i].bg = PREVIEW_DEFAULT;
    }
    return p;
}

/* Character, attributes and extended pair at (y, x) of win. */
static void win_cell_at(WINDOW *win, int y, int x, wchar_t *ch, attr_t *attr, int *pair)
{
    cchar_t cc;
    wchar_t wch[CCHARW_MAX + 1] = {0};
    short sp;
    *attr = 0;
    if (mvwin_wch(win, y, x, &cc) == ERR) {
        *ch = 0;
        *pair = -1;
        return;
    }
    *pair = 0;
    getcchar(&cc, wch, attr, &sp, pair);
    *ch = wch[0];
}

static void cell_at(int y, int x, wchar_t *ch, attr_t *attr, int *pair)
{
    win_cell_at(stdscr, y, x, ch, attr, pair);
}

static void pair_colours(int pair, int *fg, int *bg)
{
    *fg = *bg = -99;
    extended_pair_content(pair, fg, bg);
}

static void test_256(void)
{
    SCREEN *s = open_term("xterm-256color");
    ok(s != NULL, "xterm-256color terminal");
    if (!s)
        return;
    ok(COLORS == 256 && COLOR_PAIRS > 256, "256 colours, %d pairs", COLOR_PAIRS);
    ui_cells_t u;
    ui_cells_init(&u, 0);
    ok(u.first == 64 && u.last == COLOR_PAIRS - 1, "images get pairs 64..%d", COLOR_PAIRS - 1);
    int p1 = ui_cells_pair(&u, 196, 16);
    is_int(p1, 64, "first pair is 64");
    is_int(ui_cells_pair(&u, 196, 16), 64, "the same colours reuse it");
    is_int(ui_cells_pair(&u, 16, 196), 65, "other colours get the next pair");
    is_int(ui_cells_pair(&u, -1, -1), 0, "default colours need no pair");
    int fg, bg;
    pair_colours(64, &fg, &bg);
    ok(fg == 196 && bg == 16, "pair 64 is (196, 16) (got %d, %d)", fg, bg);
    pair_colours(ui_cells_pair(&u, -1, 21), &fg, &bg);
    ok(fg == -1 && bg == 21, "default foreground kept as -1");

    preview_t *p = grid(3, 2, PREVIEW_256);
    p->cells[0].fg = 196;
    p->cells[0].bg = 16;
    p->cells[4].ch = 0; /* right half of a wide character */
    mvaddstr(3, 3, "x");
    is_int(ui_cells_draw(&u, stdscr, 2, 2, p), 5, "5 cells drawn, one skipped");
    wchar_t ch;
    attr_t attr;
    int pair;
    cell_at(2, 2, &ch, &attr, &pair);
    ok(ch == 0x2580 && pair == 64, "cell (0,0): its character and pair 64 (got %d)", pair);
    cell_at(2, 3, &ch, &attr, &pair);
    ok(ch == 0x2581 && pair == 0, "a default-coloured cell uses pair 0");
    cell_at(3, 3, &ch, &attr, &pair);
    ok(ch == L'x', "the skipped cell is left as it was");

    /* Past 255: the pair travels through setcchar's int pointer, not COLOR_PAIR(). */
    for (int i = 0; i < 300; i++)
        ui_cells_pair(&u, 16 + i % 240, 16 + i / 240);
    p->cells[1].fg = 200;
    p->cells[1].bg = 17;
    int big = ui_cells_pair(&u, 200, 17);
    ok(big > 255, "a pair above 255 (%d)", big);
    ui_cells_draw(&u, stdscr, 2, 2, p);
    cell_at(2, 3, &ch, &attr, &pair);
    is_int(pair, big, "drawn with its full pair number");
    is_int(u.fallbacks, 0, "no cell fell back to default colours");
    preview_free(p);
    ui_cells_done(&u);

    /* A range of 10 pairs: an image of 16 cells starts the map again first, then runs out. */
    ui_cells_init(&u, COLOR_PAIRS - 10);
    ui_cells_pair(&u, 20, 30);
    p = grid(4, 4, PREVIEW_256);
    for (int i = 0; i < 16; i++) {
        p->cells[i].fg = 16 + i;
        p->cells[i].bg = 16;
    }
    wnoutrefresh(stdscr);
    doupdate();
    ok(!is_cleared(curscr), "no full repaint pending");
    ui_cells_draw(&u, stdscr, 0, 0, p);
    is_int(u.resets, 1, "the map started again before the image");
    ok(is_cleared(curscr), "a full repaint is due (pairs on screen changed meaning)");
    is_int(u.fallbacks, 6, "16 colours in 10 pairs: 6 cells in default colours");
    cell_at(0, 0, &ch, &attr, &pair);
    is_int(pair, COLOR_PAIRS - 10, "the first cell got the first pair of the range");
    preview_free(p);
    ui_cells_done(&u);
    endwin();
    delscreen(s);
}

static void test_truecolor(void)
{
    SCREEN *s = open_term("xterm-direct");
    ok(s != NULL, "xterm-direct terminal");
    if (!s)
        return;
    ok(COLORS >= (1 << 24), "direct colour (%d colours)", COLORS);
    ui_cells_t u;
    ui_cells_init(&u, 0);
    int fg, bg;
    pair_colours(ui_cells_pair(&u, 0xff0000, 0x000008), &fg, &bg);
    ok(fg == 0xff0000 && bg == 8, "RGB values are the colour numbers");

    /* 40 images of 3,000 new colour combinations each: 120,000 in all, more than the
     * 65,536 pairs that alloc_pair stops at. Every cell still gets a pair. */
    preview_t *p = grid(60, 50, PREVIEW_TRUECOLOR);
    WINDOW *pad = newpad(50, 60);
    long zero = 0;
    for (int img = 0; img < 40; img++) {
        for (int i = 0; i < 3000; i++) {
            p->cells[i].fg = img * 3000 + i + 8;
            p->cells[i].bg = 0x102030;
        }
        ui_cells_draw(&u, pad, 0, 0, p);
        wchar_t ch;
        attr_t attr;
        int pair;
        win_cell_at(pad, 49, 59, &ch, &attr, &pair);
        pair_colours(pair, &fg, &bg);
        zero += fg != img * 3000 + 2999 + 8;
    }
    is_int(zero, 0, "the last cell of every image has its own colours");
    is_int(u.fallbacks, 0, "no fallback to default colours");
    ok(u.resets >= 1, "the map started again when full (%ld times)", u.resets);
    delwin(pad);
    preview_free(p);
    ui_cells_done(&u);
    endwin();
    delscreen(s);
}

static void test_mono(void)
{
    SCREEN *s = open_term("vt100");
    ok(s != NULL, "vt100 terminal");
    if (!s)
        return;
    ok(!has_colors(), "no colours");
    ui_cells_t u;
    ui_cells_init(&u, 0);
    preview_t *p = grid(2, 1, PREVIEW_MONO);
    p->cells[0].ch = L' ';
    p->cells[0].reverse = 1;
    p->cells[1].ch = L'#';
    ui_cells_draw(&u, stdscr, 0, 0, p);
    wchar_t ch;
    attr_t attr;
    int pair;
    cell_at(0, 0, &ch, &attr, &pair);
    ok(ch == L' ' && (attr & A_REVERSE) && pair == 0, "reverse space");
    cell_at(0, 1, &ch, &attr, &pair);
    ok(ch == L'#' && !(attr & A_REVERSE), "plain character");
    is_int(ui_cells_pair(&u, 1, 2), 0, "no pairs without colours");
    preview_free(p);
    ui_cells_done(&u);
    endwin();
    delscreen(s);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    out = fopen("/dev/null", "w");
    in = fopen("/dev/null", "r");
    if (!out || !in)
        return 2;
    test_256();
    test_truecolor();
    test_mono();
    fclose(out);
    fclose(in);
    return tap_done();
}
