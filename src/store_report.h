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

#endif
