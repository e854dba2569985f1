/* report.c: the derived numbers of the report and its recommendation. */
#include "config.h"
#include "report.h"
#include "stats.h"
#include "strbuf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Ng: about 20 reviewed errors give a rough picture, 50 a good one, 100 a very good one. */
#define REPORT_ROUGH 20
#define REPORT_GOOD 100

static int cat_cmp(const void *a, const void *b)
{
    const report_cat_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return 0;
}

/* Stable sort by count, largest first (insertion sort keeps the category order on ties). */
static void sort_cats(report_cat_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        report_cat_t t = v[i];
        size_t j = i;
        while (j > 0 && cat_cmp(&v[j - 1], &t) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = t;
    }
}

static void compute_split(report_split_t *sp)
{
    sp->error_rate = stats_share(sp->errors, sp->examples);
    sort_cats(sp->cats, sp->ncats);
    for (size_t i = 0; i < sp->ncats; i++) {
        report_cat_t *k = &sp->cats[i];
        k->share = stats_share(k->count, sp->reviewed);
        stats_wilson(k->count, sp->reviewed, STATS_Z95, &k->lo, &k->hi);
        k->if_fixed = stats_error_if_fixed(sp->error_rate, k->share);
    }
    sp->mis_share = stats_share(sp->mislabeled, sp->reviewed);
    stats_wilson(sp->mislabeled, sp->reviewed, STATS_Z95, &sp->mis_lo, &sp->mis_hi);
    sp->mis_part = stats_error_part(sp->error_rate, sp->mis_share);
}

static void recommend(report_t *r)
{
    const report_split_t *d = &r->dev;
    strbuf_t b;
    strbuf_init(&b);
    r->worth_fixing = stats_worth_fixing(d->mislabeled, d->reviewed, r->threshold);
    if (d->reviewed == 0) {
        strbuf_adds(&b, "No misclassified dev example has been reviewed yet: run 'eyeball review' "
                    "to look at a random sample of them (about 100 give a good picture).");
        free(r->recommendation);
        r->recommendation = strbuf_detach(&b);
        strbuf_done(&b);
        return;
    }
    /* The largest category is the first with a count (cats are sorted, largest first),
     * mislabeled or not; when it is the mislabeled one, the largest other follows. */
    const report_cat_t *top = NULL, *other = NULL;
    for (size_t i = 0; i < d->ncats; i++) {
        const report_cat_t *k = &d->cats[i];
        if (k->count == 0)
            continue;
        if (!top)
            top = k;
        else if (top->mislabeled && !k->mislabeled && !other)
            other = k;
    }
    if (top) {
        char *name = util_sanitize(top->name);
        strbuf_addf(&b, "Largest category: %s, %.1f%% of the reviewed errors "
                    "(95%% CI %.1f-%.1f%%); %s would lower the dev error from %.2f%% to at best "
                    "%.2f%%.", name, 100 * top->share, 100 * top->lo, 100 * top->hi,
                    top->mislabeled ? "fixing those labels" : "fixing it completely",
                    100 * d->error_rate, 100 * top->if_fixed);
        free(name);
    } else {
        strbuf_adds(&b, "No reviewed error is tagged with a category yet.");
    }
    if (other) {
        char *name = util_sanitize(other->name);
        strbuf_addf(&b, " Largest other category: %s, %.1f%% (95%% CI %.1f-%.1f%%); fixing it "
                    "completely would lower the dev error to at best %.2f%%.", name,
                    100 * other->share, 100 * other->lo, 100 * other->hi, 100 * other->if_fixed);
        free(name);
    }
    strbuf_addf(&b, " Mislabeled: %lld of %lld reviewed errors (%.1f%%) had their label fixed, "
                "%.2f%% of the %.2f%% dev error; ", d->mislabeled, d->reviewed,
                100 * d->mis_share, 100 * d->mis_part, 100 * d->error_rate);
    if (r->worth_fixing)
        strbuf_addf(&b, "that is at or above the %g%% threshold, so worth fixing: fix dev and "
                    "test together with the same procedure, then 'eyeball apply'.",
                    100 * r->threshold);
    else
        strbuf_addf(&b, "that is below the %g%% threshold, so not worth the effort: networks are "
                    "robust to random label noise; work on the largest %scategory instead.",
                    100 * r->threshold, top && top->mislabeled ? "other " : "");
    if (d->reviewed < REPORT_ROUGH)
        strbuf_addf(&b, " Only %lld reviewed: the shares are rough; review more (about %d give "
                    "a good picture).", d->reviewed, REPORT_GOOD);
    free(r->recommendation);
    r->recommendation = strbuf_detach(&b);
    strbuf_done(&b);
}

void report_compute(report_t *r)
{
    compute_split(&r->dev);
    if (r->has_test)
        compute_split(&r->test);
    recommend(r);
}

static void free_split(report_split_t *sp)
{
    for (size_t i = 0; i < sp->ncats; i++) {
        free(sp->cats[i].name);
        free(sp->cats[i].ex);
        free(sp->cats[i].by_reviewer);
    }
    for (size_t i = 0; i < sp->nrev; i++) {
        report_example_t *x = &sp->rev[i];
        free(x->id);
        free(x->path);
        free(x->label);
        free(x->pred);
        free(x->note);
        free(x->fix_old);
        free(x->fix_new);
        free(x->thumb);
        free(x->thumb_why);
    }
    free(sp->rev);
    for (size_t i = 0; i < sp->nclasses; i++)
        free(sp->classes[i]);
    free(sp->classes);
    free(sp->confusion);
    for (size_t i = 0; i < sp->npairs; i++) {
        free(sp->pairs[i].given);
        free(sp->pairs[i].predicted);
    }
    for (size_t i = 0; i < sp->nsources; i++)
        free(sp->sources[i].source);
    for (size_t i = 0; i < sp->nreviewers; i++)
        free(sp->rev_names[i]);
    free(sp->rev_names);
    free(sp->rev_reviewed);
    free(sp->cats);
    free(sp->pairs);
    free(sp->sources);
}

void report_free(report_t *r)
{
    free(r->against);
    free(r->against_text);
    free_split(&r->dev);
    free_split(&r->test);
    for (size_t i = 0; i < r->nleak; i++) {
        free(r->leak[i].id);
        free(r->leak[i].split);
        free(r->leak[i].train_id);
    }
    free(r->leak);
    for (size_t i = 0; i < r->nparts; i++)
        free(r->parts[i].name);
    free(r->parts);
    free(r->model);
    free(r->imported);
    free(r->recommendation);
    memset(r, 0, sizeof *r);
}
