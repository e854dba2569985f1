/* Unit tests of the report's recommendation against tallies worked out by hand (the
 * working is beside each case). */
#include "config.h"
#include "report.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* A dev tally: examples, errors, reviewed errors, label fixes among them, and categories
 * given as name, mislabeled flag and count (in the store's category order). */
static void tally(report_t *r, long long examples, long long errors, long long reviewed,
                  long long fixed, size_t ncats, const char *const *names, const int *mis,
                  const long long *counts)
{
    memset(r, 0, sizeof *r);
    r->model = xstrdup("m");
    r->threshold = REPORT_DEFAULT_THRESHOLD;
    r->dev.split = "dev";
    r->dev.examples = examples;
    r->dev.errors = errors;
    r->dev.reviewed = reviewed;
    r->dev.mislabeled = fixed;
    r->dev.ncats = ncats;
    r->dev.cats = xcalloc(ncats, sizeof *r->dev.cats);
    for (size_t i = 0; i < ncats; i++) {
        r->dev.cats[i].name = xstrdup(names[i]);
        r->dev.cats[i].mislabeled = mis[i];
        r->dev.cats[i].count = counts[i];
    }
    report_compute(r);
}

int main(void)
{
    report_t r;
    static const char *const names[] = {"mislabeled", "blurry", "odd-shape"};
    static const int mis[] = {1, 0, 0};

    /* Mislabeled is the largest: 12 of 24 reviewed errors fixed, odd-shape 7, blurry 3;
     * 120 errors of 1000 examples = 12.00%.
     * mislabeled 12/24 = 50.0%; Wilson (z2 = 3.8414588, n = 24): denominator
     *   1 + z2/24 = 1.1600608, centre (0.5 + z2/48)/1.1600608 = 0.5, half
     *   1.959964/1.1600608 * sqrt(0.25/24 + z2/2304) = 1.6895358 * 0.1099273 = 0.1857263:
     *   31.4-68.6%; at best 12% x (1 - 0.5) = 6.00%.
     * odd-shape 7/24 = 29.2%: centre (0.2916667 + 0.0800304)/1.1600608 = 0.3204112, half
     *   1.6895358 * sqrt(0.2916667 * 0.7083333/24 + 0.0016673) = 1.6895358 * 0.1013680
     *   = 0.1712649: 14.9-49.2%; at best 12% x (1 - 7/24) = 8.50%.
     * Label fixes 12/24 = 50.0%, 12% x 0.5 = 6.00% of the error: over the 10% threshold. */
    static const long long c1[] = {12, 3, 7};
    tally(&r, 1000, 120, 24, 12, 3, names, mis, c1);
    is_str(r.recommendation,
           "Largest category: mislabeled, 50.0% of the reviewed errors (95% CI 31.4-68.6%); "
           "fixing those labels would lower the dev error from 12.00% to at best 6.00%. "
           "Largest other category: odd-shape, 29.2% (95% CI 14.9-49.2%); fixing it "
           "completely would lower the dev error to at best 8.50%. Mislabeled: 12 of 24 "
           "reviewed errors (50.0%) had their label fixed, 6.00% of the 12.00% dev error; "
           "that is at or above the 10% threshold, so worth fixing: fix dev and test together "
           "with the same procedure, then 'eyeball apply'.",
           "mislabeled largest: named first, then the largest other category");
    report_free(&r);

    /* Another category is the largest: odd-shape 7 of 24, mislabeled 2, blurry 3; 12.00%
     * error. odd-shape as above. Label fixes 2/24 = 8.3%, 12% x 2/24 = 1.00%: below the
     * 10% threshold. */
    static const long long c2[] = {2, 3, 7};
    tally(&r, 1000, 120, 24, 2, 3, names, mis, c2);
    is_str(r.recommendation,
           "Largest category: odd-shape, 29.2% of the reviewed errors (95% CI 14.9-49.2%); "
           "fixing it completely would lower the dev error from 12.00% to at best 8.50%. "
           "Mislabeled: 2 of 24 reviewed errors (8.3%) had their label fixed, 1.00% of the "
           "12.00% dev error; that is below the 10% threshold, so not worth the effort: "
           "networks are robust to random label noise; work on the largest category instead.",
           "another category largest: named, mislabeled below the threshold");
    report_free(&r);

    /* A tie between mislabeled and odd-shape (5 each of 20) keeps the category order:
     * mislabeled first, odd-shape as the largest other. 5/20 = 25.0%; Wilson: denominator
     * 1 + z2/20 = 1.1920729, centre (0.25 + 0.0960365)/1.1920729 = 0.2902836, half
     * 1.959964/1.1920729 * sqrt(0.1875/20 + z2/1600) = 1.6441661 * 0.1085171 = 0.1784202:
     * 11.2-46.9%; at best 10% x 0.75 = 7.50% (100 errors of 1000). Fixes 5/20 = 25.0%,
     * 2.50% of the error. */
    static const long long c3[] = {5, 0, 5};
    tally(&r, 1000, 100, 20, 5, 3, names, mis, c3);
    is_str(r.recommendation,
           "Largest category: mislabeled, 25.0% of the reviewed errors (95% CI 11.2-46.9%); "
           "fixing those labels would lower the dev error from 10.00% to at best 7.50%. "
           "Largest other category: odd-shape, 25.0% (95% CI 11.2-46.9%); fixing it "
           "completely would lower the dev error to at best 7.50%. Mislabeled: 5 of 20 "
           "reviewed errors (25.0%) had their label fixed, 2.50% of the 10.00% dev error; "
           "that is at or above the 10% threshold, so worth fixing: fix dev and test together "
           "with the same procedure, then 'eyeball apply'.",
           "a tie keeps the category order");
    report_free(&r);
    return tap_done();
}
