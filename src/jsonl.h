/* jsonl.h: one JSON object per line, parsed with jansson, with line numbers. */
#ifndef EYEBALL_JSONL_H
#define EYEBALL_JSONL_H

#include <jansson.h>
#include "util.h"

typedef struct jsonl jsonl_t;

/* Opens path ("-" reads standard input); NULL with e set on failure. */
jsonl_t *jsonl_open(const char *path, err_t *e);
void jsonl_close(jsonl_t *j);

/* Reads the next non-blank line as a JSON object into *obj (caller json_decref's it).
 * Returns 1, 0 at end of input, or -1 with e = "NAME:LINE: what is wrong". */
int jsonl_next(jsonl_t *j, json_t **obj, err_t *e);
long jsonl_line(const jsonl_t *j);
unsigned long long jsonl_offset(const jsonl_t *j);
const char *jsonl_name(const jsonl_t *j);

/* Text of a scalar member: strings as they are, numbers and booleans written out,
 * null or absent as NULL. Caller frees. Sets *bad when the value is an array/object. */
char *jsonl_scalar_text(json_t *v, int *bad);

/* The text of the current line's member key as written, when it is a number, an array or
 * an object; else NULL. Caller frees. */
char *jsonl_raw_text(const jsonl_t *j, const char *key);

/* Text of member key of obj, the current line's object, as jsonl_scalar_text, except that
 * a number is its text as written in the line ("0.1", "1.0", "1e-320"). Caller frees. */
char *jsonl_member_text(const jsonl_t *j, json_t *obj, const char *key, int *bad);

#endif
