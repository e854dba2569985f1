/* util.h: allocation that aborts cleanly, error values, small helpers. */
#ifndef EYEBALL_UTIL_H
#define EYEBALL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

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
/* Arrays of a million examples and more: memory the kernel backs with huge pages where
 * it can (madvise MADV_HUGEPAGE), since faulting in 4 KiB pages one by one costs more
 * than reading the store (measured: suspects at 1M x 10 spent a third of its time there).
 * Pages never written cost nothing. Small sizes come from malloc. Free with xbig_free. */
void *xbig_alloc(size_t n);
void xbig_free(void *p);
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

/* 1 when code point cp is shown as it is: not a C0 or C1 control, DEL, a direction mark,
 * embedding, override or isolate (U+200E/F, U+061C, U+202A-202E, U+2066-2069), a line or
 * paragraph separator (U+2028/9) or a byte order mark (U+FEFF). */
int util_printable_cp(unsigned cp);

/* A copy of s with control characters and escape sequences made visible (\e, \n, \t,
 * \xNN, U+202E etc. as \u{...}) and \ as \\; for text from the data. Caller frees. */
char *util_sanitize(const char *s);

/* The same for a whole message, which may hold text sanitized already: \ stays as it is.
 * Caller frees. */
char *util_sanitize_msg(const char *s);

/* Prints a message (printf format) to stderr with a line break, through
 * util_sanitize_msg: every message the program prints goes through here, so text from
 * the data never reaches the terminal as it is. */
void util_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes len bytes of s to f: as they are to a file or pipe, so CSV and JSON stay exact;
 * to a terminal with control characters escaped as util_sanitize does (line breaks and
 * tabs kept, \ as it is). Returns len, or 0 on a write error. */
size_t util_write_out(const char *s, size_t len, FILE *f);

/* Writes n with thousands separators ("1,000,000") into buf (at least 32 bytes). */
const char *util_fmt_int(long long n, char *buf);
/* "s" unless n is 1: the plural ending of a regular English noun ("%lld sample%s"). */
const char *util_s(long long n);

/* Removes a store file and the files SQLite keeps beside it (-wal, -shm, -journal). */
void util_unlink_store(const char *path);

#endif
