/* csv.h: a streaming RFC 4180 reader that knows line numbers.
 * Quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a
 * record; a UTF-8 BOM at the start is skipped; every field must be valid UTF-8. */
#ifndef EYEBALL_CSV_H
#define EYEBALL_CSV_H

#include <stddef.h>
#include "util.h"

typedef struct csv csv_t;

/* Opens path ("-" reads standard input). Returns NULL with e set on failure. */
csv_t *csv_open(const char *path, err_t *e);
/* Reads from memory (not copied; must outlive the reader). name is used in messages. */
csv_t *csv_open_mem(const char *name, const char *data, size_t len);
void csv_close(csv_t *c);

/* Reads the next record. Returns 1 for a record, 0 at end of input, -1 on a syntax or
 * encoding error with e set to "NAME:LINE: what is wrong". Blank lines are skipped. */
int csv_next(csv_t *c, err_t *e);

/* Fields of the current record: valid until the next csv_next. */
size_t csv_count(const csv_t *c);
const char *csv_field(const csv_t *c, size_t i);
size_t csv_field_len(const csv_t *c, size_t i);
/* Line on which the current record starts (1-based). */
long csv_line(const csv_t *c);
/* Bytes consumed so far (for progress). */
unsigned long long csv_offset(const csv_t *c);
const char *csv_name(const csv_t *c);

#endif
