/* store_compare.h: the examples two models both predicted, for 'eyeball compare'. */
#ifndef EYEBALL_STORE_COMPARE_H
#define EYEBALL_STORE_COMPARE_H

#include <stddef.h>
#include "compare.h"
#include "store.h"

typedef struct compare_sel {
    const char *a, *b;  /* model names */
    const char *split;  /* dev or test */
    const char *part;   /* NULL (all), "eyeball" or "blackbox"; dev only */
} compare_sel_t;

/* What store_compare_open found out. */
typedef struct compare_info {
    char *later;        /* the model imported later: the labels are those of its import */
    long long eyeball;  /* dev examples in the Eyeball part (0: dev has no parts) */
} compare_info_t;

/* One example, as store_compare_each gives it. */
typedef struct compare_row {
    const char *id, *split, *label, *a_pred, *b_pred;
} compare_row_t;

/* Starts a read snapshot and checks the selection: both models exist (user error naming
 * 'status' otherwise), a part only when dev has an Eyeball part. Fills info (free with
 * compare_info_done). Returns 0, or -1 with e set and no transaction open. */
int store_compare_open(store_t *st, const compare_sel_t *sel, compare_info_t *info, err_t *e);

/* Calls fn for every example of the selection both models predicted, with the label of
 * the later model's import (as 'eyeball report' scores it: a fix applied after that
 * import is undone for the comparison); sorted: in id order, else in store order. Stops
 * when fn returns non-zero. Returns 0 or -1 with e set. */
int store_compare_each(store_t *st, const compare_sel_t *sel, int sorted,
                       int (*fn)(const compare_row_t *row, void *arg), void *arg, err_t *e);

/* Per error category, over the examples of the selection reviewed in a pass of model A
 * that A got wrong: how many carry the category and how many of those B gets wrong too;
 * largest count first (ties: the categories' order). *reviewed: A's errors reviewed so.
 * Caller frees each name and the array. */
int store_compare_categories(store_t *st, const compare_sel_t *sel, compare_cat_t **cats,
                             size_t *n, long long *reviewed, err_t *e);

/* Ends the snapshot. */
void store_compare_close(store_t *st);
void compare_info_done(compare_info_t *info);

#endif
