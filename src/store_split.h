/* store_split.h: reading the samples for 'eyeball split' and writing their splits. */
#ifndef EYEBALL_STORE_SPLIT_H
#define EYEBALL_STORE_SPLIT_H

#include <stddef.h>
#include "split.h"
#include "store.h"

/* Every sample of the store, in the shape split_plan takes. */
typedef struct split_data {
    split_item_t *items; /* one per sample, in sid order */
    long long *sids;     /* sids[i]: the sample of items[i] */
    size_t n;
    char **labels;       /* distinct labels, sorted bytewise; items[i].label indexes it */
    size_t nlabels;
    char **sources;      /* distinct sources, sorted bytewise; items[i].source indexes it */
    size_t nsources;
    char *ids;           /* the ids, NUL-separated; items[i].id points in here */
} split_data_t;

/* Starts a transaction and reads every sample into d: id, label, source, split, and
 * whether it has a row in reviews, tags, fixes or pass_items (items[i].touched).
 * write: BEGIN IMMEDIATE, so nothing changes before store_split_save; else a read
 * snapshot. The transaction stays open: end it with store_split_save or store_split_abort.
 * Returns 0, or -1 with e set and no transaction open. Free d with store_split_free. */
int store_split_load(store_t *st, int write, split_data_t *d, err_t *e);

/* Writes new_split of every item whose split changed, adds one history row (action
 * 'split', detail: the JSON text given) and commits. Returns 0, or -1 with e set and
 * everything rolled back. */
int store_split_save(store_t *st, const split_data_t *d, const char *detail, err_t *e);

/* Ends the transaction store_split_load started without writing anything. */
void store_split_abort(store_t *st);

void store_split_free(split_data_t *d);

#endif
