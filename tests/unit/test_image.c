/* test_image: image_load's checks and reasons, image_fit, and the decoder helper process
 * (crash, hang, CPU and memory limits, restarts). Every file is made at run time. */
#include "config.h"
#include "decoder.h"
#include "image.h"
#include "../imgmake.h"
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define DECODER_TEST_NO_AS_LIMIT 1 /* ASan reserves terabytes: no RLIMIT_AS (decoder.c) */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DECODER_TEST_NO_AS_LIMIT 1
#endif
#endif

static char dir[64];

static char *in_dir(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static const unsigned char *px_at(const image_t *img, int x, int y)
{
    return img->rgba + ((size_t)y * (size_t)img->w + (size_t)x) * 4;
}

/* Reason image_load_mem gives for data, or "OK WxH". */
static const char *mem_reason(const unsigned char *d, size_t n, const image_caps_t *caps)
{
    static char buf[1100];
    image_t img;
    err_t e = {0};
    if (image_load_mem(d, n, caps, &img, &e) == 0)
        snprintf(buf, sizeof buf, "OK %dx%d", img.w, img.h);
    else
        snprintf(buf, sizeof buf, "%s", e.msg);
    image_free(&img);
    return buf;
}

static const char *file_reason(const char *path)
{
    static char buf[1100];
    image_t img;
    err_t e = {0};
    if (image_load(path, NULL, &img, &e) == 0)
        snprintf(buf, sizeof buf, "OK %dx%d", img.w, img.h);
    else
        snprintf(buf, sizeof buf, "%s", e.msg);
    image_free(&img);
    return buf;
}

static const char *dec_reason(decoder_t *d, const char *path, int maxw, int maxh)
{
    static char buf[1100];
    image_t img;
    err_t e = {0};
    if (decoder_decode(d, path, maxw, maxh, &img, &e) == 0)
        snprintf(buf, sizeof buf, "OK %dx%d from %dx%d", img.w, img.h, img.src_w, img.src_h);
    else
        snprintf(buf, sizeof buf, "%s", e.msg);
    image_free(&img);
    return buf;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void test_corpus_in_memory(void)
{
    static const struct {
        const char *name, *want;
    } cases[] = {
        {"ok.png", "OK 64x48"},
        {"ok.jpg", "OK 64x48"},
        {"jpeg_named.png", "OK 64x48"},
        {"png_named.jpg", "OK 64x48"},
        {"empty.png", "empty file (0 bytes)"},
        {"truncated.png", "truncated PNG"},
        {"header_only.png", "truncated PNG"},
        {"huge.png", "100000x100000 is over the 16384-pixel side limit"},
        {"bomb.png", "16000x16000 is over the 40-megapixel limit"},
        {"zero_size.png", "corrupt PNG (0x0 pixels)"},
        {"bad_zlib.png", "corrupt PNG (bad zlib header)"},
        {"text.png", "not an image (a text file)"},
        {"junk.png", "not an image (unknown format)"},
        {"gif.png", "GIF is not supported; only PNG and JPEG"},
        {"bmp.jpg", "BMP is not supported; only PNG and JPEG"},
        {"webp.png", "WebP is not supported; only PNG and JPEG"},
        {"svg.png", "SVG is not supported; only PNG and JPEG"},
        {"bad_tables.jpg", "corrupt JPEG (bad DHT header)"},
        {"huffman_overflow.jpg", "corrupt JPEG (bad Huffman table)"},
        {"tiny_huge.jpg", "truncated JPEG"},
        {"header_only.jpg", "truncated JPEG"},
        {"cut_in_scan.jpg", "truncated JPEG"},
    };
    size_t n;
    imgmake_file_t *f = imgmake_corpus(&n);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t k = 0;
        while (k < n && strcmp(f[k].name, cases[i].name) != 0)
            k++;
        ok(k < n, "corpus has %s", cases[i].name);
        if (k < n)
            is_str(mem_reason(f[k].data, f[k].len, NULL), cases[i].want, "%s", cases[i].name);
        if (k < n && strcmp(cases[i].name, "bomb.png") == 0) {
            image_t img;
            err_t e = {0};
            image_load_mem(f[k].data, f[k].len, NULL, &img, &e);
            is_int(e.code, EXIT_USER, "a bad file is a user error, not a system one");
        }
    }
    imgmake_corpus_free(f, n);
}

static void test_caps(void)
{
    size_t len;
    unsigned char *png = imgmake_encode(0, 64, 48, "gradient", &len);
    image_caps_t small = {100, IMAGE_MAX_PIXELS};
    char want[128];
    snprintf(want, sizeof want, "file is %zu bytes, over the 100 bytes limit", len);
    is_str(mem_reason(png, len, &small), want, "file size cap");
    image_caps_t few = {IMAGE_MAX_BYTES, 3000};
    is_str(mem_reason(png, len, &few), "64x48 is over the 0.003-megapixel limit",
           "pixel budget (64x48 = 3072 > 3000)");
    image_caps_t exact = {IMAGE_MAX_BYTES, 3072};
    is_str(mem_reason(png, len, &exact), "OK 64x48", "pixel budget is inclusive");
    free(png);

    /* The OSS-Fuzz rule (bail when x > (80000000/4)/y) is the 20-megapixel budget. */
    png = imgmake_encode(0, 1, 1, "gradient", &len);
    image_caps_t oss = {IMAGE_MAX_BYTES, 80000000UL / 4};
    imgmake_png_claim(png, 5000, 4001);
    is_str(mem_reason(png, len, &oss), "5000x4001 is over the 20-megapixel limit",
           "5000x4001 is refused under the 20-megapixel rule");
    imgmake_png_claim(png, 5000, 4000);
    ok(strstr(mem_reason(png, len, &oss), "megapixel") == NULL,
       "5000x4000 passes the budget (and fails later: its data is 1x1)");
    imgmake_png_claim(png, 16385, 1);
    is_str(mem_reason(png, len, NULL), "16385x1 is over the 16384-pixel side limit",
           "side limit");
    free(png);
}

static void test_sniff(void)
{
    is_str(image_sniff((const unsigned char *)"\x89PNG\r\n\x1a\n", 8), "PNG", "PNG magic");
    is_str(image_sniff((const unsigned char *)"\xff\xd8\xff\xe0", 4), "JPEG", "JPEG magic");
    is_str(image_sniff((const unsigned char *)"GIF87a", 6), "GIF", "GIF87a");
    is_str(image_sniff((const unsigned char *)"II*\0", 4), "TIFF", "TIFF");
    is_str(image_sniff((const unsigned char *)"\0\0\0\x1c" "ftypavif", 12), "AVIF", "AVIF");
    is_str(image_sniff((const unsigned char *)"id,label\ncaf\xc3\xa9,cat\n", 19), "text",
           "UTF-8 text");
    ok(image_sniff((const unsigned char *)"\x01\x02\x03\x04", 4) == NULL, "unknown bytes");
    ok(image_sniff((const unsigned char *)"\xff", 1) == NULL, "one byte");
}

static void test_fit(void)
{
    image_t img = {0};
    err_t e = {0};
    img.w = img.src_w = 100;
    img.h = img.src_h = 50;
    img.rgba = xmalloc(100 * 50 * 4);
    imgmake_fill(img.rgba, 100, 50, "solid:ff0000");
    is_int(image_fit(&img, 10, 10, &e), 0, "fit succeeds");
    ok(img.w == 10 && img.h == 5, "100x50 fits 10x10 as 10x5 (got %dx%d)", img.w, img.h);
    ok(img.src_w == 100 && img.src_h == 50, "the file's size is kept");
    int red = 1;
    for (int y = 0; y < img.h; y++)
        for (int x = 0; x < img.w; x++)
            red &= memcmp(px_at(&img, x, y), "\xff\x00\x00\xff", 4) == 0;
    ok(red, "a solid red image stays solid red");
    unsigned char *before = img.rgba;
    image_fit(&img, 20, 20, &e);
    ok(img.rgba == before && img.w == 10, "an image inside the box is left alone");
    image_free(&img);

    img.w = 64;
    img.h = 48;
    img.rgba = xmalloc(64 * 48 * 4);
    imgmake_fill(img.rgba, 64, 48, "half");
    image_fit(&img, 8, 8, &e);
    ok(img.w == 8 && img.h == 6, "64x48 fits 8x8 as 8x6 (got %dx%d)", img.w, img.h);
    ok(px_at(&img, 3, 2)[0] == 255 && px_at(&img, 3, 2)[2] == 0, "left half red");
    ok(px_at(&img, 4, 2)[0] == 0 && px_at(&img, 4, 2)[2] == 255, "right half blue");
    image_free(&img);

    /* Averaging weighs colours by alpha: a transparent blue pixel does not tint red. */
    img.w = 2;
    img.h = 1;
    img.rgba = xmalloc(8);
    memcpy(img.rgba, "\x00\x00\xff\x00\xff\x00\x00\xff", 8);
    image_fit(&img, 1, 1, &e);
    ok(img.w == 1 && img.h == 1, "2x1 to 1x1");
    ok(memcmp(img.rgba, "\xff\x00\x00\x80", 4) == 0, "red at half alpha (got %d,%d,%d,%d)",
       img.rgba[0], img.rgba[1], img.rgba[2], img.rgba[3]);
    image_free(&img);

    img.w = 1000;
    img.h = 10;
    img.rgba = xcalloc(1000 * 10, 4);
    image_fit(&img, 100, 100, &e);
    ok(img.w == 100 && img.h == 1, "1000x10 fits 100x100 as 100x1 (got %dx%d)", img.w, img.h);
    image_free(&img);
}

static void test_files(void)
{
    size_t len;
    unsigned char *png = imgmake_encode(0, 64, 48, "gradient", &len);
    char *ok_png = in_dir("ok.png"), *p;
    imgmake_write(ok_png, png, len);
    is_str(file_reason(ok_png), "OK 64x48", "a PNG file");
    image_t img;
    err_t e = {0};
    image_load(ok_png, NULL, &img, &e);
    ok(img.rgba && px_at(&img, 0, 0)[0] < 8 && px_at(&img, 63, 47)[0] > 247 &&
           px_at(&img, 63, 47)[1] > 247 && px_at(&img, 10, 10)[2] == 128,
       "pixels are the gradient");
    image_free(&img);

    p = in_dir("missing.png");
    is_str(file_reason(p), "missing file", "missing file");
    free(p);
    p = in_dir("sub");
    mkdir(p, 0755);
    is_str(file_reason(p), "a directory, not an image file", "directory");
    free(p);
    p = in_dir("fifo.png");
    mkfifo(p, 0644);
    is_str(file_reason(p), "a FIFO (named pipe), not an image file", "FIFO (and no hang)");
    free(p);
    is_str(file_reason("/dev/null"), "a device, not an image file", "device");
    p = in_dir("loop.png");
    char *p2 = in_dir("loop2.png");
    ok(symlink(p2, p) == 0 && symlink(p, p2) == 0, "made a symlink loop");
    is_str(file_reason(p), "symbolic link loop", "symlink loop");
    free(p);
    free(p2);
    p = in_dir("dangling.png");
    symlink("nowhere.png", p);
    is_str(file_reason(p), "broken symbolic link", "dangling symlink");
    free(p);
    p = in_dir("link.png");
    symlink("ok.png", p);
    is_str(file_reason(p), "OK 64x48", "a symlink to an image is followed");
    free(p);
    p = in_dir("ok.png/x.png");
    is_str(file_reason(p), "missing file (a folder on its path is a file)", "ENOTDIR");
    free(p);
    p = in_dir("caf\xe9.png");
    imgmake_write(p, png, len);
    is_str(file_reason(p), "OK 64x48", "a file name that is not UTF-8");
    free(p);
    p = in_dir("big.png");
    int fd = open(p, O_WRONLY | O_CREAT, 0644);
    ok(fd >= 0 && ftruncate(fd, (off_t)65 << 20) == 0, "made a sparse 65 MB file");
    close(fd);
    is_str(file_reason(p), "file is 65 MB, over the 64 MB limit", "size cap before reading");
    free(p);
    p = in_dir("secret.png");
    imgmake_write(p, png, len);
    chmod(p, 0);
    if (geteuid() == 0)
        printf("ok %d - # SKIP permission denied: root can read anything\n", ++tap_n);
    else
        is_str(file_reason(p), "permission denied", "unreadable file");
    free(p);
    free(ok_png);
    free(png);
}

/* Waits until pid is a zombie (killed, not yet reaped), at most a second. */
static void wait_zombie(pid_t pid)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    for (int i = 0; i < 100; i++) {
        FILE *f = fopen(path, "r");
        if (!f)
            return;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        char *c = strrchr(buf, ')');
        if (c && c[1] == ' ' && c[2] == 'Z')
            return;
        usleep(10000);
    }
}

static void test_decoder(void)
{
    size_t len;
    unsigned char *png = imgmake_encode(0, 64, 48, "gradient", &len);
    char *ok_png = in_dir("ok.png"), *crash = in_dir("crash_me.png"), *hang = in_dir("hang_me.png");
    imgmake_write(crash, png, len);
    imgmake_write(hang, png, len);
    free(png);
    png = imgmake_encode(0, 640, 480, "gradient", &len);
    char *big = in_dir("vga.png");
    imgmake_write(big, png, len);
    free(png);

    setenv("EYEBALL_DECODER_CRASH_ON", "crash_me", 1);
    setenv("EYEBALL_DECODER_HANG_ON", "hang_me", 1);
    decoder_opts_t o;
    decoder_opts_init(&o);
    o.timeout_ms = 400;
    decoder_t *d = decoder_new(&o);
    is_int(decoder_pid(d), 0, "no helper before the first decode");
    is_str(dec_reason(d, ok_png, 0, 0), "OK 64x48 from 64x48", "decoded in the helper");
    pid_t first = decoder_pid(d);
    ok(first > 0 && first != getpid(), "a helper process runs");
    is_str(dec_reason(d, big, 80, 80), "OK 80x60 from 640x480", "shrunk in the helper to the box");
    is_str(dec_reason(d, ok_png, 0, 0), "OK 64x48 from 64x48", "same helper again");
    image_t via_shm, via_socket;
    err_t e = {0};
    decoder_decode(d, big, 0, 0, &via_shm, &e);
    decoder_opts_t small = o;
    small.shm_bytes = 1 << 20; /* 640x480x4 does not fit: the socket carries it */
    decoder_t *d2 = decoder_new(&small);
    decoder_decode(d2, big, 0, 0, &via_socket, &e);
    decoder_free(d2);
    ok(via_shm.rgba && via_socket.rgba && via_shm.w == 640 && via_socket.w == 640 &&
           memcmp(via_shm.rgba, via_socket.rgba, 640 * 480 * 4) == 0,
       "the same pixels through shared memory and through the socket");
    image_free(&via_shm);
    image_free(&via_socket);
    is_int(decoder_pid(d), first, "the helper is reused");
    char *missing = in_dir("missing.png");
    is_str(dec_reason(d, missing, 0, 0), "missing file", "reasons come back from the helper");
    free(missing);

    is_str(dec_reason(d, crash, 0, 0), "decoder crashed (signal 11)", "a helper crash is a reason");
    is_int(decoder_pid(d), 0, "the crashed helper is gone");
    is_str(dec_reason(d, ok_png, 0, 0), "OK 64x48 from 64x48", "the next file decodes");
    ok(decoder_pid(d) > 0 && decoder_pid(d) != first, "in a new helper");

    double t0 = now_ms();
    is_str(dec_reason(d, hang, 0, 0), "decoding took too long", "a hang times out");
    double took = now_ms() - t0;
    ok(took >= 390 && took < 5000, "after the 400 ms timeout (took %.0f ms)", took);
    is_str(dec_reason(d, ok_png, 0, 0), "OK 64x48 from 64x48", "the next file decodes");

    pid_t pid = decoder_pid(d);
    int starts = decoder_starts(d);
    kill(pid, SIGKILL);
    wait_zombie(pid);
    is_str(dec_reason(d, ok_png, 0, 0), "OK 64x48 from 64x48",
           "a helper killed while idle is replaced without an error");
    is_int(decoder_starts(d), starts + 1, "by one new start");
    decoder_free(d);

    /* RLIMIT_CPU: with a long wall-clock timeout, the CPU limit stops the spin. */
    o.timeout_ms = 20000;
    o.cpu_seconds = 1;
    d = decoder_new(&o);
    t0 = now_ms();
    is_str(dec_reason(d, hang, 0, 0), "decoding took too long", "the CPU limit stops a spin");
    took = now_ms() - t0;
    ok(took < 19000, "before the 20 s wall-clock timeout (took %.0f ms)", took);
    decoder_free(d);
    unsetenv("EYEBALL_DECODER_CRASH_ON");
    unsetenv("EYEBALL_DECODER_HANG_ON");

#ifndef DECODER_TEST_NO_AS_LIMIT
    /* RLIMIT_AS: 2000x2000 RGBA needs 16 MB for the pixels and as much for the inflated
     * data; with 24 MB of address space stb's allocation fails cleanly. */
    png = imgmake_encode(0, 2000, 2000, "solid:336699", &len);
    char *wide = in_dir("wide.png");
    imgmake_write(wide, png, len);
    free(png);
    decoder_opts_init(&o);
    o.mem_mb = 24;
    d = decoder_new(&o);
    is_str(dec_reason(d, wide, 100, 100), "not enough memory to decode this PNG",
           "the memory limit holds");
    is_str(dec_reason(d, ok_png, 0, 0), "OK 64x48 from 64x48", "and the helper goes on");
    decoder_free(d);
    d = decoder_new(NULL);
    is_str(dec_reason(d, wide, 100, 100), "OK 100x100 from 2000x2000",
           "the same file within the default limit");
    decoder_free(d);
    free(wide);
#else
    printf("ok %d - # SKIP memory limit: not applied under AddressSanitizer\n", ++tap_n);
#endif

    /* Helpers that are not eyeball: one that exits, one that is missing, one that lies. */
    decoder_opts_init(&o);
    o.exe = "/bin/true";
    d = decoder_new(&o);
    is_str(dec_reason(d, ok_png, 0, 0), "decoder stopped (exit status 0)", "a helper that exits");
    decoder_free(d);
    o.exe = "/nonexistent/eyeball";
    d = decoder_new(&o);
    is_str(dec_reason(d, ok_png, 0, 0), "cannot start the decoder: No such file or directory",
           "a helper that cannot start");
    decoder_free(d);
    char *liar = in_dir("liar.sh");
    FILE *f = fopen(liar, "w");
    fputs("#!/bin/sh\nhead -c 40 >/dev/null\n"
          "printf 'this is not a reply, this is not a reply, this is not a reply.' >&0\n"
          "sleep 5\n", f);
    fclose(f);
    chmod(liar, 0755);
    o.exe = liar;
    o.timeout_ms = 3000;
    d = decoder_new(&o);
    is_str(dec_reason(d, ok_png, 0, 0), "the decoder sent a bad reply", "a helper that lies");
    is_int(decoder_pid(d), 0, "is stopped");
    decoder_free(d);
    free(liar);

    d = decoder_new(NULL);
    is_str(dec_reason(d, "", 0, 0), "no file name", "empty path");
    is_str(dec_reason(d, ok_png, -1, 5), "bad preview size -1x5", "bad box");
    decoder_free(d);
    free(ok_png);
    free(crash);
    free(hang);
    free(big);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], DECODER_HELPER_ARG) == 0)
        return decoder_helper_main(argc, argv);
    snprintf(dir, sizeof dir, "%s/eyeball-image.XXXXXX", "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_corpus_in_memory();
    test_caps();
    test_sniff();
    test_fit();
    test_files();
    test_decoder();
    char *rm = xasprintf("chmod -R u+rwx '%s'; rm -rf '%s'", dir, dir);
    if (system(rm) != 0)
        printf("# could not remove %s\n", dir);
    free(rm);
    return tap_done();
}
