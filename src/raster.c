/* raster.c: drawing on an RGB canvas. PNG writing is in raster_png.c. */
#include "config.h"
#include "raster.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


raster_t *raster_new(int w, int h)
{
    if (w < 1 || h < 1 || w > 16384 || h > 16384)
        die("raster_new: bad size %dx%d", w, h);
    raster_t *r = xmalloc(sizeof *r);
    r->w = w;
    r->h = h;
    r->px = xcalloc((size_t)w * (size_t)h, 3);
    return r;
}

void raster_free(raster_t *r)
{
    if (!r)
        return;
    free(r->px);
    free(r);
}

static unsigned char clamp255(double v)
{
    if (v <= 0)
        return 0;
    if (v >= 255)
        return 255;
    return (unsigned char)(v + 0.5);
}

static double chan(raster_rgb_t c, int k)
{
    return (double)((c >> (16 - 8 * k)) & 0xff);
}

/* Mixes colour c into pixel p with weight a (0..1). */
static void blend(unsigned char *p, raster_rgb_t c, double a)
{
    for (int k = 0; k < 3; k++)
        p[k] = clamp255(p[k] + (chan(c, k) - p[k]) * a);
}

void raster_gradient(raster_t *r, raster_rgb_t top, raster_rgb_t bottom)
{
    for (int y = 0; y < r->h; y++) {
        double t = r->h > 1 ? (double)y / (r->h - 1) : 0;
        unsigned char c[3];
        for (int k = 0; k < 3; k++)
            c[k] = clamp255(chan(top, k) + (chan(bottom, k) - chan(top, k)) * t);
        unsigned char *row = r->px + (size_t)y * (size_t)r->w * 3;
        for (int x = 0; x < r->w; x++)
            memcpy(row + 3 * x, c, 3);
    }
}

/* The pixel rectangle [*x0, *x1) x [*y0, *y1) that covers the disc (cx, cy, rad),
 * clipped to the canvas. */
static void bounds(const raster_t *r, double cx, double cy, double rad, int *x0, int *y0,
                   int *x1, int *y1)
{
    *x0 = (int)floor(cx - rad) - 1;
    *y0 = (int)floor(cy - rad) - 1;
    *x1 = (int)ceil(cx + rad) + 1;
    *y1 = (int)ceil(cy + rad) + 1;
    if (*x0 < 0)
        *x0 = 0;
    if (*y0 < 0)
        *y0 = 0;
    if (*x1 > r->w)
        *x1 = r->w;
    if (*y1 > r->h)
        *y1 = r->h;
}

void raster_blob(raster_t *r, double cx, double cy, double rad, raster_rgb_t c, double alpha)
{
    int x0, y0, x1, y1;
    bounds(r, cx, cy, rad, &x0, &y0, &x1, &y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
            double d = sqrt(dx * dx + dy * dy) / rad;
            if (d < 1)
                blend(r->px + ((size_t)y * (size_t)r->w + (size_t)x) * 3, c,
                      alpha * (1 - d * d));
        }
}

/* Even-odd point-in-polygon test over n vertices (vx[i], vy[i]). */
static int in_polygon(double u, double v, const double *vx, const double *vy, int n)
{
    int in = 0;
    for (int i = 0, j = n - 1; i < n; j = i++)
        if ((vy[i] > v) != (vy[j] > v) &&
            u < (vx[j] - vx[i]) * (v - vy[i]) / (vy[j] - vy[i]) + vx[i])
            in = !in;
    return in;
}

/* Vertices of the star and the triangle in the shape's own frame (radius 1, y down, one
 * point straight up). */
typedef struct outline {
    double sx[10], sy[10]; /* star: outer and inner points in turn */
    double tx[3], ty[3];   /* triangle */
} outline_t;

static void outline_init(outline_t *o)
{
    const double pi = 3.14159265358979323846;
    for (int k = 0; k < 10; k++) {
        double a = -pi / 2 + k * pi / 5, rad = k % 2 ? 0.42 : 1.0;
        o->sx[k] = rad * cos(a);
        o->sy[k] = rad * sin(a);
    }
    for (int k = 0; k < 3; k++) {
        double a = -pi / 2 + k * 2 * pi / 3;
        o->tx[k] = cos(a);
        o->ty[k] = sin(a);
    }
}

/* 1 when (u, v), in the shape's frame (radius 1), lies inside the shape. The sizes make
 * the shapes look about as large as each other. */
static int inside(enum raster_shape s, double u, double v, const outline_t *o)
{
    double au = fabs(u), av = fabs(v);
    switch (s) {
    case RASTER_CIRCLE: return u * u + v * v <= 0.85 * 0.85;
    case RASTER_CROSS: return (au <= 0.28 && av <= 0.95) || (av <= 0.28 && au <= 0.95);
    case RASTER_DIAMOND: return au + av <= 1.0;
    case RASTER_SQUARE: return au <= 0.75 && av <= 0.75;
    case RASTER_STAR: return in_polygon(u, v, o->sx, o->sy, 10);
    case RASTER_TRIANGLE: return in_polygon(u, v - 0.15, o->tx, o->ty, 3);
    case RASTER_NSHAPES: break;
    }
    return 0;
}

void raster_shape(raster_t *r, enum raster_shape shape, double cx, double cy, double rad,
                  double rot, raster_rgb_t c)
{
    outline_t o;
    outline_init(&o);
    double cr = cos(rot), sr = sin(rot);
    int x0, y0, x1, y1;
    bounds(r, cx, cy, rad, &x0, &y0, &x1, &y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            int hits = 0;
            for (int k = 0; k < 4; k++) {
                double dx = x + 0.25 + 0.5 * (k & 1) - cx, dy = y + 0.25 + 0.5 * (k >> 1) - cy;
                /* Rotate the sample back into the shape's frame. */
                double u = (dx * cr + dy * sr) / rad, v = (-dx * sr + dy * cr) / rad;
                hits += inside(shape, u, v, &o);
            }
            if (hits)
                blend(r->px + ((size_t)y * (size_t)r->w + (size_t)x) * 3, c, hits / 4.0);
        }
}

void raster_rect(raster_t *r, int x0, int y0, int x1, int y1, raster_rgb_t c)
{
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > r->w ? r->w : x1;
    y1 = y1 > r->h ? r->h : y1;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            unsigned char *p = r->px + ((size_t)y * (size_t)r->w + (size_t)x) * 3;
            p[0] = (unsigned char)(c >> 16);
            p[1] = (unsigned char)(c >> 8);
            p[2] = (unsigned char)c;
        }
}

void raster_scale(raster_t *r, double f)
{
    size_t n = (size_t)r->w * (size_t)r->h * 3;
    for (size_t i = 0; i < n; i++)
        r->px[i] = clamp255(r->px[i] * f);
}

/* One box-filter pass over n values spaced step apart, edges clamped. tmp: n values. */
static void box_pass(unsigned char *p, size_t step, int n, int radius, unsigned char *tmp)
{
    int win = 2 * radius + 1, sum = 0;
    for (int i = -radius - 1; i < radius; i++)
        sum += p[(size_t)(i < 0 ? 0 : i >= n ? n - 1 : i) * step];
    for (int i = 0; i < n; i++) {
        int add = i + radius, sub = i - radius - 1;
        sum += p[(size_t)(add >= n ? n - 1 : add) * step];
        sum -= p[(size_t)(sub < 0 ? 0 : sub) * step];
        tmp[i] = (unsigned char)((sum + win / 2) / win);
    }
    for (int i = 0; i < n; i++)
        p[(size_t)i * step] = tmp[i];
}

void raster_blur(raster_t *r, int radius)
{
    if (radius <= 0)
        return;
    unsigned char *tmp = xmalloc((size_t)(r->w > r->h ? r->w : r->h));
    size_t stride = (size_t)r->w * 3;
    for (int pass = 0; pass < 3; pass++) {
        for (int y = 0; y < r->h; y++)
            for (int k = 0; k < 3; k++)
                box_pass(r->px + (size_t)y * stride + (size_t)k, 3, r->w, radius, tmp);
        for (int x = 0; x < r->w; x++)
            for (int k = 0; k < 3; k++)
                box_pass(r->px + (size_t)x * 3 + (size_t)k, stride, r->h, radius, tmp);
    }
    free(tmp);
}

/* splitmix64's output function: a good 64-bit mix of one value. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void raster_noise(raster_t *r, int amp, uint64_t seed)
{
    if (amp <= 0)
        return;
    size_t n = (size_t)r->w * (size_t)r->h * 3;
    uint64_t span = (uint64_t)(2 * amp + 1);
    for (size_t i = 0; i < n; i++) {
        int d = (int)(mix64(seed + 0x9e3779b97f4a7c15ULL * (i + 1)) % span) - amp;
        int v = r->px[i] + d;
        r->px[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}
