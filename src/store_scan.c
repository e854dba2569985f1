/* store_scan.c: the SQL behind content hashes, exact duplicates and leakage. */
#include "config.h"
#include "store_int.h"
#include "store_scan.h"
#include "store_near.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

/* The splits that measure the model: a train copy of one of them is leakage. */
#define EVAL_SPLITS "('dev','test','train-dev')"
/* Evaluation samples with a copy in train: walks the (hash, split) index once. */
#define LEAKED_EVAL "FROM samples e WHERE e.hash IS NOT NULL AND e.split IN " EVAL_SPLITS \
    " AND EXISTS(SELECT 1 FROM samples t WHERE t.hash=e.hash AND t.split='train')"

/* Appends the filter's condition with parameters from ?first on; returns the next one. */
static int filter_sql(strbuf_t *b, const scan_filter_t *f, int first)
{
    if (!f || !f->nsplits) {
        strbuf_adds(b, "1");
        return first;
    }
    int unassigned = 0, named = 0;
    strbuf_adds(b, "(split IN (");
    for (size_t i = 0; i < f->nsplits; i++) {
        if (strcmp(f->splits[i], "unassigned") == 0) {
            unassigned = 1;
            continue;
        }
        strbuf_addf(b, "%s?%d", named++ ? "," : "", first++);
    }
    strbuf_addf(b, ")%s)", unassigned ? " OR split IS NULL" : "");
    return first;
}

static void filter_bind(sqlite3_stmt *s, const scan_filter_t *f, int first)
{
    for (size_t i = 0; f && i < f->nsplits; i++)
        if (strcmp(f->splits[i], "unassigned") != 0)
            store_bind_text(s, first++, f->splits[i]);
}

long long store_scan_count(store_t *st, const scan_filter_t *f, err_t *e)
{
    strbuf_t b;
    strbuf_init(&b);
    strbuf_adds(&b, "SELECT count(*) FROM samples WHERE ");
    filter_sql(&b, f, 1);
    sqlite3_stmt *s = store_prepare(st, b.buf, e);
    strbuf_done(&b);
    if (!s)
        return -1;
    filter_bind(s, f, 1);
    long long n = -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    else
        store_fail(st, e, "counting samples");
    sqlite3_finalize(s);
    return n;
}

int store_scan_items(store_t *st, const scan_filter_t *f, long long after, size_t max,
                     scan_item_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    strbuf_t b;
    strbuf_init(&b);
    strbuf_adds(&b, "SELECT sid, id, path FROM samples WHERE sid>?1 AND ");
    filter_sql(&b, f, 3);
    strbuf_adds(&b, " ORDER BY sid LIMIT ?2");
    sqlite3_stmt *s = store_prepare(st, b.buf, e);
    strbuf_done(&b);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, after);
    sqlite3_bind_int64(s, 2, (long long)max);
    filter_bind(s, f, 3);
    scan_item_t *v = xcalloc(max ? max : 1, sizeof *v);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        v[*n].sid = sqlite3_column_int64(s, 0);
        v[*n].id = xstrdup(store_col_text(s, 1));
        v[*n].path = xstrdup(store_col_text(s, 2));
        (*n)++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_scan_items_free(v, *n);
        *n = 0;
        return store_fail(st, e, "reading samples");
    }
    *out = v;
    return 0;
}

void store_scan_items_free(scan_item_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].id);
        free(v[i].path);
    }
    free(v);
}

/* Replaces the near-duplicate groups with near's. */
static int save_groups(store_t *st, const near_save_t *near, err_t *e)
{
    if (store_exec(st, "DELETE FROM near", e) < 0)
        return -1;
    char *sql = xasprintf("INSERT OR REPLACE INTO meta VALUES('near_distance','%d')",
                          near->distance);
    int r = store_exec(st, sql, e);
    free(sql);
    sqlite3_stmt *s = r == 0 ? store_prepare(st, "INSERT INTO near VALUES(?1,?2,?3)", e) : NULL;
    if (!s)
        return -1;
    for (size_t i = 0; r == 0 && i < near->n; i++) {
        if (!near->group[i])
            continue;
        sqlite3_bind_int64(s, 1, near->sid[i]);
        sqlite3_bind_int64(s, 2, near->group[i]);
        sqlite3_bind_int(s, 3, near->dist[i]);
        if (store_step(st, s, "saving near-duplicate groups", e) < 0)
            r = -1;
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return r;
}

int store_hashes_save(store_t *st, const scan_hash_t *v, size_t n, const near_save_t *near,
                      err_t *e)
{
    store_bulk_begin(st);
    if (store_begin(st, e) < 0) {
        store_bulk_end(st);
        return -1;
    }
    /* Fixes look up copies by hash; duplicates and leakage group by hash and split. */
    int r = store_exec(st, "CREATE INDEX IF NOT EXISTS samples_hash ON samples(hash, split) "
                       "WHERE hash IS NOT NULL", e);
    /* Without a perceptual hash computed now, one computed from other bytes is dropped. */
    const char *sql = near ? "UPDATE samples SET hash=?2, phash=?3 WHERE sid=?1"
                           : "UPDATE samples SET phash=CASE WHEN hash IS ?2 THEN phash END,"
                             " hash=?2 WHERE sid=?1";
    sqlite3_stmt *s = r == 0 ? store_prepare(st, sql, e) : NULL;
    if (!s)
        r = -1;
    for (size_t i = 0; r == 0 && i < n; i++) {
        char hex[2 * SCAN_HASH_BYTES + 1];
        sqlite3_bind_int64(s, 1, v[i].sid);
        if (v[i].ok) {
            scan_hex(v[i].h, hex);
            sqlite3_bind_text(s, 2, hex, -1, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_null(s, 2);
        }
        if (near && v[i].ok && v[i].phash_ok)
            sqlite3_bind_int64(s, 3, (sqlite3_int64)v[i].phash);
        else if (near)
            sqlite3_bind_null(s, 3);
        if (sqlite3_step(s) != SQLITE_DONE)
            r = store_fail(st, e, "saving content hashes");
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    if (r == 0 && near)
        r = save_groups(st, near, e);
    r = store_end_tx(st, r, e);
    store_bulk_end(st);
    return r;
}

static int two_ints(store_t *st, const char *sql, long long *a, long long *b, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, sql, e);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *a = sqlite3_column_int64(s, 0);
        *b = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : store_fail(st, e, "counting duplicates");
}

int store_duplicates_count(store_t *st, long long *groups, long long *samples, err_t *e)
{
    return two_ints(st, "SELECT count(*), coalesce(sum(n),0) FROM (SELECT count(*) AS n "
                    "FROM samples WHERE hash IS NOT NULL GROUP BY hash HAVING n>1)",
                    groups, samples, e);
}

int store_leakage_count(store_t *st, long long *groups, long long *eval, err_t *e)
{
    return two_ints(st, "SELECT count(DISTINCT e.hash), count(*) " LEAKED_EVAL, groups, eval, e);
}

void store_dup_groups_free(dup_group_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < v[i].n; k++) {
            free(v[i].m[k].id);
            free(v[i].m[k].split);
        }
        free(v[i].m);
    }
    free(v);
}

int store_leakage_groups(store_t *st, size_t max, dup_group_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT e.hash " LEAKED_EVAL " GROUP BY e.hash "
                                    "ORDER BY (SELECT min(sid) FROM samples a WHERE "
                                    "a.hash=e.hash) LIMIT ?1", e);
    sqlite3_stmt *m = store_prepare(st, "SELECT id, split FROM samples WHERE hash=?1 ORDER BY "
                                    "split IS NOT 'train', sid", e);
    if (!s || !m) {
        sqlite3_finalize(s);
        sqlite3_finalize(m);
        return -1;
    }
    sqlite3_bind_int64(s, 1, (long long)max);
    dup_group_t *v = xcalloc(max ? max : 1, sizeof *v);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        dup_group_t *g = &v[(*n)++];
        store_bind_text(m, 1, store_col_text(s, 0));
        size_t cap = 0;
        int mrc;
        while ((mrc = sqlite3_step(m)) == SQLITE_ROW) {
            if (g->n == cap) {
                cap = cap ? 2 * cap : 4;
                g->m = xreallocarray(g->m, cap, sizeof *g->m);
            }
            const char *split = store_col_text(m, 1);
            g->m[g->n].id = xstrdup(store_col_text(m, 0));
            g->m[g->n].split = split ? xstrdup(split) : NULL;
            g->n++;
        }
        sqlite3_reset(m);
        if (mrc != SQLITE_DONE) {
            rc = mrc;
            break;
        }
    }
    sqlite3_finalize(s);
    sqlite3_finalize(m);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_dup_groups_free(v, *n);
        *n = 0;
        return store_fail(st, e, "listing leakage");
    }
    *out = v;
    return 0;
}
