/* cmd_sheet.c: eyeball sheet: a contact sheet PNG of the reviewed errors of one category
 * (or of every reviewed error of a split), with captions, to paste into an issue or a
 * chat. The examples are the report's (the counted reviewed errors, by id); images are
 * decoded in the decoder helper. */
#include "config.h"
#include "cmd.h"
#include "decoder.h"
#include "outfile.h"
#include "report.h"
#include "sheet.h"
#include "store_report.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHEET_DEFAULT_MAX 48
#define SHEET_DEFAULT_COLUMNS 6
#define SHEET_BOX 160

static const char help[] =
    "usage: eyeball sheet [--category NAME] [--split dev|test] [--model NAME] [--max N]\n"
    "                     [--columns N] -o FILE.png\n"
    "\n"
    "Writes a contact sheet: a PNG of the reviewed errors of one category (all reviewed\n"
    "errors of the split without --category), each image shrunk to 160 pixels with its\n"
    "id, label and prediction, label fix (old -> new) and the reviewer's note under it,\n"
    "for pasting into an issue or a chat. The examples are those the report counts (judged\n"
    "in a random pass), by id. Captions are drawn in an ASCII font: other characters show\n"
    "as '?'. The file is written atomically.\n"
    "\n"
    "  --category NAME   the category (default: every reviewed error)\n"
    "  --split S         dev (default) or test\n"
    "  --model NAME      the model (default: the one whose predictions were imported last)\n"
    "  --max N           at most N images (default 48); the title says when there are more\n"
    "  --columns N       images per row (default 6)\n"
    "  -o FILE           the PNG file to write\n";

static int parse_count(cmd_ctx_t *ctx, const char *opt, const char *arg, int max, int *out)
{
    unsigned long v;
    if (util_parse_ulong(arg, &v) < 0 || v < 1 || v > (unsigned long)max)
        return cmd_usage_error(ctx, "%s '%s' is not a number from 1 to %d", opt, arg, max);
    *out = (int)v;
    return 0;
}

static const report_cat_t *find_category(const report_split_t *sp, const char *name,
                                         err_t *e)
{
    for (size_t i = 0; i < sp->ncats; i++)
        if (strcmp(sp->cats[i].name, name) == 0)
            return &sp->cats[i];
    strbuf_t known;
    strbuf_init(&known);
    for (size_t i = 0; i < sp->ncats; i++) {
        strbuf_adds(&known, i ? ", " : "");
        strbuf_adds(&known, sp->cats[i].name);
    }
    char *safe = util_sanitize(name);
    err_set(e, EXIT_USER, "unknown category '%s'; the categories are %s", safe,
            known.len ? known.buf : "none (eyeball categories add NAME)");
    free(safe);
    strbuf_done(&known);
    return NULL;
}

/* Decodes the chosen examples and draws the sheet. */
static raster_t *draw(const report_t *r, const report_split_t *sp, const size_t *pick,
                      size_t total, size_t n, const char *category, int cols)
{
    sheet_item_t *items = xcalloc(n ? n : 1, sizeof *items);
    image_t *imgs = xcalloc(n ? n : 1, sizeof *imgs);
    char **why = xcalloc(n ? n : 1, sizeof *why);
    decoder_t *dec = decoder_new(NULL);
    for (size_t i = 0; i < n; i++) {
        const report_example_t *x = &sp->rev[pick[i]];
        err_t e = {0};
        sheet_item_t *it = &items[i];
        it->id = x->id;
        it->label = x->label;
        it->pred = x->pred;
        it->fix_old = x->fix_old;
        it->fix_new = x->fix_new;
        it->note = x->note;
        if (decoder_decode(dec, x->path, SHEET_BOX, SHEET_BOX, &imgs[i], &e) == 0)
            it->img = &imgs[i];
        else
            it->why = why[i] = xstrdup(e.msg[0] ? e.msg : "cannot decode");
    }
    decoder_free(dec);
    char *title = xasprintf("%s - %s - %s%s: %zu reviewed error%s%s", r->model, sp->split,
                            category ? "category " : "every category",
                            category ? category : "", total, total == 1 ? "" : "s", "");
    if (n < total) {
        char *t = xasprintf("%s (the first %zu shown)", title, n);
        free(title);
        title = t;
    }
    raster_t *out = sheet_render(title, items, n, SHEET_BOX, cols);
    free(title);
    for (size_t i = 0; i < n; i++) {
        image_free(&imgs[i]);
        free(why[i]);
    }
    free(imgs);
    free(why);
    free(items);
    return out;
}

int cmd_sheet(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"category", required_argument, NULL, 'c'},
        {"split", required_argument, NULL, 's'},
        {"model", required_argument, NULL, 'm'},
        {"max", required_argument, NULL, 'n'},
        {"columns", required_argument, NULL, 'C'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *category = NULL, *split = "dev", *model = NULL, *file = NULL;
    int max = SHEET_DEFAULT_MAX, cols = SHEET_DEFAULT_COLUMNS, c;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "o:", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'c': category = optarg; break;
        case 's':
            if (strcmp(optarg, "dev") != 0 && strcmp(optarg, "test") != 0)
                return cmd_usage_error(ctx, "--split '%s': use dev or test", optarg);
            split = optarg;
            break;
        case 'm':
            if (!*optarg)
                return cmd_usage_error(ctx, "--model needs a model name");
            model = optarg;
            break;
        case 'n':
            if (parse_count(ctx, "--max", optarg, 1000, &max) != 0)
                return EXIT_USER;
            break;
        case 'C':
            if (parse_count(ctx, "--columns", optarg, 50, &cols) != 0)
                return EXIT_USER;
            break;
        case 'o':
            if (!*optarg)
                return cmd_usage_error(ctx, "-o needs a file name");
            file = optarg;
            break;
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    if (!file)
        return cmd_usage_error(ctx, "sheet writes a PNG file: give it with -o FILE.png");
    int status = 0;
    store_t *st = cmd_open(ctx, STORE_READONLY, &status);
    if (!st)
        return status;
    report_t r;
    memset(&r, 0, sizeof r);
    r.threshold = REPORT_DEFAULT_THRESHOLD;
    r.want_examples = 1;
    err_t e = {0};
    int rc = store_report_load(st, model, &r, &e);
    store_close(st);
    const report_split_t *sp = strcmp(split, "test") == 0 ? &r.test : &r.dev;
    if (rc == 0 && sp == &r.test && !r.has_test) {
        char *safe = util_sanitize(r.model);
        err_set(&e, EXIT_USER, "model %s has no review pass over test; start one with "
                "'eyeball review --split test'", safe);
        free(safe);
        rc = -1;
    }
    const report_cat_t *k = NULL;
    if (rc == 0 && category && !(k = find_category(sp, category, &e)))
        rc = -1;
    size_t total = k ? k->nex : sp->nrev;
    if (rc == 0 && total == 0) {
        char *safe = category ? util_sanitize(category) : NULL;
        err_set(&e, EXIT_USER, "no reviewed error of %s%s%s%s yet; review some first "
                "(eyeball review%s)", split, safe ? " is in category '" : "",
                safe ? safe : "", safe ? "'" : "", sp == &r.test ? " --split test" : "");
        free(safe);
        rc = -1;
    }
    if (rc < 0) {
        report_free(&r);
        return cmd_fail(&e);
    }
    size_t n = total < (size_t)max ? total : (size_t)max;
    size_t *pick = xcalloc(n, sizeof *pick);
    for (size_t i = 0; i < n; i++)
        pick[i] = k ? k->ex[i] : i;
    outfile_t *of = outfile_open(file, &e);
    if (!of) {
        free(pick);
        report_free(&r);
        return cmd_fail(&e);
    }
    raster_t *img = draw(&r, sp, pick, total, n, category, cols);
    free(pick);
    report_free(&r);
    int werr = raster_png_stream(img, outfile_stream(of));
    raster_free(img);
    if (werr) {
        outfile_abort(of);
        err_set(&e, EXIT_SYSTEM, "%s: cannot write: %s", file, strerror(werr));
        return cmd_fail(&e);
    }
    if (outfile_commit(of, &e) < 0)
        return cmd_fail(&e);
    return EXIT_OK;
}
