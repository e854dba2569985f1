#!/bin/sh
# Changing an item another reviewer has reviewed asks first, naming them: n leaves it as
# it is, y goes ahead (and is not asked again for that item).
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\nx/1,none.png,cat,dev\nx/2,none.png,cat,dev\n' > s.csv
printf 'd/1,none.png,dog,train\n' >> s.csv
printf 'id,pred\nx/1,dog\nx/2,dog\nd/1,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --seed 1 --list
first=$(printf '%s\n' "$OUT" | awk -F, 'NR == 2 { print $2 }')
EYEBALL_REVIEWER=ann eb tag "$first" dark
tags() { sql "SELECT group_concat(x, ',') FROM (SELECT c.name || ':' || t.reviewer AS x
                FROM tags t JOIN categories c USING(cid) JOIN samples s USING(sid)
                WHERE s.id='$first' ORDER BY 1)"; }
cat > keys <<'K'
key g 2
dump
key n
dump
key 2
key y
dump
key 3
dump
key q
K
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
is "review exits 0" "$RC" 0
line() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt | sed -n "$2p"; }
is "it asks, naming the other reviewer" "$(line 1 24)" \
    "$first was reviewed by ann; change it too? (y/n)"
like "n leaves it" "$(line 2 23)" "left $first as ann reviewed it$"
like "y goes ahead" "$(line 3 23)" "tagged blurry$"
like "and the next change on it is not asked again" "$(line 4 23)" "tagged occluded$"
is "the tags: ann's, then tester's two" "$(tags)" "blurry:tester,dark:ann,occluded:tester"
done_testing
