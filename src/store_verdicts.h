/* store_verdicts.h: each reviewer's own judgement of an example, for double review,
 * agreement and adjudication. */
#ifndef EYEBALL_STORE_VERDICTS_H
#define EYEBALL_STORE_VERDICTS_H

#include "store.h"

/* The schema step that adds the verdict tables and their triggers, inside the caller's
 * migration transaction. Returns 0 or -1 with e set. */
int store_verdicts_migrate(store_t *st, err_t *e);

#endif
