/* store_apply.c: the SQL of 'eyeball apply': staged fixes, the dev/test balance rule, and
 * applying every staged fix in one transaction. */
#include "config.h"
#include "store_apply.h"
#include "stats.h"
#include "store_int.h"
#include "store_verdicts.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A pass over dev and test together (the suspects queue stores split "dev,test"): the
 * same procedure on both by construction. */
#define JOINT_PASS                                                                            \
    "(',' || q.split || ',' LIKE '%,dev,%' AND ',' || q.split || ',' LIKE '%,test,%')"

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void apply_plan_free(apply_plan_t *p)
{
    for (size_t i = 0; i < p->nfixes; i++) {
        free(p->fixes[i].id);
        free(p->fixes[i].split);
        free(p->fixes[i].old_label);
        free(p->fixes[i].new_label);
    }
    for (size_t i = 0; i < p->nneeds; i++) {
        free(p->needs[i].model);
        free(p->needs[i].kind);
    }
    free(p->fixes);
    free(p->needs);
    free(p->outside_id);
    free(p->time);
    memset(p, 0, sizeof *p);
}

static int load_fixes(store_t *st, apply_plan_t *p, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT f.fid, f.sid, s.id, s.split, f.old_label,"
                                    " f.new_label, s.label FROM fixes f JOIN samples s"
                                    " ON s.sid = f.sid WHERE f.status = 'staged'"
                                    " ORDER BY f.fid", e);
    if (!s)
        return -1;
    size_t cap = 16;
    p->fixes = xcalloc(cap, sizeof *p->fixes);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (p->nfixes == cap) {
            cap *= 2;
            p->fixes = xreallocarray(p->fixes, cap, sizeof *p->fixes);
        }
        apply_fix_t *f = &p->fixes[p->nfixes++];
        f->fid = sqlite3_column_int64(s, 0);
        f->sid = sqlite3_column_int64(s, 1);
        f->id = xstrdup(store_col_text(s, 2));
        f->split = dup_or_null(store_col_text(s, 3));
        f->old_label = xstrdup(store_col_text(s, 4));
        f->new_label = xstrdup(store_col_text(s, 5));
        const char *label = store_col_text(s, 6);
        if (strcmp(label, f->old_label) != 0) {
            char *id = util_sanitize(f->id), *old = util_sanitize(f->old_label),
                 *now = util_sanitize(label), *nw = util_sanitize(f->new_label);
            err_set(e, EXIT_USER, "the staged fix of '%s' (%s -> %s) was made when its label was "
                    "'%s', but the label is now '%s'; stage it again (eyeball fix %s %s) or "
                    "withdraw it; nothing was applied", id, old, nw, old, now, id, nw);
            free(id);
            free(old);
            free(now);
            free(nw);
            sqlite3_finalize(s);
            return -1;
        }
        if (f->split && strcmp(f->split, "dev") == 0)
            p->dev_fixes++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "reading the staged fixes");
    return store_refuse_disputed_fixes(st, e);
}

/* One integer row of sql with ?1 bound to a and ?2 to text b (may be NULL) into v. */
static int ints(store_t *st, const char *sql, long long a, const char *b, long long *v, int n,
                err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, sql, e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, a);
    if (sqlite3_bind_parameter_count(s) >= 2)
        store_bind_text(s, 2, b);
    int rc = sqlite3_step(s);
    for (int i = 0; i < n; i++)
        v[i] = rc == SQLITE_ROW ? sqlite3_column_int64(s, i) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading the passes");
}

/* Misclassified and correctly classified examples of split ?2 held by model ?1's random
 * passes on that split and judged in a random pass. */
static const char reviewed_sql[] =
    "SELECT coalesce(sum(NOT c), 0), coalesce(sum(c), 0) FROM (SELECT i.sid, max(i.correct) AS c"
    " FROM pass_items i JOIN passes q ON q.pid = i.pid JOIN reviews r ON r.sid = i.sid"
    " JOIN passes rq ON rq.pid = r.pid WHERE q.mid = ?1 AND q.split = ?2"
    " AND q.kind = 'random' AND rq.kind = 'random' GROUP BY i.sid)";

/* The balance of model n->mid's random passes: what dev received against what test did. */
static int random_balance(store_t *st, long long mid, apply_need_t *n, err_t *e)
{
    long long v[3];
    if (ints(st, "SELECT errors_pool FROM passes WHERE mid = ?1 AND split = 'dev'"
             " AND kind = 'random' ORDER BY pid DESC LIMIT 1", mid, NULL, v, 1, e) < 0)
        return -1;
    n->dev_pool = v[0];
    if (ints(st, reviewed_sql, mid, "dev", v, 2, e) < 0)
        return -1;
    n->dev_reviewed = v[0];
    n->dev_correct = v[1];
    if (ints(st, reviewed_sql, mid, "test", v, 2, e) < 0)
        return -1;
    n->test_reviewed = v[0];
    n->test_correct = v[1];
    /* The test pool: as the newest test pass drew from, else as it is now. */
    if (ints(st, "SELECT errors_pool, 1 FROM passes WHERE mid = ?1 AND split = 'test'"
             " AND kind = 'random' ORDER BY pid DESC LIMIT 1", mid, NULL, v, 2, e) < 0)
        return -1;
    if (v[1]) {
        n->test_pool = v[0];
    } else {
        if (ints(st, "SELECT count(*), coalesce(sum(p.pred <> s.label), 0) FROM samples s"
                 " CROSS JOIN preds p ON p.mid = ?1 AND p.sid = s.sid WHERE s.split = 'test'",
                 mid, NULL, v, 2, e) < 0)
            return -1;
        n->test_pool = v[0] ? v[1] : -1;
    }
    n->test_expected = stats_same_share(n->dev_reviewed, n->dev_pool, n->test_pool);
    n->correct_expected = stats_same_share(n->dev_correct, n->dev_reviewed, n->test_expected);
    if (n->dev_reviewed > 0 && n->dev_correct == 0)
        n->correct_expected = 0;
    /* An open test pass and how many of its misclassified items are still to review. */
    if (ints(st, "SELECT q.pid, (SELECT count(*) FROM pass_items i WHERE i.pid = q.pid"
             " AND NOT i.correct AND NOT EXISTS(SELECT 1 FROM reviews r WHERE r.sid = i.sid))"
             " FROM passes q WHERE q.mid = ?1 AND q.split = 'test' AND q.kind = 'random'"
             " AND q.closed IS NULL ORDER BY q.pid DESC LIMIT 1", mid, NULL, v, 2, e) < 0)
        return -1;
    n->open_pid = v[0];
    n->open_left = v[1];
    if (n->test_pool == 0)
        return 1; /* nothing misclassified on test to review */
    if (n->test_pool < 0)
        return 0;
    return stats_counts_match(n->test_reviewed, n->test_expected) &&
           stats_counts_match(n->test_correct, n->correct_expected);
}

/* The balance of suspects pass n->pid: the share of its dev items reviewed against the
 * share of its test items. */
static int suspects_balance(store_t *st, apply_need_t *n, err_t *e)
{
    long long v[4];
    if (ints(st, "SELECT coalesce(sum(s.split = 'dev'), 0),"
             " coalesce(sum(s.split = 'dev' AND r.sid IS NOT NULL), 0),"
             " coalesce(sum(s.split = 'test'), 0),"
             " coalesce(sum(s.split = 'test' AND r.sid IS NOT NULL), 0)"
             " FROM pass_items i JOIN samples s ON s.sid = i.sid"
             " LEFT JOIN reviews r ON r.sid = i.sid WHERE i.pid = ?1", n->pid, NULL, v, 4, e) < 0)
        return -1;
    n->dev_pool = v[0];
    n->dev_reviewed = v[1];
    n->test_pool = v[2];
    n->test_reviewed = v[3];
    n->test_expected = stats_same_share(n->dev_reviewed, n->dev_pool, n->test_pool);
    if (ints(st, "SELECT closed IS NULL FROM passes WHERE pid = ?1", n->pid, NULL, v, 1, e) < 0)
        return -1;
    n->open_pid = v[0] ? n->pid : 0;
    return n->test_pool == 0 || stats_counts_match(n->test_reviewed, n->test_expected);
}

static apply_need_t *push_need(apply_plan_t *p, size_t *cap)
{
    if (p->nneeds == *cap) {
        *cap *= 2;
        p->needs = xreallocarray(p->needs, *cap, sizeof *p->needs);
    }
    apply_need_t *n = &p->needs[p->nneeds++];
    memset(n, 0, sizeof *n);
    return n;
}

/* The balance rule (store_apply.h): fills p->needs, dev_outside and no_test. */
static int check_balance(store_t *st, apply_plan_t *p, err_t *e)
{
    if (p->dev_fixes == 0)
        return 0;
    long long ntest = store_query_int(st, "SELECT count(*) FROM samples WHERE split = 'test'",
                                      NULL, e);
    if (ntest < 0)
        return -1;
    if (ntest == 0) {
        p->no_test = 1;
        return 0;
    }
    /* Per model: its random dev passes that hold a staged dev fix; then per suspects pass
     * that holds one. */
    sqlite3_stmt *s = store_prepare(
        st, "SELECT max(q.pid), m.name, q.kind, count(DISTINCT f.sid), q.mid"
        " FROM passes q JOIN models m ON m.mid = q.mid"
        " JOIN pass_items i ON i.pid = q.pid JOIN samples s ON s.sid = i.sid"
        " JOIN fixes f ON f.sid = i.sid AND f.status = 'staged'"
        " WHERE s.split = 'dev' AND ((q.split = 'dev' AND q.kind = 'random')"
        " OR q.kind = 'suspects')"
        " GROUP BY q.mid, q.kind = 'suspects', CASE WHEN q.kind = 'suspects' THEN q.pid END"
        " ORDER BY q.kind = 'suspects', max(q.pid)", e);
    if (!s)
        return -1;
    size_t cap = 4;
    p->needs = xcalloc(cap, sizeof *p->needs);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        apply_need_t *n = push_need(p, &cap);
        n->pid = sqlite3_column_int64(s, 0);
        n->model = xstrdup(store_col_text(s, 1));
        n->kind = xstrdup(store_col_text(s, 2));
        n->fixes = sqlite3_column_int64(s, 3);
        int suspects = strcmp(n->kind, "suspects") == 0;
        int ok = suspects ? suspects_balance(st, n, e)
                          : random_balance(st, sqlite3_column_int64(s, 4), n, e);
        if (ok < 0)
            break;
        if (ok) {
            free(n->model);
            free(n->kind);
            p->nneeds--;
        }
    }
    sqlite3_finalize(s);
    if (e && e->code)
        return -1;
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "reading the dev passes");
    s = store_prepare(st, "SELECT s.id, count(*) OVER () FROM fixes f JOIN samples s"
                      " ON s.sid = f.sid WHERE f.status = 'staged' AND s.split = 'dev'"
                      " AND NOT EXISTS (SELECT 1 FROM pass_items i JOIN passes q ON q.pid = i.pid"
                      " WHERE i.sid = f.sid AND ((q.split = 'dev' AND q.kind = 'random') OR "
                      JOINT_PASS "))"
                      " ORDER BY f.fid LIMIT 1", e);
    if (!s)
        return -1;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        p->outside_id = xstrdup(store_col_text(s, 0));
        p->dev_outside = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, e, "reading the staged fixes");
    return 0;
}

static int write_history(sqlite3_stmt *h, const char *time, const char *reviewer, long long sid,
                         const char *action, const char *detail)
{
    store_bind_text(h, 1, time);
    store_bind_text(h, 2, reviewer);
    if (sid > 0)
        sqlite3_bind_int64(h, 3, sid);
    else
        sqlite3_bind_null(h, 3);
    store_bind_text(h, 4, action);
    store_bind_text(h, 5, detail);
    int rc = sqlite3_step(h);
    sqlite3_reset(h);
    return rc == SQLITE_DONE ? 0 : -1;
}

static char *override_detail(const apply_plan_t *p)
{
    strbuf_t b;
    strbuf_init(&b);
    strbuf_addf(&b, "{\"option\":\"--force-dev-only\",\"dev_fixes\":%lld,\"fixes\":%zu,"
                "\"dev_outside_passes\":%lld,\"unmatched_dev_passes\":[", p->dev_fixes,
                p->nfixes, p->dev_outside);
    for (size_t i = 0; i < p->nneeds; i++)
        strbuf_addf(&b, "%s%lld", i ? "," : "", p->needs[i].pid);
    strbuf_adds(&b, "]}");
    char *r = strbuf_detach(&b);
    strbuf_done(&b);
    return r;
}

static int apply_all(store_t *st, const apply_plan_t *p, const char *reviewer, err_t *e)
{
    sqlite3_stmt *lab = store_prepare(st, "UPDATE samples SET label = ?2 WHERE sid = ?1", e);
    sqlite3_stmt *fix = store_prepare(st, "UPDATE fixes SET status = 'applied', applied = ?2"
                                      " WHERE fid = ?1 AND status = 'staged'", e);
    sqlite3_stmt *his = store_prepare(st, "INSERT INTO history(time, reviewer, sid, action, detail)"
                                      " VALUES(?1, ?2, ?3, ?4, ?5)", e);
    int r = -1;
    if (!lab || !fix || !his)
        goto out;
    strbuf_t d;
    strbuf_init(&d);
    for (size_t i = 0; i < p->nfixes; i++) {
        const apply_fix_t *f = &p->fixes[i];
        sqlite3_bind_int64(lab, 1, f->sid);
        store_bind_text(lab, 2, f->new_label);
        sqlite3_bind_int64(fix, 1, f->fid);
        store_bind_text(fix, 2, p->time);
        strbuf_reset(&d);
        strbuf_addf(&d, "{\"fid\":%lld,\"old\":", f->fid);
        strbuf_add_json(&d, f->old_label, strlen(f->old_label));
        strbuf_adds(&d, ",\"new\":");
        strbuf_add_json(&d, f->new_label, strlen(f->new_label));
        strbuf_adds(&d, ",\"split\":");
        if (f->split)
            strbuf_add_json(&d, f->split, strlen(f->split));
        else
            strbuf_adds(&d, "null");
        strbuf_addc(&d, '}');
        /* One statement after the other: a failed one stops here with its own message. */
        int bad = store_step(st, lab, "applying the fixes", e) != 0;
        sqlite3_reset(lab);
        if (!bad) {
            bad = store_step(st, fix, "applying the fixes", e) != 0;
            sqlite3_reset(fix);
        }
        if (!bad && write_history(his, p->time, reviewer, f->sid, "apply", d.buf) < 0)
            bad = store_fail(st, e, "applying the fixes");
        if (bad) {
            strbuf_done(&d);
            goto out;
        }
    }
    strbuf_done(&d);
    if (p->overridden) {
        char *detail = override_detail(p);
        int bad = write_history(his, p->time, reviewer, 0, "apply-override", detail) < 0;
        free(detail);
        if (bad) {
            store_fail(st, e, "recording the override");
            goto out;
        }
    }
    r = 0;
out:
    sqlite3_finalize(lab);
    sqlite3_finalize(fix);
    sqlite3_finalize(his);
    return r;
}

int store_apply(store_t *st, int dry_run, int force, const char *reviewer, apply_plan_t *p,
                err_t *e)
{
    memset(p, 0, sizeof *p);
    p->time = util_now_iso();
    if ((dry_run ? store_begin_read(st, e) : store_begin(st, e)) < 0)
        return -1;
    if (load_fixes(st, p, e) < 0 || check_balance(st, p, e) < 0)
        goto fail;
    if (p->nneeds || p->dev_outside) {
        if (!force) {
            store_rollback(st);
            return 1;
        }
        p->overridden = 1;
    }
    if (dry_run || p->nfixes == 0) {
        store_rollback(st);
        return 0;
    }
    if (apply_all(st, p, reviewer, e) < 0)
        goto fail;
    return store_commit(st, e);
fail:
    store_rollback(st);
    return -1;
}
