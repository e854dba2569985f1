/* store_undo.c: walking back a reviewer's changes through the history table. The history
 * is never rewritten: an undo is one more row ("undo", {"undone": hid}) and the state
 * tables go back to what the undone row recorded. */
#include "config.h"
#include "store_review_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The actions undo knows how to revert; other rows (apply, category-seed, ...) are
 * passed over. */
static const char *const undoable[] = {"tag",  "untag",  "fix",          "withdraw",
                                       "note", "review", "category-add", "category-rename",
                                       "category-rm", "label-ok", "concur"};

typedef struct undo_ctx {
    store_t *st;
    long long sid;      /* example of the undone row, 0 for categories */
    char *id;           /* its user id, or NULL */
    json_t *d;          /* the undone row's detail */
    const char *now;
    const char *reviewer; /* who undoes (the undone row's reviewer) */
    char *what;
    size_t whatlen;
} undo_ctx_t;

static void say(undo_ctx_t *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(undo_ctx_t *u, const char *fmt, ...)
{
    if (!u->what || !u->whatlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->what, u->whatlen, fmt, ap);
    va_end(ap);
}

static long long dint(const json_t *d, const char *k)
{
    return json_integer_value(json_object_get(d, k));
}

static const char *dstr(const json_t *d, const char *k)
{
    return json_string_value(json_object_get(d, k));
}

/* The current name of category cid in *name (caller frees; NULL when it is gone).
 * Returns 0, or -1 with e set when the store cannot be read: never "gone" on an error. */
static int cat_name(store_t *st, long long cid, char **name, err_t *e)
{
    *name = NULL;
    sqlite3_stmt *s = store_prepare(st, "SELECT name FROM categories WHERE cid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, cid);
    int r = store_step(st, s, "reading a category", e);
    if (r > 0)
        *name = xstrdup(store_col_text(s, 0));
    sqlite3_finalize(s);
    return r < 0 ? -1 : 0;
}

static int insert_tag(store_t *st, long long sid, long long cid, const char *reviewer,
                      const char *time, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO tags(sid,cid,reviewer,time) "
                                    "SELECT ?1,?2,?3,?4 WHERE EXISTS(SELECT 1 FROM categories "
                                    "WHERE cid=?2) AND EXISTS(SELECT 1 FROM samples WHERE sid=?1) "
                                    "ON CONFLICT DO NOTHING", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    sqlite3_bind_int64(s, 2, cid);
    store_bind_text(s, 3, reviewer);
    store_bind_text(s, 4, time);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "restoring a tag");
}

static int drop_if_created(undo_ctx_t *u, err_t *e)
{
    if (!json_is_true(json_object_get(u->d, "review_created")))
        return 0;
    return store_rv_drop_bare_review(u->st, u->sid, e);
}

static int undo_tag(undo_ctx_t *u, int was_on, err_t *e)
{
    long long cid = dint(u->d, "cid");
    char *name;
    if (cat_name(u->st, cid, &name, e) < 0)
        return -1;
    int r;
    if (was_on) {
        /* The team's tag stays while another reviewer holds it as their own. */
        sqlite3_stmt *s = store_prepare(u->st, "DELETE FROM tags WHERE sid=?1 AND cid=?2 AND "
                                        "NOT EXISTS(SELECT 1 FROM verdict_tags v WHERE "
                                        "v.sid=?1 AND v.cid=?2 AND v.reviewer<>?3)", e);
        if (!s) {
            free(name);
            return -1;
        }
        sqlite3_bind_int64(s, 1, u->sid);
        sqlite3_bind_int64(s, 2, cid);
        store_bind_text(s, 3, u->reviewer ? u->reviewer : "");
        r = store_step(u->st, s, "undoing a tag", e) < 0 ? -1 : 0;
        sqlite3_finalize(s);
    } else if (!name) {
        r = err_set(e, EXIT_USER, "cannot undo untagging '%s' on '%s': the category has been "
                    "removed since", dstr(u->d, "name"), u->id);
    } else {
        const char *time = dstr(u->d, "tag_time");
        r = insert_tag(u->st, u->sid, cid, dstr(u->d, "tag_reviewer"), time ? time : u->now, e);
    }
    if (r == 0)
        r = drop_if_created(u, e);
    say(u, "%s %s on %s", was_on ? "untagged" : "tagged again", name ? name : dstr(u->d, "name"),
        u->id);
    free(name);
    return r;
}

/* Stages fid again when it is withdrawn and sid has no other staged fix; 1 when done. */
static int restage(store_t *st, long long sid, long long fid, err_t *e)
{
    if (fid <= 0)
        return 0;
    long long ok = store_rv_int(st, "SELECT status='withdrawn' AND NOT EXISTS(SELECT 1 FROM "
                                "fixes WHERE sid=?2 AND status='staged') FROM fixes WHERE fid=?1",
                                fid, sid, e);
    if (ok <= 0)
        return (int)ok;
    return store_rv_fix_status(st, fid, "staged", e) < 0 ? -1 : 1;
}

/* Withdraws fid when it is staged. */
static int unstage(store_t *st, long long fid, err_t *e)
{
    if (fid <= 0)
        return 0;
    return store_rv_exec(st, "UPDATE fixes SET status='withdrawn' WHERE fid=?1 AND "
                         "status='staged'", fid, 0, e);
}

static int undo_fix(undo_ctx_t *u, err_t *e)
{
    store_t *st = u->st;
    long long fid = dint(u->d, "fid");
    long long applied = store_rv_int(st, "SELECT count(*) FROM fixes WHERE fid=?1 AND "
                                     "status='applied'", fid, 0, e);
    if (applied < 0)
        return -1;
    if (applied)
        return err_set(e, EXIT_USER, "cannot undo the fix of '%s' to '%s': it has been applied "
                       "since; fix the label again instead", u->id, dstr(u->d, "new"));
    if (unstage(st, fid, e) < 0)
        return -1;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(u->d, "copies"), i, c) {
        long long csid = dint(c, "sid");
        if (unstage(st, dint(c, "fid"), e) < 0 || restage(st, csid, dint(c, "prev_fid"), e) < 0)
            return -1;
    }
    int back = restage(st, u->sid, dint(u->d, "prev_fid"), e);
    if (back < 0)
        return -1;
    json_array_foreach(json_object_get(u->d, "ticked"), i, c) {
        if (store_rv_exec(st, "DELETE FROM tags WHERE sid=?1 AND cid=?2", u->sid,
                          json_integer_value(c), e) < 0)
            return -1;
    }
    if (drop_if_created(u, e) < 0)
        return -1;
    char *prev = NULL;
    if (back) {
        sqlite3_stmt *s = store_prepare(st, "SELECT new_label FROM fixes WHERE fid=?1", e);
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, dint(u->d, "prev_fid"));
        int step = store_step(st, s, "reading the fix staged again", e);
        if (step > 0)
            prev = xstrdup(store_col_text(s, 0));
        sqlite3_finalize(s);
        if (step < 0)
            return -1;
    }
    if (prev)
        say(u, "withdrew the fix of %s to '%s'; the fix to '%s' is staged again", u->id,
            dstr(u->d, "new"), prev);
    else
        say(u, "withdrew the fix of %s to '%s'", u->id, dstr(u->d, "new"));
    free(prev);
    return 0;
}

static int undo_withdraw(undo_ctx_t *u, err_t *e)
{
    store_t *st = u->st;
    int back = restage(st, u->sid, dint(u->d, "fid"), e);
    if (back < 0)
        return -1;
    if (!back)
        return err_set(e, EXIT_USER, "cannot stage the fix of '%s' to '%s' again: another fix "
                       "of it is staged or it has been applied", u->id, dstr(u->d, "new"));
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(u->d, "copies"), i, c) {
        if (restage(st, dint(c, "sid"), dint(c, "fid"), e) < 0)
            return -1;
    }
    json_array_foreach(json_object_get(u->d, "unticked"), i, c) {
        if (insert_tag(st, u->sid, dint(c, "cid"), dstr(c, "reviewer"), dstr(c, "time"), e) < 0)
            return -1;
    }
    if (drop_if_created(u, e) < 0)
        return -1;
    say(u, "staged the fix of %s to '%s' again", u->id, dstr(u->d, "new"));
    return 0;
}

static int undo_note(undo_ctx_t *u, err_t *e)
{
    const char *prev = dstr(u->d, "prev");
    sqlite3_stmt *s = store_prepare(u->st, "UPDATE reviews SET note=?2 WHERE sid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, u->sid);
    store_bind_text(s, 2, prev);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(u->st, e, "restoring the note");
    if (drop_if_created(u, e) < 0)
        return -1;
    say(u, prev ? "restored the previous note of %s" : "removed the note of %s", u->id);
    return 0;
}

static int undo_review(undo_ctx_t *u, err_t *e)
{
    if (drop_if_created(u, e) < 0)
        return -1;
    long long still = store_rv_int(u->st, "SELECT count(*) FROM reviews WHERE sid=?1", u->sid, 0,
                                   e);
    if (still < 0)
        return -1;
    say(u, still ? "%s stays reviewed: it has tags, a note or a fix" : "%s is no longer marked "
        "reviewed", u->id);
    return 0;
}

static int undo_category_add(undo_ctx_t *u, err_t *e)
{
    long long cid = dint(u->d, "cid");
    char *name;
    if (cat_name(u->st, cid, &name, e) < 0)
        return -1;
    if (!name) {
        say(u, "category '%s' was removed already", dstr(u->d, "name"));
        return 0;
    }
    long long used = store_rv_int(u->st, "SELECT count(*) FROM tags WHERE cid=?1", cid, 0, e);
    int r = used < 0 ? -1 : 0;
    if (used > 0)
        r = err_set(e, EXIT_USER, "cannot undo adding category '%s': %lld example%s carry it; "
                    "untag them first", name, used, used == 1 ? "" : "s");
    if (r == 0)
        r = store_rv_exec(u->st, "DELETE FROM categories WHERE cid=?1", cid, 0, e);
    say(u, "removed category '%s'", name);
    free(name);
    return r;
}

static int undo_category_rename(undo_ctx_t *u, err_t *e)
{
    long long cid = dint(u->d, "cid");
    const char *old_name = dstr(u->d, "old"), *new_name = dstr(u->d, "new");
    char *name;
    if (cat_name(u->st, cid, &name, e) < 0)
        return -1;
    int r = 0;
    if (!name || strcmp(name, new_name) != 0)
        r = err_set(e, EXIT_USER, "cannot rename category '%s' back to '%s': it has been %s "
                    "since", new_name, old_name, name ? "renamed again" : "removed");
    long long taken = r == 0 ? store_category_find(u->st, old_name, e) : 0;
    if (taken < 0)
        r = -1;
    else if (taken)
        r = err_set(e, EXIT_USER, "cannot rename category '%s' back to '%s': another category "
                    "has that name now", new_name, old_name);
    if (r == 0) {
        sqlite3_stmt *s = store_prepare(u->st, "UPDATE categories SET name=?2 WHERE cid=?1", e);
        r = s ? 0 : -1;
        if (s) {
            sqlite3_bind_int64(s, 1, cid);
            store_bind_text(s, 2, old_name);
            r = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(u->st, e, "renaming a category");
            sqlite3_finalize(s);
        }
    }
    free(name);
    say(u, "renamed category '%s' back to '%s'", new_name, old_name);
    return r;
}

static int undo_category_rm(undo_ctx_t *u, err_t *e)
{
    store_t *st = u->st;
    const char *name = dstr(u->d, "name"), *key = dstr(u->d, "key");
    long long taken = store_category_find(st, name, e);
    if (taken)
        return taken < 0 ? -1 : err_set(e, EXIT_USER, "cannot restore category '%s': another "
                                        "category has that name now", name);
    if (key && store_query_int(st, "SELECT count(*) FROM categories WHERE key=?1", key, e) != 0)
        key = NULL; /* taken since (or an error, caught by the insert below) */
    long long cid = dint(u->d, "cid");
    if (store_rv_int(st, "SELECT count(*) FROM categories WHERE cid=?1", cid, 0, e) != 0)
        cid = 0; /* the id was given to a newer category: take a fresh one */
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO categories(cid,name,key,position,mislabeled,"
                                    "created) VALUES(?1,?2,?3,?4,?5,?6)", e);
    if (!s)
        return -1;
    if (cid)
        sqlite3_bind_int64(s, 1, cid);
    store_bind_text(s, 2, name);
    store_bind_text(s, 3, key);
    sqlite3_bind_int64(s, 4, dint(u->d, "position"));
    sqlite3_bind_int(s, 5, json_is_true(json_object_get(u->d, "mislabeled")));
    const char *created = dstr(u->d, "created");
    store_bind_text(s, 6, created ? created : u->now);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "restoring a category");
    cid = sqlite3_last_insert_rowid(st->db);
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(u->d, "tags"), i, t) {
        if (insert_tag(st, json_integer_value(json_array_get(t, 0)), cid,
                       json_string_value(json_array_get(t, 1)),
                       json_string_value(json_array_get(t, 2)), e) < 0)
            return -1;
    }
    size_t n = json_array_size(json_object_get(u->d, "tags"));
    say(u, "restored category '%s' with its %zu tag%s", name, n, n == 1 ? "" : "s");
    return 0;
}

static int is_undoable(const char *action)
{
    for (size_t i = 0; i < sizeof undoable / sizeof *undoable; i++)
        if (strcmp(action, undoable[i]) == 0)
            return 1;
    return 0;
}

/* Finds the newest change of reviewer after since_hid not undone yet: *hid (0 when none),
 * *sid, *action (caller frees) and *detail (caller decrefs). */
static int find_last(store_t *st, const char *reviewer, long long since_hid, long long *hid,
                     long long *sid, char **action, json_t **detail, err_t *e)
{
    *hid = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT hid, sid, action, detail FROM history WHERE "
                                    "reviewer=?1 AND hid>?2 ORDER BY hid DESC", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, reviewer);
    sqlite3_bind_int64(s, 2, since_hid);
    long long *undone = NULL;
    size_t nundone = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long h = sqlite3_column_int64(s, 0);
        const char *act = store_col_text(s, 2), *text = store_col_text(s, 3);
        json_t *d = text ? json_loads(text, 0, NULL) : NULL;
        int skip = !json_is_object(d) || json_object_get(d, "part_of");
        if (!skip && strcmp(act, "undo") == 0) {
            undone = xreallocarray(undone, nundone + 1, sizeof *undone);
            undone[nundone++] = dint(d, "undone");
            skip = 1;
        }
        skip = skip || !is_undoable(act);
        for (size_t i = 0; !skip && i < nundone; i++)
            skip = undone[i] == h;
        if (skip) {
            json_decref(d);
            continue;
        }
        *hid = h;
        *sid = sqlite3_column_int64(s, 1);
        *action = xstrdup(act);
        *detail = d;
        break;
    }
    free(undone);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading the history");
}

int store_undo(store_t *st, const char *reviewer, long long since_hid, long long *sid,
               char *what, size_t whatlen, err_t *e)
{
    if (sid)
        *sid = 0;
    if (what && whatlen)
        what[0] = '\0';
    if (store_begin(st, e) < 0)
        return -1;
    long long hid = 0;
    undo_ctx_t u = {.st = st, .reviewer = reviewer, .what = what, .whatlen = whatlen};
    char *action = NULL;
    if (find_last(st, reviewer, since_hid, &hid, &u.sid, &action, &u.d, e) < 0) {
        store_rollback(st);
        return -1;
    }
    if (!hid) {
        store_rollback(st);
        return 1;
    }
    char *now = util_now_iso();
    u.now = now;
    int r = 0;
    if (u.sid > 0 && !(u.id = store_rv_sample_id(st, u.sid, e)))
        r = -1;
    else if (strcmp(action, "tag") == 0 || strcmp(action, "untag") == 0)
        r = undo_tag(&u, strcmp(action, "tag") == 0, e);
    else if (strcmp(action, "fix") == 0)
        r = undo_fix(&u, e);
    else if (strcmp(action, "withdraw") == 0)
        r = undo_withdraw(&u, e);
    else if (strcmp(action, "note") == 0)
        r = undo_note(&u, e);
    else if (strcmp(action, "review") == 0 || strcmp(action, "label-ok") == 0)
        r = undo_review(&u, e);
    else if (strcmp(action, "concur") == 0) {
        /* Only the reviewer's verdict changes: the history trigger puts it back. */
        r = drop_if_created(&u, e);
        if (dstr(u.d, "new"))
            say(&u, "withdrew your support for the fix of %s", u.id);
        else
            say(&u, "proposed the fix of %s again", u.id);
    }
    else if (strcmp(action, "category-add") == 0)
        r = undo_category_add(&u, e);
    else if (strcmp(action, "category-rename") == 0)
        r = undo_category_rename(&u, e);
    else
        r = undo_category_rm(&u, e);
    if (r == 0)
        r = store_rv_history(st, now, reviewer, u.sid, "undo",
                             json_pack("{s:I,s:s}", "undone", (json_int_t)hid, "action", action),
                             NULL, e);
    if (r == 0 && sid)
        *sid = u.sid;
    free(now);
    free(action);
    free(u.id);
    json_decref(u.d);
    if (r < 0) {
        store_rollback(st);
        if (what && whatlen)
            what[0] = '\0';
        return -1;
    }
    return store_commit(st, e) < 0 ? -1 : 0;
}
