/* Unit tests of stats.c against numbers worked out by hand (the working is beside each). */
#include "config.h"
#include "stats.h"
#include "tap.h"

#include <math.h>

#define near(got, want, tol, ...) ok(fabs((got) - (want)) <= (tol), __VA_ARGS__)

int main(void)
{
    double lo, hi;
    const double z2 = STATS_Z95 * STATS_Z95; /* 3.8414588206941... */
    near(z2, 3.8414588206941, 1e-12, "z95 squared is 3.84146");

    /* 0 of 100: the low end is exactly 0; the high end is z²/(n + z²)
     * = 3.8414588/103.8414588 = 0.0369935. */
    is_int(stats_wilson(0, 100, STATS_Z95, &lo, &hi), 0, "0/100 is defined");
    ok(lo == 0.0, "0/100: low end exactly 0 (got %.17g)", lo);
    near(hi, 0.0369934982, 1e-9, "0/100: high end z2/(100+z2) = 0.0369935 (got %.10f)", hi);
    near(hi, z2 / (100 + z2), 1e-15, "0/100: high end equals the closed form");

    /* 100 of 100: mirror image: high exactly 1, low n/(n + z²) = 100/103.8414588. */
    stats_wilson(100, 100, STATS_Z95, &lo, &hi);
    ok(hi == 1.0, "100/100: high end exactly 1 (got %.17g)", hi);
    near(lo, 0.9630065018, 1e-9, "100/100: low end 100/(100+z2) = 0.9630065 (got %.10f)", lo);

    /* 5 of 100: p = 0.05, z²/n = 0.0384146, denominator 1.0384146;
     * centre = (0.05 + 0.0192073)/1.0384146 = 0.0666471;
     * half = 1.959964/1.0384146 · sqrt(0.05·0.95/100 + 3.8414588/40000)
     *      = 1.887459 · sqrt(0.000475 + 0.0000960365) = 1.887459 · 0.0238964 = 0.0451034;
     * interval 0.0215437 .. 0.1117505. */
    stats_wilson(5, 100, STATS_Z95, &lo, &hi);
    near(lo, 0.0215436792, 1e-9, "5/100: low 0.0215437 (got %.10f)", lo);
    near(hi, 0.1117504692, 1e-9, "5/100: high 0.1117505 (got %.10f)", hi);

    /* 10 of 20 is symmetric about 0.5: half = 1.959964/1.1920729 · sqrt(0.0125 + 0.0024009)
     * = 1.644170 · 0.1220693 = 0.2007020. */
    stats_wilson(10, 20, STATS_Z95, &lo, &hi);
    near(lo, 0.2992980082, 1e-9, "10/20: low 0.2992980");
    near(hi, 0.7007019918, 1e-9, "10/20: high 0.7007020");
    near(lo + hi, 1.0, 1e-12, "10/20: symmetric about one half");

    /* 0 of 20: high = 3.8414588/23.8414588 = 0.1611252. */
    stats_wilson(0, 20, STATS_Z95, &lo, &hi);
    ok(lo == 0.0, "0/20: low exactly 0");
    near(hi, 0.1611251581, 1e-9, "0/20: high 0.1611252");
    stats_wilson(20, 20, STATS_Z95, &lo, &hi);
    ok(hi == 1.0, "20/20: high exactly 1");
    near(lo, 0.8388748419, 1e-9, "20/20: low 20/23.8414588 = 0.8388748");

    /* 1 of 20 and 2 of 20, used by the report test. */
    stats_wilson(1, 20, STATS_Z95, &lo, &hi);
    near(lo, 0.0088814488, 1e-9, "1/20: low 0.0088814");
    near(hi, 0.2361311934, 1e-9, "1/20: high 0.2361312");
    stats_wilson(2, 20, STATS_Z95, &lo, &hi);
    near(lo, 0.0278664812, 1e-9, "2/20: low 0.0278665");
    near(hi, 0.3010336452, 1e-9, "2/20: high 0.3010336");

    /* Undefined cases give [0, 1] and -1. */
    is_int(stats_wilson(0, 0, STATS_Z95, &lo, &hi), -1, "0/0 is undefined");
    ok(lo == 0.0 && hi == 1.0, "0/0 gives [0, 1]");
    is_int(stats_wilson(3, 2, STATS_Z95, &lo, &hi), -1, "k > n is refused");
    is_int(stats_wilson(-1, 2, STATS_Z95, &lo, &hi), -1, "negative k is refused");

    /* Shares. */
    near(stats_share(5, 100), 0.05, 1e-15, "5 of 100 is 5%%");
    ok(stats_share(3, 0) == 0.0, "a share of nothing is 0");

    /* Ng's ceiling: 10% dev error, 5% of the errors in a category: 10% × 0.95 = 9.5%. */
    near(stats_error_if_fixed(0.10, 0.05), 0.095, 1e-15, "10%% error, 5%% of errors: 9.5%% at best");
    near(stats_error_if_fixed(0.10, 0.50), 0.05, 1e-15, "10%% error, half of errors: 5%%");
    near(stats_error_if_fixed(0.10, 0.0), 0.10, 1e-15, "an empty category changes nothing");
    near(stats_error_if_fixed(0.10, 1.0), 0.0, 1e-15, "every error fixed: 0%%");

    /* Mislabels: 6% of a 10% error is 0.6 points; 30% of a 2% error is also 0.6 points. */
    near(stats_error_part(0.10, 0.06), 0.006, 1e-15, "6%% of a 10%% error is 0.6%%");
    near(stats_error_part(0.02, 0.30), 0.006, 1e-15, "30%% of a 2%% error is 0.6%%");
    /* The seed's rule with a 10% threshold: 6 of 100 not worth it, 30 of 100 worth it. */
    ok(!stats_worth_fixing(6, 100, 0.10), "6%% of errors mislabeled: not worth fixing");
    ok(stats_worth_fixing(30, 100, 0.10), "30%% of errors mislabeled: worth fixing");
    ok(stats_worth_fixing(2, 20, 0.10), "exactly at the threshold (2 of 20, 10%%) is worth it");
    ok(!stats_worth_fixing(1, 20, 0.10), "1 of 20 (5%%) is below 10%%");
    ok(!stats_worth_fixing(0, 0, 0.10), "nothing reviewed: no recommendation to fix");
    ok(stats_worth_fixing(0, 10, 0.0), "a 0%% threshold always says fix");

    /* Pass shares and the matching test sample. Dev drew 20 of 25 errors: 80%. */
    near(stats_pass_share(20, 25), 0.8, 1e-15, "20 of 25 is 80%%");
    near(stats_pass_share(100, 37), 1.0, 1e-15, "asking more than the pool takes it all");
    ok(stats_pass_share(5, 0) == 0.0, "an empty pool has share 0");
    is_int(stats_matching_sample(0.8, 10), 8, "80%% of 10 test errors is 8");
    is_int(stats_matching_sample(0.1, 370), 37, "10%% of 370 is 37");
    is_int(stats_matching_sample(0.001, 50), 1, "a tiny share still draws one example");
    is_int(stats_matching_sample(1.0, 42), 42, "all of the pool");
    is_int(stats_matching_sample(0.5, 0), 0, "nothing to draw from");
    is_int(stats_matching_sample(0.25, 10), 3, "2.5 rounds away from zero to 3");

    /* Tolerance: within one example or 10%, whichever is larger. */
    ok(stats_sample_matches(8, 10, 0.8), "8 of 10 matches 80%%");
    ok(stats_sample_matches(9, 10, 0.8), "9 of 10 is within one example of 8");
    ok(!stats_sample_matches(10, 10, 0.8), "10 of 10 is two examples off");
    ok(stats_sample_matches(40, 370, 0.1), "40 of 370 is within 10%% of 37");
    ok(!stats_sample_matches(41, 370, 0.1), "41 of 370 is 4 off 37 (slack 3.7)");
    ok(stats_sample_matches(100, 37, 1.0), "asking 100 of 37 takes all 37: matches 100%%");
    ok(stats_sample_matches(0, 0, 0.5), "an empty pool matches anything");

    /* The balance rule: 24 of 241 dev errors reviewed; test has 115: 24 x 115/241 =
     * 11.45 -> 11. Tolerance: one example or 10%. */
    is_int(stats_same_share(24, 241, 115), 11, "24/241 of 115 test errors is 11");
    is_int(stats_same_share(1, 1000, 10), 1, "a tiny share still asks for one");
    is_int(stats_same_share(20, 10, 5), 5, "never more than the pool");
    is_int(stats_same_share(0, 10, 5), 0, "nothing reviewed asks for nothing");
    is_int(stats_same_share(3, 0, 5), 0, "an empty dev pool asks for nothing");
    ok(stats_counts_match(12, 11) && stats_counts_match(10, 11), "11 +- 1 matches 11");
    ok(!stats_counts_match(47, 11), "47 reviewed is not 11 (the 41%% against 10%% case)");
    ok(stats_counts_match(44, 40) && !stats_counts_match(45, 40), "40: within 4 (10%%)");
    ok(stats_counts_match(0, 0) && stats_counts_match(1, 0), "0: within one example");
    ok(stats_same_fraction(0.1, 0.1000000001), "0.1 and 0.1000000001 are the same rule");
    ok(!stats_same_fraction(0.1, 0.2), "0.1 and 0.2 are not");
    return tap_done();
}
