/* store_review.c: what a reviewer does to one example: tag, untag, fix, withdraw, note,
 * mark reviewed. Each public call is one write transaction that changes the state
 * tables and appends its history rows (formats in store_review_int.h). */
#include "config.h"
#include "store_review_int.h"
#include "store_verdicts.h"

#include <stdlib.h>
#include <string.h>

/* Notes and new labels longer than this are refused: they are typed, not pasted files. */
#define REVIEW_NOTE_MAX STORE_NOTE_MAX
#define REVIEW_LABEL_MAX 200

/* ---- helpers shared with store_categories.c and store_undo.c ---- */

int store_rv_history(store_t *st, const char *now, const char *reviewer, long long sid,
                     const char *action, json_t *detail, long long *hid, err_t *e)
{
    char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(detail);
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO history(time,reviewer,sid,action,detail) "
                                    "VALUES(?1,?2,?3,?4,?5)", e);
    if (!s) {
        free(text);
        return -1;
    }
    store_bind_text(s, 1, now);
    store_bind_text(s, 2, reviewer);
    if (sid > 0)
        sqlite3_bind_int64(s, 3, sid);
    store_bind_text(s, 4, action);
    store_bind_text(s, 5, text);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    free(text);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "recording the change in the history");
    if (hid)
        *hid = sqlite3_last_insert_rowid(st->db);
    return 0;
}

static sqlite3_stmt *prep2(store_t *st, const char *sql, long long a, long long b, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, sql, e);
    if (!s)
        return NULL;
    if (sqlite3_bind_parameter_count(s) >= 1)
        sqlite3_bind_int64(s, 1, a);
    if (sqlite3_bind_parameter_count(s) >= 2)
        sqlite3_bind_int64(s, 2, b);
    return s;
}

long long store_rv_int(store_t *st, const char *sql, long long a, long long b, err_t *e)
{
    sqlite3_stmt *s = prep2(st, sql, a, b, e);
    if (!s)
        return -1;
    long long v = 0;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        v = store_fail(st, e, "reading the store");
    sqlite3_finalize(s);
    return v;
}

int store_rv_exec(store_t *st, const char *sql, long long a, long long b, err_t *e)
{
    sqlite3_stmt *s = prep2(st, sql, a, b, e);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "updating the store");
}

/* The pass a judgement of example ?1 is made in: the review UI's pass (?2) when it holds
 * the example, else the newest random pass holding it, open ones first, else the newest
 * suspects pass holding it; NULL when no pass holds it. */
#define JUDGED_IN_PASS                                                                        \
    "coalesce((SELECT i.pid FROM pass_items i WHERE i.pid = ?2 AND i.sid = ?1 LIMIT 1),"     \
    " (SELECT q.pid FROM pass_items i JOIN passes q ON q.pid = i.pid WHERE i.sid = ?1"      \
    " ORDER BY q.kind <> 'random', q.closed IS NULL DESC, q.pid DESC LIMIT 1))"

int store_rv_ensure_reviewed(store_t *st, long long sid, const char *reviewer, const char *now,
                             err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO reviews(sid,reviewer,time,pid) "
                                    "VALUES(?1,?3,?4," JUDGED_IN_PASS ") "
                                    "ON CONFLICT(sid) DO NOTHING", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    sqlite3_bind_int64(s, 2, st->review_pass);
    store_bind_text(s, 3, reviewer);
    store_bind_text(s, 4, now);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "marking the example reviewed");
    int created = sqlite3_changes(st->db) == 1;
    if (created)
        return 1;
    /* Judged again, now in a random pass, after a judgement outside any (a suspects pass,
     * or no pass): from now on the random pass has judged it too. */
    s = store_prepare(st, "UPDATE reviews SET pid = " JUDGED_IN_PASS " WHERE sid = ?1"
                      " AND coalesce((SELECT kind FROM passes WHERE pid = reviews.pid),"
                      " 'none') <> 'random'"
                      " AND (SELECT kind FROM passes WHERE pid = " JUDGED_IN_PASS ") = 'random'",
                      e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    sqlite3_bind_int64(s, 2, st->review_pass);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "marking the example reviewed");
    return 0;
}

int store_rv_drop_bare_review(store_t *st, long long sid, err_t *e)
{
    return store_rv_exec(st, "DELETE FROM reviews WHERE sid=?1 AND (note IS NULL OR note='') "
                         "AND NOT EXISTS(SELECT 1 FROM tags WHERE sid=?1) "
                         "AND NOT EXISTS(SELECT 1 FROM fixes WHERE sid=?1 "
                         "AND status IN ('staged','applied'))", sid, 0, e);
}

/* The text in the first column of sql's one row for key (?1): 1 and *out (caller
 * frees), 0 when there is no row, -1 with e set on a failure while doing. */
static int text_by_key(store_t *st, const char *sql, long long key, char **out,
                       const char *doing, err_t *e)
{
    sqlite3_stmt *s = prep2(st, sql, key, 0, e);
    if (!s)
        return -1;
    int rc = sqlite3_step(s), r = 0;
    if (rc == SQLITE_ROW) {
        *out = xstrdup(store_col_text(s, 0));
        r = 1;
    } else if (rc != SQLITE_DONE) {
        r = store_fail(st, e, doing);
    }
    sqlite3_finalize(s);
    return r;
}

char *store_rv_sample_id(store_t *st, long long sid, err_t *e)
{
    char *id = NULL;
    if (text_by_key(st, "SELECT id FROM samples WHERE sid=?1", sid, &id, "reading a sample",
                    e) == 0)
        err_set(e, EXIT_USER, "no sample with internal key %lld in the store", sid);
    return id;
}

int store_rv_fix_status(store_t *st, long long fid, const char *status, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "UPDATE fixes SET status=?2 WHERE fid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, fid);
    store_bind_text(s, 2, status);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "changing a fix");
}

long long store_rv_staged_fid(store_t *st, long long sid, err_t *e)
{
    return store_rv_int(st, "SELECT fid FROM fixes WHERE sid=?1 AND status='staged' "
                        "ORDER BY fid DESC LIMIT 1", sid, 0, e);
}

/* ---- lookups ---- */

long long store_sample_sid(store_t *st, const char *id, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT sid FROM samples WHERE id=?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, id);
    long long sid = -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        sid = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE) {
        char *safe = util_sanitize(id);
        err_set(e, EXIT_USER, "unknown sample id '%s'; ids are those of the samples file "
                "('eyeball export samples' lists them)", safe);
        free(safe);
    } else if (rc != SQLITE_ROW) {
        store_fail(st, e, "looking up a sample");
    }
    return sid;
}

long long store_history_last(store_t *st, err_t *e)
{
    return store_query_int(st, "SELECT coalesce(max(hid),0) FROM history", NULL, e);
}

/* ---- tags ---- */

/* Ticks or clears cid on sid inside the caller's transaction; *changed tells whether
 * anything changed. The category must exist. */
static int tag_tx(store_t *st, long long sid, long long cid, const char *cname, int on,
                  const char *reviewer, const char *now, int *changed, err_t *e)
{
    sqlite3_stmt *s = prep2(st, "SELECT reviewer, time FROM tags WHERE sid=?1 AND cid=?2", sid,
                            cid, e);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite3_finalize(s);
        return store_fail(st, e, "reading tags");
    }
    int has = rc == SQLITE_ROW;
    char *old_rev = has && store_col_text(s, 0) ? xstrdup(store_col_text(s, 0)) : NULL;
    char *old_time = has ? xstrdup(store_col_text(s, 1)) : NULL;
    sqlite3_finalize(s);
    /* Each reviewer ticks for themselves (verdict_tags): bob's tick stands beside alice's,
     * and bob clearing his leaves the team's tag while another reviewer still holds it. */
    long long mine = 0, others = 0;
    sqlite3_stmt *v = store_prepare(st, "SELECT coalesce(sum(reviewer = ?3), 0),"
                                    " coalesce(sum(reviewer <> ?3), 0) FROM verdict_tags"
                                    " WHERE sid = ?1 AND cid = ?2", e);
    if (!v) {
        free(old_rev);
        free(old_time);
        return -1;
    }
    sqlite3_bind_int64(v, 1, sid);
    sqlite3_bind_int64(v, 2, cid);
    store_bind_text(v, 3, reviewer ? reviewer : "");
    int vr = store_step(st, v, "reading tags", e);
    if (vr > 0) {
        mine = sqlite3_column_int64(v, 0);
        others = sqlite3_column_int64(v, 1);
    }
    sqlite3_finalize(v);
    if (vr < 0) {
        free(old_rev);
        free(old_time);
        return -1;
    }
    /* A team tag nobody holds as their own (made before verdicts were kept by a reviewer
     * no longer named): it is the team's, anyone may clear it. */
    if (!on && has && !mine && !others)
        mine = 1;
    int team_changes = on ? !has : (has && !others);
    *changed = on ? !mine : mine != 0;
    int r = 0;
    if (team_changes) {
        if (on) {
            s = store_prepare(st, "INSERT INTO tags(sid,cid,reviewer,time) VALUES(?1,?2,?3,?4)", e);
            if (!s) {
                r = -1;
                goto out;
            }
            sqlite3_bind_int64(s, 1, sid);
            sqlite3_bind_int64(s, 2, cid);
            store_bind_text(s, 3, reviewer);
            store_bind_text(s, 4, now);
            rc = sqlite3_step(s);
            sqlite3_finalize(s);
            if (rc != SQLITE_DONE) {
                r = store_fail(st, e, "tagging the example");
                goto out;
            }
        } else if ((r = store_rv_exec(st, "DELETE FROM tags WHERE sid=?1 AND cid=?2", sid, cid,
                                      e)) < 0) {
            goto out;
        }
    }
    int created = store_rv_ensure_reviewed(st, sid, reviewer, now, e);
    if (created < 0) {
        r = -1;
        goto out;
    }
    if (*changed) {
        json_t *d = json_pack("{s:I,s:s,s:b}", "cid", (json_int_t)cid, "name", cname,
                              "review_created", created);
        if (!team_changes)
            json_object_set_new(d, "team_unchanged", json_true());
        if (!on)
            json_object_set_new(d, "tag_reviewer", old_rev ? json_string(old_rev) : json_null());
        if (!on && old_time)
            json_object_set_new(d, "tag_time", json_string(old_time));
        r = store_rv_history(st, now, reviewer, sid, on ? "tag" : "untag", d, NULL, e);
    } else if (created) {
        /* Nothing to tick, but the example counts as reviewed now. */
        r = store_rv_history(st, now, reviewer, sid, "review",
                             json_pack("{s:b}", "review_created", 1), NULL, e);
    }
out:
    free(old_rev);
    free(old_time);
    return r;
}

/* The category name of cid, or NULL with a user error. Caller frees. */
static char *category_name(store_t *st, long long cid, err_t *e)
{
    char *name = NULL;
    if (text_by_key(st, "SELECT name FROM categories WHERE cid=?1", cid, &name,
                    "reading categories", e) == 0)
        err_set(e, EXIT_USER, "no category with id %lld; 'eyeball categories' lists them", cid);
    return name;
}

int store_tag(store_t *st, long long sid, long long cid, int on, const char *reviewer, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    char *id = store_rv_sample_id(st, sid, e);
    char *name = id ? category_name(st, cid, e) : NULL;
    int changed = 0;
    int r = name ? tag_tx(st, sid, cid, name, on, reviewer, now, &changed, e) : -1;
    free(id);
    free(name);
    free(now);
    return store_end_tx(st, r, e);
}

int store_tag_names(store_t *st, long long sid, char *const *names, size_t n, int on,
                    const char *reviewer, int *changed, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    long long *cids = xcalloc(n ? n : 1, sizeof *cids);
    char *id = store_rv_sample_id(st, sid, e);
    int r = id ? store_rv_seed_tx(st, reviewer, now, e) : -1;
    for (size_t i = 0; r == 0 && i < n; i++) {
        cids[i] = store_category_find(st, names[i], e);
        if (cids[i] < 0)
            r = -1;
        else if (cids[i] == 0) {
            char *safe = util_sanitize(names[i]);
            r = err_set(e, EXIT_USER, "unknown category '%s'; 'eyeball categories' lists them, "
                        "'eyeball categories add %s' adds it", safe, safe);
            free(safe);
        }
    }
    for (size_t i = 0; r == 0 && i < n; i++) {
        int ch = 0;
        /* The same name given twice: the second finds it done. */
        r = tag_tx(st, sid, cids[i], names[i], on, reviewer, now, &ch, e);
        if (changed)
            changed[i] = ch;
    }
    free(cids);
    free(id);
    free(now);
    return store_end_tx(st, r, e);
}

/* ---- notes and marks ---- */

int store_note(store_t *st, long long sid, const char *note, const char *reviewer, err_t *e)
{
    if (note && !*note)
        note = NULL;
    size_t bad;
    if (note && strlen(note) > REVIEW_NOTE_MAX)
        return err_set(e, EXIT_USER, "the note is %zu bytes long; keep it under %d",
                       strlen(note), REVIEW_NOTE_MAX);
    if (note && !util_utf8_valid(note, strlen(note), &bad))
        return err_set(e, EXIT_USER, "the note is not valid UTF-8 (byte %zu)", bad + 1);
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    char *prev = NULL;
    int r = -1;
    char *id = store_rv_sample_id(st, sid, e);
    if (!id)
        goto out;
    sqlite3_stmt *s = prep2(st, "SELECT note FROM reviews WHERE sid=?1", sid, 0, e);
    if (!s)
        goto out;
    int step = store_step(st, s, "reading the note", e);
    if (step > 0 && store_col_text(s, 0) && *store_col_text(s, 0))
        prev = xstrdup(store_col_text(s, 0));
    sqlite3_finalize(s);
    if (step < 0)
        goto out;
    int created = store_rv_ensure_reviewed(st, sid, reviewer, now, e);
    if (created < 0)
        goto out;
    int same = (!prev && !note) || (prev && note && strcmp(prev, note) == 0);
    /* The team's note may be another reviewer's: the same words are news for this one. */
    long long mine = 0;
    s = store_prepare(st, "SELECT coalesce((SELECT note IS ?3 FROM verdicts WHERE sid = ?1"
                      " AND reviewer = ?2), ?3 IS NULL)", e);
    if (!s)
        goto out;
    sqlite3_bind_int64(s, 1, sid);
    store_bind_text(s, 2, reviewer ? reviewer : "");
    store_bind_text(s, 3, note);
    step = store_step(st, s, "reading the note", e);
    if (step > 0)
        mine = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (step < 0)
        goto out;
    if (same && !created && mine) {
        r = 0;
        goto out;
    }
    if (!same) {
        s = store_prepare(st, "UPDATE reviews SET note=?2 WHERE sid=?1", e);
        if (!s)
            goto out;
        sqlite3_bind_int64(s, 1, sid);
        store_bind_text(s, 2, note);
        int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) {
            store_fail(st, e, "saving the note");
            goto out;
        }
    }
    r = store_rv_history(st, now, reviewer, sid, "note",
                         json_pack("{s:s?,s:s?,s:b}", "note", note, "prev", prev,
                                   "review_created", created),
                         NULL, e);
out:
    free(id);
    free(prev);
    free(now);
    return store_end_tx(st, r, e);
}

int store_mark_reviewed(store_t *st, long long sid, const char *reviewer, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    int r = -1;
    char *id = store_rv_sample_id(st, sid, e);
    if (id) {
        int created = store_rv_ensure_reviewed(st, sid, reviewer, now, e);
        /* The reviewer's own mark (verdicts.done) counts too: in a double review the
         * others' verdicts show once the reviewer has marked theirs. */
        sqlite3_stmt *s = created < 0 ? NULL
                          : store_prepare(st, "SELECT 1 FROM verdicts WHERE sid=?1 AND "
                                          "reviewer=?2 AND done", e);
        int done = -1;
        if (s) {
            sqlite3_bind_int64(s, 1, sid);
            store_bind_text(s, 2, reviewer ? reviewer : "");
            done = store_step(st, s, "reading a verdict", e);
            sqlite3_finalize(s);
        }
        if (created < 0 || done < 0)
            r = -1;
        else if (created == 1 || !done)
            r = store_rv_history(st, now, reviewer, sid, "review",
                                 json_pack("{s:b}", "review_created", created), NULL, e);
        else
            r = 0;
        if (r == 0)
            r = store_verdict_decide_tx(st, sid, now, e);
    }
    free(id);
    free(now);
    return store_end_tx(st, r, e);
}
