#!/usr/bin/env bash
# dups: scan --near on generated copies (resized, re-encoded at three JPEG qualities,
# brightened, 5% cropped, mirrored) and unrelated images; groups, leakage across splits,
# groups inside dev and test, 'eyeball dups' in every format, status and report warnings.
. "$top_srcdir/tests/cli/lib.sh"
NEARTOOL=$top_builddir/tests/neartool

P=$(pwd -P)
mkdir img
"$NEARTOOL" make img 3 6
is "test images made" "$?" 0
cp img/scene1.png img/copy1.png
echo "not an image" > img/notimg.png
{
    echo "id,path,label,split"
    # Scene 1: train, with a resized copy and a byte copy in dev and a JPEG in test.
    for k in scene1:train 1_half:dev 1_big:train 1_q30:test 1_q60:train 1_q90:train \
        1_bright:train 1_crop:train 1_mirror:dev copy1:dev; do
        id=${k%%:*}
        f=$id.png; [ -f img/$f ] || f=$id.jpg
        echo "$id,img/$f,cat,${k#*:}"
    done
    # Scene 2: train, with its brightened and cropped copies in dev.
    for k in scene2:train 2_half:train 2_big:train 2_q30:train 2_q60:train 2_q90:train \
        2_bright:dev 2_crop:dev 2_mirror:train; do
        id=${k%%:*}
        f=$id.png; [ -f img/$f ] || f=$id.jpg
        echo "$id,img/$f,dog,${k#*:}"
    done
    # Scene 3: every copy in test, its mirror in train.
    for k in scene3:test 3_half:test 3_big:test 3_q30:test 3_q60:test 3_q90:test \
        3_bright:test 3_crop:test 3_mirror:train; do
        id=${k%%:*}
        f=$id.png; [ -f img/$f ] || f=$id.jpg
        echo "$id,img/$f,bird,${k#*:}"
    done
    for k in 1:train 2:train 3:dev 4:dev 5:test 6:test; do
        echo "other${k%%:*},img/other${k%%:*}.png,cat,${k#*:}"
    done
    echo "notimg,img/notimg.png,cat,train"
} > s.csv
eb import samples s.csv
is "setup" "$RC" 0

refused "--distance without --near" 1 "^eyeball scan: --distance is for near-duplicates: add --near" scan --distance 4
refused "--distance over 16" 1 "^eyeball scan: --distance wants a number of bits from 0 to 16, not '17'" scan --near --distance 17
refused "--distance not a number" 1 "not 'x'" scan --near --distance x
refused "dups --near before any near scan" 1 "^eyeball: no near-duplicate scan yet: run 'eyeball scan --near' first" dups --near
refused "dups: an unknown format" 1 "format" dups --format xml

eb scan --near
is "scan --near exit status" "$RC" 0
is "scan --near report" "$OUT" "scanned 35 samples: 35 files hashed
exact duplicates: 1 group, 2 samples (a label fix to one is staged for all copies)
LEAKAGE: 1 train image is also in dev, test or train-dev (1 example there):
  scene1 (train), copy1 (dev)
perceptual hashes: 34 images decoded, 1 file hashed but not decoded
  notimg: not an image (a text file) ($P/img/notimg.png)
near-duplicates (distance 10 or less): 3 groups, 25 samples, 92 pairs; 'eyeball dups --near' lists them
NEAR LEAKAGE: 2 groups hold a train image and a dev, test or train-dev image (5 examples there); 'eyeball dups --near --cross-split' lists them
inside dev or test: 3 groups, 9 examples beyond the first of each (they inflate the apparent sample size)"
is "perceptual hashes stored for the decoded images" "$(sql "SELECT count(*) FROM samples WHERE phash IS NOT NULL")" 34
is "group sizes and first members" "$(sql "SELECT n.grp, count(*), s.id, min(s.sid) > 0 FROM near n JOIN samples s USING(sid) GROUP BY n.grp ORDER BY n.grp")" "1|9|scene1|1
2|8|scene2|1
3|8|scene3|1"
is "mirrors, unrelated images and the text file are in no group" "$(sql "SELECT group_concat(id, ' ') FROM samples WHERE sid NOT IN (SELECT sid FROM near)")" "1_mirror 2_mirror 3_mirror notimg other1 other2 other3 other4 other5 other6"
is "the distance used is kept" "$(sql "SELECT value FROM meta WHERE key = 'near_distance'")" 10

eb dups --near --cross-split --format csv
is "dups --near --cross-split csv: groups 1 and 2, distance to the first member" "$OUT" "$(printf '%s\r\n' "group,id,split,label,path,distance" \
    "1,scene1,train,cat,$P/img/scene1.png,0" \
    "1,1_half,dev,cat,$P/img/1_half.png,0" \
    "1,1_big,train,cat,$P/img/1_big.jpg,0" \
    "1,1_q30,test,cat,$P/img/1_q30.jpg,2" \
    "1,1_q60,train,cat,$P/img/1_q60.jpg,0" \
    "1,1_q90,train,cat,$P/img/1_q90.jpg,0" \
    "1,1_bright,train,cat,$P/img/1_bright.png,2" \
    "1,1_crop,train,cat,$P/img/1_crop.png,4" \
    "1,copy1,dev,cat,$P/img/copy1.png,0" \
    "2,scene2,train,dog,$P/img/scene2.png,0" \
    "2,2_half,train,dog,$P/img/2_half.png,0" \
    "2,2_big,train,dog,$P/img/2_big.jpg,0" \
    "2,2_q30,train,dog,$P/img/2_q30.jpg,2" \
    "2,2_q60,train,dog,$P/img/2_q60.jpg,0" \
    "2,2_q90,train,dog,$P/img/2_q90.jpg,0" \
    "2,2_bright,dev,dog,$P/img/2_bright.png,2" \
    "2,2_crop,dev,dog,$P/img/2_crop.png,8")"
eb dups --near --format csv
is "dups --near csv: 25 members and a header" "$(printf '%s\n' "$OUT" | wc -l)" 26
is "group 3 is all test" "$(printf '%s\n' "$OUT" | tr -d '\r' | awk -F, '$1 == 3 { print $3 }' | sort | uniq -c | tr -s ' ')" " 8 test"
eb dups --near --cross-split --format json
is "json: groups and their sizes" "$(printf '%s' "$OUT" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(json.dumps([[g["group"], len(g["members"]), g["members"][0]["id"]] for g in d], separators=(",", ":")))')" '[[1,9,"scene1"],[2,8,"scene2"]]'
is "json: a member" "$(printf '%s' "$OUT" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(json.dumps([d[1]["members"][7][k] for k in ("id", "split", "label", "distance")], separators=(",", ":")))')" '["2_crop","dev","dog",8]'
eb dups
is "dups: the exact group, text" "$OUT" "group 1
  train      scene1     cat          distance  0  $P/img/scene1.png
  dev        copy1      cat          distance  0  $P/img/copy1.png

1 group, 2 samples (exact copies)"
eb dups --cross-split --format csv
is "dups --cross-split csv: exact duplicates" "$OUT" "$(printf '%s\r\n' "group,id,split,label,path,distance" \
    "1,scene1,train,cat,$P/img/scene1.png,0" "1,copy1,dev,cat,$P/img/copy1.png,0")"

# status and report warn about leakage and about groups inside dev and test.
eb status
is "status: near-duplicates" "$(printf '%s\n' "$OUT" | grep -i 'near')" "near-duplicates: 3 groups, 25 samples (distance 10 or less, 34 images with a perceptual hash)
warning: near-duplicate leakage: 5 examples of dev, test or train-dev have a near-twin in train (2 groups, distance 10 or less); their errors are not a fair estimate: 'eyeball dups --near --cross-split' lists them
warning: near-duplicates inside dev or test: 3 groups, 9 examples beyond the first of each; the sample is smaller than it looks: 'eyeball dups --near' lists them"
eb status --format json
is "status json: near_duplicates" "$(printf '%s' "$OUT" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(json.dumps(d["near_duplicates"], separators=(",", ":")))')" '{"distance":10,"hashed":34,"groups":3,"samples":25,"cross_split_groups":2,"cross_split_eval_samples":5,"inside_eval_groups":3,"inside_eval_extra_samples":9}'
sql "SELECT id || ',' || label FROM samples WHERE split IN ('dev', 'test')" | sed '1i id,pred' > preds.csv
eb import preds preds.csv --model m
is "preds imported" "$RC" 0
eb report
is "report: the same warnings" "$(printf '%s\n' "$OUT" | grep '^warning: near')" "warning: near-duplicate leakage: 5 examples of dev, test or train-dev have a near-twin in train (2 groups, distance 10 or less); their errors are not a fair estimate: 'eyeball dups --near --cross-split' lists them
warning: near-duplicates inside dev or test: 3 groups, 9 examples beyond the first of each; the sample is smaller than it looks: 'eyeball dups --near' lists them"
eb report --format json
is "report json: near_duplicates" "$(printf '%s' "$OUT" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(json.dumps([d["near_duplicates"][k] for k in ("cross_split_eval_samples", "inside_eval_extra_samples")], separators=(",", ":")))')" '[5,9]'
eb report --format markdown
is "report markdown: the warnings" "$(printf '%s\n' "$OUT" | grep -c '^- \*\*Warning:\*\* near-duplicate')" 2

# split --together moves a group to one split, recorded in the history; samples that were
# reviewed, tagged or fixed move only with --force.
refused "--together: no such group" 1 "^eyeball split: there is no near-duplicate group 99; 'eyeball dups --near' lists" split --together 99
refused "--together: not a number" 1 "--together wants a group number" split --together x
refused "--to: an unknown split" 1 "--to wants train, dev, test or train-dev, not 'val'" split --together 2 --to val
refused "--to without --together" 1 "--to goes with --together GROUP" split --to dev
refused "--together with --seed" 1 "--together moves one group; it takes only --to" split --together 2 --seed 3
before=$(store_state)
eb split --together 2 --dry-run
is "--together --dry-run" "$OUT" "dry run: group 2: 2 of 8 members moved to train; the store is unchanged"
is "--dry-run changed nothing" "$(store_state)" "$before"
eb tag 2_crop blurry
is "a member is tagged" "$RC" 0
refused "--together would move a tagged sample" 1 "^eyeball split: --together would move 1 sample that has been reviewed, tagged, fixed or put in a review pass to train; add --force" split --together 2
eb split --together 2 --force
is "--together --force" "$OUT" "group 2: 2 of 8 members moved to train"
is "group 2 is all train" "$(sql "SELECT group_concat(DISTINCT s.split) FROM near n JOIN samples s USING(sid) WHERE n.grp = 2")" "train"
is "the move is in the history" "$(sql "SELECT action || ' ' || detail FROM history WHERE action = 'split' ORDER BY hid DESC LIMIT 1")" 'split {"together":2,"to":"train","force":true,"members":8,"moved":2}'
eb scan --near
is "after the move, one group leaks" "$(printf '%s\n' "$OUT" | grep '^NEAR LEAKAGE')" "NEAR LEAKAGE: 1 group holds a train image and a dev, test or train-dev image (3 examples there); 'eyeball dups --near --cross-split' lists them"
eb split --together 3 --to test
is "--together: already there" "$OUT" "group 3: all 8 members are in test already; nothing to do"

# A decoder that crashes on one file: the bytes are still hashed, the image has no
# perceptual hash, the scan goes on.
EYEBALL_DECODER_CRASH_ON=other1.png eb scan --near
is "a crash in the decoder: scan goes on" "$RC" 0
is "the crashed file is hashed but not decoded" "$(printf '%s\n' "$OUT" | grep -A2 '^perceptual')" "perceptual hashes: 33 images decoded, 2 files hashed but not decoded
  other1: decoder crashed (signal 11) ($P/img/other1.png)
  notimg: not an image (a text file) ($P/img/notimg.png)"
is "its content hash is kept" "$(sql "SELECT hash IS NOT NULL, phash IS NULL FROM samples WHERE id = 'other1'")" "1|1"

# A plain scan that finds other bytes drops the stale perceptual hash.
mkdir img2 && "$NEARTOOL" make img2 4 0 && cp img2/scene4.png img/other2.png
eb scan
is "plain scan" "$RC" 0
is "other2's perceptual hash dropped, the others kept" "$(sql "SELECT count(*) FROM samples WHERE phash IS NULL")" 3

# A smaller distance splits nothing here but drops the cropped copy of scene 2 (8 bits).
eb scan --near --distance 6
is "scan --near --distance 6" "$(printf '%s\n' "$OUT" | grep '^near-duplicates')" "near-duplicates (distance 6 or less): 3 groups, 24 samples, 85 pairs; 'eyeball dups --near' lists them"
is "2_crop left its group" "$(sql "SELECT count(*) FROM near JOIN samples USING(sid) WHERE id = '2_crop'")" 0
eb scan --near --distance 0
is "distance 0: only identical hashes" "$(printf '%s\n' "$OUT" | grep '^near-duplicates')" "near-duplicates (distance 0 or less): 4 groups, 20 samples, 47 pairs; 'eyeball dups --near' lists them"
is "distance 0: every member has its group's hash" "$(sql "SELECT count(*) FROM near n JOIN samples s USING(sid) WHERE n.dist != 0 OR s.phash != (SELECT f.phash FROM near m JOIN samples f USING(sid) WHERE m.grp = n.grp AND m.dist = 0 ORDER BY m.sid LIMIT 1)")" 0

# A store of schema 2 (before perceptual hashes) migrates: it gains the column and the table.
cp "$EYEBALL_DB" v2.db
downgrade v2.db 2
eb -d v2.db status
is "a schema 2 store opens" "$RC $ERR" "0 "
is "migrated to schema 7" "$(sqlite3 v2.db "PRAGMA user_version; SELECT count(*) FROM near; SELECT count(*) FROM samples WHERE phash IS NULL")" "7
0
35"
eb -d v2.db dups --near
is "no near scan in the migrated store yet" "$RC" 1

done_testing
