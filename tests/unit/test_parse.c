/* util_parse_double's fast path for plain decimals must give strtod's answer bit for bit,
 * and accept and refuse exactly what the strtod path does. */
#include "config.h"
#include "util.h"
#include "tap.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* The rules of util_parse_double, written with strtod alone: a whole number in the C
 * locale, trailing spaces allowed, no NaN, no infinity, no overflow (an underflow, which
 * also sets ERANGE, is the number strtod gives). */
static int reference(const char *s, double *out)
{
    char *end;
    if (!*s)
        return -1;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s)
        return -1;
    while (*end == ' ')
        end++;
    if (*end || (errno == ERANGE && fabs(v) > 1) || isnan(v) || isinf(v))
        return -1;
    *out = v;
    return 0;
}

/* 1 when util_parse_double and the reference agree on s. */
static int agrees(const char *s)
{
    double a = 0, b = 0;
    int ra = util_parse_double(s, &a), rb = reference(s, &b);
    if (ra != rb)
        return 0;
    return ra < 0 || memcmp(&a, &b, sizeof a) == 0;
}

static uint64_t state = 42;

static unsigned rnd(unsigned n)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (unsigned)((z ^ (z >> 31)) % n);
}

int main(void)
{
    static const char *const fixed[] = {
        "0", "1", "-0", "+0", "0.5", "0.123456", "1.000000", "0.00000001", ".5", "5.", "-.25",
        "00012.5000", "1e5", "1E-5", "2.5e+3", "1e22", "1e23", "1e-22", "1e-23",
        "9007199254740992", "9007199254740993", "12345678901234567890", "0.1", "0.3",
        "123456789012345678", "4.35", "0.99999999", "1e400", "1e-400", "", ".", "-", "+",
        "e5", "1e", "1e+", "1e-", " 1", "1 ", "1  ", "1x", "0x10", "nan", "inf", "-inf",
        "1,5", "--1", "1e99999", "0.000000000000000000000000001", "1.5e-7",
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (!agrees(fixed[i])) {
            printf("# differs: '%s'\n", fixed[i]);
            bad++;
        }
    is_int(bad, 0, "hand-picked strings parse as strtod parses them");

    double v = -1;
    ok(util_parse_double("0.25", &v) == 0 && v == 0.25, "0.25 is 0.25");
    ok(util_parse_double("1e400", &v) < 0, "overflow refused");
    ok(util_parse_double("1e-320", &v) == 0 && v == strtod("1e-320", NULL) && v > 0,
       "a subnormal is accepted as strtod reads it");
    ok(util_parse_double("1e-400", &v) == 0 && v == 0, "an underflow to zero is zero");
    ok(util_parse_double("1 ", &v) == 0 && v == 1, "trailing spaces allowed, as before");
    ok(util_parse_double(" ", &v) < 0, "only spaces refused (strtod converts nothing)");

    /* Random plain decimals: sign, 0-20 integer digits, maybe a fraction of 0-20
     * digits, maybe an exponent; many of them take the fast path, some not. */
    char s[80];
    bad = 0;
    for (int n = 0; n < 200000; n++) {
        char *p = s;
        unsigned r = rnd(4);
        if (r == 0)
            *p++ = '-';
        else if (r == 1)
            *p++ = '+';
        unsigned id = rnd(21), fd = rnd(21);
        for (unsigned i = 0; i < id; i++)
            *p++ = (char)('0' + (i == 0 && rnd(3) == 0 ? 0 : rnd(10)));
        if (rnd(4) != 0) {
            *p++ = '.';
            for (unsigned i = 0; i < fd; i++)
                *p++ = (char)('0' + rnd(10));
        }
        if (rnd(3) == 0)
            p += sprintf(p, "e%d", (int)rnd(61) - 30);
        *p = '\0';
        if (!agrees(s)) {
            if (bad < 5)
                printf("# differs: '%s'\n", s);
            bad++;
        }
    }
    is_int(bad, 0, "200,000 random decimals parse as strtod parses them");
    return tap_done();
}
