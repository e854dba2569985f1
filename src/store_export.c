/* store_export.c: the SQL of 'eyeball export'. */
#include "config.h"
#include "store_export.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>

/* The note of a fix (fix --note) and the example's note (the review screen's e key),
 * joined by "; " when both are there and differ; NULL when neither is. */
#define NOTES(fix, review)                                                                    \
    "CASE WHEN coalesce(" fix ", '') = '' THEN nullif(" review ", '')"                        \
    " WHEN coalesce(" review ", '') = '' OR " review " = " fix " THEN " fix                   \
    " ELSE " fix " || '; ' || " review " END"

int store_export_fixes(store_t *st, export_fix_fn fn, void *arg, err_t *e)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT s.id, s.path, s.split, f.old_label, f.new_label, f.status, f.reviewer, f.time,"
        " coalesce((SELECT group_concat(name, ';') FROM (SELECT c.name AS name FROM tags t"
        "  JOIN categories c ON c.cid = t.cid WHERE t.sid = f.sid"
        "  ORDER BY c.position, c.cid)), ''),"
        " " NOTES("f.note", "r.note") " FROM fixes f JOIN samples s ON s.sid = f.sid"
        " LEFT JOIN reviews r ON r.sid = f.sid"
        " WHERE f.status IN ('staged', 'applied') ORDER BY f.fid", e);
    if (!s)
        return -1;
    int rc, r = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        export_fix_t f = {
            store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
            store_col_text(s, 3), store_col_text(s, 4), store_col_text(s, 5),
            store_col_text(s, 6), store_col_text(s, 7), store_col_text(s, 8),
            store_col_text(s, 9),
        };
        if ((r = fn(arg, &f, e)) < 0)
            break;
    }
    sqlite3_finalize(s);
    if (r < 0)
        return -1;
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading the fixes");
}

int store_export_meta_keys(store_t *st, char ***keys, size_t *n, err_t *e)
{
    *keys = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(
        st, "SELECT key FROM (SELECT j.key AS key, s.sid AS sid, j.id AS jid,"
        " row_number() OVER (PARTITION BY j.key ORDER BY s.sid, j.id) AS rn"
        " FROM samples s, json_each(s.meta) j WHERE s.meta IS NOT NULL)"
        " WHERE rn = 1 ORDER BY sid, jid", e);
    if (!s)
        return -1;
    size_t cap = 8;
    char **v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        v[(*n)++] = xstrdup(store_col_text(s, 0));
    }
    sqlite3_finalize(s);
    *keys = v;
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading the metadata columns");
}

int store_export_samples(store_t *st, export_sample_fn fn, void *arg, err_t *e)
{
    /* The path as the input gave it when it was relative, else the stored one. */
    sqlite3_stmt *s = store_prepare(st, "SELECT id, coalesce(given_path, path), label, split,"
                                    " source, meta FROM samples ORDER BY sid", e);
    if (!s)
        return -1;
    int rc, r = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        export_sample_t x = {store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
                             store_col_text(s, 3), store_col_text(s, 4), store_col_text(s, 5)};
        if ((r = fn(arg, &x, e)) < 0)
            break;
    }
    sqlite3_finalize(s);
    if (r < 0)
        return -1;
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading the samples");
}

/* who: every reviewed example with each reviewer who judged it (the review row's reviewer,
 * the reviewers of its tags and of its staged or applied fix). fx: the example's staged
 * or applied fix, the newest. The model is the one of the pass the example was judged
 * in, else the newest model with a prediction for it. */
static const char reviews_sql[] =
    "WITH who AS (SELECT sid, reviewer FROM reviews"
    " UNION SELECT t.sid, t.reviewer FROM tags t JOIN reviews r ON r.sid = t.sid"
    " UNION SELECT f.sid, f.reviewer FROM fixes f JOIN reviews r ON r.sid = f.sid"
    "  WHERE f.status IN ('staged', 'applied')),"
    " fx AS (SELECT f.* FROM fixes f WHERE f.status IN ('staged', 'applied')"
    "  AND f.fid = (SELECT max(g.fid) FROM fixes g WHERE g.sid = f.sid"
    "  AND g.status IN ('staged', 'applied'))),"
    " rows AS (SELECT w.sid, w.reviewer, r.pid,"
    "  coalesce((SELECT q.mid FROM passes q WHERE q.pid = r.pid),"
    "   (SELECT m.mid FROM preds p JOIN models m ON m.mid = p.mid WHERE p.sid = w.sid"
    "    ORDER BY m.imported DESC, m.mid DESC LIMIT 1)) AS mid,"
    "  CASE WHEN r.reviewer IS w.reviewer THEN r.note END AS rnote,"
    "  CASE WHEN r.reviewer IS w.reviewer THEN r.time END AS rtime"
    "  FROM who w JOIN reviews r ON r.sid = w.sid)"
    " SELECT s.id, s.split, coalesce(fx.old_label, s.label),"
    " (SELECT p.pred FROM preds p WHERE p.mid = x.mid AND p.sid = x.sid),"
    " (SELECT m.name FROM models m WHERE m.mid = x.mid), x.pid, x.reviewer,"
    " (SELECT max(v) FROM (SELECT x.rtime AS v UNION ALL SELECT t.time FROM tags t"
    "  WHERE t.sid = x.sid AND t.reviewer IS x.reviewer UNION ALL SELECT fx.time"
    "  WHERE fx.reviewer IS x.reviewer)),"
    " coalesce((SELECT group_concat(name, ';') FROM (SELECT c.name AS name FROM tags t"
    "  JOIN categories c ON c.cid = t.cid WHERE t.sid = x.sid AND t.reviewer IS x.reviewer"
    "  ORDER BY c.position, c.cid)), ''),"
    " " NOTES("CASE WHEN fx.reviewer IS x.reviewer THEN fx.note END", "x.rnote") ","
    " CASE WHEN fx.reviewer IS x.reviewer THEN fx.new_label END,"
    " CASE WHEN fx.reviewer IS x.reviewer THEN fx.status END"
    " FROM rows x JOIN samples s ON s.sid = x.sid LEFT JOIN fx ON fx.sid = x.sid"
    " ORDER BY x.sid, x.reviewer";

int store_export_reviews(store_t *st, export_review_fn fn, void *arg, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, reviews_sql, e);
    if (!s)
        return -1;
    int rc, r = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char pass[32] = "";
        if (sqlite3_column_type(s, 5) != SQLITE_NULL)
            snprintf(pass, sizeof pass, "%lld", (long long)sqlite3_column_int64(s, 5));
        export_review_t x = {
            store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
            store_col_text(s, 3), store_col_text(s, 4), *pass ? pass : NULL,
            store_col_text(s, 6), store_col_text(s, 7), store_col_text(s, 8),
            store_col_text(s, 9), store_col_text(s, 10), store_col_text(s, 11),
        };
        if ((r = fn(arg, &x, e)) < 0)
            break;
    }
    sqlite3_finalize(s);
    if (r < 0)
        return -1;
    return rc == SQLITE_DONE ? 0 : store_fail(st, e, "reading the reviews");
}
