/* store_report.c: the SQL of the report: counts per split, reviewed examples, tags,
 * confused pairs, sources and leakage. The counting rule is written out in report.h. */
#include "config.h"
#include "store_report.h"
#include "store_review2.h"
#include "store_int.h"
#include "store_verdicts_int.h"
#include "store_scan.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

/* One row per example of split ?3 predicted by model ?1, in a temporary table (rolled
 * back with the read transaction), so each count below reads a few thousand rows instead
 * of joining the whole store again. Samples come first in the join: there is no index on
 * split, and one scan of samples with a lookup in preds per dev example beats a lookup in
 * samples per prediction. label0: the label the model was scored against, i.e. the label
 * before the earliest fix applied after the predictions were imported: in history row ?4
 * or later (the first row after the import), or at or after the import time ?2 for a
 * model imported before the import's place was kept (?4 = 0).
 * inrandom: judged in a random pass (reviews.pid, see store.h); insuspects: judged in a
 * suspects pass; reviewed but neither: judged outside any pass. fixed: a staged fix, or
 * one applied since the import. */
static const char report_fill[] =
    "INSERT INTO temp.report_rows SELECT s.sid, s.source, s.label, p.pred,"
    " coalesce((SELECT f.old_label FROM fixes f WHERE f.sid = s.sid AND f.status = 'applied'"
    "  AND " APPLIED_SINCE " ORDER BY f.applied, f.fid LIMIT 1), s.label),"
    " EXISTS(SELECT 1 FROM reviews r WHERE r.sid = s.sid),"
    " EXISTS(SELECT 1 FROM reviews r JOIN passes q ON q.pid = r.pid"
    "  WHERE r.sid = s.sid AND q.kind = 'random'),"
    " EXISTS(SELECT 1 FROM reviews r JOIN passes q ON q.pid = r.pid"
    "  WHERE r.sid = s.sid AND q.kind = 'suspects'),"
    " EXISTS(SELECT 1 FROM fixes f WHERE f.sid = s.sid AND (f.status = 'staged'"
    "  OR (f.status = 'applied' AND " APPLIED_SINCE ")))"
    " FROM samples s CROSS JOIN preds p ON p.mid = ?1 AND p.sid = s.sid WHERE s.split = ?3";

/* base: every example of the split; rv: the reviewed ones; cnt: those the tally counts
 * (judged in a random pass). err: misclassified against label0. */
#define REPORT_CTE                                                                           \
    "WITH base AS (SELECT * FROM temp.report_rows),"                                        \
    " rv AS (SELECT sid, source, pred <> label0 AS err, inrandom, insuspects, fixed"         \
    "  FROM temp.report_rows WHERE reviewed),"                                               \
    " cnt AS (SELECT * FROM rv WHERE inrandom) "

typedef struct ctx {
    store_t *st;
    long long mid;
    const char *imported;
    const char *split;
    err_t *e;
    long long import_hid; /* first history row after the predictions' import, 0 if unknown */
    int examples;         /* load the examples and the confusion matrix too */
} ctx_t;

static sqlite3_stmt *prep(ctx_t *c, const char *sql)
{
    sqlite3_stmt *s = store_prepare(c->st, sql, c->e);
    if (!s)
        return NULL;
    sqlite3_bind_int64(s, 1, c->mid);
    store_bind_text(s, 2, c->imported);
    store_bind_text(s, 3, c->split);
    if (sqlite3_bind_parameter_count(s) >= 4)
        sqlite3_bind_int64(s, 4, c->import_hid);
    return s;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Runs a query that returns one row of integers into v[0..n-1]. */
static int one_row(ctx_t *c, const char *sql, long long *v, int n)
{
    sqlite3_stmt *s = prep(c, sql);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        for (int i = 0; i < n; i++)
            v[i] = sqlite3_column_int64(s, i);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(c->st, c->e, "counting for the report");
    return 0;
}

static int load_categories(ctx_t *c, report_split_t *sp)
{
    sqlite3_stmt *s = store_prepare(c->st, "SELECT cid, name, mislabeled FROM categories "
                                    "ORDER BY position, cid", c->e);
    if (!s)
        return -1;
    size_t cap = 8;
    long long *cids = xmalloc(cap * sizeof *cids);
    sp->cats = xcalloc(cap, sizeof *sp->cats);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (sp->ncats == cap) {
            cap *= 2;
            sp->cats = xreallocarray(sp->cats, cap, sizeof *sp->cats);
            cids = xreallocarray(cids, cap, sizeof *cids);
        }
        report_cat_t *k = &sp->cats[sp->ncats];
        memset(k, 0, sizeof *k);
        cids[sp->ncats] = sqlite3_column_int64(s, 0);
        k->name = xstrdup(store_col_text(s, 1));
        k->mislabeled = sqlite3_column_int(s, 2);
        sp->ncats++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(cids);
        return store_fail(c->st, c->e, "reading the categories");
    }
    s = prep(c, REPORT_CTE "SELECT t.cid, count(*) FROM cnt "
             "JOIN " COUNTED_TAGS " t ON t.sid = cnt.sid WHERE cnt.err GROUP BY t.cid");
    if (!s) {
        free(cids);
        return -1;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long cid = sqlite3_column_int64(s, 0);
        for (size_t i = 0; i < sp->ncats; i++)
            if (cids[i] == cid)
                sp->cats[i].count = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    free(cids);
    if (rc != SQLITE_DONE)
        return store_fail(c->st, c->e, "counting tags");
    return 0;
}

/* Each reviewer's tally over the counted reviewed errors, when two or more judged them
 * (an adjudicator's decisions are not a review). */
static int load_reviewers(ctx_t *c, report_split_t *sp)
{
    sqlite3_stmt *s = prep(c, REPORT_CTE "SELECT v.reviewer, count(*) FROM cnt JOIN verdicts v"
                           " ON v.sid = cnt.sid WHERE cnt.err AND NOT EXISTS(SELECT 1 FROM"
                           " decisions d WHERE d.sid = v.sid AND d.reviewer = v.reviewer)"
                           " GROUP BY v.reviewer ORDER BY v.reviewer");
    if (!s)
        return -1;
    int step;
    while ((step = store_step(c->st, s, "counting each reviewer's tally", c->e)) > 0) {
        sp->rev_names = xreallocarray(sp->rev_names, sp->nreviewers + 1, sizeof *sp->rev_names);
        sp->rev_reviewed = xreallocarray(sp->rev_reviewed, sp->nreviewers + 1,
                                         sizeof *sp->rev_reviewed);
        sp->rev_names[sp->nreviewers] = xstrdup(store_col_text(s, 0));
        sp->rev_reviewed[sp->nreviewers++] = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (step < 0)
        return -1;
    for (size_t k = 0; k < sp->ncats; k++)
        sp->cats[k].by_reviewer = xcalloc(sp->nreviewers + 1, sizeof *sp->cats[k].by_reviewer);
    if (sp->nreviewers < 2)
        return 0;
    s = prep(c, REPORT_CTE "SELECT v.reviewer, k.name, count(*) FROM cnt JOIN verdict_tags v"
             " ON v.sid = cnt.sid JOIN categories k ON k.cid = v.cid WHERE cnt.err"
             " AND NOT EXISTS(SELECT 1 FROM decisions d WHERE d.sid = v.sid"
             " AND d.reviewer = v.reviewer) GROUP BY v.reviewer, k.name");
    if (!s)
        return -1;
    while ((step = store_step(c->st, s, "counting each reviewer's tally", c->e)) > 0) {
        for (size_t i = 0; i < sp->nreviewers; i++)
            for (size_t k = 0; k < sp->ncats; k++)
                if (strcmp(sp->rev_names[i], store_col_text(s, 0)) == 0 &&
                    strcmp(sp->cats[k].name, store_col_text(s, 1)) == 0)
                    sp->cats[k].by_reviewer[i] = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    return step < 0 ? -1 : 0;
}

static int load_pairs(ctx_t *c, report_split_t *sp)
{
    char sql[1024 + sizeof REPORT_CTE];
    snprintf(sql, sizeof sql, "%sSELECT label0, pred, count(*) AS n FROM base "
             "WHERE pred <> label0 GROUP BY label0, pred ORDER BY n DESC, label0, pred LIMIT %d",
             REPORT_CTE, REPORT_MAX_PAIRS);
    sqlite3_stmt *s = prep(c, sql);
    if (!s)
        return -1;
    sp->pairs = xcalloc(REPORT_MAX_PAIRS, sizeof *sp->pairs);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && sp->npairs < REPORT_MAX_PAIRS) {
        report_pair_t *p = &sp->pairs[sp->npairs++];
        p->given = xstrdup(store_col_text(s, 0));
        p->predicted = xstrdup(store_col_text(s, 1));
        p->count = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0
                                                 : store_fail(c->st, c->e, "counting confusions");
}

static int load_sources(ctx_t *c, report_split_t *sp)
{
    sqlite3_stmt *s = prep(c, "SELECT source, count(*) AS n, sum(pred <> label0),"
                           " sum(reviewed AND pred <> label0 AND inrandom)"
                           " FROM temp.report_rows GROUP BY source"
                           " ORDER BY n DESC, source IS NULL, source");
    if (!s)
        return -1;
    size_t cap = 8;
    sp->sources = xcalloc(cap, sizeof *sp->sources);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (sp->nsources == cap) {
            cap *= 2;
            sp->sources = xreallocarray(sp->sources, cap, sizeof *sp->sources);
        }
        report_source_t *o = &sp->sources[sp->nsources++];
        o->source = dup_or_null(store_col_text(s, 0));
        o->examples = sqlite3_column_int64(s, 1);
        o->errors = sqlite3_column_int64(s, 2);
        o->reviewed = sqlite3_column_int64(s, 3);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(c->st, c->e, "counting sources");
}

/* The counted reviewed errors of the split with what the HTML report shows of them, by
 * id, and the categories ticked on each (report_cat_t.ex). The fix shown is the newest
 * one that makes the example count as mislabeled: staged, or applied since the import. */
static int load_examples(ctx_t *c, report_split_t *sp)
{
    sqlite3_stmt *s = prep(c, REPORT_CTE "SELECT s.id, s.path, b.label0, b.pred,"
                           " coalesce(r.note, f.note), f.old_label, f.new_label,"
                           " f.status = 'applied'"
                           " FROM cnt JOIN base b ON b.sid = cnt.sid"
                           " JOIN samples s ON s.sid = cnt.sid"
                           " LEFT JOIN reviews r ON r.sid = cnt.sid"
                           " LEFT JOIN fixes f ON f.fid = (SELECT f.fid FROM fixes f"
                           "  WHERE f.sid = cnt.sid AND (f.status = 'staged'"
                           "  OR (f.status = 'applied' AND " APPLIED_SINCE "))"
                           "  ORDER BY f.fid DESC LIMIT 1)"
                           " WHERE cnt.err ORDER BY s.id");
    if (!s)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (sp->nrev == cap) {
            cap = cap ? 2 * cap : 64;
            sp->rev = xreallocarray(sp->rev, cap, sizeof *sp->rev);
        }
        report_example_t *x = &sp->rev[sp->nrev++];
        memset(x, 0, sizeof *x);
        x->id = xstrdup(store_col_text(s, 0));
        x->path = xstrdup(store_col_text(s, 1));
        x->label = xstrdup(store_col_text(s, 2));
        x->pred = xstrdup(store_col_text(s, 3));
        x->note = dup_or_null(store_col_text(s, 4));
        if (x->note && !*x->note) {
            free(x->note);
            x->note = NULL;
        }
        x->fix_old = dup_or_null(store_col_text(s, 5));
        x->fix_new = dup_or_null(store_col_text(s, 6));
        x->fix_applied = sqlite3_column_int(s, 7);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(c->st, c->e, "reading the reviewed examples");
    s = prep(c, REPORT_CTE "SELECT s.id, k.name FROM cnt JOIN tags t ON t.sid = cnt.sid"
             " JOIN categories k ON k.cid = t.cid JOIN samples s ON s.sid = cnt.sid"
             " WHERE cnt.err ORDER BY s.id, k.position, k.cid");
    if (!s)
        return -1;
    size_t at = 0; /* examples and tag rows are both in id order */
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *id = store_col_text(s, 0), *name = store_col_text(s, 1);
        while (at < sp->nrev && strcmp(sp->rev[at].id, id) < 0)
            at++;
        if (at == sp->nrev || strcmp(sp->rev[at].id, id) != 0)
            continue;
        sp->rev[at].ntags++;
        for (size_t i = 0; i < sp->ncats; i++) {
            report_cat_t *k = &sp->cats[i];
            if (strcmp(k->name, name) != 0)
                continue;
            k->ex = xreallocarray(k->ex, k->nex + 1, sizeof *k->ex);
            k->ex[k->nex++] = at;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : store_fail(c->st, c->e, "reading the reviewed tags");
}

typedef struct cls {
    char *name;
    long long total; /* examples given it plus examples predicted as it */
    size_t slot;     /* its row and column in the matrix */
} cls_t;

static int cls_by_name(const void *a, const void *b)
{
    return strcmp(((const cls_t *)a)->name, ((const cls_t *)b)->name);
}

static int cls_by_total(const void *a, const void *b)
{
    const cls_t *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->name, y->name);
}

static size_t cls_find(cls_t *v, size_t n, const char *name)
{
    cls_t key = {(char *)name, 0, 0};
    cls_t *hit = bsearch(&key, v, n, sizeof *v, cls_by_name);
    return (size_t)(hit - v);
}

/* The confusion matrix over every example of the split: scored label against prediction.
 * Classes by name; past REPORT_MAX_CLASSES, the classes with the most examples stay and
 * the rest share the last row and column. */
static int load_confusion(ctx_t *c, report_split_t *sp)
{
    sqlite3_stmt *s = prep(c, "SELECT label0, pred, count(*) FROM temp.report_rows"
                           " GROUP BY label0, pred");
    if (!s)
        return -1;
    size_t nrows = 0, cap = 0, ncls = 0;
    struct { char *given, *pred; long long n; } *rows = NULL;
    cls_t *cls = NULL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (nrows == cap) {
            cap = cap ? 2 * cap : 64;
            rows = xreallocarray(rows, cap, sizeof *rows);
            cls = xreallocarray(cls, 2 * cap, sizeof *cls);
        }
        rows[nrows].given = xstrdup(store_col_text(s, 0));
        rows[nrows].pred = xstrdup(store_col_text(s, 1));
        rows[nrows].n = sqlite3_column_int64(s, 2);
        cls[ncls++] = (cls_t){rows[nrows].given, 0, 0};
        cls[ncls++] = (cls_t){rows[nrows].pred, 0, 0};
        nrows++;
    }
    sqlite3_finalize(s);
    int r = 0;
    if (rc != SQLITE_DONE) {
        r = store_fail(c->st, c->e, "counting the confusion matrix");
        goto done;
    }
    qsort(cls, ncls, sizeof *cls, cls_by_name);
    size_t u = 0;
    for (size_t i = 0; i < ncls; i++)
        if (u == 0 || strcmp(cls[u - 1].name, cls[i].name) != 0)
            cls[u++] = cls[i];
    ncls = u;
    for (size_t i = 0; i < nrows; i++) {
        cls[cls_find(cls, ncls, rows[i].given)].total += rows[i].n;
        cls[cls_find(cls, ncls, rows[i].pred)].total += rows[i].n;
    }
    size_t kept = ncls;
    if (ncls > REPORT_MAX_CLASSES) {
        qsort(cls, ncls, sizeof *cls, cls_by_total);
        kept = REPORT_MAX_CLASSES;
        qsort(cls, kept, sizeof *cls, cls_by_name);
    }
    sp->nclasses = kept + (kept < ncls);
    sp->classes = xcalloc(sp->nclasses, sizeof *sp->classes);
    for (size_t i = 0; i < ncls; i++) {
        cls[i].slot = i < kept ? i : kept;
        if (i < kept)
            sp->classes[i] = xstrdup(cls[i].name);
    }
    qsort(cls, ncls, sizeof *cls, cls_by_name);
    sp->confusion = xcalloc(sp->nclasses * sp->nclasses, sizeof *sp->confusion);
    for (size_t i = 0; i < nrows; i++) {
        size_t g = cls[cls_find(cls, ncls, rows[i].given)].slot;
        size_t p = cls[cls_find(cls, ncls, rows[i].pred)].slot;
        sp->confusion[g * sp->nclasses + p] += rows[i].n;
    }
done:
    for (size_t i = 0; i < nrows; i++) {
        free(rows[i].given);
        free(rows[i].pred);
    }
    free(rows);
    free(cls);
    return r;
}

static int load_split(ctx_t *c, const char *split, report_split_t *sp)
{
    c->split = split;
    sp->split = split;
    if (store_exec(c->st, "DROP TABLE IF EXISTS temp.report_rows;"
                   " CREATE TEMP TABLE report_rows(sid INTEGER PRIMARY KEY, source TEXT,"
                   " label TEXT, pred TEXT, label0 TEXT, reviewed INT, inrandom INT,"
                   " insuspects INT, fixed INT)", c->e) < 0)
        return -1;
    sqlite3_stmt *fill = prep(c, report_fill);
    if (!fill)
        return -1;
    int rc = sqlite3_step(fill);
    sqlite3_finalize(fill);
    if (rc != SQLITE_DONE)
        return store_fail(c->st, c->e, "collecting the examples for the report");
    long long v[6] = {0};
    if (one_row(c, REPORT_CTE "SELECT count(*), coalesce(sum(pred <> label0), 0),"
                " coalesce(sum(pred <> label), 0), coalesce(sum(label0 <> label), 0) FROM base",
                v, 4) < 0)
        return -1;
    sp->examples = v[0];
    sp->errors = v[1];
    sp->errors_now = v[2];
    sp->fixed_since = v[3];
    memset(v, 0, sizeof v);
    if (one_row(c, REPORT_CTE "SELECT coalesce(sum(err AND inrandom), 0),"
                " coalesce(sum(err AND inrandom AND fixed), 0),"
                " coalesce(sum(NOT err AND inrandom), 0),"
                " coalesce(sum(NOT err AND inrandom AND fixed), 0),"
                " coalesce(sum(err AND insuspects AND NOT inrandom), 0),"
                " coalesce(sum(err AND NOT inrandom AND NOT insuspects), 0) FROM rv", v, 6) < 0)
        return -1;
    sp->reviewed = v[0];
    sp->mislabeled = v[1];
    sp->correct_reviewed = v[2];
    sp->correct_mislabeled = v[3];
    sp->suspects_only = v[4];
    sp->outside = v[5];
    if (one_row(c, REPORT_CTE "SELECT count(*) FROM cnt WHERE err AND sid IN " DISPUTED_SIDS,
                &sp->disputed, 1) < 0)
        return -1;
    if (one_row(c, REPORT_CTE "SELECT count(DISTINCT r.pid) FROM cnt"
                " JOIN reviews r ON r.sid = cnt.sid WHERE cnt.err", &sp->passes, 1) < 0)
        return -1;
    if (load_categories(c, sp) < 0 || load_reviewers(c, sp) < 0 || load_pairs(c, sp) < 0 ||
        load_sources(c, sp) < 0)
        return -1;
    if (c->examples && (load_examples(c, sp) < 0 || load_confusion(c, sp) < 0))
        return -1;
    return 0;
}

/* The model by name, else the one whose predictions were imported last. */
static int pick_model(store_t *st, const char *name, report_t *r, long long *mid, err_t *e)
{
    sqlite3_stmt *s;
    if (name) {
        s = store_prepare(st, "SELECT mid, name, imported FROM models WHERE name = ?1", e);
        if (!s)
            return -1;
        store_bind_text(s, 1, name);
    } else {
        s = store_prepare(st, "SELECT mid, name, imported FROM models "
                          "ORDER BY imported DESC, mid DESC LIMIT 1", e);
        if (!s)
            return -1;
    }
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *mid = sqlite3_column_int64(s, 0);
        r->model = xstrdup(store_col_text(s, 1));
        r->imported = xstrdup(store_col_text(s, 2));
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "reading the models");
    if (!name)
        return err_set(e, EXIT_USER, "%s: no model predictions yet; import them first "
                       "(eyeball import preds FILE --model NAME)", store_path(st));
    strbuf_t known;
    strbuf_init(&known);
    s = store_prepare(st, "SELECT name FROM models ORDER BY name", e);
    if (!s) {
        strbuf_done(&known);
        return -1;
    }
    while (sqlite3_step(s) == SQLITE_ROW) {
        strbuf_adds(&known, known.len ? ", " : "");
        strbuf_adds(&known, store_col_text(s, 0));
    }
    sqlite3_finalize(s);
    char *safe = util_sanitize(name);
    err_set(e, EXIT_USER, "unknown model '%s'; the store has %s", safe,
            known.len ? known.buf : "no models (eyeball import preds FILE --model NAME)");
    free(safe);
    strbuf_done(&known);
    return -1;
}

/* Leakage as 'eyeball scan' defines it: dev, test and train-dev examples with an exact
 * copy (same content hash) in train. The first few become (id, split, train copy). */
static int load_leaks(store_t *st, report_t *r, err_t *e)
{
    long long groups = 0;
    if (store_leakage_count(st, &groups, &r->leaks, e) < 0)
        return -1;
    if (r->leaks == 0)
        return 0;
    dup_group_t *g = NULL;
    size_t ng = 0;
    if (store_leakage_groups(st, REPORT_MAX_LEAKS, &g, &ng, e) < 0)
        return -1;
    r->leak = xcalloc(REPORT_MAX_LEAKS, sizeof *r->leak);
    for (size_t i = 0; i < ng; i++) {
        const char *train = NULL;
        for (size_t k = 0; k < g[i].n && !train; k++)
            if (g[i].m[k].split && strcmp(g[i].m[k].split, "train") == 0)
                train = g[i].m[k].id;
        for (size_t k = 0; k < g[i].n && r->nleak < REPORT_MAX_LEAKS; k++) {
            const dup_member_t *m = &g[i].m[k];
            if (!train || !m->split || strcmp(m->split, "train") == 0)
                continue;
            report_leak_t *l = &r->leak[r->nleak++];
            l->id = xstrdup(m->id);
            l->split = xstrdup(m->split);
            l->train_id = xstrdup(train);
        }
    }
    store_dup_groups_free(g, ng);
    return 0;
}

int store_report_load(store_t *st, const char *model, report_t *r, err_t *e)
{
    long long mid = 0;
    if (store_begin_read(st, e) < 0)
        return -1;
    if (pick_model(st, model, r, &mid, e) < 0)
        goto fail;
    ctx_t c = {st, mid, r->imported, "dev", e, 0, r->want_examples};
    char mid_text[32];
    snprintf(mid_text, sizeof mid_text, "%lld", mid);
    c.import_hid = store_query_int(st, IMPORT_HID, mid_text, e);
    if (e && e->code)
        goto fail;
    if (load_split(&c, "dev", &r->dev) < 0)
        goto fail;
    if ((r->dev.checked_labels = store_checked_labels(st, "dev", e)) < 0)
        goto fail;
    if (r->dev.examples == 0) {
        char *safe = util_sanitize(r->model);
        err_set(e, EXIT_USER, "model %s has no predictions for dev examples; assign a dev "
                "split (eyeball split) or import its predictions on dev "
                "(eyeball import preds FILE --model %s)", safe, safe);
        free(safe);
        goto fail;
    }
    long long ntest = 0;
    if (one_row(&c, "SELECT count(*) FROM passes WHERE mid = ?1 AND split = 'test'"
                " AND kind = 'random'", &ntest, 1) < 0)
        goto fail;
    if (ntest > 0) {
        r->has_test = 1;
        if (load_split(&c, "test", &r->test) < 0)
            goto fail;
        if ((r->test.checked_labels = store_checked_labels(st, "test", e)) < 0)
            goto fail;
    }
    if (load_leaks(st, r, e) < 0 || store_near_summary(st, &r->near, e) < 0)
        goto fail;
    store_rollback(st);
    return 0;
fail:
    store_rollback(st);
    return -1;
}
