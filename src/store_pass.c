/* store_pass.c: the SQL of review passes. */
#include "config.h"
#include "store_pass.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pass_info_free(pass_info_t *p)
{
    if (!p)
        return;
    free(p->model);
    free(p->split);
    free(p->kind);
    free(p->reviewer);
    free(p->created);
    free(p->closed);
    free(p->part);
    free(p->against_name);
    memset(p, 0, sizeof *p);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

int store_model_pick(store_t *st, const char *name, long long *mid, char **out_name, err_t *e)
{
    sqlite3_stmt *s;
    if (name)
        s = store_prepare(st, "SELECT mid, name FROM models WHERE name = ?1", e);
    else
        s = store_prepare(st, "SELECT mid, name FROM models ORDER BY imported DESC, mid DESC "
                          "LIMIT 1", e);
    if (!s)
        return -1;
    if (name)
        store_bind_text(s, 1, name);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *mid = sqlite3_column_int64(s, 0);
        if (out_name)
            *out_name = xstrdup(store_col_text(s, 1));
        sqlite3_finalize(s);
        return 0;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "reading models");
    if (name) {
        long long n = store_query_int(st, "SELECT count(*) FROM models", NULL, e);
        return err_set(e, EXIT_USER, "no model named '%s'; %s", name,
                       n > 0 ? "'eyeball status' lists the models"
                             : "import predictions first: eyeball import preds FILE --model NAME");
    }
    return err_set(e, EXIT_USER, "the store has no predictions yet; import a model's predictions "
                   "first: eyeball import preds FILE --model NAME");
}

#define PASS_COLUMNS                                                                          \
    "p.pid, p.mid, m.name, p.split, p.kind, p.sample_n, p.correct_fraction, p.seed, "         \
    "p.errors_pool, p.correct_pool, p.reviewer, p.created, p.closed, "                        \
    "(SELECT count(*) FROM pass_items i WHERE i.pid = p.pid), "                               \
    "(SELECT count(*) FROM pass_items i JOIN reviews r ON r.sid = i.sid WHERE i.pid = p.pid), " \
    "p.part, p.against, (SELECT name FROM models a WHERE a.mid = p.against) "                \
    "FROM passes p JOIN models m ON m.mid = p.mid "

static void read_pass(sqlite3_stmt *s, pass_info_t *p)
{
    memset(p, 0, sizeof *p);
    p->pid = sqlite3_column_int64(s, 0);
    p->mid = sqlite3_column_int64(s, 1);
    p->model = dup_or_null(store_col_text(s, 2));
    p->split = dup_or_null(store_col_text(s, 3));
    p->kind = dup_or_null(store_col_text(s, 4));
    p->sample_n = (long)sqlite3_column_int64(s, 5);
    p->correct_fraction = sqlite3_column_double(s, 6);
    p->seed = (uint64_t)sqlite3_column_int64(s, 7);
    p->errors_pool = (long)sqlite3_column_int64(s, 8);
    p->correct_pool = (long)sqlite3_column_int64(s, 9);
    p->reviewer = dup_or_null(store_col_text(s, 10));
    p->created = dup_or_null(store_col_text(s, 11));
    p->closed = dup_or_null(store_col_text(s, 12));
    p->items = (long)sqlite3_column_int64(s, 13);
    p->reviewed = (long)sqlite3_column_int64(s, 14);
    p->part = dup_or_null(store_col_text(s, 15));
    p->against = sqlite3_column_int64(s, 16);
    p->against_name = dup_or_null(store_col_text(s, 17));
}

/* SQL: pass p is on the side of the Blackbox line that ?P names ("blackbox" or not). */
#define SAME_SIDE(P) "((" P " IS 'blackbox') = (p.part IS 'blackbox'))"

int store_pass_find_open(store_t *st, long long mid, const char *split, const char *kind,
                         const char *part, long long against, pass_info_t *p, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT " PASS_COLUMNS
                                    "WHERE p.mid = ?1 AND p.split = ?2 AND p.kind = ?3 "
                                    "AND p.closed IS NULL AND " SAME_SIDE("?4")
                                    " AND coalesce(p.against, 0) = ?5"
                                    " ORDER BY p.pid DESC LIMIT 1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, mid);
    store_bind_text(s, 2, split);
    store_bind_text(s, 3, kind);
    store_bind_text(s, 4, part);
    sqlite3_bind_int64(s, 5, against);
    int rc = sqlite3_step(s), r = 0;
    if (rc == SQLITE_ROW) {
        read_pass(s, p);
        r = 1;
    } else if (rc != SQLITE_DONE) {
        r = store_fail(st, e, "reading passes");
    }
    sqlite3_finalize(s);
    return r;
}

int store_pass_get(store_t *st, long long pid, pass_info_t *p, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT " PASS_COLUMNS "WHERE p.pid = ?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, pid);
    int rc = sqlite3_step(s), r = 0;
    if (rc == SQLITE_ROW)
        read_pass(s, p);
    else if (rc == SQLITE_DONE)
        r = err_set(e, EXIT_USER, "no review pass #%lld; 'eyeball status' lists the open passes",
                    pid);
    else
        r = store_fail(st, e, "reading passes");
    sqlite3_finalize(s);
    return r;
}

int store_pass_list(store_t *st, pass_info_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT " PASS_COLUMNS "ORDER BY p.pid", e);
    if (!s)
        return -1;
    size_t cap = 8, k = 0;
    pass_info_t *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        read_pass(s, &v[k++]);
    }
    sqlite3_finalize(s);
    *out = v;
    *n = k;
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "reading passes");
    return 0;
}

typedef struct sidvec {
    long long *v;
    size_t n, cap;
} sidvec_t;

static void sidvec_push(sidvec_t *s, long long x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
    }
    s->v[s->n++] = x;
}

int store_pass_pool(store_t *st, long long mid, const char *split, const char *part,
                    long long **errors, size_t *nerrors, long long **correct, size_t *ncorrect,
                    err_t *e)
{
    /* Ordered by the user's id, so the same data gives the same sample in any store. */
    sqlite3_stmt *s = store_prepare(st, "SELECT s.sid, p.pred <> s.label FROM preds p "
                                    "JOIN samples s ON s.sid = p.sid "
                                    "WHERE p.mid = ?1 AND s.split = ?2 AND (?3 IS NULL OR "
                                    "(s.part IS 'eyeball') = (?3 = 'eyeball')) ORDER BY s.id", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, mid);
    store_bind_text(s, 2, split);
    store_bind_text(s, 3, part);
    sidvec_t err = {0}, cor = {0};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (sqlite3_column_int(s, 1))
            sidvec_push(&err, sqlite3_column_int64(s, 0));
        else
            sidvec_push(&cor, sqlite3_column_int64(s, 0));
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(err.v);
        free(cor.v);
        return store_fail(st, e, "reading predictions");
    }
    *errors = err.v;
    *nerrors = err.n;
    *correct = cor.v;
    *ncorrect = cor.n;
    return 0;
}

int store_pass_broken_pool(store_t *st, long long mid, long long against, const char *split,
                           const char *part, long long **sids, size_t *n, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT s.sid FROM samples s"
                                    " JOIN preds pb ON pb.mid = ?1 AND pb.sid = s.sid"
                                    " JOIN preds pa ON pa.mid = ?2 AND pa.sid = s.sid"
                                    " WHERE s.split = ?3 AND (?4 IS NULL OR"
                                    " (s.part IS 'eyeball') = (?4 = 'eyeball'))"
                                    " AND pa.pred = s.label AND pb.pred <> s.label"
                                    " ORDER BY s.id", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, mid);
    sqlite3_bind_int64(s, 2, against);
    store_bind_text(s, 3, split);
    store_bind_text(s, 4, part);
    sidvec_t v = {0};
    int rc;
    while ((rc = store_step(st, s, "reading predictions", e)) > 0)
        sidvec_push(&v, sqlite3_column_int64(s, 0));
    sqlite3_finalize(s);
    if (rc < 0) {
        free(v.v);
        return -1;
    }
    *sids = v.v;
    *n = v.n;
    return 0;
}

int store_pass_create(store_t *st, const pass_info_t *p, const long long *sids,
                      const int *correct, char *const *reasons, size_t n, long long *pid,
                      err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    if (p->pid == 0) {
        /* Inside the write lock: did another process start a pass since the caller
         * looked? Then that one is the open pass, and none is made here. */
        sqlite3_stmt *q = store_prepare(st, "SELECT max(pid) FROM passes p WHERE mid = ?1 "
                                        "AND split = ?2 AND kind = ?3 AND closed IS NULL "
                                        "AND " SAME_SIDE("?4")
                                        " AND coalesce(p.against, 0) = ?5", e);
        if (!q) {
            store_rollback(st);
            return -1;
        }
        sqlite3_bind_int64(q, 1, p->mid);
        store_bind_text(q, 2, p->split);
        store_bind_text(q, 3, p->kind);
        store_bind_text(q, 4, p->part);
        sqlite3_bind_int64(q, 5, p->against);
        int rc = sqlite3_step(q);
        long long open = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW) {
            store_fail(st, e, "reading the review passes");
            store_rollback(st);
            return -1;
        }
        if (open > 0) {
            store_rollback(st);
            *pid = open;
            return 1;
        }
    }
    char *now = util_now_iso();
    sqlite3_stmt *s = NULL;
    s = store_prepare(st, "UPDATE passes AS p SET closed = ?4 WHERE mid = ?1 AND split = ?2 "
                      "AND kind = ?3 AND closed IS NULL AND " SAME_SIDE("?5")
                      " AND coalesce(p.against, 0) = ?6", e);
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, p->mid);
    store_bind_text(s, 2, p->split);
    store_bind_text(s, 3, p->kind);
    store_bind_text(s, 4, now);
    store_bind_text(s, 5, p->part);
    sqlite3_bind_int64(s, 6, p->against);
    if (sqlite3_step(s) != SQLITE_DONE)
        goto sqlfail;
    sqlite3_finalize(s);
    s = store_prepare(st, "INSERT INTO passes(mid, split, kind, sample_n, correct_fraction, "
                      "seed, reviewer, created, errors_pool, correct_pool, part, against) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)", e);
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, p->mid);
    store_bind_text(s, 2, p->split);
    store_bind_text(s, 3, p->kind);
    sqlite3_bind_int64(s, 4, p->sample_n);
    sqlite3_bind_double(s, 5, p->correct_fraction);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)p->seed);
    store_bind_text(s, 7, p->reviewer);
    store_bind_text(s, 8, now);
    sqlite3_bind_int64(s, 9, p->errors_pool);
    sqlite3_bind_int64(s, 10, p->correct_pool);
    store_bind_text(s, 11, p->part);
    if (p->against)
        sqlite3_bind_int64(s, 12, p->against);
    else
        sqlite3_bind_null(s, 12);
    if (sqlite3_step(s) != SQLITE_DONE)
        goto sqlfail;
    sqlite3_finalize(s);
    *pid = sqlite3_last_insert_rowid(st->db);
    s = store_prepare(st, "INSERT INTO pass_items(pid, pos, sid, correct, reason) "
                      "VALUES(?1,?2,?3,?4,?5)", e);
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, *pid);
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_int64(s, 3, sids[i]);
        sqlite3_bind_int(s, 4, correct ? correct[i] : 0);
        store_bind_text(s, 5, reasons ? reasons[i] : NULL);
        if (sqlite3_step(s) != SQLITE_DONE)
            goto sqlfail;
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    /* A pass over the Blackbox part is recorded as such: those examples are no longer
     * an unseen measure. */
    s = store_prepare(st, "INSERT INTO history(time, reviewer, action, detail) "
                      "VALUES(?1, ?2, 'pass', CASE WHEN ?5 IS NULL THEN json_object('pass', ?3,"
                      " 'items', ?4) ELSE json_object('pass', ?3, 'items', ?4, 'part', ?5)"
                      " END)", e);
    if (!s)
        goto fail;
    store_bind_text(s, 1, now);
    store_bind_text(s, 2, p->reviewer);
    sqlite3_bind_int64(s, 3, *pid);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)n);
    store_bind_text(s, 5, p->part);
    if (sqlite3_step(s) != SQLITE_DONE)
        goto sqlfail;
    sqlite3_finalize(s);
    free(now);
    return store_commit(st, e);
sqlfail:
    store_fail(st, e, "storing the review pass");
fail:
    sqlite3_finalize(s);
    free(now);
    store_rollback(st);
    return -1;
}

int store_pass_items(store_t *st, long long pid, long long **sids, int **reviewed, size_t *n,
                     err_t *e)
{
    /* Blind review: reviewed by this reviewer (a verdict of theirs). */
    sqlite3_stmt *s = store_prepare(st, "SELECT i.sid, CASE WHEN ?2 IS NULL THEN r.sid IS NOT NULL"
                                    " ELSE EXISTS(SELECT 1 FROM verdicts v WHERE v.sid = i.sid"
                                    " AND v.reviewer = ?2) END FROM pass_items i "
                                    "LEFT JOIN reviews r ON r.sid = i.sid WHERE i.pid = ?1 "
                                    "ORDER BY i.pos", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, pid);
    store_bind_text(s, 2, st->blind);
    size_t cap = 128, k = 0;
    long long *v = xmalloc(cap * sizeof *v);
    int *r = xmalloc(cap * sizeof *r);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
            r = xreallocarray(r, cap, sizeof *r);
        }
        v[k] = sqlite3_column_int64(s, 0);
        r[k] = sqlite3_column_int(s, 1);
        k++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(v);
        free(r);
        return store_fail(st, e, "reading the pass");
    }
    *sids = v;
    *reviewed = r;
    *n = k;
    return 0;
}

int store_pass_paths(store_t *st, long long pid, char ***paths, char ***reasons, size_t *n,
                     err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT s.path, i.reason FROM pass_items i JOIN samples s "
                                    "ON s.sid = i.sid WHERE i.pid = ?1 ORDER BY i.pos", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, pid);
    size_t cap = 128, k = 0;
    char **v = xmalloc(cap * sizeof *v);
    char **why = xmalloc(cap * sizeof *why);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
            why = xreallocarray(why, cap, sizeof *why);
        }
        v[k] = xstrdup(store_col_text(s, 0));
        why[k] = store_col_text(s, 1) ? xstrdup(store_col_text(s, 1)) : NULL;
        k++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < k; i++) {
            free(v[i]);
            free(why[i]);
        }
        free(v);
        free(why);
        return store_fail(st, e, "reading the pass");
    }
    *paths = v;
    *reasons = why;
    *n = k;
    return 0;
}

int store_pass_close(store_t *st, long long pid, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    sqlite3_stmt *s = store_prepare(st, "UPDATE passes SET closed = ?2 WHERE pid = ?1", e);
    int r = -1;
    if (s) {
        sqlite3_bind_int64(s, 1, pid);
        store_bind_text(s, 2, now);
        r = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, e, "closing the pass");
        sqlite3_finalize(s);
    }
    free(now);
    return store_end_tx(st, r, e);
}
