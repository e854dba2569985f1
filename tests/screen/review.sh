#!/usr/bin/env bash
# The review screen, driven by a key script and dumped as text (no terminal needed):
# layout, placeholders with their reasons, tagging, the note, the label picker, undo,
# the help overlay, a new category in mid-review, a too-small terminal, and data with
# escape sequences shown escaped. Expected screens: tests/screen/review.expected.
. "$top_srcdir/tests/cli/lib.sh"

esc=$(printf '\033')
tab=$(printf '\t')
cat > s.csv <<C
id,path,label,split,source,camera
cat/1,/dev/null,cat,dev,web,canon
cat/2,cat2.png,cat,dev,phone,
dog/1,dog1.png,dog,dev,web,"nikon${tab}${esc}[31mred"
dog/2,dog2.png,dog,dev,,
C
printf 'id,pred,prob:cat,prob:dog\ncat/1,dog,0.3,0.7\ncat/2,dog,0.45,0.55\ndog/1,cat,0.8,0.2\ndog/2,dog,0.1,0.9\n' > p.csv
eb import samples s.csv --root /nonexistent/screen
eb import preds p.csv --model m1
cat > keys <<'K'
# first item: /dev/null is not an image
dump
key j
key 2 3
key e
type blurry but clearly a cat
key Enter
key r
dump
type do
key Enter
dump
key u
key j
dump
key ?
dump
key Esc
resize 50x12
dump
resize 80x24
key +
type instagram
key Enter
key 9
dump
key q
K
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review --seed 1
is "scripted review exits 0" "$RC" 0
if diff -u "$top_srcdir/tests/screen/review.expected" dump.txt > screen.diff; then
    _t_result 0 "screens match tests/screen/review.expected"
else
    _t_result 1 "screens match tests/screen/review.expected"
    sed 's/^/#   /' screen.diff | head -60
fi
is "what the keys did is in the store" "$(sql "SELECT s.id || ':' || c.name FROM tags t JOIN samples s USING(sid) JOIN categories c USING(cid) ORDER BY s.id, c.name")" "cat/2:blurry
cat/2:occluded
dog/1:instagram"
is "the undone fix is withdrawn" "$(sql "SELECT old_label || '>' || new_label || ':' || status FROM fixes")" "cat>dog:withdrawn"
is "the note is saved" "$(sql "SELECT note FROM reviews WHERE note IS NOT NULL")" "blurry but clearly a cat"

# Coming back resumes at the first item not yet reviewed (cat/1), with the same pass.
printf 'dump\nkey q\n' > keys2
rm -f dump2.txt
EYEBALL_KEYS=keys2 EYEBALL_SCREEN_DUMP=dump2.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
like "resumes the open pass" "$(sed -n 1p dump2.txt)" "pass #1 "
like "at the first unreviewed item" "$(sed -n 2p dump2.txt)" "id +cat/1$"
like "and says so" "$(sed -n 23p dump2.txt)" "1/3 +reviewed 2 .*continuing pass #1: 2 of 3 reviewed"

# A read-only store opens read-only and refuses changes.
chmod a-w "$EYEBALL_DB" "$T_DIR"
if [ "$(id -u)" != 0 ]; then
    printf 'key 1\ndump\nkey q\n' > keys3
    rm -f dump3.txt
    EYEBALL_KEYS=keys3 EYEBALL_SCREEN_DUMP=dump3.txt EYEBALL_SCREEN_SIZE=80x24 run "$EYEBALL" review
    like "read-only store says so" "$(sed -n 1p dump3.txt)" "READ-ONLY"
    like "and refuses the tag" "$(sed -n 23p dump3.txt)" "read-only: nothing can be changed"
else
    echo "ok - # SKIP read-only check: root can write anyway"
    T_N=$((T_N + 1))
fi
chmod u+w "$EYEBALL_DB" "$T_DIR"

refused "no store: names the command" 1 "no such store; import samples first" -d "$T_DIR/none.db" review --list
EYEBALL_DB=$T_DIR/none.db run "$EYEBALL" import samples s.csv
refused "no predictions in a store with samples" 1 "the store has no predictions yet; import a model's predictions first: eyeball import preds FILE --model NAME" -d "$T_DIR/none.db" review --list
refused "unknown model" 1 "no model named 'nope'" review --model nope --list
refused "bad --sample" 1 "--sample needs a whole number" review --sample 0 --list
refused "bad --split" 1 "--split must be dev or test" review --split train --list
refused "no terminal" 1 "review needs a terminal" review
printf 'id,path,label,split\nt1,a.png,cat,test\n' > t.csv
eb import samples t.csv
refused "no test predictions" 1 "model 'm1' has no predictions for test examples" review --split test --list
done_testing
