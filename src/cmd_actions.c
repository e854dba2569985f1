/* cmd_actions.c: helpers of the review-action commands (tag, untag, fix, categories). */
#include "config.h"
#include "cmd_actions.h"
#include "store_part.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ids listed by name in messages; the rest are counted. */
#define CMD_ACTIONS_IDS_SHOWN 10

int cmd_actions_getopt(cmd_ctx_t *ctx, int argc, char **argv, const char *shortopts,
                      const struct option *longopts, const char *help, char **pos, int *npos)
{
    for (;;) {
        int prev = optind;
        int c = cmd_getopt(ctx, argc, argv, shortopts, longopts, help);
        if (c != -1)
            return c;
        if (optind == prev + 1 && strcmp(argv[prev], "--") == 0) {
            while (optind < argc)
                pos[(*npos)++] = argv[optind++];
            return -1;
        }
        if (optind >= argc)
            return -1;
        pos[(*npos)++] = argv[optind++];
    }
}

void cmd_actions_print_ids(const char *what, char *const *ids, size_t n)
{
    if (!n)
        return;
    printf("%s %zu exact duplicate%s:", what, n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n && i < CMD_ACTIONS_IDS_SHOWN; i++) {
        char *safe = util_sanitize(ids[i]);
        printf("%s %s", i ? "," : "", safe);
        free(safe);
    }
    if (n > CMD_ACTIONS_IDS_SHOWN)
        printf(" and %zu more", n - CMD_ACTIONS_IDS_SHOWN);
    putchar('\n');
}

int cmd_actions_blackbox_guard(store_t *st, long long sid, const char *id, int blackbox,
                               err_t *e)
{
    if (blackbox)
        return 0;
    int r = store_part_unseen_blackbox(st, sid, e);
    if (r <= 0)
        return r;
    char *safe = util_sanitize(id);
    err_set(e, EXIT_USER, "%s is in the Blackbox part of dev, which nobody is meant to look at; "
            "review Blackbox examples with eyeball review --blackbox, or add --blackbox to "
            "judge this one anyway (it then counts as shown, and the next split --renew moves "
            "it to Eyeball)", safe);
    free(safe);
    return -1;
}
