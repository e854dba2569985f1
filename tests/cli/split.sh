#!/usr/bin/env bash
# split: exact output and store contents for the rules, stability, and every refusal.
. "$top_srcdir/tests/cli/lib.sh"

# splits [DB]: every sample as id=split, by id.
splits() {
    sqlite3 "${1:-$EYEBALL_DB}" "SELECT group_concat(id || '=' || coalesce(split, '-'), ' ')
        FROM (SELECT id, split FROM samples ORDER BY id)"
}
# counts [DB]: split|count, by split.
counts() {
    sqlite3 "${1:-$EYEBALL_DB}" "SELECT coalesce(split, '-'), count(*) FROM samples
        GROUP BY split ORDER BY split"
}
# gen FILE N [FIRST]: N samples s<i> (i from FIRST), labels cat/dog/bird in turn, every
# fourth from source phone, the others from web.
gen() {
    awk -v n="$2" -v first="${3:-0}" 'BEGIN {
        print "id,path,label,source"
        split("cat dog bird", lab, " ")
        for (i = first; i < first + n; i++)
            printf "s%04d,s%04d.png,%s,%s\n", i, i, lab[i % 3 + 1], (i % 4 == 0 ? "phone" : "web")
    }' > "$1"
}

# Ten samples without a split or source: 60/20/20 gives 6/2/2.
printf 'id,path,label\n' > ten.csv
for i in 0 1 2 3 4 5 6 7 8 9; do echo "s$i,s$i.png,cat" >> ten.csv; done
eb import samples ten.csv
eb split --seed 1 --dry-run
is "dry run output" "$OUT" "10 samples: 20% would be 2 <= cap 10,000, so 60/20/20

source           split         samples   share
(all)            train               6   60.0%
                 dev                 2   20.0%
                 test                2   20.0%

dry run: 10 samples would be assigned (seed 1); the store is unchanged"
is "dry run changes nothing" "$(splits)" "s0=- s1=- s2=- s3=- s4=- s5=- s6=- s7=- s8=- s9=-"
eb split --seed 1
is "split exit status" "$RC" 0
is "split output" "$OUT" "10 samples: 20% would be 2 <= cap 10,000, so 60/20/20

source           split         samples   share
(all)            train               6   60.0%
                 dev                 2   20.0%
                 test                2   20.0%

assigned 10 samples (seed 1)"
# By XXH3-64 with seed 1 the ids rank s7 s0 | s2 s6 | s8 s3 s9 s1 s4 s5.
is "each sample's split" "$(splits)" "s0=dev s1=train s2=test s3=train s4=train s5=train s6=test s7=dev s8=train s9=train"
is "history row" "$(sql "SELECT reviewer, time, sid IS NULL, action, detail FROM history")" \
'tester|2026-01-02T03:04:05Z|1|split|{"seed":1,"ratios":null,"max_eval":10000,"target":null,"target_train":null,"train_dev":null,"stratify":false,"reassign":false,"force":false,"assigned":10,"moved":0,"kept":0,"splits":{"train":6,"dev":2,"test":2,"train-dev":0}}'
before=$(store_state)
eb split --seed 1
is "a second split has nothing to do" "$OUT" "all 10 samples have a split already; nothing to do (--reassign assigns them again)"
is "and changes nothing" "$(store_state)" "$before"

# File order does not matter: the same samples in reverse order, in another store.
{ head -1 ten.csv; tail -n +2 ten.csv | sort -r; } > ten_rev.csv
EYEBALL_DB=$T_DIR/rev.db run "$EYEBALL" import samples ten_rev.csv
EYEBALL_DB=$T_DIR/rev.db run "$EYEBALL" split --seed 1
is "reverse file order, same splits" "$(splits "$T_DIR/rev.db")" "$(splits)"
EYEBALL_DB=$T_DIR/rev.db run "$EYEBALL" split --seed 2 --reassign
is "another seed, other splits" "$(splits "$T_DIR/rev.db")" "s0=train s1=train s2=train s3=test s4=test s5=dev s6=train s7=train s8=dev s9=train"

# Stability: five more samples fill what 15 lack (9/3/3 - 6/2/2 = 3/1/1); the ten stay.
old=$(splits)
printf 'id,path,label\n' > more.csv
for i in a b c d e; do echo "n$i,n$i.png,cat" >> more.csv; done
eb import samples more.csv
eb split --seed 1
is "additions: output" "$OUT" "15 samples: 20% would be 3 <= cap 10,000, so 60/20/20
10 samples keep the split they have; the 5 without one are assigned

source           split         samples   share
(all)            train               9   60.0%
                 dev                 3   20.0%
                 test                3   20.0%

assigned 5 samples (seed 1)"
is "the ten kept their splits" "$(sqlite3 "$EYEBALL_DB" "SELECT group_concat(id || '=' || split, ' ') FROM (SELECT id, split FROM samples WHERE id LIKE 's%' ORDER BY id)")" "$old"
is "the five new ones: 3 train, 1 dev, 1 test" "$(sql "SELECT split, count(*) FROM samples WHERE id LIKE 'n%' GROUP BY split ORDER BY split")" "dev|1
test|1
train|3"

# The cap: 100 samples with --max-eval 10.
export EYEBALL_DB=$T_DIR/cap.db
gen hundred.csv 100
eb import samples hundred.csv
eb split --max-eval 10 --dry-run
is "cap: rule" "$(printf '%s\n' "$OUT" | head -1)" "100 samples: 20% would be 20 > cap 10, so dev and test get 10 each (80.0/10.0/10.0)"
is "cap: per source" "$(printf '%s\n' "$OUT" | sed -n '3,12p')" "source           split         samples   share
(all)            train              80   80.0%
                 dev                10   10.0%
                 test               10   10.0%
web              train              61   81.3%
                 dev                 7    9.3%
                 test                7    9.3%
phone            train              19   76.0%
                 dev                 3   12.0%
                 test                3   12.0%"
eb split --ratios 50/25/25
is "--ratios: rule" "$(printf '%s\n' "$OUT" | head -1)" "100 samples: --ratios 50/25/25 as given, no cap (no --max-eval)"
is "--ratios: counts" "$(counts)" "dev|25
test|25
train|50"

# --reassign with touched samples among those that move. The seed stays 0, so the ranking
# is the same: test held ranks 26-50 under 50/25/25 and --max-eval 10 sends every rank from
# 21 on to train, so the five touched test samples all move; the reviewed train sample stays.
sql "INSERT INTO reviews(sid, reviewer, time) SELECT sid, 't', 'now' FROM samples WHERE split = 'test' ORDER BY sid LIMIT 2;
     INSERT INTO reviews(sid, reviewer, time) SELECT sid, 't', 'now' FROM samples WHERE split = 'train' ORDER BY sid LIMIT 1;
     INSERT INTO categories(cid, name, position, created) VALUES(1, 'blur', 1, 'now');
     INSERT INTO tags(sid, cid, time) SELECT sid, 1, 'now' FROM samples WHERE split = 'test' ORDER BY sid LIMIT 1 OFFSET 2;
     INSERT INTO fixes(sid, old_label, new_label, status, time) SELECT sid, label, 'dog', 'staged', 'now' FROM samples WHERE split = 'test' ORDER BY sid LIMIT 1 OFFSET 3;
     INSERT INTO models(mid, name, imported) VALUES(1, 'm', 'now');
     INSERT INTO passes(pid, mid, split, sample_n, seed, created) VALUES(1, 1, 'test', 1, 0, 'now');
     INSERT INTO pass_items(pid, pos, sid) SELECT 1, 0, sid FROM samples WHERE split = 'test' ORDER BY sid LIMIT 1 OFFSET 4;"
refused "--reassign refuses to move reviewed samples" 1 "^eyeball split: --reassign would move 5 samples that have been reviewed, tagged, fixed or put in a review pass to another split; add --force to move them anyway, or leave out --reassign" split --reassign --max-eval 10
refused "and so does its dry run" 1 "would move 5 samples" split --reassign --max-eval 10 --dry-run
eb split --reassign --max-eval 10 --force
is "--force moves them" "$RC" 0
is "--force: result line" "$(printf '%s\n' "$OUT" | tail -1)" "assigned 100 samples (seed 0), 40 of them moved from another split"
is "--force: the six touched samples are all in train now" "$(sql "SELECT split, count(*) FROM samples WHERE sid IN (SELECT sid FROM reviews UNION SELECT sid FROM tags UNION SELECT sid FROM fixes UNION SELECT sid FROM pass_items) GROUP BY split")" "train|6"
is "--force: counts" "$(counts)" "dev|10
test|10
train|80"
is "--force: history" "$(sql "SELECT json_extract(detail, '$.reassign') || json_extract(detail, '$.force') || ' ' || json_extract(detail, '$.moved') FROM history ORDER BY hid DESC LIMIT 1")" "11 40"

# Different distributions: dev and test only from phone.
export EYEBALL_DB=$T_DIR/target.db
gen thousand.csv 1000
eb import samples thousand.csv
eb split --target phone --train-dev 0.1
is "target output" "$OUT" "target source 'phone': 250 of 1,000 samples; 80% of them to train, the rest split evenly between dev and test (200/25/25)
the other 750 samples go to train
train-dev: 10% of train held out (95 of 950)

source           split         samples   share
(all)            train             855   85.5%
                 dev                25    2.5%
                 test               25    2.5%
                 train-dev          95    9.5%
web              train             675   90.0%
                 dev                 0    0.0%
                 test                0    0.0%
                 train-dev          75   10.0%
phone            train             180   72.0%
                 dev                25   10.0%
                 test               25   10.0%
                 train-dev          20    8.0%

assigned 1,000 samples (seed 0)"
is "dev and test hold only phone" "$(sql "SELECT split, source, count(*) FROM samples WHERE split IN ('dev','test') GROUP BY split, source ORDER BY split")" "dev|phone|25
test|phone|25"
eb status
like "status shows train-dev" "$OUT" "train-dev +95 +9.5%"

# --stratify: each label's share in every split within one sample. Labels bird 333, cat 334,
# dog 333 over 900/50/50: quotas 299.7/16.65/16.65 and 300.6/16.7/16.7; the units left over
# go to the largest fractional parts (bird train, cat dev, cat test, dog train, bird dev,
# then dog test, the first whose label and split still lack one).
export EYEBALL_DB=$T_DIR/strat.db
eb import samples thousand.csv
eb split --stratify --max-eval 50
is "stratify: rule" "$OUT" "1,000 samples: 20% would be 200 > cap 50, so dev and test get 50 each (90.0/5.0/5.0)
stratified by label (3 labels): each label's share in every split is its share overall, within one sample

source           split         samples   share
(all)            train             900   90.0%
                 dev                50    5.0%
                 test               50    5.0%
web              train             678   90.4%
                 dev                34    4.5%
                 test               38    5.1%
phone            train             222   88.8%
                 dev                16    6.4%
                 test               12    4.8%

assigned 1,000 samples (seed 0)"
is "stratify: label by split" "$(sql "SELECT label, split, count(*) FROM samples GROUP BY label, split ORDER BY label, split")" "bird|dev|17
bird|test|16
bird|train|300
cat|dev|17
cat|test|17
cat|train|300
dog|dev|16
dog|test|17
dog|train|300"

# Refusals: status 1, a clear message, the store unchanged.
export EYEBALL_DB=$T_DIR/cap.db
refused "ratios not summing to 100" 1 "^eyeball split: --ratios '60/20/10' sums to 90; the three parts must sum to 100 or to 1; see 'eyeball split --help'" split --ratios 60/20/10
refused "ratios with two parts" 1 "--ratios '80/20' has 2 parts; give three" split --ratios 80/20
refused "negative ratio" 1 "--ratios '120/-10/-10': '-10' is not a number >= 0" split --ratios 120/-10/-10
refused "ratios summing to neither 100 nor 1" 1 "--ratios '0.5/0.5/0.5' sums to 1.5" split --ratios 0.5/0.5/0.5
refused "unknown target" 1 "^eyeball split: unknown target source 'tablet'; the store's sources are 'phone', 'web'" split --target tablet
refused "target-train of 1" 1 "--target-train '1' must be a fraction strictly between 0 and 1" split --target phone --target-train 1
refused "target-train of 0" 1 "--target-train '0' must be a fraction strictly between 0 and 1" split --target phone --target-train 0
refused "negative train-dev" 1 "--train-dev '-0.1' must be a fraction strictly between 0 and 1" split --train-dev -0.1
refused "train-dev of 1.5" 1 "--train-dev '1.5' must be a fraction" split --train-dev 1.5
refused "target-train without target" 1 "--target-train needs --target SOURCE" split --target-train 0.7
refused "ratios with target" 1 "--ratios is for one distribution" split --target phone --ratios 80/10/10
refused "force without reassign" 1 "--force only goes with --reassign or --together" split --force
refused "max-eval 0" 1 "--max-eval '0' must be a whole number >= 1" split --max-eval 0
refused "max-eval not a number" 1 "--max-eval 'many' must be a whole number >= 1" split --max-eval many
refused "seed not a number" 1 "--seed '-3' must be a whole number >= 0" split --seed -3
refused "stray argument" 1 "unexpected argument 'now'" split now
refused "unknown option" 1 "unknown option '--shuffle'" split --shuffle
refused "missing value" 1 "option '--ratios' needs a value" split --ratios
refused "no store" 1 "no such store" -d "$T_DIR/none.db" split
ok "no store created" test ! -e "$T_DIR/none.db"
sql "UPDATE samples SET split = 'validation' WHERE id = 's0001'"
refused "a split eyeball does not know" 1 "sample 's0001' has split 'validation', which eyeball does not know" split --reassign --force
export EYEBALL_DB=$T_DIR/none-source.db
eb import samples ten.csv
refused "target when no sample has a source" 1 "unknown target source 'phone'; no sample has a source" split --target phone

# Singular and plural: one sample kept, one assigned.
export EYEBALL_DB=$T_DIR/two.db
printf 'id,path,label,split\nk1,k1.png,cat,dev\nk2,k2.png,dog,\n' > two.csv
eb import samples two.csv
eb split --dry-run
like "one sample kept, one assigned" "$OUT" "^1 sample keeps the split it has; the 1 without one is assigned$"
like "one sample assigned" "$OUT" "^dry run: 1 sample would be assigned"

eb split --help
like "--help" "$OUT" "^usage: eyeball split \[--seed S\] \[--dry-run\]"
done_testing
