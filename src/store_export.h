/* store_export.h: the rows behind 'eyeball export': the label-fix list and the corrected
 * manifest, read from one consistent snapshot and handed to a callback one at a time, so
 * a million samples are never all in memory. */
#ifndef EYEBALL_STORE_EXPORT_H
#define EYEBALL_STORE_EXPORT_H

#include <stddef.h>
#include "store.h"

/* One fix. split, reviewer and note may be NULL; categories is the ';'-joined names of
 * the example's categories in display order ("" for none). */
typedef struct export_fix {
    const char *id, *path, *split, *old_label, *new_label, *status, *reviewer, *time,
        *categories, *note;
} export_fix_t;

/* One sample as it is now (applied fixes included). split, source and meta may be NULL;
 * meta is the JSON object text of its metadata. */
typedef struct export_sample {
    const char *id, *path, *label, *split, *source, *meta;
} export_sample_t;

/* A callback returns 0 to go on or -1 (with e set) to stop. */
typedef int (*export_fix_fn)(void *arg, const export_fix_t *f, err_t *e);
typedef int (*export_sample_fn)(void *arg, const export_sample_t *s, err_t *e);

/* Every staged and applied fix (withdrawn ones are left out), oldest first. */
int store_export_fixes(store_t *st, export_fix_fn fn, void *arg, err_t *e);

/* The metadata keys of all samples, in the order they are first seen (by sample, then by
 * their order within the sample). Caller frees each and the array. */
int store_export_meta_keys(store_t *st, char ***keys, size_t *n, err_t *e);

/* Every sample in the order they were imported. */
int store_export_samples(store_t *st, export_sample_fn fn, void *arg, err_t *e);

#endif
