/* prefetch.h: previews prepared ahead of time by worker threads, so the next image is
 * ready before the reviewer presses the key.
 *
 * The UI asks for the items around the current one with prefetch_request and takes
 * finished previews with prefetch_get (never blocks) or prefetch_wait (blocks up to a
 * timeout). Each worker thread owns a decoder (its own helper process) and renders with
 * chafa; nothing here calls ncurses. A preview is identified by (path, box w, box h,
 * mode); finished previews stay in a small LRU cache. All functions are called from
 * one thread (the UI's); the workers are internal. */
#ifndef EYEBALL_PREFETCH_H
#define EYEBALL_PREFETCH_H

#include "preview.h"

typedef struct prefetch prefetch_t;

/* Starts nworkers threads (1-8; 2 suits a UI that looks a few items ahead) and keeps up
 * to cache_size finished previews (at least 2 * nworkers). opts: decoder options (NULL:
 * defaults). Returns NULL with e set when a thread or pipe cannot be created. Free
 * with prefetch_free. */
prefetch_t *prefetch_new(int nworkers, int cache_size, const decoder_opts_t *opts, err_t *e);

/* Drops queued requests, waits for the running ones (each at most the decoder timeout),
 * stops the threads and helpers, frees everything. p may be NULL. */
void prefetch_free(prefetch_t *p);

/* Asks for the preview of path in a box_w x box_h box. Nothing happens when it is
 * cached, queued or being made. Requests run in the order asked (oldest first); call
 * prefetch_cancel first to drop what is no longer wanted. */
void prefetch_request(prefetch_t *p, const char *path, int box_w, int box_h,
                      preview_mode_t mode);

/* The finished preview, or NULL when it is not ready (it is not requested by this call).
 * Returns a copy: the caller frees it with preview_free. */
preview_t *prefetch_get(prefetch_t *p, const char *path, int box_w, int box_h,
                        preview_mode_t mode);

/* Like prefetch_get, but requests it ahead of everything queued when it is neither
 * ready nor under way, and waits for it up to timeout_ms (< 0: no limit). NULL on
 * timeout. */
preview_t *prefetch_wait(prefetch_t *p, const char *path, int box_w, int box_h,
                         preview_mode_t mode, int timeout_ms);

/* Drops every queued request (those being made finish and are cached). */
void prefetch_cancel(prefetch_t *p);

/* Requests queued or being made (0: nothing is loading). */
int prefetch_busy(prefetch_t *p);

/* A descriptor that becomes readable when a preview is finished, for poll() beside the
 * keyboard; prefetch_ack empties it. */
int prefetch_fd(const prefetch_t *p);
void prefetch_ack(prefetch_t *p);

/* The terminal's cell size in pixels (0: unknown), for previews in the pixel modes;
 * a change forgets the cached previews. */
void prefetch_set_cell_size(prefetch_t *p, int cell_w, int cell_h);

/* Forgets every cached preview (e.g. after files changed on disk). */
void prefetch_clear(prefetch_t *p);

#endif
