/* prefetch.c: a FIFO of preview requests served by worker threads, and an LRU cache of
 * the results. One mutex guards the queue, the list of jobs under way and the cache;
 * decoding and rendering run outside it. */
#include "config.h"
#include "prefetch.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 8

typedef struct key {
    char *path; /* NULL: empty slot */
    int w, h;
    preview_mode_t mode;
} job_key_t;

typedef struct entry {
    job_key_t key;
    preview_t *pv;
    unsigned long long used; /* tick of the last use, for LRU */
} entry_t;

typedef struct worker {
    struct prefetch *p;
    pthread_t thread;
    job_key_t running; /* the job under way; path NULL when idle */
} worker_t;

struct prefetch {
    pthread_mutex_t mu;
    pthread_cond_t work; /* workers: the queue has a job, or stop */
    pthread_cond_t done; /* waiters: a job finished */
    job_key_t *queue;       /* oldest first */
    size_t qn, qcap;
    entry_t *cache;
    size_t cn, ccap;
    unsigned long long tick;
    int stop;
    int nworkers;
    worker_t *workers;
    decoder_opts_t opts;
    char *exe;      /* copy of opts.exe */
    int notify[2];  /* non-blocking pipe: a byte per finished job */
    int cell_w, cell_h; /* the terminal's cell in pixels, for the pixel modes (0: unknown) */
};

static int key_eq(const job_key_t *k, const char *path, int w, int h, preview_mode_t mode)
{
    return k->path && k->w == w && k->h == h && k->mode == mode && strcmp(k->path, path) == 0;
}

static entry_t *cache_find(struct prefetch *p, const char *path, int w, int h,
                           preview_mode_t mode)
{
    for (size_t i = 0; i < p->cn; i++)
        if (key_eq(&p->cache[i].key, path, w, h, mode))
            return &p->cache[i];
    return NULL;
}

static long queue_find(struct prefetch *p, const char *path, int w, int h, preview_mode_t mode)
{
    for (size_t i = 0; i < p->qn; i++)
        if (key_eq(&p->queue[i], path, w, h, mode))
            return (long)i;
    return -1;
}

static int running_find(struct prefetch *p, const char *path, int w, int h, preview_mode_t mode)
{
    for (int i = 0; i < p->nworkers; i++)
        if (key_eq(&p->workers[i].running, path, w, h, mode))
            return 1;
    return 0;
}

/* Takes ownership of k.path and pv. */
static void cache_put(struct prefetch *p, job_key_t k, preview_t *pv)
{
    entry_t *slot;
    if (p->cn < p->ccap) {
        slot = &p->cache[p->cn++];
    } else {
        slot = &p->cache[0];
        for (size_t i = 1; i < p->cn; i++)
            if (p->cache[i].used < slot->used)
                slot = &p->cache[i];
        free(slot->key.path);
        preview_free(slot->pv);
    }
    slot->key = k;
    slot->pv = pv;
    slot->used = ++p->tick;
}

static void *worker_main(void *arg)
{
    worker_t *wk = arg;
    struct prefetch *p = wk->p;
    decoder_t *dec = decoder_new(&p->opts);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->qn == 0)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->stop)
            break;
        job_key_t job = p->queue[0];
        memmove(p->queue, p->queue + 1, (p->qn - 1) * sizeof *p->queue);
        p->qn--;
        wk->running = job;
        int cw = p->cell_w, chh = p->cell_h;
        pthread_mutex_unlock(&p->mu);

        preview_t *pv = preview_load_px(dec, job.path, job.w, job.h, job.mode, cw, chh);

        pthread_mutex_lock(&p->mu);
        wk->running.path = NULL;
        cache_put(p, job, pv);
        pthread_cond_broadcast(&p->done);
        ssize_t rc = write(p->notify[1], "", 1); /* a full pipe already says "ready" */
        (void)rc;
    }
    pthread_mutex_unlock(&p->mu);
    decoder_free(dec);
    return NULL;
}

prefetch_t *prefetch_new(int nworkers, int cache_size, const decoder_opts_t *opts, err_t *e)
{
    if (nworkers < 1)
        nworkers = 1;
    if (nworkers > MAX_WORKERS)
        nworkers = MAX_WORKERS;
    if (cache_size < 2 * nworkers)
        cache_size = 2 * nworkers;
    struct prefetch *p = xcalloc(1, sizeof *p);
    if (opts)
        p->opts = *opts;
    else
        decoder_opts_init(&p->opts);
    if (p->opts.exe)
        p->opts.exe = p->exe = xstrdup(p->opts.exe);
    if (pipe2(p->notify, O_CLOEXEC | O_NONBLOCK) != 0) {
        err_set(e, EXIT_SYSTEM, "cannot create a pipe: %s", strerror(errno));
        free(p->exe);
        free(p);
        return NULL;
    }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, &ca);
    pthread_condattr_destroy(&ca);
    p->ccap = (size_t)cache_size;
    p->cache = xcalloc(p->ccap, sizeof *p->cache);
    p->workers = xcalloc((size_t)nworkers, sizeof *p->workers);

    /* Workers (and the chafa threads they start) take no signals: SIGWINCH and friends
     * belong to the UI thread. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (int i = 0; i < nworkers; i++) {
        p->workers[i].p = p;
        int rc = pthread_create(&p->workers[i].thread, NULL, worker_main, &p->workers[i]);
        if (rc != 0) {
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            err_set(e, EXIT_SYSTEM, "cannot start a thread: %s", strerror(rc));
            prefetch_free(p);
            return NULL;
        }
        p->nworkers = i + 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return p;
}

static void queue_clear(struct prefetch *p)
{
    for (size_t i = 0; i < p->qn; i++)
        free(p->queue[i].path);
    p->qn = 0;
}

void prefetch_free(prefetch_t *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    queue_clear(p);
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nworkers; i++)
        pthread_join(p->workers[i].thread, NULL);
    prefetch_clear(p);
    free(p->queue);
    free(p->cache);
    free(p->workers);
    close(p->notify[0]);
    close(p->notify[1]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p->exe);
    free(p);
}

/* Queues a job (front: ahead of the others) unless it is cached, queued or under way;
 * with front, a queued job moves to the front. Called with the lock held. */
static void enqueue(struct prefetch *p, const char *path, int w, int h, preview_mode_t mode,
                    int front)
{
    if (cache_find(p, path, w, h, mode) || running_find(p, path, w, h, mode))
        return;
    long at = queue_find(p, path, w, h, mode);
    job_key_t k;
    if (at >= 0) {
        if (!front)
            return;
        k = p->queue[at];
        memmove(p->queue + 1, p->queue, (size_t)at * sizeof *p->queue);
        p->queue[0] = k;
        return;
    }
    k.path = xstrdup(path);
    k.w = w;
    k.h = h;
    k.mode = mode;
    if (p->qn == p->qcap) {
        p->qcap = p->qcap ? 2 * p->qcap : 16;
        p->queue = xreallocarray(p->queue, p->qcap, sizeof *p->queue);
    }
    if (front) {
        memmove(p->queue + 1, p->queue, p->qn * sizeof *p->queue);
        p->queue[0] = k;
    } else {
        p->queue[p->qn] = k;
    }
    p->qn++;
    pthread_cond_signal(&p->work);
}

void prefetch_request(prefetch_t *p, const char *path, int box_w, int box_h,
                      preview_mode_t mode)
{
    if (!path || box_w < 1 || box_h < 1)
        return;
    pthread_mutex_lock(&p->mu);
    enqueue(p, path, box_w, box_h, mode, 0);
    pthread_mutex_unlock(&p->mu);
}

/* A copy of the cached preview, marked as used; NULL when absent. Lock held. */
static preview_t *take(struct prefetch *p, const char *path, int w, int h, preview_mode_t mode)
{
    entry_t *en = cache_find(p, path, w, h, mode);
    if (!en)
        return NULL;
    en->used = ++p->tick;
    return preview_dup(en->pv);
}

preview_t *prefetch_get(prefetch_t *p, const char *path, int box_w, int box_h,
                        preview_mode_t mode)
{
    if (!path)
        return NULL;
    pthread_mutex_lock(&p->mu);
    preview_t *pv = take(p, path, box_w, box_h, mode);
    pthread_mutex_unlock(&p->mu);
    return pv;
}

preview_t *prefetch_wait(prefetch_t *p, const char *path, int box_w, int box_h,
                         preview_mode_t mode, int timeout_ms)
{
    if (!path || box_w < 1 || box_h < 1)
        return NULL;
    struct timespec dl;
    clock_gettime(CLOCK_MONOTONIC, &dl);
    if (timeout_ms >= 0) {
        dl.tv_sec += timeout_ms / 1000;
        dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (dl.tv_nsec >= 1000000000L) {
            dl.tv_sec++;
            dl.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&p->mu);
    enqueue(p, path, box_w, box_h, mode, 1);
    preview_t *pv;
    while (!(pv = take(p, path, box_w, box_h, mode))) {
        int rc = timeout_ms < 0 ? pthread_cond_wait(&p->done, &p->mu)
                                : pthread_cond_timedwait(&p->done, &p->mu, &dl);
        if (rc == ETIMEDOUT) {
            pv = take(p, path, box_w, box_h, mode);
            break;
        }
        /* Evicted between finishing and this wake-up (a tiny cache): ask again. */
        enqueue(p, path, box_w, box_h, mode, 1);
    }
    pthread_mutex_unlock(&p->mu);
    return pv;
}

void prefetch_cancel(prefetch_t *p)
{
    pthread_mutex_lock(&p->mu);
    queue_clear(p);
    pthread_mutex_unlock(&p->mu);
}

int prefetch_busy(prefetch_t *p)
{
    pthread_mutex_lock(&p->mu);
    int n = (int)p->qn;
    for (int i = 0; i < p->nworkers; i++)
        n += p->workers[i].running.path != NULL;
    pthread_mutex_unlock(&p->mu);
    return n;
}

int prefetch_fd(const prefetch_t *p)
{
    return p->notify[0];
}

void prefetch_ack(prefetch_t *p)
{
    char buf[256];
    while (read(p->notify[0], buf, sizeof buf) > 0)
        ;
}

void prefetch_clear(prefetch_t *p)
{
    pthread_mutex_lock(&p->mu);
    for (size_t i = 0; i < p->cn; i++) {
        free(p->cache[i].key.path);
        preview_free(p->cache[i].pv);
    }
    p->cn = 0;
    pthread_mutex_unlock(&p->mu);
}

void prefetch_set_cell_size(prefetch_t *p, int cell_w, int cell_h)
{
    pthread_mutex_lock(&p->mu);
    int changed = p->cell_w != cell_w || p->cell_h != cell_h;
    p->cell_w = cell_w;
    p->cell_h = cell_h;
    pthread_mutex_unlock(&p->mu);
    if (changed)
        prefetch_clear(p);
}
