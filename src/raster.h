/* raster.h: a small RGB canvas for drawing the demo's images (shapes on backgrounds,
 * occluders, blur, noise) and writing them as PNG files. Deterministic: the same calls
 * give the same pixels. */
#ifndef EYEBALL_RASTER_H
#define EYEBALL_RASTER_H

#include <stdint.h>
#include <stdio.h>
#include "util.h"

/* w x h pixels, 3 bytes each (R, G, B), rows top to bottom, no padding. */
typedef struct raster {
    int w, h;
    unsigned char *px;
} raster_t;

/* A colour: 0xRRGGBB. */
typedef uint32_t raster_rgb_t;

enum raster_shape {
    RASTER_CIRCLE,
    RASTER_CROSS,   /* a plus sign */
    RASTER_DIAMOND, /* a square standing on a corner */
    RASTER_SQUARE,
    RASTER_STAR,    /* five points */
    RASTER_TRIANGLE,
    RASTER_NSHAPES
};

/* Allocates a w x h canvas (1..16384 each), black. Caller frees with raster_free. */
raster_t *raster_new(int w, int h);
void raster_free(raster_t *r);

/* Fills the canvas with a vertical gradient from top (the first row) to bottom. */
void raster_gradient(raster_t *r, raster_rgb_t top, raster_rgb_t bottom);

/* Blends a soft-edged disc of colour c (opacity alpha in 0..1 at its centre, fading to 0
 * at radius rad) centred at (cx, cy): background clutter. */
void raster_blob(raster_t *r, double cx, double cy, double rad, raster_rgb_t c, double alpha);

/* Draws shape filled with c, centred at (cx, cy), of radius rad (the shape fits in a
 * circle of that radius), turned by rot radians; edges anti-aliased (4 samples a pixel). */
void raster_shape(raster_t *r, enum raster_shape shape, double cx, double cy, double rad,
                  double rot, raster_rgb_t c);

/* Fills the rectangle [x0, x1) x [y0, y1) (clipped to the canvas) with c. */
void raster_rect(raster_t *r, int x0, int y0, int x1, int y1, raster_rgb_t c);

/* Multiplies every channel by f (clamped to 0..255): lighting. */
void raster_scale(raster_t *r, double f);

/* Blurs with three passes of a box filter of the given radius in each direction (close
 * to a Gaussian of sigma ~ radius). radius 0 does nothing. */
void raster_blur(raster_t *r, int radius);

/* Adds uniform noise in [-amp, amp] to every channel, from a hash of (seed, position). */
void raster_noise(raster_t *r, int amp, uint64_t seed);

/* Writes the canvas as an 8-bit RGB PNG file at path. Returns 0, or -1 with e set
 * (EXIT_SYSTEM: "PATH: cannot write: REASON"). */
int raster_write_png(const raster_t *r, const char *path, err_t *e);
/* Writes the canvas as PNG to an open stream (the caller closes it). Returns 0, or the
 * errno of the first failed write (ENOMEM when memory ran out). */
int raster_png_stream(const raster_t *r, FILE *f);

/* Text in a small ASCII bitmap font (stb_easy_font; other bytes drawn as '?'), each font
 * pixel a scale x scale square, with its top-left corner at (x, y); a line is about
 * RASTER_LINE_H * scale pixels high. Returns the width drawn. */
#define RASTER_LINE_H 10
int raster_text(raster_t *r, int x, int y, const char *text, int scale, raster_rgb_t c);
/* The width raster_text would draw. */
int raster_text_width(const char *text, int scale);
/* A copy of text as raster_text draws it, cut with "..." to fit in max_w pixels. Caller
 * frees. */
char *raster_text_fit(const char *text, int max_w, int scale);

/* The canvas as a baseline JPEG file in memory, quality 1..100 (thumbnails for the HTML
 * report). Returns the bytes (caller frees) and sets *len, or NULL when memory runs out. */
unsigned char *raster_jpeg(const raster_t *r, int quality, size_t *len);

#endif
