#!/bin/sh
# Marking goes to the next item not yet reviewed (round to the start); when the last item
# is reviewed the status line says the pass is finished and names the next command; on
# quit one line sums the pass up.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\n' > s.csv
for i in 1 2 3 4; do printf 'x/%d,none.png,cat,dev\n' $i >> s.csv; done
printf 'id,pred\nx/1,dog\nx/2,dog\nx/3,dog\nx/4,dog\nd/1,dog\n' > p.csv
printf 'd/1,none.png,dog,train\n' >> s.csv
eb import samples s.csv
eb import preds p.csv --model m
# The pass and its order.
eb review --seed 3 --list
ids=$(printf '%s\n' "$OUT" | awk -F, 'NR > 1 { print $2 }')
at() { printf '%s\n' "$ids" | sed -n "$1p"; }
status() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt | sed -n 23p; }
item() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt | sed -n 2p |
         sed -E 's/.* id +//'; }
cat > keys <<'K'
key j 2
key g m
dump
key m
dump
key q
K
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
is "review exits 0" "$RC" 0
is "m on the first item skips the second, reviewed already" "$(item 1)" "$(at 3)"
is "then goes on to the fourth" "$(item 2)" "$(at 4)"
is "on quit, one line sums up the pass" "$OUT" \
"pass #1: 3 of 4 reviewed, 1 tagged, 0 label fixes staged"

printf 'key m\ndump\nkey q\n' > keys
rm -f dump.txt
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
like "the last one reviewed: the pass is finished, and what to run next" "$(status 1)" \
    "4/4 +reviewed 4 .* pass finished; next: eyeball report$"
is "the screen stays on that item" "$(item 1)" "$(at 4)"
is "the closing line says finished and names the command" "$OUT" \
"pass #1: 4 of 4 reviewed, 1 tagged, 0 label fixes staged; finished, next: eyeball report"
done_testing
