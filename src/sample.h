/* sample.h: seeded random sampling that gives the same result on every platform.
 * The generator is PCG32 (O'Neill, pcg-random.org: XSH-RR output over a 64-bit LCG with
 * multiplier 6364136223846793005), written out here, never rand(). */
#ifndef EYEBALL_SAMPLE_H
#define EYEBALL_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct pcg32 {
    uint64_t state, inc;
} pcg32_t;

/* Seeds the generator (stream 0x5eed5eed, fixed so a seed alone names a sample). */
void pcg32_seed(pcg32_t *g, uint64_t seed);
/* Seeds with an explicit stream, as pcg32_srandom(seed, stream) of the reference code. */
void pcg32_seed_stream(pcg32_t *g, uint64_t seed, uint64_t stream);
uint32_t pcg32_next(pcg32_t *g);
/* Uniform in [0, bound) without modulo bias (rejection of the low remainder). */
uint32_t pcg32_below(pcg32_t *g, uint32_t bound);

/* Shuffles v (n items of size bytes) in place: Fisher-Yates from the last item down. */
void sample_shuffle(pcg32_t *g, void *v, size_t n, size_t size);

/* Chooses k of the n values in pool (k <= n) by a partial Fisher-Yates shuffle of a copy;
 * writes them to out in the order drawn. */
void sample_choose(pcg32_t *g, const long long *pool, size_t n, size_t k, long long *out);

/* A fresh seed from the clock and the process id, for when the user gives none. */
uint64_t sample_fresh_seed(void);

#endif
