/* store_pass.h: review passes: a stored, seeded sample of examples and their order. */
#ifndef EYEBALL_STORE_PASS_H
#define EYEBALL_STORE_PASS_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

typedef struct pass_info {
    long long pid, mid;
    char *model, *split, *kind; /* kind: random or suspects */
    long sample_n;              /* misclassified examples asked for */
    double correct_fraction;    /* share of correct ones mixed in */
    uint64_t seed;
    long errors_pool, correct_pool; /* how many there were to draw from */
    long items, reviewed;
    char *reviewer, *created, *closed;
    char *part;                 /* dev with an Eyeball part: eyeball or blackbox; else NULL */
    long long against;          /* kind broken: the model whose right answers it holds */
    char *against_name;         /* its name; NULL for other kinds */
} pass_info_t;

void pass_info_free(pass_info_t *p);

/* The model to use: name if given (user error when unknown), else the newest.
 * *mid and *name (caller frees) set. User error naming 'import preds' without models. */
int store_model_pick(store_t *st, const char *name, long long *mid, char **out_name, err_t *e);

/* The open pass of model/split/kind (and, for kind broken, against model against; else 0),
 * if any: returns 1 and fills p, 0 when none. part: "blackbox" finds only a pass over the
 * Blackbox part; anything else only one that is not. */
int store_pass_find_open(store_t *st, long long mid, const char *split, const char *kind,
                         const char *part, long long against, pass_info_t *p, err_t *e);

/* The examples of split (and part, as store_pass_pool) that model against gets right and
 * model mid gets wrong, against the current labels, as sids in the order of the user's
 * ids. Caller frees. */
int store_pass_broken_pool(store_t *st, long long mid, long long against, const char *split,
                           const char *part, long long **sids, size_t *n, err_t *e);
/* Reads one pass by id; user error when unknown. */
int store_pass_get(store_t *st, long long pid, pass_info_t *p, err_t *e);
/* All passes, newest last; caller frees each with pass_info_free and the array. */
int store_pass_list(store_t *st, pass_info_t **out, size_t *n, err_t *e);

/* Examples a pass can draw from: misclassified (pred != label) and correct examples of
 * model mid in split, as sids in ascending order. part: NULL for all of the split,
 * "eyeball" or "blackbox" for that part of it. Caller frees. */
int store_pass_pool(store_t *st, long long mid, const char *split, const char *part,
                    long long **errors, size_t *nerrors, long long **correct, size_t *ncorrect,
                    err_t *e);

/* Stores a new pass with its items in order (correct[i]: 1 for a correctly classified
 * item; reasons may be NULL), with p->part. p->pid -1: closes any other open pass of the
 * same model/split/kind/against and the same side of the Blackbox line (see find_open); 0: only
 * when none is open, checked in the same write transaction,
 * else returns 1 with *pid the open pass (another process started it meanwhile). */
int store_pass_create(store_t *st, const pass_info_t *p, const long long *sids,
                      const int *correct, char *const *reasons, size_t n, long long *pid,
                      err_t *e);
/* The pass's items in order; reviewed[i] tells whether item i has been reviewed. */
int store_pass_items(store_t *st, long long pid, long long **sids, int **reviewed, size_t *n,
                     err_t *e);
/* The image paths and reasons (NULL for random passes) of the pass's items in order;
 * caller frees each string and both arrays. */
int store_pass_paths(store_t *st, long long pid, char ***paths, char ***reasons, size_t *n,
                     err_t *e);
int store_pass_close(store_t *st, long long pid, err_t *e);

#endif
