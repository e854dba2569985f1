/* keys.h: the review screen's own keys, from the key table (keys.def), for code that must
 * not depend on the UI: a category may not take one of them. */
#ifndef EYEBALL_KEYS_H
#define EYEBALL_KEYS_H

/* 1 when the review screen uses character ch itself (any entry of keys.def), else 0. */
int keys_reserved(int ch);

/* The reserved letters and digits, the only ones a category could otherwise take,
 * separated by single spaces in key-table order: "j n k p ...". */
const char *keys_reserved_list(void);

#endif
