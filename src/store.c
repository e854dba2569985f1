/* store.c: opening the store, its schema and migrations, transactions. */
#include "config.h"
#include "store_int.h"
#include "store_verdicts.h"
#include "strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* 'EYEB': marks the file as an eyeball store (PRAGMA application_id). */
#define STORE_APPLICATION_ID 0x45594542

/* Schema version 1. Labels are kept as text; a sample's label is its current label
 * (applied fixes included); the fix history lives in fixes and history. */
static const char *schema_v1 =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
    /* sid: internal key; id: the user's id; path: resolved file path; split: train, dev,
     * test, train-dev or NULL (unassigned); meta: JSON object of extra columns or NULL;
     * hash: hex XXH3-128 of the file bytes, NULL until computed. */
    "CREATE TABLE samples(sid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " path TEXT NOT NULL, label TEXT NOT NULL, split TEXT, source TEXT, meta TEXT,"
    " hash TEXT);\n"
    /* classes: JSON array of class names in the order of preds.probs, NULL when the
     * predictions came without probabilities. */
    "CREATE TABLE models(mid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " classes TEXT, imported TEXT NOT NULL, file TEXT);\n"
    /* probs: little-endian doubles, one per class of models.classes, or NULL. */
    "CREATE TABLE preds(mid INTEGER NOT NULL REFERENCES models(mid) ON DELETE CASCADE,"
    " sid INTEGER NOT NULL REFERENCES samples(sid), pred TEXT NOT NULL,"
    " confidence REAL, probs BLOB, PRIMARY KEY(mid, sid)) WITHOUT ROWID;\n"
    /* key: the single key that toggles it in review, or NULL; mislabeled: ticked when
     * a label is fixed. */
    "CREATE TABLE categories(cid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " key TEXT UNIQUE, position INTEGER NOT NULL, mislabeled INTEGER NOT NULL DEFAULT 0,"
    " created TEXT NOT NULL);\n"
    /* kind: random or suspects; split: dev or test; sample_n / correct_fraction / seed:
     * the sampling rule; errors_pool / correct_pool: how many misclassified / correct
     * examples there were to draw from; closed: time the pass was closed, or NULL. */
    "CREATE TABLE passes(pid INTEGER PRIMARY KEY, mid INTEGER NOT NULL REFERENCES models(mid)"
    " ON DELETE CASCADE, split TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'random',"
    " sample_n INTEGER NOT NULL, correct_fraction REAL NOT NULL DEFAULT 0,"
    " seed INTEGER NOT NULL, reviewer TEXT, created TEXT NOT NULL, closed TEXT,"
    " errors_pool INTEGER NOT NULL DEFAULT 0, correct_pool INTEGER NOT NULL DEFAULT 0);\n"
    /* correct: 1 when the model had it right at sampling time; reason: why a suspects
     * pass holds it. */
    "CREATE TABLE pass_items(pid INTEGER NOT NULL REFERENCES passes(pid) ON DELETE CASCADE,"
    " pos INTEGER NOT NULL, sid INTEGER NOT NULL REFERENCES samples(sid),"
    " correct INTEGER NOT NULL DEFAULT 0, reason TEXT, PRIMARY KEY(pid, pos)) WITHOUT ROWID;\n"
    "CREATE INDEX pass_items_sid ON pass_items(sid);\n"
    /* A row here means the example has been reviewed (by UI or CLI). */
    "CREATE TABLE reviews(sid INTEGER PRIMARY KEY REFERENCES samples(sid), reviewer TEXT,"
    " time TEXT NOT NULL, note TEXT);\n"
    "CREATE TABLE tags(sid INTEGER NOT NULL REFERENCES samples(sid),"
    " cid INTEGER NOT NULL REFERENCES categories(cid) ON DELETE CASCADE, reviewer TEXT,"
    " time TEXT NOT NULL, PRIMARY KEY(sid, cid)) WITHOUT ROWID;\n"
    /* Current state of each fix; status: staged, applied or withdrawn. origin: the fix
     * this one was copied from for an exact duplicate, or NULL. */
    "CREATE TABLE fixes(fid INTEGER PRIMARY KEY, sid INTEGER NOT NULL REFERENCES samples(sid),"
    " old_label TEXT NOT NULL, new_label TEXT NOT NULL, status TEXT NOT NULL"
    " CHECK(status IN ('staged','applied','withdrawn')), reviewer TEXT, time TEXT NOT NULL,"
    " note TEXT, applied TEXT, origin INTEGER);\n"
    "CREATE INDEX fixes_sid ON fixes(sid, status);\n"
    /* Append-only journal of every change: never updated, never deleted. action names
     * what happened (tag, untag, fix, withdraw, apply, review, note, category, ...);
     * detail is a JSON object with what undo needs. */
    "CREATE TABLE history(hid INTEGER PRIMARY KEY, time TEXT NOT NULL, reviewer TEXT,"
    " sid INTEGER, action TEXT NOT NULL, detail TEXT);\n"
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
    " BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;\n"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
    " BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;\n";

/* Schema version 2, on top of version 1.
 * reviews.pid: the pass the example was judged in (the review UI's pass; for the tag,
 * untag and fix commands the newest random pass holding the example, open ones first,
 * else the newest suspects pass holding it), or NULL when no pass holds it. The report's
 * tally counts only judgements made in a random pass. Reviews of a version 1 store get the pass the report counted them in then:
 * a random pass holding the example, else a suspects pass, else none.
 * samples.given_path: the path as the input file gave it, lexically normalised, when it
 * was relative (samples.path is then the resolved one); NULL when it was absolute or came
 * from a folder import. 'export samples' writes it back. */
static const char *schema_v2 =
    "ALTER TABLE reviews ADD COLUMN pid INTEGER;\n"
    "UPDATE reviews SET pid = (SELECT q.pid FROM pass_items i JOIN passes q ON q.pid = i.pid"
    " WHERE i.sid = reviews.sid ORDER BY q.kind = 'suspects', q.pid DESC LIMIT 1);\n"
    "ALTER TABLE samples ADD COLUMN given_path TEXT;\n";

/* Schema version 3, on top of version 2: the Eyeball part of dev ('eyeball split
 * --eyeball'). samples.part: 'eyeball' for a dev example people may look at, NULL for
 * every other sample (a dev example with NULL is in the Blackbox part when dev has an
 * Eyeball part at all). passes.part: for a dev pass started while dev had an Eyeball part,
 * the part it drew from ('eyeball', or 'blackbox' with review --blackbox); NULL otherwise.
 * Only a pass of kind random is a random sample: suspects and broken passes are not, and
 * the report's tally and apply's balance rule leave them out. */
static const char *schema_v3 =
    "ALTER TABLE samples ADD COLUMN part TEXT;\n"
    "ALTER TABLE passes ADD COLUMN part TEXT;\n"
    /* against: for a pass of kind broken ('review --queue broken'), the model whose right
     * answers the pass's model got wrong; NULL otherwise. */
    "ALTER TABLE passes ADD COLUMN against INTEGER;\n";
/* Schema version 6, on top of version 5: embeddings and trained models.
 * embeddings.vec: one vector per sample, little-endian float32, all of the dimension kept
 * in meta key embedding_dim (the file they came from in embedding_file).
 * preds.oof: for a model made by 'eyeball train', the out-of-fold probabilities of the
 * sample (same layout as probs), from the fold model that did not see it; NULL otherwise.
 * models.trained: JSON object of how 'eyeball train' made the model (solver, C, folds,
 * seed, accuracy per split), or NULL for imported predictions. */
static const char *schema_v6 =
    "CREATE TABLE embeddings(sid INTEGER PRIMARY KEY REFERENCES samples(sid),"
    " vec BLOB NOT NULL);\n"
    "ALTER TABLE preds ADD COLUMN oof BLOB;\n"
    "ALTER TABLE models ADD COLUMN trained TEXT;\n";
/* Schema version 7, on top of version 6: near-duplicates.
 * samples.phash: the 64-bit perceptual hash of the decoded image (phash.h), NULL until
 * 'scan --near' computed it or when the file could not be decoded; cleared when a later scan
 * finds other bytes. near: the groups the last 'scan --near' found (only samples with a
 * near-twin); grp numbers groups in the order of their first sample (lowest sid); dist is
 * the Hamming distance to that first sample. meta 'near_distance' holds the distance used. */
static const char *schema_v7 =
    "ALTER TABLE samples ADD COLUMN phash INTEGER;\n"
    "CREATE TABLE near(sid INTEGER PRIMARY KEY REFERENCES samples(sid),"
    " grp INTEGER NOT NULL, dist INTEGER NOT NULL);\n"
    "CREATE INDEX near_grp ON near(grp);\n";

const char *store_default_path(const char *dflag)
{
    if (dflag && *dflag)
        return dflag;
    const char *env = getenv("EYEBALL_DB");
    if (env && *env)
        return env;
    return "eyeball.db";
}

sqlite3_stmt *store_prepare(store_t *st, const char *sql, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_fail(st, e, "preparing a query");
        return NULL;
    }
    return s;
}

/* The directory that holds path ("." when the path has no slash); caller frees. */
static char *dir_of(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash) {
        free(dir);
        return xstrdup(".");
    }
    *(slash == dir ? slash + 1 : slash) = '\0';
    return dir;
}

/* Why a write failed when SQLite only says "disk I/O error" (it does not always keep
 * errno): ENOSPC, EFBIG or EDQUOT, guessed from the free space beside the store and the
 * file size limit; 0 when neither explains it. */
static int io_cause(const store_t *st)
{
    int sys = sqlite3_system_errno(st->db);
    if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
        return sys;
    char *dir = dir_of(st->path);
    struct statvfs vfs;
    int full = statvfs(dir, &vfs) == 0 &&
               (unsigned long long)vfs.f_bavail * vfs.f_frsize < (1ULL << 20);
    free(dir);
    if (full)
        return ENOSPC;
    struct rlimit rl;
    if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        return EFBIG;
    return 0;
}

/* What to tell the user about an SQLite failure, beyond SQLite's own words: the cause
 * when it is known (a full disk, a file size limit, a damaged file) and what to do. */
static const char *fail_hint(const store_t *st)
{
    static const char full[] = "; the disk is full: not saved; free some space and try again";
    int rc = sqlite3_extended_errcode(st->db) & 0xff;
    switch (rc) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
        /* SQLite says "full" for a short write too, which a file size limit causes. */
        switch (io_cause(st)) {
        case ENOSPC: return full;
        case EFBIG:
            return "; file too large (over ulimit -f): not saved; raise the limit or free some "
                   "space";
        case EDQUOT:
            return "; disk quota exceeded: not saved; free some space and try again";
        default:
            if (rc == SQLITE_FULL)
                return full;
            return "; the file system failed: not saved; check the disk (a store cannot live "
                   "on a network file system)";
        }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "; another eyeball is writing to this store, try again in a moment";
    case SQLITE_READONLY:
        return "; the store is read-only";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "; the store file is damaged: restore it from a backup (sqlite3 FILE .recover "
               "may save part of it)";
    case SQLITE_CANTOPEN:
        return "; check that the store and its directory exist and can be written";
    default:
        return "";
    }
}

int store_fail(store_t *st, err_t *e, const char *doing)
{
    return err_set(e, EXIT_SYSTEM, "%s: %s while %s%s", st->path, sqlite3_errmsg(st->db),
                   doing, fail_hint(st));
}

int store_step(store_t *st, sqlite3_stmt *s, const char *doing, err_t *e)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    store_fail(st, e, doing);
    return -1;
}

int store_end_tx(store_t *st, int r, err_t *e)
{
    if (r < 0) {
        store_rollback(st);
        return -1;
    }
    return store_commit(st, e);
}

int store_exec(store_t *st, const char *sql, err_t *e)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int r = store_fail(st, e, "updating the store");
        sqlite3_free(msg);
        return r;
    }
    return 0;
}

int store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (!v)
        return sqlite3_bind_null(s, i);
    return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

const char *store_col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

long long store_query_int(store_t *st, const char *sql, const char *param, err_t *e)
{
    sqlite3_stmt *s = store_prepare(st, sql, e);
    if (!s)
        return -1;
    if (param)
        store_bind_text(s, 1, param);
    long long v = 0;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        v = store_fail(st, e, "reading the store");
    sqlite3_finalize(s);
    return v;
}

static int pragma_int(store_t *st, const char *sql, long long *out, err_t *e)
{
    long long v = store_query_int(st, sql, NULL, e);
    if (v < 0 && e && e->code)
        return -1;
    *out = v;
    return 0;
}

/* Applies the schema steps above the file's version, in one transaction. */
static int migrate(store_t *st, long long version, err_t *e)
{
    if (st->readonly)
        return err_set(e, EXIT_USER, "%s: the store is read-only and needs an upgrade to "
                       "schema %d; open it once with write access", st->path,
                       STORE_SCHEMA_VERSION);
    if (store_begin(st, e) < 0)
        return -1;
    /* Re-read inside the write lock: another process may have migrated meanwhile. */
    if (pragma_int(st, "PRAGMA user_version", &version, e) < 0)
        goto fail;
    if (version < 1) {
        if (store_exec(st, schema_v1, e) < 0)
            goto fail;
        char *now = util_now_iso();
        char *sql = xasprintf("INSERT INTO meta VALUES('application','eyeball'),"
                              "('created','%s'),('created_by','eyeball " PACKAGE_VERSION "');"
                              "PRAGMA application_id=%d;", now, STORE_APPLICATION_ID);
        free(now);
        int r = store_exec(st, sql, e);
        free(sql);
        if (r < 0)
            goto fail;
    }
    if (version < 2 && store_exec(st, schema_v2, e) < 0)
        goto fail;
    if (version < 3 && store_exec(st, schema_v3, e) < 0)
        goto fail;
    /* Schema 4: the review screen took z (zoom) and v (grid); categories on them move. */
    if (version >= 1 && version < 4 && store_categories_rekey_reserved(st, e) < 0)
        goto fail;
    /* Schema 5: each reviewer's judgements (store_verdicts.c). */
    if (version < 5 && store_verdicts_migrate(st, e) < 0)
        goto fail;
    /* Schema 6: embeddings and trained models (eyeball train). */
    if (version < 6 && store_exec(st, schema_v6, e) < 0)
        goto fail;
    /* Schema 7: perceptual hashes and near-duplicate groups (scan --near). */
    if (version < 7 && store_exec(st, schema_v7, e) < 0)
        goto fail;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", STORE_SCHEMA_VERSION);
    if (store_exec(st, sql, e) < 0)
        goto fail;
    return store_commit(st, e);
fail:
    store_rollback(st);
    return -1;
}

/* 1 when the store's write-ahead log (path-wal) exists. */
static int wal_exists(const char *path)
{
    char *wal = xasprintf("%s-wal", path);
    struct stat sb;
    int r = stat(wal, &sb) == 0;
    free(wal);
    return r;
}

/* An SQLite URI that opens path read-only as an immutable file: no locks and no -wal or
 * -shm files made beside it. Caller frees. */
static char *immutable_uri(const char *path)
{
    strbuf_t b;
    strbuf_init(&b);
    strbuf_adds(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum(*p) || strchr("/._-~", *p))
            strbuf_addc(&b, (char)*p);
        else
            strbuf_addf(&b, "%%%02X", *p);
    }
    strbuf_adds(&b, "?mode=ro&immutable=1");
    return strbuf_detach(&b);
}

/* Opens st->db; immutable: read-only through immutable_uri. Returns 0 or -1 with e set. */
static int open_db(store_t *st, int immutable, err_t *e)
{
    if (st->db)
        sqlite3_close_v2(st->db);
    st->db = NULL;
    /* Memory statistics cost a global mutex on every allocation (Debian's SQLite has no
     * lookaside allocator) and nothing reads them. Only possible before the first open. */
    static int configured;
    if (!configured) {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        configured = 1;
    }
    /* One connection per process, used from one thread: no mutex needed. */
    int oflags = (st->readonly ? SQLITE_OPEN_READONLY
                               : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) |
                 SQLITE_OPEN_NOMUTEX;
    char *uri = immutable ? immutable_uri(st->path) : NULL;
    int rc = sqlite3_open_v2(uri ? uri : st->path, &st->db,
                             oflags | (uri ? SQLITE_OPEN_URI : 0), NULL);
    free(uri);
    if (rc != SQLITE_OK)
        return err_set(e, EXIT_SYSTEM, "%s: cannot open the store: %s", st->path,
                       st->db ? sqlite3_errmsg(st->db) : "out of memory");
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    return 0;
}

/* 1 when the last error means SQLite could not make or write the files it keeps beside
 * the store (-wal, -shm): a directory or file without write permission. */
static int access_error(sqlite3 *db)
{
    int rc = sqlite3_extended_errcode(db) & 0xff;
    return rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_PERM;
}

store_t *store_open(const char *path, int flags, err_t *e)
{
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (!exists && !(flags & STORE_CREATE)) {
        err_set(e, EXIT_USER, "%s: no such store; import samples first "
                "(eyeball -d %s import samples FILE) or run 'eyeball demo'", path, path);
        return NULL;
    }
    if (exists && S_ISDIR(sb.st_mode)) {
        err_set(e, EXIT_USER, "%s: is a directory, not an eyeball store", path);
        return NULL;
    }
    if (exists && !S_ISREG(sb.st_mode)) {
        err_set(e, EXIT_USER, "%s: not a regular file, so not an eyeball store; pass another "
                "file with -d", path);
        return NULL;
    }
    if (exists && sb.st_size == 0 && !(flags & STORE_CREATE)) {
        err_set(e, EXIT_USER, "%s: an empty file, not an eyeball store yet; import samples "
                "into it first (eyeball -d %s import samples FILE)", path, path);
        return NULL;
    }
    int ro = (flags & STORE_READONLY) != 0;
    int can_ro = ro || (flags & STORE_MAYBE_RO);
    /* A file we may not write: read it without locks or files beside it, so a reader
     * never leaves a -wal or -shm that its owner then cannot write. */
    int foreign = exists && access(path, W_OK) != 0;
    if (foreign && !can_ro) {
        err_set(e, EXIT_USER, "%s: the store is read-only (no permission to write it); ask "
                "its owner, or work on a copy", path);
        return NULL;
    }
    char *dir = dir_of(path);
    if (!exists && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        /* Refuse to create a store in a directory that does not exist. */
        err_set(e, EXIT_USER, "%s: directory %s does not exist; create it first", path, dir);
        free(dir);
        return NULL;
    }

    store_t *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    st->readonly = ro || foreign;
    long long appid = 0, version = 0, ntables = 0;
    if (open_db(st, foreign && !wal_exists(path), e) < 0)
        goto fail;
    appid = store_query_int(st, "PRAGMA application_id", NULL, e);
    if (appid < 0 && access_error(st->db) && can_ro && !wal_exists(path)) {
        /* SQLite cannot make its files in the directory: read the file as it is. */
        st->readonly = 1;
        if (open_db(st, 1, e) < 0)
            goto fail;
        appid = store_query_int(st, "PRAGMA application_id", NULL, e);
    }
    if (appid < 0) {
        if (e && strstr(e->msg, "not a database"))
            err_set(e, EXIT_USER, "%s: not an eyeball store (not an SQLite database); "
                    "pass another file with -d", path);
        else if (access_error(st->db) && access(dir, W_OK) != 0)
            err_set(e, EXIT_USER, "%s: cannot use the store: its directory %s is not writable, "
                    "and SQLite keeps its write-ahead log (%s-wal) beside the store; make the "
                    "directory writable or move the store", path, dir, path);
        goto fail;
    }
    if (pragma_int(st, "PRAGMA user_version", &version, e) < 0 ||
        pragma_int(st, "SELECT count(*) FROM sqlite_master", &ntables, e) < 0)
        goto fail;
    if (appid != STORE_APPLICATION_ID && (appid != 0 || ntables != 0)) {
        err_set(e, EXIT_USER, "%s: not an eyeball store (an SQLite database of another program); "
                "pass another file with -d", path);
        goto fail;
    }
    if (version > STORE_SCHEMA_VERSION) {
        err_set(e, EXIT_USER, "%s: written by a newer eyeball (schema %lld, this program knows "
                "%d); upgrade eyeball", path, version, STORE_SCHEMA_VERSION);
        goto fail;
    }
    if (!st->readonly && store_exec(st, "PRAGMA journal_mode=WAL", e) < 0)
        goto fail;
    if (store_exec(st, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL", e) < 0)
        goto fail;
    if (version < STORE_SCHEMA_VERSION && st->readonly && ro && !foreign) {
        /* Read-only by choice on a file we may write: upgrade it first, so that reading
         * commands work on a store an older eyeball wrote. */
        st->readonly = 0;
        if (open_db(st, 0, e) < 0 || store_exec(st, "PRAGMA journal_mode=WAL", e) < 0 ||
            store_exec(st, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL", e) < 0 ||
            migrate(st, version, e) < 0)
            goto fail;
        st->readonly = 1;
        if (open_db(st, 0, e) < 0 ||
            store_exec(st, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL", e) < 0)
            goto fail;
    } else if (version < STORE_SCHEMA_VERSION && migrate(st, version, e) < 0) {
        goto fail;
    }
    free(dir);
    return st;
fail:
    free(dir);
    store_close(st);
    return NULL;
}

void store_close(store_t *st)
{
    if (!st)
        return;
    if (st->db)
        sqlite3_close_v2(st->db);
    free(st->path);
    free(st->blind);
    free(st);
}

int store_settle(store_t *st, err_t *e)
{
    return store_exec(st, "PRAGMA journal_mode=DELETE", e);
}

int store_readonly(const store_t *st)
{
    return st->readonly;
}

void store_set_review_pass(store_t *st, long long pid)
{
    st->review_pass = pid;
}

const char *store_path(const store_t *st)
{
    return st->path;
}

int store_begin(store_t *st, err_t *e)
{
    if (st->readonly)
        return err_set(e, EXIT_USER, "%s: the store is open read-only (you cannot write to "
                       "it, or to its directory); nothing can be changed", st->path);
    return store_exec(st, "BEGIN IMMEDIATE", e);
}

int store_begin_read(store_t *st, err_t *e)
{
    return store_exec(st, "BEGIN", e);
}

int store_commit(store_t *st, err_t *e)
{
    if (store_exec(st, "COMMIT", e) < 0) {
        store_rollback(st);
        return -1;
    }
    return 0;
}

void store_rollback(store_t *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* SQLite ignores synchronous and foreign_keys changes inside a transaction
 * (synchronous even fails: "Safety level may not be changed inside a transaction"), so
 * these run outside one, each on its own: a failure of one must not skip the others.
 * Foreign keys are off during a bulk load because the loaders only write rows whose
 * parents exist (a prediction's sid comes from samples, its mid from models) and never
 * delete a parent; checking each row again costs two B-tree searches a row. */
void store_bulk_begin(store_t *st)
{
    sqlite3_exec(st->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
    sqlite3_exec(st->db, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
    sqlite3_exec(st->db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
}

/* The load committed with synchronous=NORMAL, so its pages sit in the write-ahead log
 * unsynced: a checkpoint syncs the log, copies the pages into the store and syncs it, so
 * the import is on disk before the command says it is done. A reader that holds an old
 * snapshot can keep the checkpoint from copying; then the log is synced by the next
 * commit or checkpoint (see RELIABILITY in the man page). */
void store_bulk_end(store_t *st)
{
    sqlite3_exec(st->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    sqlite3_exec(st->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
    sqlite3_exec(st->db, "PRAGMA cache_size=-2000", NULL, NULL, NULL);
}
