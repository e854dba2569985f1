/* store_near.c: the SQL behind perceptual hashes, near-duplicate groups and 'dups'. */
#include "config.h"
#include "store_int.h"
#include "store_near.h"

#include <stdlib.h>
#include <string.h>

#define EVAL_SPLITS "('dev','test','train-dev')"

int store_phashes_load(store_t *st, long long **sid, uint64_t **h, size_t *n, err_t *e)
{
    *sid = NULL;
    *h = NULL;
    *n = 0;
    long long total = store_query_int(st, "SELECT count(*) FROM samples WHERE phash IS NOT NULL",
                                      NULL, e);
    if (total < 0)
        return -1;
    sqlite3_stmt *s = store_prepare(st, "SELECT sid, phash FROM samples WHERE phash IS NOT NULL"
                                    " ORDER BY sid", e);
    if (!s)
        return -1;
    long long *vs = xmalloc(((size_t)total + 1) * sizeof *vs);
    uint64_t *vh = xmalloc(((size_t)total + 1) * sizeof *vh);
    size_t k = 0;
    int r;
    while ((r = store_step(st, s, "reading perceptual hashes", e)) > 0 && k < (size_t)total) {
        vs[k] = sqlite3_column_int64(s, 0);
        vh[k] = (uint64_t)sqlite3_column_int64(s, 1);
        k++;
    }
    sqlite3_finalize(s);
    if (r < 0) {
        free(vs);
        free(vh);
        return -1;
    }
    *sid = vs;
    *h = vh;
    *n = k;
    return 0;
}

/* Exact groups: content hashes held by two or more samples, numbered by first sample. */
#define EXACT_GROUPS                                                                         \
    "WITH g AS (SELECT hash, min(sid) AS first FROM samples WHERE hash IS NOT NULL"          \
    " GROUP BY hash HAVING count(*) > 1%s),"                                                  \
    " num AS (SELECT hash, row_number() OVER (ORDER BY first) AS grp FROM g)"                \
    " SELECT num.grp, s.id, s.split, s.label, s.path, 0 FROM samples s JOIN num"             \
    " ON s.hash = num.hash ORDER BY num.grp, s.sid"
#define NEAR_GROUPS                                                                          \
    "SELECT n.grp, s.id, s.split, s.label, s.path, n.dist FROM near n JOIN samples s"         \
    " ON s.sid = n.sid%s ORDER BY n.grp, n.sid"
#define CROSS_HAVING                                                                         \
    " AND sum(split = 'train') > 0 AND sum(split IN " EVAL_SPLITS ") > 0"
#define NEAR_CROSS                                                                           \
    " WHERE n.grp IN (SELECT m.grp FROM near m JOIN samples t ON t.sid = m.sid"              \
    " GROUP BY m.grp HAVING sum(t.split = 'train') > 0 AND sum(t.split IN " EVAL_SPLITS       \
    ") > 0)"

int store_dups_each(store_t *st, int near, int cross, int (*fn)(void *, const dups_row_t *),
                    void *arg, err_t *e)
{
    char *sql = near ? xasprintf(NEAR_GROUPS, cross ? NEAR_CROSS : "")
                     : xasprintf(EXACT_GROUPS, cross ? CROSS_HAVING : "");
    sqlite3_stmt *s = store_prepare(st, sql, e);
    free(sql);
    if (!s)
        return -1;
    int r;
    while ((r = store_step(st, s, "listing duplicate groups", e)) > 0) {
        dups_row_t row = {sqlite3_column_int64(s, 0), store_col_text(s, 1),
                          store_col_text(s, 2),       store_col_text(s, 3),
                          store_col_text(s, 4),       sqlite3_column_int(s, 5)};
        if (fn(arg, &row))
            break;
    }
    sqlite3_finalize(s);
    return r < 0 ? -1 : 0;
}

int store_near_summary(store_t *st, near_summary_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(
        st,
        "WITH g AS (SELECT n.grp, count(*) AS members, sum(s.split = 'train') AS tr,"
        " sum(s.split IN " EVAL_SPLITS ") AS ev, sum(s.split = 'dev') AS dv,"
        " sum(s.split = 'test') AS te FROM near n JOIN samples s ON s.sid = n.sid"
        " GROUP BY n.grp)"
        " SELECT (SELECT value FROM meta WHERE key = 'near_distance'),"
        " (SELECT count(*) FROM samples WHERE phash IS NOT NULL),"
        " count(*), coalesce(sum(members), 0),"
        " coalesce(sum(tr > 0 AND ev > 0), 0),"
        " coalesce(sum(CASE WHEN tr > 0 AND ev > 0 THEN ev ELSE 0 END), 0),"
        " coalesce(sum(dv > 1 OR te > 1), 0),"
        " coalesce(sum(max(dv - 1, 0) + max(te - 1, 0)), 0) FROM g",
        e);
    if (!s)
        return -1;
    int r = store_step(st, s, "counting near-duplicates", e);
    if (r > 0) {
        out->scanned = sqlite3_column_type(s, 0) != SQLITE_NULL;
        out->distance = sqlite3_column_int(s, 0);
        out->hashed = sqlite3_column_int64(s, 1);
        out->groups = sqlite3_column_int64(s, 2);
        out->members = sqlite3_column_int64(s, 3);
        out->cross = sqlite3_column_int64(s, 4);
        out->cross_eval = sqlite3_column_int64(s, 5);
        out->inside = sqlite3_column_int64(s, 6);
        out->inside_extra = sqlite3_column_int64(s, 7);
    }
    sqlite3_finalize(s);
    return r > 0 ? 0 : -1;
}

int store_near_members(store_t *st, long long grp, long long **sids, size_t *n, err_t *e)
{
    *sids = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT sid FROM near WHERE grp = ?1 ORDER BY sid", e);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, grp);
    size_t cap = 0;
    int r;
    while ((r = store_step(st, s, "reading a near-duplicate group", e)) > 0) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *sids = xreallocarray(*sids, cap, sizeof **sids);
        }
        (*sids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (r < 0) {
        free(*sids);
        *sids = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}
