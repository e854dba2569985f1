#!/usr/bin/env bash
# Blind double review: reviewer B never sees A's tags on an item before marking it
# reviewed; then the panel shows A's verdict beside B's own.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\nx/1,none.png,cat,dev\nx/2,none.png,cat,dev\nd/1,none.png,dog,train\n' > s.csv
printf 'id,pred\nx/1,dog\nx/2,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
printf 'key 2\nkey m\nkey q\n' > a.keys
EYEBALL_REVIEWER=alice EYEBALL_KEYS=a.keys EYEBALL_SCREEN_DUMP=a.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review --double --seed 1
is "alice's review exits 0" "$RC" 0
is "the pass asks for two reviewers" "$(sql "SELECT reviewers FROM passes")" 2
first=$(sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY pos LIMIT 1")

cat > b.keys <<'K'
key g
dump
key 3
dump
key m
key g
dump
key q
K
EYEBALL_REVIEWER=bob EYEBALL_KEYS=b.keys EYEBALL_SCREEN_DUMP=b.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review
is "bob's review exits 0" "$RC" 0
# The panel right of the image box, the id line and the rows below "categories".
panel() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' b.txt | sed -n '2,20p' |
          sed -n 's/^.*[│┐┘]   //p' | grep -v '│' | sed -n '1p;7,$p'; }
is "bob first sees none of alice's tags" "$(panel 1)" "id         $first
 1 [ ] mislabeled
 2 [ ] blurry
 3 [ ] occluded
 4 [ ] too-small
 5 [ ] dark
 6 [ ] filtered
 7 [ ] ambiguous
 8 [ ] look-alike-class"
is "after ticking his own, still only his" "$(panel 2)" "id         $first
 1 [ ] mislabeled
 2 [ ] blurry
 3 [x] occluded
 4 [ ] too-small
 5 [ ] dark
 6 [ ] filtered
 7 [ ] ambiguous
 8 [ ] look-alike-class
reviewed by bob"
is "marked reviewed: alice's verdict shows" "$(panel 3)" "id         $first
 1 [ ] mislabeled
 2 [ ] blurry
 3 [x] occluded
 4 [ ] too-small
 5 [ ] dark
 6 [ ] filtered
 7 [ ] ambiguous
 8 [ ] look-alike-class
others     alice: blurry
reviewed by bob"
ok "no screen before the mark shows 'others'" test "$(awk '/^----$/ { k++ } k < 2' b.txt | grep -c others)" = 0
is "both verdicts kept" "$(sql "SELECT v.reviewer, v.done, c.name FROM verdict_tags t JOIN verdicts v USING(sid, reviewer) JOIN categories c USING(cid) ORDER BY 1")" "alice|1|blurry
bob|1|occluded"

# A reviewer who did not ask for a double review still reviews blind in this pass.
printf 'key g\ndump\nkey q\n' > c.keys
EYEBALL_REVIEWER=carol EYEBALL_KEYS=c.keys EYEBALL_SCREEN_DUMP=c.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review
ok "carol sees no tick of the others" test "$(grep -c '\[x\]' c.txt)" = 0

# Undo in a double review takes back only the reviewer's own verdict: bob ticks dark on
# the second item and undoes it; alice's verdicts stay as they were.
printf 'key G\nkey 5\nkey u\nkey q\n' > u.keys
EYEBALL_REVIEWER=bob EYEBALL_KEYS=u.keys EYEBALL_SCREEN_DUMP=u.txt EYEBALL_SCREEN_SIZE=80x24 \
    run "$EYEBALL" review
is "bob's undo exits 0" "$RC" 0
is "bob's dark is gone, alice's blurry stays" "$(sql "SELECT v.reviewer, c.name FROM verdict_tags v JOIN categories c USING(cid) ORDER BY 1, 2")" "alice|blurry
bob|occluded"
is "bob has no verdict on the second item" "$(sql "SELECT count(*) FROM verdicts WHERE reviewer = 'bob'")" 1
# Three reviewers at once on a double pass of 40 items: alice and bob in the UI, carol on
# the command line, side by side. Every verdict is there, each reviewer's own.
printf 'id,path,label,split\n' > m.csv
printf 'id,pred\n' > mp.csv
for i in $(seq 1 40); do
    printf 'm%02d,none.png,cat,dev\n' $i >> m.csv
    printf 'm%02d,dog\n' $i >> mp.csv
done
export EYEBALL_DB=$T_DIR/many.db
eb import samples m.csv
eb import samples s.csv
eb import preds mp.csv --model many
eb review --double --sample 40 --seed 2 --list
sql "SELECT s.id FROM pass_items i JOIN samples s USING(sid) ORDER BY pos" > order
{ echo "key g"; for i in $(seq 1 40); do echo "key 2"; echo "key m"; done; echo "key q"; } > ma.keys
{ echo "key g"; for i in $(seq 1 40); do echo "key 5"; echo "key m"; done; echo "key q"; } > mb.keys
EYEBALL_REVIEWER=alice EYEBALL_KEYS=ma.keys EYEBALL_SCREEN_DUMP=ma.txt \
    EYEBALL_SCREEN_SIZE=80x24 "$EYEBALL" review > ma.out 2> ma.err &
pa=$!
EYEBALL_REVIEWER=bob EYEBALL_KEYS=mb.keys EYEBALL_SCREEN_DUMP=mb.txt \
    EYEBALL_SCREEN_SIZE=80x24 "$EYEBALL" review > mb.out 2> mb.err &
pb=$!
for i in $(seq 1 2 40); do
    EYEBALL_REVIEWER=carol "$EYEBALL" tag "$(sed -n "${i}p" order)" blurry > /dev/null 2>> mc.err
done
wait $pa
is "alice's UI ends normally" "$?" 0
wait $pb
is "bob's UI ends normally" "$?" 0
is "nobody saw an error" "$(cat ma.err mb.err mc.err)" ""
is "every verdict, each reviewer's own" "$(sql "SELECT v.reviewer || ' ' || c.name || ' ' || count(*)
    FROM verdict_tags v JOIN categories c USING(cid) GROUP BY v.reviewer, c.name ORDER BY 1")" \
    "alice blurry 40
bob dark 40
carol blurry 20"
is "alice and bob marked all 40" "$(sql "SELECT reviewer || ' ' || sum(done) FROM verdicts
    WHERE reviewer <> 'carol' GROUP BY reviewer ORDER BY 1")" "alice 40
bob 40"
eb agreement --format json
is "agreement over the 40 items, three reviewers" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["items"], d["method"], [c["items"] for c in d["categories"] if c["name"] == "blurry"])')" \
    "40 fleiss [40]"
done_testing
