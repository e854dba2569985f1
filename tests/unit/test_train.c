/* test_train.c: the fold assignment and the fits of train.c on data whose answer is known. */
#include "config.h"
#include "tap.h"
#include "train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void test_folds(void)
{
    /* 103 samples: class 0 has 50, class 1 has 40, class 2 has 13. */
    size_t n = 103;
    int32_t y[103], fold[103], again[103], other[103];
    for (size_t i = 0; i < n; i++)
        y[i] = i < 50 ? 0 : i < 90 ? 1 : 2;
    train_assign_folds(n, 3, y, 5, 42, fold);
    size_t size[5] = {0}, per[3][5] = {{0}};
    for (size_t i = 0; i < n; i++) {
        size[fold[i]]++;
        per[y[i]][fold[i]]++;
    }
    size_t lo = n, hi = 0;
    for (int f = 0; f < 5; f++) {
        lo = size[f] < lo ? size[f] : lo;
        hi = size[f] > hi ? size[f] : hi;
    }
    ok(hi - lo <= 1, "fold sizes differ by at most one (%zu to %zu)", lo, hi);
    int strat = 1;
    for (int c = 0; c < 3; c++) {
        size_t clo = n, chi = 0;
        for (int f = 0; f < 5; f++) {
            clo = per[c][f] < clo ? per[c][f] : clo;
            chi = per[c][f] > chi ? per[c][f] : chi;
        }
        strat &= chi - clo <= 1;
    }
    ok(strat, "each class is spread over the folds within one sample");
    train_assign_folds(n, 3, y, 5, 42, again);
    ok(memcmp(fold, again, sizeof fold) == 0, "the same seed gives the same folds");
    train_assign_folds(n, 3, y, 5, 43, other);
    ok(memcmp(fold, other, sizeof fold) != 0, "another seed gives other folds");
}

/* Two classes split by the sign of the first number: every fit gets them right. */
static void test_fit(void)
{
    size_t n = 60, dim = 2, k = 3;
    train_rows_t *rows = train_rows_new(n, dim);
    int32_t y[60], fold[60];
    unsigned char in_train[60];
    for (size_t i = 0; i < n; i++) {
        int c = (int)(i % 3);
        float v[2] = {c == 0 ? 3.0f + (float)(i % 5) * 0.1f : c == 1 ? -3.0f : 0.1f,
                      c == 2 ? 4.0f + (float)(i % 7) * 0.1f : -1.0f};
        train_rows_set(rows, i, v);
        y[i] = c;
        in_train[i] = i < 40;
    }
    double *probs = calloc(n * k, sizeof *probs), *oof = calloc(n * k, sizeof *oof);
    train_spec_t spec = {.rows = rows, .n = n, .k = k, .y = y, .in_train = in_train, .C = 10,
                         .folds = 4, .seed = 1, .threads = 2};
    err_t e = {0};
    is_int(train_run(&spec, probs, oof, fold, &e), 0, "separable data trains");
    size_t right = 0, right_oof = 0;
    int sums = 1;
    for (size_t i = 0; i < n; i++) {
        double s = 0, so = 0;
        size_t best = 0, best_oof = 0;
        for (size_t c = 0; c < k; c++) {
            s += probs[i * k + c];
            so += oof[i * k + c];
            best = probs[i * k + c] > probs[i * k + best] ? c : best;
            best_oof = oof[i * k + c] > oof[i * k + best_oof] ? c : best_oof;
        }
        sums &= fabs(s - 1) < 1e-9 && fabs(so - 1) < 1e-9;
        right += best == (size_t)y[i];
        right_oof += best_oof == (size_t)y[i];
    }
    ok(sums, "every probability row sums to 1");
    is_int((long)right, 60, "the main model gets every sample right");
    is_int((long)right_oof, 60, "so do the fold models");

    /* One class in train: refused. */
    for (size_t i = 0; i < n; i++)
        in_train[i] = y[i] == 1;
    is_int(train_run(&spec, probs, oof, fold, &e), -1, "one class in train is refused");
    is_str(e.msg, "the train split has fewer than two classes among samples with embeddings; a "
           "classifier needs at least two (see 'eyeball status')", "with a message");
    spec.folds = 61;
    is_int(train_run(&spec, probs, oof, fold, &e), -1, "more folds than samples is refused");
    free(probs);
    free(oof);
    train_rows_free(rows);
}

int main(void)
{
    test_folds();
    test_fit();
    return tap_done();
}
