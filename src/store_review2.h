/* store_review2.h: what the review screen asks of the store beyond single changes: a
 * pass's tally for the closing line, the "label is right" judgement and its count, and
 * redo. */
#ifndef EYEBALL_STORE_REVIEW2_H
#define EYEBALL_STORE_REVIEW2_H

#include "store.h"

/* Counts over the items of pass pid: reviewed (a reviews row), tagged (at least one
 * category), fixes (a staged fix). Returns 0, or -1 with e set. */
int store_pass_summary(store_t *st, long long pid, long long *reviewed, long long *tagged,
                       long long *fixes, err_t *e);



/* Records that reviewer judged the example's current label right: a "label-ok" history
 * row ({"label", "review_created"}) and, when absent, the reviews row (it counts as
 * reviewing the example). Undo takes it back like any change. */
int store_label_ok(store_t *st, long long sid, const char *reviewer, err_t *e);

/* Examples whose current label a reviewer has judged right (store_label_ok, not undone,
 * the label unchanged since) in split (NULL: any split): the report's "checked labels".
 * Returns the count, or -1 with e set. */
long long store_checked_labels(store_t *st, const char *split, err_t *e);

/* Redoes reviewer's most recent undo (store_undo) that has not been redone, unless the
 * reviewer has made another change since (a new change ends what can be redone): the
 * undone change is made again through the same functions (so it gets its own history
 * row, which undo can take back) and a "redo" row ({"redone": undo hid, "applied": hid
 * of the new row}) records it. Works across sessions. *sid gets the example (0 for a
 * category change); what (may be NULL) a short description, text from the data
 * (sanitize before printing). Returns 0, 1 when there is nothing to redo, -1 on error
 * (e.g. a user error when the change cannot be made again). */
int store_redo(store_t *st, const char *reviewer, long long *sid, char *what, size_t whatlen,
               err_t *e);

#endif
