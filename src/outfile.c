/* outfile.c: atomic output files. */
#include "config.h"
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outfile {
    FILE *f;
    char *path; /* target, NULL for standard output */
    char *tmp;  /* temporary file beside it */
    char *dir;  /* its directory, for the fsync after rename */
};

outfile_t *outfile_open(const char *path, err_t *e)
{
    outfile_t *o = xcalloc(1, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return o;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        err_set(e, EXIT_USER, "%s: is a directory; give a file name to -o", path);
        free(o);
        return NULL;
    }
    const char *slash = strrchr(path, '/');
    o->dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    o->tmp = slash ? xasprintf("%s/.%s.XXXXXX", o->dir, base) : xasprintf(".%s.XXXXXX", base);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int err = errno;
        err_set(e, err == ENOSPC || err == EIO ? EXIT_SYSTEM : EXIT_USER,
                "%s: cannot create a file in %s: %s", path, o->dir, strerror(err));
        free(o->tmp);
        free(o->dir);
        free(o);
        return NULL;
    }
    /* mkstemp makes 0600; give the file the mode a plain create would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        err_set(e, EXIT_SYSTEM, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        free(o->dir);
        free(o);
        return NULL;
    }
    o->path = xstrdup(path);
    return o;
}

FILE *outfile_stream(outfile_t *o)
{
    return o->f;
}

static void outfile_free(outfile_t *o)
{
    free(o->path);
    free(o->tmp);
    free(o->dir);
    free(o);
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
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    else if (fsync(fileno(o->f)) != 0)
        err = errno;
    if (fclose(o->f) != 0 && !err)
        err = errno;
    if (!err && rename(o->tmp, o->path) != 0)
        err = errno;
    if (err) {
        unlink(o->tmp);
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
    if (o->path) {
        fclose(o->f);
        unlink(o->tmp);
    } else {
        fflush(o->f);
    }
    outfile_free(o);
}
