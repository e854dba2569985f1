#!/bin/sh
# The first import into a store that does not exist: built under a hidden name and put
# in place only on success, so a failed, killed or racing import never removes or
# damages a store another process made, and never leaves an empty store behind.
. "$top_srcdir/tests/cli/lib.sh"

seq 1 100000 | awk 'BEGIN { print "id,path,label,split" }
    { printf "s%d,img/%d.png,c%d,dev\n", $1, $1, $1 % 5 }' > big.csv
printf 'id,path,label\na,a.png,cat\na,b.png,dog\n' > bad.csv
printf 'id,path,label\nx,x.png,cat\n' > one.csv

# A failing and a good first import at the same time: the good one's store survives.
for round in 1 2 3; do
    rm -f new.db new.db-wal new.db-shm
    "$EYEBALL" -d new.db import samples bad.csv >/dev/null 2>bad.err &
    bad=$!
    "$EYEBALL" -d new.db import samples big.csv >good.out 2>good.err &
    good=$!
    wait $bad
    bad_rc=$?
    wait $good
    good_rc=$?
    is "round $round: the bad import fails with 1, the good one succeeds" \
        "$bad_rc $good_rc $(cat good.err)" "1 0 "
    is "round $round: the store has every sample" \
        "$(sqlite3 new.db 'SELECT count(*) FROM samples' 2>&1)" 100000
    is "round $round: no temporary file left" "$(ls -A | grep -c eyeball-tmp)" 0
done

# Two good first imports at the same time: both land in the one store.
rm -f new.db
"$EYEBALL" -d new.db import samples big.csv >/dev/null 2>a.err &
a=$!
"$EYEBALL" -d new.db import samples one.csv >/dev/null 2>b.err &
b=$!
wait $a
a_rc=$?
wait $b
b_rc=$?
is "two first imports: both succeed" "$a_rc $b_rc $(cat a.err b.err)" "0 0 "
is "two first imports: both sets of samples are kept" \
    "$(sqlite3 new.db 'SELECT count(*) FROM samples')" 100001

# A failed first import leaves no store, not even an empty one.
refused "a failed first import" 1 "bad.csv:3: id 'a' appears twice" import samples bad.csv
is "no store, no temporary file" "$(ls -A | grep -c 'eyeball\.db')" 0

# Through a dangling symbolic link: a failure keeps the link and makes no target; a
# success makes the store at the link's target.
ln -s target.db link.db
eb -d link.db import samples bad.csv
is "dangling link, failed import: exit 1" "$RC" 1
ok "dangling link, failed import: the link is kept" test -L link.db
ok "dangling link, failed import: no store at the target" test ! -e target.db
eb -d link.db import samples one.csv
is "dangling link, good import: exit 0" "$RC" 0
ok "dangling link, good import: still a link" test -L link.db
is "dangling link, good import: the store is at the target" \
    "$(sqlite3 target.db 'SELECT id FROM samples')" x
ln -s missing/dir.db lost.db
refused "a link into a missing directory" 1 \
    "lost.db: a symbolic link to ./missing/dir.db, whose directory ./missing does not exist" \
    -d lost.db import samples one.csv

# A killed first import leaves no store under the name; its hidden files are removed by
# the next first import once nobody holds them.
"$EYEBALL" -d killed.db import samples big.csv >/dev/null 2>&1 &
pid=$!
for _ in $(seq 2000); do
    ls .killed.db.eyeball-tmp.* >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.005
done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
ok "killed first import: no store under the name" test ! -e killed.db
touch .killed.db.eyeball-tmp.ZZZZZZ .killed.db.eyeball-tmp.ZZZZZZ-wal
touch -d '1 hour ago' .killed.db.eyeball-tmp.*
eb -d killed.db import samples one.csv
is "next first import: exit 0" "$RC" 0
is "next first import: stale hidden files removed" "$(ls -A | grep -c killed.db.eyeball)" 0

done_testing
