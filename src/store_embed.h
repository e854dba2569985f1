/* store_embed.h: sample embeddings (one float32 vector per sample), and the predictions
 * of a model made from them by 'eyeball train'. */
#ifndef EYEBALL_STORE_EMBED_H
#define EYEBALL_STORE_EMBED_H

#include <stddef.h>
#include "store.h"

typedef struct embed_load embed_load_t;

/* Starts replacing all embeddings of the store with vectors of dim numbers, in one write
 * transaction. file: recorded. NULL with e on failure. */
embed_load_t *store_embed_begin(store_t *st, size_t dim, const char *file, err_t *e);
/* Adds the vector of sample id. User error (no file position) for an unknown id or a
 * second vector for one id. */
int store_embed_add(embed_load_t *l, const char *id, const float *vec, err_t *e);
/* Commits (commit=1) or rolls back, then frees l. *replaced (may be NULL): how many
 * embeddings the store held before. */
int store_embed_end(embed_load_t *l, int commit, long *replaced, err_t *e);

/* The embedded samples, for training: n samples in key order. */
typedef struct embed_set {
    size_t n, dim;
    long long *sids;  /* n sample keys */
    char **splits;    /* n: split name or NULL (unassigned) */
    int32_t *labels;  /* n: index into classes */
    size_t k;         /* classes: every label of the dataset, sorted bytewise */
    char **classes;
    size_t missing;   /* samples without an embedding */
    size_t total;     /* embeddings in the store: n once read */
} embed_set_t;

/* Called for each embedded sample, in the order of the set (set->total known from the
 * first call on), with its vector. */
typedef void (*embed_row_fn)(void *ctx, const embed_set_t *set, size_t i, const float *vec);

/* Reads the embedded samples into set, calling row for every vector (so the caller keeps
 * them in its own layout), in one read snapshot. User error when the store has no
 * embeddings. Free with embed_set_free. */
int store_embed_read(store_t *st, embed_set_t *set, embed_row_fn row, void *ctx, err_t *e);
void embed_set_free(embed_set_t *set);

/* Search budget of store_embed_nearest: train embeddings times their dimension. Beyond it
 * the search would slow every step of the review UI, so it is not made. */
#define EMBED_NEAREST_BUDGET 20000000LL

/* The at most k train samples whose embeddings are the most similar (cosine) to that of
 * sample sid, sid itself left out, most similar first: their keys into sids and the
 * similarities into sims; *n how many. *n = 0 when sid has no embedding or the train
 * embeddings exceed EMBED_NEAREST_BUDGET. Run it inside a read transaction for one
 * snapshot. */
int store_embed_nearest(store_t *st, long long sid, size_t k, long long *sids, double *sims,
                        size_t *n, err_t *e);

/* The predictions of a trained model, stored as 'import preds' stores them (models row,
 * one preds row per sample with pred, confidence and probs) plus the out-of-fold
 * probabilities (preds.oof) and how it was trained (models.trained, a JSON object). */
typedef struct trained_preds {
    const char *model;
    const char *trained;   /* JSON text */
    const char *file;      /* models.file: what it was made from */
    size_t n, k;
    char **classes;        /* k */
    const long long *sids; /* n */
    const double *probs;   /* n*k */
    const double *oof;     /* n*k */
} trained_preds_t;

/* Adds or replaces the model in one transaction. *replaced: the name was in use. */
int store_trained_save(store_t *st, const trained_preds_t *t, int *replaced, err_t *e);

#endif
