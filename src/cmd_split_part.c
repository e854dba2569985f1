/* cmd_split_part.c: eyeball split --eyeball N|auto and --renew N. */
#include "config.h"
#include "cmd_split_part.h"
#include "part.h"
#include "store_part.h"
#include "strbuf.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

/* "(3 already shown by reviews, 37 drawn by hash, seed 0)" */
static void how_chosen(strbuf_t *b, long long taken, long long shown, uint64_t seed)
{
    char n1[32], n2[32];
    if (shown)
        strbuf_addf(b, " (%s already shown by reviews, %s drawn by hash, seed %llu)",
                    util_fmt_int(shown, n1), util_fmt_int(taken - shown, n2),
                    (unsigned long long)seed);
    else
        strbuf_addf(b, " (drawn by hash, seed %llu)", (unsigned long long)seed);
}

static char *detail_json(const split_part_req_t *r, const char *model, long long want,
                         long long taken, long long shown, long long eyeball, long long blackbox)
{
    json_t *j = json_object();
    json_object_set_new(j, "seed", json_integer((json_int_t)r->seed));
    if (r->renew)
        json_object_set_new(j, "renew", json_integer(r->renew));
    else if (r->eyeball_auto)
        json_object_set_new(j, "eyeball", json_string("auto"));
    else
        json_object_set_new(j, "eyeball", json_integer(r->eyeball));
    if (model)
        json_object_set_new(j, "model", json_string(model));
    json_object_set_new(j, "size", json_integer(want));
    json_object_set_new(j, "added", json_integer(taken));
    json_object_set_new(j, "shown", json_integer(shown));
    json_object_set_new(j, "eyeball_examples", json_integer(eyeball));
    json_object_set_new(j, "blackbox_examples", json_integer(blackbox));
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    return s;
}

int cmd_split_part(cmd_ctx_t *ctx, const split_part_req_t *r)
{
    int status = 0;
    store_t *st = cmd_open(ctx, r->dry ? STORE_READONLY : 0, &status);
    if (!st)
        return status;
    err_t e = {0};
    part_data_t d;
    if (store_part_load(st, !r->dry, r->seed, &d, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    char *model = NULL, *detail = NULL;
    strbuf_t out;
    strbuf_init(&out);
    char n1[32], n2[32], n3[32];
    long long dev = (long long)d.n, blackbox = dev - d.eyeball, want;
    if (dev == 0) {
        status = cmd_usage_error(ctx, "dev has no examples; assign splits first (eyeball split)");
        goto done;
    }
    if (r->renew) {
        if (d.eyeball == 0) {
            status = cmd_usage_error(ctx, "dev has no Eyeball part to renew; make one first "
                                     "(eyeball split --eyeball N|auto)");
            goto done;
        }
        if (blackbox == 0) {
            status = cmd_usage_error(ctx, "every one of the %s dev examples is in the Eyeball "
                                     "part already; there is no Blackbox example to move (add "
                                     "samples and run eyeball split to grow dev)",
                                     util_fmt_int(dev, n1));
            goto done;
        }
        want = r->renew;
    } else {
        if (d.eyeball) {
            status = cmd_usage_error(ctx, "dev has an Eyeball part of %s example%s already "
                                     "(Blackbox: %s); examples looked at cannot go back to "
                                     "Blackbox, so add fresh ones with --renew N",
                                     util_fmt_int(d.eyeball, n1), util_s(d.eyeball),
                                     util_fmt_int(blackbox, n2));
            goto done;
        }
        want = r->eyeball;
        if (r->eyeball_auto) {
            long long examples = 0, errors = 0;
            if (store_part_model_dev(st, r->model, &model, &examples, &errors, &e) < 0) {
                status = cmd_fail(&e);
                goto done;
            }
            char *m = util_sanitize(model);
            if (examples == 0)
                status = cmd_usage_error(ctx, "model '%s' has no predictions for dev examples, "
                                         "so auto cannot size the Eyeball part; give a size "
                                         "(--eyeball N) or import predictions that cover dev",
                                         m);
            else if (errors == 0)
                status = cmd_usage_error(ctx, "model '%s' gets every one of its %s dev examples "
                                         "right, so auto cannot size the Eyeball part; give a "
                                         "size (--eyeball N)", m, util_fmt_int(examples, n1));
            if (status) {
                free(m);
                goto done;
            }
            want = part_auto_size(errors, examples, PART_AUTO_ERRORS, dev);
            long long need = part_auto_size(errors, examples, PART_AUTO_ERRORS, LLONG_MAX);
            strbuf_addf(&out, "auto: model '%s' gets %s of %s dev examples wrong (%.1f%%), so "
                        "about %d errors need %s examples", m, util_fmt_int(errors, n1),
                        util_fmt_int(examples, n2), 100.0 * (double)errors / (double)examples,
                        PART_AUTO_ERRORS, util_fmt_int(need, n3));
            if (need > dev)
                strbuf_addf(&out, "; dev has %s, so all of it", util_fmt_int(dev, n1));
            strbuf_addc(&out, '\n');
            free(m);
        }
    }
    long long shown = 0;
    long long taken = (long long)part_choose(d.items, d.n, want, &shown);
    long long eyeball = d.eyeball + taken;
    blackbox = dev - eyeball;
    if (r->renew) {
        strbuf_addf(&out, "%s %s dev example%s from Blackbox to Eyeball",
                    r->dry ? "would move" : "moved", util_fmt_int(taken, n1), util_s(taken));
        how_chosen(&out, taken, shown, r->seed);
        if (taken < want)
            strbuf_adds(&out, ", all that were left");
        else if (taken > want)
            strbuf_addf(&out, ", more than %s because every example shown goes", 
                        util_fmt_int(want, n1));
        strbuf_addc(&out, '\n');
    } else {
        strbuf_addf(&out, "Eyeball: %s of %s dev examples", util_fmt_int(taken, n1),
                    util_fmt_int(dev, n2));
        how_chosen(&out, taken, shown, r->seed);
        if (taken > want)
            strbuf_addf(&out, "; more than %s because every example shown goes",
                        util_fmt_int(want, n1));
        strbuf_addc(&out, '\n');
    }
    strbuf_addf(&out, "Eyeball %s, Blackbox %s: review draws dev examples from Eyeball only; "
                "nobody looks at Blackbox (review --blackbox does, recorded)\n",
                util_fmt_int(eyeball, n1), util_fmt_int(blackbox, n2));
    if (blackbox == 0)
        strbuf_adds(&out, "warning: no Blackbox part is left, so no dev example stays an "
                          "honest measure; add samples and split to grow dev\n");
    if (r->dry) {
        strbuf_adds(&out, "dry run: the store is unchanged\n");
    } else {
        detail = detail_json(r, model, want, taken, shown, eyeball, blackbox);
        if (store_part_save(st, &d, r->renew ? "renew" : "eyeball", detail, &e) < 0) {
            status = cmd_fail(&e);
            goto done;
        }
    }
    fputs(out.buf, stdout);
done:
    store_part_abort(st); /* after a commit there is nothing left to end */
    free(model);
    free(detail);
    strbuf_done(&out);
    store_part_free(&d);
    store_close(st);
    return status;
}
