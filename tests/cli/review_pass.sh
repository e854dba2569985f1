#!/usr/bin/env bash
# Review passes without the UI (review --list): the seeded random sample, the share of
# correct examples, resuming, --new, taking all when there are fewer, and the suspects
# queue over dev and test together.
. "$top_srcdir/tests/cli/lib.sh"

# 12 dev examples: e1..e8 misclassified, c1..c4 right; 3 test examples.
{
    echo "id,path,label,split"
    for i in 1 2 3 4 5 6 7 8; do echo "e$i,e$i.png,cat,dev"; done
    for i in 1 2 3 4; do echo "c$i,c$i.png,dog,dev"; done
    echo "t1,t1.png,cat,test"; echo "t2,t2.png,dog,test"; echo "t3,t3.png,dog,test"
} > s.csv
{
    echo "id,pred,prob:cat,prob:dog"
    for i in 1 2 3 4 5 6 7 8; do echo "e$i,dog,0.2,0.8"; done
    for i in 1 2 3 4; do echo "c$i,dog,0.1,0.9"; done
    echo "t1,cat,0.9,0.1"; echo "t2,cat,0.7,0.3"; echo "t3,dog,0.05,0.95"
} > p.csv
eb import samples s.csv
eb import preds p.csv --model m

eb review --list --sample 3 --correct 0.67 --seed 42
is "a new pass" "$ERR" "started pass #1: 3 of 8 misclassified dev examples + 2 correct ones (seed 42)"
is "five items listed" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "5"
is "three misclassified, two right" "$(printf '%s\n' "$OUT" | tail -n +2 | awk -F, '{print ($4 == $5) ? "right" : "wrong"}' | sort | uniq -c | tr -s ' ' | tr '\n' ';')" " 2 right; 3 wrong;"
first=$OUT
is "the pass is stored with its rule" "$(sql "SELECT kind, split, sample_n, correct_fraction, seed, errors_pool, correct_pool FROM passes")" "random|dev|3|0.67|42|8|4"

eb review --list
is "coming back continues the same pass" "$ERR" "continuing pass #1: 0 of 5 reviewed"
is "same items, same order" "$OUT" "$first"

id2=$(printf '%s\n' "$first" | sed -n 3p | cut -d, -f2)
eb tag "$id2" blurry
eb review --list
is "tagging from the command line counts as reviewing" "$ERR" "continuing pass #1: 1 of 5 reviewed"
like "and the list shows it" "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 3p)" ",yes,$"

eb review --list --new --sample 3 --seed 42 --correct 0.67
is "--new starts pass #2" "$ERR" "started pass #2: 3 of 8 misclassified dev examples + 2 correct ones (seed 42)"
is "the same seed draws the same sample" "$(printf '%s\n' "$OUT" | cut -d, -f2 | tr '\n' ' ')" "$(printf '%s\n' "$first" | cut -d, -f2 | tr '\n' ' ')"
is "pass #1 is closed" "$(sql "SELECT pid, closed IS NOT NULL FROM passes ORDER BY pid")" "1|1
2|0"

eb review --list --new --sample 100 --seed 7
is "fewer errors than asked: take them all and say so" "$ERR" "started pass #3: 8 of 8 misclassified dev examples (seed 7); only 8 misclassified, taking them all"

eb review --list --split test --seed 1
is "a test pass" "$ERR" "started pass #4: 1 of 1 misclassified test example (seed 1); only 1 misclassified, taking them all"

eb review --list --queue suspects
like "a suspects pass over dev and test" "$ERR" "^started pass #5: the [0-9]+ most likely label errors of dev,test"
is "suspects pass stored as such" "$(sql "SELECT kind, split FROM passes WHERE pid = 5")" "suspects|dev,test"
like "each item carries its reason" "$(printf '%s\n' "$OUT" | sed -n 2p)" ",\"labelled [a-z]+ \(p=[0-9.]+\); the model is confident it is [a-z]+"
refused "--seed does not apply to suspects" 1 "--queue suspects takes dev and test together" review --queue suspects --seed 3 --list
refused "--sample 0" 1 "--sample needs a whole number from 1 to 1000000" review --sample 0 --list
refused "bad --correct" 1 "--correct needs a fraction" review --correct lots --list
refused "bad --queue" 1 "--queue must be random, suspects or broken" review --queue best --list
# Reviews started together: one pass, the others continue it. Looking for the open pass
# and starting one are one write transaction.
seq 1 20000 | awk 'BEGIN { print "id,path,label,split" }
    { printf "r%d,r%d.png,%s,dev\n", $1, $1, $1 % 2 ? "cat" : "dog" }' > race.csv
seq 1 20000 | awk 'BEGIN { print "id,pred" }
    { printf "r%d,%s\n", $1, $1 % 2 ? "dog" : "cat" }' > race_preds.csv
export EYEBALL_DB=$T_DIR/race.db
eb import samples race.csv
eb import preds race_preds.csv --model m
pids=
for k in 1 2 3 4 5 6; do
    "$EYEBALL" review --sample 50 --list >race$k.out 2>race$k.err &
    pids="$pids $!"
done
rcs=
for p in $pids; do
    wait $p
    rcs="$rcs $?"
done
is "parallel reviews: all succeed" "$rcs" " 0 0 0 0 0 0"
is "parallel reviews: one pass, open" \
    "$(sql "SELECT count(*), count(*) - count(closed) FROM passes")" "1|1"
same=0
for k in 2 3 4 5 6; do cmp -s race1.out race$k.out && same=$((same + 1)); done
is "parallel reviews: all list the same items" "$same" 5

done_testing
