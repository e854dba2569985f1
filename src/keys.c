/* keys.c: the review screen's own keys, read from the key table without curses. */
#include "config.h"

#include "keys.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

/* Function keys are never a character, so never a category's key. */
#define UI_FN(code) (-1)
#define KEY(action, shown, help, hint, rank, ...) \
    static const int codes_##action[] = {__VA_ARGS__, 0};
#include "keys.def"
#undef KEY

static const int *const key_codes[] = {
#define KEY(action, shown, help, hint, rank, ...) codes_##action,
#include "keys.def"
#undef KEY
};

int keys_reserved(int ch)
{
    if (ch <= 0)
        return 0;
    for (size_t i = 0; i < sizeof key_codes / sizeof *key_codes; i++)
        for (const int *c = key_codes[i]; *c; c++)
            if (*c == ch)
                return 1;
    return 0;
}

const char *keys_reserved_list(void)
{
    static char list[128];
    if (list[0])
        return list;
    size_t n = 0;
    for (size_t i = 0; i < sizeof key_codes / sizeof *key_codes; i++)
        for (const int *c = key_codes[i]; *c; c++)
            if (*c > 0 && *c < 128 && isalnum(*c) && n + 2 < sizeof list) {
                if (n)
                    list[n++] = ' ';
                list[n++] = (char)*c;
            }
    list[n] = '\0';
    return list;
}
