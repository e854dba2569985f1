/* termgfx.c: choosing how images reach the terminal (see termgfx.h). */
#include "config.h"
#include "termgfx.h"

#include <chafa.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *const names[] = {"symbols", "sixel", "kitty", "iterm"};

int termgfx_parse(const char *s, termgfx_t *mode, int *is_auto)
{
    *is_auto = 0;
    *mode = TERMGFX_SYMBOLS;
    if (!s)
        return -1;
    if (strcmp(s, "auto") == 0) {
        *is_auto = 1;
        return 0;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i]) == 0) {
            *mode = (termgfx_t)i;
            return 0;
        }
    return -1;
}

const char *termgfx_name(termgfx_t mode)
{
    return (size_t)mode < sizeof names / sizeof *names ? names[mode] : "symbols";
}

/* The value of NAME in envp, or NULL. */
static const char *env_get(char *const *envp, const char *name)
{
    size_t n = strlen(name);
    for (; envp && *envp; envp++)
        if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
            return *envp + n + 1;
    return NULL;
}

static int env_set(char *const *envp, const char *name)
{
    const char *v = env_get(envp, name);
    return v && *v;
}

/* 1 when some variable of envp starts with prefix (WEZTERM_...). */
static int env_prefix(char *const *envp, const char *prefix)
{
    for (; envp && *envp; envp++)
        if (strncmp(*envp, prefix, strlen(prefix)) == 0)
            return 1;
    return 0;
}

static int starts(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

int termgfx_in_multiplexer(char *const *envp)
{
    const char *term = env_get(envp, "TERM");
    return env_set(envp, "TMUX") || env_set(envp, "STY") || starts(term, "tmux") ||
           starts(term, "screen");
}

/* 1 when a DA1 answer ("\033[?63;1;2;4;6c") lists attribute 4 (sixel graphics) after the
 * terminal's class. */
static int da1_sixel(const char *da1)
{
    const char *p = da1 ? strstr(da1, "\033[?") : NULL;
    if (!p)
        return 0;
    p += 3;
    int first = 1;
    while (*p && *p != 'c') {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p)
            return 0;
        if (!first && v == 4)
            return 1;
        first = 0;
        p = end;
        if (*p == ';')
            p++;
    }
    return 0;
}

termgfx_t termgfx_detect(char *const *envp, const char *da1, char *why, size_t len)
{
    const char *term = env_get(envp, "TERM"), *prog = env_get(envp, "TERM_PROGRAM");
    if (termgfx_in_multiplexer(envp)) {
        snprintf(why, len, "inside %s: images cannot pass through",
                 env_set(envp, "TMUX") || starts(term, "tmux") ? "tmux" : "screen");
        return TERMGFX_SYMBOLS;
    }
    if (env_set(envp, "KITTY_WINDOW_ID")) {
        snprintf(why, len, "kitty ($KITTY_WINDOW_ID)");
        return TERMGFX_KITTY;
    }
    if (term && (strcmp(term, "xterm-kitty") == 0 || strcmp(term, "xterm-ghostty") == 0)) {
        snprintf(why, len, "TERM=%s", term);
        return TERMGFX_KITTY;
    }
    if (prog && strcmp(prog, "ghostty") == 0) {
        snprintf(why, len, "TERM_PROGRAM=ghostty");
        return TERMGFX_KITTY;
    }
    if (prog && strcmp(prog, "iTerm.app") == 0) {
        snprintf(why, len, "TERM_PROGRAM=iTerm.app");
        return TERMGFX_ITERM;
    }
    if ((prog && strcmp(prog, "WezTerm") == 0) || env_prefix(envp, "WEZTERM_")) {
        snprintf(why, len, "WezTerm");
        return TERMGFX_ITERM;
    }
    /* chafa's database: foot, mlterm, Konsole (sixel), and what it learns in later
     * versions. */
    ChafaTermDb *db = chafa_term_db_new();
    ChafaTermInfo *ti = chafa_term_db_detect(db, (gchar **)envp);
    termgfx_t m = TERMGFX_SYMBOLS;
    if (ti && chafa_term_info_have_seq(ti, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1))
        m = TERMGFX_KITTY;
    else if (ti && chafa_term_info_have_seq(ti, CHAFA_TERM_SEQ_BEGIN_ITERM2_IMAGE))
        m = TERMGFX_ITERM;
    else if (ti && chafa_term_info_have_seq(ti, CHAFA_TERM_SEQ_BEGIN_SIXELS))
        m = TERMGFX_SIXEL;
    if (ti)
        chafa_term_info_unref(ti);
    chafa_term_db_unref(db);
    if (m != TERMGFX_SYMBOLS) {
        snprintf(why, len, "TERM=%s, from chafa's terminal database", term ? term : "");
        return m;
    }
    if (da1_sixel(da1)) {
        snprintf(why, len, "the terminal says it speaks sixel");
        return TERMGFX_SIXEL;
    }
    snprintf(why, len, "no pixel protocol known for TERM=%s", term ? term : "");
    return TERMGFX_SYMBOLS;
}

termgfx_t termgfx_choose(termgfx_t asked, int is_auto, char *const *envp, const char *da1,
                         char *why, size_t len)
{
    if (is_auto)
        return termgfx_detect(envp, da1, why, len);
    if (asked != TERMGFX_SYMBOLS && termgfx_in_multiplexer(envp)) {
        const char *term = env_get(envp, "TERM");
        snprintf(why, len, "%s asked, but inside %s images cannot pass through",
                 termgfx_name(asked),
                 env_set(envp, "TMUX") || starts(term, "tmux") ? "tmux" : "screen");
        return TERMGFX_SYMBOLS;
    }
    snprintf(why, len, "asked for");
    return asked;
}

void termgfx_cell_size(int fd, int *cell_w, int *cell_h)
{
    struct winsize ws;
    *cell_w = *cell_h = 0;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row && ws.ws_xpixel &&
        ws.ws_ypixel) {
        *cell_w = ws.ws_xpixel / ws.ws_col;
        *cell_h = ws.ws_ypixel / ws.ws_row;
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int termgfx_query(int in, int out, int timeout_ms, char *da1, size_t len, int *cell_w,
                  int *cell_h)
{
    struct termios old, raw;
    da1[0] = '\0';
    *cell_w = *cell_h = 0;
    if (tcgetattr(in, &old) != 0)
        return -1;
    raw = old;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(in, TCSANOW, &raw) != 0)
        return -1;
    /* The cell size (XTWINOPS 16), then the device attributes, which every terminal
     * answers: its answer ends the wait. */
    static const char ask[] = "\033[16t\033[c";
    ssize_t wr = write(out, ask, sizeof ask - 1);
    char buf[256];
    size_t n = 0;
    double end = now_ms() + timeout_ms;
    while (wr > 0 && n + 1 < sizeof buf) {
        double left = end - now_ms();
        struct pollfd pfd = {in, POLLIN, 0};
        if (left <= 0 || poll(&pfd, 1, (int)left + 1) <= 0)
            break;
        ssize_t k = read(in, buf + n, sizeof buf - 1 - n);
        if (k <= 0)
            break;
        n += (size_t)k;
        buf[n] = '\0';
        const char *d = strstr(buf, "\033[?");
        if (d && strchr(d, 'c'))
            break;
    }
    buf[n] = '\0';
    tcsetattr(in, TCSANOW, &old);
    const char *d = strstr(buf, "\033[?");
    if (d && strchr(d, 'c'))
        snprintf(da1, len, "%.*s", (int)(strchr(d, 'c') - d + 1), d);
    const char *c = strstr(buf, "\033[6;");
    int h, w;
    if (c && sscanf(c, "\033[6;%d;%dt", &h, &w) == 2 && h > 0 && w > 0 && h < 1000 &&
        w < 1000) {
        *cell_w = w;
        *cell_h = h;
    }
    return 0;
}
