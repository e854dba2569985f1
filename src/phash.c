/* phash.c: the DCT perceptual hash (see phash.h). */
#include "config.h"
#include "phash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KEEP 8 /* frequencies kept on each axis */

/* Grey thumbnail by area averaging: output cell (x, y) averages the source pixels in
 * [x*w/S, (x+1)*w/S) x [y*h/S, (y+1)*h/S), at least one of them. */
static void thumbnail(const unsigned char *rgba, int w, int h, double g[PHASH_SIDE][PHASH_SIDE])
{
    for (int y = 0; y < PHASH_SIDE; y++) {
        int y0 = (int)((long long)y * h / PHASH_SIDE);
        int y1 = (int)((long long)(y + 1) * h / PHASH_SIDE);
        if (y1 <= y0)
            y1 = y0 + 1;
        for (int x = 0; x < PHASH_SIDE; x++) {
            int x0 = (int)((long long)x * w / PHASH_SIDE);
            int x1 = (int)((long long)(x + 1) * w / PHASH_SIDE);
            if (x1 <= x0)
                x1 = x0 + 1;
            double sum = 0;
            for (int yy = y0; yy < y1; yy++) {
                const unsigned char *p = rgba + ((size_t)yy * (size_t)w + (size_t)x0) * 4;
                for (int xx = x0; xx < x1; xx++, p += 4) {
                    double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
                    sum += (luma * p[3] + 128.0 * (255 - p[3])) / 255.0;
                }
            }
            g[y][x] = sum / ((double)(y1 - y0) * (x1 - x0));
        }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

uint64_t phash_rgba(const unsigned char *rgba, int w, int h)
{
    double g[PHASH_SIDE][PHASH_SIDE]; /* 8 KiB */
    double basis[KEEP][PHASH_SIDE], rows[PHASH_SIDE][KEEP], c[KEEP * KEEP], sorted[KEEP * KEEP];
    thumbnail(rgba, w, h, g);
    for (int u = 0; u < KEEP; u++)
        for (int x = 0; x < PHASH_SIDE; x++)
            basis[u][x] = cos((2 * x + 1) * u * M_PI / (2 * PHASH_SIDE));
    for (int y = 0; y < PHASH_SIDE; y++)
        for (int u = 0; u < KEEP; u++) {
            double s = 0;
            for (int x = 0; x < PHASH_SIDE; x++)
                s += g[y][x] * basis[u][x];
            rows[y][u] = s;
        }
    for (int v = 0; v < KEEP; v++)
        for (int u = 0; u < KEEP; u++) {
            double s = 0;
            for (int y = 0; y < PHASH_SIDE; y++)
                s += basis[v][y] * rows[y][u];
            c[v * KEEP + u] = s;
        }
    memcpy(sorted, c + 1, (KEEP * KEEP - 1) * sizeof *c);
    qsort(sorted, KEEP * KEEP - 1, sizeof *sorted, cmp_double);
    double median = sorted[(KEEP * KEEP - 1) / 2];
    uint64_t hash = 0;
    for (int k = 1; k < KEEP * KEEP; k++)
        if (c[k] > median)
            hash |= (uint64_t)1 << k;
    return hash;
}
