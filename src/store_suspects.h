/* store_suspects.h: what 'eyeball suspects' and a suspects review pass read from the store:
 * the given labels and probability vectors of one model's predictions on chosen splits,
 * mapped to the model's class indices, ready for suspects.c. */
#ifndef EYEBALL_STORE_SUSPECTS_H
#define EYEBALL_STORE_SUSPECTS_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

/* The splits suspects can look at (samples.split values). */
#define SUSPECTS_MAX_SPLITS 4

typedef struct suspects_data {
    long long mid;          /* the model */
    char *model;            /* its name */
    size_t k;               /* classes */
    char **classes;         /* k class names, in the order of the probability vectors */
    size_t nsplits;         /* chosen splits, in the order given, without repeats */
    const char *splits[SUSPECTS_MAX_SPLITS];
    size_t n;               /* examples: samples of those splits the model predicted */
    long long *sids;        /* n sample keys, ascending */
    uint8_t *split;         /* n: index into splits */
    int32_t *labels;        /* n: given label as a class index */
    double *probs;          /* n*k probabilities, row-major */
    size_t per_split[SUSPECTS_MAX_SPLITS];  /* examples per chosen split */
    size_t unpredicted;     /* samples of those splits without a prediction of the model */
    char *idtext;           /* with store_suspects_load_ids: the n user ids, each ended by
                             * a NUL, in the order of sids; else NULL */
    size_t *idat;           /* n offsets into idtext */
    int out_of_fold;        /* 1: the probabilities are the out-of-fold ones of a model made
                             * by 'eyeball train' (preds.oof), not the model's own */
} suspects_data_t;

/* Parses a comma-separated split list ("dev,test") into d->splits / d->nsplits.
 * User error naming an unknown or empty split. */
int suspects_parse_splits(const char *list, suspects_data_t *d, err_t *e);

/* Reads the examples of model (NULL: the newest model, the one imported last) on the
 * splits of list into d, in one snapshot (the caller's read transaction, or one of its
 * own). User errors: no model at all, an unknown model name, a model imported without
 * probabilities, an unknown split, no example in those splits, a sample whose label is
 * not one of the model's classes.
 * Memory: 8*k + 13 bytes per example, sized by the largest sample key (pages that are
 * never written cost nothing). Free with suspects_data_free. */
int store_suspects_load(store_t *st, const char *model, const char *list, suspects_data_t *d,
                        err_t *e);
/* Same, and the user ids of the examples as well (suspects_data_id), read in the same
 * scan: for listing many of them, cheaper than looking each one up. About the length of
 * the ids plus 8 bytes per example more. */
int store_suspects_load_ids(store_t *st, const char *model, const char *list,
                            suspects_data_t *d, err_t *e);
/* The user id of example i, after store_suspects_load_ids. */
const char *suspects_data_id(const suspects_data_t *d, size_t i);
/* Same, for a model given by its key. */
int store_suspects_load_mid(store_t *st, long long mid, const char *list, suspects_data_t *d,
                            err_t *e);
void suspects_data_free(suspects_data_t *d);

/* The user ids of n samples (by key), in the same order. Caller frees each and the array. */
int store_suspects_ids(store_t *st, const long long *sids, size_t n, char ***ids, err_t *e);

/* For a review pass over likely label errors: runs confident learning (suspects.h) on
 * model mid's predictions over the splits of list (e.g. "dev,test") and returns the
 * top (0: all) flagged samples, most suspicious (lowest self-confidence) first: *sids their
 * sample keys, *reasons one line each ("labelled cat (p=0.02); the model is confident it
 * is dog (p=0.91, above the dog threshold 0.74)"), *n how many. The caller frees *sids,
 * each reason and *reasons. Errors as store_suspects_load. */
int suspects_for_pass(store_t *st, long long mid, const char *splits, size_t top,
                      long long **sids, char ***reasons, size_t *n, err_t *e);

/* The share of the examples of dev and of test that 'eyeball suspects' flags (over dev
 * and test together) for model; -1 for a split without examples. Returns -1 with e set
 * when the model has no probabilities or the store cannot be read. */
int suspects_estimate_shares(store_t *st, const char *model, double *dev, double *test,
                             err_t *e);

#endif
