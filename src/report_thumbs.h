/* report_thumbs.h: thumbnails of the reviewed examples for the HTML report. */
#ifndef EYEBALL_REPORT_THUMBS_H
#define EYEBALL_REPORT_THUMBS_H

#include "report.h"

/* Thumbnails per category and split unless --thumbnails says otherwise. */
#define REPORT_DEFAULT_THUMBNAILS 24
/* Thumbnail box of the HTML report, in pixels (the longer side). */
#define REPORT_THUMB_BOX 160

/* Makes the thumbnails the HTML report shows: for each split and category the first
 * per_cat examples, and the first per_cat examples with no category, each decoded once
 * through the decoder helper and shrunk to fit box x box. An image that cannot be
 * decoded gets thumb_why (the decoder's reason) instead of thumb. Never fails: a
 * decoder that cannot start gives every example its reason. */
void report_thumbs(report_t *r, size_t per_cat, int box);

#endif
