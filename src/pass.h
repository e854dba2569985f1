/* pass.h: continuing or starting a review pass: the sampling rule that eyeball(1) gives
 * under "review". */
#ifndef EYEBALL_PASS_H
#define EYEBALL_PASS_H

#include <stdint.h>
#include "store_pass.h"

typedef struct pass_opts {
    const char *model;  /* NULL: the newest model */
    const char *split;  /* dev (default) or test */
    const char *kind;   /* random (default) or suspects */
    long sample_n;      /* misclassified examples to draw; default 100 */
    int have_seed;
    uint64_t seed;
    double correct;     /* correct examples added = round(correct * drawn errors) */
    const char *reviewer;
    int force_new;      /* start a new pass even when one is open */
    int blackbox;       /* review --blackbox: draw from dev's Blackbox part (recorded) */
    const char *against; /* kind broken: the model whose right answers model got wrong */
} pass_opts_t;

#define PASS_DEFAULT_SAMPLE 100

/* Continues the open pass that matches opts, or starts one: draws sample_n misclassified
 * examples (from the Eyeball part of dev when dev has one, from its Blackbox part with
 * opts->blackbox; a suspects pass leaves Blackbox examples out); kind broken draws
 * sample_n of the examples opts->against gets right and the model wrong
 * (all of them when there are fewer) and round(correct * drawn) correctly
 * classified ones with PCG32 from the seed, mixes them in random order, stores the pass.
 * p gets the pass; note (may be NULL) a sentence for the user about what happened.
 * Refuses with a user error naming the command that helps when there are no predictions,
 * no examples of the split, or nothing misclassified. */
int pass_open_or_start(store_t *st, const pass_opts_t *opts, pass_info_t *p, char *note,
                       size_t notelen, err_t *e);

/* 0 when dev has an Eyeball part (so review --blackbox has a Blackbox part to draw from),
 * else -1 with a user error that says so. */
int pass_check_blackbox(store_t *st, err_t *e);

#endif
