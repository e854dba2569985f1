/* store_status.h: the numbers behind 'eyeball status'. */
#ifndef EYEBALL_STORE_STATUS_H
#define EYEBALL_STORE_STATUS_H

#include "store.h"

/* Splits in display order; the last is "unassigned" (split NULL). */
#define STATUS_NSPLITS 5
extern const char *const status_split_names[STATUS_NSPLITS];

typedef struct count_row {
    char *key; /* NULL for "none" (no source) */
    long long n;
} count_row_t;

typedef struct status_model {
    char *name;
    char *imported;                  /* ISO 8601 UTC */
    int has_probs;
    long long n[STATUS_NSPLITS];      /* predictions per split */
    long long errors[STATUS_NSPLITS]; /* pred != the label the model was scored on: the label
                                       * at its import (as 'eyeball report' counts) */
    long long errors_now[STATUS_NSPLITS]; /* pred != the current label */
    long long fixed_since[STATUS_NSPLITS]; /* labels changed by fixes applied after import */
    long long part_n[2], part_errors[2];   /* dev predictions and errors (as errors) in the
                                            * Eyeball [0] and Blackbox [1] parts */
} status_model_t;

typedef struct status_pass {
    long long pid;
    char *model, *split, *kind, *reviewer, *created;
    char *part; /* eyeball or blackbox (a dev pass while dev has an Eyeball part), or NULL */
    char *against; /* a broken pass: the model compared with; else NULL */
    long long items, reviewed;
} status_pass_t;

typedef struct status_info {
    long long samples;
    long long splits[STATUS_NSPLITS];
    count_row_t *sources, *labels; /* sorted by count, descending */
    size_t nsources, nlabels;
    status_model_t *models;        /* oldest first */
    size_t nmodels;
    status_pass_t *passes;         /* open passes */
    size_t npasses;
    long long staged, applied, withdrawn, reviewed, categories;
    long long staged_by_split[STATUS_NSPLITS];
    long long hashed;              /* samples with a content hash (eyeball scan) */
    long long dup_groups, dup_samples;    /* exact duplicates */
    long long leak_groups, leak_eval;     /* copies in train and in dev/test/train-dev */
    long long eyeball, blackbox;   /* dev examples in each part; eyeball 0: no parts */
    long long blackbox_shown;      /* Blackbox examples reviews have shown (review --blackbox) */
} status_info_t;

/* Fills si from one read snapshot; free with store_status_free. */
int store_status(store_t *st, status_info_t *si, err_t *e);
void store_status_free(status_info_t *si);

#endif
