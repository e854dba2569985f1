/* cmd_actions.h: what the review-action commands (tag, untag, fix, categories, scan)
 * share. */
#ifndef EYEBALL_CMD_ACTIONS_H
#define EYEBALL_CMD_ACTIONS_H

#include "cmd.h"

/* Options and operands in any order: like cmd_getopt, but operands are collected into
 * pos (room for argc entries) and counted in *npos; "--" makes the rest operands.
 * Returns the option character, -1 at the end, '?' or 'h' as cmd_getopt does.
 * Set optind = 1 before the first call. */
int cmd_actions_getopt(cmd_ctx_t *ctx, int argc, char **argv, const char *shortopts,
                      const struct option *longopts, const char *help, char **pos, int *npos);

/* eyeball tag (on=1) and untag (on=0). */
/* 0 when the example may be judged from the command line: it is not an unseen Blackbox
 * example (store_part_unseen_blackbox), or blackbox (--blackbox) is set. Else -1 with a
 * user error naming id and what to do. */
int cmd_actions_blackbox_guard(store_t *st, long long sid, const char *id, int blackbox,
                               err_t *e);

int cmd_tag_run(cmd_ctx_t *ctx, int argc, char **argv, int on, const char *help);

/* Prints "WHAT N exact duplicate(s): id, id ... and K more" and a newline: the first
 * 10 ids (CMD_ACTIONS_IDS_SHOWN in cmd_actions.c), sanitized. Nothing when n is 0. */
void cmd_actions_print_ids(const char *what, char *const *ids, size_t n);

#endif
