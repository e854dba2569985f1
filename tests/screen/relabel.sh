#!/bin/sh
# Relabelling in few keys: the picker opens over the panel (the image stays in view) with
# the prediction selected, so Enter takes it; in a suspects pass the most probable class;
# typing lands on the first label starting with what is typed; 1-9 pick a numbered row.
# '=' records the label as checked (a label-ok history row; undo takes it back).
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\n' > s.csv
for i in 1 2 3 4; do printf 'x/%d,none.png,cat,dev\n' $i >> s.csv; done
printf 'a/1,none.png,anchor,test\nh/1,none.png,horse,test\nd/1,none.png,dog,test\n' >> s.csv
{ echo 'id,pred'; for i in 1 2 3 4; do echo "x/$i,dog"; done
  echo 'a/1,anchor'; echo 'h/1,horse'; echo 'd/1,dog'; } > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --seed 1 --list
ids=$(printf '%s\n' "$OUT" | awk -F, 'NR > 1 { print $2 }')
at() { printf '%s\n' "$ids" | sed -n "$1p"; }
fix_of() { sql "SELECT f.new_label FROM fixes f JOIN samples s USING(sid)
                WHERE s.id='$1' AND f.status='staged'"; }
cat > keys <<'K'
key =
dump
key u
dump
key =
key r
dump
key Enter
key j r
type ho
dump
key Enter
key j r 1
key Enter
key =
dump
key q
K
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
is "review exits 0" "$RC" 0
scr() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt; }
like "= says the label is checked" "$(scr 1 | sed -n 23p)" "$(at 1): label cat checked, right"
is "and goes on to the next item" "$(scr 1 | sed -n 2p | sed -E 's/.* id +//')" "$(at 2)"
like "u takes the judgement back" "$(scr 2 | sed -n 23p)" \
    "undone: $(at 1) is no longer marked reviewed"
is "the judgement, its undo, the judgement again" "$(sql "SELECT h.action || ':' || s.id
    || ':' || coalesce(json_extract(h.detail, '\$.label'), json_extract(h.detail, '\$.action'))
    FROM history h JOIN samples s USING(sid) WHERE h.action IN ('label-ok', 'undo')
    ORDER BY hid")" \
"label-ok:$(at 1):cat
undo:$(at 1):label-ok
label-ok:$(at 1):cat"
picker=$(scr 3)
is "the picker is over the panel: the image box is whole" \
    "$(printf '%s\n' "$picker" | sed -n '2,22p' | grep -cE '^(│|┌|└)─*(│|┐|┘)? ')" 21
like "with the prediction selected, rows numbered" \
    "$(printf '%s\n' "$picker" | grep -F '│ 3 dog')" \
    "│ │ 3 dog +│$"
like "the label and prediction above it stay in view" "$(printf '%s\n' "$picker" | sed -n 6p)" \
    "predicted +dog"
is "Enter takes the prediction" "$(fix_of "$(at 2)")" dog
like "typing 'ho' lands on horse, not on anchor" "$(scr 4 | grep -F 'horse')" "│ │ +horse +│$"
is "so Enter stages horse" "$(fix_of "$(at 3)")" horse
is "1 picks the first row" "$(fix_of "$(at 4)")" anchor
is "all four reviewed" "$(sql "SELECT count(*) FROM reviews")" 4
like "= on an item with a staged fix refuses, and says what to do" "$(scr 5 | sed -n 23p)" \
    "a fix to anchor is staged: x withdraws it if the"
is "  and records nothing" "$(sql "SELECT count(*) FROM history WHERE action='label-ok'")" 2
eb report
like "the report counts the checked label (the undone one once)" "$OUT" \
    "labels checked right +1$"
eb report --format json
like "  and JSON has it" "$OUT" '"checked_labels": 1'

# A suspects pass: the most probable class is selected.
printf 'id,pred,prob:anchor,prob:cat,prob:dog,prob:horse\n' > q.csv
# The prediction says dog, the probabilities horse: the suspects pass suggests horse.
for i in 1 2 3 4; do echo "x/$i,dog,0.01,0.01,0.01,0.97" >> q.csv; done
echo 'a/1,anchor,0.97,0.01,0.01,0.01' >> q.csv
echo 'h/1,horse,0.01,0.01,0.01,0.97' >> q.csv
echo 'd/1,dog,0.01,0.01,0.97,0.01' >> q.csv
eb import preds q.csv --model q
printf 'key r\ndump\nkey Esc q\n' > keys
rm -f dump.txt
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review --model q --queue suspects
like "suspects pass: the suggested class is selected" \
    "$(grep -F 'horse' dump.txt | grep '│ │')" \
    "│ │ 4 horse +│$"
done_testing
