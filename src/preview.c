/* preview.c: pixels to a grid of cells with libchafa, and the placeholder grid.
 *
 * chafa settings (measured in ../bench/render): symbols BLOCK|BORDER|SPACE without wide
 * and inverted ones (the chafa CLI's default set), work factor 0.5, preprocessing only
 * in modes of 16 colours or fewer (as the CLI does). Each call builds its own canvas, so
 * several threads may render at once; draw_all_pixels itself runs on chafa's thread
 * pool and returns when done. */
#include "config.h"
#include "preview.h"

#include <chafa.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define WORK_FACTOR 0.5f

preview_mode_t preview_mode_for_colors(int colors)
{
    if (colors >= (1 << 24))
        return PREVIEW_TRUECOLOR;
    if (colors >= 256)
        return PREVIEW_256;
    if (colors >= 16)
        return PREVIEW_16;
    if (colors >= 8)
        return PREVIEW_8;
    return PREVIEW_MONO;
}

const char *preview_mode_name(preview_mode_t mode)
{
    switch (mode) {
    case PREVIEW_TRUECOLOR:
        return "truecolor";
    case PREVIEW_256:
        return "256";
    case PREVIEW_16:
        return "16";
    case PREVIEW_8:
        return "8";
    case PREVIEW_SIXEL:
        return "sixel";
    case PREVIEW_KITTY:
        return "kitty";
    case PREVIEW_ITERM:
        return "iterm";
    case PREVIEW_MONO:
        break;
    }
    return "mono";
}

static ChafaCanvasMode chafa_mode(preview_mode_t mode)
{
    switch (mode) {
    case PREVIEW_TRUECOLOR:
        return CHAFA_CANVAS_MODE_TRUECOLOR;
    case PREVIEW_256:
        return CHAFA_CANVAS_MODE_INDEXED_240;
    case PREVIEW_16:
        return CHAFA_CANVAS_MODE_INDEXED_16;
    case PREVIEW_8:
        return CHAFA_CANVAS_MODE_INDEXED_8;
    case PREVIEW_SIXEL:
    case PREVIEW_KITTY:
    case PREVIEW_ITERM:
        return CHAFA_CANVAS_MODE_TRUECOLOR;
    case PREVIEW_MONO:
        break;
    }
    return CHAFA_CANVAS_MODE_FGBG_BGFG;
}

void preview_geometry(int src_w, int src_h, int box_w, int box_h, double font_ratio, int *w,
                      int *h)
{
    gint cw = box_w, ch = box_h;
    if (font_ratio <= 0)
        font_ratio = PREVIEW_FONT_RATIO;
    if (src_w < 1)
        src_w = 1;
    if (src_h < 1)
        src_h = 1;
    chafa_calc_canvas_geometry(src_w, src_h, &cw, &ch, (gfloat)font_ratio, TRUE, FALSE);
    *w = cw < 1 ? 1 : cw > box_w ? box_w : cw;
    *h = ch < 1 ? 1 : ch > box_h ? box_h : ch;
}

void preview_pixel_box(int box_w, int box_h, int *px_w, int *px_h)
{
    /* chafa samples 8x8 pixels per cell; a cell is about twice as tall as wide, so the
     * image keeps twice that height in detail whatever its aspect ratio. */
    long long w = (long long)box_w * 8, h = (long long)box_h * 16;
    *px_w = (int)(w < 1 ? 1 : w > IMAGE_MAX_SIDE ? IMAGE_MAX_SIDE : w);
    *px_h = (int)(h < 1 ? 1 : h > IMAGE_MAX_SIDE ? IMAGE_MAX_SIDE : h);
}

static preview_t *preview_alloc(int w, int h, preview_mode_t mode)
{
    preview_t *p = xcalloc(1, sizeof *p);
    p->w = w;
    p->h = h;
    p->mode = mode;
    p->cells = xcalloc((size_t)w * (size_t)h, sizeof *p->cells);
    return p;
}

static ChafaSymbolMap *symbol_map(preview_mode_t mode)
{
    ChafaSymbolMap *map = chafa_symbol_map_new();
    chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_BORDER |
                                          CHAFA_SYMBOL_TAG_SPACE);
    /* Reverse video does the work of inverted symbols in mono mode only. */
    chafa_symbol_map_remove_by_tags(map, mode == PREVIEW_MONO
                                             ? CHAFA_SYMBOL_TAG_WIDE
                                             : CHAFA_SYMBOL_TAG_WIDE | CHAFA_SYMBOL_TAG_INVERTED);
    return map;
}

/* ---- pixel modes ----------------------------------------------------------------- */

/* Cell size in pixels when the terminal does not say. */
#define CELL_W_DEFAULT 8
#define CELL_H_DEFAULT 16

/* A terminal description from chafa's database that holds the mode's sequences: the
 * database is asked about a terminal known to speak the protocol. Caller unrefs. */
static ChafaTermInfo *term_info_for(preview_mode_t mode)
{
    char sixel[] = "TERM=foot", kitty[] = "TERM=xterm-kitty", iterm[] = "TERM_PROGRAM=iTerm.app";
    char *env[2] = {mode == PREVIEW_KITTY ? kitty : mode == PREVIEW_ITERM ? iterm : sixel,
                    NULL};
    ChafaTermDb *db = chafa_term_db_new();
    ChafaTermInfo *ti = chafa_term_db_detect(db, env);
    chafa_term_db_unref(db);
    return ti;
}

static ChafaPixelMode chafa_pixel_mode(preview_mode_t mode)
{
    return mode == PREVIEW_KITTY   ? CHAFA_PIXEL_MODE_KITTY
           : mode == PREVIEW_ITERM ? CHAFA_PIXEL_MODE_ITERM2
                                   : CHAFA_PIXEL_MODE_SIXELS;
}

static preview_t *alloc_blank(int w, int h, preview_mode_t mode);

/* The image as one escape sequence over cw x ch cells; the cells are blanks. */
static preview_t *render_pixels(const unsigned char *rgba, int w, int h, int stride, int img_w,
                                int img_h, int box_w, int box_h, preview_mode_t mode,
                                int cell_w, int cell_h)
{
    if (cell_w <= 0 || cell_h <= 0) {
        cell_w = CELL_W_DEFAULT;
        cell_h = CELL_H_DEFAULT;
    }
    int cw, ch;
    preview_geometry(img_w > 0 ? img_w : w, img_h > 0 ? img_h : h, box_w, box_h,
                     (double)cell_w / cell_h, &cw, &ch);
    ChafaCanvasConfig *cfg = chafa_canvas_config_new();
    chafa_canvas_config_set_canvas_mode(cfg, CHAFA_CANVAS_MODE_TRUECOLOR);
    chafa_canvas_config_set_pixel_mode(cfg, chafa_pixel_mode(mode));
    chafa_canvas_config_set_geometry(cfg, cw, ch);
    chafa_canvas_config_set_cell_geometry(cfg, cell_w, cell_h);
    ChafaCanvas *cv = chafa_canvas_new(cfg);
    chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, w, h, stride);
    ChafaTermInfo *ti = term_info_for(mode);
    GString *gs = chafa_canvas_print(cv, ti);
    preview_t *p = alloc_blank(cw, ch, mode);
    p->img_w = img_w > 0 ? img_w : w;
    p->img_h = img_h > 0 ? img_h : h;
    p->seq_len = gs->len;
    p->seq = xmalloc(gs->len + 1);
    memcpy(p->seq, gs->str, gs->len + 1);
    g_string_free(gs, TRUE);
    chafa_term_info_unref(ti);
    chafa_canvas_unref(cv);
    chafa_canvas_config_unref(cfg);
    return p;
}

preview_t *preview_from_pixels(const unsigned char *rgba, int w, int h, int stride, int img_w,
                               int img_h, int box_w, int box_h, preview_mode_t mode)
{
    if (box_w < 1 || box_h < 1)
        return NULL;
    if (!rgba || w < 1 || h < 1)
        return preview_placeholder("no pixels", box_w, box_h, mode);
    if (PREVIEW_IS_PIXELS(mode))
        return render_pixels(rgba, w, h, stride, img_w, img_h, box_w, box_h, mode, 0, 0);
    int cw, ch;
    preview_geometry(img_w > 0 ? img_w : w, img_h > 0 ? img_h : h, box_w, box_h,
                     PREVIEW_FONT_RATIO, &cw, &ch);

    ChafaSymbolMap *map = symbol_map(mode);
    ChafaCanvasConfig *cfg = chafa_canvas_config_new();
    chafa_canvas_config_set_canvas_mode(cfg, chafa_mode(mode));
    chafa_canvas_config_set_geometry(cfg, cw, ch);
    chafa_canvas_config_set_symbol_map(cfg, map);
    chafa_canvas_config_set_work_factor(cfg, WORK_FACTOR);
    chafa_canvas_config_set_preprocessing_enabled(
        cfg, mode == PREVIEW_16 || mode == PREVIEW_8 || mode == PREVIEW_MONO);
    ChafaCanvas *cv = chafa_canvas_new(cfg);
    chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, w, h, stride);

    preview_t *p = preview_alloc(cw, ch, mode);
    p->img_w = img_w > 0 ? img_w : w;
    p->img_h = img_h > 0 ? img_h : h;
    for (int y = 0; y < ch; y++) {
        for (int x = 0; x < cw; x++) {
            preview_cell_t *c = &p->cells[(size_t)y * (size_t)cw + (size_t)x];
            gint fg, bg;
            c->ch = (wchar_t)chafa_canvas_get_char_at(cv, x, y);
            if (mode == PREVIEW_TRUECOLOR) {
                chafa_canvas_get_colors_at(cv, x, y, &fg, &bg);
                /* Under *-direct terminfo, colour numbers 0-7 are the ANSI colours, not
                 * RGB: 0x000001 would print red. The nearest safe value is 8. */
                if (fg >= 0 && fg < 8)
                    fg = 8;
                if (bg >= 0 && bg < 8)
                    bg = 8;
            } else {
                chafa_canvas_get_raw_colors_at(cv, x, y, &fg, &bg);
            }
            if (mode == PREVIEW_MONO) {
                /* FGBG_BGFG: a background in the foreground pen (0) means reverse video. */
                c->reverse = bg == 0;
                fg = bg = PREVIEW_DEFAULT;
            }
            /* A space shows only its background, a full block only its foreground: make
             * the hidden colour equal the shown one, so such cells share colour pairs. */
            if (c->ch == L' ')
                fg = bg;
            else if (c->ch == 0x2588)
                bg = fg;
            c->fg = fg < 0 ? PREVIEW_DEFAULT : fg;
            c->bg = bg < 0 ? PREVIEW_DEFAULT : bg;
        }
    }
    chafa_canvas_unref(cv);
    chafa_canvas_config_unref(cfg);
    chafa_symbol_map_unref(map);
    return p;
}

static preview_t *alloc_blank(int w, int h, preview_mode_t mode)
{
    preview_t *p = preview_alloc(w, h, mode);
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++) {
        p->cells[i].ch = L' ';
        p->cells[i].fg = p->cells[i].bg = PREVIEW_DEFAULT;
    }
    return p;
}

/* ---- placeholder ----------------------------------------------------------------- */

/* reason as single-width wide characters; anything else becomes '?'. */
static wchar_t *to_wide(const char *s, size_t *n)
{
    size_t len = strlen(s);
    wchar_t *out = xcalloc(len + 1, sizeof *out);
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t k = 0;
    while (*s) {
        wchar_t wc;
        size_t r = mbrtowc(&wc, s, strlen(s), &st);
        if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
            memset(&st, 0, sizeof st);
            wc = L'?';
            r = 1;
        }
        if (wc < 0x20 || wc == 0x7f || (wc > 0x7e && wcwidth(wc) != 1))
            wc = L'?';
        out[k++] = wc;
        s += r;
    }
    *n = k;
    return out;
}

static void put_text(preview_t *p, int x, int y, const wchar_t *s, size_t n)
{
    for (size_t i = 0; i < n && x + (int)i < p->w; i++)
        if (x + (int)i >= 0)
            p->cells[(size_t)y * (size_t)p->w + (size_t)x + i].ch = s[i];
}

preview_t *preview_placeholder(const char *reason, int box_w, int box_h, preview_mode_t mode)
{
    if (box_w < 1 || box_h < 1)
        return NULL;
    preview_t *p = preview_alloc(box_w, box_h, mode);
    p->reason = xstrdup(reason ? reason : "");
    for (size_t i = 0; i < (size_t)box_w * (size_t)box_h; i++) {
        p->cells[i].ch = L' ';
        p->cells[i].fg = p->cells[i].bg = PREVIEW_DEFAULT;
    }
    int framed = box_w >= 5 && box_h >= 3;
    if (framed) {
        int utf8 = MB_CUR_MAX > 1;
        wchar_t hz = utf8 ? 0x2500 : L'-', vt = utf8 ? 0x2502 : L'|';
        for (int x = 0; x < box_w; x++)
            p->cells[x].ch = p->cells[(size_t)(box_h - 1) * (size_t)box_w + (size_t)x].ch = hz;
        for (int y = 0; y < box_h; y++)
            p->cells[(size_t)y * (size_t)box_w].ch =
                p->cells[(size_t)y * (size_t)box_w + (size_t)box_w - 1].ch = vt;
        wchar_t tl = utf8 ? 0x250c : L'+', tr = utf8 ? 0x2510 : L'+';
        wchar_t bl = utf8 ? 0x2514 : L'+', br = utf8 ? 0x2518 : L'+';
        p->cells[0].ch = tl;
        p->cells[box_w - 1].ch = tr;
        p->cells[(size_t)(box_h - 1) * (size_t)box_w].ch = bl;
        p->cells[(size_t)box_h * (size_t)box_w - 1].ch = br;
    }
    /* Text area inside the frame, one column of padding on each side. */
    int tx = framed ? 2 : 0, ty = framed ? 1 : 0;
    int tw = framed ? box_w - 4 : box_w, th = framed ? box_h - 2 : box_h;
    if (tw < 1 || th < 1)
        return p;
    size_t n;
    wchar_t *text = to_wide(p->reason, &n);
    /* Greedy word wrap into at most th lines of tw characters. */
    size_t *start = xcalloc((size_t)th, sizeof *start), *len = xcalloc((size_t)th, sizeof *len);
    int lines = 0;
    size_t i = 0;
    while (i < n && lines < th) {
        while (i < n && text[i] == L' ')
            i++;
        if (i >= n)
            break;
        size_t end = i + (size_t)tw < n ? i + (size_t)tw : n;
        if (end < n && text[end] != L' ') {
            size_t b = end;
            while (b > i && text[b - 1] != L' ')
                b--;
            if (b > i)
                end = b; /* break after the last space; a longer word is cut */
        }
        size_t e = end;
        while (e > i && text[e - 1] == L' ')
            e--;
        start[lines] = i;
        len[lines] = e - i;
        lines++;
        i = end;
    }
    while (i < n && text[i] == L' ')
        i++;
    if (i < n && lines > 0 && tw >= 6) { /* more text than room: end with "..." */
        size_t *l = &len[lines - 1];
        if (*l + 3 > (size_t)tw)
            *l = (size_t)tw > 3 ? (size_t)tw - 3 : 0;
        for (int k = 0; k < 3 && (int)*l < tw; k++)
            text[start[lines - 1] + (*l)++] = L'.';
    }
    int y0 = ty + (th - lines) / 2;
    for (int k = 0; k < lines; k++)
        put_text(p, tx + (tw - (int)len[k]) / 2, y0 + k, text + start[k], len[k]);
    free(start);
    free(len);
    free(text);
    return p;
}

/* ---- the pipeline ---------------------------------------------------------------- */

preview_t *preview_load(decoder_t *d, const char *path, int box_w, int box_h,
                        preview_mode_t mode)
{
    return preview_load_px(d, path, box_w, box_h, mode, 0, 0);
}

preview_t *preview_load_px(decoder_t *d, const char *path, int box_w, int box_h,
                           preview_mode_t mode, int cell_w, int cell_h)
{
    if (box_w < 1 || box_h < 1)
        return NULL;
    int pw, ph;
    preview_pixel_box(box_w, box_h, &pw, &ph);
    if (PREVIEW_IS_PIXELS(mode)) {
        /* As many pixels as the cells hold. */
        long long w = (long long)box_w * (cell_w > 0 ? cell_w : CELL_W_DEFAULT);
        long long h = (long long)box_h * (cell_h > 0 ? cell_h : CELL_H_DEFAULT);
        pw = (int)(w > IMAGE_MAX_SIDE ? IMAGE_MAX_SIDE : w);
        ph = (int)(h > IMAGE_MAX_SIDE ? IMAGE_MAX_SIDE : h);
    }
    image_t img;
    err_t e = {0};
    if (decoder_decode(d, path, pw, ph, &img, &e) < 0)
        return preview_placeholder(e.msg, box_w, box_h, mode);
    preview_t *p = PREVIEW_IS_PIXELS(mode)
                       ? render_pixels(img.rgba, img.w, img.h, img.w * 4, img.src_w, img.src_h,
                                       box_w, box_h, mode, cell_w, cell_h)
                       : preview_from_pixels(img.rgba, img.w, img.h, img.w * 4, img.src_w,
                                             img.src_h, box_w, box_h, mode);
    image_free(&img);
    return p;
}

preview_t *preview_dup(const preview_t *p)
{
    if (!p)
        return NULL;
    preview_t *q = preview_alloc(p->w, p->h, p->mode);
    q->img_w = p->img_w;
    q->img_h = p->img_h;
    q->reason = p->reason ? xstrdup(p->reason) : NULL;
    if (p->seq) {
        q->seq = xmalloc(p->seq_len + 1);
        memcpy(q->seq, p->seq, p->seq_len + 1);
        q->seq_len = p->seq_len;
    }
    memcpy(q->cells, p->cells, (size_t)p->w * (size_t)p->h * sizeof *p->cells);
    return q;
}

void preview_free(preview_t *p)
{
    if (!p)
        return;
    free(p->cells);
    free(p->reason);
    free(p->seq);
    free(p);
}
