/* train.h: the baseline 'eyeball train' fits on embeddings: L2-regularised logistic
 * regression from liblinear (solver L2R_LR, one-vs-rest, probabilities normalised over
 * the classes), one model on the train split and K fold models for out-of-fold
 * probabilities. No I/O: the caller fills the rows and stores the results. */
#ifndef EYEBALL_TRAIN_H
#define EYEBALL_TRAIN_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

typedef struct train_rows train_rows_t;

/* Room for n vectors of dim numbers, in the layout liblinear reads (16 bytes a number).
 * Free with train_rows_free. */
train_rows_t *train_rows_new(size_t n, size_t dim);
/* Sets row i to the dim numbers of v. */
void train_rows_set(train_rows_t *r, size_t i, const float *v);
void train_rows_free(train_rows_t *r);

/* Called from the thread that called train_run, about once a second and after the last
 * fit: fits done of total. */
typedef void (*train_progress_fn)(void *ctx, unsigned done, unsigned total);

typedef struct train_spec {
    const train_rows_t *rows;
    size_t n, k;                  /* samples (rows) and classes */
    const int32_t *y;             /* n class indices in 0..k-1 */
    const unsigned char *in_train; /* n: 1 for the samples the main model is fitted on */
    double C;                     /* inverse regularisation strength, as liblinear's -c */
    unsigned folds;               /* K >= 2 */
    uint64_t seed;                /* fold assignment */
    unsigned threads;             /* fits run at once (>= 1) */
    train_progress_fn progress;   /* may be NULL */
    void *progress_ctx;
} train_spec_t;

/* Assigns each of n samples to one of folds folds, stratified by class: the samples of each
 * class are shuffled (PCG32 seeded with seed) and dealt in turn, continuing across
 * classes, so fold sizes differ by at most one. fold: n outputs. */
void train_assign_folds(size_t n, size_t k, const int32_t *y, unsigned folds, uint64_t seed,
                        int32_t *fold);

/* Fits the main model on the in_train samples and predicts every sample into probs (n*k),
 * and fits one model per fold on the samples outside it, predicting that fold's samples
 * into oof (n*k); fold (n) receives the assignment. A class without training samples gets
 * probability 0. User error when the train samples have fewer than two classes. */
int train_run(const train_spec_t *spec, double *probs, double *oof, int32_t *fold, err_t *e);

/* The solver's name and version, for the record ("liblinear 2.30 L2R_LR"). */
const char *train_solver(void);

#endif
