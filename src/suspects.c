/* suspects.c: confident learning (see suspects.h for the steps and the rules on ties).
 *
 * No expression here multiplies and adds in one go, so contracting into fused
 * multiply-adds cannot change a result; sums go through suspects_sum in numpy's order. */
#include "config.h"
#include "suspects.h"
#include "strbuf.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* numpy reduces a contiguous array in blocks of its buffer size (8,192 elements); within a
 * block it sums pairwise, with 8 accumulators below 128 values. */
#define SUM_BLOCK 8192
#define SUM_UNROLL 8
#define SUM_PAIRWISE 128

static double pairwise(const double *a, size_t n)
{
    if (n < SUM_UNROLL) {
        double r = -0.0; /* as numpy: keeps the sign of a sum of -0.0 */
        for (size_t i = 0; i < n; i++)
            r += a[i];
        return r;
    }
    if (n <= SUM_PAIRWISE) {
        double r[SUM_UNROLL];
        size_t i;
        for (i = 0; i < SUM_UNROLL; i++)
            r[i] = a[i];
        for (i = SUM_UNROLL; i < n - n % SUM_UNROLL; i += SUM_UNROLL)
            for (size_t j = 0; j < SUM_UNROLL; j++)
                r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            res += a[i];
        return res;
    }
    size_t n2 = n / 2;
    n2 -= n2 % SUM_UNROLL;
    return pairwise(a, n2) + pairwise(a + n2, n - n2);
}

double suspects_sum(const double *a, size_t n)
{
    double res = 0.0;
    for (size_t i = 0; i < n; i += SUM_BLOCK)
        res += pairwise(a + i, n - i < SUM_BLOCK ? n - i : SUM_BLOCK);
    return res;
}

/* ---- numpy's argsort, written out again ----
 * Introsort on an index array: median-of-3 quicksort with the pivot parked at pr-1,
 * insertion sort for partitions of at most 16 entries, heapsort for a partition popped
 * with an exhausted depth budget (2*floor(log2(n)) to start with). The larger partition
 * is pushed, the smaller one sorted next. Keys are compared with < only. */

#define ARGSORT_SMALL 15 /* numpy's SMALL_QUICKSORT: partition while pr - pl > 15 */
#define ARGSORT_STACK 128

static void idx_swap(size_t *a, size_t *b)
{
    size_t t = *a;
    *a = *b;
    *b = t;
}

static int msb(size_t n)
{
    int d = 0;
    while (n >>= 1)
        d++;
    return d;
}

/* Heapsort of tosort[0..n) (1-based heap indexing, as numpy). */
static void argheapsort(const double *v, size_t *tosort, size_t n)
{
    size_t *a = tosort - 1;
    size_t i, j, l, tmp;
    for (l = n >> 1; l > 0; --l) {
        tmp = a[l];
        for (i = l, j = l << 1; j <= n;) {
            if (j < n && v[a[j]] < v[a[j + 1]])
                j += 1;
            if (v[tmp] < v[a[j]]) {
                a[i] = a[j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a[i] = tmp;
    }
    for (; n > 1;) {
        tmp = a[n];
        a[n] = a[1];
        n -= 1;
        for (i = 1, j = 2; j <= n;) {
            if (j < n && v[a[j]] < v[a[j + 1]])
                j++;
            if (v[tmp] < v[a[j]]) {
                a[i] = a[j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a[i] = tmp;
    }
}

void suspects_argsort(const double *v, size_t n, size_t *idx)
{
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    if (n < 2)
        return;
    size_t *pl = idx, *pr = idx + n - 1;
    size_t *stack[ARGSORT_STACK], **sptr = stack;
    int depth[ARGSORT_STACK / 2], *psdepth = depth;
    int cdepth = msb(n) * 2;
    for (;;) {
        if (cdepth < 0) {
            argheapsort(v, pl, (size_t)(pr - pl) + 1);
            goto pop;
        }
        while (pr - pl > ARGSORT_SMALL) {
            size_t *pm = pl + ((pr - pl) >> 1), *pi, *pj;
            if (v[*pm] < v[*pl])
                idx_swap(pm, pl);
            if (v[*pr] < v[*pm])
                idx_swap(pr, pm);
            if (v[*pm] < v[*pl])
                idx_swap(pm, pl);
            double vp = v[*pm];
            pi = pl;
            pj = pr - 1;
            idx_swap(pm, pj);
            for (;;) {
                do
                    ++pi;
                while (v[*pi] < vp);
                do
                    --pj;
                while (vp < v[*pj]);
                if (pi >= pj)
                    break;
                idx_swap(pi, pj);
            }
            idx_swap(pi, pr - 1);
            if (pi - pl < pr - pi) {
                *sptr++ = pi + 1;
                *sptr++ = pr;
                pr = pi - 1;
            } else {
                *sptr++ = pl;
                *sptr++ = pi - 1;
                pl = pi + 1;
            }
            *psdepth++ = --cdepth;
        }
        for (size_t *pi = pl + 1; pi <= pr; ++pi) {
            size_t vi = *pi;
            double vp = v[vi];
            size_t *pj = pi, *pk = pi - 1;
            while (pj > pl && vp < v[*pk])
                *pj-- = *pk--;
            *pj = vi;
        }
    pop:
        if (sptr == stack)
            break;
        pr = *(--sptr);
        pl = *(--sptr);
        cdepth = *(--psdepth);
    }
}

void suspects_thresholds(size_t n, size_t k, const int32_t *labels, const double *probs,
                         size_t *count, double *threshold)
{
    /* Gather P[i, s_i] class by class, in input order (a counting sort), so each class's
     * mean is numpy's mean of the same array. */
    size_t *start = xcalloc(k + 1, sizeof *start);
    for (size_t c = 0; c < k; c++)
        count[c] = 0;
    for (size_t i = 0; i < n; i++)
        count[labels[i]]++;
    for (size_t c = 0; c < k; c++)
        start[c + 1] = start[c] + count[c];
    double *v = xbig_alloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[start[labels[i]]++] = probs[i * k + (size_t)labels[i]];
    for (size_t c = 0; c < k; c++) {
        double t = SUSPECTS_ABSENT_THRESHOLD;
        if (count[c])
            t = suspects_sum(v + start[c] - count[c], count[c]) / (double)count[c];
        threshold[c] = t < SUSPECTS_MIN_THRESHOLD ? SUSPECTS_MIN_THRESHOLD : t;
    }
    xbig_free(v);
    free(start);
}

/* Index of the first maximum of row (numpy's argmax). */
static size_t argmax(const double *row, size_t k)
{
    size_t best = 0;
    for (size_t c = 1; c < k; c++)
        if (row[c] > row[best])
            best = c;
    return best;
}

int32_t suspects_guess(const double *row, size_t k, const double *threshold)
{
    size_t confident = 0, first = 0;
    for (size_t c = 0; c < k; c++) {
        if (row[c] >= threshold[c] - SUSPECTS_EPS) {
            if (!confident)
                first = c;
            confident++;
        }
    }
    if (!confident)
        return -1;
    return (int32_t)(confident == 1 ? first : argmax(row, k));
}

void suspects_confident_joint(size_t n, size_t k, const int32_t *labels, const double *probs,
                              const double *threshold, int32_t *guess, long long *cj)
{
    memset(cj, 0, k * k * sizeof *cj);
    for (size_t i = 0; i < n; i++) {
        int32_t g = suspects_guess(probs + i * k, k, threshold);
        if (guess)
            guess[i] = g;
        if (g >= 0)
            cj[(size_t)labels[i] * k + (size_t)g]++;
    }
    for (size_t c = 0; c < k; c++)
        if (cj[c * k + c] < 1)
            cj[c * k + c] = 1;
}

void suspects_round_row(const double *x, size_t k, long long *out)
{
    double *ints = xmalloc(k * sizeof *ints), *d = xmalloc(k * sizeof *d);
    size_t *order = xmalloc(k * sizeof *order);
    for (size_t i = 0; i < k; i++)
        ints[i] = rint(x[i]);
    double want = rint(suspects_sum(x, k));
    double have = rint(suspects_sum(ints, k));
    while (fabs(have - want) > SUSPECTS_EPS) {
        double diff = rint(want - have);
        int inc = diff < 0.0 ? -1 : 1;
        size_t changes = (size_t)fabs(diff);
        if (changes > k)
            changes = k;
        for (size_t i = 0; i < k; i++)
            d[i] = x[i] - ints[i];
        /* cleanlab walks the ascending order backwards to increment. */
        suspects_argsort(d, k, order);
        for (size_t j = 0; j < changes; j++)
            ints[order[inc > 0 ? k - 1 - j : j]] += inc;
        have = rint(suspects_sum(ints, k));
    }
    for (size_t i = 0; i < k; i++)
        out[i] = (long long)ints[i];
    free(order);
    free(d);
    free(ints);
}

void suspects_calibrate(size_t k, const long long *cj, const size_t *count,
                        long long *calibrated)
{
    double *m = xmalloc(k * k * sizeof *m);
    double total_n = 0;
    for (size_t s = 0; s < k; s++) {
        long long row = 0;
        for (size_t y = 0; y < k; y++)
            row += cj[s * k + y];
        double rs = row > 0 ? (double)row : 1e-100;
        for (size_t y = 0; y < k; y++)
            m[s * k + y] = (double)cj[s * k + y] / rs * (double)count[s];
        total_n += (double)count[s];
    }
    /* numpy sums an array in memory order, and cleanlab's calibrated joint is laid out
     * column by column: compute_confident_joint takes sklearn's confusion matrix transposed
     * (a view), and calibrate_confident_joint's (cj.T / rows * counts).T keeps that. So the
     * total is the pairwise sum of the matrix read by columns; read by rows it can differ in
     * the last bit, which moves entries of x.5 across the rounding and one example across
     * a cut. */
    double *bycol = xmalloc(k * k * sizeof *bycol);
    for (size_t s = 0; s < k; s++)
        for (size_t y = 0; y < k; y++)
            bycol[y * k + s] = m[s * k + y];
    double total = suspects_sum(bycol, k * k);
    free(bycol);
    if (total < 1e-100)
        total = 1e-100;
    for (size_t i = 0; i < k * k; i++)
        m[i] = m[i] / total * total_n;
    for (size_t s = 0; s < k; s++)
        suspects_round_row(m + s * k, k, calibrated + s * k);
    free(m);
}

void suspects_prune_counts(size_t k, const long long *cj, long long *prune)
{
    for (size_t j = 0; j < k; j++)
        for (size_t g = 0; g < k; g++)
            prune[j * k + g] = cj[g * k + j];
    /* Column g holds the examples labelled g. A zero diagonal is raised to 1 and the same
     * amount is taken evenly from the column's other non-zero entries; then everything is
     * truncated to integers (frac_noise = 1 leaves the counts as they are). */
    for (size_t g = 0; g < k; g++) {
        long long d = prune[g * k + g];
        long long nd = d < 1 ? 1 : d;
        double nnz = 0;
        for (size_t j = 0; j < k; j++)
            nnz += prune[j * k + g] != 0;
        double per = (double)(nd - d) / (nnz - 1.0 > 1.0 ? nnz - 1.0 : 1.0);
        for (size_t j = 0; j < k; j++) {
            double v = (double)prune[j * k + g] - per;
            prune[j * k + g] = v < 0 ? 0 : (long long)v;
        }
        prune[g * k + g] = nd;
    }
}

/* An example labelled g considered for pruning towards j: its margin P[i,j] - P[i,g]. */
typedef struct item {
    double key;
    uint32_t pos; /* example index */
} item_t;

/* The pruning order: larger margin first; equal margins in input order. */
static int item_before(const item_t *a, const item_t *b)
{
    return a->key > b->key || (a->key == b->key && a->pos < b->pos);
}

/* The m examples of one class with the largest margins towards one other class, kept in
 * a heap whose root is the worst of them, plus the largest margin among those left out:
 * when it equals the root's margin, the cut falls inside a run of equal margins. */
typedef struct topm {
    item_t *v;
    size_t len, m;
    double out;  /* largest margin of the examples left out */
    int any_out; /* whether any was left out */
} topm_t;

static void topm_sift_down(topm_t *t, size_t i)
{
    item_t x = t->v[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= t->len)
            break;
        if (c + 1 < t->len && item_before(&t->v[c], &t->v[c + 1]))
            c++; /* the worse child */
        if (!item_before(&x, &t->v[c]))
            break;
        t->v[i] = t->v[c];
        i = c;
    }
    t->v[i] = x;
}

static void topm_left_out(topm_t *t, double key)
{
    if (!t->any_out || key > t->out)
        t->out = key;
    t->any_out = 1;
}

static void topm_offer(topm_t *t, double key, uint32_t pos)
{
    item_t x = {key, pos};
    if (t->len < t->m) {
        size_t i = t->len++;
        while (i > 0) {
            size_t parent = (i - 1) / 2;
            if (!item_before(&t->v[parent], &x))
                break;
            t->v[i] = t->v[parent];
            i = parent;
        }
        t->v[i] = x;
    } else if (item_before(&x, &t->v[0])) {
        topm_left_out(t, t->v[0].key);
        t->v[0] = x;
        topm_sift_down(t, 0);
    } else {
        topm_left_out(t, key);
    }
}

/* Flags the first m examples labelled g in numpy's argsort of -(P[i,j] - P[i,g]). */
static void flag_by_numpy_order(size_t n, size_t k, const int32_t *labels, const double *probs,
                                size_t g, size_t j, size_t nk, size_t m, uint8_t *flag)
{
    double *key = xbig_alloc(nk * sizeof *key);
    size_t *which = xbig_alloc(nk * sizeof *which), *order = xbig_alloc(nk * sizeof *order);
    size_t x = 0;
    for (size_t i = 0; i < n; i++)
        if ((size_t)labels[i] == g) {
            const double *row = probs + i * k;
            key[x] = -(row[j] - row[g]);
            which[x++] = i;
        }
    suspects_argsort(key, nk, order);
    for (x = 0; x < m; x++)
        flag[which[order[x]]] = 1;
    xbig_free(order);
    xbig_free(which);
    xbig_free(key);
}

size_t suspects_flag(size_t n, size_t k, const int32_t *labels, const double *probs,
                     const size_t *count, const long long *prune, uint8_t *flag)
{
    /* For every class g with more than one example and every j with m = PCM[j][g] > 0:
     * m >= n_g flags the whole class; otherwise a top-m heap, all filled in one pass over
     * the rows. The heaps of class g hold at most n_g items in all (PCM column g sums to
     * n_g), so the pool needs at most n items. */
    topm_t *t = xcalloc(k * k, sizeof *t);
    uint8_t *all = xcalloc(k, 1);
    size_t *active = xmalloc(k * k * sizeof *active), *nactive = xcalloc(k, sizeof *nactive);
    size_t pool = 0;
    for (size_t g = 0; g < k; g++) {
        if (count[g] <= 1) /* min_examples_per_class = 1 */
            continue;
        for (size_t j = 0; j < k; j++) {
            long long m = prune[j * k + g];
            if (j == g || m <= 0)
                continue;
            if ((size_t)m >= count[g]) {
                all[g] = 1;
                continue;
            }
            t[g * k + j].m = (size_t)m;
            active[g * k + nactive[g]++] = j;
            pool += (size_t)m;
        }
    }
    item_t *items = xmalloc((pool ? pool : 1) * sizeof *items);
    for (size_t g = 0, used = 0; g < k; g++)
        for (size_t a = 0; a < nactive[g]; a++) {
            topm_t *h = &t[g * k + active[g * k + a]];
            h->v = items + used;
            used += h->m;
        }

    memset(flag, 0, n);
    for (size_t i = 0; i < n; i++) {
        size_t g = (size_t)labels[i];
        if (all[g])
            flag[i] = 1;
        const double *row = probs + i * k;
        const size_t *act = active + g * k;
        for (size_t a = 0; a < nactive[g]; a++)
            topm_offer(&t[g * k + act[a]], row[act[a]] - row[g], (uint32_t)i);
    }
    for (size_t g = 0; g < k; g++)
        for (size_t a = 0; a < nactive[g]; a++) {
            size_t j = active[g * k + a];
            topm_t *h = &t[g * k + j];
            if (h->any_out && h->out == h->v[0].key) {
                /* Equal margins on both sides of the cut: which of them numpy takes
                 * depends on its sort, so sort the class as numpy does. */
                flag_by_numpy_order(n, k, labels, probs, g, j, count[g], h->m, flag);
                continue;
            }
            for (size_t x = 0; x < h->len; x++)
                flag[h->v[x].pos] = 1;
        }
    free(items);
    free(nactive);
    free(active);
    free(all);
    free(t);

    return suspects_reduce(n, k, labels, probs, flag);
}

size_t suspects_reduce(size_t n, size_t k, const int32_t *labels, const double *probs,
                       uint8_t *flag)
{
    /* Keep an example only when its given class is not the model's choice, even with
     * 1e-6 added to the given class's probability. */
    size_t nflagged = 0;
    for (size_t i = 0; i < n; i++) {
        if (!flag[i])
            continue;
        const double *row = probs + i * k;
        size_t s = (size_t)labels[i];
        double boosted = row[s] + SUSPECTS_EPS;
        size_t best = 0;
        double bv = s == 0 ? boosted : row[0];
        for (size_t c = 1; c < k; c++) {
            double x = c == s ? boosted : row[c];
            if (x > bv) {
                bv = x;
                best = c;
            }
        }
        if (best == s)
            flag[i] = 0;
        else
            nflagged++;
    }
    return nflagged;
}

size_t suspects_flag_by_class(size_t n, size_t k, const int32_t *labels, const double *probs,
                              const size_t *count, const long long *prune, uint8_t *flag)
{
    memset(flag, 0, n);
    double *key = xbig_alloc(n * sizeof *key);
    size_t *which = xbig_alloc(n * sizeof *which);
    size_t *order = xbig_alloc(n * sizeof *order);
    for (size_t g = 0; g < k; g++) {
        long long m = (long long)count[g] - prune[g * k + g];
        if (count[g] <= 1 || m < 1) /* min_examples_per_class = 1 */
            continue;
        size_t x = 0;
        for (size_t i = 0; i < n; i++)
            if ((size_t)labels[i] == g) {
                key[x] = probs[i * k + g];
                which[x++] = i;
            }
        suspects_argsort(key, x, order);
        for (size_t r = 0; r < (size_t)m && r < x; r++)
            flag[which[order[r]]] = 1;
    }
    xbig_free(order);
    xbig_free(which);
    xbig_free(key);
    return suspects_reduce(n, k, labels, probs, flag);
}

static const char *const filter_names[] = {"prune_by_noise_rate", "prune_by_class", "both",
                                           "confident_learning", "predicted_neq_given"};

const char *suspects_filter_name(suspects_filter_t f)
{
    return filter_names[f];
}

int suspects_filter_parse(const char *name)
{
    for (size_t f = 0; f < sizeof filter_names / sizeof *filter_names; f++)
        if (strcmp(name, filter_names[f]) == 0)
            return (int)f;
    return -1;
}

/* Flags the examples of the chosen filter; returns how many. */
static size_t flag_filter(suspects_t *s)
{
    size_t n = s->n, k = s->k;
    switch (s->filter) {
    case SUSPECTS_BY_CLASS:
        return suspects_flag_by_class(n, k, s->labels, s->probs, s->count, s->prune, s->flag);
    case SUSPECTS_BOTH: {
        uint8_t *by_class = xbig_alloc(n);
        suspects_flag_by_class(n, k, s->labels, s->probs, s->count, s->prune, by_class);
        suspects_flag(n, k, s->labels, s->probs, s->count, s->prune, s->flag);
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            s->flag[i] = s->flag[i] && by_class[i];
            m += s->flag[i];
        }
        xbig_free(by_class);
        return m;
    }
    case SUSPECTS_CONFIDENT_LEARNING:
        for (size_t i = 0; i < n; i++)
            s->flag[i] = s->guess[i] >= 0 && s->guess[i] != s->labels[i];
        return suspects_reduce(n, k, s->labels, s->probs, s->flag);
    case SUSPECTS_PREDICTED_NEQ_GIVEN:
        for (size_t i = 0; i < n; i++)
            s->flag[i] = (int32_t)argmax(s->probs + i * k, k) != s->labels[i];
        return suspects_reduce(n, k, s->labels, s->probs, s->flag);
    case SUSPECTS_BY_NOISE_RATE:
    default:
        return suspects_flag(n, k, s->labels, s->probs, s->count, s->prune, s->flag);
    }
}

int32_t suspects_top(const suspects_t *s, size_t i)
{
    return (int32_t)argmax(s->probs + i * s->k, s->k);
}

double suspects_self_confidence(const suspects_t *s, size_t i)
{
    return s->probs[i * s->k + (size_t)s->labels[i]];
}

double suspects_normalized_margin(const suspects_t *s, size_t i)
{
    const double *row = s->probs + i * s->k;
    size_t given = (size_t)s->labels[i];
    double other = -INFINITY;
    for (size_t c = 0; c < s->k; c++)
        if (c != given && row[c] > other)
            other = row[c];
    return (row[given] - other + 1) / 2;
}

double suspects_score(const suspects_t *s, size_t i, suspects_method_t method)
{
    return method == SUSPECTS_NORMALIZED_MARGIN ? suspects_normalized_margin(s, i)
                                                : suspects_self_confidence(s, i);
}

void suspects_rank(suspects_t *s, suspects_method_t method)
{
    size_t *which = xmalloc((s->nflagged ? s->nflagged : 1) * sizeof *which);
    size_t *order = xmalloc((s->nflagged ? s->nflagged : 1) * sizeof *order);
    double *score = xmalloc((s->nflagged ? s->nflagged : 1) * sizeof *score);
    size_t m = 0;
    for (size_t i = 0; i < s->n && m < s->nflagged; i++)
        if (s->flag[i]) {
            score[m] = suspects_score(s, i, method);
            which[m++] = i;
        }
    suspects_argsort(score, m, order);
    for (size_t r = 0; r < m; r++)
        s->rank[r] = which[order[r]];
    free(score);
    free(order);
    free(which);
    s->method = method;
}

int suspects_run(suspects_t *s, suspects_method_t method)
{
    size_t n = s->n, k = s->k;
    if (k < 2 || n >= UINT32_MAX || s->filter > SUSPECTS_PREDICTED_NEQ_GIVEN)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (s->labels[i] < 0 || (size_t)s->labels[i] >= k)
            return -1;
    s->count = xmalloc(k * sizeof *s->count);
    s->threshold = xmalloc(k * sizeof *s->threshold);
    s->cj_raw = xmalloc(k * k * sizeof *s->cj_raw);
    s->cj = xmalloc(k * k * sizeof *s->cj);
    s->prune = xmalloc(k * k * sizeof *s->prune);
    s->guess = xbig_alloc(n * sizeof *s->guess);
    s->flag = xbig_alloc(n);
    suspects_thresholds(n, k, s->labels, s->probs, s->count, s->threshold);
    suspects_confident_joint(n, k, s->labels, s->probs, s->threshold, s->guess, s->cj_raw);
    suspects_calibrate(k, s->cj_raw, s->count, s->cj);
    suspects_prune_counts(k, s->cj, s->prune);
    s->nflagged = flag_filter(s);
    s->rank = xmalloc((s->nflagged ? s->nflagged : 1) * sizeof *s->rank);
    suspects_rank(s, method);
    return 0;
}

void suspects_done(suspects_t *s)
{
    free(s->count);
    free(s->threshold);
    free(s->cj_raw);
    free(s->cj);
    free(s->prune);
    xbig_free(s->guess);
    xbig_free(s->flag);
    free(s->rank);
    s->count = NULL;
    s->threshold = NULL;
    s->cj_raw = s->cj = s->prune = NULL;
    s->guess = NULL;
    s->flag = NULL;
    s->rank = NULL;
    s->nflagged = 0;
}

void suspects_explain(const suspects_t *s, size_t i, suspects_why_t *w)
{
    const double *row = s->probs + i * s->k;
    w->given = s->labels[i];
    w->given_prob = row[w->given];
    w->suggested = suspects_top(s, i);
    w->suggested_prob = row[w->suggested];
    w->threshold = s->threshold[w->suggested];
    w->confident = w->suggested_prob >= w->threshold - SUSPECTS_EPS;
}

void suspects_reason_add(strbuf_t *b, const suspects_t *s, size_t i,
                         const char *const *classes)
{
    suspects_why_t w;
    suspects_explain(s, i, &w);
    const char *given = classes[w.given], *sug = classes[w.suggested];
    strbuf_addf(b, "labelled %s (p=%.2f); ", given, w.given_prob);
    if (s->count[w.suggested] == 0)
        strbuf_addf(b, "the model prefers %s (p=%.2f; no example here is labelled %s, so it "
                    "has no threshold)", sug, w.suggested_prob, sug);
    else if (w.confident)
        strbuf_addf(b, "the model is confident it is %s (p=%.2f, above the %s threshold %.2f)",
                    sug, w.suggested_prob, sug, w.threshold);
    else
        strbuf_addf(b, "the model prefers %s (p=%.2f, below the %s threshold %.2f)", sug,
                    w.suggested_prob, sug, w.threshold);
}

char *suspects_reason(const suspects_t *s, size_t i, const char *const *classes)
{
    strbuf_t b;
    strbuf_init(&b);
    suspects_reason_add(&b, s, i, classes);
    return strbuf_detach(&b);
}

long long suspects_estimated_errors(const suspects_t *s)
{
    long long sum = 0;
    for (size_t g = 0; g < s->k; g++)
        for (size_t y = 0; y < s->k; y++)
            if (g != y)
                sum += s->cj[g * s->k + y];
    return sum;
}
