/* cmd_dups.c: eyeball dups: the groups of exact or near duplicates, one row per member. */
#include "config.h"
#include "cmd.h"
#include "store_near.h"
#include "store_scan.h"
#include "strbuf.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: eyeball dups [--near] [--cross-split] [--format text|csv|json]\n"
    "                    [--no-formula-guard]\n"
    "\n"
    "Lists the groups of duplicate images, one row per member: exact duplicates (the\n"
    "same bytes, from 'eyeball scan'), or with --near the near-duplicates the last\n"
    "'eyeball scan --near' found (the same picture resized, re-encoded, brightened or\n"
    "slightly cropped). Groups are numbered in the order of their first sample; distance\n"
    "is the number of perceptual-hash bits in which a member differs from the group's\n"
    "first member (0 for exact duplicates).\n"
    "\n"
    "  --near         near-duplicate groups instead of exact ones\n"
    "  --cross-split  only groups with a member in train and another in dev, test or\n"
    "                 train-dev: leakage, which makes dev and test errors look lower\n"
    "  --format F     text (default), csv (columns group,id,split,label,path,distance)\n"
    "                 or json (an array of groups, each with its members)\n"
    "  --no-formula-guard  CSV cells as they are; by default a cell a spreadsheet would\n"
    "                 run as a formula gets a leading apostrophe\n";

typedef struct out {
    const char *format;
    int guard;
    long long groups, rows, last;
    strbuf_t b;
    json_t *arr, *members; /* json: the groups, the members of the current one */
} out_t;

static void flush(out_t *o)
{
    util_write_out(o->b.buf, o->b.len, stdout);
    strbuf_reset(&o->b);
}

static int row(void *arg, const dups_row_t *r)
{
    out_t *o = arg;
    const char *split = r->split ? r->split : "";
    int first = r->group != o->last;
    o->last = r->group;
    o->groups += first;
    o->rows++;
    if (strcmp(o->format, "csv") == 0) {
        strbuf_addf(&o->b, "%lld,", r->group);
        strbuf_add_csv(&o->b, r->id, o->guard);
        strbuf_addc(&o->b, ',');
        strbuf_add_csv(&o->b, split, o->guard);
        strbuf_addc(&o->b, ',');
        strbuf_add_csv(&o->b, r->label, o->guard);
        strbuf_addc(&o->b, ',');
        strbuf_add_csv(&o->b, r->path, o->guard);
        strbuf_addf(&o->b, ",%d\r\n", r->dist);
    } else if (strcmp(o->format, "json") == 0) {
        if (first) {
            o->members = json_array();
            json_array_append_new(o->arr, json_pack("{s:I,s:o}", "group", (json_int_t)r->group,
                                                    "members", o->members));
        }
        json_array_append_new(o->members,
                              json_pack("{s:s,s:o,s:s,s:s,s:i}", "id", r->id, "split",
                                        r->split ? json_string(r->split) : json_null(),
                                        "label", r->label, "path", r->path, "distance",
                                        r->dist));
    } else {
        char *id = util_sanitize(r->id), *label = util_sanitize(r->label);
        char *path = util_sanitize(r->path);
        if (first)
            strbuf_addf(&o->b, "%sgroup %lld\n", o->groups > 1 ? "\n" : "", r->group);
        strbuf_addf(&o->b, "  %-10s %-10s %-12s distance %2d  %s\n", r->split ? r->split :
                    "unassigned", id, label, r->dist, path);
        free(id);
        free(label);
        free(path);
    }
    if (o->b.len > 1 << 16)
        flush(o);
    return 0;
}

int cmd_dups(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"near", no_argument, NULL, 'n'},
        {"cross-split", no_argument, NULL, 'x'},
        {"format", required_argument, NULL, 'f'},
        {"no-formula-guard", no_argument, NULL, 'G'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int c, near = 0, cross = 0;
    out_t o = {.format = "text", .guard = 1};
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': return EXIT_OK;
        case '?': return EXIT_USER;
        case 'n': near = 1; break;
        case 'x': cross = 1; break;
        case 'G': o.guard = 0; break;
        case 'f':
            if (!(o.format = cmd_format(ctx, optarg, "text,csv,json")))
                return EXIT_USER;
            break;
        }
    }
    if (optind < argc)
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    int status = EXIT_OK;
    store_t *st = cmd_open(ctx, STORE_MAYBE_RO, &status);
    if (!st)
        return status;
    err_t e = {0};
    near_summary_t ns;
    if (store_near_summary(st, &ns, &e) < 0) {
        store_close(st);
        return cmd_fail(&e);
    }
    if (near && !ns.scanned) {
        store_close(st);
        err_set(&e, EXIT_USER, "no near-duplicate scan yet: run 'eyeball scan --near' first");
        return cmd_fail(&e);
    }
    strbuf_init(&o.b);
    if (strcmp(o.format, "csv") == 0)
        strbuf_adds(&o.b, "group,id,split,label,path,distance\r\n");
    if (strcmp(o.format, "json") == 0)
        o.arr = json_array();
    if (store_dups_each(st, near, cross, row, &o, &e) < 0) {
        status = cmd_fail(&e);
    } else if (strcmp(o.format, "json") == 0) {
        char *text = json_dumps(o.arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        util_write_out(text, strlen(text), stdout);
        putchar('\n');
        free(text);
    } else if (strcmp(o.format, "text") == 0 && !o.groups) {
        printf("no %sduplicates%s\n", near ? "near-" : "exact ",
               cross ? " across train and dev, test or train-dev" : "");
    } else if (strcmp(o.format, "text") == 0) {
        flush(&o);
        printf("\n%lld group%s, %lld sample%s%s\n", o.groups, util_s(o.groups), o.rows,
               util_s(o.rows), near ? "" : " (exact copies)");
    }
    flush(&o);
    strbuf_done(&o.b);
    json_decref(o.arr);
    store_close(st);
    return status;
}
