/* jsonl.c: JSON Lines reading on top of jansson. */
#include "config.h"
#include "jsonl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a number, array or object of the current line's top-level object is written: its
 * key token (with the quotes) and its value, as byte ranges of the line. */
typedef struct numtok {
    size_t key, keylen, val, vallen;
} numtok_t;

struct jsonl {
    FILE *f;
    char *name;
    char *line;
    size_t cap;
    long lineno;
    unsigned long long offset;
    const char *text; /* the current line's JSON text, within line */
    numtok_t *nums;   /* its top-level numbers, arrays and objects */
    size_t nnums, numcap;
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
    free(j->nums);
    free(j->name);
    free(j);
}

static size_t skip_space(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* s[i] is the opening quote of a string; returns the index after its closing quote. */
static size_t skip_string(const char *s, size_t i, size_t n)
{
    for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i + 1;
}

/* Returns the index after the value that starts at s[i]. */
static size_t skip_value(const char *s, size_t i, size_t n)
{
    if (i < n && s[i] == '"')
        return skip_string(s, i, n);
    if (i < n && (s[i] == '{' || s[i] == '[')) {
        int depth = 0;
        while (i < n) {
            if (s[i] == '"') {
                i = skip_string(s, i, n);
                continue;
            }
            depth += s[i] == '{' || s[i] == '[';
            depth -= s[i] == '}' || s[i] == ']';
            i++;
            if (depth == 0)
                break;
        }
        return i;
    }
    while (i < n && !strchr(",}] \t\r\n", s[i]))
        i++;
    return i;
}

/* Records where the numbers, arrays and objects of the object s (n bytes, valid JSON, as
 * jansson accepted it) are written, so their text can be kept as it is: jansson keeps only
 * the double, and 0.1 would come back as 0.10000000000000001, 1.0 as 1. */
static void find_numbers(jsonl_t *j, const char *s, size_t n)
{
    j->text = s;
    j->nnums = 0;
    size_t i = skip_space(s, 0, n) + 1; /* past '{' */
    for (;;) {
        i = skip_space(s, i, n);
        if (i >= n || s[i] != '"')
            return;
        size_t key = i;
        i = skip_string(s, i, n);
        size_t keylen = i - key;
        i = skip_space(s, i, n) + 1; /* past ':' */
        i = skip_space(s, i, n);
        size_t val = i;
        i = skip_value(s, i, n);
        if (val < n && strchr("-0123456789[{", s[val])) {
            if (j->nnums == j->numcap) {
                j->numcap = j->numcap ? 2 * j->numcap : 8;
                j->nums = xreallocarray(j->nums, j->numcap, sizeof *j->nums);
            }
            j->nums[j->nnums++] = (numtok_t){key, keylen, val, i - val};
        }
        i = skip_space(s, i, n);
        if (i >= n || s[i] != ',')
            return;
        i++;
    }
}

/* 1 when the key token t (len bytes with its quotes) spells key. */
static int key_is(const char *t, size_t len, const char *key)
{
    if (!memchr(t, '\\', len))
        return len - 2 == strlen(key) && memcmp(t + 1, key, len - 2) == 0;
    json_t *v = json_loadb(t, len, JSON_DECODE_ANY, NULL);
    int same = json_is_string(v) && strcmp(json_string_value(v), key) == 0;
    json_decref(v);
    return same;
}

char *jsonl_raw_text(const jsonl_t *j, const char *key)
{
    for (size_t i = 0; i < j->nnums; i++) {
        const numtok_t *t = &j->nums[i];
        if (key_is(j->text + t->key, t->keylen, key))
            return xstrndup(j->text + t->val, t->vallen);
    }
    return NULL;
}

char *jsonl_member_text(const jsonl_t *j, json_t *obj, const char *key, int *bad)
{
    json_t *v = json_object_get(obj, key);
    char *raw = json_is_number(v) ? jsonl_raw_text(j, key) : NULL;
    if (raw) {
        *bad = 0;
        return raw;
    }
    return jsonl_scalar_text(v, bad);
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
        /* Integers beyond 64 bits are read as reals; their text is kept all the same. */
        json_t *v = json_loadb(s, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &je);
        if (!v)
            return err_set(e, EXIT_USER, "%s:%ld: invalid JSON at column %d: %s", j->name,
                           j->lineno, je.column, je.text);
        if (!json_is_object(v)) {
            json_decref(v);
            return err_set(e, EXIT_USER, "%s:%ld: expected a JSON object ({...}) on each line",
                           j->name, j->lineno);
        }
        find_numbers(j, s, len);
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
