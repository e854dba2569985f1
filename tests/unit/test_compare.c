/* Unit tests of compare.c on examples whose every count is known. */
#include "config.h"
#include "compare.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define near(got, want, tol, ...) ok(fabs((got) - (want)) <= (tol), __VA_ARGS__)

int main(void)
{
    compare_t *c = compare_new();
    compare_result_t r;
    compare_finish(c, &r);
    is_int(r.examples, 0, "empty: no examples");
    ok(r.mcnemar_p == 1.0, "empty: p = 1");
    is_int((long long)r.npairs, 0, "empty: no pairs");

    /* Ten examples (label, A, B):
     *   4 both right; 3 fixed (cat→dog by A, right by B); 1 broken (dog→cat by B);
     *   2 both wrong: bird→cat by A and bird→dog by B, twice.
     * A: 3 + 2 = 5 errors; B: 1 + 2 = 3. Pairs: cat→dog A 3 B 0 (−3); bird→cat A 2 B 0
     * (−2); bird→dog A 0 B 2 (+2); dog→cat A 0 B 1 (+1).
     * McNemar on 3 and 1: 2 (C(4,0) + C(4,1)) / 16 = 10/16 = 0.625. */
    for (int i = 0; i < 4; i++)
        compare_add(c, "cat", "cat", "cat");
    for (int i = 0; i < 3; i++)
        compare_add(c, "cat", "dog", "cat");
    compare_add(c, "dog", "dog", "cat");
    for (int i = 0; i < 2; i++)
        compare_add(c, "bird", "cat", "dog");
    compare_finish(c, &r);
    is_int(r.examples, 10, "10 examples");
    is_int(r.a_errors, 5, "A: 5 errors");
    is_int(r.b_errors, 3, "B: 3 errors");
    is_int(r.fixed, 3, "3 fixed");
    is_int(r.broken, 1, "1 broken");
    near(r.a_rate, 0.5, 1e-12, "A: 50%%");
    near(r.b_rate, 0.3, 1e-12, "B: 30%%");
    /* Wilson 5/10: centre (0.5 + 0.19207)/1.38415 = 0.5, half 1.95996/1.38415 ·
     * sqrt(0.025 + 0.0096037) = 0.26340: 0.23659 to 0.76341. */
    near(r.a_lo, 0.236593, 1e-6, "A: Wilson low 0.236593 (got %.6f)", r.a_lo);
    near(r.a_hi, 0.763407, 1e-6, "A: Wilson high 0.763407 (got %.6f)", r.a_hi);
    near(r.mcnemar_p, 0.625, 1e-12, "McNemar 3 vs 1: 10/16");
    is_int((long long)r.npairs, 4, "four pairs changed");
    char got[256] = "";
    for (size_t i = 0; i < r.npairs; i++) {
        char one[64];
        snprintf(one, sizeof one, "%s%s>%s:%lld,%lld", i ? " " : "", r.pairs[i].label,
                 r.pairs[i].pred, r.pairs[i].a, r.pairs[i].b);
        strcat(got, one);
    }
    /* |−2| ties |+2|, and both have 2 errors: then by label, then prediction. */
    is_str(got, "cat>dog:3,0 bird>cat:2,0 bird>dog:0,2 dog>cat:0,1",
           "pairs by change, then errors, then label and prediction");
    compare_free(c);

    /* Many labels: the tables grow and keep every count. */
    c = compare_new();
    char l[16], p[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(l, sizeof l, "l%d", i);
        snprintf(p, sizeof p, "p%d", i % 7);
        compare_add(c, l, p, l);
        compare_add(c, l, p, l);
    }
    compare_finish(c, &r);
    is_int(r.fixed, 2000, "2,000 fixed over 1,000 labels");
    is_int((long long)r.npairs, COMPARE_MAX_PAIRS, "pairs capped");
    is_int(r.pairs[0].a, 2, "each pair counted twice");
    is_str(r.pairs[0].label, "l0", "ties by label bytewise");
    compare_free(c);
    return tap_done();
}
