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
    "staged fixes, every dev review pass they come from needs a finished test pass (every\n"
    "item reviewed) of the same model and kind that drew the same share of its\n"
    "misclassified examples (within one example or 10%) with the same --correct fraction.\n"
    "Otherwise apply refuses, says why and prints the command that starts the matching\n"
    "test pass. A pass over dev and test together (--queue suspects) needs nothing more.\n"
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

static void print_refusal(const apply_plan_t *p, int dry_run)
{
    fprintf(stderr, "eyeball: apply %s: dev has %lld staged label fix%s but the test set "
            "has not been through the same procedure; dev and test must stay one distribution, "
            "so fix labels on both the same way\n", dry_run ? "would be refused" : "refused",
            p->dev_fixes, p->dev_fixes == 1 ? "" : "es");
    for (size_t i = 0; i < p->nneeds; i++) {
        const apply_need_t *n = &p->needs[i];
        char *model = util_sanitize(n->model);
        double share = stats_pass_share(n->sample_n, n->errors_pool);
        fprintf(stderr, "  dev pass #%lld (%s, model %s, %lld of the fixes) drew %lld of %lld "
                "misclassified dev examples (%.1f%%) with --correct %g;\n", n->pid, n->kind, model,
                n->fixes, n->sample_n < n->errors_pool ? n->sample_n : n->errors_pool,
                n->errors_pool, 100 * share, n->correct_fraction);
        strbuf_t c;
        strbuf_init(&c);
        strbuf_adds(&c, "eyeball review ");
        if (strcmp(n->kind, "suspects") == 0)
            strbuf_adds(&c, "--queue suspects ");
        strbuf_adds(&c, "--model ");
        shell_word(&c, model);
        if (n->open_pid) {
            fprintf(stderr, "  test pass #%lld follows the same rule but only %lld of its %lld "
                    "items are reviewed; finish it:\n    %s --split test\n", n->open_pid,
                    n->open_reviewed, n->open_items, c.buf);
        } else {
            if (n->test_pool < 0)
                fprintf(stderr, "  model %s has no predictions on test; import them first "
                        "(eyeball import preds FILE --model %s), then start a test pass that "
                        "draws %.1f%% of its misclassified test examples:\n", model, model,
                        100 * share);
            else
                fprintf(stderr, "  no finished test pass did the same; start one (%lld of the "
                        "%lld misclassified test examples):\n", n->test_sample, n->test_pool);
            fprintf(stderr, "    %s --split test --sample ", c.buf);
            if (n->test_pool < 0)
                fprintf(stderr, "N");
            else
                fprintf(stderr, "%lld", n->test_sample);
            if (strcmp(n->kind, "suspects") != 0)
                fprintf(stderr, " --correct %g --seed %llu", n->correct_fraction,
                        (unsigned long long)n->seed);
            fprintf(stderr, " --new\n");
        }
        strbuf_done(&c);
        free(model);
    }
    if (p->dev_outside) {
        char *id = util_sanitize(p->outside_id);
        fprintf(stderr, "  %lld staged dev fix%s (e.g. '%s') concern%s examples in no dev review "
                "pass, so there is no sampling rule to repeat on test\n", p->dev_outside,
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
