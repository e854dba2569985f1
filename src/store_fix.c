/* store_fix.c: staging and withdrawing label fixes, copied to exact duplicates.
 * A staged fix changes nothing in samples: 'apply' does that for dev and test together. */
#include "config.h"
#include "store_review_int.h"
#include "names.h"

#include <stdlib.h>
#include <string.h>

/* A history row to write after the change's first row, with "part_of" pointing at it. */
typedef struct aux_row {
    long long sid;
    const char *action;
    json_t *detail;
} aux_row_t;

typedef struct aux_list {
    aux_row_t *v;
    size_t n, cap;
} aux_list_t;

static void aux_push(aux_list_t *a, long long sid, const char *action, json_t *detail)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 8;
        a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
    }
    a->v[a->n++] = (aux_row_t){sid, action, detail};
}

/* Writes the rows (stealing their details) as part of change hid, then empties a. */
static int aux_flush(store_t *st, aux_list_t *a, long long hid, const char *now,
                     const char *reviewer, err_t *e)
{
    int r = 0;
    for (size_t i = 0; i < a->n; i++) {
        json_t *d = a->v[i].detail;
        if (r == 0) {
            json_object_set_new(d, "part_of", json_integer(hid));
            r = store_rv_history(st, now, reviewer, a->v[i].sid, a->v[i].action, d, NULL, e);
        } else {
            json_decref(d);
        }
    }
    free(a->v);
    *a = (aux_list_t){0};
    return r;
}

static void outcome_add_copy(fix_outcome_t *out, const char *id)
{
    out->copies = xreallocarray(out->copies, out->ncopies + 1, sizeof *out->copies);
    out->copies[out->ncopies++] = xstrdup(id);
}

void store_fix_outcome_free(fix_outcome_t *out)
{
    if (!out)
        return;
    free(out->label);
    free(out->prev);
    for (size_t i = 0; i < out->ncopies; i++)
        free(out->copies[i]);
    free(out->copies);
    memset(out, 0, sizeof *out);
}

/* One fix as stored. */
typedef struct fix_row {
    long long fid;
    char *old_label, *new_label, *note;
} fix_row_t;

static void fix_row_done(fix_row_t *f)
{
    free(f->old_label);
    free(f->new_label);
    free(f->note);
    memset(f, 0, sizeof *f);
}

static char *dup_col(sqlite3_stmt *s, int i)
{
    const char *t = store_col_text(s, i);
    return t ? xstrdup(t) : NULL;
}

/* The staged fix of sid into *f (f->fid 0 when none). */
static int staged_fix(store_t *st, long long sid, fix_row_t *f, err_t *e)
{
    memset(f, 0, sizeof *f);
    sqlite3_stmt *s = store_prepare(st, "SELECT fid, old_label, new_label, note FROM fixes "
                                    "WHERE sid=?1 AND status='staged' ORDER BY fid DESC LIMIT 1",
                                    e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        f->fid = sqlite3_column_int64(s, 0);
        f->old_label = dup_col(s, 1);
        f->new_label = dup_col(s, 2);
        f->note = dup_col(s, 3);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading fixes");
}

static long long insert_fix(store_t *st, long long sid, const char *old_label,
                            const char *new_label, const char *note, long long origin,
                            const char *reviewer, const char *now, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO fixes(sid,old_label,new_label,status,"
                                    "reviewer,time,note,origin) "
                                    "VALUES(?1,?2,?3,'staged',?4,?5,?6,?7)", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    store_bind_text(s, 2, old_label);
    store_bind_text(s, 3, new_label);
    store_bind_text(s, 4, reviewer);
    store_bind_text(s, 5, now);
    store_bind_text(s, 6, note);
    if (origin > 0)
        sqlite3_bind_int64(s, 7, origin);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "staging the fix");
    return sqlite3_last_insert_rowid(st->db);
}

/* The categories fix fid owns: those it ticked, and those of the fixes it replaced (a
 * replacing fix inherits the ticks), from their history rows. An array, maybe empty. */
static json_t *ticked_by(store_t *st, long long sid, long long fid, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT detail FROM history WHERE sid=?1 AND "
                                    "action='fix' ORDER BY hid DESC", e);
    if (!s)
        return NULL;
    json_t *all = json_array();
    /* Each step goes to an older fix, so the walk ends; the bound guards odd histories. */
    for (int steps = 0; fid > 0 && steps < 1000; steps++) {
        sqlite3_bind_int64(s, 1, sid);
        long long prev = 0;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            const char *t = store_col_text(s, 0);
            json_t *d = t ? json_loads(t, 0, NULL) : NULL;
            int found = d && json_integer_value(json_object_get(d, "fid")) == fid;
            if (found) {
                json_array_extend(all, json_object_get(d, "ticked"));
                prev = json_integer_value(json_object_get(d, "prev_fid"));
            }
            json_decref(d);
            if (found)
                break;
        }
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            sqlite3_finalize(s);
            json_decref(all);
            store_fail(st, e, "reading the history");
            return NULL;
        }
        fid = prev;
    }
    sqlite3_finalize(s);
    return all;
}

/* Withdraws staged fix f of sid and the copies made from it, unticks what the fix ticked. */
static int withdraw_tx(store_t *st, long long sid, const fix_row_t *f, const char *reviewer,
                       const char *now, fix_outcome_t *out, err_t *e)
{
    if (store_rv_fix_status(st, f->fid, "withdrawn", e) < 0)
        return -1;
    aux_list_t aux = {0};
    json_t *copies = json_array(), *unticked = json_array();
    int r = -1;
    sqlite3_stmt *s = store_prepare(st, "SELECT f.fid, f.sid, s.id FROM fixes f JOIN samples s "
                                    "USING(sid) WHERE f.origin=?1 AND f.status='staged' "
                                    "ORDER BY f.sid", e);
    if (!s)
        goto out;
    sqlite3_bind_int64(s, 1, f->fid);
    int step;
    while ((step = store_step(st, s, "reading the copies of the fix", e)) > 0) {
        long long cfid = sqlite3_column_int64(s, 0), csid = sqlite3_column_int64(s, 1);
        json_array_append_new(copies, json_pack("{s:I,s:I}", "sid", (json_int_t)csid, "fid",
                                                (json_int_t)cfid));
        aux_push(&aux, csid, "withdraw", json_pack("{s:I}", "fid", (json_int_t)cfid));
        outcome_add_copy(out, store_col_text(s, 2));
    }
    sqlite3_finalize(s);
    if (step < 0)
        goto out;
    size_t i;
    json_t *c;
    json_array_foreach(copies, i, c) {
        if (store_rv_fix_status(st, json_integer_value(json_object_get(c, "fid")), "withdrawn",
                                e) < 0)
            goto out;
    }
    json_t *ticked = ticked_by(st, sid, f->fid, e);
    if (!ticked)
        goto out;
    json_array_foreach(ticked, i, c) {
        long long cid = json_integer_value(c);
        s = store_prepare(st, "SELECT reviewer, time FROM tags WHERE sid=?1 AND cid=?2", e);
        if (!s) {
            json_decref(ticked);
            goto out;
        }
        sqlite3_bind_int64(s, 1, sid);
        sqlite3_bind_int64(s, 2, cid);
        step = store_step(st, s, "reading the tags the fix ticked", e);
        if (step > 0)
            json_array_append_new(unticked, json_pack("{s:I,s:s?,s:s}", "cid", (json_int_t)cid,
                                                      "reviewer", store_col_text(s, 0), "time",
                                                      store_col_text(s, 1)));
        sqlite3_finalize(s);
        if (step < 0) {
            json_decref(ticked);
            goto out;
        }
        if (store_rv_exec(st, "DELETE FROM tags WHERE sid=?1 AND cid=?2", sid, cid, e) < 0) {
            json_decref(ticked);
            goto out;
        }
    }
    json_decref(ticked);
    int created = store_rv_ensure_reviewed(st, sid, reviewer, now, e);
    if (created < 0)
        goto out;
    long long hid;
    json_t *d = json_pack("{s:I,s:s,s:s,s:O,s:O,s:b}", "fid", (json_int_t)f->fid, "old",
                          f->old_label, "new", f->new_label, "copies", copies, "unticked",
                          unticked, "review_created", created);
    if (store_rv_history(st, now, reviewer, sid, "withdraw", d, &hid, e) < 0)
        goto out;
    r = aux_flush(st, &aux, hid, now, reviewer, e);
    out->action = FIX_WITHDRAWN;
    free(out->prev);
    out->prev = xstrdup(f->new_label);
out:
    if (aux.n) {
        for (size_t k = 0; k < aux.n; k++)
            json_decref(aux.v[k].detail);
    }
    free(aux.v);
    json_decref(copies);
    json_decref(unticked);
    return r;
}

static int label_known(store_t *st, const char *label, err_t *e)
{
    return (int)store_query_int(st, "SELECT EXISTS(SELECT 1 FROM samples WHERE label=?1) OR "
                                "EXISTS(SELECT 1 FROM fixes WHERE new_label=?1 AND "
                                "status='staged')", label, e);
}

static int check_new_label(const char *label, err_t *e)
{
    if (!*label)
        return err_set(e, EXIT_USER, "the new label is empty; give the label the example "
                       "should have");
    return names_check_label("the new label", label, e);
}

/* Stages fixes of new_label for the exact duplicates of sid (fix fid), collecting the
 * main row's "copies" and the extra history rows. */
static int copy_to_duplicates(store_t *st, long long sid, const char *hash, long long fid,
                              const char *new_label, const char *note, const char *reviewer,
                              const char *now, json_t *copies, aux_list_t *aux,
                              fix_outcome_t *out, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT sid, id, label FROM samples WHERE hash=?1 AND "
                                    "sid<>?2 ORDER BY sid", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, hash);
    sqlite3_bind_int64(s, 2, sid);
    size_t n = 0, cap = 0;
    struct dup { long long sid; char *id, *label; } *v = NULL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 4;
            v = xreallocarray(v, cap, sizeof *v);
        }
        v[n++] = (struct dup){sqlite3_column_int64(s, 0), dup_col(s, 1), dup_col(s, 2)};
    }
    sqlite3_finalize(s);
    int r = rc == SQLITE_DONE ? 0 : store_fail(st, e, "finding exact duplicates");
    for (size_t i = 0; r == 0 && i < n; i++) {
        fix_row_t cf;
        if (staged_fix(st, v[i].sid, &cf, e) < 0) {
            r = -1;
            break;
        }
        int already = cf.fid ? strcmp(cf.new_label, new_label) == 0
                             : strcmp(v[i].label, new_label) == 0;
        if (!already && cf.fid) {
            r = store_rv_fix_status(st, cf.fid, "withdrawn", e);
            if (r == 0)
                aux_push(aux, v[i].sid, "withdraw",
                         json_pack("{s:I,s:s,s:s,s:I}", "fid", (json_int_t)cf.fid, "old",
                                   cf.old_label, "new", cf.new_label, "replaced_by",
                                   (json_int_t)fid));
        }
        long long cfid = 0;
        if (r == 0 && !already && strcmp(v[i].label, new_label) != 0) {
            cfid = insert_fix(st, v[i].sid, v[i].label, new_label, note, fid, reviewer, now, e);
            if (cfid < 0)
                r = -1;
            else
                aux_push(aux, v[i].sid, "fix",
                         json_pack("{s:I,s:s,s:s,s:s?,s:I,s:I}", "fid", (json_int_t)cfid, "old",
                                   v[i].label, "new", new_label, "note", note, "origin",
                                   (json_int_t)fid, "prev_fid", (json_int_t)cf.fid));
        }
        if (r == 0 && !already) {
            json_t *c = json_pack("{s:I}", "sid", (json_int_t)v[i].sid);
            json_object_set_new(c, "fid", cfid ? json_integer(cfid) : json_null());
            json_object_set_new(c, "prev_fid", cf.fid ? json_integer(cf.fid) : json_null());
            json_array_append_new(copies, c);
            outcome_add_copy(out, v[i].id);
        }
        fix_row_done(&cf);
    }
    for (size_t i = 0; i < n; i++) {
        free(v[i].id);
        free(v[i].label);
    }
    free(v);
    return r;
}

/* Ticks the mislabeled categories sid does not carry; appends their cids to ticked. */
static int tick_mislabeled(store_t *st, long long sid, const char *reviewer, const char *now,
                           json_t *ticked, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT cid FROM categories c WHERE mislabeled=1 AND "
                                    "NOT EXISTS(SELECT 1 FROM tags t WHERE t.sid=?1 AND "
                                    "t.cid=c.cid) ORDER BY position", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        json_array_append_new(ticked, json_integer(sqlite3_column_int64(s, 0)));
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "reading categories");
    s = store_prepare(st, "INSERT INTO tags(sid,cid,reviewer,time) VALUES(?1,?2,?3,?4)", e);
    if (!s)
        return -1;
    size_t i;
    json_t *c;
    json_array_foreach(ticked, i, c) {
        sqlite3_bind_int64(s, 1, sid);
        sqlite3_bind_int64(s, 2, json_integer_value(c));
        store_bind_text(s, 3, reviewer);
        store_bind_text(s, 4, now);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            break;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "ticking the mislabeled category");
}

/* Records that reviewer proposes the staged fix fid (new_label) too, when their own
 * verdict does not say so already: a "concur" history row {"fid", "new",
 * "review_created"}; the team's fix is unchanged. */
static int concur_tx(store_t *st, long long sid, long long fid, const char *new_label,
                     const char *reviewer, const char *now, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM verdicts WHERE sid=?1 AND reviewer=?2 "
                                    "AND fix=?3", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    store_bind_text(s, 2, reviewer ? reviewer : "");
    store_bind_text(s, 3, new_label);
    int has = store_step(st, s, "reading a verdict", e);
    sqlite3_finalize(s);
    if (has != 0)
        return has < 0 ? -1 : 0;
    int created = store_rv_ensure_reviewed(st, sid, reviewer, now, e);
    if (created < 0)
        return -1;
    return store_rv_history(st, now, reviewer, sid, "concur",
                            json_pack("{s:I,s:s,s:b}", "fid", (json_int_t)fid, "new", new_label,
                                      "review_created", created),
                            NULL, e);
}

static int fix_tx(store_t *st, long long sid, const char *new_label, const char *note,
                  int allow_new, const char *reviewer, const char *now, fix_outcome_t *out,
                  err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT id, label, hash FROM samples WHERE sid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    int rc = sqlite3_step(s);
    char *id = rc == SQLITE_ROW ? dup_col(s, 0) : NULL;
    char *hash = rc == SQLITE_ROW ? dup_col(s, 2) : NULL;
    if (rc == SQLITE_ROW)
        out->label = dup_col(s, 1);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE
                   ? err_set(e, EXIT_USER, "no sample with internal key %lld in the store", sid)
                   : store_fail(st, e, "reading a sample");
    fix_row_t prev = {0};
    aux_list_t aux = {0};
    json_t *ticked = json_array(), *copies = json_array();
    int r = -1;
    if (store_rv_seed_tx(st, reviewer, now, e) < 0 || staged_fix(st, sid, &prev, e) < 0)
        goto out;
    if (prev.fid)
        out->prev = xstrdup(prev.new_label);
    char *safe_id = util_sanitize(id), *safe_label = util_sanitize(new_label);
    if (strcmp(new_label, out->label) == 0) {
        if (prev.fid)
            r = withdraw_tx(st, sid, &prev, reviewer, now, out, e);
        else
            err_set(e, EXIT_USER, "'%s' already has the label '%s'; nothing to fix", safe_id,
                    safe_label);
    } else if (check_new_label(new_label, e) < 0) {
        /* e is set */
    } else if (!allow_new && (r = label_known(st, new_label, e)) <= 0) {
        if (r == 0)
            err_set(e, EXIT_USER, "'%s' is not a label of the dataset ('eyeball status' lists "
                    "the labels); check the spelling, or pass --new-label to introduce it",
                    safe_label);
        r = -1;
    } else if (prev.fid && strcmp(prev.new_label, new_label) == 0 &&
               (!note || (prev.note && strcmp(prev.note, note) == 0))) {
        /* The same fix again (without a note: keeping the note it has). Another reviewer's
         * fix: this reviewer now proposes it too ("concur", their verdict only). */
        out->action = FIX_UNCHANGED;
        r = concur_tx(st, sid, prev.fid, new_label, reviewer, now, e);
    } else {
        r = -1;
        int created = store_rv_ensure_reviewed(st, sid, reviewer, now, e);
        long long fid = -1;
        if (created >= 0 && (!prev.fid || store_rv_fix_status(st, prev.fid, "withdrawn", e) == 0))
            fid = insert_fix(st, sid, out->label, new_label, note, 0, reviewer, now, e);
        if (fid > 0 && tick_mislabeled(st, sid, reviewer, now, ticked, e) == 0 &&
            (!hash || copy_to_duplicates(st, sid, hash, fid, new_label, note, reviewer, now,
                                         copies, &aux, out, e) == 0)) {
            if (prev.fid)
                aux_push(&aux, sid, "withdraw",
                         json_pack("{s:I,s:s,s:s,s:I}", "fid", (json_int_t)prev.fid, "old",
                                   prev.old_label, "new", prev.new_label, "replaced_by",
                                   (json_int_t)fid));
            json_t *d = json_pack("{s:I,s:s,s:s,s:s?}", "fid", (json_int_t)fid, "old",
                                  out->label, "new", new_label, "note", note);
            json_object_set_new(d, "prev_fid", prev.fid ? json_integer(prev.fid) : json_null());
            json_object_set_new(d, "ticked", json_incref(ticked));
            json_object_set_new(d, "review_created", json_boolean(created));
            json_object_set_new(d, "copies", json_incref(copies));
            long long hid;
            if (store_rv_history(st, now, reviewer, sid, "fix", d, &hid, e) == 0 &&
                aux_flush(st, &aux, hid, now, reviewer, e) == 0) {
                out->action = FIX_STAGED;
                r = 0;
            }
        }
    }
    free(safe_id);
    free(safe_label);
out:
    for (size_t k = 0; k < aux.n; k++)
        json_decref(aux.v[k].detail);
    free(aux.v);
    json_decref(ticked);
    json_decref(copies);
    fix_row_done(&prev);
    free(id);
    free(hash);
    return r;
}

int store_fix_ex(store_t *st, long long sid, const char *new_label, const char *note,
                 int allow_new, const char *reviewer, fix_outcome_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (note && !*note)
        note = NULL;
    size_t bad;
    if (note && !util_utf8_valid(note, strlen(note), &bad))
        return err_set(e, EXIT_USER, "the note is not valid UTF-8 (byte %zu)", bad + 1);
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    int r = fix_tx(st, sid, new_label, note, allow_new, reviewer, now, out, e);
    free(now);
    return store_end_tx(st, r, e);
}

int store_fix(store_t *st, long long sid, const char *new_label, const char *note, int allow_new,
              const char *reviewer, err_t *e)
{
    fix_outcome_t out;
    int r = store_fix_ex(st, sid, new_label, note, allow_new, reviewer, &out, e);
    store_fix_outcome_free(&out);
    return r;
}

int store_fix_withdraw_ex(store_t *st, long long sid, const char *reviewer, fix_outcome_t *out,
                          err_t *e)
{
    memset(out, 0, sizeof *out);
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    fix_row_t f = {0};
    int r = -1;
    char *id = store_rv_sample_id(st, sid, e);
    if (id && staged_fix(st, sid, &f, e) == 0) {
        long long others = f.fid ? store_rv_int(st, "SELECT count(*) FROM verdicts v JOIN fixes f"
                                                " ON f.fid = ?2 WHERE v.sid = ?1 AND"
                                                " v.fix = f.new_label", sid, f.fid, e)
                                 : 0;
        long long mine = 0;
        if (others > 0) {
            sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM verdicts WHERE sid = ?1"
                                            " AND reviewer = ?2 AND fix = ?3", e);
            if (s) {
                sqlite3_bind_int64(s, 1, sid);
                store_bind_text(s, 2, reviewer ? reviewer : "");
                store_bind_text(s, 3, f.new_label);
                if (store_step(st, s, "reading your verdict", e) > 0)
                    mine = sqlite3_column_int64(s, 0);
                sqlite3_finalize(s);
            }
        }
        if (others < 0) {
            /* e is set */
        } else if (mine && others > 1) {
            /* Other reviewers propose this fix: only this reviewer's verdict drops it. */
            out->label = xstrdup(f.old_label);
            out->prev = xstrdup(f.new_label);
            out->action = FIX_LEFT;
            r = store_rv_history(st, now, reviewer, sid, "concur",
                                 json_pack("{s:I,s:n,s:b}", "fid", (json_int_t)f.fid, "new",
                                           "review_created", 0),
                                 NULL, e);
        } else if (f.fid) {
            out->label = xstrdup(f.old_label);
            r = withdraw_tx(st, sid, &f, reviewer, now, out, e);
        } else {
            char *safe = util_sanitize(id);
            err_set(e, EXIT_USER, "'%s' has no staged fix to withdraw", safe);
            free(safe);
        }
    }
    fix_row_done(&f);
    free(id);
    free(now);
    return store_end_tx(st, r, e);
}

int store_fix_withdraw(store_t *st, long long sid, const char *reviewer, err_t *e)
{
    fix_outcome_t out;
    int r = store_fix_withdraw_ex(st, sid, reviewer, &out, e);
    store_fix_outcome_free(&out);
    return r;
}
