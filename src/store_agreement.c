/* store_agreement.c: reading the verdicts of examples two or more reviewers judged. */
#include "config.h"
#include "store_agreement.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static char *dup_text(sqlite3_stmt *s, int i)
{
    const char *t = store_col_text(s, i);
    return t ? xstrdup(t) : NULL;
}

static size_t find_name(char **v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0)
            return i;
    return n;
}

/* A verdict that is an adjudicator's decision, not a review (verdict v). */
#define NOT_DECISION                                                                         \
    " NOT EXISTS(SELECT 1 FROM decisions d WHERE d.sid = v.sid AND d.reviewer = v.reviewer)"
/* The items: examples with two or more verdicts (of pass ?1's items when ?1 > 0). */
#define ITEMS                                                                                \
    "SELECT v.sid FROM verdicts v WHERE (?1 <= 0 OR v.sid IN (SELECT sid FROM pass_items"     \
    " WHERE pid = ?1)) AND" NOT_DECISION " GROUP BY v.sid HAVING count(*) >= 2"

int store_agreement_data(store_t *st, long long pid, agree_data_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (pid > 0) {
        char num[32];
        snprintf(num, sizeof num, "%lld", pid);
        long long has = store_query_int(st, "SELECT count(*) FROM passes"
                                        " WHERE pid = CAST(?1 AS INTEGER)", num, e);
        if (has < 0)
            return -1;
        if (has == 0)
            return err_set(e, EXIT_USER, "there is no pass %lld; 'eyeball review --list' lists "
                           "the passes", pid);
    }
    if (store_begin_read(st, e) < 0)
        return -1;
    int r = -1;
    long long *cids = NULL;
    sqlite3_stmt *s = store_prepare(st, "SELECT cid, name FROM categories ORDER BY position, cid",
                                    e);
    if (!s)
        goto out;
    int step;
    while ((step = store_step(st, s, "reading categories", e)) > 0) {
        out->cats = xreallocarray(out->cats, out->ncats + 1, sizeof *out->cats);
        cids = xreallocarray(cids, out->ncats + 1, sizeof *cids);
        cids[out->ncats] = sqlite3_column_int64(s, 0);
        out->cats[out->ncats++] = dup_text(s, 1);
    }
    sqlite3_finalize(s);
    if (step < 0)
        goto out;
    s = store_prepare(st, "SELECT DISTINCT reviewer FROM verdicts v WHERE sid IN (" ITEMS ")"
                      " AND" NOT_DECISION " ORDER BY reviewer", e);
    if (!s)
        goto out;
    sqlite3_bind_int64(s, 1, pid);
    while ((step = store_step(st, s, "reading verdicts", e)) > 0) {
        out->reviewers = xreallocarray(out->reviewers, out->nreviewers + 1,
                                       sizeof *out->reviewers);
        out->reviewers[out->nreviewers++] = dup_text(s, 0);
    }
    sqlite3_finalize(s);
    if (step < 0)
        goto out;
    s = store_prepare(st, "SELECT v.sid, x.id, x.label, v.reviewer, v.fix,"
                      " (SELECT group_concat(t.cid) FROM verdict_tags t"
                      " WHERE t.sid = v.sid AND t.reviewer = v.reviewer)"
                      " FROM verdicts v JOIN samples x ON x.sid = v.sid"
                      " WHERE v.sid IN (" ITEMS ") AND" NOT_DECISION
                      " ORDER BY v.sid, v.reviewer", e);
    if (!s)
        goto out;
    sqlite3_bind_int64(s, 1, pid);
    while ((step = store_step(st, s, "reading verdicts", e)) > 0) {
        long long sid = sqlite3_column_int64(s, 0);
        if (!out->nitems || out->items[out->nitems - 1].sid != sid) {
            out->items = xreallocarray(out->items, out->nitems + 1, sizeof *out->items);
            agree_sample_t *it = &out->items[out->nitems++];
            memset(it, 0, sizeof *it);
            it->sid = sid;
            it->id = dup_text(s, 1);
            it->label = dup_text(s, 2);
        }
        agree_sample_t *it = &out->items[out->nitems - 1];
        it->verdicts = xreallocarray(it->verdicts, it->nverdicts + 1, sizeof *it->verdicts);
        agree_verdict_t *v = &it->verdicts[it->nverdicts++];
        v->reviewer = find_name(out->reviewers, out->nreviewers, store_col_text(s, 3));
        v->fix = dup_text(s, 4);
        v->ticked = xcalloc(out->ncats ? out->ncats : 1, 1);
        /* The ticked categories come as "cid,cid,...". */
        const char *p = store_col_text(s, 5);
        while (p && *p) {
            char *end;
            long long cid = strtoll(p, &end, 10);
            for (size_t c = 0; c < out->ncats; c++)
                if (cids[c] == cid)
                    v->ticked[c] = 1;
            p = *end == ',' ? end + 1 : NULL;
        }
    }
    sqlite3_finalize(s);
    if (step < 0)
        goto out;
    r = 0;
out:
    free(cids);
    store_rollback(st);
    if (r < 0)
        store_agreement_free(out);
    return r;
}

void store_agreement_free(agree_data_t *d)
{
    for (size_t i = 0; i < d->nitems; i++) {
        for (size_t j = 0; j < d->items[i].nverdicts; j++) {
            free(d->items[i].verdicts[j].fix);
            free(d->items[i].verdicts[j].ticked);
        }
        free(d->items[i].verdicts);
        free(d->items[i].id);
        free(d->items[i].label);
    }
    free(d->items);
    for (size_t i = 0; i < d->ncats; i++)
        free(d->cats[i]);
    free(d->cats);
    for (size_t i = 0; i < d->nreviewers; i++)
        free(d->reviewers[i]);
    free(d->reviewers);
    memset(d, 0, sizeof *d);
}
