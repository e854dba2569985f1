#!/bin/sh
# Undo goes on across sessions of the same reviewer (quit and come back: u still takes
# back the last change), Ctrl-R redoes what u undid, newest first, and a new change ends
# what can be redone. Another reviewer's changes are not undone.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\nx/1,none.png,cat,dev\nx/2,none.png,cat,dev\n' > s.csv
printf 'd/1,none.png,dog,train\n' >> s.csv
printf 'id,pred\nx/1,dog\nx/2,dog\nd/1,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --seed 1 --list
first=$(printf '%s\n' "$OUT" | awk -F, 'NR == 2 { print $2 }')
second=$(printf '%s\n' "$OUT" | awk -F, 'NR == 3 { print $2 }')
# state: the first item's tags and note.
state() {
    sql "SELECT coalesce((SELECT group_concat(c.name) FROM tags t JOIN categories c USING(cid)
             JOIN samples s USING(sid) WHERE s.id='$first'), '-') || ' / ' ||
         coalesce((SELECT note FROM reviews r JOIN samples s USING(sid)
             WHERE s.id='$first'), '-')"
}
review() {
    rm -f dump.txt
    EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
        run "$EYEBALL" review "$@"
}
msg() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt | sed -n 23p |
        sed -E 's/^.*[░█] +//'; }

printf 'key 2\nkey e\ntype hi\nkey Enter q\n' > keys
review
is "first session: a tag and a note" "$(state)" "blurry / hi"
# Another reviewer's change in between is not this reviewer's to undo.
EYEBALL_REVIEWER=other eb tag "$second" dark

cat > keys <<'K'
key u
dump
key u
dump
key Ctrl-R
dump
key Ctrl-R
dump
key Ctrl-R
dump
key u
dump
key 3
key Ctrl-R
dump
key q
K
review
is "review exits 0" "$RC" 0
is "u after a restart undoes the note" "$(msg 1)" "undone: removed the note of $first"
is "u again the tag" "$(msg 2)" "undone: untagged blurry on $first"
is "Ctrl-R redoes the last undo first" "$(msg 3)" "redone: tagged blurry on $first"
is "then the one before" "$(msg 4)" "redone: set the note of $first again"
is "then nothing is left" "$(msg 5)" "nothing to redo"
is "a redone change can be undone" "$(msg 6)" "undone: removed the note of $first"
is "a new change ends what can be redone" "$(msg 7)" "nothing to redo"
is "the store: blurry (redone), occluded (new), no note" "$(state)" "blurry,occluded / -"
is "the other reviewer's tag stays" "$(sql "SELECT c.name FROM tags JOIN categories c
    USING(cid) JOIN samples s USING(sid) WHERE s.id='$second'")" dark
is "redo rows record what they redid" "$(sql "SELECT count(*) FROM history WHERE action='redo'")" 2
done_testing
