/* test_termgfx: which image protocol a terminal gets, from a table of environments and
 * device-attribute answers; what --preview/$EYEBALL_PREVIEW accept; and that a pixel mode
 * asked inside tmux or screen falls back to symbols. */
#include "config.h"
#include "termgfx.h"
#include "tap.h"

#include <string.h>

typedef struct env_case {
    const char *env[5]; /* NULL-terminated "NAME=value" */
    const char *da1;    /* the terminal's answer to ESC [ c, or NULL */
    termgfx_t want;
    const char *why;    /* start of the reason */
} env_case_t;

static const env_case_t cases[] = {
    /* kitty and Ghostty: the kitty protocol */
    {{"TERM=xterm-kitty", "KITTY_WINDOW_ID=1"}, NULL, TERMGFX_KITTY, "kitty ($KITTY_WINDOW_ID)"},
    {{"TERM=xterm-256color", "KITTY_WINDOW_ID=3"}, NULL, TERMGFX_KITTY, "kitty"},
    {{"TERM=xterm-kitty"}, NULL, TERMGFX_KITTY, "TERM=xterm-kitty"},
    {{"TERM=xterm-ghostty"}, NULL, TERMGFX_KITTY, "TERM=xterm-ghostty"},
    {{"TERM=xterm-256color", "TERM_PROGRAM=ghostty"}, NULL, TERMGFX_KITTY, "TERM_PROGRAM=ghostty"},
    /* iTerm2 and WezTerm: the iTerm2 protocol */
    {{"TERM=xterm-256color", "TERM_PROGRAM=iTerm.app"}, NULL, TERMGFX_ITERM, "TERM_PROGRAM=iTerm.app"},
    {{"TERM=xterm-256color", "TERM_PROGRAM=WezTerm"}, NULL, TERMGFX_ITERM, "WezTerm"},
    {{"TERM=xterm-256color", "WEZTERM_PANE=0"}, NULL, TERMGFX_ITERM, "WezTerm"},
    /* sixel from chafa's terminal database */
    {{"TERM=foot"}, NULL, TERMGFX_SIXEL, "TERM=foot, from chafa's terminal database"},
    {{"TERM=mlterm"}, NULL, TERMGFX_SIXEL, "TERM=mlterm, from chafa"},
    {{"TERM=xterm-256color", "KONSOLE_VERSION=220401"}, NULL, TERMGFX_SIXEL, "TERM=xterm-256color, from chafa"},
    /* sixel from the terminal's answer: xterm -ti vt340 lists attribute 4 */
    {{"TERM=xterm-256color", "XTERM_VERSION=XTerm(379)"}, "\033[?63;1;2;4;6;9;15;16;22;28c", TERMGFX_SIXEL,
     "the terminal says it speaks sixel"},
    {{"TERM=xterm"}, "\033[?62;4;6c", TERMGFX_SIXEL, "the terminal says"},
    /* no sixel: plain xterm, VT100 (its 4 would be the class... here 1;2), the console */
    {{"TERM=xterm-256color", "XTERM_VERSION=XTerm(379)"}, "\033[?64;1;2;6;9;15;16;17;18;21;22;28c",
     TERMGFX_SYMBOLS, "no pixel protocol known for TERM=xterm-256color"},
    {{"TERM=vt100"}, "\033[?1;2c", TERMGFX_SYMBOLS, "no pixel protocol"},
    {{"TERM=vt100"}, "\033[?4c", TERMGFX_SYMBOLS, "no pixel protocol"},
    {{"TERM=linux"}, NULL, TERMGFX_SYMBOLS, "no pixel protocol known for TERM=linux"},
    {{"TERM=xterm-256color"}, "", TERMGFX_SYMBOLS, "no pixel protocol"},
    {{"TERM=xterm-256color"}, "garbage", TERMGFX_SYMBOLS, "no pixel protocol"},
    {{NULL}, NULL, TERMGFX_SYMBOLS, "no pixel protocol known for TERM="},
    /* multiplexers: symbols, whatever runs outside */
    {{"TERM=tmux-256color", "TMUX=/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID=1"}, NULL, TERMGFX_SYMBOLS,
     "inside tmux: images cannot pass through"},
    {{"TERM=screen-256color", "TERM_PROGRAM=iTerm.app"}, NULL, TERMGFX_SYMBOLS, "inside screen"},
    {{"TERM=xterm-256color", "STY=1234.pts-0.host"}, "\033[?63;4c", TERMGFX_SYMBOLS, "inside screen"},
    {{"TERM=foot", "TMUX=/tmp/tmux-0/default,1,0"}, NULL, TERMGFX_SYMBOLS, "inside tmux"},
};

int main(void)
{
    char why[160];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const env_case_t *c = &cases[i];
        termgfx_t got = termgfx_detect((char *const *)c->env, c->da1, why, sizeof why);
        is_str(termgfx_name(got), termgfx_name(c->want), "case %zu (%s%s%s): %s", i,
               c->env[0] ? c->env[0] : "empty", c->env[1] ? " " : "", c->env[1] ? c->env[1] : "",
               termgfx_name(c->want));
        ok(strncmp(why, c->why, strlen(c->why)) == 0, "case %zu: why '%s' starts '%s'", i, why,
           c->why);
    }

    /* --preview and $EYEBALL_PREVIEW */
    static const char *const good[] = {"auto", "symbols", "sixel", "kitty", "iterm"};
    for (size_t i = 0; i < 5; i++) {
        termgfx_t m;
        int a;
        is_int(termgfx_parse(good[i], &m, &a), 0, "'%s' accepted", good[i]);
        is_int(a, i == 0, "'%s': auto %d", good[i], i == 0);
        if (i)
            is_str(termgfx_name(m), good[i], "'%s' names itself", good[i]);
    }
    static const char *const bad[] = {"", "Sixel", "kitty ", "symbol", "iterm2", NULL};
    for (size_t i = 0; bad[i]; i++) {
        termgfx_t m;
        int a;
        is_int(termgfx_parse(bad[i], &m, &a), -1, "'%s' refused", bad[i]);
    }

    /* A mode asked for is used, except inside a multiplexer. */
    char x1[] = "TERM=xterm-256color", t1[] = "TERM=tmux-256color", t2[] = "TMUX=/tmp/t,1,0";
    char *xterm[] = {x1, NULL};
    char *tmux[] = {t1, t2, NULL};
    is_str(termgfx_name(termgfx_choose(TERMGFX_SIXEL, 0, xterm, NULL, why, sizeof why)), "sixel",
           "sixel asked: sixel");
    is_str(why, "asked for", "and says so");
    is_str(termgfx_name(termgfx_choose(TERMGFX_KITTY, 0, tmux, NULL, why, sizeof why)), "symbols",
           "kitty asked inside tmux: symbols");
    is_str(why, "kitty asked, but inside tmux images cannot pass through", "and says why");
    is_str(termgfx_name(termgfx_choose(TERMGFX_SYMBOLS, 0, tmux, NULL, why, sizeof why)),
           "symbols", "symbols asked inside tmux: symbols");
    is_str(termgfx_name(termgfx_choose(TERMGFX_SYMBOLS, 1, xterm, "\033[?63;4c", why, sizeof why)),
           "sixel", "auto: detection");
    ok(termgfx_in_multiplexer(tmux) && !termgfx_in_multiplexer(xterm), "multiplexer test");
    return tap_done();
}
