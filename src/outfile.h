/* outfile.h: command output that goes to standard output, or to a file written
 * atomically: a temporary file in the same directory (.NAME.eyeball-tmp.XXXXXX), flushed
 * and fsync'ed, then renamed over the target, so readers see the old file or the whole
 * new one, never a part. */
#ifndef EYEBALL_OUTFILE_H
#define EYEBALL_OUTFILE_H

#include <stdio.h>
#include "util.h"

typedef struct outfile outfile_t;

/* Opens path for writing (NULL or "-": standard output). A missing directory, a
 * directory as target, the protected store or no permission are user errors. A device,
 * FIFO or other special file is written into as it is, never replaced; a regular file
 * is replaced atomically and keeps its mode. Temporaries that a killed run left for the
 * same target are removed first; SIGINT, SIGTERM and SIGHUP remove this one before the
 * program dies. NULL with e set on failure. */
outfile_t *outfile_open(const char *path, err_t *e);
/* Never lets an output file replace store (nor its -wal, -shm or -journal): compared
 * by device and inode when a file is opened. NULL forgets it. */
void outfile_protect(const char *store);
/* Removes what a killed run left for target: .NAME.eyeball-tmp.XXXXXX beside it that
 * nobody holds a lock on and that was not written for 10 seconds (with the -wal, -shm
 * and -journal files SQLite keeps beside such a file). */
void outfile_remove_stale(const char *target);
/* The stream to write to. */
FILE *outfile_stream(outfile_t *o);
/* Finishes: flush, fsync, rename into place (and fsync the directory). A write error
 * (disk full, file too large) is a system error and leaves the target as it was.
 * Frees o in every case. */
int outfile_commit(outfile_t *o, err_t *e);
/* Gives up: removes the temporary file, leaves the target as it was, frees o. */
void outfile_abort(outfile_t *o);

#endif
