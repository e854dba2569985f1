/* store_review2.c: the pass tally, the "label is right" judgement, redo. */
#include "config.h"
#include "store_review2.h"
#include "store_review_int.h"

#include <stdlib.h>
#include <string.h>

int store_pass_summary(store_t *st, long long pid, long long *reviewed, long long *tagged,
                       long long *fixes, err_t *e)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT count(r.sid), "
            "count(CASE WHEN EXISTS(SELECT 1 FROM tags t WHERE t.sid=i.sid) THEN 1 END), "
            "count(CASE WHEN EXISTS(SELECT 1 FROM fixes f WHERE f.sid=i.sid AND "
            "f.status='staged') THEN 1 END) "
            "FROM pass_items i LEFT JOIN reviews r USING(sid) WHERE i.pid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, pid);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *reviewed = sqlite3_column_int64(s, 0);
        *tagged = sqlite3_column_int64(s, 1);
        *fixes = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_fail(st, e, "counting the pass's reviews");
}

int store_label_ok(store_t *st, long long sid, const char *reviewer, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    int r = -1;
    char *label = NULL;
    sqlite3_stmt *s = store_prepare(st, "SELECT label FROM samples WHERE sid=?1", e);
    if (s) {
        sqlite3_bind_int64(s, 1, sid);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            label = xstrdup(store_col_text(s, 0));
        else if (rc == SQLITE_DONE)
            err_set(e, EXIT_USER, "no sample with internal key %lld in the store", sid);
        else
            store_fail(st, e, "reading a sample");
        sqlite3_finalize(s);
    }
    if (label) {
        int created = store_rv_ensure_reviewed(st, sid, reviewer, now, e);
        if (created >= 0)
            r = store_rv_history(st, now, reviewer, sid, "label-ok",
                                 json_pack("{s:s,s:b}", "label", label, "review_created",
                                           created),
                                 NULL, e);
    }
    free(label);
    free(now);
    if (r < 0) {
        store_rollback(st);
        return -1;
    }
    return store_commit(st, e);
}

long long store_checked_labels(store_t *st, const char *split, err_t *e)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT count(DISTINCT h.sid) FROM history h JOIN samples s ON s.sid=h.sid "
            "WHERE h.action='label-ok' AND json_extract(h.detail, '$.label')=s.label "
            "AND (?1 IS NULL OR s.split=?1) AND NOT EXISTS(SELECT 1 FROM history u "
            "WHERE u.action='undo' AND json_extract(u.detail, '$.undone')=h.hid)", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, split);
    long long n = -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    else
        store_fail(st, e, "counting checked labels");
    sqlite3_finalize(s);
    return n;
}
