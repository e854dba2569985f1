#!/usr/bin/env bash
# lib.sh: TAP helpers for command-line tests, written for bash (local, process
# substitution). Source it from a bash script; it makes a scratch directory, cd's into it
# and points EYEBALL_DB there. Needs $EYEBALL (the binary under test).
set -u
: "${EYEBALL:?EYEBALL must point to the eyeball binary}"
T_N=0
T_FAILED=0
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/eyeball-test.XXXXXX")
trap 'rm -rf "$T_DIR"' EXIT
cd "$T_DIR" || exit 2
export EYEBALL_DB="$T_DIR/eyeball.db"
export EYEBALL_REVIEWER=tester
export EYEBALL_NOW=2026-01-02T03:04:05Z
unset EYEBALL_KEYS EYEBALL_SCREEN_DUMP

# run CMD...: runs a command, keeping stdout in $OUT, stderr in $ERR, status in $RC.
run() {
    "$@" >"$T_DIR/.out" 2>"$T_DIR/.err"
    RC=$?
    OUT=$(cat "$T_DIR/.out")
    ERR=$(cat "$T_DIR/.err")
}

# eb ARGS...: run eyeball.
eb() { run "$EYEBALL" "$@"; }

_t_result() {
    T_N=$((T_N + 1))
    if [ "$1" = 0 ]; then
        echo "ok $T_N - $2"
    else
        echo "not ok $T_N - $2"
        T_FAILED=$((T_FAILED + 1))
    fi
}

# ok DESC CMD...: passes when CMD succeeds.
ok() {
    local d=$1
    shift
    "$@" >/dev/null 2>&1
    _t_result $? "$d"
}

# is DESC GOT WANT: exact string comparison; shows a diff when they differ.
is() {
    if [ "$2" = "$3" ]; then
        _t_result 0 "$1"
    else
        _t_result 1 "$1"
        diff -u <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed 's/^/#   /' | head -40
    fi
}

# like DESC GOT PATTERN: grep -E match.
like() {
    if printf '%s\n' "$2" | grep -Eq -- "$3"; then
        _t_result 0 "$1"
    else
        _t_result 1 "$1"
        printf '%s\n' "$2" | head -20 | sed 's/^/#   got: /'
        echo "#   want match: $3"
    fi
}

# store_state: a text picture of the store's contents, to prove it did not change.
store_state() {
    if [ -f "$EYEBALL_DB" ]; then
        sqlite3 "$EYEBALL_DB" .dump 2>/dev/null | md5sum
    else
        echo "no store"
    fi
}

# refused DESC STATUS MESSAGE-PATTERN ARGS...: eyeball ARGS fails with STATUS, says
# MESSAGE-PATTERN on stderr and leaves the store exactly as it was.
refused() {
    local d=$1 want_rc=$2 pat=$3
    shift 3
    local before after
    before=$(store_state)
    eb "$@"
    after=$(store_state)
    if [ "$RC" = "$want_rc" ] && printf '%s\n' "$ERR" | grep -Eq -- "$pat" && [ "$before" = "$after" ]; then
        _t_result 0 "$d"
    else
        _t_result 1 "$d"
        echo "#   status $RC (want $want_rc); store $([ "$before" = "$after" ] && echo unchanged || echo CHANGED)"
        printf '%s\n' "$ERR" | head -5 | sed 's/^/#   stderr: /'
        echo "#   want stderr match: $pat"
    fi
}

# sql QUERY: runs a query on the store.
sql() { sqlite3 "$EYEBALL_DB" "$1"; }

# downgrade DB VERSION: makes DB look as an older eyeball left it: removes what the schema
# steps after VERSION added (src/store.c: 3 the Eyeball part, 4 keys only, 5 verdicts,
# 6 embeddings, 7 near-duplicates), newest first, and sets user_version.
downgrade() {
    local db=$1 v=$2 q=
    [ "$v" -lt 7 ] && q="$q DROP TABLE near; ALTER TABLE samples DROP COLUMN phash;
        DELETE FROM meta WHERE key = 'near_distance';"
    [ "$v" -lt 6 ] && q="$q DROP TABLE embeddings; ALTER TABLE preds DROP COLUMN oof;
        ALTER TABLE models DROP COLUMN trained;
        DELETE FROM meta WHERE key IN ('embedding_dim', 'embedding_file');"
    [ "$v" -lt 5 ] && q="$q DROP TRIGGER verdict_change; DROP TRIGGER verdict_undo;
        DROP TABLE verdict_tags; DROP TABLE verdicts; DROP TABLE verdict_prev;
        DROP TABLE decision_tags; DROP TABLE decisions; ALTER TABLE passes DROP COLUMN reviewers;"
    [ "$v" -lt 3 ] && q="$q ALTER TABLE samples DROP COLUMN part; ALTER TABLE passes DROP COLUMN part;
        ALTER TABLE passes DROP COLUMN against;"
    sqlite3 "$db" "$q PRAGMA user_version = $v"
}

done_testing() {
    echo "1..$T_N"
    [ "$T_FAILED" = 0 ]
}
