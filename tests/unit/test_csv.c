/* Unit tests of the CSV reader: quoting, BOM, line numbers, and each syntax error. */
#include "config.h"
#include "csv.h"
#include "tap.h"

#include <stdlib.h>

static csv_t *mem(const char *s)
{
    return csv_open_mem("t.csv", s, strlen(s));
}

int main(void)
{
    err_t e = {0};
    csv_t *c = mem("\xEF\xBB\xBFid,path\r\n1,\"a,b\"\r\n\"2\",\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n\n4,\n");
    is_int(csv_next(c, &e), 1, "header read");
    is_str(csv_field(c, 0), "id", "BOM skipped before the first field");
    is_int(csv_next(c, &e), 1, "record 1");
    is_str(csv_field(c, 1), "a,b", "quoted comma");
    is_int(csv_line(c), 2, "record 1 on line 2");
    is_int(csv_next(c, &e), 1, "record 2");
    is_str(csv_field(c, 1), "say \"hi\"", "doubled quotes");
    is_int(csv_next(c, &e), 1, "record 3");
    is_str(csv_field(c, 1), "two\nlines", "embedded newline");
    is_int(csv_line(c), 4, "record 3 starts on line 4");
    is_int(csv_next(c, &e), 1, "record 4 after a blank line");
    is_int(csv_line(c), 7, "record 4 on line 7");
    is_int(csv_count(c), 2, "trailing comma gives an empty last field");
    is_str(csv_field(c, 1), "", "empty last field");
    is_int(csv_next(c, &e), 0, "end of input");
    csv_close(c);

    c = mem("a,b\n1,\"open\n2,3\n");
    csv_next(c, &e);
    is_int(csv_next(c, &e), -1, "unclosed quote fails");
    is_str(e.msg, "t.csv:2: quoted field never closed (the file ends on line 4); close it with a "
           "'\"' or double the quotes inside it", "unclosed quote message");
    is_int(e.code, EXIT_USER, "user error");
    csv_close(c);

    c = mem("a,b\n1,x\"y\n");
    csv_next(c, &e);
    is_int(csv_next(c, &e), -1, "stray quote fails");
    is_str(e.msg, "t.csv:2: stray quote in unquoted field 2; quote the field and double the "
           "quote (\"\")", "stray quote message");
    csv_close(c);

    c = mem("a,b\n\"x\"y,1\n");
    csv_next(c, &e);
    is_int(csv_next(c, &e), -1, "text after closing quote fails");
    csv_close(c);

    c = mem("a,b\n1,caf\xe9\n");
    csv_next(c, &e);
    is_int(csv_next(c, &e), -1, "Latin-1 byte fails");
    is_str(e.msg, "t.csv:2: field 2 is not valid UTF-8 (byte 4); convert the file to UTF-8",
           "invalid UTF-8 message");
    csv_close(c);

    c = mem("a\n\xc3\xa9t\xc3\xa9\n");
    csv_next(c, &e);
    is_int(csv_next(c, &e), 1, "valid UTF-8 passes");
    is_str(csv_field(c, 0), "\xc3\xa9t\xc3\xa9", "UTF-8 kept");
    csv_close(c);

    c = mem("");
    is_int(csv_next(c, &e), 0, "empty input has no records");
    csv_close(c);

    size_t bad;
    ok(!util_utf8_valid("\xed\xa0\x80", 3, &bad), "surrogates are invalid");
    ok(!util_utf8_valid("\xc0\xaf", 2, &bad), "overlong encodings are invalid");
    ok(!util_utf8_valid("ab\xe2\x82", 4, &bad) && bad == 2, "truncated sequence at byte 2");
    ok(util_utf8_valid("\xf0\x9f\x98\x80", 4, &bad), "4-byte sequence is valid");

    char *s = util_sanitize("a\x1b[31mred\n\xe2\x80\xae");
    is_str(s, "a\\e[31mred\\n\\u{202e}", "escape sequences and bidi overrides made visible");
    free(s);
    char buf[32];
    is_str(util_fmt_int(1234567, buf), "1,234,567", "thousands separators");
    is_str(util_fmt_int(-1000, buf), "-1,000", "negative thousands");
    is_str(util_fmt_int(999, buf), "999", "no separator below 1000");
    return tap_done();
}
