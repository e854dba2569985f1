/* cmd_categories.c: eyeball categories: list, add, rename, rm the error categories. */
#include "config.h"
#include "cmd_actions.h"
#include "store_review.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball categories [list] [--format text|json]\n"
    "       eyeball categories add NAME [--key K]\n"
    "       eyeball categories rename OLD NEW\n"
    "       eyeball categories rm NAME [--force]\n"
    "\n"
    "The error categories: why a misclassified example went wrong (blurry, occluded,\n"
    "mislabeled, ...). A new store starts with a default set; 'list' shows each with\n"
    "its key in the review screen and how many examples carry it. Categories can be\n"
    "added at any time, also in the middle of a review.\n"
    "\n"
    "  --format F     list as text (default) or json\n"
    "  --key K        the key that toggles the new category in the review screen: one\n"
    "                 letter or digit the screen does not use itself (default: the first\n"
    "                 free one of 1-9, then a-z)\n"
    "  --force        remove a category that examples carry, with its tags\n";

static int list(store_t *st, const char *format)
{
    err_t e = {0};
    if (!store_readonly(st) && store_categories_seed(st, &e) < 0)
        return cmd_fail(&e);
    category_t *v;
    size_t n;
    long long *counts = NULL;
    if (store_categories(st, &v, &n, &e) < 0)
        return cmd_fail(&e);
    if (store_category_counts(st, v, n, &counts, &e) < 0) {
        store_categories_free(v, n);
        return cmd_fail(&e);
    }
    if (strcmp(format, "json") == 0) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, json_pack("{s:s?,s:s,s:I,s:b}", "key", v[i].key, "name",
                                               v[i].name, "examples", (json_int_t)counts[i],
                                               "mislabeled", v[i].mislabeled));
        json_dumpf(a, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(a);
    } else if (!n) {
        printf("no categories; add one with 'eyeball categories add NAME'\n");
    } else {
        char buf[32];
        printf("%-4s %-20s %8s\n", "key", "category", "examples");
        for (size_t i = 0; i < n; i++) {
            char *name = util_sanitize(v[i].name);
            printf("%-4s %-20s %8s%s\n", v[i].key ? v[i].key : "-", name,
                   util_fmt_int(counts[i], buf),
                   v[i].mislabeled ? "  ticked when a label is fixed" : "");
            free(name);
        }
    }
    free(counts);
    store_categories_free(v, n);
    return EXIT_OK;
}

static int add(store_t *st, const char *name, const char *key)
{
    err_t e = {0};
    long long cid;
    if (store_category_add(st, name, key, &cid, &e) < 0)
        return cmd_fail(&e);
    category_t *v;
    size_t n;
    if (store_categories(st, &v, &n, &e) < 0)
        return cmd_fail(&e);
    char *safe = util_sanitize(name);
    for (size_t i = 0; i < n; i++) {
        if (v[i].cid != cid)
            continue;
        if (v[i].key)
            printf("added category '%s' (key %s)\n", safe, v[i].key);
        else
            printf("added category '%s' (no key: all are taken; tag it with 'eyeball tag')\n",
                   safe);
    }
    free(safe);
    store_categories_free(v, n);
    return EXIT_OK;
}

static int rm(store_t *st, const char *name, int force)
{
    err_t e = {0};
    long long cid = store_category_find(st, name, &e), used = 0;
    if (cid > 0) {
        category_t one = {.cid = cid};
        long long *counts;
        if (store_category_counts(st, &one, 1, &counts, &e) < 0)
            return cmd_fail(&e);
        used = counts[0];
        free(counts);
    }
    if (cid < 0 || store_category_rm(st, name, force, &e) < 0)
        return cmd_fail(&e);
    char *safe = util_sanitize(name);
    if (used)
        printf("removed category '%s' and its tags on %lld example%s\n", safe, used,
               used == 1 ? "" : "s");
    else
        printf("removed category '%s'\n", safe);
    free(safe);
    return EXIT_OK;
}

int cmd_categories(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"key", required_argument, NULL, 'k'},
        {"force", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    const char *format = NULL, *key = NULL;
    int npos = 0, c, force = 0, status = EXIT_OK;
    optind = 1;
    while ((c = cmd_actions_getopt(ctx, argc, argv, "", longopts, help, pos, &npos)) != -1) {
        switch (c) {
        case 'h':
        case '?':
            free(pos);
            return c == 'h' ? EXIT_OK : EXIT_USER;
        case 'f':
            if (!(format = cmd_format(ctx, optarg, "text,json"))) {
                free(pos);
                return EXIT_USER;
            }
            break;
        case 'k': key = optarg; break;
        case 'F': force = 1; break;
        }
    }
    const char *sub = npos ? pos[0] : "list";
    /* Operands each subcommand takes, and the options that go with it. */
    int want = -1;
    const char *problem = NULL;
    if (strcmp(sub, "list") == 0)
        want = 1;
    else if (strcmp(sub, "add") == 0 || strcmp(sub, "rm") == 0)
        want = 2;
    else if (strcmp(sub, "rename") == 0)
        want = 3;
    if (want < 0)
        problem = "(use list, add, rename or rm)";
    else if (npos > want || (npos < want && want > 1))
        problem = want == 3 ? "rename takes the old and the new name"
                  : want == 2 ? "give one category name (quote a name with spaces)"
                              : "list takes no names";
    else if (format && want != 1)
        problem = "--format goes with list";
    else if (key && strcmp(sub, "add") != 0)
        problem = "--key goes with add";
    else if (force && strcmp(sub, "rm") != 0)
        problem = "--force goes with rm";
    if (problem) {
        int r = want < 0 ? cmd_usage_error(ctx, "unknown subcommand '%s' %s", sub, problem)
                         : cmd_usage_error(ctx, "%s", problem);
        free(pos);
        return r;
    }
    store_t *st = cmd_open(ctx, STORE_MAYBE_RO, &status);
    if (!st) {
        free(pos);
        return status;
    }
    if (want == 1)
        status = list(st, format ? format : "text");
    else if (strcmp(sub, "add") == 0)
        status = add(st, pos[1], key);
    else if (strcmp(sub, "rm") == 0)
        status = rm(st, pos[1], force);
    else {
        err_t e = {0};
        if (store_category_rename(st, pos[1], pos[2], &e) < 0) {
            status = cmd_fail(&e);
        } else {
            char *o = util_sanitize(pos[1]), *n = util_sanitize(pos[2]);
            printf("renamed category '%s' to '%s'\n", o, n);
            free(o);
            free(n);
        }
    }
    free(pos);
    store_close(st);
    return status;
}
