#!/usr/bin/env bash
# review --adjudicate: the queue holds the examples whose reviewers disagree, shows every
# verdict, and the adjudicator's marks become the final answers that report and apply use.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\nx1,n.png,cat,dev\nx2,n.png,cat,dev\nx3,n.png,cat,dev\nt1,n.png,cat,test\nd1,n.png,dog,train\n' > s.csv
printf 'id,pred\nx1,dog\nx2,dog\nx3,dog\nt1,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --list --seed 1 --double
eb review --list --split test --seed 1
A() { EYEBALL_REVIEWER=alice eb "$@"; }
B() { EYEBALL_REVIEWER=bob eb "$@"; }
A tag x1 blurry; B tag x1 blurry
A tag x2 blurry; B tag x2 dark
A fix x3 dog; B tag x3 dark

cat > keys <<'K'
dump
key 5
key m
dump
key r
key Enter
key m
dump
key q
K
EYEBALL_REVIEWER=carol EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=100x24 \
    run "$EYEBALL" review --adjudicate
is "adjudication exits 0" "$RC" 0
screen() { awk -v n="$1" '/^----$/ { k++; next } k == n - 1' dump.txt; }
like "the queue: two disagreements" "$(screen 1)" "adjudicating 2 disagreements"
like "x2 first, with both verdicts" "$(screen 1)" "id         x2"
like "both verdicts side by side" "$(screen 1)" "others     alice: blurry; bob: dark$"
like "then x3" "$(screen 2)" "others     alice: mislabeled → dog; bob: dark$"
is "the decisions" "$(sql "SELECT s.id, d.reviewer, coalesce(d.fix, '-') FROM decisions d JOIN samples s USING(sid) ORDER BY 1")" "x2|carol|-
x3|carol|dog"
is "the team's tags follow them" "$(sql "SELECT s.id, c.name FROM tags t JOIN samples s USING(sid) JOIN categories c USING(cid) WHERE s.id IN ('x2','x3') ORDER BY 1, c.position")" "x2|dark
x3|mislabeled"
eb report --format json
is "nothing disputed now; dark counts x2 as decided" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
c = {k["name"]: k["count"] for k in d["categories"]}
print(d["disputed"], c["blurry"], c["dark"], c["mislabeled"])')" "0 1 1 1"
eb agreement --format json
is "agreement leaves the adjudicator out" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["reviewers"], d["items"])')" "['alice', 'bob'] 3"
eb review --adjudicate --list
is "nothing left to adjudicate" "$OUT" "Nothing to adjudicate: no example has reviewers who disagree and no final answer yet."
eb apply --force-dev-only
is "apply goes ahead with the settled fix" "$RC $(sql "SELECT label FROM samples WHERE id = 'x3'")" "0 dog"
done_testing
