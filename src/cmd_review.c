/* cmd_review.c: eyeball review: continue or start a pass, then the UI (or --list). */
#include "config.h"
#include "cmd.h"
#include "pass.h"
#include "strbuf.h"
#include "termgfx.h"
#include "store_review.h"
#include "store_verdicts.h"
#include "ui.h"
#include "view_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball review [--model NAME] [--sample N] [--seed S] [--correct FRACTION]\n"
    "                      [--split dev|test] [--queue random|suspects|broken]\n"
    "                      [--against NAME] [--reviewer NAME]\n"
    "                      [--new] [--list] [--blackbox] [--no-formula-guard] [--keys]\n"
    "                      [--preview auto|symbols|sixel|kitty|iterm]\n"
    "                      [--double | --reviewers N | --adjudicate]\n"
    "\n"
    "Opens the review UI on the open pass, or starts one: a random sample of the model's\n"
    "misclassified examples of the split, stored with its order, so quitting and coming\n"
    "back shows the same items at the first one not yet reviewed.\n"
    "\n"
    "  --model NAME       the model (default: the newest)\n"
    "  --sample N         misclassified examples to draw (default 100; all when fewer)\n"
    "  --seed S           seed of the random sample (default: a fresh one, stored)\n"
    "  --correct F        also draw round(F x N) correctly classified examples, mixed in\n"
    "                     (a mislabeled example can be right by chance)\n"
    "  --split S          dev (default) or test; when dev has an Eyeball part (eyeball\n"
    "                     split --eyeball), a dev pass draws from it only\n"
    "  --blackbox         draw from dev's Blackbox part instead, which nobody is meant to\n"
    "                     look at (recorded in the pass and the history)\n"
    "  --queue Q          random (default), or suspects: the N likeliest label errors of\n"
    "                     dev and test together (see 'eyeball suspects'), each with the\n"
    "                     reason; such a pass does not count in the report's tally;\n"
    "                     or broken: N of the examples the model gets wrong and the model\n"
    "                     --against NAME gets right (its new errors, as 'eyeball compare'\n"
    "                     lists them), drawn at random; not in the report's tally either\n"
    "  --against NAME     with --queue broken: the model compared with\n"
    "  --reviewer NAME    recorded with each change (default: $EYEBALL_REVIEWER, $USER)\n"
    "  --new              start a new pass even when one is open (closes it)\n"
    "  --list             print the pass as CSV (position,id,split,label,pred,reviewed,\n"
    "                     reason) instead of opening the UI\n"
    "  --no-formula-guard with --list: CSV cells as they are; by default a cell a\n"
    "                     spreadsheet would run as a formula (starting with = + - @, a tab\n"
    "                     or CR, and not a plain number) gets a leading apostrophe\n"
    "  --keys             print the keys of the UI\n"
    "  --preview P        how images are drawn (default: $EYEBALL_PREVIEW, else auto):\n"
    "                     auto picks the best the terminal speaks (kitty, iterm, sixel),\n"
    "                     else symbols; inside tmux or screen always symbols\n"
    "  --double           each item is to be reviewed by two different people (the same\n"
    "                     as --reviewers 2); the pass remembers it\n"
    "  --reviewers N      each item is to be reviewed by N different people. Review is\n"
    "                     blind: you see only your own tags, fix and note on an item\n"
    "                     until you have marked it reviewed (m or =); then the panel\n"
    "                     shows the others' verdicts\n"
    "  --adjudicate       a queue of the examples where reviewers disagree, every\n"
    "                     reviewer's verdict shown beside yours; marking an item reviewed\n"
    "                     (m or =) records your tags, fix and note as the final answer\n";

static int list_pass(store_t *st, const pass_info_t *p, int guard, err_t *e)
{
    long long *sids;
    int *reviewed;
    char **paths, **reasons;
    size_t n, np;
    if (store_pass_items(st, p->pid, &sids, &reviewed, &n, e) < 0)
        return -1;
    if (store_pass_paths(st, p->pid, &paths, &reasons, &np, e) < 0) {
        free(sids);
        free(reviewed);
        return -1;
    }
    fputs("position,id,split,label,pred,reviewed,reason\r\n", stdout);
    int r = 0;
    for (size_t i = 0; i < n; i++) {
        sample_view_t v;
        if (store_sample_view(st, sids[i], p->mid, &v, e) < 0) {
            r = -1;
            break;
        }
        strbuf_t b;
        strbuf_init(&b);
        strbuf_addf(&b, "%zu,", i + 1);
        strbuf_add_csv(&b, v.id, guard);
        strbuf_addc(&b, ',');
        strbuf_add_csv(&b, v.split ? v.split : "", guard);
        strbuf_addc(&b, ',');
        strbuf_add_csv(&b, v.label, guard);
        strbuf_addc(&b, ',');
        strbuf_add_csv(&b, v.pred ? v.pred : "", guard);
        strbuf_addf(&b, ",%s,", reviewed[i] ? "yes" : "no");
        strbuf_add_csv(&b, i < np && reasons[i] ? reasons[i] : "", guard);
        strbuf_adds(&b, "\r\n");
        util_write_out(b.buf, b.len, stdout);
        strbuf_done(&b);
        store_sample_view_free(&v);
    }
    for (size_t i = 0; i < np; i++) {
        free(paths[i]);
        free(reasons[i]);
    }
    free(paths);
    free(reasons);
    free(sids);
    free(reviewed);
    return r;
}

/* review --adjudicate: the queue of disagreements, then the UI (or --list); closes st. */
static int adjudicate_run(store_t *st, const pass_opts_t *o, int list, int guard,
                          const char *preview)
{
    err_t e = {0};
    long long mid = 0, pid = 0;
    char *model = NULL;
    pass_info_t p = {0};
    int r = store_model_pick(st, o->model, &mid, &model, &e);
    if (r == 0)
        r = store_adjudication_start(st, mid, o->reviewer, &pid, &e);
    if (r == 0 && pid == 0) {
        printf("Nothing to adjudicate: no example has reviewers who disagree and no final "
               "answer yet.\n");
    } else if (r == 0 && (r = store_pass_get(st, pid, &p, &e)) == 0) {
        store_set_review_pass(st, pid);
        store_set_adjudicate(st, o->reviewer);
        char note[128];
        snprintf(note, sizeof note, "adjudicating %ld disagreement%s", p.items,
                 p.items == 1 ? "" : "s");
        if (list) {
            util_msg("%s", note);
            r = list_pass(st, &p, guard, &e);
        } else {
            r = view_review_run(st, &p, o->reviewer, note, preview, &e);
        }
    }
    free(model);
    pass_info_free(&p);
    store_close(st);
    return r < 0 ? cmd_fail(&e) : EXIT_OK;
}

int cmd_review(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"model", required_argument, NULL, 'm'},
        {"sample", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"correct", required_argument, NULL, 'c'},
        {"split", required_argument, NULL, 'S'},
        {"queue", required_argument, NULL, 'Q'},
        {"reviewer", required_argument, NULL, 'r'},
        {"new", no_argument, NULL, 'N'},
        {"blackbox", no_argument, NULL, 'B'},
        {"against", required_argument, NULL, 'A'},
        {"list", no_argument, NULL, 'l'},
        {"keys", no_argument, NULL, 'k'},
        {"preview", required_argument, NULL, 'P'},
        {"no-formula-guard", no_argument, NULL, 'G'},
        {"double", no_argument, NULL, 'D'},
        {"adjudicate", no_argument, NULL, 'J'},
        {"reviewers", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    pass_opts_t o = {0};
    int list = 0, guard = 1, c;
    const char *preview = NULL;
    long long reviewers = 0; /* 0: as the pass says */
    int adjudicate = 0;
    unsigned long ul;
    o.kind = "random";
    o.reviewer = util_reviewer();
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'm': o.model = optarg; break;
        case 'n':
            if (util_parse_ulong(optarg, &ul) < 0 || ul == 0 || ul > 1000000)
                return cmd_usage_error(ctx, "--sample needs a whole number from 1 to 1000000, "
                                       "not '%s'", optarg);
            o.sample_n = (long)ul;
            break;
        case 's':
            if (util_parse_ulong(optarg, &ul) < 0)
                return cmd_usage_error(ctx, "--seed needs a whole number, not '%s'", optarg);
            o.seed = ul;
            o.have_seed = 1;
            break;
        case 'c':
            if (util_parse_double(optarg, &o.correct) < 0 || o.correct < 0 || o.correct > 10)
                return cmd_usage_error(ctx, "--correct needs a fraction such as 0.1, not '%s'",
                                       optarg);
            break;
        case 'S':
            if (strcmp(optarg, "dev") != 0 && strcmp(optarg, "test") != 0)
                return cmd_usage_error(ctx, "--split must be dev or test, not '%s'", optarg);
            o.split = optarg;
            break;
        case 'Q':
            if (strcmp(optarg, "random") != 0 && strcmp(optarg, "suspects") != 0 &&
                strcmp(optarg, "broken") != 0)
                return cmd_usage_error(ctx, "--queue must be random, suspects or broken, not "
                                       "'%s'", optarg);
            o.kind = optarg;
            break;
        case 'r':
            if (!*optarg)
                return cmd_usage_error(ctx, "--reviewer needs a name");
            o.reviewer = optarg;
            break;
        case 'N': o.force_new = 1; break;
        case 'B': o.blackbox = 1; break;
        case 'A': o.against = optarg; break;
        case 'l': list = 1; break;
        case 'G': guard = 0; break;
        case 'k': view_review_print_keys(); return EXIT_OK;
        case 'P': preview = optarg; break;
        case 'D': reviewers = 2; break;
        case 'J': adjudicate = 1; break;
        case 'R':
            if (util_parse_ulong(optarg, &ul) < 0 || ul < 1 || ul > 20)
                return cmd_usage_error(ctx, "--reviewers needs a number of reviewers from 1 to "
                                       "20, not '%s'", optarg);
            reviewers = (long long)ul;
            break;
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    int broken = strcmp(o.kind, "broken") == 0;
    if (o.blackbox && ((strcmp(o.kind, "random") != 0 && !broken) ||
                       (o.split && strcmp(o.split, "dev"))))
        return cmd_usage_error(ctx, "--blackbox is for a random pass over dev (the Blackbox "
                               "part of dev); leave out --queue and --split test");
    if (broken != (o.against != NULL))
        return cmd_usage_error(ctx, broken ? "--queue broken needs --against NAME: the model "
                                             "whose right answers this one got wrong"
                                           : "--against only goes with --queue broken");
    if (broken && o.correct > 0)
        return cmd_usage_error(ctx, "--correct does not go with --queue broken: its items are "
                               "the model's errors");
    termgfx_t gfx;
    int gfx_auto;
    if (preview && termgfx_parse(preview, &gfx, &gfx_auto) < 0)
        return cmd_usage_error(ctx, "--preview must be auto, symbols, sixel, kitty or iterm, "
                               "not '%s'", preview);
    if (!preview && (preview = getenv("EYEBALL_PREVIEW")) && *preview &&
        termgfx_parse(preview, &gfx, &gfx_auto) < 0) {
        util_msg("eyeball review: $EYEBALL_PREVIEW must be auto, symbols, sixel, kitty or "
                 "iterm, not '%s'; fix or unset it", preview);
        return EXIT_USER;
    }
    if (preview && !*preview)
        preview = NULL;
    if (strcmp(o.kind, "suspects") == 0 && (o.split || o.have_seed || o.correct > 0))
        return cmd_usage_error(ctx, "--queue suspects takes dev and test together, most likely "
                               "errors first: --split, --seed and --correct do not apply");

    /* Refuse a terminal that cannot show the screen before anything is written (a new
     * pass, the default categories). */
    char why[256];
    if (!list && ui_check(why, sizeof why) < 0) {
        util_msg("eyeball review: %s", why);
        return EXIT_USER;
    }
    int status = 0;
    store_t *st = cmd_open(ctx, STORE_MAYBE_RO, &status);
    if (!st)
        return status;
    err_t e = {0};
    char note[512];
    pass_info_t p = {0};
    /* Refused before anything is written (the default categories). */
    if (o.blackbox && pass_check_blackbox(st, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    if (adjudicate)
        return adjudicate_run(st, &o, list, guard, preview);
    if ((!store_readonly(st) && store_categories_seed(st, &e) < 0) ||
        pass_open_or_start(st, &o, &p, note, sizeof note, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    store_set_review_pass(st, p.pid);
    long long want = store_pass_reviewers(st, p.pid, &e);
    if (want >= 0 && reviewers > want && !store_readonly(st) &&
        store_pass_set_reviewers(st, p.pid, reviewers, &e) == 0)
        want = reviewers;
    if (want < 0 || (e.code && reviewers > want)) {
        pass_info_free(&p);
        store_close(st);
        return cmd_fail(&e);
    }
    if (want >= 2)
        store_set_blind(st, o.reviewer);
    int r;
    if (list) {
        util_msg("%s", note);
        r = list_pass(st, &p, guard, &e);
    } else {
        r = view_review_run(st, &p, o.reviewer, note, preview, &e);
    }
    pass_info_free(&p);
    store_close(st);
    if (r < 0)
        return cmd_fail(&e);
    return EXIT_OK;
}
