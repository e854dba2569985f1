/* near_bench: the near-duplicate pair search on synthetic hashes, and the hashing rate.
 *
 *   near_bench search N D   N synthetic hashes (a third of them in clusters of 2 to 5
 *                           copies with up to 8 bits flipped), groups within distance D by
 *                           multi-index hashing; prints the pairs, groups, blocks, the
 *                           search time and the time comparing every pair would take,
 *                           estimated from 2,000 rows of it
 *   near_bench sort N       the same hashes sorted (what exact matches alone cost): the
 *                           reference beside 'search'
 *   near_bench rate R FILE...  decodes each file R times in the decoder helper, without
 *                           and with hashing (content hash and perceptual hash from one
 *                           read); prints images per second for both
 * Run by bench/near and bench/run; prints figures, asserts nothing. */
#include "config.h"
#include "decoder.h"
#include "near.h"
#include "phash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t *synthetic(size_t n)
{
    uint64_t *h = xmalloc((n ? n : 1) * sizeof *h), s = 2026;
    for (size_t i = 0; i < n;) {
        uint64_t base = rng(&s);
        size_t copies = rng(&s) % 3 == 0 ? 2 + rng(&s) % 4 : 1;
        for (size_t c = 0; c < copies && i < n; c++) {
            uint64_t x = base;
            int flips = c ? (int)(rng(&s) % 9) : 0;
            for (int f = 0; f < flips; f++)
                x ^= 1ull << (rng(&s) % 64);
            h[i++] = x;
        }
    }
    /* Shuffled, so copies are not neighbours. */
    for (size_t i = n; i > 1; i--) {
        size_t j = rng(&s) % i;
        uint64_t t = h[i - 1];
        h[i - 1] = h[j];
        h[j] = t;
    }
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int search(size_t n, int D)
{
    uint64_t *h = synthetic(n);
    uint32_t *group = xmalloc((n ? n : 1) * sizeof *group);
    int *dist = xmalloc((n ? n : 1) * sizeof *dist);
    long long pairs;
    double t0 = now();
    size_t groups = near_groups(h, n, D, group, dist, &pairs);
    double t1 = now();
    /* Comparing every pair: 2,000 rows against all others, scaled to n(n-1)/2. */
    size_t rows = n < 2000 ? n : 2000;
    long long found = 0;
    double t2 = now();
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < n; j++)
            found += j != i && phash_distance(h[i], h[j]) <= D;
    double t3 = now();
    double brute = rows ? (t3 - t2) / (double)rows * (double)n / 2 : 0;
    printf("%zu hashes, distance %d: %lld pairs, %zu groups; multi-index search %.3f s; "
           "every pair compared: %.0f s (estimated from %zu rows, %lld matches)\n",
           n, D, pairs, groups, t1 - t0, brute, rows, found);
    free(h);
    free(group);
    free(dist);
    return 0;
}

static int sort_ref(size_t n)
{
    uint64_t *h = synthetic(n);
    double t0 = now();
    qsort(h, n, sizeof *h, cmp_u64);
    size_t same = 0;
    for (size_t i = 1; i < n; i++)
        same += h[i] == h[i - 1];
    printf("%zu hashes sorted in %.3f s, %zu exact matches\n", n, now() - t0, same);
    free(h);
    return 0;
}

static int rate(int reps, int argc, char **argv)
{
    decoder_t *d = decoder_new(NULL);
    double t[2];
    long long ok[2] = {0, 0};
    for (int mode = 0; mode < 2; mode++) {
        double t0 = now();
        for (int r = 0; r < reps; r++)
            for (int i = 0; i < argc; i++) {
                err_t e = {0};
                if (mode == 0) {
                    image_t img;
                    ok[mode] += decoder_decode(d, argv[i], 0, 0, &img, &e) == 0;
                    image_free(&img);
                } else {
                    decoder_hashes_t dh;
                    ok[mode] += decoder_hash(d, argv[i], &dh, &e) == 0 && dh.phash_ok;
                }
            }
        t[mode] = now() - t0;
    }
    long long n = (long long)reps * argc;
    printf("decode only: %.0f images/s; decode + content hash + perceptual hash: %.0f "
           "images/s (%lld and %lld of %lld decoded)\n",
           t[0] > 0 ? (double)n / t[0] : 0, t[1] > 0 ? (double)n / t[1] : 0, ok[0], ok[1], n);
    decoder_free(d);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], DECODER_HELPER_ARG) == 0)
        return decoder_helper_main(argc, argv);
    if (argc == 4 && strcmp(argv[1], "search") == 0)
        return search((size_t)atol(argv[2]), atoi(argv[3]));
    if (argc == 3 && strcmp(argv[1], "sort") == 0)
        return sort_ref((size_t)atol(argv[2]));
    if (argc >= 4 && strcmp(argv[1], "rate") == 0)
        return rate(atoi(argv[2]), argc - 3, argv + 3);
    fputs("usage: near_bench search N D | sort N | rate R FILE...\n", stderr);
    return 2;
}
