#!/usr/bin/env bash
# report: a scripted session whose numbers are worked out by hand below, in every format.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/review_state.sh"

make_dataset
# d030 (labelled cat) is predicted dog; its label is fixed to dog before the predictions
# are imported, so the model is scored against dog and gets it right.
sed -i 's/^d030,cat$/d030,dog/' preds.csv
export EYEBALL_NOW=2026-01-01T00:00:00Z
eb import samples samples.csv
is "import samples" "$RC" 0
setup_categories
eb fix d030 dog
run env EYEBALL_NOW=2026-01-01T10:00:00Z "$EYEBALL" apply --force-dev-only
is "fix before the import applied" "$RC" 0

refused "no model yet" 1 "no model predictions yet; import them first \(eyeball import preds FILE --model NAME\)" report

export EYEBALL_NOW=2026-01-02T03:04:05Z
eb import preds preds.csv --model m1
is "import preds" "$RC" 0

# Dev pass 1: 21 of the 25 errors (d001-d020, and d021 last) and 2 correct examples
# (d100, d101). d001-d019, d100, d101 reviewed in the UI; d020 not; d021 tagged by a
# script (the tag command): a judgement of pass 1, which holds it. d022 is judged only in
# a suspects pass, tagged blurry: left out of the tally. d023, in no pass, tagged by a
# script: left out too.
t_pass 1 dev random 20 0.1 12345 25 225 $(ids 1 20 d) d100:c d101:c d021
t_pass 2 dev suspects 1 0 0 1 0 d022
ui "$(rep 19 m) j m m q"
is "the UI marked 21 items reviewed (d030 was by its fix)" "$(sql "SELECT count(*) FROM reviews")" 22
is "UI judgements are attributed to the UI's pass" "$(sql "SELECT count(*) FROM reviews WHERE pid = 1")" 21
for id in $(ids 2 11 d); do eb tag "$id" occluded; done
eb tag d005 blurry
eb tag d022 blurry
eb tag d021 too-small
eb tag d023 blurry
# d016 (dog, predicted cat) is relabelled cat and applied after the import: the model
# was scored against dog, so it stays an error of m1, now a mislabeled one.
eb fix d016 cat
# The test pass apply asks for (8 of the 10 test errors, --correct 0.1): its first four
# errors are occluded, the fifth mislabeled (fixed after the apply below); all reviewed.
eb review --model m1 --split test --sample 8 --correct 0.1 --seed 999 --new --list
is "test pass: 8 errors and 1 correct example" "$(pass_errors | wc -l) $(printf '%s\n' "$OUT" | sed 1d | wc -l)" "8 9"
terr=$(pass_errors)
for id in $(printf '%s\n' "$terr" | head -4); do eb tag "$id" occluded; done
tfix=$(printf '%s\n' "$terr" | sed -n 5p)
ui "$(rep 9 m) q" --split test
run env EYEBALL_NOW=2026-01-03T00:00:00Z "$EYEBALL" apply
is "dev+test fixes applied" "$RC" 0
eb fix d001 dog
eb fix d100 cat
eb fix "$tfix" dog
# Exact copies: d200 of r001 and t100 of r002, found by 'eyeball scan' (the other image
# files do not exist).
mkdir -p img
printf 'one' > img/r001.png
printf 'one' > img/d200.png
printf 'two' > img/r002.png
printf 'two' > img/t100.png
eb scan
like "scan finds the copies" "$OUT" "LEAKAGE: 2 train images are also in dev, test or train-dev"
eb status
like "status warns about leakage" "$OUT" "^warning: 2 examples of dev, test or train-dev have an exact copy in train \(leakage\); 'eyeball scan' lists them$"
eb status --format json
is "status json: leakage" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["leakage"])')" 2

# Worked out by hand:
#   dev: 250 examples, 25 errors (d001-d025; d016 counted against dog) = 10.00%.
#   Against the current labels d016 is right: 24 errors = 9.60%.
#   reviewed errors: d001-d019 + d021 = 20, from 1 pass; judged outside the sample: d022
#   (in suspects pass 2) and d023 (in no pass), not in the tally.
#   occluded 10/20 = 50%: Wilson [0.2993, 0.7007]; ceiling 10% x 0.5 = 5.00%.
#   mislabeled (category, ticked by fixes on d001 and d016) 2/20 = 10% -> 9.00%.
#   blurry 1/20 = 5% (d022 left out) -> 10% x 0.95 = 9.50%; Wilson [0.0089, 0.2361].
#   too-small 1/20 (d021, tagged by the command, pass 1 holds it): the same as blurry.
#   dark 0/20: Wilson [0, z2/(20+z2)] = [0, 0.1611]; ceiling 10.00%.
#   fixed: d001 (staged), d016 (applied after import) = 2/20 = 10%, 1.00% of 10.00%:
#   at the 10% threshold, worth fixing. Correct reviewed: d100, d101 = 2 (d030 was fixed
#   in no pass: not in the tally); mislabeled among them: d100 = 1.
#   test: 100 examples, 10 errors; reviewed 8; occluded 4/8 = 50%; one fixed: 1/8 = 12.5%,
#   Wilson [0.0224, 0.4709], 1.25% of 10%; one correct example reviewed, not mislabeled.
#   confused: cat->dog 15 (60%), dog->cat 6 (24%), bird->cat 4 (16%).
#   sources: web 200 examples, 15 errors (7.50%), reviewed d011-d019 + d021 = 10;
#            phone 50 examples, 10 errors (20.00%), reviewed d001-d010 = 10.
eb report
is "report exits 0" "$RC" 0
is "report text" "$OUT" "Error analysis of model m1 (predictions imported 2026-01-02T03:04:05Z)

                                  dev       test
examples                          250        100
errors                             25         10
error rate                     10.00%     10.00%
reviewed errors                    20          8
  from random passes                1          1
note: dev: also judged outside the random sample: 2 errors (1 in a suspects
  pass, 1 in no pass), not in the tally: only what a random pass judged
  estimates the shares.
note: dev: errors are scored against the labels at the model's import (1 label
  fixed after it), as 'eyeball status' counts them. Against the current
  labels: 24 errors (9.60%).

Category (dev)   count  share                   95% CI  if fixed   test
occluded            10  50.0% ██████        29.9-70.1%     5.00%  50.0%
mislabeled           2  10.0% █▎             2.8-30.1%     9.00%  12.5%
blurry               1   5.0% ▋              0.9-23.6%     9.50%   0.0%
too-small            1   5.0% ▋              0.9-23.6%     9.50%   0.0%
dark                 0   0.0%                0.0-16.1%    10.00%   0.0%

Label fixes (mislabeled)          dev       test
reviewed errors fixed               2          1
share of reviewed errors        10.0%      12.5%
  95% CI                    2.8-30.1%  2.2-47.1%
  part of the error rate        1.00%      1.25%
correct examples reviewed           2          1
  of them mislabeled                1          0
verdict at a 10% threshold (--mislabeled-threshold): worth fixing

Most confused (dev): given -> predicted  errors   share
cat              -> dog                   15   60.0%
dog              -> cat                    6   24.0%
bird             -> cat                    4   16.0%

Source (dev)          examples  errors  error rate  reviewed
web                        200      15       7.50%        10
phone                       50      10      20.00%        10

warning: 2 examples of dev, test or train-dev have an exact copy in train
(the same image bytes): leakage that flatters the error rates
  dev d200 = train r001
  test t100 = train r002

Recommendation
Largest category: occluded, 50.0% of the reviewed errors (95% CI 29.9-70.1%);
fixing it completely would lower the dev error from 10.00% to at best 5.00%.
Mislabeled: 2 of 20 reviewed errors (10.0%) had their label fixed, 1.00% of
the 10.00% dev error; that is at or above the 10% threshold, so worth fixing:
fix dev and test together with the same procedure, then 'eyeball apply'."
ok "text fits in 80 columns" test "$(printf '%s\n' "$OUT" | wc -L)" -le 80
ok "no colour when stdout is not a terminal" sh -c '! printf "%s" "$1" | grep -q "$(printf "\033")"' x "$OUT"

# JSON: the fields of SPEC.md with the numbers above.
eb report --format json
is "json exits 0" "$RC" 0
printf '%s\n' "$OUT" > r.json
py() { python3 -c "import json; d=json.load(open('r.json')); $1"; }
is "json: spec fields" "$(py 'print(d["model"], d["split"], d["examples"], d["errors"], d["error_rate"], d["reviewed"])')" "m1 dev 250 25 0.1 20"
is "json: categories" "$(py 'print(";".join("%s %d %.4f %.4f %.4f %.4f" % (c["name"], c["count"], c["share"], c["ci95"][0], c["ci95"][1], c["error_rate_if_fixed"]) for c in d["categories"]))')" \
    "occluded 10 0.5000 0.2993 0.7007 0.0500;mislabeled 2 0.1000 0.0279 0.3010 0.0900;blurry 1 0.0500 0.0089 0.2361 0.0950;too-small 1 0.0500 0.0089 0.2361 0.0950;dark 0 0.0000 0.0000 0.1611 0.1000"
is "json: Wilson at 0 is exactly 0" "$(py 'print(repr(d["categories"][4]["ci95"][0]))')" "0.0"
is "json: ceiling 10% error, 5% of errors -> 9.5%" "$(py 'print(d["categories"][2]["error_rate_if_fixed"])')" "0.095"
is "json: mislabeled" "$(py 'm=d["mislabeled"]; print(m["count"], m["share"], round(m["error_rate_part"], 10), m["threshold"], m["worth_fixing"], m["correct_reviewed"], m["correct_mislabeled"])')" "2 0.1 0.01 0.1 True 2 1"
is "json: no probabilities, no suspects estimate" "$(py 'print(d["suspects_estimate"])')" "None"
is "json: passes and left out" "$(py 'print(d["passes"], d["judged_outside_sample"], d["left_out_suspects"], d["left_out_no_pass"], d["errors_current_labels"], d["labels_fixed_since_import"])')" "1 2 1 1 24 1"
is "json: confused pairs" "$(py 'print(";".join("%s>%s %d" % (p["given"], p["predicted"], p["count"]) for p in d["confused_pairs"]))')" "cat>dog 15;dog>cat 6;bird>cat 4"
is "json: sources" "$(py 'print(";".join("%s %d %d %.3f %d" % (s["source"], s["examples"], s["errors"], s["error_rate"], s["reviewed"]) for s in d["sources"]))')" "web 200 15 0.075 10;phone 50 10 0.200 10"
is "json: test beside dev" "$(py 't=d["test"]; print(t["split"], t["examples"], t["errors"], t["reviewed"], t["categories"][0]["name"], t["categories"][0]["share"], t["mislabeled"]["count"], "%.4f %.4f" % tuple(t["mislabeled"]["ci95"]))')" "test 100 10 8 occluded 0.5 1 0.0224 0.4709"
is "json: leakage" "$(py 'l=d["leakage"]; print(l["count"], " ".join(x["split"]+":"+x["id"]+"="+x["train_id"] for x in l["examples"]))')" "2 dev:d200=r001 test:t100=r002"
like "json: recommendation" "$(py 'print(d["recommendation"])')" "^Largest category: occluded, 50.0% of the reviewed errors"

# CSV: one row per category and split, then the label-fix row.
eb report --format csv
is "csv" "$(printf '%s\n' "$OUT" | tr -d '\r')" "model,split,kind,name,count,reviewed,share,ci95_low,ci95_high,error_rate,error_rate_if_fixed
m1,dev,category,occluded,10,20,0.5,0.2992980082,0.7007019918,0.1,0.05
m1,dev,category,mislabeled,2,20,0.1,0.02786648121,0.3010336452,0.1,0.09
m1,dev,category,blurry,1,20,0.05,0.008881448801,0.2361311934,0.1,0.095
m1,dev,category,too-small,1,20,0.05,0.008881448801,0.2361311934,0.1,0.095
m1,dev,category,dark,0,20,0,0,0.1611251581,0.1,0.1
m1,dev,label_fixed,label fixed,2,20,0.1,0.02786648121,0.3010336452,0.1,0.09
m1,test,category,occluded,4,8,0.5,0.2152160622,0.7847839378,0.1,0.05
m1,test,category,mislabeled,1,8,0.125,0.02241749145,0.4708881822,0.1,0.0875
m1,test,category,blurry,0,8,0,0,0.3244075649,0.1,0.1
m1,test,category,too-small,0,8,0,0,0.3244075649,0.1,0.1
m1,test,category,dark,0,8,0,0,0.3244075649,0.1,0.1
m1,test,label_fixed,label fixed,1,8,0.125,0.02241749145,0.4708881822,0.1,0.0875"
is "every csv row ends in CRLF" "$(printf '%s\n' "$OUT" | grep -c "$(printf '\r')\$")" 13

eb report --format markdown
is "markdown" "$OUT" "# Error analysis of model m1

Predictions imported 2026-01-02T03:04:05Z. Errors are scored against the labels at the model's import, as 'eyeball status' counts them. dev: 1 label fixed after it; against the current labels 24 errors (9.60%).

| | dev | test |
|---|---:|---:|
| examples | 250 | 100 |
| errors | 25 | 10 |
| error rate | 10.00% | 10.00% |
| reviewed errors | 20 | 8 |
| from random passes | 1 | 1 |
| judged in a suspects pass (not in the tally) | 1 | 0 |
| judged in no pass (not in the tally) | 1 | 0 |

## Error categories (dev)

| category | count | share | 95% CI | dev error if fixed | test share |
|---|---:|---:|---:|---:|---:|
| occluded | 10 | 50.0% | 29.9-70.1% | 5.00% | 50.0% |
| mislabeled | 2 | 10.0% | 2.8-30.1% | 9.00% | 12.5% |
| blurry | 1 | 5.0% | 0.9-23.6% | 9.50% | 0.0% |
| too-small | 1 | 5.0% | 0.9-23.6% | 9.50% | 0.0% |
| dark | 0 | 0.0% | 0.0-16.1% | 10.00% | 0.0% |

## Mislabeled examples

- dev: 2 of 20 reviewed errors had their label fixed: 10.0% (95% CI 2.8-30.1%), 1.00% of the 10.00% error.
- dev: 2 correctly classified examples reviewed, 1 of them mislabeled.
- test: 1 of 8 reviewed errors had their label fixed: 12.5% (95% CI 2.2-47.1%), 1.25% of the 10.00% error.
- test: 1 correctly classified example reviewed, 0 of them mislabeled.
- Verdict at a 10% threshold: worth fixing.

## Most confused pairs (dev)

| given | predicted | errors | share of errors |
|---|---|---:|---:|
| cat | dog | 15 | 60.0% |
| dog | cat | 6 | 24.0% |
| bird | cat | 4 | 16.0% |

## By source (dev)

| source | examples | errors | error rate | reviewed |
|---|---:|---:|---:|---:|
| web | 200 | 15 | 7.50% | 10 |
| phone | 50 | 10 | 20.00% | 10 |

**Warning:** 2 examples of dev, test or train-dev have an exact copy in train (leakage): dev d200 = train r001, test t100 = train r002.

## Recommendation

Largest category: occluded, 50.0% of the reviewed errors (95% CI 29.9-70.1%); fixing it completely would lower the dev error from 10.00% to at best 5.00%. Mislabeled: 2 of 20 reviewed errors (10.0%) had their label fixed, 1.00% of the 10.00% dev error; that is at or above the 10% threshold, so worth fixing: fix dev and test together with the same procedure, then 'eyeball apply'."

# The threshold is settable: at 15%, 10% of errors is not worth the effort.
eb report --mislabeled-threshold 15
like "threshold 15%: verdict" "$OUT" "^verdict at a 15% threshold \(--mislabeled-threshold\): not worth the effort$"
like "threshold 15%: recommendation" "$(printf '%s' "$OUT" | tr '\n' ' ')" "that is below the 15% threshold, so not worth the effort: networks are robust to random label noise"
eb report --format json --mislabeled-threshold 10.5%
is "threshold as 10.5%" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; m=json.load(sys.stdin)["mislabeled"]; print(m["threshold"], m["worth_fixing"])')" "0.105 False"

# The report does not write to the store.
before=$(store_state)
eb report --format json
is "report leaves the store alone" "$(store_state)" "$before"

# Colour only on a terminal (and not with NO_COLOR).
script -qec "$EYEBALL report" /dev/null > tty.out 2>&1
ok "colour on a terminal" grep -q "$(printf '\033\\[36m')" tty.out
NO_COLOR=1 script -qec "$EYEBALL report" /dev/null > tty.out 2>&1
ok "no colour with NO_COLOR" sh -c '! grep -q "$(printf "\033")" tty.out'

# The session goes on: apply (the test pass above matches dev pass 1), export the fix
# list; the tally of m1 stays as it was, since m1 was scored against the old labels.
run env EYEBALL_NOW=2026-01-03T12:00:00Z "$EYEBALL" apply
is "apply after the report" "$OUT" "applied 3 label fixes (dev 2, test 1):
  dev        d001: cat -> dog
  dev        d100: dog -> cat
  test       $tfix: cat -> dog"
eb export fixes
is "the fix list" "$(printf '%s\n' "$OUT" | tr -d '\r')" "id,path,split,old_label,new_label,status,reviewer,time,categories,note
d030,$T_DIR/img/d030.png,dev,cat,dog,applied,tester,2026-01-01T00:00:00Z,mislabeled,
d016,$T_DIR/img/d016.png,dev,dog,cat,applied,tester,2026-01-02T03:04:05Z,mislabeled,
d001,$T_DIR/img/d001.png,dev,cat,dog,applied,tester,2026-01-02T03:04:05Z,mislabeled,
d100,$T_DIR/img/d100.png,dev,dog,cat,applied,tester,2026-01-02T03:04:05Z,mislabeled,
$tfix,$T_DIR/img/$tfix.png,test,cat,dog,applied,tester,2026-01-02T03:04:05Z,mislabeled,"
eb report --format json
printf '%s\n' "$OUT" > after.json
same() { python3 -c "import json; a=json.load(open('r.json')); b=json.load(open('after.json')); print(all(a[k] == b[k] for k in '$1'.split()))"; }
is "after apply: the same tally" "$(same 'model examples errors error_rate reviewed categories passes recommendation confused_pairs sources')" True
is "after apply: the same mislabeled count" "$(python3 -c "import json; a=json.load(open('r.json'))['mislabeled']; b=json.load(open('after.json'))['mislabeled']; print(a == b)")" True
# Three labels changed since the import (d016, d001, d100): against the current labels
# d016 and d001 are right and d100 (now cat, predicted dog) is wrong: 25 - 2 + 1 = 24.
is "after apply: current labels" "$(python3 -c "import json; d=json.load(open('after.json')); print(d['labels_fixed_since_import'], d['errors_current_labels'])")" "3 24"
# status counts as the report does (25 dev errors against the labels at m1's import), and
# both give the count against the current labels: dev 24; test: the fix of $tfix (cat,
# predicted dog, now dog) leaves 9 of the 10 errors.
eb status
like "status: dev errors as in the report" "$OUT" "^m1 +dev +250 +25 +10.00%\$"
like "status: test errors as in the report" "$OUT" "^ +test +100 +10 +10.00%\$"
like "status: which labels" "$(printf '%s' "$OUT" | tr '\n' ' ')" "errors: against the labels each model was scored on \(at its import\), as 'eyeball report' counts them; labels fixed after the import, and the errors against the current labels:   m1: 4 labels fixed; dev 24 errors \(9.60%\), test 9 errors \(9.00%\) "
eb status --format json
is "status json: both counts" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin)["models"][0]["splits"]; print(*(d[k][f] for k in ("dev", "test") for f in ("errors", "errors_current_labels", "labels_fixed_since_import")))')" "25 24 3 10 9 1"
eb report
like "report text: the same labels" "$(printf '%s' "$OUT" | tr '\n' ' ')" "note: dev: errors are scored against the labels at the model's import \(3 +labels fixed after it\), as 'eyeball status' counts them. Against the current +labels: 24 errors \(9.60%\)."

# A model imported after the fixes is scored against the corrected labels: for m2 with
# the same predictions d016 and d001 are right and d100 wrong (24 errors); the reviewed
# errors are d002-d015, d017-d019, d021 and d100 (19); every fix predates m2, so none
# counts as mislabeled. No test pass of m2: no test column.
run env EYEBALL_NOW=2026-01-04T00:00:00Z "$EYEBALL" import preds preds.csv --model m2
eb report --format json
is "default model is the newest" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["model"], d["errors"], d["reviewed"], d["mislabeled"]["count"], d["labels_fixed_since_import"], "test" in d)')" "m2 24 19 0 0 False"
eb report --model m1 --format json
is "--model picks m1" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["model"], d["errors"], d["reviewed"])')" "m1 25 20"
eb report --model m2
like "no test column without a test pass" "$(printf '%s\n' "$OUT" | sed -n 3p)" "^ +dev$"

# Refusals.
refused "unknown model" 1 "unknown model 'nope'; the store has m1, m2" report --model nope
refused "bad format" 1 "unknown format 'xml' \(use one of text,csv,json,markdown,html\)" report --format xml
refused "bad threshold" 1 "--mislabeled-threshold 'lots' is not a percentage from 0 to 100" report --mislabeled-threshold lots
refused "threshold over 100" 1 "is not a percentage from 0 to 100" report --mislabeled-threshold 101
refused "stray argument" 1 "unexpected argument 'now'" report now
refused "missing store" 1 "no such store" -d "$T_DIR/none.db" report
ok "no store created" test ! -e "$T_DIR/none.db"

# Nothing reviewed yet, no dev split: clear messages.
mkdir fresh && cd fresh
export EYEBALL_DB=$PWD/fresh.db
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,train\n' > s.csv
printf 'id,pred\na,dog\nb,dog\nc,cat\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
eb report
like "nothing reviewed: recommendation" "$(printf '%s' "$OUT" | tr '\n' ' ')" "No misclassified dev example has been reviewed yet: run 'eyeball review'"
like "nothing reviewed: dashes in the table" "$OUT" "^\(no categories: eyeball categories add NAME\)$"
eb report --format json
is "nothing reviewed: json nulls" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["errors"], d["error_rate"], d["reviewed"], d["mislabeled"]["share"], d["mislabeled"]["worth_fixing"])')" "1 0.5 0 None False"
printf 'id,path,label,split\na,a.png,cat,train\nb,b.png,dog,train\nc,c.png,cat,train\n' > s2.csv
eb import samples s2.csv --update
refused "no dev examples" 1 "model m has no predictions for dev examples; assign a dev split \(eyeball split\)" report

# With probabilities, the share of each split that 'eyeball suspects' flags (the data of
# tests/cli/suspects.sh: s3 of the 5 dev examples and "s9,b" of the 5 test ones).
export EYEBALL_DB="$T_DIR/est.db"
printf 'id,path,label,split\ns0,0.png,cat,dev\ns1,1.png,cat,dev\ns2,2.png,cat,test\ns3,3.png,cat,dev\ns4,4.png,dog,dev\ns5,5.png,dog,test\ns6,6.png,dog,test\ns7,7.png,fox,dev\ns8,8.png,fox,test\ns9,9.png,fox,test\n' > e.csv
printf 'id,pred,prob:cat,prob:dog,prob:fox\ns0,cat,0.75,0.125,0.125\ns1,cat,0.875,0.0625,0.0625\ns2,cat,0.5,0.25,0.25\ns3,dog,0.0625,0.75,0.1875\ns4,dog,0.125,0.75,0.125\ns5,dog,0.0625,0.875,0.0625\ns6,dog,0.25,0.5,0.25\ns7,fox,0.125,0.125,0.75\ns8,fox,0.0625,0.0625,0.875\ns9,cat,0.875,0.0625,0.0625\n' > ep.csv
eb import samples e.csv
eb import preds ep.csv --model p
eb report
is "suspects estimate: status" "$RC" 0
like "suspects estimate: text line" "$OUT" 'mislabeled \(suspects est\.\)     20\.00%'
eb report --format json
printf '%s\n' "$OUT" > r.json
is "suspects estimate: json" "$(py 'print(d["suspects_estimate"])')" "0.2"
done_testing
