/* Unit tests of part.c (choosing and sizing the Eyeball part, the overfit check) and of the
 * two tests stats.c gives them (Newcombe's interval, McNemar's exact test), against numbers
 * worked out by hand or taken from published tables. */
#include "config.h"
#include "part.h"
#include "split.h"
#include "stats.h"
#include "tap.h"

#include <math.h>
#include <string.h>

#define near(got, want, tol, ...) ok(fabs((got) - (want)) <= (tol), __VA_ARGS__)

/* The ids taken, in item order, space-separated. */
static const char *taken(const part_item_t *v, size_t n)
{
    static char buf[256];
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (v[i].take) {
            if (buf[0])
                strcat(buf, " ");
            strcat(buf, v[i].id);
        }
    return buf;
}

int main(void)
{
    /* Positions given by hand: d ranks d1 (5) < d3 (10) < d0 = d4 (20, by id) < d2 (30). */
    part_item_t v[5] = {
        {"d0", 20, 0, 0, 0}, {"d1", 5, 0, 0, 0}, {"d2", 30, 0, 0, 0},
        {"d3", 10, 0, 0, 0}, {"d4", 20, 0, 0, 0},
    };
    long long shown = -1;
    is_int(part_choose(v, 5, 3, &shown), 3, "three of five taken");
    is_str(taken(v, 5), "d0 d1 d3", "the three lowest positions, equal ones by id");
    is_int(shown, 0, "none shown");
    /* Reversed order gives the same choice. */
    part_item_t r[5];
    for (int i = 0; i < 5; i++)
        r[i] = v[4 - i];
    part_choose(r, 5, 3, NULL);
    is_str(taken(r, 5), "d3 d1 d0", "the same three whatever the order of the items");
    /* A shown example goes first, counting towards the size. */
    v[2].shown = 1;
    part_choose(v, 5, 3, &shown);
    is_str(taken(v, 5), "d1 d2 d3", "the shown d2 first, then the two lowest");
    is_int(shown, 1, "one shown");
    /* More shown than asked: all of them. */
    v[0].shown = v[4].shown = 1;
    is_int(part_choose(v, 5, 2, &shown), 3, "three shown, two asked: three taken");
    is_str(taken(v, 5), "d0 d2 d4", "every shown example");
    /* Renewal: those in the Eyeball part already are not candidates. */
    for (int i = 0; i < 5; i++)
        v[i].shown = 0;
    v[1].eyeball = v[3].eyeball = 1;
    is_int(part_choose(v, 5, 2, NULL), 2, "renew 2");
    is_str(taken(v, 5), "d0 d4", "the next two by position");
    is_int(part_choose(v, 5, 10, NULL), 3, "renew 10 of 3 left: all 3");

    /* With real hashes: the same ids and seed give the same part. */
    part_item_t h[4] = {{"a", split_hash("a", 7), 0, 0, 0}, {"b", split_hash("b", 7), 0, 0, 0},
                        {"c", split_hash("c", 7), 0, 0, 0}, {"d", split_hash("d", 7), 0, 0, 0}};
    part_choose(h, 4, 2, NULL);
    char first[64];
    strcpy(first, taken(h, 4));
    part_item_t h2[4] = {h[3], h[1], h[2], h[0]};
    part_choose(h2, 4, 2, NULL);
    int same = 1;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            if (strcmp(h[i].id, h2[j].id) == 0 && h[i].take != h2[j].take)
                same = 0;
    ok(same, "hash ranking independent of order (took %s)", first);

    /* Auto: 5% error, 100 errors: 100 x 10,000 / 500 = 2,000. */
    is_int(part_auto_size(500, 10000, 100, 10000), 2000, "5%% error: 2,000 examples");
    /* 7 of 100 wrong: 100 x 100 / 7 = 1428.57, up to 1,429; capped at 1,000. */
    is_int(part_auto_size(7, 100, 100, 100000), 1429, "7%% error: ceil(1428.6) = 1,429");
    is_int(part_auto_size(7, 100, 100, 1000), 1000, "capped at the pool");
    is_int(part_auto_size(0, 100, 100, 1000), 0, "no errors: no size");

    /* Newcombe's own example (Newcombe 1998, Stat Med 17:873, table II, method 10):
     * 56/70 − 48/80 = 0.2000, interval 0.0524 to 0.3339. */
    double lo, hi;
    is_int(stats_diff_ci(56, 70, 48, 80, STATS_Z95, &lo, &hi), 0, "Newcombe defined");
    near(lo, 0.0524, 5e-5, "Newcombe 56/70-48/80 low 0.0524 (got %.5f)", lo);
    near(hi, 0.3339, 5e-5, "Newcombe 56/70-48/80 high 0.3339 (got %.5f)", hi);
    is_int(stats_diff_ci(1, 0, 1, 10, STATS_Z95, &lo, &hi), -1, "no examples: undefined");

    /* McNemar exact: (1, 9): 2 (C(10,0) + C(10,1)) / 1024 = 22/1024 = 0.021484375. */
    near(stats_mcnemar_exact(1, 9), 0.021484375, 1e-12, "McNemar 1,9 = 22/1024");
    near(stats_mcnemar_exact(9, 1), 0.021484375, 1e-12, "symmetric");
    /* (0, 5): 2/32. (3, 12): 2 (1 + 15 + 105 + 455)/32768 = 1152/32768 = 0.03515625. */
    near(stats_mcnemar_exact(0, 5), 0.0625, 1e-12, "McNemar 0,5 = 2/32");
    near(stats_mcnemar_exact(3, 12), 0.03515625, 1e-12, "McNemar 3,12 = 1152/32768");
    ok(stats_mcnemar_exact(5, 5) == 1.0, "equal counts: p = 1");
    ok(stats_mcnemar_exact(0, 0) == 1.0, "no discordant pairs: p = 1");
    /* Larger counts, against the exact rational sum: 10,20 → 0.0987371467;
     * 100,140 → 0.0116640923; 2000,2100 → 0.1220649800. */
    near(stats_mcnemar_exact(10, 20), 0.0987371467, 1e-9, "McNemar 10,20");
    near(stats_mcnemar_exact(100, 140), 0.0116640923, 1e-9, "McNemar 100,140");
    near(stats_mcnemar_exact(2000, 2100), 0.1220649800, 1e-9, "McNemar 2000,2100");
    ok(stats_mcnemar_exact(0, 100000) == 0.0 || stats_mcnemar_exact(0, 100000) < 1e-300,
       "a huge difference underflows to 0, not NaN");

    /* Overfit: Eyeball 30/100 → 10/100 falls 0.20, interval 0.090 to 0.306; Blackbox
     * 30/300 → 27/300 falls 0.01, interval −0.038 to 0.058: 0.090 > 0.058, overfit. */
    part_counts_t a = {100, 30, 300, 30}, b = {100, 10, 300, 27};
    ok(part_overfit(&a, &b), "Eyeball 30%%→10%%, Blackbox 10%%→9%%: overfit");
    /* Eyeball 30/100 → 20/100: interval −0.020 to 0.217 overlaps: no warning. */
    b.eye_errors = 20;
    ok(!part_overfit(&a, &b), "Eyeball 30%%→20%%: within the intervals");
    b.bb_n = 0;
    ok(!part_overfit(&a, &b), "no Blackbox predictions: no warning");

    /* The model compared with: the nearest earlier one with predictions on both parts. */
    char n0[] = "v1", n1[] = "train-only", n2[] = "eyeball-only", n3[] = "v2";
    part_row_t rows[4] = {{n0, {100, 30, 100, 30}}, {n1, {0, 0, 0, 0}}, {n2, {100, 5, 0, 0}},
                          {n3, {100, 5, 100, 29}}};
    ok(part_previous(rows, 0) == PART_NONE, "the first model has none");
    ok(part_previous(rows, 1) == PART_NONE, "a model without dev predictions has none");
    ok(part_previous(rows, 2) == PART_NONE, "a model without Blackbox predictions has none");
    is_int((long long)part_previous(rows, 3), 0, "v2 is compared with v1, skipping the others");
    return tap_done();
}
