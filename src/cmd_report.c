/* cmd_report.c: eyeball report. */
#include "config.h"
#include "cmd.h"
#include "cmd_compare.h"
#include "outfile.h"
#include "report.h"
#include "report_thumbs.h"
#include "store_suspects.h"
#include "store_report.h"
#include "store_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char help[] =
    "usage: eyeball report [--format text|csv|json|markdown|html] [--model NAME] "
    "[--mislabeled-threshold PCT] [-o FILE] [--thumbnails N] [--no-formula-guard]\n"
    "\n"
    "Sums up the review of a model's misclassified dev examples: examples, errors and\n"
    "error rate; how many misclassified examples were reviewed and from how many passes;\n"
    "per category its count, its share of the reviewed errors with a 95% Wilson interval,\n"
    "and the dev error rate if that category were fixed completely (error rate x\n"
    "(1 - share)); how many reviewed errors had their label fixed and whether that is\n"
    "worth the effort; the most confused pairs; a breakdown by source; the test set\n"
    "beside dev when a test pass exists; and a warning when a dev, test or train-dev\n"
    "image has an exact copy in train (content hashes from 'eyeball scan').\n"
    "\n"
    "The tally counts only what a random pass judged, so it stays an estimate from\n"
    "random samples; judgements made in a suspects pass or in no pass are shown apart\n"
    "(\"also judged outside the random sample\"), never mixed in. Errors are counted\n"
    "against the labels the model was scored on: a fix applied after its predictions\n"
    "were imported does not move an example out of the tally.\n"
    "\n"
    "When the model has probabilities, the share of each split that 'eyeball suspects'\n"
    "flags stands beside the share found by review (JSON: suspects_estimate, null\n"
    "without probabilities).\n"
    "\n"
    "When dev has an Eyeball part (eyeball split --eyeball), every model's dev error on\n"
    "the Eyeball and on the Blackbox part with Wilson 95% intervals, and the overfit\n"
    "warning, as in 'eyeball status' (JSON: eyeball, blackbox and dev_parts).\n"
    "\n"
    "The HTML report (--format html, or -o FILE.html) is one self-contained page to send\n"
    "to the team: the same numbers, a bar chart of the shares, the confusion matrix as a\n"
    "heat map, the Eyeball and Blackbox table when dev has an Eyeball part, what the\n"
    "model fixed and broke on dev against the model imported before it (as compare\n"
    "prints it), and per category thumbnails of its reviewed errors (id, label,\n"
    "prediction, label fix, note), embedded in the file; it needs no network and no\n"
    "JavaScript.\n"
    "\n"
    "  --format F        text (default), csv, json, markdown or html\n"
    "  --model NAME      the model (default: the one whose predictions were imported last)\n"
    "  --mislabeled-threshold PCT\n"
    "                    mislabeled examples are worth fixing when they are at least PCT%\n"
    "                    of the reviewed errors (default 10)\n"
    "  -o FILE           write to FILE (atomically: the old file or the whole new one,\n"
    "                    never a part) instead of standard output; a .html, .csv, .json\n"
    "                    or .md name picks the format when --format is not given\n"
    "  --thumbnails N    HTML: at most N thumbnails per category and split (default 24;\n"
    "                    0 leaves them out); the page says when there are more\n"
    "  --no-formula-guard  CSV cells as they are; by default a cell a spreadsheet would\n"
    "                    run as a formula (starting with = + - @, a tab or CR, and not a\n"
    "                    plain number) gets a leading apostrophe\n";

/* Colour only for a terminal, and never when NO_COLOR is set or TERM is dumb. */
static int want_color(void)
{
    const char *term = getenv("TERM");
    const char *no = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(no && *no) && term && *term && strcmp(term, "dumb") != 0;
}

/* The format -o's file name asks for: by its extension, text otherwise. */
static const char *format_of(const char *file)
{
    static const char *const ext[][2] = {{".html", "html"}, {".htm", "html"}, {".csv", "csv"},
                                         {".json", "json"}, {".md", "markdown"}};
    size_t n = file ? strlen(file) : 0;
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t m = strlen(ext[i][0]);
        if (n > m && strcasecmp(file + n - m, ext[i][0]) == 0)
            return ext[i][1];
    }
    return "text";
}

int cmd_report(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"model", required_argument, NULL, 'm'},
        {"mislabeled-threshold", required_argument, NULL, 't'},
        {"no-formula-guard", no_argument, NULL, 'G'},
        {"output", required_argument, NULL, 'o'},
        {"thumbnails", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = NULL, *model = NULL, *file = NULL;
    double threshold = REPORT_DEFAULT_THRESHOLD;
    unsigned long per_cat = REPORT_DEFAULT_THUMBNAILS;
    int c, guard = 1;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "o:", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'f':
            if (!(format = cmd_format(ctx, optarg, "text,csv,json,markdown,html")))
                return EXIT_USER;
            break;
        case 'o':
            if (!*optarg)
                return cmd_usage_error(ctx, "-o needs a file name");
            file = optarg;
            break;
        case 'n':
            if (util_parse_ulong(optarg, &per_cat) < 0 || per_cat > 100000)
                return cmd_usage_error(ctx, "--thumbnails '%s' is not a number from 0 to "
                                       "100000", optarg);
            break;
        case 'G': guard = 0; break;
        case 'm':
            if (!*optarg)
                return cmd_usage_error(ctx, "--model needs a model name");
            model = optarg;
            break;
        case 't': {
            double v;
            char *arg = xstrdup(optarg);
            size_t n = strlen(arg);
            if (n && arg[n - 1] == '%')
                arg[n - 1] = '\0';
            int bad = util_parse_double(arg, &v) < 0 || v < 0 || v > 100;
            free(arg);
            if (bad)
                return cmd_usage_error(ctx, "--mislabeled-threshold '%s' is not a percentage "
                                       "from 0 to 100", optarg);
            threshold = v / 100.0;
            break;
        }
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    if (!format)
        format = format_of(file);
    int html = strcmp(format, "html") == 0;
    int status = 0;
    store_t *st = cmd_open(ctx, STORE_READONLY, &status);
    if (!st)
        return status;
    report_t r;
    memset(&r, 0, sizeof r);
    r.threshold = threshold;
    r.want_examples = html;
    err_t e = {0};
    if (store_report_load(st, model, &r, &e) < 0) {
        report_free(&r);
        store_close(st);
        return cmd_fail(&e);
    }
    status_info_t si;
    if (store_status(st, &si, &e) < 0) {
        report_free(&r);
        store_close(st);
        return cmd_fail(&e);
    }
    /* The HTML report sets the model against the one imported before it. */
    for (size_t m = 1; html && m < si.nmodels && !r.against; m++)
        if (strcmp(si.models[m].name, r.model) == 0) {
            r.against = xstrdup(si.models[m - 1].name);
            r.against_text = compare_dev_text(st, r.against, r.model, &e);
            if (!r.against_text && e.code) {
                store_status_free(&si);
                report_free(&r);
                store_close(st);
                return cmd_fail(&e);
            }
        }
    if (si.eyeball) {
        r.eyeball = si.eyeball;
        r.blackbox = si.blackbox;
        r.blackbox_shown = si.blackbox_shown;
        r.nparts = si.nmodels;
        r.parts = xcalloc(si.nmodels ? si.nmodels : 1, sizeof *r.parts);
        for (size_t m = 0; m < si.nmodels; m++) {
            const status_model_t *md = &si.models[m];
            r.parts[m].name = xstrdup(md->name);
            r.parts[m].c = (part_counts_t){md->part_n[0], md->part_errors[0], md->part_n[1],
                                           md->part_errors[1]};
        }
    }
    store_status_free(&si);
    /* Without probabilities there is no estimate; the report goes on without it. */
    err_t se = {0};
    if (suspects_estimate_shares(st, r.model, &r.dev.suspects_estimate,
                                 &r.test.suspects_estimate, &se) < 0)
        r.dev.suspects_estimate = r.test.suspects_estimate = -1;
    store_close(st);
    report_compute(&r);
    outfile_t *of = outfile_open(file, &e);
    if (!of) {
        report_free(&r);
        return cmd_fail(&e);
    }
    FILE *out = outfile_stream(of);
    if (html)
        report_thumbs(&r, (size_t)per_cat, REPORT_THUMB_BOX);
    if (strcmp(format, "json") == 0)
        report_write_json(out, &r);
    else if (strcmp(format, "csv") == 0)
        report_write_csv(out, &r, guard);
    else if (strcmp(format, "markdown") == 0)
        report_write_markdown(out, &r);
    else if (html)
        report_write_html(out, &r, (size_t)per_cat);
    else
        report_write_text(out, &r, out == stdout && want_color());
    report_free(&r);
    if (outfile_commit(of, &e) < 0)
        return cmd_fail(&e);
    return EXIT_OK;
}
