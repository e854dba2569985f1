/* Unit tests of file hashing: known value, streaming over chunk boundaries, refusals. */
#include "config.h"
#include "scan.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <xxhash.h>

int main(void)
{
    char dir[] = "/tmp/eyeball-scan-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char *empty = xasprintf("%s/empty", dir), *big = xasprintf("%s/big", dir),
         *fifo = xasprintf("%s/fifo", dir), *none = xasprintf("%s/none", dir);
    unsigned char h[SCAN_HASH_BYTES];
    char hex[2 * SCAN_HASH_BYTES + 1];
    err_t e = {0};

    fclose(fopen(empty, "w"));
    ok(scan_hash_file(empty, h, &e) == 0, "empty file hashed");
    scan_hex(h, hex);
    /* The published XXH3-128 of no bytes (xxhsum -H2 of an empty file). */
    is_str(hex, "99aa06d3014798d86001c324468d497f", "XXH3-128 of an empty file");

    /* Bigger than several read chunks and not a multiple of any of them. */
    size_t n = 300001;
    unsigned char *data = xmalloc(n);
    for (size_t i = 0; i < n; i++)
        data[i] = (unsigned char)(i * 2654435761u >> 13);
    FILE *f = fopen(big, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
    ok(scan_hash_file(big, h, &e) == 0, "big file hashed");
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, n));
    char want[2 * SCAN_HASH_BYTES + 1];
    scan_hex(c.digest, want);
    scan_hex(h, hex);
    is_str(hex, want, "streamed hash equals the one-shot hash of the bytes");
    data[n / 2] ^= 1;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, n));
    scan_hex(c.digest, want);
    ok(strcmp(hex, want) != 0, "one changed bit changes the hash");
    free(data);

    ok(scan_hash_file(none, h, &e) < 0, "a missing file fails");
    is_str(e.msg, "No such file or directory", "and says why");
    ok(scan_hash_file(dir, h, &e) < 0, "a directory fails");
    is_str(e.msg, "is a directory", "and says so");
    mkfifo(fifo, 0600);
    ok(scan_hash_file(fifo, h, &e) < 0, "a FIFO fails without blocking");
    is_str(e.msg, "not a regular file", "and says so");

    char *cmd = xasprintf("rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    free(cmd);
    free(empty);
    free(big);
    free(fifo);
    free(none);
    return tap_done();
}
