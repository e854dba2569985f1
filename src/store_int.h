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
    char *blind;           /* blind review: the reviewer who sees only their own verdicts
                            * until they mark an item reviewed (store_set_blind), or NULL */
    int adjudicate;        /* the blind reviewer adjudicates: sees every verdict, and marking
                            * an item reviewed records their decision (store_set_adjudicate) */
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

/* Steps s once: 1 when it gave a row, 0 when it is done, -1 on an error, with e set to the
 * error and what was being done. A loop `while ((r = store_step(...)) > 0)` ends with r
 * telling a finished scan from a failed one, which a write transaction must not commit. */
int store_step(store_t *st, sqlite3_stmt *s, const char *doing, err_t *e);
/* Ends the write transaction store_begin opened: commits when r is 0 or more, else rolls
 * back. Returns 0 on a commit, -1 (with e set by whoever failed) otherwise. The one
 * ending of every write: `return store_end_tx(st, r, e);`. */
int store_end_tx(store_t *st, int r, err_t *e);
/* SQL: fix f (an applied one) was applied after the predictions were imported: its apply
 * is history row ?4 or later (IMPORT_HID, the first row after the import), or, for a
 * model imported before the import's place was kept (?4 = 0), at or after the import
 * time ?2. History row ids cannot tie, unlike times with one-second resolution. */
#define APPLIED_SINCE                                                                        \
    "(CASE WHEN ?4 > 0 THEN EXISTS(SELECT 1 FROM history h WHERE h.sid = f.sid"               \
    " AND h.action = 'apply' AND h.hid >= ?4 AND json_extract(h.detail, '$.fid') = f.fid)"    \
    " ELSE f.applied >= ?2 END)"
/* SQL, one parameter (the model id as text): the value for ?4 of APPLIED_SINCE. */
#define IMPORT_HID                                                                           \
    "SELECT coalesce((SELECT CAST(value AS INTEGER) + 1 FROM meta"                            \
    " WHERE key = 'preds_hid:' || ?1), 0)"

/* Gives each category whose key the review screen has since taken for itself (keys.def
 * grew: z and v in schema 3) the first free key, or none when none is left; inside the
 * caller's transaction (a schema migration). store_categories.c. */
int store_categories_rekey_reserved(store_t *st, err_t *e);

#endif
