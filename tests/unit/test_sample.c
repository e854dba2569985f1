/* Unit tests of the seeded sampler: PCG32 against the reference outputs, and sampling. */
#include "config.h"
#include "sample.h"
#include "tap.h"

#include <stdlib.h>

int main(void)
{
    pcg32_t g;
    /* pcg32-global demo of the reference implementation: srandom(42, 54). */
    static const uint32_t want[6] = {0xa15c02b7, 0x7b47f409, 0xba1d3330,
                                     0x83d2f293, 0xbfa4784b, 0xcbed606e};
    pcg32_seed_stream(&g, 42, 54);
    int same = 1;
    for (int i = 0; i < 6; i++)
        same &= pcg32_next(&g) == want[i];
    ok(same, "PCG32 matches the reference sequence for seed 42, stream 54");

    pcg32_seed(&g, 7);
    int inrange = 1;
    for (int i = 0; i < 10000; i++)
        inrange &= pcg32_below(&g, 13) < 13;
    ok(inrange, "pcg32_below stays below its bound");
    is_int(pcg32_below(&g, 1), 0, "bound 1 gives 0");

    long long pool[100], a[10], b[10];
    for (int i = 0; i < 100; i++)
        pool[i] = 1000 + i;
    pcg32_seed(&g, 123);
    sample_choose(&g, pool, 100, 10, a);
    pcg32_seed(&g, 123);
    sample_choose(&g, pool, 100, 10, b);
    int eq = 1, distinct = 1, inpool = 1;
    for (int i = 0; i < 10; i++) {
        eq &= a[i] == b[i];
        inpool &= a[i] >= 1000 && a[i] < 1100;
        for (int j = 0; j < i; j++)
            distinct &= a[i] != a[j];
    }
    ok(eq, "the same seed draws the same sample");
    ok(distinct, "no example is drawn twice");
    ok(inpool, "every draw comes from the pool");
    pcg32_seed(&g, 124);
    sample_choose(&g, pool, 100, 10, b);
    int differ = 0;
    for (int i = 0; i < 10; i++)
        differ |= a[i] != b[i];
    ok(differ, "another seed draws another sample");

    /* The first draws for seed 123 are fixed forever: a stored seed must reproduce them. */
    pcg32_seed(&g, 123);
    sample_choose(&g, pool, 100, 3, a);
    ok(a[0] == 1023 && a[1] == 1037 && a[2] == 1093, "seed 123 draws 1023 1037 1093 (got %lld %lld %lld)",
       a[0], a[1], a[2]);
    long long all[5] = {1, 2, 3, 4, 5}, out[5];
    pcg32_seed(&g, 1);
    sample_choose(&g, all, 5, 5, out);
    long long sum = 0;
    for (int i = 0; i < 5; i++)
        sum += out[i];
    is_int(sum, 15, "choosing all items gives a permutation");
    int counts[4] = {0};
    pcg32_seed(&g, 99);
    for (int i = 0; i < 40000; i++)
        counts[pcg32_below(&g, 4)]++;
    ok(counts[0] > 9500 && counts[0] < 10500 && counts[3] > 9500 && counts[3] < 10500,
       "pcg32_below is uniform (%d %d %d %d)", counts[0], counts[1], counts[2], counts[3]);
    return tap_done();
}
