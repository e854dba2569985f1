/* cmd_status.c: eyeball status. */
#include "config.h"
#include "cmd.h"
#include "part.h"
#include "stats.h"
#include "strbuf.h"
#include "store_scan.h"
#include "store_status.h"
#include "near_text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball status [--format text|json]\n"
    "\n"
    "Counts samples by split, source and label; lists models with their error rate on\n"
    "each split, the open review passes and the label fixes (staged and applied).\n"
    "Errors are counted as 'eyeball report' counts them: against the labels a model was\n"
    "scored on (the labels at its import); when fixes were applied after a model's\n"
    "import, status says how many and gives the errors against the current labels too.\n"
    "When dev has an Eyeball part (eyeball split --eyeball), each model's dev error on the\n"
    "Eyeball and on the Blackbox part, with Wilson 95% intervals, and a warning when from\n"
    "one model to the next the Eyeball error fell further than the intervals allow.\n"
    "\n"
    "  --format F     text (default) or json\n";

/* Labels and sources past this many are summed up in text output. */
#define STATUS_TEXT_ROWS 20

static double pct(long long a, long long b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void print_counts(const char *title, const count_row_t *v, size_t n, long long total)
{
    char buf[32];
    printf("\n%-24s %10s %7s\n", title, "samples", "share");
    for (size_t i = 0; i < n && i < STATUS_TEXT_ROWS; i++) {
        char *k = v[i].key ? util_sanitize(v[i].key) : xstrdup("(none)");
        printf("%-24s %10s %6.1f%%\n", k, util_fmt_int(v[i].n, buf), pct(v[i].n, total));
        free(k);
    }
    if (n > STATUS_TEXT_ROWS) {
        long long rest = 0;
        for (size_t i = STATUS_TEXT_ROWS; i < n; i++)
            rest += v[i].n;
        char more[48];
        snprintf(more, sizeof more, "(%zu more)", n - STATUS_TEXT_ROWS);
        printf("%-24s %10s %6.1f%%\n", more, util_fmt_int(rest, buf), pct(rest, total));
    }
}

/* Which labels the errors above are counted against, the same rule as the report's. */
static void print_scoring(const status_info_t *si)
{
    int any = 0;
    for (size_t m = 0; m < si->nmodels; m++)
        for (int i = 0; i < STATUS_NSPLITS; i++)
            any |= si->models[m].fixed_since[i] != 0;
    if (!any) {
        printf("errors: against the current labels (no fix applied after a model's import)\n");
        return;
    }
    printf("errors: against the labels each model was scored on (at its import), as 'eyeball\n"
           "report' counts them; labels fixed after the import, and the errors against the\n"
           "current labels:\n");
    for (size_t m = 0; m < si->nmodels; m++) {
        const status_model_t *md = &si->models[m];
        long long fixed = 0;
        for (int i = 0; i < STATUS_NSPLITS; i++)
            fixed += md->fixed_since[i];
        if (!fixed)
            continue;
        char *name = util_sanitize(md->name);
        printf("  %s: %lld label%s fixed;", name, fixed, fixed == 1 ? "" : "s");
        const char *sep = " ";
        for (int i = 0; i < STATUS_NSPLITS; i++) {
            if (!md->fixed_since[i])
                continue;
            printf("%s%s %lld error%s (%.2f%%)", sep, status_split_names[i], md->errors_now[i],
                   md->errors_now[i] == 1 ? "" : "s", pct(md->errors_now[i], md->n[i]));
            sep = ", ";
        }
        printf("\n");
        free(name);
    }
}

static part_counts_t counts_of(const status_model_t *md)
{
    part_counts_t c = {md->part_n[0], md->part_errors[0], md->part_n[1], md->part_errors[1]};
    return c;
}

/* The models as rows of the table of the parts (names borrowed); caller frees the array. */
static part_row_t *rows_of(const status_info_t *si)
{
    part_row_t *rows = xcalloc(si->nmodels ? si->nmodels : 1, sizeof *rows);
    for (size_t m = 0; m < si->nmodels; m++) {
        rows[m].name = si->models[m].name;
        rows[m].c = counts_of(&si->models[m]);
    }
    return rows;
}

/* Each model's dev error on the Eyeball and the Blackbox part, and the overfit warnings. */
static void print_parts(const status_info_t *si)
{
    part_row_t *rows = rows_of(si);
    strbuf_t b;
    strbuf_init(&b);
    strbuf_addc(&b, '\n');
    part_table(&b, rows, si->nmodels, si->eyeball, si->blackbox, si->blackbox_shown, 0);
    fputs(b.buf, stdout);
    strbuf_done(&b);
    free(rows);
}

static void print_text(const char *db, const status_info_t *si)
{
    char buf[32], b2[32];
    char *sdb = util_sanitize(db);
    printf("store %s: %s sample%s, %zu label%s, %zu model%s\n", sdb,
           util_fmt_int(si->samples, buf), util_s(si->samples), si->nlabels,
           util_s((long long)si->nlabels), si->nmodels, util_s((long long)si->nmodels));
    free(sdb);
    printf("\n%-24s %10s %7s\n", "Split", "samples", "share");
    for (int i = 0; i < STATUS_NSPLITS; i++) {
        if (!si->splits[i] && i >= 3)
            continue;
        printf("%-24s %10s %6.1f%%\n", status_split_names[i], util_fmt_int(si->splits[i], buf),
               pct(si->splits[i], si->samples));
    }
    print_counts("Source", si->sources, si->nsources, si->samples);
    print_counts("Label", si->labels, si->nlabels, si->samples);
    if (si->nmodels) {
        printf("\n%-16s %-10s %10s %10s %10s\n", "Model", "split", "examples", "errors",
               "error rate");
        for (size_t m = 0; m < si->nmodels; m++) {
            const status_model_t *md = &si->models[m];
            char *name = util_sanitize(md->name);
            int first = 1;
            for (int i = 0; i < STATUS_NSPLITS; i++) {
                if (!md->n[i])
                    continue;
                printf("%-16s %-10s %10s %10s %9.2f%%\n", first ? name : "",
                       status_split_names[i], util_fmt_int(md->n[i], buf),
                       util_fmt_int(md->errors[i], b2), pct(md->errors[i], md->n[i]));
                first = 0;
            }
            if (first)
                printf("%-16s (no predictions)\n", name);
            free(name);
        }
        print_scoring(si);
        if (si->eyeball)
            print_parts(si);
    } else {
        printf("\nno models yet: eyeball import preds FILE --model NAME\n");
    }
    printf("\n");
    if (si->npasses) {
        for (size_t i = 0; i < si->npasses; i++) {
            const status_pass_t *p = &si->passes[i];
            char *name = util_sanitize(p->model);
            char *against = p->against ? util_sanitize(p->against) : NULL;
            printf("open pass #%lld: %s pass over %s%s of model %s%s%s, %lld of %lld reviewed\n",
                   p->pid, p->kind, p->split,
                   !p->part ? "" : strcmp(p->part, "blackbox") == 0 ? " (Blackbox)" : " (Eyeball)",
                   name, against ? " against " : "", against ? against : "", p->reviewed,
                   p->items);
            free(against);
            free(name);
        }
    } else {
        printf("no open review pass\n");
    }
    printf("reviewed examples: %s\n", util_fmt_int(si->reviewed, buf));
    printf("label fixes: %lld staged", si->staged);
    if (si->staged) {
        const char *sep = " (";
        for (int i = 0; i < STATUS_NSPLITS; i++)
            if (si->staged_by_split[i]) {
                printf("%s%lld %s", sep, si->staged_by_split[i], status_split_names[i]);
                sep = ", ";
            }
        printf(")");
    }
    printf(", %lld applied, %lld withdrawn\n", si->applied, si->withdrawn);
    if (si->hashed == 0) {
        printf("content hashes: none yet; 'eyeball scan' finds exact duplicates and leakage\n");
    } else {
        printf("content hashes: %s of %s sample%s; %lld exact-duplicate group%s (%lld "
               "sample%s)\n", util_fmt_int(si->hashed, buf), util_fmt_int(si->samples, b2),
               util_s(si->samples), si->dup_groups, util_s(si->dup_groups), si->dup_samples,
               util_s(si->dup_samples));
        if (si->leak_groups)
            printf("warning: leakage: %lld image%s sit%s in train and also in dev, test or "
                   "train-dev (%lld evaluation sample%s); 'eyeball scan' lists them\n",
                   si->leak_groups, util_s(si->leak_groups), si->leak_groups == 1 ? "s" : "",
                   si->leak_eval, util_s(si->leak_eval));
    }
}

static json_t *counts_json(const count_row_t *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s?,s:I}", "name", v[i].key, "samples",
                                           (json_int_t)v[i].n));
    return a;
}

/* {examples, errors, error_rate, ci95}; error_rate and ci95 null without examples. */
static json_t *rate_json(long long errors, long long n)
{
    double lo, hi;
    int ok = stats_wilson(errors, n, STATS_Z95, &lo, &hi) == 0;
    return json_pack("{s:I,s:I,s:o,s:o}", "examples", (json_int_t)n, "errors",
                     (json_int_t)errors, "error_rate",
                     ok ? json_real((double)errors / (double)n) : json_null(), "ci95",
                     ok ? json_pack("[f,f]", lo, hi) : json_null());
}

static void print_json(const char *db, const status_info_t *si, long long leaks,
                       const near_summary_t *ns)
{
    json_t *o = json_object();
    json_object_set_new(o, "store", json_string(db));
    json_object_set_new(o, "samples", json_integer(si->samples));
    json_t *sp = json_object();
    for (int i = 0; i < STATUS_NSPLITS; i++)
        json_object_set_new(sp, status_split_names[i], json_integer(si->splits[i]));
    json_object_set_new(o, "splits", sp);
    json_object_set_new(o, "sources", counts_json(si->sources, si->nsources));
    json_object_set_new(o, "labels", counts_json(si->labels, si->nlabels));
    json_t *ms = json_array();
    for (size_t m = 0; m < si->nmodels; m++) {
        const status_model_t *md = &si->models[m];
        json_t *per = json_object();
        for (int i = 0; i < STATUS_NSPLITS; i++) {
            if (!md->n[i])
                continue;
            json_object_set_new(per, status_split_names[i],
                                json_pack("{s:I,s:I,s:f,s:I,s:I}", "examples",
                                          (json_int_t)md->n[i], "errors",
                                          (json_int_t)md->errors[i], "error_rate",
                                          (double)md->errors[i] / (double)md->n[i],
                                          "errors_current_labels",
                                          (json_int_t)md->errors_now[i],
                                          "labels_fixed_since_import",
                                          (json_int_t)md->fixed_since[i]));
            if (i == 1 && si->eyeball) {
                json_t *dev = json_object_get(per, "dev");
                json_object_set_new(dev, "eyeball", rate_json(md->part_errors[0], md->part_n[0]));
                json_object_set_new(dev, "blackbox",
                                    rate_json(md->part_errors[1], md->part_n[1]));
            }
        }
        json_array_append_new(ms, json_pack("{s:s,s:s,s:b,s:o}", "name", md->name, "imported",
                                            md->imported, "probabilities", md->has_probs,
                                            "splits", per));
    }
    json_object_set_new(o, "models", ms);
    if (si->eyeball) {
        json_t *ow = json_array();
        part_row_t *rows = rows_of(si);
        for (size_t m = 1; m < si->nmodels; m++) {
            size_t pm = part_previous(rows, m);
            if (pm == PART_NONE || !part_overfit(&rows[pm].c, &rows[m].c))
                continue;
            json_array_append_new(ow, json_pack("{s:s,s:s}", "from", rows[pm].name, "to",
                                                rows[m].name));
        }
        free(rows);
        json_object_set_new(o, "dev_parts",
                            json_pack("{s:I,s:I,s:I,s:o}", "eyeball", (json_int_t)si->eyeball,
                                      "blackbox", (json_int_t)si->blackbox, "blackbox_shown",
                                      (json_int_t)si->blackbox_shown, "overfit", ow));
    }
    json_t *ps = json_array();
    for (size_t i = 0; i < si->npasses; i++) {
        const status_pass_t *p = &si->passes[i];
        json_t *pj = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)p->pid,
                               "model", p->model, "split", p->split, "kind", p->kind,
                               "reviewer", p->reviewer, "created", p->created, "items",
                               (json_int_t)p->items, "reviewed", (json_int_t)p->reviewed);
        if (p->part)
            json_object_set_new(pj, "part", json_string(p->part));
        if (p->against)
            json_object_set_new(pj, "against", json_string(p->against));
        json_array_append_new(ps, pj);
    }
    json_object_set_new(o, "open_passes", ps);
    json_object_set_new(o, "reviewed", json_integer(si->reviewed));
    json_object_set_new(o, "hashed", json_integer(si->hashed));
    json_object_set_new(o, "duplicates", json_pack("{s:I,s:I}", "groups",
                                                   (json_int_t)si->dup_groups, "samples",
                                                   (json_int_t)si->dup_samples));
    json_object_set_new(o, "leakage", json_pack("{s:I,s:I}", "groups",
                                                (json_int_t)si->leak_groups, "eval_samples",
                                                (json_int_t)si->leak_eval));
    json_object_set_new(o, "fixes", json_pack("{s:I,s:I,s:I}", "staged", (json_int_t)si->staged,
                                              "applied", (json_int_t)si->applied, "withdrawn",
                                              (json_int_t)si->withdrawn));
    json_object_set_new(o, "leakage", json_integer(leaks));
    json_object_set_new(o, "near_duplicates", near_text_json(ns));
    json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(o);
}

int cmd_status(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "text";
    int c;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'f':
            if (!(format = cmd_format(ctx, optarg, "text,json")))
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
    status_info_t si;
    err_t e = {0};
    if (store_status(st, &si, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    long long leak_groups = 0, leaks = 0;
    near_summary_t ns;
    if (store_leakage_count(st, &leak_groups, &leaks, &e) < 0 ||
        store_near_summary(st, &ns, &e) < 0) {
        store_status_free(&si);
        store_close(st);
        return cmd_fail(&e);
    }
    if (strcmp(format, "json") == 0) {
        print_json(ctx->db, &si, leaks, &ns);
    } else {
        print_text(ctx->db, &si);
        if (leaks)
            printf("warning: %lld example%s of dev, test or train-dev %s an exact copy in "
                   "train (leakage); 'eyeball scan' lists them\n", leaks, leaks == 1 ? "" : "s",
                   leaks == 1 ? "has" : "have");
        if (ns.scanned)
            printf("near-duplicates: %lld group%s, %lld sample%s (distance %d or less, %lld "
                   "image%s with a perceptual hash)\n", ns.groups, util_s(ns.groups),
                   ns.members, util_s(ns.members), ns.distance, ns.hashed, util_s(ns.hashed));
        near_text_warnings(stdout, "warning: ", &ns);
    }
    store_status_free(&si);
    store_close(st);
    return EXIT_OK;
}
