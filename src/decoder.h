/* decoder.h: decoding images out of process, so a hostile file cannot crash or hang
 * the UI.
 *
 * A decoder_t owns one helper process: this same program started again with
 * posix_spawn as `PROGRAM --decode-helper MEM_MB CPU_S [shm]` (posix_spawn is safe after
 * GLib and chafa have started threads, and a fresh exec gets a fresh address space).
 * The helper limits itself (RLIMIT_AS, RLIMIT_CPU per image, no core files, no file
 * writes, few descriptors, PR_SET_NO_NEW_PRIVS, killed when its parent thread dies),
 * then answers requests over a socket pair: the request carries a path, a box in pixels
 * and the caps; the reply carries a reason, or pixels already shrunk to the box, placed
 * in a shared memory buffer (a sealed memfd; the socket for images too big for it).
 * A helper that dies (a signal, the CPU limit) or does not answer within the wall-clock
 * timeout is killed; the caller gets a reason ("decoder crashed (signal 11)", "decoding
 * took too long") and the next request starts a new helper.
 *
 * Every program that uses a decoder must call decoder_helper_main first thing in main
 * when argv[1] is DECODER_HELPER_ARG (src/main.c does; so do the tests). */
#ifndef EYEBALL_DECODER_H
#define EYEBALL_DECODER_H

#include <sys/types.h>
#include <stdint.h>
#include "image.h"
#include "scan.h"

#define DECODER_HELPER_ARG "--decode-helper"

/* Defaults of decoder_opts_t. */
#define DECODER_TIMEOUT_MS 2000 /* wall clock per image */
#define DECODER_MEM_MB 512      /* address space of the helper */
#define DECODER_CPU_SECONDS 2   /* CPU time per image */
#define DECODER_SHM_BYTES ((size_t)32 << 20) /* shared pixel buffer */

typedef struct decoder_opts {
    int timeout_ms;    /* wall-clock limit per image, from the request to the last byte */
    int mem_mb;        /* RLIMIT_AS of the helper in MiB (not applied under ASan) */
    int cpu_seconds;   /* RLIMIT_CPU granted per image */
    image_caps_t caps; /* file size and pixel budget, checked in the helper */
    const char *exe;   /* program to start with --decode-helper; NULL: this program */
    size_t shm_bytes;  /* shared pixel buffer (0: none, the socket carries every image) */
} decoder_opts_t;

typedef struct decoder decoder_t;

/* Fills o with the defaults above, image_caps_default and exe NULL. Start from this
 * when filling options: fields added later get their defaults. */
void decoder_opts_init(decoder_opts_t *o);

/* A decoder with the given options (NULL: defaults). The helper starts on the first
 * decode. Not thread-safe: use one decoder per thread. Free with decoder_free. */
decoder_t *decoder_new(const decoder_opts_t *opts);

/* Stops the helper (if running) and frees d. d may be NULL. */
void decoder_free(decoder_t *d);

/* Decodes path in the helper and shrinks it, keeping the aspect ratio, to fit in
 * maxw x maxh pixels (0 for either: no shrinking, up to the pixel budget). Returns 0 and
 * fills *out (out->src_w/src_h: the size in the file; free with image_free), or -1 with
 * e->msg a short reason for a placeholder: image_load's reasons, or "decoder crashed
 * (signal N)", "decoding took too long", "cannot start the decoder: ...". Never blocks
 * longer than about timeout_ms. */
int decoder_decode(decoder_t *d, const char *path, int maxw, int maxh, image_t *out, err_t *e);

/* What decoder_hash gives for one file. */
typedef struct decoder_hashes {
    unsigned char content[SCAN_HASH_BYTES]; /* XXH3-128 of the bytes, as scan_hash_file */
    uint64_t phash;                         /* phash_rgba of the pixels, when phash_ok */
    int phash_ok;
    char why[128]; /* when !phash_ok: why the pixels could not be decoded */
} decoder_hashes_t;

/* Reads path once in the helper and hashes both its bytes and its decoded pixels.
 * Returns 0 when the bytes were hashed (the perceptual hash may still have failed: see
 * phash_ok and why), or -1 with e->msg saying why the file could not be read, or that the
 * helper crashed or took too long on it. */
int decoder_hash(decoder_t *d, const char *path, decoder_hashes_t *out, err_t *e);

/* Process id of the running helper, 0 when none (for tests and diagnostics). */
pid_t decoder_pid(const decoder_t *d);

/* Number of helpers started so far by d (the first start counts). */
int decoder_starts(const decoder_t *d);

/* The helper's main loop: serves requests on descriptor 0 until it closes, then returns
 * the exit status. argv as given to main (argv[1] is DECODER_HELPER_ARG, argv[2] the
 * memory limit in MiB, argv[3] the CPU seconds per image).
 * Test hooks, read from the environment: EYEBALL_DECODER_CRASH_ON=TEXT makes the helper
 * die by SIGSEGV when the path contains TEXT; EYEBALL_DECODER_HANG_ON=TEXT makes it spin
 * forever on such a path. */
int decoder_helper_main(int argc, char **argv);

#endif
