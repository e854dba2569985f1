/* store_suspects.c: reading a model's labels and probabilities for confident learning. */
#include "config.h"
#include "store_suspects.h"
#include "store_int.h"
#include "strbuf.h"
#include "suspects.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* How far the predictions scan steps to catch up before it seeks instead. */
#define SUSPECTS_SEEK_AFTER 8

static const char *const split_names[SUSPECTS_MAX_SPLITS] = {"train", "dev", "test",
                                                             "train-dev"};

int suspects_parse_splits(const char *list, suspects_data_t *d, err_t *e)
{
    d->nsplits = 0;
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        size_t i = 0;
        while (i < SUSPECTS_MAX_SPLITS &&
               !(strlen(split_names[i]) == len && strncmp(split_names[i], p, len) == 0))
            i++;
        if (i == SUSPECTS_MAX_SPLITS) {
            char *bad = xstrndup(p, len);
            char *safe = util_sanitize(bad);
            if (len)
                err_set(e, EXIT_USER, "unknown split '%s' in '%s'; the splits are train, dev, "
                        "test and train-dev, comma-separated", safe, list);
            else
                err_set(e, EXIT_USER, "empty split name in '%s'; give splits such as dev,test",
                        list);
            free(safe);
            free(bad);
            return -1;
        }
        size_t j = 0;
        while (j < d->nsplits && d->splits[j] != split_names[i])
            j++;
        if (j == d->nsplits)
            d->splits[d->nsplits++] = split_names[i];
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* The split list as text ("dev,test"), for messages. */
static char *splits_text(const suspects_data_t *d)
{
    strbuf_t b;
    strbuf_init(&b);
    for (size_t i = 0; i < d->nsplits; i++) {
        if (i)
            strbuf_addc(&b, ',');
        strbuf_adds(&b, d->splits[i]);
    }
    return strbuf_detach(&b);
}

void suspects_data_free(suspects_data_t *d)
{
    for (size_t c = 0; c < d->k && d->classes; c++)
        free(d->classes[c]);
    free(d->classes);
    free(d->model);
    xbig_free(d->sids);
    xbig_free(d->split);
    xbig_free(d->labels);
    xbig_free(d->probs);
    free(d->idtext);
    xbig_free(d->idat);
    memset(d, 0, sizeof *d);
}

/* Fills d->model, d->k, d->classes of model mid (found by name, or the newest). */
static int pick_model(store_t *st, const char *name, long long mid, suspects_data_t *d, err_t *e)
{
    sqlite3_stmt *s;
    if (name)
        s = store_prepare(st, "SELECT mid, name, classes, trained IS NOT NULL FROM models "
                          "WHERE name = ?1", e);
    else if (mid > 0)
        s = store_prepare(st, "SELECT mid, name, classes, trained IS NOT NULL FROM models "
                          "WHERE mid = ?1", e);
    else
        s = store_prepare(st, "SELECT mid, name, classes, trained IS NOT NULL FROM models "
                          "ORDER BY mid DESC LIMIT 1",
                          e);
    if (!s)
        return -1;
    if (name)
        store_bind_text(s, 1, name);
    else if (mid > 0)
        sqlite3_bind_int64(s, 1, mid);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return store_fail(st, e, "reading the models");
        if (!name && mid <= 0)
            return err_set(e, EXIT_USER, "no model has predictions yet; import some first: "
                           "eyeball import preds FILE --model NAME");
        if (!name)
            return err_set(e, EXIT_USER, "no model with key %lld", mid);
        char *safe = util_sanitize(name);
        err_set(e, EXIT_USER, "no model named '%s'; 'eyeball status' lists the models", safe);
        free(safe);
        return -1;
    }
    d->mid = sqlite3_column_int64(s, 0);
    d->model = xstrdup(store_col_text(s, 1));
    d->out_of_fold = sqlite3_column_int(s, 3);
    const char *cls = store_col_text(s, 2);
    json_t *a = cls ? json_loads(cls, 0, NULL) : NULL;
    sqlite3_finalize(s);
    char *safe = util_sanitize(d->model);
    int r = 0;
    if (!cls) {
        r = err_set(e, EXIT_USER, "model '%s' was imported without probabilities; suspects needs "
                    "them: import its predictions again with one prob:<label> column per class "
                    "(CSV) or a \"probs\" object (JSONL)", safe);
    } else if (!json_is_array(a)) {
        r = err_set(e, EXIT_SYSTEM, "%s: the class list of model '%s' is damaged; import its "
                    "predictions again", store_path(st), safe);
    } else if (json_array_size(a) < 2) {
        r = err_set(e, EXIT_USER, "model '%s' knows a single class; finding label errors needs "
                    "at least two", safe);
    } else {
        d->k = json_array_size(a);
        d->classes = xcalloc(d->k, sizeof *d->classes);
        for (size_t c = 0; c < d->k; c++) {
            const char *v = json_string_value(json_array_get(a, c));
            d->classes[c] = xstrdup(v ? v : "");
        }
    }
    free(safe);
    json_decref(a);
    return r;
}

/* A class name and its index, sorted by name for lookups. */
typedef struct class_key {
    const char *name;
    int32_t index;
} class_key_t;

static int class_key_cmp(const void *a, const void *b)
{
    return strcmp(((const class_key_t *)a)->name, ((const class_key_t *)b)->name);
}

static int host_is_little_endian(void)
{
    const uint16_t one = 1;
    return *(const uint8_t *)&one == 1;
}

/* Decodes k little-endian doubles. */
static void decode_probs(const void *blob, size_t k, double *out)
{
    if (host_is_little_endian()) {
        memcpy(out, blob, k * sizeof *out);
        return;
    }
    const uint8_t *p = blob;
    for (size_t c = 0; c < k; c++) {
        uint8_t b[8];
        for (int x = 0; x < 8; x++)
            b[x] = p[c * 8 + (size_t)(7 - x)];
        memcpy(&out[c], b, 8);
    }
}

/* User error for an example whose label the model does not know. */
static int unknown_label(store_t *st, long long sid, const char *label, const char *split,
                         const suspects_data_t *d, err_t *e)
{
    long long *one = &sid;
    char **ids = NULL;
    if (store_suspects_ids(st, one, 1, &ids, e) < 0)
        return -1;
    char *id = util_sanitize(ids[0]), *lab = util_sanitize(label), *m = util_sanitize(d->model);
    err_set(e, EXIT_USER, "sample '%s' (%s) is labelled '%s', which is not one of the %zu classes "
            "of model '%s'; import the model's predictions again with a prob:%s column", id,
            split, lab, d->k, m, lab);
    free(m);
    free(lab);
    free(id);
    free(ids[0]);
    free(ids);
    return -1;
}

static int load_rows(store_t *st, suspects_data_t *d, int want_ids, err_t *e)
{
    long long maxsid = store_query_int(st, "SELECT coalesce(max(sid), 0) FROM samples", NULL, e);
    if (maxsid < 0)
        return -1;
    /* At most one prediction per sample: sized by the largest key. Rows are written from
     * the start and xbig_alloc's pages are untouched until then, so only what is read
     * takes memory. */
    size_t cap = maxsid > 0 ? (size_t)maxsid : 1;
    d->sids = xbig_alloc(cap * sizeof *d->sids);
    d->split = xbig_alloc(cap);
    d->labels = xbig_alloc(cap * sizeof *d->labels);
    d->probs = xbig_alloc(cap * d->k * sizeof *d->probs);
    strbuf_t idb;
    strbuf_init(&idb);
    if (want_ids)
        d->idat = xbig_alloc(cap * sizeof *d->idat);

    class_key_t *keys = xmalloc(d->k * sizeof *keys);
    for (size_t c = 0; c < d->k; c++) {
        keys[c].name = d->classes[c];
        keys[c].index = (int32_t)c;
    }
    qsort(keys, d->k, sizeof *keys, class_key_cmp);

    /* Two scans in key order, merged: the samples of the chosen splits, and the model's
     * predictions. When the predictions scan falls far behind (the splits hold a small
     * part of the samples), it jumps ahead with a seek instead of stepping. */
    int r = -1, rc, prc = SQLITE_DONE, started = 0;
    long long psid = 0;
    sqlite3_stmt *s = store_prepare(st, want_ids ? "SELECT sid, split, label, id FROM samples "
                                    "WHERE split IN (?1, ?2, ?3, ?4) ORDER BY sid"
                                    : "SELECT sid, split, label FROM samples "
                                    "WHERE split IN (?1, ?2, ?3, ?4) ORDER BY sid", e);
    /* A trained model's own probabilities are in-sample on train; confident learning takes
     * its out-of-fold ones. */
    sqlite3_stmt *p = store_prepare(st, d->out_of_fold
                                    ? "SELECT sid, oof FROM preds WHERE mid = ?1 AND "
                                      "sid >= ?2 ORDER BY sid"
                                    : "SELECT sid, probs FROM preds WHERE mid = ?1 AND "
                                      "sid >= ?2 ORDER BY sid", e);
    if (!s || !p)
        goto out;
    for (size_t i = 0; i < d->nsplits; i++)
        store_bind_text(s, (int)i + 1, d->splits[i]);
    sqlite3_bind_int64(p, 1, d->mid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long sid = sqlite3_column_int64(s, 0);
        int steps = 0;
        while (!started || (prc == SQLITE_ROW && psid < sid)) {
            if (!started || ++steps > SUSPECTS_SEEK_AFTER) {
                sqlite3_reset(p);
                sqlite3_bind_int64(p, 2, sid);
                started = 1;
            }
            prc = sqlite3_step(p);
            psid = prc == SQLITE_ROW ? sqlite3_column_int64(p, 0) : 0;
        }
        if (prc != SQLITE_ROW && prc != SQLITE_DONE)
            break;
        if (prc != SQLITE_ROW || psid != sid) {
            d->unpredicted++;
            continue;
        }
        const char *split = store_col_text(s, 1), *label = store_col_text(s, 2);
        size_t si = 0;
        while (si < d->nsplits && strcmp(d->splits[si], split) != 0)
            si++;
        class_key_t want = {label, 0};
        const class_key_t *hit = bsearch(&want, keys, d->k, sizeof *keys, class_key_cmp);
        if (!hit) {
            unknown_label(st, sid, label, split, d, e);
            goto out;
        }
        const void *blob = sqlite3_column_blob(p, 1);
        if (!blob || (size_t)sqlite3_column_bytes(p, 1) != d->k * sizeof(double)) {
            char **ids = NULL;
            if (store_suspects_ids(st, &sid, 1, &ids, e) == 0) {
                char *id = util_sanitize(ids[0]), *m = util_sanitize(d->model);
                err_set(e, EXIT_USER, "model '%s' has no probabilities for sample '%s'; import "
                        "its predictions again with probabilities for every row", m, id);
                free(m);
                free(id);
                free(ids[0]);
                free(ids);
            }
            goto out;
        }
        if (d->n == cap) {
            err_set(e, EXIT_SYSTEM, "%s: more predictions than samples for model %lld",
                    store_path(st), d->mid);
            goto out;
        }
        d->sids[d->n] = sid;
        d->split[d->n] = (uint8_t)si;
        d->labels[d->n] = hit->index;
        decode_probs(blob, d->k, d->probs + d->n * d->k);
        if (want_ids) {
            d->idat[d->n] = idb.len;
            strbuf_add(&idb, (const char *)sqlite3_column_text(s, 3),
                       (size_t)sqlite3_column_bytes(s, 3) + 1);
        }
        d->per_split[si]++;
        d->n++;
    }
    if (rc == SQLITE_ROW || (prc != SQLITE_ROW && prc != SQLITE_DONE)) {
        store_fail(st, e, "reading predictions");
        goto out;
    }
    if (rc != SQLITE_DONE) {
        store_fail(st, e, "reading samples");
        goto out;
    }
    r = 0;
out:
    sqlite3_finalize(s);
    sqlite3_finalize(p);
    free(keys);
    if (want_ids)
        d->idtext = strbuf_detach(&idb);
    else
        strbuf_done(&idb);
    return r;
}

static int load(store_t *st, const char *model, long long mid, const char *list, int ids,
                suspects_data_t *d, err_t *e)
{
    memset(d, 0, sizeof *d);
    if (suspects_parse_splits(list, d, e) < 0)
        return -1;
    /* Inside the caller's transaction when there is one, else in one of its own. */
    int own = sqlite3_get_autocommit(st->db);
    if (own && store_begin_read(st, e) < 0)
        return -1;
    if (pick_model(st, model, mid, d, e) < 0 || load_rows(st, d, ids, e) < 0)
        goto fail;
    if (d->n == 0) {
        char *m = util_sanitize(d->model), *sp = splits_text(d);
        err_set(e, EXIT_USER, "model '%s' has no predictions for samples in %s; import "
                "predictions for them, or choose other splits", m, sp);
        free(sp);
        free(m);
        goto fail;
    }
    if (own)
        store_rollback(st);
    return 0;
fail:
    if (own)
        store_rollback(st);
    suspects_data_free(d);
    return -1;
}

int store_suspects_load(store_t *st, const char *model, const char *list, suspects_data_t *d,
                        err_t *e)
{
    return load(st, model, 0, list, 0, d, e);
}

int store_suspects_load_ids(store_t *st, const char *model, const char *list,
                            suspects_data_t *d, err_t *e)
{
    return load(st, model, 0, list, 1, d, e);
}

const char *suspects_data_id(const suspects_data_t *d, size_t i)
{
    return d->idtext + d->idat[i];
}

int store_suspects_load_mid(store_t *st, long long mid, const char *list, suspects_data_t *d,
                            err_t *e)
{
    if (mid <= 0)
        return err_set(e, EXIT_USER, "no model given");
    return load(st, NULL, mid, list, 0, d, e);
}

int store_suspects_ids(store_t *st, const long long *sids, size_t n, char ***ids, err_t *e)
{
    *ids = xcalloc(n ? n : 1, sizeof **ids);
    /* One read transaction for all lookups, not one (and a file lock) per row. */
    int own = sqlite3_get_autocommit(st->db);
    if (own && store_begin_read(st, e) < 0) {
        free(*ids);
        *ids = NULL;
        return -1;
    }
    sqlite3_stmt *s = store_prepare(st, "SELECT id FROM samples WHERE sid = ?1", e);
    if (!s) {
        if (own)
            store_rollback(st);
        free(*ids);
        *ids = NULL;
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(s, 1, sids[i]);
        int rc = sqlite3_step(s);
        const char *id = rc == SQLITE_ROW ? store_col_text(s, 0) : NULL;
        if (!id) {
            sqlite3_finalize(s);
            if (own)
                store_rollback(st);
            for (size_t j = 0; j < i; j++)
                free((*ids)[j]);
            free(*ids);
            *ids = NULL;
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return store_fail(st, e, "reading sample ids");
            return err_set(e, EXIT_SYSTEM, "%s: sample %lld vanished while reading",
                           store_path(st), sids[i]);
        }
        (*ids)[i] = xstrdup(id);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    if (own)
        store_rollback(st);
    return 0;
}

int suspects_for_pass(store_t *st, long long mid, const char *splits, size_t top,
                      long long **sids, char ***reasons, size_t *n, err_t *e)
{
    *sids = NULL;
    *reasons = NULL;
    *n = 0;
    suspects_data_t d;
    if (store_suspects_load_mid(st, mid, splits, &d, e) < 0)
        return -1;
    suspects_t s = {.n = d.n, .k = d.k, .labels = d.labels, .probs = d.probs};
    if (suspects_run(&s, SUSPECTS_SELF_CONFIDENCE) < 0) {
        suspects_data_free(&d);
        return err_set(e, EXIT_SYSTEM, "too many examples for confident learning");
    }
    size_t m = top && top < s.nflagged ? top : s.nflagged;
    *sids = xmalloc((m ? m : 1) * sizeof **sids);
    *reasons = xmalloc((m ? m : 1) * sizeof **reasons);
    for (size_t r = 0; r < m; r++) {
        (*sids)[r] = d.sids[s.rank[r]];
        (*reasons)[r] = suspects_reason(&s, s.rank[r], (const char *const *)d.classes);
    }
    *n = m;
    suspects_done(&s);
    suspects_data_free(&d);
    return 0;
}

int suspects_estimate_shares(store_t *st, const char *model, double *dev, double *test,
                             err_t *e)
{
    *dev = *test = -1;
    suspects_data_t d;
    if (store_suspects_load(st, model, "dev,test", &d, e) < 0)
        return -1;
    suspects_t s = {.n = d.n, .k = d.k, .labels = d.labels, .probs = d.probs};
    if (suspects_run(&s, SUSPECTS_SELF_CONFIDENCE) < 0) {
        suspects_data_free(&d);
        return err_set(e, EXIT_SYSTEM, "too many examples for confident learning");
    }
    size_t flagged[SUSPECTS_MAX_SPLITS] = {0};
    for (size_t i = 0; i < d.n; i++)
        flagged[d.split[i]] += s.flag[i];
    for (size_t x = 0; x < d.nsplits; x++)
        if (d.per_split[x])
            *(x == 0 ? dev : test) = (double)flagged[x] / (double)d.per_split[x];
    suspects_done(&s);
    suspects_data_free(&d);
    return 0;
}
