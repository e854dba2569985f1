/* raster_text.c: captions on a raster, for contact sheets. The glyphs come from
 * stb_easy_font (the system's libstb-dev, the same package as the PNG and JPEG writers):
 * an ASCII bitmap font given as axis-aligned quads, which are filled here as rectangles.
 * It lives in a file of its own because the header's functions are all static and GCC
 * reports the unused ones at the end of the file: -Wunused-function stays off for this
 * file, which holds nothing else. */
#include "config.h"
#include "raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wmissing-braces"
#include <stb_easy_font.h>
#pragma GCC diagnostic pop

/* Vertex buffer bytes per character: stb_easy_font uses about 270 on average; a
 * character has at most 13 quads of 4 vertices of 16 bytes. */
#define BYTES_PER_CHAR (13 * 4 * 16)

/* text with every byte the font has no glyph for (not printable ASCII) as '?'. */
static char *ascii_copy(const char *text)
{
    char *s = xstrdup(text);
    for (char *p = s; *p; p++)
        if ((unsigned char)*p < 32 || (unsigned char)*p > 126)
            *p = '?';
    return s;
}

int raster_text_width(const char *text, int scale)
{
    char *s = ascii_copy(text);
    int w = stb_easy_font_width(s);
    free(s);
    return w * scale;
}

int raster_text(raster_t *r, int x, int y, const char *text, int scale, raster_rgb_t c)
{
    char *s = ascii_copy(text);
    size_t len = strlen(s);
    int size = (int)((len + 1) * BYTES_PER_CHAR);
    float *v = xmalloc((size_t)size);
    int quads = stb_easy_font_print(0, 0, s, NULL, v, size);
    for (int q = 0; q < quads; q++) {
        const float *a = v + q * 16, *b = a + 8; /* 4 floats a vertex: x, y, z, colour */
        int x0 = x + (int)lroundf(fminf(a[0], b[0]) * (float)scale);
        int y0 = y + (int)lroundf(fminf(a[1], b[1]) * (float)scale);
        int x1 = x + (int)lroundf(fmaxf(a[0], b[0]) * (float)scale);
        int y1 = y + (int)lroundf(fmaxf(a[1], b[1]) * (float)scale);
        raster_rect(r, x0, y0, x1, y1, c);
    }
    int w = stb_easy_font_width(s) * scale;
    free(v);
    free(s);
    return w;
}

char *raster_text_fit(const char *text, int max_w, int scale)
{
    char *s = ascii_copy(text);
    size_t n = strlen(s);
    if (stb_easy_font_width(s) * scale <= max_w)
        return s;
    char *out = xmalloc(n + 4);
    while (n > 0) {
        n--;
        memcpy(out, s, n);
        memcpy(out + n, "...", 4);
        if (stb_easy_font_width(out) * scale <= max_w)
            break;
    }
    free(s);
    return out;
}
