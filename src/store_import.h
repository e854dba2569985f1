/* store_import.h: bulk loading of samples and predictions, one transaction each. */
#ifndef EYEBALL_STORE_IMPORT_H
#define EYEBALL_STORE_IMPORT_H

#include <stddef.h>
#include "store.h"

/* One sample as read from an input file. meta: a JSON object text or NULL. path: the
 * resolved path; given: the path as the file gave it when it was relative (normalised),
 * else NULL. */
typedef struct sample_rec {
    const char *id, *path, *label, *split, *source, *meta, *given;
} sample_rec_t;

/* SAMPLE_MOVED: updated with a new path, and the content hash of the old file dropped. */
enum sample_outcome { SAMPLE_ADDED, SAMPLE_UNCHANGED, SAMPLE_UPDATED, SAMPLE_MOVED };

typedef struct samples_load samples_load_t;

/* Starts a write transaction for loading samples. update: replace the fields of ids
 * that exist with different fields instead of refusing them. NULL with e on failure. */
samples_load_t *store_samples_begin(store_t *st, int update, err_t *e);
/* Adds one sample; *outcome says what happened. On a conflict returns -1 with a
 * message without file position (the caller adds FILE:LINE). */
int store_samples_add(samples_load_t *l, const sample_rec_t *r, int *outcome, err_t *e);
/* Commits (commit=1) or rolls back, then frees l. */
int store_samples_end(samples_load_t *l, int commit, err_t *e);

typedef struct preds_load preds_load_t;

/* The dataset's classes: the distinct sample labels, sorted bytewise. Caller frees each
 * string and the array. */
char **store_labels(store_t *st, size_t *n, err_t *e);

/* Starts replacing model's predictions (created when new). classes/nclasses: the class
 * order of the probability vectors, or NULL/0 when the file has none. file: recorded. */
preds_load_t *store_preds_begin(store_t *st, const char *model, char **classes, size_t nclasses,
                                const char *file, err_t *e);
/* Adds one prediction. confidence < 0 means unknown. probs: nclasses values or NULL.
 * Returns -1 with e (no file position) for an unknown id or a second row for an id. */
int store_preds_add(preds_load_t *l, const char *id, const char *pred, double confidence,
                    const double *probs, err_t *e);
/* For 'eyeball train': adds the prediction of sample key sid, with its out-of-fold
 * probabilities oof (nclasses values, or NULL). */
int store_preds_add_sid(preds_load_t *l, long long sid, const char *pred, double confidence,
                        const double *probs, const double *oof, err_t *e);
/* For 'eyeball train': records how the model was made (models.trained, JSON text). */
int store_preds_set_trained(preds_load_t *l, const char *trained, err_t *e);
/* Commits or rolls back, then frees l. *replaced (may be NULL) tells whether the model
 * had predictions before. */
int store_preds_end(preds_load_t *l, int commit, int *replaced, err_t *e);

#endif
