/* import.h: reading samples and predictions files into the store, all or nothing. */
#ifndef EYEBALL_IMPORT_H
#define EYEBALL_IMPORT_H

#include "store.h"

typedef struct import_stats {
    long rows;      /* data rows read */
    long added;     /* new samples / predictions */
    long updated;   /* samples whose fields changed (--update) */
    long unchanged; /* samples already present with the same fields */
    long moved;     /* updated samples with a new path whose content hash was dropped */
    long skipped;   /* folder files that are not images */
    int replaced;   /* predictions: the model had predictions before */
    int with_probs; /* predictions: probability vectors were given */
} import_stats_t;

/* Picks the input format: given (csv, jsonl, folder) if set, else from the file name's
 * extension, else a directory means folder. Returns "csv", "jsonl" or "folder"; NULL
 * with e set when it cannot tell. allow_folder: 0 for predictions. */
const char *import_format(const char *path, const char *given, int allow_folder, err_t *e);

/* Imports samples from path (file or directory). root: directory against which relative
 * paths are resolved (NULL: the directory holding the file). update: replace samples
 * whose fields differ. On any bad row nothing is changed and e holds "FILE:LINE: ...". */
int import_samples(store_t *st, const char *path, const char *format, const char *root,
                   int update, import_stats_t *stats, err_t *e);

/* Imports (or replaces) model's predictions from path, all or nothing. */
int import_preds(store_t *st, const char *path, const char *model, const char *format,
                 import_stats_t *stats, err_t *e);

/* Replaces the store's embeddings with those of path (CSV id,e0,e1,..., JSONL
 * {"id": ..., "embedding": [...]}, or a .npy float32/float64 matrix whose row i belongs to
 * the id on line i of ids), all or nothing; *dim: their dimension. stats->updated: how
 * many embeddings the store held before. */
int import_embeddings(store_t *st, const char *path, const char *format, const char *ids,
                      import_stats_t *stats, size_t *dim, err_t *e);

#endif
