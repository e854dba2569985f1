/* store_verdicts.h: each reviewer's own judgement of an example, for double review,
 * agreement and adjudication. */
#ifndef EYEBALL_STORE_VERDICTS_H
#define EYEBALL_STORE_VERDICTS_H

#include "store.h"

/* The schema step that adds the verdict tables and their triggers, inside the caller's
 * migration transaction. Returns 0 or -1 with e set. */
int store_verdicts_migrate(store_t *st, err_t *e);

/* Blind review by reviewer (NULL: off): the review screen then shows on each item only
 * this reviewer's tags, fix and note (store_sample_view), counts an item reviewed when they
 * reviewed it (store_pass_items), and shows the other reviewers' verdicts once they have
 * marked the item reviewed. */
void store_set_blind(store_t *st, const char *reviewer);

/* Adjudication by reviewer: the review screen shows every reviewer's verdict beside the
 * adjudicator's own, and marking an item reviewed (store_mark_reviewed, store_label_ok)
 * records the adjudicator's tags, fix and note as the final answer (decisions), makes the
 * team's tags and staged fix match it, and appends a "decide" history row. */
void store_set_adjudicate(store_t *st, const char *reviewer);

/* Starts a queue of the examples whose reviewers disagree (some ticked a category others
 * did not, or they propose different labels) and that nobody adjudicated: a pass of kind
 * "adjudicate" for model mid (closing an earlier such queue), in sample order. *pid gets
 * the pass, 0 when there is nothing to settle. Returns 0 or -1 with e set. */
int store_adjudication_start(store_t *st, long long mid, const char *reviewer, long long *pid,
                             err_t *e);

/* Inside the caller's write transaction: when st adjudicates, records the decision on sid
 * (see store_set_adjudicate). Returns 0 or -1 with e set. */
int store_verdict_decide_tx(store_t *st, long long sid, const char *now, err_t *e);

struct sample_view;
/* Inside store_sample_view's read transaction: replaces the team's tags, note, fix and
 * reviewer of v by the blind reviewer's own, and fills v->others when they are done.
 * Returns 0 or -1 with e set. */
int store_verdict_overlay(store_t *st, struct sample_view *v, err_t *e);

/* A user error naming the staged fixes of examples whose reviewers do not agree on the
 * label (no strict majority for the staged one) and that no adjudicator settled, and the
 * command that settles them; 0 when there are none. Inside the caller's transaction. */
int store_refuse_disputed_fixes(store_t *st, err_t *e);

/* How many reviewers each item of pass pid asks for (1 for a single review); -1 on error. */
long long store_pass_reviewers(store_t *st, long long pid, err_t *e);
/* Asks for n reviewers on each item of pass pid from now on (a double review: 2). */
int store_pass_set_reviewers(store_t *st, long long pid, long long n, err_t *e);

#endif
