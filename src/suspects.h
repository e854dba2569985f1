/* suspects.h: likely label errors by confident learning, the way cleanlab 2.x's default
 * find_label_issues finds them (filter_by='prune_by_noise_rate', min_examples_per_class=1,
 * frac_noise=1, ranked by self-confidence). Pure computation: no I/O, no SQL.
 *
 * The steps (each one a public function below, so each can be tested alone):
 *  1. thresholds t_k: mean of P[i,k] over the examples labelled k (2 when none is),
 *     clipped below at 2e-6;
 *  2. confident guess per example: the classes with P[i,k] >= t_k - 1e-6; none: no guess;
 *     one: that class; several: the argmax of the whole row (first maximum);
 *  3. confident joint CJ[given][guess], diagonal raised to at least 1;
 *  4. calibration: each row scaled to n_k, the matrix scaled to sum to N (its total
 *     summed column by column, as numpy sums cleanlab's column-major matrix), each row
 *     rounded to integers keeping its (rounded) sum;
 *  5. prune counts PCM = CJ transposed, a zero diagonal raised to 1 by taking the same
 *     amount from the column's non-zero entries, then truncated to integers;
 *  6. per class k with n_k > 1 and per j != k with m = PCM[j][k] > 0: flag the m examples
 *     labelled k with the largest P[i,j] - P[i,k];
 *  7. unflag an example when its given class is the argmax of its row after adding 1e-6
 *     to the given class's probability;
 *  8. rank the flagged examples by self-confidence P[i,s_i] (or normalized margin)
 *     ascending.
 *
 * Floating point is done in the same order as numpy does it, so the same doubles give
 * the same thresholds, counts and flags: sums are numpy's pairwise sums (blocks of 8,192
 * values, 8 accumulators), rounding is round-half-to-even.
 *
 * Ties. cleanlab orders with numpy's default argsort, which is not stable: among exactly
 * equal keys its order is whatever its introsort (median-of-3 quicksort, insertion sort
 * for up to 16 entries, heapsort past the depth limit) leaves. suspects_argsort is that
 * algorithm written out again, and it is used wherever cleanlab calls argsort (the rounding
 * of the calibration, the choice among equal margins, the ranking), so ties come out as on
 * numpy's scalar sort. numpy builds that dispatch argsort to SIMD sorting networks
 * (x86-simd-sort: AVX-512 from numpy 1.25, AVX2 in later 2.x releases) order exact ties
 * in yet another way that is not reproduced. Ties only matter when keys are bit-for-bit
 * equal (duplicated images, coarse probabilities).
 *
 * Probabilities are kept as doubles: rounding them to floats would move thresholds and
 * margins and change which examples are flagged. */
#ifndef EYEBALL_SUSPECTS_H
#define EYEBALL_SUSPECTS_H

#include <stddef.h>
#include <stdint.h>
#include "strbuf.h"

/* The slack cleanlab uses in comparisons (FLOATING_POINT_COMPARISON). */
#define SUSPECTS_EPS 1e-6
/* Lower bound of a class threshold (CONFIDENT_THRESHOLDS_LOWER_BOUND). */
#define SUSPECTS_MIN_THRESHOLD 2e-6
/* Threshold of a class no example is labelled with: no probability reaches it. */
#define SUSPECTS_ABSENT_THRESHOLD 2.0

typedef enum suspects_method {
    SUSPECTS_SELF_CONFIDENCE,  /* P[i, s_i] */
    SUSPECTS_NORMALIZED_MARGIN /* (P[i, s_i] - max_{j != s_i} P[i, j] + 1) / 2 */
} suspects_method_t;

/* cleanlab's filter_by: which examples find_label_issues flags. */
typedef enum suspects_filter {
    SUSPECTS_BY_NOISE_RATE,     /* prune_by_noise_rate (the default) */
    SUSPECTS_BY_CLASS,          /* prune_by_class */
    SUSPECTS_BOTH,              /* both: flagged by the two above */
    SUSPECTS_CONFIDENT_LEARNING, /* confident_learning: off the confident joint's diagonal */
    SUSPECTS_PREDICTED_NEQ_GIVEN /* predicted_neq_given: the argmax is not the label */
} suspects_filter_t;

typedef struct suspects {
    /* Inputs, owned by the caller. */
    size_t n;              /* examples (fewer than 2^32) */
    size_t k;              /* classes (at least 2) */
    const int32_t *labels; /* n given labels in 0..k-1 */
    const double *probs;   /* n*k probabilities, row-major: probs[i*k + c] */
    suspects_filter_t filter; /* which examples to flag (zero: prune_by_noise_rate) */

    /* Outputs of suspects_run, freed by suspects_done. */
    size_t *count;      /* k: examples labelled with each class (n_k) */
    double *threshold;  /* k: t_k after clipping */
    long long *cj_raw;  /* k*k: confident joint before calibration, [given*k + guess] */
    long long *cj;      /* k*k: calibrated confident joint, [given*k + true] */
    long long *prune;   /* k*k: prune counts, [true*k + given] (CJ transposed, adjusted) */
    int32_t *guess;     /* n: confident guess, -1 when no class is confident */
    uint8_t *flag;      /* n: 1 for a likely label error */
    size_t nflagged;    /* examples flagged */
    size_t *rank;       /* nflagged example indices, most suspicious first */
    suspects_method_t method; /* the order of rank */
} suspects_t;

/* Runs steps 1-8 on s->n, s->k, s->labels, s->probs and fills the outputs, ranked by
 * method. Returns 0, or -1 when the input is outside what the module handles (k < 2,
 * n >= 2^32, a label outside 0..k-1); the outputs are then unset. */
int suspects_run(suspects_t *s, suspects_method_t method);
/* Frees the outputs (not the inputs). */
void suspects_done(suspects_t *s);
/* Re-ranks the flagged examples (rank) by another method. */
void suspects_rank(suspects_t *s, suspects_method_t method);

/* ---- the steps, for tests ---- */

/* numpy's sum of a contiguous float64 array: pairwise within blocks of 8,192 values. */
double suspects_sum(const double *a, size_t n);
/* numpy's argsort (kind='quicksort') of key[0..n): fills idx with 0..n-1 ordered by key
 * ascending, equal keys in the order numpy's introsort leaves them. */
void suspects_argsort(const double *key, size_t n, size_t *idx);
/* Step 1: count[c] and threshold[c] for every class. */
void suspects_thresholds(size_t n, size_t k, const int32_t *labels, const double *probs,
                         size_t *count, double *threshold);
/* Step 2 for one row: the confident guess, or -1. */
int32_t suspects_guess(const double *row, size_t k, const double *threshold);
/* Steps 2-3: guess[i] for every example (guess may be NULL) and the confident joint
 * cj[given*k + guess] with its diagonal raised to at least 1. */
void suspects_confident_joint(size_t n, size_t k, const int32_t *labels, const double *probs,
                              const double *threshold, int32_t *guess, long long *cj);
/* cleanlab's round_preserving_sum of one row of k values: round half to even, then add 1
 * to the entries with the largest (x - round(x)) (or subtract 1 from the smallest) until
 * the integers sum to the rounded sum of the row. */
void suspects_round_row(const double *x, size_t k, long long *out);
/* Step 4: calibrated[k*k] from cj[k*k] and the class counts. */
void suspects_calibrate(size_t k, const long long *cj, const size_t *count,
                        long long *calibrated);
/* Step 5: prune[true*k + given] from the calibrated confident joint. */
void suspects_prune_counts(size_t k, const long long *cj, long long *prune);
/* Steps 6-7: flag[i] from the prune counts; returns the number flagged. */
/* prune_by_class: in every class g with more than one example, the n_g - PCM[g][g]
 * examples with the smallest P[i, g] (numpy's argsort order), then the same reduction. */
size_t suspects_flag_by_class(size_t n, size_t k, const int32_t *labels, const double *probs,
                              const size_t *count, const long long *prune, uint8_t *flag);
/* Clears the flags of examples whose given class is the argmax even with 1e-6 added to it
 * (cleanlab's _reduce_issues); returns the flags left. */
size_t suspects_reduce(size_t n, size_t k, const int32_t *labels, const double *probs,
                       uint8_t *flag);
/* The filter_by names, and the filter of a name (-1 when unknown). */
const char *suspects_filter_name(suspects_filter_t f);
int suspects_filter_parse(const char *name);
size_t suspects_flag(size_t n, size_t k, const int32_t *labels, const double *probs,
                     const size_t *count, const long long *prune, uint8_t *flag);

/* ---- per example ---- */

/* The model's most probable class for example i (first maximum). */
int32_t suspects_top(const suspects_t *s, size_t i);
double suspects_self_confidence(const suspects_t *s, size_t i);
double suspects_normalized_margin(const suspects_t *s, size_t i);
/* The score of method for example i (lower: more suspicious). */
double suspects_score(const suspects_t *s, size_t i, suspects_method_t method);

/* Why example i was flagged, in numbers. */
typedef struct suspects_why {
    int32_t given;        /* its label */
    double given_prob;    /* P[i, given] */
    int32_t suggested;    /* the model's most probable class */
    double suggested_prob;
    double threshold;     /* t of the suggested class */
    int confident;        /* 1 when suggested_prob >= threshold - 1e-6 */
} suspects_why_t;
void suspects_explain(const suspects_t *s, size_t i, suspects_why_t *w);
/* The reason as one line, e.g. "labelled cat (p=0.02); the model is confident it is dog
 * (p=0.91, above the dog threshold 0.74)". classes: k class names, printed as given (the
 * caller sanitises them). Returns a new string; caller frees. */
char *suspects_reason(const suspects_t *s, size_t i, const char *const *classes);
/* The same, appended to b. */
void suspects_reason_add(strbuf_t *b, const suspects_t *s, size_t i,
                         const char *const *classes);

/* Sum of the off-diagonal entries of the calibrated confident joint: the estimated number
 * of label errors among the n examples. */
long long suspects_estimated_errors(const suspects_t *s);

#endif
