/* imgtool: makes test images and runs files through the decoder, for the shell tests and
 * the benchmark.
 *
 *   imgtool png|jpeg FILE W H [PATTERN]   write an image (patterns: tests/imgmake.h)
 *   imgtool corpus DIR                    write the byte-level hostile files into DIR
 *   imgtool decode [--timeout MS] [--box WxH] FILE...
 *                                         decode each file with one decoder (helper
 *                                         process) and print "NAME: WxH" or "NAME: reason"
 *   imgtool preview [--mode M] W H FILE   print the preview grid's characters, then
 *                                         "size WxH", or the placeholder
 *   imgtool colors FILE RRGGBB...         decode FILE (a screenshot) in the helper and
 *                                         print "size WxH", the number of pixels that are
 *                                         not near white, then per colour the pixels near
 *                                         it (every channel within 40) */
#include "config.h"
#include "decoder.h"
#include "preview.h"
#include "imgmake.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(void)
{
    fputs("usage: imgtool png|jpeg FILE W H [PATTERN] | corpus DIR |\n"
          "       decode [--timeout MS] [--box WxH] FILE... | preview [--mode M] W H FILE |\n"
          "       colors FILE RRGGBB...\n",
          stderr);
    return 2;
}

static int write_image(int jpeg, int argc, char **argv)
{
    if (argc < 5)
        return usage();
    size_t len;
    unsigned char *d = imgmake_encode(jpeg, atoi(argv[3]), atoi(argv[4]),
                                      argc > 5 ? argv[5] : "gradient", &len);
    if (!d || imgmake_write(argv[2], d, len) < 0) {
        fprintf(stderr, "imgtool: cannot write %s\n", argv[2]);
        free(d);
        return 1;
    }
    free(d);
    return 0;
}

static int write_corpus(const char *dir)
{
    size_t n;
    imgmake_file_t *f = imgmake_corpus(&n);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, f[i].name);
        if (imgmake_write(path, f[i].data, f[i].len) < 0) {
            fprintf(stderr, "imgtool: cannot write %s: %s\n", path, strerror(errno));
            rc = 1;
        }
        free(path);
    }
    imgmake_corpus_free(f, n);
    return rc;
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s && s[1] ? s + 1 : p;
}

static int decode_files(int argc, char **argv)
{
    decoder_opts_t o;
    decoder_opts_init(&o);
    int bw = 80, bh = 24, i = 2;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            o.timeout_ms = atoi(argv[++i]);
        else if (strcmp(argv[i], "--box") == 0 && i + 1 < argc &&
                 sscanf(argv[++i], "%dx%d", &bw, &bh) == 2)
            ;
        else
            return usage();
    }
    decoder_t *d = decoder_new(&o);
    int pw, ph;
    preview_pixel_box(bw, bh, &pw, &ph);
    for (; i < argc; i++) {
        image_t img;
        err_t e = {0};
        char *name = util_sanitize(base(argv[i]));
        if (decoder_decode(d, argv[i], pw, ph, &img, &e) == 0)
            printf("%s: %dx%d\n", name, img.src_w, img.src_h);
        else
            printf("%s: %s\n", name, e.msg);
        fflush(stdout);
        free(name);
        image_free(&img);
    }
    printf("decoder starts: %d\n", decoder_starts(d));
    decoder_free(d);
    return 0;
}

static int show_preview(int argc, char **argv)
{
    preview_mode_t mode = PREVIEW_256;
    int i = 2;
    if (i + 1 < argc && strcmp(argv[i], "--mode") == 0) {
        const char *m = argv[i + 1];
        mode = strcmp(m, "truecolor") == 0 ? PREVIEW_TRUECOLOR
               : strcmp(m, "16") == 0      ? PREVIEW_16
               : strcmp(m, "8") == 0       ? PREVIEW_8
               : strcmp(m, "mono") == 0    ? PREVIEW_MONO
                                           : PREVIEW_256;
        i += 2;
    }
    if (argc - i != 3)
        return usage();
    decoder_t *d = decoder_new(NULL);
    preview_t *p = preview_load(d, argv[i + 2], atoi(argv[i]), atoi(argv[i + 1]), mode);
    decoder_free(d);
    if (!p)
        return usage();
    for (int y = 0; y < p->h; y++) {
        for (int x = 0; x < p->w; x++) {
            const preview_cell_t *c = preview_cell(p, x, y);
            if (c->ch)
                printf("%lc", (wint_t)c->ch);
        }
        putchar('\n');
    }
    printf("size %dx%d%s%s\n", p->w, p->h, p->reason ? ": " : "", p->reason ? p->reason : "");
    preview_free(p);
    return 0;
}

/* Counts pixels by colour: how the browser test tells a rendered page from a blank one. */
static int count_colors(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    decoder_opts_t o;
    decoder_opts_init(&o);
    decoder_t *d = decoder_new(&o);
    image_t img;
    err_t e = {0};
    int r = decoder_decode(d, argv[2], 0, 0, &img, &e);
    decoder_free(d);
    if (r < 0) {
        fprintf(stderr, "imgtool: %s: %s\n", argv[2], e.msg);
        return 1;
    }
    size_t n = (size_t)img.w * (size_t)img.h, other = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = img.rgba + 4 * i;
        other += p[0] < 235 || p[1] < 235 || p[2] < 235;
    }
    printf("size %dx%d\nnot white %zu\n", img.w, img.h, other);
    for (int a = 3; a < argc; a++) {
        unsigned long c = strtoul(argv[a], NULL, 16);
        int want[3] = {(int)(c >> 16 & 255), (int)(c >> 8 & 255), (int)(c & 255)};
        size_t hits = 0;
        for (size_t i = 0; i < n; i++) {
            const unsigned char *p = img.rgba + 4 * i;
            int near = 1;
            for (int k = 0; k < 3; k++)
                near &= abs(p[k] - want[k]) <= 40;
            hits += (size_t)near;
        }
        printf("%s %zu\n", argv[a], hits);
    }
    image_free(&img);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], DECODER_HELPER_ARG) == 0)
        return decoder_helper_main(argc, argv);
    setlocale(LC_ALL, "");
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "png") == 0 || strcmp(argv[1], "jpeg") == 0)
        return write_image(argv[1][0] == 'j', argc, argv);
    if (strcmp(argv[1], "corpus") == 0 && argc == 3)
        return write_corpus(argv[2]);
    if (strcmp(argv[1], "decode") == 0)
        return decode_files(argc, argv);
    if (strcmp(argv[1], "preview") == 0)
        return show_preview(argc, argv);
    if (strcmp(argv[1], "colors") == 0)
        return count_colors(argc, argv);
    return usage();
}
