/* image.c: untrusted PNG/JPEG files to RGBA pixels, refusing what is not safe to decode.
 *
 * Order of the checks, cheapest and safest first: stat (regular file, size cap), read
 * into memory, magic bytes (PNG and JPEG only), our own walk of the header for the
 * declared size (and, for PNG, truncation), the side and pixel budgets, stb's own
 * stbi_info_from_memory, the budgets again on what stb read, and only then the decoder.
 * stb is compiled in src/stb_impl.c with the same configuration (stb_config.h). */
#include "config.h"
#include "image.h"

#include "stb_config.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <stb_image.h>
#pragma GCC diagnostic pop

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const image_caps_t image_caps_default = {IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS};

static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
           p[3];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned long le32(const unsigned char *p)
{
    return (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 |
           p[0];
}

/* "64 MB", "1.5 MB", "900 KB", "100 bytes" (binary units, as ls -h). */
static const char *fmt_size(unsigned long long n, char *buf, size_t cap)
{
    if (n < 1024)
        snprintf(buf, cap, "%llu bytes", n);
    else if (n >= 10ULL << 20)
        snprintf(buf, cap, "%llu MB", (n + (1ULL << 19)) >> 20);
    else if (n >= 1ULL << 20)
        snprintf(buf, cap, "%.1f MB", (double)n / (1 << 20));
    else
        snprintf(buf, cap, "%llu KB", (n + 1023) >> 10);
    return buf;
}

/* ---- reading the file ------------------------------------------------------------ */

static int open_error(const char *path, int err, err_t *e)
{
    struct stat lst;
    switch (err) {
    case ENOENT:
        if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
            return err_set(e, EXIT_USER, "broken symbolic link");
        return err_set(e, EXIT_USER, "missing file");
    case ENOTDIR:
        return err_set(e, EXIT_USER, "missing file (a folder on its path is a file)");
    case EACCES:
    case EPERM:
        return err_set(e, EXIT_USER, "permission denied");
    case ELOOP:
        return err_set(e, EXIT_USER, "symbolic link loop");
    case ENAMETOOLONG:
        return err_set(e, EXIT_USER, "file name too long");
    case ENXIO:
        return err_set(e, EXIT_USER, "a socket or device, not an image file");
    default:
        return err_set(e, EXIT_SYSTEM, "cannot open: %s", strerror(err));
    }
}

static int not_regular(mode_t m, err_t *e)
{
    const char *what = S_ISDIR(m)                ? "a directory"
                       : S_ISFIFO(m)             ? "a FIFO (named pipe)"
                       : S_ISCHR(m) || S_ISBLK(m) ? "a device"
                       : S_ISSOCK(m)             ? "a socket"
                                                 : "not a regular file";
    return err_set(e, EXIT_USER, "%s, not an image file", what);
}

static int check_size(off_t size, size_t max, err_t *e)
{
    char a[32], b[32];
    if (size <= 0)
        return err_set(e, EXIT_USER, "empty file (0 bytes)");
    if ((unsigned long long)size > max)
        return err_set(e, EXIT_USER, "file is %s, over the %s limit",
                       fmt_size((unsigned long long)size, a, sizeof a),
                       fmt_size(max, b, sizeof b));
    return 0;
}

/* Reads the whole regular file at path into *data (caller frees). The size is checked
 * before opening, so a FIFO or a device is never opened for reading and never blocks. */
static int read_file(const char *path, size_t max, unsigned char **data, size_t *len, err_t *e)
{
    struct stat st, fst;
    if (stat(path, &st) != 0)
        return open_error(path, errno, e);
    if (!S_ISREG(st.st_mode))
        return not_regular(st.st_mode, e);
    if (check_size(st.st_size, max, e) < 0)
        return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return open_error(path, errno, e);
    if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode) || fst.st_ino != st.st_ino ||
        fst.st_dev != st.st_dev) {
        close(fd);
        return err_set(e, EXIT_USER, "the file changed while it was being opened");
    }
    if (check_size(fst.st_size, max, e) < 0) {
        close(fd);
        return -1;
    }
    size_t want = (size_t)fst.st_size, got = 0;
    unsigned char *buf = malloc(want);
    if (!buf) {
        close(fd);
        return err_set(e, EXIT_SYSTEM, "not enough memory to read the file");
    }
    while (got < want) {
        ssize_t n = read(fd, buf + got, want - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            close(fd);
            free(buf);
            return err_set(e, EXIT_SYSTEM, "read error: %s", strerror(err));
        }
        if (n == 0)
            break; /* the file shrank: decode what is there */
        got += (size_t)n;
    }
    close(fd);
    if (got == 0) {
        free(buf);
        return err_set(e, EXIT_USER, "empty file (0 bytes)");
    }
    *data = buf;
    *len = got;
    return 0;
}

/* ---- recognising the format ------------------------------------------------------ */

static int looks_like_text(const unsigned char *d, size_t n)
{
    size_t m = n > 512 ? 512 : n, bad;
    /* A multi-byte character cut at the 512-byte mark is still text. */
    if (!util_utf8_valid((const char *)d, m, &bad) && !(n > m && bad + 4 >= m))
        return 0;
    n = m;
    for (size_t i = 0; i < n; i++)
        if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' && d[i] != '\f')
            return 0;
    return 1;
}

static int has_prefix(const unsigned char *d, size_t n, const void *magic, size_t m)
{
    return n >= m && memcmp(d, magic, m) == 0;
}

const char *image_sniff(const unsigned char *d, size_t n)
{
    if (has_prefix(d, n, png_magic, 8))
        return "PNG";
    if (has_prefix(d, n, "\xff\xd8\xff", 3))
        return "JPEG";
    if (has_prefix(d, n, "GIF87a", 6) || has_prefix(d, n, "GIF89a", 6))
        return "GIF";
    if (has_prefix(d, n, "BM", 2) && n >= 18) {
        unsigned long hs = le32(d + 14);
        if (hs == 12 || hs == 40 || hs == 52 || hs == 56 || hs == 64 || hs == 108 || hs == 124)
            return "BMP";
    }
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
        return "WebP";
    if (has_prefix(d, n, "II*\0", 4) || has_prefix(d, n, "MM\0*", 4))
        return "TIFF";
    if (has_prefix(d, n, "\xff\x0a", 2) ||
        has_prefix(d, n, "\0\0\0\x0cJXL \r\n\x87\n", 12))
        return "JPEG XL";
    if (has_prefix(d, n, "\0\0\0\x0cjP  \r\n\x87\n", 12) || has_prefix(d, n, "\xff\x4f\xff\x51", 4))
        return "JPEG 2000";
    if (n >= 12 && memcmp(d + 4, "ftyp", 4) == 0) {
        if (memcmp(d + 8, "avif", 4) == 0 || memcmp(d + 8, "avis", 4) == 0)
            return "AVIF";
        if (memcmp(d + 8, "heic", 4) == 0 || memcmp(d + 8, "heix", 4) == 0 ||
            memcmp(d + 8, "mif1", 4) == 0 || memcmp(d + 8, "msf1", 4) == 0)
            return "HEIF";
    }
    if (has_prefix(d, n, "qoif", 4))
        return "QOI";
    if (has_prefix(d, n, "8BPS", 4))
        return "PSD";
    if (has_prefix(d, n, "\x76\x2f\x31\x01", 4))
        return "OpenEXR";
    if (has_prefix(d, n, "#?RADIANCE", 10) || has_prefix(d, n, "#?RGBE", 6))
        return "Radiance HDR";
    if (has_prefix(d, n, "\0\0\1\0", 4) && n >= 6 && d[4] != 0)
        return "ICO";
    if (has_prefix(d, n, "%PDF-", 5))
        return "PDF";
    if (has_prefix(d, n, "\x1f\x8b", 2))
        return "gzip";
    if (has_prefix(d, n, "PK\3\4", 4))
        return "ZIP";
    if (n >= 3 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7' &&
        (d[2] == ' ' || d[2] == '\n' || d[2] == '\r' || d[2] == '\t'))
        return "PNM";
    if (looks_like_text(d, n)) {
        size_t m = n < 1024 ? n : 1024;
        for (size_t i = 0; i + 4 <= m; i++)
            if (memcmp(d + i, "<svg", 4) == 0)
                return "SVG";
        return "text";
    }
    return NULL;
}

/* ---- reading the declared size --------------------------------------------------- */

/* Walks the PNG chunks: the first must be IHDR; every chunk must lie inside the data up
 * to IEND. Sets *w, *h from IHDR. */
static int png_header(const unsigned char *d, size_t n, unsigned long *w, unsigned long *h,
                      err_t *e)
{
    if (n < 8 + 8 + 13 + 4)
        return err_set(e, EXIT_USER, "truncated PNG");
    if (be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return err_set(e, EXIT_USER, "corrupt PNG (no IHDR header)");
    *w = be32(d + 16);
    *h = be32(d + 20);
    size_t pos = 8;
    while (n - pos >= 12) {
        unsigned long len = be32(d + pos);
        if (len > 0x7fffffffUL)
            return err_set(e, EXIT_USER, "corrupt PNG (bad chunk length)");
        if (len > n - pos - 12)
            return err_set(e, EXIT_USER, "truncated PNG");
        if (memcmp(d + pos + 4, "IEND", 4) == 0)
            return 0;
        pos += 12 + len;
    }
    return err_set(e, EXIT_USER, "truncated PNG");
}

/* Finds the JPEG frame header (SOFn) and sets *w, *h from it. */
static int jpeg_header(const unsigned char *d, size_t n, unsigned long *w, unsigned long *h,
                       err_t *e)
{
    size_t pos = 2;
    for (;;) {
        while (pos < n && d[pos] != 0xff)
            pos++; /* tolerate junk between segments, as decoders do */
        while (pos < n && d[pos] == 0xff)
            pos++;
        if (pos >= n)
            return err_set(e, EXIT_USER, "truncated JPEG");
        unsigned m = d[pos++];
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
            continue; /* markers without a length */
        if (m == 0xd9 || m == 0xda)
            return err_set(e, EXIT_USER, "corrupt JPEG (no frame header)");
        if (n - pos < 2)
            return err_set(e, EXIT_USER, "truncated JPEG");
        unsigned len = be16(d + pos);
        if (len < 2)
            return err_set(e, EXIT_USER, "corrupt JPEG (bad segment length)");
        if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
            if (len < 7 || n - pos < 7)
                return err_set(e, EXIT_USER, "truncated JPEG");
            *h = be16(d + pos + 3);
            *w = be16(d + pos + 5);
            return 0;
        }
        if (n - pos < len)
            return err_set(e, EXIT_USER, "truncated JPEG");
        pos += len;
    }
}

/* Walks every marker segment of a JPEG (skipping entropy-coded data) and checks each
 * Huffman table definition (DHT) the way stb will read it: stb 2.27 writes past its
 * tables when a DHT declares more than 256 codes (fixed upstream in 2.28). It also checks
 * that each scan (SOS) decodes with tables defined before it: stb 2.27 decodes with an
 * undefined table's uninitialized memory, which reads far outside the table and drives
 * its bit reader's count below zero. A table is used by a baseline scan (DC and AC), a
 * progressive first DC scan (DC) and a progressive AC scan (AC). */
static int jpeg_check_tables(const unsigned char *d, size_t n, err_t *e)
{
    size_t pos = 2;
    int defined[2][16] = {{0}}, progressive = 0; /* [DC 0, AC 1][table id] */
    while (pos + 1 < n) {
        unsigned m = d[pos + 1];
        if (d[pos] != 0xff || m == 0xff) {
            pos++; /* entropy-coded data, junk or fill bytes */
            continue;
        }
        if (m == 0x00 || m == 0x01 || (m >= 0xd0 && m <= 0xd8)) {
            pos += 2; /* a stuffed byte, or a marker without a length */
            continue;
        }
        if (m == 0xd9 || n - pos < 4)
            return 0;
        size_t end = pos + 2 + be16(d + pos + 2);
        if (m == 0xc4) {
            /* stb reads tables while bytes remain in the segment, 17 bytes of header
             * each, past the segment's end (zeros past the data's end) if told to. */
            for (size_t p = pos + 4; p < end;) {
                unsigned total = 0;
                for (size_t i = 1; i <= 16; i++)
                    total += p + i < n ? d[p + i] : 0;
                if (total > 256)
                    return err_set(e, EXIT_USER, "corrupt JPEG (bad Huffman table)");
                if (p < n && ((d[p] >> 4) > 1 || (d[p] & 15) > 3))
                    return 0; /* stb refuses it: "bad DHT header" */
                if (p < n)
                    defined[d[p] >> 4][d[p] & 15] = 1;
                p += 17 + total;
            }
        }
        if (m == 0xc2)
            progressive = 1;
        if (m == 0xda && end <= n && end >= pos + 5) {
            unsigned ns = d[pos + 4];
            size_t spec = pos + 5 + 2 * (size_t)ns; /* Ss, Se, Ah/Al */
            if (spec + 3 > end)
                return 0; /* stb refuses the scan header itself */
            int dc = !progressive || (d[spec] == 0 && (d[spec + 2] >> 4) == 0);
            int ac = !progressive || d[spec] != 0;
            for (unsigned i = 0; i < ns; i++) {
                unsigned t = d[pos + 6 + 2 * i];
                if ((dc && !defined[0][t >> 4]) || (ac && !defined[1][t & 15]))
                    return err_set(e, EXIT_USER,
                                   "corrupt JPEG (a scan uses an undefined Huffman table)");
            }
        }
        pos = end > pos + 2 ? end : pos + 2;
    }
    return 0;
}

static int check_budget(unsigned long w, unsigned long h, const image_caps_t *caps, err_t *e)
{
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
        return err_set(e, EXIT_USER, "%lux%lu is over the %d-pixel side limit", w, h,
                       IMAGE_MAX_SIDE);
    if (w > caps->max_pixels / h)
        return err_set(e, EXIT_USER, "%lux%lu is over the %g-megapixel limit", w, h,
                       (double)caps->max_pixels / 1e6);
    return 0;
}

/* JPEG decoders often succeed on a cut file; when stb fails, a missing end marker
 * (FF D9, which cannot occur inside entropy-coded data) says why. */
static int jpeg_has_end(const unsigned char *d, size_t n)
{
    size_t from = n > 64 ? n - 64 : 0;
    for (size_t i = n; i-- > from + 1;)
        if (d[i - 1] == 0xff && d[i] == 0xd9)
            return 1;
    return 0;
}

static int decode_error(const char *fmt, const unsigned char *d, size_t n, err_t *e)
{
    const char *r = stbi_failure_reason();
    if (!r)
        r = "unknown error";
    if (strcmp(r, "outofmem") == 0)
        return err_set(e, EXIT_SYSTEM, "not enough memory to decode this %s", fmt);
    if (strcmp(fmt, "JPEG") == 0 && !jpeg_has_end(d, n))
        return err_set(e, EXIT_USER, "truncated JPEG");
    if (strcmp(r, "outofdata") == 0 || strcmp(r, "read past buffer") == 0)
        return err_set(e, EXIT_USER, "truncated %s", fmt);
    if (strcmp(r, "only 8-bit") == 0)
        return err_set(e, EXIT_USER, "only 8-bit JPEG is supported");
    if (strcmp(r, "no header height") == 0)
        return err_set(e, EXIT_USER, "JPEG with its height given later is not supported");
    if (strcmp(r, "too large") == 0)
        return err_set(e, EXIT_USER, "%s too large to decode", fmt);
    return err_set(e, EXIT_USER, "corrupt %s (%s)", fmt, r);
}

int image_load_mem(const unsigned char *d, size_t n, const image_caps_t *caps, image_t *out,
                   err_t *e)
{
    memset(out, 0, sizeof *out);
    if (!caps)
        caps = &image_caps_default;
    if (n == 0)
        return err_set(e, EXIT_USER, "empty file (0 bytes)");
    if (n > caps->max_bytes || n > INT_MAX) {
        char a[32], b[32];
        return err_set(e, EXIT_USER, "file is %s, over the %s limit", fmt_size(n, a, sizeof a),
                       fmt_size(caps->max_bytes, b, sizeof b));
    }
    const char *fmt = image_sniff(d, n);
    if (!fmt)
        return err_set(e, EXIT_USER, "not an image (unknown format)");
    if (strcmp(fmt, "text") == 0)
        return err_set(e, EXIT_USER, "not an image (a text file)");
    if (strcmp(fmt, "PNG") != 0 && strcmp(fmt, "JPEG") != 0)
        return err_set(e, EXIT_USER, "%s is not supported; only PNG and JPEG", fmt);

    unsigned long w = 0, h = 0;
    int rc = fmt[0] == 'P' ? png_header(d, n, &w, &h, e) : jpeg_header(d, n, &w, &h, e);
    if (rc < 0)
        return -1;
    if (fmt[0] == 'J' && jpeg_check_tables(d, n, e) < 0)
        return -1;
    if (fmt[0] == 'J' && h == 0) /* legal (a DNL marker gives it later), but stb cannot */
        return err_set(e, EXIT_USER, "JPEG with its height given later is not supported");
    if (w == 0 || h == 0)
        return err_set(e, EXIT_USER, "corrupt %s (%lux%lu pixels)", fmt, w, h);
    if (check_budget(w, h, caps, e) < 0)
        return -1;
    /* Every 8x8 block of a JPEG takes at least one bit, so fewer than w*h/1024 bytes
     * cannot be the whole image; stb would decode the missing blocks as zeros, which
     * for a few hundred bytes claiming megapixels is seconds of work for nothing. */
    if (fmt[0] == 'J' && n < w * h / 1024)
        return err_set(e, EXIT_USER, "truncated JPEG");
    int x, y, comp;
    const char *why = "bad header";
    if (!stb_impl_info(d, (int)n, fmt[0] == 'P', &x, &y, &why))
        return err_set(e, EXIT_USER, "corrupt %s (%s)", fmt, why ? why : "bad header");
    if (check_budget((unsigned long)x, (unsigned long)y, caps, e) < 0)
        return -1;
    unsigned char *px = stbi_load_from_memory(d, (int)n, &x, &y, &comp, 4);
    if (!px)
        return decode_error(fmt, d, n, e);
    out->w = out->src_w = x;
    out->h = out->src_h = y;
    out->rgba = px;
    return 0;
}

int image_load(const char *path, const image_caps_t *caps, image_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (!caps)
        caps = &image_caps_default;
    if (!path || !*path)
        return err_set(e, EXIT_USER, "no file name");
    unsigned char *data;
    size_t len;
    if (read_file(path, caps->max_bytes, &data, &len, e) < 0)
        return -1;
    int rc = image_load_mem(data, len, caps, out, e);
    free(data);
    return rc;
}

/* ---- shrinking ------------------------------------------------------------------- */

int image_fit(image_t *img, int maxw, int maxh, err_t *e)
{
    if (maxw < 1)
        maxw = 1;
    if (maxh < 1)
        maxh = 1;
    int w = img->w, h = img->h;
    if (w <= maxw && h <= maxh)
        return 0;
    /* Scale by the smaller ratio; compare w*maxh with h*maxw to avoid floating point. */
    long long nw, nh;
    if ((long long)w * maxh >= (long long)h * maxw) {
        nw = maxw;
        nh = ((long long)h * maxw + w / 2) / w;
    } else {
        nh = maxh;
        nw = ((long long)w * maxh + h / 2) / h;
    }
    if (nw < 1)
        nw = 1;
    if (nh < 1)
        nh = 1;
    unsigned char *dst = malloc((size_t)nw * (size_t)nh * 4);
    uint64_t *acc = calloc((size_t)nw * 4, sizeof *acc);
    int *xs = malloc(((size_t)nw + 1) * sizeof *xs);
    if (!dst || !acc || !xs) {
        free(dst);
        free(acc);
        free(xs);
        return err_set(e, EXIT_SYSTEM, "not enough memory to scale the image");
    }
    for (long long i = 0; i <= nw; i++)
        xs[i] = (int)(i * w / nw);
    const unsigned char *src = img->rgba;
    for (long long dy = 0; dy < nh; dy++) {
        int y0 = (int)(dy * h / nh), y1 = (int)((dy + 1) * h / nh);
        if (y1 <= y0)
            y1 = y0 + 1;
        memset(acc, 0, (size_t)nw * 4 * sizeof *acc);
        for (int sy = y0; sy < y1; sy++) {
            const unsigned char *row = src + (size_t)sy * (size_t)w * 4;
            for (long long dx = 0; dx < nw; dx++) {
                uint64_t *a = acc + dx * 4;
                int x1 = xs[dx + 1] > xs[dx] ? xs[dx + 1] : xs[dx] + 1;
                for (int sx = xs[dx]; sx < x1; sx++) {
                    const unsigned char *p = row + (size_t)sx * 4;
                    unsigned al = p[3];
                    a[0] += (uint64_t)p[0] * al;
                    a[1] += (uint64_t)p[1] * al;
                    a[2] += (uint64_t)p[2] * al;
                    a[3] += al;
                }
            }
        }
        unsigned char *out = dst + (size_t)dy * (size_t)nw * 4;
        for (long long dx = 0; dx < nw; dx++) {
            const uint64_t *a = acc + dx * 4;
            int x1 = xs[dx + 1] > xs[dx] ? xs[dx + 1] : xs[dx] + 1;
            uint64_t count = (uint64_t)(x1 - xs[dx]) * (uint64_t)(y1 - y0);
            unsigned char *o = out + dx * 4;
            if (a[3] == 0) {
                o[0] = o[1] = o[2] = o[3] = 0;
                continue;
            }
            for (int c = 0; c < 3; c++)
                o[c] = (unsigned char)((a[c] + a[3] / 2) / a[3]);
            o[3] = (unsigned char)((a[3] + count / 2) / count);
        }
    }
    free(acc);
    free(xs);
    free(img->rgba);
    img->rgba = dst;
    img->w = (int)nw;
    img->h = (int)nh;
    return 0;
}

void image_free(image_t *img)
{
    if (!img)
        return;
    free(img->rgba); /* stb allocates with malloc */
    img->rgba = NULL;
    img->w = img->h = 0;
}
