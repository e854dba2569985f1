/* cmd_apply.c: eyeball apply. */
#include "config.h"
#include "cmd.h"
#include "stats.h"
#include "store_apply.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball apply [--dry-run] [--force-dev-only]\n"
    "\n"
    "Commits every staged label fix (dev, test, and train if any) in one transaction and\n"
    "prints what changed per split. Dev and test must stay one distribution: when dev has\n"
    "staged fixes from a model's random passes, test must have had the same share of the\n"
    "model's misclassified examples reviewed as dev had (the counts within one example or\n"
    "10%), with as many correctly classified examples per error (the same tolerance); a\n"
    "suspects pass that holds dev fixes must have the same share of its test items\n"
    "reviewed as of its dev items. Otherwise apply refuses, says why and prints the\n"
    "command that gives test what dev received.\n"
    "Dev fixes of examples in no review pass also need --force-dev-only. A fix staged\n"
    "against a label that has changed since is refused. With nothing staged apply says so\n"
    "and succeeds.\n"
    "\n"
    "  --dry-run         print what would change and change nothing\n"
    "  --force-dev-only  apply even though test has not had the same procedure; the\n"
    "                    override is recorded in the history\n";

static const char *split_name(const char *s)
{
    return s ? s : "unassigned";
}

/* Per-split counts in order of first appearance: "dev 2, test 1". */
static char *by_split(const apply_plan_t *p)
{
    static const char *const order[] = {"dev", "test", "train", "train-dev", NULL};
    strbuf_t b;
    strbuf_init(&b);
    for (int k = 0; k < 5; k++) {
        long long n = 0;
        for (size_t i = 0; i < p->nfixes; i++) {
            const char *s = p->fixes[i].split;
            n += k < 4 ? s && strcmp(s, order[k]) == 0 : !s;
        }
        if (n)
            strbuf_addf(&b, "%s%s %lld", b.len ? ", " : "", k < 4 ? order[k] : "unassigned", n);
    }
    char *r = strbuf_detach(&b);
    strbuf_done(&b);
    return r;
}

/* A word for a shell command line: as it is when plain, else in single quotes. */
static void shell_word(strbuf_t *b, const char *s)
{
    if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+/:@=,")
                  == strlen(s)) {
        strbuf_adds(b, s);
        return;
    }
    strbuf_addc(b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            strbuf_adds(b, "'\\''");
        else
            strbuf_addc(b, *s);
    }
    strbuf_addc(b, '\'');
}

static double share(long long k, long long n)
{
    return n > 0 ? 100.0 * (double)k / (double)n : 0.0;
}

/* The correct-example quota as a --correct fraction: dev's correct examples per error. */
static double quota(const apply_need_t *n)
{
    return n->dev_reviewed > 0 ? (double)n->dev_correct / (double)n->dev_reviewed : 0.0;
}

static void print_random_need(const apply_need_t *n, const char *model, strbuf_t *c)
{
    fprintf(stderr, "  model %s (%lld of the fixes): dev had %lld of its %lld misclassified "
            "examples reviewed (%.1f%%) and %lld correctly classified one%s", model, n->fixes,
            n->dev_reviewed, n->dev_pool, share(n->dev_reviewed, n->dev_pool), n->dev_correct,
            n->dev_correct == 1 ? "" : "s");
    if (n->test_pool < 0) {
        fprintf(stderr, ";\n  model %s has no predictions on test; import them first "
                "(eyeball import preds FILE --model %s), then review %.1f%% of its "
                "misclassified test examples the same way\n", model, model,
                share(n->dev_reviewed, n->dev_pool));
        return;
    }
    fprintf(stderr, "; test had %lld of its %lld (%.1f%%) and %lld;\n", n->test_reviewed,
            n->test_pool, share(n->test_reviewed, n->test_pool), n->test_correct);
    long long more = n->test_expected - n->test_reviewed;
    if (more < 0) {
        long long dev_more = stats_same_share(n->test_reviewed, n->test_pool, n->dev_pool) -
                             n->dev_reviewed;
        fprintf(stderr, "  test had a larger share reviewed than dev; review about %lld more "
                "misclassified dev example%s so that the shares match:\n    %s --sample %lld "
                "--correct %.3g --new\n", dev_more, dev_more == 1 ? "" : "s", c->buf,
                dev_more > 0 ? dev_more : 1, quota(n));
        return;
    }
    fprintf(stderr, "  the same share of test is %lld misclassified examples with %lld correctly "
            "classified one%s", n->test_expected, n->correct_expected,
            n->correct_expected == 1 ? "" : "s");
    if (more > 0 && n->open_pid && n->open_left >= more) {
        fprintf(stderr, "; review %lld more in the open test pass #%lld:\n    %s --split test\n",
                more, n->open_pid, c->buf);
        return;
    }
    if (n->test_reviewed == 0)
        fprintf(stderr, "; review them:\n");
    else
        fprintf(stderr, "; review %lld more:\n", more > 0 ? more : 0);
    fprintf(stderr, "    %s --split test --sample %lld --correct %.3g --new\n", c->buf,
            more > 0 ? more : n->test_expected, quota(n));
}

static void print_suspects_need(const apply_need_t *n, const char *model, strbuf_t *c)
{
    fprintf(stderr, "  suspects pass #%lld (model %s, %lld of the fixes): %lld of its %lld dev "
            "items reviewed (%.1f%%), %lld of its %lld test items (%.1f%%); the same share of "
            "its test items is %lld:\n    %s%s\n", n->pid, model, n->fixes, n->dev_reviewed,
            n->dev_pool, share(n->dev_reviewed, n->dev_pool), n->test_reviewed, n->test_pool,
            share(n->test_reviewed, n->test_pool), n->test_expected, c->buf,
            n->open_pid ? "   (continues it; review its test items)" : " --new");
}

static void print_refusal(const apply_plan_t *p, int dry_run)
{
    fprintf(stderr, "eyeball: apply %s: dev has %lld staged label fix%s but the test set "
            "has not been through the same procedure; dev and test must stay one distribution, "
            "so fix labels on both the same way\n", dry_run ? "would be refused" : "refused",
            p->dev_fixes, p->dev_fixes == 1 ? "" : "es");
    for (size_t i = 0; i < p->nneeds; i++) {
        const apply_need_t *n = &p->needs[i];
        char *model = util_sanitize(n->model);
        strbuf_t c;
        strbuf_init(&c);
        strbuf_adds(&c, "eyeball review ");
        if (strcmp(n->kind, "suspects") == 0)
            strbuf_adds(&c, "--queue suspects ");
        strbuf_adds(&c, "--model ");
        shell_word(&c, model);
        if (strcmp(n->kind, "suspects") == 0)
            print_suspects_need(n, model, &c);
        else
            print_random_need(n, model, &c);
        strbuf_done(&c);
        free(model);
    }
    if (p->dev_outside) {
        char *id = util_sanitize(p->outside_id);
        fprintf(stderr, "  %lld staged dev fix%s (e.g. '%s') concern%s examples in no random "
                "dev review pass (nor a suspects pass), so there is no sampling rule to repeat "
                "on test\n", p->dev_outside,
                p->dev_outside == 1 ? "" : "es", id, p->dev_outside == 1 ? "s" : "");
        free(id);
    }
    fprintf(stderr, "  when test has had the same procedure another way, apply anyway with "
            "'eyeball apply --force-dev-only' (recorded in the history)\n");
}

static void print_fixes(const apply_plan_t *p)
{
    for (size_t i = 0; i < p->nfixes; i++) {
        const apply_fix_t *f = &p->fixes[i];
        char *id = util_sanitize(f->id), *o = util_sanitize(f->old_label),
             *n = util_sanitize(f->new_label);
        printf("  %-10s %s: %s -> %s\n", split_name(f->split), id, o, n);
        free(id);
        free(o);
        free(n);
    }
}

int cmd_apply(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dry-run", no_argument, NULL, 'n'},
        {"force-dev-only", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int dry_run = 0, force = 0, c;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'n': dry_run = 1; break;
        case 'F':
            /* An override is spelt out in full, never abbreviated. */
            if (strcmp(argv[optind - 1], "--force-dev-only") != 0)
                return cmd_usage_error(ctx, "unknown option '%s'", argv[optind - 1]);
            force = 1;
            break;
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    int status = 0;
    store_t *st = cmd_open(ctx, dry_run ? STORE_READONLY : 0, &status);
    if (!st)
        return status;
    apply_plan_t p;
    err_t e = {0};
    int r = store_apply(st, dry_run, force, util_reviewer(), &p, &e);
    store_close(st);
    if (r < 0) {
        apply_plan_free(&p);
        return cmd_fail(&e);
    }
    if (r == 1) {
        print_refusal(&p, dry_run);
        apply_plan_free(&p);
        return EXIT_USER;
    }
    if (p.nfixes == 0) {
        printf("nothing to apply: no staged label fixes\n");
        apply_plan_free(&p);
        return EXIT_OK;
    }
    char *counts = by_split(&p);
    printf("%s %zu label fix%s (%s)%s:\n", dry_run ? "would apply" : "applied", p.nfixes,
           p.nfixes == 1 ? "" : "es", counts, dry_run ? "; dry run, nothing changed" : "");
    free(counts);
    print_fixes(&p);
    if (p.overridden)
        fprintf(stderr, "eyeball: warning: test has not had the same procedure as dev; %s "
                "because of --force-dev-only%s\n", dry_run ? "would apply" : "applied",
                dry_run ? "" : " (recorded in the history)");
    if (p.no_test && p.dev_fixes)
        fprintf(stderr, "eyeball: note: the store has no test examples; only dev was checked\n");
    apply_plan_free(&p);
    return EXIT_OK;
}
