/* split.h: assigning samples to train, dev, test and train-dev by the rules of
 * 'eyeball split'. No I/O and no SQL: the caller reads the samples and writes the result.
 * How the assignment works (hashing, exact counts, stability) is written out at the top of
 * split.c. */
#ifndef EYEBALL_SPLIT_H
#define EYEBALL_SPLIT_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

/* The splits, in the order of status and of the tables split prints. */
enum split_kind { SPLIT_TRAIN, SPLIT_DEV, SPLIT_TEST, SPLIT_TRAIN_DEV, SPLIT_NKINDS };
/* A sample without a split. */
#define SPLIT_NONE (-1)
/* What split_kind_of returns for a name it does not know. */
#define SPLIT_UNKNOWN (-2)

extern const char *const split_names[SPLIT_NKINDS];

/* Ratios and fractions are fixed-point decimals in units of SPLIT_ONE, so that every count
 * is computed with integers and comes out the same on every platform. */
#define SPLIT_ONE 1000000LL
/* Most samples one plan handles (keeps every product of two counts inside 63 bits). */
#define SPLIT_MAX_SAMPLES 2000000000LL
#define SPLIT_DEFAULT_MAX_EVAL 10000
#define SPLIT_DEFAULT_TARGET_TRAIN 800000 /* 0.8 */

typedef struct split_opts {
    uint64_t seed;           /* seed of the id hash */
    int has_ratios;          /* --ratios given */
    long long ratios[3];     /* train, dev, test weights (fixed point; only their proportion counts) */
    long long max_eval;      /* cap on dev and on test */
    int max_eval_given;      /* --max-eval given: the cap also applies to explicit --ratios */
    int target;              /* source index of --target, or -1 for one distribution */
    long long target_train;  /* share of the target that goes to train, fixed point */
    long long train_dev;     /* share of train held out as train-dev, fixed point; 0: none */
    int stratify;            /* keep each label's share the same in every split */
    int reassign;            /* assign every sample again, not only those without a split */
} split_opts_t;

/* One sample, as the algorithm sees it. */
typedef struct split_item {
    const char *id;  /* the user's id: hashed with the seed, and the tie-break */
    int label;       /* index of the label (any dense numbering) */
    int source;      /* index of the source, -1 when the sample has none */
    int split;       /* its split now: enum split_kind or SPLIT_NONE */
    int touched;     /* 1 when reviewed, tagged, fixed or in a review pass */
    int new_split;   /* set by split_plan: its split afterwards */
} split_item_t;

/* What split_plan decided, for printing and for the history. */
typedef struct split_plan {
    long long samples;          /* all samples */
    long long population;       /* samples the rule divides: all, or the target's */
    long long others;           /* with --target: samples of other sources, all to train */
    long long weights[3];       /* train, dev, test weights the rule used */
    int cap_applies;            /* dev and test were checked against the cap */
    int capped[3];              /* [SPLIT_DEV], [SPLIT_TEST]: limited by the cap */
    long long rule[3];          /* the rule's train (train-dev included), dev, test counts */
    long long train_pool;       /* train before train-dev is held out */
    long long train_dev;        /* of which held out as train-dev */
    int nlabels;                /* labels stratified over (0 without --stratify) */
    long long kept;             /* samples whose split was kept as it was */
    long long assigned;         /* samples given a split by this plan */
    long long moved;            /* of those, samples that had another split before */
    long long moved_touched;    /* of those, samples reviewed, tagged, fixed or in a pass */
    int overfull;               /* kept splits already exceed the rule's count somewhere */
    long long result[SPLIT_NKINDS]; /* counts per split afterwards */
} split_plan_t;

/* Default options: seed 0, 60/20/20, cap 10,000, target train 0.8, nothing else. */
void split_opts_init(split_opts_t *o);

/* Name of a split ("train", ...) to its kind; NULL or "" gives SPLIT_NONE, any other
 * name SPLIT_UNKNOWN. */
int split_kind_of(const char *name);

/* Parses --ratios "TRAIN/DEV/TEST": three non-negative decimals (at most 6 digits after
 * the point) summing to exactly 100 or exactly 1. Returns 0, or -1 with a user error. */
int split_parse_ratios(const char *s, long long out[3], err_t *e);

/* Parses a fraction strictly between 0 and 1 (at most 6 decimals) for option opt.
 * Returns 0, or -1 with a user error naming opt. */
int split_parse_fraction(const char *opt, const char *s, long long *out, err_t *e);

/* The position of an id for a seed: XXH3-64 of the id's bytes with the seed. */
uint64_t split_hash(const char *id, uint64_t seed);

/* Decides the split of every item (sets new_split) by the rules in split.c and fills p.
 * Items that keep their split get new_split = split. nlabels/nsources bound the indices.
 * Returns 0, or -1 with e set when the input is out of bounds. */
int split_plan(split_item_t *items, size_t n, int nlabels, int nsources, const split_opts_t *o,
               split_plan_t *p, err_t *e);

/* The rule that was applied and why, one sentence a line, each ending in '\n', e.g.
 * "1,000,000 samples: 20% would be 200,000 > cap 10,000, so dev and test get 10,000 each
 * (98.0/1.0/1.0)". target_name: the --target source, or NULL. Caller frees. */
char *split_describe(const split_plan_t *p, const split_opts_t *o, const char *target_name);

/* Rounds a table to integers with exact margins: cell (r, c) gets the floor or the ceiling
 * of rows[r] * cols[c] / total (total = sum of rows = sum of cols), every row sums to
 * rows[r] and every column to cols[c]. The cells rounded up are the ones with the largest
 * fractional parts first (ties: lower row, then lower column), as long as their row and
 * column still lack units; when that greedy pass leaves a row short, shortest augmenting
 * paths (rows and columns in index order) move units until every margin is met, which a
 * solution always allows. out: nr * nc counts, row-major. Exposed for its unit test. */
void split_round_table(const long long *rows, size_t nr, const long long *cols, size_t nc,
                       long long *out);

/* Largest remainder: n units over k weights (sum > 0): each gets the floor of its quota
 * n * w[i] / sum, the units left over go one each to the largest remainders, ties to the
 * lower index. Exposed for its unit test. */
void split_apportion(long long n, const long long *w, int k, long long *out);

#endif
