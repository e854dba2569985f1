/* sheet.h: a contact sheet: a grid of images with captions under a title, drawn on a
 * raster (for 'eyeball sheet'). */
#ifndef EYEBALL_SHEET_H
#define EYEBALL_SHEET_H

#include <stddef.h>
#include "image.h"
#include "raster.h"

/* One cell. Texts may hold anything: the font draws ASCII, other bytes as '?'. */
typedef struct sheet_item {
    const char *id;
    const char *label, *pred;     /* scored label and prediction */
    const char *fix_old, *fix_new; /* a label fix, or NULL */
    const char *note;             /* the reviewer's note, or NULL */
    const image_t *img;           /* already inside box x box pixels, or NULL */
    const char *why;              /* shown in place of the image when img is NULL */
} sheet_item_t;

/* Draws title and the n items in rows of cols cells, each image centred in a box x box
 * square (a small one enlarged by a whole factor; transparent parts on the cell's grey)
 * with four caption lines under it: the id, label and prediction, the fix (old -> new),
 * the note (each cut with "..." to the cell's width). Returns the canvas (caller frees with raster_free). */
raster_t *sheet_render(const char *title, const sheet_item_t *items, size_t n, int box,
                       int cols);

#endif
