/* train.c: logistic regression fits with liblinear, run on a few threads at once.
 *
 * Solver: L2R_LR (liblinear -s 0), L2-regularised logistic regression solved in the primal
 * by a trust-region Newton method. It is the liblinear solver whose models give
 * probabilities (predict_probability); with more than two classes it fits one binary
 * model per class (one-vs-rest) and normalises the K sigmoid outputs to sum to 1. The
 * primal solver suits many samples of a few hundred dense dimensions; the dual one
 * (L2R_LR_DUAL) is for more dimensions than samples. */
#include "config.h"
#include "train.h"
#include "sample.h"

#include <linear.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Stopping tolerance of the trust-region Newton solver: liblinear's default for -s 0. */
#define TRAIN_EPS 0.01

struct train_rows {
    size_t n, dim;
    struct feature_node *nodes; /* n rows of dim values, the bias term and a terminator */
    struct feature_node **x;    /* n row starts */
};

train_rows_t *train_rows_new(size_t n, size_t dim)
{
    train_rows_t *r = xcalloc(1, sizeof *r);
    r->n = n;
    r->dim = dim;
    r->nodes = xreallocarray(NULL, n ? n : 1, (dim + 2) * sizeof *r->nodes);
    r->x = xmalloc((n ? n : 1) * sizeof *r->x);
    for (size_t i = 0; i < n; i++) {
        struct feature_node *row = r->nodes + i * (dim + 2);
        r->x[i] = row;
        for (size_t d = 0; d < dim; d++)
            row[d].index = (int)d + 1;
        row[dim].index = (int)dim + 1; /* the bias term, as liblinear -B 1 */
        row[dim].value = 1;
        row[dim + 1].index = -1;
    }
    return r;
}

void train_rows_set(train_rows_t *r, size_t i, const float *v)
{
    struct feature_node *row = r->x[i];
    for (size_t d = 0; d < r->dim; d++)
        row[d].value = v[d];
}

void train_rows_free(train_rows_t *r)
{
    if (!r)
        return;
    free(r->nodes);
    free(r->x);
    free(r);
}

void train_assign_folds(size_t n, size_t k, const int32_t *y, unsigned folds, uint64_t seed,
                        int32_t *fold)
{
    pcg32_t g;
    pcg32_seed(&g, seed);
    size_t *members = xmalloc((n ? n : 1) * sizeof *members);
    unsigned next = 0;
    for (size_t c = 0; c < k; c++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if ((size_t)y[i] == c)
                members[m++] = i;
        sample_shuffle(&g, members, m, sizeof *members);
        for (size_t j = 0; j < m; j++) {
            fold[members[j]] = (int32_t)next;
            next = (next + 1) % folds;
        }
    }
    free(members);
}

const char *train_solver(void)
{
    static char name[64];
    if (!name[0])
        snprintf(name, sizeof name, "liblinear %d.%02d L2R_LR", liblinear_version / 100,
                 liblinear_version % 100);
    return name;
}

static void quiet(const char *s)
{
    (void)s;
}

/* What the worker threads share. Fit 0 is the main model; fit f > 0 leaves out fold f-1. */
typedef struct work {
    const train_spec_t *spec;
    const int32_t *fold;
    double *probs, *oof;
    pthread_mutex_t lock;
    pthread_cond_t finished; /* signalled after each fit */
    unsigned next, done, total;
    int failed; /* a fit had fewer than two classes */
} work_t;

/* Fits one model on the samples keep says, then predicts the samples predict says into
 * out (n*k rows by sample). */
static int fit(const train_spec_t *s, int (*keep)(const work_t *, unsigned, size_t),
               const work_t *w, unsigned f, double *out)
{
    struct problem prob = {0};
    prob.x = xmalloc((s->n ? s->n : 1) * sizeof *prob.x);
    prob.y = xmalloc((s->n ? s->n : 1) * sizeof *prob.y);
    unsigned char *seen = xcalloc(s->k ? s->k : 1, 1);
    size_t classes = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!keep(w, f, i))
            continue;
        prob.x[prob.l] = s->rows->x[i];
        prob.y[prob.l] = s->y[i];
        prob.l++;
        classes += !seen[s->y[i]];
        seen[s->y[i]] = 1;
    }
    free(seen);
    prob.n = (int)s->rows->dim + 1;
    prob.bias = 1;
    if (classes < 2) {
        free(prob.x);
        free(prob.y);
        return -1;
    }
    struct parameter param = {.solver_type = L2R_LR, .eps = TRAIN_EPS, .C = s->C};
    struct model *m = train(&prob, &param);
    free(prob.x);
    free(prob.y);
    int nc = get_nr_class(m);
    int *label = xmalloc((size_t)nc * sizeof *label);
    double *p = xmalloc((size_t)nc * sizeof *p);
    get_labels(m, label);
    for (size_t i = 0; i < s->n; i++) {
        if (f > 0 && w->fold[i] != (int32_t)(f - 1))
            continue;
        double *row = out + i * s->k;
        memset(row, 0, s->k * sizeof *row);
        predict_probability(m, s->rows->x[i], p);
        for (int c = 0; c < nc; c++)
            row[label[c]] = p[c];
    }
    free(p);
    free(label);
    free_and_destroy_model(&m);
    return 0;
}

static int keep_sample(const work_t *w, unsigned f, size_t i)
{
    return f == 0 ? w->spec->in_train[i] != 0 : w->fold[i] != (int32_t)(f - 1);
}

static void *worker(void *arg)
{
    work_t *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        unsigned f = w->next < w->total && !w->failed ? w->next++ : w->total;
        pthread_mutex_unlock(&w->lock);
        if (f == w->total)
            return NULL;
        int r = fit(w->spec, keep_sample, w, f, f == 0 ? w->probs : w->oof);
        pthread_mutex_lock(&w->lock);
        if (r < 0)
            w->failed = (int)f + 1;
        w->done++;
        pthread_cond_signal(&w->finished);
        pthread_mutex_unlock(&w->lock);
    }
}

int train_run(const train_spec_t *spec, double *probs, double *oof, int32_t *fold, err_t *e)
{
    if (spec->folds < 2 || spec->folds > spec->n)
        return err_set(e, EXIT_USER, "%u folds for %zu samples; use between 2 and the number "
                       "of samples", spec->folds, spec->n);
    set_print_string_function(quiet);
    train_assign_folds(spec->n, spec->k, spec->y, spec->folds, spec->seed, fold);
    work_t w = {.spec = spec, .fold = fold, .probs = probs, .oof = oof,
                .total = spec->folds + 1};
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.finished, NULL);
    unsigned nt = spec->threads ? spec->threads : 1;
    if (nt > w.total)
        nt = w.total;
    pthread_t *t = xmalloc(nt * sizeof *t);
    unsigned started = 0;
    while (started < nt && pthread_create(&t[started], NULL, worker, &w) == 0)
        started++;
    if (started == 0) {
        worker(&w);
    } else {
        /* This thread reports progress once a second until the workers are done. */
        pthread_mutex_lock(&w.lock);
        while (w.done < w.total && !(w.failed && w.done == w.next)) {
            if (spec->progress)
                spec->progress(spec->progress_ctx, w.done, w.total);
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 1;
            pthread_cond_timedwait(&w.finished, &w.lock, &until);
        }
        pthread_mutex_unlock(&w.lock);
        for (unsigned i = 0; i < started; i++)
            pthread_join(t[i], NULL);
    }
    if (spec->progress && !w.failed)
        spec->progress(spec->progress_ctx, w.done, w.total);
    free(t);
    pthread_cond_destroy(&w.finished);
    pthread_mutex_destroy(&w.lock);
    if (w.failed == 1)
        return err_set(e, EXIT_USER, "the train split has fewer than two classes among samples "
                       "with embeddings; a classifier needs at least two (see 'eyeball status')");
    if (w.failed)
        return err_set(e, EXIT_USER, "fold %d leaves fewer than two classes to train on; use "
                       "fewer folds or more samples", w.failed - 1);
    return 0;
}
