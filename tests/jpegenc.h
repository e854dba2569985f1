/* jpegenc.h: a small baseline JPEG encoder for the test images and the benchmark.
 *
 * Written for the tests because stb_image_write's JPEG writer shifts signed ints past
 * their range, which UndefinedBehaviorSanitizer (run in CI) stops. Baseline sequential
 * JPEG, YCbCr with 2x2 chroma subsampling (as most photographs), the example luminance
 * and chrominance quantization tables of the standard scaled to quality 90, a separable
 * floating-point DCT, and simple Huffman tables: every DC category a 4-bit code, every
 * AC symbol an 8-bit code (valid, if not the smallest files). Header-only, static. */
#ifndef EYEBALL_JPEGENC_H
#define EYEBALL_JPEGENC_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct jpegenc {
    unsigned char *out;
    size_t len, cap;
    uint32_t bits; /* pending bits, right-aligned */
    int nbits;
    int zz[64];    /* natural index of zigzag position k */
    unsigned char q[2][64]; /* quantization tables, natural order */
    double cosv[8][8];
    int ac_code[256]; /* AC symbol -> 8-bit code, -1 when unused */
} jpegenc_t;

static inline void jpegenc_byte(jpegenc_t *j, unsigned b)
{
    if (j->len == j->cap) {
        j->cap = j->cap ? 2 * j->cap : 4096;
        j->out = realloc(j->out, j->cap);
        if (!j->out)
            abort();
    }
    j->out[j->len++] = (unsigned char)b;
}

static inline void jpegenc_word(jpegenc_t *j, unsigned w)
{
    jpegenc_byte(j, (w >> 8) & 0xff);
    jpegenc_byte(j, w & 0xff);
}

/* Appends the low n bits of v to the entropy-coded data, with FF 00 byte stuffing. */
static inline void jpegenc_bits(jpegenc_t *j, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        j->bits = (j->bits << 1) | ((v >> i) & 1u);
        if (++j->nbits == 8) {
            jpegenc_byte(j, j->bits & 0xff);
            if ((j->bits & 0xff) == 0xff)
                jpegenc_byte(j, 0);
            j->bits = 0;
            j->nbits = 0;
        }
    }
}

static inline int jpegenc_category(int v)
{
    int a = v < 0 ? -v : v, c = 0;
    while (a) {
        c++;
        a >>= 1;
    }
    return c;
}

/* The value's bits after its category: v itself, or v-1 in c bits when negative. */
static inline unsigned jpegenc_extra(int v, int c)
{
    return v >= 0 ? (unsigned)v : (unsigned)(v - 1) & ((1u << c) - 1);
}

static inline void jpegenc_init(jpegenc_t *j, int quality)
{
    static const unsigned char lum[64] = {
        16, 11, 10, 16, 24,  40,  51,  61,  12, 12, 14, 19, 26,  58,  60,  55,
        14, 13, 16, 24, 40,  57,  69,  56,  14, 17, 22, 29, 51,  87,  80,  62,
        18, 22, 37, 56, 68,  109, 103, 77,  24, 35, 55, 64, 81,  104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    static const unsigned char chr[64] = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
    memset(j, 0, sizeof *j);
    int k = 0;
    for (int s = 0; s < 15; s++) { /* zigzag: anti-diagonals, alternating direction */
        for (int t = 0; t <= s; t++) {
            int row = s % 2 ? t : s - t, col = s - row;
            if (row < 8 && col < 8)
                j->zz[k++] = row * 8 + col;
        }
    }
    int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
    for (int i = 0; i < 64; i++) {
        int ql = (lum[i] * scale + 50) / 100, qc = (chr[i] * scale + 50) / 100;
        j->q[0][i] = (unsigned char)(ql < 1 ? 1 : ql > 255 ? 255 : ql);
        j->q[1][i] = (unsigned char)(qc < 1 ? 1 : qc > 255 ? 255 : qc);
    }
    for (int x = 0; x < 8; x++)
        for (int u = 0; u < 8; u++)
            j->cosv[x][u] = cos((2 * x + 1) * u * M_PI / 16) * (u ? 0.5 : 0.5 / sqrt(2.0));
    for (int s = 0; s < 256; s++)
        j->ac_code[s] = -1;
    int code = 0;
    j->ac_code[0x00] = code++; /* end of block */
    j->ac_code[0xf0] = code++; /* sixteen zeros */
    for (int run = 0; run < 16; run++)
        for (int size = 1; size <= 10; size++)
            j->ac_code[run << 4 | size] = code++;
}

/* Encodes one 8x8 block of level-shifted samples with quantization table t. */
static inline void jpegenc_block(jpegenc_t *j, const double *blk, int t, int *pred)
{
    double tmp[64];
    int coef[64];
    for (int y = 0; y < 8; y++) /* rows */
        for (int u = 0; u < 8; u++) {
            double s = 0;
            for (int x = 0; x < 8; x++)
                s += blk[y * 8 + x] * j->cosv[x][u];
            tmp[y * 8 + u] = s;
        }
    for (int u = 0; u < 8; u++) /* columns */
        for (int v = 0; v < 8; v++) {
            double s = 0;
            for (int y = 0; y < 8; y++)
                s += tmp[y * 8 + u] * j->cosv[y][v];
            int qv = (int)lround(s / j->q[t][v * 8 + u]);
            coef[v * 8 + u] = qv > 1023 ? 1023 : qv < -1023 ? -1023 : qv;
        }
    int dc = coef[0] - *pred, c = jpegenc_category(dc);
    *pred = coef[0];
    jpegenc_bits(j, (unsigned)c, 4);
    if (c)
        jpegenc_bits(j, jpegenc_extra(dc, c), c);
    int run = 0;
    for (int k = 1; k < 64; k++) {
        int v = coef[j->zz[k]];
        if (v == 0) {
            run++;
            continue;
        }
        while (run > 15) {
            jpegenc_bits(j, (unsigned)j->ac_code[0xf0], 8);
            run -= 16;
        }
        c = jpegenc_category(v);
        jpegenc_bits(j, (unsigned)j->ac_code[run << 4 | c], 8);
        jpegenc_bits(j, jpegenc_extra(v, c), c);
        run = 0;
    }
    if (run)
        jpegenc_bits(j, (unsigned)j->ac_code[0x00], 8);
}

/* JPEG bytes of w x h RGBA pixels (alpha ignored); caller frees. */
static inline unsigned char *jpegenc_encode(const unsigned char *rgba, int w, int h,
                                            int quality, size_t *len)
{
    jpegenc_t *j = malloc(sizeof *j);
    if (!j)
        return NULL;
    jpegenc_init(j, quality);
    jpegenc_word(j, 0xffd8);
    jpegenc_word(j, 0xffe0); /* JFIF */
    jpegenc_word(j, 16);
    static const unsigned char jfif[14] = {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
    for (int i = 0; i < 14; i++)
        jpegenc_byte(j, jfif[i]);
    for (int t = 0; t < 2; t++) {
        jpegenc_word(j, 0xffdb);
        jpegenc_word(j, 67);
        jpegenc_byte(j, (unsigned)t);
        for (int k = 0; k < 64; k++)
            jpegenc_byte(j, j->q[t][j->zz[k]]);
    }
    jpegenc_word(j, 0xffc0);
    jpegenc_word(j, 17);
    jpegenc_byte(j, 8);
    jpegenc_word(j, (unsigned)h);
    jpegenc_word(j, (unsigned)w);
    jpegenc_byte(j, 3);
    static const unsigned char comps[9] = {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
    for (int i = 0; i < 9; i++)
        jpegenc_byte(j, comps[i]);
    /* One DC table (12 categories, 4-bit codes), one AC table (162 symbols, 8 bits). */
    jpegenc_word(j, 0xffc4);
    jpegenc_word(j, 2 + 17 + 12 + 17 + 162);
    jpegenc_byte(j, 0x00);
    for (int n = 1; n <= 16; n++)
        jpegenc_byte(j, n == 4 ? 12 : 0);
    for (int s = 0; s < 12; s++)
        jpegenc_byte(j, (unsigned)s);
    jpegenc_byte(j, 0x10);
    for (int n = 1; n <= 16; n++)
        jpegenc_byte(j, n == 8 ? 162 : 0);
    for (int code = 0; code < 162; code++)
        for (int s = 0; s < 256; s++)
            if (j->ac_code[s] == code)
                jpegenc_byte(j, (unsigned)s);
    jpegenc_word(j, 0xffda);
    jpegenc_word(j, 12);
    jpegenc_byte(j, 3);
    for (int c = 1; c <= 3; c++) {
        jpegenc_byte(j, (unsigned)c);
        jpegenc_byte(j, 0x00);
    }
    jpegenc_byte(j, 0);
    jpegenc_byte(j, 63);
    jpegenc_byte(j, 0);

    int pred[3] = {0, 0, 0};
    double blk[64], cb[64], cr[64];
    for (int my = 0; my < h; my += 16) {
        for (int mx = 0; mx < w; mx += 16) {
            memset(cb, 0, sizeof cb);
            memset(cr, 0, sizeof cr);
            for (int b = 0; b < 4; b++) {
                int bx = mx + (b % 2) * 8, by = my + (b / 2) * 8;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int sx = bx + x < w ? bx + x : w - 1, sy = by + y < h ? by + y : h - 1;
                        const unsigned char *p = rgba + ((size_t)sy * (size_t)w + (size_t)sx) * 4;
                        double r = p[0], g = p[1], bl = p[2];
                        blk[y * 8 + x] = 0.299 * r + 0.587 * g + 0.114 * bl - 128;
                        int ci = ((b / 2) * 4 + y / 2) * 8 + (b % 2) * 4 + x / 2;
                        cb[ci] += (-0.168736 * r - 0.331264 * g + 0.5 * bl) / 4;
                        cr[ci] += (0.5 * r - 0.418688 * g - 0.081312 * bl) / 4;
                    }
                }
                jpegenc_block(j, blk, 0, &pred[0]);
            }
            jpegenc_block(j, cb, 1, &pred[1]);
            jpegenc_block(j, cr, 1, &pred[2]);
        }
    }
    if (j->nbits)
        jpegenc_bits(j, 0x7f, 8 - j->nbits); /* pad with 1 bits */
    jpegenc_word(j, 0xffd9);
    unsigned char *out = j->out;
    *len = j->len;
    free(j);
    return out;
}

#endif
