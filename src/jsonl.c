/* jsonl.c: JSON Lines reading on top of jansson. */
#include "config.h"
#include "jsonl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jsonl {
    FILE *f;
    char *name;
    char *line;
    size_t cap;
    long lineno;
    unsigned long long offset;
};

jsonl_t *jsonl_open(const char *path, err_t *e)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
    if (!f) {
        err_set(e, EXIT_USER, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    jsonl_t *j = xcalloc(1, sizeof *j);
    j->f = f;
    j->name = xstrdup(f == stdin ? "<stdin>" : path);
    return j;
}

void jsonl_close(jsonl_t *j)
{
    if (!j)
        return;
    if (j->f && j->f != stdin)
        fclose(j->f);
    free(j->line);
    free(j->name);
    free(j);
}

int jsonl_next(jsonl_t *j, json_t **obj, err_t *e)
{
    for (;;) {
        errno = 0;
        ssize_t n = getline(&j->line, &j->cap, j->f);
        if (n < 0) {
            if (ferror(j->f))
                return err_set(e, EXIT_SYSTEM, "%s:%ld: read error: %s", j->name, j->lineno + 1,
                               strerror(errno));
            return 0;
        }
        j->lineno++;
        j->offset += (unsigned long long)n;
        char *s = j->line;
        size_t len = (size_t)n;
        if (j->lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' ||
                       s[len - 1] == '\t'))
            len--;
        size_t k = 0;
        while (k < len && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (k == len)
            continue;
        size_t bad;
        if (!util_utf8_valid(s, len, &bad))
            return err_set(e, EXIT_USER, "%s:%ld: not valid UTF-8 (byte %zu); convert the file "
                           "to UTF-8", j->name, j->lineno, bad + 1);
        json_error_t je;
        json_t *v = json_loadb(s, len, JSON_REJECT_DUPLICATES, &je);
        if (!v)
            return err_set(e, EXIT_USER, "%s:%ld: invalid JSON at column %d: %s", j->name,
                           j->lineno, je.column, je.text);
        if (!json_is_object(v)) {
            json_decref(v);
            return err_set(e, EXIT_USER, "%s:%ld: expected a JSON object ({...}) on each line",
                           j->name, j->lineno);
        }
        *obj = v;
        return 1;
    }
}

long jsonl_line(const jsonl_t *j)
{
    return j->lineno;
}

unsigned long long jsonl_offset(const jsonl_t *j)
{
    return j->offset;
}

const char *jsonl_name(const jsonl_t *j)
{
    return j->name;
}

char *jsonl_scalar_text(json_t *v, int *bad)
{
    *bad = 0;
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return xstrndup(json_string_value(v), json_string_length(v));
    if (json_is_integer(v))
        return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
    if (json_is_real(v))
        return xasprintf("%.17g", json_real_value(v));
    if (json_is_true(v))
        return xstrdup("true");
    if (json_is_false(v))
        return xstrdup("false");
    *bad = 1;
    return NULL;
}
