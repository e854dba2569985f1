/* main.c: global options, then the command table. */
#include "config.h"
#include "cmd.h"
#include "decoder.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(cmd_ctx_t *ctx, int argc, char **argv);
    const char *synopsis;
    const char *summary;
} command_t;

static const command_t commands[] = {
#define CMD(name, synopsis, summary) {#name, cmd_##name, synopsis, summary},
#include "commands.def"
#undef CMD
};

static void usage(FILE *f)
{
    fputs("usage: eyeball [-d DB] COMMAND [ARGS]\n"
          "\n"
          "Error analysis and label cleaning for image classifiers, in the terminal.\n"
          "\n"
          "Commands:\n", f);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        const char *s = commands[i].synopsis;
        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t n = nl ? (size_t)(nl - s) : strlen(s);
            fprintf(f, "  eyeball %.*s\n", (int)n, s);
            s += n + (nl != NULL);
        }
        fprintf(f, "      %s\n", commands[i].summary);
    }
    fputs("\n"
          "Options:\n"
          "  -d, --db FILE   the store (default: $EYEBALL_DB, else ./eyeball.db)\n"
          "  -h, --help      show this help; 'eyeball COMMAND --help' for one command\n"
          "  -V, --version   show the version\n"
          "\n"
          "Exit status: 0 success, 1 user error (bad input or arguments, refused action),\n"
          "2 system error. See eyeball(1).\n", f);
}

int main(int argc, char **argv)
{
    /* The image decoder's helper process is this program started again (decoder.h). */
    if (argc >= 2 && strcmp(argv[1], DECODER_HELPER_ARG) == 0)
        return decoder_helper_main(argc, argv);
    /* Past a file size limit (ulimit -f), write() then fails with EFBIG and the store
     * reports it, instead of SIGXFSZ killing the program in the middle of a write. */
    signal(SIGXFSZ, SIG_IGN);
    setlocale(LC_ALL, "");
    /* Numbers in files and output are always written with a decimal point. */
    setlocale(LC_NUMERIC, "C");
    cmd_ctx_t ctx = {0};
    const char *dflag = NULL;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-d") == 0 || strcmp(a, "--db") == 0) {
            if (i + 1 >= argc) {
                util_msg("eyeball: %s needs a file name; see 'eyeball --help'", a);
                return EXIT_USER;
            }
            dflag = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            dflag = a + 5;
        } else if (strncmp(a, "-d", 2) == 0 && a[2]) {
            dflag = a + 2;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("eyeball %s\n", PACKAGE_VERSION);
            return EXIT_OK;
        } else if (a[0] == '-') {
            util_msg("eyeball: unknown option '%s'; see 'eyeball --help'", a);
            return EXIT_USER;
        } else {
            break;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USER;
    }
    ctx.db = store_default_path(dflag);
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            ctx.name = commands[k].name;
            return commands[k].run(&ctx, argc - i, argv + i);
        }
    }
    util_msg("eyeball: unknown command '%s'; see 'eyeball --help'", argv[i]);
    return EXIT_USER;
}
