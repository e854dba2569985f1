/* raster_jpeg.c: a raster as JPEG bytes in memory, with libjpeg(-turbo). libjpeg reports
 * errors by calling error_exit, which must not return: it jumps back here. */
#include "config.h"
#include "raster.h"

#include <jpeglib.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct jpeg_fail {
    struct jpeg_error_mgr mgr; /* first: libjpeg hands back a pointer to it */
    jmp_buf back;
} jpeg_fail_t;

static void on_error(j_common_ptr cinfo)
{
    jpeg_fail_t *f = (jpeg_fail_t *)cinfo->err;
    longjmp(f->back, 1);
}

static void no_message(j_common_ptr cinfo)
{
    (void)cinfo; /* warnings: nothing to tell the user */
}

unsigned char *raster_jpeg(const raster_t *r, int quality, size_t *len)
{
    struct jpeg_compress_struct c;
    jpeg_fail_t fail;
    /* volatile: changed between setjmp and a longjmp back */
    unsigned char *volatile buf = NULL;
    unsigned long size = 0;
    memset(&c, 0, sizeof c);
    c.err = jpeg_std_error(&fail.mgr);
    fail.mgr.error_exit = on_error;
    fail.mgr.output_message = no_message;
    if (setjmp(fail.back)) {
        jpeg_destroy_compress(&c);
        free(buf);
        return NULL;
    }
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    jpeg_mem_dest(&c, &out, &size);
    buf = out;
    c.image_width = (JDIMENSION)r->w;
    c.image_height = (JDIMENSION)r->h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = r->px + (size_t)c.next_scanline * (size_t)r->w * 3;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    *len = size;
    return out;
}
