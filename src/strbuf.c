/* strbuf.c: growable strings. */
#include "config.h"
#include "strbuf.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_init(strbuf_t *b)
{
    b->cap = 64;
    b->len = 0;
    b->buf = xmalloc(b->cap);
    b->buf[0] = '\0';
}

void strbuf_done(strbuf_t *b)
{
    free(b->buf);
    b->buf = NULL;
    b->len = b->cap = 0;
}

void strbuf_reset(strbuf_t *b)
{
    b->len = 0;
    b->buf[0] = '\0';
}

static void grow(strbuf_t *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    while (b->len + extra + 1 > b->cap)
        b->cap *= 2;
    b->buf = xrealloc(b->buf, b->cap);
}

void strbuf_add(strbuf_t *b, const char *s, size_t n)
{
    grow(b, n);
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void strbuf_adds(strbuf_t *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

void strbuf_addc(strbuf_t *b, char c)
{
    grow(b, 1);
    b->buf[b->len++] = c;
    b->buf[b->len] = '\0';
}

void strbuf_addf(strbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= b->cap - b->len) {
        grow(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

void strbuf_add_json(strbuf_t *b, const char *s, size_t n)
{
    strbuf_addc(b, '"');
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        strbuf_add(b, s + start, i - start);
        start = i + 1;
        switch (c) {
        case '"': strbuf_add(b, "\\\"", 2); break;
        case '\\': strbuf_add(b, "\\\\", 2); break;
        case '\n': strbuf_add(b, "\\n", 2); break;
        case '\r': strbuf_add(b, "\\r", 2); break;
        case '\t': strbuf_add(b, "\\t", 2); break;
        default: strbuf_addf(b, "\\u%04x", c); break;
        }
    }
    strbuf_add(b, s + start, n - start);
    strbuf_addc(b, '"');
}

int strbuf_csv_needs_guard(const char *s)
{
    double v;
    if (!s || !*s || !strchr("=+-@\t\r", s[0]))
        return 0;
    /* A number starting with a sign is a value, not a formula: labels such as -1 round
     * trip. A space or anything after the number (-1+2, -2+3+cmd|...) is not a number. */
    return strchr(s, ' ') || util_parse_double(s, &v) < 0;
}

void strbuf_add_csv(strbuf_t *b, const char *s, int guard)
{
    if (!s)
        return;
    int apostrophe = guard && strbuf_csv_needs_guard(s);
    if (!strpbrk(s, ",\"\r\n")) {
        if (apostrophe)
            strbuf_addc(b, '\'');
        strbuf_adds(b, s);
        return;
    }
    strbuf_addc(b, '"');
    if (apostrophe)
        strbuf_addc(b, '\'');
    for (; *s; s++) {
        if (*s == '"')
            strbuf_addc(b, '"');
        strbuf_addc(b, *s);
    }
    strbuf_addc(b, '"');
}

char *strbuf_detach(strbuf_t *b)
{
    char *p = b->buf;
    b->buf = NULL;
    b->len = b->cap = 0;
    return p;
}

void strbuf_add_md(strbuf_t *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (strchr("\\`*_{}[]()<>#+-.!|&~\"'$%^=:;,?@/", *p))
            strbuf_addc(b, '\\');
        strbuf_addc(b, *p);
    }
}
