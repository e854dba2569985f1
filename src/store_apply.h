/* store_apply.h: committing staged label fixes, dev and test together.
 *
 * The balance rule: when dev has staged fixes, the test set must have been through the
 * same procedure. For every dev review pass that holds an example with a staged fix
 * there must be a finished test pass (every item reviewed) of the same model and kind
 * that followed the same sampling rule: the same share of its misclassified examples
 * (within one example or 10%, stats_sample_matches) and the same share of correctly
 * classified ones. A pass over dev and test together (the suspects queue) is balanced by
 * construction. Staged dev fixes of examples in no such pass have no rule that could be
 * repeated on test, so they also need the override. A store without test examples has
 * nothing to balance. */
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

/* A dev pass whose procedure the test set has not had. */
typedef struct apply_need {
    long long pid;           /* the dev pass */
    char *model, *kind;
    long long sample_n, errors_pool;
    double correct_fraction;
    uint64_t seed;
    long long fixes;         /* staged dev fixes of its examples */
    long long test_pool;     /* misclassified test examples of the model; -1: no test
                              * predictions */
    long long test_sample;   /* the --sample that draws the same share of them */
    long long open_pid;      /* a matching test pass not yet finished, or 0 */
    long long open_items, open_reviewed;
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
