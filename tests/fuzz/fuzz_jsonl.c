/* fuzz_jsonl: libFuzzer target for the JSON Lines reader and the scalar extraction the
 * importer uses on every member. The reader takes a path, so each input goes through a
 * memfd. Built with configure --enable-fuzzing. */
#include "config.h"
#include "jsonl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz.jsonl", MFD_CLOEXEC);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    err_t e = {0};
    jsonl_t *j = jsonl_open(path, &e);
    if (j) {
        json_t *obj;
        while (jsonl_next(j, &obj, &e) > 0) {
            const char *key;
            json_t *v;
            json_object_foreach(obj, key, v) {
                int bad;
                free(jsonl_scalar_text(v, &bad));
            }
            json_decref(obj);
        }
        jsonl_close(j);
    }
    close(fd);
    return 0;
}
