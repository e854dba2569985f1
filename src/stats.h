/* stats.h: the arithmetic of the error-analysis report and of apply's balance check.
 * Pure functions, no I/O; unit-tested in tests/unit/test_stats.c. */
#ifndef EYEBALL_STATS_H
#define EYEBALL_STATS_H

/* z for a two-sided 95% normal interval (the 97.5th percentile of N(0,1)). */
#define STATS_Z95 1.959963984540054

/* k / n, or 0 when n is 0 (callers that must tell "no data" apart check n first). */
double stats_share(long long k, long long n);

/* Wilson score interval of a proportion k/n at confidence z (STATS_Z95 for 95%):
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · sqrt(p(1−p)/n + z²/4n²).
 * At k = 0 the low end is exactly 0 and at k = n the high end is exactly 1 (the formula
 * gives them up to rounding; they are set exactly). Returns 0, or -1 when n <= 0 or k is
 * outside 0..n, with [0, 1] written to *lo and *hi. */
int stats_wilson(long long k, long long n, double z, double *lo, double *hi);

/* The ceiling of Ng's error analysis: the error rate left if every error of a category
 * holding `share` of the errors were fixed: error_rate × (1 − share). 10% error, 5% of
 * errors → 9.5%. */
double stats_error_if_fixed(double error_rate, double share);

/* The part of the absolute error rate that a share of the errors makes up:
 * error_rate × share (6% of a 10% error is 0.6 percentage points). */
double stats_error_part(double error_rate, double share);

/* The seed's rule for mislabeled examples: worth fixing when their share of the reviewed
 * errors is at least threshold (both fractions, e.g. 0.1 for 10%). 0 when reviewed is 0. */
int stats_worth_fixing(long long mislabeled, long long reviewed, double threshold);

/* The share of a pool that a pass drew: min(sample_n, pool) / pool; 0 for an empty pool. */
double stats_pass_share(long long sample_n, long long pool);

/* How many misclassified examples a pass over a pool of `pool` must draw to take the same
 * share as another pass: round(share × pool), at least 1 when share and pool are positive,
 * at most pool. */
long long stats_matching_sample(double share, long long pool);

/* Whether a pass that drew `sample_n` of `pool` misclassified examples followed the rule
 * "draw `share` of them": |min(sample_n, pool) − share × pool| ≤ max(1, 0.1 × share × pool),
 * that is within one example or within 10%, whichever is larger. */
int stats_sample_matches(long long sample_n, long long pool, double share);

/* Whether two correct-example fractions are the same rule (equal within 1e-6). */
int stats_same_fraction(double a, double b);

/* The count out of pool that is the same share as k out of n: round(k x pool / n), at
 * least 1 when k > 0, at most pool; 0 when n or pool is 0 or less. */
long long stats_same_share(long long k, long long n, long long pool);
/* 1 when got is within one example or 10% of want (whichever is larger): the tolerance
 * of the dev/test balance rule. */
int stats_counts_match(long long got, long long want);


/* Newcombe's interval (his method 10, from two Wilson intervals at z) for the difference
 * of two independent proportions k1/n1 − k2/n2:
 *   d − sqrt((p1 − l1)² + (u2 − p2)²)  to  d + sqrt((u1 − p1)² + (p2 − l2)²).
 * Returns 0, or -1 (with [−1, 1]) when either proportion has no interval. */
int stats_diff_ci(long long k1, long long n1, long long k2, long long n2, double z, double *lo,
                  double *hi);

/* The exact two-sided McNemar test on the discordant counts b and c (examples only the
 * first got wrong, examples only the second got wrong): under the null each discordant
 * example is either kind with p = 1/2, so
 *   p = min(1, 2 · sum_{i=0}^{min(b,c)} C(b+c, i) / 2^(b+c)),
 * summed in logarithms (exact to rounding for any count); 1 when b + c is 0. */
double stats_mcnemar_exact(long long b, long long c);

#endif
