/* cmd_scan.c: eyeball scan: content hashes of the image files, exact duplicates and
 * leakage between train and the evaluation splits. */
#include "config.h"
#include "cmd_actions.h"
#include "decoder.h"
#include "near.h"
#include "scan.h"
#include "store_near.h"
#include "store_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
    "usage: eyeball scan [--split LIST] [--near [--distance D]]\n"
    "\n"
    "Reads the image file of every sample and stores a hash of its bytes (XXH3-128),\n"
    "then reports the files it could not read, the groups of exact duplicates (the\n"
    "same image under several ids: a label fix to one is staged for all), and\n"
    "LEAKAGE: an image that is in train and also in dev, test or train-dev.\n"
    "\n"
    "  --split LIST   only hash the samples of these splits, comma-separated among\n"
    "                 train, dev, test, train-dev and unassigned (default: all);\n"
    "                 duplicates and leakage are always counted over the whole store\n"
    "  --near         also decode each image (in the decoder helper, from the same read)\n"
    "                 and store a 64-bit perceptual hash (DCT of a 32x32 grey thumbnail);\n"
    "                 images within --distance bits of each other are near-duplicates:\n"
    "                 the same picture resized, re-encoded as JPEG, brightened or cropped\n"
    "                 by a few percent (mirrored copies do not count). Groups of them are\n"
    "                 kept for 'eyeball dups --near', status and report\n"
    "  --distance D   bits that may differ, 0 to 16 (default 10)\n";

/* Default --distance: see the README (copies of test images are within 8 bits, the
 * closest unrelated pair of the test set is 22 bits apart). */
#define SCAN_NEAR_DISTANCE 10

/* Samples read from the store at a time: memory stays bounded on huge stores. */
#define SCAN_BATCH 4096
/* Unreadable files listed by id; the rest are counted. */
#define SCAN_SHOWN 5
/* Leakage groups listed. */
#define SCAN_GROUPS_SHOWN 10
/* Below this many files no progress line is drawn. */
#define SCAN_PROGRESS_MIN 2000

static const char *const split_names[] = {"train", "dev", "test", "train-dev", "unassigned"};

/* Splits "dev,test" into words (in buf, which it modifies); user error for an unknown one. */
static int parse_splits(cmd_ctx_t *ctx, char *buf, char **out, size_t *n)
{
    *n = 0;
    char *save = NULL;
    for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        int known = 0;
        for (size_t i = 0; i < sizeof split_names / sizeof *split_names; i++)
            known |= strcmp(w, split_names[i]) == 0;
        if (!known) {
            char *safe = util_sanitize(w);
            cmd_usage_error(ctx, "unknown split '%s' in --split (use train, dev, test, "
                            "train-dev or unassigned, comma-separated)", safe);
            free(safe);
            return -1;
        }
        if (*n < 8)
            out[(*n)++] = w;
    }
    if (!*n) {
        cmd_usage_error(ctx, "--split needs at least one split name");
        return -1;
    }
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct scan_run {
    scan_hash_t *hashes;
    size_t n;
    long long hashed, failed;
    char *shown[SCAN_SHOWN]; /* "id: why (path)" of the first unreadable files */
    decoder_t *dec;          /* near scans: the decoder helper, else NULL */
    long long undecoded;     /* near scans: files hashed but not decoded */
    char *undec_shown[SCAN_SHOWN];
} scan_run_t;

/* One file: its content hash, and with a decoder its perceptual hash from the same read.
 * When the helper crashes or times out on a file, the bytes are hashed here instead. */
static int hash_one(scan_run_t *run, const scan_item_t *it, scan_hash_t *h, err_t *why)
{
    if (!run->dec)
        return scan_hash_file(it->path, h->h, why);
    decoder_hashes_t dh;
    err_t derr = {0};
    char reason[sizeof dh.why];
    if (decoder_hash(run->dec, it->path, &dh, &derr) == 0) {
        memcpy(h->h, dh.content, SCAN_HASH_BYTES);
        h->phash = dh.phash;
        h->phash_ok = dh.phash_ok;
        snprintf(reason, sizeof reason, "%s", dh.why);
    } else if (derr.code == EXIT_SYSTEM) {
        if (scan_hash_file(it->path, h->h, why) < 0)
            return -1;
        size_t k = strnlen(derr.msg, sizeof reason - 1);
        memcpy(reason, derr.msg, k);
        reason[k] = '\0';
    } else {
        *why = derr;
        return -1;
    }
    if (!h->phash_ok) {
        if (run->undecoded < SCAN_SHOWN) {
            char *id = util_sanitize(it->id), *path = util_sanitize(it->path);
            run->undec_shown[run->undecoded] = xasprintf("%s: %s (%s)", id, reason, path);
            free(id);
            free(path);
        }
        run->undecoded++;
    }
    return 0;
}

/* Hashes every selected file; progress on a terminal for many files. */
static int hash_all(store_t *st, const scan_filter_t *f, long long total, scan_run_t *run,
                    err_t *e)
{
    int progress = total >= SCAN_PROGRESS_MIN && isatty(STDERR_FILENO);
    double last = 0;
    long long after = 0;
    run->hashes = xcalloc((size_t)total + 1, sizeof *run->hashes);
    for (;;) {
        scan_item_t *items;
        size_t n;
        if (store_scan_items(st, f, after, SCAN_BATCH, &items, &n, e) < 0)
            return -1;
        if (!n) {
            free(items);
            break;
        }
        for (size_t i = 0; i < n && run->n < (size_t)total + 1; i++) {
            scan_hash_t *h = &run->hashes[run->n++];
            err_t why = {0};
            h->sid = items[i].sid;
            h->ok = hash_one(run, &items[i], h, &why) == 0;
            if (h->ok) {
                run->hashed++;
            } else {
                if (run->failed < SCAN_SHOWN) {
                    char *id = util_sanitize(items[i].id), *path = util_sanitize(items[i].path);
                    run->shown[run->failed] = xasprintf("%s: %s (%s)", id, why.msg, path);
                    free(id);
                    free(path);
                }
                run->failed++;
            }
            if (progress && now_s() - last > 0.1) {
                last = now_s();
                char a[32], b[32];
                fprintf(stderr, "\rhashing %s of %s files", util_fmt_int((long long)run->n, a),
                        util_fmt_int(total, b));
            }
        }
        after = items[n - 1].sid;
        store_scan_items_free(items, n);
    }
    if (progress)
        fputs("\r\033[K", stderr);
    return 0;
}

static void print_leakage(long long groups, long long eval, const dup_group_t *v, size_t n)
{
    char a[32];
    if (!groups) {
        printf("no leakage: no image in train is also in dev, test or train-dev\n");
        return;
    }
    printf("LEAKAGE: %s train image%s %s also in dev, test or train-dev (%lld example%s "
           "there):\n",
           util_fmt_int(groups, a), groups == 1 ? "" : "s", groups == 1 ? "is" : "are", eval,
           eval == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        printf(" ");
        for (size_t k = 0; k < v[i].n; k++) {
            char *id = util_sanitize(v[i].m[k].id);
            printf("%s %s (%s)", k ? "," : "", id, v[i].m[k].split ? v[i].m[k].split
                                                                  : "unassigned");
            free(id);
        }
        putchar('\n');
    }
    if ((size_t)groups > n)
        printf("  ... and %lld more\n", groups - (long long)n);
}

/* The near-duplicate groups over every stored perceptual hash, this scan's replacing the
 * stored ones of the same samples. Fills *ns (caller frees its arrays). */
static int near_compute(store_t *st, const scan_run_t *run, int distance, near_save_t *ns,
                        long long *pairs, err_t *e)
{
    long long *old_sid;
    uint64_t *old_h;
    size_t nold;
    if (store_phashes_load(st, &old_sid, &old_h, &nold, e) < 0)
        return -1;
    size_t cap = nold + run->n + 1, n = 0, a = 0, b = 0;
    long long *sid = xmalloc(cap * sizeof *sid);
    uint64_t *h = xmalloc(cap * sizeof *h);
    /* Both lists are in sid order: merge them, this scan winning. */
    while (a < nold || b < run->n) {
        const scan_hash_t *nw = b < run->n ? &run->hashes[b] : NULL;
        if (nw && (a == nold || nw->sid <= old_sid[a])) {
            if (a < nold && old_sid[a] == nw->sid)
                a++;
            b++;
            if (nw->ok && nw->phash_ok) {
                sid[n] = nw->sid;
                h[n++] = nw->phash;
            }
        } else {
            sid[n] = old_sid[a];
            h[n++] = old_h[a++];
        }
    }
    free(old_sid);
    free(old_h);
    uint32_t *group = xmalloc((n ? n : 1) * sizeof *group);
    int *dist = xmalloc((n ? n : 1) * sizeof *dist);
    near_groups(h, n, distance, group, dist, pairs);
    free(h);
    ns->sid = sid;
    ns->group = group;
    ns->dist = dist;
    ns->n = n;
    ns->distance = distance;
    return 0;
}

static void print_near(store_t *st, const scan_run_t *run, int distance, long long pairs,
                       err_t *e)
{
    near_summary_t ns;
    char a[32], b[32];
    if (store_near_summary(st, &ns, e) < 0)
        return;
    printf("perceptual hashes: %s image%s decoded", util_fmt_int(ns.hashed, a),
           util_s(ns.hashed));
    if (run->undecoded)
        printf(", %lld file%s hashed but not decoded", run->undecoded, util_s(run->undecoded));
    putchar('\n');
    for (long long i = 0; i < run->undecoded && i < SCAN_SHOWN; i++)
        printf("  %s\n", run->undec_shown[i]);
    if (run->undecoded > SCAN_SHOWN)
        printf("  ... and %lld more\n", run->undecoded - SCAN_SHOWN);
    if (!ns.groups) {
        printf("near-duplicates (distance %d or less): none\n", distance);
        return;
    }
    printf("near-duplicates (distance %d or less): %s group%s, %s sample%s, %lld pair%s; "
           "'eyeball dups --near' lists them\n",
           distance, util_fmt_int(ns.groups, a), util_s(ns.groups),
           util_fmt_int(ns.members, b), util_s(ns.members), pairs, util_s(pairs));
    if (ns.cross)
        printf("NEAR LEAKAGE: %lld group%s hold%s a train image and a dev, test or train-dev "
               "image (%lld example%s there); 'eyeball dups --near --cross-split' lists them\n",
               ns.cross, util_s(ns.cross), ns.cross == 1 ? "s" : "", ns.cross_eval,
               util_s(ns.cross_eval));
    else
        printf("no near leakage: no near-duplicate group spans train and dev, test or "
               "train-dev\n");
    if (ns.inside)
        printf("inside dev or test: %lld group%s, %lld example%s beyond the first of each "
               "(they inflate the apparent sample size)\n",
               ns.inside, util_s(ns.inside), ns.inside_extra, util_s(ns.inside_extra));
}

int cmd_scan(cmd_ctx_t *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"split", required_argument, NULL, 's'},
        {"near", no_argument, NULL, 'n'},
        {"distance", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    char *splitbuf = NULL, *splits[8];
    scan_filter_t f = {splits, 0};
    int c, near = 0, distance = SCAN_NEAR_DISTANCE, distance_given = 0;
    unsigned long ul;
    optind = 1;
    while ((c = cmd_getopt(ctx, argc, argv, "", longopts, help)) != -1) {
        switch (c) {
        case 'h': free(splitbuf); return EXIT_OK;
        case '?': free(splitbuf); return EXIT_USER;
        case 'n': near = 1; break;
        case 'D':
            if (util_parse_ulong(optarg, &ul) < 0 || ul > NEAR_MAX_DISTANCE) {
                char *safe = util_sanitize(optarg);
                free(splitbuf);
                cmd_usage_error(ctx, "--distance wants a number of bits from 0 to %d, not "
                                "'%s'", NEAR_MAX_DISTANCE, safe);
                free(safe);
                return EXIT_USER;
            }
            distance = (int)ul;
            distance_given = 1;
            break;
        case 's':
            free(splitbuf);
            splitbuf = xstrdup(optarg);
            if (parse_splits(ctx, splitbuf, splits, &f.nsplits) < 0) {
                free(splitbuf);
                return EXIT_USER;
            }
            break;
        }
    }
    if (optind < argc) {
        free(splitbuf);
        return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
    }
    if (distance_given && !near) {
        free(splitbuf);
        return cmd_usage_error(ctx, "--distance is for near-duplicates: add --near");
    }
    int status = EXIT_OK;
    store_t *st = cmd_open(ctx, STORE_MAYBE_RO, &status);
    if (!st) {
        free(splitbuf);
        return status;
    }
    err_t e = {0};
    scan_run_t run = {0};
    near_save_t ns = {0};
    long long pairs = 0;
    if (near)
        run.dec = decoder_new(NULL);
    dup_group_t *leaks = NULL;
    size_t nleaks = 0;
    long long groups, dups, lgroups, leval;
    long long total = store_scan_count(st, &f, &e);
    if (total == 0)
        err_set(&e, EXIT_USER, "no samples to scan%s; 'eyeball status' shows the splits",
                f.nsplits ? " in the chosen splits" : " (import samples first)");
    if (total <= 0 || hash_all(st, &f, total, &run, &e) < 0 ||
        (near && near_compute(st, &run, distance, &ns, &pairs, &e) < 0) ||
        store_hashes_save(st, run.hashes, run.n, near ? &ns : NULL, &e) < 0 ||
        store_duplicates_count(st, &groups, &dups, &e) < 0 ||
        store_leakage_count(st, &lgroups, &leval, &e) < 0 ||
        store_leakage_groups(st, SCAN_GROUPS_SHOWN, &leaks, &nleaks, &e) < 0) {
        status = cmd_fail(&e);
    } else {
        char a[32], b[32];
        printf("scanned %s sample%s: %s file%s hashed", util_fmt_int(total, a),
               total == 1 ? "" : "s", util_fmt_int(run.hashed, b), run.hashed == 1 ? "" : "s");
        if (run.failed)
            printf(", %lld missing or unreadable", run.failed);
        putchar('\n');
        for (long long i = 0; i < run.failed && i < SCAN_SHOWN; i++)
            printf("  %s\n", run.shown[i]);
        if (run.failed > SCAN_SHOWN)
            printf("  ... and %lld more\n", run.failed - SCAN_SHOWN);
        if (groups)
            printf("exact duplicates: %s group%s, %s sample%s (a label fix to one is staged for "
                   "all copies)\n",
                   util_fmt_int(groups, a), groups == 1 ? "" : "s", util_fmt_int(dups, b),
                   util_s(dups));
        else
            printf("exact duplicates: none\n");
        print_leakage(lgroups, leval, leaks, nleaks);
        if (near)
            print_near(st, &run, distance, pairs, &e);
        if (e.code)
            status = cmd_fail(&e);
    }
    for (long long i = 0; i < run.failed && i < SCAN_SHOWN; i++)
        free(run.shown[i]);
    for (long long i = 0; i < run.undecoded && i < SCAN_SHOWN; i++)
        free(run.undec_shown[i]);
    decoder_free(run.dec);
    free((void *)ns.sid);
    free((void *)ns.group);
    free((void *)ns.dist);
    free(run.hashes);
    store_dup_groups_free(leaks, nleaks);
    free(splitbuf);
    store_close(st);
    return status;
}
