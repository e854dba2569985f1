#!/usr/bin/env bash
# Bad stores, beyond tests/cli/store.sh: a missing store for every command, an empty
# file, a FIFO, a device, a damaged or truncated store, another program's database and a
# newer store for the commands that write, and read-only stores (run as an unprivileged
# user: root can write anything). Each is a clear message, and nothing is created or
# changed by accident.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,train\n' > s.csv
printf 'id,pred,prob:cat,prob:dog\na,dog,0.2,0.8\nb,cat,0.9,0.1\nc,cat,0.7,0.3\n' > p.csv

# listing DIR: the names in DIR, to prove nothing appeared.
listing() { ls -A "$1" | tr '\n' ' '; }

# Every command on a store that does not exist: a user error, and no file appears.
mkdir none
before=$(listing none)
for c in "status" "review --list" "tag a blurry" "untag a blurry" "fix a dog" \
         "categories" "categories add x" "scan" "split" "split --dry-run" "suspects" \
         "import preds p.csv --model m"; do
    # shellcheck disable=SC2086
    refused "missing store: eyeball $c" 1 "none/x.db: no such store; import samples first" \
        -d none/x.db $c
done
is "no file was created for the missing store" "$(listing none)" "$before"

# An empty file is not a store yet: reading commands refuse it untouched; importing
# samples into it makes it one.
: > empty.db
for c in "status" "review --list" "tag a blurry" "categories"; do
    # shellcheck disable=SC2086
    refused "empty file: eyeball $c" 1 "empty.db: an empty file, not an eyeball store yet; import samples into it first" -d empty.db $c
done
is "the empty file stays empty, with nothing beside it" "$(wc -c < empty.db) $(ls empty.db*)" \
    "0 empty.db"
eb -d empty.db import samples s.csv
is "import samples makes an empty file a store" "$RC" 0

# Not files at all.
mkfifo fifo.db
refused "a FIFO is not a store (and is not opened)" 1 "fifo.db: not a regular file, so not an eyeball store" -d fifo.db status
refused "a device is not a store" 1 "/dev/null: not a regular file" -d /dev/null import samples s.csv
mkdir dir.db
refused "a directory is not a store" 1 "dir.db: is a directory, not an eyeball store" -d dir.db review --list

# A real store to spoil in various ways.
eb import samples s.csv
eb import preds p.csv --model m
eb review --seed 1 --list
is "a store with a pass" "$RC" 0
good=$EYEBALL_DB

# Another program's database and a newer store, for the commands that would write.
sqlite3 other.db "CREATE TABLE notes(x); INSERT INTO notes VALUES('mine')"
cp "$good" newer.db
sqlite3 newer.db "PRAGMA user_version=99"
for f in other newer; do
    sum=$(md5sum < $f.db)
    case $f in
    other) msg="other.db: not an eyeball store \(an SQLite database of another program\)" ;;
    newer) msg="newer.db: written by a newer eyeball \(schema 99, this program knows [0-9]+\); upgrade eyeball" ;;
    esac
    for c in "review --list" "tag a blurry" "fix a dog" "categories add x" "import samples s.csv" \
             "split" "scan"; do
        # shellcheck disable=SC2086
        refused "$f: eyeball $c" 1 "$msg" -d $f.db $c
    done
    is "$f: the file is byte for byte the same" "$(md5sum < $f.db)" "$sum"
    is "$f: nothing beside it" "$(ls $f.db*)" "$f.db"
done

# Damaged stores: every page after the first overwritten with 0xff bytes, or with text;
# and a store cut short.
size=$(wc -c < "$good")
cp "$good" damaged.db
head -c $((size - 4096)) /dev/zero | tr '\000' '\377' |
    dd of=damaged.db bs=4096 seek=1 conv=notrunc 2>/dev/null
cp "$good" scribbled.db
seq 1 100000 | head -c $((size - 8192)) | dd of=scribbled.db bs=4096 seek=2 conv=notrunc 2>/dev/null
head -c 3000 "$good" > cut.db
for f in damaged scribbled cut; do
    sum=$(md5sum < $f.db)
    for c in "status" "review --list" "tag a blurry" "report" "export samples"; do
        # shellcheck disable=SC2086
        eb -d $f.db $c
        like "$f store: eyeball $c says the store is damaged (exit status 2)" "$RC: $ERR" \
            "^2: eyeball: $f.db: .*; the store file is damaged: restore it from a backup"
    done
    is "$f store: the file is unchanged" "$(md5sum < $f.db)" "$sum"
done

# --- read-only stores: as an unprivileged user ---
nobody_uid=$(id -u nobody 2>/dev/null)
as_nobody() { setpriv --reuid="$nobody_uid" --regid="$(id -g nobody)" --clear-groups -- "$@"; }
chmod 755 "$T_DIR"
if [ "$(id -u)" != 0 ]; then
    T_N=$((T_N + 1))
    echo "ok $T_N # SKIP read-only stores: these checks switch to user nobody, which needs root"
elif [ -z "$nobody_uid" ] || ! command -v setpriv >/dev/null 2>&1 ||
     ! as_nobody "$EYEBALL" --version >/dev/null 2>&1; then
    T_N=$((T_N + 1))
    echo "ok $T_N # SKIP read-only stores: no user nobody, no setpriv, or nobody cannot run $EYEBALL"
else
    # nb: where nobody may write its key script and screen dumps.
    mkdir nb && chmod 777 nb
    nb() { run as_nobody "$EYEBALL" "$@"; }

    # 1. Neither the store nor its directory can be written.
    mkdir ro && cp "$good" ro/eyeball.db && chmod 644 ro/eyeball.db && chmod 755 ro
    sum=$(md5sum < ro/eyeball.db)
    before=$(listing ro)
    nb -d ro/eyeball.db status
    like "read-only store: status reads it" "$RC: $OUT" "^0: store ro/eyeball.db: 3 samples"
    nb -d ro/eyeball.db review --list
    is "read-only store: review --list shows the open pass" "$RC: $(printf '%s\n' "$OUT" | wc -l)" "0: 3"
    printf 'dump\nkey 2\nkey r\nkey Enter\nkey e\nkey +\nkey u\ndump\nkey q\n' > nb/keys
    EYEBALL_KEYS=nb/keys EYEBALL_SCREEN_DUMP=nb/dump EYEBALL_SCREEN_SIZE=80x24 \
        nb -d ro/eyeball.db review
    is "read-only store: the review UI runs" "$RC" 0
    like "  its title says READ-ONLY" "$(sed -n 1p nb/dump)" "· READ-ONLY +\? help$"
    like "  it says so when it opens" "$(sed -n 23,24p nb/dump | tr -s ' \n' ' ')" \
        "read-only store: you can look, but changes are refused"
    like "  and refuses every change" "$(sed -n 48p nb/dump)" "the store is read-only: nothing can be changed"
    like "  nothing is ticked" "$(sed -n 25,48p nb/dump)" "2 \[ \] blurry"
    for c in "tag a blurry" "fix a dog" "categories add x"; do
        # shellcheck disable=SC2086
        nb -d ro/eyeball.db $c
        like "read-only store: eyeball $c is refused (exit status 1)" "$RC: $ERR" \
            "^1: eyeball: ro/eyeball.db: the store is open read-only \(you cannot write to it, or to its directory\); nothing can be changed"
    done
    nb -d ro/eyeball.db import samples s.csv
    like "read-only store: import is refused (exit status 1)" "$RC: $ERR" \
        "^1: eyeball: ro/eyeball.db: the store is read-only \(no permission to write it\)"
    nb -d ro/eyeball.db review --new --list
    like "read-only store: review --new cannot start a pass" "$RC: $ERR" \
        "^1: eyeball: ro/eyeball.db: the store is read-only, so --new cannot start a pass"
    nb -d ro/eyeball.db review --split test --list
    like "read-only store: no open pass to show" "$RC: $ERR" \
        "^1: eyeball: ro/eyeball.db: the store is read-only and has no open random pass of model 'm' on test to show"
    is "read-only store: unchanged" "$(md5sum < ro/eyeball.db)" "$sum"
    is "read-only store: nothing was created beside it (no -wal, no -shm)" "$(listing ro)" "$before"

    # 2. The store can be written but its directory cannot: SQLite could not make its
    # write-ahead log, so review reads it as it is and the writers say why they cannot.
    mkdir rodir && cp "$good" rodir/eyeball.db && chown "$nobody_uid" rodir/eyeball.db && chmod 755 rodir
    sum=$(md5sum < rodir/eyeball.db)
    before=$(listing rodir)
    rm -f nb/dump
    printf 'key 2\ndump\nkey q\n' > nb/keys
    EYEBALL_KEYS=nb/keys EYEBALL_SCREEN_DUMP=nb/dump EYEBALL_SCREEN_SIZE=80x24 \
        nb -d rodir/eyeball.db review
    like "directory not writable: review opens READ-ONLY" "$RC: $(sed -n 1p nb/dump)" "^0: .*· READ-ONLY"
    like "  and refuses the tag" "$(sed -n 23p nb/dump)" "the store is read-only: nothing can be changed"
    nb -d rodir/eyeball.db tag a blurry
    like "directory not writable: tag is refused (exit status 1)" "$RC: $ERR" \
        "^1: eyeball: rodir/eyeball.db: the store is open read-only"
    nb -d rodir/eyeball.db import samples s.csv
    like "directory not writable: import says why (exit status 1)" "$RC: $ERR" \
        "^1: eyeball: rodir/eyeball.db: cannot use the store: its directory rodir is not writable, and SQLite keeps its write-ahead log \(rodir/eyeball.db-wal\) beside the store; make the directory writable or move the store"
    is "directory not writable: the store is unchanged" "$(md5sum < rodir/eyeball.db)" "$sum"
    is "directory not writable: nothing was created beside it" "$(listing rodir)" "$before"

    # 3. A store nobody may read.
    chmod 600 ro/eyeball.db
    nb -d ro/eyeball.db status
    like "unreadable store: a clear error" "$RC: $ERR" "^[12]: eyeball: ro/eyeball.db: .*(unable to open|permission|cannot)"
    chmod 644 ro/eyeball.db
fi
done_testing
