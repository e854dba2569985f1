#!/bin/sh
# export -o: never replaces the store, writes into devices and FIFOs as they are, keeps
# the mode of a file it replaces, and leaves no temporary file behind after a signal or
# a killed run.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,test\n' > s.csv
eb import samples s.csv
is "set-up" "$RC" 0
eb export samples
want=$OUT

# The store itself, under its name, through a hard link or a symbolic link, is refused.
refused "-o the store: refused" 1 "is the store itself" export samples --format csv -o "$EYEBALL_DB"
ln "$EYEBALL_DB" hard.db
refused "-o a hard link to the store: refused" 1 "is the store itself" \
    export samples --format csv -o hard.db
ln -s "$EYEBALL_DB" soft.db
refused "-o a symbolic link to the store: refused" 1 "is the store itself" \
    export samples --format csv -o soft.db
is "the store is still an SQLite store" "$(sql 'SELECT count(*) FROM samples')" 2

# A FIFO stays a FIFO and gets the export.
mkfifo pipe
timeout 30 cat pipe > from_pipe &
reader=$!
eb export samples --format csv -o pipe
wait $reader
is "-o FIFO: exit 0" "$RC" 0
ok "-o FIFO: still a FIFO" test -p pipe
is "-o FIFO: the reader got the export" "$(cat from_pipe)" "$want"

# A character device is written into, never replaced: a private copy of /dev/null when
# we may make one, then the system's /dev/null itself.
if mknod nulldev c 1 3 2>/dev/null; then
    eb export samples --format csv -o nulldev
    is "-o char device: exit 0" "$RC" 0
    ok "-o char device: still a character device" test -c nulldev
fi
eb export samples --format csv -o /dev/null
is "-o /dev/null: exit 0" "$RC" 0
ok "-o /dev/null: still a character device" test -c /dev/null
eb export samples --format csv -o -
is "-o -: standard output" "$OUT" "$want"

# Through a symbolic link the file it names is replaced, and the link stays a link:
# /dev/stdout with standard output on a file is not swapped for a plain file.
echo old > real.csv
ln -s real.csv link.csv
eb export samples --format csv -o link.csv
is "-o symbolic link: exit 0" "$RC" 0
ok "-o symbolic link: still a link" test -L link.csv
is "-o symbolic link: the file it names has the export" "$(cat real.csv)" "$want"
"$EYEBALL" export samples --format csv -o /dev/stdout > to_stdout.csv
is "-o /dev/stdout onto a file: exit 0" "$?" 0
ok "-o /dev/stdout: still a symbolic link" test -L /dev/stdout
is "-o /dev/stdout: the file got the export" "$(cat to_stdout.csv)" "$want"

# A replaced file keeps its mode.
echo old > private.csv
chmod 600 private.csv
eb export samples --format csv -o private.csv
is "replaced file: exit 0" "$RC" 0
is "replaced file: mode 600 kept" "$(stat -c %a private.csv)" 600
is "replaced file: new content" "$(cat private.csv)" "$want"
eb export samples --format csv -o new.csv
is "new file: the umask's mode" "$(stat -c %a new.csv)" \
    "$(printf '%o' $((0666 & ~0$(umask))))"

# Temporaries a killed run left are removed on the next run: only this program's names
# for that target, only when nobody holds their lock and they are not fresh.
touch -d '1 hour ago' .out.csv.eyeball-tmp.AAAAAA .out.csv.eyeball-tmp.LOCKED \
    .out.csv.eyeball-tmp.TOOLONG .other.csv.eyeball-tmp.AAAAAA
touch .out.csv.eyeball-tmp.FRESH1
(flock 9 && touch locked.ready && sleep 30) 9<.out.csv.eyeball-tmp.LOCKED &
locker=$!
for _ in $(seq 200); do [ -e locked.ready ] && break; sleep 0.05; done
touch -d '1 hour ago' .out.csv.eyeball-tmp.LOCKED
eb export samples --format csv -o out.csv
is "stale temporaries: exit 0" "$RC" 0
is "only the stale, unlocked temporary of out.csv is removed" \
    "$(ls -A | grep eyeball-tmp | sort)" ".other.csv.eyeball-tmp.AAAAAA
.out.csv.eyeball-tmp.FRESH1
.out.csv.eyeball-tmp.LOCKED
.out.csv.eyeball-tmp.TOOLONG"
kill $locker 2>/dev/null
wait $locker 2>/dev/null

# A signal during the export removes the temporary file. A store big enough that the
# export is still writing when the signal comes.
seq 1 200000 | awk 'BEGIN { print "id,path,label,split" }
    { printf "s%d,img/%d.png,c%d,dev\n", $1, $1, $1 % 7 }' > big.csv
EYEBALL_DB=$T_DIR/big.db "$EYEBALL" import samples big.csv >/dev/null
for sig in TERM HUP INT; do
    rm -f big.out
    EYEBALL_DB=$T_DIR/big.db env --default-signal=INT "$EYEBALL" export samples --format csv \
        -o big.out 2>/dev/null &
    pid=$!
    sent=0
    for _ in $(seq 2000); do
        if ls .big.out.eyeball-tmp.* >/dev/null 2>&1; then
            kill -s $sig $pid && sent=1
            break
        fi
        kill -0 $pid 2>/dev/null || break
        sleep 0.005
    done
    wait $pid
    rc=$?
    if [ $sent = 0 ] || [ $rc = 0 ]; then
        echo "ok $((T_N + 1)) # skip SIG$sig: the export finished before the signal"
        T_N=$((T_N + 1))
        continue
    fi
    is "SIG$sig: the program dies of the signal" "$rc" "$((128 + $(kill -l $sig)))"
    is "SIG$sig: no temporary file left, no partial output" \
        "$(ls -A | grep -c 'big.out')" 0
done

done_testing
