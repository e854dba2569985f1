/* phash.h: a perceptual hash of an image, for near-duplicates (the same picture resized,
 * re-encoded as JPEG, brightened or slightly cropped). Free of I/O; the decoder helper
 * computes it on the pixels it decodes.
 *
 * The hash: the image in grey (ITU-R 601 luma, transparent pixels over mid grey), shrunk
 * to 32x32 by area averaging (the aspect ratio is not kept), a 2-D DCT-II of which the 8x8
 * lowest frequencies are kept; bit 8*v+u is set when coefficient (u, v) is above the median
 * of the 63 coefficients other than the mean (u = v = 0), whose bit is always 0. A brightness
 * shift only moves the mean, so it changes no bit until pixels clip. A mirrored image negates
 * the coefficients of odd u and gets a different hash: mirrored copies do not match. */
#ifndef EYEBALL_PHASH_H
#define EYEBALL_PHASH_H

#include <stdint.h>

/* Side of the grey thumbnail the DCT runs on. */
#define PHASH_SIDE 32

/* The hash of w x h RGBA8 pixels (unassociated alpha, top row first); w, h > 0. */
uint64_t phash_rgba(const unsigned char *rgba, int w, int h);

/* Bits that differ between two hashes. */
static inline int phash_distance(uint64_t a, uint64_t b)
{
    return __builtin_popcountll(a ^ b);
}

#endif
