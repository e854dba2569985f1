/* cmd.c: helpers the command files share: errors, option parsing, opening the store. */
#include "config.h"
#include "cmd.h"
#include "outfile.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cmd_fail(const err_t *e)
{
    util_msg("eyeball: %s", e->msg[0] ? e->msg : "failed");
    return e->code ? e->code : EXIT_USER;
}

int cmd_usage_error(const cmd_ctx_t *ctx, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    util_msg("eyeball %s: %s; see 'eyeball %s --help'", ctx->name, buf, ctx->name);
    return EXIT_USER;
}

int cmd_getopt(cmd_ctx_t *ctx, int argc, char **argv, const char *shortopts,
               const struct option *longopts, const char *help)
{
    char buf[64];
    snprintf(buf, sizeof buf, "+:h%s", shortopts ? shortopts : "");
    opterr = 0;
    int prev = optind;
    int c = getopt_long(argc, argv, buf, longopts, NULL);
    if (c == 'h') {
        fputs(help, stdout);
        return 'h';
    }
    if (c == '?') {
        const char *bad = prev < argc ? argv[prev] : "?";
        if (optopt && optopt != '?')
            cmd_usage_error(ctx, "unknown option '-%c'", optopt);
        else
            cmd_usage_error(ctx, "unknown option '%s'", bad);
        return '?';
    }
    if (c == ':') {
        cmd_usage_error(ctx, "option '%s' needs a value", argv[optind - 1]);
        return '?';
    }
    return c;
}

store_t *cmd_open(cmd_ctx_t *ctx, int flags, int *status)
{
    err_t e = {0};
    outfile_protect(ctx->db);
    store_t *st = store_open(ctx->db, flags, &e);
    if (!st)
        *status = cmd_fail(&e);
    return st;
}

const char *cmd_format(const cmd_ctx_t *ctx, const char *value, const char *allowed)
{
    size_t n = strlen(value);
    const char *p = allowed;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t m = comma ? (size_t)(comma - p) : strlen(p);
        if (m == n && strncmp(p, value, n) == 0)
            return value;
        p += m + (comma != NULL);
    }
    cmd_usage_error(ctx, "unknown format '%s' (use one of %s)", value, allowed);
    return NULL;
}
