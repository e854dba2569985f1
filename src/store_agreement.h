/* store_agreement.h: the verdicts of the examples two or more reviewers judged, as the
 * agreement command and the report need them. */
#ifndef EYEBALL_STORE_AGREEMENT_H
#define EYEBALL_STORE_AGREEMENT_H

#include <stddef.h>
#include "store.h"

typedef struct agree_verdict {
    size_t reviewer;       /* index into agree_data_t.reviewers */
    char *fix;             /* the label proposed, or NULL: the label is right */
    unsigned char *ticked; /* ticked[c]: category c (of agree_data_t.cats) ticked */
} agree_verdict_t;

typedef struct agree_sample {
    long long sid;
    char *id, *label;      /* the user's id; the label the reviewers saw (current label) */
    size_t nverdicts;      /* 2 or more */
    agree_verdict_t *verdicts;
} agree_sample_t;

typedef struct agree_data {
    size_t ncats;
    char **cats;           /* category names in display order */
    size_t nreviewers;
    char **reviewers;      /* distinct reviewers of the items, sorted */
    size_t nitems;
    agree_sample_t *items; /* in sample order */
} agree_data_t;

/* The examples judged by two or more reviewers, of pass pid (0: of any pass or none), with
 * every reviewer's verdict. A pid that is not a pass is a user error. Caller frees with
 * store_agreement_free. Returns 0 or -1 with e set. */
int store_agreement_data(store_t *st, long long pid, agree_data_t *out, err_t *e);
void store_agreement_free(agree_data_t *d);

#endif
