/* store_import.c: the SQL of importing samples and predictions. */
#include "config.h"
#include "store_import.h"
#include "store_int.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct samples_load {
    store_t *st;
    int update;
    long long first_new; /* sids at or above this were added by this import */
    sqlite3_stmt *ins, *get, *upd;
};

samples_load_t *store_samples_begin(store_t *st, int update, err_t *e)
{
    store_bulk_begin(st);
    if (store_begin(st, e) < 0) {
        store_bulk_end(st);
        return NULL;
    }
    samples_load_t *l = xcalloc(1, sizeof *l);
    l->st = st;
    l->update = update;
    l->first_new = store_query_int(st, "SELECT coalesce(max(sid),0)+1 FROM samples", NULL, e);
    l->ins = store_prepare(st, "INSERT INTO samples(id,path,label,split,source,meta,given_path) "
                           "VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(id) DO NOTHING", e);
    l->get = store_prepare(st, "SELECT sid,path,label,split,source,meta,hash FROM samples "
                           "WHERE id=?1", e);
    /* A new path makes the content hash (of the old file) wrong: cleared until scan. A
     * sample that leaves dev leaves its Eyeball part. */
    l->upd = store_prepare(st, "UPDATE samples SET path=?2,label=?3,split=?4,source=?5,"
                           "meta=?6,given_path=?7,hash=CASE WHEN path=?2 THEN hash END,"
                           "part=CASE WHEN ?4 IS 'dev' THEN part END WHERE sid=?1", e);
    if (l->first_new < 0 || !l->ins || !l->get || !l->upd) {
        store_samples_end(l, 0, NULL);
        return NULL;
    }
    return l;
}

static int same(const char *a, const char *b)
{
    if (!a || !*a)
        return !b || !*b;
    return b && strcmp(a, b) == 0;
}

int store_samples_add(samples_load_t *l, const sample_rec_t *r, int *outcome, err_t *e)
{
    sqlite3_stmt *s = l->ins;
    sqlite3_bind_text(s, 1, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, r->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, r->label, -1, SQLITE_STATIC);
    if (r->split && *r->split)
        sqlite3_bind_text(s, 4, r->split, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 4);
    if (r->source && *r->source)
        sqlite3_bind_text(s, 5, r->source, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 5);
    if (r->meta)
        sqlite3_bind_text(s, 6, r->meta, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 6);
    store_bind_text(s, 7, r->given);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(l->st, e, "adding a sample");
    if (sqlite3_changes(l->st->db) == 1) {
        *outcome = SAMPLE_ADDED;
        return 0;
    }
    /* The id exists: compare. */
    s = l->get;
    sqlite3_bind_text(s, 1, r->id, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store_fail(l->st, e, "reading a sample");
    }
    long long sid = sqlite3_column_int64(s, 0);
    if (sid >= l->first_new) {
        sqlite3_reset(s);
        return err_set(e, EXIT_USER, "id '%s' appears twice in the file; ids must be unique",
                       r->id);
    }
    static const char *const fields[] = {"path", "label", "split", "source", "metadata"};
    const char *given[] = {r->path, r->label, r->split, r->source, r->meta};
    const char *what = NULL;
    char *old = NULL;
    for (int i = 0; i < 5 && !what; i++) {
        if (!same(store_col_text(s, i + 1), given[i])) {
            what = fields[i];
            old = xstrdup(store_col_text(s, i + 1) ? store_col_text(s, i + 1) : "");
        }
    }
    int had_hash = sqlite3_column_type(s, 6) != SQLITE_NULL;
    int moved = !same(store_col_text(s, 1), r->path);
    sqlite3_reset(s);
    if (!what) {
        *outcome = SAMPLE_UNCHANGED;
        return 0;
    }
    if (!l->update) {
        err_set(e, EXIT_USER, "id '%s' is already in the store with another %s ('%s'); "
                "pass --update to replace it", r->id, what, old);
        free(old);
        return -1;
    }
    free(old);
    s = l->upd;
    sqlite3_bind_int64(s, 1, sid);
    for (int i = 0; i < 5; i++) {
        const char *v = given[i];
        if (v && (*v || i < 2))
            sqlite3_bind_text(s, i + 2, v, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(s, i + 2);
    }
    store_bind_text(s, 7, r->given);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(l->st, e, "updating a sample");
    *outcome = moved && had_hash ? SAMPLE_MOVED : SAMPLE_UPDATED;
    return 0;
}

int store_samples_end(samples_load_t *l, int commit, err_t *e)
{
    int r = 0;
    sqlite3_finalize(l->ins);
    sqlite3_finalize(l->get);
    sqlite3_finalize(l->upd);
    if (commit)
        r = store_commit(l->st, e);
    else
        store_rollback(l->st);
    store_bulk_end(l->st);
    free(l);
    return r;
}

char **store_labels(store_t *st, size_t *n, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT DISTINCT label FROM samples ORDER BY label "
                                    "COLLATE BINARY", e);
    if (!s)
        return NULL;
    size_t cap = 16, k = 0;
    char **v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        v[k++] = xstrdup(store_col_text(s, 0));
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < k; i++)
            free(v[i]);
        free(v);
        store_fail(st, e, "reading labels");
        return NULL;
    }
    *n = k;
    return v;
}

struct preds_load {
    store_t *st;
    long long mid;
    int replaced;
    size_t nclasses;
    sqlite3_stmt *ins; /* looks the sample up and inserts in one statement */
    sqlite3_stmt *ins_sid; /* by sample key, with out-of-fold probabilities (train) */
};

preds_load_t *store_preds_begin(store_t *st, const char *model, char **classes, size_t nclasses,
                                const char *file, err_t *e)
{
    store_bulk_begin(st);
    if (store_begin(st, e) < 0) {
        store_bulk_end(st);
        return NULL;
    }
    preds_load_t *l = xcalloc(1, sizeof *l);
    l->st = st;
    l->nclasses = nclasses;
    char *now = util_now_iso();
    char *cls = NULL;
    if (nclasses) {
        strbuf_t b;
        strbuf_init(&b);
        strbuf_addc(&b, '[');
        for (size_t i = 0; i < nclasses; i++) {
            if (i)
                strbuf_addc(&b, ',');
            strbuf_add_json(&b, classes[i], strlen(classes[i]));
        }
        strbuf_addc(&b, ']');
        cls = strbuf_detach(&b);
        strbuf_done(&b);
    }
    sqlite3_stmt *s = store_prepare(st, "SELECT mid FROM models WHERE name=?1", e);
    if (!s)
        goto fail;
    store_bind_text(s, 1, model);
    int step = store_step(st, s, "looking up the model", e);
    if (step > 0) {
        l->mid = sqlite3_column_int64(s, 0);
        l->replaced = 1;
    }
    sqlite3_finalize(s);
    if (step < 0)
        goto fail;
    if (l->replaced) {
        s = store_prepare(st, "UPDATE models SET classes=?2, imported=?3, file=?4, trained=NULL "
                          "WHERE mid=?1", e);
        if (!s)
            goto fail;
        sqlite3_bind_int64(s, 1, l->mid);
    } else {
        s = store_prepare(st, "INSERT INTO models(name,classes,imported,file) "
                          "VALUES(?1,?2,?3,?4)", e);
        if (!s)
            goto fail;
        store_bind_text(s, 1, model);
    }
    store_bind_text(s, 2, cls);
    store_bind_text(s, 3, now);
    store_bind_text(s, 4, file);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_fail(st, e, "recording the model");
        goto fail;
    }
    if (!l->replaced)
        l->mid = sqlite3_last_insert_rowid(st->db);
    /* The import's place in the history (meta key preds_hid:MID = the last history row
     * before it): a fix applied later has a larger hid, even in the same second; the
     * report compares by it, not by time. */
    s = store_prepare(st, "INSERT OR REPLACE INTO meta(key, value) VALUES('preds_hid:' || ?1,"
                      " (SELECT coalesce(max(hid), 0) FROM history))", e);
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, l->mid);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_fail(st, e, "recording the model");
        goto fail;
    }
    if (l->replaced) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM preds WHERE mid=%lld", l->mid);
        if (store_exec(st, sql, e) < 0)
            goto fail;
    }
    /* One statement per row instead of a lookup and an insert: an unknown id makes sid
     * NULL, which the NOT NULL constraint refuses. A scalar subquery inside VALUES keeps
     * it a single-row insert; INSERT ... SELECT would be a multi-row write, for which
     * SQLite keeps a statement journal and copies a page into it on every row. */
    l->ins = store_prepare(st, "INSERT INTO preds(mid,sid,pred,confidence,probs) "
                           "VALUES(?1,(SELECT sid FROM samples WHERE id=?2),?3,?4,?5)", e);
    if (!l->ins)
        goto fail;
    sqlite3_bind_int64(l->ins, 1, l->mid);
    free(now);
    free(cls);
    return l;
fail:
    free(now);
    free(cls);
    store_preds_end(l, 0, NULL, NULL);
    return NULL;
}

int store_preds_add(preds_load_t *l, const char *id, const char *pred, double confidence,
                    const double *probs, err_t *e)
{
    sqlite3_stmt *s = l->ins;
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, pred, -1, SQLITE_STATIC);
    if (confidence >= 0)
        sqlite3_bind_double(s, 4, confidence);
    else
        sqlite3_bind_null(s, 4);
    if (probs)
        sqlite3_bind_blob(s, 5, probs, (int)(l->nclasses * sizeof(double)), SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 5);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_CONSTRAINT_NOTNULL)
        return err_set(e, EXIT_USER, "unknown sample id '%s'; import the samples first, or "
                       "check the id column", id);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return err_set(e, EXIT_USER, "a second prediction for id '%s'; give one row per id", id);
    if (rc != SQLITE_DONE)
        return store_fail(l->st, e, "adding a prediction");
    return 0;
}

int store_preds_add_sid(preds_load_t *l, long long sid, const char *pred, double confidence,
                        const double *probs, const double *oof, err_t *e)
{
    if (!l->ins_sid) {
        l->ins_sid = store_prepare(l->st, "INSERT INTO preds(mid,sid,pred,confidence,probs,oof) "
                                   "VALUES(?1,?2,?3,?4,?5,?6)", e);
        if (!l->ins_sid)
            return -1;
        sqlite3_bind_int64(l->ins_sid, 1, l->mid);
    }
    sqlite3_stmt *s = l->ins_sid;
    int bytes = (int)(l->nclasses * sizeof(double));
    sqlite3_bind_int64(s, 2, sid);
    sqlite3_bind_text(s, 3, pred, -1, SQLITE_STATIC);
    if (confidence >= 0)
        sqlite3_bind_double(s, 4, confidence);
    else
        sqlite3_bind_null(s, 4);
    if (probs)
        sqlite3_bind_blob(s, 5, probs, bytes, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 5);
    if (oof)
        sqlite3_bind_blob(s, 6, oof, bytes, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 6);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(l->st, e, "adding a prediction");
    return 0;
}

int store_preds_set_trained(preds_load_t *l, const char *trained, err_t *e)
{
    sqlite3_stmt *s = store_prepare(l->st, "UPDATE models SET trained=?2 WHERE mid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, l->mid);
    store_bind_text(s, 2, trained);
    int rc = store_step(l->st, s, "recording how the model was trained", e);
    sqlite3_finalize(s);
    return rc < 0 ? -1 : 0;
}

int store_preds_end(preds_load_t *l, int commit, int *replaced, err_t *e)
{
    int r = 0;
    sqlite3_finalize(l->ins);
    sqlite3_finalize(l->ins_sid);
    if (replaced)
        *replaced = l->replaced;
    if (commit)
        r = store_commit(l->st, e);
    else
        store_rollback(l->st);
    store_bulk_end(l->st);
    free(l);
    return r;
}
