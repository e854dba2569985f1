/* outfile.h: command output that goes to standard output, or to a file written
 * atomically: a temporary file in the same directory, flushed and fsync'ed, then renamed
 * over the target, so readers see the old file or the whole new one, never a part. */
#ifndef EYEBALL_OUTFILE_H
#define EYEBALL_OUTFILE_H

#include <stdio.h>
#include "util.h"

typedef struct outfile outfile_t;

/* Opens path for writing (NULL or "-": standard output). A missing directory, a
 * directory as target or no permission are user errors. NULL with e set on failure. */
outfile_t *outfile_open(const char *path, err_t *e);
/* The stream to write to. */
FILE *outfile_stream(outfile_t *o);
/* Finishes: flush, fsync, rename into place (and fsync the directory). A write error
 * (disk full, file too large) is a system error and leaves the target as it was.
 * Frees o in every case. */
int outfile_commit(outfile_t *o, err_t *e);
/* Gives up: removes the temporary file, leaves the target as it was, frees o. */
void outfile_abort(outfile_t *o);

#endif
