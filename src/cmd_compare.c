/* cmd_compare.c: eyeball compare A B: what the second model fixed and broke on the same
 * examples, and whether the difference is real. */
#include "config.h"
#include "cmd.h"
#include "cmd_actions.h"
#include "cmd_compare.h"
#include "compare.h"
#include "store_compare.h"
#include "strbuf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball compare A B [--split dev|test] [--part eyeball|blackbox|all]\n"
    "                       [--format text|json|markdown] [--list fixed|broken]\n"
    "                       [--no-formula-guard]\n"
    "\n"
    "Compares model A with model B on the examples both predicted: the errors of each\n"
    "with Wilson 95% intervals; fixed (A wrong, B right) and broken (A right, B wrong),\n"
    "with the exact two-sided McNemar p-value on those two counts; per error category,\n"
    "over A's errors reviewed with A's predictions, how many B still gets wrong; and the\n"
    "confusion pairs that grew or shrank most. Labels are those at the later of the two\n"
    "imports, as 'eyeball report' scores a model.\n"
    "\n"
    "  --split S          dev (default) or test\n"
    "  --part P           with an Eyeball part of dev: eyeball, blackbox or all (default)\n"
    "  --format F         text (default), json or markdown\n"
    "  --list L           print the fixed or the broken examples as CSV\n"
    "                     (id,split,label,a_pred,b_pred) instead\n"
    "  --no-formula-guard with --list: CSV cells as they are; by default a cell a\n"
    "                     spreadsheet would run as a formula gets a leading apostrophe\n";

typedef struct list_ctx {
    int broken; /* list the broken examples, else the fixed ones */
    int guard;
    long long n;
} list_ctx_t;

static int list_row(const compare_row_t *r, void *arg)
{
    list_ctx_t *l = arg;
    int a_wrong = strcmp(r->label, r->a_pred) != 0, b_wrong = strcmp(r->label, r->b_pred) != 0;
    if (l->broken ? (a_wrong || !b_wrong) : (!a_wrong || b_wrong))
        return 0;
    strbuf_t b;
    strbuf_init(&b);
    const char *cells[5] = {r->id, r->split, r->label, r->a_pred, r->b_pred};
    for (int i = 0; i < 5; i++) {
        if (i)
            strbuf_addc(&b, ',');
        strbuf_add_csv(&b, cells[i], l->guard);
    }
    strbuf_adds(&b, "\r\n");
    util_write_out(b.buf, b.len, stdout);
    strbuf_done(&b);
    l->n++;
    return 0;
}

static int add_row(const compare_row_t *r, void *arg)
{
    compare_add(arg, r->label, r->a_pred, r->b_pred);
    return 0;
}

/* Everything the renderings print. */
typedef struct view {
    const char *a, *b, *split, *part; /* part: NULL for all */
    const char *later;
    compare_result_t res;
    compare_cat_t *cats;
    size_t ncats;
    long long reviewed;
} view_t;

static const char *part_words(const char *part)
{
    return !part ? "" : strcmp(part, "eyeball") == 0 ? " (Eyeball part)" : " (Blackbox part)";
}

/* The verdict on the McNemar p-value, one phrase. */
static void verdict(strbuf_t *b, const compare_result_t *r)
{
    if (r->fixed + r->broken == 0)
        strbuf_adds(b, "p = 1: the two models are wrong on exactly the same examples");
    else if (r->mcnemar_p < 1e-300)
        strbuf_adds(b, "p < 1e-300: a real difference, unlikely to be chance (p < 0.05)");
    else if (r->mcnemar_p < 0.05)
        strbuf_addf(b, "p = %.4g: a real difference, unlikely to be chance (p < 0.05)",
                    r->mcnemar_p);
    else
        strbuf_addf(b, "p = %.4g: could well be chance (p >= 0.05)", r->mcnemar_p);
}

/* s escaped for markdown; frees s. */
static char *md_take(char *s)
{
    strbuf_t b;
    strbuf_init(&b);
    strbuf_add_md(&b, s);
    free(s);
    return strbuf_detach(&b);
}

/* The text (or markdown) report of v, appended to b. */
static void text_into(strbuf_t *out, const view_t *v, int md)
{
    strbuf_t b = *out;
    char *a = util_sanitize(v->a), *bn = util_sanitize(v->b), *later = util_sanitize(v->later);
    if (md) {
        a = md_take(a);
        bn = md_take(bn);
        later = md_take(later);
    }
    const compare_result_t *r = &v->res;
    char n1[32];
    if (md)
        strbuf_addf(&b, "# Model %s (A) against model %s (B)\n\n", a, bn);
    strbuf_addf(&b, "%s%s example%s of %s%s both models predicted; labels as at the import "
                "of %s (the later one), as 'eyeball report' scores\n", md ? "" : "",
                util_fmt_int(r->examples, n1), util_s(r->examples), v->split,
                part_words(v->part), later);
    if (md)
        strbuf_adds(&b, "\n| | model | errors | error rate | 95% interval |\n"
                        "|---|---|---:|---:|---|\n");
    else
        strbuf_addf(&b, "\n     %-16s %10s %10s  %s\n", "model", "errors", "error rate",
                    "95% interval");
    for (int k = 0; k < 2; k++) {
        long long err = k ? r->b_errors : r->a_errors;
        double rate = k ? r->b_rate : r->a_rate, lo = k ? r->b_lo : r->a_lo,
               hi = k ? r->b_hi : r->a_hi;
        if (md)
            strbuf_addf(&b, "| %s | %s | %s | %.2f%% | %.2f%% to %.2f%% |\n", k ? "B" : "A",
                        k ? bn : a, util_fmt_int(err, n1), 100.0 * rate, 100.0 * lo,
                        100.0 * hi);
        else
            strbuf_addf(&b, "%-4s %-16s %10s %9.2f%%  %.2f%% to %.2f%%\n", k ? "B" : "A",
                        k ? bn : a, util_fmt_int(err, n1), 100.0 * rate, 100.0 * lo,
                        100.0 * hi);
    }
    strbuf_addf(&b, "\n%sfixed (A wrong, B right): %s\n", md ? "- " : "",
                util_fmt_int(r->fixed, n1));
    strbuf_addf(&b, "%sbroken (A right, B wrong): %s\n", md ? "- " : "",
                util_fmt_int(r->broken, n1));
    strbuf_addf(&b, "%sMcNemar exact test (two-sided, on fixed and broken): ", md ? "- " : "");
    verdict(&b, r);
    strbuf_addc(&b, '\n');

    if (md)
        strbuf_adds(&b, "\n## Error categories\n\n");
    else
        strbuf_addc(&b, '\n');
    if (v->reviewed == 0) {
        strbuf_addf(&b, "No error of A here was reviewed with A's predictions: review it "
                    "(eyeball review --model %s) to see which categories B fixed\n", a);
    } else {
        strbuf_addf(&b, "Error categories over A's %s error%s reviewed with A's predictions:\n",
                    util_fmt_int(v->reviewed, n1), util_s(v->reviewed));
        if (md && v->ncats)
            strbuf_adds(&b, "\n| category | A's errors | B still wrong |\n|---|---:|---:|\n");
        for (size_t i = 0; i < v->ncats; i++) {
            char *name = util_sanitize(v->cats[i].name);
            if (md)
                name = md_take(name);
            if (md)
                strbuf_addf(&b, "| %s | %lld | %lld |\n", name, v->cats[i].a_errors,
                            v->cats[i].b_still_wrong);
            else
                strbuf_addf(&b, "  %s: %lld of A's errors, B still wrong on %lld\n", name,
                            v->cats[i].a_errors, v->cats[i].b_still_wrong);
            free(name);
        }
        if (!v->ncats)
            strbuf_adds(&b, "  (none of them tagged)\n");
    }

    if (md)
        strbuf_adds(&b, "\n## Confusion pairs that changed most\n\n");
    else
        strbuf_addc(&b, '\n');
    if (r->npairs == 0) {
        strbuf_adds(&b, "No confusion pair changed\n");
    } else {
        if (md)
            strbuf_adds(&b, "| given | predicted | A | B | change |\n|---|---|---:|---:|---:|\n");
        else
            strbuf_adds(&b, "Confusion pairs that changed most (given -> predicted: A, B):\n");
        for (size_t i = 0; i < r->npairs; i++) {
            const compare_pair_t *p = &r->pairs[i];
            char *l = util_sanitize(p->label), *pr = util_sanitize(p->pred);
            if (md) {
                l = md_take(l);
                pr = md_take(pr);
            }
            if (md)
                strbuf_addf(&b, "| %s | %s | %lld | %lld | %+lld |\n", l, pr, p->a, p->b,
                            p->b - p->a);
            else
                strbuf_addf(&b, "  %s -> %s: %lld -> %lld (%+lld)\n", l, pr, p->a, p->b,
                            p->b - p->a);
            free(l);
            free(pr);
        }
    }
    *out = b;
    free(a);
    free(bn);
    free(later);
}

static void write_text(const view_t *v, int md)
{
    strbuf_t b;
    strbuf_init(&b);
    text_into(&b, v, md);
    util_write_out(b.buf, b.len, stdout);
    strbuf_done(&b);
}

static json_t *model_json(const char *name, long long errors, double rate, double lo,
                          double hi, long long examples)
{
    return json_pack("{s:s,s:I,s:o,s:o}", "model", name, "errors", (json_int_t)errors,
                     "error_rate", examples ? json_real(rate) : json_null(), "ci95",
                     examples ? json_pack("[f,f]", lo, hi) : json_null());
}

static void write_json(const view_t *v)
{
    const compare_result_t *r = &v->res;
    json_t *o = json_object();
    json_object_set_new(o, "split", json_string(v->split));
    json_object_set_new(o, "part", json_string(v->part ? v->part : "all"));
    json_object_set_new(o, "examples", json_integer(r->examples));
    json_object_set_new(o, "a", model_json(v->a, r->a_errors, r->a_rate, r->a_lo, r->a_hi,
                                           r->examples));
    json_object_set_new(o, "b", model_json(v->b, r->b_errors, r->b_rate, r->b_lo, r->b_hi,
                                           r->examples));
    json_object_set_new(o, "fixed", json_integer(r->fixed));
    json_object_set_new(o, "broken", json_integer(r->broken));
    json_object_set_new(o, "mcnemar_p", json_real(r->mcnemar_p));
    json_t *cats = json_array();
    for (size_t i = 0; i < v->ncats; i++)
        json_array_append_new(cats, json_pack("{s:s,s:I,s:I}", "name", v->cats[i].name,
                                              "a_errors", (json_int_t)v->cats[i].a_errors,
                                              "b_still_wrong",
                                              (json_int_t)v->cats[i].b_still_wrong));
    json_object_set_new(o, "categories", cats);
    json_object_set_new(o, "reviewed", json_integer(v->reviewed));
    json_t *pairs = json_array();
    for (size_t i = 0; i < r->npairs; i++)
        json_array_append_new(pairs, json_pack("{s:s,s:s,s:I,s:I}", "label", r->pairs[i].label,
                                               "pred", r->pairs[i].pred, "a",
                                               (json_int_t)r->pairs[i].a, "b",
                                               (json_int_t)r->pairs[i].b));
    json_object_set_new(o, "pairs", pairs);
    json_object_set_new(o, "labels_from", json_string(v->later));
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    util_write_out(text, strlen(text), stdout);
    putchar('\n');
    free(text);
    json_decref(o);
}

char *compare_dev_text(store_t *st, const char *a, const char *b, err_t *e)
{
    compare_sel_t sel = {a, b, "dev", NULL};
    compare_info_t info;
    if (store_compare_open(st, &sel, &info, e) < 0)
        return NULL;
    view_t v = {sel.a, sel.b, sel.split, sel.part, info.later, {0}, NULL, 0, 0};
    compare_t *cmp = compare_new();
    char *text = NULL;
    int r = store_compare_each(st, &sel, 0, add_row, cmp, e);
    if (r == 0)
        r = store_compare_categories(st, &sel, &v.cats, &v.ncats, &v.reviewed, e);
    if (r == 0) {
        compare_finish(cmp, &v.res);
        if (v.res.examples > 0) {
            strbuf_t t;
            strbuf_init(&t);
            text_into(&t, &v, 0);
            text = strbuf_detach(&t);
        }
    }
    for (size_t i = 0; i < v.ncats; i++)
        free(v.cats[i].name);
    free(v.cats);
    compare_free(cmp);
    store_compare_close(st);
    compare_info_done(&info);
    return text;
}

int cmd_compare(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"split", required_argument, NULL, 'S'},
        {"part", required_argument, NULL, 'P'},
        {"format", required_argument, NULL, 'f'},
        {"list", required_argument, NULL, 'l'},
        {"no-formula-guard", no_argument, NULL, 'G'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    compare_sel_t sel = {NULL, NULL, "dev", NULL};
    const char *format = NULL, *list = NULL;
    int guard = 1, c, npos = 0;
    char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    optind = 1;
    while ((c = cmd_actions_getopt(ctx, argc, argv, "", longopts, help, pos, &npos)) != -1) {
        switch (c) {
        case 'h':
        case '?':
            free(pos);
            return c == 'h' ? EXIT_OK : EXIT_USER;
        case 'S':
            if (strcmp(optarg, "dev") != 0 && strcmp(optarg, "test") != 0) {
                free(pos);
                return cmd_usage_error(ctx, "--split must be dev or test, not '%s'", optarg);
            }
            sel.split = optarg;
            break;
        case 'P':
            if (strcmp(optarg, "all") == 0)
                sel.part = NULL;
            else if (strcmp(optarg, "eyeball") == 0 || strcmp(optarg, "blackbox") == 0)
                sel.part = optarg;
            else
                sel.part = "bad";
            if (strcmp(sel.part ? sel.part : "all", "bad") == 0) {
                free(pos);
                return cmd_usage_error(ctx, "--part must be eyeball, blackbox or all, not '%s'",
                                       optarg);
            }
            break;
        case 'f':
            if (!(format = cmd_format(ctx, optarg, "text,json,markdown"))) {
                free(pos);
                return EXIT_USER;
            }
            break;
        case 'l':
            if (strcmp(optarg, "fixed") != 0 && strcmp(optarg, "broken") != 0) {
                free(pos);
                return cmd_usage_error(ctx, "--list must be fixed or broken, not '%s'", optarg);
            }
            list = optarg;
            break;
        case 'G': guard = 0; break;
        }
    }
    if (npos != 2) {
        int r = npos < 2 ? cmd_usage_error(ctx, "compare needs two model names, A and B")
                         : cmd_usage_error(ctx, "unexpected argument '%s'", pos[2]);
        free(pos);
        return r;
    }
    sel.a = pos[0];
    sel.b = pos[1];
    free(pos); /* the names point into argv */
    if (strcmp(sel.a, sel.b) == 0)
        return cmd_usage_error(ctx, "A and B are the same model '%s'; name two models", sel.a);
    if (sel.part && strcmp(sel.split, "dev") != 0)
        return cmd_usage_error(ctx, "--part is about dev's Eyeball and Blackbox parts; leave it "
                               "out with --split test");
    if (list && format)
        return cmd_usage_error(ctx, "--list prints CSV; leave out --format");
    if (!format)
        format = "text";
    int status = 0;
    store_t *st = cmd_open(ctx, STORE_READONLY, &status);
    if (!st)
        return status;
    err_t e = {0};
    compare_info_t info;
    if (store_compare_open(st, &sel, &info, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    compare_t *cmp = NULL;
    view_t v = {sel.a, sel.b, sel.split, sel.part, info.later, {0}, NULL, 0, 0};
    if (list) {
        fputs("id,split,label,a_pred,b_pred\r\n", stdout);
        list_ctx_t l = {strcmp(list, "broken") == 0, guard, 0};
        if (store_compare_each(st, &sel, 1, list_row, &l, &e) < 0)
            status = cmd_fail(&e);
        goto done;
    }
    cmp = compare_new();
    if (store_compare_each(st, &sel, 0, add_row, cmp, &e) < 0 ||
        store_compare_categories(st, &sel, &v.cats, &v.ncats, &v.reviewed, &e) < 0) {
        status = cmd_fail(&e);
        goto done;
    }
    compare_finish(cmp, &v.res);
    if (v.res.examples == 0) {
        char *a = util_sanitize(sel.a), *b = util_sanitize(sel.b);
        status = cmd_usage_error(ctx, "models '%s' and '%s' have no %s example%s in common; "
                                 "import predictions of both for the same examples", a, b,
                                 sel.split, sel.part ? " of that part" : "");
        free(a);
        free(b);
        goto done;
    }
    if (strcmp(format, "json") == 0)
        write_json(&v);
    else
        write_text(&v, strcmp(format, "markdown") == 0);
done:
    for (size_t i = 0; i < v.ncats; i++)
        free(v.cats[i].name);
    free(v.cats);
    compare_free(cmp);
    store_compare_close(st);
    compare_info_done(&info);
    store_close(st);
    if (status == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
        err_set(&e, EXIT_SYSTEM, "compare: cannot write to standard output");
        return cmd_fail(&e);
    }
    return status;
}
