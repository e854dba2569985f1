/* cmd_train.c: eyeball train: a logistic regression on the embeddings (the "last layer"),
 * stored as a model like 'import preds', with out-of-fold probabilities for suspects. */
#include "config.h"
#include "cmd.h"
#include "store_embed.h"
#include "strbuf.h"
#include "train.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
    "usage: eyeball train [--name NAME] [--folds K] [--C VALUE] [--seed S]\n"
    "\n"
    "Fits a logistic regression on the embeddings (eyeball import embeddings): one model\n"
    "on the train split, predicting every sample, and K fold models whose out-of-fold\n"
    "probabilities 'eyeball suspects' uses. Stored as a model, as 'import preds' would\n"
    "(an existing model of that name is replaced). Prints the accuracy per split.\n"
    "\n"
    "  --name NAME   the model's name (default: baseline)\n"
    "  --folds K     folds for the out-of-fold probabilities, stratified by label\n"
    "                (default: 5)\n"
    "  --C VALUE     inverse regularisation strength, as scikit-learn's and liblinear's C\n"
    "                (default: 1)\n"
    "  --seed S      seed of the fold assignment (default: 0)\n"
    "\n"
    "Solver: liblinear's L2-regularised logistic regression (L2R_LR), one-vs-rest with\n"
    "probabilities normalised over the classes, and an intercept.\n";

/* Where the store's vectors go as they are read. */
typedef struct load_ctx {
    train_rows_t *rows;
} load_ctx_t;

static void take_row(void *arg, const embed_set_t *set, size_t i, const float *vec)
{
    load_ctx_t *c = arg;
    if (!c->rows)
        c->rows = train_rows_new(set->total, set->dim);
    train_rows_set(c->rows, i, vec);
}

/* The progress line on a terminal. */
typedef struct progress {
    int on;
    struct timespec start;
} progress_t;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void show_progress(void *arg, unsigned done, unsigned total)
{
    progress_t *p = arg;
    if (p->on) {
        fprintf(stderr, "\rtrain: %u of %u fits done (%.0f s)\033[K", done, total,
                since(&p->start));
        fflush(stderr);
    }
}

/* Accuracy of probs against the labels over the samples of one split. */
typedef struct split_acc {
    const char *name;
    size_t n, right, right_oof;
} split_acc_t;

static size_t argmax(const double *p, size_t k)
{
    size_t best = 0;
    for (size_t c = 1; c < k; c++)
        if (p[c] > p[best])
            best = c;
    return best;
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0;
}

int cmd_train(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"name", required_argument, NULL, 'n'},
        {"folds", required_argument, NULL, 'k'},
        {"C", required_argument, NULL, 'C'},
        {"seed", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *name = "baseline";
    unsigned long folds = 5, seed = 0;
    double C = 1;
    int c;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'n':
            if (!*optarg)
                return cmd_usage_error(ctx, "--name needs a non-empty name");
            name = optarg;
            break;
        case 'k':
            if (util_parse_ulong(optarg, &folds) < 0 || folds < 2 || folds > 100)
                return cmd_usage_error(ctx, "--folds needs a whole number from 2 to 100, not "
                                       "'%s'", optarg);
            break;
        case 'C':
            if (util_parse_double(optarg, &C) < 0 || !(C > 0))
                return cmd_usage_error(ctx, "--C needs a positive number, not '%s'", optarg);
            break;
        case 's':
            if (util_parse_ulong(optarg, &seed) < 0)
                return cmd_usage_error(ctx, "--seed needs a whole number, not '%s'", optarg);
            break;
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);

    int status = 0;
    store_t *st = cmd_open(ctx, 0, &status);
    if (!st)
        return status;
    err_t e = {0};
    progress_t prog = {.on = isatty(2)};
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    embed_set_t set;
    load_ctx_t lc = {0};
    if (store_embed_read(st, &set, take_row, &lc, &e) < 0) {
        train_rows_free(lc.rows);
        store_close(st);
        return cmd_fail(&e);
    }
    unsigned char *in_train = xcalloc(set.n, 1);
    size_t ntrain = 0;
    for (size_t i = 0; i < set.n; i++)
        ntrain += in_train[i] = set.splits[i] && strcmp(set.splits[i], "train") == 0;
    double *probs = xcalloc(set.n * set.k, sizeof *probs);
    double *oof = xcalloc(set.n * set.k, sizeof *oof);
    int32_t *fold = xmalloc(set.n * sizeof *fold);
    int r = 0;
    if (ntrain == 0 || !lc.rows)
        r = err_set(&e, EXIT_USER, "no sample of the train split has an embedding; assign "
                    "splits first (eyeball split) or import embeddings for the train samples");
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    train_spec_t spec = {.rows = lc.rows, .n = set.n, .k = set.k, .y = set.labels,
                         .in_train = in_train, .C = C, .folds = (unsigned)folds,
                         .seed = seed, .threads = ncpu > 0 ? (unsigned)ncpu : 1,
                         .progress = show_progress, .progress_ctx = &prog};
    if (r == 0)
        r = train_run(&spec, probs, oof, fold, &e);
    if (prog.on)
        fputs("\r\033[K", stderr);
    train_rows_free(lc.rows);
    double secs = since(&prog.start);

    /* Accuracy per split, in the order status shows them, unassigned last. */
    static const char *const order[] = {"train", "train-dev", "dev", "test", NULL};
    split_acc_t acc[5] = {{0}};
    for (size_t s = 0; s < 5; s++)
        acc[s].name = s < 4 ? order[s] : "(none)";
    for (size_t i = 0; i < set.n && r == 0; i++) {
        size_t s = 0;
        while (s < 4 && !(set.splits[i] && strcmp(set.splits[i], order[s]) == 0))
            s++;
        acc[s].n++;
        acc[s].right += argmax(probs + i * set.k, set.k) == (size_t)set.labels[i];
        acc[s].right_oof += argmax(oof + i * set.k, set.k) == (size_t)set.labels[i];
    }
    char *trained = NULL;
    int replaced = 0;
    if (r == 0) {
        strbuf_t b;
        strbuf_init(&b);
        strbuf_addf(&b, "{\"solver\":\"%s\",\"C\":%.17g,\"folds\":%lu,\"seed\":%lu,"
                    "\"dimensions\":%zu,\"samples\":%zu,\"train_samples\":%zu,"
                    "\"seconds\":%.3f,\"accuracy\":{", train_solver(), C, folds, seed, set.dim,
                    set.n, ntrain, secs);
        int first = 1;
        for (size_t s = 0; s < 5; s++) {
            if (!acc[s].n)
                continue;
            strbuf_addf(&b, "%s\"%s\":{\"examples\":%zu,\"accuracy\":%.6f,"
                        "\"out_of_fold\":%.6f}", first ? "" : ",", acc[s].name, acc[s].n,
                        (double)acc[s].right / (double)acc[s].n,
                        (double)acc[s].right_oof / (double)acc[s].n);
            first = 0;
        }
        strbuf_adds(&b, "}}");
        trained = strbuf_detach(&b);
        strbuf_done(&b);
        char *file = xasprintf("eyeball train --folds %lu --C %.17g --seed %lu", folds, C, seed);
        trained_preds_t t = {.model = name, .trained = trained, .file = file, .n = set.n,
                             .k = set.k, .classes = set.classes, .sids = set.sids,
                             .probs = probs, .oof = oof};
        r = store_trained_save(st, &t, &replaced, &e);
        free(file);
    }
    store_close(st);
    free(probs);
    free(oof);
    free(fold);
    free(in_train);
    free(trained);
    if (r < 0) {
        embed_set_free(&set);
        return cmd_fail(&e);
    }
    char *sname = util_sanitize(name), b1[32], b2[32];
    printf("%s model '%s': logistic regression on %s train sample%s (%zu dimensions, %zu "
           "classes) in %.1f s\n", replaced ? "replaced" : "trained", sname,
           util_fmt_int((long long)ntrain, b1), util_s((long long)ntrain), set.dim, set.k, secs);
    printf("%s, C=%g; out-of-fold probabilities from %lu folds (seed %lu) over all %s "
           "embedded samples\n", train_solver(), C, folds, seed,
           util_fmt_int((long long)set.n, b2));
    printf("\n%-9s  %10s  %9s  %11s\n", "split", "examples", "accuracy", "out-of-fold");
    for (size_t s = 0; s < 5; s++)
        if (acc[s].n)
            printf("%-9s  %10s  %8.2f%%  %10.2f%%\n", acc[s].name,
                   util_fmt_int((long long)acc[s].n, b1), pct(acc[s].right, acc[s].n),
                   pct(acc[s].right_oof, acc[s].n));
    if (set.missing)
        printf("note: %s sample%s without an embedding %s no prediction\n",
               util_fmt_int((long long)set.missing, b1), util_s((long long)set.missing),
               set.missing == 1 ? "has" : "have");
    printf("next: eyeball suspects --model %s (uses the out-of-fold probabilities), "
           "eyeball review --model %s\n", sname, sname);
    free(sname);
    embed_set_free(&set);
    return EXIT_OK;
}
