#!/usr/bin/env bash
# status: exact text and JSON for a small store.
. "$top_srcdir/tests/cli/lib.sh"

cat > s.csv <<'C'
id,path,label,split,source
a,a.png,cat,dev,web
b,b.png,dog,dev,phone
c,c.png,cat,train,web
d,d.png,dog,test,
e,e.png,dog,,web
C
eb import samples s.csv
printf 'id,pred\na,dog\nb,dog\nc,cat\nd,cat\n' > p.csv
eb import preds p.csv --model m1
eb status
is "status text" "$OUT" "store $EYEBALL_DB: 5 samples, 2 labels, 1 model

Split                       samples   share
train                             1   20.0%
dev                               2   40.0%
test                              1   20.0%
unassigned                        1   20.0%

Source                      samples   share
web                               3   60.0%
(none)                            1   20.0%
phone                             1   20.0%

Label                       samples   share
dog                               3   60.0%
cat                               2   40.0%

Model            split        examples     errors error rate
m1               train               1          0      0.00%
                 dev                 2          1     50.00%
                 test                1          1    100.00%
errors: against the current labels (no fix applied after a model's import)

no open review pass
reviewed examples: 0
label fixes: 0 staged, 0 applied, 0 withdrawn
content hashes: none yet; 'eyeball scan' finds exact duplicates and leakage"
eb status --format json
is "json: dev error rate" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); m=d["models"][0]["splits"]["dev"]; print(d["samples"], m["examples"], m["errors"], m["error_rate"])')" "5 2 1 0.5"
# Leakage: the same bytes in train and in dev.
printf 'same bytes' > a.png; cp a.png c.png; printf 'other' > b.png
eb scan
eb status
like "status counts the duplicates" "$OUT" "content hashes: 3 of 5 samples; 1 exact-duplicate group \(2 samples\)"
like "and warns about leakage" "$OUT" "warning: leakage: 1 image sits in train and also in dev, test or train-dev \(1 evaluation sample\)"
refused "bad format" 1 "unknown format 'xml'" status --format xml
refused "stray argument" 1 "unexpected argument 'now'" status now
done_testing
