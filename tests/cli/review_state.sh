# review_state.sh: a small dataset with hand-countable errors, and helpers that build
# review state through the real commands, for the report/apply/export tests. Source it
# after lib.sh.
#
# dev  d001..d250: d001-d015 cat predicted dog, d016-d021 dog predicted cat,
#      d022-d025 bird predicted cat (25 errors = 10.00%); the rest correct, labels
#      cycling cat/dog/bird by index mod 3. source: phone for d001-d010 and d026-d065
#      (50 examples, 10 errors), web for the rest (200 examples, 15 errors).
# test t001..t100: t001-t010 cat predicted dog (10 errors = 10.00%); the rest correct.
# train r001..r300: labels cycling, no predictions.
# Every sample has a metadata column "w" (the index) and the dev ones a "note" column.
make_dataset() {
    awk 'BEGIN {
        split("cat dog bird", L, " ")
        print "id,path,label,split,source,w,note" > "samples.csv"
        print "id,pred" > "preds.csv"
        for (i = 1; i <= 250; i++) {
            id = sprintf("d%03d", i)
            if (i <= 15) { lab = "cat"; pred = "dog" }
            else if (i <= 21) { lab = "dog"; pred = "cat" }
            else if (i <= 25) { lab = "bird"; pred = "cat" }
            else { lab = L[i % 3 + 1]; pred = lab }
            src = (i <= 10 || (i >= 26 && i <= 65)) ? "phone" : "web"
            note = (i == 7) ? "\"blurry, at night\"" : ""
            printf "%s,img/%s.png,%s,dev,%s,%d,%s\n", id, id, lab, src, i, note > "samples.csv"
            printf "%s,%s\n", id, pred > "preds.csv"
        }
        for (i = 1; i <= 100; i++) {
            id = sprintf("t%03d", i)
            lab = (i <= 10) ? "cat" : L[i % 3 + 1]
            pred = (i <= 10) ? "dog" : lab
            printf "%s,img/%s.png,%s,test,,%d,\n", id, id, lab, i > "samples.csv"
            printf "%s,%s\n", id, pred > "preds.csv"
        }
        for (i = 1; i <= 300; i++)
            printf "r%03d,img/r%03d.png,%s,train,web,%d,\n", i, i, L[i % 3 + 1], i > "samples.csv"
    }'
}

# The categories of these tests: the defaults of a new store, less three:
# mislabeled (key 1, ticked by fixes), blurry, occluded, too-small, dark.
setup_categories() {
    local c
    for c in filtered ambiguous look-alike-class; do
        "$EYEBALL" categories rm "$c" > /dev/null || echo "# categories rm $c failed"
    done
}

# A review pass with hand-chosen items, so that every number of a test can be worked out
# by hand ('eyeball review' draws them at random, which review_pass.sh tests).
# t_pass PID SPLIT KIND SAMPLE_N CORRECT_FRACTION SEED ERRORS_POOL CORRECT_POOL ID[:c]...
# (ID:c marks a correctly classified item.)
t_pass() {
    local pid=$1 split=$2 kind=$3 n=$4 cf=$5 seed=$6 ep=$7 cp=$8 pos=0 id correct
    shift 8
    sql "INSERT INTO passes(pid,mid,split,kind,sample_n,correct_fraction,seed,reviewer,created,errors_pool,correct_pool) VALUES($pid,(SELECT mid FROM models WHERE name='m1'),'$split','$kind',$n,$cf,$seed,'tester','$EYEBALL_NOW',$ep,$cp)"
    for id; do
        correct=0
        case $id in *:c) correct=1; id=${id%:c} ;; esac
        pos=$((pos + 1))
        sql "INSERT INTO pass_items(pid,pos,sid,correct) VALUES($pid,$pos,(SELECT sid FROM samples WHERE id='$id'),$correct)"
    done
}

# ui KEYS [REVIEW-ARGS...]: runs the review UI on a key script ("m j m q": mark reviewed,
# next, mark, quit); the screen goes nowhere.
ui() {
    printf 'key %s\n' "$1" > ui.keys
    shift
    EYEBALL_KEYS=$PWD/ui.keys run "$EYEBALL" review "$@"
    [ "$RC" = 0 ] || _t_result 1 "review UI with keys '$(cat ui.keys)': $ERR"
}

# rep N KEY: "KEY KEY ... KEY" (N times).
rep() { local i out=""; for i in $(seq "$1"); do out="$out $2"; done; echo "${out# }"; }

# pass_errors: the ids of the misclassified items of the pass listed in $OUT (review --list).
pass_errors() { printf '%s\n' "$OUT" | awk -F, 'NR > 1 && $4 != $5 { print $2 }'; }

# ids FROM TO PREFIX: d001 d002 ... (FROM and TO as numbers).
ids() { local i; for i in $(seq "$1" "$2"); do printf '%s%03d ' "$3" "$i"; done; }
