/* strbuf.h: a growable, always NUL-terminated byte string. */
#ifndef EYEBALL_STRBUF_H
#define EYEBALL_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
    char *buf;  /* NUL-terminated contents; never NULL after strbuf_init */
    size_t len; /* bytes in use, excluding the NUL */
    size_t cap; /* bytes allocated */
} strbuf_t;

void strbuf_init(strbuf_t *b);
void strbuf_done(strbuf_t *b);
void strbuf_reset(strbuf_t *b);
void strbuf_add(strbuf_t *b, const char *s, size_t n);
void strbuf_adds(strbuf_t *b, const char *s);
void strbuf_addc(strbuf_t *b, char c);
void strbuf_addf(strbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void strbuf_add_json(strbuf_t *b, const char *s, size_t n);
/* Appends s as one CSV field, quoted when it holds a comma, quote, CR or LF. guard: a
 * field a spreadsheet would run as a formula gets a leading apostrophe (csv_needs_guard). */
void strbuf_add_csv(strbuf_t *b, const char *s, int guard);
/* Appends s for markdown: every ASCII punctuation character backslash-escaped, so it reads
 * as the text it is (no table cell ends early, no emphasis, link, code span or tag). s
 * should be sanitised first (util_sanitize). */
void strbuf_add_md(strbuf_t *b, const char *s);
/* 1 when a spreadsheet would read s as a formula: it starts with =, +, -, @, a tab or a
 * CR (OWASP's list) and is not a plain number such as -1 or +0.5. */
int strbuf_csv_needs_guard(const char *s);
/* Returns the contents (caller frees); b is then done: strbuf_init it before reuse. */
char *strbuf_detach(strbuf_t *b);

#endif
