/* store_part.h: reading and writing the Eyeball part of dev ('eyeball split --eyeball',
 * '--renew'), and which part an example is in. */
#ifndef EYEBALL_STORE_PART_H
#define EYEBALL_STORE_PART_H

#include <stddef.h>
#include <stdint.h>
#include "part.h"
#include "store.h"

/* The dev examples, in the shape part_choose takes. */
typedef struct part_data {
    part_item_t *items; /* one per dev example, in sid order; ids owned */
    long long *sids;    /* sids[i]: the sample of items[i] */
    size_t n;
    long long eyeball;  /* of them, in the Eyeball part now */
} part_data_t;

/* Starts a transaction and reads every dev example into d, its position the id's hash
 * with seed (split_hash), whether it is in the Eyeball part and whether it has been shown
 * (a row in reviews, tags, fixes or pass_items). write: BEGIN IMMEDIATE, so nothing changes
 * before store_part_save; else a read snapshot. The transaction stays open: end it with
 * store_part_save or store_part_abort. Returns 0, or -1 with e set and no transaction
 * open. Free d with store_part_free. */
int store_part_load(store_t *st, int write, uint64_t seed, part_data_t *d, err_t *e);

/* Within the transaction of store_part_load: model name (NULL: the newest) and its dev
 * examples and errors (prediction differs from the current label). *model: caller frees.
 * User error for an unknown model or a store without models. */
int store_part_model_dev(store_t *st, const char *name, char **model, long long *examples,
                         long long *errors, err_t *e);

/* Puts every item with take set in the Eyeball part, adds one history row (action, detail:
 * the JSON text given) and commits. Returns 0, or -1 with e set and everything rolled
 * back. */
int store_part_save(store_t *st, const part_data_t *d, const char *action, const char *detail,
                    err_t *e);

/* Ends the transaction store_part_load started without writing anything. */
void store_part_abort(store_t *st);

void store_part_free(part_data_t *d);

/* How many dev examples are in the Eyeball part (0: dev has none, and everything works
 * as without parts); -1 with e set on a failure. */
long long store_part_eyeball_count(store_t *st, err_t *e);

/* The dev examples outside the Eyeball part (the Blackbox part when there is one), as
 * sorted sids. Caller frees. */
int store_part_blackbox(store_t *st, long long **sids, size_t *n, err_t *e);

/* 1 when sid is a dev example of the Blackbox part (dev has an Eyeball part) that nothing
 * has shown (no review, tag, fix or pass item: a 'review --blackbox' pass shows it): nobody
 * was meant to look at it. 0 otherwise, -1 with e set on a failure. */
int store_part_unseen_blackbox(store_t *st, long long sid, err_t *e);

#endif
