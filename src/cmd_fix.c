/* cmd_fix.c: eyeball fix, the review screen's relabel for scripts: stages a label fix. */
#include "config.h"
#include "cmd_actions.h"
#include "store_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball fix ID NEW_LABEL [--note TEXT] [--new-label] [--blackbox]\n"
    "       eyeball fix ID --withdraw [--blackbox]\n"
    "\n"
    "Stages a fix of the label of example ID, as relabelling in the review screen does;\n"
    "'eyeball apply' applies staged fixes to dev and test together. The example counts\n"
    "as reviewed and the mislabeled categories are ticked on it. Exact duplicates of\n"
    "its image (same content hash, see 'eyeball scan') get the same fix. A fix staged\n"
    "before for the example is replaced; fixing to its current label withdraws it.\n"
    "\n"
    "  --note TEXT    why the label is wrong, kept with the fix\n"
    "  --new-label    allow a label the dataset does not have yet\n"
    "  --withdraw     withdraw the example's staged fix instead (only your proposal\n"
    "                 when other reviewers propose the same fix)\n"
    "  --blackbox     judge an example of dev's Blackbox part that nothing has shown yet\n"
    "                 (refused without it; 'review --blackbox' shows such examples)\n"
    "\n"
    "The reviewer is $EYEBALL_REVIEWER, else $USER. Each reviewer's proposal is kept as\n"
    "theirs: 'eyeball agreement' compares them.\n";

int cmd_fix(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"note", required_argument, NULL, 'n'},
        {"new-label", no_argument, NULL, 'N'},
        {"withdraw", no_argument, NULL, 'w'},
        {"blackbox", no_argument, NULL, 'B'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    const char *note = NULL;
    int npos = 0, c, allow_new = 0, withdraw = 0, blackbox = 0, status = EXIT_OK;
    optind = 1;
    while ((c = cmd_actions_getopt(ctx, argc, argv, "", longopts, help, pos, &npos)) != -1) {
        switch (c) {
        case 'h':
        case '?':
            free(pos);
            return c == 'h' ? EXIT_OK : EXIT_USER;
        case 'n': note = optarg; break;
        case 'N': allow_new = 1; break;
        case 'w': withdraw = 1; break;
        case 'B': blackbox = 1; break;
        }
    }
    const char *problem = NULL;
    if (withdraw && (npos != 1 || note || allow_new))
        problem = npos > 1 ? "--withdraw takes the id only, no new label"
                           : npos ? "--note and --new-label do not go with --withdraw"
                                  : "give the id of the example whose fix to withdraw";
    else if (!withdraw && npos != 2)
        problem = npos < 2 ? "give an example id and its new label (or --withdraw)"
                           : "too many arguments: give one id and one new label (quote a label "
                             "with spaces)";
    if (problem) {
        free(pos);
        return cmd_usage_error(ctx, "%s", problem);
    }
    store_t *st = cmd_open(ctx, STORE_MAYBE_RO, &status);
    if (!st) {
        free(pos);
        return status;
    }
    err_t e = {0};
    fix_outcome_t out = {0};
    long long sid = store_sample_sid(st, pos[0], &e);
    int r = sid < 0 || cmd_actions_blackbox_guard(st, sid, pos[0], blackbox, &e) < 0 ? -1
            : withdraw
                ? store_fix_withdraw_ex(st, sid, util_reviewer(), &out, &e)
                : store_fix_ex(st, sid, pos[1], note, allow_new, util_reviewer(), &out, &e);
    if (r < 0) {
        status = cmd_fail(&e);
    } else {
        char *id = util_sanitize(pos[0]), *label = util_sanitize(out.label);
        char *prev = out.prev ? util_sanitize(out.prev) : NULL;
        char *to = withdraw ? NULL : util_sanitize(pos[1]);
        if (out.action == FIX_UNCHANGED) {
            printf("the fix of %s to %s is staged already\n", id, to);
        } else if (out.action == FIX_LEFT) {
            printf("withdrew your proposal %s -> %s for %s; the fix stays staged: other "
                   "reviewers propose it\n", label, prev, id);
        } else if (out.action == FIX_WITHDRAWN) {
            printf("withdrew the staged fix of %s: %s -> %s\n", id, label, prev);
            cmd_actions_print_ids("also withdrawn for", out.copies, out.ncopies);
        } else {
            printf("staged a fix of %s: %s -> %s", id, label, to);
            if (prev)
                printf(" (replaces the fix to %s)", prev);
            putchar('\n');
            cmd_actions_print_ids("also staged for", out.copies, out.ncopies);
        }
        free(id);
        free(label);
        free(prev);
        free(to);
    }
    store_fix_outcome_free(&out);
    free(pos);
    store_close(st);
    return status;
}
