#!/usr/bin/env bash
# Several reviewers: tag, untag and fix record each reviewer's verdict beside the others',
# undo takes back only one's own, 'agreement' measures how far they agree, and a store
# written before verdicts were kept (schema 2) migrates with its judgements.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\n' > s.csv
for i in 1 2 3 4 5 6 7 8 9 10; do printf 'x%02d,x%02d.png,%s,dev\n' $i $i "$([ $((i % 2)) = 0 ] && echo cat || echo dog)" >> s.csv; done
eb import samples s.csv
is "setup" "$RC" 0
A() { EYEBALL_REVIEWER=alice eb "$@"; }
B() { EYEBALL_REVIEWER=bob eb "$@"; }

eb agreement
is "no double review yet" "$OUT" "No example has been reviewed by two or more reviewers yet: review a pass with 'eyeball review --double', each reviewer under their own name (--reviewer or \$EYEBALL_REVIEWER)."

A tag x01 blurry dark
B tag x01 blurry
is "bob's tick beside alice's: said as new" "$OUT" "tagged x01: blurry"
is "verdicts kept apart" "$(sql "SELECT v.reviewer, group_concat(c.name) FROM verdict_tags v JOIN categories c USING(cid) GROUP BY v.reviewer ORDER BY 1")" "alice|blurry,dark
bob|blurry"
is "the team's tags: one each" "$(sql "SELECT c.name, t.reviewer FROM tags t JOIN categories c USING(cid) ORDER BY c.position")" "blurry|alice
dark|alice"
B untag x01 dark
is "bob cannot clear alice's tick" "$OUT" "x01 did not have: dark"
B untag x01 blurry
is "bob clears his own" "$OUT" "untagged x01: blurry"
is "the team keeps alice's blurry" "$(sql "SELECT count(*) FROM tags t JOIN categories c USING(cid) WHERE c.name = 'blurry'")" 1
B tag x01 blurry
A untag x01 blurry
is "alice clears hers" "$OUT" "untagged x01: blurry"
is "the team keeps bob's blurry" "$(sql "SELECT count(*) FROM tags t JOIN categories c USING(cid) WHERE c.name = 'blurry'")" 1
A tag x01 blurry

# Fixes: bob proposing the staged fix records his verdict; undo takes back only his.
A fix x02 dog
B fix x02 dog
is "the same fix: nothing new for the team" "$OUT" "the fix of x02 to dog is staged already"
is "both propose dog" "$(sql "SELECT reviewer, fix FROM verdicts WHERE sid = 2 ORDER BY 1")" "alice|dog
bob|dog"
B tag x02 occluded
is "bob's verdict on x02" "$(sql "SELECT group_concat(c.name) FROM verdict_tags v JOIN categories c USING(cid) WHERE sid = 2 AND reviewer = 'bob' ORDER BY c.position")" "mislabeled,occluded"
B fix x02 --withdraw
is "bob withdraws only his proposal" "$OUT" "withdrew your proposal cat -> dog for x02; the fix stays staged: other reviewers propose it"
is "alice's fix stays staged for the team" "$(sql "SELECT new_label, status FROM fixes WHERE sid = 2")" "dog|staged"
is "bob withdrawing takes back his verdict's fix" "$(sql "SELECT reviewer, coalesce(fix, '-') FROM verdicts WHERE sid = 2 ORDER BY 1")" "alice|dog
bob|-"

# A table worked by hand, on a store of its own: alice and bob on x01..x10.
export EYEBALL_DB=$T_DIR/two.db
eb import samples s.csv
# Both call every item ambiguous (so each reviewed all ten): kappa undefined.
for i in 01 02 03 04 05 06 07 08 09 10; do A tag x$i ambiguous; B tag x$i ambiguous; done
for i in 01 02 03 04 05; do A tag x$i blurry; done
for i in 01 02 03 04 06 07; do B tag x$i blurry; done
for i in 08 09 10; do A tag x$i dark; B tag x$i dark; done
A fix x01 cat; B fix x01 cat; A fix x03 cat
eb agreement
is "agreement, text" "$OUT" "10 items reviewed by two or more reviewers (alice, bob); Cohen's kappa with its 95% interval.

                   items  agreement  kappa  95% interval
mislabeled            10      90.0%   0.62  [-0.04, 1.00]
blurry                10      70.0%   0.40  [-0.16, 0.96]
occluded              10     100.0%    n/a  -
too-small             10     100.0%    n/a  -
dark                  10     100.0%   1.00  [1.00, 1.00]
filtered              10     100.0%    n/a  -
ambiguous             10     100.0%    n/a  -
look-alike-class      10     100.0%    n/a  -
needs a label fix     10      90.0%   0.62  [-0.04, 1.00]
which label           10      90.0%   0.78  [0.39, 1.00]

too few items to tell the agreement on 'mislabeled' from chance: κ = 0.62 (95% -0.04 to 1.00), n = 10.
too few items to tell the agreement on 'blurry' from chance: κ = 0.40 (95% -0.16 to 0.96), n = 10.
too few items to tell the agreement on whether the label needs a fix from chance: κ = 0.62 (95% -0.04 to 1.00), n = 10.
n/a: every reviewer gave the same answer on every item, so chance explains all of the agreement and kappa is undefined."
# By hand: blurry po = 7/10, pe = 0.5·0.6 + 0.5·0.4 = 0.5, kappa 0.4; var = 0.2016/(10·0.25)
# = 0.08064, 0.4 ± 1.96·0.28397 = [-0.1566, 0.9566]. Label fix: po 0.9, pe 0.2·0.1 + 0.8·0.9
# = 0.74, kappa 0.16/0.26 = 0.6154. Which label (alice: 7 cat, bob: 6): po 0.9,
# pe 0.7·0.6 + 0.3·0.4 = 0.54, kappa 0.36/0.46 = 0.7826; s1 = 0.6·0.71739² + 0.3·0.84783²
# = 0.52443, s2·(1-k)² = 0.1·0.9²·0.21739² = 0.00383, c² = (0.78261 - 0.54·0.21739)² = 0.44251,
# var = 0.08575/(10·0.46²) = 0.040523, low end 0.78261 - 1.96·0.20130 = 0.3880.
eb agreement --format json
is "agreement, json" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
b = [c for c in d["categories"] if c["name"] == "blurry"][0]
o = [c for c in d["categories"] if c["name"] == "occluded"][0]
f = d["label_fix"]
print(d["method"], d["items"], b["items"], b["agreement"], round(b["kappa"], 6), [round(x, 4) for x in b["ci95"]])
print(o["kappa"], o["ci95"], o["agreement"])
print(sorted(f), f["items"], round(f["kappa"], 6), round(d["which_label"]["kappa"], 6))')" "cohen 10 10 0.7 0.4 [-0.1566, 0.9566]
None None 1.0
['agreement', 'ci95', 'items', 'kappa'] 10 0.615385 0.782609"
eb agreement --format markdown
like "agreement, markdown table" "$OUT" "^\\| blurry \\| 10 \\| 70.0% \\| 0.40 \\| \\[-0.16, 0.96\\] \\|$"

# A third reviewer: Fleiss' kappa. carol agrees with alice on blurry everywhere.
for i in 01 02 03 04 05; do EYEBALL_REVIEWER=carol eb tag x$i blurry; done
for i in 06 07 08 09 10; do EYEBALL_REVIEWER=carol eb tag x$i dark; done
eb agreement --format json
# blurry counts (yes, no) per item: x01-04 (3,0), x05 (2,1), x06-07 (1,2), x08-10 (0,3).
# P_i: 1,1,1,1, 1/3, 1/3,1/3, 1,1,1: mean 8/10. p_yes = 16/30: pe = (256 + 196)/900.
# kappa = (0.8 - 0.502222)/0.497778 = 0.598214.
is "fleiss with three reviewers" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
b = [c for c in d["categories"] if c["name"] == "blurry"][0]
print(d["method"], d["reviewers"], round(b["agreement"], 6), round(b["kappa"], 6), b["ci95"][0] <= b["kappa"] <= b["ci95"][1])')" "fleiss ['alice', 'bob', 'carol'] 0.8 0.598214 True"

refused "agreement on a pass that does not exist" 1 "^eyeball: there is no pass 7; 'eyeball review --list' lists the passes$" agreement --pass 7
refused "a bad pass number" 1 "--pass takes a pass number" agreement --pass x
refused "a bad format" 1 "format" agreement --format csv

# A store written before verdicts were kept (schema 2): each judgement becomes the verdict
# of whoever made it, and single-reviewer work goes on as before.
export EYEBALL_DB=$T_DIR/old.db
eb import samples s.csv
EYEBALL_REVIEWER=dan eb tag x01 blurry
EYEBALL_REVIEWER=dan eb fix x02 dog
downgrade "$EYEBALL_DB" 2
eb status
is "the old store opens" "$RC" 0
is "migrated to schema 7" "$(sql "PRAGMA user_version")" 7
is "verdicts from the old judgements" "$(sql "SELECT sid, reviewer, done, coalesce(fix, '-') FROM verdicts ORDER BY sid")" "1|dan|1|-
2|dan|1|dog"
is "verdict tags from the old tags" "$(sql "SELECT v.sid, v.reviewer, c.name FROM verdict_tags v JOIN categories c USING(cid) ORDER BY v.sid, c.position")" "1|dan|blurry
2|dan|mislabeled"
EYEBALL_REVIEWER=dan eb untag x01 blurry
is "the same reviewer untags as before" "$OUT" "untagged x01: blurry"
is "the team's tag is gone" "$(sql "SELECT count(*) FROM tags WHERE sid = 1")" 0
EYEBALL_REVIEWER=erin eb untag x02 mislabeled
is "another reviewer cannot clear dan's tick" "$OUT" "x02 did not have: mislabeled"
done_testing
