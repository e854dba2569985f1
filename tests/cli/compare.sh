#!/usr/bin/env bash
# compare: two tiny models where every count is known, worked out beside each test.
. "$top_srcdir/tests/cli/lib.sh"

# Dev e01..e12; one train example of each label.
cat > s.csv <<'CSV'
id,path,label,split
e01,e01.png,cat,dev
e02,e02.png,cat,dev
e03,e03.png,cat,dev
e04,e04.png,cat,dev
e05,e05.png,cat,dev
e06,e06.png,cat,dev
e07,e07.png,cat,dev
e08,e08.png,dog,dev
e09,e09.png,bird,dev
e10,e10.png,bird,dev
e11,e11.png,dog,dev
e12,e12.png,cat,dev
t1,t1.png,cat,train
t2,t2.png,dog,train
t3,t3.png,bird,train
CSV
# e01-e04 both right; e05-e07 A says dog, B right (fixed); e08 A right, B says cat
# (broken); e09, e10 A says cat, B says dog (both wrong); e11 both say bird; e12 only A.
cat > a.csv <<'CSV'
id,pred
e01,cat
e02,cat
e03,cat
e04,cat
e05,dog
e06,dog
e07,dog
e08,dog
e09,cat
e10,cat
e11,bird
e12,cat
CSV
cat > b.csv <<'CSV'
id,pred
e01,cat
e02,cat
e03,cat
e04,cat
e05,cat
e06,cat
e07,cat
e08,cat
e09,dog
e10,dog
e11,bird
CSV
eb import samples s.csv
eb import preds a.csv --model A
eb import preds b.csv --model B
# Review A: all 6 of its errors in the common 11 (and none other) in one pass; tag four.
eb review --list --model A --seed 1
eb tag e05 blurry
eb tag e06 blurry
eb tag e09 blurry
eb tag e11 occluded

# 11 examples in common. A: e05-e07, e09, e10, e11 = 6 wrong (54.55%, Wilson 28.01% to
# 78.73%); B: e08, e09, e10, e11 = 4 (36.36%, 15.17% to 64.62%). fixed 3, broken 1:
# McNemar p = 2 (C(4,0) + C(4,1)) / 2^4 = 10/16 = 0.625.
# Categories over A's 4 reviewed errors: blurry e05, e06, e09 (B still wrong on e09);
# occluded e11 (B still wrong). Pairs: cat->dog 3 -> 0; bird->cat 2 -> 0 and bird->dog
# 0 -> 2 (change 2 each, by prediction); dog->cat 0 -> 1; dog->bird 1 -> 1 unchanged.
eb compare A B
is "text" "$RC $OUT" "0 11 examples of dev both models predicted; labels as at the import of B (the later one), as 'eyeball report' scores

     model                errors error rate  95% interval
A    A                         6     54.55%  28.01% to 78.73%
B    B                         4     36.36%  15.17% to 64.62%

fixed (A wrong, B right): 3
broken (A right, B wrong): 1
McNemar exact test (two-sided, on fixed and broken): p = 0.625: could well be chance (p >= 0.05)

Error categories over A's 4 errors reviewed with A's predictions:
  blurry: 3 of A's errors, B still wrong on 1
  occluded: 1 of A's errors, B still wrong on 1

Confusion pairs that changed most (given -> predicted: A, B):
  cat -> dog: 3 -> 0 (-3)
  bird -> cat: 2 -> 0 (-2)
  bird -> dog: 0 -> 2 (+2)
  dog -> cat: 0 -> 1 (+1)"
eb compare A B --format json
is "json" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["split"], d["part"], d["examples"], d["fixed"], d["broken"], d["mcnemar_p"])
for k in ("a", "b"):
    m = d[k]
    print(k, m["model"], m["errors"], round(m["error_rate"], 6), "%.4f %.4f" % tuple(m["ci95"]))
print([(c["name"], c["a_errors"], c["b_still_wrong"]) for c in d["categories"]])
print([(p["label"], p["pred"], p["a"], p["b"]) for p in d["pairs"]])
print(d["labels_from"], d["reviewed"])')" "dev all 11 3 1 0.625
a A 6 0.545455 0.2801 0.7873
b B 4 0.363636 0.1517 0.6462
[('blurry', 3, 1), ('occluded', 1, 1)]
[('cat', 'dog', 3, 0), ('bird', 'cat', 2, 0), ('bird', 'dog', 0, 2), ('dog', 'cat', 0, 1)]
B 4"
eb compare A B --format markdown
is "markdown: the models and the pairs" "$(printf '%s\n' "$OUT" | grep '^|' | sed -n '3,4p;9,10p')" \
"| A | A | 6 | 54.55% | 28.01% to 78.73% |
| B | B | 4 | 36.36% | 15.17% to 64.62% |
| given | predicted | A | B | change |
|---|---|---:|---:|---:|"
eb compare A B --list fixed
is "--list fixed" "$OUT" "$(printf 'id,split,label,a_pred,b_pred\r\ne05,dev,cat,dog,cat\r\ne06,dev,cat,dog,cat\r\ne07,dev,cat,dog,cat\r')"
eb compare --list broken B A
is "--list broken, options first: B against A breaks what A fixed" "$OUT" "$(printf 'id,split,label,a_pred,b_pred\r\ne05,dev,cat,cat,dog\r\ne06,dev,cat,cat,dog\r\ne07,dev,cat,cat,dog\r')"
# Reviewing B's new errors: a pass of kind broken over what B gets wrong and A right.
eb review --queue broken --model B --against A --list --seed 3
is "review --queue broken" "$RC $ERR" "0 started pass #2: 1 of the 1 dev example model 'B' gets wrong and model 'A' right (seed 3)"
is "its item: e08" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f2-5)" "e08,dev,dog,cat"
is "kind broken, against A" "$(sql "SELECT kind, split, against = (SELECT mid FROM models WHERE name = 'A')
    FROM passes WHERE pid = 2")" "broken|dev|1"
eb tag e08 blurry
eb report --model B --format json
# B's errors judged in A's random pass (e09, e11) count; e08, judged in the broken pass
# only, is left out.
is "the report's tally of B leaves the broken pass out" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["reviewed"], d["judged_outside_sample"])')" "2 1"
eb review --queue broken --model B --against A --list
is "the broken pass continues" "$ERR" "continuing pass #2: 1 of 1 reviewed"
eb status
like "status names the model it is against" "$OUT" "^open pass #2: broken pass over dev of model B against A, 1 of 1 reviewed$"
eb review --queue broken --model A --against B --list --seed 1
is "A against B: A's errors B gets right, a pass of its own" "$ERR" "started pass #3: 3 of the 3 dev examples model 'A' gets wrong and model 'B' right (seed 1)"
refused "--queue broken without --against" 1 "--queue broken needs --against NAME" review --queue broken --list
refused "--against without --queue broken" 1 "--against only goes with --queue broken" review --against A --list
refused "--against the same model" 1 "--against names the model under review, 'B'" review --queue broken --model B --against B --list
refused "--against an unknown model" 1 "no model named 'Z'" review --queue broken --model B --against Z --list
refused "nothing broken on test" 1 "model 'B' gets no test example wrong that model 'A' gets right" \
    review --queue broken --model B --against A --split test --list
eb compare B A
like "B against A: the counts swap" "$OUT" "fixed \(A wrong, B right\): 1"
is "B against A: B's error reviewed in the broken pass" "$(printf '%s\n' "$OUT" | sed -n '/^Error categories/,/^$/p')" "Error categories over A's 1 error reviewed with A's predictions:
  blurry: 1 of A's errors, B still wrong on 0"

# Labels at the later import: a fix applied after both imports (e08 dog -> cat) does not
# count for A and B, but does for C, imported after it with B's predictions.
eb fix e08 cat
eb apply --force-dev-only
eb compare A B
like "after the fix, A and B still scored on dog" "$OUT" "broken \(A right, B wrong\): 1"
sed '/^e12/d' b.csv > c.csv
eb import preds c.csv --model C
# A against C on cat for e08: A wrong (dog), C right: fixed 4, broken 0; A 7 wrong (63.64%,
# 35.38% to 84.83%), C 3 (27.27%, 9.75% to 56.56%); p = 2 / 2^4 = 0.125.
eb compare A C
is "A against C: labels at C's import" "$(printf '%s\n' "$OUT" | sed -n '1p;4,9p')" "11 examples of dev both models predicted; labels as at the import of C (the later one), as 'eyeball report' scores
A    A                         7     63.64%  35.38% to 84.83%
B    C                         3     27.27%  9.75% to 56.56%

fixed (A wrong, B right): 4
broken (A right, B wrong): 0
McNemar exact test (two-sided, on fixed and broken): p = 0.125: could well be chance (p >= 0.05)"

refused "the same model twice" 1 "A and B are the same model 'A'" compare A A
refused "an unknown model" 1 "no model named 'Z'" compare A Z
refused "one model only" 1 "compare needs two model names, A and B" compare A
refused "three models" 1 "unexpected argument 'C'" compare A B C
refused "a bad --part" 1 "--part must be eyeball, blackbox or all, not 'x'" compare A B --part x
refused "a bad --list" 1 "--list must be fixed or broken" compare A B --list x
refused "--list with --format" 1 "--list prints CSV; leave out --format" compare A B --list fixed --format json
refused "--part on test" 1 "--part is about dev's Eyeball and Blackbox parts" compare A B --split test --part eyeball
refused "--part without an Eyeball part" 1 "dev has no Eyeball part, so --part eyeball has nothing to select" compare A B --part eyeball
refused "no examples in common" 1 "models 'A' and 'B' have no test example in common" compare A B --split test

# With an Eyeball part: --part selects it. The part is chosen by hash; the counts over
# both parts add up to the whole.
eb split --eyeball 6
eb compare A B --part eyeball --format json
eye=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["part"], d["examples"], d["a"]["errors"], d["b"]["errors"], d["fixed"], d["broken"])')
eb compare A B --part blackbox --format json
bb=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["part"], d["examples"], d["a"]["errors"], d["b"]["errors"], d["fixed"], d["broken"])')
is "parts: eyeball and blackbox" "${eye%% *} ${bb%% *}" "eyeball blackbox"
is "the two parts add up to all of dev" "$(echo "$eye $bb" | awk '{print $2 + $8, $3 + $9, $4 + $10, $5 + $11, $6 + $12}')" "11 6 4 3 1"
want=$(sql "SELECT count(*) FROM samples WHERE part = 'eyeball' AND id <> 'e12'")
is "the Eyeball part's examples" "${eye#eyeball }" "$want${eye#eyeball $want}"
like "text says the part" "$(eb compare A B --part eyeball; echo "$OUT")" "^[0-9]+ examples of dev \(Eyeball part\) both models predicted"
done_testing
