/* Unit tests of the reserved keys: no category can take a key of the review screen's key
 * table (src/keys.def), given with --key or picked as the next free key, and every other
 * letter or digit is free. The table is read here on its own, so a key added to it is
 * checked without touching this test. */
#include "config.h"
#include "keys.h"
#include "store_review.h"
#include "tap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_FN(code) (-1)
#define KEY(action, shown, help, hint, rank, ...) \
    static const int codes_##action[] = {__VA_ARGS__, 0};
#include "keys.def"
#undef KEY
static const int *const table[] = {
#define KEY(action, shown, help, hint, rank, ...) codes_##action,
#include "keys.def"
#undef KEY
};

/* 1 when c is a code of the key table. */
static int in_table(int c)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        for (const int *k = table[i]; *k; k++)
            if (*k == c)
                return 1;
    return 0;
}

int main(void)
{
    if (!getenv("EYEBALL_DATADIR"))
        setenv("EYEBALL_DATADIR", "share/eyeball", 1);
    char dir[] = "/tmp/eyeball-keys-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char *path = xasprintf("%s/s.db", dir);
    err_t e = {0};
    store_t *st = store_open(path, STORE_CREATE, &e);
    ok(st != NULL, "store (%s)", e.msg);

    /* Every character code of the table is reserved; the letters and digits among them
     * are refused as a category's key, with the list in the message. */
    char list[128] = "";
    int nreserved = 0;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        for (const int *k = table[i]; *k; k++) {
            if (*k < 0)
                continue;
            ok(keys_reserved(*k), "code %d of the key table is reserved", *k);
            if (*k >= 128 || !isalnum(*k))
                continue;
            size_t n = strlen(list);
            snprintf(list + n, sizeof list - n, "%s%c", n ? " " : "", *k);
            char key[2] = {(char)*k, '\0'}, name[16];
            snprintf(name, sizeof name, "cat-%c", *k);
            e = (err_t){0};
            ok(store_category_add(st, name, key, NULL, &e) < 0 && e.code == EXIT_USER,
               "--key %s refused", key);
            char want[256];
            snprintf(want, sizeof want, "key '%s' is used by the review screen itself (keys %s",
                     key, keys_reserved_list());
            ok(strncmp(e.msg, want, strlen(want)) == 0, "message for %s: %s", key, e.msg);
            nreserved++;
        }
    ok(nreserved >= 10, "the table reserves letters (%d)", nreserved);
    is_str(keys_reserved_list(), list, "keys_reserved_list lists the table's letters");
    ok(!keys_reserved(0) && !keys_reserved('1') && !keys_reserved('a'), "1 and a are free");

    /* Categories without --key (the defaults among them) take 1-9, then a-z, never a
     * reserved one, until none is left; every unreserved digit and lower-case letter is
     * given out exactly once, and the categories after that have no key. */
    static const char order[] = "123456789abcdefghijklmnopqrstuvwxyz";
    int nfree = 0;
    for (const char *p = order; *p; p++)
        nfree += !in_table(*p);
    for (int i = 0; i < (int)sizeof order; i++) {
        char name[32];
        snprintf(name, sizeof name, "auto-%d", i);
        e = (err_t){0};
        ok(store_category_add(st, name, NULL, NULL, &e) == 0, "add %s (%s)", name, e.msg);
    }
    category_t *cats = NULL;
    size_t ncats = 0;
    ok(store_categories(st, &cats, &ncats, &e) == 0, "list (%s)", e.msg);
    int keyed = 0, without = 0, bad = 0;
    char seen[128] = {0};
    for (size_t i = 0; i < ncats; i++) {
        if (!cats[i].key) {
            without++;
            continue;
        }
        unsigned char c = (unsigned char)cats[i].key[0];
        keyed++;
        if (c >= 128 || in_table(c) || seen[c]++ || !strchr(order, c))
            bad++;
    }
    is_int(keyed, nfree, "every free key given out");
    is_int(without, (long long)ncats - nfree, "then categories without a key");
    ok(without > 0, "some without a key (%d)", without);
    is_int(bad, 0, "no reserved or repeated key given out");
    store_categories_free(cats, ncats);

    store_close(st);
    char *cmd = xasprintf("rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(cmd);
    free(path);
    return tap_done();
}
