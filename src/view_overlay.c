/* view_overlay.c: what opens over the review screen: the label picker, the one-line
 * prompt, and the help overlay (from the key table). */
#include "config.h"
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "strbuf.h"
#include "ui.h"
#include "view.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

/* Appends the UTF-8 form of wide character c to b. */
static void add_wchar(strbuf_t *b, int c)
{
    char mb[MB_LEN_MAX];
    mbstate_t ps = {0};
    size_t k = wcrtomb(mb, (wchar_t)c, &ps);
    if (k != (size_t)-1)
        strbuf_add(b, mb, k);
}

/* Removes the last UTF-8 character of b. */
static void del_char(strbuf_t *b)
{
    while (b->len > 0) {
        unsigned char c = (unsigned char)b->buf[--b->len];
        if ((c & 0xC0) != 0x80)
            break;
    }
    b->buf[b->len] = '\0';
}

static int is_erase(int key)
{
    return key == UI_FN(KEY_BACKSPACE) || key == 127 || key == 8;
}

/* Draws one box-drawing character (Unicode, so screen dumps read as they look). */
static void glyph(int y, int x, const wchar_t *g)
{
    cchar_t cc;
    setcchar(&cc, g, A_NORMAL, 0, NULL);
    mvadd_wch(y, x, &cc);
}

static void box_at(int y, int x, int h, int w)
{
    for (int i = 0; i < h; i++)
        ui_fill(y + i, x, w, 0, A_NORMAL);
    for (int i = 1; i < w - 1; i++) {
        glyph(y, x + i, L"─");
        glyph(y + h - 1, x + i, L"─");
    }
    for (int i = 1; i < h - 1; i++) {
        glyph(y + i, x, L"│");
        glyph(y + i, x + w - 1, L"│");
    }
    glyph(y, x, L"┌");
    glyph(y, x + w - 1, L"┐");
    glyph(y + h - 1, x, L"└");
    glyph(y + h - 1, x + w - 1, L"┘");
}

/* Index into match[0..nmatch-1] of the first label that starts with the filter (case
 * aside), else 0: typing the first letters lands on the label they begin. */
static size_t first_prefixed(const review_t *r, const size_t *match, size_t nmatch,
                             const char *filter)
{
    size_t len = strlen(filter);
    for (size_t i = 0; i < nmatch; i++)
        if (strncasecmp(r->labels[match[i]], filter, len) == 0)
            return i;
    return 0;
}

char *view_pick_label(review_t *r, const char *title, const char *current)
{
    strbuf_t filter;
    strbuf_init(&filter);
    size_t *match = xmalloc((r->nlabels ? r->nlabels : 1) * sizeof *match);
    size_t nmatch = 0, sel = 0, top = 0;
    char *result = NULL;
    int first = 1, redraw = 0;
    /* Digits pick a numbered row, unless a label starts with a digit (then they filter). */
    int digits = 1;
    for (size_t i = 0; i < r->nlabels; i++)
        if (r->labels[i][0] >= '0' && r->labels[i][0] <= '9')
            digits = 0;
    for (;;) {
        if (redraw)
            view_redraw(r);
        redraw = 0;
        nmatch = 0;
        for (size_t i = 0; i < r->nlabels; i++)
            if (!filter.len || strcasestr(r->labels[i], filter.buf))
                match[nmatch++] = i;
        if (first) {
            for (size_t i = 0; i < nmatch; i++)
                if (current && strcmp(r->labels[match[i]], current) == 0)
                    sel = i;
            first = 0;
        }
        if (sel >= nmatch)
            sel = nmatch ? nmatch - 1 : 0;
        if (view_too_small()) {
            /* The screen says it is too small; only Esc (or growing it) does anything. */
            int key = ui_getkey();
            if (key == UI_KEY_EOF || key == 27)
                break;
            redraw = 1;
            continue;
        }
        /* Over the panel, so the image stays in view while the label is chosen. */
        int w = view_panel_width() + 2;
        if (w > COLS)
            w = COLS;
        /* At the bottom of the panel: its top rows (label, prediction, top classes) stay
         * in view as long as the screen leaves room for them. */
        int body = LINES - 3, h = (int)r->nlabels + 5;
        int cap = body - 8 >= 9 ? body - 8 : body - 5;
        if (h > cap)
            h = cap;
        if (h < 7)
            h = 7;
        int y0 = 1 + body - h, x0 = COLS - w;
        int rows = h - 5;
        if (top + (size_t)rows > nmatch) /* grown: show as many as fit */
            top = nmatch > (size_t)rows ? nmatch - (size_t)rows : 0;
        if (sel < top)
            top = sel;
        if (sel >= top + (size_t)rows)
            top = sel - (size_t)rows + 1;
        box_at(y0, x0, h, w);
        ui_put(y0, x0 + 2, w - 4, title, A_BOLD, 0);
        char line[256];
        snprintf(line, sizeof line, "filter: %s", filter.buf);
        ui_put(y0 + 1, x0 + 2, w - 4, line, A_NORMAL, UI_PAIR_ACCENT);
        for (int i = 0; i < rows; i++) {
            size_t k = top + (size_t)i;
            if (k >= nmatch)
                break;
            int is_sel = k == sel;
            if (is_sel)
                ui_fill(y0 + 2 + i, x0 + 1, w - 2, UI_PAIR_SELECT, A_NORMAL);
            int lx = x0 + 2;
            if (digits && !filter.len && i < 9) {
                snprintf(line, sizeof line, "%d", i + 1);
                ui_put(y0 + 2 + i, lx, 1, line, A_NORMAL, is_sel ? UI_PAIR_SELECT : UI_PAIR_DIM);
            }
            if (digits)
                lx += 2;
            ui_put(y0 + 2 + i, lx, x0 + w - 2 - lx, r->labels[match[k]],
                   is_sel ? A_BOLD : A_NORMAL, is_sel ? UI_PAIR_SELECT : 0);
        }
        if (!nmatch)
            ui_put(y0 + 2, x0 + 2, w - 4, "no label matches; Backspace to widen", A_NORMAL,
                   UI_PAIR_ERROR);
        snprintf(line, sizeof line, "%zu of %zu · type to filter · Enter stage · Esc cancel",
                 nmatch, r->nlabels);
        ui_put(y0 + h - 2, x0 + 2, w - 4, line, A_NORMAL, UI_PAIR_DIM);
        refresh();
        int key = ui_getkey();
        if (key == UI_KEY_EOF || key == 27)
            break;
        if (key == UI_FN(KEY_RESIZE)) {
            redraw = 1;
            continue;
        }
        if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
            if (nmatch) {
                result = xstrdup(r->labels[match[sel]]);
                break;
            }
        } else if (key == UI_FN(KEY_UP)) {
            if (sel > 0)
                sel--;
        } else if (key == UI_FN(KEY_DOWN)) {
            if (sel + 1 < nmatch)
                sel++;
        } else if (key == UI_FN(KEY_PPAGE)) {
            sel = sel > (size_t)rows ? sel - (size_t)rows : 0;
        } else if (key == UI_FN(KEY_NPAGE)) {
            sel += (size_t)rows;
        } else if (digits && !filter.len && key >= '1' && key <= '9') {
            if (top + (size_t)(key - '1') < nmatch && key - '1' < rows)
                sel = top + (size_t)(key - '1');
        } else if (is_erase(key)) {
            del_char(&filter);
            sel = 0;
        } else if (key == 21) { /* Ctrl-U */
            strbuf_reset(&filter);
        } else if (key >= 32 && iswprint((wint_t)key)) {
            add_wchar(&filter, key);
            nmatch = 0;
            for (size_t i = 0; i < r->nlabels; i++)
                if (strcasestr(r->labels[i], filter.buf))
                    match[nmatch++] = i;
            sel = first_prefixed(r, match, nmatch, filter.buf);
        }
        touchwin(stdscr);
    }
    strbuf_done(&filter);
    free(match);
    return result;
}

/* Display width of the character at s (0 for one that does not decode); *len gets its
 * length in bytes (at least 1, so a walk always moves on). */
static int char_width(const char *s, size_t *len)
{
    mbstate_t ps = {0};
    wchar_t wc;
    size_t k = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
    if (k == 0 || k >= (size_t)-2) {
        *len = 1;
        return 0;
    }
    *len = k;
    int w = wcwidth(wc);
    return w > 0 ? w : 0;
}

/* Byte offset of the character before offset i of s. */
static size_t prev_char(const char *s, size_t i)
{
    while (i > 0 && (s[--i] & 0xC0) == 0x80)
        ;
    return i;
}

/* The one-line editor's state: the text, the cursor and the first byte shown. Every key
 * costs only what the visible part of the line costs, however long the text is. */
typedef struct line_edit {
    strbuf_t b;
    size_t cur;   /* cursor, a byte offset at a character boundary */
    size_t first; /* the first byte shown */
    size_t max;   /* most bytes the text may hold (0: no limit) */
} line_edit_t;

/* Keeps the cursor within room columns after first; returns its column from there. */
static int edit_scroll(line_edit_t *ed, int room)
{
    if (ed->cur < ed->first)
        ed->first = ed->cur;
    int col = 0;
    size_t i = ed->first, k;
    while (i < ed->cur && col < room) {
        col += char_width(ed->b.buf + i, &k);
        i += k;
    }
    if (col < room)
        return col;
    /* The cursor ran off the right edge: show the room before it, back from the cursor. */
    ed->first = ed->cur;
    col = 0;
    while (ed->first > 0) {
        size_t p = prev_char(ed->b.buf, ed->first);
        int w = char_width(ed->b.buf + p, &k);
        if (col + w > room - 1)
            break;
        col += w;
        ed->first = p;
    }
    return col;
}

/* Applies an editing key; 0 when the key is not one. */
static int edit_key(line_edit_t *ed, int key)
{
    strbuf_t *b = &ed->b;
    size_t k;
    if (key == UI_FN(KEY_LEFT)) {
        ed->cur = prev_char(b->buf, ed->cur);
    } else if (key == UI_FN(KEY_RIGHT)) {
        if (ed->cur < b->len) {
            char_width(b->buf + ed->cur, &k);
            ed->cur += k;
        }
    } else if (key == UI_FN(KEY_HOME) || key == 1) { /* Ctrl-A */
        ed->cur = 0;
    } else if (key == UI_FN(KEY_END) || key == 5) { /* Ctrl-E */
        ed->cur = b->len;
    } else if (is_erase(key) || key == UI_FN(KEY_DC) || key == 4) { /* Delete, Ctrl-D */
        size_t from = ed->cur, to = ed->cur;
        if (is_erase(key))
            from = prev_char(b->buf, ed->cur);
        else if (ed->cur < b->len) {
            char_width(b->buf + ed->cur, &k);
            to += k;
        }
        memmove(b->buf + from, b->buf + to, b->len - to + 1);
        b->len -= to - from;
        ed->cur = from;
    } else if (key == 21) { /* Ctrl-U */
        strbuf_reset(b);
        ed->cur = ed->first = 0;
    } else if (key >= 32 && iswprint((wint_t)key)) {
        char mb[MB_LEN_MAX];
        mbstate_t ps = {0};
        k = wcrtomb(mb, (wchar_t)key, &ps);
        if (k == (size_t)-1 || (ed->max && b->len + k > ed->max))
            return -1;
        size_t tail = b->len - ed->cur;
        strbuf_add(b, mb, k); /* grows the buffer; the tail moves next */
        memmove(b->buf + ed->cur + k, b->buf + ed->cur, tail);
        memcpy(b->buf + ed->cur, mb, k);
        ed->cur += k;
    } else {
        return 0;
    }
    return 1;
}

char *view_prompt(review_t *r, const char *label, const char *initial, size_t max)
{
    line_edit_t ed = {.max = max};
    strbuf_init(&ed.b);
    strbuf_adds(&ed.b, initial);
    ed.cur = ed.b.len;
    char *result = NULL;
    int full = 0; /* the last key was refused: the text is at its limit */
    curs_set(1);
    for (;;) {
        if (view_too_small()) {
            /* The screen says it is too small; only Esc (or growing it) does anything. */
            curs_set(0);
            int key = ui_getkey();
            if (key == UI_KEY_EOF || key == 27)
                break;
            view_redraw(r);
            curs_set(1);
            continue;
        }
        int y = LINES - 1;
        ui_fill(y, 0, COLS, UI_PAIR_SELECT, A_NORMAL);
        int lw = ui_put(y, 0, COLS, label, A_BOLD, UI_PAIR_SELECT);
        char limit[64] = "";
        if (full)
            snprintf(limit, sizeof limit, " full: %zu bytes at most ", ed.max);
        int room = COLS - lw - 1 - (int)strlen(limit);
        if (room < 2)
            room = 2;
        int col = edit_scroll(&ed, room);
        /* The visible part: from first, as much as fits in room columns. */
        size_t end = ed.first, k;
        int used = 0;
        while (end < ed.b.len) {
            int w = char_width(ed.b.buf + end, &k);
            if (used + w > room)
                break;
            used += w;
            end += k;
        }
        char *shown = xstrndup(ed.b.buf + ed.first, end - ed.first);
        ui_put(y, lw, room, shown, A_NORMAL, UI_PAIR_SELECT);
        free(shown);
        if (full)
            ui_put(y, COLS - (int)strlen(limit), (int)strlen(limit), limit, A_BOLD,
                   UI_PAIR_ERROR);
        move(y, lw + col);
        refresh();
        int key = ui_getkey();
        if (key == UI_KEY_EOF || key == 27)
            break;
        if (key == UI_FN(KEY_RESIZE)) {
            view_redraw(r);
            continue;
        }
        if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
            result = strbuf_detach(&ed.b);
            break;
        }
        full = edit_key(&ed, key) < 0;
    }
    curs_set(0);
    if (ed.b.buf)
        strbuf_done(&ed.b);
    return result;
}

int view_confirm(review_t *r, const char *question)
{
    for (;;) {
        if (!view_too_small()) {
            ui_fill(LINES - 1, 0, COLS, UI_PAIR_SELECT, A_NORMAL);
            ui_put(LINES - 1, 0, COLS, question, A_BOLD, UI_PAIR_SELECT);
            refresh();
        }
        int key = ui_getkey();
        if (key == 'y' || key == 'Y')
            return 1;
        if (key == UI_FN(KEY_RESIZE)) {
            view_redraw(r);
            continue;
        }
        return 0;
    }
}

void view_draw_help(const char *preview)
{
    int w = COLS - 4 < 78 ? COLS - 4 : 78;
    int h = (int)view_nkeys + 5;
    if (h > LINES)
        h = LINES;
    int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
    box_at(y0, x0, h, w);
    ui_put(y0, x0 + 2, w - 4, " keys ", A_BOLD, 0);
    int y = y0 + 1;
    size_t i = 0;
    for (; i < view_nkeys && y < y0 + h - 3; i++, y++) {
        ui_put(y, x0 + 2, 18, view_keys[i].shown, A_BOLD, UI_PAIR_ACCENT);
        ui_put(y, x0 + 21, w - 23, view_keys[i].help, A_NORMAL, 0);
    }
    char foot[128];
    if (i < view_nkeys)
        snprintf(foot, sizeof foot, "%zu more: eyeball review --keys lists them all",
                 view_nkeys - i);
    else
        snprintf(foot, sizeof foot, "Every change is saved at once. Any key closes this help.");
    ui_put(y0 + h - 3, x0 + 2, w - 4, preview, A_NORMAL, UI_PAIR_DIM);
    ui_put(y0 + h - 2, x0 + 2, w - 4, foot, A_NORMAL, UI_PAIR_DIM);
}
