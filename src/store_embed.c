/* store_embed.c: embeddings in the store (a float32 blob per sample) and the predictions
 * of a trained model. */
#include "config.h"
#include "store_embed.h"
#include "store_import.h"
#include "store_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct embed_load {
    store_t *st;
    size_t dim;
    long before;
    sqlite3_stmt *find, *ins;
    unsigned char *buf; /* dim little-endian float32 */
};

/* Writes v as little-endian float32, whatever the host's byte order. */
static void put_f32(unsigned char *p, float v)
{
    uint32_t u;
    memcpy(&u, &v, 4);
    p[0] = (unsigned char)u;
    p[1] = (unsigned char)(u >> 8);
    p[2] = (unsigned char)(u >> 16);
    p[3] = (unsigned char)(u >> 24);
}

static float get_f32(const unsigned char *p)
{
    uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                 (uint32_t)p[3] << 24;
    float v;
    memcpy(&v, &u, 4);
    return v;
}

embed_load_t *store_embed_begin(store_t *st, size_t dim, const char *file, err_t *e)
{
    store_bulk_begin(st);
    if (store_begin(st, e) < 0) {
        store_bulk_end(st);
        return NULL;
    }
    embed_load_t *l = xcalloc(1, sizeof *l);
    l->st = st;
    l->dim = dim;
    l->buf = xmalloc(dim * 4);
    l->before = (long)store_query_int(st, "SELECT count(*) FROM embeddings", NULL, e);
    char *sql = xasprintf("DELETE FROM embeddings; INSERT OR REPLACE INTO meta(key, value) "
                          "VALUES('embedding_dim', '%zu')", dim);
    int r = l->before < 0 ? -1 : store_exec(st, sql, e);
    free(sql);
    if (r == 0) {
        sqlite3_stmt *s = store_prepare(st, "INSERT OR REPLACE INTO meta(key, value) "
                                        "VALUES('embedding_file', ?1)", e);
        r = s ? 0 : -1;
        if (s) {
            store_bind_text(s, 1, file);
            r = store_step(st, s, "recording the embeddings", e) < 0 ? -1 : 0;
            sqlite3_finalize(s);
        }
    }
    if (r == 0) {
        l->find = store_prepare(st, "SELECT sid FROM samples WHERE id = ?1", e);
        l->ins = l->find ? store_prepare(st, "INSERT INTO embeddings(sid, vec) VALUES(?1, ?2)", e)
                         : NULL;
    }
    if (!l->ins) {
        store_embed_end(l, 0, NULL, NULL);
        return NULL;
    }
    return l;
}

int store_embed_add(embed_load_t *l, const char *id, const float *vec, err_t *e)
{
    sqlite3_bind_text(l->find, 1, id, -1, SQLITE_STATIC);
    int r = store_step(l->st, l->find, "looking up a sample", e);
    long long sid = r > 0 ? sqlite3_column_int64(l->find, 0) : 0;
    sqlite3_reset(l->find);
    if (r < 0)
        return -1;
    if (r == 0)
        return err_set(e, EXIT_USER, "unknown sample id '%s'; import the samples first, or "
                       "check the id", id);
    for (size_t i = 0; i < l->dim; i++)
        put_f32(l->buf + 4 * i, vec[i]);
    sqlite3_bind_int64(l->ins, 1, sid);
    sqlite3_bind_blob(l->ins, 2, l->buf, (int)(l->dim * 4), SQLITE_STATIC);
    int rc = sqlite3_step(l->ins);
    sqlite3_reset(l->ins);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return err_set(e, EXIT_USER, "a second embedding for id '%s'; give one per id", id);
    if (rc != SQLITE_DONE)
        return store_fail(l->st, e, "adding an embedding");
    return 0;
}

int store_embed_end(embed_load_t *l, int commit, long *replaced, err_t *e)
{
    int r = 0;
    sqlite3_finalize(l->find);
    sqlite3_finalize(l->ins);
    if (replaced)
        *replaced = l->before;
    if (commit)
        r = store_commit(l->st, e);
    else
        store_rollback(l->st);
    store_bulk_end(l->st);
    free(l->buf);
    free(l);
    return r;
}

void embed_set_free(embed_set_t *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->splits[i]);
    for (size_t c = 0; c < set->k; c++)
        free(set->classes[c]);
    free(set->classes);
    free(set->splits);
    free(set->sids);
    free(set->labels);
    memset(set, 0, sizeof *set);
}

static int class_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_rows(store_t *st, embed_set_t *set, embed_row_fn row, void *ctx, err_t *e)
{
    set->classes = store_labels(st, &set->k, e);
    if (!set->classes)
        return -1;
    long long dim = store_query_int(st, "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM "
                                    "meta WHERE key = 'embedding_dim'), 0)", NULL, e);
    long long n = store_query_int(st, "SELECT count(*) FROM embeddings", NULL, e);
    long long all = store_query_int(st, "SELECT count(*) FROM samples", NULL, e);
    if (dim < 0 || n < 0 || all < 0)
        return -1;
    if (n == 0 || dim <= 0)
        return err_set(e, EXIT_USER, "the store has no embeddings; import them first: eyeball "
                       "import embeddings FILE");
    set->dim = (size_t)dim;
    set->missing = (size_t)(all - n);
    set->total = (size_t)n;
    set->sids = xmalloc((size_t)n * sizeof *set->sids);
    set->splits = xcalloc((size_t)n, sizeof *set->splits);
    set->labels = xmalloc((size_t)n * sizeof *set->labels);
    float *vec = xmalloc(set->dim * sizeof *vec);
    sqlite3_stmt *s = store_prepare(st, "SELECT e.sid, s.split, s.label, e.vec FROM embeddings e "
                                    "JOIN samples s USING(sid) ORDER BY e.sid", e);
    int r = s ? 0 : -1, rc = 0;
    while (s && set->n < (size_t)n && (rc = store_step(st, s, "reading embeddings", e)) > 0) {
        size_t i = set->n;
        const unsigned char *blob = sqlite3_column_blob(s, 3);
        if ((size_t)sqlite3_column_bytes(s, 3) != set->dim * 4) {
            r = err_set(e, EXIT_SYSTEM, "%s: an embedding of %d bytes where %zu are expected; "
                        "import the embeddings again", store_path(st), sqlite3_column_bytes(s, 3),
                        set->dim * 4);
            break;
        }
        set->sids[i] = sqlite3_column_int64(s, 0);
        const char *split = store_col_text(s, 1);
        set->splits[i] = split ? xstrdup(split) : NULL;
        const char *label = store_col_text(s, 2);
        char **hit = bsearch(&label, set->classes, set->k, sizeof *set->classes, class_cmp);
        set->labels[i] = hit ? (int32_t)(hit - set->classes) : 0;
        for (size_t d = 0; d < set->dim; d++)
            vec[d] = get_f32(blob + 4 * d);
        set->n++;
        row(ctx, set, i, vec);
    }
    if (rc < 0)
        r = -1;
    sqlite3_finalize(s);
    free(vec);
    return r;
}

int store_embed_read(store_t *st, embed_set_t *set, embed_row_fn row, void *ctx, err_t *e)
{
    memset(set, 0, sizeof *set);
    if (store_begin_read(st, e) < 0)
        return -1;
    int r = read_rows(st, set, row, ctx, e);
    store_rollback(st);
    if (r < 0)
        embed_set_free(set);
    return r;
}

int store_embed_nearest(store_t *st, long long sid, size_t k, long long *sids, double *sims,
                        size_t *n, err_t *e)
{
    *n = 0;
    long long dim = store_query_int(st, "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM "
                                    "meta WHERE key = 'embedding_dim'), 0)", NULL, e);
    if (dim <= 0 || k == 0)
        return dim < 0 ? -1 : 0;
    long long ntrain = store_query_int(st, "SELECT count(*) FROM embeddings JOIN samples "
                                       "USING(sid) WHERE split = 'train'", NULL, e);
    if (ntrain < 0)
        return -1;
    if (ntrain * dim > EMBED_NEAREST_BUDGET)
        return 0;
    size_t d = (size_t)dim;
    float *q = xmalloc(d * sizeof *q);
    sqlite3_stmt *s = store_prepare(st, "SELECT vec FROM embeddings WHERE sid = ?1", e);
    int r = s ? 0 : -1, have = 0;
    if (s) {
        sqlite3_bind_int64(s, 1, sid);
        int step = store_step(st, s, "reading an embedding", e);
        if (step < 0)
            r = -1;
        else if (step > 0 && (size_t)sqlite3_column_bytes(s, 0) == d * 4) {
            const unsigned char *b = sqlite3_column_blob(s, 0);
            for (size_t i = 0; i < d; i++)
                q[i] = get_f32(b + 4 * i);
            have = 1;
        }
        sqlite3_finalize(s);
    }
    double qn = 0;
    for (size_t i = 0; have && i < d; i++)
        qn += (double)q[i] * q[i];
    if (r < 0 || !have || qn == 0) {
        free(q);
        return r;
    }
    s = store_prepare(st, "SELECT e.sid, e.vec FROM embeddings e JOIN samples s USING(sid) "
                      "WHERE s.split = 'train' AND e.sid <> ?1", e);
    if (!s) {
        free(q);
        return -1;
    }
    sqlite3_bind_int64(s, 1, sid);
    int step;
    while ((step = store_step(st, s, "reading embeddings", e)) > 0) {
        if ((size_t)sqlite3_column_bytes(s, 1) != d * 4)
            continue;
        const unsigned char *b = sqlite3_column_blob(s, 1);
        double dot = 0, vn = 0;
        for (size_t i = 0; i < d; i++) {
            double x = get_f32(b + 4 * i);
            dot += x * q[i];
            vn += x * x;
        }
        double sim = vn > 0 ? dot / sqrt(qn * vn) : 0;
        /* Insert into the kept list, most similar first; ties keep the smaller key. */
        size_t at = *n;
        while (at > 0 && sims[at - 1] < sim)
            at--;
        if (at >= k)
            continue;
        size_t last = *n < k ? *n : k - 1;
        for (size_t j = last; j > at; j--) {
            sims[j] = sims[j - 1];
            sids[j] = sids[j - 1];
        }
        sims[at] = sim;
        sids[at] = sqlite3_column_int64(s, 0);
        if (*n < k)
            (*n)++;
    }
    sqlite3_finalize(s);
    free(q);
    return step < 0 ? -1 : 0;
}

int store_trained_save(store_t *st, const trained_preds_t *t, int *replaced, err_t *e)
{
    preds_load_t *l = store_preds_begin(st, t->model, t->classes, t->k, t->file, e);
    if (!l)
        return -1;
    int r = store_preds_set_trained(l, t->trained, e);
    for (size_t i = 0; i < t->n && r == 0; i++) {
        const double *p = t->probs + i * t->k;
        size_t best = 0;
        for (size_t c = 1; c < t->k; c++)
            if (p[c] > p[best])
                best = c;
        r = store_preds_add_sid(l, t->sids[i], t->classes[best], p[best], p,
                                t->oof + i * t->k, e);
    }
    return store_preds_end(l, r == 0, replaced, e) < 0 || r < 0 ? -1 : 0;
}
