/* util.c: allocation wrappers, errors, time, UTF-8 checks. */
#include "config.h"
#include "util.h"
#include "strbuf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void (*util_fatal_hook)(void);

int err_set(err_t *e, int code, const char *fmt, ...)
{
    if (!e)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->code = code;
    return -1;
}

void err_prefix(err_t *e, const char *fmt, ...)
{
    if (!e)
        return;
    char pre[512], old[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    size_t n = strlen(pre);
    if (n > sizeof e->msg - 3)
        n = sizeof e->msg - 3;
    memcpy(e->msg, pre, n);
    memcpy(e->msg + n, ": ", 2);
    size_t room = sizeof e->msg - n - 3, m = strlen(old);
    if (m > room)
        m = room;
    memcpy(e->msg + n + 2, old, m);
    e->msg[n + 2 + m] = '\0';
}

void die(const char *fmt, ...)
{
    if (util_fatal_hook)
        util_fatal_hook();
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    util_msg("eyeball: %s", buf);
    exit(EXIT_SYSTEM);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory (%zu bytes)", n);
    return p;
}

/* xbig_alloc's header, before the memory it returns; 64 bytes keep that aligned. */
typedef union big_head {
    struct {
        size_t maplen; /* the mapping's length, 0 when from malloc */
    } h;
    char pad[64];
} big_head_t;

#define BIG_MAP_FROM ((size_t)4 << 20)

/* Under AddressSanitizer every array comes from malloc, so it checks their bounds too. */
#if defined(__SANITIZE_ADDRESS__)
#define BIG_MAP 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIG_MAP 0
#endif
#endif
#if !defined(BIG_MAP) && defined(MAP_ANONYMOUS)
#define BIG_MAP 1
#endif
#ifndef BIG_MAP
#define BIG_MAP 0
#endif

void *xbig_alloc(size_t n)
{
    if (n > SIZE_MAX - 2 * sizeof(big_head_t))
        die("out of memory (%zu bytes)", n);
    size_t len = n + sizeof(big_head_t);
    big_head_t *b = NULL;
#if BIG_MAP
    if (len >= BIG_MAP_FROM) {
        void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED)
            die("out of memory (%zu bytes)", n);
#if defined(MADV_HUGEPAGE)
        (void)madvise(m, len, MADV_HUGEPAGE); /* a hint: without it, small pages */
#endif
        b = m;
        b->h.maplen = len;
    }
#endif
    if (!b) {
        b = xmalloc(len);
        b->h.maplen = 0;
    }
    return b + 1;
}

void xbig_free(void *p)
{
    if (!p)
        return;
    big_head_t *b = (big_head_t *)p - 1;
#if BIG_MAP
    if (b->h.maplen) {
        munmap(b, b->h.maplen);
        return;
    }
#endif
    free(b);
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory (%zu bytes)", n);
    return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        die("out of memory (%zu x %zu bytes)", n, size);
    return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        die("bad format string");
    char *p = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

char *util_now_iso(void)
{
    char buf[32];
    time_t t;
    const char *fake = getenv("EYEBALL_NOW"); /* fixed clock for tests */
    if (fake && *fake)
        return xstrdup(fake);
    t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return xstrdup(buf);
}

int util_utf8_valid(const char *str, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c == 0)
                goto fail;
            i++;
            continue;
        }
        size_t n;
        unsigned cp;
        if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
        else goto fail;
        if (i + n >= len) /* needs bytes i+1 .. i+n */
            goto fail;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                goto fail;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto fail;
        i += n + 1;
    }
    return 1;
fail:
    if (bad)
        *bad = i;
    return 0;
}

/* Powers of ten that a double holds exactly. */
static const double exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The import hot path (ten probabilities a row) spends most of its time in strtod. A
 * plain decimal ([+-]digits[.digits][e[+-]digits]) whose significant digits fit in 53
 * bits and whose power of ten is at most 22 is one exactly rounded multiplication or
 * division of two exact doubles (Clinger's fast path), so it gives strtod's result bit
 * for bit. Returns 0 with *out set, or -1 when s needs the general path. */
static int parse_plain_decimal(const char *s, double *out)
{
    const char *p = s;
    int neg = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    uint64_t m = 0;
    int sig = 0, digits = 0, exp10 = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (m || *p != '0') {
            if (++sig > 19)
                return -1;
            m = m * 10 + (uint64_t)(*p - '0');
        }
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
            exp10--;
            if (m || *p != '0') {
                if (++sig > 19)
                    return -1;
                m = m * 10 + (uint64_t)(*p - '0');
            }
        }
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0, e = 0, edigits = 0;
        if (*p == '-' || *p == '+')
            eneg = *p++ == '-';
        for (; *p >= '0' && *p <= '9'; p++)
            if (++edigits > 4)
                return -1;
            else
                e = e * 10 + (*p - '0');
        if (!edigits)
            return -1;
        exp10 += eneg ? -e : e;
    }
    if (*p || m > (UINT64_C(1) << 53) || exp10 > 22 || exp10 < -22)
        return -1;
    double v = (double)m;
    if (exp10 > 0)
        v *= exact_pow10[exp10];
    else if (exp10 < 0)
        v /= exact_pow10[-exp10];
    *out = neg ? -v : v;
    return 0;
}

int util_parse_double(const char *s, double *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    if (parse_plain_decimal(s, out) == 0)
        return 0;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s) /* no number at all, e.g. only spaces */
        return -1;
    while (*end == ' ')
        end++;
    /* ERANGE also marks an underflow: a subnormal such as 1e-320 (numpy writes them) or a
     * value rounded to 0 is still the number written; only an overflow is refused. */
    if (*end || isnan(v) || isinf(v))
        return -1;
    *out = v;
    return 0;
}

int util_parse_ulong(const char *s, unsigned long *out)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

const char *util_reviewer(void)
{
    const char *r = getenv("EYEBALL_REVIEWER");
    if (!r || !*r)
        r = getenv("USER");
    if (!r || !*r) {
        struct passwd *pw = getpwuid(getuid());
        r = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "unknown";
    }
    return r;
}

const char *util_datadir(void)
{
    static char found[4096];
    const char *d = getenv("EYEBALL_DATADIR");
    if (d && *d)
        return d;
    if (found[0])
        return found;
    struct stat sb;
    if (stat(PKGDATADIR, &sb) == 0 && S_ISDIR(sb.st_mode))
        return PKGDATADIR;
    /* Not installed: look beside the binary (a build directory inside the source tree,
     * as ./quickstart makes, or the source tree itself). */
    char exe[4000];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"/../share/eyeball", "/share/eyeball"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                snprintf(found, sizeof found, "%s%s", exe, rel[i]);
                if (stat(found, &sb) == 0 && S_ISDIR(sb.st_mode))
                    return found;
            }
        }
    }
    found[0] = '\0';
    return PKGDATADIR;
}

int util_printable_cp(unsigned cp)
{
    return !(cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x061c || cp == 0x200e ||
             cp == 0x200f || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
             (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff);
}

enum {
    ESC_BACKSLASH = 1, /* \ as \\, so the escaped text reads back unambiguously */
    ESC_KEEP_LINES = 2 /* keep line breaks (\n, \r\n) and tabs: the layout of a stream */
};

static void escape(strbuf_t *b, const char *str, size_t len, int how)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        int keep = (how & ESC_KEEP_LINES) &&
                   (c == '\n' || c == '\t' || (c == '\r' && i + 1 < len && s[i + 1] == '\n'));
        if (keep) {
            strbuf_addc(b, (char)c);
            i++;
        } else if (c == '\\' && (how & ESC_BACKSLASH)) {
            strbuf_add(b, "\\\\", 2);
            i++;
        } else if (c == '\n') {
            strbuf_add(b, "\\n", 2);
            i++;
        } else if (c == '\t') {
            strbuf_add(b, "\\t", 2);
            i++;
        } else if (c == '\r') {
            strbuf_add(b, "\\r", 2);
            i++;
        } else if (c == 0x1b) {
            strbuf_add(b, "\\e", 2);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            strbuf_addf(b, "\\x%02x", c);
            i++;
        } else if (c < 0x80) {
            strbuf_addc(b, (char)c);
            i++;
        } else {
            size_t bad;
            size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
            if (i + n > len || !util_utf8_valid((const char *)s + i, n, &bad)) {
                strbuf_addf(b, "\\x%02x", c);
                i++;
                continue;
            }
            unsigned cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
            for (size_t k = 1; k < n; k++)
                cp = (cp << 6) | (s[i + k] & 0x3F);
            /* C1 controls, bidi overrides and isolates, line separators confuse layout. */
            if (!util_printable_cp(cp))
                strbuf_addf(b, "\\u{%x}", cp);
            else
                strbuf_add(b, (const char *)s + i, n);
            i += n;
        }
    }
}

char *util_sanitize(const char *str)
{
    strbuf_t b;
    strbuf_init(&b);
    escape(&b, str, strlen(str), ESC_BACKSLASH);
    char *out = strbuf_detach(&b);
    strbuf_done(&b);
    return out;
}

char *util_sanitize_msg(const char *str)
{
    strbuf_t b;
    strbuf_init(&b);
    escape(&b, str, strlen(str), 0);
    char *out = strbuf_detach(&b);
    strbuf_done(&b);
    return out;
}

size_t util_write_out(const char *s, size_t len, FILE *f)
{
    if (!isatty(fileno(f)))
        return fwrite(s, 1, len, f);
    strbuf_t b;
    strbuf_init(&b);
    escape(&b, s, len, ESC_KEEP_LINES);
    size_t n = fwrite(b.buf, 1, b.len, f) == b.len ? len : 0;
    strbuf_done(&b);
    return n;
}

void util_msg(const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *safe = util_sanitize_msg(buf);
    fprintf(stderr, "%s\n", safe);
    free(safe);
}

const char *util_fmt_int(long long n, char *buf)
{
    char tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%lld", n < 0 ? -n : n);
    char *o = buf;
    if (n < 0)
        *o++ = '-';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            *o++ = ',';
        *o++ = tmp[i];
    }
    *o = '\0';
    return buf;
}

const char *util_s(long long n)
{
    return n == 1 ? "" : "s";
}

void util_unlink_store(const char *path)
{
    static const char *const beside[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof beside / sizeof *beside; i++) {
        char *q = xasprintf("%s%s", path, beside[i]);
        unlink(q);
        free(q);
    }
    unlink(path);
}
