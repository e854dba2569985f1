/* fuzz_image: libFuzzer target for the image wrapper (magic bytes, our header walk, the
 * budgets, stb's info and decoder, then image_fit), with OSS-Fuzz's stb harness rule:
 * bail when x > (80000000/4)/y, i.e. a 20-megapixel budget. Built with
 * configure --enable-fuzzing; run by tests/fuzz/run. */
#include "config.h"
#include "image.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const image_caps_t caps = {IMAGE_MAX_BYTES, 80000000UL / 4};
    image_t img;
    err_t e = {0};
    (void)image_sniff(data, size);
    if (image_load_mem(data, size, &caps, &img, &e) == 0) {
        /* Touch every pixel through the scaler, as the helper does. */
        image_fit(&img, 37, 23, &e);
        image_free(&img);
    }
    return 0;
}
