#!/usr/bin/env bash
# eyeball suspects: exact output on a small data set worked out by hand (the same numbers
# as example A in tests/unit/test_suspects.c), and every refusal.
. "$top_srcdir/tests/cli/lib.sh"

# Ten dev/test examples and one train example. Probabilities are multiples of 1/16.
# Thresholds over dev+test: cat (0.75+0.875+0.5+0.0625)/4 = 0.546875, dog 2.125/3 = 0.7083,
# fox (0.75+0.875+0.0625)/3 = 0.5625. Confident joint [given][guess]:
# cat: cat 2, dog 1 (s3); dog: dog 2; fox: cat 1 ("s9,b"), fox 2. Calibrated:
# [[3,1,0],[0,3,0],[1,0,2]]. Pruning flags s3 (largest P(dog)-P(cat) among cats) and
# "s9,b" (largest P(cat)-P(fox) among foxes). Self-confidence: both 0.0625, a tie kept in
# input order; normalized margin: s3 (0.0625-0.75+1)/2 = 0.15625, "s9,b" 0.09375.
cat > samples.csv <<'EOF'
id,path,label,split
s0,a/0.png,cat,dev
s1,a/1.png,cat,dev
s2,a/2.png,cat,test
s3,a/3.png,cat,dev
s4,a/4.png,dog,dev
s5,a/5.png,dog,test
s6,a/6.png,dog,test
s7,a/7.png,fox,dev
s8,a/8.png,fox,test
"s9,b",a/9.png,fox,test
t0,a/t0.png,cat,train
EOF
cat > m1.csv <<'EOF'
id,pred,prob:cat,prob:dog,prob:fox
s0,cat,0.75,0.125,0.125
s1,cat,0.875,0.0625,0.0625
s2,cat,0.5,0.25,0.25
s3,dog,0.0625,0.75,0.1875
s4,dog,0.125,0.75,0.125
s5,dog,0.0625,0.875,0.0625
s6,dog,0.25,0.5,0.25
s7,fox,0.125,0.125,0.75
s8,fox,0.0625,0.0625,0.875
"s9,b",cat,0.875,0.0625,0.0625
t0,dog,0.25,0.5,0.25
EOF
printf 'id,pred\ns0,cat\n' > noprob.csv

# Refusals that need no model yet.
refused "no store" 1 "no such store" -d "$T_DIR/none.db" suspects
ok "no store was created" test ! -e none.db
eb import samples samples.csv
is "import samples" "$RC" 0
refused "no model yet" 1 "no model has predictions yet; import some first: eyeball import preds FILE --model NAME" suspects

eb import preds m1.csv --model m1
is "import preds" "$RC" 0

eb suspects --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r') # CRLF: tests/cli/csv_crlf.sh
is "csv status" "$RC" 0
is "csv, ranked by self-confidence" "$OUT" 'id,split,given,suggested,self_confidence,normalized_margin
s3,dev,cat,dog,0.062500,0.156250
"s9,b",test,fox,cat,0.062500,0.093750'

eb suspects --format csv --method normalized_margin
OUT=$(printf '%s' "$OUT" | tr -d '\r') # CRLF: tests/cli/csv_crlf.sh
is "csv, ranked by normalized margin" "$OUT" 'id,split,given,suggested,self_confidence,normalized_margin
"s9,b",test,fox,cat,0.062500,0.093750
s3,dev,cat,dog,0.062500,0.156250'

eb suspects --format csv --top 1
OUT=$(printf '%s' "$OUT" | tr -d '\r') # CRLF: tests/cli/csv_crlf.sh
is "--top 1" "$OUT" 'id,split,given,suggested,self_confidence,normalized_margin
s3,dev,cat,dog,0.062500,0.156250'

# Only dev: thresholds over s0 s1 s3 s4 s7: cat (0.75+0.875+0.0625)/3 = 0.5625, dog 0.75,
# fox 0.75. Joint: cat: cat 2, dog 1 (s3 at 0.75 >= 0.75); dog: dog 1; fox: fox 1.
# Calibrated [[2,1,0],[0,1,0],[0,0,1]]: s3 again.
eb suspects --split dev --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r') # CRLF: tests/cli/csv_crlf.sh
is "--split dev" "$OUT" 'id,split,given,suggested,self_confidence,normalized_margin
s3,dev,cat,dog,0.062500,0.156250'
eb suspects --split test,dev,test --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r') # CRLF: tests/cli/csv_crlf.sh
like "a split named twice counts once" "$OUT" '^"s9,b",test'

eb suspects
is "text status" "$RC" 0
is "text report" "$OUT" "Likely label errors of model m1 on dev,test: 2 of 10 examples (20.0%)
confident learning as in cleanlab's find_label_issues; ranked by self-confidence

 rank  id    split      given  suggested  self-conf.  norm.marg.
    1  s3    dev        cat    dog            0.0625      0.1562
       labelled cat (p=0.06); the model is confident it is dog (p=0.75, above the dog threshold 0.71)
    2  s9,b  test       fox    cat            0.0625      0.0938
       labelled fox (p=0.06); the model is confident it is cat (p=0.88, above the cat threshold 0.55)

Estimated label errors by class pair (calibrated confident joint): 2 in all
  given  true    examples
  cat    dog            1
  fox    cat            1

Estimated share of mislabeled examples:
  split        examples     flagged    share
  dev                 5           1   20.00%
  test                5           1   20.00%
  all                10           2   20.00%

Class thresholds (mean probability of the class among examples labelled with it):
  cat 0.55, dog 0.71, fox 0.56"

eb suspects --format json --top 1
is "json status" "$RC" 0
like "json: model" "$OUT" '"model": "m1"'
like "json: filter_by" "$OUT" '"filter_by": "prune_by_noise_rate"'
like "json: flagged" "$OUT" '"flagged": 2,'
like "json: share" "$OUT" '"share": 0.2,'
like "json: the fox threshold" "$OUT" '"threshold": 0.5625'
like "json: the pair fox -> cat" "$OUT" '"given": "fox",'
like "json: the first suspect" "$OUT" '"id": "s3",'
like "json: its reason" "$OUT" '"reason": "labelled cat \(p=0.06\); the model is confident it is dog'
ok "json: --top 1 lists one suspect" sh -c "printf '%s\n' \"\$1\" | grep -c '\"rank\"' | grep -qx 1" x "$OUT"
ok "json parses" sh -c "printf '%s\n' \"\$1\" | python3 -m json.tool >/dev/null" x "$OUT"

# The newest model is the default; a model that agrees with every label has no suspects.
sed -e 's/^s3,dog,0.0625,0.75,0.1875/s3,cat,0.75,0.0625,0.1875/' \
    -e 's/^"s9,b",cat,0.875,0.0625,0.0625/"s9,b",fox,0.0625,0.0625,0.875/' m1.csv > m2.csv
eb import preds m2.csv --model m2
eb suspects --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r') # CRLF: tests/cli/csv_crlf.sh
is "the newest model by default: no suspects" "$OUT" 'id,split,given,suggested,self_confidence,normalized_margin'
eb suspects --model m1 --format csv --top 1
OUT=$(printf '%s' "$OUT" | tr -d '\r') # CRLF: tests/cli/csv_crlf.sh
is "--model m1" "$OUT" 'id,split,given,suggested,self_confidence,normalized_margin
s3,dev,cat,dog,0.062500,0.156250'

# A model with predictions for dev and test only: the train sample is left out and said so.
grep -v '^t0,' m1.csv > m3.csv
eb import preds m3.csv --model m3
eb suspects --model m3 --split train,dev,test
like "unpredicted samples are counted" "$OUT" "note: 1 sample of these splits has no prediction of model m3 and was left out"
refused "no examples in the splits" 1 "model 'm3' has no predictions for samples in train; import predictions for them, or choose other splits" suspects --model m3 --split train

eb import preds noprob.csv --model noprob
refused "model without probabilities" 1 "model 'noprob' was imported without probabilities; suspects needs them: import its predictions again with one prob:<label> column per class" suspects
refused "unknown model" 1 "no model named 'nope'; 'eyeball status' lists the models" suspects --model nope
refused "unknown split" 1 "unknown split 'validation' in 'dev,validation'; the splits are train, dev, test and train-dev, comma-separated" suspects --model m1 --split dev,validation
refused "empty split" 1 "empty split name in 'dev,'" suspects --model m1 --split dev,
refused "--top 0" 1 "--top needs a positive whole number, not '0'" suspects --top 0
refused "--top x" 1 "--top needs a positive whole number, not 'x'" suspects --top x
refused "unknown method" 1 "unknown method 'loss' \(use self_confidence or normalized_margin\)" suspects --method loss
refused "unknown filter" 1 "unknown filter 'loss' \(use prune_by_noise_rate, prune_by_class, both, confident_learning or predicted_neq_given\)" suspects --filter-by loss
refused "unknown format" 1 "unknown format 'xml'" suspects --format xml
refused "stray argument" 1 "unexpected argument 'dev'" suspects dev

# A label the model has no probability for (the sample was relabelled after the import).
printf 'id,path,label,split\ns4,a/4.png,owl,dev\n' > owl.csv
eb import samples owl.csv --update
refused "label outside the model's classes" 1 "sample 's4' \(dev\) is labelled 'owl', which is not one of the 3 classes of model 'm1'; import the model's predictions again with a prob:owl column" suspects --model m1

eb suspects --help
like "--help" "$OUT" "^usage: eyeball suspects \[--model NAME\] \[--split LIST\] \[--top N\]"
done_testing
