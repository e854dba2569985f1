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

#endif
