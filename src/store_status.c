/* store_status.c: the queries behind 'eyeball status'. */
#include "config.h"
#include "store_status.h"
#include "store_int.h"
#include "store_scan.h"

#include <stdlib.h>
#include <string.h>

const char *const status_split_names[STATUS_NSPLITS] = {"train", "dev", "test", "train-dev",
                                                        "unassigned"};

static int split_index(const char *s)
{
    if (!s)
        return STATUS_NSPLITS - 1;
    for (int i = 0; i < STATUS_NSPLITS - 1; i++)
        if (strcmp(s, status_split_names[i]) == 0)
            return i;
    return STATUS_NSPLITS - 1;
}

static int counts(store_t *st, const char *sql, count_row_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, sql, e);
    if (!s)
        return -1;
    size_t cap = 16, k = 0;
    count_row_t *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        const char *key = store_col_text(s, 0);
        v[k].key = key ? xstrdup(key) : NULL;
        v[k].n = sqlite3_column_int64(s, 1);
        k++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < k; i++)
            free(v[i].key);
        free(v);
        *out = NULL;
        *n = 0;
        return store_fail(st, e, "counting samples");
    }
    *out = v;
    *n = k;
    return 0;
}

int store_status(store_t *st, status_info_t *si, err_t *e)
{
    memset(si, 0, sizeof *si);
    sqlite3_stmt *s = NULL;
    int rc;
    if (store_begin_read(st, e) < 0)
        return -1;
    count_row_t *splits;
    size_t nsplits;
    if (counts(st, "SELECT split, count(*) FROM samples GROUP BY split", &splits, &nsplits, e) < 0)
        goto fail;
    for (size_t i = 0; i < nsplits; i++) {
        si->splits[split_index(splits[i].key)] += splits[i].n;
        si->samples += splits[i].n;
        free(splits[i].key);
    }
    free(splits);
    if (counts(st, "SELECT source, count(*) AS n FROM samples GROUP BY source "
               "ORDER BY n DESC, source", &si->sources, &si->nsources, e) < 0 ||
        counts(st, "SELECT label, count(*) AS n FROM samples GROUP BY label "
               "ORDER BY n DESC, label", &si->labels, &si->nlabels, e) < 0)
        goto fail;

    s = store_prepare(st, "SELECT mid, name, imported, classes IS NOT NULL FROM models "
                      "ORDER BY mid", e);
    if (!s)
        goto fail;
    size_t cap = 4;
    si->models = xcalloc(cap, sizeof *si->models);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (si->nmodels == cap) {
            cap *= 2;
            si->models = xreallocarray(si->models, cap, sizeof *si->models);
        }
        status_model_t *m = &si->models[si->nmodels++];
        memset(m, 0, sizeof *m);
        m->name = xstrdup(store_col_text(s, 1));
        m->imported = xstrdup(store_col_text(s, 2));
        m->has_probs = sqlite3_column_int(s, 3);
        /* Scored as the report scores: against the label before the earliest fix applied
         * at or after the import (store_report.c); the lookup only when such fixes exist. */
        char mid_text[32];
        snprintf(mid_text, sizeof mid_text, "%lld", (long long)sqlite3_column_int64(s, 0));
        long long import_hid = store_query_int(st, IMPORT_HID, mid_text, e);
        if (e && e->code)
            goto fail;
        /* Any fix at all applied since the import? (the lookup only then) */
        sqlite3_stmt *lq = store_prepare(st, "SELECT EXISTS(SELECT 1 FROM fixes f WHERE "
                                         "f.status = 'applied' AND " APPLIED_SINCE ")", e);
        if (!lq)
            goto fail;
        store_bind_text(lq, 2, m->imported);
        sqlite3_bind_int64(lq, 4, import_hid);
        int lrc = sqlite3_step(lq);
        long long later = lrc == SQLITE_ROW ? sqlite3_column_int64(lq, 0) : -1;
        sqlite3_finalize(lq);
        if (later < 0) {
            store_fail(st, e, "counting fixes");
            goto fail;
        }
        sqlite3_stmt *q = store_prepare(
            st, later ? "SELECT split, count(*), sum(pred <> label0), sum(pred <> label),"
                        " sum(label0 <> label), eye FROM (SELECT s.split AS split, p.pred AS"
                        " pred, s.label AS label, s.part IS 'eyeball' AS eye,"
                        " coalesce((SELECT f.old_label FROM fixes f"
                        " WHERE f.sid = s.sid AND f.status = 'applied' AND " APPLIED_SINCE
                        " ORDER BY f.applied, f.fid LIMIT 1), s.label) AS label0"
                        " FROM preds p JOIN samples s ON s.sid = p.sid WHERE p.mid = ?1)"
                        " GROUP BY split, eye"
                      : "SELECT s.split, count(*), sum(p.pred <> s.label), sum(p.pred <> s.label),"
                        " 0, s.part IS 'eyeball' AS eye FROM preds p JOIN samples s"
                        " ON s.sid = p.sid WHERE p.mid = ?1 GROUP BY s.split, eye", e);
        if (!q)
            goto fail;
        sqlite3_bind_int64(q, 1, sqlite3_column_int64(s, 0));
        if (later) {
            store_bind_text(q, 2, m->imported);
            sqlite3_bind_int64(q, 4, import_hid);
        }
        int qrc;
        while ((qrc = sqlite3_step(q)) == SQLITE_ROW) {
            int k = split_index(store_col_text(q, 0));
            m->n[k] += sqlite3_column_int64(q, 1);
            m->errors[k] += sqlite3_column_int64(q, 2);
            m->errors_now[k] += sqlite3_column_int64(q, 3);
            m->fixed_since[k] += sqlite3_column_int64(q, 4);
            if (k == 1) { /* dev */
                int part = sqlite3_column_int(q, 5) ? 0 : 1;
                m->part_n[part] += sqlite3_column_int64(q, 1);
                m->part_errors[part] += sqlite3_column_int64(q, 2);
            }
        }
        sqlite3_finalize(q);
        if (qrc != SQLITE_DONE) {
            store_fail(st, e, "counting errors");
            goto fail;
        }
    }
    if (rc != SQLITE_DONE) {
        store_fail(st, e, "reading models");
        goto fail;
    }
    sqlite3_finalize(s);
    s = NULL;

    s = store_prepare(st, "SELECT p.pid, m.name, p.split, p.kind, p.reviewer, p.created, "
                      "(SELECT count(*) FROM pass_items i WHERE i.pid = p.pid), "
                      "(SELECT count(*) FROM pass_items i JOIN reviews r ON r.sid = i.sid "
                      " WHERE i.pid = p.pid), p.part, (SELECT a.name FROM models a"
                      " WHERE a.mid = p.against) "
                      "FROM passes p JOIN models m ON m.mid = p.mid WHERE p.closed IS NULL "
                      "ORDER BY p.pid", e);
    if (!s)
        goto fail;
    cap = 4;
    si->passes = xcalloc(cap, sizeof *si->passes);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (si->npasses == cap) {
            cap *= 2;
            si->passes = xreallocarray(si->passes, cap, sizeof *si->passes);
        }
        status_pass_t *p = &si->passes[si->npasses++];
        p->pid = sqlite3_column_int64(s, 0);
        p->model = xstrdup(store_col_text(s, 1));
        p->split = xstrdup(store_col_text(s, 2));
        p->kind = xstrdup(store_col_text(s, 3));
        p->reviewer = xstrdup(store_col_text(s, 4) ? store_col_text(s, 4) : "");
        p->created = xstrdup(store_col_text(s, 5));
        p->items = sqlite3_column_int64(s, 6);
        p->reviewed = sqlite3_column_int64(s, 7);
        p->part = store_col_text(s, 8) ? xstrdup(store_col_text(s, 8)) : NULL;
        p->against = store_col_text(s, 9) ? xstrdup(store_col_text(s, 9)) : NULL;
    }
    if (rc != SQLITE_DONE) {
        store_fail(st, e, "reading passes");
        goto fail;
    }
    sqlite3_finalize(s);
    s = NULL;

    s = store_prepare(st, "SELECT f.status, s.split, count(*) FROM fixes f "
                      "JOIN samples s ON s.sid = f.sid GROUP BY f.status, s.split", e);
    if (!s)
        goto fail;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *status = store_col_text(s, 0);
        long long n = sqlite3_column_int64(s, 2);
        if (strcmp(status, "staged") == 0) {
            si->staged += n;
            si->staged_by_split[split_index(store_col_text(s, 1))] += n;
        } else if (strcmp(status, "applied") == 0) {
            si->applied += n;
        } else {
            si->withdrawn += n;
        }
    }
    if (rc != SQLITE_DONE) {
        store_fail(st, e, "reading fixes");
        goto fail;
    }
    sqlite3_finalize(s);
    s = NULL;
    si->hashed = store_query_int(st, "SELECT count(*) FROM samples WHERE hash IS NOT NULL",
                                 NULL, e);
    if (si->hashed < 0)
        goto fail;
    if (si->hashed > 0 &&
        (store_duplicates_count(st, &si->dup_groups, &si->dup_samples, e) < 0 ||
         store_leakage_count(st, &si->leak_groups, &si->leak_eval, e) < 0))
        goto fail;
    si->eyeball = store_query_int(st, "SELECT count(*) FROM samples WHERE split = 'dev' AND "
                                  "part = 'eyeball'", NULL, e);
    if (si->eyeball < 0)
        goto fail;
    if (si->eyeball > 0) {
        si->blackbox = si->splits[1] - si->eyeball;
        si->blackbox_shown = store_query_int(
            st, "SELECT count(*) FROM samples s WHERE s.split = 'dev' AND s.part IS NULL AND"
                " (EXISTS(SELECT 1 FROM reviews r WHERE r.sid = s.sid) OR EXISTS(SELECT 1"
                " FROM tags t WHERE t.sid = s.sid) OR EXISTS(SELECT 1 FROM fixes f WHERE"
                " f.sid = s.sid) OR EXISTS(SELECT 1 FROM pass_items i WHERE i.sid = s.sid))",
            NULL, e);
        if (si->blackbox_shown < 0)
            goto fail;
    }
    si->reviewed = store_query_int(st, "SELECT count(*) FROM reviews", NULL, e);
    si->categories = store_query_int(st, "SELECT count(*) FROM categories", NULL, e);
    if (si->reviewed < 0 || si->categories < 0)
        goto fail;
    store_rollback(st);
    return 0;
fail:
    sqlite3_finalize(s);
    store_rollback(st);
    store_status_free(si);
    return -1;
}

void store_status_free(status_info_t *si)
{
    for (size_t i = 0; i < si->nsources; i++)
        free(si->sources[i].key);
    for (size_t i = 0; i < si->nlabels; i++)
        free(si->labels[i].key);
    for (size_t i = 0; i < si->nmodels; i++) {
        free(si->models[i].name);
        free(si->models[i].imported);
    }
    for (size_t i = 0; i < si->npasses; i++) {
        status_pass_t *p = &si->passes[i];
        free(p->model);
        free(p->split);
        free(p->kind);
        free(p->reviewer);
        free(p->created);
        free(p->part);
        free(p->against);
    }
    free(si->sources);
    free(si->labels);
    free(si->models);
    free(si->passes);
    memset(si, 0, sizeof *si);
}
