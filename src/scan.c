/* scan.c: hashing files for exact-duplicate detection. */
#include "config.h"
#include "scan.h"
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

/* Read size: large enough for sequential throughput, small enough for the stack. */
#define SCAN_CHUNK (64 * 1024)

int scan_hash_file(const char *path, unsigned char out[SCAN_HASH_BYTES], err_t *e)
{
    /* O_NONBLOCK: opening a FIFO for reading must not wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return err_set(e, EXIT_USER, "%s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        int dir = S_ISDIR(sb.st_mode);
        close(fd);
        return err_set(e, EXIT_USER, "%s", dir ? "is a directory" : "not a regular file");
    }
    /* The decoder's cap: a file no preview would show is not read in full either. */
    if ((unsigned long long)sb.st_size > IMAGE_MAX_BYTES) {
        close(fd);
        return err_set(e, EXIT_USER, "skipped: %lld bytes, over the %zu MiB image size limit",
                       (long long)sb.st_size, IMAGE_MAX_BYTES >> 20);
    }
    XXH3_state_t *state = XXH3_createState();
    if (!state)
        die("out of memory");
    XXH3_128bits_reset(state);
    unsigned char buf[SCAN_CHUNK];
    ssize_t got;
    int r = 0;
    for (;;) {
        got = read(fd, buf, sizeof buf);
        if (got > 0) {
            XXH3_128bits_update(state, buf, (size_t)got);
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            r = err_set(e, EXIT_SYSTEM, "read error: %s", strerror(errno));
        break;
    }
    close(fd);
    if (r == 0) {
        XXH128_canonical_t c;
        XXH128_canonicalFromHash(&c, XXH3_128bits_digest(state));
        memcpy(out, c.digest, SCAN_HASH_BYTES);
    }
    XXH3_freeState(state);
    return r;
}

void scan_hex(const unsigned char h[SCAN_HASH_BYTES], char hex[2 * SCAN_HASH_BYTES + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < SCAN_HASH_BYTES; i++) {
        hex[2 * i] = digits[h[i] >> 4];
        hex[2 * i + 1] = digits[h[i] & 15];
    }
    hex[2 * SCAN_HASH_BYTES] = '\0';
}
