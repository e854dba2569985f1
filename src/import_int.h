/* import_int.h: what import.c and import_preds.c share. */
#ifndef EYEBALL_IMPORT_INT_H
#define EYEBALL_IMPORT_INT_H

#include "csv.h"
#include "util.h"

#include <time.h>

/* Progress on stderr for large inputs, only when stderr is a terminal. */
typedef struct progress {
    int on;
    char *name; /* the file's name, escaped for the terminal */
    unsigned long long total;
    struct timespec last;
} progress_t;

/* Starts a progress line for path (shown only on a terminal, for files over 16 MiB). */
void import_progress_init(progress_t *p, const char *name, const char *path);
/* Updates it now and then: rows read, bytes consumed. */
void import_progress_tick(progress_t *p, long rows, unsigned long long offset);
/* Clears the line. */
void import_progress_done(progress_t *p);

/* Refuses a header (the current record of c) that names a column twice:
 * "FILE:1: column 'x' appears twice in the header". */
int import_header_unique(const csv_t *c, err_t *e);

#endif
