/* split.c: the assignment behind 'eyeball split'. No I/O, no SQL.
 *
 * Position. A sample's position is XXH3-64 of its id's bytes with the seed
 * (XXH3_64bits_withSeed from Debian's libxxhash; the same value on every platform and
 * libc). Two ids with the same 64-bit hash are ordered by their bytes. A position depends
 * on the id and the seed only: not on file order, not on the other samples.
 *
 * Strata. Samples are grouped: everything in one stratum; with --target one stratum per
 * source; with --stratify one per label (per source and label with both). Inside a stratum
 * the samples are ranked by position.
 *
 * Exact counts. The rule is applied to counts, then samples are cut off the ranking:
 *  1. Totals. One distribution: the N samples are divided by largest remainder over the
 *     weights (60/20/20, or --ratios); with the cap in force (no --ratios, or --max-eval
 *     given), dev or test whose exact share is above the cap gets the cap and train the
 *     rest.
 *     With --target: the same over the target's samples with weights
 *     target-train : (1 - target-train)/2 : (1 - target-train)/2 and the cap; every
 *     sample of another source goes to train.
 *  2. Strata. The totals are spread over the strata that take part (all, or the target's)
 *     by split_round_table: a stratum of n samples gets the floor or the ceiling of
 *     n * total / N in every split, and rows and columns add up exactly. So with
 *     --stratify each label's share in every split is within one sample of its share
 *     overall.
 *  3. Train-dev. With --train-dev F the train count of all strata, T, is divided into
 *     T - round(F * T) and round(F * T) (largest remainder, ties to train) and spread over
 *     the strata the same way, so train-dev has the mixture of train (sources, labels).
 *  4. Samples that keep a split. Without --reassign a sample with a split keeps it. Each
 *     stratum's samples without a split fill what the rule's counts (computed over all of
 *     the stratum, kept samples included) lack in each split; when kept samples already
 *     exceed a count, the samples to place are divided over the lacking splits by largest
 *     remainder in proportion to what each lacks.
 *  5. Cut. Walking a stratum's ranking, the samples to place go to dev first, then test,
 *     then train-dev, then train, until each has its count.
 *
 * Stability. Adding samples and splitting again leaves every sample that has a split where
 * it was, and the new ones fill what the rule, recomputed over the larger store, lacks: a
 * store of 1,000,000 split 98/1/1 that grows by 100,000 sends the new samples to train,
 * because dev and test are at the cap already. With --reassign the cut points are
 * recomputed over everything, so samples near them may change split; a sample ranked
 * before a cut stays before it as long as fewer new samples land ahead of it.
 *
 * Order. The store keeps no order inside a split: a split is a set, listed by import order.
 * Ranking happens only inside a stratum, after deciding which strata may give dev and test,
 * so with --target no sample of another source can reach dev or test however the ranking
 * falls ("shuffle after assigning"). Whatever later draws from a split (a review pass) draws
 * its own seeded random sample. */
#include "config.h"
#include "split.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

const char *const split_names[SPLIT_NKINDS] = {"train", "dev", "test", "train-dev"};

void split_opts_init(split_opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->ratios[0] = 60 * SPLIT_ONE;
    o->ratios[1] = 20 * SPLIT_ONE;
    o->ratios[2] = 20 * SPLIT_ONE;
    o->max_eval = SPLIT_DEFAULT_MAX_EVAL;
    o->target = -1;
    o->target_train = SPLIT_DEFAULT_TARGET_TRAIN;
}

int split_kind_of(const char *name)
{
    if (!name || !*name)
        return SPLIT_NONE;
    for (int k = 0; k < SPLIT_NKINDS; k++)
        if (strcmp(name, split_names[k]) == 0)
            return k;
    return SPLIT_UNKNOWN;
}

/* A non-negative decimal with at most 6 digits after the point, in SPLIT_ONE units.
 * Returns 0, or -1 when s is not one. */
static int parse_fixed(const char *s, long long *out)
{
    long long v = 0;
    int digits = 0, frac = -1;
    for (const char *p = s; *p; p++) {
        if (*p == '.' && frac < 0) {
            frac = 0;
        } else if (*p >= '0' && *p <= '9') {
            if (frac >= 0 && ++frac > 6)
                return -1;
            if (v > 1000000000000LL)
                return -1;
            v = v * 10 + (*p - '0');
            digits++;
        } else {
            return -1;
        }
    }
    if (!digits)
        return -1;
    for (int i = frac < 0 ? 0 : frac; i < 6; i++)
        v *= 10;
    *out = v;
    return 0;
}

int split_parse_ratios(const char *s, long long out[3], err_t *e)
{
    char buf[128];
    if (strlen(s) >= sizeof buf)
        return err_set(e, EXIT_USER, "--ratios '%.40s...' is too long; give TRAIN/DEV/TEST "
                       "like 60/20/20", s);
    strcpy(buf, s);
    char *parts[4] = {buf, NULL, NULL, NULL};
    int n = 1;
    for (char *p = buf; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (n < 4)
                parts[n] = p + 1;
            n++;
        }
    if (n != 3)
        return err_set(e, EXIT_USER, "--ratios '%s' has %d part%s; give three, TRAIN/DEV/TEST, "
                       "like 60/20/20 or 0.6/0.2/0.2", s, n, n == 1 ? "" : "s");
    long long sum = 0;
    for (int i = 0; i < 3; i++) {
        if (parse_fixed(parts[i], &out[i]) < 0)
            return err_set(e, EXIT_USER, "--ratios '%s': '%s' is not a number >= 0 (at most 6 "
                           "decimals); give TRAIN/DEV/TEST like 60/20/20", s, parts[i]);
        sum += out[i];
    }
    if (sum != 100 * SPLIT_ONE && sum != SPLIT_ONE)
        return err_set(e, EXIT_USER, "--ratios '%s' sums to %g; the three parts must sum to "
                       "100 or to 1", s, (double)sum / (double)SPLIT_ONE);
    return 0;
}

int split_parse_fraction(const char *opt, const char *s, long long *out, err_t *e)
{
    if (parse_fixed(s, out) < 0 || *out <= 0 || *out >= SPLIT_ONE)
        return err_set(e, EXIT_USER, "%s '%s' must be a fraction strictly between 0 and 1 "
                       "(at most 6 decimals), like 0.8", opt, s);
    return 0;
}

uint64_t split_hash(const char *id, uint64_t seed)
{
    return XXH3_64bits_withSeed(id, strlen(id), seed);
}

void split_apportion(long long n, const long long *w, int k, long long *out)
{
    long long sum = 0, left = n;
    long long rem[SPLIT_NKINDS + 1];
    for (int i = 0; i < k; i++)
        sum += w[i];
    for (int i = 0; i < k; i++) {
        out[i] = sum ? n * w[i] / sum : 0;
        rem[i] = sum ? n * w[i] % sum : 0;
        left -= out[i];
    }
    while (left-- > 0) {
        int best = 0;
        for (int i = 1; i < k; i++)
            if (rem[i] > rem[best])
                best = i;
        out[best]++;
        rem[best] = -1;
    }
}

typedef struct cell {
    long long rem; /* n * total's remainder: the fractional part, times total */
    size_t r, c;
} cell_t;

static int cell_cmp(const void *a, const void *b)
{
    const cell_t *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    if (x->r != y->r)
        return x->r < y->r ? -1 : 1;
    return x->c < y->c ? -1 : x->c > y->c;
}

/* Moves one unit along a shortest alternating path from row r0 to a column that lacks
 * units: row -> column over a cell that may be rounded up and is not, column -> row over a
 * cell rounded up. Returns 1 when a path was found and flipped. */
static int augment(size_t r0, size_t nr, size_t nc, const long long *rem, unsigned char *up,
                   long long *need_c)
{
    size_t nn = nr + nc;
    long long *prev = xmalloc(nn * sizeof *prev);
    size_t *queue = xmalloc(nn * sizeof *queue);
    for (size_t i = 0; i < nn; i++)
        prev[i] = -2;
    size_t head = 0, tail = 0, found = nn;
    queue[tail++] = r0;
    prev[r0] = -1;
    while (head < tail && found == nn) {
        size_t u = queue[head++];
        if (u < nr) {
            for (size_t c = 0; c < nc; c++) {
                size_t v = nr + c;
                if (prev[v] != -2 || rem[u * nc + c] == 0 || up[u * nc + c])
                    continue;
                prev[v] = (long long)u;
                if (need_c[c] > 0) {
                    found = v;
                    break;
                }
                queue[tail++] = v;
            }
        } else {
            size_t c = u - nr;
            for (size_t r = 0; r < nr; r++) {
                if (prev[r] != -2 || !up[r * nc + c])
                    continue;
                prev[r] = (long long)u;
                queue[tail++] = r;
            }
        }
    }
    if (found < nn) {
        need_c[found - nr]--;
        for (size_t v = found; prev[v] >= 0; v = (size_t)prev[v]) {
            size_t u = (size_t)prev[v];
            if (u < nr)
                up[u * nc + (v - nr)] = 1;
            else
                up[v * nc + (u - nr)] = 0;
        }
    }
    free(prev);
    free(queue);
    return found < nn;
}

void split_round_table(const long long *rows, size_t nr, const long long *cols, size_t nc,
                       long long *out)
{
    long long total = 0;
    for (size_t r = 0; r < nr; r++)
        total += rows[r];
    memset(out, 0, nr * nc * sizeof *out);
    if (total == 0)
        return;
    long long *rem = xcalloc(nr * nc, sizeof *rem);
    unsigned char *up = xcalloc(nr * nc, 1);
    long long *need_r = xcalloc(nr, sizeof *need_r);
    long long *need_c = xcalloc(nc, sizeof *need_c);
    cell_t *cells = xmalloc(nr * nc * sizeof *cells);
    size_t ncells = 0;
    for (size_t c = 0; c < nc; c++)
        need_c[c] = cols[c];
    for (size_t r = 0; r < nr; r++) {
        need_r[r] = rows[r];
        for (size_t c = 0; c < nc; c++) {
            long long q = rows[r] * cols[c];
            out[r * nc + c] = q / total;
            rem[r * nc + c] = q % total;
            need_r[r] -= q / total;
            need_c[c] -= q / total;
            if (q % total)
                cells[ncells++] = (cell_t){q % total, r, c};
        }
    }
    qsort(cells, ncells, sizeof *cells, cell_cmp);
    for (size_t i = 0; i < ncells; i++) {
        cell_t *x = &cells[i];
        if (need_r[x->r] > 0 && need_c[x->c] > 0) {
            up[x->r * nc + x->c] = 1;
            need_r[x->r]--;
            need_c[x->c]--;
        }
    }
    for (size_t r = 0; r < nr; r++)
        while (need_r[r] > 0) {
            /* The fractional parts themselves are a solution, so by the integrality of
             * flows an integer one exists and an augmenting path always does. */
            if (!augment(r, nr, nc, rem, up, need_c))
                die("internal error: no rounding of the split table (row %zu)", r);
            need_r[r]--;
        }
    for (size_t i = 0; i < nr * nc; i++)
        out[i] += up[i];
    free(rem);
    free(up);
    free(need_r);
    free(need_c);
    free(cells);
}

/* A sample's place in the ranking. */
typedef struct rank {
    int skey, lkey;   /* stratum: source (with --target) and label (with --stratify) */
    uint64_t pos;     /* XXH3-64 of the id with the seed */
    split_item_t *it; /* the sample */
} rank_t;

static int rank_cmp(const void *a, const void *b)
{
    const rank_t *x = a, *y = b;
    if (x->skey != y->skey)
        return x->skey < y->skey ? -1 : 1;
    if (x->lkey != y->lkey)
        return x->lkey < y->lkey ? -1 : 1;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return strcmp(x->it->id, y->it->id);
}

/* A run of the ranking with the same stratum key. */
typedef struct stratum {
    size_t start, len;
    int eligible;                 /* may give dev and test */
    long long have[SPLIT_NKINDS]; /* samples that keep their split */
    long long free_n;             /* samples to place */
    long long want[SPLIT_NKINDS]; /* the rule's counts for the whole stratum */
} stratum_t;

/* Step 1 for a population of n samples: counts for train (train-dev included), dev, test. */
static void rule_totals(long long n, const split_opts_t *o, split_plan_t *p)
{
    if (o->target >= 0) {
        p->weights[0] = 2 * o->target_train;
        p->weights[1] = p->weights[2] = SPLIT_ONE - o->target_train;
    } else {
        memcpy(p->weights, o->ratios, sizeof p->weights);
    }
    split_apportion(n, p->weights, 3, p->rule);
    p->cap_applies = !o->has_ratios || o->max_eval_given;
    if (!p->cap_applies)
        return;
    long long W = p->weights[0] + p->weights[1] + p->weights[2];
    /* Capped when the exact share is above the cap (20% of 50,001 is 10,000.2), so the
     * words match the numbers; the rounded count is then at least the cap. */
    for (int k = SPLIT_DEV; k <= SPLIT_TEST; k++)
        if (n * p->weights[k] > o->max_eval * W) {
            p->rule[SPLIT_TRAIN] += p->rule[k] - o->max_eval;
            p->rule[k] = o->max_eval;
            p->capped[k] = 1;
        }
}

/* Step 4: how many of a stratum's samples to place go to each split. */
static void fill(stratum_t *g, long long *give, int *overfull)
{
    long long lack[SPLIT_NKINDS], sum = 0;
    for (int k = 0; k < SPLIT_NKINDS; k++) {
        lack[k] = g->want[k] > g->have[k] ? g->want[k] - g->have[k] : 0;
        sum += lack[k];
    }
    if (sum == g->free_n) {
        memcpy(give, lack, sizeof lack);
        return;
    }
    /* Kept samples exceed a count: the rule cannot be met, share what lacks. */
    *overfull = 1;
    split_apportion(g->free_n, lack, SPLIT_NKINDS, give);
}

int split_plan(split_item_t *items, size_t n, int nlabels, int nsources, const split_opts_t *o,
               split_plan_t *p, err_t *e)
{
    memset(p, 0, sizeof *p);
    if ((long long)n > SPLIT_MAX_SAMPLES)
        return err_set(e, EXIT_USER, "%zu samples: split handles at most %lld", n,
                       SPLIT_MAX_SAMPLES);
    if (o->target >= nsources)
        return err_set(e, EXIT_USER, "target source %d out of range", o->target);
    for (size_t i = 0; i < n; i++)
        if (items[i].label < 0 || items[i].label >= nlabels || items[i].source < -1 ||
            items[i].source >= nsources || items[i].split < SPLIT_NONE ||
            items[i].split >= SPLIT_NKINDS)
            return err_set(e, EXIT_USER, "sample '%s': label, source or split out of range",
                           items[i].id);

    p->samples = (long long)n;
    p->nlabels = o->stratify ? nlabels : 0;
    rank_t *rk = xmalloc((n ? n : 1) * sizeof *rk);
    for (size_t i = 0; i < n; i++) {
        rk[i].skey = o->target >= 0 ? items[i].source + 1 : 0;
        rk[i].lkey = o->stratify ? items[i].label : 0;
        rk[i].pos = split_hash(items[i].id, o->seed);
        rk[i].it = &items[i];
    }
    qsort(rk, n, sizeof *rk, rank_cmp);

    size_t ns = 0, runs = 0;
    for (size_t i = 0; i < n; i++)
        runs += i == 0 || rk[i].skey != rk[i - 1].skey || rk[i].lkey != rk[i - 1].lkey;
    stratum_t *st = xcalloc(runs ? runs : 1, sizeof *st);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || rk[i].skey != rk[i - 1].skey || rk[i].lkey != rk[i - 1].lkey) {
            st[ns].start = i;
            st[ns].eligible = o->target < 0 || rk[i].skey == o->target + 1;
            ns++;
        }
        stratum_t *g = &st[ns - 1];
        g->len++;
        const split_item_t *it = rk[i].it;
        if (!o->reassign && it->split != SPLIT_NONE)
            g->have[it->split]++;
        else
            g->free_n++;
        if (g->eligible)
            p->population++;
    }
    p->others = p->samples - p->population;

    /* Steps 1 and 2: the rule's totals over the strata that take part. */
    rule_totals(p->population, o, p);
    long long *rows = xmalloc((ns ? ns : 1) * sizeof *rows);
    long long *tab = xmalloc((ns ? ns : 1) * 3 * sizeof *tab);
    size_t nr = 0;
    for (size_t g = 0; g < ns; g++)
        if (st[g].eligible)
            rows[nr++] = (long long)st[g].len;
    split_round_table(rows, nr, p->rule, 3, tab);
    nr = 0;
    for (size_t g = 0; g < ns; g++) {
        if (st[g].eligible) {
            st[g].want[SPLIT_TRAIN] = tab[nr * 3];
            st[g].want[SPLIT_DEV] = tab[nr * 3 + 1];
            st[g].want[SPLIT_TEST] = tab[nr * 3 + 2];
            nr++;
        } else {
            st[g].want[SPLIT_TRAIN] = (long long)st[g].len;
        }
        p->train_pool += st[g].want[SPLIT_TRAIN];
    }

    /* Step 3: train-dev out of train, with train's mixture. */
    if (o->train_dev > 0) {
        long long w[2] = {SPLIT_ONE - o->train_dev, o->train_dev}, cols[2];
        split_apportion(p->train_pool, w, 2, cols);
        p->train_dev = cols[1];
        for (size_t g = 0; g < ns; g++)
            rows[g] = st[g].want[SPLIT_TRAIN];
        long long *tab2 = xmalloc((ns ? ns : 1) * 2 * sizeof *tab2);
        split_round_table(rows, ns, cols, 2, tab2);
        for (size_t g = 0; g < ns; g++) {
            st[g].want[SPLIT_TRAIN] = tab2[g * 2];
            st[g].want[SPLIT_TRAIN_DEV] = tab2[g * 2 + 1];
        }
        free(tab2);
    }

    /* Steps 4 and 5: fill what lacks, cutting each stratum's ranking. */
    static const int cut_order[SPLIT_NKINDS] = {SPLIT_DEV, SPLIT_TEST, SPLIT_TRAIN_DEV,
                                                SPLIT_TRAIN};
    for (size_t g = 0; g < ns; g++) {
        long long give[SPLIT_NKINDS];
        fill(&st[g], give, &p->overfull);
        int at = 0;
        for (size_t i = st[g].start; i < st[g].start + st[g].len; i++) {
            split_item_t *it = rk[i].it;
            if (!o->reassign && it->split != SPLIT_NONE) {
                it->new_split = it->split;
                p->kept++;
                continue;
            }
            while (at < SPLIT_NKINDS && give[cut_order[at]] == 0)
                at++;
            it->new_split = cut_order[at];
            give[cut_order[at]]--;
            p->assigned++;
            if (it->split != SPLIT_NONE && it->split != it->new_split) {
                p->moved++;
                p->moved_touched += it->touched != 0;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        p->result[items[i].new_split]++;
    free(rows);
    free(tab);
    free(st);
    free(rk);
    return 0;
}

/* Percent w / sum with up to 2 decimals, rounded: "20", "2.5", "33.33". */
static const char *fmt_pct(long long w, long long sum, char *buf)
{
    long long h = sum ? (w * 20000 + sum) / (2 * sum) : 0; /* hundredths of a percent */
    if (h % 100 == 0)
        snprintf(buf, 32, "%lld", h / 100);
    else if (h % 10 == 0)
        snprintf(buf, 32, "%lld.%lld", h / 100, (h % 100) / 10);
    else
        snprintf(buf, 32, "%lld.%02lld", h / 100, h % 100);
    return buf;
}

/* n * w / sum with thousands separators and up to 2 decimals, cut: "200,000", "10,000.2".
 * buf: 64 bytes. */
static const char *fmt_quota(long long n, long long w, long long sum, char *buf)
{
    char ip[32];
    long long q = sum ? n * w / sum : 0, r = sum ? n * w % sum : 0;
    long long d = sum ? r * 100 / sum : 0;
    util_fmt_int(q, ip);
    if (d == 0)
        snprintf(buf, 64, "%s", ip);
    else if (d % 10 == 0)
        snprintf(buf, 64, "%s.%lld", ip, d / 10);
    else
        snprintf(buf, 64, "%s.%02lld", ip, d);
    return buf;
}

static double share(long long a, long long b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

/* The rule for one distribution, in words. */
static void describe_one(strbuf_t *b, const split_plan_t *p, const split_opts_t *o)
{
    char n[32], c[32], q1[64], q2[64], w0[32], w1[32], w2[32], x[32], y[32];
    long long W = p->weights[0] + p->weights[1] + p->weights[2], N = p->population;
    util_fmt_int(N, n);
    util_fmt_int(o->max_eval, c);
    fmt_pct(p->weights[0], W, w0);
    fmt_pct(p->weights[1], W, w1);
    fmt_pct(p->weights[2], W, w2);
    if (!p->cap_applies) {
        strbuf_addf(b, "%s sample%s: --ratios %s/%s/%s as given, no cap (no --max-eval)\n", n,
                    util_s(N), w0, w1, w2);
        return;
    }
    int capped = p->capped[SPLIT_DEV] || p->capped[SPLIT_TEST];
    if (p->weights[1] == p->weights[2])
        strbuf_addf(b, "%s sample%s: %s%% would be %s %s cap %s, so ", n, util_s(N), w1,
                    fmt_quota(N, p->weights[1], W, q1), capped ? ">" : "<=", c);
    else
        strbuf_addf(b, "%s sample%s: dev %s%% would be %s %s cap %s, test %s%% would be %s "
                    "%s cap %s, so ", n, util_s(N), w1, fmt_quota(N, p->weights[1], W, q1),
                    p->capped[SPLIT_DEV] ? ">" : "<=", c, w2,
                    fmt_quota(N, p->weights[2], W, q2), p->capped[SPLIT_TEST] ? ">" : "<=", c);
    if (!capped)
        strbuf_addf(b, "%s/%s/%s\n", w0, w1, w2);
    else if (p->rule[SPLIT_DEV] == p->rule[SPLIT_TEST])
        strbuf_addf(b, "dev and test get %s each (%.1f/%.1f/%.1f)\n",
                    util_fmt_int(p->rule[SPLIT_DEV], x), share(p->rule[0], N),
                    share(p->rule[1], N), share(p->rule[2], N));
    else
        strbuf_addf(b, "dev gets %s and test %s (%.1f/%.1f/%.1f)\n",
                    util_fmt_int(p->rule[SPLIT_DEV], x), util_fmt_int(p->rule[SPLIT_TEST], y),
                    share(p->rule[0], N), share(p->rule[1], N), share(p->rule[2], N));
}

/* The rule for --target, in words. */
static void describe_target(strbuf_t *b, const split_plan_t *p, const split_opts_t *o,
                            const char *target)
{
    char n[32], all[32], c[32], f[32], q[64], a[32], d[32], t[32];
    long long W = p->weights[0] + p->weights[1] + p->weights[2], N = p->population;
    strbuf_addf(b, "target source '%s': %s of %s sample%s; %s%% of them to train", target,
                util_fmt_int(N, n), util_fmt_int(p->samples, all), util_s(p->samples),
                fmt_pct(o->target_train, SPLIT_ONE, f));
    util_fmt_int(p->rule[SPLIT_TRAIN], a);
    util_fmt_int(p->rule[SPLIT_DEV], d);
    util_fmt_int(p->rule[SPLIT_TEST], t);
    if (p->capped[SPLIT_DEV] || p->capped[SPLIT_TEST])
        strbuf_addf(b, " would leave %s each for dev and test > cap %s, so dev and test get "
                    "%s each and train the rest (%s/%s/%s)\n", fmt_quota(N, p->weights[1], W, q),
                    util_fmt_int(o->max_eval, c), d, a, d, t);
    else
        strbuf_addf(b, ", the rest split evenly between dev and test (%s/%s/%s)\n", a, d, t);
    if (p->others)
        strbuf_addf(b, "the other %s sample%s go%s to train\n", util_fmt_int(p->others, n),
                    util_s(p->others), p->others == 1 ? "es" : "");
}

char *split_describe(const split_plan_t *p, const split_opts_t *o, const char *target_name)
{
    strbuf_t b;
    char x[32], y[32], f[32];
    strbuf_init(&b);
    if (o->target >= 0)
        describe_target(&b, p, o, target_name ? target_name : "?");
    else
        describe_one(&b, p, o);
    for (int k = SPLIT_DEV; k <= SPLIT_TEST; k++)
        if (p->rule[k] == 0 && p->weights[k] > 0)
            strbuf_addf(&b, "note: %s gets no samples: there are too few%s\n", split_names[k],
                        o->target >= 0 ? " of the target" : "");
    if (o->train_dev > 0)
        strbuf_addf(&b, "train-dev: %s%% of train held out (%s of %s)\n",
                    fmt_pct(o->train_dev, SPLIT_ONE, f), util_fmt_int(p->train_dev, x),
                    util_fmt_int(p->train_pool, y));
    if (o->stratify)
        strbuf_addf(&b, "stratified by label (%d labels): each label's share in every split is "
                    "its share %s, within one sample\n", p->nlabels,
                    o->target >= 0 ? "of its source" : "overall");
    if (o->reassign)
        strbuf_addf(&b, "--reassign: all %s samples assigned again\n",
                    util_fmt_int(p->samples, x));
    else if (p->kept)
        strbuf_addf(&b, "%s sample%s keep%s the split %s %s; the %s without one %s assigned\n",
                    util_fmt_int(p->kept, x), util_s(p->kept), p->kept == 1 ? "s" : "",
                    p->kept == 1 ? "it" : "they", p->kept == 1 ? "has" : "have",
                    util_fmt_int(p->assigned, y), p->assigned == 1 ? "is" : "are");
    if (p->overfull)
        strbuf_addf(&b, "the splits kept already hold more than the rule gives somewhere, so the "
                    "samples to assign go where samples lack, in proportion\n");
    return strbuf_detach(&b);
}
