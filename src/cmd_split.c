/* cmd_split.c: eyeball split. */
#include "config.h"
#include "cmd.h"
#include "cmd_split_part.h"
#include "split.h"
#include "store_split.h"
#include "store_near.h"
#include "strbuf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball split [--seed S] [--dry-run] [--ratios TRAIN/DEV/TEST] [--max-eval N]\n"
    "                     [--target SOURCE] [--target-train FRACTION] [--train-dev FRACTION]\n"
    "                     [--stratify] [--reassign] [--force]\n"
    "       eyeball split --eyeball N|auto [--model NAME] [--seed S] [--dry-run]\n"
    "       eyeball split --renew N [--seed S] [--dry-run]\n"
    "       eyeball split --together GROUP [--to SPLIT] [--dry-run] [--force]\n"
    "\n"
    "Assigns samples without a split to train, dev and test, prints the rule it applied and\n"
    "why, and a table of count and share per split, per source. Each sample's place comes\n"
    "from a hash of the seed and its id, so the result does not depend on file order and\n"
    "samples added later never move the ones that have a split.\n"
    "\n"
    "  --seed S                 seed of the id hash (default 0)\n"
    "  --dry-run                print the rule and the table, change nothing\n"
    "  --ratios TRAIN/DEV/TEST  shares summing to 100 or 1, instead of 60/20/20 and the cap\n"
    "  --max-eval N             cap on dev and on test (default 10,000): when 20% would be\n"
    "                           more, dev and test get N each and train the rest\n"
    "  --target SOURCE          dev and test only from this source; other sources go\n"
    "                           to train\n"
    "  --target-train FRACTION  share of the target that goes to train (default 0.8); the\n"
    "                           rest is split evenly between dev and test\n"
    "  --train-dev FRACTION     hold out this share of train as split train-dev\n"
    "  --stratify               keep each label's share the same in every split\n"
    "  --reassign               assign every sample again, not only those without a split\n"
    "  --together GROUP         move every member of near-duplicate group GROUP (the\n"
    "                           numbers of 'eyeball dups --near') to one split, so the\n"
    "                           copies stop leaking between train and dev or test;\n"
    "                           samples reviewed, tagged, fixed or in a review pass move\n"
    "                           only with --force\n"
    "  --to SPLIT               with --together: train (default), dev, test or train-dev\n"
    "  --force                  with --reassign: also move samples that were reviewed,\n"
    "                           tagged, fixed or put in a review pass\n"
    "\n"
    "The Eyeball part of dev is the part people look at; the rest, the Blackbox part, nobody\n"
    "looks at, so it stays an honest measure. With one, review draws dev examples from\n"
    "Eyeball only, and status and report show each model's error on both parts.\n"
    "\n"
    "  --eyeball N|auto         put N dev examples in the Eyeball part, ranked by the same id\n"
    "                           hash; examples reviews have shown go first, whatever the\n"
    "                           draw. auto: enough to hold about 100 errors of the model,\n"
    "                           at most all of dev\n"
    "  --model NAME             with --eyeball auto: the model (default: the newest)\n"
    "  --renew N                move N more dev examples from Blackbox to Eyeball (when the\n"
    "                           Eyeball error falls faster than the Blackbox error)\n";

/* Sources past this many are summed up in the table. */
#define SPLIT_TABLE_SOURCES 20

typedef struct source_row {
    const char *name; /* NULL: no source */
    long long n[SPLIT_NKINDS], total;
} source_row_t;

static int source_row_cmp(const void *a, const void *b)
{
    const source_row_t *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    if (!x->name || !y->name)
        return !y->name - !x->name;
    return strcmp(x->name, y->name);
}

static void table_block(strbuf_t *b, const char *name, const long long *n, long long total,
                        int show_td)
{
    char num[32];
    for (int k = 0; k < SPLIT_NKINDS; k++) {
        if (k == SPLIT_TRAIN_DEV && !show_td)
            continue;
        strbuf_addf(b, "%-16s %-10s %10s %6.1f%%\n", k == 0 ? name : "", split_names[k],
                    util_fmt_int(n[k], num), total ? 100.0 * (double)n[k] / (double)total : 0.0);
    }
}

/* The table of count and share per split, for all samples and per source. */
static void table(strbuf_t *b, const split_data_t *d, const split_plan_t *p, int show_td)
{
    strbuf_addf(b, "\n%-16s %-10s %10s %7s\n", "source", "split", "samples", "share");
    table_block(b, "(all)", p->result, p->samples, show_td);
    size_t nrows = d->nsources + 1;
    source_row_t *rows = xcalloc(nrows, sizeof *rows);
    for (size_t i = 0; i < d->nsources; i++)
        rows[i].name = d->sources[i];
    for (size_t i = 0; i < d->n; i++) {
        const split_item_t *it = &d->items[i];
        source_row_t *r = &rows[it->source < 0 ? d->nsources : (size_t)it->source];
        r->n[it->new_split]++;
        r->total++;
    }
    qsort(rows, nrows, sizeof *rows, source_row_cmp);
    while (nrows && rows[nrows - 1].total == 0)
        nrows--;
    if (nrows >= 2) {
        for (size_t i = 0; i < nrows && i < SPLIT_TABLE_SOURCES; i++) {
            char *name = rows[i].name ? util_sanitize(rows[i].name) : xstrdup("(none)");
            table_block(b, name, rows[i].n, rows[i].total, show_td);
            free(name);
        }
        if (nrows > SPLIT_TABLE_SOURCES) {
            source_row_t rest = {0};
            for (size_t i = SPLIT_TABLE_SOURCES; i < nrows; i++) {
                for (int k = 0; k < SPLIT_NKINDS; k++)
                    rest.n[k] += rows[i].n[k];
                rest.total += rows[i].total;
            }
            char more[48];
            snprintf(more, sizeof more, "(%zu more)", nrows - SPLIT_TABLE_SOURCES);
            table_block(b, more, rest.n, rest.total, show_td);
        }
    }
    free(rows);
}

/* The history row's detail: the options and what came of them. */
static char *detail_json(const split_opts_t *o, const char *ratios, const char *target,
                         int force, const split_plan_t *p)
{
    json_t *sp = json_object();
    for (int k = 0; k < SPLIT_NKINDS; k++)
        json_object_set_new(sp, split_names[k], json_integer(p->result[k]));
    json_t *tt = target ? json_real((double)o->target_train / SPLIT_ONE) : NULL;
    json_t *td = o->train_dev ? json_real((double)o->train_dev / SPLIT_ONE) : NULL;
    json_t *j = json_pack("{s:I,s:s?,s:I,s:s?,s:o?,s:o?,s:b,s:b,s:b,s:I,s:I,s:I,s:o}",
                          "seed", (json_int_t)o->seed, "ratios", ratios,
                          "max_eval", (json_int_t)o->max_eval, "target", target,
                          "target_train", tt, "train_dev", td,
                          "stratify", o->stratify, "reassign", o->reassign, "force", force,
                          "assigned", (json_int_t)p->assigned, "moved", (json_int_t)p->moved,
                          "kept", (json_int_t)p->kept, "splits", sp);
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));
    json_decref(j);
    return s;
}

/* Names the store's sources for an unknown --target. */
static int unknown_target(const cmd_ctx_t *ctx, const split_data_t *d, const char *target)
{
    strbuf_t b;
    strbuf_init(&b);
    for (size_t i = 0; i < d->nsources && i < 10; i++) {
        char *s = util_sanitize(d->sources[i]);
        strbuf_addf(&b, "%s'%s'", i ? ", " : "", s);
        free(s);
    }
    if (d->nsources > 10)
        strbuf_addf(&b, " and %zu more", d->nsources - 10);
    char *t = util_sanitize(target);
    int r;
    if (d->nsources)
        r = cmd_usage_error(ctx, "unknown target source '%s'; the store's sources are %s", t,
                            b.buf);
    else
        r = cmd_usage_error(ctx, "unknown target source '%s'; no sample has a source (import "
                            "samples with a source column)", t);
    free(t);
    strbuf_done(&b);
    return r;
}

/* split --together: every member of near-duplicate group grp into split to. */
static int split_together(cmd_ctx_t *ctx, long long grp, int to, int dry, int force)
{
    int status = 0;
    store_t *st = cmd_open(ctx, dry ? STORE_READONLY : 0, &status);
    if (!st)
        return status;
    split_data_t d;
    err_t e = {0};
    if (store_split_load(st, !dry, &d, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    long long *sids = NULL, moved = 0, touched = 0;
    size_t n = 0;
    char *detail = NULL;
    if (store_near_members(st, grp, &sids, &n, &e) < 0) {
        status = cmd_fail(&e);
        goto done;
    }
    if (n == 0) {
        status = cmd_usage_error(ctx, "there is no near-duplicate group %lld; 'eyeball dups "
                                 "--near' lists the groups of the last 'eyeball scan --near'",
                                 grp);
        goto done;
    }
    /* d holds every sample in sid order, and so does sids: walk both. */
    for (size_t i = 0, k = 0; i < d.n && k < n; i++) {
        if (d.sids[i] != sids[k])
            continue;
        k++;
        if (d.items[i].split == to)
            continue;
        d.items[i].new_split = to;
        moved++;
        touched += d.items[i].touched;
    }
    if (touched && !force) {
        status = cmd_usage_error(ctx, "--together would move %lld sample%s that %s been "
                                 "reviewed, tagged, fixed or put in a review pass to %s; add "
                                 "--force to move them anyway",
                                 touched, util_s(touched), touched == 1 ? "has" : "have",
                                 split_names[to]);
        goto done;
    }
    if (!moved) {
        printf("group %lld: all %zu members are in %s already; nothing to do\n", grp, n,
               split_names[to]);
        goto done;
    }
    if (!dry) {
        json_t *j = json_pack("{s:I,s:s,s:b,s:I,s:I}", "together", (json_int_t)grp, "to",
                              split_names[to], "force", force, "members", (json_int_t)n,
                              "moved", (json_int_t)moved);
        detail = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(j);
        if (store_split_save(st, &d, detail, &e) < 0) {
            status = cmd_fail(&e);
            goto done;
        }
    }
    printf("%sgroup %lld: %lld of %zu member%s moved to %s%s\n", dry ? "dry run: " : "", grp,
           moved, n, util_s((long long)n), split_names[to],
           dry ? "; the store is unchanged" : "");
done:
    store_split_abort(st);
    free(detail);
    free(sids);
    store_split_free(&d);
    store_close(st);
    return status;
}

int cmd_split(cmd_ctx_t *ctx, int argc, char **argv)
{
    enum { O_SEED = 256, O_DRY, O_RATIOS, O_MAXEVAL, O_TARGET, O_TTRAIN, O_TDEV, O_STRAT,
           O_REASSIGN, O_FORCE, O_EYEBALL, O_RENEW, O_MODEL, O_TOGETHER, O_TO };
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, O_SEED},
        {"dry-run", no_argument, NULL, O_DRY},
        {"ratios", required_argument, NULL, O_RATIOS},
        {"max-eval", required_argument, NULL, O_MAXEVAL},
        {"target", required_argument, NULL, O_TARGET},
        {"target-train", required_argument, NULL, O_TTRAIN},
        {"train-dev", required_argument, NULL, O_TDEV},
        {"stratify", no_argument, NULL, O_STRAT},
        {"reassign", no_argument, NULL, O_REASSIGN},
        {"force", no_argument, NULL, O_FORCE},
        {"eyeball", required_argument, NULL, O_EYEBALL},
        {"renew", required_argument, NULL, O_RENEW},
        {"model", required_argument, NULL, O_MODEL},
        {"together", required_argument, NULL, O_TOGETHER},
        {"to", required_argument, NULL, O_TO},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    split_opts_t o;
    split_opts_init(&o);
    const char *target = NULL, *ratios = NULL;
    int dry = 0, force = 0, target_train_given = 0, rule_opts = 0, c, other = 0;
    int to = SPLIT_TRAIN, to_given = 0;
    split_part_req_t part = {0};
    long long together = 0;
    unsigned long ul;
    err_t e = {0};
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case O_SEED:
            if (util_parse_ulong(optarg, &ul) < 0)
                return cmd_usage_error(ctx, "--seed '%s' must be a whole number >= 0", optarg);
            o.seed = ul;
            break;
        case O_DRY: dry = 1; break;
        case O_EYEBALL:
            if (strcmp(optarg, "auto") == 0) {
                part.eyeball_auto = 1;
            } else if (util_parse_ulong(optarg, &ul) < 0 || ul < 1 || ul > SPLIT_MAX_SAMPLES) {
                return cmd_usage_error(ctx, "--eyeball '%s' must be a whole number >= 1 or "
                                       "auto", optarg);
            } else {
                part.eyeball = (long long)ul;
            }
            break;
        case O_RENEW:
            if (util_parse_ulong(optarg, &ul) < 0 || ul < 1 || ul > SPLIT_MAX_SAMPLES)
                return cmd_usage_error(ctx, "--renew '%s' must be a whole number >= 1", optarg);
            part.renew = (long long)ul;
            break;
        case O_MODEL: part.model = optarg; break;
        case O_RATIOS:
            rule_opts = 1;
            if (split_parse_ratios(optarg, o.ratios, &e) < 0)
                return cmd_usage_error(ctx, "%s", e.msg);
            o.has_ratios = 1;
            ratios = optarg;
            break;
        case O_MAXEVAL:
            rule_opts = 1;
            if (util_parse_ulong(optarg, &ul) < 0 || ul < 1 || ul > SPLIT_MAX_SAMPLES)
                return cmd_usage_error(ctx, "--max-eval '%s' must be a whole number >= 1",
                                       optarg);
            o.max_eval = (long long)ul;
            o.max_eval_given = 1;
            break;
        case O_TARGET:
            rule_opts = 1;
            target = optarg;
            break;
        case O_TTRAIN:
            rule_opts = 1;
            if (split_parse_fraction("--target-train", optarg, &o.target_train, &e) < 0)
                return cmd_usage_error(ctx, "%s", e.msg);
            target_train_given = 1;
            break;
        case O_TDEV:
            rule_opts = 1;
            if (split_parse_fraction("--train-dev", optarg, &o.train_dev, &e) < 0)
                return cmd_usage_error(ctx, "%s", e.msg);
            break;
        case O_STRAT: o.stratify = rule_opts = 1; break;
        case O_REASSIGN: o.reassign = rule_opts = 1; break;
        case O_FORCE: force = rule_opts = 1; break;
        case O_TOGETHER:
            if (util_parse_ulong(optarg, &ul) < 0 || ul < 1 || ul > (unsigned long)INT32_MAX)
                return cmd_usage_error(ctx, "--together wants a group number from 'eyeball "
                                       "dups --near', not '%s'", optarg);
            together = (long long)ul;
            break;
        case O_TO:
            to = split_kind_of(optarg);
            if (to < 0)
                return cmd_usage_error(ctx, "--to wants train, dev, test or train-dev, not "
                                       "'%s'", optarg);
            to_given = 1;
            break;
        }
        other |= c == O_SEED || c == O_RATIOS || c == O_MAXEVAL || c == O_TARGET ||
                 c == O_TTRAIN || c == O_TDEV || c == O_STRAT || c == O_REASSIGN ||
                 c == O_EYEBALL || c == O_RENEW || c == O_MODEL;
    }
    if (to_given && !together)
        return cmd_usage_error(ctx, "--to goes with --together GROUP");
    if (together && other)
        return cmd_usage_error(ctx, "--together moves one group; it takes only --to, "
                               "--dry-run and --force");
    if (together) {
        if (optind < argc)
            return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
        return split_together(ctx, together, to, dry, force);
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    int part_given = part.eyeball || part.eyeball_auto || part.renew;
    if (part.model && !part.eyeball_auto)
        return cmd_usage_error(ctx, "--model only goes with --eyeball auto (it sizes the "
                               "Eyeball part to the model's errors)");
    if ((part.eyeball || part.eyeball_auto) && part.renew)
        return cmd_usage_error(ctx, "--eyeball makes the Eyeball part and --renew adds to it: "
                               "give one of them");
    if (part_given && rule_opts)
        return cmd_usage_error(ctx, "--eyeball and --renew only take --model, --seed and "
                               "--dry-run; split first, then mark the Eyeball part");
    if (part_given) {
        part.seed = o.seed;
        part.dry = dry;
        return cmd_split_part(ctx, &part);
    }
    if (target_train_given && !target)
        return cmd_usage_error(ctx, "--target-train needs --target SOURCE");
    if (ratios && target)
        return cmd_usage_error(ctx, "--ratios is for one distribution; with --target, "
                               "--target-train sets the share of the target that goes to train");
    if (force && !o.reassign)
        return cmd_usage_error(ctx, "--force only goes with --reassign or --together");

    int status = 0;
    store_t *st = cmd_open(ctx, dry ? STORE_READONLY : 0, &status);
    if (!st)
        return status;
    split_data_t d;
    if (store_split_load(st, !dry, &d, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    char *sane_target = NULL, *rule = NULL, *detail = NULL;
    strbuf_t out;
    strbuf_init(&out);
    split_plan_t p = {0};
    char n1[32], n2[32];
    if (d.n == 0) {
        err_set(&e, EXIT_USER, "%s: the store has no samples; import samples first "
                "(eyeball import samples FILE)", ctx->db);
        status = cmd_fail(&e);
        goto done;
    }
    if (target) {
        for (size_t i = 0; i < d.nsources && o.target < 0; i++)
            if (strcmp(d.sources[i], target) == 0)
                o.target = (int)i;
        if (o.target < 0) {
            status = unknown_target(ctx, &d, target);
            goto done;
        }
        sane_target = util_sanitize(target);
    }
    if (split_plan(d.items, d.n, (int)d.nlabels, (int)d.nsources, &o, &p, &e) < 0) {
        status = cmd_fail(&e);
        goto done;
    }
    if (p.assigned == 0) {
        if (p.samples == 1)
            printf("the one sample has a split already; nothing to do (--reassign assigns it "
                   "again)\n");
        else
            printf("all %s samples have a split already; nothing to do (--reassign assigns "
                   "them again)\n", util_fmt_int(p.samples, n1));
        goto done;
    }
    if (p.moved_touched && !force) {
        status = cmd_usage_error(ctx, "--reassign would move %s sample%s that %s been reviewed, "
                                 "tagged, fixed or put in a review pass to another split; add "
                                 "--force to move them anyway, or leave out --reassign",
                                 util_fmt_int(p.moved_touched, n1),
                                 p.moved_touched == 1 ? "" : "s",
                                 p.moved_touched == 1 ? "has" : "have");
        goto done;
    }
    rule = split_describe(&p, &o, sane_target);
    strbuf_adds(&out, rule);
    table(&out, &d, &p, o.train_dev > 0 || p.result[SPLIT_TRAIN_DEV] > 0);
    strbuf_addc(&out, '\n');
    if (dry)
        strbuf_addf(&out, "dry run: %s sample%s would be assigned (seed %llu)",
                    util_fmt_int(p.assigned, n1), util_s(p.assigned), (unsigned long long)o.seed);
    else
        strbuf_addf(&out, "assigned %s sample%s (seed %llu)", util_fmt_int(p.assigned, n1),
                    util_s(p.assigned), (unsigned long long)o.seed);
    if (p.moved)
        strbuf_addf(&out, ", %s of them moved from another split", util_fmt_int(p.moved, n2));
    strbuf_adds(&out, dry ? "; the store is unchanged\n" : "\n");
    if (!dry) {
        detail = detail_json(&o, ratios, target, force, &p);
        if (store_split_save(st, &d, detail, &e) < 0) {
            status = cmd_fail(&e);
            goto done;
        }
    }
    fputs(out.buf, stdout);
done:
    store_split_abort(st); /* after a commit there is nothing left to end */
    free(sane_target);
    free(rule);
    free(detail);
    strbuf_done(&out);
    store_split_free(&d);
    store_close(st);
    return status;
}
