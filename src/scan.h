/* scan.h: content hashes of image files (XXH3-128 of the bytes), for exact duplicates.
 * No SQL here: store_scan.h keeps the hashes. */
#ifndef EYEBALL_SCAN_H
#define EYEBALL_SCAN_H

#include "util.h"

/* Bytes of a content hash. */
#define SCAN_HASH_BYTES 16

/* Hashes the regular file at path, reading it in chunks (never the whole file at once),
 * into out: XXH3-128 in canonical (big-endian) byte order. Returns 0, or -1 with e->msg
 * saying why in a few words ("No such file or directory", "not a regular file"). A FIFO
 * or device is refused without blocking. */
int scan_hash_file(const char *path, unsigned char out[SCAN_HASH_BYTES], err_t *e);

/* Writes the hash as 32 lowercase hex digits and a NUL into hex. */
void scan_hex(const unsigned char h[SCAN_HASH_BYTES], char hex[2 * SCAN_HASH_BYTES + 1]);

#endif
