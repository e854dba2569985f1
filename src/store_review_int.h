/* store_review_int.h: what store_review.c, store_categories.c and store_undo.c share;
 * never included outside them.
 *
 * History rows written by these files (action: detail):
 *   tag / untag      {"cid", "name", "review_created"; untag also "tag_reviewer", "tag_time"}
 *   fix              {"fid", "old", "new", "note", "prev_fid", "ticked": [cid],
 *                     "review_created", "copies": [{"sid", "fid", "prev_fid"}]}
 *   withdraw         {"fid", "old", "new", "copies": [{"sid", "fid"}],
 *                     "unticked": [{"cid", "reviewer", "time"}], "review_created"}
 *   note             {"note", "prev", "review_created"}
 *   review           {"review_created": true}
 *   label-ok         {"label", "review_created"} (store_review2.c: the label judged right)
 *   category-add     {"cid", "name", "key"}
 *   category-rename  {"cid", "old", "new"}
 *   category-rm      {"cid", "name", "key", "position", "mislabeled", "created",
 *                     "tags": [[sid, reviewer, time]]}
 *   category-seed    {"file", "count"}
 *   undo             {"undone": hid, "action"}
 * A change that touches several examples (a fix copied to exact duplicates, a staged fix
 * replaced) writes one row per example; the rows after the first carry "part_of": the
 * first row's hid, and undo treats them as one change. */
#ifndef EYEBALL_STORE_REVIEW_INT_H
#define EYEBALL_STORE_REVIEW_INT_H

#include <jansson.h>
#include "store_int.h"
#include "store_review.h"

/* Appends a history row; detail is stolen (may be NULL); sid <= 0 stores NULL.
 * *hid (may be NULL) gets the new row's id. */
int store_rv_history(store_t *st, const char *now, const char *reviewer, long long sid,
                     const char *action, json_t *detail, long long *hid, err_t *e);
/* Adds the reviews row of sid when absent: 1 when added, 0 when present, -1 on error. */
int store_rv_ensure_reviewed(store_t *st, long long sid, const char *reviewer, const char *now,
                             err_t *e);
/* Removes the reviews row of sid unless a tag, a note or a staged or applied fix keeps it. */
int store_rv_drop_bare_review(store_t *st, long long sid, err_t *e);
/* Runs sql with up to two integer parameters and returns the first column of the first
 * row (0 without rows); -1 with e set on error. */
long long store_rv_int(store_t *st, const char *sql, long long a, long long b, err_t *e);
/* Runs sql with up to two integer parameters (a write, no rows); 0 or -1. */
int store_rv_exec(store_t *st, const char *sql, long long a, long long b, err_t *e);
/* The user's id of sample sid (caller frees); NULL with a user error when unknown. */
char *store_rv_sample_id(store_t *st, long long sid, err_t *e);
/* Seeds the default categories inside the caller's write transaction when there are none. */
int store_rv_seed_tx(store_t *st, const char *reviewer, const char *now, err_t *e);
/* Sets a fix's status (staged or withdrawn). */
int store_rv_fix_status(store_t *st, long long fid, const char *status, err_t *e);
/* The staged fix of sid: its fid, or 0 when none; -1 on error. */
long long store_rv_staged_fid(store_t *st, long long sid, err_t *e);

#endif
