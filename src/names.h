/* names.h: the rules every label and category name follows, wherever it comes from
 * (an imported file, fix, the categories command), so each can be used everywhere. */
#ifndef EYEBALL_NAMES_H
#define EYEBALL_NAMES_H

#include "util.h"

#include <stddef.h>

/* Longest label in bytes. */
#define NAMES_LABEL_MAX 200

/* 1 when the valid UTF-8 text s (len bytes) holds only printable code points
 * (util_printable_cp); else 0 and *bad is the byte offset of the first other one. */
int names_printable(const char *s, size_t len, size_t *bad);

/* Checks a non-empty label: at most NAMES_LABEL_MAX bytes, valid UTF-8, printable, not only
 * spaces. what names it in the message ("label", "the new label"), e.g. "label is 201 bytes
 * long; labels are at most 200". Returns 0, or -1 with e set (EXIT_USER). */
int names_check_label(const char *what, const char *label, err_t *e);

#endif
