/* store_review2.c: the pass tally, the "label is right" judgement, redo. */
#include "config.h"
#include "store_review2.h"
#include "store_review_int.h"
#include "store_verdicts.h"

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
        if (r == 0)
            r = store_verdict_decide_tx(st, sid, now, e);
    }
    free(label);
    free(now);
    return store_end_tx(st, r, e);
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

/* The actions store_undo can take back (the rows a redo may make again). */
static int is_change(const char *action)
{
    static const char *const changes[] = {"tag", "untag", "fix", "withdraw", "note", "review",
                                          "label-ok", "category-add", "category-rename",
                                          "category-rm", "concur"};
    for (size_t i = 0; i < sizeof changes / sizeof *changes; i++)
        if (strcmp(action, changes[i]) == 0)
            return 1;
    return 0;
}

static int has(const long long *v, size_t n, long long x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

static void push(long long **v, size_t *n, long long x)
{
    *v = xreallocarray(*v, *n + 1, sizeof **v);
    (*v)[(*n)++] = x;
}

/* The newest undo row of reviewer that can be redone: *undo_hid and the undone row's
 * hid, sid, action (caller frees) and detail (caller decrefs); *undo_hid = 0 when none. */
static int find_redo(store_t *st, const char *reviewer, long long *undo_hid, long long *sid,
                     char **action, json_t **detail, err_t *e)
{
    *undo_hid = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT hid, action, detail FROM history WHERE "
                                    "reviewer=?1 ORDER BY hid DESC", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, reviewer);
    long long *redone = NULL, *applied = NULL, undone = 0;
    size_t nredone = 0, napplied = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long h = sqlite3_column_int64(s, 0);
        const char *act = store_col_text(s, 1), *text = store_col_text(s, 2);
        json_t *d = text ? json_loads(text, 0, NULL) : NULL;
        long long part = json_integer_value(json_object_get(d, "part_of"));
        if (strcmp(act, "redo") == 0) {
            push(&redone, &nredone, json_integer_value(json_object_get(d, "redone")));
            push(&applied, &napplied, json_integer_value(json_object_get(d, "applied")));
        } else if (strcmp(act, "undo") == 0 && !has(redone, nredone, h)) {
            *undo_hid = h;
            undone = json_integer_value(json_object_get(d, "undone"));
        } else if (is_change(act) && !part && !has(applied, napplied, h)) {
            json_decref(d);
            break; /* a new change since the last undo: nothing to redo */
        }
        json_decref(d);
        if (*undo_hid)
            break;
    }
    sqlite3_finalize(s);
    free(redone);
    free(applied);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, e, "reading the history");
    if (!*undo_hid)
        return 0;
    s = store_prepare(st, "SELECT sid, action, detail FROM history WHERE hid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, undone);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *sid = sqlite3_column_int64(s, 0);
        *action = xstrdup(store_col_text(s, 1));
        const char *text = store_col_text(s, 2);
        *detail = text ? json_loads(text, 0, NULL) : NULL;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? err_set(e, EXIT_SYSTEM, "the history has no row %lld, "
                                           "which an undo names", undone)
                                 : store_fail(st, e, "reading the history");
    if (!json_is_object(*detail)) {
        json_decref(*detail);
        *detail = json_object();
    }
    return 0;
}

/* The newest history row of reviewer (0 when none). */
static long long last_of(store_t *st, const char *reviewer, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(max(hid), 0) FROM history WHERE "
                                    "reviewer=?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, reviewer);
    long long h = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return h < 0 ? store_fail(st, e, "reading the history") : h;
}

/* Makes the change of an undone row again. */
static int redo_change(store_t *st, const char *reviewer, long long sid, const char *action,
                       const json_t *d, const char *id, char *what, size_t whatlen, err_t *e)
{
    const char *name = json_string_value(json_object_get(d, "name"));
    const char *newl = json_string_value(json_object_get(d, "new"));
    long long cid = json_integer_value(json_object_get(d, "cid"));
    int r;
    if (strcmp(action, "tag") == 0 || strcmp(action, "untag") == 0) {
        int on = strcmp(action, "tag") == 0;
        r = store_tag(st, sid, cid, on, reviewer, e);
        snprintf(what, whatlen, "%s %s on %s", on ? "tagged" : "untagged", name ? name : "?", id);
    } else if (strcmp(action, "concur") == 0 && !newl) {
        r = store_fix_withdraw(st, sid, reviewer, e);
        snprintf(what, whatlen, "withdrew your proposal for %s", id);
    } else if (strcmp(action, "fix") == 0 || strcmp(action, "concur") == 0) {
        r = store_fix(st, sid, newl, json_string_value(json_object_get(d, "note")), 1, reviewer,
                      e);
        snprintf(what, whatlen, "staged the fix of %s to '%s'", id, newl ? newl : "?");
    } else if (strcmp(action, "withdraw") == 0) {
        r = store_fix_withdraw(st, sid, reviewer, e);
        snprintf(what, whatlen, "withdrew the fix of %s", id);
    } else if (strcmp(action, "note") == 0) {
        r = store_note(st, sid, json_string_value(json_object_get(d, "note")), reviewer, e);
        snprintf(what, whatlen, "set the note of %s again", id);
    } else if (strcmp(action, "review") == 0) {
        r = store_mark_reviewed(st, sid, reviewer, e);
        snprintf(what, whatlen, "%s marked reviewed", id);
    } else if (strcmp(action, "label-ok") == 0) {
        r = store_label_ok(st, sid, reviewer, e);
        snprintf(what, whatlen, "label of %s checked, right", id);
    } else if (strcmp(action, "category-add") == 0) {
        r = store_category_add_by(st, name, json_string_value(json_object_get(d, "key")),
                                  reviewer, NULL, e);
        snprintf(what, whatlen, "added category '%s'", name ? name : "?");
    } else if (strcmp(action, "category-rename") == 0) {
        const char *oldn = json_string_value(json_object_get(d, "old"));
        r = store_category_rename(st, oldn, newl, e);
        snprintf(what, whatlen, "renamed category '%s' to '%s'", oldn ? oldn : "?",
                 newl ? newl : "?");
    } else if (strcmp(action, "category-rm") == 0) {
        r = store_category_rm(st, name, 1, e);
        snprintf(what, whatlen, "removed category '%s'", name ? name : "?");
    } else {
        r = err_set(e, EXIT_USER, "cannot redo a change of kind '%s'", action);
    }
    return r;
}

int store_redo(store_t *st, const char *reviewer, long long *sid, char *what, size_t whatlen,
               err_t *e)
{
    char dummy[256];
    if (!what || !whatlen) {
        what = dummy;
        whatlen = sizeof dummy;
    }
    what[0] = '\0';
    *sid = 0;
    long long undo_hid = 0, before = last_of(st, reviewer, e);
    char *action = NULL;
    json_t *d = NULL;
    if (before < 0 || find_redo(st, reviewer, &undo_hid, sid, &action, &d, e) < 0)
        return -1;
    if (!undo_hid)
        return 1;
    char *id = *sid > 0 ? store_rv_sample_id(st, *sid, e) : xstrdup("");
    int r = id ? redo_change(st, reviewer, *sid, action, d, id, what, whatlen, e) : -1;
    /* The change and the redo row are two transactions: after a crash between them the
     * change is made and the undo still looks redoable; redoing it again then changes
     * nothing (or says why not). */
    long long after = r == 0 ? last_of(st, reviewer, e) : -1;
    if (after >= 0 && store_begin(st, e) == 0) {
        char *now = util_now_iso();
        json_t *detail = json_pack("{s:I,s:s}", "redone", (json_int_t)undo_hid, "action", action);
        if (after > before)
            json_object_set_new(detail, "applied", json_integer((json_int_t)after));
        r = store_rv_history(st, now, reviewer, *sid, "redo", detail, NULL, e);
        free(now);
        r = store_end_tx(st, r, e);
    } else {
        r = -1;
    }
    free(id);
    free(action);
    json_decref(d);
    return r;
}
