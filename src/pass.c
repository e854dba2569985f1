/* pass.c: the sampling rule of a review pass, on top of store_pass. */
#include "config.h"
#include "pass.h"
#include "sample.h"
#include "store_part.h"
#include "store_suspects.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Draws the items of a random pass: the chosen errors and correct examples, mixed. */
static size_t draw(pcg32_t *g, const long long *errors, size_t nerr, size_t k_err,
                   const long long *correct, size_t ncor, size_t k_cor, long long **sids,
                   int **is_correct)
{
    size_t n = k_err + k_cor;
    typedef struct {
        long long sid;
        long long correct;
    } item_t;
    item_t *items = xmalloc((n ? n : 1) * sizeof *items);
    long long *tmp = xmalloc((n ? n : 1) * sizeof *tmp);
    sample_choose(g, errors, nerr, k_err, tmp);
    for (size_t i = 0; i < k_err; i++)
        items[i] = (item_t){tmp[i], 0};
    sample_choose(g, correct, ncor, k_cor, tmp);
    for (size_t i = 0; i < k_cor; i++)
        items[k_err + i] = (item_t){tmp[i], 1};
    /* Mixed, so the position does not tell which items the model got right. */
    sample_shuffle(g, items, n, sizeof *items);
    *sids = xmalloc((n ? n : 1) * sizeof **sids);
    *is_correct = xmalloc((n ? n : 1) * sizeof **is_correct);
    for (size_t i = 0; i < n; i++) {
        (*sids)[i] = items[i].sid;
        (*is_correct)[i] = (int)items[i].correct;
    }
    free(items);
    free(tmp);
    return n;
}

/* A pass over the likely label errors of dev and test alike (so fixes stay balanced),
 * most suspicious first, each with the reason it was flagged. */
/* Takes up pass pid, which another process started while this one drew its sample. */
static int continue_pass(store_t *st, long long pid, pass_info_t *p, char *note,
                         size_t notelen, err_t *e)
{
    if (store_pass_get(st, pid, p, e) < 0)
        return -1;
    snprintf(note, notelen, "continuing pass #%lld: %ld of %ld reviewed", p->pid, p->reviewed,
             p->items);
    return 0;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Drops the Blackbox examples from a ranked list of suspects, keeping at most want. */
static int drop_blackbox(store_t *st, long long *sids, char **reasons, size_t *n, size_t want,
                         err_t *e)
{
    long long *bb;
    size_t nbb;
    if (store_part_blackbox(st, &bb, &nbb, e) < 0)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (k < want && !bsearch(&sids[i], bb, nbb, sizeof *bb, cmp_ll)) {
            sids[k] = sids[i];
            reasons[k++] = reasons[i];
        } else {
            free(reasons[i]);
        }
    }
    *n = k;
    free(bb);
    return 0;
}

static int start_suspects(store_t *st, const pass_opts_t *o, long long mid, const char *model,
                          const char *split, int parted, pass_info_t *p, char *note,
                          size_t notelen, err_t *e)
{
    long want = o->sample_n > 0 ? o->sample_n : PASS_DEFAULT_SAMPLE;
    long long *sids = NULL;
    char **reasons = NULL;
    size_t n = 0;
    /* With an Eyeball part, all of them, then the Blackbox ones dropped. */
    if (suspects_for_pass(st, mid, split, parted ? 0 : (size_t)want, &sids, &reasons, &n,
                          e) < 0)
        return -1;
    int r;
    if (parted && drop_blackbox(st, sids, reasons, &n, (size_t)want, e) < 0) {
        r = -1;
        goto out;
    }
    if (n == 0) {
        r = err_set(e, EXIT_USER, "confident learning flags no example of model '%s' on %s as "
                    "a likely label error; review a random sample instead (eyeball review)",
                    model, split);
        goto out;
    }
    pass_info_t np = {0};
    np.mid = mid;
    np.split = (char *)split;
    np.kind = (char *)"suspects";
    np.sample_n = want;
    np.reviewer = (char *)o->reviewer;
    np.errors_pool = (long)n;
    long long pid;
    np.pid = o->force_new ? -1 : 0;
    r = store_pass_create(st, &np, sids, NULL, reasons, n, &pid, e);
    if (r == 1)
        r = continue_pass(st, pid, p, note, notelen, e);
    else if (r == 0)
        r = store_pass_get(st, pid, p, e);
    if (r == 0)
        snprintf(note, notelen, "started pass #%lld: the %zu most likely label errors of %s%s",
                 pid, n, split, (size_t)want > n ? " (all that were flagged)" : "");
out:
    for (size_t i = 0; i < n; i++)
        free(reasons[i]);
    free(reasons);
    free(sids);
    return r;
}

/* A pass over the examples model `against` gets right and model mid gets wrong: mid's new
 * errors, drawn at random as a random pass is; not a random sample of mid's errors, so
 * the report's tally leaves it out. */
static int start_broken(store_t *st, const pass_opts_t *o, long long mid, const char *model,
                        long long against, const char *split, const char *part,
                        pass_info_t *p, char *note, size_t notelen, err_t *e)
{
    long long *pool = NULL;
    size_t n = 0;
    if (store_pass_broken_pool(st, mid, against, split, part, &pool, &n, e) < 0)
        return -1;
    const char *where = !part ? split : strcmp(part, "blackbox") == 0 ? "dev Blackbox"
                                                                       : "dev Eyeball";
    int r;
    if (n == 0) {
        r = err_set(e, EXIT_USER, "model '%s' gets no %s example wrong that model '%s' gets "
                    "right: nothing is broken to review", model, where, o->against);
        free(pool);
        return r;
    }
    long want = o->sample_n > 0 ? o->sample_n : PASS_DEFAULT_SAMPLE;
    size_t k = (size_t)want < n ? (size_t)want : n;
    uint64_t seed = o->have_seed ? o->seed : sample_fresh_seed();
    pcg32_t g;
    pcg32_seed(&g, seed);
    long long *sids = xmalloc(k * sizeof *sids);
    sample_choose(&g, pool, n, k, sids);
    free(pool);
    pass_info_t np = {0};
    np.mid = mid;
    np.split = (char *)split;
    np.kind = (char *)"broken";
    np.sample_n = want;
    np.seed = seed;
    np.errors_pool = (long)n;
    np.reviewer = (char *)o->reviewer;
    np.part = (char *)part;
    np.against = against;
    long long pid;
    np.pid = o->force_new ? -1 : 0;
    r = store_pass_create(st, &np, sids, NULL, NULL, k, &pid, e);
    free(sids);
    if (r == 1)
        return continue_pass(st, pid, p, note, notelen, e);
    if (r < 0 || store_pass_get(st, pid, p, e) < 0)
        return -1;
    snprintf(note, notelen, "started pass #%lld: %zu of the %zu %s example%s model '%s' gets "
             "wrong and model '%s' right (seed %llu)", pid, k, n, where, util_s((long long)n),
             model, o->against, (unsigned long long)seed);
    return 0;
}

static int no_blackbox(err_t *e)
{
    return err_set(e, EXIT_USER, "dev has no Eyeball part, so there is no Blackbox part to "
                   "review; leave out --blackbox (every dev example is reviewed as usual), or "
                   "make one with eyeball split --eyeball N|auto");
}

int pass_check_blackbox(store_t *st, err_t *e)
{
    long long eyeball = store_part_eyeball_count(st, e);
    if (eyeball < 0)
        return -1;
    return eyeball > 0 ? 0 : no_blackbox(e);
}

int pass_open_or_start(store_t *st, const pass_opts_t *o, pass_info_t *p, char *note,
                       size_t notelen, err_t *e)
{
    const char *kind = o->kind ? o->kind : "random";
    /* A suspects pass covers dev and test together. */
    const char *split = o->split ? o->split : strcmp(kind, "suspects") == 0 ? "dev,test" : "dev";
    /* The part of dev a random pass draws from: NULL when dev has no Eyeball part. */
    const char *part = NULL;
    long long eyeball = store_part_eyeball_count(st, e);
    if (eyeball < 0)
        return -1;
    if (o->blackbox && eyeball == 0)
        return no_blackbox(e);
    int broken = strcmp(kind, "broken") == 0;
    if (eyeball > 0 && strcmp(split, "dev") == 0 && (strcmp(kind, "random") == 0 || broken))
        part = o->blackbox ? "blackbox" : "eyeball";
    if (broken && !o->against)
        return err_set(e, EXIT_USER, "--queue broken needs --against MODEL: the model whose "
                       "right answers the reviewed model got wrong");
    long long mid, against = 0;
    char *model = NULL;
    char dummy[8];
    if (!note) {
        note = dummy;
        notelen = sizeof dummy;
    }
    note[0] = '\0';
    if (store_model_pick(st, o->model, &mid, &model, e) < 0)
        return -1;
    if (broken) {
        char *aname = NULL;
        int r = store_model_pick(st, o->against, &against, &aname, e);
        free(aname);
        if (r == 0 && against == mid)
            r = err_set(e, EXIT_USER, "--against names the model under review, '%s'; name the "
                        "model it is compared with", model);
        if (r < 0) {
            free(model);
            return -1;
        }
    }
    if (!o->force_new) {
        int r = store_pass_find_open(st, mid, split, kind, part, against, p, e);
        if (r < 0) {
            free(model);
            return -1;
        }
        if (r == 1) {
            snprintf(note, notelen, "continuing pass #%lld: %ld of %ld reviewed", p->pid,
                     p->reviewed, p->items);
            free(model);
            return 0;
        }
    }
    if (store_readonly(st)) {
        int r = o->force_new
                    ? err_set(e, EXIT_USER, "%s: the store is read-only, so --new cannot start "
                              "a pass", store_path(st))
                    : err_set(e, EXIT_USER, "%s: the store is read-only and has no open %s pass "
                              "of model '%s' on %s to show; starting one needs write access",
                              store_path(st), kind, model, split);
        free(model);
        return r;
    }
    if (strcmp(kind, "suspects") == 0) {
        int r = start_suspects(st, o, mid, model, split, eyeball > 0, p, note, notelen, e);
        free(model);
        return r;
    }
    if (broken) {
        int r = start_broken(st, o, mid, model, against, split, part, p, note, notelen, e);
        free(model);
        return r;
    }
    if (strcmp(kind, "random") != 0) {
        free(model);
        return err_set(e, EXIT_USER, "unknown queue '%s'; use random, suspects or broken", kind);
    }
    long long *errors = NULL, *correct = NULL;
    size_t nerr = 0, ncor = 0;
    if (store_pass_pool(st, mid, split, part, &errors, &nerr, &correct, &ncor, e) < 0) {
        free(model);
        return -1;
    }
    int r = 0;
    /* What the messages call the examples drawn from. */
    const char *where = !part ? split : o->blackbox ? "dev Blackbox" : "dev Eyeball";
    if (nerr + ncor == 0) {
        r = err_set(e, EXIT_USER, "model '%s' has no predictions for %s examples; assign "
                    "splits (eyeball split) or import predictions that cover the %s split "
                    "(eyeball import preds FILE --model %s)", model, where, split, model);
        goto out;
    }
    if (nerr == 0) {
        r = err_set(e, EXIT_USER, "model '%s' got every one of its %zu %s examples right; "
                    "there is nothing to review%s", model, ncor, where,
                    part && !o->blackbox ? " (eyeball split --renew N adds fresh dev "
                                           "examples to the Eyeball part)" : "");
        goto out;
    }
    long want = o->sample_n > 0 ? o->sample_n : PASS_DEFAULT_SAMPLE;
    size_t k_err = (size_t)want < nerr ? (size_t)want : nerr;
    size_t k_cor = (size_t)llround(o->correct * (double)k_err);
    if (k_cor > ncor)
        k_cor = ncor;
    uint64_t seed = o->have_seed ? o->seed : sample_fresh_seed();
    pcg32_t g;
    pcg32_seed(&g, seed);
    long long *sids;
    int *is_correct;
    size_t n = draw(&g, errors, nerr, k_err, correct, ncor, k_cor, &sids, &is_correct);
    pass_info_t np = {0};
    np.mid = mid;
    np.split = (char *)split;
    np.kind = (char *)kind;
    np.sample_n = want;
    np.correct_fraction = o->correct;
    np.seed = seed;
    np.errors_pool = (long)nerr;
    np.correct_pool = (long)ncor;
    np.reviewer = (char *)o->reviewer;
    np.part = (char *)part;
    long long pid;
    np.pid = o->force_new ? -1 : 0;
    r = store_pass_create(st, &np, sids, is_correct, NULL, n, &pid, e);
    free(sids);
    free(is_correct);
    if (r == 1) {
        r = continue_pass(st, pid, p, note, notelen, e);
        goto out;
    }
    if (r < 0)
        goto out;
    r = store_pass_get(st, pid, p, e);
    if (r < 0)
        goto out;
    int len = snprintf(note, notelen, "started pass #%lld: %zu of %zu misclassified %s example%s",
                       pid, k_err, nerr, where, util_s((long long)nerr));
    if (k_cor && len > 0 && (size_t)len < notelen)
        len += snprintf(note + len, notelen - (size_t)len, " + %zu correct one%s", k_cor,
                        util_s((long long)k_cor));
    if (len > 0 && (size_t)len < notelen)
        len += snprintf(note + len, notelen - (size_t)len, " (seed %llu)",
                        (unsigned long long)seed);
    if ((size_t)want > nerr && len > 0 && (size_t)len < notelen)
        snprintf(note + len, notelen - (size_t)len, "; only %zu misclassified, taking them all",
                 nerr);
out:
    free(errors);
    free(correct);
    free(model);
    return r;
}
