/* compare.h: comparing two models on the same examples ('eyeball compare'): errors of
 * each with Wilson intervals, the examples the second fixed and broke, McNemar's exact
 * test on those two counts, and the confusion pairs that changed most. No I/O and no SQL:
 * store_compare.c feeds the examples one by one; unit-tested in tests/unit/test_compare.c. */
#ifndef EYEBALL_COMPARE_H
#define EYEBALL_COMPARE_H

#include <stddef.h>

/* Confusion pairs kept (largest change first). */
#define COMPARE_MAX_PAIRS 10

/* A confusion pair (given label, predicted label) and how often each model made it. */
typedef struct compare_pair {
    const char *label, *pred; /* interned in the compare_t */
    long long a, b;
} compare_pair_t;

/* An error category over the examples reviewed with A's predictions. */
typedef struct compare_cat {
    char *name;
    long long a_errors;      /* A's errors reviewed and tagged with it */
    long long b_still_wrong; /* of those, B still gets wrong */
} compare_cat_t;

typedef struct compare compare_t;

/* Counts and derived numbers; filled by compare_finish. */
typedef struct compare_result {
    long long examples;          /* examples both models predicted */
    long long a_errors, b_errors;
    double a_rate, b_rate;       /* errors / examples (0 without examples) */
    double a_lo, a_hi, b_lo, b_hi; /* Wilson 95% intervals */
    long long fixed;             /* A wrong, B right */
    long long broken;            /* A right, B wrong */
    double mcnemar_p;            /* stats_mcnemar_exact(fixed, broken) */
    compare_pair_t *pairs;       /* the pairs whose count changed, largest change first
                                  * (ties: more errors of A and B together, then label and
                                  * prediction bytewise), at most COMPARE_MAX_PAIRS */
    size_t npairs;
} compare_result_t;

compare_t *compare_new(void);
void compare_free(compare_t *c);

/* One example: its label and the two predictions. */
void compare_add(compare_t *c, const char *label, const char *a_pred, const char *b_pred);

/* The counts so far, with the intervals, the p-value and the pairs; res->pairs points into
 * c (valid until compare_free). */
void compare_finish(compare_t *c, compare_result_t *res);

#endif
