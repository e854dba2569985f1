/* cmd_agreement.c: eyeball agreement: how far the reviewers of doubly reviewed examples
 * agree, per category, on whether the label needs a fix, and on which label. */
#include "config.h"
#include "agreement.h"
#include "cmd.h"
#include "store_agreement.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball agreement [--pass N] [--format text|json|markdown]\n"
    "\n"
    "How far reviewers agree on the examples two or more of them reviewed: for each error\n"
    "category, for \"needs a label fix\" and for \"which label\", the observed agreement, the\n"
    "kappa that corrects it for chance with a 95% interval, and the number of items. Cohen's\n"
    "kappa when the items have the same two reviewers (interval: the large-sample standard\n"
    "error of Fleiss, Cohen and Everitt 1969), Fleiss' kappa otherwise (interval: 2000\n"
    "bootstrap resamples of the items, PCG32 with a fixed seed). Says plainly where kappa is\n"
    "low.\n"
    "\n"
    "  --pass N       only the items of pass N (default: every example with two reviewers)\n"
    "  --format F     text (default), json or markdown\n";

/* One row of the table: what is measured, and its result. */
typedef struct row {
    const char *name;
    agree_result_t r;
} row_t;

/* The answer a verdict gives: for category c (c >= 0) ticked or not; for c == -1 whether it
 * proposes a fix; for c == -2 the index of the label it holds right among labels. */
static int answer(const agree_sample_t *it, const agree_verdict_t *v, long c, char ***labels,
                  size_t *nlabels)
{
    if (c >= 0)
        return v->ticked[c];
    if (c == -1)
        return v->fix != NULL;
    const char *l = v->fix ? v->fix : it->label;
    for (size_t i = 0; i < *nlabels; i++)
        if (strcmp((*labels)[i], l) == 0)
            return (int)i;
    *labels = xreallocarray(*labels, *nlabels + 1, sizeof **labels);
    (*labels)[*nlabels] = (char *)l;
    return (int)(*nlabels)++;
}

/* Cohen's kappa when the data has exactly two reviewers (then every item has both), else
 * Fleiss'. */
static void measure(const agree_data_t *d, long c, agree_result_t *out)
{
    char **labels = NULL;
    size_t nlabels = 0, n = d->nitems;
    int *ans = xcalloc(n * (d->nreviewers ? d->nreviewers : 1) + 1, sizeof *ans);
    /* Answers first, so the number of distinct labels is known. */
    size_t *off = xcalloc(n + 1, sizeof *off);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        off[i] = m;
        for (size_t j = 0; j < d->items[i].nverdicts; j++)
            ans[m++] = answer(&d->items[i], &d->items[i].verdicts[j], c, &labels, &nlabels);
    }
    off[n] = m;
    size_t k = c == -2 ? (nlabels ? nlabels : 1) : 2;
    if (d->nreviewers == 2) {
        int *a = xcalloc(n + 1, sizeof *a), *b = xcalloc(n + 1, sizeof *b);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < d->items[i].nverdicts; j++)
                (d->items[i].verdicts[j].reviewer == 0 ? a : b)[i] = ans[off[i] + j];
        agree_cohen(a, b, n, k, out);
        free(a);
        free(b);
    } else {
        int *counts = xcalloc(n * k + 1, sizeof *counts);
        for (size_t i = 0; i < n; i++)
            for (size_t j = off[i]; j < off[i + 1]; j++)
                counts[i * k + (size_t)ans[j]]++;
        agree_fleiss(counts, n, k, out);
        free(counts);
    }
    free(ans);
    free(off);
    free(labels);
}

/* The plain sentence about a low kappa, or NULL when there is nothing to say. Caller
 * frees. cat: the row is a category (its name is quoted). No better than chance: kappa
 * under 0.2 with a 95% interval that reaches 0; an interval reaching 0 with a higher kappa
 * means too few items to tell; kappa under 0.4: weak (Landis and Koch's "fair" or less). */
static char *plain(const row_t *w, int cat)
{
    const agree_result_t *r = &w->r;
    if (!r->items || !r->defined)
        return NULL;
    const char *fixq = strcmp(w->name, "which label") == 0 ? "which label is right"
                                                            : "whether the label needs a fix";
    char *what = cat ? xasprintf("'%s'", w->name) : xstrdup(fixq);
    char *out = NULL;
    if (r->lo <= 0 && r->kappa < 0.2)
        out = xasprintf("reviewers agree on %s no better than chance: κ = %.2f, n = %zu", what,
                        r->kappa, r->items);
    else if (r->lo <= 0)
        out = xasprintf("too few items to tell the agreement on %s from chance: κ = %.2f (95%% "
                        "%.2f to %.2f), n = %zu", what, r->kappa, r->lo, r->hi, r->items);
    else if (r->kappa < 0.4)
        out = xasprintf("reviewers agree on %s only weakly: κ = %.2f (95%% %.2f to %.2f), "
                        "n = %zu", what, r->kappa, r->lo, r->hi, r->items);
    free(what);
    return out;
}

static json_t *row_json(const row_t *w, int named)
{
    json_t *o = json_object();
    if (named)
        json_object_set_new(o, "name", json_string(w->name));
    json_object_set_new(o, "items", json_integer((json_int_t)w->r.items));
    json_object_set_new(o, "agreement", w->r.items ? json_real(w->r.agreement) : json_null());
    json_object_set_new(o, "kappa", w->r.defined ? json_real(w->r.kappa) : json_null());
    json_object_set_new(o, "ci95", w->r.defined ? json_pack("[f,f]", w->r.lo, w->r.hi)
                                                : json_null());
    return o;
}

static void print_json(const agree_data_t *d, long long pid, const row_t *rows, size_t nrows)
{
    json_t *o = json_object();
    json_object_set_new(o, "pass", pid > 0 ? json_integer(pid) : json_null());
    json_object_set_new(o, "items", json_integer((json_int_t)d->nitems));
    json_t *rv = json_array();
    for (size_t i = 0; i < d->nreviewers; i++)
        json_array_append_new(rv, json_string(d->reviewers[i]));
    json_object_set_new(o, "reviewers", rv);
    json_object_set_new(o, "method", json_string(d->nreviewers == 2 ? "cohen" : "fleiss"));
    json_t *cats = json_array();
    for (size_t i = 0; i + 2 < nrows; i++)
        json_array_append_new(cats, row_json(&rows[i], 1));
    json_object_set_new(o, "categories", cats);
    json_object_set_new(o, "label_fix", row_json(&rows[nrows - 2], 0));
    json_object_set_new(o, "which_label", row_json(&rows[nrows - 1], 0));
    json_t *low = json_array();
    for (size_t i = 0; i < nrows; i++) {
        char *p = plain(&rows[i], i + 2 < nrows);
        if (p)
            json_array_append_new(low, json_string(p));
        free(p);
    }
    json_object_set_new(o, "low", low);
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    printf("%s\n", text);
    free(text);
    json_decref(o);
}

static void print_table(const agree_data_t *d, long long pid, const row_t *rows, size_t nrows,
                        int md)
{
    if (md)
        printf("## Reviewer agreement\n\n");
    printf("%zu item%s reviewed by two or more reviewers", d->nitems,
           d->nitems == 1 ? "" : "s");
    if (pid > 0)
        printf(" in pass %lld", pid);
    printf(" (");
    for (size_t i = 0; i < d->nreviewers; i++)
        printf("%s%s", i ? ", " : "", d->reviewers[i]);
    printf("); %s kappa with its 95%% interval.\n\n",
           d->nreviewers == 2 ? "Cohen's" : "Fleiss'");
    int w = 17;
    for (size_t i = 0; i < nrows; i++)
        if ((int)strlen(rows[i].name) > w)
            w = (int)strlen(rows[i].name);
    if (md)
        printf("| | items | agreement | kappa | 95%% interval |\n|---|---:|---:|---:|---|\n");
    else
        printf("%-*s  %5s  %9s  %5s  %s\n", w, "", "items", "agreement", "kappa",
               "95% interval");
    for (size_t i = 0; i < nrows; i++) {
        const agree_result_t *r = &rows[i].r;
        char ag[16] = "-", ka[16] = "-", ci[40] = "-";
        if (r->items)
            snprintf(ag, sizeof ag, "%.1f%%", 100 * r->agreement);
        if (r->defined) {
            snprintf(ka, sizeof ka, "%.2f", r->kappa);
            snprintf(ci, sizeof ci, "[%.2f, %.2f]", r->lo, r->hi);
        } else if (r->items) {
            snprintf(ka, sizeof ka, "n/a");
        }
        if (md)
            printf("| %s | %zu | %s | %s | %s |\n", rows[i].name, r->items, ag, ka, ci);
        else
            printf("%-*s  %5zu  %9s  %5s  %s\n", w, rows[i].name, r->items, ag, ka, ci);
    }
    int said = 0;
    for (size_t i = 0; i < nrows; i++) {
        char *p = plain(&rows[i], i + 2 < nrows);
        if (p)
            printf("%s%s%s.\n", said++ ? "" : "\n", md ? "- " : "", p);
        free(p);
    }
    int undef = 0;
    for (size_t i = 0; i < nrows; i++)
        undef += rows[i].r.items && !rows[i].r.defined;
    if (undef)
        printf("%sn/a: every reviewer gave the same answer on every item, so chance explains "
               "all of the agreement and kappa is undefined.\n", said ? "" : "\n");
}

int cmd_agreement(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"pass", required_argument, NULL, 'p'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "text";
    long long pid = 0;
    unsigned long ul;
    int c;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'p':
            if (util_parse_ulong(optarg, &ul) < 0 || ul == 0)
                return cmd_usage_error(ctx, "--pass takes a pass number (1 or more), not '%s'; "
                                       "'eyeball status' lists the passes", optarg);
            pid = (long long)ul;
            break;
        case 'f':
            if (!(format = cmd_format(ctx, optarg, "text,json,markdown")))
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
    agree_data_t d;
    err_t e = {0};
    if (store_agreement_data(st, pid, &d, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    store_close(st);
    size_t nrows = d.ncats + 2;
    row_t *rows = xcalloc(nrows, sizeof *rows);
    for (size_t i = 0; i < d.ncats; i++) {
        rows[i].name = d.cats[i];
        measure(&d, (long)i, &rows[i].r);
    }
    rows[d.ncats].name = "needs a label fix";
    measure(&d, -1, &rows[d.ncats].r);
    rows[d.ncats + 1].name = "which label";
    measure(&d, -2, &rows[d.ncats + 1].r);
    if (strcmp(format, "json") == 0)
        print_json(&d, pid, rows, nrows);
    else if (!d.nitems)
        printf("No example has been reviewed by two or more reviewers%s yet: review a pass with "
               "'eyeball review --double', each reviewer under their own name (--reviewer or "
               "$EYEBALL_REVIEWER).\n", pid > 0 ? " in this pass" : "");
    else
        print_table(&d, pid, rows, nrows, strcmp(format, "markdown") == 0);
    free(rows);
    store_agreement_free(&d);
    return EXIT_OK;
}
