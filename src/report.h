/* report.h: the error-analysis report (Ng's spreadsheet summed up) as data, and its
 * renderings. store_report.c fills the counts; report_compute derives shares, Wilson
 * intervals, ceilings and the recommendation; report_out.c prints it.
 *
 * Counting rule (documented in the man page, REPORT section):
 * - A model is scored against the labels it was evaluated on: the labels as they were
 *   when its predictions were imported. A label fix applied after that import is undone
 *   for the counting (the label before the earliest such fix is used), so applying fixes
 *   does not move reviewed errors out of the tally; a model imported after the fixes is
 *   scored against the corrected labels. errors_now counts against the current labels.
 * - reviewed = misclassified examples of the split judged in a random pass (a row in
 *   reviews whose pid is a random pass: the review UI records its pass, the tag/untag/fix
 *   commands the newest random pass holding the example, open ones first). A judgement
 *   made in a suspects pass, or of an example in no pass, is not a random sample's and
 *   would bias the tally: it is counted apart (suspects_only, outside), never mixed in.
 * - mislabeled = reviewed errors with a staged fix, or a fix applied after the import. */
#ifndef EYEBALL_REPORT_H
#define EYEBALL_REPORT_H

#include "store_near.h"
#include <stddef.h>
#include <stdio.h>

/* The default --mislabeled-threshold: mislabeled examples are worth fixing when they are
 * at least this share of the reviewed errors (Ng: 6% of errors is not worth it, 30% is). */
#define REPORT_DEFAULT_THRESHOLD 0.10

/* Confused pairs kept (most frequent first). */
#define REPORT_MAX_PAIRS 10
/* Leaked examples listed by name. */
#define REPORT_MAX_LEAKS 5

typedef struct report_cat {
    char *name;
    int mislabeled;       /* the category fixes tick automatically */
    long long count;      /* counted reviewed errors carrying it */
    double share;         /* count / reviewed (0 when nothing was reviewed) */
    double lo, hi;        /* Wilson 95% interval of share ([0, 1] when nothing reviewed) */
    double if_fixed;      /* error_rate × (1 − share) */
} report_cat_t;

typedef struct report_pair {
    char *given, *predicted;
    long long count;
} report_pair_t;

typedef struct report_source {
    char *source;         /* NULL: no source given */
    long long examples, errors, reviewed;
} report_source_t;

typedef struct report_split {
    const char *split;    /* "dev" or "test" (static) */
    long long examples;   /* examples of the split with a prediction of the model */
    long long errors;     /* prediction differs from the label the model was scored on */
    long long errors_now; /* prediction differs from the current label */
    long long fixed_since; /* examples whose label changed by fixes applied since import */
    double error_rate;
    long long reviewed;   /* counted reviewed errors */
    long long passes;     /* random passes they were judged in */
    long long outside;    /* reviewed errors left out: judged in no pass */
    long long suspects_only; /* reviewed errors left out: judged in a suspects pass */
    long long mislabeled; /* counted reviewed errors whose label was fixed */
    double mis_share, mis_lo, mis_hi, mis_part; /* share, its interval, × error_rate */
    long long correct_reviewed, correct_mislabeled;
    long long checked_labels; /* examples whose label a reviewer marked right ('=' key) */
    double suspects_estimate; /* share 'eyeball suspects' flags; -1 when unknown */
    report_cat_t *cats;   /* every category, largest count first */
    size_t ncats;
    report_pair_t *pairs; /* most confused pairs over all errors of the split */
    size_t npairs;
    report_source_t *sources; /* by number of examples, largest first */
    size_t nsources;
} report_split_t;

typedef struct report_leak {
    char *id, *split;     /* the dev, test or train-dev example */
    char *train_id;       /* an exact copy of it in train */
} report_leak_t;

typedef struct report {
    char *model;
    char *imported;       /* when the model's predictions were imported */
    double threshold;     /* --mislabeled-threshold as a fraction */
    report_split_t dev;
    int has_test;         /* a review pass over test exists for the model */
    report_split_t test;
    int worth_fixing;     /* the seed's rule on dev */
    char *recommendation; /* plain text, one paragraph */
    long long leaks;      /* dev, test and train-dev examples with an exact copy in train */
    report_leak_t *leak; /* the first few of them */
    size_t nleak;
    near_summary_t near;  /* near-duplicates from the last 'scan --near' */
} report_t;

/* Fills shares, intervals, ceilings, worth_fixing and the recommendation from the counts,
 * with r->threshold already set. */
void report_compute(report_t *r);
void report_free(report_t *r);

/* Renderings. color: use ANSI colours (only when writing to a terminal). */
void report_write_text(FILE *f, const report_t *r, int color);
void report_write_markdown(FILE *f, const report_t *r);
void report_write_csv(FILE *f, const report_t *r, int guard);
/* JSON: model, split "dev", examples, errors, error_rate, reviewed, categories[{name,
 * count, share, ci95, error_rate_if_fixed}], recommendation, and the rest of the report. */
void report_write_json(FILE *f, const report_t *r);

#endif
