#!/usr/bin/env bash
# import preds: CSV and JSONL, probabilities, confidence defaults, replacement, errors.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\ns1,a.png,cat,dev\ns2,b.png,dog,dev\ns3,c.png,bird,test\n' > s.csv
eb import samples s.csv

printf 'id,pred,prob:dog,prob:cat,prob:bird\ns1,dog,0.7,0.2,0.1\ns2,dog,0.6,0.3,0.1\ns3,cat,0.1,0.5,0.4\n' > p.csv
eb import preds p.csv --model resnet
is "CSV preds import" "$OUT" "imported 3 predictions of model 'resnet' from p.csv (with probabilities)"
is "classes in sorted order" "$(sql "SELECT classes FROM models")" '["bird","cat","dog"]'
is "confidence defaults to the probability of pred" "$(sql "SELECT s.id, p.pred, p.confidence FROM preds p JOIN samples s USING(sid) ORDER BY s.id")" "s1|dog|0.7
s2|dog|0.6
s3|cat|0.5"
is "probabilities stored in class order" "$(sql "SELECT hex(probs) FROM preds p JOIN samples s USING(sid) WHERE s.id='s1'")" \
"$(python3 -c 'import struct;print(struct.pack("<3d",0.1,0.2,0.7).hex().upper())' 2>/dev/null || echo 9A9999999999B93F9A9999999999C93F6666666666E6E63F)"

cat > p.jsonl <<'J'
{"id": "s1", "pred": "cat", "confidence": 0.9}
{"id": "s2", "pred": "dog"}
J
eb import preds p.jsonl --model resnet
is "JSONL replaces the model's predictions" "$OUT" "replaced with 2 predictions of model 'resnet' from p.jsonl (without probabilities)"
is "old predictions gone" "$(sql "SELECT count(*), sum(confidence IS NULL) FROM preds")" "2|1"
is "one model" "$(sql "SELECT count(*), classes IS NULL FROM models")" "1|1"

cat > q.jsonl <<'J'
{"id": "s1", "pred": "cat", "probs": {"cat": 0.8, "dog": 0.15, "bird": 0.05}}
{"id": "s3", "pred": "bird", "confidence": 0.55, "probs": {"cat": 0.2, "dog": 0.25, "bird": 0.55}}
J
eb import preds q.jsonl --model vit
is "second model" "$OUT" "imported 2 predictions of model 'vit' from q.jsonl (with probabilities)"

badp() { # badp NAME CONTENT PATTERN
    printf "$2" > "$1"
    refused "$1 refused" 1 "$3" import preds "$1" --model resnet
}
badp unknown_id.csv 'id,pred\ns1,cat\nzz,dog\n' "unknown_id.csv:3: unknown sample id 'zz'"
badp unknown_pred.csv 'id,pred\ns1,horse\n' "unknown_pred.csv:2: pred 'horse' is not a label of the dataset"
badp sum.csv 'id,pred,prob:cat,prob:dog,prob:bird\ns1,cat,0.5,0.3,0.1\n' 'sum.csv:2: probabilities sum to 0.9, not 1'
badp missing_class.csv 'id,pred,prob:cat,prob:dog\ns1,cat,0.5,0.5\n' "missing_class.csv:1: no 'prob:bird' column; give one prob:<label> column for each of the 3 classes, or none"
badp extra_class.csv 'id,pred,prob:cat,prob:dog,prob:bird,prob:fish\ns1,cat,0.5,0.5,0,0\n' "extra_class.csv:1: column 'prob:fish' names a class the dataset does not have"
badp dup.csv 'id,pred\ns1,cat\ns1,dog\n' "dup.csv:3: a second prediction for id 's1'"
badp nan.csv 'id,pred,confidence\ns1,cat,high\n' "nan.csv:2: confidence 'high' is not a number"
badp range.csv 'id,pred,confidence\ns1,cat,1.5\n' 'range.csv:2: confidence 1.5 is outside \[0, 1\]'
badp negprob.csv 'id,pred,prob:cat,prob:dog,prob:bird\ns1,cat,1.2,-0.2,0\n' "negprob.csv:2: probability of 'cat' is 1.2; it must be in \\[0, 1\\]"
badp noid.csv 'pred\ncat\n' "noid.csv:1: no 'id' column"
badp empty.csv '' 'empty.csv:1: empty file'
badp mixed.jsonl '{"id":"s1","pred":"cat","probs":{"cat":1,"dog":0,"bird":0}}\n{"id":"s2","pred":"dog"}\n' 'mixed.jsonl:2: "probs" missing here but given on the first line'
badp partial.jsonl '{"id":"s1","pred":"cat","probs":{"cat":1,"dog":0}}\n' 'partial.jsonl:1: probs has 2 classes; give all 3'
badp badjson.jsonl '{"id":"s1",\n' 'badjson.jsonl:1: invalid JSON'
refused "preds need --model" 1 "import preds needs --model NAME" import preds p.csv
is "failed imports kept resnet's predictions" "$(sql "SELECT count(*) FROM preds p JOIN models m USING(mid) WHERE m.name='resnet'")" "2"

rm -f "$EYEBALL_DB"
eb import samples s.csv
refused "preds before... nothing wrong: unknown model store ok" 1 "unknown sample id" import preds unknown_id.csv --model x
is "a failed import of a new model leaves no model" "$(sql "SELECT count(*) FROM models")" "0"

# A subnormal probability (numpy writes 1e-320) is a number.
printf 'id,pred,prob:bird,prob:cat,prob:dog\ns1,dog,1e-320,0.3,0.7\n' > subnormal.csv
eb import preds subnormal.csv --model sub
is "a subnormal probability is accepted" "$RC $OUT" "0 imported 1 prediction of model 'sub' from subnormal.csv (with probabilities)"
is "and stored as written" "$(sql "SELECT hex(substr(probs,1,8)) FROM preds p JOIN models m USING(mid) WHERE m.name='sub'")" \
    "$(python3 -c 'import struct;print(struct.pack("<d",1e-320).hex().upper())')"
# Columns that differ from the known ones only in case, and a column given twice.
printf 'id,pred,Prob:bird,prob:cat,prob:dog\ns1,dog,0.1,0.2,0.7\n' > upper.csv
refused "a Prob: column" 1 "^eyeball: upper.csv:1: column 'Prob:bird' is not a column of a predictions file \(names are lower case\); did you mean 'prob:bird'\?$" import preds upper.csv --model up
printf 'ID,pred\ns1,dog\n' > upper_id.csv
refused "an ID column" 1 "^eyeball: upper_id.csv:1: column 'ID' is not a column of a predictions file \(names are lower case\); did you mean 'id'\?$" import preds upper_id.csv --model up
printf 'id,pred,id\ns1,dog,s2\n' > two_ids.csv
refused "a second id column" 1 "^eyeball: two_ids.csv:1: column 'id' appears twice in the header$" import preds two_ids.csv --model up
done_testing
