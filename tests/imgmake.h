/* imgmake.h: test images made at run time: patterns, PNG/JPEG bytes, and the
 * byte-level hostile files (truncated, lying headers, other formats, corrupt tables).
 * Header-only (static functions) for the tests, tests/imgtool and the benchmark. */
#ifndef EYEBALL_IMGMAKE_H
#define EYEBALL_IMGMAKE_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imgwrite.h"
#include "jpegenc.h"

/* splitmix64: a fixed generator, so the images are the same everywhere. */
static inline uint64_t imgmake_rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline unsigned char imgmake_clamp(double v)
{
    return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
}

/* Fills w*h RGBA pixels. Patterns: "gradient" (red across, green down), "photo" (smooth
 * shapes and a little noise, like a photograph), "digit" (a white ring on black, like
 * a 28x28 MNIST digit), "half" (left half red, right half blue), "alpha" (red, left
 * half fully transparent), "solid:RRGGBB". Returns 0, or -1 for an unknown pattern. */
static inline int imgmake_fill(unsigned char *px, int w, int h, const char *pattern)
{
    uint64_t seed = 42;
    unsigned long solid = 0;
    if (strncmp(pattern, "solid:", 6) == 0)
        solid = strtoul(pattern + 6, NULL, 16);
    else if (strcmp(pattern, "gradient") && strcmp(pattern, "photo") &&
             strcmp(pattern, "digit") && strcmp(pattern, "half") && strcmp(pattern, "alpha"))
        return -1;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            unsigned char *p = px + ((size_t)y * (size_t)w + (size_t)x) * 4;
            double fx = w > 1 ? (double)x / (w - 1) : 0, fy = h > 1 ? (double)y / (h - 1) : 0;
            p[3] = 255;
            if (strncmp(pattern, "solid:", 6) == 0) {
                p[0] = (unsigned char)(solid >> 16);
                p[1] = (unsigned char)(solid >> 8);
                p[2] = (unsigned char)solid;
            } else if (strcmp(pattern, "gradient") == 0) {
                p[0] = imgmake_clamp(255 * fx);
                p[1] = imgmake_clamp(255 * fy);
                p[2] = 128;
            } else if (strcmp(pattern, "photo") == 0) {
                double sky = 1 - fy, d = hypot(fx - 0.6, fy - 0.55);
                double noise = (double)(imgmake_rng(&seed) % 25) - 12;
                double disc = d < 0.22 ? 1 : 0;
                p[0] = imgmake_clamp(90 + 120 * sky * (1 - disc) + 150 * disc +
                                     30 * sin(fx * 17) + noise);
                p[1] = imgmake_clamp(120 + 80 * sky * (1 - disc) + 60 * disc +
                                     25 * cos(fy * 23) + noise);
                p[2] = imgmake_clamp(200 * sky * (1 - disc) + 40 * disc + 40 * fx + noise);
            } else if (strcmp(pattern, "digit") == 0) {
                double d = hypot((fx - 0.5) / 0.6, (fy - 0.5));
                unsigned char v = d > 0.25 && d < 0.38 ? 255 : 0;
                p[0] = p[1] = p[2] = v;
            } else if (strcmp(pattern, "half") == 0) {
                int left = x < w / 2;
                p[0] = left ? 255 : 0;
                p[1] = 0;
                p[2] = left ? 0 : 255;
            } else { /* alpha */
                p[0] = 255;
                p[1] = p[2] = 0;
                p[3] = x < w / 2 ? 0 : 255;
            }
        }
    }
    return 0;
}

/* A growable buffer for stbi_write_*_to_func. */
typedef struct imgmake_buf {
    unsigned char *data;
    size_t len, cap;
} imgmake_buf_t;

static inline void imgmake_put(void *ctx, void *data, int size)
{
    imgmake_buf_t *b = ctx;
    if (b->len + (size_t)size > b->cap) {
        b->cap = (b->len + (size_t)size) * 2;
        b->data = realloc(b->data, b->cap);
        if (!b->data)
            abort();
    }
    memcpy(b->data + b->len, data, (size_t)size);
    b->len += (size_t)size;
}

/* PNG (stb_image_write) or JPEG (jpegenc.h, quality 90) bytes of a w x h image of the
 * pattern; caller frees. NULL on failure. */
static inline unsigned char *imgmake_encode(int jpeg, int w, int h, const char *pattern,
                                             size_t *len)
{
    unsigned char *px = malloc((size_t)w * (size_t)h * 4);
    if (!px || imgmake_fill(px, w, h, pattern) < 0) {
        free(px);
        return NULL;
    }
    if (jpeg) {
        unsigned char *out = jpegenc_encode(px, w, h, 90, len);
        free(px);
        return out;
    }
    imgmake_buf_t b = {0};
    int ok = stbi_write_png_to_func(imgmake_put, &b, w, h, 4, px, w * 4);
    free(px);
    if (!ok) {
        free(b.data);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

static inline void imgmake_be32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Makes a PNG claim w x h in its IHDR (with a correct CRC) whatever its real data. */
static inline void imgmake_png_claim(unsigned char *png, unsigned long w, unsigned long h)
{
    imgmake_be32(png + 16, w);
    imgmake_be32(png + 20, h);
    imgmake_be32(png + 29, stbiw__crc32(png + 12, 17));
}

/* Offset of the first JPEG marker m (FF m) after the start marker, or 0. */
static inline size_t imgmake_jpeg_marker(const unsigned char *d, size_t n, unsigned char m)
{
    for (size_t i = 2; i + 1 < n; i++)
        if (d[i] == 0xff && d[i + 1] == m)
            return i;
    return 0;
}

/* Writes len bytes to path; 0 or -1. */
static inline int imgmake_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int rc = fwrite(data, 1, len, f) == len ? 0 : -1;
    return fclose(f) == 0 ? rc : -1;
}

/* One byte-level hostile (or good) file: its name, bytes and length. */
typedef struct imgmake_file {
    const char *name;
    unsigned char *data;
    size_t len;
} imgmake_file_t;

/* The byte-level corpus; *n files, each to be freed with the array. Names say what the
 * file is; the extension is sometimes wrong on purpose. */
static inline imgmake_file_t *imgmake_corpus(size_t *n)
{
    imgmake_file_t *f = calloc(32, sizeof *f);
    size_t k = 0, len;
    unsigned char *png = imgmake_encode(0, 64, 48, "gradient", &len), *d;
    size_t pnglen = len;
    unsigned char *jpg = imgmake_encode(1, 64, 48, "photo", &len);
    size_t jpglen = len;
#define ADD(nm, bytes, l)                                                                      \
    do {                                                                                       \
        f[k].name = nm;                                                                        \
        f[k].len = l;                                                                          \
        f[k].data = malloc((l) ? (l) : 1);                                                     \
        memcpy(f[k].data, bytes, l);                                                           \
        k++;                                                                                   \
    } while (0)
#define ADDS(nm, lit) ADD(nm, lit, sizeof lit - 1)
    ADD("ok.png", png, pnglen);
    ADD("ok.jpg", jpg, jpglen);
    ADD("jpeg_named.png", jpg, jpglen);
    ADD("png_named.jpg", png, pnglen);
    ADD("crash_me.png", png, pnglen);
    ADD("hang_me.png", png, pnglen);
    ADD("empty.png", "", 0);
    ADD("truncated.png", png, pnglen / 2);
    ADD("header_only.png", png, 33);
    d = imgmake_encode(0, 1, 1, "gradient", &len);
    imgmake_png_claim(d, 100000, 100000);
    ADD("huge.png", d, len);
    imgmake_png_claim(d, 16000, 16000);
    ADD("bomb.png", d, len);
    imgmake_png_claim(d, 0, 0);
    ADD("zero_size.png", d, len);
    free(d);
    d = malloc(pnglen);
    memcpy(d, png, pnglen);
    d[8 + 25 + 8] ^= 0xff; /* first byte of the IDAT data: the zlib header */
    ADD("bad_zlib.png", d, pnglen);
    free(d);
    ADDS("text.png", "this is a text file, not an image\n");
    static const unsigned char junk[16] = {0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x01,
                                           0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
    ADD("junk.png", junk, sizeof junk);
    ADDS("gif.png", "GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,"
                   "\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0;");
    static const unsigned char bmp[30] = {'B', 'M', 30, 0, 0, 0, 0, 0, 0, 0, 26, 0, 0, 0,
                                          12, 0, 0, 0, 1, 0, 1, 0, 1, 0, 24, 0, 0, 0, 255, 0};
    ADD("bmp.jpg", bmp, sizeof bmp);
    ADDS("webp.png", "RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0"
                     "\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0");
    ADDS("svg.png", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    d = malloc(jpglen);
    memcpy(d, jpg, jpglen);
    size_t dht = imgmake_jpeg_marker(d, jpglen, 0xc4);
    if (dht)
        d[dht + 4] = 0xff; /* table class 15: no such table */
    ADD("bad_tables.jpg", d, jpglen);
    free(d);
    d = malloc(jpglen);
    memcpy(d, jpg, jpglen);
    if (dht)
        d[dht + 5 + 14] = d[dht + 5 + 15] = 255; /* 510 codes in one table */
    ADD("huffman_overflow.jpg", d, jpglen);
    free(d);
    d = malloc(jpglen);
    memcpy(d, jpg, jpglen);
    size_t sof = imgmake_jpeg_marker(d, jpglen, 0xc0);
    if (sof) { /* claim 4000x3000: 12 megapixels in 2 KB */
        d[sof + 5] = 3000 >> 8;
        d[sof + 6] = 3000 & 0xff;
        d[sof + 7] = 4000 >> 8;
        d[sof + 8] = 4000 & 0xff;
    }
    ADD("tiny_huge.jpg", d, jpglen);
    free(d);
    ADD("header_only.jpg", jpg, 20);
    size_t sos = imgmake_jpeg_marker(jpg, jpglen, 0xda);
    ADD("cut_in_scan.jpg", jpg, sos + 40);
#undef ADDS
#undef ADD
    free(png);
    free(jpg);
    *n = k;
    return f;
}

static inline void imgmake_corpus_free(imgmake_file_t *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i].data);
    free(f);
}

#endif
