/* test_preview: chafa grids (size, colours per mode), placeholders, the whole pipeline
 * through the decoder, and the prefetch workers. */
#include "config.h"
#include "prefetch.h"
#include "preview.h"
#include "../imgmake.h"
#include "tap.h"

#include <locale.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];

/* The colour a cell shows over most of its area: background for a space, else
 * foreground. */
static int32_t shown(const preview_cell_t *c)
{
    return c->ch == L' ' ? c->bg : c->fg;
}

static preview_t *render(const char *pattern, int w, int h, int bw, int bh, preview_mode_t m)
{
    unsigned char *px = xmalloc((size_t)w * (size_t)h * 4);
    imgmake_fill(px, w, h, pattern);
    preview_t *p = preview_from_pixels(px, w, h, w * 4, w, h, bw, bh, m);
    free(px);
    return p;
}

/* Row y of the grid as UTF-8. */
static const char *row(const preview_t *p, int y)
{
    static char buf[1024];
    size_t n = 0;
    for (int x = 0; x < p->w && n + 8 < sizeof buf; x++) {
        const preview_cell_t *c = preview_cell(p, x, y);
        if (c->ch)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%lc", (wint_t)c->ch);
    }
    buf[n] = '\0';
    return buf;
}

static void test_modes(void)
{
    is_int(preview_mode_for_colors(1 << 24), PREVIEW_TRUECOLOR, "2^24 colours: truecolor");
    is_int(preview_mode_for_colors(256), PREVIEW_256, "256 colours");
    is_int(preview_mode_for_colors(88), PREVIEW_16, "88 colours: 16");
    is_int(preview_mode_for_colors(16), PREVIEW_16, "16 colours");
    is_int(preview_mode_for_colors(8), PREVIEW_8, "8 colours");
    is_int(preview_mode_for_colors(2), PREVIEW_MONO, "2 colours: mono");
    is_int(preview_mode_for_colors(0), PREVIEW_MONO, "no colours: mono");
    is_str(preview_mode_name(PREVIEW_256), "256", "mode name");
}

static void test_geometry(void)
{
    static const int cases[][6] = {
        /* src w, h, box w, h, want w, h (font ratio 0.5: a cell is twice as tall) */
        {640, 480, 100, 40, 100, 37}, {28, 28, 100, 40, 80, 40}, {100, 10, 100, 40, 100, 5},
        {10, 100, 100, 40, 8, 40},    {1, 1, 100, 40, 80, 40},   {16384, 1, 100, 40, 100, 1},
        {64, 32, 20, 10, 20, 5},      {640, 480, 80, 24, 64, 24},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const int *c = cases[i];
        int w, h;
        preview_geometry(c[0], c[1], c[2], c[3], 0, &w, &h);
        ok(w == c[4] && h == c[5], "%dx%d in %dx%d: %dx%d cells (got %dx%d)", c[0], c[1], c[2],
           c[3], c[4], c[5], w, h);
    }
    int pw, ph;
    preview_pixel_box(100, 40, &pw, &ph);
    ok(pw == 800 && ph == 640, "pixel box for 100x40 cells is 800x640 (got %dx%d)", pw, ph);
}

static void test_colours(void)
{
    preview_t *p = render("solid:ff0000", 64, 64, 20, 10, PREVIEW_256);
    ok(p->w == 20 && p->h == 10, "square image in 20x10: 20x10 cells (got %dx%d)", p->w, p->h);
    int all = 1;
    for (int i = 0; i < p->w * p->h; i++)
        all &= shown(&p->cells[i]) == 196;
    ok(all, "solid red in 256 colours shows palette red (196) in every cell");
    preview_free(p);

    p = render("solid:ff0000", 64, 64, 20, 10, PREVIEW_TRUECOLOR);
    all = 1;
    for (int i = 0; i < p->w * p->h; i++)
        all &= shown(&p->cells[i]) == 0xff0000;
    ok(all, "solid red in truecolor shows 0xff0000 in every cell");
    preview_free(p);

    p = render("solid:ff0000", 64, 64, 20, 10, PREVIEW_16);
    all = 1;
    for (int i = 0; i < p->w * p->h; i++)
        all &= shown(&p->cells[i]) == 1 || shown(&p->cells[i]) == 9;
    ok(all, "solid red in 16 colours shows red (1 or 9)");
    preview_free(p);

    p = render("solid:000000", 32, 32, 8, 4, PREVIEW_TRUECOLOR);
    int low = 0;
    for (int i = 0; i < p->w * p->h; i++)
        low += (p->cells[i].fg >= 0 && p->cells[i].fg < 8) ||
               (p->cells[i].bg >= 0 && p->cells[i].bg < 8);
    is_int(low, 0, "truecolor never uses colour numbers 0-7 (ANSI colours under *-direct)");
    is_int(shown(&p->cells[0]), 8, "black becomes 0x000008");
    preview_free(p);

    p = render("half", 64, 32, 20, 10, PREVIEW_TRUECOLOR);
    ok(p->w == 20 && p->h == 5, "2:1 image in 20x10: 20x5 cells (got %dx%d)", p->w, p->h);
    ok(shown(preview_cell(p, 2, 2)) == 0xff0000, "left part red");
    ok(shown(preview_cell(p, 17, 2)) == 0x0000ff, "right part blue");
    preview_free(p);

    p = render("alpha", 64, 64, 20, 10, PREVIEW_256);
    const preview_cell_t *c = preview_cell(p, 2, 5);
    ok(c->bg == PREVIEW_DEFAULT && c->ch == L' ', "transparent part: default background");
    ok(shown(preview_cell(p, 17, 5)) == 196, "opaque part red");
    preview_free(p);

    p = render("solid:ffffff", 32, 32, 8, 4, PREVIEW_MONO);
    all = 1;
    for (int i = 0; i < p->w * p->h; i++) {
        const preview_cell_t *k = &p->cells[i];
        all &= k->fg == PREVIEW_DEFAULT && k->bg == PREVIEW_DEFAULT &&
               ((k->ch == L' ' && k->reverse) || (k->ch == 0x2588 && !k->reverse));
    }
    ok(all, "white in mono: reverse spaces or full blocks, no colours");
    preview_free(p);
    p = render("solid:000000", 32, 32, 8, 4, PREVIEW_MONO);
    all = 1;
    for (int i = 0; i < p->w * p->h; i++)
        all &= p->cells[i].ch == L' ' && !p->cells[i].reverse;
    ok(all, "black in mono: plain spaces");
    preview_free(p);

    ok(preview_from_pixels(NULL, 1, 1, 4, 1, 1, 0, 5, PREVIEW_256) == NULL, "empty box: NULL");
}

static void test_placeholder(void)
{
    preview_t *p = preview_placeholder("missing file", 30, 7, PREVIEW_256);
    ok(p->w == 30 && p->h == 7, "placeholder fills the box");
    is_str(p->reason, "missing file", "keeps the reason");
    is_str(row(p, 0), "┌────────────────────────────┐", "top border");
    is_str(row(p, 2), "│                            │", "blank line");
    is_str(row(p, 3), "│        missing file        │", "reason centred");
    is_str(row(p, 6), "└────────────────────────────┘", "bottom border");
    ok(p->cells[0].fg == PREVIEW_DEFAULT && p->cells[0].bg == PREVIEW_DEFAULT,
       "default colours");
    preview_free(p);

    p = preview_placeholder("GIF is not supported; only PNG and JPEG", 16, 6, PREVIEW_256);
    is_str(row(p, 1), "│  GIF is not  │", "wrapped line 1");
    is_str(row(p, 2), "│  supported;  │", "wrapped line 2");
    is_str(row(p, 3), "│ only PNG and │", "wrapped line 3");
    is_str(row(p, 4), "│     JPEG     │", "wrapped line 4");
    preview_free(p);

    p = preview_placeholder("decoder crashed (signal 11)", 12, 4, PREVIEW_256);
    is_str(row(p, 1), "│ decoder  │", "no room: first line");
    is_str(row(p, 2), "│ crash... │", "no room: the last line ends with ...");
    preview_free(p);

    p = preview_placeholder("missing file", 3, 1, PREVIEW_MONO);
    is_str(row(p, 0), "mis", "tiny box: no frame, text cut");
    preview_free(p);
    p = preview_placeholder("bad\x1b[31m\xff", 13, 3, PREVIEW_256);
    is_str(row(p, 1), "│ bad?[31m? │", "control characters and bad bytes become ?");
    preview_free(p);
}

static char *make_png(const char *name, int w, int h, const char *pattern)
{
    size_t len = 0;
    unsigned char *d = imgmake_encode(0, w, h, pattern, &len);
    char *path = xasprintf("%s/%s", dir, name);
    imgmake_write(path, d, len);
    free(d);
    return path;
}

static void test_pipeline(void)
{
    char *vga = make_png("vga.png", 640, 480, "gradient");
    char *missing = xasprintf("%s/missing.png", dir);
    decoder_t *d = decoder_new(NULL);
    preview_t *p = preview_load(d, vga, 100, 40, PREVIEW_256);
    ok(p->w == 100 && p->h == 37 && !p->reason, "640x480 PNG in 100x40: 100x37 cells");
    ok(p->img_w == 640 && p->img_h == 480, "knows the image size");
    preview_t *q = preview_dup(p);
    ok(q->w == p->w && memcmp(q->cells, p->cells, sizeof *p->cells * 3700) == 0, "dup copies");
    preview_free(q);
    preview_free(p);
    p = preview_load(d, missing, 30, 7, PREVIEW_256);
    ok(p->w == 30 && p->h == 7, "missing file: a placeholder of the box size");
    is_str(p->reason, "missing file", "with the reason");
    preview_free(p);
    decoder_free(d);
    free(vga);
    free(missing);
}

static int readable(int fd)
{
    struct pollfd pfd = {fd, POLLIN, 0};
    return poll(&pfd, 1, 0) == 1;
}

static void test_prefetch(void)
{
    char *a = make_png("a.png", 640, 480, "gradient"), *b = make_png("b.png", 28, 28, "digit");
    char *c = make_png("c.png", 64, 32, "half"), *crash = make_png("crash_me.png", 8, 8, "half");
    setenv("EYEBALL_DECODER_CRASH_ON", "crash_me", 1);
    err_t e = {0};
    prefetch_t *pf = prefetch_new(2, 4, NULL, &e);
    ok(pf != NULL, "prefetch started");
    ok(prefetch_get(pf, a, 100, 40, PREVIEW_256) == NULL, "nothing before a request");
    prefetch_request(pf, a, 100, 40, PREVIEW_256);
    prefetch_request(pf, b, 100, 40, PREVIEW_256);
    prefetch_request(pf, crash, 100, 40, PREVIEW_256);
    prefetch_request(pf, a, 100, 40, PREVIEW_256); /* already queued: nothing */
    preview_t *p = prefetch_wait(pf, c, 20, 10, PREVIEW_TRUECOLOR, 20000);
    ok(p && p->w == 20 && p->h == 5, "wait: c.png ready, 20x5");
    ok(p && shown(preview_cell(p, 17, 2)) == 0x0000ff, "in the asked mode");
    preview_free(p);
    p = prefetch_wait(pf, a, 100, 40, PREVIEW_256, 20000);
    ok(p && p->w == 100 && p->h == 37, "a.png 100x37");
    preview_free(p);
    p = prefetch_wait(pf, b, 100, 40, PREVIEW_256, 20000);
    ok(p && p->w == 80 && p->h == 40, "b.png 80x40");
    preview_free(p);
    p = prefetch_wait(pf, crash, 100, 40, PREVIEW_256, 20000);
    ok(p && p->reason && strcmp(p->reason, "decoder crashed (signal 11)") == 0,
       "a crashing file gives a placeholder");
    preview_free(p);
    p = prefetch_get(pf, b, 100, 40, PREVIEW_256);
    ok(p && p->w == 80, "get returns a finished preview");
    preview_free(p);
    ok(prefetch_get(pf, b, 101, 40, PREVIEW_256) == NULL, "another box is another preview");
    for (int i = 0; i < 500 && prefetch_busy(pf); i++)
        usleep(10000);
    is_int(prefetch_busy(pf), 0, "nothing left to do");
    ok(readable(prefetch_fd(pf)), "the notify descriptor is readable");
    prefetch_ack(pf);
    ok(!readable(prefetch_fd(pf)), "ack empties it");

    /* A cache of 4: after 4 more previews, the oldest (c) is gone. */
    for (int w = 30; w < 34; w++)
        preview_free(prefetch_wait(pf, b, w, 20, PREVIEW_256, 20000));
    ok(prefetch_get(pf, c, 20, 10, PREVIEW_TRUECOLOR) == NULL, "least recently used evicted");
    p = prefetch_get(pf, b, 33, 20, PREVIEW_256);
    ok(p != NULL, "recent ones kept");
    preview_free(p);

    for (int w = 40; w < 60; w++)
        prefetch_request(pf, a, w, 20, PREVIEW_256);
    prefetch_cancel(pf);
    ok(prefetch_busy(pf) <= 2, "cancel drops the queue (%d left)", prefetch_busy(pf));
    prefetch_clear(pf);
    ok(prefetch_get(pf, b, 33, 20, PREVIEW_256) == NULL, "clear forgets the cache");
    prefetch_free(pf);
    unsetenv("EYEBALL_DECODER_CRASH_ON");
    free(a);
    free(b);
    free(c);
    free(crash);
}

/* The pixel modes: the preview is one escape sequence in the protocol's framing over
 * blank cells, sized like the symbol grid (the image's aspect ratio in the box). */
static void test_pixels(void)
{
    static const struct {
        preview_mode_t mode;
        const char *start, *end;
    } m[] = {
        {PREVIEW_SIXEL, "\033P", "\033\\"},
        {PREVIEW_KITTY, "\033_Ga=T,f=32,", "\033\\"},
        {PREVIEW_ITERM, "\033]1337;File=", "\a"},
    };
    for (size_t i = 0; i < sizeof m / sizeof *m; i++) {
        const char *name = preview_mode_name(m[i].mode);
        preview_t *p = render("photo", 160, 120, 40, 30, m[i].mode);
        ok(p && p->seq && p->seq_len > 100, "%s: a sequence (%zu bytes)", name,
           p && p->seq ? p->seq_len : 0);
        if (!p || !p->seq)
            continue;
        ok(strncmp(p->seq, m[i].start, strlen(m[i].start)) == 0, "%s: starts as the protocol says",
           name);
        ok(p->seq_len >= strlen(m[i].end) &&
               strcmp(p->seq + p->seq_len - strlen(m[i].end), m[i].end) == 0,
           "%s: ends as the protocol says", name);
        is_int(strlen(p->seq), (long)p->seq_len, "%s: no NUL inside", name);
        /* 4:3 in a 40x30 box of 8x16-pixel cells: 40 columns, 15 rows. */
        is_int(p->w, 40, "%s: width in cells", name);
        is_int(p->h, 15, "%s: height in cells", name);
        int blank = 1;
        for (int k = 0; k < p->w * p->h; k++)
            blank &= p->cells[k].ch == L' ' && p->cells[k].bg == PREVIEW_DEFAULT;
        ok(blank, "%s: the cells are blanks that keep the room", name);
        preview_t *q = preview_dup(p);
        ok(q && q->seq_len == p->seq_len && memcmp(q->seq, p->seq, p->seq_len) == 0,
           "%s: preview_dup copies the sequence", name);
        preview_free(q);
        preview_free(p);
    }
    preview_t *p = render("photo", 160, 120, 40, 30, PREVIEW_256);
    ok(p && !p->seq, "symbols: no sequence");
    preview_free(p);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], DECODER_HELPER_ARG) == 0)
        return decoder_helper_main(argc, argv);
    setlocale(LC_ALL, "C.UTF-8");
    snprintf(dir, sizeof dir, "/tmp/eyeball-preview.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_modes();
    test_geometry();
    test_colours();
    test_placeholder();
    test_pipeline();
    test_prefetch();
    test_pixels();
    char *rm = xasprintf("rm -rf '%s'", dir);
    if (system(rm) != 0)
        printf("# could not remove %s\n", dir);
    free(rm);
    return tap_done();
}
