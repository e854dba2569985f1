/* render_bench: times eyeball's image pipeline, and a command to compare it with.
 *
 *   render_bench pipeline FILE W H N [TERM]
 *       N times: decode FILE in the helper process, render it with chafa into a W x H
 *       box, draw the cells into ncurses (on TERM, default xterm-256color, written to
 *       /dev/null) and refresh. The screen is blanked (untimed) before each round, so
 *       every round writes the whole image. Prints the medians in milliseconds:
 *       "total decode render draw cpu" (cpu: CPU time of this process, its chafa
 *       threads and the decoder helper), then the preview's size and mode.
 *   render_bench decode FILE N
 *       the cost of isolation: median ms to decode FILE in this process (image_load)
 *       and through the helper process (decoder_decode, same size), wall then CPU:
 *       "inprocess helper inprocess_cpu helper_cpu".
 *   render_bench command N CMD [ARG...]
 *       runs CMD N times with its output to /dev/null; prints the medians in ms:
 *       "wall cpu".
 *
 * Used by bench/render; not a test. */
#include "config.h"
#include "decoder.h"
#include "preview.h"
#include "ui_cells.h"

#include <fcntl.h>
#include <locale.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double clock_ms(clockid_t clk)
{
    struct timespec ts;
    if (clock_gettime(clk, &ts) != 0)
        return 0;
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

/* CPU time of this process (all threads) plus the helper's, in ms. */
static double cpu_ms(pid_t helper)
{
    double t = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    clockid_t clk;
    if (helper > 0 && clock_getcpuclockid(helper, &clk) == 0)
        t += clock_ms(clk);
    return t;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int pipeline(const char *file, int bw, int bh, int n, const char *term)
{
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    SCREEN *scr = out && in ? newterm(term, out, in) : NULL;
    if (!scr) {
        fprintf(stderr, "render_bench: cannot start ncurses on %s\n", term);
        return 1;
    }
    set_term(scr);
    start_color();
    use_default_colors();
    preview_mode_t mode = preview_mode_for_colors(has_colors() ? COLORS : 0);
    ui_cells_t u;
    ui_cells_init(&u, 0);
    decoder_t *dec = decoder_new(NULL);
    int pw, ph;
    preview_pixel_box(bw, bh, &pw, &ph);
    double *tot = calloc((size_t)n, sizeof *tot), *dt = calloc((size_t)n, sizeof *dt);
    double *rt = calloc((size_t)n, sizeof *rt), *wt = calloc((size_t)n, sizeof *wt);
    double *ct = calloc((size_t)n, sizeof *ct);
    int cw = 0, ch = 0, rc = 0;
    for (int i = -1; i < n; i++) { /* round -1 starts the helper and warms the caches */
        erase();
        refresh();
        pid_t helper = decoder_pid(dec);
        double c0 = cpu_ms(helper), t0 = now_ms();
        image_t img;
        err_t e = {0};
        if (decoder_decode(dec, file, pw, ph, &img, &e) < 0) {
            endwin();
            fprintf(stderr, "render_bench: %s: %s\n", file, e.msg);
            rc = 1;
            break;
        }
        double t1 = now_ms();
        preview_t *p = preview_from_pixels(img.rgba, img.w, img.h, img.w * 4, img.src_w,
                                           img.src_h, bw, bh, mode);
        image_free(&img);
        double t2 = now_ms();
        ui_cells_draw(&u, stdscr, 0, 0, p);
        wnoutrefresh(stdscr);
        doupdate();
        double t3 = now_ms(), c1 = cpu_ms(helper);
        cw = p->w;
        ch = p->h;
        preview_free(p);
        if (i >= 0) {
            tot[i] = t3 - t0;
            dt[i] = t1 - t0;
            rt[i] = t2 - t1;
            wt[i] = t3 - t2;
            ct[i] = c1 - c0;
        }
    }
    if (rc == 0) {
        endwin();
        printf("%.2f %.2f %.2f %.2f %.2f\n", median(tot, n), median(dt, n), median(rt, n),
               median(wt, n), median(ct, n));
        printf("%dx%d %s\n", cw, ch, preview_mode_name(mode));
    }
    decoder_free(dec);
    ui_cells_done(&u);
    delscreen(scr);
    fclose(out);
    fclose(in);
    free(tot);
    free(dt);
    free(rt);
    free(wt);
    free(ct);
    return rc;
}

static int decode(const char *file, int n)
{
    double *a = calloc((size_t)n, sizeof *a), *b = calloc((size_t)n, sizeof *b);
    double *ac = calloc((size_t)n, sizeof *ac), *bc = calloc((size_t)n, sizeof *bc);
    decoder_t *dec = decoder_new(NULL);
    int rc = 0;
    for (int i = -1; i < n && rc == 0; i++) { /* round -1 starts the helper */
        image_t img;
        err_t e = {0};
        pid_t helper = decoder_pid(dec);
        double c0 = cpu_ms(0), t0 = now_ms();
        rc |= image_load(file, NULL, &img, &e);
        double t1 = now_ms(), c1 = cpu_ms(0), c1h = cpu_ms(helper);
        image_free(&img);
        rc |= decoder_decode(dec, file, 0, 0, &img, &e);
        double t2 = now_ms(), c2 = cpu_ms(helper);
        image_free(&img);
        if (rc)
            fprintf(stderr, "render_bench: %s: %s\n", file, e.msg);
        if (i >= 0) {
            a[i] = t1 - t0;
            b[i] = t2 - t1;
            ac[i] = c1 - c0;
            bc[i] = c2 - c1h;
        }
    }
    if (rc == 0)
        printf("%.2f %.2f %.2f %.2f\n", median(a, n), median(b, n), median(ac, n), median(bc, n));
    decoder_free(dec);
    free(a);
    free(b);
    free(ac);
    free(bc);
    return rc ? 1 : 0;
}

static int command(int n, char **argv)
{
    double *t = calloc((size_t)n, sizeof *t), *c = calloc((size_t)n, sizeof *c);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    int rc = 0;
    for (int i = -1; i < n; i++) { /* round -1 warms the page cache */
        double t0 = now_ms();
        pid_t pid;
        int st;
        struct rusage ru;
        if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0 ||
            wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "render_bench: %s failed\n", argv[0]);
            rc = 1;
            break;
        }
        if (i >= 0) {
            t[i] = now_ms() - t0;
            c[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                   (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
        }
    }
    posix_spawn_file_actions_destroy(&fa);
    if (rc == 0)
        printf("%.2f %.2f\n", median(t, n), median(c, n));
    free(t);
    free(c);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], DECODER_HELPER_ARG) == 0)
        return decoder_helper_main(argc, argv);
    setlocale(LC_ALL, "");
    if (argc >= 6 && strcmp(argv[1], "pipeline") == 0 && atoi(argv[5]) > 0)
        return pipeline(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
                        argc > 6 ? argv[6] : "xterm-256color");
    if (argc == 4 && strcmp(argv[1], "decode") == 0 && atoi(argv[3]) > 0)
        return decode(argv[2], atoi(argv[3]));
    if (argc >= 4 && strcmp(argv[1], "command") == 0 && atoi(argv[2]) > 0)
        return command(atoi(argv[2]), argv + 3);
    fputs("usage: render_bench pipeline FILE W H N [TERM] | decode FILE N |\n"
          "       command N CMD [ARG...]\n", stderr);
    return 2;
}
