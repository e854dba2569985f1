#!/usr/bin/env bash
# eyeball demo: what it writes and imports (exact counts), the images, determinism, reuse,
# rewriting, and the refusals.
. "$top_srcdir/tests/cli/lib.sh"

# json FILE PATH: one value of a JSON file, through sqlite3's JSON functions.
json() { sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')"; }

eb demo d1 --no-review
is "demo exits 0" "$RC" 0
like "says what it wrote" "$OUT" "^eyeball demo: wrote 2,000 PNG images of 6 shapes to d1/images \(64 to 256 pixels a side\)"
like "prints the splits" "$OUT" "splits:   1,200 train, 400 dev, 400 test"
like "prints the model's dev error" "$OUT" "model:    demo-cnn \(preds.csv\), error rate: train [0-9.]+%, dev 29.5% \(118 of 400\)"
like "prints the causes it hid" "$OUT" "hidden in it, for the review to find: 260 blurred, 200 occluded, 200 tiny and 140 mislabeled images"
like "prints the next commands" "$OUT" "eyeball -d d1/eyeball.db review "
ok "no review line with --no-review" sh -c '! printf "%s\n" "$1" | grep -q "review UI"' - "$OUT"
ok "the demo does not touch \$EYEBALL_DB" test ! -e "$EYEBALL_DB"
ok "the demo's own store" test -f d1/eyeball.db
ok "the marker" test -f d1/eyeball-demo.txt
is "the marker says complete" "$(sed -n 1,3p d1/eyeball-demo.txt)" "eyeball demo dataset
seed: 1
status: complete"

# What the store holds, through status --format json and SQL.
"$EYEBALL" -d d1/eyeball.db status --format json > st.json
is "2,000 samples" "$(json st.json '$.samples')" 2000
is "splits 60/20/20" "$(json st.json '$.splits.train') $(json st.json '$.splits.dev') $(json st.json '$.splits.test') $(json st.json '$.splits.unassigned')" "1200 400 400 0"
is "two sources" "$(sqlite3 d1/eyeball.db "SELECT group_concat(source || '=' || n) FROM (SELECT source, count(*) n FROM samples GROUP BY source ORDER BY source)")" "phone=600,studio=1400"
is "six labels" "$(sqlite3 d1/eyeball.db "SELECT group_concat(label) FROM (SELECT DISTINCT label FROM samples ORDER BY label)")" "circle,cross,diamond,square,star,triangle"
is "one model, with probabilities" "$(sqlite3 :memory: "SELECT json_array_length(readfile('st.json'), '\$.models')") $(json st.json '$.models[0].name') $(json st.json '$.models[0].probabilities')" "1 demo-cnn 1"
is "its classes" "$(sqlite3 d1/eyeball.db "SELECT classes FROM models")" '["circle","cross","diamond","square","star","triangle"]'
is "a prediction with 6 probabilities for every sample" "$(sqlite3 d1/eyeball.db "SELECT count(*), sum(length(probs)) FROM preds")" "2000|96000"
is "dev: 400 examples, 118 errors" "$(json st.json '$.models[0].splits.dev.examples') $(json st.json '$.models[0].splits.dev.errors')" "400 118"
dev_errors=$(json st.json '$.models[0].splits.dev.errors')
ok "enough dev errors for a pass of 100" test "$dev_errors" -ge 100 -a "$dev_errors" -le 160
is "lighting kept as metadata" "$(sqlite3 d1/eyeball.db "SELECT count(*) FROM samples WHERE json_extract(meta, '\$.lighting') IN ('bright', 'normal', 'dim') AND meta = json_object('lighting', json_extract(meta, '\$.lighting'))")" 2000
is "paths resolved to the images" "$(sqlite3 d1/eyeball.db "SELECT count(*) FROM samples WHERE path = '$(pwd -P)/d1/images/' || id || '.png'")" 2000

# The files.
is "samples.csv header: no hidden answer in it" "$(head -1 d1/samples.csv)" "id,path,label,split,source,lighting"
is "preds.csv header" "$(head -1 d1/preds.csv)" "id,pred,confidence,prob:circle,prob:cross,prob:diamond,prob:square,prob:star,prob:triangle"
is "2,000 rows each" "$(($(wc -l < d1/samples.csv) - 1)) $(($(wc -l < d1/preds.csv) - 1))" "2000 2000"
bad=$(awk -F, 'NR > 1 {
    s = 0; top = 4
    for (i = 4; i <= 9; i++) { s += $i; if ($i > $top) top = i }
    col["circle"] = 4; col["cross"] = 5; col["diamond"] = 6; col["square"] = 7; col["star"] = 8; col["triangle"] = 9
    if (s - 1 > 1e-6 || 1 - s > 1e-6 || $3 != $(col[$2]) || top != col[$2] ||
        $3 !~ /^0\.[0-9]+$/ || length($3) != 10) n++
} END { print n + 0 }' d1/preds.csv)
is "probabilities sum to 1 within 1e-6; pred is the top class; confidence is its probability" "$bad" 0
is "2,000 images" "$(ls d1/images | grep -c '^img-[0-9]\{4\}\.png$')" 2000
missing=0
for p in $(sqlite3 d1/eyeball.db "SELECT path FROM samples"); do
    [ -f "$p" ] || missing=$((missing + 1))
done
is "every sample's image exists" "$missing" 0
# PNG signature, then the IHDR chunk: length 13, "IHDR", width and height (big-endian).
badpng=0
i=1
while [ "$i" -le 2000 ]; do
    f=$(printf 'd1/images/img-%04d.png' "$i")
    set -- $(od -An -tu1 -N24 "$f")
    if [ "$1 $2 $3 $4 $5 $6 $7 $8" != "137 80 78 71 13 10 26 10" ] ||
        [ "$9 ${10} ${11} ${12} ${13} ${14} ${15} ${16}" != "0 0 0 13 73 72 68 82" ]; then
        badpng=$((badpng + 1))
    else
        w=$(( ${17} * 16777216 + ${18} * 65536 + ${19} * 256 + ${20} ))
        h=$(( ${21} * 16777216 + ${22} * 65536 + ${23} * 256 + ${24} ))
        [ "$w" -ge 64 ] && [ "$w" -le 256 ] && [ "$h" -ge 64 ] && [ "$h" -le 256 ] ||
            badpng=$((badpng + 1))
    fi
    i=$((i + 37))
done
is "sampled images are PNGs with an IHDR of 64 to 256 pixels a side" "$badpng" 0

# Determinism, and a demo left unfinished: a copy of d1, damaged and marked unfinished, is
# written anew with the same seed and comes back identical to d1.
cp -R d1 d2
echo "damaged" > d2/samples.csv
echo "damaged" > d2/images/img-0007.png
sed 's/^status: complete$/status: incomplete/' d2/eyeball-demo.txt > marker.tmp
mv marker.tmp d2/eyeball-demo.txt
eb demo d2 --seed 1 --no-review
is "an unfinished demo: exits 0" "$RC" 0
like "an unfinished demo is written anew" "$OUT" "^eyeball demo: wrote 2,000 PNG images"
is "and then marked complete" "$(sed -n 3p d2/eyeball-demo.txt)" "status: complete"
ok "same seed: same samples.csv" cmp -s d1/samples.csv d2/samples.csv
ok "same seed: same preds.csv" cmp -s d1/preds.csv d2/preds.csv
is "same seed: same images" "$(cat d2/images/*.png | cksum)" "$(cat d1/images/*.png | cksum)"
is "same seed: the same store contents" \
    "$(sqlite3 d2/eyeball.db "SELECT id, label, split, source, meta FROM samples ORDER BY id; SELECT sid, pred, confidence, hex(probs) FROM preds ORDER BY sid" | cksum)" \
    "$(sqlite3 d1/eyeball.db "SELECT id, label, split, source, meta FROM samples ORDER BY id; SELECT sid, pred, confidence, hex(probs) FROM preds ORDER BY sid" | cksum)"

# An earlier demo with the same seed is reused as it is.
sqlite3 d2/eyeball.db "UPDATE samples SET source = 'studio' WHERE id = 'img-0001'"
before=$(sqlite3 d2/eyeball.db .dump | md5sum)
eb demo d2 --no-review
is "reuse exits 0" "$RC" 0
like "reuse says so" "$OUT" "^eyeball demo: d2 holds the demo of seed 1 already; using it as it is"
is "reuse leaves the store as it was" "$(sqlite3 d2/eyeball.db .dump | md5sum)" "$before"

# Without a terminal the demo cannot open the review UI: it says what to run instead.
eb demo d2
like "without a terminal it says how to review" "$OUT" "eyeball -d d2/eyeball.db review +review 100 misclassified dev images"
like "and why the UI did not open" "$OUT" "not a terminal: the review UI was not opened"

# Another seed rewrites an earlier demo.
eb demo d2 --seed 2 --no-review
is "another seed exits 0" "$RC" 0
like "another seed writes anew" "$OUT" "^eyeball demo: wrote 2,000 PNG images"
ok "another seed: other samples.csv" sh -c '! cmp -s d1/samples.csv d2/samples.csv'
ok "another seed: other preds.csv" sh -c '! cmp -s d1/preds.csv d2/preds.csv'
is "another seed: the marker" "$(sed -n 2p d2/eyeball-demo.txt)" "seed: 2"
is "another seed: a new store that holds the new samples.csv" \
    "$(sqlite3 -csv d2/eyeball.db "SELECT id, label, split, source FROM samples ORDER BY id" | cksum)" \
    "$(tail -n +2 d2/samples.csv | cut -d, -f1,3,4,5 | cksum)"
"$EYEBALL" -d d2/eyeball.db status --format json > st2.json
dev_errors=$(json st2.json '$.models[0].splits.dev.errors')
ok "seed 2: dev errors in range for a pass of 100 ($dev_errors)" test "$dev_errors" -ge 100 -a "$dev_errors" -le 160

# Refusals: status 1, a message, nothing written.
mkdir other
echo "my notes" > other/notes.txt
eb demo other --no-review
is "a directory of other files: status 1" "$RC" 1
like "a directory of other files: says why" "$ERR" "^eyeball: other exists and is not a demo directory \(it has no eyeball-demo.txt from an earlier 'eyeball demo'\); name a new or empty directory"
is "a directory of other files: left as it was" "$(ls -A other) $(cat other/notes.txt)" "notes.txt my notes"
mkdir eyeball-demo
touch eyeball-demo/x
eb demo --no-review
like "the default DIR is ./eyeball-demo" "$ERR" "^eyeball: ./eyeball-demo exists and is not a demo directory"
is "the default DIR left as it was" "$(ls -A eyeball-demo)" "x"
echo x > afile
eb demo afile
is "a file: status 1" "$RC" 1
like "a file: says why" "$ERR" "afile exists and is not a directory"
is "a file: left as it was" "$(cat afile)" "x"
eb demo no/such/dir --no-review
is "a missing parent: status 1" "$RC" 1
like "a missing parent: says why" "$ERR" "no/such/dir: cannot create the directory: No such file or directory"
ok "a missing parent: nothing created" test ! -e no
refused "a bad seed" 1 "--seed wants a whole number, not 'abc'" demo d3 --seed abc
refused "two directories" 1 "one DIR at a time" demo d3 d4
refused "an unknown option" 1 "unknown option '--frob'" demo d3 --frob
ok "refusals wrote nothing" test ! -e d3 -a ! -e d4
ok "and no store" test ! -e "$EYEBALL_DB"

eb demo --help
is "--help" "$(printf '%s\n' "$OUT" | head -1)" "usage: eyeball demo [DIR] [--seed S] [--no-review]"
done_testing
