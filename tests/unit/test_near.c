/* test_near: the multi-index pair search against comparing every pair, and the groups. */
#include "config.h"
#include "near.h"
#include "phash.h"
#include "tap.h"

#include <stdlib.h>

static uint64_t rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

typedef struct acc {
    long long pairs, sum; /* count, and a checksum of (i, j, d) */
} acc_t;

static void count(void *arg, size_t i, size_t j, int d)
{
    acc_t *a = arg;
    a->pairs++;
    a->sum += (long long)(i * 1000003 + j * 31 + (size_t)d);
}

/* n hashes: clusters of copies, each a base with up to maxflip random bits flipped. */
static uint64_t *clustered(size_t n, int maxflip, uint64_t seed)
{
    uint64_t *h = malloc(n * sizeof *h), s = seed, base = 0;
    for (size_t i = 0; i < n; i++) {
        if (rng(&s) % 4 == 0 || i == 0)
            base = rng(&s);
        uint64_t x = base;
        int flips = (int)(rng(&s) % (uint64_t)(maxflip + 1));
        for (int f = 0; f < flips; f++)
            x ^= 1ull << (rng(&s) % 64);
        h[i] = x;
    }
    return h;
}

int main(void)
{

    static const int ds[] = {0, 1, 2, 4, 6, 8, 10, 13, 16};
    uint64_t *h = clustered(3000, 12, 7);
    for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
        int D = ds[k];
        acc_t brute = {0, 0}, fast = {0, 0};
        for (size_t i = 0; i < 3000; i++)
            for (size_t j = i + 1; j < 3000; j++)
                if (phash_distance(h[i], h[j]) <= D)
                    count(&brute, i, j, phash_distance(h[i], h[j]));
        int blocks = 0;
        long long n = near_pairs(h, 3000, D, count, &fast, &blocks);
        ok(n == brute.pairs && fast.pairs == brute.pairs,
           "distance %d: %lld pairs, as comparing every pair (%lld), %d blocks", D, n,
           brute.pairs, blocks);
        ok(fast.sum == brute.sum, "distance %d: the same pairs and distances", D);
    }
    free(h);

    /* Groups: a chain 0-1-2 (0 and 2 are 4 apart, beyond D = 3), a pair 4-6, a loner. */
    uint64_t g[7] = {0x0, 0x3, 0xf, 0xffff0000ull, 0xff00ff00ff00ull, 0x12345678ull,
                     0xff00ff00ff07ull};
    uint32_t group[7];
    int dist[7];
    long long pairs;
    size_t n = near_groups(g, 7, 3, group, dist, &pairs);
    is_int((int)n, 2, "two groups");
    is_int((int)pairs, 3, "three pairs");
    ok(group[0] == 1 && group[1] == 1 && group[2] == 1, "the chain is group 1");
    ok(group[4] == 2 && group[6] == 2, "the pair is group 2");
    ok(group[3] == 0 && group[5] == 0, "loners have no group");
    ok(dist[0] == 0 && dist[1] == 2 && dist[2] == 4 && dist[4] == 0 && dist[6] == 3,
       "distances to the first member, beyond D through the chain");
    return tap_done();
}
