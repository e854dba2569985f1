#!/usr/bin/env bash
# Part of disk_full.sh, run by it inside a private mount namespace (unshare -m, as root):
# the store on a 1 MB tmpfs that fills up during import and during review.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/screen/uilib.sh"
trap 'umount "$T_DIR/mnt" 2>/dev/null; rm -rf "$T_DIR"' EXIT

mkdir mnt
if ! mount -t tmpfs -o size=1m tmpfs mnt; then
    echo "1..0 # SKIP cannot mount a tmpfs here"
    exit 0
fi
export EYEBALL_DB=$T_DIR/mnt/eyeball.db
gen() { # gen FIRST COUNT
    awk -v first="$1" -v n="$2" 'BEGIN { print "id,path,label,split";
        for (i = first; i < first + n; i++)
            printf "s%05d,img/%05d.png,%s,%s\n", i, i, (i % 3 ? "cat" : "dog"),
                   (i % 5 ? "train" : "dev") }'
}
gen 0 40000 > big.csv
gen 0 200 > small.csv
awk 'BEGIN { print "id,pred"; for (i = 0; i < 200; i++) printf "s%05d,%s\n", i, (i % 7 ? "cat" : "dog") }' > p.csv
full_msg="the disk is full: not saved; free some space and try again"

eb import samples big.csv
is "import of 40,000 samples into a 1 MB file system: exit status 2" "$RC" 2
like "says the disk is full" "$ERR" "eyeball: .*eyeball.db: .*; $full_msg"
ok "and leaves no store behind" test -z "$(ls mnt)"

eb import samples small.csv
eb import preds p.csv --model m
eb review --seed 5 --sample 5 --list
is "a small store on the tmpfs" "$RC" 0
first=$(sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY pos LIMIT 1")
ui_start ui 5 review
ui_send ui "key 2"
ok "the UI tags while there is room" ui_dump ui
like "blurry is ticked" "$SCREEN" "2 \[x\] blurry"
dd if=/dev/zero of=mnt/filler bs=4096 >/dev/null 2>&1
like "the file system is full" "$(df -P mnt | awk 'NR == 2 { print $4 }')" "^0$"
before=$(store_state)
ui_send ui "key 3"
ok "a tag on the full disk" ui_dump ui
like "  is refused in the status line, saying the disk is full" \
    "$(printf '%s\n' "$SCREEN" | sed -n '23,24p' | tr -s ' \n' ' ')" "disk is full: not saved"
like "  and not shown as done" "$SCREEN" "3 \[ \] occluded"
ui_send ui "key e" "type a note" "key Enter"
ui_dump ui
like "a note on the full disk is refused" \
    "$(printf '%s\n' "$SCREEN" | sed -n '23,24p' | tr -s ' \n' ' ')" "disk is full: not saved"
eb tag "$first" dark
like "eyeball tag on the full disk: exit status 2, disk full" "$RC: $ERR" "^2: .*$full_msg"
eb import samples big.csv
like "eyeball import on the full disk: exit status 2, disk full" "$RC: $ERR" "^2: .*$full_msg"
is "nothing reached the store" "$(store_state)" "$before"
is "the store is intact" "$(sql 'PRAGMA integrity_check')" ok
rm -f mnt/filler
ui_send ui "key 3"
ok "with room again, the same UI" ui_dump ui
like "  tags again" "$SCREEN" "3 \[x\] occluded"
ui_send ui "key q"
ui_stop ui
is "the UI quits normally" "$RC" 0
is "the tags are those shown as done" "$(sql "SELECT s.id || ':' || c.name FROM tags t
    JOIN samples s USING(sid) JOIN categories c USING(cid) ORDER BY c.name")" "$first:blurry
$first:occluded"
done_testing
