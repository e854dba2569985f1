/* Unit tests of confident learning (src/suspects.c). Every expected value is worked out
 * by hand in the comments; the probabilities are multiples of 1/16 so that sums and
 * comparisons are exact in binary floating point. */
#include "config.h"
#include "suspects.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int same_ll(const long long *got, const long long *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i]) {
            printf("#   entry %zu: got %lld, want %lld\n", i, got[i], want[i]);
            return 0;
        }
    return 1;
}

static int same_sz(const size_t *got, const size_t *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i]) {
            printf("#   entry %zu: got %zu, want %zu\n", i, got[i], want[i]);
            return 0;
        }
    return 1;
}

static void test_sum(void)
{
    /* Fewer than 8 values: left to right. */
    double a[] = {1, 2, 3};
    ok(suspects_sum(a, 3) == 6, "sum of 3 values");

    /* 9 values: 2^53 and eight 1s. Left to right every +1 is lost (2^53 + 1 is a tie
     * between 2^53 and 2^53 + 2; half to even keeps 2^53), which gives 2^53. numpy's way:
     * 8 accumulators r = {2^53, 1, 1, 1, 1, 1, 1, 1}, then
     * ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)) = (2^53 + 2) + 4 = 2^53 + 6,
     * then + 1 = 2^53 + 7, a tie between 2^53 + 6 (odd significand) and 2^53 + 8: 2^53 + 8. */
    double two53 = 9007199254740992.0;
    double b[9] = {two53, 1, 1, 1, 1, 1, 1, 1, 1};
    ok(suspects_sum(b, 9) == two53 + 8, "8 accumulators as numpy (2^53 + 8)");

    /* 8,193 values: 2^53 at 0, 1 at 8191 and at 8192, zeros elsewhere. numpy sums blocks
     * of 8,192: block 1 = pairwise halves 2^53 and 1 -> 2^53 + 1 -> 2^53; block 2 = 1;
     * 2^53 + 1 -> 2^53. One pairwise sum over all 8,193 values would instead meet the two
     * 1s in the same last leaf (4097 -> 2049 -> 1025 -> 513 -> 257 -> 129 -> 65 values)
     * and give 2^53 + 2. */
    double *c = calloc(8193, sizeof *c);
    c[0] = two53;
    c[8191] = 1;
    c[8192] = 1;
    ok(suspects_sum(c, 8193) == two53, "blocks of 8,192 as numpy (2^53)");
    free(c);
}

static void test_argsort(void)
{
    /* Up to 16 entries: insertion sort, equal keys keep their order. */
    double v[5] = {1, 0, 1, 0, 1};
    size_t got[20];
    size_t want5[5] = {1, 3, 0, 2, 4};
    suspects_argsort(v, 5, got);
    ok(same_sz(got, want5, 5), "argsort of 5 values is stable");

    /* 17 equal keys: one quicksort partition. pl=0, pr=16, pm=8; the pivot goes to 15;
     * pi and pj meet swapping 1<->14, 2<->13, 3<->12, 4<->11, 5<->10, 6<->9, 7<->8(=15);
     * the pivot comes back to 8; both halves then are insertion-sorted without moves. */
    double e[20] = {0};
    size_t want17[17] = {0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16};
    suspects_argsort(e, 17, got);
    ok(same_sz(got, want17, 17), "argsort of 17 equal keys as numpy");

    /* 20 equal keys: pm = 9, pivot to 18; swaps 1<->17 ... 8<->10; pi = pj = 9; the pivot
     * comes back; halves [0..8] and [10..19] need no moves. */
    size_t want20[20] = {0, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 18, 19};
    suspects_argsort(e, 20, got);
    ok(same_sz(got, want20, 20), "argsort of 20 equal keys as numpy");

    /* Distinct keys: simply ascending. */
    double d[20];
    for (int i = 0; i < 20; i++)
        d[i] = (double)((i * 7) % 20);
    suspects_argsort(d, 20, got);
    int sorted = 1;
    for (int i = 0; i < 20; i++)
        sorted &= d[got[i]] == i;
    ok(sorted, "argsort of 20 distinct keys is ascending");
}

/* Example A: 10 examples, classes cat=0, dog=1, fox=2.
 *   i  given  P(cat)   P(dog)   P(fox)
 *   0  cat    0.75     0.125    0.125
 *   1  cat    0.875    0.0625   0.0625
 *   2  cat    0.5      0.25     0.25
 *   3  cat    0.0625   0.75     0.1875    <- looks like a dog
 *   4  dog    0.125    0.75     0.125
 *   5  dog    0.0625   0.875    0.0625
 *   6  dog    0.25     0.5      0.25
 *   7  fox    0.125    0.125    0.75
 *   8  fox    0.0625   0.0625   0.875
 *   9  fox    0.875    0.0625   0.0625    <- looks like a cat */
static const int32_t a_labels[10] = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
static const double a_probs[30] = {
    0.75, 0.125, 0.125, 0.875, 0.0625, 0.0625, 0.5, 0.25, 0.25, 0.0625, 0.75, 0.1875,
    0.125, 0.75, 0.125, 0.0625, 0.875, 0.0625, 0.25, 0.5, 0.25, 0.125, 0.125, 0.75,
    0.0625, 0.0625, 0.875, 0.875, 0.0625, 0.0625,
};

static void test_thresholds(void)
{
    size_t count[3];
    double t[3];
    suspects_thresholds(10, 3, a_labels, a_probs, count, t);
    ok(count[0] == 4 && count[1] == 3 && count[2] == 3, "class counts 4, 3, 3");
    /* cat: (0.75 + 0.875 + 0.5 + 0.0625) / 4 = 2.1875 / 4 = 0.546875 (exact). */
    ok(t[0] == 0.546875, "cat threshold 0.546875");
    /* dog: (0.75 + 0.875 + 0.5) / 3 = 2.125 / 3. */
    ok(t[1] == 2.125 / 3, "dog threshold 2.125/3");
    /* fox: (0.75 + 0.875 + 0.0625) / 3 = 1.6875 / 3 = 0.5625 (exact). */
    ok(t[2] == 0.5625, "fox threshold 0.5625");

    /* A class no example is labelled with gets 2; a mean of 0 is clipped to 2e-6. */
    int32_t l2[2] = {0, 0};
    double p2[6] = {1, 0, 0, 1, 0, 0};
    suspects_thresholds(2, 3, l2, p2, count, t);
    ok(t[0] == 1 && t[1] == 2 && t[2] == 2, "absent classes get threshold 2");
    int32_t l3[2] = {0, 1};
    double p3[4] = {1, 0, 1, 0}; /* example 1 is labelled 1 with P = 0 */
    suspects_thresholds(2, 2, l3, p3, count, t);
    ok(t[1] == SUSPECTS_MIN_THRESHOLD, "a zero mean is clipped to 2e-6");
}

static void test_guess(void)
{
    double t[3] = {0.4, 0.4, 0.9};
    /* cat and dog both reach 0.4: the argmax of the whole row, first maximum: cat. */
    double r1[3] = {0.5, 0.5, 0};
    is_int(suspects_guess(r1, 3, t), 0, "two confident classes tied: first maximum");
    double r2[3] = {0.45, 0.55, 0};
    is_int(suspects_guess(r2, 3, t), 1, "two confident classes: the larger");
    /* Only dog reaches its threshold although cat has the larger probability. */
    double t2[3] = {0.7, 0.25, 0.5};
    double r3[3] = {0.6, 0.3, 0.1};
    is_int(suspects_guess(r3, 3, t2), 1, "one confident class wins over the argmax");
    double r4[3] = {0.2, 0.2, 0.6};
    is_int(suspects_guess(r4, 3, t), -1, "no confident class");
    /* The 1e-6 slack: 0.4999995 >= 0.5 - 1e-6 = 0.499999, 0.4999985 is not. */
    double t3[2] = {0.5, 0.9};
    double r5[2] = {0.4999995, 0.5000005};
    is_int(suspects_guess(r5, 2, t3), 0, "within 1e-6 below the threshold is confident");
    double r6[2] = {0.4999985, 0.5000015};
    is_int(suspects_guess(r6, 2, t3), -1, "more than 1e-6 below is not");
}

static void test_confident_joint(void)
{
    /* Thresholds of example A: cat 0.546875, dog 0.7083, fox 0.5625. Guesses:
     * 0 cat (0.75), 1 cat, 2 none (0.5 < 0.546875, 0.25, 0.25), 3 dog (0.75 >= 0.7083),
     * 4 dog, 5 dog, 6 none (0.5 < 0.7083), 7 fox, 8 fox, 9 cat (0.875).
     * CJ[given][guess]: cat: cat 2, dog 1; dog: dog 2; fox: cat 1, fox 2. */
    double t[3] = {0.546875, 2.125 / 3, 0.5625};
    int32_t guess[10];
    long long cj[9];
    suspects_confident_joint(10, 3, a_labels, a_probs, t, guess, cj);
    int32_t wg[10] = {0, 0, -1, 1, 1, 1, -1, 2, 2, 0};
    ok(memcmp(guess, wg, sizeof wg) == 0, "confident guesses of example A");
    long long want[9] = {2, 1, 0, 0, 2, 0, 1, 0, 2};
    ok(same_ll(cj, want, 9), "confident joint of example A");

    /* A class never guessed for its own examples still gets 1 on the diagonal. */
    int32_t l[2] = {0, 1};
    double p[4] = {1, 0, 1, 0};
    double t2[2] = {0.5, 0.5};
    suspects_confident_joint(2, 2, l, p, t2, NULL, cj);
    long long want2[4] = {1, 0, 1, 1}; /* example 1: given 1, guess 0; CJ[1][1] raised to 1 */
    ok(same_ll(cj, want2, 4), "diagonal raised to at least 1");
}

static void test_round_row(void)
{
    long long out[17];
    /* [2.5, 2.5, 5]: half to even gives [2, 2, 5] = 9, the row sums to 10: add 1 to the
     * largest x - round(x) = 0.5, a tie between entries 0 and 1; the ascending order is
     * [2, 0, 1] and cleanlab walks it backwards: entry 1. */
    double x1[3] = {2.5, 2.5, 5};
    suspects_round_row(x1, 3, out);
    ok(out[0] == 2 && out[1] == 3 && out[2] == 5, "tie on increment: the later entry");
    /* [0.6, 0.6, 0.8]: rounds to [1, 1, 1] = 3, the row sums to 2: subtract 1 from the
     * smallest x - round(x) = -0.4, a tie between 0 and 1: the first in ascending order. */
    double x2[3] = {0.6, 0.6, 0.8};
    suspects_round_row(x2, 3, out);
    ok(out[0] == 0 && out[1] == 1 && out[2] == 1, "tie on decrement: the earlier entry");
    /* [1.5, 0.5, 1]: half to even: [2, 0, 1] = 3, as the sum: nothing to adjust. */
    double x3[3] = {1.5, 0.5, 1};
    suspects_round_row(x3, 3, out);
    ok(out[0] == 2 && out[1] == 0 && out[2] == 1, "round half to even");
    /* Five times 0.4: all round to 0, the sum is 2: two increments, from the back. */
    double x4[5] = {0.4, 0.4, 0.4, 0.4, 0.4};
    suspects_round_row(x4, 5, out);
    long long w4[5] = {0, 0, 0, 1, 1};
    ok(same_ll(out, w4, 5), "two increments go to the last two of equal entries");
    /* Seventeen times 0.5: all round to 0 (half to even), the sum 8.5 rounds to 8. The
     * ascending order of 17 equal keys is numpy's [0 14 13 12 11 10 9 15 8 6 5 4 3 2 1 7 16]
     * (see test_argsort); backwards, the first 8 are 16 7 1 2 3 4 5 6. */
    double x5[17];
    for (int i = 0; i < 17; i++)
        x5[i] = 0.5;
    suspects_round_row(x5, 17, out);
    long long w5[17] = {0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    ok(same_ll(out, w5, 17), "17 equal entries: numpy's quicksort order decides");
}

static void test_calibrate(void)
{
    /* Example A: CJ [[2,1,0],[0,2,0],[1,0,2]], n = [4,3,3]. Row cat scaled to 4:
     * [8/3, 4/3, 0]; dog to 3: [0, 3, 0]; fox to 3: [1, 0, 2]; the total is 10 = N, so
     * the second scaling keeps them. Rounding: [3, 1, 0] (sum 4), [0, 3, 0], [1, 0, 2]. */
    long long cj[9] = {2, 1, 0, 0, 2, 0, 1, 0, 2}, out[9];
    size_t n[3] = {4, 3, 3};
    suspects_calibrate(3, cj, n, out);
    long long want[9] = {3, 1, 0, 0, 3, 0, 1, 0, 2};
    ok(same_ll(out, want, 9), "calibrated confident joint of example A");

    /* CJ [[1,1,1],[0,1,0],[0,0,1]], n = [4,2,2]: row 0 becomes three times 4/3
     * (1.3333333333333333, all equal); (4/3 + 4/3) + 4/3 rounds to exactly 4, so the total
     * is 8 = N. Row 0 rounds to [1,1,1] = 3 < 4: the increment goes to the last of the
     * three equal fractions: [1,1,2]. */
    long long cj2[9] = {1, 1, 1, 0, 1, 0, 0, 0, 1};
    size_t n2[3] = {4, 2, 2};
    suspects_calibrate(3, cj2, n2, out);
    long long want2[9] = {1, 1, 2, 0, 2, 0, 0, 0, 2};
    ok(same_ll(out, want2, 9), "calibration rounding keeps row totals, ties to the last");

    /* A class with no example: its row scales to 0 everywhere. */
    long long cj3[4] = {3, 0, 0, 1};
    size_t n3[2] = {3, 0};
    suspects_calibrate(2, cj3, n3, out);
    long long want3[4] = {3, 0, 0, 0};
    ok(same_ll(out, want3, 4), "an absent class has an empty row");

    /* The raw confident joint of the digits-dup reference set (tests/cleanlab). Its
     * row-scaled entries sum to 5062 read by rows but to 5061.999999999999 read by columns,
     * as numpy reads cleanlab's column-major matrix; the last row's 1.5, 4.5, 7.5 and 19.5
     * then fall on the other side of the rounding. cleanlab 2.9.0 gives this last row. */
    long long cj4[100] = {
        437, 0, 1, 0, 1, 5, 2, 0, 0, 6,    6, 415, 1, 3, 2, 5, 6, 0, 9, 7,
        3, 6, 426, 2, 3, 4, 6, 0, 5, 11,   7, 3, 10, 216, 5, 8, 2, 0, 4, 5,
        2, 1, 1, 0, 467, 5, 2, 1, 4, 10,   0, 4, 8, 7, 2, 433, 0, 3, 3, 22,
        0, 4, 3, 2, 3, 1, 453, 1, 1, 3,    3, 3, 0, 1, 2, 3, 3, 123, 3, 5,
        2, 16, 5, 4, 2, 1, 3, 3, 364, 21,  1, 2, 0, 3, 3, 5, 3, 1, 3, 13};
    size_t n4[10] = {607, 660, 647, 357, 639, 655, 630, 196, 620, 51};
    long long out4[100];
    suspects_calibrate(10, cj4, n4, out4);
    long long want4[10] = {1, 3, 0, 4, 4, 8, 5, 1, 5, 20};
    ok(same_ll(out4 + 90, want4, 10), "the total is summed by columns, as numpy sums "
       "cleanlab's matrix");
}

static void test_prune_counts(void)
{
    /* Example A: CJ [[3,1,0],[0,3,0],[1,0,2]], transposed; every diagonal is >= 1. */
    long long cj[9] = {3, 1, 0, 0, 3, 0, 1, 0, 2}, out[16];
    suspects_prune_counts(3, cj, out);
    long long want[9] = {3, 0, 1, 1, 3, 0, 0, 0, 2};
    ok(same_ll(out, want, 9), "prune counts are the transposed joint");

    /* Given class 1 has diagonal 0: CJ row 1 = [3, 0, 2] is PCM column 1. The diagonal
     * goes to 1; the column's non-zero entries (3 and 2: two of them) lose
     * 1 / max(2 - 1, 1) = 1 each: [2, 1, 1]. */
    long long cj2[9] = {5, 0, 0, 3, 0, 2, 0, 0, 4};
    suspects_prune_counts(3, cj2, out);
    long long want2[9] = {5, 2, 0, 0, 1, 0, 0, 1, 4};
    ok(same_ll(out, want2, 9), "a zero diagonal is raised to 1 from the column");

    /* Column 1 = [3, 0, 2, 1]: three non-zero entries, each loses 1 / 2:
     * [2.5, -, 1.5, 0.5], truncated to [2, 1 (diagonal), 1, 0]. */
    long long cj3[16] = {4, 0, 0, 0, 3, 0, 2, 1, 0, 0, 4, 0, 0, 0, 0, 4};
    suspects_prune_counts(4, cj3, out);
    long long want3[16] = {4, 2, 0, 0, 0, 1, 0, 0, 0, 1, 4, 0, 0, 0, 0, 4};
    ok(same_ll(out, want3, 16), "fractions are truncated, not rounded");
}

static void test_flag(void)
{
    /* Example A, PCM [[3,0,1],[1,3,0],[0,0,2]]. Class cat (column 0): PCM[dog][cat] = 1:
     * the cat example with the largest P(dog) - P(cat): 0.625, -0.8125, -0.25, 0.6875 ->
     * example 3. Class fox: PCM[cat][fox] = 1: P(cat) - P(fox) over 7, 8, 9: -0.625,
     * -0.8125, 0.8125 -> example 9. Neither has its label as the argmax: both stay. */
    size_t n[3] = {4, 3, 3};
    long long pcm[9] = {3, 0, 1, 1, 3, 0, 0, 0, 2};
    uint8_t flag[20];
    size_t got = suspects_flag(10, 3, a_labels, a_probs, n, pcm, flag);
    uint8_t want[10] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    ok(got == 2 && memcmp(flag, want, 10) == 0, "examples 3 and 9 flagged");

    /* 20 identical examples labelled 0 with P = [0.25, 0.75] and PCM[1][0] = 3: all
     * margins are equal; numpy's argsort of 20 equal keys starts 0, 17, 16 (see
     * test_argsort), so those three are flagged. */
    int32_t l[20] = {0};
    double p[40];
    for (int i = 0; i < 20; i++) {
        p[2 * i] = 0.25;
        p[2 * i + 1] = 0.75;
    }
    size_t n2[2] = {20, 0};
    long long pcm2[4] = {17, 0, 3, 1};
    got = suspects_flag(20, 2, l, p, n2, pcm2, flag);
    ok(got == 3 && flag[0] && flag[16] && flag[17] && !flag[1] && !flag[2],
       "equal margins: numpy's order picks 0, 16 and 17");

    /* A class of one example is never pruned (min_examples_per_class = 1). */
    int32_t l3[3] = {0, 1, 1};
    double p3[6] = {0.25, 0.75, 0.25, 0.75, 0.25, 0.75};
    size_t n3[2] = {1, 2};
    long long pcm3[4] = {1, 0, 1, 2};
    got = suspects_flag(3, 2, l3, p3, n3, pcm3, flag);
    ok(got == 0, "a class of one example is left alone");

    /* Unflagging: given class 1 at 0.5 - 1e-7 against 0.5: with 1e-6 added it is the
     * argmax, so the example is not a suspect; at 0.4 it stays. */
    int32_t l4[4] = {1, 1, 1, 1};
    double p4[8] = {0.5, 0.5 - 1e-7, 0.6, 0.4, 0.1, 0.9, 0.1, 0.9};
    size_t n4[2] = {0, 4};
    long long pcm4[4] = {1, 2, 0, 2};
    got = suspects_flag(4, 2, l4, p4, n4, pcm4, flag);
    ok(got == 1 && !flag[0] && flag[1], "within 1e-6 of the argmax: not a suspect");
}

static void test_run(void)
{
    suspects_t s = {.n = 10, .k = 3, .labels = a_labels, .probs = a_probs};
    ok(suspects_run(&s, SUSPECTS_SELF_CONFIDENCE) == 0, "run on example A");
    long long cj[9] = {3, 1, 0, 0, 3, 0, 1, 0, 2};
    ok(same_ll(s.cj, cj, 9), "run: calibrated joint");
    is_int(s.nflagged, 2, "run: two suspects");
    /* Self-confidence: example 3 has P(cat) = 0.0625, example 9 P(fox) = 0.0625: a tie,
     * input order. */
    ok(s.rank[0] == 3 && s.rank[1] == 9, "ranked by self-confidence: 3, 9");
    /* Normalized margin: 3: (0.0625 - 0.75 + 1) / 2 = 0.15625; 9: (0.0625 - 0.875 + 1) / 2
     * = 0.09375. */
    ok(suspects_normalized_margin(&s, 3) == 0.15625, "normalized margin of 3");
    ok(suspects_normalized_margin(&s, 9) == 0.09375, "normalized margin of 9");
    suspects_rank(&s, SUSPECTS_NORMALIZED_MARGIN);
    ok(s.rank[0] == 9 && s.rank[1] == 3, "ranked by normalized margin: 9, 3");
    is_int(suspects_estimated_errors(&s), 2, "two estimated errors");
    const char *names[3] = {"cat", "dog", "fox"};
    char *r = suspects_reason(&s, 3, names);
    is_str(r, "labelled cat (p=0.06); the model is confident it is dog (p=0.75, above the dog "
              "threshold 0.71)", "reason of example 3");
    free(r);
    r = suspects_reason(&s, 9, names);
    is_str(r, "labelled fox (p=0.06); the model is confident it is cat (p=0.88, above the cat "
              "threshold 0.55)", "reason of example 9");
    free(r);
    suspects_why_t w;
    suspects_explain(&s, 9, &w);
    ok(w.given == 2 && w.suggested == 0 && w.given_prob == 0.0625 && w.suggested_prob == 0.875 &&
       w.threshold == 0.546875 && w.confident, "explanation of example 9");
    suspects_done(&s);

    /* Refusals: one class, a label out of range. */
    suspects_t bad = {.n = 1, .k = 1, .labels = a_labels, .probs = a_probs};
    ok(suspects_run(&bad, SUSPECTS_SELF_CONFIDENCE) < 0, "one class is refused");
    int32_t l[1] = {3};
    suspects_t bad2 = {.n = 1, .k = 3, .labels = l, .probs = a_probs};
    ok(suspects_run(&bad2, SUSPECTS_SELF_CONFIDENCE) < 0, "a label out of range is refused");
}

static void test_reason_not_confident(void)
{
    /* Two classes; example 2 is labelled 0 with P = [0.375, 0.625]. Thresholds: class 0:
     * (1 + 0.875 + 0.375) / 3 = 0.75; class 1: (0.9375 + 0.9375) / 2 = 0.9375. Example 2
     * reaches neither (0.375 < 0.75, 0.625 < 0.9375): no guess. CJ = [[2,0],[0,2]] ->
     * calibrated [[3,0],[0,2]]: nothing to prune, so it is not flagged; its reason says
     * the model only prefers class 1. */
    int32_t l[5] = {0, 0, 0, 1, 1};
    double p[10] = {1, 0, 0.875, 0.125, 0.375, 0.625, 0.0625, 0.9375, 0.0625, 0.9375};
    suspects_t s = {.n = 5, .k = 2, .labels = l, .probs = p};
    suspects_run(&s, SUSPECTS_SELF_CONFIDENCE);
    is_int(s.guess[2], -1, "no confident class for example 2");
    is_int(s.nflagged, 0, "nothing flagged");
    const char *names[2] = {"a", "b"};
    char *r = suspects_reason(&s, 2, names);
    is_str(r, "labelled a (p=0.38); the model prefers b (p=0.62, below the b threshold 0.94)",
           "reason below the threshold");
    free(r);
    suspects_done(&s);
}

int main(void)
{
    test_sum();
    test_argsort();
    test_thresholds();
    test_guess();
    test_confident_joint();
    test_round_row();
    test_calibrate();
    test_prune_counts();
    test_flag();
    test_run();
    test_reason_not_confident();
    return tap_done();
}
