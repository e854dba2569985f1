/* demo.c: the demo dataset: a plan (which sample is what), a simulated classifier whose
 * errors follow the plan's causes, the images, the CSV files, the import. */
#include "config.h"
#include "demo.h"
#include "import.h"
#include "raster.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const demo_classes[] = {"circle", "cross", "diamond", "square", "star", "triangle"};
const int demo_nclasses = RASTER_NSHAPES;
/* demo_classes[k] is drawn as raster shape k: both lists are in the same order. */

#define NCLASS RASTER_NSHAPES

/* How many samples, and how many of them get each cause of error. The dev split (20%)
 * must hold enough misclassified examples for a pass of 100 (Ng's "about 100"): about
 * 30% dev error over 400 dev images gives 110 to 130. */
#define DEMO_N 2000
#define SHARE_BLURRED 0.13
#define SHARE_OCCLUDED 0.10
#define SHARE_TINY 0.10
#define SHARE_MISLABELED 0.07
#define SHARE_PHONE 0.30
#define SHARE_DIM 0.20
#define SHARE_BRIGHT 0.30

/* ---- random numbers ----
 * splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014): the state advances by the golden-ratio constant 0x9e3779b97f4a7c15 and
 * each output is a fixed mix of the state. Every purpose (the plan, the classifier, each
 * image) has its own stream, derived from the seed and a stream number, so one more draw
 * in one place never shifts the others. */
typedef struct rng {
    uint64_t s;
} rng_t;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rng_next(rng_t *r)
{
    return mix64(r->s += 0x9e3779b97f4a7c15ULL);
}

static void rng_stream(rng_t *r, uint64_t seed, uint64_t stream)
{
    r->s = mix64(seed ^ mix64(stream + 0x2545f4914f6cdd1dULL));
}

/* Uniform in [0, 1), 53 bits. */
static double rng_unit(rng_t *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [lo, hi). */
static double rng_range(rng_t *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

/* Uniform integer in [0, n): the bias of the modulo is below n / 2^64. */
static int rng_below(rng_t *r, int n)
{
    return (int)(rng_next(r) % (uint64_t)n);
}

/* Standard normal (Box-Muller). */
static double rng_normal(rng_t *r)
{
    double u = 1.0 - rng_unit(r), v = rng_unit(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

static void rng_shuffle(rng_t *r, int *v, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = rng_below(r, i + 1), t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

/* ---- the plan ---- */

enum { SPLIT_TRAIN, SPLIT_DEV, SPLIT_TEST };
enum { LIGHT_BRIGHT, LIGHT_NORMAL, LIGHT_DIM };
static const char *const split_names[] = {"train", "dev", "test"};
static const char *const light_names[] = {"bright", "normal", "dim"};

typedef struct item {
    int truth;    /* the shape drawn */
    int given;    /* the label in samples.csv: truth, unless mislabeled */
    int split, phone, lighting;
    int blurred, occluded, tiny;
    int pred;     /* the simulated model's prediction */
    long p[NCLASS]; /* its probabilities in units of 1e-8, summing to exactly 1e8 */
} item_t;

/* Sets flag (an int member, by offset) on k items chosen at random. */
static void mark_some(rng_t *r, item_t *items, int n, int k, size_t offset)
{
    int *perm = xmalloc((size_t)n * sizeof *perm);
    for (int i = 0; i < n; i++)
        perm[i] = i;
    rng_shuffle(r, perm, n);
    for (int i = 0; i < k; i++)
        *(int *)((char *)&items[perm[i]] + offset) = 1;
    free(perm);
}

static int share(double f)
{
    return (int)lround(f * DEMO_N);
}

/* Who is what: balanced classes, an exact 60/20/20 split, exact counts of each cause,
 * each cause drawn independently (an image can be both blurred and tiny). */
static void plan(uint64_t seed, item_t *items)
{
    rng_t r;
    rng_stream(&r, seed, 1);
    int perm[DEMO_N];
    for (int i = 0; i < DEMO_N; i++)
        perm[i] = i;
    rng_shuffle(&r, perm, DEMO_N);
    for (int i = 0; i < DEMO_N; i++) {
        memset(&items[perm[i]], 0, sizeof *items);
        items[perm[i]].truth = i % NCLASS;
    }
    rng_shuffle(&r, perm, DEMO_N);
    for (int i = 0; i < DEMO_N; i++)
        items[perm[i]].split = i < share(0.6) ? SPLIT_TRAIN : i < share(0.8) ? SPLIT_DEV
                                                                             : SPLIT_TEST;
    rng_shuffle(&r, perm, DEMO_N);
    for (int i = 0; i < DEMO_N; i++)
        items[perm[i]].lighting = i < share(SHARE_DIM) ? LIGHT_DIM
                                  : i < share(SHARE_DIM + SHARE_BRIGHT) ? LIGHT_BRIGHT
                                                                        : LIGHT_NORMAL;
    mark_some(&r, items, DEMO_N, share(SHARE_PHONE), offsetof(item_t, phone));
    mark_some(&r, items, DEMO_N, share(SHARE_BLURRED), offsetof(item_t, blurred));
    mark_some(&r, items, DEMO_N, share(SHARE_OCCLUDED), offsetof(item_t, occluded));
    mark_some(&r, items, DEMO_N, share(SHARE_TINY), offsetof(item_t, tiny));
    for (int i = 0; i < DEMO_N; i++)
        items[i].given = items[i].truth;
    rng_shuffle(&r, perm, DEMO_N);
    for (int i = 0; i < share(SHARE_MISLABELED); i++) {
        item_t *it = &items[perm[i]];
        it->given = (it->truth + 1 + rng_below(&r, NCLASS - 1)) % NCLASS;
    }
}

/* ---- the simulated classifier ---- */

/* The class each shape is most often taken for (a blurred square looks round...). */
static const int look_alike[NCLASS] = {
    [RASTER_CIRCLE] = RASTER_SQUARE, [RASTER_CROSS] = RASTER_STAR,
    [RASTER_DIAMOND] = RASTER_SQUARE, [RASTER_SQUARE] = RASTER_CIRCLE,
    [RASTER_STAR] = RASTER_CROSS,     [RASTER_TRIANGLE] = RASTER_DIAMOND,
};

/* What the model gets wrong: a look-alike most of the time, else any other class. */
static int confuse(rng_t *r, int truth)
{
    if (rng_unit(r) < 0.6)
        return look_alike[truth];
    return (truth + 1 + rng_below(r, NCLASS - 1)) % NCLASS;
}

/* Decides the prediction and its probabilities. The chance of a mistake on the shape
 * drawn grows with each cause; on train the model does better (it was trained there).
 * A mislabeled image is usually predicted as what it shows, so it counts as an error
 * against its label; sometimes the model repeats the wrong label (right by chance). */
static void classify(rng_t *r, item_t *it)
{
    double right = 1 - 0.07;
    if (it->blurred)
        right *= 1 - 0.60;
    if (it->occluded)
        right *= 1 - 0.55;
    if (it->tiny)
        right *= 1 - 0.55;
    if (it->phone)
        right *= 1 - 0.10;
    if (it->lighting == LIGHT_DIM)
        right *= 1 - 0.06;
    double p_wrong = (1 - right) * (it->split == SPLIT_TRAIN ? 0.35 : 1.0);
    if (it->given != it->truth && rng_unit(r) < 0.15)
        it->pred = it->given;
    else if (rng_unit(r) < p_wrong)
        it->pred = confuse(r, it->truth);
    else
        it->pred = it->truth;

    /* Logits: noise, a margin for the predicted class (large when the image is easy and
     * the model right), and for a mistake a smaller bump for the true class. */
    double z[NCLASS];
    for (int k = 0; k < NCLASS; k++)
        z[k] = 0.6 * rng_normal(r);
    double margin = it->pred == it->truth ? 2.5 + 3.5 * right : 0.6 + 1.6 * rng_unit(r);
    margin += 0.4 * rng_normal(r);
    if (margin < 0.3)
        margin = 0.3;
    z[it->pred] += margin;
    if (it->pred != it->truth)
        z[it->truth] += margin * rng_range(r, 0.35, 0.85);
    int top = 0;
    for (int k = 1; k < NCLASS; k++)
        if (z[k] > z[top])
            top = k;
    if (top != it->pred) {
        double t = z[top];
        z[top] = z[it->pred];
        z[it->pred] = t;
    }
    /* Softmax, then rounding to 1e-8 with the remainder on the top class, so each row
     * printed with 8 decimals sums to exactly 1. */
    double sum = 0, e[NCLASS];
    for (int k = 0; k < NCLASS; k++)
        sum += e[k] = exp(z[k] - z[it->pred]);
    long total = 0;
    for (int k = 0; k < NCLASS; k++)
        total += it->p[k] = lround(e[k] / sum * 1e8);
    it->p[it->pred] += 100000000L - total;
}

/* ---- the images ---- */

/* HSV (h in degrees, s and v in 0..1) to a colour. */
static raster_rgb_t hsv(double h, double s, double v)
{
    h = fmod(h, 360.0);
    if (h < 0)
        h += 360;
    double c = v * s, x = c * (1 - fabs(fmod(h / 60.0, 2) - 1)), m = v - c, rgb[3];
    int sector = (int)(h / 60.0);
    static const int pick[6][3] = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1},
                                   {2, 1, 0}, {1, 2, 0}, {0, 2, 1}};
    double val[3] = {c, x, 0};
    for (int k = 0; k < 3; k++)
        rgb[k] = val[pick[sector % 6][k]] + m;
    return (raster_rgb_t)(lround(rgb[0] * 255) << 16 | lround(rgb[1] * 255) << 8 |
                          lround(rgb[2] * 255));
}

/* Draws item it (number index) with its own random stream. */
static raster_t *draw(const item_t *it, uint64_t seed, int index)
{
    static const double max_turn[NCLASS] = {
        [RASTER_CIRCLE] = 0,    [RASTER_CROSS] = 0.3, [RASTER_DIAMOND] = 0.2,
        [RASTER_SQUARE] = 0.25, [RASTER_STAR] = 0.6,  [RASTER_TRIANGLE] = 0.5,
    };
    static const double light[] = {[LIGHT_BRIGHT] = 1.15, [LIGHT_NORMAL] = 1.0,
                                   [LIGHT_DIM] = 0.5};
    rng_t r;
    rng_stream(&r, seed, 1000 + (uint64_t)index);
    /* Sides of 64 to 256 pixels, small ones more often: a terminal preview shows about
     * 100 x 80 pixels, and the demo should be written in a few seconds. */
    static const int sides[] = {64, 64, 80, 80, 96, 96, 112, 128, 128, 160, 192, 256};
    int w = sides[rng_below(&r, (int)(sizeof sides / sizeof *sides))];
    int h = (int)lround(w * rng_range(&r, 0.75, 1.34) / 8) * 8;
    h = h < 64 ? 64 : h > 256 ? 256 : h;
    raster_t *im = raster_new(w, h);

    /* Backgrounds shade from top to bottom: rows of one colour are what PNG compresses
     * best, and the demo should be written in seconds. */
    double hue = rng_range(&r, 0, 360), bg = hue + rng_range(&r, 120, 240);
    if (it->phone) {
        /* A busier scene: stronger colours and clutter. */
        raster_gradient(im, hsv(bg, 0.5, 0.75), hsv(bg + 40, 0.6, 0.45));
        int blobs = 3 + rng_below(&r, 4);
        for (int b = 0; b < blobs; b++)
            raster_blob(im, rng_range(&r, 0, w), rng_range(&r, 0, h),
                        rng_range(&r, 0.1, 0.3) * w, hsv(rng_range(&r, 0, 360), 0.5, 0.7),
                        rng_range(&r, 0.3, 0.6));
    } else {
        raster_gradient(im, hsv(bg, 0.12, 0.97), hsv(bg + 20, 0.25, 0.82));
    }

    int side = w < h ? w : h;
    double rad = side * (it->tiny ? rng_range(&r, 0.07, 0.11) : rng_range(&r, 0.26, 0.40));
    double cx = rng_range(&r, rad * 1.1, w - rad * 1.1);
    double cy = rng_range(&r, rad * 1.1, h - rad * 1.1);
    double turn = max_turn[it->truth] * rng_range(&r, -1, 1);
    if (it->truth == RASTER_DIAMOND)
        turn = 0; /* its frame is already a square on its corner */
    raster_shape(im, (enum raster_shape)it->truth, cx, cy, rad, turn,
                 hsv(hue, rng_range(&r, 0.65, 1.0), rng_range(&r, 0.6, 0.95)));

    if (it->occluded) {
        /* A grey bar across the whole image that hides about half of the shape. */
        unsigned g = (unsigned)(90 + rng_below(&r, 80));
        double thick = rad * rng_range(&r, 0.8, 1.2), off = rad * rng_range(&r, -0.3, 0.3);
        raster_rgb_t grey = g << 16 | g << 8 | g;
        if (rng_below(&r, 2))
            raster_rect(im, 0, (int)lround(cy + off - thick / 2), w,
                        (int)lround(cy + off + thick / 2), grey);
        else
            raster_rect(im, (int)lround(cx + off - thick / 2), 0,
                        (int)lround(cx + off + thick / 2), h, grey);
    }
    if (it->lighting != LIGHT_NORMAL)
        raster_scale(im, light[it->lighting]);
    if (it->blurred) {
        int radius = (int)lround(side * rng_range(&r, 0.035, 0.06));
        raster_blur(im, radius < 2 ? 2 : radius);
    }
    return im;
}

static char *path2(const char *dir, const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

/* One thread's share of the images: items first, first + step, ... */
typedef struct render_job {
    const item_t *items;
    uint64_t seed;
    const char *img;       /* DIR/images */
    int first, step;
    int failed_at;         /* the item that could not be written, or DEMO_N */
    err_t err;             /* why */
    int min_side, max_side; /* sizes of the images drawn */
} render_job_t;

#define MAX_WORKERS 4

static void *render(void *arg)
{
    render_job_t *j = arg;
    for (int i = j->first; i < DEMO_N; i += j->step) {
        raster_t *im = draw(&j->items[i], j->seed, i);
        char name[32];
        snprintf(name, sizeof name, "img-%04d.png", i + 1);
        char *p = path2(j->img, name);
        int r = raster_write_png(im, p, &j->err);
        free(p);
        int lo = im->w < im->h ? im->w : im->h, hi = im->w > im->h ? im->w : im->h;
        j->min_side = lo < j->min_side ? lo : j->min_side;
        j->max_side = hi > j->max_side ? hi : j->max_side;
        raster_free(im);
        if (r < 0) {
            j->failed_at = i;
            break;
        }
    }
    return NULL;
}

/* ---- the directory ---- */

static const char marker_head[] = "eyeball demo dataset\n";

int demo_dir_state(const char *dir, uint64_t *seed, int *complete, err_t *e)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        if (errno == ENOENT)
            return DEMO_DIR_NEW;
        return err_set(e, EXIT_USER, "%s: %s", dir, strerror(errno));
    }
    if (!S_ISDIR(sb.st_mode))
        return err_set(e, EXIT_USER, "%s exists and is not a directory; name a new directory "
                       "for the demo", dir);
    DIR *d = opendir(dir);
    if (!d)
        return err_set(e, EXIT_USER, "%s: cannot read the directory: %s", dir, strerror(errno));
    int entries = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        entries += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    if (entries == 0)
        return DEMO_DIR_NEW;
    char *mp = path2(dir, DEMO_MARKER);
    FILE *f = fopen(mp, "r");
    free(mp);
    char line[128];
    if (!f || !fgets(line, sizeof line, f) || strcmp(line, marker_head) != 0) {
        if (f)
            fclose(f);
        return err_set(e, EXIT_USER, "%s exists and is not a demo directory (it has no %s "
                       "from an earlier 'eyeball demo'); name a new or empty directory, "
                       "e.g. 'eyeball demo %s-2'", dir, DEMO_MARKER, dir);
    }
    unsigned long long s = DEMO_DEFAULT_SEED;
    int done = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "seed: %llu", &s) == 1)
            continue;
        if (strcmp(line, "status: complete\n") == 0)
            done = 1;
    }
    fclose(f);
    if (seed)
        *seed = (uint64_t)s;
    if (complete)
        *complete = done;
    return DEMO_DIR_EARLIER;
}

static int write_marker(const char *dir, uint64_t seed, int complete, err_t *e)
{
    char *mp = path2(dir, DEMO_MARKER);
    FILE *f = fopen(mp, "w");
    int r = 0;
    if (!f) {
        r = err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", mp, strerror(errno));
    } else {
        fprintf(f, "%sseed: %llu\nstatus: %s\n\n"
                "This directory was written by 'eyeball demo'. Running 'eyeball demo' on it\n"
                "again reuses it; with another --seed it is written anew. eyeball.db is its\n"
                "store: eyeball -d %s/eyeball.db status\n",
                marker_head, (unsigned long long)seed, complete ? "complete" : "incomplete",
                dir);
        if (fclose(f) != 0)
            r = err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", mp, strerror(errno));
    }
    free(mp);
    return r;
}

int demo_mark_complete(const char *dir, uint64_t seed, err_t *e)
{
    return write_marker(dir, seed, 1, e);
}

/* Removes what an earlier demo wrote in dir (and nothing else). */
static void remove_earlier(const char *dir)
{
    static const char *const files[] = {"samples.csv", "preds.csv", DEMO_STORE,
                                        DEMO_STORE "-wal", DEMO_STORE "-shm"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *p = path2(dir, files[i]);
        unlink(p);
        free(p);
    }
    char *img = path2(dir, "images");
    DIR *d = opendir(img);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d))) {
            size_t n = strlen(de->d_name);
            if (strncmp(de->d_name, "img-", 4) == 0 && n > 4 &&
                strcmp(de->d_name + n - 4, ".png") == 0) {
                char *p = path2(img, de->d_name);
                unlink(p);
                free(p);
            }
        }
        closedir(d);
    }
    free(img);
}

static int make_dir(const char *p, err_t *e)
{
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        return err_set(e, errno == ENOENT ? EXIT_USER : EXIT_SYSTEM,
                       "%s: cannot create the directory: %s", p, strerror(errno));
    return 0;
}

/* Writes the two CSV files. */
static int write_csv(const char *dir, const item_t *items, err_t *e)
{
    char *sp = path2(dir, "samples.csv"), *pp = path2(dir, "preds.csv");
    FILE *fs = fopen(sp, "w"), *fp = fopen(pp, "w");
    int r = 0;
    if (!fs || !fp) {
        r = err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", !fs ? sp : pp, strerror(errno));
        goto out;
    }
    fputs("id,path,label,split,source,lighting\n", fs);
    fputs("id,pred,confidence", fp);
    for (int k = 0; k < NCLASS; k++)
        fprintf(fp, ",prob:%s", demo_classes[k]);
    fputc('\n', fp);
    for (int i = 0; i < DEMO_N; i++) {
        const item_t *it = &items[i];
        fprintf(fs, "img-%04d,images/img-%04d.png,%s,%s,%s,%s\n", i + 1, i + 1,
                demo_classes[it->given], split_names[it->split],
                it->phone ? "phone" : "studio", light_names[it->lighting]);
        fprintf(fp, "img-%04d,%s,%ld.%08ld", i + 1, demo_classes[it->pred],
                it->p[it->pred] / 100000000L, it->p[it->pred] % 100000000L);
        for (int k = 0; k < NCLASS; k++)
            fprintf(fp, ",%ld.%08ld", it->p[k] / 100000000L, it->p[k] % 100000000L);
        fputc('\n', fp);
    }
out:
    if (fs && fclose(fs) != 0 && !r)
        r = err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", sp, strerror(errno));
    if (fp && fclose(fp) != 0 && !r)
        r = err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", pp, strerror(errno));
    free(sp);
    free(pp);
    return r;
}

int demo_generate(const char *dir, uint64_t seed, demo_stats_t *out, err_t *e)
{
    int state = demo_dir_state(dir, NULL, NULL, e);
    if (state < 0)
        return -1;
    if (make_dir(dir, e) < 0)
        return -1;
    if (state == DEMO_DIR_EARLIER)
        remove_earlier(dir);
    if (write_marker(dir, seed, 0, e) < 0)
        return -1;
    char *img = path2(dir, "images");
    if (make_dir(img, e) < 0) {
        free(img);
        return -1;
    }

    item_t *items = xcalloc(DEMO_N, sizeof *items);
    plan(seed, items);
    rng_t rc;
    rng_stream(&rc, seed, 2);
    for (int i = 0; i < DEMO_N; i++)
        classify(&rc, &items[i]);

    /* Draw and write the images on a few threads: each image has its own random stream,
     * so the files do not depend on how the work is shared. */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int nw = cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS : (int)cpus;
    render_job_t jobs[MAX_WORKERS];
    pthread_t tid[MAX_WORKERS];
    int started[MAX_WORKERS] = {0};
    for (int w = 0; w < nw; w++) {
        jobs[w] = (render_job_t){.items = items, .seed = seed, .img = img, .first = w,
                                 .step = nw, .failed_at = DEMO_N, .min_side = 1 << 30};
        started[w] = w > 0 && pthread_create(&tid[w], NULL, render, &jobs[w]) == 0;
    }
    render(&jobs[0]);
    for (int w = 1; w < nw; w++) {
        if (started[w])
            pthread_join(tid[w], NULL);
        else
            render(&jobs[w]); /* no thread: do its share here */
    }

    demo_stats_t st = {0};
    st.seed = seed;
    st.classes = NCLASS;
    st.min_side = 1 << 30;
    int r = 0, failed_at = DEMO_N;
    for (int w = 0; w < nw; w++) {
        if (jobs[w].failed_at < failed_at) {
            failed_at = jobs[w].failed_at;
            *e = jobs[w].err;
            r = -1;
        }
        st.min_side = jobs[w].min_side < st.min_side ? jobs[w].min_side : st.min_side;
        st.max_side = jobs[w].max_side > st.max_side ? jobs[w].max_side : st.max_side;
    }
    for (int i = 0; i < DEMO_N; i++) {
        const item_t *it = &items[i];
        st.samples++;
        st.split[it->split]++;
        st.errors[it->split] += it->pred != it->given;
        st.phone += it->phone;
        st.blurred += it->blurred;
        st.occluded += it->occluded;
        st.tiny += it->tiny;
        st.mislabeled += it->given != it->truth;
    }
    if (r == 0)
        r = write_csv(dir, items, e);
    free(items);
    free(img);
    if (r == 0 && out)
        *out = st;
    return r;
}

int demo_import(store_t *st, const char *dir, err_t *e)
{
    char *sp = path2(dir, "samples.csv"), *pp = path2(dir, "preds.csv");
    import_stats_t is;
    int r = import_samples(st, sp, "csv", NULL, 0, &is, e);
    if (r == 0)
        r = import_preds(st, pp, DEMO_MODEL, "csv", &is, e);
    free(sp);
    free(pp);
    return r;
}
