/* cmd_import.c: eyeball import samples|preds|embeddings. */
#include "config.h"
#include "cmd.h"
#include "import.h"
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "usage: eyeball import samples FILE|DIR [--format csv|jsonl|folder] [--root DIR] [--update]\n"
    "       eyeball import preds FILE --model NAME [--format csv|jsonl]\n"
    "       eyeball import embeddings FILE [--format csv|jsonl|npy] [--ids IDS]\n"
    "\n"
    "Adds samples to the store, adds or replaces one model's predictions, or replaces\n"
    "the samples' embeddings. All or nothing: the first bad row stops the import with\n"
    "FILE:LINE and changes nothing.\n"
    "\n"
    "  --format F     csv, jsonl or folder (default: from the file name's extension;\n"
    "                 a directory is a folder)\n"
    "  --root DIR     resolve relative paths against DIR (default: the file's directory)\n"
    "  --update       replace the fields of samples whose id exists with other fields\n"
    "  --model NAME   the model the predictions come from (required for preds)\n"
    "  --ids IDS      for a .npy matrix: the sample ids, one a line, in the order of the\n"
    "                rows (default: the .npy file's name with .ids for .npy)\n"
    "\n"
    "Samples CSV: a header naming path and label (required), id, split (train, dev,\n"
    "test, train-dev or empty), source; other columns are kept as metadata.\n"
    "Samples folder: DIR/<split>/<label>/<file> or DIR/<label>/<file>.\n"
    "Predictions CSV: id, pred, optional confidence, and optionally one prob:<label>\n"
    "column for every class of the dataset; each row's probabilities sum to 1.\n"
    "Predictions JSONL: {\"id\": ..., \"pred\": ..., \"confidence\": ..., \"probs\": {...}}\n"
    "Embeddings CSV: a header with id and one column per dimension (id,e0,e1,...).\n"
    "Embeddings JSONL: {\"id\": ..., \"embedding\": [0.12, -0.5, ...]}\n"
    "Embeddings .npy: a float32 (or float64) matrix, one row per sample, as numpy.save\n"
    "writes it; the ids in the IDS file.\n"
    "Every embedding has the same dimension and finite numbers; they are kept as\n"
    "32-bit floats, and an import replaces all embeddings of the store.\n";

/* The directory part of path ("." when it has none); caller frees. */
static char *dir_part(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
}

/* Where a new store named path is made: path itself, or the end of the chain of
 * symbolic links that path starts when it leads to no file yet. Its directory must
 * exist. Caller frees; NULL with e set. */
static char *creation_path(const char *path, err_t *e)
{
    char *p = xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat sb;
        if (lstat(p, &sb) != 0 || !S_ISLNK(sb.st_mode))
            break;
        char buf[PATH_MAX];
        ssize_t n = hops < 16 ? readlink(p, buf, sizeof buf - 1) : -1;
        if (n <= 0) {
            err_set(e, EXIT_USER, "%s: a symbolic link that cannot be followed (%s); point "
                    "-d at the store's real file", path, n < 0 && hops < 16 ? strerror(errno)
                    : "too many links");
            free(p);
            return NULL;
        }
        buf[n] = '\0';
        char *dir = dir_part(p);
        char *next = buf[0] == '/' ? xstrdup(buf) : xasprintf("%s/%s", dir, buf);
        free(dir);
        free(p);
        p = next;
    }
    char *dir = dir_part(p);
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        if (strcmp(p, path) != 0)
            err_set(e, EXIT_USER, "%s: a symbolic link to %s, whose directory %s does not "
                    "exist; create it first or point -d elsewhere", path, p, dir);
        else
            err_set(e, EXIT_USER, "%s: directory %s does not exist; create it first", path,
                    dir);
        free(p);
        p = NULL;
    }
    free(dir);
    return p;
}

/* Puts the finished store tmp in place as target, never over a file that is there:
 * 0 done, 1 target exists (another process made it meanwhile), -1 with e set. */
static int link_into_place(const char *tmp, const char *target, err_t *e)
{
    int r = link(tmp, target);
#ifdef RENAME_NOREPLACE
    if (r != 0 && (errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS))
        r = renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_NOREPLACE);
#endif
    if (r != 0)
        return errno == EEXIST ? 1
                               : err_set(e, EXIT_SYSTEM, "%s: cannot create the store: %s",
                                         target, strerror(errno));
    char *dir = dir_part(target);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(dir);
    return 0;
}

/* The first import into a store that does not exist: the store is built under a
 * hidden temporary name (locked, so a later run knows it is in use) and linked into
 * place only when the import succeeded. A failed or killed import leaves nothing
 * under the store's name, and a store another process made meanwhile is never
 * touched. Returns 0, 1 when another process made the store meanwhile (nothing
 * done), or -1 with e set. */
static int import_new_store(const char *db, const char *file, const char *fmt,
                            const char *root, int update, import_stats_t *stats, err_t *e)
{
    char *target = creation_path(db, e);
    if (!target)
        return -1;
    outfile_remove_stale(target);
    char *dir = dir_part(target);
    const char *slash = strrchr(target, '/');
    char *tmp = xasprintf("%s/.%s.eyeball-tmp.XXXXXX", dir, slash ? slash + 1 : target);
    free(dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno;
        err_set(e, err == ENOSPC || err == EIO ? EXIT_SYSTEM : EXIT_USER,
                "%s: cannot create the store: %s", db, strerror(err));
        free(tmp);
        free(target);
        return -1;
    }
    flock(fd, LOCK_EX | LOCK_NB);
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    store_t *st = store_open(tmp, STORE_CREATE, e);
    int r = st ? import_samples(st, file, fmt, root, update, stats, e) : -1;
    if (r == 0)
        r = store_settle(st, e);
    store_close(st);
    if (r < 0 && e && strncmp(e->msg, tmp, strlen(tmp)) == 0) {
        /* Name the store the user gave, not the hidden file it was being built in. */
        char *msg = xasprintf("%s%s", db, e->msg + strlen(tmp));
        snprintf(e->msg, sizeof e->msg, "%s", msg);
        free(msg);
    }
    if (r == 0)
        r = link_into_place(tmp, target, e);
    util_unlink_store(tmp);
    close(fd);
    free(tmp);
    free(target);
    return r;
}

/* eyeball import embeddings FILE: into a store that exists. */
static int import_embed_cmd(cmd_ctx_t *ctx, const char *file, const char *format,
                            const char *ids)
{
    err_t e = {0};
    size_t len = strlen(file);
    const char *fmt = format;
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0 &&
        strcmp(format, "npy") != 0) {
        err_set(&e, EXIT_USER, "unknown format '%s'; use csv, jsonl or npy", format);
        return cmd_fail(&e);
    }
    if (!fmt && len > 4 && strcmp(file + len - 4, ".npy") == 0)
        fmt = "npy";
    if (!fmt && !(fmt = import_format(file, NULL, 0, &e))) {
        err_set(&e, EXIT_USER, "%s: cannot tell the format from the file name; pass --format "
                "csv, jsonl or npy", file);
        return cmd_fail(&e);
    }
    if (ids && strcmp(fmt, "npy") != 0)
        return cmd_usage_error(ctx, "--ids is for a .npy matrix (--format npy)");
    char *ids_default = NULL;
    if (strcmp(fmt, "npy") == 0 && !ids) {
        size_t stem = len > 4 && strcmp(file + len - 4, ".npy") == 0 ? len - 4 : len;
        ids = ids_default = xasprintf("%.*s.ids", (int)stem, file);
    }
    struct stat sb;
    if (strcmp(file, "-") != 0 && stat(file, &sb) != 0) {
        err_set(&e, EXIT_USER, "%s: no such file", file);
        free(ids_default);
        return cmd_fail(&e);
    }
    int status = 0;
    store_t *st = cmd_open(ctx, 0, &status);
    if (!st) {
        free(ids_default);
        return status;
    }
    import_stats_t stats;
    size_t dim = 0;
    int r = import_embeddings(st, file, fmt, ids, &stats, &dim, &e);
    store_close(st);
    free(ids_default);
    if (r < 0)
        return cmd_fail(&e);
    char *sfile = util_sanitize(file);
    printf("imported %ld embedding%s of dimension %zu from %s", stats.rows, util_s(stats.rows),
           dim, sfile);
    if (stats.updated)
        printf(" (replacing %ld)", stats.updated);
    putchar('\n');
    free(sfile);
    return EXIT_OK;
}

int cmd_import(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"root", required_argument, NULL, 'r'},
        {"update", no_argument, NULL, 'u'},
        {"model", required_argument, NULL, 'm'},
        {"ids", required_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = NULL, *root = NULL, *model = NULL, *ids = NULL;
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
    int is_embed = strcmp(kind, "embeddings") == 0;
    if (!is_samples && !is_embed && strcmp(kind, "preds") != 0)
        return cmd_usage_error(ctx, "unknown kind '%s' (use samples, preds or embeddings)",
                               kind);
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
        case 'i': ids = optarg; break;
        }
    }
    if (!file)
        return cmd_usage_error(ctx, "import %s needs a FILE", kind);
    if (is_samples && model)
        return cmd_usage_error(ctx, "--model is for import preds");
    if (!is_samples && (root || update))
        return cmd_usage_error(ctx, "--root and --update are for import samples");
    if (is_embed && model)
        return cmd_usage_error(ctx, "--model is for import preds");
    if (is_embed)
        return import_embed_cmd(ctx, file, format, ids);
    if (ids)
        return cmd_usage_error(ctx, "--ids is for import embeddings of a .npy matrix");
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
    import_stats_t stats;
    int r = 1;
    if (is_samples && stat(ctx->db, &sb) != 0) {
        outfile_protect(ctx->db);
        r = import_new_store(ctx->db, file, fmt, root, update, &stats, &e);
        if (r < 0)
            return cmd_fail(&e);
        if (r == 1 && strcmp(file, "-") == 0) {
            err_set(&e, EXIT_USER, "%s: another eyeball created the store while this import "
                    "ran; nothing was imported; run the import again", ctx->db);
            return cmd_fail(&e);
        }
    }
    if (r == 1) {
        /* The store exists (perhaps made meanwhile by another process): import into it. */
        int status = 0;
        store_t *st = cmd_open(ctx, is_samples ? STORE_CREATE : 0, &status);
        if (!st)
            return status;
        r = is_samples ? import_samples(st, file, fmt, root, update, &stats, &e)
                       : import_preds(st, file, model, fmt, &stats, &e);
        store_close(st);
        if (r < 0)
            return cmd_fail(&e);
    }
    char *sfile = util_sanitize(file);
    if (is_samples) {
        printf("imported %ld sample%s from %s: %ld added, %ld updated, %ld unchanged",
               stats.rows, util_s(stats.rows), sfile, stats.added, stats.updated,
               stats.unchanged);
        if (stats.skipped)
            printf(", %ld non-image %s skipped", stats.skipped,
                   stats.skipped == 1 ? "entry" : "entries");
        putchar('\n');
        if (stats.moved)
            printf("%ld updated sample%s point%s to another file: run 'eyeball scan' to find "
                   "exact duplicates again\n", stats.moved, stats.moved == 1 ? "" : "s",
                   stats.moved == 1 ? "s" : "");
    } else {
        char *smodel = util_sanitize(model);
        printf("%s %ld prediction%s of model '%s' from %s (%s)\n",
               stats.replaced ? "replaced with" : "imported", stats.rows, util_s(stats.rows),
               smodel, sfile,
               stats.with_probs ? "with probabilities" : "without probabilities");
        free(smodel);
    }
    free(sfile);
    return EXIT_OK;
}
