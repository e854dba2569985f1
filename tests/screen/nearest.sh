#!/usr/bin/env bash
# The review panel shows the nearest train examples of the item by cosine similarity of the
# embeddings (ids, labels, similarity), checked against a brute-force search written here.
. "$top_srcdir/tests/cli/lib.sh"

python3 "$top_srcdir/tests/train/blobs.py" .
eb import samples samples.csv
eb import embeddings emb.csv
eb train
printf 'dump\nkey q\n' > keys
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump.txt EYEBALL_SCREEN_SIZE=100x30 \
    run "$EYEBALL" review --model baseline --seed 1
is "scripted review exits 0" "$RC" 0
item=$(sed -n 's/.* id  *\([^ ]*\)$/\1/p' dump.txt | head -1)
got=$(grep -A2 ' nearest ' dump.txt | sed -E 's/^.*│ +//; s/^nearest +//')
# The same search: cosine similarity over the train samples' vectors (as float32).
want=$(python3 - "$item" <<'PY'
import csv, math, struct, sys
item = sys.argv[1]
split = {r["id"]: (r["split"], r["label"]) for r in csv.DictReader(open("samples.csv"))}
vec = {}
for r in csv.reader(open("emb.csv")):
    if r[0] != "id":
        vec[r[0]] = [struct.unpack("<f", struct.pack("<f", float(x)))[0] for x in r[1:]]
q = vec[item]
def cos(a, b):
    return sum(x * y for x, y in zip(a, b)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
near = sorted((-cos(q, v), i) for i, v in vec.items() if split[i][0] == "train" and i != item)[:3]
for s, i in near:
    print("%s  %s  %.2f" % (i, split[i][1], -s))
PY
)
is "the item on screen" "$item" "x092"
is "its three nearest train examples, most similar first" "$got" "$want"
is "... which are of another class than its (wrong) label" "$(printf '%s\n' "$got" | awk '{ print $2 }' | sort -u)" "c2"

# Without embeddings nothing is shown.
sqlite3 "$EYEBALL_DB" "DELETE FROM embeddings"
EYEBALL_KEYS=keys EYEBALL_SCREEN_DUMP=dump2.txt EYEBALL_SCREEN_SIZE=100x30 \
    run "$EYEBALL" review --model baseline
is "no nearest line without embeddings" "$(grep -c nearest dump2.txt)" 0
done_testing
