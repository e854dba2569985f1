/* near.c: multi-index hashing over 64-bit hashes, and union-find into groups. */
#include "config.h"
#include "near.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCK_BITS 22
#define MAX_BLOCKS (NEAR_MAX_DISTANCE + 1)

typedef struct block {
    int shift, bits;
    uint32_t *start; /* 2^bits + 1 offsets into idx */
    uint32_t *idx;   /* hash indices sorted by this block's value */
    uint64_t *val;   /* the hashes in the same order: candidates are read in sequence */
} block_t;

typedef struct search {
    const uint64_t *h;
    size_t n;
    int D, r, m;
    block_t b[MAX_BLOCKS];
    near_pair_fn fn;
    void *arg;
    long long pairs;
} search_t;

static inline uint32_t block_of(const block_t *b, uint64_t x)
{
    return (uint32_t)((x >> b->shift) & ((1ull << b->bits) - 1));
}

/* Hamming ball volume: lookups per block for radius r in a block of bits bits. */
static double ball(int bits, int r)
{
    double v = 0, c = 1;
    for (int k = 0; k <= r && k <= bits; k++) {
        v += c;
        c = c * (bits - k) / (k + 1);
    }
    return v;
}

/* The block count with the least estimated work: lookups plus expected candidates (as if
 * the hashes were uniform). A lookup in a table larger than the cache costs a miss, worth
 * about as much as reading 30 candidates in sequence. Overridable by $EYEBALL_NEAR_BLOCKS
 * (for the benchmark). */
static int choose_blocks(size_t n, int D)
{
    int best = 0;
    double best_cost = 0;
    int hi = D + 1 > 3 ? D + 1 : 3;
    const char *force = getenv("EYEBALL_NEAR_BLOCKS");
    int forced = force ? atoi(force) : 0;
    for (int m = 3; m <= hi && m <= MAX_BLOCKS; m++) {
        int wide = (64 + m - 1) / m, narrow = 64 / m;
        if (wide > MAX_BLOCK_BITS)
            continue;
        if (m == forced)
            return m;
        int r = D / m;
        double look = ball(wide, r) * (wide > 18 ? 30 : 1);
        double cost = m * (look + (double)n * ball(wide, r) / ldexp(1.0, narrow));
        if (!best || cost < best_cost) {
            best = m;
            best_cost = cost;
        }
    }
    return best;
}

static void build(search_t *s)
{
    int shift = 0;
    for (int k = 0; k < s->m; k++) {
        block_t *b = &s->b[k];
        b->bits = 64 / s->m + (k < 64 % s->m);
        b->shift = shift;
        shift += b->bits;
        size_t cells = (size_t)1 << b->bits;
        b->start = xcalloc(cells + 1, sizeof *b->start);
        b->idx = xmalloc((s->n ? s->n : 1) * sizeof *b->idx);
        b->val = xmalloc((s->n ? s->n : 1) * sizeof *b->val);
        for (size_t i = 0; i < s->n; i++)
            b->start[block_of(b, s->h[i]) + 1]++;
        for (size_t c = 0; c < cells; c++)
            b->start[c + 1] += b->start[c];
        uint32_t *fill = xmalloc(cells * sizeof *fill);
        memcpy(fill, b->start, cells * sizeof *fill);
        for (size_t i = 0; i < s->n; i++) {
            uint32_t at = fill[block_of(b, s->h[i])]++;
            b->idx[at] = (uint32_t)i;
            b->val[at] = s->h[i];
        }
        free(fill);
    }
}

/* Candidates of hash i in bucket key of block k. A pair is reported from the first block
 * in which it is within r, so each pair once. */
static inline void visit(search_t *s, size_t i, int k, uint32_t key)
{
    const block_t *b = &s->b[k];
    uint64_t hi = s->h[i];
    for (uint32_t p = b->start[key]; p < b->start[key + 1]; p++) {
        uint64_t x = hi ^ b->val[p];
        int d = __builtin_popcountll(x);
        if (d > s->D)
            continue;
        size_t j = b->idx[p];
        if (j <= i)
            continue;
        int earlier = 0;
        for (int q = 0; q < k && !earlier; q++)
            earlier = __builtin_popcount(block_of(&s->b[q], x)) <= s->r;
        if (earlier)
            continue;
        s->pairs++;
        if (s->fn)
            s->fn(s->arg, i, j, d);
    }
}

/* The search spends its time in popcount: on x86-64 a copy of it is built with the POPCNT
 * instruction too, chosen at load time when the processor has it. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NEAR_HOT __attribute__((target_clones("popcnt", "default")))
#else
#define NEAR_HOT
#endif

/* Appends to masks every value of bits bits with at most left bits set, from bit from up. */
static void masks_of(uint32_t mask, int from, int bits, int left, uint32_t *masks, size_t *n)
{
    masks[(*n)++] = mask;
    if (!left)
        return;
    for (int bit = from; bit < bits; bit++)
        masks_of(mask | (1u << bit), bit + 1, bits, left - 1, masks, n);
}

/* Every query against block k: its own bucket and every bucket within r of it. Queries go
 * in the block's own order, so neighbouring queries probe neighbouring buckets and the
 * tables are read almost in sequence rather than at random. */
NEAR_HOT static void scan_block(search_t *s, int k, const uint32_t *masks, size_t nmasks)
{
    const block_t *b = &s->b[k];
    for (size_t t = 0; t < s->n; t++) {
        size_t i = b->idx[t];
        uint32_t key = block_of(b, s->h[i]);
        for (size_t q = 0; q < nmasks; q++)
            visit(s, i, k, key ^ masks[q]);
    }
}

long long near_pairs(const uint64_t *h, size_t n, int D, near_pair_fn fn, void *arg,
                     int *blocks)
{
    search_t s = {.h = h, .n = n, .D = D, .fn = fn, .arg = arg};
    s.m = choose_blocks(n, D);
    s.r = D / s.m;
    if (blocks)
        *blocks = s.m;
    build(&s);
    for (int k = 0; k < s.m; k++) {
        uint32_t *masks = xmalloc((size_t)ball(s.b[k].bits, s.r) * sizeof *masks + 1);
        size_t nmasks = 0;
        masks_of(0, 0, s.b[k].bits, s.r, masks, &nmasks);
        scan_block(&s, k, masks, nmasks);
        free(masks);
    }
    for (int k = 0; k < s.m; k++) {
        free(s.b[k].start);
        free(s.b[k].idx);
        free(s.b[k].val);
    }
    return s.pairs;
}

/* ---- groups ----------------------------------------------------------------------- */

static uint32_t find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* The smaller index becomes the root, so a group's root is its first member. */
static void join(void *arg, size_t i, size_t j, int d)
{
    (void)d;
    uint32_t *parent = arg;
    uint32_t a = find(parent, (uint32_t)i), b = find(parent, (uint32_t)j);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

size_t near_groups(const uint64_t *h, size_t n, int D, uint32_t *group, int *dist,
                   long long *pairs)
{
    uint32_t *parent = xmalloc((n ? n : 1) * sizeof *parent);
    for (size_t i = 0; i < n; i++)
        parent[i] = (uint32_t)i;
    long long np = near_pairs(h, n, D, join, parent, NULL);
    if (pairs)
        *pairs = np;
    /* size[root] counts members; then roots with two or more get numbers in index order. */
    uint32_t *size = xcalloc(n ? n : 1, sizeof *size);
    for (size_t i = 0; i < n; i++)
        size[find(parent, (uint32_t)i)]++;
    size_t groups = 0;
    for (size_t i = 0; i < n; i++) {
        group[i] = 0;
        dist[i] = 0;
        if (parent[i] == i && size[i] > 1)
            size[i] = (uint32_t)++groups; /* now the group number */
        else if (parent[i] == i)
            size[i] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t root = find(parent, (uint32_t)i);
        group[i] = size[root];
        dist[i] = group[i] ? __builtin_popcountll(h[i] ^ h[root]) : 0;
    }
    free(size);
    free(parent);
    return groups;
}
