/* raster_png.c: writing a raster as a PNG file.
 *
 * The encoder is stb_image_write from the system's libstb-dev, compiled here (never
 * linked as -lstb) with STB_IMAGE_WRITE_STATIC, so its functions are private to this
 * file and another file may compile the implementation too without a clash. It lives in
 * a file of its own because GCC reports stb's unused static functions at the end of the
 * file, where a pushed and popped pragma no longer covers them: -Wunused-function stays
 * off for this whole file, and this file holds nothing else. */
#include "config.h"
#include "raster.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#include <stb_image_write.h>
#pragma GCC diagnostic pop

typedef struct png_sink {
    FILE *f;
    int failed; /* errno of the first failed write, or 0 */
} png_sink_t;

static void png_put(void *ctx, void *data, int size)
{
    png_sink_t *s = ctx;
    if (!s->failed && fwrite(data, 1, (size_t)size, s->f) != (size_t)size)
        s->failed = errno ? errno : EIO;
}

/* The "up" filter for every row instead of trying all five: the same size for images
 * whose rows vary slowly (the demo's), in a third less time. Set once, before any
 * thread encodes. */
static void png_settings(void)
{
    stbi_write_force_png_filter = 2;
}

int raster_write_png(const raster_t *r, const char *path, err_t *e)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(errno));
    int failed = raster_png_stream(r, f);
    if (fclose(f) != 0 && !failed)
        failed = errno ? errno : EIO;
    if (failed)
        return err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(failed));
    return 0;
}

int raster_png_stream(const raster_t *r, FILE *f)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, png_settings);
    png_sink_t s = {f, 0};
    errno = 0;
    int ok = stbi_write_png_to_func(png_put, &s, r->w, r->h, 3, r->px, r->w * 3);
    if (!ok && !s.failed)
        s.failed = ENOMEM;
    return s.failed;
}
