/* cmd.h: what every command file shares. One file per command: cmd_<name>.c parses its
 * options, calls the modules and prints; it returns the exit status. */
#ifndef EYEBALL_CMD_H
#define EYEBALL_CMD_H

#include <getopt.h>
#include "store.h"
#include "util.h"

typedef struct cmd_ctx {
    const char *db;   /* store path after -d / $EYEBALL_DB / default */
    const char *name; /* command name, for messages */
} cmd_ctx_t;

#define CMD(name, synopsis, summary) int cmd_##name(cmd_ctx_t *ctx, int argc, char **argv);
#include "commands.def"
#undef CMD

/* Prints "eyeball: MSG" on stderr and returns e's exit status (1 when unset). */
int cmd_fail(const err_t *e);

/* Like cmd_fail for a message built here: a user error (status 1). */
int cmd_usage_error(const cmd_ctx_t *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Option parsing shared by the commands: getopt_long plus --help and uniform messages.
 * Returns the option character, -1 at the end, '?' after printing an error (the caller
 * returns EXIT_USER) or 'h' after printing help (the caller returns EXIT_OK). */
int cmd_getopt(cmd_ctx_t *ctx, int argc, char **argv, const char *shortopts,
               const struct option *longopts, const char *help);

/* Opens the command's store; NULL after printing the error (*status set). */
store_t *cmd_open(cmd_ctx_t *ctx, int flags, int *status);

/* Parses a --format value against a list like "text,csv,json"; NULL after an error. */
const char *cmd_format(const cmd_ctx_t *ctx, const char *value, const char *allowed);

#endif
