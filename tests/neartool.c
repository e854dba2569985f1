/* neartool: near-duplicate test images and measurements, for tests/cli/dups.sh and the
 * README's choice of the default --distance.
 *
 *   neartool make DIR SCENES UNRELATED
 *       writes SCENES scenes (scene<i>.png, 320x240) each with its copies:
 *         <i>_half.png   resized to 160x120      <i>_big.jpg  resized to 480x360 (q90)
 *         <i>_q30.jpg, <i>_q60.jpg, <i>_q90.jpg  re-encoded as JPEG at three qualities
 *         <i>_bright.png brightness +30          <i>_crop.png 5% of width and height cut, centred
 *         <i>_mirror.png mirrored left to right (not a near-duplicate: see phash.h)
 *       and UNRELATED other scenes (other<k>.png), each unlike every other image.
 *   neartool measure DIR SCENES UNRELATED
 *       prints the perceptual-hash distance of each kind of copy to its scene (the largest
 *       over the scenes), of the mirrors, and the smallest distance between two different
 *       scenes or unrelated images.
 *   neartool hash FILE...   prints each file's perceptual hash in hex */
#include "config.h"
#include "decoder.h"
#include "image.h"
#include "imgmake.h"
#include "near.h"
#include "phash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"half.png", "big.jpg", "q30.jpg", "q60.jpg", "q90.jpg",
                                    "bright.png", "crop.png", "mirror.png"};
#define NKINDS (sizeof kinds / sizeof *kinds)

/* A scene: a random two-colour gradient and a few random ellipses, from seed. */
static unsigned char *scene(uint64_t seed, int w, int h)
{
    unsigned char *px = xmalloc((size_t)w * h * 4);
    uint64_t s = seed * 7919 + 1;
    double c0[3], c1[3], ex[6][7];
    for (int k = 0; k < 3; k++) {
        c0[k] = (double)(imgmake_rng(&s) % 256);
        c1[k] = (double)(imgmake_rng(&s) % 256);
    }
    double angle = (double)(imgmake_rng(&s) % 628) / 100;
    for (int i = 0; i < 6; i++) {
        ex[i][0] = (double)(imgmake_rng(&s) % 1000) / 1000;      /* centre x */
        ex[i][1] = (double)(imgmake_rng(&s) % 1000) / 1000;      /* centre y */
        ex[i][2] = 0.08 + (double)(imgmake_rng(&s) % 250) / 1000; /* radius x */
        ex[i][3] = 0.08 + (double)(imgmake_rng(&s) % 250) / 1000; /* radius y */
        for (int k = 0; k < 3; k++)
            ex[i][4 + k] = (double)(imgmake_rng(&s) % 256);
    }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double fx = (double)x / w, fy = (double)y / h;
            double t = 0.5 + 0.5 * ((fx - 0.5) * cos(angle) + (fy - 0.5) * sin(angle));
            double v[3];
            for (int k = 0; k < 3; k++)
                v[k] = c0[k] * (1 - t) + c1[k] * t;
            for (int i = 0; i < 6; i++) {
                double dx = (fx - ex[i][0]) / ex[i][2], dy = (fy - ex[i][1]) / ex[i][3];
                if (dx * dx + dy * dy < 1)
                    for (int k = 0; k < 3; k++)
                        v[k] = ex[i][4 + k];
            }
            unsigned char *p = px + ((size_t)y * w + x) * 4;
            double noise = (double)(imgmake_rng(&s) % 9) - 4;
            for (int k = 0; k < 3; k++)
                p[k] = imgmake_clamp(v[k] + noise);
            p[3] = 255;
        }
    return px;
}

/* Bilinear resampling to nw x nh (enough for test copies; shrinking by 2 averages 2x2). */
static unsigned char *resize(const unsigned char *px, int w, int h, int nw, int nh)
{
    unsigned char *out = xmalloc((size_t)nw * nh * 4);
    for (int y = 0; y < nh; y++)
        for (int x = 0; x < nw; x++) {
            double sx = (x + 0.5) * w / nw - 0.5, sy = (y + 0.5) * h / nh - 0.5;
            if (sx < 0) sx = 0;
            if (sy < 0) sy = 0;
            int x0 = (int)sx, y0 = (int)sy;
            int x1 = x0 + 1 < w ? x0 + 1 : x0, y1 = y0 + 1 < h ? y0 + 1 : y0;
            double ax = sx - x0, ay = sy - y0;
            for (int k = 0; k < 4; k++) {
                double a = px[((size_t)y0 * w + x0) * 4 + k], b = px[((size_t)y0 * w + x1) * 4 + k];
                double c = px[((size_t)y1 * w + x0) * 4 + k], d = px[((size_t)y1 * w + x1) * 4 + k];
                out[((size_t)y * nw + x) * 4 + k] =
                    imgmake_clamp((a * (1 - ax) + b * ax) * (1 - ay) + (c * (1 - ax) + d * ax) * ay);
            }
        }
    return out;
}

static int save(const char *dir, const char *name, const unsigned char *px, int w, int h,
                int quality)
{
    size_t len = 0;
    unsigned char *d;
    if (quality) {
        d = jpegenc_encode(px, w, h, quality, &len);
    } else {
        imgmake_buf_t b = {0};
        d = stbi_write_png_to_func(imgmake_put, &b, w, h, 4, px, w * 4) ? b.data : NULL;
        len = b.len;
    }
    char *path = xasprintf("%s/%s", dir, name);
    int rc = d && imgmake_write(path, d, len) == 0 ? 0 : -1;
    if (rc)
        fprintf(stderr, "neartool: cannot write %s\n", path);
    free(path);
    free(d);
    return rc;
}

#define W 320
#define H 240

static int make(const char *dir, int scenes, int unrelated)
{
    int rc = 0;
    for (int i = 1; i <= scenes && !rc; i++) {
        unsigned char *px = scene((uint64_t)i, W, H), *t;
        char name[64];
        snprintf(name, sizeof name, "scene%d.png", i);
        rc |= save(dir, name, px, W, H, 0);
        t = resize(px, W, H, W / 2, H / 2);
        snprintf(name, sizeof name, "%d_half.png", i);
        rc |= save(dir, name, t, W / 2, H / 2, 0);
        free(t);
        t = resize(px, W, H, W * 3 / 2, H * 3 / 2);
        snprintf(name, sizeof name, "%d_big.jpg", i);
        rc |= save(dir, name, t, W * 3 / 2, H * 3 / 2, 90);
        free(t);
        static const int q[] = {30, 60, 90};
        for (int k = 0; k < 3; k++) {
            snprintf(name, sizeof name, "%d_q%d.jpg", i, q[k]);
            rc |= save(dir, name, px, W, H, q[k]);
        }
        t = xmalloc((size_t)W * H * 4);
        for (size_t p = 0; p < (size_t)W * H * 4; p++)
            t[p] = p % 4 == 3 ? 255 : imgmake_clamp(px[p] + 30.0);
        snprintf(name, sizeof name, "%d_bright.png", i);
        rc |= save(dir, name, t, W, H, 0);
        int cw = W * 95 / 100, ch = H * 95 / 100, ox = (W - cw) / 2, oy = (H - ch) / 2;
        for (int y = 0; y < ch; y++)
            memcpy(t + (size_t)y * cw * 4, px + ((size_t)(y + oy) * W + ox) * 4, (size_t)cw * 4);
        snprintf(name, sizeof name, "%d_crop.png", i);
        rc |= save(dir, name, t, cw, ch, 0);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                memcpy(t + ((size_t)y * W + x) * 4, px + ((size_t)y * W + (W - 1 - x)) * 4, 4);
        snprintf(name, sizeof name, "%d_mirror.png", i);
        rc |= save(dir, name, t, W, H, 0);
        free(t);
        free(px);
    }
    for (int k = 1; k <= unrelated && !rc; k++) {
        unsigned char *px = scene(100000 + (uint64_t)k, W, H);
        char name[64];
        snprintf(name, sizeof name, "other%d.png", k);
        rc |= save(dir, name, px, W, H, 0);
        free(px);
    }
    return rc ? 1 : 0;
}

static int hash_file(decoder_t *d, const char *path, uint64_t *h)
{
    decoder_hashes_t dh;
    err_t e = {0};
    if (decoder_hash(d, path, &dh, &e) < 0 || !dh.phash_ok) {
        fprintf(stderr, "neartool: %s: %s\n", path, e.msg[0] ? e.msg : dh.why);
        return -1;
    }
    *h = dh.phash;
    return 0;
}

static int measure(const char *dir, int scenes, int unrelated)
{
    decoder_t *d = decoder_new(NULL);
    int worst[NKINDS] = {0}, best_mirror = 64, closest = 64;
    size_t nbase = (size_t)scenes + (size_t)unrelated;
    uint64_t *base = xcalloc(nbase + 1, sizeof *base);
    for (size_t b = 0; b < nbase; b++) {
        char *p = b < (size_t)scenes ? xasprintf("%s/scene%zu.png", dir, b + 1)
                                     : xasprintf("%s/other%zu.png", dir, b - scenes + 1);
        int rc = hash_file(d, p, &base[b]);
        free(p);
        if (rc)
            return 1;
    }
    for (int i = 1; i <= scenes; i++)
        for (size_t k = 0; k < NKINDS; k++) {
            char *p = xasprintf("%s/%d_%s", dir, i, kinds[k]);
            uint64_t h;
            int rc = hash_file(d, p, &h);
            free(p);
            if (rc)
                return 1;
            int dist = phash_distance(h, base[i - 1]);
            if (strcmp(kinds[k], "mirror.png") == 0 && dist < best_mirror)
                best_mirror = dist;
            if (dist > worst[k])
                worst[k] = dist;
        }
    long long within[NEAR_MAX_DISTANCE + 1] = {0}, pairs = 0;
    for (size_t a = 0; a < nbase; a++)
        for (size_t b = a + 1; b < nbase; b++) {
            int dist = phash_distance(base[a], base[b]);
            if (dist < closest)
                closest = dist;
            for (int D = dist; D <= NEAR_MAX_DISTANCE; D++)
                within[D]++;
            pairs++;
        }
    for (size_t k = 0; k < NKINDS; k++)
        printf("%-12s largest distance to its scene %d\n", kinds[k], worst[k]);
    printf("mirror       smallest distance to its scene %d\n", best_mirror);
    printf("unrelated    smallest distance between two of %zu scenes %d\n", nbase, closest);
    for (int D = 6; D <= NEAR_MAX_DISTANCE; D += 2)
        printf("unrelated    pairs within %2d: %lld of %lld\n", D, within[D], pairs);
    free(base);
    decoder_free(d);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], DECODER_HELPER_ARG) == 0)
        return decoder_helper_main(argc, argv);
    if (argc == 5 && strcmp(argv[1], "make") == 0)
        return make(argv[2], atoi(argv[3]), atoi(argv[4]));
    if (argc == 5 && strcmp(argv[1], "measure") == 0)
        return measure(argv[2], atoi(argv[3]), atoi(argv[4]));
    if (argc >= 3 && strcmp(argv[1], "hash") == 0) {
        decoder_t *d = decoder_new(NULL);
        for (int i = 2; i < argc; i++) {
            uint64_t h;
            if (hash_file(d, argv[i], &h) == 0)
                printf("%016llx %s\n", (unsigned long long)h, argv[i]);
        }
        decoder_free(d);
        return 0;
    }
    fputs("usage: neartool make|measure DIR SCENES UNRELATED | hash FILE...\n", stderr);
    return 2;
}
