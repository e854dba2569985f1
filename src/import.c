/* import.c: the three samples formats (predictions: import_preds.c). Rows are checked
 * here; store_import.c only stores them. Everything runs in one transaction, so the
 * first bad row leaves the store as it was. */
#include "config.h"
#include "import.h"
#include "import_int.h"
#include "csv.h"
#include "jsonl.h"
#include "names.h"
#include "store_import.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

const char *import_format(const char *path, const char *given, int allow_folder, err_t *e)
{
    if (given) {
        if (strcmp(given, "csv") == 0 || strcmp(given, "jsonl") == 0 ||
            (allow_folder && strcmp(given, "folder") == 0))
            return given;
        err_set(e, EXIT_USER, "unknown format '%s'; use %s", given,
                allow_folder ? "csv, jsonl or folder" : "csv or jsonl");
        return NULL;
    }
    struct stat sb;
    if (allow_folder && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return "folder";
    if (ends_with(path, ".csv"))
        return "csv";
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
        return "jsonl";
    err_set(e, EXIT_USER, "%s: cannot tell the format from the file name; pass --format %s",
            path, allow_folder ? "csv, jsonl or folder" : "csv or jsonl");
    return NULL;
}

/* Orders header columns by name, then by position. */
static int column_cmp(const void *a, const void *b, void *arg)
{
    const csv_t *c = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int d = strcmp(csv_field(c, i), csv_field(c, j));
    return d ? d : (i > j) - (i < j);
}

int import_header_unique(const csv_t *c, err_t *e)
{
    size_t n = csv_count(c);
    if (n < 2)
        return 0;
    /* Sorted, so a header of hundreds of thousands of columns takes n log n comparisons;
     * the duplicate reported is the one a reader meets first, as a left-to-right scan. */
    size_t *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, column_cmp, (void *)c);
    size_t first = n;
    for (size_t i = 1; i < n; i++)
        if (strcmp(csv_field(c, order[i - 1]), csv_field(c, order[i])) == 0 && order[i] < first)
            first = order[i];
    free(order);
    if (first == n)
        return 0;
    return err_set(e, EXIT_USER, "%s:%ld: column '%s' appears twice in the header", csv_name(c),
                   csv_line(c), csv_field(c, first));
}

void import_progress_init(progress_t *p, const char *name, const char *path)
{
    struct stat sb;
    memset(p, 0, sizeof *p);
    if (!isatty(2) || stat(path, &sb) != 0 || sb.st_size < 16 * 1024 * 1024)
        return;
    p->on = 1;
    p->name = util_sanitize(name);
    p->total = (unsigned long long)sb.st_size;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
}

void import_progress_tick(progress_t *p, long rows, unsigned long long offset)
{
    if (!p->on || (rows & 0x3fff))
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if ((now.tv_sec - p->last.tv_sec) * 1000 + (now.tv_nsec - p->last.tv_nsec) / 1000000 < 200)
        return;
    p->last = now;
    fprintf(stderr, "\r%s: %3.0f%%, %ld rows", p->name, 100.0 * (double)offset / (double)p->total,
            rows);
}

void import_progress_done(progress_t *p)
{
    if (p->on)
        fputs("\r\033[K", stderr);
    free(p->name);
    p->name = NULL;
}

static int valid_split(const char *s)
{
    return !*s || strcmp(s, "train") == 0 || strcmp(s, "dev") == 0 || strcmp(s, "test") == 0 ||
           strcmp(s, "train-dev") == 0;
}

/* Resolves relative sample paths against a root directory. */
typedef struct resolver {
    char *root; /* absolute, without trailing slash */
    strbuf_t buf;
    strbuf_t given; /* the path as given, normalised (given_path) */
} resolver_t;

static void resolver_init(resolver_t *r, const char *file, const char *root)
{
    char *dir;
    if (root)
        dir = xstrdup(root);
    else {
        const char *slash = strrchr(file, '/');
        dir = slash ? xstrndup(file, (size_t)(slash - file) + (slash == file)) : xstrdup(".");
    }
    char *abs;
    if (dir[0] == '/')
        abs = xstrdup(dir);
    else {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            snprintf(cwd, sizeof cwd, ".");
        abs = strcmp(dir, ".") == 0 ? xstrdup(cwd) : xasprintf("%s/%s", cwd, dir);
    }
    free(dir);
    size_t n = strlen(abs);
    while (n > 1 && abs[n - 1] == '/')
        abs[--n] = '\0';
    r->root = abs;
    strbuf_init(&r->buf);
    strbuf_init(&r->given);
}

static const char *resolve(resolver_t *r, const char *path)
{
    if (path[0] == '/')
        return path;
    strbuf_reset(&r->buf);
    strbuf_adds(&r->buf, r->root);
    if (strcmp(r->root, "/") != 0)
        strbuf_addc(&r->buf, '/');
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    strbuf_adds(&r->buf, path);
    return r->buf.buf;
}

/* The relative path p as written, normalised lexically into out: no empty or "."
 * segments, "dir/.." removed; ".." segments that climb above the start are kept. NULL
 * for an absolute path. */
static const char *given_path(const char *p, strbuf_t *out)
{
    if (p[0] == '/')
        return NULL;
    size_t cap = strlen(p) / 2 + 2, n = 0;
    const char **seg = xmalloc(cap * sizeof *seg);
    size_t *len = xmalloc(cap * sizeof *len);
    while (*p) {
        size_t k = strcspn(p, "/");
        int dotdot = k == 2 && p[0] == '.' && p[1] == '.';
        if (k == 0 || (k == 1 && p[0] == '.')) {
            /* an empty or "." segment */
        } else if (dotdot && n > 0 && !(len[n - 1] == 2 && strncmp(seg[n - 1], "..", 2) == 0)) {
            n--;
        } else {
            seg[n] = p;
            len[n++] = k;
        }
        p += k;
        while (*p == '/')
            p++;
    }
    strbuf_reset(out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_addc(out, '/');
        strbuf_add(out, seg[i], len[i]);
    }
    if (!out->len)
        strbuf_addc(out, '.');
    free(seg);
    free(len);
    return out->buf;
}

static void resolver_done(resolver_t *r)
{
    free(r->root);
    strbuf_done(&r->buf);
    strbuf_done(&r->given);
}

/* Checks the required fields of a sample; msg without position. */
static int check_sample(const sample_rec_t *s, err_t *e)
{
    if (!s->path || !*s->path)
        return err_set(e, EXIT_USER, "empty path; every sample needs an image path");
    if (!s->label || !*s->label)
        return err_set(e, EXIT_USER, "empty label; every sample needs a label");
    /* The rules fix applies to a new label, so every label can be a fix's target. */
    if (names_check_label("label", s->label, e) < 0)
        return -1;
    if (!s->id || !*s->id)
        return err_set(e, EXIT_USER, "empty id; leave the id column out to use the path");
    if (s->split && !valid_split(s->split))
        return err_set(e, EXIT_USER, "unknown split '%s'; use train, dev, test, train-dev or "
                       "leave it empty", s->split);
    return 0;
}

/* ---- samples: CSV ---- */

enum { COL_NONE = -1 };

static int import_samples_csv(samples_load_t *l, const char *path, const char *root,
                              import_stats_t *stats, err_t *e)
{
    csv_t *c = csv_open(path, e);
    if (!c)
        return -1;
    int r = -1;
    size_t ncols = 0;
    char **names = NULL;
    int icol[5] = {COL_NONE, COL_NONE, COL_NONE, COL_NONE, COL_NONE}; /* id path label split source */
    static const char *const known[5] = {"id", "path", "label", "split", "source"};
    int *is_meta = NULL;
    resolver_t res;
    strbuf_t meta;
    progress_t prog;
    resolver_init(&res, path, root);
    strbuf_init(&meta);
    import_progress_init(&prog, csv_name(c), path);

    int got = csv_next(c, e);
    if (got < 0)
        goto out;
    if (got == 0) {
        err_set(e, EXIT_USER, "%s:1: empty file; expected a header row naming at least path "
                "and label", csv_name(c));
        goto out;
    }
    ncols = csv_count(c);
    names = xcalloc(ncols, sizeof *names);
    is_meta = xcalloc(ncols, sizeof *is_meta);
    for (size_t i = 0; i < ncols; i++) {
        names[i] = xstrdup(csv_field(c, i));
        if (!*names[i]) {
            err_set(e, EXIT_USER, "%s:%ld: column %zu has an empty name; name every column "
                    "in the header", csv_name(c), csv_line(c), i + 1);
            goto out;
        }
        is_meta[i] = 1;
        for (int k = 0; k < 5; k++)
            if (strcmp(names[i], known[k]) == 0) {
                icol[k] = (int)i;
                is_meta[i] = 0;
            }
    }
    if (import_header_unique(c, e) < 0)
        goto out;
    for (int k = 1; k <= 2; k++)
        if (icol[k] == COL_NONE) {
            err_set(e, EXIT_USER, "%s:%ld: no '%s' column in the header; a samples file needs "
                    "path and label (and may have id, split, source)", csv_name(c), csv_line(c),
                    known[k]);
            goto out;
        }

    while ((got = csv_next(c, e)) == 1) {
        if (csv_count(c) != ncols) {
            err_set(e, EXIT_USER, "%s:%ld: %zu fields, but the header has %zu; quote fields "
                    "that hold commas", csv_name(c), csv_line(c), csv_count(c), ncols);
            goto out;
        }
        sample_rec_t s;
        s.path = csv_field(c, (size_t)icol[1]);
        s.label = csv_field(c, (size_t)icol[2]);
        s.id = icol[0] != COL_NONE ? csv_field(c, (size_t)icol[0]) : s.path;
        if (icol[0] != COL_NONE && !*s.id)
            s.id = s.path;
        s.split = icol[3] != COL_NONE ? csv_field(c, (size_t)icol[3]) : NULL;
        s.source = icol[4] != COL_NONE ? csv_field(c, (size_t)icol[4]) : NULL;
        s.meta = NULL;
        if (check_sample(&s, e) < 0) {
            err_prefix(e, "%s:%ld", csv_name(c), csv_line(c));
            goto out;
        }
        strbuf_reset(&meta);
        for (size_t i = 0; i < ncols; i++) {
            if (!is_meta[i] || !csv_field_len(c, i))
                continue;
            strbuf_addc(&meta, meta.len ? ',' : '{');
            strbuf_add_json(&meta, names[i], strlen(names[i]));
            strbuf_addc(&meta, ':');
            strbuf_add_json(&meta, csv_field(c, i), csv_field_len(c, i));
        }
        if (meta.len) {
            strbuf_addc(&meta, '}');
            s.meta = meta.buf;
        }
        s.given = given_path(s.path, &res.given);
        s.path = resolve(&res, s.given ? s.given : s.path);
        int outcome;
        if (store_samples_add(l, &s, &outcome, e) < 0) {
            err_prefix(e, "%s:%ld", csv_name(c), csv_line(c));
            goto out;
        }
        stats->rows++;
        stats->added += outcome == SAMPLE_ADDED;
        stats->updated += outcome == SAMPLE_UPDATED || outcome == SAMPLE_MOVED;
        stats->moved += outcome == SAMPLE_MOVED;
        stats->unchanged += outcome == SAMPLE_UNCHANGED;
        import_progress_tick(&prog, stats->rows, csv_offset(c));
    }
    if (got < 0)
        goto out;
    if (stats->rows == 0) {
        err_set(e, EXIT_USER, "%s:2: no data rows after the header; nothing to import",
                csv_name(c));
        goto out;
    }
    r = 0;
out:
    import_progress_done(&prog);
    for (size_t i = 0; names && i < ncols; i++)
        free(names[i]);
    free(names);
    free(is_meta);
    strbuf_done(&meta);
    resolver_done(&res);
    csv_close(c);
    return r;
}

/* ---- samples: JSONL ---- */

static int import_samples_jsonl(samples_load_t *l, const char *path, const char *root,
                                import_stats_t *stats, err_t *e)
{
    jsonl_t *j = jsonl_open(path, e);
    if (!j)
        return -1;
    int r = -1, got;
    resolver_t res;
    progress_t prog;
    resolver_init(&res, path, root);
    import_progress_init(&prog, jsonl_name(j), path);
    json_t *o = NULL;
    static const char *const known[5] = {"id", "path", "label", "split", "source"};
    while ((got = jsonl_next(j, &o, e)) == 1) {
        char *v[5] = {0};
        int bad = 0;
        const char *badkey = NULL;
        for (int k = 0; k < 5 && !bad; k++) {
            v[k] = jsonl_member_text(j, o, known[k], &bad);
            if (bad)
                badkey = known[k];
        }
        json_t *m = json_object();
        const char *key;
        json_t *val;
        json_object_foreach(o, key, val) {
            int isknown = 0;
            for (int k = 0; k < 5; k++)
                isknown |= strcmp(key, known[k]) == 0;
            if (isknown || json_is_null(val))
                continue;
            int b2;
            char *t = jsonl_member_text(j, o, key, &b2);
            if (b2)
                t = jsonl_raw_text(j, key);
            if (t && *t)
                json_object_set_new(m, key, json_string(t));
            free(t);
        }
        char *metatext = json_object_size(m) ? json_dumps(m, JSON_COMPACT) : NULL;
        json_decref(m);
        sample_rec_t s = {v[0] && *v[0] ? v[0] : v[1], v[1], v[2], v[3], v[4], metatext, NULL};
        int outcome = 0, fail = 0;
        if (bad) {
            err_set(e, EXIT_USER, "'%s' must be a string, not an array or object", badkey);
            fail = 1;
        } else if (check_sample(&s, e) < 0) {
            fail = 1;
        } else {
            s.given = given_path(s.path, &res.given);
            s.path = resolve(&res, s.given ? s.given : s.path);
            fail = store_samples_add(l, &s, &outcome, e) < 0;
        }
        for (int k = 0; k < 5; k++)
            free(v[k]);
        free(metatext);
        json_decref(o);
        if (fail) {
            err_prefix(e, "%s:%ld", jsonl_name(j), jsonl_line(j));
            goto out;
        }
        stats->rows++;
        stats->added += outcome == SAMPLE_ADDED;
        stats->updated += outcome == SAMPLE_UPDATED || outcome == SAMPLE_MOVED;
        stats->moved += outcome == SAMPLE_MOVED;
        stats->unchanged += outcome == SAMPLE_UNCHANGED;
        import_progress_tick(&prog, stats->rows, jsonl_offset(j));
    }
    if (got < 0)
        goto out;
    if (stats->rows == 0) {
        err_set(e, EXIT_USER, "%s:1: empty file; expected one JSON object per line with path "
                "and label", jsonl_name(j));
        goto out;
    }
    r = 0;
out:
    import_progress_done(&prog);
    resolver_done(&res);
    jsonl_close(j);
    return r;
}

/* ---- samples: folder ---- */

static int is_image_name(const char *name)
{
    static const char *const ext[] = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp",
                                      ".tif", ".tiff", ".ppm", ".pgm", NULL};
    for (int i = 0; ext[i]; i++)
        if (ends_with(name, ext[i]))
            return 1;
    return 0;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the visible entries of dir; caller frees. */
static char **list_dir(const char *dir, size_t *n, err_t *e)
{
    DIR *d = opendir(dir);
    if (!d) {
        err_set(e, EXIT_USER, "%s: cannot read directory: %s", dir, strerror(errno));
        return NULL;
    }
    size_t cap = 64, k = 0;
    char **v = xmalloc(cap * sizeof *v);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (k == cap) {
            cap *= 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        v[k++] = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(v, k, sizeof *v, cmpstr);
    *n = k;
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Adds DIR/<label>/<file> samples below base (split may be NULL). */
static int folder_labels(samples_load_t *l, const char *top, const char *base, const char *split,
                         import_stats_t *stats, err_t *e)
{
    size_t nl;
    char **labels = list_dir(base, &nl, e);
    if (!labels)
        return -1;
    int r = 0;
    for (size_t i = 0; i < nl && r == 0; i++) {
        char *ldir = xasprintf("%s/%s", base, labels[i]);
        if (!is_dir(ldir)) {
            free(ldir);
            stats->skipped++;
            continue;
        }
        size_t nf;
        char **files = list_dir(ldir, &nf, e);
        if (!files) {
            free(ldir);
            r = -1;
            break;
        }
        for (size_t k = 0; k < nf && r == 0; k++) {
            if (!is_image_name(files[k])) {
                stats->skipped++;
                continue;
            }
            char *full = xasprintf("%s/%s", ldir, files[k]);
            char *id = split ? xasprintf("%s/%s/%s", split, labels[i], files[k])
                             : xasprintf("%s/%s", labels[i], files[k]);
            size_t bad;
            sample_rec_t s = {id, full, labels[i], split, NULL, NULL, NULL};
            int outcome;
            if (!util_utf8_valid(full + strlen(top), strlen(full) - strlen(top), &bad))
                r = err_set(e, EXIT_USER, "%s: file name is not valid UTF-8; rename it", full);
            else if (store_samples_add(l, &s, &outcome, e) < 0) {
                err_prefix(e, "%s", full);
                r = -1;
            } else {
                stats->rows++;
                stats->added += outcome == SAMPLE_ADDED;
                stats->updated += outcome == SAMPLE_UPDATED || outcome == SAMPLE_MOVED;
                stats->moved += outcome == SAMPLE_MOVED;
                stats->unchanged += outcome == SAMPLE_UNCHANGED;
            }
            free(full);
            free(id);
        }
        free_list(files, nf);
        free(ldir);
    }
    free_list(labels, nl);
    return r;
}

static int import_samples_folder(samples_load_t *l, const char *dir, import_stats_t *stats,
                                 err_t *e)
{
    if (!is_dir(dir))
        return err_set(e, EXIT_USER, "%s: not a directory; --format folder needs "
                       "DIR/<label>/<file> or DIR/<split>/<label>/<file>", dir);
    char *abs;
    if (dir[0] == '/')
        abs = xstrdup(dir);
    else {
        char cwd[4096];
        abs = xasprintf("%s/%s", getcwd(cwd, sizeof cwd) ? cwd : ".", dir);
    }
    size_t n = strlen(abs);
    while (n > 1 && abs[n - 1] == '/')
        abs[--n] = '\0';
    size_t nt;
    char **top = list_dir(abs, &nt, e);
    if (!top) {
        free(abs);
        return -1;
    }
    int splits = 0, dirs = 0;
    for (size_t i = 0; i < nt; i++) {
        char *p = xasprintf("%s/%s", abs, top[i]);
        if (is_dir(p)) {
            dirs++;
            splits += strcmp(top[i], "train") == 0 || strcmp(top[i], "dev") == 0 ||
                      strcmp(top[i], "test") == 0;
        }
        free(p);
    }
    int r = 0;
    if (dirs > 0 && splits == dirs) {
        for (size_t i = 0; i < nt && r == 0; i++) {
            char *p = xasprintf("%s/%s", abs, top[i]);
            if (is_dir(p))
                r = folder_labels(l, abs, p, top[i], stats, e);
            free(p);
        }
    } else {
        r = folder_labels(l, abs, abs, NULL, stats, e);
    }
    free_list(top, nt);
    if (r == 0 && stats->rows == 0)
        r = err_set(e, EXIT_USER, "%s: no image files found; expected DIR/<label>/<file> or "
                    "DIR/<split>/<label>/<file>", dir);
    free(abs);
    return r;
}

int import_samples(store_t *st, const char *path, const char *format, const char *root,
                   int update, import_stats_t *stats, err_t *e)
{
    memset(stats, 0, sizeof *stats);
    samples_load_t *l = store_samples_begin(st, update, e);
    if (!l)
        return -1;
    int r;
    if (strcmp(format, "csv") == 0)
        r = import_samples_csv(l, path, root, stats, e);
    else if (strcmp(format, "jsonl") == 0)
        r = import_samples_jsonl(l, path, root, stats, e);
    else
        r = import_samples_folder(l, path, stats, e);
    if (r < 0) {
        store_samples_end(l, 0, NULL);
        return -1;
    }
    return store_samples_end(l, 1, e);
}
