/* store_scan.h: the content hashes of the samples' files: which samples to hash, saving
 * the hashes, exact-duplicate groups and leakage (a copy in train and another in dev,
 * test or train-dev). */
#ifndef EYEBALL_STORE_SCAN_H
#define EYEBALL_STORE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include "scan.h"
#include "store.h"

/* Which samples: splits (names among train, dev, test, train-dev, and unassigned for
 * samples without a split), or all samples when nsplits is 0. */
typedef struct scan_filter {
    char *const *splits;
    size_t nsplits;
} scan_filter_t;

typedef struct scan_item {
    long long sid;
    char *id, *path;
} scan_item_t;

/* How many samples the filter selects; -1 on error. */
long long store_scan_count(store_t *st, const scan_filter_t *f, err_t *e);
/* Up to max selected samples with sid > after, in sid order. Caller frees with
 * store_scan_items_free. */
int store_scan_items(store_t *st, const scan_filter_t *f, long long after, size_t max,
                     scan_item_t **out, size_t *n, err_t *e);
void store_scan_items_free(scan_item_t *v, size_t n);

/* The hash of one sample; ok = 0 when its file could not be read (the stored hash is
 * cleared, so a vanished file no longer counts as a copy). */
typedef struct scan_hash {
    long long sid;
    int ok;
    unsigned char h[SCAN_HASH_BYTES];
    int phash_ok;   /* near scans: the pixels were decoded and phash is set */
    uint64_t phash; /* perceptual hash (phash.h) */
} scan_hash_t;

struct near_save;

/* Stores the hashes (samples.hash, hex) in one transaction. Without near (NULL), a sample
 * whose bytes changed loses its perceptual hash; with near, the perceptual hashes are stored
 * too (NULL where !phash_ok) and the near-duplicate groups replace the previous ones, in the
 * same transaction. */
int store_hashes_save(store_t *st, const scan_hash_t *v, size_t n, const struct near_save *near,
                      err_t *e);

/* Exact duplicates over the whole store: groups of two or more samples with the same
 * hash, and how many samples they hold. */
int store_duplicates_count(store_t *st, long long *groups, long long *samples, err_t *e);
/* Leakage: duplicate groups with a sample in train and another in dev, test or
 * train-dev; *eval gets how many dev, test and train-dev samples they hold. */
int store_leakage_count(store_t *st, long long *groups, long long *eval, err_t *e);

typedef struct dup_member {
    char *id;
    char *split; /* NULL: unassigned */
} dup_member_t;

typedef struct dup_group {
    dup_member_t *m;
    size_t n;
} dup_group_t;

/* The first max leakage groups (ordered by their first sample), each with all its
 * members (train first). Caller frees with store_dup_groups_free. */
int store_leakage_groups(store_t *st, size_t max, dup_group_t **out, size_t *n, err_t *e);
void store_dup_groups_free(dup_group_t *v, size_t n);

#endif
