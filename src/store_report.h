/* store_report.h: the queries behind 'eyeball report'. */
#ifndef EYEBALL_STORE_REPORT_H
#define EYEBALL_STORE_REPORT_H

#include "report.h"
#include "store.h"

/* Fills r with the counts of the report for model (NULL: the newest) from one consistent
 * snapshot of the store; the derived numbers are left to report_compute. User errors: no
 * models, an unknown model (naming the known ones), no dev example with a prediction.
 * Free r with report_free, also after a failure. */
int store_report_load(store_t *st, const char *model, report_t *r, err_t *e);

/* Dev and test examples with an exact copy (same content hash) in train. *n gets their
 * number; up to max of them (dev first, then test, by id) go to *out (caller frees each
 * field and the array; may be NULL when max is 0). */
int store_leakage(store_t *st, long long *n, report_leak_t **out, size_t max, size_t *nout,
                  err_t *e);

#endif
