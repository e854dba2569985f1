/* view_review.h: the review screen. */
#ifndef EYEBALL_VIEW_REVIEW_H
#define EYEBALL_VIEW_REVIEW_H

#include "store.h"
#include "store_pass.h"

/* Runs the review UI on pass p until the reviewer quits. note: shown in the status line
 * at start (e.g. "started pass #2 ..."). preview: how images are drawn, "auto" (or NULL),
 * "symbols", "sixel", "kitty" or "iterm" (see termgfx.h). Returns an exit status; e set
 * on failure. */
int view_review_run(store_t *st, const pass_info_t *p, const char *reviewer, const char *note,
                    const char *preview, err_t *e);

/* Prints the key table (keys and what they do), as the help overlay shows it. */
void view_review_print_keys(void);

#endif
