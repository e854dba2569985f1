/* Unit tests of the store: creation, schema version, refusals. */
#include "config.h"
#include "store.h"
#include "store_int.h"
#include "tap.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/eyeball-store-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char *path = xasprintf("%s/s.db", dir);
    err_t e = {0};

    store_t *st = store_open(path, 0, &e);
    ok(st == NULL, "a missing store is not created without STORE_CREATE");
    ok(access(path, F_OK) != 0, "no file was created");
    is_int(e.code, EXIT_USER, "missing store is a user error");

    st = store_open(path, STORE_CREATE, &e);
    ok(st != NULL, "store created");
    /* Bulk mode, as imports use it: called before BEGIN, both settings hold inside the
     * transaction; called inside one, the page cache still grows (SQLite refuses only
     * the synchronous change there). store_bulk_end restores both. */
    store_bulk_begin(st);
    ok(store_begin(st, &e) == 0, "bulk: write transaction");
    is_int((int)store_query_int(st, "PRAGMA cache_size", NULL, &e), -65536, "bulk: 64 MB cache");
    is_int((int)store_query_int(st, "PRAGMA synchronous", NULL, &e), 1, "bulk: synchronous=NORMAL");
    store_rollback(st);
    store_bulk_end(st);
    is_int((int)store_query_int(st, "PRAGMA synchronous", NULL, &e), 2, "bulk end: FULL again");
    is_int((int)store_query_int(st, "PRAGMA cache_size", NULL, &e), -2000, "bulk end: cache again");
    ok(store_begin(st, &e) == 0, "a write transaction");
    store_bulk_begin(st);
    is_int((int)store_query_int(st, "PRAGMA cache_size", NULL, &e), -65536,
           "bulk inside a transaction: the cache grows");
    is_int((int)store_query_int(st, "PRAGMA synchronous", NULL, &e), 2,
           "bulk inside a transaction: synchronous cannot change");
    store_rollback(st);
    store_bulk_end(st);
    store_close(st);

    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_stmt *s;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
    sqlite3_step(s);
    is_int(sqlite3_column_int(s, 0), STORE_SCHEMA_VERSION, "schema version recorded");
    sqlite3_finalize(s);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL);
    sqlite3_step(s);
    is_str((const char *)sqlite3_column_text(s, 0), "wal", "WAL journal");
    sqlite3_finalize(s);
    ok(sqlite3_exec(db, "INSERT INTO history(time,action) VALUES('t','x');"
                        "UPDATE history SET action='y'", NULL, NULL, NULL) != SQLITE_OK,
       "history rows cannot be updated");
    ok(sqlite3_exec(db, "DELETE FROM history", NULL, NULL, NULL) != SQLITE_OK,
       "history rows cannot be deleted");
    sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(db);

    st = store_open(path, 0, &e);
    ok(st == NULL, "a store from a newer eyeball is refused");
    char *want = xasprintf("%s: written by a newer eyeball (schema 99, this program knows %d); "
                           "upgrade eyeball", path, STORE_SCHEMA_VERSION);
    is_str(e.msg, want, "newer store message");
    free(want);

    char *other = xasprintf("%s/other.db", dir);
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    st = store_open(other, STORE_CREATE, &e);
    ok(st == NULL, "another program's SQLite file is refused");
    ok(strstr(e.msg, "not an eyeball store") != NULL, "says it is not an eyeball store");

    char *junk = xasprintf("%s/junk.db", dir);
    FILE *f = fopen(junk, "w");
    fputs("this is not a database at all, just some text that is long enough to matter\n", f);
    fclose(f);
    st = store_open(junk, STORE_CREATE, &e);
    ok(st == NULL, "a text file is refused");
    ok(strstr(e.msg, "not an eyeball store") != NULL, "junk: says it is not an eyeball store");

    char *nodir = xasprintf("%s/no/such/dir/s.db", dir);
    st = store_open(nodir, STORE_CREATE, &e);
    ok(st == NULL, "a store in a missing directory is refused");
    ok(strstr(e.msg, "does not exist") != NULL, "says the directory does not exist");

    /* An empty file: refused untouched unless the caller may create a store in it. */
    char *empty = xasprintf("%s/empty.db", dir);
    fclose(fopen(empty, "w"));
    memset(&e, 0, sizeof e);
    st = store_open(empty, STORE_MAYBE_RO, &e);
    ok(st == NULL, "an empty file is not opened as a store");
    is_int(e.code, EXIT_USER, "empty file: a user error");
    ok(strstr(e.msg, "an empty file, not an eyeball store yet") != NULL, "empty file: says so");
    struct stat sb;
    ok(stat(empty, &sb) == 0 && sb.st_size == 0, "the empty file stays empty");
    char *wal = xasprintf("%s-wal", empty);
    ok(access(wal, F_OK) != 0, "and gets no write-ahead log beside it");
    st = store_open(empty, STORE_CREATE, &e);
    ok(st != NULL && !store_readonly(st), "with STORE_CREATE it becomes a store");
    store_close(st);

    /* Not a regular file. */
    char *fifo = xasprintf("%s/fifo.db", dir);
    mkfifo(fifo, 0600);
    memset(&e, 0, sizeof e);
    st = store_open(fifo, STORE_CREATE, &e);
    ok(st == NULL && strstr(e.msg, "not a regular file") != NULL,
       "a FIFO is refused without being opened");

    char *cmd = xasprintf("rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    free(cmd);
    free(path);
    free(other);
    free(junk);
    free(nodir);
    free(empty);
    free(wal);
    free(fifo);
    return tap_done();
}
