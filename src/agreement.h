/* agreement.h: how far reviewers agree: observed agreement, Cohen's kappa (two reviewers)
 * and Fleiss' kappa (any number), with 95% intervals. Pure functions, no I/O; unit-tested
 * in tests/unit/test_agreement.c against tables worked out by hand. */
#ifndef EYEBALL_AGREEMENT_H
#define EYEBALL_AGREEMENT_H

#include <stddef.h>
#include <stdint.h>

enum agree_method { AGREE_COHEN = 1, AGREE_FLEISS };

typedef struct agree_result {
    size_t items;      /* items judged by two or more reviewers */
    int method;        /* AGREE_COHEN or AGREE_FLEISS */
    double agreement;  /* observed agreement: the share of agreeing reviewer pairs */
    double expected;   /* agreement expected by chance */
    int defined;       /* 0 when kappa is undefined: chance agreement is 1 (every reviewer
                        * gave the same answer on every item), or no items */
    double kappa;      /* (agreement - expected) / (1 - expected) when defined */
    double lo, hi;     /* its 95% interval, clipped to [-1, 1], when defined */
} agree_result_t;

/* The number of bootstrap resamples behind Fleiss' interval, and their seed. */
#define AGREE_BOOT_N 2000
#define AGREE_BOOT_SEED 0x6579656261ULL

/* Cohen's kappa for two reviewers A and B over n items: a[i] and b[i] are the answers
 * (0..k-1) they gave item i. Interval: kappa ± 1.96·SE with the large-sample standard error
 * of Fleiss, Cohen and Everitt (1969), which does not assume kappa is 0:
 *   var = ( Σ_i p_ii [1 − (p_i· + p_·i)(1 − κ)]² + (1 − κ)² Σ_{i≠j} p_ij (p_·i + p_j·)²
 *           − [κ − p_e(1 − κ)]² ) / (n (1 − p_e)²).
 * Returns 0, or -1 when an answer is outside 0..k-1. */
int agree_cohen(const int *a, const int *b, size_t n, size_t k, agree_result_t *out);

/* Fleiss' kappa over n items and k answers: counts[i*k + j] is how many reviewers gave
 * item i answer j; items may have different numbers of reviewers (at least 2; items with
 * fewer are skipped). P_i = Σ_j n_ij (n_ij − 1) / (m_i (m_i − 1)), agreement = mean P_i,
 * p_j = Σ_i n_ij / Σ_i m_i, expected = Σ_j p_j². Interval: the 2.5th and 97.5th percentiles
 * of kappa over AGREE_BOOT_N resamples of the items (with replacement) drawn by PCG32 seeded
 * with AGREE_BOOT_SEED, so the same judgements give the same interval everywhere;
 * resamples whose kappa is undefined are left out. */
int agree_fleiss(const int *counts, size_t n, size_t k, agree_result_t *out);

#endif
