/* store_split.c: the SQL of 'eyeball split'. */
#include "config.h"
#include "store_split.h"
#include "store_int.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Distinct strings seen while reading, numbered in order of first sight; an
 * open-addressing hash table (XXH3) finds a string's number. */
typedef struct intern {
    char **names;  /* by number */
    size_t n, cap;
    size_t *slots; /* number + 1, 0 for an empty slot; a power of two of them */
    size_t nslots;
} intern_t;

static size_t intern_slot(const intern_t *t, const char *s)
{
    size_t mask = t->nslots - 1, i = (size_t)XXH3_64bits(s, strlen(s)) & mask;
    while (t->slots[i] && strcmp(t->names[t->slots[i] - 1], s) != 0)
        i = (i + 1) & mask;
    return i;
}

/* The number of s, adding it when new. */
static int intern_get(intern_t *t, const char *s)
{
    if (2 * (t->n + 1) > t->nslots) {
        size_t *old = t->slots, nold = t->nslots;
        t->nslots = nold ? 2 * nold : 64;
        t->slots = xcalloc(t->nslots, sizeof *t->slots);
        for (size_t i = 0; i < nold; i++)
            if (old[i])
                t->slots[intern_slot(t, t->names[old[i] - 1])] = old[i];
        free(old);
    }
    size_t i = intern_slot(t, s);
    if (!t->slots[i]) {
        if (t->n == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 16;
            t->names = xreallocarray(t->names, t->cap, sizeof *t->names);
        }
        t->names[t->n++] = xstrdup(s);
        t->slots[i] = t->n;
    }
    return (int)(t->slots[i] - 1);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the names bytewise into *out and returns old number -> sorted index (caller
 * frees); the intern table keeps no names. */
static int *intern_sort(intern_t *t, char ***out, size_t *n)
{
    char **sorted = xmalloc((t->n ? t->n : 1) * sizeof *sorted);
    if (t->n) {
        memcpy(sorted, t->names, t->n * sizeof *sorted);
        qsort(sorted, t->n, sizeof *sorted, cmp_name);
    }
    int *map = xmalloc((t->n ? t->n : 1) * sizeof *map);
    for (size_t i = 0; i < t->n; i++)
        map[t->slots[intern_slot(t, sorted[i])] - 1] = (int)i;
    *out = sorted;
    *n = t->n;
    free(t->names);
    free(t->slots);
    memset(t, 0, sizeof *t);
    return map;
}

static void intern_free(intern_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->names[i]);
    free(t->names);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* The sids that have been reviewed, tagged, fixed or put in a pass, sorted. */
static int read_touched(store_t *st, long long **out, size_t *n, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT sid FROM reviews UNION SELECT sid FROM tags "
                                    "UNION SELECT sid FROM fixes UNION SELECT sid FROM pass_items",
                                    e);
    if (!s)
        return -1;
    size_t cap = 64, k = 0;
    long long *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        v[k++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    qsort(v, k, sizeof *v, cmp_ll);
    *out = v;
    *n = k;
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading the reviews");
}

int store_split_load(store_t *st, int write, split_data_t *d, err_t *e)
{
    memset(d, 0, sizeof *d);
    if ((write ? store_begin(st, e) : store_begin_read(st, e)) < 0)
        return -1;
    long long *touched = NULL;
    size_t ntouched = 0, *id_off = NULL;
    int *lmap = NULL, *smap = NULL;
    intern_t labels = {0}, sources = {0};
    sqlite3_stmt *s = NULL;
    strbuf_t ids;
    strbuf_init(&ids);
    if (read_touched(st, &touched, &ntouched, e) < 0)
        goto fail;
    long long total = store_query_int(st, "SELECT count(*) FROM samples", NULL, e);
    if (total < 0)
        goto fail;
    d->items = xcalloc(total ? (size_t)total : 1, sizeof *d->items);
    d->sids = xcalloc(total ? (size_t)total : 1, sizeof *d->sids);
    id_off = xcalloc(total ? (size_t)total : 1, sizeof *id_off);
    s = store_prepare(st, "SELECT sid, id, label, source, split FROM samples ORDER BY sid", e);
    if (!s)
        goto fail;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && d->n < (size_t)total) {
        split_item_t *it = &d->items[d->n];
        const char *id = store_col_text(s, 1), *source = store_col_text(s, 3);
        const char *split = store_col_text(s, 4);
        d->sids[d->n] = sqlite3_column_int64(s, 0);
        id_off[d->n] = ids.len;
        strbuf_add(&ids, id, strlen(id) + 1);
        it->label = intern_get(&labels, store_col_text(s, 2));
        it->source = source ? intern_get(&sources, source) : -1;
        it->split = split_kind_of(split);
        if (it->split == SPLIT_UNKNOWN) {
            err_set(e, EXIT_USER, "%s: sample '%s' has split '%s', which eyeball does not know; "
                    "fix it with import samples --update", st->path, id, split);
            goto fail;
        }
        it->touched = bsearch(&d->sids[d->n], touched, ntouched, sizeof *touched, cmp_ll) != NULL;
        d->n++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail(st, e, "reading the samples");
        goto fail;
    }
    sqlite3_finalize(s);
    s = NULL;
    /* Number labels and sources in bytewise order, so the numbering (which breaks ties
     * between strata) does not depend on the order of the samples. */
    lmap = intern_sort(&labels, &d->labels, &d->nlabels);
    smap = intern_sort(&sources, &d->sources, &d->nsources);
    d->ids = strbuf_detach(&ids);
    for (size_t i = 0; i < d->n; i++) {
        split_item_t *it = &d->items[i];
        it->id = d->ids + id_off[i];
        it->label = lmap[it->label];
        if (it->source >= 0)
            it->source = smap[it->source];
        it->new_split = it->split;
    }
    free(lmap);
    free(smap);
    free(id_off);
    free(touched);
    return 0;
fail:
    sqlite3_finalize(s);
    store_rollback(st);
    strbuf_done(&ids);
    intern_free(&labels);
    intern_free(&sources);
    free(id_off);
    free(touched);
    store_split_free(d);
    return -1;
}

int store_split_save(store_t *st, const split_data_t *d, const char *detail, err_t *e)
{
    /* No store_bulk_begin: the transaction is open since the load, and a larger page
     * cache only adds memory here (1M samples: +20 MB, no faster). */
    /* A run of samples, consecutive in sid order, that end in the same split is one UPDATE
     * over its sid range: with 98% going to train that is one statement per few dozen
     * samples instead of one per sample. The samples of a run that are in that split
     * already get the value they have. No sid between two samples of d exists, since d
     * holds every sample and the write lock has been held since it was read. */
    /* A sample that leaves dev leaves its Eyeball part too. */
    sqlite3_stmt *s = store_prepare(st, "UPDATE samples SET split=?3, "
                                    "part=CASE WHEN ?3 = 'dev' THEN part END "
                                    "WHERE sid BETWEEN ?1 AND ?2", e);
    if (!s)
        goto fail;
    for (size_t i = 0, j; i < d->n; i = j) {
        int k = d->items[i].new_split, changed = 0;
        for (j = i; j < d->n && d->items[j].new_split == k; j++)
            changed |= d->items[j].split != k;
        if (!changed)
            continue;
        sqlite3_bind_int64(s, 1, d->sids[i]);
        sqlite3_bind_int64(s, 2, d->sids[j - 1]);
        if (k == SPLIT_NONE)
            sqlite3_bind_null(s, 3);
        else
            sqlite3_bind_text(s, 3, split_names[k], -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) {
            store_fail(st, e, "writing the splits");
            goto fail;
        }
    }
    sqlite3_finalize(s);
    s = store_prepare(st, "INSERT INTO history(time, reviewer, sid, action, detail) "
                      "VALUES(?1, ?2, NULL, 'split', ?3)", e);
    if (!s)
        goto fail;
    char *now = util_now_iso();
    store_bind_text(s, 1, now);
    store_bind_text(s, 2, util_reviewer());
    store_bind_text(s, 3, detail);
    int rc = sqlite3_step(s);
    free(now);
    if (rc != SQLITE_DONE) {
        store_fail(st, e, "recording the split in the history");
        goto fail;
    }
    sqlite3_finalize(s);
    s = NULL;
    if (store_commit(st, e) < 0)
        return -1;
    return 0;
fail:
    sqlite3_finalize(s);
    store_rollback(st);
    return -1;
}

void store_split_abort(store_t *st)
{
    store_rollback(st);
}

void store_split_free(split_data_t *d)
{
    for (size_t i = 0; i < d->nlabels; i++)
        free(d->labels[i]);
    for (size_t i = 0; i < d->nsources; i++)
        free(d->sources[i]);
    free(d->labels);
    free(d->sources);
    free(d->items);
    free(d->sids);
    free(d->ids);
    memset(d, 0, sizeof *d);
}
