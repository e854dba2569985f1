#!/bin/sh
# export_reviews: one row per reviewed example and reviewer, in CSV and JSONL; notes typed
# in the review screen reach the exports (the reviews and the fix list).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/review_state.sh"

printf 'id,path,label,split\na,a.png,cat,dev\nb,img/b.png,dog,dev\nc,c.png,cat,dev\nd,d.png,dog,dev\ne,e.png,cat,test\n' > s.csv
printf 'id,pred\na,dog\nb,cat\nc,cat\nd,cat\ne,dog\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m1
setup_categories
# Pass 1 holds the three dev errors a, b, d.
eb review --list --seed 1
is "pass 1" "$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f2 | tr '\n' ' ')" "a b d "
# ann tags a blurry, bob tags it dark; ann fixes b with a note and also types a note for
# it in the review screen; in the screen ann types a note on d (the first unreviewed item
# then) and nothing else; e (test, in no pass) is tagged by a script.
EYEBALL_REVIEWER=ann eb tag a blurry
EYEBALL_REVIEWER=bob eb tag a dark
run env EYEBALL_REVIEWER=ann EYEBALL_NOW=2026-01-03T00:00:00Z "$EYEBALL" fix b cat --note "a cat, clearly"
printf 'key e\ntype seen at night\nkey Enter\nkey q\n' > k1
EYEBALL_KEYS=$PWD/k1 run "$EYEBALL" review --reviewer ann
is "note on d in the review screen" "$RC $(sql "SELECT note FROM reviews WHERE sid = 4")" "0 seen at night"
printf 'key g\nkey j\nkey e\ntype whiskers\nkey Enter\nkey q\n' > k2
EYEBALL_KEYS=$PWD/k2 run "$EYEBALL" review --reviewer ann
is "note on b in the review screen" "$RC $(sql "SELECT note FROM reviews WHERE sid = 2")" "0 whiskers"
run env EYEBALL_REVIEWER=cy EYEBALL_NOW=2026-01-04T00:00:00Z "$EYEBALL" tag e occluded

eb export reviews
is "export reviews: exit 0" "$RC" 0
is "export reviews: exact CSV" "$(printf '%s\n' "$OUT" | tr -d '\r')" "id,split,label,pred,model,pass,reviewer,time,categories,note,fix,fix_status
a,dev,cat,dog,m1,1,ann,2026-01-02T03:04:05Z,blurry,,,
a,dev,cat,dog,m1,1,bob,2026-01-02T03:04:05Z,dark,,,
b,dev,dog,cat,m1,1,ann,2026-01-03T00:00:00Z,mislabeled,\"a cat, clearly; whiskers\",cat,staged
d,dev,dog,cat,m1,1,ann,2026-01-02T03:04:05Z,,seen at night,,
e,test,cat,dog,m1,,cy,2026-01-04T00:00:00Z,occluded,,,"
is "CRLF after every record" "$(printf '%s\n' "$OUT" | grep -c "$(printf '\r')\$")" 6
eb export reviews --format jsonl
is "export reviews: JSONL, pass a number, null when empty" "$(printf '%s\n' "$OUT" | sed -n '3p;5p')" \
'{"id":"b","split":"dev","label":"dog","pred":"cat","model":"m1","pass":1,"reviewer":"ann","time":"2026-01-03T00:00:00Z","categories":"mislabeled","note":"a cat, clearly; whiskers","fix":"cat","fix_status":"staged"}
{"id":"e","split":"test","label":"cat","pred":"dog","model":"m1","pass":null,"reviewer":"cy","time":"2026-01-04T00:00:00Z","categories":"occluded","note":null,"fix":null,"fix_status":null}'
is "pandas reads it: one row per example and reviewer" "$(eb export reviews -o r.csv; python3 -c '
import csv
rows = list(csv.DictReader(open("r.csv", newline="")))
print(len(rows), sorted(rows[0]), rows[2]["note"])')" \
    "5 ['categories', 'fix', 'fix_status', 'id', 'label', 'model', 'note', 'pass', 'pred', 'reviewer', 'split', 'time'] a cat, clearly; whiskers"

# After apply: the fix is applied; label stays the one the reviewer judged.
eb apply --force-dev-only
eb export reviews
is "after apply" "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 4p)" "b,dev,dog,cat,m1,1,ann,2026-01-03T00:00:00Z,mislabeled,\"a cat, clearly; whiskers\",cat,applied"

# The fix list carries the note typed in the review screen beside the fix's own note.
eb export fixes
is "export fixes: both notes" "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 2p)" "b,$T_DIR/img/b.png,dev,dog,cat,applied,ann,2026-01-03T00:00:00Z,mislabeled,\"a cat, clearly; whiskers\""
# A fix without a note of its own takes the screen's note alone.
eb fix d cat
eb export fixes --format jsonl
like "export fixes: the screen's note alone" "$(printf '%s\n' "$OUT" | sed -n 2p)" '"id":"d",.*"note":"seen at night"\}$'
refused "unknown kind" 1 "unknown kind 'review' \(use fixes, samples or reviews\)" export review
done_testing
