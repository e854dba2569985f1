/* Unit tests of agreement.c against tables worked out by hand (the working is beside each). */
#include "config.h"
#include "agreement.h"
#include "tap.h"

#include <math.h>

#define near(got, want, tol, ...) ok(fabs((got) - (want)) <= (tol), __VA_ARGS__)

/* Fills a and b with the 2x2 table: yy items both 0, yn A 0 and B 1, ny, nn. */
static size_t table2(int *a, int *b, int yy, int yn, int ny, int nn)
{
    size_t n = 0;
    for (int i = 0; i < yy; i++, n++)
        a[n] = 0, b[n] = 0;
    for (int i = 0; i < yn; i++, n++)
        a[n] = 0, b[n] = 1;
    for (int i = 0; i < ny; i++, n++)
        a[n] = 1, b[n] = 0;
    for (int i = 0; i < nn; i++, n++)
        a[n] = 1, b[n] = 1;
    return n;
}

int main(void)
{
    int a[200], b[200];
    agree_result_t r;

    /* 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15.
     * po = 35/50 = 0.7; A says yes to 25/50 = 0.5, B to 30/50 = 0.6;
     * pe = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4.
     * Fleiss–Cohen–Everitt variance, p11 = 0.4, p12 = 0.1, p21 = 0.2, p22 = 0.3:
     *   s1 = 0.4·[1 − (0.5+0.6)·0.6]² + 0.3·[1 − (0.5+0.4)·0.6]² = 0.04624 + 0.06348 = 0.10972
     *   s2 = 0.1·(0.6+0.5)² + 0.2·(0.4+0.5)² = 0.121 + 0.162 = 0.283, times 0.6² = 0.10188
     *   c = 0.4 − 0.5·0.6 = 0.1, c² = 0.01
     *   var = (0.10972 + 0.10188 − 0.01)/(50·0.25) = 0.016128, se = 0.1269961
     *   95%: 0.4 ± 1.959964·0.1269961 = [0.1510928, 0.6489072]. */
    size_t n = table2(a, b, 20, 5, 10, 15);
    is_int(agree_cohen(a, b, n, 2, &r), 0, "cohen: a 2x2 table");
    is_int(r.items, 50, "cohen: 50 items");
    near(r.agreement, 0.7, 1e-12, "cohen: observed agreement 0.7");
    near(r.expected, 0.5, 1e-12, "cohen: chance agreement 0.5");
    ok(r.defined, "cohen: kappa defined");
    near(r.kappa, 0.4, 1e-12, "cohen: kappa 0.4 (got %.6f)", r.kappa);
    near(r.lo, 0.1510928, 1e-6, "cohen: low end 0.151093 (got %.7f)", r.lo);
    near(r.hi, 0.6489072, 1e-6, "cohen: high end 0.648907 (got %.7f)", r.hi);

    /* All agree, both answers used (6 yes, 4 no): po = 1, pe = 0.36 + 0.16 = 0.52,
     * kappa = 1; s1 = 0.6·1 + 0.4·1 = 1, s2 = 0, c = 1: variance 0, interval [1, 1]. */
    n = table2(a, b, 6, 0, 0, 4);
    agree_cohen(a, b, n, 2, &r);
    ok(r.defined && r.kappa == 1.0, "cohen all agree: kappa 1 (got %.17g)", r.kappa);
    ok(r.lo == 1.0 && r.hi == 1.0, "cohen all agree: interval [1, 1] (got [%g, %g])", r.lo, r.hi);

    /* A category never used: both always say no. po = 1, pe = 1: kappa is 0/0. */
    n = table2(a, b, 0, 0, 0, 40);
    agree_cohen(a, b, n, 2, &r);
    ok(!r.defined, "cohen, never used: kappa undefined");
    near(r.agreement, 1.0, 0, "cohen, never used: observed agreement 1");

    /* Always opposite: A yes, B no on all 10. po = 0, pe = 1·0 + 0·1 = 0, kappa = 0;
     * s1 = 0, s2 = 1·(0 + 0)² = 0 ... p12 = 1 with col[0] + row[1] = 0 + 0 = 0; c = 0:
     * variance 0, interval [0, 0]. */
    n = table2(a, b, 0, 10, 0, 0);
    agree_cohen(a, b, n, 2, &r);
    ok(r.defined && r.kappa == 0.0, "cohen, always opposite: kappa 0 (got %g)", r.kappa);
    near(r.agreement, 0.0, 0, "cohen, always opposite: agreement 0");

    /* Three answers (which label): A = cat cat dog dog bird, B = cat dog dog dog bird.
     * po = 4/5 = 0.8; A: cat 0.4, dog 0.4, bird 0.2; B: cat 0.2, dog 0.6, bird 0.2;
     * pe = 0.08 + 0.24 + 0.04 = 0.36; kappa = 0.44/0.64 = 0.6875. */
    int la[] = {0, 0, 1, 1, 2}, lb[] = {0, 1, 1, 1, 2};
    agree_cohen(la, lb, 5, 3, &r);
    near(r.kappa, 0.6875, 1e-12, "cohen, three labels: kappa 0.6875 (got %.6f)", r.kappa);
    ok(r.lo <= r.kappa && r.kappa <= r.hi && r.hi <= 1.0, "cohen, three labels: interval "
       "around kappa, within 1 ([%g, %g])", r.lo, r.hi);
    la[0] = 3;
    is_int(agree_cohen(la, lb, 5, 3, &r), -1, "cohen: an answer outside 0..k-1 is refused");

    /* Fleiss, 3 items x 3 reviewers: (3,0), (2,1), (0,3).
     * P = 1, (2·1)/(3·2) = 1/3, 1; mean 7/9. p = 5/9, 4/9; pe = 41/81.
     * kappa = (63/81 − 41/81)/(40/81) = 22/40 = 0.55. */
    int f[] = {3, 0, 2, 1, 0, 3};
    is_int(agree_fleiss(f, 3, 2, &r), 0, "fleiss: 3 items");
    is_int(r.items, 3, "fleiss: 3 items counted");
    near(r.agreement, 7.0 / 9, 1e-12, "fleiss: observed agreement 7/9");
    near(r.expected, 41.0 / 81, 1e-12, "fleiss: chance agreement 41/81");
    near(r.kappa, 0.55, 1e-12, "fleiss: kappa 0.55 (got %.6f)", r.kappa);
    ok(r.lo <= r.kappa && r.kappa <= r.hi, "fleiss: the bootstrap interval holds kappa "
       "([%g, %g])", r.lo, r.hi);
    agree_result_t r2;
    agree_fleiss(f, 3, 2, &r2);
    ok(r.lo == r2.lo && r.hi == r2.hi, "fleiss: the interval is the same on every run");

    /* Fleiss on the 2x2 table above (two reviewers: Scott's pi): pooled yes (25+30)/100 =
     * 0.55, pe = 0.3025 + 0.2025 = 0.505, po = 0.7, kappa = 0.195/0.495 = 0.393939. */
    int c50[100];
    n = table2(a, b, 20, 5, 10, 15);
    for (size_t i = 0; i < n; i++) {
        c50[2 * i] = (a[i] == 0) + (b[i] == 0);
        c50[2 * i + 1] = (a[i] == 1) + (b[i] == 1);
    }
    agree_fleiss(c50, n, 2, &r);
    near(r.kappa, 0.195 / 0.495, 1e-12, "fleiss, two reviewers: kappa 0.393939 (got %.6f)",
         r.kappa);
    ok(r.lo < r.kappa && r.kappa < r.hi && r.lo > -1 && r.hi < 1,
       "fleiss, two reviewers: a proper interval ([%.4f, %.4f])", r.lo, r.hi);

    /* Items with different numbers of reviewers, and one with a single reviewer (skipped):
     * (2,0): P = 1; (1,2): P = 2/6 = 1/3; (0,1) skipped. mean 2/3;
     * p = 3/5, 2/5; pe = 13/25 = 0.52; kappa = (2/3 − 0.52)/0.48 = 0.305556. */
    int g[] = {2, 0, 1, 2, 0, 1};
    agree_fleiss(g, 3, 2, &r);
    is_int(r.items, 2, "fleiss: an item with one reviewer is left out");
    near(r.kappa, (2.0 / 3 - 0.52) / 0.48, 1e-12, "fleiss, uneven: kappa 0.305556 (got %.6f)",
         r.kappa);

    /* All agree on one answer: undefined; all agree on two answers: kappa 1, [1, 1]. */
    int h[] = {3, 0, 3, 0, 3, 0};
    agree_fleiss(h, 3, 2, &r);
    ok(!r.defined && r.agreement == 1.0, "fleiss, one answer only: undefined, agreement 1");
    int h2[] = {3, 0, 0, 3, 3, 0};
    agree_fleiss(h2, 3, 2, &r);
    ok(r.defined && r.kappa == 1.0 && r.lo == 1.0 && r.hi == 1.0,
       "fleiss, all agree: kappa 1 in [1, 1] (got %g [%g, %g])", r.kappa, r.lo, r.hi);
    agree_fleiss(h2, 0, 2, &r);
    ok(!r.defined && r.items == 0, "fleiss, no items: undefined");
    return tap_done();
}
