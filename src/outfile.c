/* outfile.c: atomic output files. */
#include "config.h"
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The temporary file of a target BASE is ".BASE" OUTFILE_TMP_MARK "XXXXXX". */
#define OUTFILE_TMP_MARK ".eyeball-tmp."
/* A temporary file left by a process that died is removed when nobody holds its lock
 * and it has not been written for this many seconds (the lock is taken right after the
 * file is made, so a younger file may be one whose maker has not locked it yet). */
#define OUTFILE_STALE_SECONDS 10

struct outfile {
    FILE *f;
    char *path; /* target, NULL for standard output */
    char *tmp;  /* temporary file beside it, NULL when writing straight into the target */
    char *dest; /* the file renamed over: the target, or the file its symbolic link names */
    char *dir;  /* its directory, for the fsync after rename */
    struct sigaction old[3]; /* the handlers the signal handler replaced */
};

/* Process-wide because a signal handler and every -o need them: the store (never to
 * be replaced by an output file) and the temporary file to remove on a signal. */
static char *protected_store;
static char signal_tmp[PATH_MAX];
static volatile sig_atomic_t signal_armed;
static const int caught[3] = {SIGINT, SIGTERM, SIGHUP};

void outfile_protect(const char *store)
{
    free(protected_store);
    protected_store = store ? xstrdup(store) : NULL;
}

/* Removes the temporary file, then dies of the signal as if nothing had caught it. */
static void on_signal(int sig)
{
    if (signal_armed)
        unlink(signal_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void arm_signals(outfile_t *o)
{
    size_t n = strlen(o->tmp);
    if (n >= sizeof signal_tmp)
        return;
    memcpy(signal_tmp, o->tmp, n + 1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++) {
        sigaction(caught[i], NULL, &o->old[i]);
        /* A signal the caller ignores (nohup, a background job) stays ignored. */
        if (o->old[i].sa_handler != SIG_IGN)
            sigaction(caught[i], &sa, NULL);
    }
    signal_armed = 1;
}

static void disarm_signals(outfile_t *o)
{
    if (!signal_armed)
        return;
    for (int i = 0; i < 3; i++)
        sigaction(caught[i], &o->old[i], NULL);
    signal_armed = 0;
}

/* 1 when st is the protected store or one of the files SQLite keeps beside it. */
static int is_store_file(const struct stat *st)
{
    if (!protected_store)
        return 0;
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char *p = xasprintf("%s%s", protected_store, suffix[i]);
        struct stat sb;
        int same = stat(p, &sb) == 0 && sb.st_dev == st->st_dev && sb.st_ino == st->st_ino;
        free(p);
        if (same)
            return 1;
    }
    return 0;
}

/* Removes the temporaries of base in dir that a killed process left: those that match
 * the name pattern exactly, are regular files, are not locked by a live writer and
 * have not been written for OUTFILE_STALE_SECONDS. */
static void remove_stale(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *prefix = xasprintf(".%s" OUTFILE_TMP_MARK, base);
    size_t plen = strlen(prefix);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, prefix, plen) != 0 || strlen(de->d_name + plen) != 6)
            continue;
        char *p = xasprintf("%s/%s", dir, de->d_name);
        int fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat sb, now_sb;
        if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
            sb.st_mtime + OUTFILE_STALE_SECONDS < time(NULL) &&
            flock(fd, LOCK_EX | LOCK_NB) == 0 && lstat(p, &now_sb) == 0 &&
            now_sb.st_dev == sb.st_dev && now_sb.st_ino == sb.st_ino) {
            util_unlink_store(p);
        }
        if (fd >= 0)
            close(fd);
        free(p);
    }
    closedir(d);
    free(prefix);
}

void outfile_remove_stale(const char *target)
{
    const char *slash = strrchr(target, '/');
    char *dir = slash ? xstrndup(target, (size_t)(slash - target) + (slash == target))
                      : xstrdup(".");
    remove_stale(dir, slash ? slash + 1 : target);
    free(dir);
}

/* Opens a device, FIFO or other special file to write into it as it is. */
static outfile_t *open_direct(outfile_t *o, const char *path, err_t *e)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        int err = errno;
        err_set(e, err == EACCES || err == ENXIO || err == EROFS ? EXIT_USER : EXIT_SYSTEM,
                "%s: cannot write to it: %s", path, strerror(err));
        if (fd >= 0)
            close(fd);
        free(o);
        return NULL;
    }
    o->path = xstrdup(path);
    return o;
}

outfile_t *outfile_open(const char *path, err_t *e)
{
    outfile_t *o = xcalloc(1, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return o;
    }
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (exists && S_ISDIR(sb.st_mode)) {
        err_set(e, EXIT_USER, "%s: is a directory; give a file name to -o", path);
        free(o);
        return NULL;
    }
    if (exists && is_store_file(&sb)) {
        err_set(e, EXIT_USER, "%s: is the store itself (or a file SQLite keeps beside it); "
                "give -o another file name", path);
        free(o);
        return NULL;
    }
    if (exists && !S_ISREG(sb.st_mode))
        return open_direct(o, path, e);
    /* Through a symbolic link (/dev/stdout, a link to a shared file) the file it names is
     * replaced, never the link: renaming over the link would swap it for a plain file. */
    struct stat lsb;
    if (exists && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
        o->dest = realpath(path, NULL);
        if (!o->dest)
            return open_direct(o, path, e);
    } else {
        o->dest = xstrdup(path);
    }
    const char *target = path;
    path = o->dest;
    const char *slash = strrchr(path, '/');
    o->dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    remove_stale(o->dir, base);
    o->tmp = slash ? xasprintf("%s/.%s" OUTFILE_TMP_MARK "XXXXXX", o->dir, base)
                   : xasprintf(".%s" OUTFILE_TMP_MARK "XXXXXX", base);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int err = errno;
        err_set(e, err == ENOSPC || err == EIO ? EXIT_SYSTEM : EXIT_USER,
                "%s: cannot create a file in %s: %s", target, o->dir, strerror(err));
        free(o->tmp);
        free(o->dir);
        free(o->dest);
        free(o);
        return NULL;
    }
    /* Held until the file is renamed or removed: tells remove_stale a writer is alive. */
    flock(fd, LOCK_EX | LOCK_NB);
    arm_signals(o);
    if (exists) {
        /* A replaced file keeps its mode (and, where allowed, its owner). */
        if (fchown(fd, sb.st_uid, sb.st_gid) != 0) {
            /* Not allowed (not root, not our group): the file becomes ours. */
        }
        fchmod(fd, sb.st_mode & 07777);
    } else {
        /* mkstemp makes 0600; give the file the mode a plain create would. */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        err_set(e, EXIT_SYSTEM, "%s: %s", target, strerror(errno));
        close(fd);
        unlink(o->tmp);
        disarm_signals(o);
        free(o->tmp);
        free(o->dir);
        free(o->dest);
        free(o);
        return NULL;
    }
    o->path = xstrdup(target);
    return o;
}

FILE *outfile_stream(outfile_t *o)
{
    return o->f;
}

static void outfile_free(outfile_t *o)
{
    free(o->path);
    free(o->dest);
    free(o->tmp);
    free(o->dir);
    free(o);
}

/* Finishes a write straight into a device or FIFO: nothing to rename or sync. */
static int commit_direct(outfile_t *o, err_t *e)
{
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    if (fclose(o->f) != 0 && !err)
        err = errno;
    int r = 0;
    if (err)
        r = err_set(e, EXIT_SYSTEM, "%s: cannot write: %s", o->path, strerror(err));
    outfile_free(o);
    return r;
}

int outfile_commit(outfile_t *o, err_t *e)
{
    int r = 0;
    if (!o->path) {
        if (fflush(o->f) != 0 || ferror(o->f))
            r = err_set(e, EXIT_SYSTEM, "cannot write to standard output: %s", strerror(errno));
        outfile_free(o);
        return r;
    }
    if (!o->tmp)
        return commit_direct(o, e);
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    else if (fsync(fileno(o->f)) != 0)
        err = errno;
    if (!err && rename(o->tmp, o->dest) != 0)
        err = errno;
    if (err)
        unlink(o->tmp);
    disarm_signals(o);
    /* Closed after the rename, so the lock covers the file until it has its real name. */
    if (fclose(o->f) != 0 && !err)
        err = errno;
    if (err) {
        r = err_set(e, EXIT_SYSTEM, "%s: cannot write: %s; the file was left as it was", o->path,
                    strerror(err));
    } else {
        int dfd = open(o->dir, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    outfile_free(o);
    return r;
}

void outfile_abort(outfile_t *o)
{
    if (o->tmp) {
        unlink(o->tmp);
        disarm_signals(o);
        fclose(o->f);
    } else if (o->path) {
        fclose(o->f);
    } else {
        fflush(o->f);
    }
    outfile_free(o);
}
