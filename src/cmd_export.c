/* cmd_export.c: eyeball export fixes|samples|reviews. */
#include "config.h"
#include "cmd.h"
#include "outfile.h"
#include "store_export.h"
#include "strbuf.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball export fixes|samples|reviews [--format csv|jsonl] [-o FILE]\n"
    "                     [--no-formula-guard]\n"
    "\n"
    "fixes: the label-fix list, staged and applied fixes oldest first (withdrawn ones are\n"
    "left out), with the columns id,path,split,old_label,new_label,status,reviewer,time,\n"
    "categories,note: status is staged or applied, time is when the fix was made (ISO\n"
    "8601 UTC), categories are the example's categories joined by ';', note is the\n"
    "fix's note and the note typed in the review screen (joined by '; ').\n"
    "samples: the corrected manifest: id,path,label,split,source, then one column per\n"
    "metadata key in the order the keys are first seen; labels include the applied\n"
    "fixes. Importing it into an empty store gives back the same ids, paths, labels,\n"
    "splits, sources and metadata (as CSV with --no-formula-guard, or as JSONL).\n"
    "Paths are written as the imported file gave them:\n"
    "a relative path stays relative (to the file's directory, or --root), normalised\n"
    "(./a/../b.png is b.png), so the manifest can replace the original file; absolute\n"
    "paths and folder imports give the resolved path.\n"
    "reviews: one row per reviewed example and reviewer, in import order, with the\n"
    "columns id,split,label,pred,model,pass,reviewer,time,categories,note,fix,fix_status:\n"
    "label is the label the reviewer judged, pred the prediction of the model of the pass\n"
    "the example was judged in (else of the newest model), pass that pass's number, time\n"
    "the reviewer's latest change to it, categories the ones the reviewer ticked, note\n"
    "the review screen's note and the fix's note, fix the new label of the example's\n"
    "staged or applied fix when this reviewer made it, fix_status staged or applied.\n"
    "\n"
    "  --format F        csv or jsonl (default: from the -o file's extension, else csv)\n"
    "  -o, --output FILE write FILE atomically (a temporary file beside it, flushed to\n"
    "                    disk, then renamed over FILE; a replaced file keeps its mode);\n"
    "                    a device or FIFO is written into, never replaced; the store\n"
    "                    itself is refused; default and -: standard output\n"
    "  --no-formula-guard write CSV cells as they are; by default a cell a spreadsheet\n"
    "                    would run as a formula (starting with = + - @, a tab or CR, and\n"
    "                    not a plain number) gets a leading apostrophe\n"
    "\n"
    "CSV is RFC 4180 with a header row, CRLF line ends and fields quoted when needed.\n"
    "JSONL is one object per line with the same keys (null for an empty split, source,\n"
    "reviewer or note).\n";

typedef struct out {
    FILE *f;
    const char *name; /* the -o file, or NULL for standard output */
    int jsonl;
    int guard; /* CSV: guard cells against formulas (strbuf_add_csv) */
    strbuf_t b;
    char **keys; /* samples: metadata columns */
    size_t nkeys;
} out_t;

static int flush_row(out_t *o, err_t *e)
{
    if (util_write_out(o->b.buf, o->b.len, o->f) != o->b.len) {
        const char *why = errno ? strerror(errno) : "write error";
        if (o->name)
            return err_set(e, EXIT_SYSTEM, "%s: cannot write: %s; the file was left as it was",
                           o->name, why);
        return err_set(e, EXIT_SYSTEM, "cannot write to standard output: %s", why);
    }
    strbuf_reset(&o->b);
    return 0;
}

/* JSON member "key": value, or null for NULL. */
static void json_member(strbuf_t *b, const char *key, const char *v, int first)
{
    if (!first)
        strbuf_addc(b, ',');
    strbuf_add_json(b, key, strlen(key));
    strbuf_addc(b, ':');
    if (v)
        strbuf_add_json(b, v, strlen(v));
    else
        strbuf_adds(b, "null");
}

static const char *const fix_cols[] = {"id", "path", "split", "old_label", "new_label", "status",
                                       "reviewer", "time", "categories", "note"};

static int fix_row(void *arg, const export_fix_t *x, err_t *e)
{
    out_t *o = arg;
    const char *v[10] = {x->id, x->path, x->split, x->old_label, x->new_label, x->status,
                         x->reviewer, x->time, x->categories, x->note};
    if (o->jsonl)
        strbuf_addc(&o->b, '{');
    for (int i = 0; i < 10; i++) {
        if (o->jsonl)
            json_member(&o->b, fix_cols[i], v[i], i == 0);
        else {
            if (i)
                strbuf_addc(&o->b, ',');
            strbuf_add_csv(&o->b, v[i], o->guard);
        }
    }
    strbuf_adds(&o->b, o->jsonl ? "}\n" : "\r\n");
    return flush_row(o, e);
}

static const char *const review_cols[] = {"id", "split", "label", "pred", "model", "pass",
                                          "reviewer", "time", "categories", "note", "fix",
                                          "fix_status"};
#define NREVIEW_COLS (sizeof review_cols / sizeof *review_cols)

static int review_row(void *arg, const export_review_t *x, err_t *e)
{
    out_t *o = arg;
    const char *v[NREVIEW_COLS] = {x->id, x->split, x->label, x->pred, x->model, x->pass,
                                   x->reviewer, x->time, x->categories, x->note, x->fix,
                                   x->fix_status};
    if (o->jsonl)
        strbuf_addc(&o->b, '{');
    for (size_t i = 0; i < NREVIEW_COLS; i++) {
        if (o->jsonl && i == 5 && v[i]) {
            strbuf_adds(&o->b, ",\"pass\":");
            strbuf_adds(&o->b, v[i]); /* a number */
        } else if (o->jsonl) {
            json_member(&o->b, review_cols[i], v[i], i == 0);
        } else {
            if (i)
                strbuf_addc(&o->b, ',');
            strbuf_add_csv(&o->b, v[i], o->guard);
        }
    }
    strbuf_adds(&o->b, o->jsonl ? "}\n" : "\r\n");
    return flush_row(o, e);
}

/* The text of one metadata value: strings as they are, other JSON as its text. */
static char *meta_text(json_t *v)
{
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return xstrndup(json_string_value(v), json_string_length(v));
    if (json_is_integer(v))
        return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
    if (json_is_real(v))
        return xasprintf("%.17g", json_real_value(v));
    if (json_is_true(v))
        return xstrdup("true");
    if (json_is_false(v))
        return xstrdup("false");
    return json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
}

static int sample_row(void *arg, const export_sample_t *x, err_t *e)
{
    out_t *o = arg;
    json_t *meta = NULL;
    if (x->meta) {
        json_error_t je;
        meta = json_loads(x->meta, 0, &je);
        if (!json_is_object(meta)) {
            json_decref(meta);
            return err_set(e, EXIT_SYSTEM, "sample '%s': its metadata is not a JSON object (%s)",
                           x->id, je.text);
        }
    }
    const char *v[5] = {x->id, x->path, x->label, x->split, x->source};
    static const char *const cols[5] = {"id", "path", "label", "split", "source"};
    if (o->jsonl) {
        strbuf_addc(&o->b, '{');
        for (int i = 0; i < 5; i++)
            json_member(&o->b, cols[i], v[i], i == 0);
        const char *key;
        json_t *val;
        json_object_foreach(meta, key, val) {
            char *t = meta_text(val);
            if (t)
                json_member(&o->b, key, t, 0);
            free(t);
        }
        strbuf_adds(&o->b, "}\n");
    } else {
        for (int i = 0; i < 5; i++) {
            if (i)
                strbuf_addc(&o->b, ',');
            strbuf_add_csv(&o->b, v[i], o->guard);
        }
        for (size_t k = 0; k < o->nkeys; k++) {
            strbuf_addc(&o->b, ',');
            char *t = meta ? meta_text(json_object_get(meta, o->keys[k])) : NULL;
            strbuf_add_csv(&o->b, t ? t : "", o->guard);
            free(t);
        }
        strbuf_adds(&o->b, "\r\n");
    }
    json_decref(meta);
    return flush_row(o, e);
}

/* Format from --format, else the -o file's extension, else csv for standard output. */
static const char *pick_format(cmd_ctx_t *ctx, const char *given, const char *file)
{
    if (given)
        return cmd_format(ctx, given, "csv,jsonl");
    if (!file || strcmp(file, "-") == 0)
        return "csv";
    const char *dot = strrchr(file, '.'), *slash = strrchr(file, '/');
    if (dot && (!slash || dot > slash)) {
        if (strcmp(dot, ".csv") == 0)
            return "csv";
        if (strcmp(dot, ".jsonl") == 0)
            return "jsonl";
    }
    cmd_usage_error(ctx, "cannot tell the format from the file name '%s'; name it .csv or "
                    ".jsonl, or pass --format csv|jsonl", file);
    return NULL;
}

enum { EXPORT_FIXES, EXPORT_SAMPLES, EXPORT_REVIEWS };

static int run_export(store_t *st, int what, out_t *o, err_t *e)
{
    if (what == EXPORT_REVIEWS) {
        if (!o->jsonl) {
            for (size_t i = 0; i < NREVIEW_COLS; i++) {
                strbuf_adds(&o->b, i ? "," : "");
                strbuf_adds(&o->b, review_cols[i]);
            }
            strbuf_adds(&o->b, "\r\n");
            if (flush_row(o, e) < 0)
                return -1;
        }
        return store_export_reviews(st, review_row, o, e);
    }
    if (what == EXPORT_FIXES) {
        if (!o->jsonl) {
            strbuf_adds(&o->b, "id,path,split,old_label,new_label,status,reviewer,time,"
                        "categories,note\r\n");
            if (flush_row(o, e) < 0)
                return -1;
        }
        return store_export_fixes(st, fix_row, o, e);
    }
    if (store_export_meta_keys(st, &o->keys, &o->nkeys, e) < 0)
        return -1;
    if (!o->jsonl) {
        strbuf_adds(&o->b, "id,path,label,split,source");
        for (size_t k = 0; k < o->nkeys; k++) {
            if (!*o->keys[k])
                return err_set(e, EXIT_USER, "a metadata key is empty and cannot be a CSV "
                               "column; export with --format jsonl");
            strbuf_addc(&o->b, ',');
            strbuf_add_csv(&o->b, o->keys[k], o->guard);
        }
        strbuf_adds(&o->b, "\r\n");
        if (flush_row(o, e) < 0)
            return -1;
    }
    return store_export_samples(st, sample_row, o, e);
}

int cmd_export(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"no-formula-guard", no_argument, NULL, 'G'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    if (argc < 2) {
        fputs(help, stderr);
        return EXIT_USER;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(help, stdout);
        return EXIT_OK;
    }
    int what;
    if (strcmp(argv[1], "fixes") == 0)
        what = EXPORT_FIXES;
    else if (strcmp(argv[1], "samples") == 0)
        what = EXPORT_SAMPLES;
    else if (strcmp(argv[1], "reviews") == 0)
        what = EXPORT_REVIEWS;
    else
        return cmd_usage_error(ctx, "unknown kind '%s' (use fixes, samples or reviews)",
                               argv[1]);
    argc--;
    argv++;
    const char *given = NULL, *file = NULL;
    int c, guard = 1;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "o:", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'f': given = optarg; break;
        case 'G': guard = 0; break;
        case 'o':
            if (!*optarg)
                return cmd_usage_error(ctx, "-o needs a file name");
            file = optarg;
            break;
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    const char *format = pick_format(ctx, given, file);
    if (!format)
        return EXIT_USER;
    int status = 0;
    store_t *st = cmd_open(ctx, STORE_READONLY, &status);
    if (!st)
        return status;
    err_t e = {0};
    outfile_t *of = outfile_open(file, &e);
    if (!of) {
        store_close(st);
        return cmd_fail(&e);
    }
    out_t o = {outfile_stream(of), file && strcmp(file, "-") != 0 ? file : NULL,
               strcmp(format, "jsonl") == 0, guard, {0}, NULL, 0};
    strbuf_init(&o.b);
    int r = store_begin_read(st, &e);
    if (r == 0) {
        r = run_export(st, what, &o, &e);
        store_rollback(st);
    }
    store_close(st);
    strbuf_done(&o.b);
    for (size_t k = 0; k < o.nkeys; k++)
        free(o.keys[k]);
    free(o.keys);
    if (r < 0) {
        outfile_abort(of);
        return cmd_fail(&e);
    }
    if (outfile_commit(of, &e) < 0)
        return cmd_fail(&e);
    return EXIT_OK;
}
