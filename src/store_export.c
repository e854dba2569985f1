/* store_export.c: the SQL of 'eyeball export'. */
#include "config.h"
#include "store_export.h"
#include "store_int.h"

#include <stdlib.h>

int store_export_fixes(store_t *st, export_fix_fn fn, void *arg, err_t *e)
{
    sqlite3_stmt *s = store_prepare(
        st, "SELECT s.id, s.path, s.split, f.old_label, f.new_label, f.status, f.reviewer, f.time,"
        " coalesce((SELECT group_concat(name, ';') FROM (SELECT c.name AS name FROM tags t"
        "  JOIN categories c ON c.cid = t.cid WHERE t.sid = f.sid"
        "  ORDER BY c.position, c.cid)), ''),"
        " f.note FROM fixes f JOIN samples s ON s.sid = f.sid"
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
    sqlite3_stmt *s = store_prepare(st, "SELECT id, path, label, split, source, meta FROM samples"
                                    " ORDER BY sid", e);
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
