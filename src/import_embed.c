/* import_embed.c: embeddings files (CSV id,e0,e1,...; JSONL {"id":..., "embedding":[...]}),
 * checked row by row and stored all or nothing through store_embed.c. */
#include "config.h"
#include "import.h"
#include "import_int.h"
#include "csv.h"
#include "jsonl.h"
#include "store_embed.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keeps v as a 32-bit float in *out; msg without position. what: how to name the
 * component ("embedding[3]"). */
static int check_finite(double v, const char *what, float *out, err_t *e)
{
    if (!isfinite(v))
        return err_set(e, EXIT_USER, "%s is not a finite number", what);
    if (fabs(v) > FLT_MAX)
        return err_set(e, EXIT_USER, "%s is %g, outside the range of a 32-bit float", what, v);
    return *out = (float)v, 0;
}

/* Parses text as one component of a vector into *out, as check_finite. */
static int parse_component(const char *text, const char *what, float *out, err_t *e)
{
    double v;
    if (util_parse_double(text, &v) < 0) {
        char *safe = util_sanitize(text);
        err_set(e, EXIT_USER, "%s is '%s', not a finite number; embeddings must be finite",
                what, safe);
        free(safe);
        return -1;
    }
    return check_finite(v, what, out, e);
}

static int embed_csv(store_t *st, const char *path, import_stats_t *stats, size_t *dim,
                     err_t *e)
{
    csv_t *c = csv_open(path, e);
    if (!c)
        return -1;
    embed_load_t *l = NULL;
    int r = -1, got;
    float *vec = NULL;
    size_t ncols = 0, icol = 0;
    char **what = NULL; /* per column: how a message names it */
    progress_t prog;
    import_progress_init(&prog, csv_name(c), path);
    got = csv_next(c, e);
    if (got < 0)
        goto out;
    if (got == 0) {
        err_set(e, EXIT_USER, "%s:1: empty file; expected a header row: id,e0,e1,...",
                csv_name(c));
        goto out;
    }
    if (import_header_unique(c, e) < 0)
        goto out;
    ncols = csv_count(c);
    while (icol < ncols && strcmp(csv_field(c, icol), "id") != 0)
        icol++;
    if (icol == ncols) {
        err_set(e, EXIT_USER, "%s:1: no 'id' column in the header; an embeddings file is "
                "id,e0,e1,... with one number per column", csv_name(c));
        goto out;
    }
    if (ncols < 2) {
        err_set(e, EXIT_USER, "%s:1: only an id column; give one column per dimension after "
                "it (id,e0,e1,...)", csv_name(c));
        goto out;
    }
    *dim = ncols - 1;
    vec = xmalloc(*dim * sizeof *vec);
    what = xcalloc(ncols, sizeof *what);
    for (size_t i = 0, d = 0; i < ncols; i++) {
        if (i == icol)
            continue;
        char *h = util_sanitize(csv_field_len(c, i) < 64 ? csv_field(c, i) : "(long name)");
        what[i] = xasprintf("column %s (dimension %zu)", h, d++);
        free(h);
    }
    l = store_embed_begin(st, *dim, path, e);
    if (!l)
        goto out;
    while ((got = csv_next(c, e)) == 1) {
        if (csv_count(c) != ncols) {
            err_set(e, EXIT_USER, "%s:%ld: %zu numbers, but the header names %zu dimensions; "
                    "every embedding must have the same dimension", csv_name(c), csv_line(c),
                    csv_count(c) > 0 ? csv_count(c) - 1 : 0, *dim);
            goto out;
        }
        size_t d = 0;
        for (size_t i = 0; i < ncols; i++) {
            if (i == icol)
                continue;
            if (parse_component(csv_field(c, i), what[i], &vec[d++], e) < 0) {
                err_prefix(e, "%s:%ld", csv_name(c), csv_line(c));
                goto out;
            }
        }
        const char *id = csv_field(c, icol);
        if (!*id)
            err_set(e, EXIT_USER, "empty id");
        if (!*id || store_embed_add(l, id, vec, e) < 0) {
            err_prefix(e, "%s:%ld", csv_name(c), csv_line(c));
            goto out;
        }
        stats->rows++;
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
    if (l && store_embed_end(l, r == 0, &stats->updated, e) < 0)
        r = -1;
    for (size_t i = 0; what && i < ncols; i++)
        free(what[i]);
    free(what);
    free(vec);
    csv_close(c);
    return r;
}

static int embed_jsonl(store_t *st, const char *path, import_stats_t *stats, size_t *dim,
                       err_t *e)
{
    jsonl_t *j = jsonl_open(path, e);
    if (!j)
        return -1;
    embed_load_t *l = NULL;
    int r = -1, got;
    float *vec = NULL;
    progress_t prog;
    import_progress_init(&prog, jsonl_name(j), path);
    json_t *o = NULL;
    while ((got = jsonl_next(j, &o, e)) == 1) {
        int bad = 0, fail = 0;
        char *id = jsonl_member_text(j, o, "id", &bad);
        json_t *a = json_object_get(o, "embedding");
        if (bad || !id || !*id) {
            err_set(e, EXIT_USER, "each line needs \"id\" (a string) and \"embedding\" (an "
                    "array of numbers)");
            fail = 1;
        } else if (!json_is_array(a) || json_array_size(a) == 0) {
            err_set(e, EXIT_USER, "\"embedding\" must be a non-empty array of numbers");
            fail = 1;
        } else if (!l) {
            *dim = json_array_size(a);
            vec = xmalloc(*dim * sizeof *vec);
            l = store_embed_begin(st, *dim, path, e);
            fail = !l;
        } else if (json_array_size(a) != *dim) {
            err_set(e, EXIT_USER, "an embedding of %zu numbers, but the first line has %zu; "
                    "every embedding must have the same dimension", json_array_size(a), *dim);
            fail = 1;
        }
        for (size_t d = 0; !fail && d < *dim; d++) {
            json_t *v = json_array_get(a, d);
            char what[64];
            snprintf(what, sizeof what, "embedding[%zu]", d);
            if (!json_is_number(v)) {
                err_set(e, EXIT_USER, "%s is not a number", what);
                fail = 1;
            } else if (check_finite(json_number_value(v), what, &vec[d], e) < 0) {
                fail = 1;
            }
        }
        if (!fail && store_embed_add(l, id, vec, e) < 0)
            fail = 1;
        free(id);
        json_decref(o);
        if (fail) {
            if (e->code == EXIT_USER)
                err_prefix(e, "%s:%ld", jsonl_name(j), jsonl_line(j));
            goto out;
        }
        stats->rows++;
        import_progress_tick(&prog, stats->rows, jsonl_offset(j));
    }
    if (got < 0)
        goto out;
    if (stats->rows == 0) {
        err_set(e, EXIT_USER, "%s:1: empty file; expected one JSON object per line with id and "
                "embedding", jsonl_name(j));
        goto out;
    }
    r = 0;
out:
    import_progress_done(&prog);
    if (l && store_embed_end(l, r == 0, &stats->updated, e) < 0)
        r = -1;
    free(vec);
    jsonl_close(j);
    return r;
}

/* Reads the header of a .npy file (format versions 1 to 3): a little-endian float32 or
 * float64 matrix in C order. *rows, *cols, *wide (1 for float64); returns 0 or -1 with e. */
static int npy_header(FILE *f, const char *name, size_t *rows, size_t *cols, int *wide,
                      err_t *e)
{
    unsigned char m[10];
    if (fread(m, 1, 10, f) != 10 || memcmp(m, "\x93NUMPY", 6) != 0)
        return err_set(e, EXIT_USER, "%s: not a .npy file (no \\x93NUMPY magic); save the "
                       "matrix with numpy.save", name);
    size_t hlen;
    if (m[6] == 1) {
        hlen = (size_t)m[8] | (size_t)m[9] << 8;
    } else if (m[6] == 2 || m[6] == 3) {
        unsigned char b[2];
        if (fread(b, 1, 2, f) != 2)
            return err_set(e, EXIT_USER, "%s: truncated .npy header", name);
        hlen = (size_t)m[8] | (size_t)m[9] << 8 | (size_t)b[0] << 16 | (size_t)b[1] << 24;
    } else {
        return err_set(e, EXIT_USER, "%s: .npy format version %d is not known", name, m[6]);
    }
    if (hlen > 1 << 20)
        return err_set(e, EXIT_USER, "%s: a .npy header of %zu bytes; this is no matrix", name,
                       hlen);
    char *h = xmalloc(hlen + 1);
    if (fread(h, 1, hlen, f) != hlen) {
        free(h);
        return err_set(e, EXIT_USER, "%s: truncated .npy header", name);
    }
    h[hlen] = '\0';
    int r = 0;
    const char *d = strstr(h, "'descr':"), *o = strstr(h, "'fortran_order':"),
               *sh = strstr(h, "'shape':");
    unsigned long a = 0, b = 0;
    char close = 0;
    if (!d || !o || !sh)
        r = err_set(e, EXIT_USER, "%s: a .npy header without descr, fortran_order or shape",
                    name);
    else if (strstr(o, "True") == o + 16 || strncmp(o + 16, " True", 5) == 0)
        r = err_set(e, EXIT_USER, "%s: a matrix in Fortran order; save it in C order "
                    "(numpy.ascontiguousarray)", name);
    else if (sscanf(sh + 8, " (%lu, %lu %c", &a, &b, &close) != 3 || close != ')' || !a || !b)
        r = err_set(e, EXIT_USER, "%s: the array is not a non-empty 2-dimensional matrix "
                    "(samples x dimensions)", name);
    else if (strncmp(d + 8, " '<f4'", 6) == 0)
        *wide = 0;
    else if (strncmp(d + 8, " '<f8'", 6) == 0)
        *wide = 1;
    else {
        const char *q = strchr(d + 8, '\''), *end = q ? strchr(q + 1, '\'') : NULL;
        int w = q && end && end - q < 32 ? (int)(end - q - 1) : 1;
        r = err_set(e, EXIT_USER, "%s: the matrix holds %.*s, not little-endian float32 or "
                    "float64; convert it with .astype('float32')", name, w, q && end ? q + 1 : "?");
    }
    *rows = a;
    *cols = b;
    free(h);
    return r;
}

/* A .npy matrix, its ids one per line in ids_path (row i: line i). */
static int embed_npy(store_t *st, const char *path, const char *ids_path, import_stats_t *stats,
                     size_t *dim, err_t *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, EXIT_USER, "%s: cannot open: %s", path, strerror(errno));
    FILE *ids = fopen(ids_path, "r");
    if (!ids) {
        err_set(e, EXIT_USER, "%s: cannot open the ids file %s: %s; pass --ids FILE (one "
                "sample id a line, in the order of the rows)", path, ids_path, strerror(errno));
        fclose(f);
        return -1;
    }
    size_t rows = 0;
    int wide = 0, r = -1;
    embed_load_t *l = NULL;
    float *vec = NULL;
    void *raw = NULL;
    char *line = NULL;
    size_t cap = 0;
    if (npy_header(f, path, &rows, dim, &wide, e) < 0)
        goto out;
    vec = xmalloc(*dim * sizeof *vec);
    raw = xmalloc(*dim * (wide ? 8 : 4));
    l = store_embed_begin(st, *dim, path, e);
    if (!l)
        goto out;
    for (size_t i = 0; i < rows; i++) {
        ssize_t n = getline(&line, &cap, ids);
        if (n < 0) {
            err_set(e, EXIT_USER, "%s:%zu: the ids file ends, but the matrix has %zu rows; give "
                    "one id a row", ids_path, i + 1, rows);
            goto out;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (fread(raw, wide ? 8 : 4, *dim, f) != *dim) {
            err_set(e, EXIT_USER, "%s: the file ends in row %zu of %zu; it is truncated", path,
                    i + 1, rows);
            goto out;
        }
        for (size_t d = 0; d < *dim; d++) {
            const unsigned char *p = (const unsigned char *)raw + d * (wide ? 8 : 4);
            double v;
            if (wide) {
                uint64_t u = 0;
                for (int b = 7; b >= 0; b--)
                    u = u << 8 | p[b];
                memcpy(&v, &u, 8);
            } else {
                uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                             (uint32_t)p[3] << 24;
                float x;
                memcpy(&x, &u, 4);
                v = x;
            }
            char what[96];
            snprintf(what, sizeof what, "row %zu, dimension %zu", i + 1, d);
            if (check_finite(v, what, &vec[d], e) < 0) {
                err_prefix(e, "%s", path);
                goto out;
            }
        }
        if (!*line)
            err_set(e, EXIT_USER, "empty id");
        if (!*line || store_embed_add(l, line, vec, e) < 0) {
            err_prefix(e, "%s:%zu", ids_path, i + 1);
            goto out;
        }
        stats->rows++;
    }
    if (getline(&line, &cap, ids) > 0) {
        err_set(e, EXIT_USER, "%s:%zu: more ids than the %zu rows of %s", ids_path, rows + 1,
                rows, path);
        goto out;
    }
    r = 0;
out:
    if (l && store_embed_end(l, r == 0, &stats->updated, e) < 0)
        r = -1;
    free(line);
    free(raw);
    free(vec);
    fclose(ids);
    fclose(f);
    return r;
}

int import_embeddings(store_t *st, const char *path, const char *format, const char *ids,
                      import_stats_t *stats, size_t *dim, err_t *e)
{
    memset(stats, 0, sizeof *stats);
    *dim = 0;
    int r = strcmp(format, "npy") == 0   ? embed_npy(st, path, ids, stats, dim, e)
            : strcmp(format, "csv") == 0 ? embed_csv(st, path, stats, dim, e)
                                         : embed_jsonl(st, path, stats, dim, e);
    stats->added = stats->rows;
    return r;
}
