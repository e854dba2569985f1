/* stb_impl.c: the only place the stb_image decoder is compiled.
 *
 * Debian's prebuilt libstb decodes every format stb knows, with no dimension cap, and the
 * packaged version (2.27) lacks later security fixes. So eyeball never links -lstb: it
 * compiles the implementation here from the system header, limited to PNG and JPEG and to
 * images no wider or taller than STBI_MAX_DIMENSIONS. Everything else goes through
 * src/image.c, which adds file-size and pixel-budget checks before decoding, and the
 * decoder runs in a helper process with resource limits (src/decoder.c). */
#include "config.h"

#include "stb_config.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wcast-qual"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Wconversion"
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
#pragma GCC diagnostic pop

/* stbi_info_from_memory tries every format and, on failure, reports only "unknown image
 * type"; asking the one format's own info function keeps its reason. */
int stb_impl_info(const unsigned char *data, int len, int png, int *x, int *y,
                  const char **why)
{
    stbi__context s;
    int comp;
    stbi__start_mem(&s, data, len);
    int ok = png ? stbi__png_info(&s, x, y, &comp) : stbi__jpeg_info(&s, x, y, &comp);
    if (!ok)
        *why = stbi_failure_reason();
    return ok;
}
