/* names.c: the rules for labels and category names. */
#include "config.h"
#include "names.h"

#include <string.h>

int names_printable(const char *str, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        if (i + n > len)
            n = len - i;
        unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < n; k++)
            cp = (cp << 6) | (s[i + k] & 0x3F);
        if (!util_printable_cp(cp)) {
            *bad = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

int names_check_label(const char *what, const char *label, err_t *e)
{
    size_t n = strlen(label), bad;
    if (n > NAMES_LABEL_MAX)
        return err_set(e, EXIT_USER, "%s is %zu bytes long; labels are at most %d", what, n,
                       NAMES_LABEL_MAX);
    if (!util_utf8_valid(label, n, &bad))
        return err_set(e, EXIT_USER, "%s is not valid UTF-8 (byte %zu)", what, bad + 1);
    if (!names_printable(label, n, &bad))
        return err_set(e, EXIT_USER, "%s holds a control character (byte %zu)", what, bad + 1);
    if (strspn(label, " ") == n)
        return err_set(e, EXIT_USER, "%s is only spaces; give a visible name", what);
    return 0;
}
