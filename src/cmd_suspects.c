/* cmd_suspects.c: eyeball suspects: likely label errors by confident learning. */
#include "config.h"
#include "cmd.h"
#include "store_suspects.h"
#include "strbuf.h"
#include "suspects.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball suspects [--model NAME] [--split LIST] [--top N] "
    "[--method self_confidence|normalized_margin] [--format text|csv|json]\n"
    "       [--filter-by prune_by_noise_rate|prune_by_class|both|confident_learning|"
    "predicted_neq_given] [--no-formula-guard]\n"
    "\n"
    "Lists the examples whose label is probably wrong, most suspicious first, found by\n"
    "confident learning exactly as cleanlab's find_label_issues finds them (same ids, same\n"
    "order) from the model's predicted probabilities, over the\n"
    "examples of the chosen splits. Also prints the estimated number of label errors per\n"
    "pair of classes and the estimated share of mislabeled examples per split.\n"
    "\n"
    "  --model NAME   the model (default: the one imported last); its predictions must\n"
    "                 have probabilities (prob:<label> columns)\n"
    "  --split LIST   comma-separated splits to look at (default: dev,test); with train,\n"
    "                 a warning: the result is unreliable unless the predictions on train\n"
    "                 are out-of-fold\n"
    "  --top N        list only the N most suspicious examples (the summary counts all)\n"
    "  --method M     ranking: self_confidence (default: the given label's probability)\n"
    "                 or normalized_margin ((p(given) - max other p + 1) / 2)\n"
    "  --filter-by F  cleanlab's filter_by: prune_by_noise_rate (default), prune_by_class,\n"
    "                 both, confident_learning or predicted_neq_given\n"
    "  --format F     text (default, with the reason for each example), csv\n"
    "                 (id,split,given,suggested,self_confidence,normalized_margin) or json\n"
    "  --no-formula-guard  CSV cells as they are; by default a cell a spreadsheet would\n"
    "                 run as a formula (starting with = + - @, a tab or CR, and not a\n"
    "                 plain number) gets a leading apostrophe\n";

/* What the three formats print from. */
typedef struct report {
    const suspects_data_t *d;
    const suspects_t *s;
    size_t shown;  /* rows listed (--top) */
    const char **ids; /* shown ids, in rank order */
    size_t *flagged_per_split;
    int guard; /* CSV: guard cells against formulas (strbuf_add_csv) */
} report_t;

static double share(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static const char *method_name(suspects_method_t m)
{
    return m == SUSPECTS_NORMALIZED_MARGIN ? "normalized_margin" : "self_confidence";
}

static void print_csv(const report_t *r)
{
    strbuf_t b;
    strbuf_init(&b);
    strbuf_adds(&b, "id,split,given,suggested,self_confidence,normalized_margin\r\n");
    for (size_t x = 0; x < r->shown; x++) {
        size_t i = r->s->rank[x];
        strbuf_add_csv(&b, r->ids[x], r->guard);
        strbuf_addc(&b, ',');
        strbuf_add_csv(&b, r->d->splits[r->d->split[i]], r->guard);
        strbuf_addc(&b, ',');
        strbuf_add_csv(&b, r->d->classes[r->d->labels[i]], r->guard);
        strbuf_addc(&b, ',');
        strbuf_add_csv(&b, r->d->classes[suspects_top(r->s, i)], r->guard);
        strbuf_addf(&b, ",%.6f,%.6f\r\n", suspects_self_confidence(r->s, i),
                    suspects_normalized_margin(r->s, i));
        if (b.len > 1 << 16) {
            util_write_out(b.buf, b.len, stdout);
            strbuf_reset(&b);
        }
    }
    util_write_out(b.buf, b.len, stdout);
    strbuf_done(&b);
}

/* One estimated class pair: count examples labelled given that are truly true. */
typedef struct pair {
    long long count;
    size_t given, truth;
} pair_t;

static int pair_cmp(const void *a, const void *b)
{
    const pair_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->given != y->given)
        return x->given < y->given ? -1 : 1;
    return x->truth < y->truth ? -1 : x->truth > y->truth;
}

/* The off-diagonal entries of the calibrated confident joint above 0, largest first. */
static pair_t *pairs(const suspects_t *s, size_t *n)
{
    pair_t *v = xmalloc(s->k * s->k * sizeof *v);
    size_t m = 0;
    for (size_t g = 0; g < s->k; g++)
        for (size_t t = 0; t < s->k; t++)
            if (g != t && s->cj[g * s->k + t] > 0)
                v[m++] = (pair_t){s->cj[g * s->k + t], g, t};
    qsort(v, m, sizeof *v, pair_cmp);
    *n = m;
    return v;
}

static size_t width_of(const char *s, size_t min)
{
    size_t n = strlen(s);
    return n > min ? n : min;
}

static void print_text(const report_t *r)
{
    const suspects_data_t *d = r->d;
    const suspects_t *s = r->s;
    char b1[32], b2[32];
    char *model = util_sanitize(d->model);
    printf("Likely label errors of model %s on ", model);
    for (size_t i = 0; i < d->nsplits; i++)
        printf("%s%s", i ? "," : "", d->splits[i]);
    printf(": %s of %s example%s (%.1f%%)\n", util_fmt_int((long long)s->nflagged, b1),
           util_fmt_int((long long)d->n, b2), util_s((long long)d->n),
           100 * share(s->nflagged, d->n));
    printf("confident learning as in cleanlab's find_label_issues; ranked by %s\n",
           s->method == SUSPECTS_NORMALIZED_MARGIN ? "normalized margin" : "self-confidence");
    if (d->out_of_fold)
        printf("probabilities: out-of-fold, from the fold models of 'eyeball train' (each "
               "example scored by a model that did not learn its label)\n");
    if (d->unpredicted)
        printf("note: %s sample%s of these splits %s no prediction of model %s and %s left "
               "out\n", util_fmt_int((long long)d->unpredicted, b1), d->unpredicted == 1 ? "" : "s",
               d->unpredicted == 1 ? "has" : "have", model, d->unpredicted == 1 ? "was" : "were");
    free(model);

    if (r->shown) {
        /* Class names are sanitised once, not once per row; the rows go out through one
         * buffer (the whole list can be most of a million lines). */
        char **cls = xmalloc(d->k * sizeof *cls);
        for (size_t c = 0; c < d->k; c++)
            cls[c] = util_sanitize(d->classes[c]);
        char **id = xmalloc(r->shown * sizeof *id);
        size_t wid = 2, wgiven = 5, wsug = 9;
        for (size_t x = 0; x < r->shown; x++) {
            size_t i = s->rank[x];
            id[x] = util_sanitize(r->ids[x]);
            wid = width_of(id[x], wid);
            wgiven = width_of(cls[d->labels[i]], wgiven);
            wsug = width_of(cls[suspects_top(s, i)], wsug);
        }
        printf("\n%5s  %-*s  %-9s  %-*s  %-*s  %10s  %10s\n", "rank", (int)wid, "id", "split",
               (int)wgiven, "given", (int)wsug, "suggested", "self-conf.", "norm.marg.");
        fflush(stdout);
        strbuf_t b;
        strbuf_init(&b);
        for (size_t x = 0; x < r->shown; x++) {
            size_t i = s->rank[x];
            strbuf_addf(&b, "%5zu  %-*s  %-9s  %-*s  %-*s  %10.4f  %10.4f\n       ", x + 1,
                        (int)wid, id[x], d->splits[d->split[i]], (int)wgiven,
                        cls[d->labels[i]], (int)wsug, cls[suspects_top(s, i)],
                        suspects_self_confidence(s, i), suspects_normalized_margin(s, i));
            suspects_reason_add(&b, s, i, (const char *const *)cls);
            strbuf_addc(&b, '\n');
            free(id[x]);
            if (b.len > 1 << 16) {
                util_write_out(b.buf, b.len, stdout);
                strbuf_reset(&b);
            }
        }
        util_write_out(b.buf, b.len, stdout);
        strbuf_done(&b);
        free(id);
        for (size_t c = 0; c < d->k; c++)
            free(cls[c]);
        free(cls);
        if (r->shown < s->nflagged)
            printf("(%s more; --top shows more)\n",
                   util_fmt_int((long long)(s->nflagged - r->shown), b1));
    }

    size_t np;
    pair_t *pv = pairs(s, &np);
    printf("\nEstimated label errors by class pair (calibrated confident joint): %s in all\n",
           util_fmt_int(suspects_estimated_errors(s), b1));
    if (!np)
        printf("  none\n");
    else {
        size_t wg = 5, wt = 4;
        for (size_t x = 0; x < np; x++) {
            wg = width_of(d->classes[pv[x].given], wg);
            wt = width_of(d->classes[pv[x].truth], wt);
        }
        printf("  %-*s  %-*s  %10s\n", (int)wg, "given", (int)wt, "true", "examples");
        for (size_t x = 0; x < np; x++) {
            char *g = util_sanitize(d->classes[pv[x].given]);
            char *t = util_sanitize(d->classes[pv[x].truth]);
            printf("  %-*s  %-*s  %10s\n", (int)wg, g, (int)wt, t,
                   util_fmt_int(pv[x].count, b1));
            free(g);
            free(t);
        }
    }
    free(pv);

    printf("\nEstimated share of mislabeled examples:\n");
    printf("  %-9s  %10s  %10s  %7s\n", "split", "examples", "flagged", "share");
    for (size_t i = 0; i < d->nsplits; i++)
        printf("  %-9s  %10s  %10s  %6.2f%%\n", d->splits[i],
               util_fmt_int((long long)d->per_split[i], b1),
               util_fmt_int((long long)r->flagged_per_split[i], b2),
               100 * share(r->flagged_per_split[i], d->per_split[i]));
    if (d->nsplits > 1)
        printf("  %-9s  %10s  %10s  %6.2f%%\n", "all", util_fmt_int((long long)d->n, b1),
               util_fmt_int((long long)s->nflagged, b2), 100 * share(s->nflagged, d->n));

    printf("\nClass thresholds (mean probability of the class among examples labelled with "
           "it):\n ");
    for (size_t c = 0; c < d->k; c++) {
        char *name = util_sanitize(d->classes[c]);
        if (s->count[c])
            printf(" %s %.2f%s", name, s->threshold[c], c + 1 < d->k ? "," : "\n");
        else
            printf(" %s -%s", name, c + 1 < d->k ? "," : "\n");
        free(name);
    }
}

static void print_json(const report_t *r)
{
    const suspects_data_t *d = r->d;
    const suspects_t *s = r->s;
    json_t *o = json_object();
    json_object_set_new(o, "model", json_string(d->model));
    json_t *sp = json_array();
    for (size_t i = 0; i < d->nsplits; i++)
        json_array_append_new(sp, json_string(d->splits[i]));
    json_object_set_new(o, "splits", sp);
    json_object_set_new(o, "method", json_string(method_name(s->method)));
    json_object_set_new(o, "filter_by", json_string(suspects_filter_name(s->filter)));
    json_object_set_new(o, "examples", json_integer((json_int_t)d->n));
    json_object_set_new(o, "flagged", json_integer((json_int_t)s->nflagged));
    json_object_set_new(o, "share", json_real(share(s->nflagged, d->n)));
    json_object_set_new(o, "unpredicted", json_integer((json_int_t)d->unpredicted));
    json_object_set_new(o, "probabilities",
                        json_string(d->out_of_fold ? "out_of_fold" : "model"));
    json_t *per = json_array();
    for (size_t i = 0; i < d->nsplits; i++)
        json_array_append_new(per, json_pack("{s:s,s:I,s:I,s:f}", "split", d->splits[i],
                                             "examples", (json_int_t)d->per_split[i], "flagged",
                                             (json_int_t)r->flagged_per_split[i], "share",
                                             share(r->flagged_per_split[i], d->per_split[i])));
    json_object_set_new(o, "per_split", per);
    json_t *cls = json_array();
    for (size_t c = 0; c < d->k; c++) {
        json_t *t = s->count[c] ? json_real(s->threshold[c]) : json_null();
        json_array_append_new(cls, json_pack("{s:s,s:I,s:o}", "name", d->classes[c], "examples",
                                             (json_int_t)s->count[c], "threshold", t));
    }
    json_object_set_new(o, "classes", cls);
    json_object_set_new(o, "estimated_errors", json_integer(suspects_estimated_errors(s)));
    size_t np;
    pair_t *pv = pairs(s, &np);
    json_t *pa = json_array();
    for (size_t x = 0; x < np; x++)
        json_array_append_new(pa, json_pack("{s:s,s:s,s:I}", "given", d->classes[pv[x].given],
                                            "true", d->classes[pv[x].truth], "count",
                                            (json_int_t)pv[x].count));
    free(pv);
    json_object_set_new(o, "pairs", pa);
    json_t *list = json_array();
    const char *const *names = (const char *const *)d->classes;
    for (size_t x = 0; x < r->shown; x++) {
        size_t i = s->rank[x];
        suspects_why_t w;
        suspects_explain(s, i, &w);
        char *why = suspects_reason(s, i, names);
        json_array_append_new(
            list, json_pack("{s:I,s:s,s:s,s:s,s:s,s:f,s:f,s:f,s:o,s:b,s:s}", "rank",
                            (json_int_t)(x + 1), "id", r->ids[x], "split",
                            d->splits[d->split[i]], "given", names[w.given], "suggested",
                            names[w.suggested], "self_confidence", w.given_prob,
                            "normalized_margin", suspects_normalized_margin(s, i),
                            "suggested_probability", w.suggested_prob, "suggested_threshold",
                            s->count[w.suggested] ? json_real(w.threshold) : json_null(),
                            "confident", w.confident, "reason", why));
        free(why);
    }
    json_object_set_new(o, "suspects", list);
    /* 15 significant digits: 0.2 prints as 0.2, not 0.20000000000000001. */
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    util_write_out(text, strlen(text), stdout);
    putchar('\n');
    free(text);
    json_decref(o);
}

/* The ids of the rows to list, in rank order. */
static void shown_ids(const suspects_data_t *d, const suspects_t *s, report_t *r)
{
    r->ids = xmalloc((r->shown ? r->shown : 1) * sizeof *r->ids);
    for (size_t x = 0; x < r->shown; x++)
        r->ids[x] = suspects_data_id(d, s->rank[x]);
}

int cmd_suspects(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"model", required_argument, NULL, 'm'},
        {"split", required_argument, NULL, 's'},
        {"top", required_argument, NULL, 't'},
        {"method", required_argument, NULL, 'M'},
        {"format", required_argument, NULL, 'f'},
        {"no-formula-guard", no_argument, NULL, 'G'},
        {"filter-by", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "text", *model = NULL, *splits = "dev,test";
    unsigned long top = 0;
    suspects_method_t method = SUSPECTS_SELF_CONFIDENCE;
    int filter = SUSPECTS_BY_NOISE_RATE;
    int c, guard = 1;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'm': model = optarg; break;
        case 's': splits = optarg; break;
        case 'G': guard = 0; break;
        case 't':
            if (util_parse_ulong(optarg, &top) < 0 || top == 0)
                return cmd_usage_error(ctx, "--top needs a positive whole number, not '%s'",
                                       optarg);
            break;
        case 'M':
            if (strcmp(optarg, "self_confidence") == 0)
                method = SUSPECTS_SELF_CONFIDENCE;
            else if (strcmp(optarg, "normalized_margin") == 0)
                method = SUSPECTS_NORMALIZED_MARGIN;
            else
                return cmd_usage_error(ctx, "unknown method '%s' (use self_confidence or "
                                       "normalized_margin)", optarg);
            break;
        case 'F':
            if ((filter = suspects_filter_parse(optarg)) < 0)
                return cmd_usage_error(ctx, "unknown filter '%s' (use prune_by_noise_rate, "
                                       "prune_by_class, both, confident_learning or "
                                       "predicted_neq_given)", optarg);
            break;
        case 'f':
            if (!(format = cmd_format(ctx, optarg, "text,csv,json")))
                return EXIT_USER;
            break;
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);

    int status = 0;
    store_t *st = cmd_open(ctx, STORE_READONLY, &status);
    if (!st)
        return status;
    err_t e = {0};
    suspects_data_t d;
    /* One snapshot for the rows and the ids of the suspects. */
    if (store_begin_read(st, &e) < 0 || store_suspects_load_ids(st, model, splits, &d, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    for (size_t i = 0; i < d.nsplits && !d.out_of_fold; i++)
        if (strcmp(d.splits[i], "train") == 0)
            fprintf(stderr, "eyeball: warning: confident learning needs out-of-sample "
                    "probabilities; on train, a model's predictions are in-sample (it learnt "
                    "those labels), so the result for train is unreliable unless the "
                    "predictions are out-of-fold (cross-validated)\n");
    suspects_t s = {.n = d.n, .k = d.k, .labels = d.labels, .probs = d.probs,
                    .filter = (suspects_filter_t)filter};
    if (suspects_run(&s, method) < 0) {
        suspects_data_free(&d);
        store_close(st);
        err_set(&e, EXIT_SYSTEM, "too many examples (%zu) for confident learning", d.n);
        return cmd_fail(&e);
    }
    report_t r = {.d = &d, .s = &s, .guard = guard};
    r.shown = top && top < s.nflagged ? (size_t)top : s.nflagged;
    size_t fps[SUSPECTS_MAX_SPLITS] = {0};
    for (size_t i = 0; i < d.n; i++)
        fps[d.split[i]] += s.flag[i];
    r.flagged_per_split = fps;
    shown_ids(&d, &s, &r);
    store_rollback(st);
    if (strcmp(format, "csv") == 0)
        print_csv(&r);
    else if (strcmp(format, "json") == 0)
        print_json(&r);
    else
        print_text(&r);
    free(r.ids);
    suspects_done(&s);
    suspects_data_free(&d);
    store_close(st);
    return EXIT_OK;
}
