/* store.h: the one SQLite file that holds samples, predictions, categories, review
 * passes, tags and label fixes. Only store*.c include sqlite3.h. */
#ifndef EYEBALL_STORE_H
#define EYEBALL_STORE_H

#include "util.h"

typedef struct store store_t;

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 7

enum store_open_flags {
    STORE_CREATE = 1,   /* create the file when it does not exist */
    STORE_READONLY = 2, /* open for reading only */
    STORE_MAYBE_RO = 4, /* fall back to read-only when the file is not writable */
};

/* Resolves the store path: dflag (-d) if set, else $EYEBALL_DB, else ./eyeball.db.
 * Returns a pointer that lives as long as its inputs (no allocation). */
const char *store_default_path(const char *dflag);

/* Opens (and with STORE_CREATE creates) the store at path, migrating an older schema.
 * Refuses a file that is not an eyeball store or that a newer eyeball wrote.
 * Returns NULL and sets e on failure. Free with store_close. */
store_t *store_open(const char *path, int flags, err_t *e);
void store_close(store_t *st);
/* Leaves the store as one self-contained file (the write-ahead log checkpointed and
 * removed), so it can be linked under another name; the next open goes back to WAL.
 * Returns 0 or -1 with e set. */
int store_settle(store_t *st, err_t *e);

/* 1 when the store was opened read-only. */
int store_readonly(const store_t *st);
const char *store_path(const store_t *st);
/* The pass whose items the review UI shows (0: none): judgements made through st on an
 * item of that pass are attributed to it. Without it (the tag, untag and fix commands)
 * a judgement is attributed to the newest random pass holding the example, open ones
 * first, else to the newest suspects pass holding it. */
void store_set_review_pass(store_t *st, long long pid);

/* Transactions. store_begin starts a write transaction (BEGIN IMMEDIATE, waiting for
 * other writers); store_begin_read a read transaction (a consistent snapshot). */
int store_begin(store_t *st, err_t *e);
int store_begin_read(store_t *st, err_t *e);
int store_commit(store_t *st, err_t *e);
void store_rollback(store_t *st);

/* Bulk mode: synchronous=NORMAL, a 64 MB page cache and no foreign key checks, for
 * loaders that only write rows whose parents exist and delete no parent; restored by
 * store_bulk_end. SQLite applies synchronous and foreign_keys only outside a transaction:
 * call store_bulk_begin before store_begin, store_bulk_end after the commit or rollback
 * (inside a transaction only the cache size takes effect). */
void store_bulk_begin(store_t *st);
void store_bulk_end(store_t *st);

#endif
