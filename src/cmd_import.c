/* cmd_import.c: eyeball import samples|preds. */
#include "config.h"
#include "cmd.h"
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "usage: eyeball import samples FILE|DIR [--format csv|jsonl|folder] [--root DIR] [--update]\n"
    "       eyeball import preds FILE --model NAME [--format csv|jsonl]\n"
    "\n"
    "Adds samples to the store, or adds or replaces one model's predictions. All or\n"
    "nothing: the first bad row stops the import with FILE:LINE and changes nothing.\n"
    "\n"
    "  --format F     csv, jsonl or folder (default: from the file name's extension;\n"
    "                 a directory is a folder)\n"
    "  --root DIR     resolve relative paths against DIR (default: the file's directory)\n"
    "  --update       replace the fields of samples whose id exists with other fields\n"
    "  --model NAME   the model the predictions come from (required for preds)\n"
    "\n"
    "Samples CSV: a header naming path and label (required), id, split (train, dev,\n"
    "test, train-dev or empty), source; other columns are kept as metadata.\n"
    "Samples folder: DIR/<split>/<label>/<file> or DIR/<label>/<file>.\n"
    "Predictions CSV: id, pred, optional confidence, and optionally one prob:<label>\n"
    "column for every class of the dataset; each row's probabilities sum to 1.\n"
    "Predictions JSONL: {\"id\": ..., \"pred\": ..., \"confidence\": ..., \"probs\": {...}}\n";

int cmd_import(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"root", required_argument, NULL, 'r'},
        {"update", no_argument, NULL, 'u'},
        {"model", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = NULL, *root = NULL, *model = NULL;
    int update = 0, c;
    /* The kind comes first: "import samples FILE ..." */
    if (argc < 2) {
        fputs(help, stderr);
        return EXIT_USER;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(help, stdout);
        return EXIT_OK;
    }
    const char *kind = argv[1];
    int is_samples = strcmp(kind, "samples") == 0;
    if (!is_samples && strcmp(kind, "preds") != 0)
        return cmd_usage_error(ctx, "unknown kind '%s' (use samples or preds)", kind);
    argc--;
    argv++;
    const char *file = NULL;
    optind = 1;
    for (;;) {
        c = cmd_getopt(ctx, argc, argv, "", longopts, help);
        if (c == -1) {
            if (optind < argc) {
                if (file)
                    return cmd_usage_error(ctx, "one file at a time (got '%s' and '%s')", file,
                                           argv[optind]);
                file = argv[optind++];
                continue;
            }
            break;
        }
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'f': format = optarg; break;
        case 'r': root = optarg; break;
        case 'u': update = 1; break;
        case 'm': model = optarg; break;
        }
    }
    if (!file)
        return cmd_usage_error(ctx, "import %s needs a FILE", kind);
    if (is_samples && model)
        return cmd_usage_error(ctx, "--model is for import preds");
    if (!is_samples && (root || update))
        return cmd_usage_error(ctx, "--root and --update are for import samples");
    if (!is_samples && !model)
        return cmd_usage_error(ctx, "import preds needs --model NAME");

    err_t e = {0};
    const char *fmt = import_format(file, format, is_samples, &e);
    if (!fmt)
        return cmd_fail(&e);
    if (strcmp(fmt, "folder") != 0 && strcmp(file, "-") != 0) {
        struct stat sb;
        if (stat(file, &sb) != 0) {
            err_set(&e, EXIT_USER, "%s: no such file", file);
            return cmd_fail(&e);
        }
        if (S_ISDIR(sb.st_mode)) {
            err_set(&e, EXIT_USER, "%s: is a directory; use --format folder for a folder of "
                    "images", file);
            return cmd_fail(&e);
        }
    }

    struct stat sb;
    int existed = stat(ctx->db, &sb) == 0;
    int status = 0;
    store_t *st = cmd_open(ctx, is_samples ? STORE_CREATE : 0, &status);
    if (!st)
        return status;
    import_stats_t stats;
    int r = is_samples ? import_samples(st, file, fmt, root, update, &stats, &e)
                       : import_preds(st, file, model, fmt, &stats, &e);
    store_close(st);
    if (r < 0) {
        if (!existed) {
            /* Nothing is created by a failed first import. */
            char *p;
            unlink(ctx->db);
            p = xasprintf("%s-wal", ctx->db);
            unlink(p);
            free(p);
            p = xasprintf("%s-shm", ctx->db);
            unlink(p);
            free(p);
        }
        return cmd_fail(&e);
    }
    if (is_samples) {
        printf("imported %ld samples from %s: %ld added, %ld updated, %ld unchanged", stats.rows,
               file, stats.added, stats.updated, stats.unchanged);
        if (stats.skipped)
            printf(", %ld non-image entries skipped", stats.skipped);
        putchar('\n');
        if (stats.moved)
            printf("%ld updated sample%s point%s to another file: run 'eyeball scan' to find "
                   "exact duplicates again\n", stats.moved, stats.moved == 1 ? "" : "s",
                   stats.moved == 1 ? "s" : "");
    } else {
        printf("%s %ld predictions of model '%s' from %s (%s)\n",
               stats.replaced ? "replaced with" : "imported", stats.rows, model, file,
               stats.with_probs ? "with probabilities" : "without probabilities");
    }
    return EXIT_OK;
}
