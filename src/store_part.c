/* store_part.c: the SQL of the Eyeball part of dev. */
#include "config.h"
#include "store_part.h"
#include "split.h"
#include "store_int.h"
#include "store_pass.h"

#include <stdlib.h>
#include <string.h>

int store_part_load(store_t *st, int write, uint64_t seed, part_data_t *d, err_t *e)
{
    memset(d, 0, sizeof *d);
    if ((write ? store_begin(st, e) : store_begin_read(st, e)) < 0)
        return -1;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT s.sid, s.id, s.part IS 'eyeball', EXISTS(SELECT 1 FROM reviews r WHERE"
            " r.sid = s.sid) OR EXISTS(SELECT 1 FROM tags t WHERE t.sid = s.sid) OR"
            " EXISTS(SELECT 1 FROM fixes f WHERE f.sid = s.sid) OR EXISTS(SELECT 1 FROM"
            " pass_items i WHERE i.sid = s.sid) FROM samples s WHERE s.split = 'dev'"
            " ORDER BY s.sid", e);
    if (!s)
        goto fail;
    size_t cap = 0;
    int rc;
    while ((rc = store_step(st, s, "reading the dev examples", e)) > 0) {
        if (d->n == cap) {
            cap = cap ? cap * 2 : 256;
            d->items = xreallocarray(d->items, cap, sizeof *d->items);
            d->sids = xreallocarray(d->sids, cap, sizeof *d->sids);
        }
        part_item_t *it = &d->items[d->n];
        d->sids[d->n++] = sqlite3_column_int64(s, 0);
        it->id = xstrdup(store_col_text(s, 1));
        it->pos = split_hash(it->id, seed);
        it->eyeball = sqlite3_column_int(s, 2);
        it->shown = sqlite3_column_int(s, 3);
        it->take = 0;
        d->eyeball += it->eyeball;
    }
    sqlite3_finalize(s);
    if (rc < 0)
        goto fail;
    return 0;
fail:
    store_rollback(st);
    store_part_free(d);
    return -1;
}

int store_part_model_dev(store_t *st, const char *name, char **model, long long *examples,
                         long long *errors, err_t *e)
{
    long long mid;
    if (store_model_pick(st, name, &mid, model, e) < 0)
        return -1;
    sqlite3_stmt *s = store_prepare(st, "SELECT count(*), coalesce(sum(p.pred <> s.label), 0) "
                                    "FROM preds p JOIN samples s ON s.sid = p.sid "
                                    "WHERE p.mid = ?1 AND s.split = 'dev'", e);
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, mid);
    int rc = store_step(st, s, "counting the model's dev errors", e);
    if (rc > 0) {
        *examples = sqlite3_column_int64(s, 0);
        *errors = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (rc > 0)
        return 0;
fail:
    free(*model);
    *model = NULL;
    return -1;
}

int store_part_save(store_t *st, const part_data_t *d, const char *action, const char *detail,
                    err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "UPDATE samples SET part = 'eyeball' WHERE sid = ?1", e);
    int r = s ? 0 : -1;
    for (size_t i = 0; r == 0 && i < d->n; i++) {
        if (!d->items[i].take)
            continue;
        sqlite3_bind_int64(s, 1, d->sids[i]);
        r = store_step(st, s, "marking the Eyeball part", e);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    if (r == 0) {
        s = store_prepare(st, "INSERT INTO history(time, reviewer, sid, action, detail) "
                          "VALUES(?1, ?2, NULL, ?3, ?4)", e);
        r = s ? 0 : -1;
        if (s) {
            char *now = util_now_iso();
            store_bind_text(s, 1, now);
            store_bind_text(s, 2, util_reviewer());
            store_bind_text(s, 3, action);
            store_bind_text(s, 4, detail);
            r = store_step(st, s, "recording the Eyeball part in the history", e);
            free(now);
            sqlite3_finalize(s);
        }
    }
    return store_end_tx(st, r, e);
}

void store_part_abort(store_t *st)
{
    store_rollback(st);
}

void store_part_free(part_data_t *d)
{
    for (size_t i = 0; i < d->n; i++)
        free((char *)d->items[i].id);
    free(d->items);
    free(d->sids);
    memset(d, 0, sizeof *d);
}

long long store_part_eyeball_count(store_t *st, err_t *e)
{
    return store_query_int(st, "SELECT count(*) FROM samples WHERE split = 'dev' AND "
                           "part = 'eyeball'", NULL, e);
}

int store_part_blackbox(store_t *st, long long **sids, size_t *n, err_t *e)
{
    *sids = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT sid FROM samples WHERE split = 'dev' AND "
                                    "part IS NOT 'eyeball' ORDER BY sid", e);
    if (!s)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = store_step(st, s, "reading the Blackbox part", e)) > 0) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            *sids = xreallocarray(*sids, cap, sizeof **sids);
        }
        (*sids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (rc < 0) {
        free(*sids);
        *sids = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

int store_part_unseen_blackbox(store_t *st, long long sid, err_t *e)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT s.split IS 'dev' AND s.part IS NULL AND EXISTS(SELECT 1 FROM samples d"
            " WHERE d.split = 'dev' AND d.part = 'eyeball') AND NOT EXISTS(SELECT 1 FROM"
            " reviews r WHERE r.sid = s.sid) AND NOT EXISTS(SELECT 1 FROM tags t WHERE"
            " t.sid = s.sid) AND NOT EXISTS(SELECT 1 FROM fixes f WHERE f.sid = s.sid) AND"
            " NOT EXISTS(SELECT 1 FROM pass_items i WHERE i.sid = s.sid)"
            " FROM samples s WHERE s.sid = ?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    int rc = store_step(st, s, "reading the example's part", e);
    int r = rc > 0 ? sqlite3_column_int(s, 0) : rc < 0 ? -1 : 0;
    sqlite3_finalize(s);
    return r;
}
