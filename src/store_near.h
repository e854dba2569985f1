/* store_near.h: perceptual hashes and near-duplicate groups in the store, and the listing
 * behind 'eyeball dups' (exact groups by content hash, near groups from the last
 * 'scan --near'). */
#ifndef EYEBALL_STORE_NEAR_H
#define EYEBALL_STORE_NEAR_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

/* Every stored perceptual hash, in sid order. Caller frees *sid and *h. */
int store_phashes_load(store_t *st, long long **sid, uint64_t **h, size_t *n, err_t *e);

/* The groups found by a near scan: for sample sid[i] (i < n), its group (0: none) and its
 * distance to the group's first member. */
typedef struct near_save {
    const long long *sid;
    const uint32_t *group;
    const int *dist;
    size_t n;
    int distance; /* the --distance used */
} near_save_t;

/* One row of a group listing. */
typedef struct dups_row {
    long long group;
    const char *id, *split, *label, *path; /* split NULL: unassigned */
    int dist;                              /* to the group's first member */
} dups_row_t;

/* Calls fn for each member of each group, group by group, the first member first, the
 * others in sample order: near groups (near) or exact duplicates; with cross, only groups
 * with a member in train and another in dev, test or train-dev. Stops when fn returns
 * nonzero. Returns 0, or -1 with e set. Exact groups are numbered like near ones: in the
 * order of their first sample. */
int store_dups_each(store_t *st, int near, int cross, int (*fn)(void *, const dups_row_t *),
                    void *arg, err_t *e);

/* What status and report warn about. */
typedef struct near_summary {
    int scanned;          /* 1 when a near scan has run */
    int distance;         /* its --distance */
    long long hashed;     /* samples with a perceptual hash */
    long long groups;     /* near-duplicate groups */
    long long members;    /* samples in them */
    long long cross;      /* groups with a member in train and another in dev/test/train-dev */
    long long cross_eval; /* dev, test and train-dev members of those groups */
    long long inside;     /* groups with two or more members in dev, or two or more in test */
    long long inside_extra; /* members of those beyond the first in each of dev and test */
} near_summary_t;

int store_near_summary(store_t *st, near_summary_t *out, err_t *e);

/* The sids of near-duplicate group grp, in sid order (*n = 0: no such group). Caller frees
 * *sids. Runs inside the caller's transaction when one is open. */
int store_near_members(store_t *st, long long grp, long long **sids, size_t *n, err_t *e);

#endif
