#!/usr/bin/env bash
# eyeball train: the baseline on embeddings, stored as 'import preds' stores a model, with
# out-of-fold probabilities that suspects uses; seeds, replacement, refusals; the progress
# line on a terminal; accuracy against scikit-learn when it is installed.
. "$top_srcdir/tests/cli/lib.sh"
D="$top_srcdir/tests/train"

python3 "$D/blobs.py" .
eb import samples samples.csv
eb import embeddings emb.csv

# train SED-FREE: the output with the time replaced by T.
untime() { printf '%s\n' "$1" | sed -E 's/ in [0-9]+\.[0-9] s$/ in T s/'; }

eb train
is "train: status" "$RC" 0
is "train: what it did and the accuracy per split" "$(untime "$OUT")" \
"trained model 'baseline': logistic regression on 90 train samples (8 dimensions, 3 classes) in T s
liblinear 2.30 L2R_LR, C=1; out-of-fold probabilities from 5 folds (seed 0) over all 149 embedded samples

split        examples   accuracy  out-of-fold
train              90     98.89%       98.89%
dev                30     93.33%       93.33%
test               29    100.00%      100.00%
note: 1 sample without an embedding has no prediction
next: eyeball suspects --model baseline (uses the out-of-fold probabilities), eyeball review --model baseline"
is "nothing on stderr off a terminal" "$ERR" ""
is "a model with the dataset's classes" "$(sql "SELECT name, classes, file FROM models")" \
    'baseline|["c0","c1","c2"]|eyeball train --folds 5 --C 1 --seed 0'
is "how it was trained" "$(sql "SELECT json_extract(trained, '$.solver'), json_extract(trained, '$.folds'),
    json_extract(trained, '$.C'), json_extract(trained, '$.seed'), json_extract(trained, '$.train_samples'),
    json_extract(trained, '$.accuracy.dev.accuracy') FROM models")" \
    "liblinear 2.30 L2R_LR|5|1|0|90|0.933333"
is "a prediction and out-of-fold probabilities for every embedded sample" \
    "$(sql "SELECT count(*), sum(length(probs)), sum(length(oof)) FROM preds")" "149|3576|3576"
is "the sample without an embedding has no prediction" \
    "$(sql "SELECT count(*) FROM preds JOIN samples USING(sid) WHERE id = 'x149'")" 0
eb status
like "status shows its error rate per split" "$OUT" "baseline +train +90 +1 +1\.11%"

# The same rows as importing its probabilities with 'import preds' gives.
python3 "$D/blobs_dump.py" "$EYEBALL_DB" baseline probs > probs.csv
eb import preds probs.csv --model copy
is "import preds of the same probabilities" "$RC" 0
is "stored exactly as import preds stores them: pred, confidence, probs" \
    "$(sql "SELECT count(*) FROM preds a JOIN preds b ON a.sid = b.sid AND a.mid = 1 AND b.mid = 2
            WHERE a.pred = b.pred AND a.confidence = b.confidence AND a.probs = b.probs")" 149
is "an imported model has no out-of-fold probabilities" "$(sql "SELECT count(oof) FROM preds WHERE mid = 2")" 0

# suspects takes the out-of-fold probabilities, and says so.
python3 "$D/blobs_dump.py" "$EYEBALL_DB" baseline oof > oof.csv
eb import preds oof.csv --model oofcopy
for split in dev,test train; do
    eb suspects --model oofcopy --split "$split" --format csv
    want=$OUT
    eb suspects --model baseline --split "$split" --format csv
    is "suspects on $split: the flagged examples of the out-of-fold probabilities" "$OUT" "$want"
done
eb suspects --model baseline --split dev,test --format csv
is "the mislabeled dev examples are flagged" "$(printf '%s\n' "$OUT" | cut -d, -f1-4)" "id,split,given,suggested
x091,dev,c2,c1
x092,dev,c0,c2"
eb suspects --model baseline --split train --format csv
is "and the mislabeled train example" "$(printf '%s\n' "$OUT" | cut -d, -f1-4)" "id,split,given,suggested
x005,train,c0,c2"
is "no in-sample warning on train: the probabilities are out-of-fold" "$ERR" ""
eb suspects --model baseline
like "suspects says which probabilities" "$OUT" \
    "^probabilities: out-of-fold, from the fold models of 'eyeball train'"
eb suspects --model copy
like "not for imported predictions" "$OUT" "^confident learning"
is "not for imported predictions: no such line" "$(printf '%s\n' "$OUT" | grep -c '^probabilities:')" 0
eb suspects --model baseline --format json
like "JSON names them" "$OUT" '"probabilities": "out_of_fold"'

# Seeds: the same seed, the same folds; another seed, other folds.
eb train --name again
eb train --name other --seed 9 --folds 3 --C 0.5
is "another name, another seed" "$(untime "$(printf '%s\n' "$OUT" | head -2)")" \
"trained model 'other': logistic regression on 90 train samples (8 dimensions, 3 classes) in T s
liblinear 2.30 L2R_LR, C=0.5; out-of-fold probabilities from 3 folds (seed 9) over all 149 embedded samples"
is "the same seed gives the same out-of-fold probabilities" \
    "$(sql "SELECT count(*) FROM preds a JOIN preds b USING(sid) WHERE a.mid = 1 AND b.mid = 4 AND a.oof = b.oof")" 149
is "the main model does not depend on the folds" \
    "$(sql "SELECT count(*) FROM preds a JOIN preds b USING(sid) WHERE a.mid = 1 AND b.mid = 4 AND a.probs = b.probs")" 149
is "another seed and C give other probabilities" \
    "$(sql "SELECT count(*) < 149 FROM preds a JOIN preds b USING(sid) WHERE a.mid = 1 AND b.mid = 5 AND a.oof = b.oof")" 1

eb train --seed 9
like "training again replaces the model" "$OUT" "^replaced model 'baseline'"
is "still one model of that name, with one row a sample" "$(sql "SELECT count(*) FROM models WHERE name = 'baseline';
    SELECT count(*) FROM preds WHERE mid = 1")" "1
149"
eb import preds probs.csv --model baseline
eb suspects --model baseline
is "predictions imported over a trained model are its own again" "$(printf '%s\n' "$OUT" | grep -c '^probabilities:')" 0
is "... and it is no longer marked trained" "$(sql "SELECT trained IS NULL FROM models WHERE name = 'baseline'")" 1

refused "--folds 1" 1 "--folds needs a whole number from 2 to 100, not '1'" train --folds 1
refused "--folds x" 1 "--folds needs a whole number from 2 to 100, not 'x'" train --folds x
refused "--C 0" 1 "--C needs a positive number, not '0'" train --C 0
refused "--C -1" 1 "--C needs a positive number, not '-1'" train --C -1
refused "--seed -1" 1 "--seed needs a whole number, not '-1'" train --seed -1
refused "--name ''" 1 "--name needs a non-empty name" train --name ''
refused "an argument" 1 "unexpected argument 'x'" train x

# Stores the train command cannot work on.
mkdir one && cd one
export EYEBALL_DB=$PWD/eyeball.db
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,train\nd,d.png,cat,train\n' > s.csv
printf 'id,e0\na,1\nb,2\nc,3\nd,4\n' > e.csv
eb import samples s.csv
eb import embeddings e.csv
refused "one class in train" 1 "the train split has fewer than two classes among samples with embeddings" train --folds 2
refused "more folds than samples" 1 "6 folds for 4 samples; use between 2 and the number of samples" train --folds 6
printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,\nd,d.png,dog,test\n' > s.csv
eb import samples s.csv --update
refused "no train split" 1 "no sample of the train split has an embedding; assign splits first" train
cd ..
export EYEBALL_DB=$T_DIR/eyeball.db

# A progress line on a terminal, cleared at the end.
if command -v script >/dev/null 2>&1; then
    script -qec "$EYEBALL train --name tty 2>&1 >/dev/null" /dev/null > tty.out
    like "progress on a terminal" "$(tr '\r' '\n' < tty.out)" "^train: 6 of 6 fits done \([0-9]+ s\)"
else
    echo "ok $((T_N += 1)) # SKIP the script command (util-linux) is missing"
fi

# Accuracy within one point of scikit-learn's LogisticRegression with the same C, on a
# data set made here.
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import sklearn, numpy' 2>/dev/null; then py=$p; break; fi
done
if [ -n "$py" ]; then
    mkdir sk && cd sk
    export EYEBALL_DB=$PWD/eyeball.db
    "$py" "$D/sklearn_compare.py" . > sklearn.txt
    eb import samples samples.csv
    eb import embeddings emb.csv
    eb train --C 0.5
    for split in dev test; do
        ours=$(printf '%s\n' "$OUT" | awk -v s=$split '$1 == s { sub("%", "", $3); print $3 }')
        for col in 2:multinomial 3:one-vs-rest; do
            theirs=$(awk -v s=$split -v c=${col%%:*} '$1 == s { print $c }' sklearn.txt)
            like "$split accuracy $ours% within one point of scikit-learn's ${col#*:} $theirs%" \
                "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { d = a - b; print (d <= 1 && d >= -1) ? "within" : "off" }')" "^within$"
        done
    done
    cd ..
else
    for _ in 1 2 3 4; do echo "ok $((T_N += 1)) # SKIP scikit-learn is not installed"; done
fi
done_testing
