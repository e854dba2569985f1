/* store_compare.c: the SQL of 'eyeball compare'. */
#include "config.h"
#include "store_compare.h"
#include "store_int.h"
#include "store_pass.h"

#include <stdlib.h>
#include <string.h>

/* The selection as SQL over samples s and the two predictions pa and pb: ?1 A's mid,
 * ?5 B's mid, ?3 the split, ?6 the part (NULL: all). label0: the label the later model
 * (mid ?7, imported at ?2, history row ?4) was scored on. */
#define SEL_FROM                                                                             \
    " FROM samples s JOIN preds pa ON pa.mid = ?1 AND pa.sid = s.sid"                         \
    " JOIN preds pb ON pb.mid = ?5 AND pb.sid = s.sid"                                        \
    " WHERE s.split = ?3 AND (?6 IS NULL OR (s.part IS 'eyeball') = (?6 = 'eyeball'))"
#define LABEL0                                                                               \
    "coalesce((SELECT f.old_label FROM fixes f WHERE f.sid = s.sid AND f.status = 'applied'" \
    " AND " APPLIED_SINCE " ORDER BY f.applied, f.fid LIMIT 1), s.label)"

typedef struct bind {
    long long a_mid, b_mid, later_mid, import_hid;
    char *later_imported;
    int fixes_since; /* any fix applied since the later import: label0 needs the lookup */
} bind_t;

static void bind_all(sqlite3_stmt *s, const bind_t *b, const compare_sel_t *sel)
{
    sqlite3_bind_int64(s, 1, b->a_mid);
    store_bind_text(s, 2, b->later_imported);
    store_bind_text(s, 3, sel->split);
    sqlite3_bind_int64(s, 4, b->import_hid);
    sqlite3_bind_int64(s, 5, b->b_mid);
    store_bind_text(s, 6, sel->part);
}

/* Looks up the two models and which was imported later. */
static int resolve(store_t *st, const compare_sel_t *sel, bind_t *b, char **later, err_t *e)
{
    memset(b, 0, sizeof *b);
    *later = NULL;
    char *an = NULL, *bn = NULL;
    if (store_model_pick(st, sel->a, &b->a_mid, &an, e) < 0 ||
        store_model_pick(st, sel->b, &b->b_mid, &bn, e) < 0) {
        free(an);
        return -1;
    }
    /* Later: the higher import place in the history, then the later time, then the
     * higher id. */
    sqlite3_stmt *s = store_prepare(st, "SELECT m.mid, m.name, m.imported, coalesce((SELECT"
                                    " CAST(value AS INTEGER) + 1 FROM meta WHERE key ="
                                    " 'preds_hid:' || m.mid), 0) AS hid FROM models m WHERE"
                                    " m.mid IN (?1, ?2) ORDER BY hid DESC, m.imported DESC,"
                                    " m.mid DESC LIMIT 1", e);
    int r = -1;
    if (s) {
        sqlite3_bind_int64(s, 1, b->a_mid);
        sqlite3_bind_int64(s, 2, b->b_mid);
        if (store_step(st, s, "reading models", e) > 0) {
            b->later_mid = sqlite3_column_int64(s, 0);
            *later = xstrdup(store_col_text(s, 1));
            b->later_imported = xstrdup(store_col_text(s, 2));
            b->import_hid = sqlite3_column_int64(s, 3);
            r = 0;
        }
        sqlite3_finalize(s);
    }
    if (r == 0) {
        s = store_prepare(st, "SELECT EXISTS(SELECT 1 FROM fixes f WHERE f.status = 'applied'"
                          " AND " APPLIED_SINCE ")", e);
        r = -1;
        if (s) {
            store_bind_text(s, 2, b->later_imported);
            sqlite3_bind_int64(s, 4, b->import_hid);
            if (store_step(st, s, "reading fixes", e) > 0) {
                b->fixes_since = sqlite3_column_int(s, 0);
                r = 0;
            }
            sqlite3_finalize(s);
        }
    }
    free(an);
    free(bn);
    return r;
}

int store_compare_open(store_t *st, const compare_sel_t *sel, compare_info_t *info, err_t *e)
{
    memset(info, 0, sizeof *info);
    if (store_begin_read(st, e) < 0)
        return -1;
    bind_t b;
    if (resolve(st, sel, &b, &info->later, e) < 0)
        goto fail;
    free(b.later_imported);
    info->eyeball = store_query_int(st, "SELECT count(*) FROM samples WHERE split = 'dev' AND "
                                    "part = 'eyeball'", NULL, e);
    if (info->eyeball < 0)
        goto fail;
    if (sel->part && info->eyeball == 0) {
        err_set(e, EXIT_USER, "dev has no Eyeball part, so --part %s has nothing to select; "
                "leave out --part, or make one with eyeball split --eyeball N|auto", sel->part);
        goto fail;
    }
    return 0;
fail:
    store_rollback(st);
    compare_info_done(info);
    return -1;
}

int store_compare_each(store_t *st, const compare_sel_t *sel, int sorted,
                       int (*fn)(const compare_row_t *row, void *arg), void *arg, err_t *e)
{
    bind_t b;
    char *later;
    if (resolve(st, sel, &b, &later, e) < 0)
        return -1;
    free(later);
    /* The lookup of the label at the import only when a fix was applied since. */
    static const char *const sqls[2][2] = {
        {"SELECT s.id, s.split, s.label, pa.pred, pb.pred" SEL_FROM,
         "SELECT s.id, s.split, s.label, pa.pred, pb.pred" SEL_FROM " ORDER BY s.id"},
        {"SELECT s.id, s.split, " LABEL0 ", pa.pred, pb.pred" SEL_FROM,
         "SELECT s.id, s.split, " LABEL0 ", pa.pred, pb.pred" SEL_FROM " ORDER BY s.id"},
    };
    const char *sql = sqls[b.fixes_since != 0][sorted != 0];
    sqlite3_stmt *s = store_prepare(st, sql, e);
    if (!s) {
        free(b.later_imported);
        return -1;
    }
    bind_all(s, &b, sel);
    int rc;
    while ((rc = store_step(st, s, "reading predictions", e)) > 0) {
        compare_row_t row = {store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
                             store_col_text(s, 3), store_col_text(s, 4)};
        if (fn(&row, arg))
            break;
    }
    sqlite3_finalize(s);
    free(b.later_imported);
    return rc < 0 ? -1 : 0;
}

int store_compare_categories(store_t *st, const compare_sel_t *sel, compare_cat_t **cats,
                             size_t *n, long long *reviewed, err_t *e)
{
    *cats = NULL;
    *n = 0;
    *reviewed = 0;
    bind_t b;
    char *later;
    if (resolve(st, sel, &b, &later, e) < 0)
        return -1;
    free(later);
    /* A's errors (against label0) of the selection, reviewed in a pass of model A. */
#define A_REVIEWED                                                                           \
    "WITH rv AS (SELECT s.sid, pb.pred <> " LABEL0 " AS bw" SEL_FROM                          \
    " AND pa.pred <> " LABEL0 " AND EXISTS(SELECT 1 FROM reviews r JOIN passes q"             \
    " ON q.pid = r.pid WHERE r.sid = s.sid AND q.mid = ?1)) "
    sqlite3_stmt *s = store_prepare(st, A_REVIEWED "SELECT count(*) FROM rv", e);
    int r = -1;
    if (s) {
        bind_all(s, &b, sel);
        if (store_step(st, s, "counting reviewed errors", e) > 0) {
            *reviewed = sqlite3_column_int64(s, 0);
            r = 0;
        }
        sqlite3_finalize(s);
    }
    if (r < 0) {
        free(b.later_imported);
        return -1;
    }
    s = store_prepare(st, A_REVIEWED "SELECT c.name, count(*), sum(rv.bw) FROM rv"
                      " JOIN tags t ON t.sid = rv.sid JOIN categories c ON c.cid = t.cid"
                      " GROUP BY c.cid ORDER BY count(*) DESC, c.position, c.cid", e);
    if (!s) {
        free(b.later_imported);
        return -1;
    }
    bind_all(s, &b, sel);
    free(b.later_imported); /* bound as a copy */
    size_t cap = 0;
    int rc;
    while ((rc = store_step(st, s, "counting categories", e)) > 0) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *cats = xreallocarray(*cats, cap, sizeof **cats);
        }
        compare_cat_t *c = &(*cats)[(*n)++];
        c->name = xstrdup(store_col_text(s, 0));
        c->a_errors = sqlite3_column_int64(s, 1);
        c->b_still_wrong = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    if (rc < 0) {
        for (size_t i = 0; i < *n; i++)
            free((*cats)[i].name);
        free(*cats);
        *cats = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

void store_compare_close(store_t *st)
{
    store_rollback(st);
}

void compare_info_done(compare_info_t *info)
{
    free(info->later);
    memset(info, 0, sizeof *info);
}
