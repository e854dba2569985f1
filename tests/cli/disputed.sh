#!/usr/bin/env bash
# Two reviewers who disagree: the report counts categories by majority and the ties in a
# row of their own; apply refuses disputed fixes, naming them and the command that settles
# them.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\nx1,n.png,cat,dev\nx2,n.png,cat,dev\nx3,n.png,cat,dev\nt1,n.png,cat,test\nd1,n.png,dog,train\n' > s.csv
printf 'id,pred\nx1,dog\nx2,dog\nx3,dog\nt1,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb review --list --seed 1 --double
is "a double pass" "$(sql "SELECT reviewers FROM passes")" 2
eb review --list --split test --seed 1
A() { EYEBALL_REVIEWER=alice eb "$@"; }
B() { EYEBALL_REVIEWER=bob eb "$@"; }
A tag x1 blurry; B tag x1 blurry
A tag x2 blurry; B tag x2 dark
A fix x3 dog; B tag x3 dark

eb report
is "categories by majority, ties apart" "$(printf '%s\n' "$OUT" | sed -n '/^Category/,/adjudicate/p' | cut -c1-22 | grep -E '^(blurry|dark|mislabeled|\(disputed\))')" "blurry               1
mislabeled           0
dark                 0
(disputed)           2"
like "the report says how to settle them" "$OUT" "2 reviewed errors are disputed: the reviewers split evenly on a category or on the label; counted by majority where there is one. Settle them with 'eyeball review --adjudicate'."
is "each reviewer's tally beside the team's" "$(printf '%s\n' "$OUT" | sed -n '/^By reviewer/,/^dark/p' | grep -E '^(By|reviewed|blurry|mislabeled|dark)')" "By reviewer (dev)   team    alice      bob
reviewed              3        3        3
blurry                1        2        1
mislabeled            0        1        0
dark                  0        0        2"
eb report --format json
is "json: each reviewer's tally" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for r in d["reviewers"]:
    print(r["name"], r["reviewed"], [(c["name"], c["count"]) for c in r["categories"] if c["count"]])')" "alice 3 [('blurry', 2), ('mislabeled', 1)]
bob 3 [('blurry', 1), ('dark', 2)]"
is "json: disputed" "$(printf '%s' "$OUT" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["disputed"])')" 2
eb report --format markdown
like "markdown: the disputed row" "$OUT" '^\| \(disputed\) \| 2 \|'

refused "apply refuses a disputed fix" 1 "^eyeball: 1 staged fix is disputed: the reviewers do not agree on the label \(x3 \(alice: dog, bob: no fix\)\); settle it with 'eyeball review --adjudicate', then apply; nothing was applied$" apply
refused "so does a dry run" 1 "1 staged fix is disputed" apply --dry-run

# bob agrees: the fix has a majority (2 of 2) and is no longer disputed.
B fix x3 dog
eb apply --dry-run
is "agreed fix: apply goes ahead" "$RC" 0
done_testing
