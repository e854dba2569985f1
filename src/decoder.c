/* decoder.c: the image decoder in a helper process (see decoder.h for the design).
 *
 * Protocol on the socket pair (both ends are this same program, so structs are sent
 * as they are): a request header then the path bytes; a reply header then either the
 * reason text or w*h*4 bytes of RGBA pixels. The parent trusts nothing in a reply:
 * sizes are checked against the request before anything is allocated. */
#include "config.h"
#include "decoder.h"
#include "phash.h"

#include <xxhash.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#if defined(__SANITIZE_ADDRESS__)
#define DECODER_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DECODER_UNDER_ASAN 1
#endif
#endif

#define REQ_MAGIC 0x45594231u /* "EYB1" */
#define REP_MAGIC 0x45594232u
#define MAX_PATH_BYTES 8192
#define MAX_REASON_BYTES 512
/* The shared pixel buffer (decoder_opts_t.shm_bytes) is a sealed memfd mapped by both
 * sides, so an image crosses without going through the socket: one round trip instead of
 * a few dozen. Pages are used only as far as images reach. Larger images take the socket. */
#define SHM_FD 3 /* where the helper finds it */
#define MODE_PIXELS 0u /* reply: pixels shrunk to the box */
#define MODE_HASH 1u   /* reply: a hash_rep_t, then the reason text when decoding failed */

/* After a rep_t with status 0 and no pixels, in MODE_HASH. */
typedef struct hash_rep {
    unsigned char content[SCAN_HASH_BYTES];
    uint64_t phash;
    int32_t phash_status; /* 0: phash is set; EXIT_USER/EXIT_SYSTEM: a reason follows */
    uint32_t textlen;
} hash_rep_t;

typedef struct req {
    uint32_t magic;
    uint32_t maxw, maxh;  /* box in pixels, 0: no shrinking */
    uint32_t pathlen;     /* bytes of path that follow */
    uint32_t mode;        /* MODE_PIXELS or MODE_HASH */
    uint32_t zero;        /* 0: no padding before max_bytes, so no byte sent is unset */
    uint64_t max_bytes;   /* caps */
    uint64_t max_pixels;
} req_t;
/* Sent as bytes: no padding may hide in it (its bytes would be unset). */
_Static_assert(sizeof(req_t) == 6 * sizeof(uint32_t) + 2 * sizeof(uint64_t),
               "req_t has padding");

typedef struct rep {
    uint32_t magic;
    int32_t status;       /* 0 pixels follow; EXIT_USER/EXIT_SYSTEM: a reason follows */
    uint32_t src_w, src_h;
    uint32_t w, h;        /* pixels that follow */
    uint32_t textlen;     /* reason bytes that follow */
    uint32_t in_shm;      /* 1: the pixels are in the shared buffer, not on the socket */
} rep_t;

struct decoder {
    decoder_opts_t o;
    pid_t pid;  /* helper, 0 when not running */
    int fd;     /* our end of the socket pair, -1 when not running */
    int starts;
    const unsigned char *shm; /* the helper's shared pixel buffer (read only), or NULL */
    size_t shm_cap;
};

void decoder_opts_init(decoder_opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->timeout_ms = DECODER_TIMEOUT_MS;
    o->mem_mb = DECODER_MEM_MB;
    o->cpu_seconds = DECODER_CPU_SECONDS;
    o->caps = image_caps_default;
    o->shm_bytes = DECODER_SHM_BYTES;
}

decoder_t *decoder_new(const decoder_opts_t *opts)
{
    decoder_t *d = xcalloc(1, sizeof *d);
    if (opts)
        d->o = *opts;
    else
        decoder_opts_init(&d->o);
    if (d->o.timeout_ms <= 0)
        d->o.timeout_ms = DECODER_TIMEOUT_MS;
    if (d->o.cpu_seconds <= 0)
        d->o.cpu_seconds = DECODER_CPU_SECONDS;
    if (d->o.caps.max_bytes == 0)
        d->o.caps = image_caps_default;
    d->fd = -1;
    return d;
}

pid_t decoder_pid(const decoder_t *d)
{
    return d->pid;
}

int decoder_starts(const decoder_t *d)
{
    return d->starts;
}

/* ---- parent side ----------------------------------------------------------------- */

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Kills the helper (when still running) and returns its wait status, or -1. */
static int stop_helper(decoder_t *d)
{
    int status = -1;
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
    if (d->pid > 0) {
        kill(d->pid, SIGKILL);
        while (waitpid(d->pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    d->pid = 0;
    if (d->shm)
        munmap((void *)d->shm, d->shm_cap);
    d->shm = NULL;
    d->shm_cap = 0;
    return status;
}

/* A new shared pixel buffer, sealed so the helper can neither shrink it (our reads past
 * its end would fault) nor grow it. Returns its descriptor, or -1 (then the socket
 * carries the pixels). */
static int make_shm(decoder_t *d)
{
    size_t cap = d->o.shm_bytes;
    if (cap == 0)
        return -1;
    int fd = memfd_create("eyeball-pixels", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return -1;
    void *map = MAP_FAILED;
    if (ftruncate(fd, (off_t)cap) == 0 &&
        fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) == 0)
        map = mmap(NULL, cap, PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        close(fd);
        return -1;
    }
    d->shm = map;
    d->shm_cap = cap;
    return fd;
}

/* fd moved to a number above SHM_FD (close-on-exec), or fd itself on failure. */
static int above(int fd)
{
    if (fd < 0 || fd > SHM_FD)
        return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, SHM_FD + 1);
    if (moved < 0)
        return fd;
    close(fd);
    return moved;
}

static int start_helper(decoder_t *d, err_t *e)
{
    char self[PATH_MAX];
    const char *exe = d->o.exe;
    if (!exe) {
        /* The resolved path (valgrind reports its client here); /proc/self/exe itself
         * when the binary was replaced or removed since it started. */
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        exe = "/proc/self/exe";
        if (n > 0) {
            self[n] = '\0';
            if (!strstr(self, " (deleted)") && access(self, X_OK) == 0)
                exe = self;
        }
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return err_set(e, EXIT_SYSTEM, "cannot start the decoder: %s", strerror(errno));
    char mem[32], cpu[32];
    snprintf(mem, sizeof mem, "%d", d->o.mem_mb);
    snprintf(cpu, sizeof cpu, "%d", d->o.cpu_seconds);
    int shm = make_shm(d);
    /* Above the descriptors the child is given, so no dup2 below overwrites another's
     * source (possible when this process runs with 0, 1 or 2 closed). */
    sv[1] = above(sv[1]);
    shm = above(shm);
    char *argv[] = {(char *)"eyeball-decoder", (char *)DECODER_HELPER_ARG, mem, cpu,
                    shm >= 0 ? (char *)"shm" : NULL, NULL};

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
    if (shm >= 0)
        posix_spawn_file_actions_adddup2(&fa, shm, SHM_FD);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawnattr_init(&at);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawnattr_setpgroup(&at, 0); /* keyboard signals are for the UI, not the helper */
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                      POSIX_SPAWN_SETPGROUP);
    pid_t pid;
    int rc = posix_spawn(&pid, exe, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(sv[1]);
    if (shm >= 0)
        close(shm); /* the mapping keeps it */
    if (rc != 0) {
        close(sv[0]);
        if (d->shm)
            munmap((void *)d->shm, d->shm_cap);
        d->shm = NULL;
        d->shm_cap = 0;
        return err_set(e, EXIT_SYSTEM, "cannot start the decoder: %s", strerror(rc));
    }
    d->pid = pid;
    d->fd = sv[0];
    d->starts++;
    return 0;
}

static int send_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads n bytes before the deadline: 0, -1 on end of file or error, -2 on timeout. */
static int recv_all(int fd, void *buf, size_t n, long long deadline)
{
    char *p = buf;
    while (n) {
        long long left = deadline - now_ms();
        if (left <= 0)
            return -2;
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return -2;
        ssize_t k = recv(fd, p, n, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The helper failed (rc from recv_all or send): stop it and say why. Returns -1 for a
 * timeout or the CPU limit, -2 when it died otherwise. */
static int helper_failed(decoder_t *d, int rc, err_t *e)
{
    int status = stop_helper(d);
    if (rc == -2)
        return err_set(e, EXIT_SYSTEM, "decoding took too long");
    if (status != -1 && WIFSIGNALED(status)) {
        if (WTERMSIG(status) == SIGXCPU)
            return err_set(e, EXIT_SYSTEM, "decoding took too long");
        err_set(e, EXIT_SYSTEM, "decoder crashed (signal %d)", WTERMSIG(status));
    } else if (status != -1 && WIFEXITED(status)) {
        err_set(e, EXIT_SYSTEM, "decoder stopped (exit status %d)", WEXITSTATUS(status));
    } else {
        err_set(e, EXIT_SYSTEM, "decoder stopped");
    }
    return -2;
}

/* Reads a reason of len bytes into e (code from status): -1, or -2 when the helper died
 * or sent a bad length (it has been stopped). */
static int read_reason(decoder_t *d, int32_t status, uint32_t len, long long deadline, err_t *e)
{
    char reason[MAX_REASON_BYTES + 1];
    if (len == 0 || len > MAX_REASON_BYTES) {
        stop_helper(d);
        err_set(e, EXIT_SYSTEM, "the decoder sent a bad reply");
        return -2;
    }
    int rc = recv_all(d->fd, reason, len, deadline);
    if (rc < 0)
        return helper_failed(d, rc, e);
    reason[len] = '\0';
    /* The text is shown on screen: keep printable ASCII only. */
    for (uint32_t i = 0; i < len; i++)
        if ((unsigned char)reason[i] < 0x20 || (unsigned char)reason[i] > 0x7e)
            reason[i] = '?';
    err_set(e, status == EXIT_USER ? EXIT_USER : EXIT_SYSTEM, "%s", reason);
    return -1;
}

/* One request to a running helper: 0 with *out filled; -1 with e set; -2 when the helper
 * died (e set; it has been stopped). */
static int request(decoder_t *d, const char *path, size_t plen, int maxw, int maxh,
                   image_t *out, err_t *e)
{
    long long deadline = now_ms() + d->o.timeout_ms;
    req_t rq = {REQ_MAGIC, (uint32_t)maxw, (uint32_t)maxh, (uint32_t)plen, MODE_PIXELS, 0,
                d->o.caps.max_bytes, d->o.caps.max_pixels};
    if (send_all(d->fd, &rq, sizeof rq) < 0 || send_all(d->fd, path, plen) < 0)
        return helper_failed(d, -1, e);
    rep_t rp;
    int rc = recv_all(d->fd, &rp, sizeof rp, deadline);
    if (rc < 0)
        return helper_failed(d, rc, e);
    if (rp.magic != REP_MAGIC)
        goto bad;
    if (rp.status != 0)
        return read_reason(d, rp.status, rp.textlen, deadline, e);
    uint64_t limw = maxw ? (uint64_t)maxw : IMAGE_MAX_SIDE;
    uint64_t limh = maxh ? (uint64_t)maxh : IMAGE_MAX_SIDE;
    if (rp.w == 0 || rp.h == 0 || rp.w > limw || rp.h > limh ||
        (uint64_t)rp.w * rp.h > d->o.caps.max_pixels || rp.src_w == 0 || rp.src_h == 0 ||
        rp.src_w > IMAGE_MAX_SIDE || rp.src_h > IMAGE_MAX_SIDE)
        goto bad;
    size_t bytes = (size_t)rp.w * rp.h * 4;
    if (rp.in_shm && (!d->shm || bytes > d->shm_cap))
        goto bad;
    unsigned char *px = malloc(bytes);
    if (!px) {
        stop_helper(d); /* the rest of the reply may still be in the socket */
        return err_set(e, EXIT_SYSTEM, "not enough memory for the image");
    }
    if (rp.in_shm) {
        memcpy(px, d->shm, bytes);
    } else if ((rc = recv_all(d->fd, px, bytes, deadline)) < 0) {
        free(px);
        return helper_failed(d, rc, e);
    }
    out->rgba = px;
    out->w = (int)rp.w;
    out->h = (int)rp.h;
    out->src_w = (int)rp.src_w;
    out->src_h = (int)rp.src_h;
    return 0;
bad:
    stop_helper(d);
    return err_set(e, EXIT_SYSTEM, "the decoder sent a bad reply");
}

int decoder_decode(decoder_t *d, const char *path, int maxw, int maxh, image_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    size_t plen = path ? strlen(path) : 0;
    if (plen == 0)
        return err_set(e, EXIT_USER, "no file name");
    if (plen > MAX_PATH_BYTES)
        return err_set(e, EXIT_USER, "file name too long");
    if (maxw < 0 || maxh < 0 || maxw > IMAGE_MAX_SIDE || maxh > IMAGE_MAX_SIDE)
        return err_set(e, EXIT_USER, "bad preview size %dx%d", maxw, maxh);
    /* A helper that died while idle (killed, out of memory) is replaced silently. */
    int st;
    if (d->pid > 0 && waitpid(d->pid, &st, WNOHANG) == d->pid) {
        d->pid = 0;
        stop_helper(d);
    }
    int fresh = d->pid == 0;
    if (fresh && start_helper(d, e) < 0)
        return -1;
    int rc = request(d, path, plen, maxw, maxh, out, e);
    /* A helper that had served other files and dies on this one may have been killed
     * from outside just before: try once more with a new one. A hang is not retried. */
    if (rc == -2 && !fresh) {
        if (start_helper(d, e) < 0)
            return -1;
        rc = request(d, path, plen, maxw, maxh, out, e);
    }
    return rc < 0 ? -1 : 0;
}

/* A MODE_HASH request to a running helper; returns as request() does. */
static int request_hash(decoder_t *d, const char *path, size_t plen, decoder_hashes_t *out,
                        err_t *e)
{
    long long deadline = now_ms() + d->o.timeout_ms;
    req_t rq = {REQ_MAGIC, 0, 0, (uint32_t)plen, MODE_HASH, 0, d->o.caps.max_bytes,
                d->o.caps.max_pixels};
    if (send_all(d->fd, &rq, sizeof rq) < 0 || send_all(d->fd, path, plen) < 0)
        return helper_failed(d, -1, e);
    rep_t rp;
    hash_rep_t hr;
    int rc = recv_all(d->fd, &rp, sizeof rp, deadline);
    if (rc < 0)
        return helper_failed(d, rc, e);
    if (rp.magic != REP_MAGIC || (rp.status == 0 && (rp.w || rp.h || rp.in_shm)))
        goto bad;
    if (rp.status != 0)
        return read_reason(d, rp.status, rp.textlen, deadline, e);
    if ((rc = recv_all(d->fd, &hr, sizeof hr, deadline)) < 0)
        return helper_failed(d, rc, e);
    memcpy(out->content, hr.content, sizeof out->content);
    out->phash = hr.phash;
    out->phash_ok = hr.phash_status == 0;
    out->why[0] = '\0';
    if (hr.phash_status != 0) {
        err_t why = {0};
        rc = read_reason(d, hr.phash_status, hr.textlen, deadline, &why);
        if (rc == -2) {
            err_set(e, why.code, "%s", why.msg);
            return -2;
        }
        size_t k = strnlen(why.msg, sizeof out->why - 1);
        memcpy(out->why, why.msg, k);
        out->why[k] = '\0';
    }
    return 0;
bad:
    stop_helper(d);
    err_set(e, EXIT_SYSTEM, "the decoder sent a bad reply");
    return -2;
}

int decoder_hash(decoder_t *d, const char *path, decoder_hashes_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    size_t plen = path ? strlen(path) : 0;
    if (plen == 0)
        return err_set(e, EXIT_USER, "no file name");
    if (plen > MAX_PATH_BYTES)
        return err_set(e, EXIT_USER, "file name too long");
    int st;
    if (d->pid > 0 && waitpid(d->pid, &st, WNOHANG) == d->pid) {
        d->pid = 0;
        stop_helper(d);
    }
    int fresh = d->pid == 0;
    if (fresh && start_helper(d, e) < 0)
        return -1;
    int rc = request_hash(d, path, plen, out, e);
    if (rc == -2 && !fresh) {
        if (start_helper(d, e) < 0)
            return -1;
        rc = request_hash(d, path, plen, out, e);
    }
    return rc < 0 ? -1 : 0;
}

void decoder_free(decoder_t *d)
{
    if (!d)
        return;
    stop_helper(d);
    free(d);
}

/* ---- helper side ----------------------------------------------------------------- */

/* Closes every descriptor from first up. */
static void close_fds_from(int first)
{
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 0U) == 0)
        return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (int fd = first; fd < max; fd++)
        close(fd);
}

static void set_limit(int res, rlim_t soft, rlim_t hard)
{
    struct rlimit rl;
    if (getrlimit(res, &rl) != 0)
        return;
    if (hard < rl.rlim_max || rl.rlim_max == RLIM_INFINITY)
        rl.rlim_max = hard;
    rl.rlim_cur = soft < rl.rlim_max ? soft : rl.rlim_max;
    setrlimit(res, &rl);
}

/* Grants the next image cpu seconds of CPU time beyond what was used so far. */
static void grant_cpu(int cpu)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return;
    rlim_t used = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + 1);
    struct rlimit rl;
    if (getrlimit(RLIMIT_CPU, &rl) != 0)
        return;
    rl.rlim_cur = used + (rlim_t)cpu;
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
        rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_CPU, &rl);
}

static int read_exact(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static int hook(const char *name, const char *path)
{
    const char *v = getenv(name);
    return v && *v && strstr(path, v) != NULL;
}

static int reply_error(int code, const char *msg)
{
    size_t n = strlen(msg);
    if (n > MAX_REASON_BYTES)
        n = MAX_REASON_BYTES;
    if (n == 0) {
        msg = "unknown error";
        n = strlen(msg);
    }
    rep_t rp = {REP_MAGIC, code == EXIT_USER ? EXIT_USER : EXIT_SYSTEM, 0, 0, 0, 0,
                (uint32_t)n, 0};
    return send_all(0, &rp, sizeof rp) < 0 || send_all(0, msg, n) < 0 ? -1 : 0;
}

/* Reads the whole file (within the size cap) into *data: 0, or -1 with e set. */
static int read_file(const char *path, size_t cap, unsigned char **data, size_t *len, err_t *e)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return err_set(e, EXIT_USER, "%s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        int dir = S_ISDIR(sb.st_mode);
        close(fd);
        return err_set(e, EXIT_USER, "%s", dir ? "is a directory" : "not a regular file");
    }
    if ((unsigned long long)sb.st_size > cap) {
        close(fd);
        return err_set(e, EXIT_USER, "skipped: %lld bytes, over the %zu MiB image size limit",
                       (long long)sb.st_size, cap >> 20);
    }
    size_t want = (size_t)sb.st_size, got = 0;
    unsigned char *buf = malloc(want ? want : 1);
    if (!buf) {
        close(fd);
        return err_set(e, EXIT_SYSTEM, "not enough memory for the file");
    }
    while (got < want) {
        ssize_t k = read(fd, buf + got, want - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int err = errno;
            free(buf);
            close(fd);
            return err_set(e, EXIT_SYSTEM, "read error: %s", strerror(err));
        }
        if (k == 0)
            break; /* shrank meanwhile: hash what is there */
        got += (size_t)k;
    }
    close(fd);
    *data = buf;
    *len = got;
    return 0;
}

/* MODE_HASH: the content hash of the file's bytes and the perceptual hash of its pixels,
 * from one read. Returns -1 when the socket failed. */
static int serve_hash(const char *path, const image_caps_t *caps)
{
    unsigned char *data;
    size_t len;
    err_t e = {0};
    if (read_file(path, caps->max_bytes, &data, &len, &e) < 0)
        return reply_error(e.code, e.msg);
    hash_rep_t hr;
    memset(&hr, 0, sizeof hr);
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
    memcpy(hr.content, c.digest, sizeof hr.content);
    image_t img;
    if (image_load_mem(data, len, caps, &img, &e) == 0) {
        hr.phash = phash_rgba(img.rgba, img.w, img.h);
        image_free(&img);
    } else {
        hr.phash_status = e.code == EXIT_USER ? EXIT_USER : EXIT_SYSTEM;
        if (!e.msg[0])
            snprintf(e.msg, sizeof e.msg, "unknown error");
        hr.textlen = (uint32_t)strnlen(e.msg, MAX_REASON_BYTES);
    }
    free(data);
    rep_t rp = {REP_MAGIC, 0, 0, 0, 0, 0, 0, 0};
    if (send_all(0, &rp, sizeof rp) < 0 || send_all(0, &hr, sizeof hr) < 0)
        return -1;
    return hr.textlen && send_all(0, e.msg, hr.textlen) < 0 ? -1 : 0;
}

int decoder_helper_main(int argc, char **argv)
{
    int mem_mb = argc > 2 ? atoi(argv[2]) : DECODER_MEM_MB;
    int cpu = argc > 3 ? atoi(argv[3]) : DECODER_CPU_SECONDS;
    if (cpu <= 0)
        cpu = DECODER_CPU_SECONDS;
    int have_shm = argc > 4 && strcmp(argv[4], "shm") == 0;
    close_fds_from(have_shm ? SHM_FD + 1 : 3);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_FSIZE, 0, 0);
    set_limit(RLIMIT_NOFILE, 16, 16);
#ifndef DECODER_UNDER_ASAN
    if (mem_mb > 0)
        set_limit(RLIMIT_AS, (rlim_t)mem_mb << 20, (rlim_t)mem_mb << 20);
#else
    (void)mem_mb;
#endif
    /* Big buffers straight from mmap and back at free: an idle helper holds little
     * memory after a large image (glibc would otherwise raise the threshold). */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    unsigned char *shm = NULL;
    size_t shm_cap = 0;
    struct stat st;
    if (have_shm && fstat(SHM_FD, &st) == 0 && st.st_size > 0) {
        void *map = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, SHM_FD, 0);
        if (map != MAP_FAILED) {
            shm = map;
            shm_cap = (size_t)st.st_size;
        }
    }
    if (have_shm)
        close(SHM_FD);
    char *path = xmalloc(MAX_PATH_BYTES + 1);
    for (;;) {
        req_t rq;
        if (read_exact(0, &rq, sizeof rq) < 0)
            break; /* the parent closed the socket: done */
        if (rq.magic != REQ_MAGIC || rq.pathlen == 0 || rq.pathlen > MAX_PATH_BYTES ||
            rq.maxw > IMAGE_MAX_SIDE || rq.maxh > IMAGE_MAX_SIDE)
            break;
        if (read_exact(0, path, rq.pathlen) < 0)
            break;
        path[rq.pathlen] = '\0';
        grant_cpu(cpu);
        if (hook("EYEBALL_DECODER_CRASH_ON", path)) {
            signal(SIGSEGV, SIG_DFL); /* a sanitizer's handler would exit instead */
            raise(SIGSEGV);
        }
        if (hook("EYEBALL_DECODER_HANG_ON", path))
            for (volatile unsigned long spin = 0;; spin++)
                ;
        image_caps_t caps = {(size_t)rq.max_bytes, (unsigned long)rq.max_pixels};
        if (rq.mode == MODE_HASH) {
            if (serve_hash(path, &caps) < 0)
                break;
            continue;
        }
        image_t img;
        err_t e = {0};
        if (image_load(path, &caps, &img, &e) < 0 ||
            image_fit(&img, rq.maxw ? (int)rq.maxw : INT_MAX,
                      rq.maxh ? (int)rq.maxh : INT_MAX, &e) < 0) {
            image_free(&img);
            if (reply_error(e.code, e.msg) < 0)
                break;
            continue;
        }
        size_t bytes = (size_t)img.w * (size_t)img.h * 4;
        rep_t rp = {REP_MAGIC, 0, (uint32_t)img.src_w, (uint32_t)img.src_h,
                    (uint32_t)img.w, (uint32_t)img.h, 0, shm && bytes <= shm_cap};
        if (rp.in_shm)
            memcpy(shm, img.rgba, bytes);
        int rc = send_all(0, &rp, sizeof rp) < 0 ||
                 (!rp.in_shm && send_all(0, img.rgba, bytes) < 0);
        image_free(&img);
        if (rc)
            break;
    }
    free(path);
    return 0;
}
