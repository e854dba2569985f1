/* store_export.h: the rows behind 'eyeball export': the label-fix list and the corrected
 * manifest, read from one consistent snapshot and handed to a callback one at a time, so
 * a million samples are never all in memory. */
#ifndef EYEBALL_STORE_EXPORT_H
#define EYEBALL_STORE_EXPORT_H

#include <stddef.h>
#include "store.h"

/* One fix. split, reviewer and note may be NULL; categories is the ';'-joined names of
 * the example's categories in display order ("" for none); note is the fix's note and
 * the example's note (typed in the review screen), joined by "; " when both differ. */
typedef struct export_fix {
    const char *id, *path, *split, *old_label, *new_label, *status, *reviewer, *time,
        *categories, *note;
} export_fix_t;

/* One sample as it is now (applied fixes included). split, source and meta may be NULL;
 * meta is the JSON object text of its metadata. */
typedef struct export_sample {
    const char *id, *path, *label, *split, *source, *meta;
} export_sample_t;

/* One reviewed example as judged by one reviewer. label: the label the reviewer judged
 * (before the example's fix); pred and model: the prediction of the model of the pass it
 * was judged in, else of the newest model that has one; pass: the pass it was judged in
 * (decimal text); time: the reviewer's latest judgement of it; categories: the ones the
 * reviewer ticked, ';'-joined in display order; fix and fix_status: the example's staged
 * or applied fix when this reviewer made it. Everything but id, label and categories may
 * be NULL. */
typedef struct export_review {
    const char *id, *split, *label, *pred, *model, *pass, *reviewer, *time, *categories, *note,
        *fix, *fix_status;
} export_review_t;

/* A callback returns 0 to go on or -1 (with e set) to stop. */
typedef int (*export_fix_fn)(void *arg, const export_fix_t *f, err_t *e);
typedef int (*export_review_fn)(void *arg, const export_review_t *r, err_t *e);
typedef int (*export_sample_fn)(void *arg, const export_sample_t *s, err_t *e);

/* Every staged and applied fix (withdrawn ones are left out), oldest first. */
int store_export_fixes(store_t *st, export_fix_fn fn, void *arg, err_t *e);

/* One row per reviewed example and reviewer, by example (in import order), then
 * reviewer. */
int store_export_reviews(store_t *st, export_review_fn fn, void *arg, err_t *e);

/* The metadata keys of all samples, in the order they are first seen (by sample, then by
 * their order within the sample). Caller frees each and the array. */
int store_export_meta_keys(store_t *st, char ***keys, size_t *n, err_t *e);

/* Every sample in the order they were imported. */
int store_export_samples(store_t *st, export_sample_fn fn, void *arg, err_t *e);

#endif
