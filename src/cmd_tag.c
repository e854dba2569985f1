/* cmd_tag.c: eyeball tag, the review screen's category keys for scripts (untag shares
 * the code, see cmd_untag.c). */
#include "config.h"
#include "cmd_actions.h"
#include "store_review.h"

#include <stdio.h>
#include <stdlib.h>

static const char help[] =
    "usage: eyeball tag ID CATEGORY... [--blackbox]\n"
    "\n"
    "Ticks the error categories CATEGORY (by name) on the example ID, as the category\n"
    "keys do in the review screen; the example counts as reviewed. All or nothing: an\n"
    "unknown id or category changes nothing. 'eyeball categories' lists the categories.\n"
    "The reviewer is $EYEBALL_REVIEWER, else $USER; each reviewer's ticks are their own,\n"
    "kept beside the others' ('eyeball agreement' compares them).\n"
    "\n"
    "  --blackbox  judge an example of dev's Blackbox part that nothing has shown yet\n"
    "              (refused without it; 'review --blackbox' shows such examples)\n";

/* Prints "PRE ID POST: a, b" for the names whose changed[i] equals want. */
static void print_names(const char *pre, const char *id, const char *post, char *const *names,
                        const int *changed, int n, int want)
{
    int first = 1;
    for (int i = 0; i < n; i++) {
        if (changed[i] != want)
            continue;
        char *safe = util_sanitize(names[i]);
        if (first)
            printf("%s%s%s", pre, id, post);
        printf("%s %s", first ? ":" : ",", safe);
        free(safe);
        first = 0;
    }
    if (!first)
        putchar('\n');
}

int cmd_tag_run(cmd_ctx_t *ctx, int argc, char **argv, int on, const char *usage)
{
    static const struct option longopts[] = {
        {"blackbox", no_argument, NULL, 'B'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    int npos = 0, c, status = EXIT_OK, blackbox = 0;
    optind = 1;
    while ((c = cmd_actions_getopt(ctx, argc, argv, "", longopts, usage, pos, &npos)) != -1) {
        if (c == 'B') {
            blackbox = 1;
        } else if (c == 'h' || c == '?') {
            free(pos);
            return c == 'h' ? EXIT_OK : EXIT_USER;
        }
    }
    if (npos < 2) {
        free(pos);
        return cmd_usage_error(ctx, npos ? "give at least one category after the id"
                                         : "give an example id and at least one category");
    }
    store_t *st = cmd_open(ctx, STORE_MAYBE_RO, &status);
    if (!st) {
        free(pos);
        return status;
    }
    err_t e = {0};
    int *changed = xcalloc((size_t)npos, sizeof *changed);
    long long sid = store_sample_sid(st, pos[0], &e);
    if (sid < 0 || cmd_actions_blackbox_guard(st, sid, pos[0], blackbox, &e) < 0 ||
        store_tag_names(st, sid, pos + 1, (size_t)(npos - 1), on, util_reviewer(), changed,
                        &e) < 0) {
        status = cmd_fail(&e);
    } else {
        char *id = util_sanitize(pos[0]);
        print_names(on ? "tagged " : "untagged ", id, "", pos + 1, changed, npos - 1, 1);
        print_names("", id, on ? " already had" : " did not have", pos + 1, changed, npos - 1, 0);
        free(id);
    }
    free(changed);
    free(pos);
    store_close(st);
    return status;
}

int cmd_tag(cmd_ctx_t *ctx, int argc, char **argv)
{
    return cmd_tag_run(ctx, argc, argv, 1, help);
}
