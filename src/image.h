/* image.h: reading an untrusted PNG or JPEG file into RGBA pixels, with limits.
 *
 * Image files come from datasets scraped from the web: every check that can be made
 * before decoding is made (regular file, size cap, magic bytes, declared dimensions,
 * pixel budget), and every failure comes back as a short human reason for the
 * placeholder ("missing file", "truncated PNG", "GIF is not supported; only PNG and
 * JPEG"). This module decodes in the calling process; the UI goes through decoder.h,
 * which runs it in a helper process with memory and CPU limits. */
#ifndef EYEBALL_IMAGE_H
#define EYEBALL_IMAGE_H

#include <stddef.h>
#include "util.h"

/* Defaults of image_caps_t. */
#define IMAGE_MAX_BYTES ((size_t)64 << 20) /* 64 MiB file size */
#define IMAGE_MAX_PIXELS 40000000UL         /* 40 megapixels */
#define IMAGE_MAX_SIDE 16384                /* pixels, STBI_MAX_DIMENSIONS */

/* Limits checked before anything is decoded. */
typedef struct image_caps {
    size_t max_bytes;         /* largest file accepted */
    unsigned long max_pixels; /* largest width x height accepted */
} image_caps_t;

/* The default limits: IMAGE_MAX_BYTES and IMAGE_MAX_PIXELS. */
extern const image_caps_t image_caps_default;

/* Decoded pixels. */
typedef struct image {
    int w, h;             /* size of rgba in pixels */
    unsigned char *rgba;  /* w*h*4 bytes, RGBA8, unassociated alpha, top row first */
    int src_w, src_h;     /* size declared by the file (differs from w,h after image_fit) */
} image_t;

/* Reads and decodes the file at path (symbolic links are followed). Refuses anything
 * that is not a regular file, files over caps->max_bytes, formats other than PNG and
 * JPEG, and images over IMAGE_MAX_SIDE or caps->max_pixels, before decoding.
 * Returns 0 and fills *out (free with image_free), or -1 with e->msg a short reason
 * without the path, e.g. "missing file", "permission denied", "a directory, not an
 * image file", "empty file", "truncated PNG", "8000x9000 is over the 40-megapixel
 * limit"; e->code EXIT_USER for a bad file, EXIT_SYSTEM for memory or I/O failures.
 * caps NULL means image_caps_default. */
int image_load(const char *path, const image_caps_t *caps, image_t *out, err_t *e);

/* The same checks and decoding on a file already in memory (len bytes). */
int image_load_mem(const unsigned char *data, size_t len, const image_caps_t *caps,
                   image_t *out, err_t *e);

/* Names the format of data by its magic bytes: "PNG" or "JPEG" (decodable), another
 * format's name ("GIF", "BMP", "WebP", ...), "text" for what looks like a text file, or
 * NULL when unknown. */
const char *image_sniff(const unsigned char *data, size_t len);

/* Shrinks img in place, keeping its aspect ratio, so that it fits in maxw x maxh pixels
 * (area averaging, weighted by alpha). Images already inside are left as they are.
 * Returns 0, or -1 with e set when memory runs out (img is then unchanged). */
int image_fit(image_t *img, int maxw, int maxh, err_t *e);

/* Frees the pixels; img may be zeroed or already freed. */
void image_free(image_t *img);

#endif
