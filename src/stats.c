/* stats.c: proportions, Wilson intervals, ceilings and the sampling-rule match. */
#include "config.h"
#include "stats.h"

#include <math.h>

double stats_share(long long k, long long n)
{
    return n > 0 ? (double)k / (double)n : 0.0;
}

int stats_wilson(long long k, long long n, double z, double *lo, double *hi)
{
    if (n <= 0 || k < 0 || k > n) {
        *lo = 0.0;
        *hi = 1.0;
        return -1;
    }
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double denom = 1.0 + z2 / nn;
    double centre = (p + z2 / (2.0 * nn)) / denom;
    double half = z / denom * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
    double l = centre - half, h = centre + half;
    if (k == 0)
        l = 0.0;
    if (k == n)
        h = 1.0;
    *lo = l < 0.0 ? 0.0 : l;
    *hi = h > 1.0 ? 1.0 : h;
    return 0;
}

double stats_error_if_fixed(double error_rate, double share)
{
    return error_rate * (1.0 - share);
}

double stats_error_part(double error_rate, double share)
{
    return error_rate * share;
}

int stats_worth_fixing(long long mislabeled, long long reviewed, double threshold)
{
    if (reviewed <= 0)
        return 0;
    /* Compare k/n >= t as k >= t·n with a little slack, so 2/20 meets 10% exactly. */
    return (double)mislabeled >= threshold * (double)reviewed - 1e-9;
}

double stats_pass_share(long long sample_n, long long pool)
{
    if (pool <= 0)
        return 0.0;
    return (double)(sample_n < pool ? sample_n : pool) / (double)pool;
}

long long stats_matching_sample(double share, long long pool)
{
    if (pool <= 0 || share <= 0.0)
        return 0;
    long long n = llround(share * (double)pool);
    if (n < 1)
        n = 1;
    return n > pool ? pool : n;
}

int stats_sample_matches(long long sample_n, long long pool, double share)
{
    double want = share * (double)(pool > 0 ? pool : 0);
    double drawn = (double)(sample_n < pool ? sample_n : pool);
    if (drawn < 0)
        drawn = 0;
    double slack = 0.1 * want > 1.0 ? 0.1 * want : 1.0;
    return fabs(drawn - want) <= slack + 1e-9;
}

int stats_same_fraction(double a, double b)
{
    return fabs(a - b) <= 1e-6;
}

long long stats_same_share(long long k, long long n, long long pool)
{
    if (n <= 0 || pool <= 0 || k <= 0)
        return 0;
    long long x = llround((double)k * (double)pool / (double)n);
    if (x < 1)
        x = 1;
    return x > pool ? pool : x;
}

int stats_counts_match(long long got, long long want)
{
    double slack = 0.1 * (double)want > 1.0 ? 0.1 * (double)want : 1.0;
    return fabs((double)(got - want)) <= slack + 1e-9;
}

int stats_diff_ci(long long k1, long long n1, long long k2, long long n2, double z, double *lo,
                  double *hi)
{
    double l1, u1, l2, u2;
    if (stats_wilson(k1, n1, z, &l1, &u1) < 0 || stats_wilson(k2, n2, z, &l2, &u2) < 0) {
        *lo = -1.0;
        *hi = 1.0;
        return -1;
    }
    double p1 = (double)k1 / (double)n1, p2 = (double)k2 / (double)n2, d = p1 - p2;
    *lo = d - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
    *hi = d + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
    return 0;
}

/* log C(n, i) − n log 2. */
static double log_binom_half(long long n, long long i)
{
    return lgamma((double)n + 1.0) - lgamma((double)i + 1.0) - lgamma((double)(n - i) + 1.0) -
           (double)n * log(2.0);
}

double stats_mcnemar_exact(long long b, long long c)
{
    long long n = b + c, k = b < c ? b : c;
    if (n <= 0)
        return 1.0;
    /* The terms grow with i up to n/2, so the last one (i = k) is the largest: factor it
     * out, so the sum neither underflows nor loses the small terms. */
    double top = log_binom_half(n, k), sum = 0.0;
    for (long long i = k; i >= 0; i--) {
        double t = exp(log_binom_half(n, i) - top);
        sum += t;
        if (t < 1e-17 * sum)
            break;
    }
    double p = 2.0 * exp(top) * sum;
    return p > 1.0 ? 1.0 : p;
}
