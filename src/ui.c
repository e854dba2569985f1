/* ui.c: curses set-up, scripted input, screen dumps, text drawing. */
#include "config.h"
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <term.h>

#include "ui.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct {
    int on;           /* curses is running */
    SCREEN *screen;
    FILE *null_out;   /* headless output */
    FILE *script;     /* key script, or NULL */
    const char *dump; /* dump file */
    int pending[256]; /* keys queued from one script line */
    size_t npending, ipending;
    FILE *steps;      /* $EYEBALL_STEP_TIMES, or NULL */
    double key_ms;    /* when the last key was handed out, 0 once its step is logged */
} ui;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void ui_fatal(void)
{
    ui_done();
}

static int parse_size(const char *s, int *w, int *h)
{
    return s && sscanf(s, "%dx%d", w, h) == 2 && *w > 0 && *h > 0 ? 0 : -1;
}

int ui_check(char *msg, size_t msglen)
{
    const char *keys = getenv("EYEBALL_KEYS");
    if (keys && *keys)
        return 0;
    if (!isatty(0) || !isatty(1)) {
        snprintf(msg, msglen, "review needs a terminal (standard input and output); use "
                 "--list to print the pass instead");
        return -1;
    }
    const char *term = getenv("TERM");
    if (!term || !*term) {
        snprintf(msg, msglen, "TERM is not set; set it to your terminal's type "
                 "(e.g. TERM=xterm-256color)");
        return -1;
    }
    int err = 0;
    if (setupterm(term, 1, &err) != OK) {
        snprintf(msg, msglen, "unknown terminal type '%s'; install ncurses-term or set "
                 "TERM=xterm-256color", term);
        return -1;
    }
    /* A terminal that cannot move the cursor (TERM=dumb, a printer) cannot show a
     * full-screen UI: refuse instead of drawing garbage. */
    char *cup = tigetstr("cup");
    int ok = cup && cup != (char *)-1;
    del_curterm(cur_term);
    if (!ok) {
        snprintf(msg, msglen, "terminal type '%s' cannot move the cursor, so the review "
                 "screen cannot be drawn; use a full-screen terminal (e.g. "
                 "TERM=xterm-256color) or --list", term);
        return -1;
    }
    return 0;
}

/* With COLORTERM=truecolor (or 24bit), the direct-colour variant of terminal type term
 * (xterm-256color: xterm-direct, tmux-256color: tmux-direct) when ncurses-term installs
 * one: colours are then 24-bit RGB values and previews are drawn in full colour. NULL
 * otherwise (the type as it is: 256 colours or fewer). */
static const char *direct_term(const char *term, char *buf, size_t len)
{
    const char *ct = getenv("COLORTERM");
    if (!ct || (strcmp(ct, "truecolor") != 0 && strcmp(ct, "24bit") != 0) || !term ||
        !*term || strstr(term, "-direct"))
        return NULL;
    snprintf(buf, len, "%.*s-direct", (int)strcspn(term, "-"), term);
    int err = 0;
    if (setupterm(buf, 1, &err) != OK)
        return NULL;
    del_curterm(cur_term);
    return buf;
}

/* The colour pairs the screen uses, readable in 8, 256 and direct colour, on dark and
 * light backgrounds: light text on blue for the title, black (never bold: a terminal may
 * draw bold black as dark grey) on white or yellow for the status line and the
 * selection; dim text in a mid grey, which in direct colour must be an RGB value (colour
 * 8 there is #000008, black). */
static void init_colours(void)
{
    start_color();
    use_default_colors();
    /* Text colours: with 256 or more, mid tones that read on a dark and on a light
     * background alike (ANSI cyan and yellow fade on white); with fewer, ANSI colours,
     * magenta rather than yellow for what is wrong. */
    int dim = -1, ok = COLOR_GREEN, accent = COLOR_CYAN, wrong = COLOR_MAGENTA;
    if (COLORS > 256) { /* direct colour: 0xRRGGBB */
        dim = 0x8a8a8a;
        ok = 0x00af00;
        accent = 0x0087d7;
        wrong = 0xd75f00;
    } else if (COLORS >= 256) { /* the same tones in the 256-colour cube */
        dim = 245;
        ok = 34;
        accent = 32;
        wrong = 166;
    } else if (COLORS >= 16) {
        dim = 8;
    } /* 8 colours: no grey to spare; the default colour stays readable */
    init_pair(UI_PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
    init_pair(UI_PAIR_STATUS, COLOR_BLACK, COLOR_WHITE);
    init_pair(UI_PAIR_ERROR, COLOR_RED, -1);
    init_extended_pair(UI_PAIR_OK, ok, -1);
    init_extended_pair(UI_PAIR_DIM, dim, -1);
    init_extended_pair(UI_PAIR_ACCENT, accent, -1);
    init_extended_pair(UI_PAIR_WRONG, wrong, -1);
    init_pair(UI_PAIR_SELECT, COLOR_BLACK, COLOR_YELLOW);
    init_pair(UI_PAIR_BAR, COLOR_GREEN, -1);
}

int ui_init(char *msg, size_t msglen)
{
    char direct[64];
    const char *keys = getenv("EYEBALL_KEYS");
    if (keys && *keys) {
        ui.script = fopen(keys, "re");
        if (!ui.script) {
            snprintf(msg, msglen, "%s: cannot open the key script: %s", keys, strerror(errno));
            return -1;
        }
        ui.dump = getenv("EYEBALL_SCREEN_DUMP");
        const char *steps = getenv("EYEBALL_STEP_TIMES");
        if (steps && *steps && !(ui.steps = fopen(steps, "ae"))) {
            snprintf(msg, msglen, "%s: cannot open the step log: %s", steps, strerror(errno));
            fclose(ui.script);
            ui.script = NULL;
            return -1;
        }
        ui.null_out = fopen("/dev/null", "we");
        const char *term = getenv("EYEBALL_TERM");
        if (!term || !*term)
            term = "xterm-256color";
        const char *d = direct_term(term, direct, sizeof direct);
        ui.screen = newterm(d ? d : term, ui.null_out, stdin);
        if (!ui.screen) {
            snprintf(msg, msglen, "cannot start curses headless");
            return -1;
        }
    } else {
        if (ui_check(msg, msglen) < 0)
            return -1;
        ui.screen = newterm(direct_term(getenv("TERM"), direct, sizeof direct), stdout, stdin);
        if (!ui.screen) {
            snprintf(msg, msglen, "unknown terminal type '%s'; install ncurses-term or set "
                     "TERM=xterm-256color", getenv("TERM"));
            return -1;
        }
    }
    set_term(ui.screen);
    ui.on = 1;
    util_fatal_hook = ui_fatal;
    if (ui.script) {
        int w, h;
        if (parse_size(getenv("EYEBALL_SCREEN_SIZE"), &w, &h) < 0) {
            w = 80;
            h = 24;
        }
        resize_term(h, w);
    }
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    if (has_colors())
        init_colours();
    return 0;
}

void ui_done(void)
{
    if (!ui.on)
        return;
    ui.on = 0;
    endwin();
    delscreen(ui.screen);
    ui.screen = NULL;
    if (ui.null_out)
        fclose(ui.null_out);
    if (ui.script)
        fclose(ui.script);
    if (ui.steps)
        fclose(ui.steps);
    ui.null_out = ui.script = ui.steps = NULL;
    util_fatal_hook = NULL;
}

void ui_write_raw(const char *s, size_t n)
{
    FILE *f = ui.null_out ? ui.null_out : stdout;
    fflush(f);
    int fd = fileno(f);
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

int ui_scripted(void)
{
    return ui.script != NULL;
}

int ui_colors(void)
{
    return has_colors() ? COLORS : 0;
}

static int key_by_name(const char *n)
{
    static const struct {
        const char *name;
        int key;
    } names[] = {
        {"Enter", '\r'}, {"Esc", 27}, {"Up", UI_FN(KEY_UP)}, {"Down", UI_FN(KEY_DOWN)},
        {"Left", UI_FN(KEY_LEFT)}, {"Right", UI_FN(KEY_RIGHT)}, {"Home", UI_FN(KEY_HOME)},
        {"End", UI_FN(KEY_END)}, {"PageUp", UI_FN(KEY_PPAGE)}, {"PageDown", UI_FN(KEY_NPAGE)},
        {"Backspace", UI_FN(KEY_BACKSPACE)}, {"Tab", '\t'}, {"Space", ' '},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(n, names[i].name) == 0)
            return names[i].key;
    if (strncmp(n, "Ctrl-", 5) == 0 && n[5] && !n[6])
        return (n[5] | 0x20) - 'a' + 1;
    wchar_t wc;
    mbstate_t ps = {0};
    size_t len = strlen(n);
    if (mbrtowc(&wc, n, len, &ps) == len)
        return (int)wc;
    return -1;
}

/* Reads script lines until keys are queued; 0 at the end of the script. */
static int script_fill(void)
{
    char line[1024];
    while (fgets(line, sizeof line, ui.script)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        ui.npending = ui.ipending = 0;
        if (!n || line[0] == '#')
            continue;
        if (strcmp(line, "dump") == 0) {
            if (ui.dump)
                ui_dump(ui.dump);
            continue;
        }
        unsigned ms;
        char end;
        if (sscanf(line, "sleep %u%c", &ms, &end) == 1) {
            /* A reviewer looking at the screen: the preview workers go on meanwhile. */
            struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
            while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
                ;
            continue;
        }
        int w, h;
        if (strncmp(line, "resize ", 7) == 0 && parse_size(line + 7, &w, &h) == 0) {
            resize_term(h, w);
            ui.pending[ui.npending++] = UI_FN(KEY_RESIZE);
            return 1;
        }
        if (strncmp(line, "type ", 5) == 0) {
            const char *s = line + 5;
            mbstate_t ps = {0};
            wchar_t wc;
            size_t k;
            while (*s && ui.npending < 256 && (k = mbrtowc(&wc, s, strlen(s), &ps)) > 0 &&
                   k < (size_t)-2) {
                ui.pending[ui.npending++] = (int)wc;
                s += k;
            }
            if (ui.npending)
                return 1;
            continue;
        }
        if (strncmp(line, "key ", 4) == 0) {
            char *save = NULL;
            for (char *t = strtok_r(line + 4, " ", &save); t && ui.npending < 256;
                 t = strtok_r(NULL, " ", &save)) {
                int k = key_by_name(t);
                if (k == -1)
                    die("key script: unknown key '%s'", t);
                ui.pending[ui.npending++] = k;
            }
            if (ui.npending)
                return 1;
            continue;
        }
        die("key script: cannot read line '%s'", line);
    }
    return 0;
}

int ui_getkey(void)
{
    return ui_getkey_timeout(-1);
}

int ui_getkey_timeout(int timeout_ms)
{
    if (ui.script) {
        if (ui.ipending >= ui.npending && !script_fill())
            return UI_KEY_EOF;
        ui.key_ms = now_ms();
        return ui.pending[ui.ipending++];
    }
    wint_t wc;
    int r;
    timeout(timeout_ms);
    errno = 0;
    do
        r = get_wch(&wc);
    while (r == ERR && errno == EINTR);
    if (r == ERR)
        return timeout_ms >= 0 ? UI_KEY_NONE : UI_KEY_EOF;
    if (r == KEY_CODE_YES)
        return UI_FN((int)wc);
    return (int)wc;
}

void ui_step_drawn(void)
{
    if (ui.steps && ui.key_ms > 0) {
        fprintf(ui.steps, "%.3f\n", now_ms() - ui.key_ms);
        ui.key_ms = 0;
    }
}

void ui_dump(const char *path)
{
    FILE *f = fopen(path, "ae");
    if (!f)
        return;
    wchar_t row[1024];
    char mb[MB_LEN_MAX];
    for (int y = 0; y < LINES; y++) {
        int n = mvinnwstr(y, 0, row, COLS < 1023 ? COLS : 1023);
        if (n < 0)
            n = 0;
        row[n] = L'\0';
        while (n > 0 && row[n - 1] == L' ')
            row[--n] = L'\0';
        mbstate_t ps = {0};
        for (int i = 0; i < n; i++) {
            size_t k = wcrtomb(mb, row[i], &ps);
            if (k != (size_t)-1)
                fwrite(mb, 1, k, f);
        }
        fputc('\n', f);
    }
    fputs("----\n", f);
    fclose(f);
}

/* On a terminal without colours, the bars and the selection are drawn in reverse video
 * (and errors in bold), so they still stand out. */
static attr_t mono_attr(int pair)
{
    if (has_colors())
        return 0;
    switch (pair) {
    case UI_PAIR_TITLE:
    case UI_PAIR_STATUS:
    case UI_PAIR_SELECT: return A_REVERSE;
    case UI_PAIR_ERROR: return A_BOLD;
    default: return 0;
    }
}

/* Display width of text that is already sanitised. */
static int width_clean(const char *p)
{
    mbstate_t ps = {0};
    int w = 0;
    wchar_t wc;
    size_t k;
    while (*p && (k = mbrtowc(&wc, p, MB_CUR_MAX, &ps)) > 0 && k < (size_t)-2) {
        int cw = wcwidth(wc);
        w += cw > 0 ? cw : 0;
        p += k;
    }
    return w;
}

int ui_width(const char *s)
{
    char *clean = util_sanitize(s);
    int w = width_clean(clean);
    free(clean);
    return w;
}

/* attr as drawn in pair: with the mono attributes, and without bold on black text. */
static int pair_attr(int attr, int pair)
{
    if (has_colors() && (pair == UI_PAIR_STATUS || pair == UI_PAIR_SELECT))
        attr &= ~(int)A_BOLD;
    return attr | (int)mono_attr(pair);
}

int ui_put(int y, int x, int w, const char *s, int attr, int pair)
{
    if (w <= 0 || !s)
        return 0;
    attr = pair_attr(attr, pair);
    char *clean = util_sanitize(s);
    int total = width_clean(clean);
    mbstate_t ps = {0};
    const char *p = clean;
    int used = 0;
    wchar_t wc;
    size_t k;
    move(y, x);
    while (*p && (k = mbrtowc(&wc, p, MB_CUR_MAX, &ps)) > 0 && k < (size_t)-2) {
        int cw = wcwidth(wc);
        if (cw < 0)
            cw = 0;
        if (used + cw > w - (total > w ? 1 : 0))
            break;
        cchar_t cc;
        wchar_t str[2] = {wc, L'\0'};
        short pr = (short)pair;
        setcchar(&cc, str, (attr_t)attr, pr, NULL);
        add_wch(&cc);
        used += cw;
        p += k;
    }
    if (total > w && used < w) {
        cchar_t cc;
        setcchar(&cc, L"…", (attr_t)attr, (short)pair, NULL);
        add_wch(&cc);
        used++;
    }
    free(clean);
    return used;
}

void ui_fill(int y, int x, int w, int pair, int attr)
{
    if (w <= 0)
        return;
    attr_t a = (attr_t)pair_attr(attr, pair);
    move(y, x);
    for (int i = 0; i < w; i++) {
        cchar_t cc;
        setcchar(&cc, L" ", a, (short)pair, NULL);
        add_wch(&cc);
    }
}

int ui_put_tail(int y, int x, int w, const char *s, int attr, int pair)
{
    if (w <= 1 || !s)
        return ui_put(y, x, w, s, attr, pair);
    attr = pair_attr(attr, pair);
    char *clean = util_sanitize(s);
    const char *p = clean;
    /* Drop leading characters (whole UTF-8 sequences) until the rest fits after "…". */
    if (width_clean(p) > w) {
        while (*p && width_clean(p) > w - 1) {
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
        }
        cchar_t cc;
        setcchar(&cc, L"…", (attr_t)attr, (short)pair, NULL);
        mvadd_wch(y, x, &cc);
        x++;
        w--;
    }
    /* p is sanitised already: draw it without a second pass of escaping. */
    mbstate_t ps = {0};
    wchar_t wc;
    size_t k;
    int used = 0;
    move(y, x);
    while (*p && (k = mbrtowc(&wc, p, MB_CUR_MAX, &ps)) > 0 && k < (size_t)-2) {
        int cw = wcwidth(wc);
        if (cw < 0)
            cw = 0;
        if (used + cw > w)
            break;
        cchar_t cc;
        wchar_t str[2] = {wc, L'\0'};
        setcchar(&cc, str, (attr_t)attr, (short)pair, NULL);
        add_wch(&cc);
        used += cw;
        p += k;
    }
    free(clean);
    return used;
}
