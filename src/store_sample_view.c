/* store_sample_view.c: everything the review panel shows about one example, read from one
 * snapshot. */
#include "config.h"
#include "store_review_int.h"
#include "store_verdicts.h"
#include "store_embed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Top classes shown beside a prediction. */
#define VIEW_TOP 5

void store_sample_view_free(sample_view_t *v)
{
    if (!v)
        return;
    free(v->id);
    free(v->path);
    free(v->label);
    free(v->split);
    free(v->source);
    free(v->meta);
    free(v->pred);
    for (size_t i = 0; i < v->ntop; i++)
        free(v->top_labels[i]);
    free(v->top_labels);
    free(v->top_probs);
    free(v->reviewer);
    free(v->note);
    free(v->tags);
    free(v->staged_label);
    free(v->others);
    free(v->applied_label);
    free(v->hash);
    for (size_t i = 0; i < v->nnear; i++) {
        free(v->near_ids[i]);
        free(v->near_labels[i]);
    }
    free(v->near_ids);
    free(v->near_labels);
    free(v->near_sims);
    memset(v, 0, sizeof *v);
}

static char *col(sqlite3_stmt *s, int i)
{
    const char *t = store_col_text(s, i);
    return t ? xstrdup(t) : NULL;
}

/* preds.probs holds little-endian doubles, whatever the host's byte order. */
static double le_double(const unsigned char *p)
{
    uint64_t u = 0;
    for (int i = 7; i >= 0; i--)
        u = (u << 8) | p[i];
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Fills the top classes from the model's class list (JSON array) and the blob. */
static void fill_top(sample_view_t *v, const char *classes, const void *blob, int bytes)
{
    json_t *a = classes ? json_loads(classes, 0, NULL) : NULL;
    size_t k = json_array_size(a);
    if (!k || !blob || (size_t)bytes != k * sizeof(double)) {
        json_decref(a);
        return;
    }
    double *p = xmalloc(k * sizeof *p);
    for (size_t i = 0; i < k; i++)
        p[i] = le_double((const unsigned char *)blob + 8 * i);
    size_t n = k < VIEW_TOP ? k : VIEW_TOP;
    v->top_labels = xcalloc(n, sizeof *v->top_labels);
    v->top_probs = xcalloc(n, sizeof *v->top_probs);
    /* Selection of the n largest; ties keep the class order. */
    unsigned char *used = xcalloc(k, 1);
    for (size_t t = 0; t < n; t++) {
        size_t best = k;
        for (size_t i = 0; i < k; i++)
            if (!used[i] && (best == k || p[i] > p[best]))
                best = i;
        used[best] = 1;
        const char *name = json_string_value(json_array_get(a, best));
        v->top_labels[t] = xstrdup(name ? name : "?");
        v->top_probs[t] = p[best];
    }
    v->ntop = n;
    /* The given label's own probability and rank, shown even when it is not in the top. */
    for (size_t i = 0; v->label && i < k; i++) {
        const char *name = json_string_value(json_array_get(a, i));
        if (!name || strcmp(name, v->label) != 0)
            continue;
        v->label_prob = p[i];
        v->label_rank = 1;
        for (size_t j = 0; j < k; j++)
            v->label_rank += p[j] > p[i] || (p[j] == p[i] && j < i);
    }
    free(used);
    free(p);
    json_decref(a);
}

static int view_tx(store_t *st, long long sid, long long mid, sample_view_t *v, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT id, path, label, split, source, meta, hash "
                                    "FROM samples WHERE sid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        v->id = col(s, 0);
        v->path = col(s, 1);
        v->label = col(s, 2);
        v->split = col(s, 3);
        v->source = col(s, 4);
        v->meta = col(s, 5);
        v->hash = col(s, 6);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE
                   ? err_set(e, EXIT_USER, "no sample with internal key %lld in the store", sid)
                   : store_fail(st, e, "reading a sample");
    v->sid = sid;
    v->confidence = -1;
    v->label_prob = -1;
    if (mid > 0) {
        s = store_prepare(st, "SELECT p.pred, p.confidence, p.probs, m.classes FROM preds p "
                          "JOIN models m USING(mid) WHERE p.mid=?1 AND p.sid=?2", e);
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, mid);
        sqlite3_bind_int64(s, 2, sid);
        int step = store_step(st, s, "reading the prediction", e);
        if (step > 0) {
            v->pred = col(s, 0);
            if (sqlite3_column_type(s, 1) != SQLITE_NULL)
                v->confidence = sqlite3_column_double(s, 1);
            fill_top(v, store_col_text(s, 3), sqlite3_column_blob(s, 2),
                     sqlite3_column_bytes(s, 2));
        }
        sqlite3_finalize(s);
        if (step < 0)
            return -1;
    }
    s = store_prepare(st, "SELECT reviewer, note FROM reviews WHERE sid=?1", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    int rstep = store_step(st, s, "reading the review", e);
    if (rstep > 0) {
        v->reviewed = 1;
        v->reviewer = col(s, 0);
        v->note = col(s, 1);
    }
    sqlite3_finalize(s);
    if (rstep < 0)
        return -1;
    s = store_prepare(st, "SELECT t.cid FROM tags t JOIN categories c USING(cid) WHERE t.sid=?1 "
                      "ORDER BY c.position, c.cid", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    size_t cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (v->ntags == cap) {
            cap = cap ? 2 * cap : 4;
            v->tags = xreallocarray(v->tags, cap, sizeof *v->tags);
        }
        v->tags[v->ntags++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "reading tags");
    s = store_prepare(st, "SELECT (SELECT new_label FROM fixes WHERE sid=?1 AND status='staged' "
                      "ORDER BY fid DESC LIMIT 1), (SELECT new_label FROM fixes WHERE sid=?1 AND "
                      "status='applied' ORDER BY applied DESC, fid DESC LIMIT 1), "
                      "CASE WHEN ?2 IS NULL THEN 0 ELSE (SELECT count(*) FROM samples "
                      "WHERE hash=?2 AND sid<>?1) END", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    store_bind_text(s, 2, v->hash);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        v->staged_label = col(s, 0);
        v->applied_label = col(s, 1);
        v->ncopies = (size_t)sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_fail(st, e, "reading fixes");
}

int store_sample_view_nearest(store_t *st, sample_view_t *v, err_t *e)
{
    enum { NEAR_MAX = 3 };
    long long sids[NEAR_MAX];
    double sims[NEAR_MAX];
    size_t n = 0;
    if (store_begin_read(st, e) < 0)
        return -1;
    int found = store_embed_nearest(st, v->sid, NEAR_MAX, sids, sims, &n, e);
    if (found < 0 || n == 0) {
        store_rollback(st);
        return found;
    }
    v->near_ids = xcalloc(n, sizeof *v->near_ids);
    v->near_labels = xcalloc(n, sizeof *v->near_labels);
    v->near_sims = xmalloc(n * sizeof *v->near_sims);
    sqlite3_stmt *s = store_prepare(st, "SELECT id, label FROM samples WHERE sid = ?1", e);
    if (!s) {
        store_rollback(st);
        return -1;
    }
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++) {
        sqlite3_bind_int64(s, 1, sids[i]);
        int step = store_step(st, s, "reading a sample", e);
        if (step > 0) {
            v->near_ids[v->nnear] = col(s, 0);
            v->near_labels[v->nnear] = col(s, 1);
            v->near_sims[v->nnear++] = sims[i];
        }
        r = step < 0 ? -1 : 0;
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    store_rollback(st);
    return r;
}

int store_sample_view(store_t *st, long long sid, long long mid, sample_view_t *v, err_t *e)
{
    memset(v, 0, sizeof *v);
    if (store_begin_read(st, e) < 0)
        return -1;
    int r = view_tx(st, sid, mid, v, e);
    if (r == 0 && st->blind)
        r = store_verdict_overlay(st, v, e);
    store_rollback(st);
    if (r < 0)
        store_sample_view_free(v);
    return r;
}
