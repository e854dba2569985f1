/* sample.c: PCG32 and sampling without replacement. */
#include "config.h"
#include "sample.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PCG_MULT 6364136223846793005ULL
#define PCG_STREAM 0x5eed5eedULL

void pcg32_seed_stream(pcg32_t *g, uint64_t seed, uint64_t stream)
{
    g->state = 0;
    g->inc = (stream << 1) | 1;
    pcg32_next(g);
    g->state += seed;
    pcg32_next(g);
}

void pcg32_seed(pcg32_t *g, uint64_t seed)
{
    pcg32_seed_stream(g, seed, PCG_STREAM);
}

uint32_t pcg32_next(pcg32_t *g)
{
    uint64_t old = g->state;
    g->state = old * PCG_MULT + g->inc;
    uint32_t xorshifted = (uint32_t)(((old >> 18) ^ old) >> 27);
    uint32_t rot = (uint32_t)(old >> 59);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
}

uint32_t pcg32_below(pcg32_t *g, uint32_t bound)
{
    if (bound <= 1)
        return 0;
    uint32_t threshold = (uint32_t)(-bound) % bound;
    for (;;) {
        uint32_t r = pcg32_next(g);
        if (r >= threshold)
            return r % bound;
    }
}

void sample_shuffle(pcg32_t *g, void *v, size_t n, size_t size)
{
    unsigned char *p = v, tmp[64];
    if (size > sizeof tmp)
        die("sample_shuffle: item too large");
    for (size_t i = n; i > 1; i--) {
        size_t j = pcg32_below(g, (uint32_t)i);
        if (j != i - 1) {
            memcpy(tmp, p + (i - 1) * size, size);
            memcpy(p + (i - 1) * size, p + j * size, size);
            memcpy(p + j * size, tmp, size);
        }
    }
}

void sample_choose(pcg32_t *g, const long long *pool, size_t n, size_t k, long long *out)
{
    long long *v = xmalloc((n ? n : 1) * sizeof *v);
    if (n)
        memcpy(v, pool, n * sizeof *v);
    for (size_t i = 0; i < k && i < n; i++) {
        size_t j = i + pcg32_below(g, (uint32_t)(n - i));
        long long t = v[i];
        v[i] = v[j];
        v[j] = t;
        out[i] = v[i];
    }
    free(v);
}

uint64_t sample_fresh_seed(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t s = (uint64_t)ts.tv_sec * 1000000007ULL ^ (uint64_t)ts.tv_nsec ^
                 ((uint64_t)getpid() << 32);
    /* splitmix64 finaliser, so nearby clocks give unrelated seeds; kept below 2^31 so
     * the seed is easy to type back. */
    s += 0x9e3779b97f4a7c15ULL;
    s = (s ^ (s >> 30)) * 0xbf58476d1ce4e5b9ULL;
    s = (s ^ (s >> 27)) * 0x94d049bb133111ebULL;
    s ^= s >> 31;
    return s & 0x7fffffff;
}
