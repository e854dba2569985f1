/* run_gen: data and timing for bench/run (compiled by the script; not part of eyeball).
 *
 *   run_gen data N DIR NIMG SEED
 *       DIR/samples.csv: N samples over 10 classes (id,path,label,split,source), dev and
 *       test N/100 each, the rest train; 5% of the labels wrong; the ids not in order. DIR/preds_a.csv and
 *       DIR/preds_b.csv: the predictions of two models with 10 class probabilities (a
 *       softmax of noisy scores favouring the true class, 6 decimals; model b is weaker).
 *       Paths point at img/NNNNN.png|jpg, NIMG images; dev and test samples only at those
 *       of at most 640x480 (the size the review target is set for).
 *   run_gen images DIR NIMG SEED [PART NPARTS]
 *       writes DIR/img/00000.png ... : NIMG images, sizes and formats cycling through
 *       run_gen_sizes below (28x28 PNG up to 1024x768 JPEG and PNG), each drawn from the
 *       seed and its number; with PART NPARTS only images I with I % NPARTS == PART (so
 *       several processes can share the work).
 *   run_gen name I
 *       prints the file name of image I (relative to DIR).
 *   run_gen time OUT CMD [ARG...]
 *       runs CMD and appends "WALL_S CPU_S PEAK_KB" to OUT: wall time, user+system CPU
 *       time and peak resident set size (the largest of CMD and the processes it waited
 *       for, e.g. eyeball's decoder helpers). Exits with CMD's status.
 *
 * Random numbers come from splitmix64, so a seed gives the same files everywhere. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef RUN_GEN_ZLIB
/* stb's own deflate is slow on noisy pictures: use zlib's when the script found it. */
#include <zlib.h>
static unsigned char *run_gen_deflate(unsigned char *data, int len, int *out_len, int quality)
{
    uLongf n = compressBound((uLong)len);
    unsigned char *out = malloc(n);
    if (!out || compress2(out, &n, data, (uLong)len, quality > 9 ? 9 : quality) != Z_OK) {
        free(out);
        return NULL;
    }
    *out_len = (int)n;
    return out;
}
#define STBIW_ZLIB_COMPRESS run_gen_deflate
#endif
#include "imgwrite.h"

#define NCLASS 10

static const struct {
    int w, h, jpeg;
} run_gen_sizes[] = {
    {28, 28, 0},   {32, 32, 0},   {64, 64, 1},    {96, 96, 0},    {224, 224, 1},   {256, 256, 0},
    {320, 240, 1}, {640, 480, 1}, {640, 480, 0},  {800, 600, 1},  {1024, 768, 1},  {1024, 768, 0},
};
#define NSIZES (int)(sizeof run_gen_sizes / sizeof *run_gen_sizes)
/* Sizes 0..SMALL_SIZES-1 are at most 640x480. */
#define SMALL_SIZES 9

static uint64_t state;

static uint64_t rnd(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(void)
{
    return (double)(rnd() >> 11) * 0x1.0p-53;
}

static void image_name(char *buf, size_t len, long i)
{
    snprintf(buf, len, "img/%05ld.%s", i, run_gen_sizes[i % NSIZES].jpeg ? "jpg" : "png");
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

/* One model's prediction for a sample of class truth: writes "pred,p0,...,p9". */
static void predict(FILE *f, const char *id, int truth, double strength)
{
    double p[NCLASS], sum = 0, boost = strength + 3 * uniform();
    for (int c = 0; c < NCLASS; c++) {
        double score = (uniform() + uniform() + uniform() - 1.5) * 2;
        if (c == truth)
            score += boost;
        p[c] = exp(score);
        sum += p[c];
    }
    int best = 0;
    for (int c = 0; c < NCLASS; c++) {
        p[c] /= sum;
        if (p[c] > p[best])
            best = c;
    }
    fprintf(f, "%s,class%d", id, best);
    for (int c = 0; c < NCLASS; c++)
        fprintf(f, ",%.6f", p[c]);
    fputc('\n', f);
}

static int data(long n, const char *dir, long nimg)
{
    if (n < 1000 || nimg < NSIZES) {
        fprintf(stderr, "run_gen: need N >= 1000 and NIMG >= %d\n", NSIZES);
        return 2;
    }
    FILE *fs = open_out(dir, "samples.csv"), *fa = open_out(dir, "preds_a.csv"),
         *fb = open_out(dir, "preds_b.csv");
    fputs("id,path,label,split,source\n", fs);
    for (FILE **f = (FILE *[]){fa, fb, NULL}; *f; f++) {
        fputs("id,pred", *f);
        for (int c = 0; c < NCLASS; c++)
            fprintf(*f, ",prob:class%d", c);
        fputc('\n', *f);
    }
    long small = nimg / NSIZES * SMALL_SIZES; /* images of sizes 0..8 in whole cycles */
    for (long i = 0; i < n; i++) {
        char id[32], path[64];
        int truth = (int)(rnd() % NCLASS), label = truth;
        if (uniform() < 0.05)
            label = (truth + 1 + (int)(rnd() % (NCLASS - 1))) % NCLASS;
        const char *split = i % 100 == 0 ? "dev" : i % 100 == 1 ? "test" : "train";
        long img;
        if (strcmp(split, "train") != 0) { /* dev or test: an image up to 640x480 */
            long k = (long)(rnd() % (uint64_t)small);
            img = k / SMALL_SIZES * NSIZES + k % SMALL_SIZES;
        } else {
            img = (long)(rnd() % (uint64_t)nimg);
        }
        /* Ids in scrambled order (a permutation of 0..n-1), as when ids are hashes or
         * the file is not sorted: the id index then takes its inserts all over. */
        snprintf(id, sizeof id, "s%07llu",
                 (unsigned long long)(((uint64_t)i * 2654435761u + 12345u) % (uint64_t)n));
        image_name(path, sizeof path, img);
        fprintf(fs, "%s,%s,class%d,%s,%s\n", id, path, label, split,
                i % 4 == 3 ? "phone" : "web");
        predict(fa, id, truth, 1.8);
        predict(fb, id, truth, 0.9);
    }
    if (fclose(fs) || fclose(fa) || fclose(fb)) {
        perror("run_gen");
        return 2;
    }
    return 0;
}

static unsigned char clamp(double v)
{
    return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* A photograph-like picture: a two-colour gradient, a few soft discs and bars, noise. */
static void draw(unsigned char *px, int w, int h)
{
    double c0[3], c1[3], cx[4], cy[4], r[4], col[4][3];
    for (int k = 0; k < 3; k++) {
        c0[k] = 255 * uniform();
        c1[k] = 255 * uniform();
    }
    for (int s = 0; s < 4; s++) {
        cx[s] = uniform();
        cy[s] = uniform();
        r[s] = 0.05 + 0.25 * uniform();
        for (int k = 0; k < 3; k++)
            col[s][k] = 255 * uniform();
    }
    double fq = 3 + 20 * uniform();
    double *stripe = malloc((size_t)w * sizeof *stripe);
    if (!stripe)
        abort();
    for (int x = 0; x < w; x++)
        stripe[x] = 18 * sin((double)x / w * fq * 6.28);
    uint32_t noise = (uint32_t)rnd() | 1;
    for (int y = 0; y < h; y++) {
        double fy = (double)y / h;
        for (int x = 0; x < w; x++) {
            double fx = (double)x / w, v[3];
            for (int k = 0; k < 3; k++)
                v[k] = c0[k] + (c1[k] - c0[k]) * (fx + fy) / 2;
            for (int s = 0; s < 4; s++) {
                double dx = fx - cx[s], dy = fy - cy[s], d2 = dx * dx + dy * dy;
                if (d2 < r[s] * r[s]) {
                    double a = 1 - sqrt(d2) / r[s];
                    for (int k = 0; k < 3; k++)
                        v[k] = v[k] * (1 - a) + col[s][k] * a;
                }
            }
            double st = fy > 0.7 ? stripe[x] : 0;
            unsigned char *p = px + ((size_t)y * (size_t)w + (size_t)x) * 3;
            for (int k = 0; k < 3; k++) {
                noise ^= noise << 13; /* xorshift32: cheap noise */
                noise ^= noise >> 17;
                noise ^= noise << 5;
                p[k] = clamp(v[k] + st + (double)(noise % 13) - 6);
            }
        }
    }
    free(stripe);
}

static int images(const char *dir, long nimg, uint64_t seed, long part, long nparts)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/img", dir);
    mkdir(path, 0777);
    unsigned char *px = malloc(1024 * 768 * 3);
    if (!px)
        return 2;
    stbi_write_png_compression_level = 1; /* noise compresses no better at 6, only slower */
    for (long i = part; i < nimg; i += nparts) {
        state = seed ^ ((uint64_t)i * 0x2545f4914f6cdd1dULL); /* each image on its own */
        int w = run_gen_sizes[i % NSIZES].w, h = run_gen_sizes[i % NSIZES].h;
        char name[64];
        image_name(name, sizeof name, i);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        draw(px, w, h);
        int ok = run_gen_sizes[i % NSIZES].jpeg ? stbi_write_jpg(path, w, h, 3, px, 85)
                                                 : stbi_write_png(path, w, h, 3, px, w * 3);
        if (!ok) {
            fprintf(stderr, "run_gen: cannot write %s\n", path);
            free(px);
            return 2;
        }
    }
    free(px);
    return 0;
}

static int timed(const char *out, char **argv)
{
    struct timespec a, b;
    struct rusage ru;
    int st = 0;
    clock_gettime(CLOCK_MONOTONIC, &a);
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0) {
        perror("run_gen");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    FILE *f = fopen(out, "a");
    if (!f) {
        perror(out);
        return 2;
    }
    fprintf(f, "%.4f %.4f %ld\n",
            (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9,
            (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
            ru.ru_maxrss);
    fclose(f);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 2;
}

int main(int argc, char **argv)
{
    if (argc == 6 && strcmp(argv[1], "data") == 0) {
        state = strtoull(argv[5], NULL, 10);
        return data(atol(argv[2]), argv[3], atol(argv[4]));
    }
    if ((argc == 5 || argc == 7) && strcmp(argv[1], "images") == 0) {
        long part = argc == 7 ? atol(argv[5]) : 0, nparts = argc == 7 ? atol(argv[6]) : 1;
        if (nparts < 1 || part < 0 || part >= nparts)
            return 2;
        return images(argv[2], atol(argv[3]), strtoull(argv[4], NULL, 10), part, nparts);
    }
    if (argc == 3 && strcmp(argv[1], "name") == 0) {
        char name[64];
        image_name(name, sizeof name, atol(argv[2]));
        puts(name);
        return 0;
    }
    if (argc >= 4 && strcmp(argv[1], "time") == 0)
        return timed(argv[2], argv + 3);
    fputs("usage: run_gen data N DIR NIMG SEED | images DIR NIMG SEED [PART NPARTS] |"
          " name I |"
          " time OUT CMD...\n", stderr);
    return 2;
}
