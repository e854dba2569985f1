/* cmd_demo.c: eyeball demo: write the demo dataset, import it into its own store, then
 * hand over to the review UI. */
#include "config.h"
#include "cmd.h"
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "usage: eyeball demo [DIR] [--seed S] [--no-review]\n"
    "\n"
    "Writes a demo dataset to DIR (default ./eyeball-demo): 2,000 PNG images of six\n"
    "shapes, some of them blurred, occluded, tiny, mislabeled or taken with a \"phone\";\n"
    "a 60/20/20 split (samples.csv); and the predictions of a simulated classifier whose\n"
    "errors follow those causes (preds.csv, model demo-cnn). Imports both into the store\n"
    "DIR/eyeball.db and opens the review UI on it.\n"
    "\n"
    "The demo always uses its own store, DIR/eyeball.db: -d and $EYEBALL_DB are not used,\n"
    "so it never touches another store. DIR must be new, empty, or written by an earlier\n"
    "demo (it holds eyeball-demo.txt). An earlier demo with the same seed is reused as it\n"
    "is, review included; with another seed it is written anew. Anything else is refused.\n"
    "\n"
    "  --seed S       random seed (default 1); the same seed gives the same files\n"
    "  --no-review    do not open the review UI\n";

#define DEMO_DEFAULT_DIR "./eyeball-demo"

/* DIR as it can be pasted into a shell: quoted when it holds anything unusual. */
static char *shell_word(const char *s)
{
    if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-+:,@") ==
                  strlen(s))
        return xstrdup(s);
    char *clean = util_sanitize(s);
    size_t n = strlen(clean);
    char *q = xmalloc(4 * n + 3), *p = q;
    *p++ = '\'';
    for (const char *c = clean; *c; c++) {
        if (*c == '\'') {
            memcpy(p, "'\\''", 4);
            p += 4;
        } else {
            *p++ = *c;
        }
    }
    *p++ = '\'';
    *p = '\0';
    free(clean);
    return q;
}

static void remove_store(const char *db)
{
    unlink(db);
    char *p = xasprintf("%s-wal", db);
    unlink(p);
    free(p);
    p = xasprintf("%s-shm", db);
    unlink(p);
    free(p);
}

static double pct(int a, int b)
{
    return b ? 100.0 * a / b : 0;
}

static void print_made(const char *dir, const demo_stats_t *s)
{
    char b1[32], b2[32], b3[32];
    printf("eyeball demo: wrote %s PNG images of %d shapes to %s/images (%d to %d pixels a "
           "side)\n", util_fmt_int(s->samples, b1), s->classes, dir, s->min_side, s->max_side);
    printf("  labels:   ");
    for (int k = 0; k < demo_nclasses; k++)
        printf("%s%s", k ? ", " : "", demo_classes[k]);
    printf("\n  splits:   %s train, %s dev, %s test (samples.csv)\n", util_fmt_int(s->split[0], b1),
           util_fmt_int(s->split[1], b2), util_fmt_int(s->split[2], b3));
    printf("  sources:  %s studio, %s phone; metadata column: lighting\n",
           util_fmt_int(s->samples - s->phone, b1), util_fmt_int(s->phone, b2));
    printf("  model:    %s (preds.csv), error rate: train %.1f%%, dev %.1f%% (%d of %d), "
           "test %.1f%%\n", DEMO_MODEL, pct(s->errors[0], s->split[0]),
           pct(s->errors[1], s->split[1]), s->errors[1], s->split[1],
           pct(s->errors[2], s->split[2]));
    printf("  hidden in it, for the review to find: %d blurred, %d occluded, %d tiny and %d "
           "mislabeled images\n", s->blurred, s->occluded, s->tiny, s->mislabeled);
}

static void print_next(const char *db)
{
    printf("\nTry:\n"
           "  eyeball -d %s status\n"
           "  eyeball -d %s review      review 100 misclassified dev images\n"
           "  eyeball -d %s report      which causes of error are worth working on\n"
           "  eyeball -d %s suspects    likely label errors\n",
           db, db, db, db);
}

int cmd_demo(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, 's'},
        {"no-review", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *dir = NULL;
    unsigned long seed = DEMO_DEFAULT_SEED;
    int review = 1, c;
    optind = 1;
    for (;;) {
        c = cmd_getopt(ctx, argc, argv, "", longopts, help);
        if (c == -1) {
            if (optind < argc) {
                if (dir)
                    return cmd_usage_error(ctx, "one DIR at a time (got '%s' and '%s')", dir,
                                           argv[optind]);
                dir = argv[optind++];
                continue;
            }
            break;
        }
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'n': review = 0; break;
        case 's':
            if (util_parse_ulong(optarg, &seed) < 0)
                return cmd_usage_error(ctx, "--seed wants a whole number, not '%s'", optarg);
            break;
        }
    }
    if (!dir)
        dir = DEMO_DEFAULT_DIR;
    if (!*dir)
        return cmd_usage_error(ctx, "DIR is empty");

    /* Trailing slashes would show up doubled in every path printed. */
    char *d = xstrdup(dir);
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = '\0';
    char *db = xasprintf("%s/%s", d, DEMO_STORE);
    char *shown = shell_word(db), *dshown = shell_word(d);
    err_t e = {0};
    int status = EXIT_OK;

    uint64_t old_seed = 0;
    int complete = 0;
    struct stat sb;
    int state = demo_dir_state(d, &old_seed, &complete, &e);
    if (state < 0) {
        status = cmd_fail(&e);
        goto out;
    }
    if (state == DEMO_DIR_EARLIER && complete && old_seed == seed && stat(db, &sb) == 0) {
        printf("eyeball demo: %s holds the demo of seed %lu already; using it as it is (its "
               "store keeps any review).\nFor a new one: eyeball demo %s --seed N, or remove "
               "the directory first.\n", dshown, seed, dshown);
    } else {
        demo_stats_t s;
        store_t *st = NULL;
        if (demo_generate(d, seed, &s, &e) < 0 || !(st = store_open(db, STORE_CREATE, &e)) ||
            demo_import(st, d, &e) < 0) {
            store_close(st);
            remove_store(db);
            status = cmd_fail(&e);
            goto out;
        }
        store_close(st);
        if (demo_mark_complete(d, seed, &e) < 0) {
            status = cmd_fail(&e);
            goto out;
        }
        print_made(dshown, &s);
        printf("  store:    %s (the demo's own: -d and $EYEBALL_DB do not apply)\n", shown);
    }
    /* Hand over to the review UI: open (or continue) a pass over the demo's store, with
     * a fixed seed so every demo shows the same sample. Without a terminal (scripts, CI)
     * say what to run instead. */
    if (review && isatty(0) && isatty(1)) {
        fflush(stdout);
        cmd_ctx_t rctx = *ctx;
        rctx.db = db;
        rctx.name = "review";
        char *rargv[] = {(char *)"review", (char *)"--seed", (char *)"1", NULL};
        status = cmd_review(&rctx, 3, rargv);
        if (status == EXIT_OK)
            print_next(shown);
    } else {
        print_next(shown);
        if (review)
            printf("\n(not a terminal: the review UI was not opened; run the review line "
                   "above in a terminal)\n");
    }
out:
    free(shown);
    free(dshown);
    free(db);
    free(d);
    return status;
}
