/* import_preds.c: the two predictions formats, checked row by row and stored all or
 * nothing through store_import.c. */
#include "config.h"
#include "import.h"
#include "import_int.h"
#include "csv.h"
#include "jsonl.h"
#include "store_import.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Sum of a probability row may differ from 1 by this much. */
#define PROB_TOLERANCE 1e-3

/* ---- predictions ---- */

typedef struct classes {
    char **v;
    size_t n;
} classes_t;

static long class_index(const classes_t *c, const char *name)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int d = strcmp(c->v[mid], name);
        if (d == 0)
            return (long)mid;
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Checks one prediction; msg without position. conf may be NAN (absent). */
static int check_pred(const classes_t *cl, const char *id, const char *pred, double *conf,
                      const double *probs, err_t *e)
{
    if (!*id)
        return err_set(e, EXIT_USER, "empty id");
    if (!*pred)
        return err_set(e, EXIT_USER, "empty pred for id '%s'", id);
    long pi = class_index(cl, pred);
    if (pi < 0)
        return err_set(e, EXIT_USER, "pred '%s' is not a label of the dataset; the store knows "
                       "%zu labels (see 'eyeball status')", pred, cl->n);
    if (probs) {
        double sum = 0;
        for (size_t k = 0; k < cl->n; k++) {
            if (!(probs[k] >= 0 && probs[k] <= 1))
                return err_set(e, EXIT_USER, "probability of '%s' is %g; it must be in [0, 1]",
                               cl->v[k], probs[k]);
            sum += probs[k];
        }
        if (fabs(sum - 1) > PROB_TOLERANCE)
            return err_set(e, EXIT_USER, "probabilities sum to %.6g, not 1 (within %g); give "
                           "normalised probabilities (softmax output)", sum, PROB_TOLERANCE);
        if (isnan(*conf))
            *conf = probs[pi];
    }
    if (!isnan(*conf) && !(*conf >= 0 && *conf <= 1))
        return err_set(e, EXIT_USER, "confidence %g is outside [0, 1]", *conf);
    return 0;
}

static void classes_free(classes_t *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
}

/* The known column h would be with lower case letters ("id", "pred", "confidence" or
 * "prob:"), when h differs from it only in case; else NULL. */
static const char *misspelt_column(const char *h)
{
    static const char *const known[] = {"id", "pred", "confidence"};
    for (size_t k = 0; k < sizeof known / sizeof *known; k++)
        if (strcasecmp(h, known[k]) == 0 && strcmp(h, known[k]) != 0)
            return known[k];
    if (strncasecmp(h, "prob:", 5) == 0 && strncmp(h, "prob:", 5) != 0)
        return "prob:";
    return NULL;
}

static int import_preds_csv(store_t *st, const classes_t *cl, const char *path, const char *model,
                            import_stats_t *stats, err_t *e)
{
    csv_t *c = csv_open(path, e);
    if (!c)
        return -1;
    preds_load_t *l = NULL;
    int r = -1, got;
    size_t ncols = 0;
    long icol = -1, pcol = -1, ccol = -1;
    long *probcol = NULL; /* header column -> class index, or -1 */
    double *probs = xcalloc(cl->n ? cl->n : 1, sizeof *probs);
    progress_t prog;
    import_progress_init(&prog, csv_name(c), path);

    got = csv_next(c, e);
    if (got < 0)
        goto out;
    if (got == 0) {
        err_set(e, EXIT_USER, "%s:1: empty file; expected a header row with id and pred",
                csv_name(c));
        goto out;
    }
    ncols = csv_count(c);
    probcol = xmalloc(ncols * sizeof *probcol);
    size_t nprob = 0;
    char *seen = xcalloc(cl->n ? cl->n : 1, 1);
    if (import_header_unique(c, e) < 0) {
        free(seen);
        goto out;
    }
    for (size_t i = 0; i < ncols; i++) {
        const char *h = csv_field(c, i);
        probcol[i] = -1;
        const char *want = misspelt_column(h);
        if (want) {
            err_set(e, EXIT_USER, "%s:1: column '%s' is not a column of a predictions file "
                    "(names are lower case); did you mean '%s%s'?", csv_name(c), h, want,
                    strcmp(want, "prob:") == 0 ? h + 5 : "");
            free(seen);
            goto out;
        }
        if (strcmp(h, "id") == 0)
            icol = (long)i;
        else if (strcmp(h, "pred") == 0)
            pcol = (long)i;
        else if (strcmp(h, "confidence") == 0)
            ccol = (long)i;
        else if (strncmp(h, "prob:", 5) == 0) {
            long k = class_index(cl, h + 5);
            if (k < 0) {
                err_set(e, EXIT_USER, "%s:1: column '%s' names a class the dataset does not "
                        "have; the prob: columns must be exactly the dataset's labels",
                        csv_name(c), h);
                free(seen);
                goto out;
            }
            if (seen[k]) {
                err_set(e, EXIT_USER, "%s:1: column '%s' appears twice", csv_name(c), h);
                free(seen);
                goto out;
            }
            seen[k] = 1;
            probcol[i] = k;
            nprob++;
        }
    }
    if (icol < 0 || pcol < 0) {
        err_set(e, EXIT_USER, "%s:1: no '%s' column in the header; a predictions file needs id "
                "and pred (and may have confidence and prob:<label> columns)", csv_name(c),
                icol < 0 ? "id" : "pred");
        free(seen);
        goto out;
    }
    if (nprob && nprob != cl->n) {
        size_t k = 0;
        while (k < cl->n && seen[k])
            k++;
        err_set(e, EXIT_USER, "%s:1: no 'prob:%s' column; give one prob:<label> column for "
                "each of the %zu classes, or none", csv_name(c), cl->v[k], cl->n);
        free(seen);
        goto out;
    }
    free(seen);
    stats->with_probs = nprob > 0;
    l = store_preds_begin(st, model, nprob ? cl->v : NULL, nprob ? cl->n : 0, path, e);
    if (!l)
        goto out;
    while ((got = csv_next(c, e)) == 1) {
        if (csv_count(c) != ncols) {
            err_set(e, EXIT_USER, "%s:%ld: %zu fields, but the header has %zu", csv_name(c),
                    csv_line(c), csv_count(c), ncols);
            goto out;
        }
        double conf = NAN;
        if (ccol >= 0 && csv_field_len(c, (size_t)ccol) &&
            util_parse_double(csv_field(c, (size_t)ccol), &conf) < 0) {
            err_set(e, EXIT_USER, "%s:%ld: confidence '%s' is not a number", csv_name(c),
                    csv_line(c), csv_field(c, (size_t)ccol));
            goto out;
        }
        if (nprob) {
            for (size_t i = 0; i < ncols; i++) {
                if (probcol[i] < 0)
                    continue;
                if (util_parse_double(csv_field(c, i), &probs[probcol[i]]) < 0) {
                    err_set(e, EXIT_USER, "%s:%ld: prob:%s '%s' is not a number", csv_name(c),
                            csv_line(c), cl->v[probcol[i]], csv_field(c, i));
                    goto out;
                }
            }
        }
        const char *id = csv_field(c, (size_t)icol), *pred = csv_field(c, (size_t)pcol);
        if (check_pred(cl, id, pred, &conf, nprob ? probs : NULL, e) < 0 ||
            store_preds_add(l, id, pred, isnan(conf) ? -1 : conf, nprob ? probs : NULL, e) < 0) {
            err_prefix(e, "%s:%ld", csv_name(c), csv_line(c));
            goto out;
        }
        stats->rows++;
        stats->added++;
        import_progress_tick(&prog, stats->rows, csv_offset(c));
    }
    if (got < 0)
        goto out;
    if (stats->rows == 0) {
        err_set(e, EXIT_USER, "%s:2: no data rows after the header; nothing to import",
                csv_name(c));
        goto out;
    }
    r = store_preds_end(l, 1, &stats->replaced, e);
    l = NULL;
out:
    import_progress_done(&prog);
    if (l)
        store_preds_end(l, 0, NULL, NULL);
    free(probcol);
    free(probs);
    csv_close(c);
    return r;
}

static int import_preds_jsonl(store_t *st, const classes_t *cl, const char *path,
                              const char *model, import_stats_t *stats, err_t *e)
{
    jsonl_t *j = jsonl_open(path, e);
    if (!j)
        return -1;
    preds_load_t *l = NULL;
    int r = -1, got, mode = -1; /* -1 unknown, 0 without probs, 1 with */
    double *probs = xcalloc(cl->n ? cl->n : 1, sizeof *probs);
    progress_t prog;
    import_progress_init(&prog, jsonl_name(j), path);
    json_t *o = NULL;
    while ((got = jsonl_next(j, &o, e)) == 1) {
        int bad1 = 0, bad2 = 0, fail = 0;
        char *id = jsonl_member_text(j, o, "id", &bad1);
        char *pred = jsonl_member_text(j, o, "pred", &bad2);
        json_t *jc = json_object_get(o, "confidence");
        json_t *jp = json_object_get(o, "probs");
        double conf = NAN;
        if (jp && json_is_null(jp))
            jp = NULL;
        if (bad1 || bad2 || !id || !pred) {
            err_set(e, EXIT_USER, "each line needs \"id\" and \"pred\" as strings");
            fail = 1;
        } else if (jc && !json_is_null(jc) && !json_is_number(jc)) {
            err_set(e, EXIT_USER, "\"confidence\" must be a number");
            fail = 1;
        } else if (jp && !json_is_object(jp)) {
            err_set(e, EXIT_USER, "\"probs\" must be an object of label: probability");
            fail = 1;
        } else if (mode >= 0 && mode != (jp != NULL)) {
            err_set(e, EXIT_USER, "\"probs\" %s here but %s on the first line; give it on every "
                    "line or on none", jp ? "given" : "missing", jp ? "missing" : "given");
            fail = 1;
        }
        if (!fail && jc && json_is_number(jc))
            conf = json_number_value(jc);
        if (!fail && jp) {
            if (json_object_size(jp) != cl->n) {
                const char *key;
                json_t *val;
                const char *unknown = NULL;
                json_object_foreach(jp, key, val) if (class_index(cl, key) < 0 && !unknown)
                    unknown = key;
                if (unknown)
                    err_set(e, EXIT_USER, "probs has class '%s' that the dataset does not have",
                            unknown);
                else
                    err_set(e, EXIT_USER, "probs has %zu classes; give all %zu classes of the "
                            "dataset", json_object_size(jp), cl->n);
                fail = 1;
            }
            for (size_t k = 0; k < cl->n && !fail; k++) {
                json_t *pv = json_object_get(jp, cl->v[k]);
                if (!pv) {
                    err_set(e, EXIT_USER, "probs has no value for class '%s'", cl->v[k]);
                    fail = 1;
                } else if (!json_is_number(pv)) {
                    err_set(e, EXIT_USER, "probs value for '%s' is not a number", cl->v[k]);
                    fail = 1;
                } else {
                    probs[k] = json_number_value(pv);
                }
            }
        }
        if (!fail && mode < 0) {
            mode = jp != NULL;
            stats->with_probs = mode;
            l = store_preds_begin(st, model, mode ? cl->v : NULL, mode ? cl->n : 0, path, e);
            if (!l)
                fail = 1;
        }
        if (!fail && (check_pred(cl, id, pred, &conf, jp ? probs : NULL, e) < 0 ||
                      store_preds_add(l, id, pred, isnan(conf) ? -1 : conf, jp ? probs : NULL,
                                      e) < 0))
            fail = 1;
        free(id);
        free(pred);
        json_decref(o);
        if (fail) {
            if (e->code == EXIT_USER)
                err_prefix(e, "%s:%ld", jsonl_name(j), jsonl_line(j));
            goto out;
        }
        stats->rows++;
        stats->added++;
        import_progress_tick(&prog, stats->rows, jsonl_offset(j));
    }
    if (got < 0)
        goto out;
    if (stats->rows == 0) {
        err_set(e, EXIT_USER, "%s:1: empty file; expected one JSON object per line with id and "
                "pred", jsonl_name(j));
        goto out;
    }
    r = store_preds_end(l, 1, &stats->replaced, e);
    l = NULL;
out:
    import_progress_done(&prog);
    if (l)
        store_preds_end(l, 0, NULL, NULL);
    free(probs);
    jsonl_close(j);
    return r;
}

int import_preds(store_t *st, const char *path, const char *model, const char *format,
                 import_stats_t *stats, err_t *e)
{
    memset(stats, 0, sizeof *stats);
    if (!model || !*model)
        return err_set(e, EXIT_USER, "import preds needs --model NAME");
    classes_t cl = {0};
    cl.v = store_labels(st, &cl.n, e);
    if (!cl.v)
        return -1;
    if (cl.n == 0) {
        classes_free(&cl);
        return err_set(e, EXIT_USER, "the store has no samples yet; import samples first "
                       "(eyeball import samples FILE)");
    }
    int r = strcmp(format, "csv") == 0 ? import_preds_csv(st, &cl, path, model, stats, e)
                                       : import_preds_jsonl(st, &cl, path, model, stats, e);
    classes_free(&cl);
    return r;
}
