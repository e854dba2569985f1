/* cmd_compare.h: what 'eyeball compare' lends the HTML report. */
#ifndef EYEBALL_CMD_COMPARE_H
#define EYEBALL_CMD_COMPARE_H

#include "store.h"

/* The text 'eyeball compare A B' prints for dev (labels of the later import), in a new
 * string the caller frees; NULL with e.code 0 when the two models have no dev example in
 * common, NULL with e set on an error. Runs in a read snapshot of its own. */
char *compare_dev_text(store_t *st, const char *a, const char *b, err_t *e);

#endif
