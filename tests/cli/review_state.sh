# review_state.sh: a small dataset with hand-countable errors, and review state for the
# report/apply/export tests. Source it after lib.sh.
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

# ---- TEMPORARY: review state written with SQL until the tag/untag/fix/categories
# commands and review passes are on the main branch; then these become CLI calls. ----
q() { sqlite3 "$EYEBALL_DB" "$1"; }
sid_of() { echo "(SELECT sid FROM samples WHERE id='$1')"; }
t_category() { # NAME POSITION [MISLABELED]
    q "INSERT INTO categories(name,key,position,mislabeled,created) VALUES('$1','$2',$2,${3:-0},'$EYEBALL_NOW')"
}
t_review() { # ID...
    for id; do
        q "INSERT OR IGNORE INTO reviews(sid,reviewer,time) VALUES($(sid_of "$id"),'tester','$EYEBALL_NOW')"
    done
}
t_tag() { # CATEGORY ID...
    local cat=$1
    shift
    for id; do
        t_review "$id"
        q "INSERT OR IGNORE INTO tags(sid,cid,reviewer,time) SELECT $(sid_of "$id"), cid, 'tester', '$EYEBALL_NOW' FROM categories WHERE name='$cat'"
    done
}
t_fix() { # ID NEW_LABEL: stage a fix and tick the mislabeled category, as the UI does
    t_review "$1"
    q "INSERT INTO fixes(sid,old_label,new_label,status,reviewer,time,note) SELECT sid, label, '$2', 'staged', 'tester', '$EYEBALL_NOW', NULL FROM samples WHERE id='$1'"
    q "INSERT OR IGNORE INTO tags(sid,cid,reviewer,time) SELECT $(sid_of "$1"), cid, 'tester', '$EYEBALL_NOW' FROM categories WHERE mislabeled=1"
}
t_pass() { # PID SPLIT KIND SAMPLE_N CORRECT_FRACTION SEED ERRORS_POOL CORRECT_POOL ID[:c]...
    local pid=$1 split=$2 kind=$3 n=$4 cf=$5 seed=$6 ep=$7 cp=$8 pos=0 id correct
    shift 8
    q "INSERT INTO passes(pid,mid,split,kind,sample_n,correct_fraction,seed,reviewer,created,errors_pool,correct_pool) VALUES($pid,(SELECT mid FROM models WHERE name='m1'),'$split','$kind',$n,$cf,$seed,'tester','$EYEBALL_NOW',$ep,$cp)"
    for id; do
        correct=0
        case $id in *:c) correct=1; id=${id%:c} ;; esac
        pos=$((pos + 1))
        q "INSERT INTO pass_items(pid,pos,sid,correct) VALUES($pid,$pos,$(sid_of "$id"),$correct)"
    done
}
# ---- end of TEMPORARY ----

# ids FROM TO PREFIX: d001 d002 ... (FROM and TO as numbers).
ids() { local i; for i in $(seq "$1" "$2"); do printf '%s%03d ' "$3" "$i"; done; }
