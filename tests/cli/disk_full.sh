#!/usr/bin/env bash
# A full disk during import and during review: the error says so (exit status 2), the
# store is intact and exactly as before, and work goes on once there is room again.
# Two ways to run out of room: a file size limit (ulimit -f, set with prlimit, also on a
# running UI),
# which works anywhere, and a tiny tmpfs in a private mount namespace, where allowed.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/screen/uilib.sh"

# 20,000 samples (about 600 kB of CSV), 20,000 more, and predictions for the first ones.
gen() { # gen FIRST COUNT
    awk -v first="$1" -v n="$2" 'BEGIN { print "id,path,label,split,source";
        for (i = first; i < first + n; i++)
            printf "s%05d,img/%05d.png,%s,%s,web\n", i, i, (i % 3 ? "cat" : "dog"),
                   (i % 5 ? "train" : "dev") }'
}
gen 0 20000 > big.csv
gen 20000 20000 > more.csv
awk 'BEGIN { print "id,pred,prob:cat,prob:dog";
             for (i = 0; i < 20000; i++)
                 printf "s%05d,%s\n", i, (i % 7 ? "cat,0.8,0.2" : "dog,0.3,0.7") }' > bigp.csv

if ! command -v prlimit >/dev/null 2>&1; then
    echo "1..0 # SKIP prlimit (util-linux) not installed"
    exit 0
fi
# limited KB CMD...: runs CMD under a file size limit of KB kilobytes (as run does).
limited() {
    local kb=$1
    shift
    run prlimit --fsize=$((kb * 1024)):$((kb * 1024)) "$@"
}

fsize_msg="file too large \(over ulimit -f\): not saved; raise the limit or free some space"

# --- import under a file size limit ---
limited 256 "$EYEBALL" import samples big.csv
is "import into a new store past the limit: exit status 2" "$RC" 2
like "says the file is too large" "$ERR" "eyeball: .*eyeball.db: .*; $fsize_msg"
ok "and leaves no store behind" test ! -e eyeball.db -a ! -e eyeball.db-wal -a ! -e eyeball.db-shm

eb import samples big.csv
eb import preds bigp.csv --model m
eb review --seed 3 --sample 5 --list
is "a store of 20,000 samples with a pass to work on" "$RC" 0
before=$(store_state)
limited 256 "$EYEBALL" import samples more.csv
is "import of 20,000 more samples past the limit: exit status 2" "$RC" 2
like "says the file is too large" "$ERR" "$fsize_msg"
is "the store is unchanged" "$(store_state)" "$before"
is "and intact" "$(sql 'PRAGMA integrity_check')" ok
limited 256 "$EYEBALL" import preds bigp.csv --model m2
like "import preds past the limit: exit status 2, the file is too large" "$RC: $ERR" "^2: .*$fsize_msg"
is "the store is unchanged" "$(store_state)" "$before"
ok "no model m2" test "$(sql "SELECT count(*) FROM models WHERE name='m2'")" = 0

# --- review under a file size limit: the UI is running when the limit hits ---
first=$(sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY pos LIMIT 1")
second=$(sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY pos LIMIT 1 OFFSET 1")
ui_start ui 5 review
ui_send ui "key 2"
ok "the UI tags with room to spare" ui_dump ui
like "blurry is ticked" "$SCREEN" "2 \[x\] blurry"
last=$(sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY pos DESC LIMIT 1")
fixed_to=$(sql "SELECT CASE label WHEN 'cat' THEN 'dog' ELSE 'cat' END FROM samples WHERE id='$last'")
eb fix "$last" "$fixed_to"
is "a fix staged from the command line, for apply to try" "$RC" 0
before=$(store_state)
uipid=$(cat ui.pid)
prlimit --pid "$uipid" --fsize=1:unlimited
is "the UI now has a file size limit of 1 byte" \
    "$(prlimit --pid "$uipid" --fsize -o SOFT --noheadings | tr -d ' ')" 1
# status: the status line and the row below it, where a long error goes on.
status() { printf '%s\n' "$SCREEN" | sed -n '23,24p' | tr -s ' \n' ' '; }
ui_send ui "key 3"
ok "a tag at the limit" ui_dump ui
like "  is refused: the status line says the file is too large, and what to do" "$(status)" \
    "disk I/O error while [a-z ]+; file too large \(over ulimit -f\): not saved; raise the limit or free some space *$"
like "  and the tag is not shown as done" "$SCREEN" "3 \[ \] occluded"
target=$(sql "SELECT CASE label WHEN 'cat' THEN 'dog' ELSE 'cat' END FROM samples WHERE id='$first'")
for k in "key r|type $target|key Enter" "key e|type a note|key Enter" "key +|type rain|key Enter" \
         "key u" "key j|key m"; do
    old_ifs=$IFS
    IFS='|'
    # shellcheck disable=SC2086
    ui_send ui $k
    IFS=$old_ifs
    ui_dump ui
    like "$(echo "$k" | cut -d'|' -f1) at the limit is refused with the reason" "$(status)" \
        "file too large \(over ulimit -f\): not saved"
done
ui_send ui "key k"
# The command-line doors while the UI holds the store open.
for c in "tag $second dark" "fix $second fox --new-label" "categories add rain" \
         "untag $first blurry" "apply --force-dev-only"; do
    # shellcheck disable=SC2086
    limited 1 "$EYEBALL" $c
    like "'$c' at the limit: exit status 2, the file is too large" "$RC: $ERR" "^2: eyeball: .*$fsize_msg"
done
limited 64 "$EYEBALL" export samples -o out.csv
like "export -o past the limit: exit status 2, the file is too large" "$RC: $ERR" \
    "^2: eyeball: out.csv: cannot write: File too large"
ok "  and leaves no file" test ! -e out.csv
is "nothing reached the store" "$(store_state)" "$before"
is "the store is intact" "$(sql 'PRAGMA integrity_check')" ok
prlimit --pid "$uipid" --fsize=unlimited:unlimited
ui_send ui "key 3"
ok "with room again, the same UI" ui_dump ui
like "  tags again" "$SCREEN" "3 \[x\] occluded"
ui_send ui "key q"
ui_stop ui
is "the UI quits normally" "$RC" 0
is "its error output is empty" "$(cat ui.err)" ""
is "the tags are those that were shown as done" "$(sql "SELECT s.id || ':' || c.name FROM tags t
    JOIN samples s USING(sid) JOIN categories c USING(cid) ORDER BY s.id = '$last', c.name")" \
    "$first:blurry
$first:occluded
$last:mislabeled"

# --- a real full disk: a tiny tmpfs in a private mount namespace ---
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    unshare -m "${BASH:-bash}" "$top_srcdir/tests/cli/disk_full_tmpfs.sh" > tmpfs.tap 2>&1
    while IFS= read -r line; do
        desc=$(printf '%s\n' "$line" | sed 's/^\(not \)*ok [0-9]* - //')
        case $line in
        "ok "*) _t_result 0 "tmpfs: $desc" ;;
        "not ok "*) _t_result 1 "tmpfs: $desc" ;;
        1..*) ;;
        *) echo "$line" ;;
        esac
    done < tmpfs.tap
else
    T_N=$((T_N + 1))
    echo "ok $T_N # SKIP a full tmpfs needs root and a private mount namespace (unshare -m)"
fi
done_testing
