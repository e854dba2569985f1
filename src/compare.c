/* compare.c: the counts of 'eyeball compare'. Labels are interned in a small open-address
 * hash table, and confusion pairs counted in another keyed by the two label numbers, so
 * a million examples cost two hash lookups each and memory in the number of classes. */
#include "config.h"
#include "compare.h"
#include "stats.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

typedef struct pair_slot {
    uint64_t key; /* (label + 1) << 32 | (pred + 1); 0: empty */
    long long a, b;
} pair_slot_t;

struct compare {
    char **names;        /* interned labels, by number */
    size_t nnames, capnames;
    int *name_slots;     /* open addressing: index + 1 into names, 0 empty */
    size_t nslots;
    pair_slot_t *pairs;
    size_t npairs, pair_cap; /* pair_cap: a power of 2 */
    long long examples, a_errors, b_errors, fixed, broken;
    compare_pair_t *out; /* compare_finish's pairs */
};

compare_t *compare_new(void)
{
    compare_t *c = xcalloc(1, sizeof *c);
    c->nslots = 64;
    c->name_slots = xcalloc(c->nslots, sizeof *c->name_slots);
    c->pair_cap = 64;
    c->pairs = xcalloc(c->pair_cap, sizeof *c->pairs);
    return c;
}

void compare_free(compare_t *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nnames; i++)
        free(c->names[i]);
    free(c->names);
    free(c->name_slots);
    free(c->pairs);
    free(c->out);
    free(c);
}

static void rehash_names(compare_t *c)
{
    free(c->name_slots);
    c->nslots *= 2;
    c->name_slots = xcalloc(c->nslots, sizeof *c->name_slots);
    for (size_t i = 0; i < c->nnames; i++) {
        size_t h = XXH3_64bits(c->names[i], strlen(c->names[i])) & (c->nslots - 1);
        while (c->name_slots[h])
            h = (h + 1) & (c->nslots - 1);
        c->name_slots[h] = (int)i + 1;
    }
}

/* The number of a label, interning it on first sight. */
static int intern(compare_t *c, const char *s)
{
    size_t len = strlen(s), h = XXH3_64bits(s, len) & (c->nslots - 1);
    while (c->name_slots[h]) {
        int i = c->name_slots[h] - 1;
        if (strcmp(c->names[i], s) == 0)
            return i;
        h = (h + 1) & (c->nslots - 1);
    }
    if (c->nnames == c->capnames) {
        c->capnames = c->capnames ? c->capnames * 2 : 16;
        c->names = xreallocarray(c->names, c->capnames, sizeof *c->names);
    }
    c->names[c->nnames] = xstrdup(s);
    c->name_slots[h] = (int)++c->nnames;
    if (c->nnames * 2 > c->nslots)
        rehash_names(c);
    return (int)c->nnames - 1;
}

static pair_slot_t *pair_slot(compare_t *c, uint64_t key)
{
    size_t h = XXH3_64bits(&key, sizeof key) & (c->pair_cap - 1);
    while (c->pairs[h].key && c->pairs[h].key != key)
        h = (h + 1) & (c->pair_cap - 1);
    return &c->pairs[h];
}

static void count_pair(compare_t *c, int label, int pred, int is_b)
{
    uint64_t key = (uint64_t)(label + 1) << 32 | (uint64_t)(pred + 1);
    pair_slot_t *p = pair_slot(c, key);
    if (!p->key) {
        p->key = key;
        if (++c->npairs * 2 > c->pair_cap) {
            pair_slot_t *old = c->pairs;
            size_t oldcap = c->pair_cap;
            c->pair_cap *= 2;
            c->pairs = xcalloc(c->pair_cap, sizeof *c->pairs);
            for (size_t i = 0; i < oldcap; i++)
                if (old[i].key)
                    *pair_slot(c, old[i].key) = old[i];
            free(old);
            p = pair_slot(c, key);
        }
    }
    if (is_b)
        p->b++;
    else
        p->a++;
}

void compare_add(compare_t *c, const char *label, const char *a_pred, const char *b_pred)
{
    int a_wrong = strcmp(label, a_pred) != 0, b_wrong = strcmp(label, b_pred) != 0;
    c->examples++;
    c->a_errors += a_wrong;
    c->b_errors += b_wrong;
    c->fixed += a_wrong && !b_wrong;
    c->broken += !a_wrong && b_wrong;
    if (!a_wrong && !b_wrong)
        return;
    int l = intern(c, label);
    if (a_wrong)
        count_pair(c, l, intern(c, a_pred), 0);
    if (b_wrong)
        count_pair(c, l, intern(c, b_pred), 1);
}

static long long change(const compare_pair_t *p)
{
    long long d = p->b - p->a;
    return d < 0 ? -d : d;
}

static int cmp_pair(const void *x, const void *y)
{
    const compare_pair_t *p = x, *q = y;
    if (change(p) != change(q))
        return change(p) > change(q) ? -1 : 1;
    if (p->a + p->b != q->a + q->b)
        return p->a + p->b > q->a + q->b ? -1 : 1;
    int r = strcmp(p->label, q->label);
    return r ? r : strcmp(p->pred, q->pred);
}

void compare_finish(compare_t *c, compare_result_t *res)
{
    memset(res, 0, sizeof *res);
    res->examples = c->examples;
    res->a_errors = c->a_errors;
    res->b_errors = c->b_errors;
    res->a_rate = stats_share(c->a_errors, c->examples);
    res->b_rate = stats_share(c->b_errors, c->examples);
    stats_wilson(c->a_errors, c->examples, STATS_Z95, &res->a_lo, &res->a_hi);
    stats_wilson(c->b_errors, c->examples, STATS_Z95, &res->b_lo, &res->b_hi);
    res->fixed = c->fixed;
    res->broken = c->broken;
    res->mcnemar_p = stats_mcnemar_exact(c->fixed, c->broken);
    free(c->out);
    c->out = xmalloc((c->npairs ? c->npairs : 1) * sizeof *c->out);
    size_t n = 0;
    for (size_t i = 0; i < c->pair_cap; i++) {
        const pair_slot_t *p = &c->pairs[i];
        if (!p->key || p->a == p->b)
            continue;
        c->out[n++] = (compare_pair_t){c->names[(p->key >> 32) - 1],
                                       c->names[(p->key & 0xffffffffu) - 1], p->a, p->b};
    }
    qsort(c->out, n, sizeof *c->out, cmp_pair);
    res->pairs = c->out;
    res->npairs = n < COMPARE_MAX_PAIRS ? n : COMPARE_MAX_PAIRS;
}
