/* report_thumbs.c: thumbnails of the reviewed examples for the HTML report. Images are
 * decoded in the decoder's helper process (never in this one: image files are untrusted),
 * shrunk there to the box, laid on white (transparent parts), encoded as JPEG and kept as
 * data: URIs, so the page needs no other file. */
#include "config.h"
#include "report_thumbs.h"
#include "decoder.h"
#include "raster.h"

#include <stdlib.h>
#include <string.h>

/* JPEG quality of the thumbnails: small files, artefacts not visible at this size. */
#define THUMB_QUALITY 80

static char *base64_uri(const char *mime, const unsigned char *d, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t head = strlen("data:;base64,") + strlen(mime);
    char *out = xmalloc(head + 4 * ((n + 2) / 3) + 1);
    char *o = out + sprintf(out, "data:%s;base64,", mime);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        *o++ = digits[(v >> 18) & 63];
        *o++ = digits[(v >> 12) & 63];
        *o++ = i + 1 < n ? digits[(v >> 6) & 63] : '=';
        *o++ = i + 2 < n ? digits[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

/* The decoded RGBA pixels over white, as RGB. */
static raster_t *on_white(const image_t *img)
{
    raster_t *r = raster_new(img->w, img->h);
    size_t n = (size_t)img->w * (size_t)img->h;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = img->rgba + 4 * i;
        for (int c = 0; c < 3; c++)
            r->px[3 * i + (size_t)c] = (unsigned char)((p[c] * p[3] + 255 * (255 - p[3]) + 127) / 255);
    }
    return r;
}

static void make_thumb(decoder_t *dec, report_example_t *x, int box)
{
    if (x->thumb || x->thumb_why)
        return;
    image_t img;
    err_t e = {0};
    if (decoder_decode(dec, x->path, box, box, &img, &e) < 0) {
        x->thumb_why = xstrdup(e.msg[0] ? e.msg : "cannot decode");
        return;
    }
    raster_t *r = on_white(&img);
    image_free(&img);
    size_t len = 0;
    unsigned char *jpg = raster_jpeg(r, THUMB_QUALITY, &len);
    raster_free(r);
    if (!jpg) {
        x->thumb_why = xstrdup("out of memory");
        return;
    }
    x->thumb = base64_uri("image/jpeg", jpg, len);
    free(jpg);
}

static void split_thumbs(decoder_t *dec, report_split_t *sp, size_t per_cat, int box)
{
    for (size_t i = 0; i < sp->ncats; i++)
        for (size_t j = 0; j < sp->cats[i].nex && j < per_cat; j++)
            make_thumb(dec, &sp->rev[sp->cats[i].ex[j]], box);
    size_t untagged = 0;
    for (size_t i = 0; i < sp->nrev && untagged < per_cat; i++)
        if (sp->rev[i].ntags == 0) {
            make_thumb(dec, &sp->rev[i], box);
            untagged++;
        }
}

void report_thumbs(report_t *r, size_t per_cat, int box)
{
    if (per_cat == 0)
        return;
    decoder_t *dec = decoder_new(NULL);
    split_thumbs(dec, &r->dev, per_cat, box);
    if (r->has_test)
        split_thumbs(dec, &r->test, per_cat, box);
    decoder_free(dec);
}
