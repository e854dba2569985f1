/* store_int.h: what store*.c modules share; never included outside them. */
#ifndef EYEBALL_STORE_INT_H
#define EYEBALL_STORE_INT_H

#include <sqlite3.h>
#include "store.h"

struct store {
    sqlite3 *db;
    char *path;
    int readonly;
    long long review_pass; /* the pass judgements are made in (review UI), or 0 */
};

/* Prepares sql or sets e (system error) and returns NULL. */
sqlite3_stmt *store_prepare(store_t *st, const char *sql, err_t *e);
/* Runs sql (no rows expected); returns 0 or -1 with e set. */
int store_exec(store_t *st, const char *sql, err_t *e);
/* Sets e from the connection's last error, with what was being done. */
int store_fail(store_t *st, err_t *e, const char *doing);
/* Binds text (NULL binds SQL NULL). */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Column text or NULL, as const char*. */
const char *store_col_text(sqlite3_stmt *s, int i);
/* One integer from a query with optional single text parameter; -1 on error. */
long long store_query_int(store_t *st, const char *sql, const char *param, err_t *e);

#endif
