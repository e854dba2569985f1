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
#include "part.h"

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
    size_t *ex;           /* indexes into the split's examples carrying it (with examples) */
    size_t nex;
    long long *by_reviewer; /* the split's rev_names[i] ticked it on by_reviewer[i] of
                             * the counted reviewed errors (NULL without reviewers) */
} report_cat_t;

/* One counted reviewed error, for the HTML report's thumbnails (loaded only when
 * report_t.want_examples is set). */
typedef struct report_example {
    char *id, *path;
    char *label, *pred;   /* the label the model was scored on, and its prediction */
    char *note;           /* the reviewer's note, or NULL */
    char *fix_old, *fix_new; /* the label fix (staged, or applied since the import), or NULL */
    int fix_applied;      /* 1 when that fix is applied, 0 when staged */
    int ntags;            /* categories ticked on it */
    char *thumb;          /* a data: URI of its thumbnail, or NULL (report_thumbs) */
    char *thumb_why;      /* why there is no thumbnail, or NULL */
} report_example_t;

/* Classes kept in the confusion matrix; the others are summed into one row and column. */
#define REPORT_MAX_CLASSES 20

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
    long long disputed;   /* counted reviewed errors whose reviewers split evenly on a
                           * category or on the label, not yet adjudicated: their
                           * categories count where a strict majority ticked them */
    double mis_share, mis_lo, mis_hi, mis_part; /* share, its interval, × error_rate */
    long long correct_reviewed, correct_mislabeled;
    long long checked_labels; /* examples whose label a reviewer marked right ('=' key) */
    double suspects_estimate; /* share 'eyeball suspects' flags; -1 when unknown */
    report_cat_t *cats;   /* every category, largest count first */
    size_t ncats;
    size_t nreviewers;    /* reviewers with verdicts on the counted reviewed errors; their
                           * tallies are shown when there are two or more */
    char **rev_names;     /* sorted */
    long long *rev_reviewed; /* counted reviewed errors each judged */
    report_pair_t *pairs; /* most confused pairs over all errors of the split */
    size_t npairs;
    report_source_t *sources; /* by number of examples, largest first */
    size_t nsources;
    /* With want_examples: the counted reviewed errors (by id), and the confusion matrix of
     * every example of the split, scored label (rows) against prediction (columns), over
     * the classes with the most examples; a last row and column "(other classes)" sums
     * the rest when there are more than REPORT_MAX_CLASSES. */
    report_example_t *rev;
    size_t nrev;
    char **classes;       /* nclasses names; NULL names the "(other classes)" bucket */
    size_t nclasses;
    long long *confusion; /* nclasses × nclasses, [given * nclasses + predicted] */
} report_split_t;

typedef struct report_leak {
    char *id, *split;     /* the dev, test or train-dev example */
    char *train_id;       /* an exact copy of it in train */
} report_leak_t;

typedef struct report {
    char *model;
    char *imported;       /* when the model's predictions were imported */
    double threshold;     /* --mislabeled-threshold as a fraction */
    int want_examples;    /* set before store_report_load: load examples and confusion */
    char *against;        /* HTML report: the model imported before this one, or NULL */
    char *against_text;   /* 'eyeball compare AGAINST MODEL' on dev, or NULL */
    report_split_t dev;
    int has_test;         /* a review pass over test exists for the model */
    report_split_t test;
    int worth_fixing;     /* the seed's rule on dev */
    char *recommendation; /* plain text, one paragraph */
    long long leaks;      /* dev, test and train-dev examples with an exact copy in train */
    report_leak_t *leak; /* the first few of them */
    size_t nleak;
    long long eyeball, blackbox; /* dev examples in each part; eyeball 0: no parts */
    long long blackbox_shown;    /* Blackbox examples reviews have shown */
    part_row_t *parts;   /* with parts: every model, in import order (names owned) */
    size_t nparts;
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
/* HTML: one self-contained page (report_html.c); per category at most per_cat thumbnails
 * (examples loaded with want_examples, thumbnails made by report_thumbs). */
void report_write_html(FILE *f, const report_t *r, size_t per_cat);

#endif
