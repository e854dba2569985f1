/* csv.c: RFC 4180 reading with a hand-written state machine. It is on the import hot
 * path (a million rows a second), so it reads in large blocks and keeps each record's
 * fields in one buffer of NUL-terminated strings. */
#include "config.h"
#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CSV_BLOCK (256 * 1024)

struct csv {
    char *name;
    int fd;              /* -1 when reading from memory */
    const char *mem;     /* memory input, or NULL */
    size_t memlen;
    char *blk;           /* file input block */
    size_t blen, bpos;
    int eof, started;
    unsigned long long offset;
    long line;           /* current line of the reader */
    long rec_line;       /* line where the current record started */
    char *fbuf;          /* field bytes, each NUL-terminated */
    size_t flen, fcap;
    size_t *starts, *lens;
    size_t nf, capf;
};

static csv_t *csv_new(const char *name)
{
    csv_t *c = xcalloc(1, sizeof *c);
    c->name = xstrdup(name);
    c->fd = -1;
    c->line = 1;
    c->fcap = 4096;
    c->fbuf = xmalloc(c->fcap);
    c->capf = 16;
    c->starts = xmalloc(c->capf * sizeof *c->starts);
    c->lens = xmalloc(c->capf * sizeof *c->lens);
    return c;
}

csv_t *csv_open(const char *path, err_t *e)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err_set(e, EXIT_USER, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    csv_t *c = csv_new(strcmp(path, "-") == 0 ? "<stdin>" : path);
    c->fd = fd;
    c->blk = xmalloc(CSV_BLOCK);
    return c;
}

csv_t *csv_open_mem(const char *name, const char *data, size_t len)
{
    csv_t *c = csv_new(name);
    c->mem = data;
    c->memlen = len;
    c->blen = len;
    c->eof = 1;
    return c;
}

void csv_close(csv_t *c)
{
    if (!c)
        return;
    if (c->fd > 0)
        close(c->fd);
    free(c->name);
    free(c->blk);
    free(c->fbuf);
    free(c->starts);
    free(c->lens);
    free(c);
}

/* Returns the next byte, or -1 at end of input, -2 on a read error. */
static inline int getbyte(csv_t *c)
{
    const char *buf = c->mem ? c->mem : c->blk;
    if (c->bpos < c->blen) {
        c->offset++;
        return (unsigned char)buf[c->bpos++];
    }
    if (c->eof)
        return -1;
    ssize_t n;
    do
        n = read(c->fd, c->blk, CSV_BLOCK);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -2;
    if (n == 0) {
        c->eof = 1;
        return -1;
    }
    c->blen = (size_t)n;
    c->bpos = 1;
    c->offset++;
    return (unsigned char)c->blk[0];
}

static inline int peekbyte(csv_t *c)
{
    int b = getbyte(c);
    if (b >= 0) {
        c->bpos--;
        c->offset--;
    }
    return b;
}

static inline void fput(csv_t *c, char ch)
{
    if (c->flen + 1 >= c->fcap) {
        c->fcap *= 2;
        c->fbuf = xrealloc(c->fbuf, c->fcap);
    }
    c->fbuf[c->flen++] = ch;
}

/* Appends n bytes to the field buffer. */
static inline void fput_run(csv_t *c, const char *p, size_t n)
{
    if (c->flen + n + 1 >= c->fcap) {
        while (c->flen + n + 1 >= c->fcap)
            c->fcap *= 2;
        c->fbuf = xrealloc(c->fbuf, c->fcap);
    }
    memcpy(c->fbuf + c->flen, p, n);
    c->flen += n;
}

/* Bytes that end a run of plain bytes: in an unquoted field (1) and in a quoted one (2). */
static const unsigned char csv_special[256] = {
    [','] = 1, ['\r'] = 1, ['\n'] = 1 | 2, ['"'] = 1 | 2,
};

/* Copies the plain bytes (those without the `stop` bit in csv_special) at the read
 * position into the field, across block refills, and returns the byte after them as
 * getbyte would (-1 end, -2 read error); *high collects the bytes' bits. */
static inline int take_run(csv_t *c, int stop, int *high)
{
    for (;;) {
        const char *buf = c->mem ? c->mem : c->blk;
        size_t i = c->bpos, j = i;
        unsigned char h = 0;
        while (j < c->blen && !(csv_special[(unsigned char)buf[j]] & stop))
            h |= (unsigned char)buf[j++];
        fput_run(c, buf + i, j - i);
        *high |= h;
        c->offset += j - i;
        c->bpos = j;
        int b = getbyte(c); /* refills the block when it ran out */
        if (b < 0 || (csv_special[b] & stop))
            return b;
        *high |= b;
        fput(c, (char)b);
    }
}

static void field_end(csv_t *c, size_t start)
{
    if (c->nf == c->capf) {
        c->capf *= 2;
        c->starts = xreallocarray(c->starts, c->capf, sizeof *c->starts);
        c->lens = xreallocarray(c->lens, c->capf, sizeof *c->lens);
    }
    c->starts[c->nf] = start;
    c->lens[c->nf] = c->flen - start;
    c->nf++;
    fput(c, '\0');
}

int csv_next(csv_t *c, err_t *e)
{
    int b;
    if (!c->started) {
        c->started = 1;
        /* Skip a UTF-8 byte order mark. */
        if (peekbyte(c) == 0xEF) {
            size_t save = c->bpos;
            unsigned long long so = c->offset;
            if (getbyte(c) == 0xEF && getbyte(c) == 0xBB && getbyte(c) == 0xBF) {
                /* skipped */
            } else {
                c->bpos = save;
                c->offset = so;
            }
        }
    }
again:
    c->nf = 0;
    c->flen = 0;
    c->rec_line = c->line;
    b = getbyte(c);
    if (b == -1)
        return 0;
    if (b == '\n') {
        c->line++;
        goto again;
    }
    if (b == '\r' && peekbyte(c) == '\n') {
        getbyte(c);
        c->line++;
        goto again;
    }
    for (;;) {
        size_t start = c->flen;
        int high = 0;
        if (b == '"') {
            long qline = c->line;
            for (;;) {
                b = take_run(c, 2, &high);
                if (b < 0) {
                    if (b == -2)
                        return err_set(e, EXIT_SYSTEM, "%s:%ld: read error: %s", c->name,
                                       c->line, strerror(errno));
                    return err_set(e, EXIT_USER, "%s:%ld: quoted field never closed (the file "
                                   "ends on line %ld); close it with a '\"' or double the "
                                   "quotes inside it", c->name, qline, c->line);
                }
                if (b == '"') {
                    if (peekbyte(c) == '"') {
                        getbyte(c);
                        fput(c, '"');
                        continue;
                    }
                    break;
                }
                c->line++; /* b is '\n' */
                fput(c, (char)b);
            }
            b = getbyte(c);
            if (b >= 0 && b != ',' && b != '\n' && b != '\r')
                return err_set(e, EXIT_USER, "%s:%ld: text after a closing quote in field %zu; "
                               "quote the whole field and double any quote inside it",
                               c->name, c->line, c->nf + 1);
        } else {
            if (b >= 0 && !(csv_special[b] & 1)) {
                high |= b;
                fput(c, (char)b);
                b = take_run(c, 1, &high);
            }
            if (b == '"')
                return err_set(e, EXIT_USER, "%s:%ld: stray quote in unquoted field %zu; "
                               "quote the field and double the quote (\"\")", c->name,
                               c->line, c->nf + 1);
        }
        size_t bad;
        if ((high & 0x80 || memchr(c->fbuf + start, 0, c->flen - start)) &&
            !util_utf8_valid(c->fbuf + start, c->flen - start, &bad))
            return err_set(e, EXIT_USER, "%s:%ld: field %zu is not valid UTF-8 (byte %zu); "
                           "convert the file to UTF-8", c->name, c->rec_line, c->nf + 1,
                           bad + 1);
        field_end(c, start);
        if (b == ',') {
            b = getbyte(c);
            if (b == -1 || b == '\n' || b == '\r') {
                /* A trailing comma: one more, empty field. */
                start = c->flen;
                field_end(c, start);
            } else {
                continue;
            }
        }
        if (b == -2)
            return err_set(e, EXIT_SYSTEM, "%s:%ld: read error: %s", c->name, c->line,
                           strerror(errno));
        if (b == '\r') {
            if (peekbyte(c) == '\n')
                getbyte(c);
            c->line++;
        } else if (b == '\n') {
            c->line++;
        }
        return 1;
    }
}

size_t csv_count(const csv_t *c)
{
    return c->nf;
}

const char *csv_field(const csv_t *c, size_t i)
{
    return i < c->nf ? c->fbuf + c->starts[i] : NULL;
}

size_t csv_field_len(const csv_t *c, size_t i)
{
    return i < c->nf ? c->lens[i] : 0;
}

long csv_line(const csv_t *c)
{
    return c->rec_line;
}

unsigned long long csv_offset(const csv_t *c)
{
    return c->offset;
}

const char *csv_name(const csv_t *c)
{
    return c->name;
}
