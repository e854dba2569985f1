#!/usr/bin/env bash
# eyeball_status: status with an Eyeball part: each model's dev error on Eyeball and
# Blackbox with Wilson 95% intervals, the overfit warning, and the JSON objects. Every
# number is worked out by hand beside the test.
. "$top_srcdir/tests/cli/lib.sh"

# 200 dev examples (all cat), 100 of them in the Eyeball part; a dog in train.
awk 'BEGIN { print "id,path,label,split"
    for (i = 0; i < 200; i++) printf "d%03d,d%03d.png,cat,dev\n", i, i
    print "t0,t0.png,dog,train" }' > s.csv
eb import samples s.csv
# A model before the part: status as today.
printf 'id,pred\nd000,dog\n' > one.csv
eb import preds one.csv --model zero
eb status
before=$OUT
like "no part: no dev part table" "$OUT" "^zero +dev +1 +1 +100.00%$"
is "no part: no parts line" "$(printf '%s\n' "$OUT" | grep -c 'Eyeball')" 0
eb status --format json
is "no part: no dev_parts, no eyeball object" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("dev_parts" in d, "eyeball" in d["models"][0]["splits"]["dev"])')" "False False"

eb split --eyeball 100
# preds NAME E B: wrong on the first E Eyeball and the first B Blackbox examples (by id).
preds() {
    { echo id,pred
      sql "SELECT id, CASE WHEN rank <= $2 THEN 'dog' ELSE 'cat' END FROM (SELECT id,
          row_number() OVER (ORDER BY id) AS rank FROM samples WHERE part = 'eyeball')
          UNION ALL SELECT id, CASE WHEN rank <= $3 THEN 'dog' ELSE 'cat' END FROM (SELECT id,
          row_number() OVER (ORDER BY id) AS rank FROM samples WHERE part IS NULL AND split = 'dev')" | tr '|' ,
    } > "$1.csv"
}
preds v1 30 30
preds v2 5 29
preds v3 5 5
eb import preds v1.csv --model v1
printf 'id,pred\nt0,cat\n' > trainonly.csv
eb import preds trainonly.csv --model trainonly
eb import preds v2.csv --model v2
eb import preds v3.csv --model v3
# Wilson 95%, z = 1.959964: 30/100 → 21.89% to 39.58%; 29/100 → 21.01% to 38.54%;
# 5/100 → 2.15% to 11.18%; 0/1 → 0% to 79.35% (z²/(1 + z²) = 3.8415/4.8415).
# v1 → v2: Eyeball falls 25 points, Newcombe interval 14.81 to 35.00; Blackbox falls 1,
# interval −11.52 to 13.48: 14.81 > 13.48, so the warning. Renew: 100 errors at v2's
# Blackbox rate of 29% need ceil(10000/29) = 345, capped at the 100 Blackbox examples.
# v2 → v3: the Eyeball error stays, Blackbox falls: no warning. trainonly, imported
# between v1 and v2, has no dev predictions: v2 is compared with v1.
eb status
is "status: the dev parts" "$(printf '%s\n' "$OUT" | sed -n '/^dev: Eyeball/,/^$/p')" \
"dev: Eyeball part 100 examples, Blackbox part 100 (nobody has looked at them)
Model            dev part     examples     errors error rate  95% interval
zero             Eyeball             0          0          -
                 Blackbox            1          1    100.00%  20.65% to 100.00%
v1               Eyeball           100         30     30.00%  21.89% to 39.58%
                 Blackbox          100         30     30.00%  21.89% to 39.58%
v2               Eyeball           100          5      5.00%  2.15% to 11.18%
                 Blackbox          100         29     29.00%  21.01% to 38.54%
v3               Eyeball           100          5      5.00%  2.15% to 11.18%
                 Blackbox          100          5      5.00%  2.15% to 11.18%
warning: from model 'v1' to 'v2' the Eyeball dev error fell by 25.00 points (30.00% to 5.00%) and the Blackbox error by 1.00 (30.00% to 29.00%), further apart than their 95% intervals allow: the Eyeball part may be overfit; renew it with fresh examples: eyeball split --renew 100"
is "status: models in import order" "$(printf '%s\n' "$OUT" | awk '/^Model/{n++} n==1 && $2 == "dev" {print $1}' | tr '\n' ' ')" "zero v1 v2 v3 "
eb status --format json
is "json: eyeball and blackbox objects" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for m in d["models"]:
    if "dev" not in m["splits"]:
        continue
    dev = m["splits"]["dev"]
    for part in ("eyeball", "blackbox"):
        o = dev[part]
        ci = o["ci95"] and "%.4f %.4f" % tuple(o["ci95"])
        print(m["name"], part, o["examples"], o["errors"], o["error_rate"], ci)
print(d["dev_parts"])')" \
"zero eyeball 0 0 None None
zero blackbox 1 1 1.0 0.2065 1.0000
v1 eyeball 100 30 0.3 0.2189 0.3958
v1 blackbox 100 30 0.3 0.2189 0.3958
v2 eyeball 100 5 0.05 0.0215 0.1118
v2 blackbox 100 29 0.29 0.2101 0.3854
v3 eyeball 100 5 0.05 0.0215 0.1118
v3 blackbox 100 5 0.05 0.0215 0.1118
{'eyeball': 100, 'blackbox': 100, 'blackbox_shown': 0, 'overfit': [{'from': 'v1', 'to': 'v2'}]}"

# The report shows the same table, whichever model it is about.
eb report --model v2
is "report: the Eyeball and Blackbox section" "$(printf '%s\n' "$OUT" | sed -n '/^Eyeball and Blackbox$/,/^$/p')" \
"Eyeball and Blackbox
dev: Eyeball part 100 examples, Blackbox part 100 (nobody has looked at them)
Model            dev part     examples     errors error rate  95% interval
zero             Eyeball             0          0          -
                 Blackbox            1          1    100.00%  20.65% to 100.00%
v1               Eyeball           100         30     30.00%  21.89% to 39.58%
                 Blackbox          100         30     30.00%  21.89% to 39.58%
v2               Eyeball           100          5      5.00%  2.15% to 11.18%
                 Blackbox          100         29     29.00%  21.01% to 38.54%
v3               Eyeball           100          5      5.00%  2.15% to 11.18%
                 Blackbox          100          5      5.00%  2.15% to 11.18%
warning: from model 'v1' to 'v2' the Eyeball dev error fell by 25.00 points (30.00% to 5.00%) and the Blackbox error by 1.00 (30.00% to 29.00%), further apart than their 95% intervals allow: the Eyeball part may be overfit; renew it with fresh examples: eyeball split --renew 100"
eb report --model v2 --format markdown
is "report markdown: the table" "$(printf '%s\n' "$OUT" | sed -n '/^| model | dev part/,/^$/p' | sed -n '1,2p;5,6p')" \
"| model | dev part | examples | errors | error rate | 95% interval |
|---|---|---:|---:|---:|---|
| v1 | Eyeball | 100 | 30 | 30.00% | 21.89% to 39.58% |
|  | Blackbox | 100 | 30 | 30.00% | 21.89% to 39.58% |"
like "report markdown: the warning" "$OUT" "^\*\*Warning:\*\* from model 'v1' to 'v2' the Eyeball dev error fell by 25.00 points"
eb report --model v2 --format json
is "report json: the model's eyeball and blackbox objects, dev_parts" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["eyeball"]["examples"], d["eyeball"]["errors"], d["eyeball"]["error_rate"], "%.4f" % d["eyeball"]["ci95"][0])
print(d["blackbox"]["examples"], d["blackbox"]["errors"], d["blackbox"]["error_rate"], "%.4f" % d["blackbox"]["ci95"][1])
print([m["model"] for m in d["dev_parts"]["models"]], d["dev_parts"]["overfit"])')" \
"100 5 0.05 0.0215
100 29 0.29 0.3854
['zero', 'v1', 'v2', 'v3'] [{'from': 'v1', 'to': 'v2'}]"

# Re-importing a model keeps its place in the sequence.
eb import preds v1.csv --model v1
eb status
is "re-imported v1 stays first" "$(printf '%s\n' "$OUT" | awk '/^Model/{n++} n==1 && $2 == "dev" {print $1}' | tr '\n' ' ')" "zero v1 v2 v3 "

# A Blackbox pass shows in the parts line and the open passes.
eb review --list --model v3 --blackbox --seed 1 --sample 2
eb status
like "Blackbox examples shown" "$OUT" "^dev: Eyeball part 100 examples, Blackbox part 100 \(2 of them shown by review --blackbox\)$"
like "the pass says its part" "$OUT" "^open pass #1: random pass over dev \(Blackbox\) of model v3, 0 of 2 reviewed$"
eb status --format json
is "json: the pass's part and the shown count" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["open_passes"][0]["part"], d["dev_parts"]["blackbox_shown"])')" "blackbox 2"
done_testing
