/* part.h: the Eyeball and Blackbox parts of dev (A. Ng, Machine Learning Yearning,
 * ch. 17-19): people look at the Eyeball part; nobody looks at the Blackbox part, which
 * stays an honest measure. No I/O and no SQL; unit-tested in tests/unit/test_part.c. */
#ifndef EYEBALL_PART_H
#define EYEBALL_PART_H

#include <stddef.h>
#include <stdint.h>

/* Errors the Eyeball part is sized to hold with 'split --eyeball auto' (Ng: about 100
 * misclassified dev examples give a very good picture). */
#define PART_AUTO_ERRORS 100

/* One dev example, as part_choose sees it. */
typedef struct part_item {
    const char *id; /* the user's id: the tie-break between equal positions */
    uint64_t pos;   /* its position: split_hash(id, seed), as split ranks samples */
    int eyeball;    /* in the Eyeball part already */
    int shown;      /* reviewed, tagged, fixed or in a review pass */
    int take;       /* set by part_choose: joins the Eyeball part now */
} part_item_t;

/* Chooses the Blackbox examples that join the Eyeball part: every one that has been shown
 * (whatever the draw, since it cannot be an honest measure any more), then the others in
 * order of position (ascending; equal positions by id bytes) until `want` are taken,
 * counting the shown ones; all that are left when fewer. Sets take; returns how many were
 * taken, with *shown (may be NULL) how many of them had been shown. The choice depends on
 * the ids and the seed only: not on the order of items, not on the other examples. */
size_t part_choose(part_item_t *items, size_t n, long long want, long long *shown);

/* The size of an Eyeball part that holds about `target` errors at an error rate of
 * errors/examples: ceil(target × examples / errors), at most pool; 0 when errors is 0. */
long long part_auto_size(long long errors, long long examples, long long target,
                         long long pool);

/* One model's dev errors on both parts. */
typedef struct part_counts {
    long long eye_n, eye_errors; /* Eyeball: examples it predicted, of which wrong */
    long long bb_n, bb_errors;   /* Blackbox: the same */
} part_counts_t;

/* Whether, from model a to the later model b, the Eyeball error fell by more than the
 * Blackbox error beyond what their intervals allow: the lower end of the 95% interval of
 * the Eyeball fall (stats_diff_ci) is above the upper end of that of the Blackbox fall.
 * 0 when either part of either model has no example. */
int part_overfit(const part_counts_t *a, const part_counts_t *b);

/* The warning for part_overfit(a, b), one line ending in '\n': both falls in points, the
 * rates and the command that renews, with N the size that holds about PART_AUTO_ERRORS of
 * b's Blackbox errors (at most blackbox, at least 1). Names as given (sanitise first).
 * Caller frees. */
char *part_overfit_warning(const char *a_name, const part_counts_t *a, const char *b_name,
                           const part_counts_t *b, long long blackbox);

/* What part_previous returns when there is no earlier model to compare with. */
#define PART_NONE ((size_t)-1)

/* One model's row in the table of the parts. */
typedef struct part_row {
    char *name;       /* the model's name, as stored */
    part_counts_t c;
} part_row_t;

/* The model the overfit check compares rows[m] with: the nearest earlier row with
 * predictions on both parts, or PART_NONE (also when rows[m] lacks either part). */
size_t part_previous(const part_row_t *rows, size_t m);

/* The table status and report print when dev has an Eyeball part: a line with the size of
 * each part (and how many Blackbox examples reviews have shown), then per model (rows in
 * import order; a model without dev predictions left out) its errors and error rate on
 * each part with the Wilson 95% interval, then the overfit warning of every model and
 * its part_previous where part_overfit holds. markdown: the same as a markdown table.
 * Appends to b (a strbuf_t *, declared void * to keep strbuf.h out of this header). */
void part_table(void *b, const part_row_t *rows, size_t n, long long eyeball,
                long long blackbox, long long shown, int markdown);

#endif
