/* store_apply.h: committing staged label fixes, dev and test together.
 *
 * The balance rule: when dev has staged fixes, test must have been through the same
 * procedure, judged by what each split actually received, not by what was drawn:
 * - For each model whose random dev passes hold an example with a staged fix: the share
 *   of its misclassified dev examples reviewed (errors of its random dev passes judged
 *   in a random pass, over the newest dev pass's pool) and the share of its misclassified
 *   test examples reviewed (likewise over the newest test pass's pool, else the current
 *   count) must give matching counts: test reviewed = round(dev reviewed x test pool /
 *   dev pool) within one example or 10% (stats_counts_match). The correct-example quota
 *   too: correctly classified test examples reviewed = round(dev's correct per error x
 *   that count), within the same tolerance. A model without test predictions fails; one
 *   without misclassified test examples passes.
 * - For each suspects pass holding an example with a staged dev fix: the share of its dev
 *   items reviewed and the share of its test items reviewed must match the same way.
 * - Staged dev fixes of examples in no dev or suspects pass have no rule that could be
 *   repeated on test, so they also need the override.
 * A store without test examples has nothing to balance. */
#ifndef EYEBALL_STORE_APPLY_H
#define EYEBALL_STORE_APPLY_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

typedef struct apply_fix {
    long long fid, sid;
    char *id;
    char *split;             /* NULL: unassigned */
    char *old_label, *new_label;
} apply_fix_t;

/* A model (random passes) or a suspects pass whose test side does not match dev. */
typedef struct apply_need {
    long long pid;           /* random: the model's newest dev pass with a fix; suspects: the
                              * pass */
    char *model, *kind;      /* kind: "random" or "suspects" */
    long long fixes;         /* staged dev fixes of its examples */
    long long dev_pool;      /* random: misclassified dev examples; suspects: its dev items */
    long long dev_reviewed, dev_correct; /* of them reviewed; correct ones reviewed (random) */
    long long test_pool;     /* the same on test; -1: the model has no test predictions */
    long long test_reviewed, test_correct;
    long long test_expected; /* the test count that matches dev's share */
    long long correct_expected; /* the correct test examples that match dev's quota */
    long long open_pid;      /* random: an open test pass of the model; suspects: the pass
                              * itself when open; else 0 */
    long long open_left;     /* random: misclassified items of open_pid not yet reviewed */
} apply_need_t;

typedef struct apply_plan {
    apply_fix_t *fixes;      /* every staged fix, oldest first */
    size_t nfixes;
    apply_need_t *needs;
    size_t nneeds;
    long long dev_fixes;     /* staged fixes of dev examples */
    long long dev_outside;   /* of them, examples in no dev pass */
    char *outside_id;        /* one such example, or NULL */
    int no_test;             /* the store has no test examples */
    int overridden;          /* unbalanced, applied because force was given */
    char *time;              /* when the fixes were (or would be) applied */
} apply_plan_t;

void apply_plan_free(apply_plan_t *p);

/* Reads every staged fix and checks the balance rule, then, unless dry_run, applies
 * them all in one transaction: samples.label = new_label, fixes.status = 'applied' with
 * the time, one history row per fix ('apply'), and when force overrode the rule one more
 * ('apply-override' with the reason). Returns 0 when applied (or, with dry_run, when it
 * would be), 1 when refused because the rule does not hold and force is not set (p says
 * why; nothing changed), -1 on error (user error when a staged fix no longer matches the
 * label it was made against). dry_run works on a read-only store. */
int store_apply(store_t *st, int dry_run, int force, const char *reviewer, apply_plan_t *p,
                err_t *e);

#endif
