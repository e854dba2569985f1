/* agreement.c: Cohen's and Fleiss' kappa with their 95% intervals (agreement.h). */
#include "config.h"
#include "agreement.h"
#include "sample.h"
#include "stats.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double clip1(double x)
{
    return x < -1 ? -1 : x > 1 ? 1 : x;
}

int agree_cohen(const int *a, const int *b, size_t n, size_t k, agree_result_t *out)
{
    memset(out, 0, sizeof *out);
    out->method = AGREE_COHEN;
    out->items = n;
    for (size_t i = 0; i < n; i++)
        if (a[i] < 0 || (size_t)a[i] >= k || b[i] < 0 || (size_t)b[i] >= k)
            return -1;
    if (n == 0)
        return 0;
    /* p[i*k + j]: share of items A put in i and B in j. */
    double *p = xcalloc(k * k, sizeof *p), *row = xcalloc(k, sizeof *row),
           *col = xcalloc(k, sizeof *col);
    for (size_t i = 0; i < n; i++)
        p[(size_t)a[i] * k + (size_t)b[i]] += 1;
    for (size_t i = 0; i < k * k; i++)
        p[i] /= (double)n;
    double po = 0, pe = 0;
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < k; j++) {
            row[i] += p[i * k + j];
            col[j] += p[i * k + j];
        }
        po += p[i * k + i];
    }
    for (size_t i = 0; i < k; i++)
        pe += row[i] * col[i];
    out->agreement = po;
    out->expected = pe;
    /* Chance agreement 1: one answer only, from both; kappa is 0/0. */
    if (pe < 1 - 1e-12) {
        double kap = (po - pe) / (1 - pe);
        double s1 = 0, s2 = 0;
        for (size_t i = 0; i < k; i++) {
            double t = 1 - (row[i] + col[i]) * (1 - kap);
            s1 += p[i * k + i] * t * t;
            for (size_t j = 0; j < k; j++)
                if (j != i) {
                    double u = col[i] + row[j];
                    s2 += p[i * k + j] * u * u;
                }
        }
        double c = kap - pe * (1 - kap);
        double var = (s1 + (1 - kap) * (1 - kap) * s2 - c * c) / ((double)n * (1 - pe) * (1 - pe));
        double se = var > 0 ? sqrt(var) : 0;
        out->defined = 1;
        out->kappa = kap;
        out->lo = clip1(kap - STATS_Z95 * se);
        out->hi = clip1(kap + STATS_Z95 * se);
    }
    free(p);
    free(row);
    free(col);
    return 0;
}

/* Fleiss' kappa of the items idx[0..n-1] (repeats allowed); 0 when undefined. */
static int fleiss_of(const int *counts, const size_t *idx, size_t n, size_t k, double *po,
                     double *pe, double *kap, double *tot)
{
    double sum_p = 0, total = 0;
    size_t used = 0;
    for (size_t j = 0; j < k; j++)
        tot[j] = 0;
    for (size_t t = 0; t < n; t++) {
        const int *c = counts + idx[t] * k;
        double m = 0, agree = 0;
        for (size_t j = 0; j < k; j++) {
            m += c[j];
            agree += (double)c[j] * (c[j] - 1);
        }
        if (m < 2)
            continue;
        sum_p += agree / (m * (m - 1));
        for (size_t j = 0; j < k; j++)
            tot[j] += c[j];
        total += m;
        used++;
    }
    if (!used)
        return 0;
    *po = sum_p / (double)used;
    *pe = 0;
    for (size_t j = 0; j < k; j++)
        *pe += (tot[j] / total) * (tot[j] / total);
    if (*pe >= 1 - 1e-12)
        return 0;
    *kap = (*po - *pe) / (1 - *pe);
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int agree_fleiss(const int *counts, size_t n, size_t k, agree_result_t *out)
{
    memset(out, 0, sizeof *out);
    out->method = AGREE_FLEISS;
    for (size_t i = 0; i < n * k; i++)
        if (counts[i] < 0)
            return -1;
    size_t *idx = xcalloc(n ? n : 1, sizeof *idx);
    double *tot = xcalloc(k ? k : 1, sizeof *tot);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        int m = 0;
        for (size_t j = 0; j < k; j++)
            m += counts[i * k + j];
        if (m >= 2)
            idx[used++] = i;
    }
    out->items = used;
    double po = 0, pe = 1, kap = 0;
    int def = fleiss_of(counts, idx, used, k, &po, &pe, &kap, tot);
    if (used) {
        out->agreement = po;
        out->expected = pe;
    }
    if (def) {
        out->defined = 1;
        out->kappa = kap;
        double *boot = xcalloc(AGREE_BOOT_N, sizeof *boot);
        size_t *pick = xcalloc(used, sizeof *pick);
        size_t nb = 0;
        pcg32_t g;
        pcg32_seed(&g, AGREE_BOOT_SEED);
        for (int b = 0; b < AGREE_BOOT_N; b++) {
            for (size_t t = 0; t < used; t++)
                pick[t] = idx[pcg32_below(&g, (uint32_t)used)];
            double bpo, bpe, bk;
            if (fleiss_of(counts, pick, used, k, &bpo, &bpe, &bk, tot))
                boot[nb++] = bk;
        }
        qsort(boot, nb, sizeof *boot, cmp_double);
        if (nb) {
            /* Percentiles by the nearest rank. */
            size_t lo = (size_t)floor(0.025 * (double)nb), hi = (size_t)ceil(0.975 * (double)nb);
            out->lo = clip1(boot[lo]);
            out->hi = clip1(boot[hi ? hi - 1 : 0]);
        } else {
            out->lo = out->hi = kap;
        }
        free(boot);
        free(pick);
    }
    free(idx);
    free(tot);
    return 0;
}
