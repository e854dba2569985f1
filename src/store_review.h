/* store_review.h: what a reviewer does to one example, shared by the review UI and the
 * tag/untag/fix/categories commands. Every change is one committed transaction that
 * also appends to the history table, so a crash right after a call loses nothing and
 * undo can walk back. Tagging, fixing, noting or marking an example all count as
 * reviewing it (a row in reviews). */
#ifndef EYEBALL_STORE_REVIEW_H
#define EYEBALL_STORE_REVIEW_H

#include <stddef.h>
#include "store.h"

/* ---- categories ---- */

typedef struct category {
    long long cid;
    char *name;
    char *key;      /* one-character key that toggles it in review, or NULL */
    int mislabeled; /* ticked automatically when a label is fixed */
    int position;   /* display order */
} category_t;

/* All categories in display order. Caller frees with store_categories_free. */
int store_categories(store_t *st, category_t **out, size_t *n, err_t *e);
void store_categories_free(category_t *v, size_t n);
/* Adds a category. key: NULL picks the first free of 1-9 then a-z (minus keys the review
 * UI uses itself, keys_reserved in keys.h); a taken or reserved key is a user error. *cid
 * (may be NULL) gets the new id. */
int store_category_add(store_t *st, const char *name, const char *key, long long *cid,
                       err_t *e);
int store_category_rename(store_t *st, const char *old_name, const char *new_name, err_t *e);
/* Removes a category; refused (user error, with the count) when examples carry it
 * unless force. */
int store_category_rm(store_t *st, const char *name, int force, err_t *e);
/* Fills an empty category table from the defaults file (share/eyeball/categories);
 * does nothing when categories exist. */
int store_categories_seed(store_t *st, err_t *e);
/* store_category_add with the reviewer recorded in the history (store_category_add uses
 * util_reviewer()); the review UI passes its --reviewer so that undo finds the change. */
int store_category_add_by(store_t *st, const char *name, const char *key, const char *reviewer,
                          long long *cid, err_t *e);
/* The category called name: its cid, or 0 when there is none; -1 on error. */
long long store_category_find(store_t *st, const char *name, err_t *e);
/* Examples carrying each category: counts[i] for v[i] of store_categories. Caller frees. */
int store_category_counts(store_t *st, const category_t *v, size_t n, long long **counts,
                          err_t *e);

/* ---- one example as the review panel shows it ---- */

typedef struct sample_view {
    long long sid;
    char *id, *path, *label, *split, *source; /* split/source may be NULL */
    char *meta;                /* JSON object text of metadata columns, or NULL */
    char *pred;                /* the model's prediction, NULL without one */
    double confidence;         /* < 0 when unknown */
    size_t ntop;               /* top classes by probability, best first (at most 5) */
    char **top_labels;
    double *top_probs;
    double label_prob;         /* probability of the given label, < 0 when unknown */
    size_t label_rank;         /* its rank among the classes (1: the top one) */
    int reviewed;
    char *reviewer;            /* who reviewed it, or NULL */
    char *note;                /* or NULL */
    long long *tags;           /* cids ticked */
    size_t ntags;
    char *staged_label;        /* label of the staged fix, or NULL */
    char *applied_label;       /* label of the last applied fix, or NULL */
    char *hash;                /* content hash, or NULL */
    size_t ncopies;            /* other samples with the same content hash */
    char *others;              /* blind review (store_set_blind), once the reviewer marked the
                                * item reviewed: the other reviewers' verdicts in one line,
                                * or NULL */
    size_t nnear;              /* nearest train examples by cosine similarity of the
                                * embeddings, most similar first (at most 3; none without
                                * embeddings) */
    char **near_ids, **near_labels;
    double *near_sims;
} sample_view_t;

/* Fills v for sample sid and model mid (mid <= 0: no prediction). Caller frees with
 * store_sample_view_free. */
int store_sample_view(store_t *st, long long sid, long long mid, sample_view_t *v, err_t *e);
void store_sample_view_free(sample_view_t *v);
/* Adds to v the nearest train examples of its sample by the embeddings (v->nnear, ...): a
 * search over the train embeddings, for the review panel only. */
int store_sample_view_nearest(store_t *st, sample_view_t *v, err_t *e);

/* The internal key of a sample id; -1 with a user error naming the id when unknown. */
long long store_sample_sid(store_t *st, const char *id, err_t *e);

/* ---- changes (each one transaction, each one history row) ---- */

/* Ticks (on=1) or clears a category on an example. */
int store_tag(store_t *st, long long sid, long long cid, int on, const char *reviewer, err_t *e);
/* Stages a fix of the example's label to new_label (a label of the dataset, or any new
 * label when allow_new). Replaces a staged fix of the same example, ticks the mislabeled
 * categories, and stages the same fix for exact duplicates (same content hash).
 * Fixing to the current label withdraws a staged fix instead. Staging the fix that is
 * staged already (same label; no note or the same note) changes nothing. */
int store_fix(store_t *st, long long sid, const char *new_label, const char *note, int allow_new,
              const char *reviewer, err_t *e);
/* Withdraws the staged fix of an example (user error when there is none). */
int store_fix_withdraw(store_t *st, long long sid, const char *reviewer, err_t *e);

/* What store_fix_ex / store_fix_withdraw_ex did, for the command line to say. */
enum { FIX_STAGED = 1, FIX_WITHDRAWN, FIX_UNCHANGED, FIX_LEFT };
typedef struct fix_outcome {
    int action;         /* FIX_STAGED, FIX_WITHDRAWN, FIX_UNCHANGED (the same fix was staged)
                         * or FIX_LEFT (withdrawn from the reviewer's verdict only: other
                         * reviewers propose it, so the team's fix stays staged) */
    char *label;        /* the example's current label */
    char *prev;         /* new label of the staged fix that was replaced or withdrawn, or NULL */
    char **copies;      /* ids of the exact duplicates whose staged fix changed with it */
    size_t ncopies;
} fix_outcome_t;
/* store_fix and store_fix_withdraw, telling what happened in *out (free with
 * store_fix_outcome_free, also after an error). */
int store_fix_ex(store_t *st, long long sid, const char *new_label, const char *note,
                 int allow_new, const char *reviewer, fix_outcome_t *out, err_t *e);
int store_fix_withdraw_ex(store_t *st, long long sid, const char *reviewer, fix_outcome_t *out,
                          err_t *e);
void store_fix_outcome_free(fix_outcome_t *out);

/* Ticks (on=1) or clears the categories called names[0..n-1] on an example, in one
 * transaction that first seeds the default categories when there are none. All or
 * nothing: an unknown name is a user error naming it and changes nothing. changed[i]
 * (may be NULL) is set to 1 when names[i] changed, 0 when it was already so. */
int store_tag_names(store_t *st, long long sid, char *const *names, size_t n, int on,
                    const char *reviewer, int *changed, err_t *e);
/* The longest note, in bytes: a note is typed, not a pasted file. The review UI's note
 * editor stops there, so a note it accepts is never refused. */
#define STORE_NOTE_MAX 10000
/* Sets (or with NULL/"" clears) the example's note (at most STORE_NOTE_MAX bytes). */
int store_note(store_t *st, long long sid, const char *note, const char *reviewer, err_t *e);
/* Marks an example reviewed without any other change. */
int store_mark_reviewed(store_t *st, long long sid, const char *reviewer, err_t *e);
/* Undoes the latest change by reviewer recorded after history row since_hid (0: any),
 * that has not been undone. *sid gets the example it touched (0 for category changes);
 * what (may be NULL) gets a short description ("untagged blurry on cat/12.png").
 * what holds text from the data: sanitize it before printing.
 * Returns 0, 1 when there is nothing to undo, -1 on error (a user error when the change
 * can no longer be undone, e.g. a fix that has been applied). */
int store_undo(store_t *st, const char *reviewer, long long since_hid, long long *sid,
               char *what, size_t whatlen, err_t *e);
/* The newest history row id (for since_hid). */
long long store_history_last(store_t *st, err_t *e);

#endif
