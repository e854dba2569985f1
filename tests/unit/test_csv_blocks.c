/* The CSV reader over a file several read blocks long: fields that cross a block
 * boundary (plain, quoted, with doubled quotes, line breaks and UTF-8) come back whole,
 * with the right line numbers, the same as when read from memory. */
#include "config.h"
#include "csv.h"
#include "strbuf.h"
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static uint64_t state = 7;

static unsigned rnd(unsigned n)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (unsigned)((z ^ (z >> 31)) % n);
}

#define NREC 20000
#define NF 4

/* A random field value: mostly plain text, sometimes with bytes that need quoting. */
static char *field(void)
{
    static const char *const parts[] = {"a", "b", "xyz", "0.125", "\xc3\xa9", ",", "\"",
                                        "\n", "\r\n", " ", "long-long-long-text"};
    strbuf_t b;
    strbuf_init(&b);
    unsigned n = rnd(12), special = rnd(5) == 0;
    for (unsigned i = 0; i < n; i++)
        strbuf_adds(&b, parts[special ? rnd(11) : rnd(5)]);
    if (!b.len && rnd(2))
        strbuf_adds(&b, "z");
    char *s = strbuf_detach(&b);
    strbuf_done(&b);
    return s;
}

static int count_nl(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

int main(void)
{
    char **want = calloc(NREC * NF, sizeof *want);
    long *line = calloc(NREC, sizeof *line);
    strbuf_t csv;
    strbuf_init(&csv);
    long ln = 1;
    for (int r = 0; r < NREC; r++) {
        line[r] = ln;
        for (int f = 0; f < NF; f++) {
            char *v = want[r * NF + f] = field();
            if (f)
                strbuf_addc(&csv, ',');
            if (strpbrk(v, ",\"\r\n") || (f == 0 && !*v)) {
                strbuf_addc(&csv, '"');
                for (const char *p = v; *p; p++) {
                    if (*p == '"')
                        strbuf_addc(&csv, '"');
                    strbuf_addc(&csv, *p);
                }
                strbuf_addc(&csv, '"');
            } else {
                strbuf_adds(&csv, v);
            }
            ln += count_nl(v);
        }
        strbuf_adds(&csv, rnd(3) ? "\n" : "\r\n");
        ln++;
    }
    ok(csv.len > 3 * 256 * 1024, "the file spans several read blocks (%zu bytes)", csv.len);

    char path[] = "/tmp/eyeball-test-csv.XXXXXX";
    int fd = mkstemp(path);
    ok(fd >= 0 && write(fd, csv.buf, csv.len) == (ssize_t)csv.len && close(fd) == 0,
       "temporary file written");

    err_t e = {0};
    for (int from_file = 0; from_file < 2; from_file++) {
        csv_t *c = from_file ? csv_open(path, &e) : csv_open_mem("m.csv", csv.buf, csv.len);
        int wrong = 0, r;
        for (r = 0; r < NREC; r++) {
            if (csv_next(c, &e) != 1) {
                printf("# record %d: %s\n", r + 1, e.msg);
                wrong++;
                break;
            }
            if (csv_count(c) != NF || csv_line(c) != line[r]) {
                if (wrong++ < 3)
                    printf("# record %d: %zu fields on line %ld, want %d on line %ld\n", r + 1,
                           csv_count(c), csv_line(c), NF, line[r]);
                continue;
            }
            for (int f = 0; f < NF; f++)
                if (strcmp(csv_field(c, (size_t)f), want[r * NF + f]) != 0 ||
                    csv_field_len(c, (size_t)f) != strlen(want[r * NF + f])) {
                    if (wrong++ < 3)
                        printf("# record %d field %d differs\n", r + 1, f + 1);
                }
        }
        is_int(wrong, 0, "%s: every field and line number as written", from_file ? "file" : "memory");
        is_int(csv_next(c, &e), 0, "%s: then the end", from_file ? "file" : "memory");
        is_int((long long)csv_offset(c), (long long)csv.len, "%s: every byte consumed",
               from_file ? "file" : "memory");
        csv_close(c);
    }
    unlink(path);
    for (int i = 0; i < NREC * NF; i++)
        free(want[i]);
    free(want);
    free(line);
    strbuf_done(&csv);
    return tap_done();
}
