/* demo.h: the demo dataset. A few thousand procedurally drawn PNG images of simple
 * shapes, some made hard on purpose (blurred, occluded, tiny, mislabeled, taken with a
 * "phone"), a 60/20/20 split, and the predictions of a simulated classifier whose errors
 * follow those causes: what error analysis is meant to find.
 *
 * Layout of DIR:
 *   DIR/eyeball-demo.txt  marks the directory as the demo's (see demo_dir_state)
 *   DIR/images/<id>.png   the images
 *   DIR/samples.csv       id,path,label,split,source,lighting
 *   DIR/preds.csv         id,pred,confidence,prob:<label>... (model DEMO_MODEL)
 *   DIR/eyeball.db        the store, made by the demo command
 *
 * Everything random comes from splitmix64 streams derived from the seed, never rand(), so
 * a seed gives the same files on every run (on one platform; another libm may differ in
 * the last printed digit of a probability). */
#ifndef EYEBALL_DEMO_H
#define EYEBALL_DEMO_H

#include <stdint.h>
#include "store.h"

#define DEMO_MODEL "demo-cnn"
#define DEMO_MARKER "eyeball-demo.txt"
#define DEMO_STORE "eyeball.db"
#define DEMO_DEFAULT_SEED 1

/* What demo_generate made. Split indexes: 0 train, 1 dev, 2 test. */
typedef struct demo_stats {
    uint64_t seed;
    int samples;        /* images written */
    int classes;        /* labels */
    int split[3];       /* samples per split */
    int errors[3];      /* the simulated model's errors (pred != given label) per split */
    int phone;          /* samples from the "phone" source (the rest: "studio") */
    int blurred, occluded, tiny, mislabeled; /* samples made hard on purpose, per cause */
    int min_side, max_side; /* image sizes, pixels */
} demo_stats_t;

/* The class names, sorted bytewise (the order of the prob: columns). */
extern const char *const demo_classes[];
extern const int demo_nclasses;

enum demo_dir_state {
    DEMO_DIR_NEW,     /* absent, or an empty directory */
    DEMO_DIR_EARLIER, /* a directory an earlier demo wrote (it holds DEMO_MARKER) */
};

/* Tells what dir is. Returns a demo_dir_state, or -1 with e set (EXIT_USER) when dir is
 * not a directory or holds other files. For DEMO_DIR_EARLIER, *seed and *complete (1 when
 * that demo finished, store included) are read from the marker; either may be NULL. */
int demo_dir_state(const char *dir, uint64_t *seed, int *complete, err_t *e);

/* Writes the dataset into dir (created when absent; an earlier demo's files there are
 * replaced, its store removed). Refuses (EXIT_USER, nothing written) a dir that
 * demo_dir_state does not accept. The marker is written first, saying "incomplete";
 * demo_mark_complete finishes it. out may be NULL. Returns 0 or -1 with e set. */
int demo_generate(const char *dir, uint64_t seed, demo_stats_t *out, err_t *e);

/* Imports dir's samples.csv and preds.csv (model DEMO_MODEL) into st, all or nothing. */
int demo_import(store_t *st, const char *dir, err_t *e);

/* Records in the marker that the demo in dir is complete (store included). */
int demo_mark_complete(const char *dir, uint64_t seed, err_t *e);

#endif
