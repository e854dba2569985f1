#!/usr/bin/env bash
# tag, untag and fix: the review screen's keys for scripts. What they print, what they
# store (tags, reviews, fixes, history), exact duplicates, and every refusal.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na,a.png,cat,dev\nb,b.png,dog,dev\nc,c.png,cat,test\nd,d.png,bird,train\n' > s.csv
printf 'x\033[31m,x.png,cat,dev\n' >> s.csv
eb import samples s.csv
is "setup" "$RC" 0

refused "tag on a missing store" 1 "none.db: no such store" -d "$T_DIR/none.db" tag a blurry
ok "no store was created" test ! -e none.db

# Refusals before any category exists leave the store exactly as it was: not even the
# default categories are written.
refused "unknown id" 1 "^eyeball: unknown sample id 'zz'; ids are those of the samples file" tag zz blurry
refused "unknown category" 1 "^eyeball: unknown category 'blury'; 'eyeball categories' lists them, 'eyeball categories add blury' adds it$" tag a blurry blury
is "refusals seeded nothing" "$(sql 'SELECT count(*) FROM categories')" 0
refused "tag without a category" 1 "^eyeball tag: give at least one category after the id; see 'eyeball tag --help'" tag a
refused "tag without arguments" 1 "give an example id and at least one category" tag
refused "untag without arguments" 1 "^eyeball untag: give an example id" untag
refused "unknown option" 1 "unknown option '--frob'" tag a blurry --frob

eb tag a blurry dark
is "tag exit status" "$RC" 0
is "tag says what it did" "$OUT" "tagged a: blurry, dark"
is "the defaults were seeded" "$(sql 'SELECT count(*) FROM categories')" 8
is "tags stored" "$(sql "SELECT s.id, c.name, t.reviewer, t.time FROM tags t JOIN samples s USING(sid) JOIN categories c USING(cid) ORDER BY c.position")" \
"a|blurry|tester|2026-01-02T03:04:05Z
a|dark|tester|2026-01-02T03:04:05Z"
is "tagging counts as reviewing" "$(sql 'SELECT sid, reviewer, time, note IS NULL FROM reviews')" "1|tester|2026-01-02T03:04:05Z|1"
eb tag a blurry occluded
is "already tagged" "$OUT" "tagged a: occluded
a already had: blurry"
refused "untag is all or nothing" 1 "unknown category 'nope'" untag a dark nope
eb untag a dark too-small
is "untag says what it did" "$OUT" "untagged a: dark
a did not have: too-small"
eb tag -- a filtered
is "-- ends the options" "$OUT" "tagged a: filtered"
eb untag a filtered
eb tag "$(printf 'x\033[31m')" blurry
is "ids from the data are printed escaped" "$OUT" 'tagged x\e[31m: blurry'
is "the history, one row per change" "$(sql "SELECT action, sid, reviewer, detail FROM history WHERE action<>'category-seed' ORDER BY hid")" \
'tag|1|tester|{"cid":2,"name":"blurry","review_created":true}
tag|1|tester|{"cid":5,"name":"dark","review_created":false}
tag|1|tester|{"cid":3,"name":"occluded","review_created":false}
untag|1|tester|{"cid":5,"name":"dark","review_created":false,"tag_reviewer":"tester","tag_time":"2026-01-02T03:04:05Z"}
tag|1|tester|{"cid":6,"name":"filtered","review_created":false}
untag|1|tester|{"cid":6,"name":"filtered","review_created":false,"tag_reviewer":"tester","tag_time":"2026-01-02T03:04:05Z"}
tag|5|tester|{"cid":2,"name":"blurry","review_created":true}'

# ---- fix ----
eb fix b cat --note "pointy ears"
is "fix exit status" "$RC" 0
is "fix says what it staged" "$OUT" "staged a fix of b: dog -> cat"
is "the staged fix" "$(sql "SELECT sid, old_label, new_label, status, reviewer, time, note, applied IS NULL, origin IS NULL FROM fixes")" \
"2|dog|cat|staged|tester|2026-01-02T03:04:05Z|pointy ears|1|1"
is "the label itself is unchanged until apply" "$(sql "SELECT label FROM samples WHERE id='b'")" "dog"
is "fixing ticks mislabeled and reviews" "$(sql "SELECT c.name, r.reviewer FROM tags t JOIN categories c USING(cid) JOIN reviews r USING(sid) WHERE t.sid=2")" "mislabeled|tester"
eb fix b cat
is "the same fix again" "$OUT" "the fix of b to cat is staged already"
is "changes nothing" "$(sql "SELECT count(*) FROM fixes")" 1
eb fix b bird
is "another label replaces the staged fix" "$OUT" "staged a fix of b: dog -> bird (replaces the fix to cat)"
is "the old fix is withdrawn, kept" "$(sql "SELECT fid, new_label, status FROM fixes ORDER BY fid")" "1|cat|withdrawn
2|bird|staged"
eb fix b dog
is "fixing to the current label withdraws" "$OUT" "withdrew the staged fix of b: dog -> bird"
is "nothing staged" "$(sql "SELECT count(*) FROM fixes WHERE status='staged'")" 0
is "and the mislabeled tick the fix made is cleared" "$(sql "SELECT count(*) FROM tags WHERE sid=2")" 0
is "the example stays reviewed" "$(sql "SELECT count(*) FROM reviews WHERE sid=2")" 1
refused "fix to the current label with nothing staged" 1 "^eyeball: 'b' already has the label 'dog'; nothing to fix$" fix b dog
refused "a label the dataset does not have" 1 "^eyeball: 'fox' is not a label of the dataset \('eyeball status' lists the labels\); check the spelling, or pass --new-label to introduce it$" fix b fox
eb fix b fox --new-label
is "--new-label allows a new label" "$OUT" "staged a fix of b: dog -> fox"
eb fix c fox
is "a staged new label is known to the next fix" "$OUT" "staged a fix of c: cat -> fox"
eb fix c --withdraw
is "--withdraw" "$OUT" "withdrew the staged fix of c: cat -> fox"
refused "withdraw with nothing staged" 1 "^eyeball: 'd' has no staged fix to withdraw$" fix d --withdraw
refused "fix of an unknown id" 1 "unknown sample id 'zz'" fix zz cat
refused "fix without a label" 1 "^eyeball fix: give an example id and its new label \(or --withdraw\)" fix b
refused "fix with two labels" 1 "too many arguments: give one id and one new label" fix b cat dog
refused "--withdraw with a label" 1 "--withdraw takes the id only" fix b cat --withdraw
refused "--withdraw with --note" 1 "--note and --new-label do not go with --withdraw" fix b --withdraw --note x
refused "--note without its value" 1 "option '--note' needs a value" fix b cat --note
refused "an empty new label" 1 "the new label is empty" fix b "" --new-label
refused "a new label of spaces" 1 "^eyeball: the new label is only spaces; give a visible name$" fix b '   ' --new-label
refused "a new label with U+202E" 1 "the new label holds a control character \(byte 2\)" fix b "$(printf 'a\342\200\256b')" --new-label
refused "a control character in a new label" 1 "the new label holds a control character \(byte 2\)" fix b "$(printf 'a\tb')" --new-label
refused "a note that is not UTF-8" 1 "the note is not valid UTF-8" fix b cat --note "$(printf 'caf\351')"

# ---- exact duplicates: a, c and d are the same image ----
sql "UPDATE samples SET hash='h1' WHERE id IN ('a','c','d')"
eb fix a dog
is "a fix is staged for the copies" "$OUT" "staged a fix of a: cat -> dog
also staged for 2 exact duplicates: c, d"
is "copies point at the original fix" "$(sql "SELECT s.id, f.old_label, f.new_label, f.status, f.origin FROM fixes f JOIN samples s USING(sid) WHERE f.fid>=5 ORDER BY f.fid")" \
"a|cat|dog|staged|
c|cat|dog|staged|5
d|bird|dog|staged|5"
is "a copy is not marked reviewed" "$(sql "SELECT count(*) FROM reviews WHERE sid=4")" 0
hid=$(sql "SELECT hid FROM history WHERE action='fix' AND sid=1")
is "one history row per example, the copies' part of the first" "$(sql "SELECT action, sid, detail FROM history WHERE hid >= $hid ORDER BY hid" | sed "s/\"part_of\":$hid}/\"part_of\":HID}/")" \
'fix|1|{"fid":5,"old":"cat","new":"dog","note":null,"prev_fid":null,"ticked":[1],"review_created":false,"copies":[{"sid":3,"fid":6,"prev_fid":null},{"sid":4,"fid":7,"prev_fid":null}]}
fix|3|{"fid":6,"old":"cat","new":"dog","note":null,"origin":5,"prev_fid":0,"part_of":HID}
fix|4|{"fid":7,"old":"bird","new":"dog","note":null,"origin":5,"prev_fid":0,"part_of":HID}'
eb fix a --withdraw
is "withdrawing withdraws the copies too" "$OUT" "withdrew the staged fix of a: cat -> dog
also withdrawn for 2 exact duplicates: c, d"
is "all withdrawn" "$(sql "SELECT count(*) FROM fixes WHERE status='staged' AND sid<>2")" 0

# ---- read-only ----
if [ "$(id -u)" = 0 ]; then
    _t_result 0 "a read-only store refuses tag # SKIP root can write to read-only files"
    _t_result 0 "a read-only store refuses fix # SKIP root can write to read-only files"
else
    chmod a-w "$EYEBALL_DB" "$T_DIR"
    refused "a read-only store refuses tag" 1 "the store is read-only; nothing can be changed" tag a blurry
    refused "a read-only store refuses fix" 1 "the store is read-only; nothing can be changed" fix a dog
    chmod u+w "$EYEBALL_DB" "$T_DIR"
fi

like "history is append-only" "$(sqlite3 "$EYEBALL_DB" "DELETE FROM history" 2>&1)" "history is append-only"
done_testing
