/* store_categories.c: the error categories (the columns of Ng's error-analysis sheet):
 * listing, adding, renaming, removing, and the defaults a new store starts with. */
#include "config.h"
#include "store_review_int.h"
#include "names.h"

#include "keys.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CATEGORY_NAME_MAX 40
/* The defaults file name under the data directory. */
#define CATEGORY_DEFAULTS "categories"

void store_categories_free(category_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].key);
    }
    free(v);
}

int store_categories(store_t *st, category_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT cid, name, key, mislabeled, position "
                                    "FROM categories ORDER BY position, cid", e);
    if (!s)
        return -1;
    size_t cap = 0;
    category_t *v = NULL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            v = xreallocarray(v, cap, sizeof *v);
        }
        const char *key = store_col_text(s, 2);
        v[(*n)++] = (category_t){sqlite3_column_int64(s, 0), xstrdup(store_col_text(s, 1)),
                                 key ? xstrdup(key) : NULL, sqlite3_column_int(s, 3),
                                 sqlite3_column_int(s, 4)};
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_categories_free(v, *n);
        *n = 0;
        return store_fail(st, e, "reading categories");
    }
    *out = v;
    return 0;
}

int store_category_counts(store_t *st, const category_t *v, size_t n, long long **counts,
                          err_t *e)
{
    *counts = xcalloc(n ? n : 1, sizeof **counts);
    for (size_t i = 0; i < n; i++) {
        (*counts)[i] = store_rv_int(st, "SELECT count(*) FROM tags WHERE cid=?1", v[i].cid, 0, e);
        if ((*counts)[i] < 0) {
            free(*counts);
            *counts = NULL;
            return -1;
        }
    }
    return 0;
}

long long store_category_find(store_t *st, const char *name, err_t *e)
{
    return store_query_int(st, "SELECT cid FROM categories WHERE name=?1", name, e);
}

/* A category name: printable UTF-8 without ';' (the separator of export fixes) and without
 * spaces at either end. */
static int check_name(const char *name, err_t *e)
{
    size_t n = strlen(name), bad;
    if (!n)
        return err_set(e, EXIT_USER, "a category name cannot be empty");
    if (n > CATEGORY_NAME_MAX)
        return err_set(e, EXIT_USER, "category name '%.*s...' is %zu bytes long; keep it to %d",
                       20, name, n, CATEGORY_NAME_MAX);
    if (!util_utf8_valid(name, n, &bad))
        return err_set(e, EXIT_USER, "category name is not valid UTF-8 (byte %zu)", bad + 1);
    if (!names_printable(name, n, &bad)) {
        char *safe = util_sanitize(name);
        err_set(e, EXIT_USER, "category name '%s' holds a control character (byte %zu)", safe,
                bad + 1);
        free(safe);
        return -1;
    }
    const char *why = strchr(name, ';') ? "holds ';', which separates categories in exports"
                      : name[0] == ' ' || name[n - 1] == ' ' ? "starts or ends with a space"
                      : name[0] == '-' ? "starts with '-', which reads as an option"
                      : NULL;
    if (why)
        return err_set(e, EXIT_USER, "category name '%s' %s; choose another name", name, why);
    return 0;
}

/* A key given by the user: one letter or digit the review UI does not use. */
static int check_key(store_t *st, const char *key, err_t *e)
{
    if (strlen(key) != 1 || !((key[0] >= '0' && key[0] <= '9') ||
                              (key[0] >= 'a' && key[0] <= 'z') ||
                              (key[0] >= 'A' && key[0] <= 'Z'))) {
        char *safe = util_sanitize(key);
        err_set(e, EXIT_USER, "key '%s' is not one letter or digit; choose e.g. 1-9 or a-z",
                safe);
        free(safe);
        return -1;
    }
    if (keys_reserved((unsigned char)key[0]))
        return err_set(e, EXIT_USER, "key '%s' is used by the review screen itself (keys %s "
                       "are reserved); choose another", key, keys_reserved_list());
    sqlite3_stmt *s = store_prepare(st, "SELECT name FROM categories WHERE key=?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, key);
    int r = store_step(st, s, "checking the key", e);
    if (r > 0) {
        char *safe = util_sanitize(store_col_text(s, 0));
        r = err_set(e, EXIT_USER, "key '%s' is taken by category '%s'; choose another key "
                    "or leave --key out to get a free one", key, safe);
        free(safe);
    }
    sqlite3_finalize(s);
    return r < 0 ? -1 : 0;
}

/* The first free key: 1-9, then a-z without the reserved ones; "" when none is left. */
static int free_key(store_t *st, char out[2], err_t *e)
{
    static const char order[] = "123456789abcdefghijklmnopqrstuvwxyz";
    out[0] = out[1] = '\0';
    for (const char *p = order; *p; p++) {
        if (keys_reserved((unsigned char)*p))
            continue;
        char k[2] = {*p, '\0'};
        long long taken = store_query_int(st, "SELECT count(*) FROM categories WHERE key=?1", k,
                                          e);
        if (taken < 0)
            return -1;
        if (!taken) {
            out[0] = *p;
            return 0;
        }
    }
    return 0;
}

int store_categories_rekey_reserved(store_t *st, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT cid, key FROM categories WHERE key IS NOT NULL "
                                    "ORDER BY position, cid", e);
    if (!s)
        return -1;
    long long ids[64];
    size_t n = 0;
    int r;
    while ((r = store_step(st, s, "reading the categories", e)) > 0)
        if (n < sizeof ids / sizeof *ids && keys_reserved((unsigned char)store_col_text(s, 1)[0]))
            ids[n++] = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (r < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char k[2];
        /* Free the reserved key first, so free_key never hands it out again. */
        char *sql = xasprintf("UPDATE categories SET key=NULL WHERE cid=%lld", ids[i]);
        int rc = store_exec(st, sql, e);
        free(sql);
        if (rc < 0 || free_key(st, k, e) < 0)
            return -1;
        if (!k[0])
            continue;
        sql = xasprintf("UPDATE categories SET key='%c' WHERE cid=%lld", k[0], ids[i]);
        rc = store_exec(st, sql, e);
        free(sql);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Inserts a category inside the caller's transaction; *cid gets its id. */
static int insert_category(store_t *st, const char *name, const char *key, int mislabeled,
                           const char *now, long long *cid, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO categories(name,key,position,mislabeled,"
                                    "created) VALUES(?1,?2,(SELECT coalesce(max(position),0)+1 "
                                    "FROM categories),?3,?4)", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, name);
    store_bind_text(s, 2, key && *key ? key : NULL);
    sqlite3_bind_int(s, 3, mislabeled);
    store_bind_text(s, 4, now);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, e, "adding the category");
    *cid = sqlite3_last_insert_rowid(st->db);
    return 0;
}

/* Adds name (validated, new) with key or a free one, inside the caller's transaction. */
static int add_tx(store_t *st, const char *name, const char *key, int mislabeled,
                  const char *now, long long *cid, err_t *e)
{
    if (check_name(name, e) < 0)
        return -1;
    long long have = store_category_find(st, name, e);
    if (have < 0)
        return -1;
    if (have) {
        char *safe = util_sanitize(name);
        err_set(e, EXIT_USER, "category '%s' exists already; 'eyeball categories' lists them",
                safe);
        free(safe);
        return -1;
    }
    char k[2];
    if (key) {
        if (check_key(st, key, e) < 0)
            return -1;
        k[0] = key[0];
        k[1] = '\0';
    } else if (free_key(st, k, e) < 0) {
        return -1;
    }
    return insert_category(st, name, k, mislabeled, now, cid, e);
}

/* Parses the defaults file: lines "KEY NAME [mislabeled]", '#' comments. Adds them. */
static int seed_from(store_t *st, const char *file, const char *now, long long *count, err_t *e)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return err_set(e, EXIT_SYSTEM, "%s: cannot read the default categories: %s; reinstall "
                       "eyeball or point $EYEBALL_DATADIR at its data directory", file,
                       strerror(errno));
    char line[512];
    int lineno = 0, r = 0;
    *count = 0;
    while (r == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        char *save = NULL;
        char *key = strtok_r(line, " \t\r\n", &save);
        if (!key || key[0] == '#')
            continue;
        char *name = strtok_r(NULL, " \t\r\n", &save);
        char *flag = name ? strtok_r(NULL, " \t\r\n", &save) : NULL;
        char *extra = flag ? strtok_r(NULL, " \t\r\n", &save) : NULL;
        long long cid;
        if (!name || extra || (flag && strcmp(flag, "mislabeled") != 0))
            r = err_set(e, EXIT_SYSTEM, "%s:%d: expected 'KEY NAME [mislabeled]'", file, lineno);
        else if (add_tx(st, name, strcmp(key, "-") == 0 ? NULL : key, flag != NULL, now, &cid,
                        e) < 0) {
            err_prefix(e, "%s:%d", file, lineno);
            e->code = EXIT_SYSTEM;
            r = -1;
        } else {
            (*count)++;
        }
    }
    if (r == 0 && ferror(f))
        r = err_set(e, EXIT_SYSTEM, "%s: read error", file);
    fclose(f);
    return r;
}

int store_rv_seed_tx(store_t *st, const char *reviewer, const char *now, err_t *e)
{
    long long n = store_query_int(st, "SELECT count(*) FROM categories", NULL, e);
    if (n != 0)
        return n < 0 ? -1 : 0;
    /* Once seeded, removing every category must not bring the defaults back. */
    long long seeded = store_query_int(st, "SELECT count(*) FROM history WHERE "
                                       "action='category-seed'", NULL, e);
    if (seeded != 0)
        return seeded < 0 ? -1 : 0;
    char *file = xasprintf("%s/%s", util_datadir(), CATEGORY_DEFAULTS);
    long long count = 0;
    int r = seed_from(st, file, now, &count, e);
    if (r == 0)
        r = store_rv_history(st, now, reviewer, 0, "category-seed",
                             json_pack("{s:s,s:I}", "file", CATEGORY_DEFAULTS, "count",
                                       (json_int_t)count),
                             NULL, e);
    free(file);
    return r;
}

int store_categories_seed(store_t *st, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    int r = store_rv_seed_tx(st, util_reviewer(), now, e);
    free(now);
    return store_end_tx(st, r, e);
}

int store_category_add_by(store_t *st, const char *name, const char *key, const char *reviewer,
                          long long *cid, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    long long id = 0;
    int r = store_rv_seed_tx(st, reviewer, now, e);
    if (r == 0)
        r = add_tx(st, name, key, 0, now, &id, e);
    if (r == 0) {
        sqlite3_stmt *s = store_prepare(st, "SELECT key FROM categories WHERE cid=?1", e);
        r = s ? 0 : -1;
        if (s) {
            sqlite3_bind_int64(s, 1, id);
            r = store_step(st, s, "reading the new category", e) > 0 ? 0 : -1;
            json_t *d = r == 0 ? json_pack("{s:I,s:s,s:s?}", "cid", (json_int_t)id, "name",
                                           name, "key", store_col_text(s, 0))
                               : NULL;
            sqlite3_finalize(s);
            if (r == 0)
                r = store_rv_history(st, now, reviewer, 0, "category-add", d, NULL, e);
        }
    }
    free(now);
    if (r < 0) {
        store_rollback(st);
        return -1;
    }
    if (cid)
        *cid = id;
    return store_commit(st, e);
}

int store_category_add(store_t *st, const char *name, const char *key, long long *cid,
                       err_t *e)
{
    return store_category_add_by(st, name, key, util_reviewer(), cid, e);
}

/* The cid of an existing category, or 0 with a user error naming it. */
static long long must_find(store_t *st, const char *name, err_t *e)
{
    long long cid = store_category_find(st, name, e);
    if (cid == 0) {
        char *safe = util_sanitize(name);
        err_set(e, EXIT_USER, "unknown category '%s'; 'eyeball categories' lists them", safe);
        free(safe);
    }
    return cid;
}

int store_category_rename(store_t *st, const char *old_name, const char *new_name, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    const char *reviewer = util_reviewer();
    int r = store_rv_seed_tx(st, reviewer, now, e);
    long long cid = r == 0 ? must_find(st, old_name, e) : -1;
    r = cid > 0 ? check_name(new_name, e) : -1;
    if (r == 0) {
        long long other = store_category_find(st, new_name, e);
        if (other) {
            char *safe = util_sanitize(new_name);
            r = other < 0 ? -1
                          : err_set(e, EXIT_USER, "category '%s' exists already; choose "
                                    "another name, or remove it first", safe);
            free(safe);
        }
    }
    if (r == 0) {
        sqlite3_stmt *s = store_prepare(st, "UPDATE categories SET name=?2 WHERE cid=?1", e);
        r = s ? 0 : -1;
        if (s) {
            sqlite3_bind_int64(s, 1, cid);
            store_bind_text(s, 2, new_name);
            r = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, e, "renaming the category");
            sqlite3_finalize(s);
        }
    }
    if (r == 0)
        r = store_rv_history(st, now, reviewer, 0, "category-rename",
                             json_pack("{s:I,s:s,s:s}", "cid", (json_int_t)cid, "old", old_name,
                                       "new", new_name),
                             NULL, e);
    free(now);
    return store_end_tx(st, r, e);
}

int store_category_rm(store_t *st, const char *name, int force, err_t *e)
{
    if (store_begin(st, e) < 0)
        return -1;
    char *now = util_now_iso();
    const char *reviewer = util_reviewer();
    int r = store_rv_seed_tx(st, reviewer, now, e);
    long long cid = r == 0 ? must_find(st, name, e) : -1;
    json_t *d = NULL;
    sqlite3_stmt *s = cid > 0 ? store_prepare(st, "SELECT key, position, mislabeled, created "
                                              "FROM categories WHERE cid=?1", e)
                              : NULL;
    r = s ? 0 : -1;
    if (s) {
        sqlite3_bind_int64(s, 1, cid);
        if (store_step(st, s, "reading the category", e) <= 0)
            r = -1;
        else
            d = json_pack("{s:I,s:s,s:s?,s:i,s:b,s:s}", "cid", (json_int_t)cid, "name", name,
                          "key", store_col_text(s, 0), "position", sqlite3_column_int(s, 1),
                          "mislabeled", sqlite3_column_int(s, 2), "created",
                          store_col_text(s, 3));
        sqlite3_finalize(s);
    }
    json_t *tags = json_array();
    if (r == 0) {
        s = store_prepare(st, "SELECT sid, reviewer, time FROM tags WHERE cid=?1 ORDER BY sid", e);
        r = s ? 0 : -1;
        if (s) {
            sqlite3_bind_int64(s, 1, cid);
            int rc;
            while ((rc = sqlite3_step(s)) == SQLITE_ROW)
                json_array_append_new(tags, json_pack("[I,s?,s]",
                                                      (json_int_t)sqlite3_column_int64(s, 0),
                                                      store_col_text(s, 1), store_col_text(s, 2)));
            if (rc != SQLITE_DONE)
                r = store_fail(st, e, "reading tags");
            sqlite3_finalize(s);
        }
    }
    if (r == 0 && json_array_size(tags) && !force) {
        char *safe = util_sanitize(name);
        size_t n = json_array_size(tags);
        r = err_set(e, EXIT_USER, "category '%s' is ticked on %zu example%s; untag %s first, or "
                    "pass --force to remove it with its tags", safe, n, n == 1 ? "" : "s",
                    n == 1 ? "it" : "them");
        free(safe);
    }
    if (r == 0)
        r = store_rv_exec(st, "DELETE FROM tags WHERE cid=?1", cid, 0, e);
    if (r == 0)
        r = store_rv_exec(st, "DELETE FROM categories WHERE cid=?1", cid, 0, e);
    if (r == 0) {
        json_object_set_new(d, "tags", json_incref(tags));
        r = store_rv_history(st, now, reviewer, 0, "category-rm", json_incref(d), NULL, e);
    }
    json_decref(d);
    json_decref(tags);
    free(now);
    return store_end_tx(st, r, e);
}
