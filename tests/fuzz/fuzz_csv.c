/* fuzz_csv: libFuzzer target for the RFC 4180 reader (quotes, line breaks in fields,
 * BOM, UTF-8 checks, line numbers). Built with configure --enable-fuzzing. */
#include "config.h"
#include "csv.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv_t *c = csv_open_mem("fuzz.csv", (const char *)data, size);
    err_t e = {0};
    size_t total = 0;
    while (csv_next(c, &e) > 0) {
        for (size_t i = 0; i < csv_count(c); i++) {
            const char *f = csv_field(c, i);
            /* The length must match the NUL-terminated text (fields have no NUL). */
            if (strlen(f) != csv_field_len(c, i))
                __builtin_trap();
            total += csv_field_len(c, i);
        }
        if (csv_line(c) < 1)
            __builtin_trap();
    }
    (void)total;
    csv_close(c);
    return 0;
}
