/* util.h: allocation that aborts cleanly, error values, small helpers. */
#ifndef EYEBALL_UTIL_H
#define EYEBALL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

/* Exit statuses of the command line contract. */
enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_SYSTEM = 2 };

/* An error travelling up to where the user sees it.
 * code: 0 none, EXIT_USER for bad input or a refused action, EXIT_SYSTEM for I/O,
 * SQLite or resource failures. msg: the full text, e.g. "a.csv:3: unknown split 'x'". */
typedef struct err {
    int code;
    char msg[1024];
} err_t;

/* Sets e (when not NULL) and returns -1, so callers can `return err_set(...)`. */
int err_set(err_t *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prefixes the current message with "prefix: ". */
void err_prefix(err_t *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Called before a fatal exit so the terminal can be restored (set by the UI). */
extern void (*util_fatal_hook)(void);

/* Prints "eyeball: msg" to stderr, runs the fatal hook, exits with status 2. */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Allocation wrappers: never return NULL; on failure they die(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Current time as ISO 8601 UTC with seconds ("2026-11-27T23:01:07Z"); caller frees. */
char *util_now_iso(void);

/* 1 when s (len bytes) is valid UTF-8 without NUL bytes; else 0 and *bad = byte offset. */
int util_utf8_valid(const char *s, size_t len, size_t *bad);

/* Parses a whole string as a double / non-negative integer; returns 0 on success. */
int util_parse_double(const char *s, double *out);
int util_parse_ulong(const char *s, unsigned long *out);

/* Reviewer name: $EYEBALL_REVIEWER, else $USER, else "unknown". Not freed. */
const char *util_reviewer(void);

/* Data directory: $EYEBALL_DATADIR, else PKGDATADIR. */
const char *util_datadir(void);

/* Writes s to f with control characters and escape sequences made visible
 * (\e, \n, \t, \xNN, U+202E etc. as \u{...}); for text from the data. */
char *util_sanitize(const char *s);

/* Writes n with thousands separators ("1,000,000") into buf (at least 32 bytes). */
const char *util_fmt_int(long long n, char *buf);
/* "s" unless n is 1: the plural ending of a regular English noun ("%lld sample%s"). */
const char *util_s(long long n);

#endif
